package store

import (
	"context"
	"fmt"
)

// Stats counts the systems and dossiers in scope for the dashboard.
func (db *DB) Stats(ctx context.Context, sc Scope) (Stats, error) {
	st := Stats{ByStatus: map[string]int{}}
	// The subtree's systems and those routed to the caller (routed.go), each with the
	// level approved, as the caller sees it, and the level declared on import, which counts
	// as approved while no approval is recorded in capdo (as the re-rating's baseline does,
	// registry/rerate.go).
	rows, err := db.read.QueryContext(ctx, scopeCTE+routedNewestAll+visibleSystems+`, counted(level, approved, declared, org_id) AS (
		SELECT sy.level, `+approvedLevelOf+`, `+declaredLevelOf+`, sy.org_id FROM visible sy)
		SELECT c.level, c.approved, c.declared, c.org_id, o.name, count(*) FROM counted c JOIN orgs o ON o.id = c.org_id
		GROUP BY c.level, c.approved, c.declared, c.org_id, o.name ORDER BY o.name`, append(sc.args(), sc.Appraises)...)
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

	rows, err = db.read.QueryContext(ctx, scopeCTE+dossierSelect+` WHERE`+scopeDossiers+`
		AND d.due_at IS NOT NULL AND d.due_at < ? AND d.status NOT IN ('approved', 'withdrawn') ORDER BY d.due_at`, append(sc.args(), micros(db.now()))...)
	if err != nil {
		return Stats{}, fmt.Errorf("store: stats: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		d, err := scanDossier(rows)
		if err != nil {
			return Stats{}, fmt.Errorf("store: stats: %w", err)
		}
		st.Overdue = append(st.Overdue, d)
	}
	return st, rows.Err()
}
