package server

import (
	"github.com/gofiber/fiber/v2"

	"capdo/levels"
	"capdo/registry"
	"capdo/store"
)

// The transition from Decree 85/2016 to Decree 331/2026 as every user sees it
// (registry/transition.go): on the system page and in GET /api/v1/systems/{id} (the level
// under each built-in rule set, docs/contract.md §6, and the obligation with its countdown), on the
// dossier page (the Art. 39.1 deadline of a Decree 85 dossier made after Decree 85 lapsed,
// and the Quy chế a Decree 331 dossier needs before approval), and on the dashboard.

// Template functions of the transition blocks, added before any template is parsed.
func init() {
	funcs["neg"] = func(n int) int { return -n }
	funcs["sub"] = func(a, b int) int { return a - b }
	funcs["occasionLabel"] = registry.OccasionLabel
	// factLabel names a profile fact as the form does, by its label (levels/facts.go): a
	// page never shows a fact's key.
	funcs["factLabel"] = func(key string) string {
		if f, ok := levels.Standard().Field(key); ok {
			return f.Label
		}
		return key
	}
}

// transitionOut is a registry.Countdown in the API.
type transitionOut struct {
	Kind       string `json:"kind"`
	Obligation string `json:"obligation"`
	Basis      string `json:"basis"`
	Deadline   string `json:"deadline"`
	// WarnFrom is the earlier reading of the deadline, from which capdo warns.
	WarnFrom        string `json:"warn_from"`
	DaysLeft        int    `json:"days_left"`
	WorkingDaysLeft int    `json:"working_days_left"`
	State           string `json:"state"`
	Note            string `json:"note"`
	// Declared: the approval under Decree 85 was declared on import (approved_level), not
	// recorded in capdo.
	Declared bool `json:"declared"`
}

func transitionJSON(c *registry.Countdown) *transitionOut {
	if c == nil {
		return nil
	}
	return &transitionOut{Kind: c.Kind, Obligation: c.Obligation, Basis: c.Basis, Deadline: c.Deadline.String(), WarnFrom: c.WarnFrom.String(),
		DaysLeft: c.DaysLeft, WorkingDaysLeft: c.WorkingDaysLeft, State: c.State, Note: c.Note, Declared: c.Declared}
}

// systemDetailOut is GET /api/v1/systems/{id}: the system, its level under each built-in
// rule set with what changes between them, and the transition's obligation (null when
// none).
type systemDetailOut struct {
	systemOut
	Levels       map[string]int `json:"levels"`
	LevelChanges []string       `json:"level_changes"`
	Transition   *transitionOut `json:"transition"`
}

func (s *Server) systemDetailJSON(c *fiber.Ctx, sys store.System) error {
	now := s.cfg.Now()
	cmp, err := registry.CompareLevels(c.UserContext(), sys.Profile, now)
	if err != nil {
		return err
	}
	declared, err := s.declaredLevel(c, sys)
	if err != nil {
		return err
	}
	return writeJSON(c, fiber.StatusOK, systemDetailOut{systemOut: systemJSON(sys), Levels: cmp.Levels(), LevelChanges: cmp.Changes,
		Transition: transitionJSON(registry.SystemTransition(sys, declared, now))})
}

// declaredLevel is the level declared on import for a system with no approval the caller
// sees, nil when none: what its transition follows from (registry.SystemTransition).
func (s *Server) declaredLevel(c *fiber.Ctx, sys store.System) (*store.DeclaredLevel, error) {
	if sys.Approved != nil {
		return nil, nil
	}
	m, err := s.store.DeclaredLevels(c.UserContext(), []int64{sys.ID})
	if d, ok := m[sys.ID]; ok && err == nil {
		return &d, nil
	}
	return nil, err
}

// checkFormRuleSet refuses, with a 400 naming rule_set, a dossier the system page's form
// does not offer: Decree 85 for a system that may no longer have one (registry.CheckOffered).
// An empty rule_set keeps the server's set, as the API does.
func (s *Server) checkFormRuleSet(c *fiber.Ctx, ruleSet string) error {
	if ruleSet == "" {
		return nil
	}
	sys, err := s.systemParam(c, systemScope(principalOf(c)))
	if err != nil {
		return err
	}
	return registry.CheckOffered(&sys.Profile, ruleSet, s.cfg.Now())
}

// dossierTransitionView is what the dossier page adds for the transition and Art. 30.7.
type dossierTransitionView struct {
	Transition *registry.DossierTransition
	Regulation registry.RegulationGate
	// RegulationLink: the user records regulations (owners, administrators).
	RegulationLink bool
	// RenewRuleSet is the rule set a new version of the dossier is made with from this
	// page: the dossier's own while the system page still offers it, else the one that
	// page preselects.
	RenewRuleSet string
}

func (s *Server) dossierTransition(c *fiber.Ctx, d store.Dossier) (dossierTransitionView, error) {
	now := s.cfg.Now()
	role := principalOf(c).User.Role
	v := dossierTransitionView{Transition: registry.DossierTransitionOf(d, now), RegulationLink: role == "owner" || role == "admin"}
	var err error
	if v.Regulation, err = s.reg.RegulationOf(c.UserContext(), d); err != nil {
		return v, err
	}
	choices, err := s.reg.RuleSetChoices(&d.Profile, now)
	for _, ch := range choices {
		if ch.ID == d.RuleSet {
			v.RenewRuleSet = ch.ID
			break
		}
		if ch.Selected {
			v.RenewRuleSet = ch.ID
		}
	}
	return v, err
}

// systemTransitionView is what the system page adds: the obligation with its countdown,
// the level under each built-in rule set side by side, and the rule sets the dossier form
// offers.
type systemTransitionView struct {
	Countdown *registry.Countdown
	Compare   registry.LevelComparison
	Choices   []registry.RuleSetChoice
}

func (s *Server) systemTransition(c *fiber.Ctx, sys store.System) (systemTransitionView, error) {
	now := s.cfg.Now()
	declared, err := s.declaredLevel(c, sys)
	if err != nil {
		return systemTransitionView{}, err
	}
	v := systemTransitionView{Countdown: registry.SystemTransition(sys, declared, now)}
	if v.Compare, err = registry.CompareLevels(c.UserContext(), sys.Profile, now); err != nil {
		return v, err
	}
	for i := range v.Compare.Sets {
		v.Compare.Sets[i].Decision.Warnings = pageWarnings(v.Compare.Sets[i].Decision.Warnings)
	}
	v.Choices, err = s.reg.RuleSetChoices(&sys.Profile, now)
	return v, err
}
