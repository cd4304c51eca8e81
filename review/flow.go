package review

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"capdo/levels"
)

// Status is the stage a dossier version is in.
type Status string

// Statuses. opinion_given exists only for levels with a required professional opinion
// (levels 4–5, Decree 85 Art. 14.1.d). forwarded exists only where someone sends the dossier on to the
// appraiser after the opinion (Decree 331 Art. 20.1.d), received only where the receiver
// first accepts a complete dossier (Decree 331 Art. 23.2–23.3). withdrawn is a draft or
// returned dossier its preparer took back, or one replaced by a newer version of the
// dossier: it stays on record, takes no further step and waits for no one.
const (
	Draft        Status = "draft"
	Submitted    Status = "submitted"
	OpinionGiven Status = "opinion_given"
	Forwarded    Status = "forwarded"
	Received     Status = "received"
	Appraised    Status = "appraised"
	Approved     Status = "approved"
	Returned     Status = "returned"
	Withdrawn    Status = "withdrawn"
)

// Action is what a user does to a dossier (docs/contract.md §4).
type Action string

// Actions.
const (
	Submit   Action = "submit"
	Opinion  Action = "opinion"
	Forward  Action = "forward"
	Accept   Action = "accept"
	Appraise Action = "appraise"
	Approve  Action = "approve"
	Return   Action = "return"
	Withdraw Action = "withdraw"
)

// Actions recorded once after the approval (levels.AfterStep): they do not move the
// dossier.
const (
	// Report: the cyber unit that approved reports to the owner (Decree 331 Art. 18.1).
	Report Action = "report"
	// PMList: the owner records the Prime Minister's decision on the list of systems
	// important to national security (Decree 331 Art. 18.3.đ, 20.3.c).
	PMList Action = "pm_list"
)

// Actions lists every action, in workflow order, then those recorded after the approval.
var Actions = []Action{Submit, Opinion, Forward, Accept, Appraise, Approve, Return, Withdraw, Report, PMList}

// IsAfterApproval reports whether a is recorded after the approval rather than taken as a
// step of the flow.
func (a Action) IsAfterApproval() bool { return a == Report || a == PMList }

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
	return "", fmt.Errorf("%w «%s»; thao tác hợp lệ: submit, opinion, forward, accept, appraise, approve, return, withdraw, report, pm_list", ErrUnknownAction, s)
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
	uploads   []uploadRule
	// review are the stages in which the appraiser acts (receipt and appraisal).
	review []Status
	after  []levels.AfterStep
	// authority is the stage whose entry routes the dossier to an authority ("" when no
	// authority takes part): submission, or the forwarding after the opinion.
	authority Status
}

// submitters may send a dossier for review: the operating unit prepares it (Art. 14.1),
// and for levels 4–5 it goes on through the owner (Art. 14.1.d), so the owner may submit too.
var submitters = []string{"operator", "owner"}

// FlowFor builds the workflow for a level from the rule set's procedure for it:
//
//	draft → submitted [→ opinion_given (professional opinion) [→ forwarded (sent on to the
//	appraiser)]] [→ received (accepted as complete)] → appraised → approved
//
// Each stage is held by the role that acts in it and carries its statutory deadline, if
// any. Where the procedure sets an intake deadline (Decree 331 Art. 23.2), the receiver
// first accepts the dossier or returns it as incomplete within it, and the appraisal
// deadline runs from the acceptance (Art. 23.3); the receiver may also appraise at once.
// A Decree 85 procedure has neither step and keeps the flow it always had.
func FlowFor(level int, p levels.Procedure) Flow {
	f := Flow{Level: level, holders: map[Status]string{}, deadlines: map[Status]*levels.Deadline{}, after: p.AfterApproval}
	add := func(from Status, a Action, to Status, roles ...string) {
		f.steps = append(f.steps, step{from, a, to, roles})
	}
	add(Draft, Submit, Submitted, submitters...)
	add(Returned, Submit, Submitted, submitters...)
	add(Draft, Withdraw, Withdrawn, submitters...)
	add(Returned, Withdraw, Withdrawn, submitters...)
	f.holders[Draft] = "operator"
	f.holders[Returned] = "operator"

	review := Submitted // the stage in which the appraiser receives the dossier
	if p.ProfessionalOpinion != nil && p.ProfessionalOpinion.Required {
		add(Submitted, Opinion, OpinionGiven, p.ProfessionalOpinion.ByRole)
		add(Submitted, Return, Returned, p.ProfessionalOpinion.ByRole)
		f.holders[Submitted] = p.ProfessionalOpinion.ByRole
		review = OpinionGiven
	}
	if p.Forward != nil {
		add(review, Forward, Forwarded, p.Forward.ByRole)
		add(review, Return, Returned, p.Forward.ByRole)
		f.holders[review] = p.Forward.ByRole
		review = Forwarded
	}
	if p.AppraiserRole == "authority" {
		f.authority = Submitted
		if p.Forward != nil {
			f.authority = Forwarded
		}
	}
	if p.IntakeDeadline != nil {
		add(review, Accept, Received, p.AppraiserRole)
		add(review, Appraise, Appraised, p.AppraiserRole)
		add(review, Return, Returned, p.AppraiserRole)
		f.holders[review] = p.AppraiserRole
		f.deadlines[review] = p.IntakeDeadline
		f.review = append(f.review, review)
		review = Received
	}
	add(review, Appraise, Appraised, p.AppraiserRole)
	add(review, Return, Returned, p.AppraiserRole)
	f.holders[review] = p.AppraiserRole
	f.deadlines[review] = p.AppraisalDeadline
	f.review = append(f.review, review)

	add(Appraised, Approve, Approved, p.ApproverRole)
	add(Appraised, Return, Returned, p.ApproverRole)
	f.holders[Appraised] = p.ApproverRole
	f.deadlines[Appraised] = p.ApprovalDeadline
	f.uploads = uploadRules(p, f.review)
	return f
}

