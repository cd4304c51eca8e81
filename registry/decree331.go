package registry

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"capdo/levels"
	"capdo/review"
	"capdo/store"
)

// What Decree 331/2026 adds to a dossier's workflow besides its flow: the independent
// appraiser of Art. 18.4, and the steps recorded after the approval (the cyber unit's
// report to the owner, Art. 18.1; the Prime Minister's decision on the list, Art. 18.3.đ).

// Designation is the owner's designation of an independent appraiser as the owner gives it.
type Designation struct {
	OrgID    int64
	Kind     string // store.AppraiserUnit or store.AppraiserCouncil
	Decision string // the designating decision's number and date
}

const maxDesignationText = 200

// appraiserStep reports whether who takes, from status from, a step of the appraiser's:
// accepting, appraising or returning the dossier in the stages of receipt and appraisal.
func appraiserStep(f review.Flow, proc levels.Procedure, from review.Status, a review.Action, role string) bool {
	return role == proc.AppraiserRole && slices.Contains(f.AppraisalStages(), from) &&
		(a == review.Accept || a == review.Appraise || a == review.Return)
}

// checkIndependent: when the dossier's appraiser must be independent (Art. 18.4), only the
// designated organisation's users take the appraiser's steps, and they take no other
// (the cyber unit still approves at levels 1–2).
func checkIndependent(d store.Dossier, f review.Flow, proc levels.Procedure, from review.Status, a review.Action, who Actor) error {
	if proc.IndependentAppraisal == nil {
		return nil
	}
	designee := d.Appraiser != nil && who.OrgID == d.Appraiser.OrgID
	if appraiserStep(f, proc, from, a, who.Role) != designee {
		return review.ErrForbidden
	}
	return nil
}

// checkIndependentUpload: the appraisal result of a dossier with a designated independent
// appraiser comes from that appraiser only.
func checkIndependentUpload(d store.Dossier, proc levels.Procedure, k review.Kind, who Actor) error {
	if proc.IndependentAppraisal == nil || k != review.AppraisalDoc {
		return nil
	}
	if d.Appraiser == nil || who.OrgID != d.Appraiser.OrgID {
		return review.ErrForbidden
	}
	return nil
}

// checkDesignated refuses to submit a dossier whose independent appraiser the owner has not
// designated yet.
func checkDesignated(d store.Dossier, proc levels.Procedure) error {
	ind := proc.IndependentAppraisal
	if ind == nil || d.Appraiser != nil {
		return nil
	}
	return &IncompleteError{
		Message: "Chưa gửi được hồ sơ: đơn vị chuyên trách về an ninh mạng đồng thời vận hành hệ thống, nên chủ quản cần chỉ định đơn vị thẩm định độc lập trước.",
		Problems: []levels.Problem{{Field: "appraiser", Message: "chủ quản chỉ định đơn vị khác có thẩm quyền hoặc Hội đồng thẩm định độc lập thẩm định hồ sơ (" +
			strings.TrimSpace(ind.Citation) + ")"}},
	}
}

// Actions lists what who may do to the dossier now: the actions of its flow (Allowed),
// less the appraiser's steps when an independent appraiser is designated and who is not of
// it (or only those when who is), and, once approved, the steps after the approval that
// are who's and not yet recorded. events is the dossier's history.
func Actions(d store.Dossier, f review.Flow, proc levels.Procedure, who Actor, events []review.Event) []review.Action {
	var out []review.Action
	for _, a := range Allowed(d, f, who.Role) {
		if checkIndependent(d, f, proc, review.Status(d.Status), a, who) == nil {
			out = append(out, a)
		}
	}
	if d.Status != string(review.Approved) {
		return out
	}
	for _, st := range f.AfterApproval() {
		a := review.Action(st.Action)
		if st.Role == who.Role && !recorded(events, a) {
			out = append(out, a)
		}
	}
	return out
}

// UploadableTo lists the kinds of document who may add to the dossier now: Uploadable, less
// the appraisal result when an independent appraiser is designated and who is not of it.
func UploadableTo(d store.Dossier, f review.Flow, proc levels.Procedure, who Actor) []review.Kind {
	var out []review.Kind
	for _, k := range Uploadable(d, f, who.Role) {
		if checkIndependentUpload(d, proc, k, who) == nil {
			out = append(out, k)
		}
	}
	return out
}

// Recorded returns the event that recorded action a, if any.
func Recorded(events []review.Event, a review.Action) (review.Event, bool) {
	for _, e := range events {
		if e.Action == string(a) {
			return e, true
		}
	}
	return review.Event{}, false
}

func recorded(events []review.Event, a review.Action) bool {
	return slices.ContainsFunc(events, func(e review.Event) bool { return e.Action == string(a) })
}

