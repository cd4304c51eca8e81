package store_test

import (
	"context"
	"testing"
	"time"

	"capdo/review"
	"capdo/store"
)

// The unread count runs on every page a signed-in user opens (the header's badge).
// go test ./store -run '^$' -bench UnreadNotifications -benchtime 2000x
func BenchmarkUnreadNotifications(b *testing.B) {
	f := dossierFixtureB(b)
	ctx := context.Background()
	u := mustUser(b, f.db, "attt", "infosec", f.province.ID)
	var ns []store.NewNotification
	for i := 0; i < 200; i++ {
		id, err := f.db.CreateDossier(ctx, store.NewDossier{SystemID: f.systemID, SystemVersion: 1, Level: 3, Profile: f.v.Profile,
			Decision: f.v.Decision, Manifest: []byte(`{}`), RuleSet: "d85-2016", Status: "draft", Holder: "operator",
			Event: review.Event{Action: review.Generate, To: "draft"}})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := f.db.Transition(ctx, id, store.Transition{From: "draft", To: "submitted", Holder: "infosec", Event: review.Event{Action: "submit"}}); err != nil {
			b.Fatal(err)
		}
		for k, kind := range []string{"submitted", "due_soon", "overdue", "returned", "approved"} {
			ns = append(ns, store.NewNotification{UserID: u.ID, DossierID: id, Kind: kind, Stage: time.Unix(int64(k), 0), Text: "x"})
		}
	}
	if _, err := f.db.AddNotifications(ctx, ns); err != nil {
		b.Fatal(err)
	}
	sc := store.Scope{OrgID: f.unit.ID, ReviewOrgID: f.province.ID}
	b.ResetTimer()
	for b.Loop() {
		if n, err := f.db.UnreadNotifications(ctx, u.ID, sc); err != nil || n != 1000 {
			b.Fatal(n, err)
		}
	}
}

type benchFixture struct {
	db             *store.DB
	province, unit store.Org
	systemID       int64
	v              store.NewVersion
}

func dossierFixtureB(b *testing.B) benchFixture {
	db := MustOpen(b)
	f := benchFixture{db: db}
	f.province = mustOrg(b, db, "UBND tỉnh", 0)
	f.unit = mustOrg(b, db, "Sở TT&TT", f.province.ID)
	f.v = version(b, "Cổng", 20000)
	var err error
	if f.systemID, err = db.CreateSystem(context.Background(), f.unit.ID, f.v); err != nil {
		b.Fatal(err)
	}
	return f
}
