package notify_test

import (
	"slices"
	"sort"
	"testing"

	"capdo/notify"
	"capdo/store"
)

// world is an organisation tree with accounts in every role:
//
//	UBND tỉnh A (1): owner chuquanA, operator vpA, admin adminA
//	├── Sở TT&TT A (2): infosec atttA, disabled infosec atttA2
//	└── Sở Y tế A (3): operator vanhanhA — the systems of the dossiers below
//	    └── Bệnh viện A (4): operator bvA
//	UBND tỉnh B (5): owner chuquanB, operator vanhanhB
//	└── Sở TT&TT B (6): infosec atttB
//	Cục ATTT (7), appraises civil systems: authority thamdinh
//	Cục QP (8), appraises systems of the Ministry of Defence: authority thamdinhQP
//	Trung tâm (9), a root: infosec atttRoot (no chủ quản to review for)
var (
	tree = notify.Tree{1: 0, 2: 1, 3: 1, 4: 3, 5: 0, 6: 5, 7: 0, 8: 0, 9: 0}
	all  = []store.User{
		{ID: 1, Username: "chuquanA", Role: "owner", OrgID: 1},
		{ID: 2, Username: "vpA", Role: "operator", OrgID: 1},
		{ID: 3, Username: "adminA", Role: "admin", OrgID: 1},
		{ID: 4, Username: "atttA", Role: "infosec", OrgID: 2, OrgParentID: 1},
		{ID: 5, Username: "atttA2", Role: "infosec", OrgID: 2, OrgParentID: 1, Disabled: true},
		{ID: 6, Username: "vanhanhA", Role: "operator", OrgID: 3, OrgParentID: 1},
		{ID: 7, Username: "bvA", Role: "operator", OrgID: 4, OrgParentID: 3},
		{ID: 8, Username: "chuquanB", Role: "owner", OrgID: 5},
		{ID: 9, Username: "vanhanhB", Role: "operator", OrgID: 5},
		{ID: 10, Username: "atttB", Role: "infosec", OrgID: 6, OrgParentID: 5},
		{ID: 11, Username: "thamdinh", Role: "authority", OrgID: 7, OrgAppraises: "civil"},
		{ID: 12, Username: "thamdinhQP", Role: "authority", OrgID: 8, OrgAppraises: "bqp"},
		{ID: 13, Username: "atttRoot", Role: "infosec", OrgID: 9},
	}
)

func stage(level int, status, holder, actor, ministry string) store.DossierStage {
	if ministry == "" {
		ministry = "civil"
	}
	// A Decree 85 dossier of levels 4–5 reaches its authority when submitted (the store
	// sets routed_authority when it is made).
	return store.DossierStage{DossierID: 1, SystemID: 1, OrgID: 3, Level: level, Status: status, Holder: holder, Actor: actor, Ministry: ministry,
		RoutedAuthority: level >= 4}
}

// stage331 is a Decree 331 stage: it reaches its authority only when forwarded, and may
// have a designated appraiser.
func stage331(level int, status, holder, actor, ministry string, routed bool, appraiser int64) store.DossierStage {
	st := stage(level, status, holder, actor, ministry)
	st.RoutedAuthority, st.Appraiser = routed, appraiser
	return st
}

