package review_test

import (
	"errors"
	"testing"

	"capdo/levels"
	"capdo/review"
)

func flow(t *testing.T, level int) review.Flow {
	t.Helper()
	rs, err := levels.Open(levels.DefaultRuleSet)
	if err != nil {
		t.Fatalf("levels.Open() failed: %v", err)
	}
	p, ok := rs.ProcedureFor(level, "UBND tỉnh Kiên Giang")
	if !ok {
		t.Fatalf("no procedure for level %d", level)
	}
	return review.FlowFor(level, p)
}

func TestNext(t *testing.T) {
	type tr struct {
		level  int
		from   review.Status
		action review.Action
		role   string
		want   review.Status
		err    error
	}
	for _, c := range []tr{
		// Levels 1–2: the infosec unit appraises and approves (Art. 12.1).
		{2, review.Draft, review.Submit, "operator", review.Submitted, nil},
		{2, review.Submitted, review.Appraise, "infosec", review.Appraised, nil},
		{2, review.Appraised, review.Approve, "infosec", review.Approved, nil},
		{2, review.Appraised, review.Approve, "owner", "", review.ErrForbidden},
		{1, review.Submitted, review.Opinion, "infosec", "", review.ErrConflict}, // no opinion step below level 4
		{1, review.Submitted, review.Opinion, "operator", "", review.ErrConflict},
		// Level 3: infosec appraises, the owner approves (Art. 12.2).
		{3, review.Draft, review.Submit, "operator", review.Submitted, nil},
		{3, review.Draft, review.Submit, "owner", review.Submitted, nil},
		{3, review.Draft, review.Submit, "infosec", "", review.ErrForbidden},
		{3, review.Submitted, review.Appraise, "infosec", review.Appraised, nil},
		{3, review.Submitted, review.Appraise, "authority", "", review.ErrForbidden},
		{3, review.Appraised, review.Approve, "owner", review.Approved, nil},
		{3, review.Appraised, review.Approve, "infosec", "", review.ErrForbidden},
		{3, review.Draft, review.Approve, "owner", "", review.ErrConflict},
		{3, review.Submitted, review.Return, "infosec", review.Returned, nil},
		{3, review.Appraised, review.Return, "owner", review.Returned, nil},
		{3, review.Returned, review.Submit, "operator", review.Submitted, nil},
		{3, review.Approved, review.Submit, "operator", "", review.ErrConflict},
		{3, review.Approved, review.Return, "owner", "", review.ErrConflict},
		{3, review.Draft, review.Approve, "operator", "", review.ErrForbidden},
		{3, review.Approved, review.Approve, "operator", "", review.ErrForbidden}, // the role, whatever the status
		{3, review.Submitted, review.Approve, "owner", "", review.ErrConflict},
		// Levels 4–5: professional opinion first (Art. 14.3), then the ministry appraises.
		{4, review.Submitted, review.Opinion, "infosec", review.OpinionGiven, nil},
		{4, review.Submitted, review.Appraise, "infosec", "", review.ErrForbidden},
		{4, review.Submitted, review.Appraise, "authority", "", review.ErrConflict},
		{4, review.OpinionGiven, review.Appraise, "authority", review.Appraised, nil},
		{4, review.OpinionGiven, review.Return, "authority", review.Returned, nil},
		{4, review.OpinionGiven, review.Return, "infosec", "", review.ErrConflict}, // infosec returns, but at submitted
		{4, review.Submitted, review.Return, "authority", "", review.ErrConflict},
		{4, review.OpinionGiven, review.Opinion, "authority", "", review.ErrForbidden},
		{5, review.Appraised, review.Approve, "owner", review.Approved, nil},
		{5, review.Appraised, review.Approve, "authority", "", review.ErrForbidden},
		{5, review.Draft, review.Approve, "admin", "", review.ErrForbidden},
	} {
		got, err := flow(t, c.level).Next(c.from, c.action, c.role)
		if got != c.want || !errors.Is(err, c.err) || (c.err == nil && err != nil) {
			t.Errorf("level %d: Next(%s, %s, %s) = %q, %v; want %q, %v", c.level, c.from, c.action, c.role, got, err, c.want, c.err)
		}
	}
}

func TestHolderAndStages(t *testing.T) {
	for _, c := range []struct {
		level  int
		status review.Status
		want   string
	}{
		{1, review.Submitted, "infosec"}, {1, review.Appraised, "infosec"},
		{3, review.Submitted, "infosec"}, {3, review.Appraised, "owner"},
		{4, review.Submitted, "infosec"}, {4, review.OpinionGiven, "authority"}, {4, review.Appraised, "owner"},
		{4, review.Approved, ""}, {2, review.Returned, "operator"},
	} {
		if got := flow(t, c.level).Holder(c.status); got != c.want {
			t.Errorf("level %d: Holder(%s) = %q, want %q", c.level, c.status, got, c.want)
		}
	}
	if got := len(flow(t, 3).Stages()); got != 4 {
		t.Errorf("level 3 has %d stages, want 4 (no professional opinion)", got)
	}
	if got := len(flow(t, 5).Stages()); got != 5 {
		t.Errorf("level 5 has %d stages, want 5", got)
	}
}

func TestAllowed(t *testing.T) {
	got := flow(t, 3).Allowed(review.Submitted, "infosec")
	if len(got) != 2 || got[0] != review.Appraise || got[1] != review.Return {
		t.Errorf("Allowed(submitted, infosec) = %v, want [appraise return]", got)
	}
	if got := flow(t, 3).Allowed(review.Approved, "owner"); len(got) != 0 {
		t.Errorf("Allowed(approved, owner) = %v, want none: approved versions are final", got)
	}
}

func TestParseAction(t *testing.T) {
	if a, err := review.ParseAction("approve"); err != nil || a != review.Approve {
		t.Errorf("ParseAction(approve) = %q, %v", a, err)
	}
	if _, err := review.ParseAction("delete"); !errors.Is(err, review.ErrUnknownAction) {
		t.Errorf("ParseAction(delete) error = %v, want ErrUnknownAction", err)
	}
}
