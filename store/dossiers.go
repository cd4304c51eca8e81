package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"capdo/levels"
	"capdo/review"
)

// routedDossier holds for a dossier (alias d, system alias s) that the workflow routes to
// the caller: one that has left draft, and
//   - of the subtree the caller reviews (an infosec unit), or
//   - routed to an authority (at submission under Decree 85, when the owner forwards it
//     under Decree 331) of the appraisal group the caller appraises for, or
//   - designated to the caller's organisation as its independent appraiser (Decree 331 Art.
//     18.4), for an infosec unit: the caller's organisation is among those it reviews.
//
// Dossiers never return to draft, so one that was submitted stays visible, returned or not.
// Parameter: Scope.Appraises (never equal to a stored group when "").
const routedDossier = `d.status <> 'draft' AND (s.org_id IN (SELECT id FROM reviewed) OR (` + routedAuthority + ` AND ` + appraisalGroup + ` = ?)
	OR d.id IN (SELECT da.dossier_id FROM dossier_appraisers da
		WHERE da.org_id IN (SELECT id FROM sub WHERE depth = 0) AND da.org_id IN (SELECT id FROM reviewed)))`

// routedAuthority holds for a dossier (alias d) that has reached its authority; one made
// before migration 11 (no appraisal group) did at submission from level 4 on.
// appraisalGroup is the group of authorities it is routed to (AppraisesCivil …).
const (
	routedAuthority = `(CASE WHEN d.appraisal_group = '' THEN d.level >= 4 ELSE d.routed_authority = 1 END)`
	appraisalGroup  = `(CASE WHEN d.appraisal_group = '' THEN d.ministry ELSE d.appraisal_group END)`
)

// scopeDossiers restricts dossiers to the caller's subtree and those routed to it. It comes
// right after scopeCTE's WHERE, so that Scope.args supplies all parameters up to it.
const scopeDossiers = " (s.org_id IN (SELECT id FROM sub) OR (" + routedDossier + ")) "

// args are the parameters of scopeCTE and then of scopeDossiers (or of a system's read
// scope), in order.
func (sc Scope) args() []any { return []any{sc.OrgID, sc.ReviewOrgID, sc.Appraises} }

