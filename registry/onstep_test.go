package registry_test

import (
	"context"
	"slices"
	"testing"

	"capdo/levels"
)

// The hook set with OnStep runs after every step recorded, with the dossier's id, and
// never for a step refused.
func TestOnStep(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	r := e.registry(t, levels.DefaultRuleSet)
	var moved []int64
	r.OnStep(func(_ context.Context, id int64) { moved = append(moved, id) })
	m, err := r.MakeDossier(ctx, operator, e.sc, e.system, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.TakeStep(ctx, owner, e.sc, m.ID, "approve", ""); err == nil {
		t.Fatal("approving a draft succeeded")
	}
	if _, err := r.TakeStep(ctx, operator, e.sc, m.ID, "submit", ""); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(moved, []int64{m.ID}) {
		t.Errorf("hook ran for %v, want [%d]", moved, m.ID)
	}
}