// AppraisalStages are the stages in which the appraiser acts: the receipt of the dossier,
// when the procedure has one, and the appraisal. A designated independent appraiser
// (Decree 331 Art. 18.4) takes every step of the appraiser's in them.
func (f Flow) AppraisalStages() []Status { return f.review }

// RoutesToAuthority reports whether entering status s routes the dossier to the authority
// that appraises it: the submission, or the forwarding after the professional opinion.
func (f Flow) RoutesToAuthority(s Status) bool { return f.authority != "" && s == f.authority }

// AfterApproval lists the steps recorded once the dossier is approved.
func (f Flow) AfterApproval() []levels.AfterStep { return f.after }

// AfterStep returns the step a records after the approval, ErrConflict when the flow has
// no such step, ErrForbidden when it is not role's.
func (f Flow) AfterStep(a Action, role string) (levels.AfterStep, error) {
	for _, st := range f.after {
		if st.Action == string(a) {
			if st.Role != role {
				return st, ErrForbidden
			}
			return st, nil
		}
	}
	return levels.AfterStep{}, ErrConflict
}

// Next returns the status after role takes action a on a dossier in status s. The checks
// go from the flow to the role to the status (docs/contract.md §4):
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
	for _, s := range []Status{OpinionGiven, Forwarded, Received} {
		if _, ok := f.holders[s]; ok {
			out = append(out, s)
		}
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
	case Forwarded:
		return "Đã gửi cơ quan thẩm định, chờ tiếp nhận"
	case Received:
		return "Đã tiếp nhận hồ sơ hợp lệ, đang thẩm định"
	case Appraised:
		return "Đã thẩm định, chờ phê duyệt"
	case Approved:
		return "Đã phê duyệt"
	case Returned:
		return "Trả lại để hoàn thiện"
	case Withdrawn:
		return "Đã rút"
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
	case Forward:
		return "Gửi cơ quan thẩm định"
	case Accept:
		return "Tiếp nhận hồ sơ hợp lệ"
	case Report:
		return "Báo cáo chủ quản"
	case PMList:
		return "Ghi quyết định phê duyệt danh mục của Thủ tướng Chính phủ"
	case Designate:
		return "Chỉ định đơn vị thẩm định độc lập"
	case Appraise:
		return "Thẩm định"
	case Approve:
		return "Phê duyệt"
	case Return:
		return "Trả lại"
	case Withdraw:
		return "Rút hồ sơ"
	case Upload:
		return "Tải lên văn bản"
	case RecordDecision:
		return "Ghi số, ngày quyết định"
	}
	return string(a)
}

// Events that record something without moving the dossier (From and To are its status):
// they are no workflow actions, and ParseAction refuses them.
const (
	// Upload records a document added to the dossier; Data names its kind, file and
	// SHA-256 (UploadData).
	Upload Action = "upload"
	// RecordDecision records the approval decision's number and date after the approval.
	RecordDecision Action = "decision"
	// Designate records the independent appraiser the owner designated (Decree 331 Art.
	// 18.4); Data names the organisation.
	Designate Action = "designate"
)

// Kind is what an uploaded document is (docs/contract.md §6).
type Kind string

// Kinds of documents. Generated stands for the documents capdo made with the dossier; it is
// never uploaded.
const (
	SignedRequest Kind = "signed_request" // the request for appraisal, signed by its sender
	OpinionDoc    Kind = "opinion"        // the professional opinion (Art. 14.1.d)
	AppraisalDoc  Kind = "appraisal"      // the appraisal result (Art. 16)
	DecisionDoc   Kind = "decision"       // the signed approval decision (Art. 17)
	Attachment    Kind = "attachment"     // network diagram, rules, risk report…
	Revised       Kind = "revised"        // a document revised after a return
	Generated     Kind = "generated"
)

