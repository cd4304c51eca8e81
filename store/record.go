package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"capdo/review"
)

// Record is the official record of a dossier beyond its generated documents (docs/contract.md §6,
// migration 0008): the documents uploaded to it, its approval and the approval decision.
type Record interface {
	// AddUpload stores a document uploaded to dossier id and records it in its history, in
	// one transaction, if the dossier is still in u.Status (ErrConflict otherwise). The
	// stored name is u.Name, made unique in the dossier.
	AddUpload(ctx context.Context, id int64, u NewUpload) (Upload, error)
	// DossierUpload returns one uploaded document, with its content, of a dossier in scope.
	DossierUpload(ctx context.Context, sc Scope, id int64, name string) (Upload, error)
	// RecordDecision records, once, the decision of an approved dossier and appends ev to
	// its history: ErrConflict when the dossier is not approved or has its decision.
	RecordDecision(ctx context.Context, id int64, d NewDecision, ev review.Event) (review.Event, error)
	// RoutedOrgs lists the organisations outside the caller's subtree with dossiers routed
	// to it, by name: the units a reviewer's lists can be filtered by besides its own.
	RoutedOrgs(ctx context.Context, sc Scope) ([]Org, error)
}

// Upload is a document uploaded to a dossier.
type Upload struct {
	Name        string
	Kind        string // a review.Kind
	ContentType string
	SHA256      string
	Size        int
	UploadedBy  string
	UploadedAt  time.Time
	Data        []byte // DossierUpload only
}

// NewUpload is a document to store. Its content has been checked (registry.CheckDocument).
type NewUpload struct {
	Status      string // the status the dossier must still be in
	Kind        string
	Name        string // sanitized; the store adds -2, -3… when the dossier has it already
	ContentType string
	Data        []byte
	SHA256      string
	ActorID     int64
	// Reserved are names the upload may not take: the generated documents, the manifest and
	// the zip of the dossier, which the same download route serves.
	Reserved []string
	// Check, when set, is given the number and total size of the dossier's uploads, read in
	// the transaction that stores this one, and may refuse it (a quota).
	Check func(count int, total int64) error
	// Event is the history event; the store sets its From and To (the status), Data
	// (review.UploadData with the stored name), Seq, At and hashes.
	Event review.Event
}

// NewApproval is what is recorded with an approval.
type NewApproval struct {
	// InspectionMonths is the inspection cycle of the dossier's rule set for its level (0:
	// none known).
	InspectionMonths int
	// Decision is the decision's number and date, when given with the approval.
	Decision *NewDecision
}

// NewDecision is the approval decision's number and date, checked by the caller.
type NewDecision struct {
	Number  string
	Date    string // YYYY-MM-DD
	ActorID int64
}

// Approval is the approval of a dossier: the level approved and, once recorded, the
// decision.
type Approval struct {
	DossierID        int64
	Level            int
	RuleSet          string
	ApprovedAt       time.Time
	InspectionMonths int
	Decision         *Decision // nil until recorded
}

// Decision is a recorded approval decision.
type Decision struct {
	Number     string
	Date       string // YYYY-MM-DD, as written on the decision
	RecordedBy string
	RecordedAt time.Time
}

// NextInspection is the date of the next periodic inspection (Decree 85 Art. 20.2.c): one
// cycle after the decision's date, or after the approval's until the decision is recorded.
// Zero when the rule set names no cycle.
func (a Approval) NextInspection() time.Time {
	if a.InspectionMonths <= 0 {
		return time.Time{}
	}
	from := a.ApprovedAt.In(review.Vietnam)
	if a.Decision != nil {
		if d, err := time.ParseInLocation(time.DateOnly, a.Decision.Date, review.Vietnam); err == nil {
			from = d
		}
	}
	y, m, d := from.Date()
	return time.Date(y, m+time.Month(a.InspectionMonths), d, 0, 0, 0, 0, review.Vietnam)
}

// approve records the approval of dossier id, in the transaction that approves it.
func approve(ctx context.Context, tx *sql.Tx, id, systemID int64, a *NewApproval, now time.Time) error {
	months := 0
	if a != nil {
		months = a.InspectionMonths
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO dossier_approvals(dossier_id, system_id, inspection_months, approved_at) VALUES (?, ?, ?, ?)",
		id, systemID, months, micros(now)); err != nil {
		return err
	}
	if a == nil || a.Decision == nil {
		return nil
	}
	return insertDecision(ctx, tx, id, *a.Decision, now)
}

func insertDecision(ctx context.Context, tx *sql.Tx, id int64, d NewDecision, now time.Time) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO dossier_decisions(dossier_id, number, date, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)",
		id, d.Number, d.Date, nullID(d.ActorID), micros(now))
	return err
}

