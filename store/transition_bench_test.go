package store_test

import (
	"context"
	"testing"
	"time"

	"capdo/review"
	"capdo/store"
)

// BenchmarkTransitionLists measures what the dashboard's transition block reads on every
// view: the first 10 of, and the number of, the systems approved under Decree 85 and of the
// Decree 85 dossiers pending, in a unit of 2,000 systems, 1,000 of them approved.
func BenchmarkTransitionLists(b *testing.B) {
	db := MustOpen(b)
	ctx := context.Background()
	org := mustOrg(b, db, "UBND tỉnh", 0)
	v := version(b, "HT", 20000)
	for i := range 2000 {
		sys, err := db.CreateSystem(ctx, org.ID, v)
		if err != nil {
			b.Fatal(err)
		}
		id, err := db.CreateDossier(ctx, store.NewDossier{SystemID: sys, SystemVersion: 1, Level: 3, Profile: v.Profile, Decision: v.Decision,
			Manifest: []byte("{}"), RuleSet: "d85-2016", Status: "draft", Event: review.Event{Action: review.Generate, To: "draft"}})
		if err != nil {
			b.Fatal(err)
		}
		if i%2 == 0 {
			if _, err := db.Transition(ctx, id, store.Transition{From: "draft", To: "approved", Event: review.Event{Action: "approve"}}); err != nil {
				b.Fatal(err)
			}
		}
	}
	sc := store.Scope{OrgID: org.ID}
	// For scale: the dashboard's counts over the same unit.
	b.Run("stats", func(b *testing.B) {
		for range b.N {
			if _, err := db.Stats(ctx, sc); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("approved", func(b *testing.B) {
		for range b.N {
			if _, _, _, err := db.ApprovedUnder(ctx, sc, "d85-2016", 10); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("pending", func(b *testing.B) {
		for range b.N {
			if _, _, err := db.PendingUnder(ctx, sc, "d85-2016", time.Unix(0, 0), 10); err != nil {
				b.Fatal(err)
			}
		}
	})
}