// CreateDossier stores a generated dossier, its files and its first history event, and
// sets the system's status to the new dossier's.
func (db *DB) CreateDossier(ctx context.Context, nd NewDossier) (int64, error) {
	now := db.now()
	p, err := json.Marshal(nd.Profile)
	if err != nil {
		return 0, err
	}
	dec, err := json.Marshal(nd.Decision)
	if err != nil {
		return 0, err
	}
	// ministry is the ministry that manages the system (Decree 85 Art. 12.3). Routing to an
	// authority follows the appraisal group of the pinned procedure (Decree 331 Art. 18.3:
	// the owner's sector), else that ministry. A flow that reaches its authority at
	// submission routes it from then; one forwarded by the owner, when forwarded.
	ministry := nd.Profile.ManagingMinistry()
	if ministry == "" {
		ministry = AppraisesCivil
	}
	group, routed := ministry, nd.Level >= 4
	if nd.Procedure != nil {
		if nd.Procedure.AppraiserGroup != "" {
			group = nd.Procedure.AppraiserGroup
		}
		routed = review.FlowFor(nd.Level, *nd.Procedure).RoutesToAuthority(review.Submitted)
	}
	var id int64
	err = db.inOrgTx(ctx, db.orgOf(ctx, orgOfSystem, nd.SystemID), true, func(tx *sql.Tx) error {
		if err := db.checkQuota(ctx, tx, QuotaDossiers, nd.SystemID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO dossiers(system_id, system_version, level, profile, decision, manifest,
			rule_set, rule_set_digest, templates, templates_digest, status, status_since, due_at, holder, ministry, appraisal_group, routed_authority,
			created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			nd.SystemID, nd.SystemVersion, nd.Level, p, dec, nd.Manifest, nd.RuleSet, nd.RuleSetDigest, nd.Templates, nd.TemplatesDigest,
			nd.Status, micros(now), dueValue(nd.DueAt), nd.Holder, ministry, group, flag(routed), nullID(nd.ActorID), micros(now))
		if err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		for _, f := range nd.Files {
			if _, err := tx.ExecContext(ctx, "INSERT INTO dossier_files(dossier_id, name, data, sha256) VALUES (?, ?, ?, ?)",
				id, f.Name, f.Data, f.SHA256); err != nil {
				return err
			}
		}
		if err := pin(ctx, tx, id, nd.Procedure, nd.RuleFile); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO dossier_search(dossier_id, search) VALUES (?, ?)", id, searchText(&nd.Profile)); err != nil {
			return err
		}
		ev := nd.Event
		ev.Seq, ev.At = 1, now
		if err := db.appendEvent(ctx, tx, id, &ev, ""); err != nil {
			return err
		}
		if nd.Supersede != nil {
			if err := db.supersede(ctx, tx, nd.SystemID, id, nd.SystemVersion, nd.Supersede(id), now); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, "UPDATE systems SET status = ? WHERE id = ?", nd.Status, nd.SystemID)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: create dossier: %w", err)
	}
	return id, nil
}

func dueValue(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return micros(t)
}

// supersede withdraws, in the transaction that stores dossier id of system version version,
// the system's other dossiers that wait for their preparer and that it replaces: the
// returned ones, and the drafts of an older version of the system (no longer submittable).
// They leave every inbox; each gets ev, from its status to withdrawn, in its history.
// Drafts of the same version stay: the preparer may keep two drafts side by side.
func (db *DB) supersede(ctx context.Context, tx *sql.Tx, systemID, id int64, version int, ev review.Event, now time.Time) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, status FROM dossiers WHERE system_id = ? AND id <> ?
		AND (status = 'returned' OR (status = 'draft' AND system_version < ?)) ORDER BY id`, systemID, id, version)
	if err != nil {
		return err
	}
	type open struct {
		id     int64
		status string
	}
	var list []open
	for rows.Next() {
		var o open
		if err := rows.Scan(&o.id, &o.status); err != nil {
			rows.Close()
			return err
		}
		list = append(list, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, o := range list {
		e := ev
		e.From, e.To = o.status, string(review.Withdrawn)
		if _, err := db.nextEvent(ctx, tx, o.id, e, now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE dossiers SET status = ?, status_since = ?, due_at = NULL, holder = '' WHERE id = ?",
			review.Withdrawn, micros(now), o.id); err != nil {
			return err
		}
	}
	return nil
}

// nextEvent numbers ev after the dossier's last event and records it through appendEvent
// (audit.go), inside tx, so that the chain cannot fork even when two people act at the
// same moment. ev.From and ev.To are the caller's.
func (db *DB) nextEvent(ctx context.Context, tx *sql.Tx, dossierID int64, ev review.Event, now time.Time) (review.Event, error) {
	var seq int
	var prev string
	err := tx.QueryRowContext(ctx, "SELECT seq, hash FROM dossier_events WHERE dossier_id = ? ORDER BY seq DESC LIMIT 1", dossierID).Scan(&seq, &prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return review.Event{}, err
	}
	ev.Seq, ev.At = seq+1, now
	if err := db.appendEvent(ctx, tx, dossierID, &ev, prev); err != nil {
		return review.Event{}, err
	}
	return ev, nil
}

func insertEvent(ctx context.Context, tx *sql.Tx, dossierID int64, e review.Event) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO dossier_events(dossier_id, seq, action, from_status, to_status, actor, role, comment, data, at, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		dossierID, e.Seq, e.Action, e.From, e.To, e.Actor, e.Role, e.Comment, e.Data, micros(e.At), e.PrevHash, e.Hash)
	return err
}

// Transition records one workflow step. The event is sealed here, inside the write
// transaction, so the chain cannot fork even when two reviewers act at the same moment
// (appendEvent, audit.go).
func (db *DB) Transition(ctx context.Context, id int64, t Transition) (review.Event, error) {
	now := db.now()
	ev := t.Event
	err := db.inOrgTx(ctx, db.orgOf(ctx, orgOfDossier, id), true, func(tx *sql.Tx) error {
		var status string
		var systemID int64
		var made, current int
		err := tx.QueryRowContext(ctx, `SELECT d.status, d.system_id, d.system_version, s.version
			FROM dossiers d JOIN systems s ON s.id = d.system_id WHERE d.id = ?`, id).Scan(&status, &systemID, &made, &current)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if status == string(review.Approved) {
			return ErrImmutable
		}
		if status != t.From {
			return ErrConflict
		}
		// Checked here, in the transaction that records the step, so that a system edited
		// a moment before cannot slip through: only a return, or its preparer withdrawing
		// it, fits a dossier whose system has changed since it was made.
		if current != made && t.To != string(review.Returned) && t.To != string(review.Withdrawn) {
			return &StaleError{Made: made, Current: current}
		}
		ev.From, ev.To = t.From, t.To
		if ev, err = db.nextEvent(ctx, tx, id, ev, now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE dossiers SET status = ?, status_since = ?, due_at = ?, holder = ?,
			routed_authority = CASE WHEN ? = 1 THEN 1 ELSE routed_authority END WHERE id = ?`,
			t.To, micros(now), dueValue(t.DueAt), t.Holder, flag(t.RouteAuthority), id); err != nil {
			return err
		}
		if t.To == string(review.Approved) {
			if err := approve(ctx, tx, id, systemID, t.Approval, now); err != nil {
				return err
			}
		}
		// The system shows the status of its newest dossier.
		_, err = tx.ExecContext(ctx, `UPDATE systems SET status = ? WHERE id = ? AND
			(SELECT max(id) FROM dossiers WHERE system_id = ?) = ?`, t.To, systemID, systemID, id)
		return err
	})
	var stale *StaleError
	if errors.Is(err, ErrNotFound) || errors.Is(err, ErrConflict) || errors.Is(err, ErrImmutable) || errors.As(err, &stale) {
		return review.Event{}, err
	}
	if err != nil {
		return review.Event{}, fmt.Errorf("store: dossier transition: %w", err)
	}
	return ev, nil
}