// Who is told of what: the holder of the next step among those who may see the dossier
// (store.Scope's rules), the preparers of a returned or approved dossier, never the one
// who took the step, a disabled account, an administrator, another province, a unit
// below the system's or an authority of another appraisal group.
func TestRecipients(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name  string
		kind  notify.Kind
		stage store.DossierStage
		want  []string
	}{
		{"level 3 submitted: the province's infosec unit appraises", notify.Submitted,
			stage(3, "submitted", "infosec", "vanhanhA", ""), []string{"atttA"}},
		{"level 3 appraised: the owner approves", notify.Appraised,
			stage(3, "appraised", "owner", "atttA", ""), []string{"chuquanA"}},
		{"level 3 returned: the preparers who see the system", notify.Returned,
			stage(3, "returned", "operator", "atttA", ""), []string{"chuquanA", "vanhanhA", "vpA"}},
		{"level 3 approved by the owner: the others who prepare", notify.Approved,
			stage(3, "approved", "", "chuquanA", ""), []string{"vanhanhA", "vpA"}},
		{"level 2 submitted: the province's infosec unit appraises", notify.Submitted,
			stage(2, "submitted", "infosec", "vanhanhA", ""), []string{"atttA"}},
		{"level 2 appraised: the infosec unit that appraised approves too, nobody else is told", notify.Appraised,
			stage(2, "appraised", "infosec", "atttA", ""), nil},
		{"level 2 returned: the preparers who see the system", notify.Returned,
			stage(2, "returned", "operator", "atttA", ""), []string{"chuquanA", "vanhanhA", "vpA"}},
		{"level 2 approved by the infosec unit: the preparers, the owner among them", notify.Approved,
			stage(2, "approved", "", "atttA", ""), []string{"chuquanA", "vanhanhA", "vpA"}},
		{"level 4 submitted: the infosec unit gives its opinion, not yet the authority", notify.Submitted,
			stage(4, "submitted", "infosec", "chuquanA", ""), []string{"atttA"}},
		{"level 4 opinion given: the authority of the system's group", notify.OpinionGiven,
			stage(4, "opinion_given", "authority", "atttA", ""), []string{"thamdinh"}},
		{"level 4 of the Ministry of Defence: its own authority", notify.OpinionGiven,
			stage(4, "opinion_given", "authority", "atttA", "bqp"), []string{"thamdinhQP"}},
		{"level 4 appraised by the authority: the owner approves", notify.Appraised,
			stage(4, "appraised", "owner", "thamdinh", ""), []string{"chuquanA"}},
		{"level 4 returned by the authority", notify.Returned,
			stage(4, "returned", "operator", "thamdinh", ""), []string{"chuquanA", "vanhanhA", "vpA"}},
		{"the actor is left out whatever the case typed", notify.Approved,
			stage(3, "approved", "", "VANHANHA", ""), []string{"chuquanA", "vpA"}},
		{"due soon: the holder, the actor of the step included", notify.DueSoon,
			stage(3, "submitted", "infosec", "atttA", ""), []string{"atttA"}},
		{"overdue at approval", notify.Overdue,
			stage(3, "appraised", "owner", "atttA", ""), []string{"chuquanA"}},
		{"overdue at the authority", notify.Overdue,
			stage(5, "opinion_given", "authority", "atttA", ""), []string{"thamdinh"}},
		{"a level 3 dossier is never an authority's, even with it holding", notify.Submitted,
			stage(3, "submitted", "authority", "vanhanhA", ""), nil},
		{"no holder, no reminder", notify.DueSoon, stage(3, "approved", "", "chuquanA", ""), nil},
		{"Decree 331 level 4 with the owner: no authority yet", notify.OpinionGiven,
			stage331(4, "opinion_given", "owner", "atttA", "bca", false, 0), []string{"chuquanA"}},
		{"Decree 331 level 4 forwarded: the authority of the owner's sector", notify.Submitted,
			stage331(4, "forwarded", "authority", "chuquanA", "bqp", true, 0), []string{"thamdinhQP"}},
		{"Decree 331 level 3 designated to an independent unit", notify.Submitted,
			stage331(3, "submitted", "infosec", "vanhanhA", "civil", false, 9), []string{"atttA", "atttRoot"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, u := range notify.Recipients(c.kind, c.stage, tree, all) {
				got = append(got, u.Username)
			}
			sort.Strings(got)
			if !slices.Equal(got, c.want) {
				t.Errorf("%s: recipients %v, want %v", c.kind, got, c.want)
			}
			// Never: another province, a disabled account, an administrator, a unit below
			// the system's, an infosec unit with no chủ quản.
			for _, never := range []string{"chuquanB", "vanhanhB", "atttB", "atttA2", "adminA", "bvA", "atttRoot"} {
				if slices.Contains(got, never) && !(never == "atttRoot" && c.stage.Appraiser == 9) {
					t.Errorf("%s got it", never)
				}
			}
		})
	}
}

// Sees follows store.Scope: a draft is seen by its own subtree only.
func TestSees_Draft(t *testing.T) {
	t.Parallel()
	d := stage(4, "draft", "operator", "", "")
	for _, u := range all {
		want := u.Username == "chuquanA" || u.Username == "vpA" || u.Username == "adminA" || u.Username == "vanhanhA"
		if got := notify.Sees(u, d, tree); got != want {
			t.Errorf("%s sees a draft: %v, want %v", u.Username, got, want)
		}
	}
}

func TestTree_CycleDoesNotHang(t *testing.T) {
	t.Parallel()
	if (notify.Tree{1: 2, 2: 1}).Within(3, 1) {
		t.Error("found in a cycle")
	}
}

// A Decree 331 dossier forwarded by its owner is news to its appraiser like a submission;
// its acceptance is nobody's news.
func TestStepKind_Decree331(t *testing.T) {
	t.Parallel()
	if k, ok := notify.StepKind("forwarded"); !ok || k != notify.Submitted {
		t.Errorf("forwarded: %s %v", k, ok)
	}
	if _, ok := notify.StepKind("received"); ok {
		t.Error("received is told of")
	}
}
