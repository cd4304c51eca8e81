package dossier

import (
	"bytes"
	"embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"capdo/levels"
)

// The requirement catalogue is data, not code, so that it can be reviewed and corrected
// without touching the engine. It follows the group structure of TT 03/2017 Art. 8–9 and
// TCVN 11930:2017 but is not the standard's text (the standard is not freely available);
// its source field says so, and the protection plan prints that statement.
//
//go:embed catalogue/*.yaml
var catalogueFS embed.FS

// defaultCatalogue is the catalogue of the Decree 85 family (TCVN 11930:2017), used too
// for a rule set without a family of its own; tcvnCatalogue that of the Decree 331
// family (TCVN 14423:2026).
const (
	defaultCatalogue = "requirements.yaml"
	tcvnCatalogue    = "tcvn-14423-2026.yaml"
)

// catalogueIDs are the group ids each catalogue must have, in order: templates refer to a
// group's list as req_<id>.
var catalogueIDs = map[string][]string{defaultCatalogue: catalogueGroups, tcvnCatalogue: tcvnGroups}

// catalogue is the parsed requirement catalogue.
type catalogue struct {
	Source string `yaml:"source"`
	// Standard is the standard whose clauses the rows cite ("TCVN 11930:2017");
	// ClausesNote says how sure those clause numbers are.
	Standard    string `yaml:"standard"`
	ClausesNote string `yaml:"clauses_note"`
	// LevelClauses is the clause of the standard for each level ("7" for level 3); a
	// group's or requirement's clause writes it as {L}.
	LevelClauses map[int]string   `yaml:"level_clauses"`
	Groups       []catalogueGroup `yaml:"groups"`
	// ByClause orders the groups of a level by their clause at that level, as a standard
	// whose numbering shifts between levels lists them (TCVN 14423:2026: incident response
	// is 5.16 at level 3 but 6.17 at level 4). A group whose clauses lack a level is not
	// part of that level.
	ByClause bool `yaml:"by_clause"`
	// UnconfirmedMark is written after a group's clause at a level that the group's
	// Confirmed does not list ("[cần đối chiếu]").
	UnconfirmedMark string `yaml:"unconfirmed_mark"`
	// Additions are requirements for systems of some type only (operational technology
	// for industrial control), each slotted into a group after the group's requirements
	// of its level.
	Additions []requirement `yaml:"additions"`
}

type catalogueGroup struct {
	ID    string `yaml:"id"`
	Kind  string `yaml:"kind"` // management or technical
	Title string `yaml:"title"`
	// Clause is the group's clause in the standard, {L} standing for the level's clause
	// ("{L}.1.1"); Clauses gives it level by level where the numbering shifts between
	// levels (as in TCVN 14423:2026).
	Clause       string         `yaml:"clause"`
	Clauses      map[int]string `yaml:"clauses"`
	Requirements []requirement  `yaml:"requirements"`
	// Confirmed are the levels at which two independent sources agree on the group's
	// clause; at the others the clause carries the catalogue's UnconfirmedMark.
	Confirmed []int `yaml:"confirmed"`
}

// at reports whether the group is part of a level: always, unless the catalogue orders
// groups by clause and the group has no clause at that level.
func (c *catalogue) at(g catalogueGroup, level int) bool {
	if !c.ByClause || g.Clause != "" {
		return true
	}
	_, ok := g.Clauses[level]
	return ok
}

// groupsAt are the groups of a level in the order the standard lists them at that level.
func (c *catalogue) groupsAt(level int) []catalogueGroup {
	var out []catalogueGroup
	for _, g := range c.Groups {
		if c.at(g, level) {
			out = append(out, g)
		}
	}
	if c.ByClause {
		slices.SortStableFunc(out, func(a, b catalogueGroup) int {
			return compareClauses(c.clause(a, requirement{}, level), c.clause(b, requirement{}, level))
		})
	}
	return out
}

// mark is what follows the group's clause at a level: the catalogue's UnconfirmedMark
// unless the level is confirmed, or nothing when the catalogue marks none.
func (c *catalogue) mark(g catalogueGroup, level int) string {
	if c.UnconfirmedMark == "" || slices.Contains(g.Confirmed, level) {
		return ""
	}
	return c.UnconfirmedMark
}

// compareClauses orders section numbers part by part as numbers ("5.9" before "5.10");
// a part that is not a number sorts after those that are.
func compareClauses(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		x, errx := strconv.Atoi(pa[i])
		y, erry := strconv.Atoi(pb[i])
		switch {
		case errx == nil && erry == nil && x != y:
			return x - y
		case errx != nil && erry == nil:
			return 1
		case errx == nil && erry != nil:
			return -1
		case errx != nil && erry != nil && pa[i] != pb[i]:
			return strings.Compare(pa[i], pb[i])
		}
	}
	return len(pa) - len(pb)
}

