package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"capdo/review"
	"capdo/store"
	"capdo/workdays"
)

// The regulation covering a unit's systems is the newest record of the nearest
// organisation from the unit up; a sibling's or a child's does not count.
func TestRegulationFor(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := MustOpen(t)
	province := mustOrg(t, db, "UBND tỉnh", 0)
	unit := mustOrg(t, db, "Sở Y tế", province.ID)
	hospital := mustOrg(t, db, "Bệnh viện", unit.ID)
	sibling := mustOrg(t, db, "Sở Tài chính", province.ID)
	u := mustUser(t, db, "chuquan", "owner", province.ID)
	add := func(org int64, number string) store.Regulation {
		t.Helper()
		r, err := db.AddRegulation(ctx, store.NewRegulation{OrgID: org, Number: number, IssuedOn: "2026-11-20", Issuer: "Chủ tịch",
			FileName: "q.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4"), SHA256: "ab", ActorID: u.ID})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	if _, err := db.RegulationFor(ctx, hospital.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("none yet: %v", err)
	}
	add(sibling.ID, "1/QĐ-STC")
	if _, err := db.RegulationFor(ctx, hospital.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a sibling's regulation covers the hospital: %v", err)
	}
	old := add(province.ID, "2/QĐ-UBND")
	newer := add(province.ID, "3/QĐ-UBND")
	if r, err := db.RegulationFor(ctx, hospital.ID); err != nil || r.ID != newer.ID || !r.Current || r.RecordedBy != "chuquan" || r.OrgName != "UBND tỉnh" {
		t.Errorf("the province's newest = %+v, %v", r, err)
	}
	own := add(unit.ID, "4/QĐ-SYT")
	if r, _ := db.RegulationFor(ctx, hospital.ID); r.ID != own.ID {
		t.Errorf("the nearer unit's regulation = %d, want %d", r.ID, own.ID)
	}
	list, err := db.RegulationsOf(ctx, province.ID)
	if err != nil || len(list) != 2 || list[0].ID != newer.ID || list[1].ID != old.ID || list[1].Current {
		t.Errorf("RegulationsOf = %+v, %v", list, err)
	}
	f, err := db.RegulationFile(ctx, old.ID)
	if err != nil || string(f.Data) != "%PDF-1.4" || f.Current {
		t.Errorf("RegulationFile = %+v, %v", f, err)
	}
	if _, err := db.AddRegulation(ctx, store.NewRegulation{OrgID: 999, Number: "x", Data: []byte("x")}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("an organisation that does not exist: %v", err)
	}
}

// Calendar entries read back as written, in the order recorded.
func TestCalendarEntries_RoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := MustOpen(t)
	org := mustOrg(t, db, "UBND tỉnh", 0)
	u := mustUser(t, db, "quantri", "admin", org.ID)
	d1, _ := workdays.ParseDate("2027-02-04")
	d2, _ := workdays.ParseDate("2027-01-30")
	in := []workdays.Entry{
		{Date: d1, Kind: workdays.Off, Year: 2027, Occasion: workdays.LunarNewYear, Note: "nghỉ 9 ngày", Source: "CV 1/VPCP", Mark: workdays.Secondary},
		{Date: d2, Kind: workdays.Work, Occasion: workdays.LunarNewYear, Source: "CV 1/VPCP"},
	}
	if err := db.AddCalendarEntries(ctx, in, u.ID); err != nil {
		t.Fatal(err)
	}
	got, err := db.CalendarEntries(ctx)
	if err != nil || len(got) != 2 {
		t.Fatalf("CalendarEntries = %+v, %v", got, err)
	}
	in[1].Year = 2027 // stored as the day's year
	for i := range in {
		if got[i].Entry != in[i] || got[i].RecordedBy != "quantri" {
			t.Errorf("entry %d = %+v, want %+v", i, got[i], in[i])
		}
	}
}

