package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"capdo/review"
	"capdo/store"
)

func TestDefaultLimits(t *testing.T) {
	db := MustOpen(t)
	if db.Limits != store.DefaultLimits || store.DefaultLimits.DossiersPerSystem != 200 || store.DefaultLimits.VersionsPerSystem != 200 {
		t.Errorf("Limits = %+v, want DefaultLimits with 200 versions and dossiers per system", db.Limits)
	}
}

// Each limit refuses the row past it, inside the transaction, even under concurrent
// requests: exactly the limit is stored.
func TestQuota_VersionsDossiersSystems(t *testing.T) {
	f := newDossierFixture(t, 3) // one system (1 version) with one dossier
	db, ctx := f.db, context.Background()
	db.Limits = store.Limits{SystemsPerOrg: 3, VersionsPerSystem: 4, DossiersPerSystem: 5}
	v := version(t, "Cổng", 20000)
	nd := store.NewDossier{
		SystemID: f.systemID, SystemVersion: 1, Level: 3, Profile: v.Profile, Decision: v.Decision,
		Manifest: []byte(`{}`), RuleSet: "d85-2016", RuleSetDigest: "abc", Templates: "embedded", TemplatesDigest: "def",
		Status: "draft", Holder: "operator",
		Event: review.Event{Action: review.Generate, To: "draft", Actor: "vanhanh", Role: "operator"},
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	refused := map[string]int{}
	try := func(err error) {
		var q *store.QuotaError
		switch {
		case errors.As(err, &q):
			mu.Lock()
			refused[q.Kind]++
			mu.Unlock()
		case err != nil:
			t.Error(err)
		}
	}
	for range 10 {
		wg.Add(3)
		go func() { defer wg.Done(); _, err := db.CreateDossier(ctx, nd); try(err) }()
		go func() {
			defer wg.Done()
			_, err := db.UpdateSystem(ctx, store.Scope{OrgID: f.unit.ID}, f.systemID, v)
			try(err)
		}()
		go func() { defer wg.Done(); _, err := db.CreateSystem(ctx, f.unit.ID, v); try(err) }()
	}
	wg.Wait()
	// 10 tries each: 1 dossier there + 4 stored, 1 version + 3, 1 system + 2.
	want := map[string]int{store.QuotaDossiers: 6, store.QuotaVersions: 7, store.QuotaSystems: 8}
	for k, n := range want {
		if refused[k] != n {
			t.Errorf("%s refused %d times, want %d", k, refused[k], n)
		}
	}
	vs, err := db.SystemVersions(ctx, store.Scope{OrgID: f.unit.ID}, f.systemID)
	if err != nil || len(vs) != 4 {
		t.Errorf("versions = %d, %v; want 4", len(vs), err)
	}
	if n, err := db.CountDossiers(ctx, store.Scope{OrgID: f.unit.ID}, store.DossierFilter{}); err != nil || n != 5 {
		t.Errorf("dossiers = %d, %v; want 5", n, err)
	}
	if n, err := db.CountSystems(ctx, store.Scope{OrgID: f.unit.ID}, store.SystemFilter{Level: -1}); err != nil || n != 3 {
		t.Errorf("systems = %d, %v; want 3", n, err)
	}
	// Another organisation has its own count.
	if _, err := db.CreateSystem(ctx, f.other.ID, v); err != nil {
		t.Errorf("other organisation: %v", err)
	}
	// Zero is no limit.
	db.Limits = store.Limits{}
	if _, err := db.CreateDossier(ctx, nd); err != nil {
		t.Errorf("without limits: %v", err)
	}
}
