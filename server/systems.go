package server

import (
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"capdo/levels"
	"capdo/registry"
	"capdo/store"
)

// apiClassify answers like `capdo classify --format json`.
func (s *Server) apiClassify(c *fiber.Ctx) error {
	p, err := levels.ParseProfile(c.Body(), "")
	if err != nil {
		return err
	}
	d, err := s.reg.Classify(c.UserContext(), &p)
	if err != nil {
		return err
	}
	return writeJSON(c, fiber.StatusOK, d)
}

// saveSystem stores a valid profile through the registry, as a new system of orgID (id 0)
// or as the next version of system id, and records the act.
func (s *Server) saveSystem(c *fiber.Ctx, id, orgID int64, prof levels.Profile) (registry.Saved, error) {
	v, err := s.reg.SaveSystem(c.UserContext(), who(c), systemScope(principalOf(c)), id, orgID, prof)
	if err != nil {
		return v, err
	}
	if id == 0 {
		s.audit(c, slog.LevelInfo, "system.create", "đăng ký hệ thống", actorOf(c), slog.Int64("system_id", v.ID), slog.Int("level", v.Decision.Level))
	} else {
		s.audit(c, slog.LevelInfo, "system.update", "cập nhật hồ sơ hệ thống", actorOf(c), slog.Int64("system_id", id),
			slog.Int("version", v.Version), slog.Int("level", v.Decision.Level))
	}
	return v, nil
}

func (s *Server) apiSystemCreate(c *fiber.Ctx) error {
	pr := principalOf(c)
	orgID, err := s.orgInScope(c, pr, c.Query("org_id"))
	if err != nil {
		return err
	}
	prof, err := levels.ParseProfile(c.Body(), "")
	if err != nil {
		return err
	}
	v, err := s.saveSystem(c, 0, orgID, prof)
	if err != nil {
		return err
	}
	c.Location("/api/v1/systems/" + strconv.FormatInt(v.ID, 10))
	return writeJSON(c, fiber.StatusCreated, fiber.Map{"id": v.ID, "level": v.Decision.Level, "version": v.Version})
}

func (s *Server) apiSystemUpdate(c *fiber.Ctx) error {
	pr := principalOf(c)
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	// Not found before invalid: another organisation's id tells nothing, even with a bad body.
	if _, err := s.store.System(c.UserContext(), systemScope(pr), id); err != nil {
		return err
	}
	prof, err := levels.ParseProfile(c.Body(), "")
	if err != nil {
		return err
	}
	if _, err := s.saveSystem(c, id, 0, prof); err != nil {
		return err
	}
	sys, err := s.store.System(c.UserContext(), systemScope(pr), id)
	if err != nil {
		return err
	}
	return writeJSON(c, fiber.StatusOK, systemJSON(sys))
}

// systemOut is the API form of a system: the stored profile, the decision's fields at the
// top level (as `capdo classify` prints them) and the registry's own fields.
type systemOut struct {
	ID        int64                      `json:"id"`
	OrgID     int64                      `json:"org_id"`
	Org       string                     `json:"org"`
	Name      string                     `json:"name"`
	Level     int                        `json:"level"`
	RuleSet   string                     `json:"rule_set"`
	Reasons   []levels.Reason            `json:"reasons"`
	Decisive  []string                   `json:"decisive"`
	Warnings  []string                   `json:"warnings"`
	Notes     []string                   `json:"notes,omitempty"`
	Comps     []levels.ComponentDecision `json:"components,omitempty"`
	Status    string                     `json:"status"`
	Version   int                        `json:"version"`
	Profile   levels.Profile             `json:"profile"`
	Decision  levels.Decision            `json:"decision"`
	CreatedBy string                     `json:"created_by"`
	CreatedAt time.Time                  `json:"created_at"`
	UpdatedAt time.Time                  `json:"updated_at"`
	// Approved is the level approved (docs/contract.md §6), apart from Level, which is the current
	// version's computed level: an edit changes Level, never Approved.
	Approved *approvedOut `json:"approved"`
}

// approvedOut is an approval as the API shows it (docs/contract.md §6); decision_number,
// decision_date and next_inspection are null until known.
type approvedOut struct {
	Level          int       `json:"level"`
	RuleSet        string    `json:"rule_set"`
	DecisionNumber *string   `json:"decision_number"`
	DecisionDate   *string   `json:"decision_date"`
	DossierID      int64     `json:"dossier_id"`
	NextInspection *string   `json:"next_inspection"`
	ApprovedAt     time.Time `json:"approved_at"`
}

