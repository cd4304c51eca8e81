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
// subtree and what is routed to it.
func Allowed(d store.Dossier, f review.Flow, role string) []review.Action {
	if d.Status == string(review.Approved) {
		return nil
	}
	return f.Allowed(review.Status(d.Status), role)
}

// Step is a workflow step taken, or refused: Action and From are set whenever the dossier
// was found and the action parsed, so that a refusal can be recorded.
type Step struct {
	Action  review.Action
	From    review.Status
	To      review.Status
	Dossier store.Dossier // after the step
}

// TakeStep applies one action to dossier id, as who, following the dossier's own flow.
// Errors, in the order they are checked (contract §4):
//   - store.ErrNotFound when the dossier is not visible in sc (another organisation's, or
//     not routed to who);
//   - review.ErrUnknownAction; a *levels.InvalidError naming comment when it is too long;
//   - review.ErrConflict for an action that is no step of the dossier's flow;
//     review.ErrForbidden when who's role never takes it at this level; review.ErrConflict
//     when the status does not fit, store.ErrImmutable once approved;
//   - *store.StaleError when the system changed since the dossier was made (only a return
//     fits then); store.ErrConflict when someone else moved the dossier meanwhile.
func (r *Registry) TakeStep(ctx context.Context, who Actor, sc store.Scope, id int64, action, comment string) (Step, error) {
	d, err := r.store.Dossier(ctx, sc, id)
	if err != nil {
		return Step{}, err
	}
	a, err := review.ParseAction(action)
	if err != nil {
		return Step{}, err
	}
	st := Step{Action: a, From: review.Status(d.Status)}
	if utf8.RuneCountInString(comment) > levels.MaxTextLen {
		return st, &levels.InvalidError{Problems: []levels.Problem{{Field: "comment", Message: fmt.Sprintf("dài quá %d ký tự", levels.MaxTextLen)}}}
	}
	flow, _, err := r.FlowOf(d)
	if err != nil {
		return st, err
	}
	to, err := flow.Next(st.From, a, who.Role)
	switch {
	case errors.Is(err, review.ErrConflict) && st.From == review.Approved:
		return st, store.ErrImmutable // says why nothing fits any more
	case err != nil:
		return st, err
	}
	due, _ := flow.DueAt(to, r.now())
	_, err = r.store.Transition(ctx, id, store.Transition{
		From: d.Status, To: string(to), Holder: flow.Holder(to), DueAt: due,
		Event: review.Event{Action: string(a), Actor: who.Username, Role: who.Role, Comment: strings.TrimSpace(comment)},
	})
	if err != nil {
		return st, err
	}
	st.To = to
	st.Dossier, err = r.store.Dossier(ctx, sc, id)
	return st, err
}
