package store_test

import (
	"context"
	"reflect"
	"testing"

	"capdo/review"
	"capdo/store"
)

// The dashboard's counts of systems agree, for every kind of caller, with the systems the
// caller sees counted one by one: ScopeSystems (the subtree's systems and those routed to
// the caller, each with the newest approval the caller sees) and DeclaredLevels. The
// fixture mixes declared levels, approvals (one or two per system), drafts, dossiers routed
// to the infosec unit, to a ministry's appraisers and to a designated council, and a
// second province that none of the first's callers may count.
func TestStats_MatchesSystemsInScope(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newStatsFixture(t, 260)
	db := f.db
	unitB := mustOrg(t, db, "Sở B", f.province.ID)
	other := mustOrg(t, db, "UBND tỉnh khác", 0)
	otherInfosec := mustOrg(t, db, "Sở TT&TT tỉnh khác", other.ID)
	council := mustOrg(t, db, "Hội đồng thẩm định", other.ID)
	var ids []int64
	for _, org := range []int64{unitB.ID, other.ID} {
		var items []store.ImportItem
		for i := range 12 {
			it := store.ImportItem{Version: importVersion("", "Hệ thống", i%5+1)}
			if i%2 == 0 {
				it.Declared, it.DeclaredRuleSet = 5-i%5, "d331-2026"
			}
			items = append(items, it)
		}
		done, err := db.ImportSystems(ctx, org, items)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range done {
			ids = append(ids, d.ID)
		}
	}
	for i, id := range ids {
		level := i%5 + 1
		switch i % 4 {
		case 0: // approved, then a newer dossier submitted at another level
			statsDossier(t, db, id, level, false, true)
			statsDossier(t, db, id, 6-level, false, false)
		case 1: // designated to the council, then approved or left submitted
			d, err := db.CreateDossier(ctx, store.NewDossier{SystemID: id, SystemVersion: 1, Level: level, Profile: importVersion("", "", level).Profile,
				Manifest: []byte(`{}`), RuleSet: "d331-2026", Status: "draft", Holder: "operator", Event: review.Event{Action: review.Generate, To: "draft"}})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.DesignateAppraiser(ctx, d, store.NewDesignation{OrgID: council.ID, Kind: store.AppraiserCouncil, Decision: "1/QĐ"},
				review.Event{Action: string(review.Designate)}); err != nil {
				t.Fatal(err)
			}
			steps := []store.Transition{{From: "draft", To: "submitted", Event: review.Event{Action: "submit"}}}
			if i%8 == 1 {
				steps = append(steps, store.Transition{From: "submitted", To: "appraised", Event: review.Event{Action: "appraise"}},
					store.Transition{From: "appraised", To: "approved", Event: review.Event{Action: "approve"}})
			}
			for _, st := range steps {
				if _, err := db.Transition(ctx, d, st); err != nil {
					t.Fatal(err)
				}
			}
		case 2: // a draft only
			statsDossier(t, db, id, level, true, false)
		}
	}
	scopes := append(f.scopes,
		namedScope{"unit", store.Scope{OrgID: f.unit.ID}},
		namedScope{"unit B", store.Scope{OrgID: unitB.ID}},
		namedScope{"other province", store.Scope{OrgID: other.ID}},
		namedScope{"other infosec", store.Scope{OrgID: otherInfosec.ID, ReviewOrgID: other.ID}},
		namedScope{"council infosec", store.Scope{OrgID: council.ID, ReviewOrgID: council.ID}},
		namedScope{"council operator", store.Scope{OrgID: council.ID}},
		namedScope{"military appraiser", store.Scope{OrgID: council.ID, Appraises: store.AppraisesBQP}},
	)
	for _, s := range scopes {
		sameInTwoSteps(t, db, s.name, s.sc)
		got, err := db.Stats(ctx, s.sc)
		if err != nil {
			t.Fatal(err)
		}
		want := statsOneByOne(t, db, s.sc)
		if got.ByLevel != want.ByLevel || got.ByApproved != want.ByApproved || got.ByDeclared != want.ByDeclared || got.Systems != want.Systems {
			t.Errorf("%s: Stats = levels %v, approved %v, declared %v, %d systems; one by one %v, %v, %v, %d", s.name,
				got.ByLevel, got.ByApproved, got.ByDeclared, got.Systems, want.ByLevel, want.ByApproved, want.ByDeclared, want.Systems)
		}
		if len(got.ByOrg) != len(want.ByOrg) {
			t.Errorf("%s: by organisation %v, one by one %v", s.name, got.ByOrg, want.ByOrg)
			continue
		}
		for i := range got.ByOrg {
			if got.ByOrg[i] != want.ByOrg[i] {
				t.Errorf("%s: by organisation %v, one by one %v", s.name, got.ByOrg, want.ByOrg)
				break
			}
		}
	}
	// The fixture meets what the counts tell apart.
	st, _ := db.Stats(ctx, f.scopes[0].sc)
	if st.ByDeclared == [6]int{} || st.ByApproved[0] == 0 || st.Systems != 260+12 {
		t.Errorf("the province's counts: %+v", st)
	}
	if st, _ := db.Stats(ctx, store.Scope{OrgID: council.ID, ReviewOrgID: council.ID}); st.Systems == 0 || st.ByApproved[0] == st.Systems {
		t.Errorf("the council's counts: %+v", st)
	}
	if st, _ := db.Stats(ctx, f.scopes[2].sc); st.Systems == 0 || st.ByApproved[0] == st.Systems {
		t.Errorf("the ministry's counts: %+v", st)
	}
}

// statsOneByOne counts the systems in scope one by one.
func statsOneByOne(t *testing.T, db *store.DB, sc store.Scope) store.Stats {
	t.Helper()
	ctx := context.Background()
	list, err := db.ScopeSystems(ctx, sc)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(list))
	for i, s := range list {
		ids[i] = s.ID
	}
	declared, err := db.DeclaredLevels(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	var st store.Stats
	at := map[int64]int{}
	for _, s := range list {
		st.Systems++
		st.ByLevel[s.Level]++
		switch d, ok := declared[s.ID]; {
		case s.Approved != nil:
			st.ByApproved[s.Approved.Level]++
		case ok:
			st.ByApproved[d.Level]++
			st.ByDeclared[d.Level]++
		default:
			st.ByApproved[0]++
		}
		i, ok := at[s.OrgID]
		if !ok {
			i = len(st.ByOrg)
			at[s.OrgID] = i
			st.ByOrg = append(st.ByOrg, store.OrgCount{OrgID: s.OrgID, Name: s.OrgName})
		}
		st.ByOrg[i].Count++
	}
	return st
}

// sameInTwoSteps checks that ScopeSystemRows and ScopeProfiles read what ScopeSystems
// reads, decisions left out.
func sameInTwoSteps(t *testing.T, db *store.DB, name string, sc store.Scope) {
	t.Helper()
	ctx := context.Background()
	full, err := db.ScopeSystems(ctx, sc)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := db.ScopeSystemRows(ctx, sc)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	profiles, err := db.ScopeProfiles(ctx, sc, append(ids, -1))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(full) || len(profiles) != len(full) {
		t.Fatalf("%s: %d rows, %d profiles, ScopeSystems %d", name, len(rows), len(profiles), len(full))
	}
	for i, f := range full {
		r := rows[i]
		r.Profile, r.Decision = profiles[r.ID], f.Decision
		if !reflect.DeepEqual(r, f) {
			t.Errorf("%s: row %d in two steps %+v, ScopeSystems %+v", name, i, r, f)
			return
		}
	}
}
