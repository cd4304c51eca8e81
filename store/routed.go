package store

import (
	"context"
	"fmt"
	"strings"
)

// A reviewer's lists and dashboard include the systems routed to it (issue 12: an
// appraiser that appraised a system must find it). A system outside the caller's subtree
// is shown as the version of the newest dossier routed to it: its level, status, names and
// search text are that dossier's, never what the unit saved since (see Scope).

// routedNewestAll is, after scopeCTE, the newest dossier routed to the caller of every
// system outside its subtree (parameter: Scope.Appraises).
const routedNewestAll = `, routed_d(system_id, dossier_id) AS (
	SELECT d.system_id, max(d.id) FROM dossiers d JOIN systems s ON s.id = d.system_id
	WHERE s.org_id NOT IN (SELECT id FROM sub) AND ` + routedDossier + ` GROUP BY d.system_id)`

// visibleSystems is, after scopeCTE and routedNewestAll, every system the caller's lists
// show: id, org_id, level, status, the search text, the time of the last change, and the
// routed dossier (0 for a system of the subtree). Filters apply to its columns (alias v).
const visibleSystems = `, visible(id, org_id, level, status, search, upd, dossier_id) AS (
	SELECT sy.id, sy.org_id, sy.level, sy.status, sy.search, sy.updated_at, 0 FROM systems sy
	WHERE sy.org_id IN (SELECT id FROM sub)
	UNION ALL
	SELECT sy.id, sy.org_id, rd.level, rd.status, coalesce(x.search, ''), rd.status_since, rd.id
	FROM routed_d r JOIN dossiers rd ON rd.id = r.dossier_id JOIN systems sy ON sy.id = r.system_id
	LEFT JOIN dossier_search x ON x.dossier_id = rd.id)`

// visibleWhere filters visible (alias v) as systemWhere filters systems.
func visibleWhere(f SystemFilter) (string, []any) {
	q := " WHERE 1 = 1"
	var args []any
	if f.RoutedOnly {
		q += " AND v.dossier_id <> 0"
	}
	if f.Level >= 0 {
		q += " AND v.level = ?"
		args = append(args, f.Level)
	}
	if f.OrgID != 0 {
		q += " AND v.org_id = ?"
		args = append(args, f.OrgID)
	}
	if f.Status != "" {
		q += " AND v.status = ?"
		args = append(args, f.Status)
	}
	for _, w := range strings.Fields(Fold(f.Query)) {
		q += ` AND v.search LIKE ? ESCAPE '\'`
		args = append(args, "%"+likeEscape(w)+"%")
	}
	return q, args
}

// listSystemsRouted is ListSystems with the systems routed to the caller.
func (db *DB) listSystemsRouted(ctx context.Context, sc Scope, f SystemFilter) ([]System, error) {
	where, fargs := visibleWhere(f)
	// scopeCTE and routedNewestAll take exactly sc.args().
	args := append(sc.args(), fargs...)
	page, args := pageClause(f.Limit, f.Offset, args)
	q := scopeCTE + routedNewestAll + visibleSystems + `, page AS (SELECT v.id, v.dossier_id, v.upd FROM visible v` + where +
		" ORDER BY v.upd DESC, v.id DESC" + page + `)
		SELECT s.id, s.org_id, o.name,
		CASE WHEN page.dossier_id = 0 THEN s.level ELSE rd.level END,
		CASE WHEN page.dossier_id = 0 THEN s.version ELSE rd.system_version END,
		CASE WHEN page.dossier_id = 0 THEN s.status ELSE rd.status END,
		CASE WHEN page.dossier_id = 0 THEN s.ext_id ELSE coalesce(json_extract(rd.profile, '$.id'), '') END,
		CASE WHEN page.dossier_id = 0 THEN s.name ELSE coalesce(json_extract(rd.profile, '$.name'), '') END,
		CASE WHEN page.dossier_id = 0 THEN s.owner ELSE coalesce(json_extract(rd.profile, '$.owner'), '') END,
		` + operatorOf(f, `CASE WHEN page.dossier_id = 0 THEN `+currentOperator+` ELSE coalesce(json_extract(rd.profile, '$.operator'), '') END`) + `,
		coalesce(u.username, ''), s.created_at, page.upd, page.dossier_id
		FROM page JOIN systems s ON s.id = page.id JOIN orgs o ON o.id = s.org_id
		LEFT JOIN dossiers rd ON rd.id = page.dossier_id LEFT JOIN users u ON u.id = s.created_by
		ORDER BY page.upd DESC, s.id DESC`
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: list systems: %w", err)
	}
	defer rows.Close()
	out := []System{}
	for rows.Next() {
		var s System
		var created, updated, routed int64
		if err := rows.Scan(&s.ID, &s.OrgID, &s.OrgName, &s.Level, &s.Version, &s.Status, &s.Profile.ID, &s.Profile.Name,
			&s.Profile.Owner, &s.Profile.Operator, &s.CreatedBy, &created, &updated, &routed); err != nil {
			return nil, fmt.Errorf("store: list systems: %w", err)
		}
		s.CreatedAt, s.UpdatedAt, s.Routed = fromMicros(created), fromMicros(updated), routed != 0
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list systems: %w", err)
	}
	return out, db.fillHeld(ctx, sc, out)
}

// countSystemsRouted is CountSystems with the systems routed to the caller.
func (db *DB) countSystemsRouted(ctx context.Context, sc Scope, f SystemFilter) (int, error) {
	where, fargs := visibleWhere(f)
	args := append(sc.args(), fargs...)
	var n int
	if err := db.read.QueryRowContext(ctx, scopeCTE+routedNewestAll+visibleSystems+"SELECT count(*) FROM visible v"+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count systems: %w", err)
	}
	return n, nil
}

// fillApprovals sets the approval the caller sees of each listed system: the newest of
// its approved dossiers that the caller sees (any of its subtree's, the routed ones
// otherwise). One query per approvalBatch systems, so that an unpaged list of any length
// stays within SQLite's limit on parameters.
func (db *DB) fillApprovals(ctx context.Context, sc Scope, list []System) error {
	at := make(map[int64]int, len(list))
	for i, s := range list {
		at[s.ID] = i
	}
	for from := 0; from < len(list); from += approvalBatch {
		batch := list[from:min(from+approvalBatch, len(list))]
		ids := make([]string, len(batch))
		args := sc.args()
		for i, s := range batch {
			ids[i] = "?"
			args = append(args, s.ID)
		}
		if err := db.approvalsOf(ctx, scopeCTE+"SELECT d.system_id, "+approvalColumns+approvalFrom+` JOIN systems s ON s.id = d.system_id
			WHERE`+scopeDossiers+`AND d.system_id IN (`+strings.Join(ids, ", ")+`)`, args, list, at); err != nil {
			return err
		}
	}
	return nil
}

// approvalBatch is how many systems one query of fillApprovals covers.
const approvalBatch = 500

func (db *DB) approvalsOf(ctx context.Context, q string, args []any, list []System, at map[int64]int) error {
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("store: approvals: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var systemID int64
		a, err := scanApproval(rows, &systemID)
		if err != nil {
			return fmt.Errorf("store: approvals: %w", err)
		}
		s := &list[at[systemID]]
		if s.Approved == nil || a.ApprovedAt.After(s.Approved.ApprovedAt) ||
			(a.ApprovedAt.Equal(s.Approved.ApprovedAt) && a.DossierID > s.Approved.DossierID) {
			s.Approved = a
		}
	}
	return rows.Err()
}
