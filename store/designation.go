package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"capdo/review"
)

// Designations are what Decree 331 adds to a dossier's record: the independent appraiser
// the owner designates (Art. 18.4) and the steps recorded after the approval.
type Designations interface {
	// DesignateAppraiser records or replaces the independent appraiser of a dossier in
	// draft or returned, with its event; ErrConflict in any other status.
	DesignateAppraiser(ctx context.Context, id int64, nd NewDesignation, ev review.Event) (review.Event, error)
	// RecordAfterApproval records, once, a step after the approval; ErrConflict when the
	// dossier is not approved or the step is recorded already.
	RecordAfterApproval(ctx context.Context, id int64, ev review.Event) (review.Event, error)
	// AppraiserOrgs lists, by name, the organisations that may be designated: those with an
	// active infosec account, except org exclude (the unit whose system it is).
	AppraiserOrgs(ctx context.Context, exclude int64) ([]Org, error)
}

// Kinds of independent appraiser (Decree 331 Art. 18.4): another competent unit under the
// owner (point a), or an independent appraisal council (point b).
const (
	AppraiserUnit    = "unit"
	AppraiserCouncil = "council"
)

// NewDesignation is the owner's designation of a dossier's independent appraiser.
type NewDesignation struct {
	OrgID    int64
	Kind     string // AppraiserUnit or AppraiserCouncil
	Decision string // the designating decision's number and date, as written
	ActorID  int64
}

// Designation is the independent appraiser designated for a dossier.
type Designation struct {
	OrgID        int64     `json:"org_id"`
	OrgName      string    `json:"org"`
	Kind         string    `json:"kind"`
	Decision     string    `json:"decision"`
	DesignatedBy string    `json:"designated_by"`
	DesignatedAt time.Time `json:"designated_at"`
}

// DesignateAppraiser records, or replaces, the independent appraiser of dossier id with
// its event (From and To are the dossier's status), while the dossier waits for its
// preparer (draft, returned): once submitted the appraiser is fixed. Errors: ErrNotFound;
// ErrConflict in any other status.
func (db *DB) DesignateAppraiser(ctx context.Context, id int64, nd NewDesignation, ev review.Event) (review.Event, error) {
	now := db.now()
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var status string
		err := tx.QueryRowContext(ctx, "SELECT status FROM dossiers WHERE id = ?", id).Scan(&status)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if status != string(review.Draft) && status != string(review.Returned) {
			return ErrConflict
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO dossier_appraisers(dossier_id, org_id, kind, decision, designated_by, designated_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (dossier_id) DO UPDATE SET org_id = excluded.org_id, kind = excluded.kind,
			decision = excluded.decision, designated_by = excluded.designated_by, designated_at = excluded.designated_at`,
			id, nd.OrgID, nd.Kind, nd.Decision, nullID(nd.ActorID), micros(now)); err != nil {
			return err
		}
		ev.From, ev.To = status, status
		ev, err = db.nextEvent(ctx, tx, id, ev, now)
		return err
	})
	if errors.Is(err, ErrNotFound) || errors.Is(err, ErrConflict) {
		return review.Event{}, err
	}
	if err != nil {
		return review.Event{}, fmt.Errorf("store: designate appraiser: %w", err)
	}
	return ev, nil
}

// designation reads the independent appraiser of dossier id, nil when none.
func (db *DB) designation(ctx context.Context, id int64) (*Designation, error) {
	var d Designation
	var at int64
	err := db.read.QueryRowContext(ctx, `SELECT da.org_id, o.name, da.kind, da.decision, coalesce(u.username, ''), da.designated_at
		FROM dossier_appraisers da JOIN orgs o ON o.id = da.org_id LEFT JOIN users u ON u.id = da.designated_by
		WHERE da.dossier_id = ?`, id).Scan(&d.OrgID, &d.OrgName, &d.Kind, &d.Decision, &d.DesignatedBy, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: designation of dossier %d: %w", id, err)
	}
	d.DesignatedAt = fromMicros(at)
	return &d, nil
}

// RecordAfterApproval records, once, a step taken after dossier id was approved (the
// report to the owner, the Prime Minister's decision on the list): an event from approved
// to approved. Errors: ErrNotFound; ErrConflict when the dossier is not approved or the
// step is recorded already.
func (db *DB) RecordAfterApproval(ctx context.Context, id int64, ev review.Event) (review.Event, error) {
	now := db.now()
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var status string
		var recorded bool
		err := tx.QueryRowContext(ctx, `SELECT d.status, EXISTS (SELECT 1 FROM dossier_events e WHERE e.dossier_id = d.id AND e.action = ?)
			FROM dossiers d WHERE d.id = ?`, ev.Action, id).Scan(&status, &recorded)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if status != string(review.Approved) || recorded {
			return ErrConflict
		}
		ev.From, ev.To = status, status
		ev, err = db.nextEvent(ctx, tx, id, ev, now)
		return err
	})
	if errors.Is(err, ErrNotFound) || errors.Is(err, ErrConflict) {
		return review.Event{}, err
	}
	if err != nil {
		return review.Event{}, fmt.Errorf("store: record %s: %w", ev.Action, err)
	}
	return ev, nil
}

// AppraiserOrgs lists the organisations with an active infosec account, except exclude.
func (db *DB) AppraiserOrgs(ctx context.Context, exclude int64) ([]Org, error) {
	out, err := db.queryOrgs(ctx, `SELECT o.id, o.name, o.parent_id, o.appraises, o.created_at FROM orgs o
		WHERE o.id <> ? AND EXISTS (SELECT 1 FROM users u WHERE u.org_id = o.id AND u.role = 'infosec' AND u.disabled = 0)
		ORDER BY o.name`, exclude)
	if err != nil {
		return nil, fmt.Errorf("store: appraiser organisations: %w", err)
	}
	return out, nil
}

// flag is a bool as the integer the schema stores (0 or 1), the same on every engine.
func flag(b bool) int {
	if b {
		return 1
	}
	return 0
}
