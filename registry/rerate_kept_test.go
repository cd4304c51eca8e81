package registry_test

import (
	"context"
	"reflect"
	"testing"

	"capdo/levels"
)

// A re-rating reads the profiles only of the versions it has not rated yet: the second
// re-rating, from what it kept, is the first one; a new version of a system is read and
// rated again, under its new name.
func TestRerate_KeptRatings(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	r := e.registry(t, levels.DefaultRuleSet)
	first, err := r.Rerate(ctx, e.sc, "")
	if err != nil {
		t.Fatal(err)
	}
	again, err := r.Rerate(ctx, e.sc, "")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(first, again) || len(first.Rows) != 1 || first.Rows[0].Name != profileL3.Name || first.Rows[0].Level != 3 {
		t.Fatalf("re-rated again from what was kept: %+v, first %+v", again, first)
	}
	p := profileL3
	p.Name, p.PersonalDataUsers = "Cổng dịch vụ công mới", 0
	if _, err := r.SaveSystem(ctx, operator, e.sc, e.system, e.unit, p); err != nil {
		t.Fatal(err)
	}
	after, err := r.Rerate(ctx, e.sc, "")
	if err != nil {
		t.Fatal(err)
	}
	if row := after.Rows[0]; row.Name != p.Name || row.Version != 2 || row.Level == 0 || reflect.DeepEqual(row, first.Rows[0]) {
		t.Errorf("after a new version: %+v", row)
	}
}