// RecordDecision records the decision of an approved dossier, once.
func (db *DB) RecordDecision(ctx context.Context, id int64, d NewDecision, ev review.Event) (review.Event, error) {
	now := db.now()
	err := db.inOrgTx(ctx, db.orgOf(ctx, orgOfDossier, id), true, func(tx *sql.Tx) error {
		var status string
		var recorded bool
		err := tx.QueryRowContext(ctx, `SELECT d.status, EXISTS (SELECT 1 FROM dossier_decisions dc WHERE dc.dossier_id = d.id)
			FROM dossiers d WHERE d.id = ?`, id).Scan(&status, &recorded)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if status != string(review.Approved) || recorded {
			return ErrConflict
		}
		if err := insertDecision(ctx, tx, id, d, now); err != nil {
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
		return review.Event{}, fmt.Errorf("store: record decision: %w", err)
	}
	return ev, nil
}

// approvalSelect reads an approval with its dossier and decision (aliases a, ad, dc).
const (
	approvalColumns = `a.dossier_id, d.level, d.rule_set, a.approved_at, a.inspection_months,
	dc.number, dc.date, coalesce(du.username, ''), dc.recorded_at`
	approvalFrom = ` FROM dossier_approvals a JOIN dossiers d ON d.id = a.dossier_id
	LEFT JOIN dossier_decisions dc ON dc.dossier_id = a.dossier_id LEFT JOIN users du ON du.id = dc.recorded_by`
	approvalSelect = "SELECT " + approvalColumns + approvalFrom
)

// scanApproval reads approvalColumns, after the columns given in first.
func scanApproval(sc interface{ Scan(...any) error }, first ...any) (*Approval, error) {
	var a Approval
	var at int64
	var number, date sql.NullString
	var by string
	var recorded sql.NullInt64
	dest := append(first, &a.DossierID, &a.Level, &a.RuleSet, &at, &a.InspectionMonths, &number, &date, &by, &recorded)
	if err := sc.Scan(dest...); err != nil {
		return nil, err
	}
	a.ApprovedAt = fromMicros(at)
	if number.Valid {
		a.Decision = &Decision{Number: number.String, Date: date.String, RecordedBy: by, RecordedAt: nullMicros(recorded)}
	}
	return &a, nil
}

// approvalOfDossier reads the approval of an approved dossier the caller already sees.
// A dossier approved before migration 0008 has one from the migration.
func (db *DB) approvalOfDossier(ctx context.Context, id int64) (*Approval, error) {
	a, err := scanApproval(db.read.QueryRowContext(ctx, approvalSelect+" WHERE a.dossier_id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: approval of dossier %d: %w", id, err)
	}
	return a, nil
}

// approvalOfSystem reads the newest approval of a system among the dossiers the caller
// sees: any of its subtree's, only those routed to it otherwise.
func (db *DB) approvalOfSystem(ctx context.Context, sc Scope, systemID int64) (*Approval, error) {
	a, err := scanApproval(db.read.QueryRowContext(ctx, scopeCTE+approvalSelect+` JOIN systems s ON s.id = d.system_id
		WHERE`+scopeDossiers+`AND a.system_id = ? ORDER BY a.approved_at DESC, a.dossier_id DESC LIMIT 1`, append(sc.args(), systemID)...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: approval of system %d: %w", systemID, err)
	}
	return a, nil
}

// AddUpload stores an uploaded document and its history event in one transaction.
func (db *DB) AddUpload(ctx context.Context, id int64, u NewUpload) (Upload, error) {
	now := db.now()
	out := Upload{Kind: u.Kind, ContentType: u.ContentType, SHA256: u.SHA256, Size: len(u.Data), UploadedAt: now}
	err := db.inOrgTx(ctx, db.orgOf(ctx, orgOfDossier, id), true, func(tx *sql.Tx) error {
		var status string
		err := tx.QueryRowContext(ctx, "SELECT status FROM dossiers WHERE id = ?", id).Scan(&status)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if status != u.Status {
			return ErrConflict
		}
		taken := map[string]bool{}
		for _, n := range u.Reserved {
			taken[n] = true
		}
		rows, err := tx.QueryContext(ctx, "SELECT name, size FROM dossier_uploads WHERE dossier_id = ?", id)
		if err != nil {
			return err
		}
		count, total := 0, int64(0)
		for rows.Next() {
			var name string
			var size int64
			if err := rows.Scan(&name, &size); err != nil {
				rows.Close()
				return err
			}
			taken[name] = true
			count++
			total += size
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if u.Check != nil {
			if err := u.Check(count, total); err != nil {
				return err
			}
		}
		out.Name = uniqueName(u.Name, taken)
		if _, err := tx.ExecContext(ctx, `INSERT INTO dossier_uploads(dossier_id, name, kind, content_type, data, sha256, size, uploaded_by, uploaded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, out.Name, u.Kind, u.ContentType, u.Data, u.SHA256, len(u.Data), nullID(u.ActorID), micros(now)); err != nil {
			return err
		}
		ev := u.Event
		ev.From, ev.To, ev.Data = status, status, review.UploadData(review.Kind(u.Kind), out.Name, u.SHA256)
		_, err = db.nextEvent(ctx, tx, id, ev, now)
		return err
	})
	if errors.Is(err, ErrNotFound) || errors.Is(err, ErrConflict) {
		return Upload{}, err
	}
	if err != nil {
		// Wrapped: a refusal of u.Check stays recognisable by errors.As.
		return Upload{}, fmt.Errorf("store: upload: %w", err)
	}
	return out, nil
}

// uniqueName is name, or name with -2, -3… before its extension, whichever is not taken.
func uniqueName(name string, taken map[string]bool) string {
	if !taken[name] {
		return name
	}
	base, ext := name, ""
	for i := len(name) - 1; i > 0; i-- {
		if name[i] == '.' {
			base, ext = name[:i], name[i:]
			break
		}
	}
	for n := 2; ; n++ {
		if c := fmt.Sprintf("%s-%d%s", base, n, ext); !taken[c] {
			return c
		}
	}
}

// uploads lists the documents uploaded to a dossier, oldest first, without contents.
func (db *DB) uploads(ctx context.Context, id int64) ([]Upload, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT f.name, f.kind, f.content_type, f.sha256, f.size, coalesce(u.username, ''), f.uploaded_at
		FROM dossier_uploads f LEFT JOIN users u ON u.id = f.uploaded_by WHERE f.dossier_id = ? ORDER BY f.uploaded_at, f.rowid`, id)
	if err != nil {
		return nil, fmt.Errorf("store: dossier uploads: %w", err)
	}
	defer rows.Close()
	out := []Upload{}
	for rows.Next() {
		var f Upload
		var at int64
		if err := rows.Scan(&f.Name, &f.Kind, &f.ContentType, &f.SHA256, &f.Size, &f.UploadedBy, &at); err != nil {
			return nil, fmt.Errorf("store: dossier uploads: %w", err)
		}
		f.UploadedAt = fromMicros(at)
		out = append(out, f)
	}
	return out, rows.Err()
}

// DossierUpload returns one uploaded document of a dossier in scope, with its content.
func (db *DB) DossierUpload(ctx context.Context, sc Scope, id int64, name string) (Upload, error) {
	var f Upload
	var at int64
	err := db.read.QueryRowContext(ctx, scopeCTE+`SELECT f.name, f.kind, f.content_type, f.sha256, f.size, coalesce(u.username, ''), f.uploaded_at, f.data
		FROM dossier_uploads f JOIN dossiers d ON d.id = f.dossier_id JOIN systems s ON s.id = d.system_id
		LEFT JOIN users u ON u.id = f.uploaded_by
		WHERE`+scopeDossiers+`AND f.dossier_id = ? AND f.name = ?`, append(sc.args(), id, name)...).
		Scan(&f.Name, &f.Kind, &f.ContentType, &f.SHA256, &f.Size, &f.UploadedBy, &at, &f.Data)
	if errors.Is(err, sql.ErrNoRows) {
		return Upload{}, ErrNotFound
	}
	if err != nil {
		return Upload{}, fmt.Errorf("store: dossier upload: %w", err)
	}
	f.UploadedAt = fromMicros(at)
	return f, nil
}

// RoutedOrgs lists the organisations outside the caller's subtree with dossiers routed to
// it.
func (db *DB) RoutedOrgs(ctx context.Context, sc Scope) ([]Org, error) {
	if sc.ReviewOrgID == 0 && sc.Appraises == "" {
		return nil, nil
	}
	out, err := db.queryOrgs(ctx, scopeCTE+`SELECT o.id, o.name, o.parent_id, o.appraises, o.created_at FROM orgs o
		WHERE o.id NOT IN (SELECT id FROM sub) AND o.id IN (SELECT s.org_id FROM dossiers d JOIN systems s ON s.id = d.system_id
			WHERE `+routedDossier+`)
		ORDER BY o.name`, sc.args()...)
	if err != nil {
		return nil, fmt.Errorf("store: routed organisations: %w", err)
	}
	return out, nil
}

// fillDossierSearch gives the dossiers made before migration 0008 their search text, once:
// SQL cannot fold Vietnamese, so Open does it after the migrations.
func (db *DB) fillDossierSearch(ctx context.Context) error {
	rows, err := db.write.QueryContext(ctx, `SELECT d.id, d.profile FROM dossiers d
		WHERE NOT EXISTS (SELECT 1 FROM dossier_search x WHERE x.dossier_id = d.id)`)
	if err != nil {
		return fmt.Errorf("store: dossier search: %w", err)
	}
	type todo struct {
		id     int64
		search string
	}
	var list []todo
	for rows.Next() {
		var id int64
		var p []byte
		if err := rows.Scan(&id, &p); err != nil {
			rows.Close()
			return fmt.Errorf("store: dossier search: %w", err)
		}
		var prof struct{ ID, Name, Owner, Operator string }
		_ = json.Unmarshal(p, &prof) // a profile that does not decode is found by nothing
		list = append(list, todo{id, Fold(prof.ID + " " + prof.Name + " " + prof.Owner + " " + prof.Operator)})
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(list) == 0 {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		for _, t := range list {
			if _, err := tx.ExecContext(ctx, "INSERT INTO dossier_search(dossier_id, search) VALUES (?, ?) ON CONFLICT (dossier_id) DO NOTHING", t.id, t.search); err != nil {
				return err
			}
		}
		return nil
	})
}
