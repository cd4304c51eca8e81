package store_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"capdo/levels"
	"capdo/review"
	"capdo/store"
)

// A dossier keeps the procedure and the agency rule file it was made with; the file is
// stored once however many dossiers use it.
func TestDossier_PinnedProcedureAndRuleFile(t *testing.T) {
	t.Parallel()
	f := newDossierFixture(t, 3) // made without a procedure, as before migration 4
	ctx := context.Background()
	sc := store.Scope{OrgID: f.unit.ID}
	proc := levels.Procedure{Levels: []int{3}, Citation: "Điều 9 Quy chế", Appraiser: "Sở", AppraiserRole: "infosec", Approver: "UBND",
		ApproverRole: "infosec", AppraisalDeadline: &levels.Deadline{Days: 10, Unit: "working", Citation: "Điều 9"}}
	file := &store.RuleFile{Digest: "d1", RuleSet: "tinh-mau-2026", Name: "/etc/capdo/tinh-mau.yaml", Content: []byte("id: tinh-mau-2026\n")}
	v := version0(t, "Cổng")
	nd := store.NewDossier{SystemID: f.systemID, SystemVersion: 1, Level: 3, Profile: v.Profile, Decision: v.Decision, Manifest: []byte(`{}`),
		RuleSet: "tinh-mau-2026", RuleSetDigest: "d1", Status: "draft", Holder: "operator", Procedure: &proc, RuleFile: file,
		Event: review.Event{Action: review.Generate, To: "draft"}}
	var ids []int64
	for range 2 {
		id, err := f.db.CreateDossier(ctx, nd)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	d, err := f.db.Dossier(ctx, sc, ids[0])
	if err != nil || d.Procedure == nil || !reflect.DeepEqual(*d.Procedure, proc) {
		t.Errorf("pinned procedure = %+v, %v; want %+v", d.Procedure, err, proc)
	}
	got, err := f.db.RuleFile(ctx, "d1")
	if err != nil || !reflect.DeepEqual(got, *file) {
		t.Errorf("RuleFile = %+v, %v", got, err)
	}
	if _, err := f.db.RuleFile(ctx, "d2"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("RuleFile(unknown) err = %v, want ErrNotFound", err)
	}

	// The dossier made without one is listed, pinned once, even approved, and then no more.
	for _, st := range []store.Transition{{From: "draft", To: "submitted"}, {From: "submitted", To: "appraised"}, {From: "appraised", To: "approved"}} {
		st.Event = review.Event{Action: "x"}
		if _, err := f.db.Transition(ctx, f.dossierID, st); err != nil {
			t.Fatal(err)
		}
	}
	un, err := f.db.UnpinnedDossiers(ctx)
	if err != nil || len(un) != 1 || un[0].ID != f.dossierID || un[0].RuleSet != "d85-2016" || un[0].Level != 3 || un[0].Profile.Name != "Cổng" {
		t.Fatalf("UnpinnedDossiers = %+v, %v", un, err)
	}
	if err := f.db.PinDossier(ctx, f.dossierID, proc, nil); err != nil {
		t.Fatalf("PinDossier(approved) = %v", err)
	}
	if err := f.db.PinDossier(ctx, f.dossierID, proc, nil); !errors.Is(err, store.ErrConflict) {
		t.Errorf("second PinDossier err = %v, want ErrConflict", err)
	}
	if err := f.db.PinDossier(ctx, ids[0], proc, nil); !errors.Is(err, store.ErrConflict) {
		t.Errorf("PinDossier of a dossier pinned when made err = %v, want ErrConflict", err)
	}
	if err := f.db.PinDossier(ctx, 999, proc, nil); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("PinDossier(unknown) err = %v, want ErrNotFound", err)
	}
	if un, _ := f.db.UnpinnedDossiers(ctx); len(un) != 0 {
		t.Errorf("UnpinnedDossiers after pinning = %+v", un)
	}
	if d, _ := f.db.Dossier(ctx, sc, f.dossierID); d.Procedure == nil || d.Status != "approved" {
		t.Errorf("approved dossier after pinning = %s, procedure %v", d.Status, d.Procedure)
	}
}