type requirement struct {
	Level int `yaml:"level"`
	// Until is the last level the requirement applies to, when a higher level replaces it
	// with a stricter one (the yearly inspection of levels 3–4 gives way to the 6-monthly
	// one of level 5, Art. 20.2.c); 0 means every level from Level up.
	Until int    `yaml:"until"`
	Text  string `yaml:"text"`
	// Clause overrides the group's clause for this requirement (same {L} form, or a
	// text such as "ngoài tiêu chuẩn").
	Clause string `yaml:"clause"`
	// Only lists the system types (docs/contract.md §1 system_type) an addition is for: it
	// applies when the system or a component is of one of them. Except lists types a
	// requirement is not for: it is left out when the system and all its components are of
	// those types (e-mail and web requirements for an industrial control system).
	Only   []string `yaml:"only"`
	Except []string `yaml:"except"`
	// Group is the group an addition goes into.
	Group string `yaml:"group"`
}

// rowsFor are the requirements of a group for a level and a system of the given types:
// the group's own, then after those of each level the additions of that level.
func (c *catalogue) rowsFor(g catalogueGroup, level int, types map[string]bool) []requirement {
	var out []requirement
	adds := func(lvl int) {
		for _, a := range c.Additions {
			if a.Group == g.ID && a.Level == lvl && a.appliesTo(level) && a.fits(types) {
				out = append(out, a)
			}
		}
	}
	last := 0
	for _, r := range g.Requirements {
		for ; last < r.Level; last++ {
			if last > 0 {
				adds(last)
			}
		}
		if r.appliesTo(level) && r.fits(types) {
			out = append(out, r)
		}
	}
	for last = max(last, 1); last <= 5; last++ {
		adds(last)
	}
	return out
}

// appliesAt reports whether a requirement applies at some level where its group (of a
// catalogue ordered by clause) has no clause.
func (r requirement) appliesAt(g catalogueGroup) bool {
	for lvl := 1; lvl <= 5; lvl++ {
		if _, ok := g.Clauses[lvl]; !ok && r.appliesTo(lvl) {
			return true
		}
	}
	return false
}

// appliesTo reports whether a requirement belongs to the cumulative list of a level.
func (r requirement) appliesTo(level int) bool {
	return r.Level <= level && (r.Until == 0 || level <= r.Until)
}

// fits reports whether a requirement is for a system of the given types (the system's
// and its components').
func (r requirement) fits(types map[string]bool) bool {
	if len(r.Only) > 0 && !slices.ContainsFunc(r.Only, func(t string) bool { return types[t] }) {
		return false
	}
	if len(r.Except) > 0 && len(types) > 0 {
		for t := range types {
			if !slices.Contains(r.Except, t) {
				return true
			}
		}
		return false
	}
	return true
}

// clause is the clause of the standard a requirement falls under at a level.
func (c *catalogue) clause(g catalogueGroup, r requirement, level int) string {
	pattern := g.Clause
	if x, ok := g.Clauses[level]; ok {
		pattern = x
	}
	if r.Clause != "" {
		pattern = r.Clause
	}
	return strings.ReplaceAll(pattern, "{L}", c.LevelClauses[level])
}

// catalogueGroups are the group ids in the order the protection plan lists them: the
// management groups of TT 03/2017 Art. 8.3, then the technical ones. Templates refer to
// each group's list as req_<id>.
var catalogueGroups = []string{"policy", "org", "design", "ops", "risk", "network", "server", "app", "data"}

// tcvnGroups are the ids of the groups of TCVN 14423:2026 (docs/reference/d331.md §4):
// fifteen at levels 1–2, eighteen at levels 3–5. None is an id of catalogueGroups, so
// that req_<id> means one group whatever the dossier's decree.
var tcvnGroups = []string{"risk_mgmt", "hardware", "software", "information", "config", "access", "vuln", "logging",
	"browser_mail", "malware", "backup", "network_infra", "monitoring", "personnel", "suppliers", "incident", "secure_dev", "pentest"}

var (
	cataloguesMu sync.Mutex
	catalogues   = map[string]*catalogue{}
)

// loadCatalogue returns the default catalogue.
func loadCatalogue() (*catalogue, error) { return catalogueNamed(defaultCatalogue) }

// catalogueNamed returns a catalogue of catalogue/, parsed once.
func catalogueNamed(name string) (*catalogue, error) {
	cataloguesMu.Lock()
	defer cataloguesMu.Unlock()
	if c := catalogues[name]; c != nil {
		return c, nil
	}
	data, err := catalogueFS.ReadFile("catalogue/" + name)
	if err != nil {
		return nil, fmt.Errorf("danh mục yêu cầu %s: %w", name, err)
	}
	c, err := parseCatalogueFor(data, catalogueIDs[name])
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	catalogues[name] = c
	return c, nil
}