// What the transition lists: the subtree's systems whose newest approval is under a set,
// the dossiers under a set made since a day and still pending; and a deadline moved only
// while the dossier is in the stage it was computed for.
func TestTransitionLists(t *testing.T) {
	t.Parallel()
	f := newDossierFixture(t, 3)
	ctx := context.Background()
	sc := store.Scope{OrgID: f.province.ID}
	first, err := f.db.Dossier(ctx, sc, f.dossierID)
	if err != nil {
		t.Fatal(err)
	}
	since := first.CreatedAt.Add(time.Second) // the fixture's dossier is made with the real clock
	f.db.Now = func() time.Time { return since.Add(time.Hour) }
	pending, n, err := f.db.PendingUnder(ctx, sc, "d85-2016", since, 0)
	if err != nil || len(pending) != 0 || n != 0 {
		t.Fatalf("a dossier made before the day = %+v, %v", pending, err)
	}
	v := version(t, "Cổng", 20000)
	late, err := f.db.CreateDossier(ctx, store.NewDossier{SystemID: f.systemID, SystemVersion: 1, Level: 3, Profile: v.Profile, Decision: v.Decision,
		Manifest: []byte(`{}`), RuleSet: "d85-2016", Status: "draft", Holder: "operator", Event: review.Event{Action: review.Generate, To: "draft"}})
	if err != nil {
		t.Fatal(err)
	}
	if pending, n, err = f.db.PendingUnder(ctx, sc, "d85-2016", since, 0); err != nil || len(pending) != 1 || n != 1 || pending[0].ID != late {
		t.Errorf("PendingUnder = %+v, %v", pending, err)
	}
	if other, n, _ := f.db.PendingUnder(ctx, store.Scope{OrgID: f.other.ID}, "d85-2016", since, 0); len(other) != 0 || n != 0 {
		t.Errorf("another organisation sees %d", len(other))
	}

	due := since.Add(10 * 24 * time.Hour).Truncate(time.Microsecond)
	if _, err := f.db.Transition(ctx, late, store.Transition{From: "draft", To: "submitted", Holder: "infosec", DueAt: due, Event: review.Event{Action: "submit"}}); err != nil {
		t.Fatal(err)
	}
	open, err := f.db.OpenDeadlines(ctx)
	if err != nil || len(open) != 1 || open[0].ID != late || open[0].Status != "submitted" {
		t.Fatalf("OpenDeadlines = %+v, %v", open, err)
	}
	later := due.Add(24 * time.Hour)
	if ok, err := f.db.SetDueAt(ctx, late, "draft", later); ok || err != nil {
		t.Errorf("SetDueAt for a stage it left = %v, %v", ok, err)
	}
	if ok, err := f.db.SetDueAt(ctx, late, "submitted", later); !ok || err != nil {
		t.Errorf("SetDueAt = %v, %v", ok, err)
	}
	if d, _ := f.db.Dossier(ctx, sc, late); !d.DueAt.Equal(later) {
		t.Errorf("due %v, want %v", d.DueAt, later)
	}
	for _, st := range []store.Transition{
		{From: "submitted", To: "appraised", Holder: "owner", Event: review.Event{Action: "appraise"}},
		{From: "appraised", To: "approved", Event: review.Event{Action: "approve"}},
	} {
		if _, err := f.db.Transition(ctx, late, st); err != nil {
			t.Fatal(err)
		}
	}
	approved, n, _, err := f.db.ApprovedUnder(ctx, sc, "d85-2016", 10)
	if err != nil || len(approved) != 1 || n != 1 || approved[0].DossierID != late || approved[0].Level != 3 || approved[0].Name != "Cổng" || approved[0].OrgName != "Sở TT&TT" {
		t.Errorf("ApprovedUnder = %+v, %v", approved, err)
	}
	if none, _, _, _ := f.db.ApprovedUnder(ctx, sc, "d331-2026", 0); len(none) != 0 {
		t.Errorf("approved under d331-2026 = %+v", none)
	}
	if none, _, _, _ := f.db.ApprovedUnder(ctx, store.Scope{OrgID: f.other.ID}, "d85-2016", 0); len(none) != 0 {
		t.Errorf("another organisation sees %+v", none)
	}
	if pending, _, _ = f.db.PendingUnder(ctx, sc, "d85-2016", since, 0); len(pending) != 0 {
		t.Errorf("an approved dossier is pending: %+v", pending)
	}
}

// An organisation holds at most MaxRegulationsPerOrg records: each keeps its file for ever.
func TestAddRegulation_Quota(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := MustOpen(t)
	org := mustOrg(t, db, "UBND tỉnh", 0)
	other := mustOrg(t, db, "UBND tỉnh B", 0)
	nr := store.NewRegulation{OrgID: org.ID, Number: "1/QĐ-UBND", IssuedOn: "2026-11-20", Issuer: "Chủ tịch", FileName: "q.pdf",
		ContentType: "application/pdf", Data: []byte("%PDF-1.4"), SHA256: "ab"}
	for i := range store.MaxRegulationsPerOrg {
		if _, err := db.AddRegulation(ctx, nr); err != nil {
			t.Fatalf("record %d: %v", i+1, err)
		}
	}
	var quota *store.QuotaError
	if _, err := db.AddRegulation(ctx, nr); !errors.As(err, &quota) || quota.Kind != store.QuotaRegulations {
		t.Errorf("one more = %v", err)
	}
	nr.OrgID = other.ID
	if _, err := db.AddRegulation(ctx, nr); err != nil {
		t.Errorf("another organisation's first: %v", err)
	}
}

