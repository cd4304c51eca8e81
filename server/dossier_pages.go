package server

import (
	"errors"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"capdo/levels"
	"capdo/registry"
	"capdo/review"
	"capdo/store"
)

// dossierCreateForm makes a dossier with the rule set the form names in rule_set (the
// server's when absent), as the API does.
func (s *Server) dossierCreateForm(c *fiber.Ctx) error {
	ruleSet := strings.Clone(c.FormValue("rule_set"))
	if err := s.checkFormRuleSet(c, ruleSet); err != nil { // transition.go
		return err
	}
	m, err := s.makeDossier(c, ruleSet)
	if err != nil {
		return err
	}
	return c.Redirect("/dossiers/"+strconv.FormatInt(m.ID, 10), fiber.StatusSeeOther)
}

// confirmed are the actions the page asks to confirm first: they cannot be undone.
var confirmed = []review.Action{review.Approve, review.Return, review.Withdraw}

// dossierActionForm takes an action from the dossier page. Approving, returning and
// withdrawing come from the confirmation page (confirm=1); posted without it they lead
// there, and nothing is done. An approval may carry the signed decision (file): it is
// checked before the approval and stored right after it.
func (s *Server) dossierActionForm(c *fiber.Ctx) error {
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	action := strings.Clone(c.FormValue("action"))
	if slices.Contains(confirmed, review.Action(action)) && c.FormValue("confirm") != "1" {
		return c.Redirect("/dossiers/"+strconv.FormatInt(id, 10)+"/confirm?action="+url.QueryEscape(action), fiber.StatusSeeOther)
	}
	withFile := false
	if fh, err := c.FormFile("file"); err == nil && fh.Size > 0 && action == string(review.Approve) {
		if err := s.checkFormFile(c); err != nil {
			return err
		}
		withFile = true
	}
	req := registry.StepRequest{Action: action, Comment: strings.Clone(c.FormValue("comment")),
		Decision: registry.Decision{Number: strings.Clone(c.FormValue("decision_number")), Date: strings.Clone(c.FormValue("decision_date"))}}
	d, err := s.act(c, req)
	if err != nil {
		return err
	}
	if withFile {
		if _, err := s.upload(c, string(review.DecisionDoc)); err != nil {
			return err
		}
	}
	return c.Redirect("/dossiers/"+strconv.FormatInt(d.ID, 10), fiber.StatusSeeOther)
}

// checkFormFile checks the form's file as an upload would, before anything is recorded.
func (s *Server) checkFormFile(c *fiber.Ctx) error {
	fh, err := c.FormFile("file")
	if err != nil {
		return err
	}
	limit := s.reg.UploadLimits().FileBytes
	if fh.Size > limit {
		return uploadError(&registry.TooLargeError{Limit: limit})
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return err
	}
	_, _, err = registry.CheckDocument(data)
	return uploadError(err)
}

// dossierDecisionForm records the decision of an approved dossier from its page.
func (s *Server) dossierDecisionForm(c *fiber.Ctx) error {
	d, err := s.recordDecision(c, registry.Decision{Number: strings.Clone(c.FormValue("decision_number")),
		Date: strings.Clone(c.FormValue("decision_date"))})
	if err != nil {
		return err
	}
	return c.Redirect("/dossiers/"+strconv.FormatInt(d.ID, 10), fiber.StatusSeeOther)
}

// confirmView is the data of the confirmation page of an action.
type confirmView struct {
	Dossier store.Dossier
	Action  review.Action
	// Today and Submitted bound the decision's date (YYYY-MM-DD).
	Today, Submitted string
	// Gaps are what the record lacks that an approval rests on (registry.ApprovalGaps),
	// said before the approver confirms.
	Gaps []string
}

