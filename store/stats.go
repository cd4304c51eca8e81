package store

import (
	"context"
	"fmt"
	"slices"
)

// statsSystems counts, after scopeCTE and routedNewestAll, the systems the caller sees
// (visibleSystems: the subtree's, and those routed to it at the level of the newest dossier
// routed) by level, approved level, declared level and organisation (parameter:
// Scope.Appraises). The approved level is the level of the system's newest approval
// (approved_at, then dossier id) among those whose dossier the caller sees (scopeDossiers),
// 0 for none; the declared level is the one newest declared on import (migration 0015), 0
// for none. Each is read once per system through a join on the visible systems rather
// than by a subquery per system: on PostgreSQL the per-system subqueries, each with the
// scope's own subqueries, took most of the dashboard's time at 10,000 systems
// (BenchmarkStats).
const statsSystems = `, visible(id, org_id, level) AS (
	SELECT sy.id, sy.org_id, sy.level FROM systems sy WHERE sy.org_id IN (SELECT id FROM sub)
	UNION ALL
	SELECT sy.id, sy.org_id, rd.level FROM routed_d r JOIN dossiers rd ON rd.id = r.dossier_id JOIN systems sy ON sy.id = r.system_id),
	approved(system_id, level) AS (SELECT t.system_id, t.level FROM (
		SELECT a.system_id, d.level, row_number() OVER (PARTITION BY a.system_id ORDER BY a.approved_at DESC, a.dossier_id DESC) AS n
		FROM visible v JOIN dossier_approvals a ON a.system_id = v.id JOIN dossiers d ON d.id = a.dossier_id
		JOIN systems s ON s.id = d.system_id
		WHERE` + scopeDossiers + `) t WHERE t.n = 1),
	declared(system_id, level) AS (SELECT x.system_id, x.level FROM visible v JOIN system_declared_levels x ON x.system_id = v.id
		WHERE x.seq = (SELECT max(y.seq) FROM system_declared_levels y WHERE y.system_id = x.system_id)),
	counted(level, approved, declared, org_id, n) AS (
		SELECT v.level, coalesce(ap.level, 0), coalesce(dl.level, 0), v.org_id, count(*) FROM visible v
		LEFT JOIN approved ap ON ap.system_id = v.id LEFT JOIN declared dl ON dl.system_id = v.id
		GROUP BY v.level, coalesce(ap.level, 0), coalesce(dl.level, 0), v.org_id)
	SELECT c.level, c.approved, c.declared, c.org_id, o.name, c.n FROM counted c JOIN orgs o ON o.id = c.org_id
	ORDER BY o.name, c.org_id`

// Stats counts the systems and dossiers in scope for the dashboard. Overdue holds
// summaries, as ListDossiers returns them, by deadline.
func (db *DB) Stats(ctx context.Context, sc Scope) (Stats, error) {
	st := Stats{ByStatus: map[string]int{}}
	// A level declared on import counts as approved while no approval is recorded in capdo
	// (as the re-rating's baseline does, registry/rerate.go).
	rows, err := db.read.QueryContext(ctx, scopeCTE+routedNewestAll+statsSystems, append(sc.args(), sc.Appraises)...)
	if err != nil {
		return Stats{}, fmt.Errorf("store: stats: %w", err)
	}
	byOrg := map[int64]int{}
	for rows.Next() {
		var level, approved, declared, n int
		var oc OrgCount
		if err := rows.Scan(&level, &approved, &declared, &oc.OrgID, &oc.Name, &n); err != nil {
			rows.Close()
			return Stats{}, fmt.Errorf("store: stats: %w", err)
		}
		if level >= 0 && level < len(st.ByLevel) {
			st.ByLevel[level] += n
		}
		if approved == 0 && declared > 0 && declared < len(st.ByDeclared) {
			approved = declared
			st.ByDeclared[declared] += n
		}
		if approved >= 0 && approved < len(st.ByApproved) {
			st.ByApproved[approved] += n
		}
		st.Systems += n
		if i, ok := byOrg[oc.OrgID]; ok {
			st.ByOrg[i].Count += n
			continue
		}
		oc.Count = n
		byOrg[oc.OrgID] = len(st.ByOrg)
		st.ByOrg = append(st.ByOrg, oc)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return Stats{}, fmt.Errorf("store: stats: %w", err)
	}

	rows, err = db.read.QueryContext(ctx, scopeCTE+`SELECT d.status, count(*) FROM dossiers d JOIN systems s ON s.id = d.system_id
		WHERE`+scopeDossiers+`AND d.status <> 'withdrawn' GROUP BY d.status`, sc.args()...)
	if err != nil {
		return Stats{}, fmt.Errorf("store: stats: %w", err)
	}
	for rows.Next() {
		var status string
		var n int
		if err := rows.Scan(&status, &n); err != nil {
			rows.Close()
			return Stats{}, fmt.Errorf("store: stats: %w", err)
		}
		st.ByStatus[status] = n
		st.Dossiers += n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return Stats{}, fmt.Errorf("store: stats: %w", err)
	}

	// The overdue dossiers are those of the list of overdue ones (dossierWhere), whose
	// summaries leave the profiles, decisions and manifests unread.
	if st.Overdue, err = db.ListDossiers(ctx, sc, DossierFilter{Due: DueOverdue, Now: db.now()}); err != nil {
		return Stats{}, fmt.Errorf("store: stats: %w", err)
	}
	slices.SortStableFunc(st.Overdue, func(a, b Dossier) int { return a.DueAt.Compare(b.DueAt) })
	return st, nil
}
