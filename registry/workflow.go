package registry

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"capdo/levels"
	"capdo/review"
	"capdo/store"
)

// FlowOf is the workflow of a dossier, built from the procedure it pinned when it was made.
// A dossier made before procedures were pinned (and not pinned since, see PinLegacy) gets
// the procedure of its recorded rule set, as it always did.
func (r *Registry) FlowOf(d store.Dossier) (review.Flow, levels.Procedure, error) {
	if d.Procedure != nil {
		return review.FlowFor(d.Level, *d.Procedure), *d.Procedure, nil
	}
	proc, err := r.legacyProcedure(d)
	if err != nil {
		return review.Flow{}, levels.Procedure{}, err
	}
	return review.FlowFor(d.Level, proc), proc, nil
}

func (r *Registry) legacyProcedure(d store.Dossier) (levels.Procedure, error) {
	rs, err := r.legacyRuleSet(d)
	if err != nil {
		return levels.Procedure{}, fmt.Errorf("hồ sơ %d: %w", d.ID, err)
	}
	proc, ok := rs.ProcedureOf(d.Level, &d.Profile)
	if !ok {
		return levels.Procedure{}, fmt.Errorf("hồ sơ %d: bộ quy tắc %s không có quy trình cho cấp độ %d", d.ID, rs.ID, d.Level)
	}
	return proc, nil
}

// Allowed lists the actions role may take on the dossier now, in the dossier's own flow.
// Seeing the dossier at all is the organisation check: the caller's scope holds only its
// subtree and what is routed to it. A dossier whose system changed since it was made can
// only be returned, or withdrawn by its preparer (who makes a new version instead).
func Allowed(d store.Dossier, f review.Flow, role string) []review.Action {
	if d.Status == string(review.Approved) {
		return nil
	}
	all := f.Allowed(review.Status(d.Status), role)
	if !Stale(d) {
		return all
	}
	var out []review.Action
	for _, a := range all {
		if a == review.Return || a == review.Withdraw {
			out = append(out, a)
		}
	}
	return out
}

// Stale reports whether the dossier, not yet approved, no longer matches its system: the
// system was changed after it was made.
func Stale(d store.Dossier) bool {
	return d.Status != string(review.Approved) && d.SystemCurrent != 0 && d.SystemCurrent != d.SystemVersion
}

// Uploadable lists the kinds of document role may add to the dossier now (none to a stale
// dossier but its signed decision after approval).
func Uploadable(d store.Dossier, f review.Flow, role string) []review.Kind {
	if Stale(d) {
		return nil
	}
	return f.Uploadable(review.Status(d.Status), role)
}

// Step is a workflow step taken, or refused: Action and From are set whenever the dossier
// was found and the action parsed, so that a refusal can be recorded.
type Step struct {
	Action  review.Action
	From    review.Status
	To      review.Status
	Dossier store.Dossier // after the step
}

// StepRequest is one workflow action with what it carries.
type StepRequest struct {
	Action  string
	Comment string
	// Decision may come with an approval (docs/contract.md §6); it is refused with any other
	// action.
	Decision Decision
}

// TakeStep applies one action to dossier id, as who, following the dossier's own flow;
// it is TakeStepWith without a decision.
func (r *Registry) TakeStep(ctx context.Context, who Actor, sc store.Scope, id int64, action, comment string) (Step, error) {
	return r.TakeStepWith(ctx, who, sc, id, StepRequest{Action: action, Comment: comment})
}

