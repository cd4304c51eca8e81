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
	// ruleSet, by unit and name.
	ApprovedUnder(ctx context.Context, sc Scope, ruleSet string) ([]ApprovedSystem, error)
	// PendingUnder lists the dossiers in scope (the subtree and those routed to the
	// caller) made under ruleSet at or after since, neither approved nor withdrawn, oldest
	// first.
	PendingUnder(ctx context.Context, sc Scope, ruleSet string, since time.Time) ([]Dossier, error)
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

// ApprovedUnder lists the systems of the subtree approved under a rule set.
func (db *DB) ApprovedUnder(ctx context.Context, sc Scope, ruleSet string) ([]ApprovedSystem, error) {
	rows, err := db.read.QueryContext(ctx, subtreeCTE+`, newest(system_id, dossier_id) AS (
		SELECT s.id, (SELECT a.dossier_id FROM dossier_approvals a WHERE a.system_id = s.id ORDER BY a.approved_at DESC, a.dossier_id DESC LIMIT 1)
		FROM systems s WHERE s.org_id IN (SELECT id FROM sub))
		SELECT s.id, s.name, o.name, d.level, d.rule_set, d.id, a.approved_at
		FROM newest n JOIN systems s ON s.id = n.system_id JOIN orgs o ON o.id = s.org_id
		JOIN dossiers d ON d.id = n.dossier_id JOIN dossier_approvals a ON a.dossier_id = d.id
		WHERE d.rule_set = ? ORDER BY o.name, s.name, s.id`, sc.OrgID, ruleSet)
	if err != nil {
		return nil, fmt.Errorf("store: systems approved under %s: %w", ruleSet, err)
	}
	defer rows.Close()
	var out []ApprovedSystem
	for rows.Next() {
		var a ApprovedSystem
		var at int64
		if err := rows.Scan(&a.SystemID, &a.Name, &a.OrgName, &a.Level, &a.RuleSet, &a.DossierID, &at); err != nil {
			return nil, fmt.Errorf("store: systems approved under %s: %w", ruleSet, err)
		}
		a.ApprovedAt = fromMicros(at)
		out = append(out, a)
	}
	return out, rows.Err()
}

// PendingUnder lists the dossiers in scope made under a rule set since a time and not yet
// approved or withdrawn.
func (db *DB) PendingUnder(ctx context.Context, sc Scope, ruleSet string, since time.Time) ([]Dossier, error) {
	rows, err := db.read.QueryContext(ctx, scopeCTE+dossierSelect+` WHERE`+scopeDossiers+`AND d.rule_set = ? AND d.created_at >= ?
		AND d.status NOT IN (?, ?) ORDER BY d.created_at, d.id`,
		append(sc.args(), ruleSet, micros(since), string(review.Approved), string(review.Withdrawn))...)
	if err != nil {
		return nil, fmt.Errorf("store: dossiers under %s: %w", ruleSet, err)
	}
	defer rows.Close()
	var out []Dossier
	for rows.Next() {
		d, err := scanDossier(rows)
		if err != nil {
			return nil, fmt.Errorf("store: dossiers under %s: %w", ruleSet, err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