// dossierSystemName is the system's name as a dossier row shows it: the system's current
// name in the caller's subtree; for a dossier routed to the caller, the name in the dossier's
// own profile, since a reviewer reads no version but the ones routed to it. CASE reads the
// profile only for those rows.
const dossierSystemName = `CASE WHEN s.org_id IN (SELECT id FROM sub) THEN s.name
	ELSE coalesce(json_extract(d.profile, '$.name'), s.name) END`

const dossierSelect = `SELECT d.id, d.system_id, d.system_version, ` + dossierSystemName + `, s.org_id, o.name, d.level, d.status, d.status_since,
	d.due_at, d.holder, s.version, d.rule_set, d.rule_set_digest, d.templates, d.templates_digest,
	d.profile, d.decision, d.manifest, coalesce(u.username, ''), d.created_at, dp.procedure
	FROM dossiers d JOIN systems s ON s.id = d.system_id JOIN orgs o ON o.id = s.org_id
	LEFT JOIN users u ON u.id = d.created_by LEFT JOIN dossier_procedures dp ON dp.dossier_id = d.id`

func scanDossier(sc interface{ Scan(...any) error }) (Dossier, error) {
	var d Dossier
	var since, created int64
	var due sql.NullInt64
	var p, dec, proc []byte
	err := sc.Scan(&d.ID, &d.SystemID, &d.SystemVersion, &d.SystemName, &d.OrgID, &d.OrgName, &d.Level, &d.Status, &since,
		&due, &d.Holder, &d.SystemCurrent, &d.RuleSet, &d.RuleSetDigest, &d.Templates, &d.TemplatesDigest,
		&p, &dec, &d.Manifest, &d.CreatedBy, &created, &proc)
	if err != nil {
		return Dossier{}, err
	}
	d.StatusSince, d.DueAt, d.CreatedAt = fromMicros(since), nullMicros(due), fromMicros(created)
	if err := json.Unmarshal(p, &d.Profile); err != nil {
		return Dossier{}, err
	}
	if err := json.Unmarshal(dec, &d.Decision); err != nil {
		return Dossier{}, err
	}
	if proc != nil {
		d.Procedure = new(levels.Procedure)
		if err := json.Unmarshal(proc, d.Procedure); err != nil {
			return Dossier{}, err
		}
	}
	return d, nil
}

