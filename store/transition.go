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
	// ruleSet, by unit and name, at most limit of them (0: all), with how many there are.
	ApprovedUnder(ctx context.Context, sc Scope, ruleSet string, limit int) ([]ApprovedSystem, int, error)
	// PendingUnder lists the dossiers in scope (the subtree and those routed to the
	// caller) made under ruleSet at or after since, neither approved nor withdrawn, oldest
	// first, at most limit of them (0: all), with how many there are.
	PendingUnder(ctx context.Context, sc Scope, ruleSet string, since time.Time, limit int) ([]Dossier, int, error)
}

// ApprovedSystem is a system with the approval it holds.
type ApprovedSystem struct {
	SystemID   int64
	Name       string
	OrgName    string
	Level      int
	RuleSet    string
	DossierID  int64
	ApprovedAt time.Time
}

// approvedUnder selects, after subtreeCTE, the approvals under a rule set (parameter: the
// set's id) of the subtree's systems that no later approval of the same system replaced.
const approvedUnder = ` SELECT %s FROM dossier_approvals a JOIN dossiers d ON d.id = a.dossier_id
		JOIN systems s ON s.id = a.system_id JOIN orgs o ON o.id = s.org_id
		WHERE d.rule_set = ? AND s.org_id IN (SELECT id FROM sub)
		AND NOT EXISTS (SELECT 1 FROM dossier_approvals l WHERE l.system_id = a.system_id
			AND (l.approved_at > a.approved_at OR (l.approved_at = a.approved_at AND l.dossier_id > a.dossier_id)))`

// ApprovedUnder lists the systems of the subtree approved under a rule set.
func (db *DB) ApprovedUnder(ctx context.Context, sc Scope, ruleSet string, limit int) ([]ApprovedSystem, int, error) {
	var total int
	if err := db.read.QueryRowContext(ctx, subtreeCTE+fmt.Sprintf(approvedUnder, "count(*)"), sc.OrgID, ruleSet).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: systems approved under %s: %w", ruleSet, err)
	}
	page, args := pageClause(limit, 0, []any{sc.OrgID, ruleSet})
	rows, err := db.read.QueryContext(ctx, subtreeCTE+fmt.Sprintf(approvedUnder, "s.id, s.name, o.name, d.level, d.rule_set, d.id, a.approved_at")+
		" ORDER BY o.name, s.name, s.id"+page, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: systems approved under %s: %w", ruleSet, err)
	}
	defer rows.Close()
	var out []ApprovedSystem
	for rows.Next() {
		var a ApprovedSystem
		var at int64
		if err := rows.Scan(&a.SystemID, &a.Name, &a.OrgName, &a.Level, &a.RuleSet, &a.DossierID, &at); err != nil {
			return nil, 0, fmt.Errorf("store: systems approved under %s: %w", ruleSet, err)
		}
		a.ApprovedAt = fromMicros(at)
		out = append(out, a)
	}
	return out, total, rows.Err()
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