func approvedJSON(a *store.Approval) *approvedOut {
	if a == nil {
		return nil
	}
	out := &approvedOut{Level: a.Level, RuleSet: a.RuleSet, DossierID: a.DossierID, ApprovedAt: a.ApprovedAt}
	if a.Decision != nil {
		n, d := a.Decision.Number, a.Decision.Date
		out.DecisionNumber, out.DecisionDate = &n, &d
	}
	if next := a.NextInspection(); !next.IsZero() {
		day := next.Format(time.DateOnly)
		out.NextInspection = &day
	}
	return out
}

func systemJSON(s store.System) systemOut {
	d := s.Decision
	return systemOut{
		ID: s.ID, OrgID: s.OrgID, Org: s.OrgName, Name: s.Profile.Name, Level: s.Level, RuleSet: d.RuleSet,
		Reasons: d.Reasons, Decisive: d.Decisive, Warnings: d.Warnings, Notes: d.Notes, Comps: d.Components,
		Status: s.Status, Version: s.Version, Profile: s.Profile, Decision: d,
		CreatedBy: s.CreatedBy, CreatedAt: s.CreatedAt, UpdatedAt: s.UpdatedAt, Approved: approvedJSON(s.Approved),
	}
}

// systemParam loads the system named by the :id parameter in scope sc: scope for reading
// (routed systems included), systemScope for changing.
func (s *Server) systemParam(c *fiber.Ctx, sc store.Scope) (store.System, error) {
	id, err := paramID(c, "id")
	if err != nil {
		return store.System{}, err
	}
	return s.store.System(c.UserContext(), sc, id)
}

func (s *Server) apiSystem(c *fiber.Ctx) error {
	sys, err := s.systemParam(c, scope(principalOf(c)))
	if err != nil {
		return err
	}
	return s.systemDetailJSON(c, sys) // transition.go: levels under each set, the transition
}

func (s *Server) apiSystemVersions(c *fiber.Ctx) error {
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	vs, err := s.store.SystemVersions(c.UserContext(), scope(principalOf(c)), id)
	if err != nil {
		return err
	}
	return writeJSON(c, fiber.StatusOK, vs)
}

// systemSummary is one row of the system list.
type systemSummary struct {
	ID        int64     `json:"id"`
	SystemID  string    `json:"system_id,omitempty"`
	Name      string    `json:"name"`
	Owner     string    `json:"owner"`
	OrgID     int64     `json:"org_id"`
	Org       string    `json:"org"`
	Level     int       `json:"level"`
	Status    string    `json:"status"`
	Version   int       `json:"version"`
	UpdatedAt time.Time `json:"updated_at"`
	// Approved is the level approved, apart from the computed Level (docs/contract.md §6).
	Approved *approvedOut `json:"approved"`
	// Routed: another unit's system, routed to the caller for review (scope=all|routed).
	Routed bool `json:"routed,omitempty"`
	// Declared is the level declared approved on import of a system with no approval
	// (store.System.Declared), null otherwise: the list shows and sorts it as approved.
	Declared *declaredOut `json:"declared"`
}

// declaredOut is a level declared approved on import, as the system list shows it.
type declaredOut struct {
	Level      int       `json:"level"`
	RuleSet    string    `json:"rule_set"`
	DeclaredAt time.Time `json:"declared_at"`
}

func declaredJSON(d *store.DeclaredLevel) *declaredOut {
	if d == nil {
		return nil
	}
	return &declaredOut{Level: d.Level, RuleSet: d.RuleSet, DeclaredAt: d.DeclaredAt}
}

// systemFilter reads the list filters shared by the page and the API: level, org (id),
// status, q and scope. A value outside its set is an error naming the parameter, not an
// empty list that looks like an answer. scope is own (the caller's subtree), routed (the
// systems routed to it for review) or all; without it the page shows all and the API its
// own, as it always has (defaultScope).
func systemFilter(c *fiber.Ctx, defaultScope string) (store.SystemFilter, error) {
	f := store.SystemFilter{Level: -1, Status: strings.Clone(c.Query("status")), Query: strings.Clone(c.Query("q"))}
	sc := c.Query("scope", defaultScope)
	switch sc {
	case scopeOwn:
	case scopeAll:
		f.Routed = true
	case scopeRouted:
		f.RoutedOnly = true
	default:
		return f, badParam("scope", "phạm vi phải là một trong: own, routed, all")
	}
	if v := c.Query("level"); v != "" {
		l, err := strconv.Atoi(v)
		if err != nil || l < 0 || l > 5 {
			return f, badParam("level", "cấp độ phải là số từ 0 đến 5")
		}
		f.Level = l
	}
	if v := c.Query("org"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return f, badParam("org", "mã đơn vị phải là số")
		}
		f.OrgID = id
	}
	if f.Status != "" && !slices.Contains(listStatuses, f.Status) {
		return f, badParam("status", "trạng thái phải là một trong: "+strings.Join(listStatuses, ", "))
	}
	return f, nil
}

