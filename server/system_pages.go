package server

import (
	"errors"
	"slices"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"capdo/levels"
	"capdo/registry"
	"capdo/review"
	"capdo/store"
)

// systemForm is the data of the create/edit page.
type systemForm struct {
	SystemID int64
	Form     builtForm
	Orgs     []store.Org
	OrgID    int64
	// Facts describes the inputs to static/app.js (JSON).
	Facts string
	// Attempted: the form was posted and refused, so its problems are shown at once.
	Attempted bool
}

func (s *Server) renderSystemForm(c *fiber.Ctx, status int, id int64, v formValues, problems map[string][]string, orgID int64) error {
	pr := principalOf(c)
	orgs, err := s.store.Subtree(c.UserContext(), pr.User.OrgID)
	if err != nil {
		return err
	}
	title := "Đăng ký hệ thống thông tin"
	if id != 0 {
		title = "Cập nhật hồ sơ hệ thống"
	}
	return s.render(c, status, "system_form", title, systemForm{SystemID: id, Form: buildForm(v, problems),
		Orgs: orgs, OrgID: orgID, Facts: formFacts(), Attempted: len(problems) > 0})
}

func (s *Server) systemNewPage(c *fiber.Ctx) error {
	return s.renderSystemForm(c, fiber.StatusOK, 0, formValues{}, nil, principalOf(c).User.OrgID)
}

func (s *Server) systemEditPage(c *fiber.Ctx) error {
	sys, err := s.systemParam(c, systemScope(principalOf(c)))
	if err != nil {
		return err
	}
	return s.renderSystemForm(c, fiber.StatusOK, sys.ID, profileValues(sys.Profile), nil, sys.OrgID)
}

func (s *Server) systemCreateForm(c *fiber.Ctx) error { return s.saveSystemForm(c, 0) }

func (s *Server) systemUpdateForm(c *fiber.Ctx) error {
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	if _, err := s.store.System(c.UserContext(), systemScope(principalOf(c)), id); err != nil {
		return err
	}
	return s.saveSystemForm(c, id)
}

// readProfileForm reads a posted profile form: the profile, or the problems by input
// name in the form's words.
func readProfileForm(v formValues) (levels.Profile, map[string][]string, error) {
	doc, problems, rows := stdForm.document(v)
	prof, err := levels.ParseProfile(doc, "")
	var ie *levels.InvalidError
	if errors.As(err, &ie) {
		return prof, stdForm.formProblems(ie.Problems, rows, problems), nil
	}
	if err != nil {
		return prof, nil, err
	}
	if len(problems) > 0 {
		return prof, problems, nil
	}
	return prof, nil, nil
}

// saveSystemForm validates the posted profile; with problems it shows the form again with
// each message next to its input, otherwise it saves and shows the system with its level.
// The component rows' buttons (add, remove) and the refresh button only show the form
// again, changed, without saving: they work without JavaScript.
func (s *Server) saveSystemForm(c *fiber.Ctx, id int64) error {
	pr := principalOf(c)
	v := postedValues(c)
	orgID, err := s.orgInScope(c, pr, v.get("org_id"))
	if err != nil {
		return err
	}
	if changed, ok := formAction(v); ok {
		return s.renderSystemForm(c, fiber.StatusOK, id, changed, nil, orgID)
	}
	prof, problems, err := readProfileForm(v)
	if err != nil {
		return err
	}
	if problems != nil {
		return s.renderSystemForm(c, fiber.StatusBadRequest, id, v, problems, orgID)
	}
	saved, err := s.saveSystem(c, id, orgID, prof)
	if err != nil {
		return err
	}
	return c.Redirect("/systems/"+strconv.FormatInt(saved.ID, 10)+"?saved=1", fiber.StatusSeeOther)
}

// previewProblem is one problem of the live preview: the input's name, the id of its box
// (f-ID), its label and the message, in the form's words.
type previewProblem struct {
	Field   string `json:"field"`
	ID      string `json:"id"`
	Label   string `json:"label"`
	Message string `json:"message"`
}

