package store

import (
	"context"
	"fmt"
	"time"

	"capdo/review"
)

// Transitions list what the transition from one decree to the next concerns in a unit's
// subtree (registry/transition.go): the systems whose level was approved under a rule set,
// and the dossiers made under one after a date that still wait for approval.
type Transitions interface {
	// ApprovedUnder lists the systems of sc's subtree whose newest approval was made under
	// ruleSet, and those with no approval recorded in capdo whose newest declared level
	// (migration 0015) is under ruleSet (Declared set), by unit and name, at most limit of
	// them (0: all), with how many there are and how many of them are declared.
	ApprovedUnder(ctx context.Context, sc Scope, ruleSet string, limit int) (list []ApprovedSystem, total, declared int, err error)
	// PendingUnder lists the dossiers in scope (the subtree and those routed to the
	// caller) made under ruleSet at or after since, neither approved nor withdrawn, oldest
	// first, at most limit of them (0: all), with how many there are.
	PendingUnder(ctx context.Context, sc Scope, ruleSet string, since time.Time, limit int) ([]Dossier, int, error)
}

// ApprovedSystem is a system with the approval it holds: one recorded in capdo (DossierID,
// ApprovedAt), or a level declared on import (Declared, DeclaredAt; DossierID 0), which is
// no approval recorded in capdo and counts only while the system has none.
type ApprovedSystem struct {
	SystemID   int64
	Name       string
	OrgName    string
	Level      int
	RuleSet    string
	DossierID  int64
	ApprovedAt time.Time
	Declared   bool
	DeclaredAt time.Time
}

// heldUnder is, after subtreeCTE, the level each system of the subtree holds under a rule
// set (parameters: the set's id twice): its newest approval when made under the set, or,
// for a system with no approval recorded in capdo at all, its newest declared level when
// declared under the set (an approval recorded in capdo always prevails, migration 0015).
// Columns: system_id, level, rule_set, dossier_id (0 when declared), at (the approval's or
// the declaration's time), declared (0 or 1).
const heldUnder = `, held(system_id, level, rule_set, dossier_id, at, declared) AS (
	SELECT a.system_id, d.level, d.rule_set, d.id, a.approved_at, 0 FROM dossier_approvals a JOIN dossiers d ON d.id = a.dossier_id
		JOIN systems s ON s.id = a.system_id
		WHERE d.rule_set = ? AND s.org_id IN (SELECT id FROM sub)
		AND NOT EXISTS (SELECT 1 FROM dossier_approvals l WHERE l.system_id = a.system_id
			AND (l.approved_at > a.approved_at OR (l.approved_at = a.approved_at AND l.dossier_id > a.dossier_id)))
	UNION ALL
	SELECT x.system_id, x.level, x.rule_set, 0, x.declared_at, 1 FROM system_declared_levels x
		JOIN systems s ON s.id = x.system_id
		WHERE x.rule_set = ? AND s.org_id IN (SELECT id FROM sub)
		AND x.seq = (SELECT max(y.seq) FROM system_declared_levels y WHERE y.system_id = x.system_id)
		AND NOT EXISTS (SELECT 1 FROM dossier_approvals l WHERE l.system_id = x.system_id))`

// ApprovedUnder lists the systems of the subtree approved, or declared approved, under a
// rule set.
func (db *DB) ApprovedUnder(ctx context.Context, sc Scope, ruleSet string, limit int) ([]ApprovedSystem, int, int, error) {
	var total, declared int
	if err := db.read.QueryRowContext(ctx, subtreeCTE+heldUnder+` SELECT count(*), coalesce(sum(declared), 0) FROM held`,
		sc.OrgID, ruleSet, ruleSet).Scan(&total, &declared); err != nil {
		return nil, 0, 0, fmt.Errorf("store: systems approved under %s: %w", ruleSet, err)
	}
	page, args := pageClause(limit, 0, []any{sc.OrgID, ruleSet, ruleSet})
	rows, err := db.read.QueryContext(ctx, subtreeCTE+heldUnder+` SELECT s.id, s.name, o.name, h.level, h.rule_set, h.dossier_id, h.at, h.declared
		FROM held h JOIN systems s ON s.id = h.system_id JOIN orgs o ON o.id = s.org_id
		ORDER BY o.name, s.name, s.id`+page, args...)
	if err != nil {
		return nil, 0, 0, fmt.Errorf("store: systems approved under %s: %w", ruleSet, err)
	}
	defer rows.Close()
	var out []ApprovedSystem
	for rows.Next() {
		var a ApprovedSystem
		var at int64
		var decl int
		if err := rows.Scan(&a.SystemID, &a.Name, &a.OrgName, &a.Level, &a.RuleSet, &a.DossierID, &at, &decl); err != nil {
			return nil, 0, 0, fmt.Errorf("store: systems approved under %s: %w", ruleSet, err)
		}
		if a.Declared = decl == 1; a.Declared {
			a.DeclaredAt = fromMicros(at)
		} else {
			a.ApprovedAt = fromMicros(at)
		}
		out = append(out, a)
	}
	return out, total, declared, rows.Err()
}

// pendingWhere selects, after scopeCTE and dossierSelect or a count, the dossiers in scope
// under a rule set since a time, neither approved nor withdrawn.
const pendingWhere = ` WHERE` + scopeDossiers + `AND d.rule_set = ? AND d.created_at >= ? AND d.status NOT IN (?, ?)`

// PendingUnder lists the dossiers in scope made under a rule set since a time and not yet
// approved or withdrawn.
func (db *DB) PendingUnder(ctx context.Context, sc Scope, ruleSet string, since time.Time, limit int) ([]Dossier, int, error) {
	args := append(sc.args(), ruleSet, micros(since), string(review.Approved), string(review.Withdrawn))
	var total int
	if err := db.read.QueryRowContext(ctx, scopeCTE+`SELECT count(*) FROM dossiers d JOIN systems s ON s.id = d.system_id`+pendingWhere, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: dossiers under %s: %w", ruleSet, err)
	}
	page, args := pageClause(limit, 0, args)
	rows, err := db.read.QueryContext(ctx, scopeCTE+dossierSelect+pendingWhere+` ORDER BY d.created_at, d.id`+page, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: dossiers under %s: %w", ruleSet, err)
	}
	defer rows.Close()
	var out []Dossier
	for rows.Next() {
		d, err := scanDossier(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("store: dossiers under %s: %w", ruleSet, err)
		}
		out = append(out, d)
	}
	return out, total, rows.Err()
}
