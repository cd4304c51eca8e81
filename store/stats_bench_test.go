package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"capdo/review"
	"capdo/store"
)

// statsFixture is a province of n systems in one unit, as an inventory import leaves it
// and as reviews go on: a third with a level declared on import, every 8th with a dossier
// (most submitted, every 16th approved, every 64th approved twice), so that the
// dashboard's counts meet approvals, declared levels and dossiers routed to an infosec
// unit and to a ministry's appraisers (the level 4–5 ones).
type statsFixture struct {
	db                *store.DB
	province, unit    store.Org
	infosec, ministry store.Org
	// scopes are the dashboard's callers: the province's owner, the infosec unit that
	// reviews the province, the ministry that appraises civil level 4–5 dossiers.
	scopes []namedScope
}

type namedScope struct {
	name string
	sc   store.Scope
}

func newStatsFixture(tb testing.TB, n int) statsFixture {
	tb.Helper()
	return statsFixtureOn(tb, MustOpen(tb), n)
}

func statsFixtureOn(tb testing.TB, db *store.DB, n int) statsFixture {
	tb.Helper()
	ctx := context.Background()
	f := statsFixture{db: db}
	f.province = mustOrg(tb, db, "UBND tỉnh", 0)
	f.unit = mustOrg(tb, db, "Sở A", f.province.ID)
	f.infosec = mustOrg(tb, db, "Sở TT&TT", f.province.ID)
	f.ministry = mustOrg(tb, db, "Bộ Công an", 0)
	f.scopes = []namedScope{
		{"owner", store.Scope{OrgID: f.province.ID}},
		{"infosec", store.Scope{OrgID: f.infosec.ID, ReviewOrgID: f.province.ID}},
		{"ministry", store.Scope{OrgID: f.ministry.ID, Appraises: store.AppraisesCivil}},
	}
	var ids []int64
	for from := 0; from < n; from += 1000 {
		var items []store.ImportItem
		for i := from; i < min(from+1000, n); i++ {
			it := store.ImportItem{Version: importVersion(fmt.Sprintf("HT-%05d", i), fmt.Sprintf("Hệ thống %d", i), i%5+1)}
			if i%3 == 0 {
				it.Declared, it.DeclaredRuleSet = (i/3)%5+1, "d85-2016"
			}
			items = append(items, it)
		}
		done, err := db.ImportSystems(ctx, f.unit.ID, items)
		if err != nil {
			tb.Fatal(err)
		}
		for _, d := range done {
			ids = append(ids, d.ID)
		}
	}
	for i, id := range ids {
		if i%8 != 0 {
			continue
		}
		level := i%5 + 1
		statsDossier(tb, db, id, level, i%40 == 0, i%16 == 0)
		if i%64 == 0 {
			statsDossier(tb, db, id, (level+2)%5+1, false, true)
		}
	}
	return f
}

// statsDossier makes a dossier of the system at level, left in draft, or submitted (and
// forwarded to its authority from level 4), or approved.
func statsDossier(tb testing.TB, db *store.DB, systemID int64, level int, draft, approved bool) int64 {
	tb.Helper()
	ctx := context.Background()
	v := importVersion("", "", level)
	id, err := db.CreateDossier(ctx, store.NewDossier{SystemID: systemID, SystemVersion: 1, Level: level, Profile: v.Profile, Decision: v.Decision,
		Manifest: []byte(`{}`), RuleSet: "d85-2016", Status: "draft", Holder: "operator", Event: review.Event{Action: review.Generate, To: "draft"}})
	if err != nil {
		tb.Fatal(err)
	}
	if draft {
		return id
	}
	steps := []store.Transition{{From: "draft", To: "submitted", Holder: "infosec", DueAt: time.Unix(1, 0), Event: review.Event{Action: "submit"}}}
	if approved {
		steps = append(steps, store.Transition{From: "submitted", To: "appraised", Holder: "owner", Event: review.Event{Action: "appraise"}},
			store.Transition{From: "appraised", To: "approved", Event: review.Event{Action: "approve"}})
	}
	for _, st := range steps {
		if _, err := db.Transition(ctx, id, st); err != nil {
			tb.Fatal(err)
		}
	}
	return id
}

// BenchmarkStats measures the dashboard's counts (store.Stats) and the other reads of the
// dashboard page, for each of its callers, at 1,000 and 10,000 systems in one unit.
//
//	go test ./store -run '^$' -bench 'Stats' -benchtime 20x
//
// (with CAPDO_TEST_POSTGRES set, the same again on PostgreSQL).
func BenchmarkStats(b *testing.B) {
	ctx := context.Background()
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("systems=%d", n), func(b *testing.B) {
			f := newStatsFixture(b, n)
			for _, s := range f.scopes {
				b.Run("stats/"+s.name, func(b *testing.B) {
					for b.Loop() {
						if _, err := f.db.Stats(ctx, s.sc); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
			for _, s := range f.scopes {
				for _, r := range dashboardReads {
					b.Run(r.name+"/"+s.name, func(b *testing.B) {
						for b.Loop() {
							if err := r.read(ctx, f.db, s.sc); err != nil {
								b.Fatal(err)
							}
						}
					})
				}
			}
		})
	}
}

// dashboardReads are the dashboard's reads besides Stats (server/dashboard.go,
// server/dashboard_inventory.go).
var dashboardReads = []struct {
	name string
	read func(ctx context.Context, db *store.DB, sc store.Scope) error
}{
	{"inbox", func(ctx context.Context, db *store.DB, sc store.Scope) error {
		inbox := store.DossierFilter{Holder: "infosec", Limit: 10}
		if _, err := db.ListDossiers(ctx, sc, inbox); err != nil {
			return err
		}
		_, err := db.CountDossiers(ctx, sc, inbox)
		return err
	}},
	{"transition", func(ctx context.Context, db *store.DB, sc store.Scope) error {
		if _, _, _, err := db.ApprovedUnder(ctx, sc, "d85-2016", 10); err != nil {
			return err
		}
		_, _, err := db.PendingUnder(ctx, sc, "d85-2016", time.Unix(0, 0), 10)
		return err
	}},
	// The re-rating's reads once it has rated every version (registry/rerate.go): no
	// profile is read again.
	{"rerate-reads", func(ctx context.Context, db *store.DB, sc store.Scope) error {
		list, err := db.ScopeSystemRows(ctx, sc)
		if err != nil {
			return err
		}
		ids := make([]int64, len(list))
		for i, s := range list {
			ids[i] = s.ID
		}
		_, err = db.DeclaredLevels(ctx, ids)
		return err
	}},
	{"inventory-dossiers", func(ctx context.Context, db *store.DB, sc store.Scope) error {
		if _, err := db.DossierCountsByOrg(ctx, sc); err != nil {
			return err
		}
		for _, due := range []string{store.DueSoon, store.DueOverdue} {
			f := store.DossierFilter{Due: due, Now: time.Unix(2, 0), Limit: 8}
			if _, err := db.ListDossiers(ctx, sc, f); err != nil {
				return err
			}
			if _, err := db.CountDossiers(ctx, sc, f); err != nil {
				return err
			}
		}
		return nil
	}},
}