// profilePreview classifies the posted profile form without saving it, for the live
// preview (static/app.js): the decision as POST /api/v1/classify gives it, or 400 with the
// problems as the form would show them on saving.
func (s *Server) profilePreview(c *fiber.Ctx) error {
	prof, problems, err := readProfileForm(postedValues(c))
	if err != nil {
		return err
	}
	if problems != nil {
		out := []previewProblem{}
		names := make([]string, 0, len(problems))
		for n := range problems {
			names = append(names, n)
		}
		slices.Sort(names)
		for _, n := range names {
			id, label := stdForm.describe(n)
			for _, m := range problems[n] {
				out = append(out, previewProblem{Field: n, ID: id, Label: label, Message: m})
			}
		}
		return writeJSON(c, fiber.StatusBadRequest, fiber.Map{"message": "Hồ sơ còn thiếu hoặc sai.", "problems": out})
	}
	d, err := s.reg.Classify(c.UserContext(), &prof)
	if err != nil {
		return err
	}
	return writeJSON(c, fiber.StatusOK, d)
}

// systemView is the data of a system's page.
type systemView struct {
	System    store.System
	Versions  []versionView
	Dossiers  []store.Dossier
	Procedure *levels.Procedure
	RuleSet   *levels.RuleSet
	Saved     bool
	// NoTemplates says why no dossier can be made with the rule set in use, if so.
	NoTemplates string
	// Approved is the approval the user sees; Differs: the current version's level is not
	// the level approved, so a new dossier is due. LevelChanged: the version just saved
	// changed the level of the one before.
	Approved *store.Approval
	Differs  bool
	// Declared: no approval recorded in capdo, but the level approved was declared when
	// the system was imported with an inventory (store.DeclaredLevels), as the dashboard
	// counts it.
	Declared     *store.DeclaredLevel
	LevelChanged bool
	// RuleSetOverlap warns that the system's open dossiers are under more than one rule
	// set (registry.SystemRuleSetOverlapWarning), "" otherwise.
	RuleSetOverlap string
	// Risk is the cyber risk assessment of the version shown (risk_pages.go).
	Risk registry.RiskState
	// Transition: the transition's obligation, the level under each built-in rule set and
	// the rule sets a new dossier may use (transition.go).
	Transition systemTransitionView
}

type versionView struct {
	store.SystemVersion
	Changed bool // the level differs from the previous version's
}

func (s *Server) systemPage(c *fiber.Ctx) error {
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	sc := scope(principalOf(c)) // a reviewer reads the system of a dossier routed to it
	sys, err := s.store.System(c.UserContext(), sc, id)
	if err != nil {
		return err
	}
	vs, err := s.store.SystemVersions(c.UserContext(), sc, id)
	if err != nil {
		return err
	}
	ds, err := s.store.ListDossiers(c.UserContext(), sc, store.DossierFilter{SystemID: id, Withdrawn: true})
	if err != nil {
		return err
	}
	sys.Decision.Warnings = pageWarnings(sys.Decision.Warnings)
	view := systemView{System: sys, Dossiers: ds, RuleSet: s.rules, Saved: c.Query("saved") == "1", Approved: sys.Approved}
	view.Differs = sys.Approved != nil && sys.Approved.Level != sys.Level
	view.LevelChanged = len(vs) > 1 && vs[len(vs)-1].Level != vs[len(vs)-2].Level
	view.RuleSetOverlap = registry.SystemRuleSetOverlapWarning(ds)
	if view.Risk, err = s.reg.RiskOf(c.UserContext(), sc, id); err != nil {
		return err
	}
	if view.Transition, err = s.systemTransition(c, sys); err != nil {
		return err
	}
	if view.Declared, err = s.declaredLevel(c, sys); err != nil {
		return err
	}
	if err := s.engine.Supports(s.rules); err != nil {
		view.NoTemplates = "Không lập được hồ sơ đề xuất cấp độ: " + err.Error() + "."
	}
	// Newest first; a change of level is highlighted.
	for i := len(vs) - 1; i >= 0; i-- {
		view.Versions = append(view.Versions, versionView{vs[i], i > 0 && vs[i].Level != vs[i-1].Level})
	}
	if p, ok := s.rules.ProcedureOf(sys.Level, &sys.Profile); ok {
		view.Procedure = &p
	}
	return s.render(c, fiber.StatusOK, "system", sys.Profile.Name, view)
}

// listStatuses are the values of the system lists' status filter: a system's newest
// dossier status, or none; dossierStatuses those of the dossier lists.
var (
	listStatuses = []string{"none", string(review.Draft), string(review.Submitted), string(review.OpinionGiven),
		string(review.Forwarded), string(review.Received),
		string(review.Appraised), string(review.Approved), string(review.Returned), string(review.Withdrawn)}
	dossierStatuses = listStatuses[1:]
)
