package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"capdo/levels"
	"capdo/review"
	"capdo/store"
)

// d331Dossier stores a draft dossier of f's system with a Decree 331 procedure pinned.
func (f dossierFixture) d331Dossier(t *testing.T, level int, sector string, facts ...string) int64 {
	t.Helper()
	ctx := context.Background()
	rs, err := levels.Open("d331-2026")
	if err != nil {
		t.Fatal(err)
	}
	p := levels.Profile{Name: "Cổng", Owner: "UBND tỉnh", SystemType: "internal", InfoTypes: []string{"public"}}
	p.SetText("owner_sector", sector)
	for _, k := range facts {
		p.SetBool(k, true)
	}
	proc, _ := rs.ProcedureOf(level, &p)
	id, err := f.db.CreateDossier(ctx, store.NewDossier{SystemID: f.systemID, SystemVersion: 1, Level: level, Profile: p,
		Manifest: []byte(`{}`), RuleSet: rs.ID, Status: "draft", Holder: "operator", Procedure: &proc,
		Event: review.Event{Action: review.Generate, To: "draft"}})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// A Decree 331 dossier of levels 4–5 reaches the authority of its owner's sector when the
// owner forwards it, not at submission.
func TestDossier_RoutedWhenForwarded(t *testing.T) {
	f := newDossierFixture(t, 3)
	ctx := context.Background()
	for _, c := range []struct{ sector, group string }{{"civil", "bca"}, {"bca", "bca"}, {"bqp", "bqp"}, {"bcy", "bcy"}} {
		id := f.d331Dossier(t, 4, c.sector)
		mine := store.Scope{OrgID: f.other.ID, Appraises: c.group}
		for _, st := range []store.Transition{
			{From: "draft", To: "submitted", Event: review.Event{Action: "submit"}},
			{From: "submitted", To: "opinion_given", Event: review.Event{Action: "opinion"}},
		} {
			if _, err := f.db.Transition(ctx, id, st); err != nil {
				t.Fatal(err)
			}
			if _, err := f.db.Dossier(ctx, mine, id); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("%s: the authority sees a dossier %s, not yet forwarded: %v", c.sector, st.To, err)
			}
		}
		if _, err := f.db.Transition(ctx, id, store.Transition{From: "opinion_given", To: "forwarded", RouteAuthority: true,
			Event: review.Event{Action: "forward"}}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.db.Dossier(ctx, mine, id); err != nil {
			t.Errorf("%s: the %s authority does not see the forwarded dossier: %v", c.sector, c.group, err)
		}
		for _, g := range store.AppraisesValues {
			if g == c.group {
				continue
			}
			if _, err := f.db.Dossier(ctx, store.Scope{OrgID: f.other.ID, Appraises: g}, id); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("%s: the %s authority sees a dossier of group %s", c.sector, g, c.group)
			}
		}
		// It stays routed when returned.
		if _, err := f.db.Transition(ctx, id, store.Transition{From: "forwarded", To: "returned", Event: review.Event{Action: "return"}}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.db.Dossier(ctx, mine, id); err != nil {
			t.Errorf("%s: a returned dossier left the authority: %v", c.sector, err)
		}
	}
}

// The designated appraiser's infosec unit sees the dossier once submitted; its other users
// and other units do not; the designation is fixed once the dossier is submitted.
func TestDossier_DesignatedAppraiser(t *testing.T) {
	f := newDossierFixture(t, 3)
	ctx := context.Background()
	council := mustOrg(t, f.db, "Hội đồng thẩm định độc lập", f.province.ID)
	elsewhere := mustOrg(t, f.db, "Hội đồng khác", f.other.ID)
	owner := mustUser(t, f.db, "chuquan", "owner", f.province.ID)
	id := f.d331Dossier(t, 3, "civil", "infosec_operates")
	ev, err := f.db.DesignateAppraiser(ctx, id, store.NewDesignation{OrgID: elsewhere.ID, Kind: store.AppraiserCouncil, Decision: "12/QĐ-UBND ngày 01/12/2026", ActorID: owner.ID},
		review.Event{Action: string(review.Designate), Actor: "chuquan", Role: "owner", Data: "org"})
	if err != nil || ev.From != "draft" || ev.To != "draft" {
		t.Fatalf("designate: %+v, %v", ev, err)
	}
	// Changed while a draft.
	if _, err := f.db.DesignateAppraiser(ctx, id, store.NewDesignation{OrgID: council.ID, Kind: store.AppraiserCouncil, Decision: "13/QĐ-UBND", ActorID: owner.ID},
		review.Event{Action: string(review.Designate), Actor: "chuquan", Role: "owner"}); err != nil {
		t.Fatal(err)
	}
	// The council's infosec unit reviews for it: its organisation is among those reviewed
	// (server scope), and its operator does not.
	councilInfosec := store.Scope{OrgID: council.ID, ReviewOrgID: council.ID}
	councilOperator := store.Scope{OrgID: council.ID}
	otherInfosec := store.Scope{OrgID: elsewhere.ID, ReviewOrgID: elsewhere.ID}
	if _, err := f.db.Dossier(ctx, councilInfosec, id); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the council sees a draft: %v", err)
	}
	if _, err := f.db.Transition(ctx, id, store.Transition{From: "draft", To: "submitted", Event: review.Event{Action: "submit"}}); err != nil {
		t.Fatal(err)
	}
	d, err := f.db.Dossier(ctx, councilInfosec, id)
	if err != nil || d.Appraiser == nil || d.Appraiser.OrgID != council.ID || d.Appraiser.Decision != "13/QĐ-UBND" || d.Appraiser.DesignatedBy != "chuquan" {
		t.Fatalf("the council's dossier: %+v, %v", d.Appraiser, err)
	}
	if _, err := f.db.System(ctx, councilInfosec, f.systemID); err != nil {
		t.Errorf("the council cannot read the system version submitted: %v", err)
	}
	for name, sc := range map[string]store.Scope{"the council's operator": councilOperator, "the first designee": otherInfosec} {
		if _, err := f.db.Dossier(ctx, sc, id); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s sees the dossier: %v", name, err)
		}
	}
	if _, err := f.db.DesignateAppraiser(ctx, id, store.NewDesignation{OrgID: elsewhere.ID, Kind: store.AppraiserUnit, Decision: "x"},
		review.Event{Action: string(review.Designate)}); !errors.Is(err, store.ErrConflict) {
		t.Errorf("designate once submitted: %v, want ErrConflict", err)
	}
	evs, _ := f.db.DossierEvents(ctx, store.Scope{OrgID: f.province.ID}, id)
	var actions []string
	for _, e := range evs {
		actions = append(actions, e.Action)
	}
	if got := strings.Join(actions, " "); got != "generate designate designate submit" {
		t.Errorf("history %s", got)
	}
}

