package registry_test

import (
	"context"
	"slices"
	"testing"

	"capdo/levels"
	"capdo/registry"
	"capdo/review"
	"capdo/store"
)

// What each user may do to a Decree 331 dossier with an independent appraiser: the
// operating cyber unit no longer receives or appraises it, the designee does nothing else;
// once approved, the steps after the approval that are the user's and not yet recorded.
func TestActionsDecree331(t *testing.T) {
	rs, _ := levels.Open("d331-2026")
	p := &levels.Profile{Owner: "UBND tỉnh A"}
	p.SetText("owner_sector", "civil")
	p.SetBool("infosec_operates", true)
	proc, _ := rs.ProcedureOf(2, p)
	f := review.FlowFor(2, proc)
	unit := registry.Actor{Role: "infosec", OrgID: 1}
	council := registry.Actor{Role: "infosec", OrgID: 9}
	d := store.Dossier{Status: "submitted", Appraiser: &store.Designation{OrgID: 9}}
	for _, c := range []struct {
		status string
		who    registry.Actor
		events []review.Event
		want   []review.Action
	}{
		{"submitted", unit, nil, nil},
		{"submitted", council, nil, []review.Action{review.Accept, review.Appraise, review.Return}},
		{"received", council, nil, []review.Action{review.Appraise, review.Return}},
		{"appraised", unit, nil, []review.Action{review.Approve, review.Return}},
		{"appraised", council, nil, nil},
		{"approved", unit, nil, []review.Action{review.Report}},
		{"approved", unit, []review.Event{{Action: "report"}}, nil},
		{"approved", registry.Actor{Role: "owner"}, nil, nil},
	} {
		d.Status = c.status
		if got := registry.Actions(d, f, proc, c.who, c.events); !slices.Equal(got, c.want) {
			t.Errorf("%s as %+v: %v, want %v", c.status, c.who, got, c.want)
		}
	}
	// Only the designee uploads the appraisal result.
	d.Status = "received"
	if got := registry.UploadableTo(d, f, proc, unit); slices.Contains(got, review.AppraisalDoc) {
		t.Errorf("the operating unit may upload the appraisal: %v", got)
	}
	if got := registry.UploadableTo(d, f, proc, council); !slices.Contains(got, review.AppraisalDoc) {
		t.Errorf("the council may not upload the appraisal: %v", got)
	}
}

// The Prime Minister's symbol keeps its small g (QĐ-TTg), whatever case it is typed in.
func TestDecisionNumber_PrimeMinister(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	r := e.registry(t, levels.DefaultRuleSet)
	m, _ := r.MakeDossier(ctx, operator, e.sc, e.system, "")
	for _, s := range []struct {
		who    registry.Actor
		action string
	}{{operator, "submit"}, {infosec, "appraise"}} {
		if _, err := r.TakeStep(ctx, s.who, e.sc, m.ID, s.action, ""); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := r.TakeStepWith(ctx, owner, e.sc, m.ID, registry.StepRequest{Action: "approve",
		Decision: registry.Decision{Number: "123/qđ-ttg", Date: "2026-03-02"}}); err != nil {
		t.Fatal(err)
	}
	d, _ := e.db.Dossier(ctx, e.sc, m.ID)
	if d.Approval == nil || d.Approval.Decision == nil || d.Approval.Decision.Number != "123/QĐ-TTg" {
		t.Errorf("approval = %+v", d.Approval)
	}
}
