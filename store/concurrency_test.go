package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"capdo/review"
	"capdo/store"
	"capdo/store/storetest"
)

// openTwice opens one database through two handles, as two servers sharing it do.
func openTwice(t *testing.T) (*store.DB, *store.DB) {
	t.Helper()
	dsn := storetest.DSN(t)
	var dbs [2]*store.DB
	for i := range dbs {
		db, err := store.Open(context.Background(), dsn, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		if _, err := db.UseAuditKey(context.Background(), testKey, true); err != nil {
			t.Fatal(err)
		}
		dbs[i] = db
	}
	return dbs[0], dbs[1]
}

// The same step taken through two servers at the same moment is recorded once: the other
// gets ErrConflict (409), and the history stays one unbroken chain.
func TestTransition_OnceAcrossServers(t *testing.T) {
	a, b := openTwice(t)
	ctx := context.Background()
	org := mustOrg(t, a, "UBND tỉnh", 0)
	u := mustUser(t, a, "vanhanh", "operator", org.ID)
	v := version(t, "Cổng", 20000)
	sys, err := a.CreateSystem(ctx, org.ID, v)
	if err != nil {
		t.Fatal(err)
	}
	const dossiers = 12
	for i := 0; i < dossiers; i++ {
		id, err := a.CreateDossier(ctx, store.NewDossier{
			SystemID: sys, SystemVersion: 1, Level: 3, Profile: v.Profile, Decision: v.Decision, Manifest: []byte(`{}`),
			RuleSet: "d85-2016", Templates: "embedded", Status: "draft", Holder: "operator", ActorID: u.ID,
			Event: review.Event{Action: review.Generate, To: "draft", Actor: "vanhanh", Role: "operator"},
		})
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		start := make(chan struct{})
		errs := make([]error, 2)
		for j, db := range []*store.DB{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				_, errs[j] = db.Transition(ctx, id, store.Transition{From: "draft", To: "submitted", Holder: "infosec",
					Event: review.Event{Action: "submit", Actor: "vanhanh", Role: "operator"}})
			}()
		}
		close(start)
		wg.Wait()
		ok, conflict := 0, 0
		for _, err := range errs {
			switch {
			case err == nil:
				ok++
			case errors.Is(err, store.ErrConflict):
				conflict++
			default:
				t.Errorf("dossier %d: Transition: %v", id, err)
			}
		}
		if ok != 1 || conflict != 1 {
			t.Errorf("dossier %d: %d applied, %d conflicts; want 1 and 1", id, ok, conflict)
		}
		evs, err := b.DossierEvents(ctx, store.Scope{OrgID: org.ID}, id)
		if err != nil || len(evs) != 2 {
			t.Fatalf("dossier %d: %d events, %v; want 2", id, len(evs), err)
		}
	}
	if rep, err := b.VerifyAudit(ctx, testKey, false); err != nil || len(rep.Problems) != 0 || rep.Events != 2*dossiers {
		t.Errorf("audit verify = %+v, %v", rep, err)
	}
}

// Writers through two handles at once all land, with ids that do not collide.
func TestCreate_ConcurrentAcrossServers(t *testing.T) {
	a, b := openTwice(t)
	ctx := context.Background()
	org := mustOrg(t, a, "UBND tỉnh", 0)
	const each = 15
	var wg sync.WaitGroup
	ids := make(chan int64, 2*each)
	for _, db := range []*store.DB{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				id, err := db.CreateSystem(ctx, org.ID, version(t, "Hệ thống", int64(i)))
				if err != nil {
					t.Error(err)
					return
				}
				ids <- id
			}
		}()
	}
	wg.Wait()
	close(ids)
	seen := map[int64]bool{}
	for id := range ids {
		if seen[id] {
			t.Errorf("id %d given twice", id)
		}
		seen[id] = true
	}
	if n, err := b.CountSystems(ctx, store.Scope{OrgID: org.ID}, store.SystemFilter{Level: -1}); err != nil || n != 2*each {
		t.Errorf("CountSystems = %d, %v; want %d", n, err, 2*each)
	}
}

// Many writers changing one row through two handles at once all succeed, as they do on
// SQLite's single writer: on PostgreSQL a transaction that keeps colliding ends up running
// alone (store.inTx).
func TestUpdate_OneRowManyWritersAcrossServers(t *testing.T) {
	a, b := openTwice(t)
	ctx := context.Background()
	org := mustOrg(t, a, "UBND tỉnh", 0)
	sys, err := a.CreateSystem(ctx, org.ID, version(t, "Cổng", 1))
	if err != nil {
		t.Fatal(err)
	}
	const writers, each = 24, 4
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		db := []*store.DB{a, b}[w%2]
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				if _, err := db.UpdateSystem(ctx, store.Scope{OrgID: org.ID}, sys, version(t, "Cổng", int64(i))); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	s, err := b.System(ctx, store.Scope{OrgID: org.ID}, sys)
	if err != nil || s.Version != 1+writers*each {
		t.Errorf("system version = %d, %v; want %d", s.Version, err, 1+writers*each)
	}
}

// Servers racing for a background job's lease: at each moment one holds it.
func TestClaimJob_OneHolderAcrossServers(t *testing.T) {
	a, b := openTwice(t)
	ctx := context.Background()
	for round := 0; round < 10; round++ {
		job := fmt.Sprintf("job-%d", round)
		var wg sync.WaitGroup
		won := make([]bool, 4)
		for i := range won {
			db := []*store.DB{a, b}[i%2]
			wg.Add(1)
			go func() {
				defer wg.Done()
				ok, err := db.ClaimJob(ctx, job, fmt.Sprintf("server-%d", i), time.Minute)
				if err != nil {
					t.Error(err)
				}
				won[i] = ok
			}()
		}
		wg.Wait()
		n := 0
		for _, w := range won {
			if w {
				n++
			}
		}
		if n != 1 {
			t.Errorf("round %d: %d holders, want 1", round, n)
		}
	}
}