// TakeStepWith applies one action to dossier id, as who, following the dossier's own flow.
// Errors, in the order they are checked (docs/contract.md §4):
//   - store.ErrNotFound when the dossier is not visible in sc (another organisation's, or
//     not routed to who);
//   - review.ErrUnknownAction; a *levels.InvalidError naming comment when it is too long;
//   - review.ErrConflict for an action that is no step of the dossier's flow;
//     review.ErrForbidden when who's role never takes it at this level; review.ErrConflict
//     when the status does not fit, store.ErrImmutable once approved;
//   - a *levels.InvalidError naming comment for a return without a reason, or a returned
//     dossier sent again with nothing to show what changed (review.CheckResubmit); naming
//     decision_number or decision_date for a decision that is malformed, or given with
//     another action than approve;
//   - review.ErrForbidden when the dossier has a designated independent appraiser and who
//     is not of it for an appraiser's step, or is of it for another step (decree331.go);
//   - a *IncompleteError when a Decree 331 dossier is submitted without the risk
//     assessment its version needs (riskgate.go), or without the independent appraiser
//     its procedure requires (decree331.go), or approved while its system's owner has
//     recorded no Quy chế bảo đảm an ninh mạng (regulation.go);
//   - *store.StaleError when the system changed since the dossier was made (only a return
//     or a withdrawal fits then); store.ErrConflict when someone else moved the dossier
//     meanwhile.
//
// An approval records the inspection cycle of the dossier's rule set for its level, and
// the decision's number and date when given. A step after the approval (report, pm_list)
// is recorded once by its role, without moving the dossier (decree331.go).
func (r *Registry) TakeStepWith(ctx context.Context, who Actor, sc store.Scope, id int64, req StepRequest) (Step, error) {
	d, err := r.store.Dossier(ctx, sc, id)
	if err != nil {
		return Step{}, err
	}
	a, err := review.ParseAction(req.Action)
	if err != nil {
		return Step{}, err
	}
	st := Step{Action: a, From: review.Status(d.Status)}
	comment := strings.TrimSpace(req.Comment)
	if utf8.RuneCountInString(comment) > levels.MaxTextLen {
		return st, commentProblem(fmt.Sprintf("dài quá %d ký tự", levels.MaxTextLen))
	}
	flow, proc, err := r.FlowOf(d)
	if err != nil {
		return st, err
	}
	if a.IsAfterApproval() {
		return r.recordAfter(ctx, who, sc, d, flow, st, comment, req.Decision)
	}
	to, err := flow.Next(st.From, a, who.Role)
	switch {
	case errors.Is(err, review.ErrConflict) && st.From == review.Approved:
		return st, store.ErrImmutable // says why nothing fits any more
	case err != nil:
		return st, err
	}
	if err := checkIndependent(d, flow, proc, st.From, a, who); err != nil {
		return st, err
	}
	if a == review.Submit {
		if err := r.checkSubmit(ctx, d); err != nil {
			return st, err
		}
		if err := checkDesignated(d, proc); err != nil {
			return st, err
		}
	}
	if a == review.Approve {
		if err := r.checkRegulation(ctx, d); err != nil { // regulation.go
			return st, err
		}
	}
	ev := review.Event{Action: string(a), Actor: who.Username, Role: who.Role, Comment: comment}
	var approval *store.NewApproval
	switch {
	case req.Decision.Given() && a != review.Approve:
		return st, &levels.InvalidError{Problems: []levels.Problem{{Field: "decision_number", Message: "số, ngày quyết định chỉ ghi khi phê duyệt"}}}
	case a == review.Return && comment == "":
		return st, commentProblem("cần nêu lý do trả lại hồ sơ để đơn vị lập hồ sơ biết cần sửa gì")
	case a == review.Submit && st.From == review.Returned:
		events, err := r.store.DossierEvents(ctx, sc, id)
		if err != nil {
			return st, err
		}
		if err := review.CheckResubmit(events, comment); err != nil {
			return st, commentProblem(err.Error())
		}
	case a == review.Approve:
		approval = &store.NewApproval{}
		if rs, err := r.RuleSetOf(ctx, d); err == nil {
			if in, ok := rs.InspectionFor(d.Level); ok {
				approval.InspectionMonths = in.Months
			}
		}
		if req.Decision.Given() {
			events, err := r.store.DossierEvents(ctx, sc, id)
			if err != nil {
				return st, err
			}
			dec, err := r.checkDecision(req.Decision, lastSubmitted(events))
			if err != nil {
				return st, err
			}
			dec.ActorID = who.UserID
			approval.Decision = &dec
			ev.Data = decisionData(dec)
		}
	}
	due, _ := flow.DueAt(to, r.now())
	_, err = r.store.Transition(ctx, id, store.Transition{
		From: d.Status, To: string(to), Holder: flow.Holder(to), DueAt: due, Event: ev, Approval: approval,
		RouteAuthority: flow.RoutesToAuthority(to),
	})
	if err != nil {
		return st, err
	}
	st.To = to
	r.stepTaken(ctx, id)
	st.Dossier, err = r.store.Dossier(ctx, sc, id)
	return st, err
}

func commentProblem(msg string) error {
	return &levels.InvalidError{Problems: []levels.Problem{{Field: "comment", Message: msg}}}
}

// stepTaken tells the hook set with OnStep (the notifications, notify.Service) that
// dossier id moved. It runs after the step is recorded and cannot undo it.
func (r *Registry) stepTaken(ctx context.Context, id int64) {
	if r.onStep != nil {
		r.onStep(ctx, id)
	}
}

// OnStep sets what to do after every workflow step, with the dossier's id: the server
// notifies the next holder (notify.Service.DossierMoved). Set it before serving.
func (r *Registry) OnStep(fn func(ctx context.Context, dossierID int64)) { r.onStep = fn }
