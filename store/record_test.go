package store_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"testing"
	"time"

	"capdo/review"
	"capdo/store"
)

func upload(kind, name, status string) store.NewUpload {
	return store.NewUpload{Status: status, Kind: kind, Name: name, ContentType: "application/pdf", Data: []byte("%PDF-1.7 " + name),
		SHA256: "sum-" + name, Reserved: []string{"to-trinh.docx"}, Event: review.Event{Action: "upload", Actor: "vanhanh", Role: "operator"}}
}

// An upload is stored under a name unique in the dossier — the generated documents' names
// included — and recorded in the history, whose chain stays whole; the dossier must still
// be in the status the upload was allowed in.
func TestAddUpload(t *testing.T) {
	t.Parallel()
	f := newDossierFixture(t, 3)
	ctx := context.Background()
	sc := store.Scope{OrgID: f.province.ID}
	var names []string
	for _, n := range []string{"to-trinh-da-ky.pdf", "to-trinh-da-ky.pdf", "to-trinh.docx", "so-do"} {
		up, err := f.db.AddUpload(ctx, f.dossierID, upload("signed_request", n, "draft"))
		if err != nil {
			t.Fatalf("AddUpload(%s): %v", n, err)
		}
		names = append(names, up.Name)
	}
	want := []string{"to-trinh-da-ky.pdf", "to-trinh-da-ky-2.pdf", "to-trinh-2.docx", "so-do"}
	for i := range want {
		if names[i] != want[i] {
			t.Errorf("stored names = %v, want %v", names, want)
			break
		}
	}
	if _, err := f.db.AddUpload(ctx, f.dossierID, upload("attachment", "x.pdf", "returned")); !errors.Is(err, store.ErrConflict) {
		t.Errorf("upload in a status the dossier left: %v, want ErrConflict", err)
	}
	quota := errors.New("đầy")
	u := upload("attachment", "y.pdf", "draft")
	u.Check = func(count int, total int64) error {
		if count != 4 || total == 0 {
			t.Errorf("Check(%d, %d), want the four uploads so far", count, total)
		}
		return quota
	}
	if _, err := f.db.AddUpload(ctx, f.dossierID, u); !errors.Is(err, quota) {
		t.Errorf("a refused quota: %v", err)
	}
	d, err := f.db.Dossier(ctx, sc, f.dossierID)
	if err != nil || len(d.Uploads) != 4 || d.Uploads[1].Name != "to-trinh-da-ky-2.pdf" || d.Uploads[1].UploadedBy != "" || d.Uploads[1].Kind != "signed_request" {
		t.Errorf("Dossier uploads = %+v, %v", d.Uploads, err)
	}
	evs, _ := f.db.DossierEvents(ctx, sc, f.dossierID)
	if err := intact(f.db, f.dossierID); err != nil || len(evs) != 5 || evs[2].Data != "signed_request to-trinh-da-ky-2.pdf sha256 sum-to-trinh-da-ky.pdf" || evs[2].From != "draft" || evs[2].To != "draft" {
		t.Errorf("history = %+v, %v", evs, err)
	}
	got, err := f.db.DossierUpload(ctx, sc, f.dossierID, "so-do")
	if err != nil || string(got.Data) != "%PDF-1.7 so-do" || got.SHA256 != "sum-so-do" {
		t.Errorf("DossierUpload = %+v, %v", got, err)
	}
	if _, err := f.db.DossierUpload(ctx, store.Scope{OrgID: f.other.ID}, f.dossierID, "so-do"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another organisation reads the upload: %v", err)
	}
}

