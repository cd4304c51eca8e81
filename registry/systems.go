package registry

import (
	"context"

	"capdo/levels"
	"capdo/store"
)

// Classify decides the level of a valid profile (from levels.ParseProfile or Validate)
// with the rule set in force.
func (r *Registry) Classify(ctx context.Context, p *levels.Profile) (levels.Decision, error) {
	return r.rules.Classify(ctx, p)
}

// Saved is a stored system version.
type Saved struct {
	ID       int64
	Version  int
	Decision levels.Decision
}

// SaveSystem classifies a valid profile with the rule set in force and stores it with its
// decision: as version 1 of a new system of organisation orgID when id is 0, else as the
// next version of system id, which must be in sc (store.ErrNotFound otherwise). A new
// version keeps the risk_level of the risk assessment it carries (carryRisk).
func (r *Registry) SaveSystem(ctx context.Context, who Actor, sc store.Scope, id, orgID int64, prof levels.Profile) (Saved, error) {
	if err := r.carryRisk(ctx, sc, id, &prof); err != nil {
		return Saved{}, err
	}
	dec, err := r.Classify(ctx, &prof)
	if err != nil {
		return Saved{}, err
	}
	v := store.NewVersion{Profile: prof, Decision: dec, ActorID: who.UserID}
	out := Saved{ID: id, Version: 1, Decision: dec}
	if id == 0 {
		out.ID, err = r.store.CreateSystem(ctx, orgID, v)
	} else {
		out.Version, err = r.store.UpdateSystem(ctx, sc, id, v)
	}
	if err != nil {
		return Saved{}, err
	}
	return out, nil
}
