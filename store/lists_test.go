package store_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"capdo/review"
	"capdo/store"
)

// A dossier list finds dossiers by the words of their system (folded, in any order) or
// by their number, and carries the time of the last submission.
func TestListDossiers_QueryAndSubmitted(t *testing.T) {
	t.Parallel()
	f := newDossierFixture(t, 3) // «Cổng», draft
	ctx := context.Background()
	own := store.Scope{OrgID: f.unit.ID}
	second := f.newDossier(t, 1, 3, "Quản lý văn bản")
	at := time.Date(2026, 5, 4, 3, 0, 0, 0, time.UTC)
	f.db.Now = func() time.Time { return at }
	if _, err := f.db.Transition(ctx, second, store.Transition{From: "draft", To: "submitted", Holder: "infosec",
		Event: review.Event{Action: string(review.Submit)}}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		query string
		want  []int64
	}{
		{"", []int64{second, f.dossierID}},
		{"cong", []int64{second, f.dossierID}}, // the system's name now: «Cổng»
		{"QUAN ly", []int64{second}},           // the name in the dossier's own profile
		{strconv.FormatInt(second, 10), []int64{second}},
		{"khong co", nil},
	} {
		list, err := f.db.ListDossiers(ctx, own, store.DossierFilter{Query: c.query})
		if err != nil {
			t.Fatal(err)
		}
		var got []int64
		for _, d := range list {
			got = append(got, d.ID)
		}
		if len(got) != len(c.want) || (len(got) > 0 && got[0] != c.want[0]) {
			t.Errorf("Query %q = %v, want %v", c.query, got, c.want)
		}
		n, err := f.db.CountDossiers(ctx, own, store.DossierFilter{Query: c.query})
		if err != nil || n != len(c.want) {
			t.Errorf("Count %q = %d %v, want %d", c.query, n, err, len(c.want))
		}
	}
	list, _ := f.db.ListDossiers(ctx, own, store.DossierFilter{})
	if !list[0].SubmittedAt.Equal(at) || !list[1].SubmittedAt.IsZero() {
		t.Errorf("submitted at %v and %v", list[0].SubmittedAt, list[1].SubmittedAt)
	}
}

// The system list carries the operating unit of the current version when asked (exports).
func TestListSystems_Operator(t *testing.T) {
	t.Parallel()
	f := newDossierFixture(t, 3)
	ctx := context.Background()
	own := store.Scope{OrgID: f.unit.ID}
	v := version(t, "Cổng", 20000)
	v.Profile.Operator = "Trung tâm Chuyển đổi số"
	if _, err := f.db.UpdateSystem(ctx, own, f.systemID, v); err != nil {
		t.Fatal(err)
	}
	for _, filter := range []store.SystemFilter{{Level: -1, Operator: true}, {Level: -1, Routed: true, Operator: true}} {
		list, err := f.db.ListSystems(ctx, own, filter)
		if err != nil || len(list) != 1 || list[0].Profile.Operator != "Trung tâm Chuyển đổi số" {
			t.Errorf("ListSystems(%+v) = %+v %v", filter, list, err)
		}
	}
}