// Dossier returns a dossier visible in scope, with the list of its files (no contents).
func (db *DB) Dossier(ctx context.Context, sc Scope, id int64) (Dossier, error) {
	d, err := scanDossier(db.read.QueryRowContext(ctx, scopeCTE+dossierSelect+" WHERE"+scopeDossiers+"AND d.id = ?", append(sc.args(), id)...))
	if errors.Is(err, sql.ErrNoRows) {
		return Dossier{}, ErrNotFound
	}
	if err != nil {
		return Dossier{}, fmt.Errorf("store: dossier %d: %w", id, err)
	}
	rows, err := db.read.QueryContext(ctx, "SELECT name, sha256, length(data) FROM dossier_files WHERE dossier_id = ? ORDER BY rowid", id)
	if err != nil {
		return Dossier{}, fmt.Errorf("store: dossier files: %w", err)
	}
	defer rows.Close()
	d.Files = []File{}
	for rows.Next() {
		var f File
		if err := rows.Scan(&f.Name, &f.SHA256, &f.Size); err != nil {
			return Dossier{}, fmt.Errorf("store: dossier files: %w", err)
		}
		d.Files = append(d.Files, f)
	}
	if err := rows.Err(); err != nil {
		return Dossier{}, fmt.Errorf("store: dossier files: %w", err)
	}
	if d.Uploads, err = db.uploads(ctx, id); err != nil {
		return Dossier{}, err
	}
	if d.Status == string(review.Approved) {
		if d.Approval, err = db.approvalOfDossier(ctx, id); err != nil {
			return Dossier{}, err
		}
	}
	if d.Appraiser, err = db.designation(ctx, id); err != nil {
		return Dossier{}, err
	}
	return d, nil
}

// DossierFile returns one stored document of a dossier in scope.
func (db *DB) DossierFile(ctx context.Context, sc Scope, id int64, name string) (File, error) {
	var f File
	err := db.read.QueryRowContext(ctx, scopeCTE+`SELECT f.name, f.sha256, f.data FROM dossier_files f
		JOIN dossiers d ON d.id = f.dossier_id JOIN systems s ON s.id = d.system_id
		WHERE`+scopeDossiers+`AND f.dossier_id = ? AND f.name = ?`, append(sc.args(), id, name)...).Scan(&f.Name, &f.SHA256, &f.Data)
	if errors.Is(err, sql.ErrNoRows) {
		return File{}, ErrNotFound
	}
	if err != nil {
		return File{}, fmt.Errorf("store: dossier file: %w", err)
	}
	f.Size = len(f.Data)
	return f, nil
}