// recordAfter records a step after the approval: once, by its role, on an approved dossier;
// the Prime Minister's decision carries its number and date.
func (r *Registry) recordAfter(ctx context.Context, who Actor, sc store.Scope, d store.Dossier, f review.Flow, st Step,
	comment string, dec Decision) (Step, error) {
	step, err := f.AfterStep(st.Action, who.Role)
	if err != nil {
		return st, err
	}
	if d.Status != string(review.Approved) {
		return st, review.ErrConflict
	}
	ev := review.Event{Action: string(st.Action), Actor: who.Username, Role: who.Role, Comment: comment}
	switch {
	case step.Decision:
		events, err := r.store.DossierEvents(ctx, sc, d.ID)
		if err != nil {
			return st, err
		}
		nd, err := r.checkDecision(dec, lastSubmitted(events))
		if err != nil {
			return st, err
		}
		ev.Data = decisionData(nd)
	case dec.Given():
		return st, &levels.InvalidError{Problems: []levels.Problem{{Field: "decision_number",
			Message: "số, ngày quyết định chỉ ghi khi phê duyệt hoặc khi ghi quyết định phê duyệt danh mục của Thủ tướng Chính phủ"}}}
	}
	if _, err := r.store.RecordAfterApproval(ctx, d.ID, ev); err != nil {
		return st, err
	}
	st.To = review.Approved
	st.Dossier, err = r.store.Dossier(ctx, sc, d.ID)
	return st, err
}

// DesignateAppraiser records the independent appraiser the owner designates for dossier id
// (Decree 331 Art. 18.4), while the dossier waits for its preparer. Errors:
// store.ErrNotFound outside sc; review.ErrForbidden unless who is an owner;
// review.ErrConflict when the dossier's procedure needs no independent appraiser;
// store.ErrConflict once submitted; a *levels.InvalidError naming org_id, kind or decision.
func (r *Registry) DesignateAppraiser(ctx context.Context, who Actor, sc store.Scope, id int64, in Designation) (store.Dossier, error) {
	d, err := r.store.Dossier(ctx, sc, id)
	if err != nil {
		return store.Dossier{}, err
	}
	if who.Role != "owner" {
		return store.Dossier{}, review.ErrForbidden
	}
	_, proc, err := r.FlowOf(d)
	if err != nil {
		return store.Dossier{}, err
	}
	if proc.IndependentAppraisal == nil {
		return store.Dossier{}, review.ErrConflict
	}
	var problems []levels.Problem
	kind := strings.TrimSpace(in.Kind)
	if kind != store.AppraiserUnit && kind != store.AppraiserCouncil {
		problems = append(problems, levels.Problem{Field: "kind", Message: "chọn unit (đơn vị khác có thẩm quyền, điểm a) hoặc council (Hội đồng thẩm định độc lập, điểm b)"})
	}
	decision := strings.Join(strings.Fields(in.Decision), " ")
	switch {
	case decision == "":
		problems = append(problems, levels.Problem{Field: "decision", Message: "cần số, ngày văn bản của chủ quản chỉ định đơn vị thẩm định, ví dụ 12/QĐ-UBND ngày 01/12/2026"})
	case utf8.RuneCountInString(decision) > maxDesignationText:
		problems = append(problems, levels.Problem{Field: "decision", Message: fmt.Sprintf("dài quá %d ký tự", maxDesignationText)})
	}
	org, err := r.designee(ctx, in.OrgID, d)
	if err != nil {
		var ie *levels.InvalidError
		if !errors.As(err, &ie) {
			return store.Dossier{}, err
		}
		problems = append(problems, ie.Problems...)
	}
	if problems != nil {
		return store.Dossier{}, &levels.InvalidError{Problems: problems}
	}
	ev := review.Event{Action: string(review.Designate), Actor: who.Username, Role: who.Role,
		Comment: fmt.Sprintf("Chỉ định «%s» thẩm định hồ sơ (%s)", org.Name, decision),
		Data:    fmt.Sprintf("appraiser_org %d kind %s decision %s", org.ID, kind, decision)}
	if _, err := r.store.DesignateAppraiser(ctx, id, store.NewDesignation{OrgID: org.ID, Kind: kind, Decision: decision, ActorID: who.UserID}, ev); err != nil {
		return store.Dossier{}, err
	}
	return r.store.Dossier(ctx, sc, id)
}

// designee checks the organisation designated: it exists, is not the unit whose system it
// is, and has an infosec user to appraise.
func (r *Registry) designee(ctx context.Context, orgID int64, d store.Dossier) (store.Org, error) {
	bad := func(msg string) error {
		return &levels.InvalidError{Problems: []levels.Problem{{Field: "org_id", Message: msg}}}
	}
	if orgID <= 0 {
		return store.Org{}, bad("chọn đơn vị hoặc hội đồng thẩm định")
	}
	org, err := r.store.Org(ctx, orgID)
	if errors.Is(err, store.ErrNotFound) {
		return store.Org{}, bad("không có đơn vị này")
	}
	if err != nil {
		return store.Org{}, err
	}
	if org.ID == d.OrgID {
		return store.Org{}, bad("đơn vị vận hành hệ thống không tự thẩm định hồ sơ của mình")
	}
	orgs, err := r.store.AppraiserOrgs(ctx, d.OrgID)
	if err != nil {
		return store.Org{}, err
	}
	if !slices.ContainsFunc(orgs, func(o store.Org) bool { return o.ID == org.ID }) {
		return store.Org{}, bad(fmt.Sprintf("«%s» chưa có tài khoản vai trò infosec để tiếp nhận và thẩm định hồ sơ", org.Name))
	}
	return org, nil
}

// AppraisingBody names who appraises the dossier: the designated independent appraiser
// when there is one, else the appraiser of its procedure (for levels 4–5 of Decree 331,
// chosen by the owner's sector).
func AppraisingBody(d store.Dossier, proc levels.Procedure) string {
	if d.Appraiser != nil && proc.IndependentAppraisal != nil {
		return d.Appraiser.OrgName
	}
	return proc.Appraiser
}
