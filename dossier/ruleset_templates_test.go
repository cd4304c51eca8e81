package dossier

import (
	"context"
	"errors"
	"strings"
	"testing"

	"capdo/levels"
)

// The built-in templates follow Decree 85: Render refuses a rule set that does not list
// them (d331-2026), before rendering anything; an agency's own templates serve any set.
func TestRenderRefusesRuleSetWithoutTemplates(t *testing.T) {
	t.Parallel()
	rs, err := levels.Open("d331-2026")
	if err != nil {
		t.Fatal(err)
	}
	in := input(t, "scada-cap-i.yaml")
	in.RuleSet = rs
	if in.Decision, err = rs.Classify(context.Background(), &in.Profile); err != nil || in.Decision.Level != 4 {
		t.Fatalf("Classify = %d, %v", in.Decision.Level, err)
	}
	e := embedded(t)
	d, err := e.Render(context.Background(), in)
	var nt *NoTemplatesError
	if d != nil || !errors.Is(err, ErrNoTemplates) || !errors.As(err, &nt) || nt.RuleSet != "d331-2026" {
		t.Fatalf("Render = %v, %v; want a *NoTemplatesError", d, err)
	}
	for _, want := range []string{"bộ quy tắc d331-2026", "Nghị định 331/2026/NĐ-CP", "chưa có mẫu hồ sơ", "Nghị định 85/2016/NĐ-CP"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q lacks %q", err, want)
		}
	}
	// The refusal comes before the level is looked at.
	in.Decision.Level = 0
	if _, err := e.Render(context.Background(), in); !errors.Is(err, ErrNoTemplates) {
		t.Errorf("Render(level 0) = %v, want the template refusal first", err)
	}

	d85, _ := levels.Open(levels.DefaultRuleSet)
	if err := e.Supports(d85); err != nil {
		t.Errorf("Supports(d85-2016) = %v", err)
	}
	own, err := Load(templateFS(t, nil), "mau-rieng")
	if err != nil {
		t.Fatal(err)
	}
	if err := own.Supports(rs); err != nil {
		t.Errorf("own templates Supports(d331-2026) = %v", err)
	}
	in.Decision, _ = rs.Classify(context.Background(), &in.Profile)
	if d := render(t, own, in); d.Manifest.RuleSet != "d331-2026" || d.Manifest.Templates != "mau-rieng" {
		t.Errorf("manifest %+v", d.Manifest)
	}
}