// DossierEvents returns the history of a dossier in scope, oldest first.
func (db *DB) DossierEvents(ctx context.Context, sc Scope, id int64) ([]review.Event, error) {
	if _, err := db.Dossier(ctx, sc, id); err != nil {
		return nil, err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT seq, action, from_status, to_status, actor, role, comment, data, at, prev_hash, hash
		FROM dossier_events WHERE dossier_id = ? ORDER BY seq`, id)
	if err != nil {
		return nil, fmt.Errorf("store: dossier events: %w", err)
	}
	defer rows.Close()
	out := []review.Event{}
	for rows.Next() {
		var e review.Event
		var at int64
		if err := rows.Scan(&e.Seq, &e.Action, &e.From, &e.To, &e.Actor, &e.Role, &e.Comment, &e.Data, &at, &e.PrevHash, &e.Hash); err != nil {
			return nil, fmt.Errorf("store: dossier events: %w", err)
		}
		e.At = fromMicros(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// dossierWhere is the WHERE clause shared by ListDossiers and CountDossiers (after
// scopeCTE) and its arguments, the scope's first.
func dossierWhere(sc Scope, f DossierFilter) (string, []any) {
	q := " WHERE" + scopeDossiers
	args := sc.args()
	if f.SystemID != 0 {
		q += " AND d.system_id = ?"
		args = append(args, f.SystemID)
	}
	if f.Status != "" {
		q += " AND d.status = ?"
		args = append(args, f.Status)
	}
	if f.Level > 0 {
		q += " AND d.level = ?"
		args = append(args, f.Level)
	}
	if f.Holder != "" {
		q += " AND d.holder = ? AND d.status <> 'approved'"
		args = append(args, f.Holder)
	}
	if f.OrgID != 0 {
		q += " AND s.org_id = ?"
		args = append(args, f.OrgID)
	}
	for _, w := range strings.Fields(Fold(f.Query)) {
		q += ` AND (CAST(d.id AS TEXT) = ? OR EXISTS (SELECT 1 FROM dossier_search x WHERE x.dossier_id = d.id AND x.search LIKE ? ESCAPE '\')
			OR (s.org_id IN (SELECT id FROM sub) AND s.search LIKE ? ESCAPE '\'))`
		like := "%" + likeEscape(w) + "%"
		args = append(args, w, like, like)
	}
	// A withdrawn dossier waits for no one: it leaves the lists unless asked for.
	if f.Status == "" && !f.Withdrawn {
		q += " AND d.status <> 'withdrawn'"
	}
	switch f.Due {
	case DueOverdue:
		q += " AND d.due_at IS NOT NULL AND d.due_at < ? AND d.status NOT IN ('approved', 'withdrawn')"
		args = append(args, micros(f.Now))
	case DueSoon:
		q += " AND d.due_at IS NOT NULL AND d.due_at >= ? AND d.due_at < ? AND d.status NOT IN ('approved', 'withdrawn')"
		args = append(args, micros(f.Now), micros(f.Now.Add(DueSoonWithin)))
	case DueAny:
		q += " AND d.due_at IS NOT NULL AND d.status NOT IN ('approved', 'withdrawn')"
	}
	return q, args
}

// dossierSummary selects what a list shows: not the profile, decision or manifest, which a
// list never shows and whose JSON would be read and decoded for every row.
//
// A returned dossier carries the reason it was returned (its last return's comment), for the
// preparer's inbox.
const dossierSummary = `SELECT d.id, d.system_id, d.system_version, ` + dossierSystemName + `, s.org_id, o.name, d.level, d.status, d.status_since,
	d.due_at, d.holder, s.version, d.rule_set, d.rule_set_digest, d.templates, d.templates_digest,
	coalesce(u.username, ''), d.created_at,
	CASE WHEN d.status = 'returned' THEN (SELECT e.comment FROM dossier_events e
		WHERE e.dossier_id = d.id AND e.action = 'return' ORDER BY e.seq DESC LIMIT 1) END,
	(SELECT max(e.at) FROM dossier_events e WHERE e.dossier_id = d.id AND e.action = 'submit')
	FROM dossiers d JOIN systems s ON s.id = d.system_id JOIN orgs o ON o.id = s.org_id
	LEFT JOIN users u ON u.id = d.created_by`

// ListDossiers lists the dossiers in scope, newest first, one page when f.Limit or
// f.Offset is set. It returns summaries: Profile, Decision, Manifest and Files are empty.
func (db *DB) ListDossiers(ctx context.Context, sc Scope, f DossierFilter) ([]Dossier, error) {
	where, args := dossierWhere(sc, f)
	page, args := pageClause(f.Limit, f.Offset, args)
	rows, err := db.read.QueryContext(ctx, scopeCTE+dossierSummary+where+" ORDER BY d.id DESC"+page, args...)
	if err != nil {
		return nil, fmt.Errorf("store: list dossiers: %w", err)
	}
	defer rows.Close()
	out := []Dossier{}
	for rows.Next() {
		var d Dossier
		var since, created int64
		var due sql.NullInt64
		var reason sql.NullString
		var submitted sql.NullInt64
		if err := rows.Scan(&d.ID, &d.SystemID, &d.SystemVersion, &d.SystemName, &d.OrgID, &d.OrgName, &d.Level, &d.Status,
			&since, &due, &d.Holder, &d.SystemCurrent, &d.RuleSet, &d.RuleSetDigest, &d.Templates, &d.TemplatesDigest,
			&d.CreatedBy, &created, &reason, &submitted); err != nil {
			return nil, fmt.Errorf("store: list dossiers: %w", err)
		}
		d.ReturnReason = reason.String
		d.StatusSince, d.DueAt, d.CreatedAt = fromMicros(since), nullMicros(due), fromMicros(created)
		d.SubmittedAt = nullMicros(submitted)
		out = append(out, d)
	}
	return out, rows.Err()
}

// CountDossiers counts the dossiers in scope that pass the filter; Limit and Offset are
// ignored.
func (db *DB) CountDossiers(ctx context.Context, sc Scope, f DossierFilter) (int, error) {
	where, args := dossierWhere(sc, f)
	var n int
	err := db.read.QueryRowContext(ctx, scopeCTE+"SELECT count(*) FROM dossiers d JOIN systems s ON s.id = d.system_id"+where, args...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: count dossiers: %w", err)
	}
	return n, nil
}
