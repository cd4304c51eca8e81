package registry

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"capdo/dossier"
	"capdo/inventory"
	"capdo/levels"
	"capdo/store"
)

// Re-rating the registry (docs/contract.md §7): every system the caller sees, at the version it
// sees, classified under a chosen rule set and compared with the level approved — in capdo
// (an approval), or before it (a level declared on import). It changes nothing; applying
// it (ApplyRerate) makes draft dossiers under the set, and an approval stays what it is
// until a dossier is approved.

// Where a re-rating's baseline comes from.
const (
	BaselineApproval = "approval" // an approval recorded in capdo
	BaselineDeclared = "declared" // a level declared on import (store.DeclaredLevel)
)

// RerateRow is one system of a re-rating.
type RerateRow struct {
	SystemID int64  `json:"system_id"`
	ID       string `json:"id"`
	Name     string `json:"name"`
	OrgID    int64  `json:"org_id"`
	Org      string `json:"org"`
	// Approved is the baseline: the level approved, nil when none is known.
	Approved        *int   `json:"approved_level"`
	ApprovedSource  string `json:"approved_source,omitempty"`
	ApprovedRuleSet string `json:"approved_rule_set,omitempty"`
	// Level is the level under the chosen rule set; Current the stored level of the
	// version, under the rule set it was saved with.
	Level   int    `json:"level"`
	Current int    `json:"current_level"`
	Change  string `json:"change"`
	// Rules are the decisive rule ids.
	Rules    []string `json:"rules"`
	Warnings []string `json:"warnings,omitempty"`
	Version  int      `json:"version"`
	Status   string   `json:"status"` // of the system's newest dossier the caller sees
	Routed   bool     `json:"routed,omitempty"`
	// Error says why the system could not be classified under the set (change "").
	Error string `json:"error,omitempty"`
}

// UnitCount is one unit's count of each change.
type UnitCount struct {
	OrgID                            int64
	Name                             string
	Same, Up, Down, New, Failed, All int
}

// Rerating is the registry compared with one rule set.
type Rerating struct {
	RuleSet      string
	Title        string // the rule set's title
	Rows         []RerateRow
	ByUnit       []UnitCount
	Undetermined int // rows at level 0: a person must decide
}

// Count returns how many rows have the change.
func (rr *Rerating) Count(change string) int {
	n := 0
	for _, r := range rr.Rows {
		if r.Error == "" && r.Change == change {
			n++
		}
	}
	return n
}

// ratingCache keeps the decision of each system version under each rule set, with the
// version's id and name: versions never change, so a dashboard or a re-rating classifies
// each once per process, and reads the profile of none it has kept (store.ScopeSystemRows).
type ratingCache struct {
	mu sync.Mutex
	m  map[ratingKey]rating
}

type ratingKey struct {
	system  int64
	version int
	digest  string
}

// rating is a system version's decision under a rule set, with the version's id and name.
type rating struct {
	dec      levels.Decision
	id, name string
}

// maxRatings bounds the cache; past it, the cache starts over.
const maxRatings = 500_000

// kept returns the ratings kept of keys.
func (c *ratingCache) kept(keys []ratingKey) map[ratingKey]rating {
	out := make(map[ratingKey]rating, len(keys))
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, k := range keys {
		if r, ok := c.m[k]; ok {
			out[k] = r
		}
	}
	return out
}

// classify rates the profile p of version k and keeps the rating; an error is not kept.
func (c *ratingCache) classify(ctx context.Context, rs *levels.RuleSet, k ratingKey, p *levels.Profile) (rating, error) {
	r := rating{id: p.ID, name: p.Name}
	var err error
	if r.dec, err = rs.Classify(ctx, p); err != nil {
		return r, err
	}
	c.mu.Lock()
	if c.m == nil || len(c.m) >= maxRatings {
		c.m = map[ratingKey]rating{}
	}
	c.m[k] = r
	c.mu.Unlock()
	return r, nil
}

