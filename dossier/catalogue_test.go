package dossier

import (
	"slices"
	"strings"
	"testing"
)

func TestCatalogue(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
	tests := []struct{ name, yaml, want string }{
		{"unknown key", "source: x\ngroup: []\n", "group"},
		{"wrong groups", "source: x\ngroups:\n  - {id: policy, kind: management, title: T, requirements: [{level: 1, text: a}]}\n", "các nhóm phải là"},
		{"bad level", "source: x\ngroups:\n  - {id: policy, kind: management, title: T, requirements: [{level: 6, text: a}]}\n", "level 1–5"},
		{"descending", "source: x\ngroups:\n  - {id: policy, kind: management, title: T, requirements: [{level: 2, text: a}, {level: 1, text: b}]}\n", "tăng dần"},
		{"no source", "groups: []\n", "thiếu source"},
		{"until below level", "source: x\ngroups:\n  - {id: policy, kind: management, title: T, requirements: [{level: 3, until: 2, text: a}]}\n", "until"},
		{"until 5", "source: x\ngroups:\n  - {id: policy, kind: management, title: T, requirements: [{level: 3, until: 5, text: a}]}\n", "until"},
		{"bad kind", "source: x\ngroups:\n  - {id: policy, kind: physical, title: T, requirements: [{level: 1, text: a}]}\n", "kind"},
	}
	for _, tt := range tests {
		_, err := parseCatalogue([]byte(tt.yaml))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.want)
		}
	}
}

// TestInspectionCycleRequirement: the cumulative table of a level carries the inspection
// cycle of that level only (Art. 20.2.c: yearly at levels 3–4, every 6 months at level
// 5); a lower level's cycle that a higher one replaces is not listed beside it.
func TestInspectionCycleRequirement(t *testing.T) {
	t.Parallel()
	cat, err := loadCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	const yearly, halfYearly = "hằng năm do tổ chức chuyên môn", "06 tháng một lần"
	for lvl, want := range map[int][]string{1: nil, 2: nil, 3: {yearly}, 4: {yearly}, 5: {halfYearly}} {
		m := &model{fields: map[string]string{}, conds: map[string]bool{}, lists: map[string][]map[string]string{}}
		requirements(m, cat, lvl)
		var got []string
		for _, r := range m.lists["requirements"] {
			for _, s := range []string{yearly, halfYearly} {
				if strings.Contains(r["text"], s) {
					got = append(got, s)
				}
			}
			if strings.Contains(r["text"], "Điều 20") && !strings.Contains(r["text"], "điểm c khoản 2 Điều 20") {
				t.Errorf("level %d: %q cites Art. 20 other than at point c of clause 2 (docs/reference/law.md §11)", lvl, r["text"])
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("level %d: inspection requirements %q, want %q", lvl, got, want)
		}
	}
}
