package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"capdo/review"
	"capdo/store"
)

// dossierFixture stores one system in a unit under a province and one level-4 dossier of it.
type dossierFixture struct {
	db                    *store.DB
	province, unit, other store.Org
	systemID, dossierID   int64
}

func newDossierFixture(t *testing.T, level int) dossierFixture {
	t.Helper()
	db := MustOpen(t)
	ctx := context.Background()
	f := dossierFixture{db: db}
	f.province = mustOrg(t, db, "UBND tỉnh", 0)
	f.unit = mustOrg(t, db, "Sở TT&TT", f.province.ID)
	f.other = mustOrg(t, db, "Bộ Thông tin", 0)
	u := mustUser(t, db, "vanhanh", "operator", f.unit.ID)
	v := version(t, "Cổng", 20000)
	var err error
	f.systemID, err = db.CreateSystem(ctx, f.unit.ID, v)
	if err != nil {
		t.Fatal(err)
	}
	f.dossierID, err = db.CreateDossier(ctx, store.NewDossier{
		SystemID: f.systemID, SystemVersion: 1, Level: level, Profile: v.Profile, Decision: v.Decision,
		Manifest: []byte(`{"system":"Cổng"}`), RuleSet: "d85-2016", RuleSetDigest: "abc", Templates: "embedded", TemplatesDigest: "def",
		Files:  []store.File{{Name: "to-trinh.docx", Data: []byte("PK…"), SHA256: "11"}, {Name: "du-thao-quyet-dinh.docx", Data: []byte("PK2"), SHA256: "22"}},
		Status: "draft", Holder: "operator", ActorID: u.ID,
		Event: review.Event{Action: review.Generate, To: "draft", Actor: "vanhanh", Role: "operator", Data: "sha"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestDossier_HashChainAndImmutability(t *testing.T) {
	t.Parallel()
	f := newDossierFixture(t, 3)
	ctx := context.Background()
	sc := store.Scope{OrgID: f.province.ID}
	steps := []store.Transition{
		{From: "draft", To: "submitted", Holder: "infosec", DueAt: time.Now().Add(48 * time.Hour), Event: review.Event{Action: "submit", Actor: "vanhanh", Role: "operator"}},
		{From: "submitted", To: "appraised", Holder: "owner", Event: review.Event{Action: "appraise", Actor: "attt", Role: "infosec", Comment: "Đạt yêu cầu"}},
		{From: "appraised", To: "approved", Event: review.Event{Action: "approve", Actor: "chuquan", Role: "owner"}},
	}
	for _, st := range steps {
		if _, err := f.db.Transition(ctx, f.dossierID, st); err != nil {
			t.Fatalf("Transition(%s→%s): %v", st.From, st.To, err)
		}
	}
	evs, err := f.db.DossierEvents(ctx, sc, f.dossierID)
	if err != nil || len(evs) != 4 {
		t.Fatalf("DossierEvents = %d, %v; want 4", len(evs), err)
	}
	if chk, err := f.db.VerifyDossier(ctx, f.dossierID); err != nil || chk.History != nil || !chk.Keyed {
		t.Errorf("stored chain does not verify: %+v, %v", chk, err)
	}
	if evs[2].Comment != "Đạt yêu cầu" || evs[0].Data != "sha" {
		t.Errorf("events lost fields: %+v", evs)
	}
	// Approved: no further step, whatever it claims to start from.
	_, err = f.db.Transition(ctx, f.dossierID, store.Transition{From: "approved", To: "returned", Event: review.Event{Action: "return"}})
	if !errors.Is(err, store.ErrImmutable) {
		t.Errorf("transition after approval: err = %v, want ErrImmutable", err)
	}
	d, _ := f.db.Dossier(ctx, sc, f.dossierID)
	if d.Status != "approved" || !d.DueAt.IsZero() || d.Holder != "" {
		t.Errorf("dossier = status %s due %v holder %q", d.Status, d.DueAt, d.Holder)
	}
	s, _ := f.db.System(ctx, sc, f.systemID)
	if s.Status != "approved" {
		t.Errorf("system status = %s, want approved", s.Status)
	}
}

func TestDossier_StaleTransitionConflicts(t *testing.T) {
	t.Parallel()
	f := newDossierFixture(t, 3)
	ctx := context.Background()
	st := store.Transition{From: "draft", To: "submitted", Event: review.Event{Action: "submit"}}
	if _, err := f.db.Transition(ctx, f.dossierID, st); err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.Transition(ctx, f.dossierID, st); !errors.Is(err, store.ErrConflict) {
		t.Errorf("second submit from draft: err = %v, want ErrConflict", err)
	}
	if _, err := f.db.Transition(ctx, 999, st); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown dossier: err = %v, want ErrNotFound", err)
	}
}

func TestDossier_Scope(t *testing.T) {
	t.Parallel()
	f := newDossierFixture(t, 4)
	ctx := context.Background()
	authority := store.Scope{OrgID: f.other.ID, Appraises: store.AppraisesCivil}
	defence := store.Scope{OrgID: f.other.ID, Appraises: store.AppraisesBQP}
	stranger := store.Scope{OrgID: f.other.ID}
	if _, err := f.db.Dossier(ctx, authority, f.dossierID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("authority sees a draft: err = %v", err)
	}
	if _, err := f.db.System(ctx, authority, f.systemID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("authority reads the system of a draft: err = %v", err)
	}
	// Submitting routes a level-4 dossier to the authority of its ministry (civil here).
	f.db.Transition(ctx, f.dossierID, store.Transition{From: "draft", To: "submitted", Holder: "infosec", Event: review.Event{Action: "submit"}})
	if _, err := f.db.Dossier(ctx, authority, f.dossierID); err != nil {
		t.Errorf("authority does not see a submitted level-4 dossier: %v", err)
	}
	if _, err := f.db.DossierFile(ctx, authority, f.dossierID, "to-trinh.docx"); err != nil {
		t.Errorf("authority cannot read the routed files: %v", err)
	}
	if _, err := f.db.System(ctx, authority, f.systemID); err != nil {
		t.Errorf("authority cannot read the system of a routed dossier: %v", err)
	}
	if _, err := f.db.Dossier(ctx, defence, f.dossierID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the defence ministry's authority sees a civil dossier: err = %v", err)
	}
	if _, err := f.db.Dossier(ctx, stranger, f.dossierID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another organisation sees the dossier: err = %v", err)
	}
	if _, err := f.db.UpdateSystem(ctx, authority, f.systemID, version(t, "x", 1)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("authority changes a routed system: err = %v, want ErrNotFound", err)
	}
	if list, _ := f.db.ListSystems(ctx, authority, store.SystemFilter{Level: -1}); len(list) != 0 {
		t.Errorf("routed systems enter the authority's registry: %d", len(list))
	}
	// It stays visible after the authority has acted and the dossier moved on.
	f.db.Transition(ctx, f.dossierID, store.Transition{From: "submitted", To: "opinion_given", Holder: "authority", Event: review.Event{Action: "opinion"}})
	f.db.Transition(ctx, f.dossierID, store.Transition{From: "opinion_given", To: "appraised", Holder: "owner", Event: review.Event{Action: "appraise"}})
	if list, _ := f.db.ListDossiers(ctx, authority, store.DossierFilter{}); len(list) != 1 {
		t.Errorf("ListDossiers(authority) = %d, want 1", len(list))
	}
	if list, _ := f.db.ListDossiers(ctx, stranger, store.DossierFilter{}); len(list) != 0 {
		t.Errorf("ListDossiers(stranger) = %d, want 0", len(list))
	}
	file, err := f.db.DossierFile(ctx, store.Scope{OrgID: f.unit.ID}, f.dossierID, "du-thao-quyet-dinh.docx")
	if err != nil || string(file.Data) != "PK2" || file.SHA256 != "22" {
		t.Errorf("DossierFile = %+v, %v", file, err)
	}
}

// An infosec unit beside the operating unit reviews the dossiers of its chủ quản's subtree
// once they are submitted, and reads their systems; drafts stay hidden.
func TestDossier_ScopeReviewedSubtree(t *testing.T) {
	t.Parallel()
	f := newDossierFixture(t, 3)
	ctx := context.Background()
	attt := mustOrg(t, f.db, "Sở Thông tin và Truyền thông", f.province.ID)
	sibling := store.Scope{OrgID: attt.ID, ReviewOrgID: f.province.ID}
	elsewhere := store.Scope{OrgID: attt.ID, ReviewOrgID: f.other.ID}
	if _, err := f.db.Dossier(ctx, sibling, f.dossierID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a sibling's draft is visible: err = %v", err)
	}
	f.db.Transition(ctx, f.dossierID, store.Transition{From: "draft", To: "submitted", Holder: "infosec", Event: review.Event{Action: "submit"}})
	f.db.Transition(ctx, f.dossierID, store.Transition{From: "submitted", To: "returned", Holder: "operator", Event: review.Event{Action: "return"}})
	if _, err := f.db.Dossier(ctx, sibling, f.dossierID); err != nil {
		t.Errorf("a returned dossier of the chủ quản's subtree is hidden: %v", err)
	}
	if _, err := f.db.System(ctx, sibling, f.systemID); err != nil {
		t.Errorf("its system cannot be read: %v", err)
	}
	if n, _ := f.db.CountDossiers(ctx, sibling, store.DossierFilter{}); n != 1 {
		t.Errorf("CountDossiers(sibling) = %d, want 1", n)
	}
	if _, err := f.db.Dossier(ctx, elsewhere, f.dossierID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another chủ quản's reviewer sees it: err = %v", err)
	}
}

// The managing ministry is fixed from the profile when the dossier is stored.
func TestDossier_MinistryRouting(t *testing.T) {
	t.Parallel()
	f := newDossierFixture(t, 4)
	ctx := context.Background()
	v := version(t, "Hệ thống chỉ huy", 10)
	v.Profile.ManagedBy = "bqp"
	id, err := f.db.CreateDossier(ctx, store.NewDossier{SystemID: f.systemID, SystemVersion: 1, Level: 4, Profile: v.Profile,
		Manifest: []byte(`{}`), RuleSet: "d85-2016", Status: "submitted", Event: review.Event{Action: review.Generate, To: "submitted"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		appraises string
		want      int
	}{{store.AppraisesBQP, 1}, {store.AppraisesBCA, 0}, {store.AppraisesCivil, 0}} {
		list, _ := f.db.ListDossiers(ctx, store.Scope{OrgID: f.other.ID, Appraises: c.appraises}, store.DossierFilter{})
		if len(list) != c.want || (c.want == 1 && list[0].ID != id) {
			t.Errorf("authority appraising %s sees %d dossiers, want %d", c.appraises, len(list), c.want)
		}
	}
}

func TestStats(t *testing.T) {
	t.Parallel()
	f := newDossierFixture(t, 3)
	ctx := context.Background()
	now := time.Now()
	f.db.Now = func() time.Time { return now }
	f.db.Transition(ctx, f.dossierID, store.Transition{From: "draft", To: "submitted", Holder: "infosec",
		DueAt: now.Add(24 * time.Hour), Event: review.Event{Action: "submit"}})
	st, err := f.db.Stats(ctx, store.Scope{OrgID: f.province.ID})
	if err != nil {
		t.Fatal(err)
	}
	if st.Systems != 1 || st.ByLevel[3] != 1 || len(st.ByOrg) != 1 || st.ByOrg[0].Name != "Sở TT&TT" || st.ByStatus["submitted"] != 1 || len(st.Overdue) != 0 {
		t.Errorf("Stats = %+v", st)
	}
	now = now.Add(48 * time.Hour)
	st, _ = f.db.Stats(ctx, store.Scope{OrgID: f.province.ID})
	if len(st.Overdue) != 1 {
		t.Errorf("overdue = %d, want 1", len(st.Overdue))
	}
	if st, _ := f.db.Stats(ctx, store.Scope{OrgID: f.other.ID}); st.Systems != 0 || st.Dossiers != 0 {
		t.Errorf("Stats of another organisation = %+v", st)
	}
}

// The dossier list pages like the system list and carries what a list row shows, without
// the stored profile and manifest.
func TestListDossiers_Paging(t *testing.T) {
	t.Parallel()
	f := newDossierFixture(t, 3)
	ctx := context.Background()
	for i := 0; i < 4; i++ {
		if _, err := f.db.CreateDossier(ctx, store.NewDossier{SystemID: f.systemID, SystemVersion: 1, Level: 3,
			Manifest: []byte(`{}`), RuleSet: "d85-2016", Status: "draft", Holder: "operator",
			Event: review.Event{Action: review.Generate, To: "draft"}}); err != nil {
			t.Fatal(err)
		}
	}
	f.db.Transition(ctx, f.dossierID, store.Transition{From: "draft", To: "submitted", Holder: "infosec", Event: review.Event{Action: "submit"}})
	sc := store.Scope{OrgID: f.province.ID}
	page, err := f.db.ListDossiers(ctx, sc, store.DossierFilter{Limit: 2, Offset: 1})
	if err != nil || len(page) != 2 || page[0].ID != f.dossierID+3 || page[1].ID != f.dossierID+2 {
		t.Fatalf("ListDossiers(limit 2, offset 1) = %+v, %v", page, err)
	}
	if page[0].SystemName != "Cổng" || page[0].OrgName != "Sở TT&TT" || page[0].Level != 3 || page[0].CreatedAt.IsZero() || page[0].Manifest != nil {
		t.Errorf("summary row = %+v", page[0])
	}
	for _, c := range []struct {
		f    store.DossierFilter
		want int
	}{{store.DossierFilter{}, 5}, {store.DossierFilter{Status: "draft", Limit: 1}, 4}, {store.DossierFilter{Status: "submitted"}, 1}, {store.DossierFilter{SystemID: 999}, 0}} {
		if n, err := f.db.CountDossiers(ctx, sc, c.f); err != nil || n != c.want {
			t.Errorf("CountDossiers(%+v) = %d, %v; want %d", c.f, n, err, c.want)
		}
	}
	if n, _ := f.db.CountDossiers(ctx, store.Scope{OrgID: f.other.ID}, store.DossierFilter{}); n != 0 {
		t.Errorf("CountDossiers(other organisation) = %d, want 0", n)
	}
}

// Once the system has a newer version, the dossier made from the old one takes no further
// step but a return; the check is in the transaction that records the step.
func TestDossier_SystemChangedOnlyReturns(t *testing.T) {
	t.Parallel()
	f := newDossierFixture(t, 3)
	ctx := context.Background()
	if _, err := f.db.Transition(ctx, f.dossierID, store.Transition{From: "draft", To: "submitted", Event: review.Event{Action: "submit"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.UpdateSystem(ctx, store.Scope{OrgID: f.unit.ID}, f.systemID, version(t, "Cổng", 500)); err != nil {
		t.Fatal(err)
	}
	if d, err := f.db.Dossier(ctx, store.Scope{OrgID: f.unit.ID}, f.dossierID); err != nil || d.SystemVersion != 1 || d.SystemCurrent != 2 {
		t.Fatalf("dossier = made from %d, system now %d, %v; want 1 and 2", d.SystemVersion, d.SystemCurrent, err)
	}
	var stale *store.StaleError
	_, err := f.db.Transition(ctx, f.dossierID, store.Transition{From: "submitted", To: "appraised", Event: review.Event{Action: "appraise"}})
	if !errors.As(err, &stale) || stale.Made != 1 || stale.Current != 2 {
		t.Fatalf("appraise a stale dossier: err = %v, want StaleError{1, 2}", err)
	}
	if _, err := f.db.Transition(ctx, f.dossierID, store.Transition{From: "submitted", To: "returned", Event: review.Event{Action: "return"}}); err != nil {
		t.Errorf("return a stale dossier: %v", err)
	}
}
