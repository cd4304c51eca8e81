package dossier

import (
	"bytes"
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// The requirement catalogue is data, not code, so that it can be reviewed and corrected
// without touching the engine. It follows the group structure of TT 03/2017 Art. 8–9 and
// TCVN 11930:2017 but is not the standard's text (the standard is not freely available);
// its source field says so, and the protection plan prints that statement.
//
//go:embed catalogue/requirements.yaml
var catalogueYAML []byte

// catalogue is the parsed requirement catalogue.
type catalogue struct {
	Source string           `yaml:"source"`
	Groups []catalogueGroup `yaml:"groups"`
}

type catalogueGroup struct {
	ID           string        `yaml:"id"`
	Kind         string        `yaml:"kind"` // management or technical
	Title        string        `yaml:"title"`
	Requirements []requirement `yaml:"requirements"`
}

type requirement struct {
	Level int `yaml:"level"`
	// Until is the last level the requirement applies to, when a higher level replaces it
	// with a stricter one (the yearly inspection of levels 3–4 gives way to the 6-monthly
	// one of level 5, Art. 20.2.c); 0 means every level from Level up.
	Until int    `yaml:"until"`
	Text  string `yaml:"text"`
}

// appliesTo reports whether a requirement belongs to the cumulative list of a level.
func (r requirement) appliesTo(level int) bool {
	return r.Level <= level && (r.Until == 0 || level <= r.Until)
}

// catalogueGroups are the group ids in the order the protection plan lists them: the
// management groups of TT 03/2017 Art. 8.3, then the technical ones. Templates refer to
// each group's list as req_<id>.
var catalogueGroups = []string{"policy", "org", "design", "ops", "risk", "network", "server", "app", "data"}

var loadCatalogue = sync.OnceValues(func() (*catalogue, error) {
	return parseCatalogue(catalogueYAML)
})

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
	ids := make([]string, len(c.Groups))
	for i, g := range c.Groups {
		ids[i] = g.ID
		if g.Kind != "management" && g.Kind != "technical" {
			problems = append(problems, fmt.Sprintf("nhóm %s: kind phải là management hoặc technical", g.ID))
		}
		if strings.TrimSpace(g.Title) == "" || len(g.Requirements) == 0 {
			problems = append(problems, fmt.Sprintf("nhóm %s: cần title và ít nhất một yêu cầu", g.ID))
		}
		for j, r := range g.Requirements {
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
	if !slices.Equal(ids, catalogueGroups) {
		problems = append(problems, fmt.Sprintf("các nhóm phải là %s theo thứ tự này, không phải %s",
			strings.Join(catalogueGroups, ", "), strings.Join(ids, ", ")))
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("danh mục yêu cầu: %s", strings.Join(problems, "; "))
	}
	return &c, nil
}