// parseCatalogue reads and checks a catalogue with the groups of the default catalogue.
func parseCatalogue(data []byte) (*catalogue, error) { return parseCatalogueFor(data, catalogueGroups) }

// parseCatalogueFor reads and checks a catalogue: the groups ids in order, each
// requirement with a level 1–5, an optional last level and a text, levels not decreasing
// within a group; a catalogue ordered by clause gives each group a clause at every level
// it is part of.
func parseCatalogueFor(data []byte, ids []string) (*catalogue, error) {
	var c catalogue
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("danh mục yêu cầu: %w", err)
	}
	var problems []string
	if strings.TrimSpace(c.Source) == "" {
		problems = append(problems, "thiếu source (nguồn của danh mục)")
	}
	usesL := false
	got := make([]string, len(c.Groups))
	for i, g := range c.Groups {
		got[i] = g.ID
		if c.ByClause && g.Clause == "" && len(g.Clauses) == 0 {
			problems = append(problems, fmt.Sprintf("nhóm %s: cần clauses (mục theo từng cấp độ)", g.ID))
		}
		for lvl := range g.Clauses {
			if lvl < 1 || lvl > 5 {
				problems = append(problems, fmt.Sprintf("nhóm %s: clauses có cấp độ %d ngoài 1–5", g.ID, lvl))
			}
		}
		for _, r := range g.Requirements {
			if c.ByClause && g.Clause == "" && r.appliesAt(g) {
				problems = append(problems, fmt.Sprintf("nhóm %s: yêu cầu «%s» áp dụng ở cấp độ nhóm không có mục", g.ID, r.Text))
			}
		}
		if g.Kind != "management" && g.Kind != "technical" {
			problems = append(problems, fmt.Sprintf("nhóm %s: kind phải là management hoặc technical", g.ID))
		}
		if strings.TrimSpace(g.Title) == "" || len(g.Requirements) == 0 {
			problems = append(problems, fmt.Sprintf("nhóm %s: cần title và ít nhất một yêu cầu", g.ID))
		}
		usesL = usesL || strings.Contains(g.Clause, "{L}")
		for j, r := range g.Requirements {
			usesL = usesL || strings.Contains(r.Clause, "{L}")
			for _, t := range append(slices.Clone(r.Only), r.Except...) {
				if !slices.Contains(levels.SystemTypes, t) {
					problems = append(problems, fmt.Sprintf("nhóm %s, yêu cầu %d: loại hệ thống «%s» không hợp lệ", g.ID, j+1, t))
				}
			}
			if r.Level < 1 || r.Level > 5 || strings.TrimSpace(r.Text) == "" {
				problems = append(problems, fmt.Sprintf("nhóm %s, yêu cầu %d: cần level 1–5 và text", g.ID, j+1))
			}
			if r.Until != 0 && (r.Until < r.Level || r.Until >= 5) {
				problems = append(problems, fmt.Sprintf("nhóm %s, yêu cầu %d: until phải từ level đến 4", g.ID, j+1))
			}
			if j > 0 && r.Level < g.Requirements[j-1].Level {
				problems = append(problems, fmt.Sprintf("nhóm %s, yêu cầu %d: xếp theo cấp độ tăng dần", g.ID, j+1))
			}
		}
	}
	if usesL {
		for lvl := 1; lvl <= 5; lvl++ {
			if c.LevelClauses[lvl] == "" {
				problems = append(problems, fmt.Sprintf("level_clauses: thiếu mục của cấp độ %d", lvl))
			}
		}
	}
	for j, a := range c.Additions {
		if !slices.Contains(ids, a.Group) || len(a.Only) == 0 || a.Level < 1 || a.Level > 5 || strings.TrimSpace(a.Text) == "" {
			problems = append(problems, fmt.Sprintf("additions[%d]: cần group là một nhóm, only, level 1–5 và text", j))
		}
		for _, t := range a.Only {
			if !slices.Contains(levels.SystemTypes, t) {
				problems = append(problems, fmt.Sprintf("additions[%d]: loại hệ thống «%s» không hợp lệ", j, t))
			}
		}
	}
	if !slices.Equal(got, ids) {
		problems = append(problems, fmt.Sprintf("các nhóm phải là %s theo thứ tự này, không phải %s",
			strings.Join(ids, ", "), strings.Join(got, ", ")))
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("danh mục yêu cầu: %s", strings.Join(problems, "; "))
	}
	return &c, nil
}