// Rerate compares every system in sc with the rule set named ruleSet ("" for the one in
// force). An unknown name is a *levels.InvalidError naming rule_set.
func (r *Registry) Rerate(ctx context.Context, sc store.Scope, ruleSet string) (*Rerating, error) {
	rs, _, err := r.ruleSetNamed(ruleSet)
	if err != nil {
		return nil, err
	}
	systems, err := r.store.ScopeSystemRows(ctx, sc)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(systems))
	keys := make([]ratingKey, len(systems))
	for i, s := range systems {
		ids[i], keys[i] = s.ID, ratingKey{s.ID, s.Version, rs.Digest}
	}
	kept := r.ratings.kept(keys)
	var unrated []int64
	for i, s := range systems {
		if _, ok := kept[keys[i]]; !ok {
			unrated = append(unrated, s.ID)
		}
	}
	profiles, err := r.store.ScopeProfiles(ctx, sc, unrated)
	if err != nil {
		return nil, err
	}
	declared, err := r.store.DeclaredLevels(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := &Rerating{RuleSet: rs.ID, Title: rs.Title, Rows: make([]RerateRow, 0, len(systems))}
	units := map[int64]int{}
	for i := range systems {
		s := &systems[i]
		rt, ok := kept[keys[i]]
		var err error
		if !ok {
			p, seen := profiles[s.ID]
			if !seen { // it left the scope between the two reads
				continue
			}
			if rt, err = r.ratings.classify(ctx, rs, keys[i], &p); err != nil && ctx.Err() != nil {
				return nil, ctx.Err()
			}
		}
		row := RerateRow{SystemID: s.ID, ID: rt.id, Name: rt.name, OrgID: s.OrgID, Org: s.OrgName,
			Current: s.Level, Version: s.Version, Status: s.Status, Routed: s.Routed, Rules: []string{}}
		switch d, ok := declared[s.ID]; {
		case s.Approved != nil:
			lvl := s.Approved.Level
			row.Approved, row.ApprovedSource, row.ApprovedRuleSet = &lvl, BaselineApproval, s.Approved.RuleSet
		case ok:
			lvl := d.Level
			row.Approved, row.ApprovedSource, row.ApprovedRuleSet = &lvl, BaselineDeclared, d.RuleSet
		}
		if err != nil {
			row.Error = err.Error()
		} else {
			dec := rt.dec
			row.Level, row.Rules, row.Warnings = dec.Level, dec.Decisive, dec.Warnings
			if row.Rules == nil {
				row.Rules = []string{}
			}
			row.Change = change(row.Approved, dec.Level)
			if dec.Level == 0 {
				out.Undetermined++
			}
		}
		u, ok := units[s.OrgID]
		if !ok {
			u = len(out.ByUnit)
			units[s.OrgID] = u
			out.ByUnit = append(out.ByUnit, UnitCount{OrgID: s.OrgID, Name: s.OrgName})
		}
		uc := &out.ByUnit[u]
		uc.All++
		switch {
		case row.Error != "":
			uc.Failed++
		case row.Change == inventory.ChangeSame:
			uc.Same++
		case row.Change == inventory.ChangeUp:
			uc.Up++
		case row.Change == inventory.ChangeDown:
			uc.Down++
		default:
			uc.New++
		}
		out.Rows = append(out.Rows, row)
	}
	return out, nil
}

// change compares a level with the approved one, as `capdo rerate` does.
func change(approved *int, level int) string {
	switch {
	case approved == nil:
		return inventory.ChangeNew
	case level > *approved:
		return inventory.ChangeUp
	case level < *approved:
		return inventory.ChangeDown
	}
	return inventory.ChangeSame
}

// RerateResult is what applying a re-rating did for one system.
type RerateResult struct {
	SystemID  int64  `json:"system_id"`
	DossierID int64  `json:"dossier_id,omitempty"`
	Level     int    `json:"level,omitempty"`
	RuleSet   string `json:"rule_set"`
	// Error says why no dossier was made; "" when one was.
	Error string `json:"error,omitempty"`
}

// ApplyRerate makes, for each system, a draft dossier of its current version under the
// rule set (MakeDossier): the approved level is left as it is, and a dossier the set has no
// templates for, or a system at level 0, is refused for that system alone. sc is the
// caller's own subtree: only the units that own a system make its dossiers.
func (r *Registry) ApplyRerate(ctx context.Context, who Actor, sc store.Scope, ruleSet string, systems []int64) ([]RerateResult, error) {
	rs, _, err := r.ruleSetNamed(ruleSet)
	if err != nil {
		return nil, err
	}
	out := make([]RerateResult, 0, len(systems))
	for _, id := range systems {
		res := RerateResult{SystemID: id, RuleSet: rs.ID}
		made, err := r.MakeDossier(ctx, who, sc, id, rs.ID)
		switch {
		case err == nil:
			res.DossierID, res.Level = made.ID, made.Level
		default:
			if res.Error = rerateError(err); res.Error == "" {
				return out, err // not the system's: the database, the context
			}
		}
		out = append(out, res)
	}
	return out, nil
}

// rerateError says in Vietnamese why a system's dossier was not made, or "" when the error
// is not about the system.
func rerateError(err error) string {
	var ie *levels.InvalidError
	switch {
	case errors.Is(err, store.ErrNotFound):
		return "không có hệ thống này trong các đơn vị của bạn (chỉ đơn vị quản lý hệ thống lập được hồ sơ)"
	case errors.Is(err, dossier.ErrNoTemplates):
		return fmt.Sprintf("chưa lập được hồ sơ: %v", err)
	case errors.Is(err, dossier.ErrUndetermined):
		return dossier.ErrUndetermined.Error()
	case errors.As(err, &ie):
		return ie.Error()
	}
	return ""
}
