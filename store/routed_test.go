package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"capdo/review"
	"capdo/store"
)

// newDossier stores a draft dossier of the system's version made by the fixture's unit.
func (f dossierFixture) newDossier(t *testing.T, version, level int, name string) int64 {
	t.Helper()
	v := version0(t, name)
	id, err := f.db.CreateDossier(context.Background(), store.NewDossier{SystemID: f.systemID, SystemVersion: version, Level: level,
		Profile: v.Profile, Decision: v.Decision, Manifest: []byte(`{}`), RuleSet: "d85-2016", Status: "draft", Holder: "operator",
		Event: review.Event{Action: review.Generate, To: "draft"}})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func version0(t *testing.T, name string) store.NewVersion { return version(t, name, 20000) }

// A reviewer reads the system versions of the dossiers routed to it and no other: not the
// version the unit saved after submitting, not a version whose dossier is still a draft,
// even though the system has a routed dossier (issue: routed reviewers read versions never
// submitted to them). The unit itself keeps reading everything.
func TestSystem_RoutedReadsOnlyRoutedVersions(t *testing.T) {
	t.Parallel()
	f := newDossierFixture(t, 4) // dossier 1, level 4, of version 1 «Cổng»
	ctx := context.Background()
	authority := store.Scope{OrgID: f.other.ID, Appraises: store.AppraisesCivil}
	attt := mustOrg(t, f.db, "Sở Thông tin và Truyền thông", f.province.ID)
	infosec := store.Scope{OrgID: attt.ID, ReviewOrgID: f.province.ID}
	own := store.Scope{OrgID: f.unit.ID}
	step := func(id int64, from, to string) {
		t.Helper()
		if _, err := f.db.Transition(ctx, id, store.Transition{From: from, To: to, Event: review.Event{Action: "x"}}); err != nil {
			t.Fatalf("%s→%s: %v", from, to, err)
		}
	}
	update := func(name string) {
		t.Helper()
		if _, err := f.db.UpdateSystem(ctx, own, f.systemID, version0(t, name)); err != nil {
			t.Fatal(err)
		}
	}
	type want struct {
		version  int
		name     string
		status   string
		versions []int
	}
	check := func(label string, sc store.Scope, w want) {
		t.Helper()
		s, err := f.db.System(ctx, sc, f.systemID)
		if w.version == 0 {
			if !errors.Is(err, store.ErrNotFound) {
				t.Errorf("%s: System = version %d, %v; want ErrNotFound", label, s.Version, err)
			}
			if _, err := f.db.SystemVersions(ctx, sc, f.systemID); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("%s: SystemVersions err = %v, want ErrNotFound", label, err)
			}
			return
		}
		if err != nil || s.Version != w.version || s.Profile.Name != w.name || s.Status != w.status {
			t.Errorf("%s: System = version %d «%s» %s, %v; want version %d «%s» %s", label, s.Version, s.Profile.Name, s.Status, err,
				w.version, w.name, w.status)
		}
		vs, err := f.db.SystemVersions(ctx, sc, f.systemID)
		var got []int
		for _, v := range vs {
			got = append(got, v.Version)
		}
		if err != nil || !slices.Equal(got, w.versions) {
			t.Errorf("%s: SystemVersions = %v, %v; want %v", label, got, err, w.versions)
		}
	}

	check("authority, draft only", authority, want{})
	step(f.dossierID, "draft", "submitted")
	check("authority, dossier 1 submitted", authority, want{1, "Cổng", "submitted", []int{1}})
	check("infosec, dossier 1 submitted", infosec, want{1, "Cổng", "submitted", []int{1}})

	// The unit edits the system after submitting: the reviewer keeps reading version 1.
	update("Cổng sửa đổi")
	check("authority, version 2 saved", authority, want{1, "Cổng", "submitted", []int{1}})
	check("unit, version 2 saved", own, want{2, "Cổng sửa đổi", "submitted", []int{1, 2}})

	// The dossier is returned; a new one is made of version 2 and stays a draft.
	step(f.dossierID, "submitted", "returned")
	d2 := f.newDossier(t, 2, 4, "Cổng sửa đổi")
	check("authority, dossier 2 a draft", authority, want{1, "Cổng", "returned", []int{1}})
	check("unit, dossier 2 a draft", own, want{2, "Cổng sửa đổi", "draft", []int{1, 2}})
	if list, _ := f.db.ListDossiers(ctx, authority, store.DossierFilter{}); len(list) != 1 || list[0].ID != f.dossierID || list[0].SystemName != "Cổng" {
		t.Errorf("authority's dossier list = %+v, want dossier %d named «Cổng»", list, f.dossierID)
	}

	// Once dossier 2 is submitted, version 2 is routed too; version 3 is not.
	step(d2, "draft", "submitted")
	update("Cổng phiên bản 3")
	check("authority, dossier 2 submitted", authority, want{2, "Cổng sửa đổi", "submitted", []int{1, 2}})
	check("infosec, dossier 2 submitted", infosec, want{2, "Cổng sửa đổi", "submitted", []int{1, 2}})
	check("unit, version 3 saved", own, want{3, "Cổng phiên bản 3", "submitted", []int{1, 2, 3}})
	if d, err := f.db.Dossier(ctx, authority, d2); err != nil || d.SystemName != "Cổng sửa đổi" || d.SystemCurrent != 3 {
		t.Errorf("authority's dossier 2 = «%s», system now %d, %v; want «Cổng sửa đổi» and 3", d.SystemName, d.SystemCurrent, err)
	}
	if d, _ := f.db.Dossier(ctx, own, d2); d.SystemName != "Cổng phiên bản 3" {
		t.Errorf("unit's dossier 2 is named «%s», want the system's current name", d.SystemName)
	}
	check("another organisation", store.Scope{OrgID: f.other.ID}, want{})
}
