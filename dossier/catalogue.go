package dossier

import (
	"bytes"
	"embed"
	"fmt"
	"slices"
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

// defaultCatalogue is the catalogue of the built-in family (TCVN 11930:2017), used too
// for a rule set without a family of its own.
const defaultCatalogue = "requirements.yaml"

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
	// Only lists the system types (contract §1 system_type) an addition is for: it
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
	c, err := parseCatalogue(data)
	if err != nil {
		return nil, err
	}
	catalogues[name] = c
	return c, nil
}

// parseCatalogue reads and checks a catalogue: the fixed groups in order, each requirement
// with a level 1–5, an optional last level and a text, levels not decreasing within a
// group.
func parseCatalogue(data []byte) (*catalogue, error) {
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
	ids := make([]string, len(c.Groups))
	for i, g := range c.Groups {
		ids[i] = g.ID
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
		if !slices.Contains(catalogueGroups, a.Group) || len(a.Only) == 0 || a.Level < 1 || a.Level > 5 || strings.TrimSpace(a.Text) == "" {
			problems = append(problems, fmt.Sprintf("additions[%d]: cần group là một nhóm, only, level 1–5 và text", j))
		}
		for _, t := range a.Only {
			if !slices.Contains(levels.SystemTypes, t) {
				problems = append(problems, fmt.Sprintf("additions[%d]: loại hệ thống «%s» không hợp lệ", j, t))
			}
		}
	}
	if !slices.Equal(ids, catalogueGroups) {
		problems = append(problems, fmt.Sprintf("các nhóm phải là %s theo thứ tự này, không phải %s",
			strings.Join(catalogueGroups, ", "), strings.Join(ids, ", ")))
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("danh mục yêu cầu: %s", strings.Join(problems, "; "))
	}
	return &c, nil
}
