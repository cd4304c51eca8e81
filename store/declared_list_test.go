package store_test

import (
	"cmp"
	"context"
	"slices"
	"testing"

	"capdo/store"
)

// The system lists carry, for each system, the level it holds as approved as the
// dashboard counts it: the newest approval recorded in capdo, else the newest level declared
// on import, marked as declared. Sorted by that level (System.ApprovedLevel), the list
// keeps the same order on both engines, whichever list reads it (own subtree, with the
// routed ones, one page).
func TestListSystems_DeclaredLevelsSort(t *testing.T) {
	t.Parallel()
	db := MustOpen(t)
	ctx := context.Background()
	unit := mustOrg(t, db, "Sở A", 0)
	done, err := db.ImportSystems(ctx, unit.ID, []store.ImportItem{
		{Version: importVersion("HT-A", "A khai báo 2", 3), Declared: 2, DeclaredRuleSet: "d85-2016"},
		{Version: importVersion("HT-B", "B khai báo 3, phê duyệt 4", 4), Declared: 3, DeclaredRuleSet: "d85-2016"},
		{Version: importVersion("HT-C", "C chưa có", 1)},
		{Version: importVersion("HT-D", "D khai báo 1 rồi 5", 5), Declared: 1, DeclaredRuleSet: "d85-2016"},
		{Version: importVersion("HT-E", "E phê duyệt 3", 3)},
	})
	if err != nil {
		t.Fatal(err)
	}
	a, b, c, d, e := done[0].ID, done[1].ID, done[2].ID, done[3].ID, done[4].ID
	// A second import declares D again: the newest declaration holds.
	if _, err := db.ImportSystems(ctx, unit.ID, []store.ImportItem{{SystemID: d, Base: 1,
		Version: importVersion("HT-D", "D khai báo 1 rồi 5", 5), Declared: 5, DeclaredRuleSet: "d85-2016"}}); err != nil {
		t.Fatal(err)
	}
	approveAs(t, db, b, 4, "d331-2026") // an approval prevails over the declared 3
	approveAs(t, db, e, 3, "d85-2016")

	type held struct {
		level    int
		declared bool
	}
	want := map[int64]held{a: {2, true}, b: {4, false}, c: {0, false}, d: {5, true}, e: {3, false}}
	// By level held, highest first, systems without one last (as the list page sorts).
	wantDesc := []int64{d, b, e, a, c}
	sc := store.Scope{OrgID: unit.ID}
	for _, f := range []struct {
		name string
		f    store.SystemFilter
	}{
		{"own", store.SystemFilter{Level: -1}},
		{"with routed", store.SystemFilter{Level: -1, Routed: true}},
		{"one page", store.SystemFilter{Level: -1, Limit: 50}},
	} {
		list, err := db.ListSystems(ctx, sc, f.f)
		if err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		if len(list) != 5 {
			t.Fatalf("%s: %d systems, want 5", f.name, len(list))
		}
		for _, s := range list {
			lv, decl := s.ApprovedLevel()
			if got := (held{lv, decl}); got != want[s.ID] {
				t.Errorf("%s: %s holds %+v, want %+v", f.name, s.Profile.Name, got, want[s.ID])
			}
			if (s.Declared != nil) != want[s.ID].declared || (s.Approved != nil && s.Declared != nil) {
				t.Errorf("%s: %s: Approved %v, Declared %v", f.name, s.Profile.Name, s.Approved, s.Declared)
			}
			if s.Declared != nil && (s.Declared.RuleSet != "d85-2016" || s.Declared.DeclaredAt.IsZero()) {
				t.Errorf("%s: %s declared %+v", f.name, s.Profile.Name, *s.Declared)
			}
		}
		slices.SortStableFunc(list, func(x, y store.System) int {
			lx, _ := x.ApprovedLevel()
			ly, _ := y.ApprovedLevel()
			return cmp.Compare(ly, lx) // highest first: level 0 (none) last
		})
		var got []int64
		for _, s := range list {
			got = append(got, s.ID)
		}
		if !slices.Equal(got, wantDesc) {
			t.Errorf("%s: sorted by level held = %v, want %v (D 5 declared, B 4, E 3, A 2 declared, C none)", f.name, got, wantDesc)
		}
	}
}
