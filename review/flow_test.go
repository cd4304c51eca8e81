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
	t.Parallel()
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
		// Levels 4–5: professional opinion first (Art. 14.1.d), then the ministry appraises.
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
	t.Parallel()
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
	t.Parallel()
	got := flow(t, 3).Allowed(review.Submitted, "infosec")
	if len(got) != 2 || got[0] != review.Appraise || got[1] != review.Return {
		t.Errorf("Allowed(submitted, infosec) = %v, want [appraise return]", got)
	}
	if got := flow(t, 3).Allowed(review.Approved, "owner"); len(got) != 0 {
		t.Errorf("Allowed(approved, owner) = %v, want none: approved versions are final", got)
	}
}

func TestParseAction(t *testing.T) {
	t.Parallel()
	if a, err := review.ParseAction("approve"); err != nil || a != review.Approve {
		t.Errorf("ParseAction(approve) = %q, %v", a, err)
	}
	if _, err := review.ParseAction("delete"); !errors.Is(err, review.ErrUnknownAction) {
		t.Errorf("ParseAction(delete) error = %v, want ErrUnknownAction", err)
	}
}

// The upload table (role × status × kind): each document comes from whoever takes the step
// it belongs to, while that step is theirs, with the precedence of Next.
func TestMayUpload(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		level  int
		status review.Status
		kind   review.Kind
		role   string
		err    error
	}{
		// The preparer, before sending: draft or returned.
		{3, review.Draft, review.SignedRequest, "operator", nil},
		{3, review.Draft, review.SignedRequest, "owner", nil},
		{3, review.Returned, review.Revised, "operator", nil},
		{3, review.Draft, review.Attachment, "operator", nil},
		{3, review.Returned, review.Attachment, "owner", nil},
		{3, review.Submitted, review.Revised, "operator", review.ErrConflict},
		{3, review.Approved, review.Attachment, "operator", review.ErrConflict},
		{3, review.Withdrawn, review.SignedRequest, "operator", review.ErrConflict},
		{3, review.Draft, review.SignedRequest, "infosec", review.ErrForbidden},
		{3, review.Draft, review.Attachment, "authority", review.ErrForbidden},
		// The professional opinion exists at levels 4–5 only (Art. 14.1.d).
		{4, review.Submitted, review.OpinionDoc, "infosec", nil},
		{4, review.OpinionGiven, review.OpinionDoc, "infosec", review.ErrConflict},
		{4, review.Submitted, review.OpinionDoc, "authority", review.ErrForbidden},
		{3, review.Submitted, review.OpinionDoc, "infosec", review.ErrConflict},
		// The appraisal, in the appraiser's stage.
		{3, review.Submitted, review.AppraisalDoc, "infosec", nil},
		{3, review.Appraised, review.AppraisalDoc, "infosec", review.ErrConflict},
		{3, review.Submitted, review.AppraisalDoc, "operator", review.ErrForbidden},
		{4, review.OpinionGiven, review.AppraisalDoc, "authority", nil},
		{4, review.Submitted, review.AppraisalDoc, "authority", review.ErrConflict},
		{4, review.OpinionGiven, review.AppraisalDoc, "infosec", review.ErrForbidden},
		// The signed decision, with the approval or after it.
		{3, review.Appraised, review.DecisionDoc, "owner", nil},
		{3, review.Approved, review.DecisionDoc, "owner", nil},
		{3, review.Submitted, review.DecisionDoc, "owner", review.ErrConflict},
		{3, review.Appraised, review.DecisionDoc, "infosec", review.ErrForbidden},
		{2, review.Appraised, review.DecisionDoc, "infosec", nil},
		{2, review.Appraised, review.DecisionDoc, "owner", review.ErrForbidden},
		{5, review.Approved, review.DecisionDoc, "owner", nil},
		{5, review.Approved, review.DecisionDoc, "authority", review.ErrForbidden},
	} {
		err := flow(t, c.level).MayUpload(c.status, c.kind, c.role)
		if !errors.Is(err, c.err) || (c.err == nil && err != nil) {
			t.Errorf("level %d: MayUpload(%s, %s, %s) = %v, want %v", c.level, c.status, c.kind, c.role, err, c.err)
		}
	}
	if got := flow(t, 3).Uploadable(review.Draft, "operator"); len(got) != 3 || got[0] != review.SignedRequest {
		t.Errorf("Uploadable(draft, operator) = %v, want signed request, attachment, revised", got)
	}
	if got := flow(t, 3).Uploadable(review.Submitted, "operator"); len(got) != 0 {
		t.Errorf("Uploadable(submitted, operator) = %v, want none", got)
	}
}