// approveAs records an approval in capdo of the system's version 1 at a level under a
// rule set: a dossier made and taken to approved.
func approveAs(t *testing.T, db *store.DB, systemID int64, level int, ruleSet string) int64 {
	t.Helper()
	ctx := context.Background()
	v := importVersion("", "", level)
	id, err := db.CreateDossier(ctx, store.NewDossier{SystemID: systemID, SystemVersion: 1, Level: level, Profile: v.Profile, Decision: v.Decision,
		Manifest: []byte(`{}`), RuleSet: ruleSet, Status: "draft", Holder: "operator", Event: review.Event{Action: review.Generate, To: "draft"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []store.Transition{
		{From: "draft", To: "submitted", Holder: "infosec", Event: review.Event{Action: "submit"}},
		{From: "submitted", To: "appraised", Holder: "owner", Event: review.Event{Action: "appraise"}},
		{From: "appraised", To: "approved", Event: review.Event{Action: "approve"}},
	} {
		if _, err := db.Transition(ctx, id, st); err != nil {
			t.Fatal(err)
		}
	}
	return id
}

// A level declared approved on import counts as approved in the dashboard's counts and in
// the transition's list while no approval is recorded in capdo, marked as declared; an
// approval recorded in capdo prevails whatever its rule set; the list keeps to the rule
// set the level was declared under and to the caller's subtree.
func TestDeclaredLevels_CountAsApproved(t *testing.T) {
	t.Parallel()
	db := MustOpen(t)
	ctx := context.Background()
	province := mustOrg(t, db, "UBND tỉnh", 0)
	unit := mustOrg(t, db, "Sở A", province.ID)
	other := mustOrg(t, db, "UBND tỉnh B", 0)
	done, err := db.ImportSystems(ctx, unit.ID, []store.ImportItem{
		{Version: importVersion("HT-A", "A declared d85", 3), Declared: 2, DeclaredRuleSet: "d85-2016"},
		{Version: importVersion("HT-B", "B declared then approved", 4), Declared: 3, DeclaredRuleSet: "d85-2016"},
		{Version: importVersion("HT-C", "C nothing", 1)},
		{Version: importVersion("HT-D", "D declared d331", 1), Declared: 1, DeclaredRuleSet: "d331-2026"},
		{Version: importVersion("HT-E", "E approved d85", 3)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ImportSystems(ctx, other.ID, []store.ImportItem{{Version: importVersion("HT-X", "X elsewhere", 2), Declared: 2, DeclaredRuleSet: "d85-2016"}}); err != nil {
		t.Fatal(err)
	}
	a, b, e := done[0].ID, done[1].ID, done[4].ID
	approveAs(t, db, b, 4, "d331-2026")
	approvedE := approveAs(t, db, e, 3, "d85-2016")

	sc := store.Scope{OrgID: province.ID}
	st, err := db.Stats(ctx, sc)
	if err != nil {
		t.Fatal(err)
	}
	if want := [6]int{1, 1, 1, 1, 1, 0}; st.ByApproved != want {
		t.Errorf("ByApproved = %v, want %v (C none; D, A declared; E, B approved in capdo)", st.ByApproved, want)
	}
	if want := [6]int{0, 1, 1, 0, 0, 0}; st.ByDeclared != want {
		t.Errorf("ByDeclared = %v, want %v", st.ByDeclared, want)
	}
	if st.Systems != 5 {
		t.Errorf("Systems = %d, want 5", st.Systems)
	}

	list, total, declared, err := db.ApprovedUnder(ctx, sc, "d85-2016", 0)
	if err != nil || total != 2 || declared != 1 || len(list) != 2 {
		t.Fatalf("ApprovedUnder = %+v, %d, %d, %v", list, total, declared, err)
	}
	if x := list[0]; x.SystemID != a || !x.Declared || x.Level != 2 || x.RuleSet != "d85-2016" || x.DossierID != 0 || x.DeclaredAt.IsZero() || !x.ApprovedAt.IsZero() || x.OrgName != "Sở A" {
		t.Errorf("the declared system = %+v", x)
	}
	if x := list[1]; x.SystemID != e || x.Declared || x.Level != 3 || x.DossierID != approvedE || x.ApprovedAt.IsZero() {
		t.Errorf("the system approved in capdo = %+v", x)
	}
	if page, total, declared, _ := db.ApprovedUnder(ctx, sc, "d85-2016", 1); len(page) != 1 || total != 2 || declared != 1 {
		t.Errorf("one page: %d listed of %d (%d declared)", len(page), total, declared)
	}
	if list, total, declared, _ := db.ApprovedUnder(ctx, sc, "d331-2026", 0); total != 2 || declared != 1 || len(list) != 2 || list[0].SystemID != b || list[1].Declared != true {
		t.Errorf("under d331-2026 = %+v, %d, %d (B approved, D declared)", list, total, declared)
	}
	if list, total, declared, _ := db.ApprovedUnder(ctx, store.Scope{OrgID: other.ID}, "d85-2016", 0); total != 1 || declared != 1 || len(list) != 1 || list[0].Name != "X elsewhere" {
		t.Errorf("the other province = %+v", list)
	}
}