// dossierConfirmPage asks to confirm approving, returning or withdrawing a dossier: a page
// of its own, so that it works without JavaScript. It refuses, as the action would, a
// user who may not take the action now.
func (s *Server) dossierConfirmPage(c *fiber.Ctx) error {
	pr := principalOf(c)
	d, evs, err := s.dossierWithHistory(c)
	if err != nil {
		return err
	}
	a, err := review.ParseAction(c.Query("action"))
	if err != nil || !slices.Contains(confirmed, a) {
		return badParam("action", "chỉ xác nhận approve, return hoặc withdraw")
	}
	flow, _, err := s.reg.FlowOf(d)
	if err != nil {
		return err
	}
	if _, err := flow.Next(review.Status(d.Status), a, pr.User.Role); err != nil {
		if d.Status == string(review.Approved) {
			return store.ErrImmutable
		}
		return err
	}
	if !slices.Contains(registry.Allowed(d, flow, pr.User.Role), a) {
		return &store.StaleError{Made: d.SystemVersion, Current: d.SystemCurrent}
	}
	v := confirmView{Dossier: d, Action: a, Today: s.cfg.Now().In(review.Vietnam).Format(time.DateOnly)}
	if a == review.Approve {
		v.Gaps = registry.ApprovalGaps(d)
	}
	for i := len(evs) - 1; i >= 0; i-- {
		if evs[i].Action == string(review.Submit) {
			v.Submitted = evs[i].At.In(review.Vietnam).Format(time.DateOnly)
			break
		}
	}
	title := map[review.Action]string{review.Approve: "Xác nhận phê duyệt hồ sơ", review.Return: "Xác nhận trả lại hồ sơ",
		review.Withdraw: "Xác nhận rút hồ sơ"}[a]
	return s.render(c, fiber.StatusOK, "dossier_confirm", title+" số "+strconv.FormatInt(d.ID, 10), v)
}

// dossierView is the data of a dossier's page.
type dossierView struct {
	Dossier   store.Dossier
	Events    []review.Event
	Check     historyCheck // audit.go
	Actions   []review.Action
	Stages    []review.Status
	Deadline  *levels.Deadline
	Overdue   bool
	Procedure *levels.Procedure
	ZipName   string
	// RuleSetStatus is the Vietnamese status of the dossier's rule set when it is not in
	// force ("" when it is): a dossier under a repealed decree must say so.
	RuleSetStatus string
	Templates     string // where the templates came from, in words
	// SystemChanged is the system's current version when it was changed after the dossier
	// was made (0 otherwise): the dossier no longer matches it.
	SystemChanged int
	// People names the history's actors ("Nguyễn Văn A (attt)"); OrgThen is the unit's
	// name when the dossier was made, when it has been renamed since (people.go).
	People  map[string]string
	OrgThen string
	// Direct are the actions taken from the page at once, Confirm those taken after the
	// confirmation page.
	Direct, Confirm []review.Action
	// Kinds are the documents the user may upload now.
	Kinds []review.Kind
	// Return is the dossier's last return while it is returned: its reason at the top.
	Return *review.Event
	// Renew: the user may make a new version of the dossier (an editor of the system's
	// unit), offered when the dossier no longer matches its system or was returned.
	Renew bool
	// RecordDecision: the user approves at this level and the approved dossier has no
	// decision yet.
	RecordDecision bool
	// Office: the server has LibreOffice and offers PDFs (dossier_final.go).
	Office   bool
	Uploaded string // the name just uploaded
	// UploadProblem: why the file just sent was not stored, shown at the upload form.
	UploadProblem string
	Limit         string // the size limit of one file, in words
	Today         string
	// Decree331 is what Decree 331/2026 adds to the page (decree331_pages.go).
	Decree331 decree331View
	// Transition: the Art. 39.1 deadline of a transitional Decree 85 dossier, and the Quy
	// chế a Decree 331 dossier needs before approval (transition.go).
	Transition dossierTransitionView
	// RuleSetOverlap warns that the system has other dossiers open under another rule set
	// while this one is open (registry.RuleSetOverlapWarning), "" otherwise.
	RuleSetOverlap string
}

// templatesLabel says in words which templates a dossier was made with: the dossier
// package records "embedded" for capdo's own, otherwise the agency's template folder.
func templatesLabel(recorded string) string {
	if recorded == "embedded" {
		return "mẫu có sẵn của capdo"
	}
	return "mẫu riêng của đơn vị «" + recorded + "»"
}

func (s *Server) dossierPage(c *fiber.Ctx) error {
	return s.renderDossierPage(c, fiber.StatusOK, "")
}

