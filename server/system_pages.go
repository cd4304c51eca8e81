package server

import (
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"capdo/levels"
	"capdo/registry"
	"capdo/review"
	"capdo/store"
)

// systemForm is the data of the create/edit page.
type systemForm struct {
	SystemID   int64
	Groups     []fieldGroup
	Components formField
	General    []string
	Orgs       []store.Org
	OrgID      int64
	// Facts describes the inputs to static/app.js (JSON).
	Facts string
}

func (s *Server) renderSystemForm(c *fiber.Ctx, status int, id int64, v formValues, problems map[string][]string, orgID int64) error {
	pr := principalOf(c)
	orgs, err := s.store.Subtree(c.UserContext(), pr.User.OrgID)
	if err != nil {
		return err
	}
	groups, comps, general := buildForm(v, problems)
	title := "Đăng ký hệ thống thông tin"
	if id != 0 {
		title = "Cập nhật hồ sơ hệ thống"
	}
	return s.render(c, status, "system_form", title, systemForm{SystemID: id, Groups: groups, Components: comps,
		General: general, Orgs: orgs, OrgID: orgID, Facts: formFacts()})
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

// saveSystemForm validates the posted profile; with problems it shows the form again with
// each message next to its input, otherwise it saves and shows the system with its level.
func (s *Server) saveSystemForm(c *fiber.Ctx, id int64) error {
	pr := principalOf(c)
	v := postedValues(c)
	orgID, err := s.orgInScope(c, pr, v.get("org_id"))
	if err != nil {
		return err
	}
	doc, head := formDocument(v)
	prof, err := levels.ParseProfile(doc, "")
	var ie *levels.InvalidError
	if errors.As(err, &ie) {
		return s.renderSystemForm(c, fiber.StatusBadRequest, id, v, problemsByField(ie.Problems, head), orgID)
	}
	if err != nil {
		return err
	}
	saved, err := s.saveSystem(c, id, orgID, prof)
	if err != nil {
		return err
	}
	return c.Redirect("/systems/"+strconv.FormatInt(saved.ID, 10)+"?saved=1", fiber.StatusSeeOther)
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
	Approved     *store.Approval
	Differs      bool
	LevelChanged bool
	// Risk is the cyber risk assessment of the version shown (risk_pages.go).
	Risk registry.RiskState
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
	view := systemView{System: sys, Dossiers: ds, RuleSet: s.rules, Saved: c.Query("saved") == "1", Approved: sys.Approved}
	view.Differs = sys.Approved != nil && sys.Approved.Level != sys.Level
	view.LevelChanged = len(vs) > 1 && vs[len(vs)-1].Level != vs[len(vs)-2].Level
	if view.Risk, err = s.reg.RiskOf(c.UserContext(), sc, id); err != nil {
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
		string(review.Appraised), string(review.Approved), string(review.Returned), string(review.Withdrawn)}
	dossierStatuses = listStatuses[1:]
)