// dossierFilter reads the filters of the dossier lists (page, API and exports).
func dossierFilter(c *fiber.Ctx) (store.DossierFilter, error) {
	f := store.DossierFilter{Status: strings.Clone(c.Query("status")), Query: strings.Clone(c.Query("q"))}
	if f.Status != "" && !slices.Contains(dossierStatuses, f.Status) {
		return f, badParam("status", "trạng thái phải là một trong: "+strings.Join(dossierStatuses, ", "))
	}
	if v := c.Query("level"); v != "" {
		l, err := strconv.Atoi(v)
		if err != nil || l < 1 || l > 5 {
			return f, badParam("level", "cấp độ của hồ sơ phải là số từ 1 đến 5")
		}
		f.Level = l
	}
	// awaiting=me: the dossiers whose next step belongs to the caller's role, the reviewer's
	// inbox. Scope still decides which dossiers the caller sees at all.
	switch v := c.Query("awaiting"); v {
	case "":
	case "me":
		f.Holder = principalOf(c).User.Role
	default:
		return f, badParam("awaiting", "chỉ nhận giá trị «me»")
	}
	if v := c.Query("org"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return f, badParam("org", "mã đơn vị phải là số")
		}
		f.OrgID = id
	}
	// due: overdue (past the statutory deadline of the current stage), soon (within
	// store.DueSoonWithin), any (with a deadline running).
	switch v := c.Query("due"); v {
	case "", store.DueOverdue, store.DueSoon, store.DueAny:
		f.Due = v
	default:
		return f, badParam("due", "thời hạn phải là một trong: overdue, soon, any")
	}
	return f, nil
}

// Values of the systems lists' scope parameter.
const (
	scopeOwn    = "own"
	scopeRouted = "routed"
	scopeAll    = "all"
)

// listScope is what a systems list covers: the caller's subtree, and with
// SystemFilter.Routed the systems routed to it, which the read scope brings.
func listScope(p *principal, f store.SystemFilter) store.Scope {
	if f.Routed || f.RoutedOnly {
		return scope(p)
	}
	return systemScope(p)
}

// apiSystems lists the systems in scope: all of them, or the window limit/offset, with
// the number that match the filters in X-Total-Count; in the order sort/dir; or, with
// format=csv|xlsx, as a spreadsheet (docs/contract.md §7).
func (s *Server) apiSystems(c *fiber.Ctx) error {
	f, err := systemFilter(c, scopeOwn)
	if err != nil {
		return err
	}
	o, format, _, err := listQuery(c, systemSortKeys, systemSortDefault, false)
	if err != nil {
		return err
	}
	sc := listScope(principalOf(c), f)
	if format != "" {
		f.Operator = true
		list, _, err := s.listSystems(c, sc, f, o, 0)
		if err != nil {
			return err
		}
		return s.exportSystems(c, list, format, true)
	}
	limit, offset, err := apiWindow(c)
	if err != nil {
		return err
	}
	var list []store.System
	total := 0
	if o == systemSortDefault {
		f.Limit, f.Offset = limit, offset
		if list, err = s.store.ListSystems(c.UserContext(), sc, f); err != nil {
			return err
		}
		total = len(list)
		if f.Limit > 0 || f.Offset > 0 {
			if total, err = s.store.CountSystems(c.UserContext(), sc, f); err != nil {
				return err
			}
		}
	} else {
		if list, total, err = s.listSystems(c, sc, f, o, 0); err != nil {
			return err
		}
		list = window(list, limit, offset)
	}
	c.Set(totalHeader, strconv.Itoa(total))
	out := make([]systemSummary, 0, len(list))
	for _, x := range list {
		out = append(out, systemSummary{ID: x.ID, SystemID: x.Profile.ID, Name: x.Profile.Name, Owner: x.Profile.Owner,
			OrgID: x.OrgID, Org: x.OrgName, Level: x.Level, Status: x.Status, Version: x.Version,
			UpdatedAt: x.UpdatedAt, Approved: approvedJSON(x.Approved), Routed: x.Routed, Declared: declaredJSON(x.Declared)})
	}
	return writeJSON(c, fiber.StatusOK, out)
}

// window is the part limit/offset of a whole list (limit 0: all from offset).
func window[T any](list []T, limit, offset int) []T {
	from := min(offset, len(list))
	if limit <= 0 {
		return list[from:]
	}
	return list[from:min(from+limit, len(list))]
}
