package review

import (
	"errors"
	"fmt"
	"slices"

	"capdo/levels"
)

// Status is the stage a dossier version is in.
type Status string

// Statuses. opinion_given exists only for levels with a required professional opinion
// (levels 4–5, Art. 14.3).
const (
	Draft        Status = "draft"
	Submitted    Status = "submitted"
	OpinionGiven Status = "opinion_given"
	Appraised    Status = "appraised"
	Approved     Status = "approved"
	Returned     Status = "returned"
)

// Action is what a user does to a dossier (contract §4).
type Action string

// Actions.
const (
	Submit   Action = "submit"
	Opinion  Action = "opinion"
	Appraise Action = "appraise"
	Approve  Action = "approve"
	Return   Action = "return"
)

// Actions lists every action, in workflow order.
var Actions = []Action{Submit, Opinion, Appraise, Approve, Return}

var (
	// ErrForbidden: the role may never take this action on a dossier of this level.
	ErrForbidden = errors.New("vai trò của người dùng không được thực hiện thao tác này")
	// ErrConflict: the action does not fit the dossier's current status, or its level's flow.
	ErrConflict = errors.New("thao tác không phù hợp với trạng thái hiện tại của hồ sơ")
	// ErrUnknownAction: not one of Actions.
	ErrUnknownAction = errors.New("thao tác không xác định")
)

// ParseAction checks an action name.
func ParseAction(s string) (Action, error) {
	a := Action(s)
	if slices.Contains(Actions, a) {
		return a, nil
	}
	return "", fmt.Errorf("%w «%s»; thao tác hợp lệ: submit, opinion, appraise, approve, return", ErrUnknownAction, s)
}

// step is one allowed transition.
type step struct {
	from   Status
	action Action
	to     Status
	roles  []string
}

// Flow is the workflow for dossiers of one level.
type Flow struct {
	Level     int
	steps     []step
	holders   map[Status]string
	deadlines map[Status]*levels.Deadline
}

// submitters may send a dossier for review: the operating unit prepares it (Art. 14.1),
// and for levels 4–5 it goes on through the owner (Art. 14.3), so the owner may submit too.
var submitters = []string{"operator", "owner"}

// FlowFor builds the workflow for a level from the rule set's procedure for it.
func FlowFor(level int, p levels.Procedure) Flow {
	f := Flow{Level: level, holders: map[Status]string{}, deadlines: map[Status]*levels.Deadline{}}
	add := func(from Status, a Action, to Status, roles ...string) {
		f.steps = append(f.steps, step{from, a, to, roles})
	}
	add(Draft, Submit, Submitted, submitters...)
	add(Returned, Submit, Submitted, submitters...)
	f.holders[Draft] = "operator"
	f.holders[Returned] = "operator"

	review := Submitted // the stage in which the appraiser works
	if p.ProfessionalOpinion != nil && p.ProfessionalOpinion.Required {
		add(Submitted, Opinion, OpinionGiven, p.ProfessionalOpinion.ByRole)
		add(Submitted, Return, Returned, p.ProfessionalOpinion.ByRole)
		f.holders[Submitted] = p.ProfessionalOpinion.ByRole
		review = OpinionGiven
	}
	add(review, Appraise, Appraised, p.AppraiserRole)
	add(review, Return, Returned, p.AppraiserRole)
	f.holders[review] = p.AppraiserRole
	f.deadlines[review] = p.AppraisalDeadline

	add(Appraised, Approve, Approved, p.ApproverRole)
	add(Appraised, Return, Returned, p.ApproverRole)
	f.holders[Appraised] = p.ApproverRole
	f.deadlines[Appraised] = p.ApprovalDeadline
	return f
}

// Next returns the status after role takes action a on a dossier in status s. The checks
// go from the flow to the role to the status (contract §4):
//   - ErrConflict when a is no step of this level's flow at all (opinion below level 4);
//   - ErrForbidden when a is a step, but never one of role's at this level, whatever the
//     status (an operator approving an approved dossier is refused for who it is);
//   - ErrConflict when role may take a at this level, but not in status s.
func (f Flow) Next(s Status, a Action, role string) (Status, error) {
	inFlow, roleFits := false, false
	for _, st := range f.steps {
		if st.action != a {
			continue
		}
		inFlow = true
		if slices.Contains(st.roles, role) {
			roleFits = true
			if st.from == s {
				return st.to, nil
			}
		}
	}
	if inFlow && !roleFits {
		return "", ErrForbidden
	}
	return "", ErrConflict
}

// Allowed lists the actions role may take in status s.
func (f Flow) Allowed(s Status, role string) []Action {
	var out []Action
	for _, st := range f.steps {
		if st.from == s && slices.Contains(st.roles, role) && !slices.Contains(out, st.action) {
			out = append(out, st.action)
		}
	}
	return out
}

// Holder is the role that must act next on a dossier in status s ("" when none: approved).
func (f Flow) Holder(s Status) string { return f.holders[s] }

// Deadline is the statutory time limit of the stage s, or nil when the law sets none.
func (f Flow) Deadline(s Status) *levels.Deadline { return f.deadlines[s] }

// Stages lists the statuses a dossier of this flow passes through, in order.
func (f Flow) Stages() []Status {
	out := []Status{Draft, Submitted}
	if _, ok := f.holders[OpinionGiven]; ok {
		out = append(out, OpinionGiven)
	}
	return append(out, Appraised, Approved)
}

// Label is the Vietnamese name of a status.
func (s Status) Label() string {
	switch s {
	case Draft:
		return "Dự thảo"
	case Submitted:
		return "Đã gửi"
	case OpinionGiven:
		return "Đã có ý kiến chuyên môn, chờ thẩm định"
	case Appraised:
		return "Đã thẩm định, chờ phê duyệt"
	case Approved:
		return "Đã phê duyệt"
	case Returned:
		return "Trả lại để hoàn thiện"
	}
	return string(s)
}

// Label is the Vietnamese name of an action.
func (a Action) Label() string {
	switch a {
	case Submit:
		return "Gửi hồ sơ"
	case Opinion:
		return "Cho ý kiến chuyên môn"
	case Appraise:
		return "Thẩm định"
	case Approve:
		return "Phê duyệt"
	case Return:
		return "Trả lại"
	}
	return string(a)
}
