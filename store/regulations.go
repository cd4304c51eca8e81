package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Regulations are the Quy chế bảo đảm an ninh mạng that organisations issue (Decree
// 331/2026 Art. 30.7; migration 0012). A record is never changed: a new one supersedes the
// organisation's earlier records.
type Regulations interface {
	// AddRegulation records a regulation of organisation r.OrgID; it supersedes the
	// organisation's earlier ones. ErrNotFound when the organisation does not exist, a
	// *QuotaError when it has MaxRegulationsPerOrg already.
	AddRegulation(ctx context.Context, r NewRegulation) (Regulation, error)
	// RegulationsOf lists the records of an organisation, newest first, without content;
	// the first is the one in force (Current).
	RegulationsOf(ctx context.Context, orgID int64) ([]Regulation, error)
	// RegulationFor is the regulation that covers the systems of organisation orgID: the
	// newest record of the nearest organisation from orgID up to its root. ErrNotFound when
	// none of them has one. It does not check scope.
	RegulationFor(ctx context.Context, orgID int64) (Regulation, error)
	// RegulationFile returns one record with its content (Data). It does not check scope:
	// callers check the record's OrgID. ErrNotFound when there is none.
	RegulationFile(ctx context.Context, id int64) (Regulation, error)
}

// MaxRegulationsPerOrg bounds the records of one organisation: each keeps its file (up to
// the upload limit) for ever, and a regulation is amended a few times in its life.
const MaxRegulationsPerOrg = 100

// QuotaRegulations is the QuotaError kind of MaxRegulationsPerOrg.
const QuotaRegulations = "regulations_per_org"

// NewRegulation is a regulation to record.
type NewRegulation struct {
	OrgID       int64
	Number      string // e.g. "12/QĐ-UBND"
	IssuedOn    string // YYYY-MM-DD
	Issuer      string
	FileName    string
	ContentType string
	Data        []byte
	SHA256      string
	ActorID     int64
}

// Regulation is a recorded regulation.
type Regulation struct {
	ID          int64     `json:"id"`
	OrgID       int64     `json:"org_id"`
	OrgName     string    `json:"org"`
	Number      string    `json:"number"`
	IssuedOn    string    `json:"issued_on"`
	Issuer      string    `json:"issuer"`
	FileName    string    `json:"file_name"`
	ContentType string    `json:"content_type"`
	SHA256      string    `json:"sha256"`
	Size        int       `json:"size"`
	RecordedBy  string    `json:"recorded_by"`
	RecordedAt  time.Time `json:"recorded_at"`
	// Current: the newest record of its organisation, the one in force.
	Current bool   `json:"current"`
	Data    []byte `json:"-"`
}

// AddRegulation records a regulation.
func (db *DB) AddRegulation(ctx context.Context, nr NewRegulation) (Regulation, error) {
	now := db.now()
	var id int64
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM orgs WHERE id = ?", nr.OrgID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return ErrNotFound
		}
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM regulations WHERE org_id = ?", nr.OrgID).Scan(&n); err != nil {
			return err
		}
		if n >= MaxRegulationsPerOrg {
			return &QuotaError{Kind: QuotaRegulations, Limit: MaxRegulationsPerOrg}
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO regulations(org_id, number, issued_on, issuer, file_name, content_type, data, sha256, size, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			nr.OrgID, nr.Number, nr.IssuedOn, nr.Issuer, nr.FileName, nr.ContentType, nr.Data, nr.SHA256, len(nr.Data), nullID(nr.ActorID), micros(now))
		if err != nil {
			return err
		}
		id, err = res.LastInsertId()
		return err
	})
	var quota *QuotaError
	if errors.Is(err, ErrNotFound) || errors.As(err, &quota) {
		return Regulation{}, err
	}
	if err != nil {
		return Regulation{}, fmt.Errorf("store: add regulation: %w", err)
	}
	r, err := db.regulationWhere(ctx, db.write, "r.id = ?", id)
	r.Data = nil
	return r, err
}

// regulationColumns select a regulation with whether it is its organisation's newest.
const regulationColumns = `SELECT r.id, r.org_id, o.name, r.number, r.issued_on, r.issuer, r.file_name, r.content_type, r.sha256, r.size,
	coalesce(u.username, ''), r.created_at,
	CASE WHEN r.id = (SELECT max(x.id) FROM regulations x WHERE x.org_id = r.org_id) THEN 1 ELSE 0 END`

const regulationFrom = ` FROM regulations r JOIN orgs o ON o.id = r.org_id LEFT JOIN users u ON u.id = r.created_by`

func scanRegulation(sc interface{ Scan(...any) error }, extra ...any) (Regulation, error) {
	var r Regulation
	var at int64
	var current int
	dest := append([]any{&r.ID, &r.OrgID, &r.OrgName, &r.Number, &r.IssuedOn, &r.Issuer, &r.FileName, &r.ContentType, &r.SHA256, &r.Size,
		&r.RecordedBy, &at, &current}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return Regulation{}, err
	}
	r.RecordedAt, r.Current = fromMicros(at), current == 1
	return r, nil
}

type queryRower interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// regulationWhere reads one record with its content.
func (db *DB) regulationWhere(ctx context.Context, q queryRower, where string, args ...any) (Regulation, error) {
	var data []byte
	row := q.QueryRowContext(ctx, regulationColumns+", r.data"+regulationFrom+" WHERE "+where, args...)
	r, err := scanRegulation(row, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return Regulation{}, ErrNotFound
	}
	if err != nil {
		return Regulation{}, fmt.Errorf("store: regulation: %w", err)
	}
	r.Data = data
	return r, nil
}

// RegulationsOf lists an organisation's records, newest first.
func (db *DB) RegulationsOf(ctx context.Context, orgID int64) ([]Regulation, error) {
	rows, err := db.read.QueryContext(ctx, regulationColumns+regulationFrom+" WHERE r.org_id = ? ORDER BY r.id DESC", orgID)
	if err != nil {
		return nil, fmt.Errorf("store: regulations: %w", err)
	}
	defer rows.Close()
	out := []Regulation{}
	for rows.Next() {
		r, err := scanRegulation(rows)
		if err != nil {
			return nil, fmt.Errorf("store: regulations: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// RegulationFor returns the regulation covering the systems of an organisation.
func (db *DB) RegulationFor(ctx context.Context, orgID int64) (Regulation, error) {
	row := db.read.QueryRowContext(ctx, `WITH RECURSIVE up(id, depth) AS (
		SELECT id, 0 FROM orgs WHERE id = ?
		UNION ALL
		SELECT o.parent_id, up.depth + 1 FROM orgs o JOIN up ON o.id = up.id WHERE o.parent_id IS NOT NULL
	) `+regulationColumns+regulationFrom+` JOIN up ON up.id = r.org_id ORDER BY up.depth, r.id DESC LIMIT 1`, orgID)
	r, err := scanRegulation(row)
	if errors.Is(err, sql.ErrNoRows) {
		return Regulation{}, ErrNotFound
	}
	if err != nil {
		return Regulation{}, fmt.Errorf("store: regulation for organisation %d: %w", orgID, err)
	}
	return r, nil
}

// RegulationFile returns one record with its content.
func (db *DB) RegulationFile(ctx context.Context, id int64) (Regulation, error) {
	return db.regulationWhere(ctx, db.read, "r.id = ?", id)
}