// Kinds lists the kinds a document may be uploaded as, in the order forms show them.
var Kinds = []Kind{SignedRequest, Attachment, Revised, OpinionDoc, AppraisalDoc, DecisionDoc}

// ParseKind checks an upload kind.
func ParseKind(s string) (Kind, error) {
	k := Kind(s)
	if slices.Contains(Kinds, k) {
		return k, nil
	}
	return "", fmt.Errorf("loại văn bản «%s» không hợp lệ; loại hợp lệ: signed_request, opinion, appraisal, decision, attachment, revised", s)
}

// Label is the Vietnamese name of a kind.
func (k Kind) Label() string {
	switch k {
	case SignedRequest:
		return "Văn bản đề nghị đã ký"
	case OpinionDoc:
		return "Ý kiến chuyên môn"
	case AppraisalDoc:
		return "Kết quả thẩm định"
	case DecisionDoc:
		return "Quyết định phê duyệt đã ký"
	case Attachment:
		return "Tài liệu kèm theo"
	case Revised:
		return "Văn bản sửa đổi"
	case Generated:
		return "Văn bản do capdo lập"
	}
	return string(k)
}

// uploadRule says who may add a kind of document, and in which statuses.
type uploadRule struct {
	kind     Kind
	roles    []string
	statuses []Status
}

// uploadRules is the upload table of a flow (role × status × kind), built like its steps
// from the procedure: each document comes from whoever takes the step it belongs to, while
// that step is theirs. The preparer adds the signed request, attachments and revised
// documents before sending (draft, or returned for completion); the professional opinion
// comes with the opinion step, the appraisal result with the appraisal; the signed
// decision comes with the approval or after it, once signed.
func uploadRules(p levels.Procedure, review []Status) []uploadRule {
	prepare := []Status{Draft, Returned}
	rules := []uploadRule{
		{SignedRequest, submitters, prepare},
		{Attachment, submitters, prepare},
		{Revised, submitters, prepare},
	}
	if p.ProfessionalOpinion != nil && p.ProfessionalOpinion.Required {
		rules = append(rules, uploadRule{OpinionDoc, []string{p.ProfessionalOpinion.ByRole}, []Status{Submitted}})
	}
	return append(rules,
		uploadRule{AppraisalDoc, []string{p.AppraiserRole}, review},
		uploadRule{DecisionDoc, []string{p.ApproverRole}, []Status{Appraised, Approved}})
}

// MayUpload says whether role may add a document of kind k to a dossier in status s, with
// the precedence of Next: ErrConflict when no one adds k at this level (an opinion below
// level 4); ErrForbidden when k is never role's to add at this level, whatever the status;
// ErrConflict when role adds k, but not in status s.
func (f Flow) MayUpload(s Status, k Kind, role string) error {
	for _, r := range f.uploads {
		if r.kind != k {
			continue
		}
		if !slices.Contains(r.roles, role) {
			return ErrForbidden
		}
		if !slices.Contains(r.statuses, s) {
			return ErrConflict
		}
		return nil
	}
	return ErrConflict
}

// Uploadable lists the kinds role may add in status s, in the order of Kinds.
func (f Flow) Uploadable(s Status, role string) []Kind {
	var out []Kind
	for _, k := range Kinds {
		if f.MayUpload(s, k, role) == nil {
			out = append(out, k)
		}
	}
	return out
}

// UploadData is the Data of an Upload event: the kind, the stored name and the SHA-256
// of the file, which the hash chain then covers.
func UploadData(k Kind, name, sha256 string) string {
	return string(k) + " " + name + " sha256 " + sha256
}

// ErrBareResubmit: a returned dossier sent again with nothing to show what changed.
var ErrBareResubmit = errors.New("hồ sơ đã bị trả lại: khi gửi lại cần nêu nội dung đã sửa trong ý kiến, hoặc tải lên văn bản sửa đổi, hoặc lập phiên bản hồ sơ mới")

// CheckResubmit refuses to send again, unchanged, a dossier that was returned: since its
// last return, the preparer must have uploaded a document, or say in comment what was
// changed (a new dossier version is the third way, and starts as a draft). events is the
// dossier's history, oldest first.
func CheckResubmit(events []Event, comment string) error {
	last := -1
	for i, e := range events {
		if e.Action == string(Return) {
			last = i
		}
	}
	if last < 0 || strings.TrimSpace(comment) != "" {
		return nil
	}
	for _, e := range events[last+1:] {
		if e.Action == string(Upload) {
			return nil
		}
	}
	return ErrBareResubmit
}

// ReturnReason is the last return of a dossier, if any: who returned it, when and why.
func ReturnReason(events []Event) (Event, bool) {
	for i := len(events) - 1; i >= 0; i-- {
		if events[i].Action == string(Return) {
			return events[i], true
		}
	}
	return Event{}, false
}