// Approving records the approval with the inspection cycle and, when given, the decision;
// the system then carries it, and no later edit touches it. A decision is recorded once,
// and only for an approved dossier; after the approval, the history takes its signed
// decision and the record of the decision only.
func TestApproval(t *testing.T) {
	t.Parallel()
	f := newDossierFixture(t, 3)
	ctx := context.Background()
	own := store.Scope{OrgID: f.province.ID}
	now := time.Date(2026, 12, 10, 3, 0, 0, 0, time.UTC)
	f.db.Now = func() time.Time { return now }
	dec := store.NewDecision{Number: "15/QĐ-UBND", Date: "2026-12-10"}
	if _, err := f.db.RecordDecision(ctx, f.dossierID, dec, review.Event{Action: "decision"}); !errors.Is(err, store.ErrConflict) {
		t.Errorf("decision of a draft: %v, want ErrConflict", err)
	}
	for _, st := range []store.Transition{
		{From: "draft", To: "submitted", Event: review.Event{Action: "submit"}},
		{From: "submitted", To: "appraised", Event: review.Event{Action: "appraise"}},
		{From: "appraised", To: "approved", Event: review.Event{Action: "approve"}, Approval: &store.NewApproval{InspectionMonths: 12}},
	} {
		if _, err := f.db.Transition(ctx, f.dossierID, st); err != nil {
			t.Fatalf("%s→%s: %v", st.From, st.To, err)
		}
	}
	s, err := f.db.System(ctx, own, f.systemID)
	if err != nil || s.Approved == nil || s.Approved.Level != 3 || s.Approved.DossierID != f.dossierID || s.Approved.Decision != nil {
		t.Fatalf("System.Approved = %+v, %v", s.Approved, err)
	}
	if next := s.Approved.NextInspection().Format(time.DateOnly); next != "2027-12-10" {
		t.Errorf("next inspection from the approval = %s, want 2027-12-10", next)
	}
	if _, err := f.db.RecordDecision(ctx, f.dossierID, store.NewDecision{Number: "20/QĐ-UBND", Date: "2026-11-30"}, review.Event{Action: "decision"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.RecordDecision(ctx, f.dossierID, dec, review.Event{Action: "decision"}); !errors.Is(err, store.ErrConflict) {
		t.Errorf("a second decision: %v, want ErrConflict", err)
	}
	if up, err := f.db.AddUpload(ctx, f.dossierID, upload("decision", "qd.pdf", "approved")); err != nil || up.Name != "qd.pdf" {
		t.Errorf("the signed decision after approval: %+v, %v", up, err)
	}
	if _, err := f.db.AddUpload(ctx, f.dossierID, upload("attachment", "them.pdf", "approved")); err == nil {
		t.Error("the database took an attachment after the approval")
	}
	// An edit of the system changes its computed level, never its approval.
	if _, err := f.db.UpdateSystem(ctx, own, f.systemID, version(t, "Cổng", 500)); err != nil {
		t.Fatal(err)
	}
	s, _ = f.db.System(ctx, own, f.systemID)
	if s.Approved == nil || s.Approved.Level != 3 || s.Approved.Decision == nil || s.Approved.Decision.Number != "20/QĐ-UBND" || s.Level == 3 {
		t.Errorf("after an edit: level %d, approved %+v", s.Level, s.Approved)
	}
	if next := s.Approved.NextInspection().Format(time.DateOnly); next != "2027-11-30" {
		t.Errorf("next inspection from the decision = %s, want 2027-11-30", next)
	}
	list, err := f.db.ListSystems(ctx, own, store.SystemFilter{Level: -1})
	if err != nil || len(list) != 1 || list[0].Approved == nil || list[0].Approved.Decision.Date != "2026-11-30" {
		t.Errorf("ListSystems approved = %+v, %v", list, err)
	}
	st, _ := f.db.Stats(ctx, own)
	if st.ByApproved[3] != 1 || st.ByLevel[3] != 0 {
		t.Errorf("Stats by approved level = %v, by level %v", st.ByApproved, st.ByLevel)
	}
	evs, _ := f.db.DossierEvents(ctx, own, f.dossierID)
	if err := intact(f.db, f.dossierID); err != nil || len(evs) != 6 || evs[4].Action != "decision" || evs[5].Action != "upload" {
		t.Errorf("history after approval = %+v, %v", evs, err)
	}
	d, _ := f.db.Dossier(ctx, own, f.dossierID)
	if d.Approval == nil || d.Approval.Decision == nil || d.Approval.InspectionMonths != 12 {
		t.Errorf("Dossier.Approval = %+v", d.Approval)
	}
}

// A new dossier withdraws the system's returned dossiers and its drafts of an older
// version, each with an event in its history; a draft of the same version stays. A
// withdrawn dossier leaves the lists unless asked for, and never changes again.
func TestSupersede(t *testing.T) {
	t.Parallel()
	f := newDossierFixture(t, 3) // dossier 1: draft of version 1
	ctx := context.Background()
	own := store.Scope{OrgID: f.province.ID}
	returned := f.newDossier(t, 1, 3, "Cổng")
	for _, st := range []store.Transition{{From: "draft", To: "submitted"}, {From: "submitted", To: "returned"}} {
		st.Event = review.Event{Action: "x"}
		if _, err := f.db.Transition(ctx, returned, st); err != nil {
			t.Fatal(err)
		}
	}
	same := f.newDossier(t, 1, 3, "Cổng") // does not supersede
	if _, err := f.db.UpdateSystem(ctx, own, f.systemID, version(t, "Cổng", 20000)); err != nil {
		t.Fatal(err)
	}
	v := version(t, "Cổng", 20000)
	newID, err := f.db.CreateDossier(ctx, store.NewDossier{SystemID: f.systemID, SystemVersion: 2, Level: 3, Profile: v.Profile,
		Manifest: []byte(`{}`), RuleSet: "d85-2016", Status: "draft", Holder: "operator",
		Event: review.Event{Action: review.Generate, To: "draft"},
		Supersede: func(id int64) review.Event {
			return review.Event{Action: "withdraw", Actor: "vanhanh", Role: "operator", Comment: "thay bằng " + itoa(id)}
		}})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{f.dossierID, returned, same} {
		d, _ := f.db.Dossier(ctx, own, id)
		evs, _ := f.db.DossierEvents(ctx, own, id)
		last := evs[len(evs)-1]
		if d.Status != "withdrawn" || d.Holder != "" || last.Action != "withdraw" || last.Comment != "thay bằng "+itoa(newID) || intact(f.db, id) != nil {
			t.Errorf("dossier %d: %s, last event %+v", id, d.Status, last)
		}
	}
	if n, _ := f.db.CountDossiers(ctx, own, store.DossierFilter{}); n != 1 {
		t.Errorf("CountDossiers = %d, want the new one only", n)
	}
	if n, _ := f.db.CountDossiers(ctx, own, store.DossierFilter{Withdrawn: true}); n != 4 {
		t.Errorf("CountDossiers(withdrawn too) = %d, want 4", n)
	}
	if _, err := f.db.Transition(ctx, returned, store.Transition{From: "withdrawn", To: "submitted", Event: review.Event{Action: "submit"}}); err == nil {
		t.Error("a withdrawn dossier moved on")
	}
	if _, err := f.db.AddUpload(ctx, returned, upload("revised", "r.pdf", "withdrawn")); err == nil {
		t.Error("a withdrawn dossier took an upload")
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// The dossier lists filter by unit and by deadline, and a returned dossier carries its
// reason.
func TestListDossiers_UnitDueReason(t *testing.T) {
	t.Parallel()
	f := newDossierFixture(t, 3)
	ctx := context.Background()
	own := store.Scope{OrgID: f.province.ID}
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	f.db.Now = func() time.Time { return now }
	f.db.Transition(ctx, f.dossierID, store.Transition{From: "draft", To: "submitted", DueAt: now.Add(72 * time.Hour), Event: review.Event{Action: "submit"}})
	other := f.newDossier(t, 1, 3, "Cổng")
	f.db.Transition(ctx, other, store.Transition{From: "draft", To: "submitted", Event: review.Event{Action: "submit"}})
	f.db.Transition(ctx, other, store.Transition{From: "submitted", To: "returned", Holder: "operator", Event: review.Event{Action: "return", Comment: "Thiếu sơ đồ mạng"}})
	ids := func(fl store.DossierFilter) []int64 {
		t.Helper()
		fl.Now = now
		list, err := f.db.ListDossiers(ctx, own, fl)
		if err != nil {
			t.Fatal(err)
		}
		var out []int64
		for _, d := range list {
			out = append(out, d.ID)
		}
		return out
	}
	for _, c := range []struct {
		name string
		f    store.DossierFilter
		want int
	}{
		{"due soon", store.DossierFilter{Due: store.DueSoon}, 1},
		{"overdue", store.DossierFilter{Due: store.DueOverdue}, 0},
		{"any deadline", store.DossierFilter{Due: store.DueAny}, 1},
		{"its unit", store.DossierFilter{OrgID: f.unit.ID}, 2},
		{"another unit", store.DossierFilter{OrgID: f.province.ID}, 0},
	} {
		if got := ids(c.f); len(got) != c.want {
			t.Errorf("%s: %v, want %d", c.name, got, c.want)
		}
	}
	now = now.Add(96 * time.Hour)
	if got := ids(store.DossierFilter{Due: store.DueOverdue}); len(got) != 1 || got[0] != f.dossierID {
		t.Errorf("overdue later = %v, want [%d]", got, f.dossierID)
	}
	list, _ := f.db.ListDossiers(ctx, own, store.DossierFilter{Status: "returned"})
	if len(list) != 1 || list[0].ReturnReason != "Thiếu sơ đồ mạng" {
		t.Errorf("returned list = %+v, want the reason", list)
	}
}

// A reviewer's system list and dashboard include the systems routed to it, as the routed
// version: what the unit saved since is neither shown nor found by search.
func TestListSystems_Routed(t *testing.T) {
	t.Parallel()
	f := newDossierFixture(t, 4) // a level-4 dossier of «Cổng», version 1
	ctx := context.Background()
	authority := store.Scope{OrgID: f.other.ID, Appraises: store.AppraisesCivil}
	own := store.Scope{OrgID: f.unit.ID}
	f.db.Transition(ctx, f.dossierID, store.Transition{From: "draft", To: "submitted", Event: review.Event{Action: "submit"}})
	if _, err := f.db.UpdateSystem(ctx, own, f.systemID, version(t, "Cổng mật danh", 20000)); err != nil {
		t.Fatal(err)
	}
	list, err := f.db.ListSystems(ctx, authority, store.SystemFilter{Level: -1, Routed: true})
	if err != nil || len(list) != 1 || list[0].Profile.Name != "Cổng" || !list[0].Routed || list[0].Level != 4 || list[0].Status != "submitted" || list[0].Version != 1 {
		t.Fatalf("routed list = %+v, %v", list, err)
	}
	for _, c := range []struct {
		f    store.SystemFilter
		want int
	}{
		{store.SystemFilter{Level: -1, Routed: true, Query: "cong"}, 1},
		{store.SystemFilter{Level: -1, Routed: true, Query: "mat danh"}, 0},
		{store.SystemFilter{Level: 4, Routed: true}, 1},
		{store.SystemFilter{Level: 3, Routed: true}, 0},
		{store.SystemFilter{Level: -1, Routed: true, Status: "submitted", OrgID: f.unit.ID}, 1},
		{store.SystemFilter{Level: -1, RoutedOnly: true}, 1},
		{store.SystemFilter{Level: -1}, 0},
	} {
		got, err := f.db.ListSystems(ctx, authority, c.f)
		n, _ := f.db.CountSystems(ctx, authority, c.f)
		if err != nil || len(got) != c.want || n != c.want {
			t.Errorf("ListSystems(%+v) = %d (count %d), %v; want %d", c.f, len(got), n, err, c.want)
		}
	}
	if got, _ := f.db.ListSystems(ctx, own, store.SystemFilter{Level: -1, Routed: true}); len(got) != 1 || got[0].Routed || got[0].Profile.Name != "Cổng mật danh" {
		t.Errorf("the unit's own list = %+v", got)
	}
	st, err := f.db.Stats(ctx, authority)
	if err != nil || st.Systems != 1 || st.ByLevel[4] != 1 || len(st.ByOrg) != 1 || st.ByOrg[0].OrgID != f.unit.ID || st.ByApproved[0] != 1 {
		t.Errorf("authority's Stats = %+v, %v", st, err)
	}
	orgs, err := f.db.RoutedOrgs(ctx, authority)
	if err != nil || len(orgs) != 1 || orgs[0].ID != f.unit.ID {
		t.Errorf("RoutedOrgs = %+v, %v", orgs, err)
	}
	if orgs, _ := f.db.RoutedOrgs(ctx, store.Scope{OrgID: f.other.ID}); len(orgs) != 0 {
		t.Errorf("RoutedOrgs without routing = %+v", orgs)
	}
}

// An unpaged list of more systems than one query of approvals covers still carries each
// system's approval.
func TestListSystems_ApprovalsOfLongLists(t *testing.T) {
	t.Parallel()
	f := newDossierFixture(t, 3)
	ctx := context.Background()
	own := store.Scope{OrgID: f.province.ID}
	v := version(t, "Hệ thống", 20000)
	for i := 0; i < 620; i++ {
		if _, err := f.db.CreateSystem(ctx, f.unit.ID, v); err != nil {
			t.Fatal(err)
		}
	}
	for _, st := range []store.Transition{{From: "draft", To: "submitted"}, {From: "submitted", To: "appraised"}, {From: "appraised", To: "approved"}} {
		st.Event = review.Event{Action: "x"}
		if _, err := f.db.Transition(ctx, f.dossierID, st); err != nil {
			t.Fatal(err)
		}
	}
	list, err := f.db.ListSystems(ctx, own, store.SystemFilter{Level: -1})
	if err != nil || len(list) != 621 {
		t.Fatalf("ListSystems = %d, %v", len(list), err)
	}
	approved := 0
	for _, s := range list {
		if s.Approved != nil {
			approved++
			if s.ID != f.systemID || s.Approved.DossierID != f.dossierID {
				t.Errorf("system %d carries approval %+v", s.ID, s.Approved)
			}
		}
	}
	if approved != 1 {
		t.Errorf("%d systems carry an approval, want 1", approved)
	}
}

// intact verifies a dossier's keyed history and status as `capdo audit verify` does; the
// fixture's documents carry made-up sums, so their check is left to the audit tests.
func intact(db *store.DB, id int64) error {
	c, err := db.VerifyDossier(context.Background(), id)
	if err != nil {
		return err
	}
	if !c.Keyed || c.History != nil {
		return fmt.Errorf("dossier %d: %v", id, c.History)
	}
	return nil
}
