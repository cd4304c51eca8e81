package store_test

import (
	"context"
	"testing"

	"capdo/review"
	"capdo/store"
)

// BenchmarkTransition measures recording one workflow step, sealed with the audit key
// together with the dossier's head and the register, after checking both.
func BenchmarkTransition(b *testing.B) {
	db := MustOpen(b)
	ctx := context.Background()
	org := mustOrg(b, db, "Sở", 0)
	v := version(b, "HT", 10)
	sys, _ := db.CreateSystem(ctx, org.ID, v)
	ids := make([]int64, b.N)
	for i := range ids {
		id, err := db.CreateDossier(ctx, store.NewDossier{SystemID: sys, SystemVersion: 1, Level: 1, Profile: v.Profile, Decision: v.Decision,
			Manifest: []byte("{}"), Status: "draft", Event: review.Event{Action: review.Generate, To: "draft"}})
		if err != nil {
			b.Fatal(err)
		}
		ids[i] = id
	}
	b.ResetTimer()
	for _, id := range ids {
		if _, err := db.Transition(ctx, id, store.Transition{From: "draft", To: "submitted", Event: review.Event{Action: "submit"}}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyAudit measures `capdo audit verify` over 200 approved dossiers (800
// events); per op is the whole database.
func BenchmarkVerifyAudit(b *testing.B) {
	db := MustOpen(b)
	for range 200 {
		sealedDossierB(b, db)
	}
	ctx := context.Background()
	b.ResetTimer()
	for range b.N {
		rep, err := db.VerifyAudit(ctx, testKey, true)
		if err != nil || len(rep.Problems) > 0 {
			b.Fatal(err, rep.Problems)
		}
	}
}

// BenchmarkVerifyDossier measures the check the dossier page and API run on every view.
func BenchmarkVerifyDossier(b *testing.B) {
	db := MustOpen(b)
	id := sealedDossierB(b, db)
	ctx := context.Background()
	b.ResetTimer()
	for range b.N {
		if chk, err := db.VerifyDossier(ctx, id); err != nil || !chk.OK() {
			b.Fatal(err, chk)
		}
	}
}