// renderDossierPage is the dossier page under status, with what was wrong with an upload
// shown at the upload form (dossier_uploads.go).
func (s *Server) renderDossierPage(c *fiber.Ctx, status int, uploadProblem string) error {
	pr := principalOf(c)
	d, evs, err := s.dossierWithHistory(c)
	if err != nil {
		return err
	}
	// The flow of the procedure the dossier pinned when it was made, whatever rule set the
	// server runs with now.
	flow, proc, err := s.reg.FlowOf(d)
	if err != nil {
		return err
	}
	v := dossierView{Dossier: d, Events: evs, Actions: registry.Actions(d, flow, proc, who(c), evs), Stages: flow.Stages(),
		Deadline: flow.Deadline(review.Status(d.Status)), ZipName: zipName, Templates: templatesLabel(d.Templates),
		Overdue: !d.DueAt.IsZero() && s.cfg.Now().After(d.DueAt), Kinds: registry.UploadableTo(d, flow, proc, who(c)),
		Uploaded: c.Query("uploaded"), UploadProblem: uploadProblem, Limit: registry.SizeText(s.reg.UploadLimits().FileBytes), Office: officeInstalled(),
		Today: s.cfg.Now().In(review.Vietnam).Format(time.DateOnly)}
	if v.Decree331, err = s.decree331View(c, d, flow, proc, evs, v.Actions); err != nil {
		return err
	}
	for _, a := range v.Actions {
		if a.IsAfterApproval() {
			continue // the form of the steps after the approval (_decree331.html)
		}
		if slices.Contains(confirmed, a) {
			v.Confirm = append(v.Confirm, a)
		} else {
			v.Direct = append(v.Direct, a)
		}
	}
	if registry.Open(d) {
		// The system's dossiers the user sees (its subtree's and those routed to it).
		ds, err := s.store.ListDossiers(c.UserContext(), scope(pr), store.DossierFilter{SystemID: d.SystemID})
		if err != nil {
			return err
		}
		v.RuleSetOverlap = registry.RuleSetOverlapWarning(d.ID, d.RuleSet, ds)
	}
	if r, ok := review.ReturnReason(evs); ok && d.Status == string(review.Returned) {
		v.Return = &r
	}
	if d.Status == string(review.Approved) && (d.Approval == nil || d.Approval.Decision == nil) {
		_, err := flow.Next(review.Appraised, review.Approve, pr.User.Role)
		v.RecordDecision = err == nil
	}
	if slices.Contains(editors, pr.User.Role) && (registry.Stale(d) || d.Status == string(review.Returned)) {
		if v.Renew, err = s.store.InSubtree(c.UserContext(), pr.User.OrgID, d.OrgID); err != nil {
			return err
		}
	}
	switch rs, err := s.reg.RuleSetOf(c.UserContext(), d); {
	case errors.Is(err, registry.ErrRuleSetGone):
		v.RuleSetStatus = "không còn trên máy chủ để đối chiếu"
	case err != nil:
		return err
	case rs.InForceOn(s.cfg.Now().In(review.Vietnam)):
		// A repealed set still applies until its last day (Decree 85 until 30/06/2026).
		if rs.Status != levels.StatusInForce && rs.EffectiveTo != "" {
			v.RuleSetStatus = "áp dụng đến hết ngày " + isoDate(rs.EffectiveTo)
		}
	case rs.Status != levels.StatusInForce:
		v.RuleSetStatus = rs.StatusLabel()
	}
	v.Check = s.checkDossier(c, d.ID)
	if v.Transition, err = s.dossierTransition(c, d); err != nil {
		return err
	}
	if v.People, v.OrgThen, err = s.peopleOf(c, d, evs); err != nil {
		return err
	}
	v.Procedure = &proc
	if d.SystemCurrent != d.SystemVersion {
		v.SystemChanged = d.SystemCurrent
	}
	return s.render(c, status, "dossier", "Hồ sơ đề xuất cấp độ số "+strconv.FormatInt(d.ID, 10), v)
}

// viewOrgs are the units a user's lists can be filtered by: its subtree, then the units
// whose dossiers are routed to it.
func (s *Server) viewOrgs(c *fiber.Ctx, pr *principal) ([]store.Org, error) {
	orgs, err := s.store.Subtree(c.UserContext(), pr.User.OrgID)
	if err != nil {
		return nil, err
	}
	routed, err := s.store.RoutedOrgs(c.UserContext(), scope(pr))
	return append(orgs, routed...), err
}