func TestParseKind(t *testing.T) {
	t.Parallel()
	for _, k := range []string{"signed_request", "opinion", "appraisal", "decision", "attachment", "revised"} {
		if got, err := review.ParseKind(k); err != nil || string(got) != k {
			t.Errorf("ParseKind(%s) = %q, %v", k, got, err)
		}
	}
	for _, k := range []string{"", "generated", "Decision", "macro"} {
		if _, err := review.ParseKind(k); err == nil {
			t.Errorf("ParseKind(%q) accepted", k)
		}
	}
}

// The preparer takes back a draft, or a returned dossier; nothing follows a withdrawal.
func TestWithdraw(t *testing.T) {
	t.Parallel()
	f := flow(t, 3)
	for _, c := range []struct {
		from review.Status
		role string
		want review.Status
		err  error
	}{
		{review.Draft, "operator", review.Withdrawn, nil},
		{review.Returned, "owner", review.Withdrawn, nil},
		{review.Submitted, "operator", "", review.ErrConflict},
		{review.Draft, "infosec", "", review.ErrForbidden},
		{review.Withdrawn, "operator", "", review.ErrConflict},
	} {
		got, err := f.Next(c.from, review.Withdraw, c.role)
		if got != c.want || !errors.Is(err, c.err) || (c.err == nil && err != nil) {
			t.Errorf("Next(%s, withdraw, %s) = %q, %v; want %q, %v", c.from, c.role, got, err, c.want, c.err)
		}
	}
	if got := f.Allowed(review.Withdrawn, "operator"); len(got) != 0 {
		t.Errorf("Allowed(withdrawn) = %v, want none", got)
	}
	if got := f.Holder(review.Withdrawn); got != "" {
		t.Errorf("Holder(withdrawn) = %q, want none", got)
	}
}

// A returned dossier goes back only with something that shows what changed.
func TestCheckResubmit(t *testing.T) {
	t.Parallel()
	ev := func(actions ...string) []review.Event {
		var out []review.Event
		for _, a := range actions {
			out = append(out, review.Event{Action: a})
		}
		return out
	}
	for _, c := range []struct {
		name    string
		events  []review.Event
		comment string
		bare    bool
	}{
		{"first submission", ev("generate"), "", false},
		{"bare resubmission", ev("generate", "submit", "return"), "", true},
		{"blank comment", ev("generate", "submit", "return"), "  \n ", true},
		{"with a comment", ev("generate", "submit", "return"), "Đã bổ sung sơ đồ mạng", false},
		{"with an upload", ev("generate", "submit", "return", "upload"), "", false},
		{"upload before the last return", ev("generate", "upload", "submit", "return", "submit", "return"), "", true},
	} {
		err := review.CheckResubmit(c.events, c.comment)
		if (err != nil) != c.bare || (err != nil && !errors.Is(err, review.ErrBareResubmit)) {
			t.Errorf("%s: CheckResubmit = %v, want bare %v", c.name, err, c.bare)
		}
	}
	if r, ok := review.ReturnReason([]review.Event{{Action: "return", Comment: "thiếu"}, {Action: "submit"}, {Action: "return", Comment: "vẫn thiếu"}}); !ok || r.Comment != "vẫn thiếu" {
		t.Errorf("ReturnReason = %+v, %v; want the last return", r, ok)
	}
}