// A step after the approval is recorded once, on an approved dossier only.
func TestDossier_RecordAfterApproval(t *testing.T) {
	f := newDossierFixture(t, 5)
	ctx := context.Background()
	ev := review.Event{Action: string(review.PMList), Actor: "chuquan", Role: "owner", Data: "decision_number 1/QĐ-TTg decision_date 2026-12-01"}
	if _, err := f.db.RecordAfterApproval(ctx, f.dossierID, ev); !errors.Is(err, store.ErrConflict) {
		t.Errorf("before the approval: %v, want ErrConflict", err)
	}
	for _, st := range []store.Transition{
		{From: "draft", To: "submitted", Event: review.Event{Action: "submit"}},
		{From: "submitted", To: "appraised", Event: review.Event{Action: "appraise"}},
		{From: "appraised", To: "approved", Event: review.Event{Action: "approve"}},
	} {
		if _, err := f.db.Transition(ctx, f.dossierID, st); err != nil {
			t.Fatal(err)
		}
	}
	got, err := f.db.RecordAfterApproval(ctx, f.dossierID, ev)
	if err != nil || got.From != "approved" || got.To != "approved" || got.Seq != 5 {
		t.Fatalf("record: %+v, %v", got, err)
	}
	if _, err := f.db.RecordAfterApproval(ctx, f.dossierID, ev); !errors.Is(err, store.ErrConflict) {
		t.Errorf("twice: %v, want ErrConflict", err)
	}
	if _, err := f.db.RecordAfterApproval(ctx, 999, ev); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown dossier: %v", err)
	}
	if chk, err := f.db.VerifyDossier(ctx, f.dossierID); err != nil || chk.History != nil {
		t.Errorf("the history no longer verifies: %+v, %v", chk, err)
	}
}
