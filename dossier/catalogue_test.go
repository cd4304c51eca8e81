package dossier

import (
	"strings"
	"testing"
)

func TestCatalogue(t *testing.T) {
	cat, err := loadCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	// The catalogue must say that it is not the standard's text.
	for _, s := range []string{"TCVN 11930:2017", "KHÔNG phải nguyên văn"} {
		if !strings.Contains(cat.Source, s) {
			t.Errorf("source lacks %q", s)
		}
	}
	for lvl := 1; lvl <= 5; lvl++ {
		n := 0
		for _, g := range cat.Groups {
			for _, r := range g.Requirements {
				if r.Level == lvl {
					n++
				}
			}
		}
		if n == 0 {
			t.Errorf("no requirement starts at level %d", lvl)
		}
	}
}

func TestParseCatalogueRejects(t *testing.T) {
	tests := []struct{ name, yaml, want string }{
		{"unknown key", "source: x\ngroup: []\n", "group"},
		{"wrong groups", "source: x\ngroups:\n  - {id: policy, kind: management, title: T, requirements: [{level: 1, text: a}]}\n", "các nhóm phải là"},
		{"bad level", "source: x\ngroups:\n  - {id: policy, kind: management, title: T, requirements: [{level: 6, text: a}]}\n", "level 1–5"},
		{"descending", "source: x\ngroups:\n  - {id: policy, kind: management, title: T, requirements: [{level: 2, text: a}, {level: 1, text: b}]}\n", "tăng dần"},
		{"no source", "groups: []\n", "thiếu source"},
		{"bad kind", "source: x\ngroups:\n  - {id: policy, kind: physical, title: T, requirements: [{level: 1, text: a}]}\n", "kind"},
	}
	for _, tt := range tests {
		_, err := parseCatalogue([]byte(tt.yaml))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.want)
		}
	}
}
