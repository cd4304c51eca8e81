package dossier

import (
	"context"
	"errors"
	"strings"
	"testing"

	"capdo/levels"
)

// The built-in templates follow Decree 85 (d85) and Decree 331 (d331): Render refuses a
// rule set that names neither family, before rendering anything; an agency's own
// templates serve any set.
func TestRenderRefusesRuleSetWithoutTemplates(t *testing.T) {
	t.Parallel()
	d331, err := levels.Open("d331-2026")
	if err != nil {
		t.Fatal(err)
	}
	other := *d331
	other.ID, other.DossierTemplates = "d99-2030", "d99"
	rs := &other
	in := input(t, "scada-cap-i.yaml")
	in.RuleSet = rs
	if in.Decision, err = d331.Classify(context.Background(), &in.Profile); err != nil || in.Decision.Level != 4 {
		t.Fatalf("Classify = %d, %v", in.Decision.Level, err)
	}
	in.Decision.RuleSet = rs.ID
	e := embedded(t)
	d, err := e.Render(context.Background(), in)
	var nt *NoTemplatesError
	if d != nil || !errors.Is(err, ErrNoTemplates) || !errors.As(err, &nt) || nt.RuleSet != "d99-2030" {
		t.Fatalf("Render = %v, %v; want a *NoTemplatesError", d, err)
	}
	for _, want := range []string{"bộ quy tắc d99-2030", "chưa có mẫu hồ sơ", "Nghị định số 85/2016/NĐ-CP", "Nghị định số 331/2026/NĐ-CP", "«d99»"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q lacks %q", err, want)
		}
	}
	// The refusal comes before the level is looked at.
	in.Decision.Level = 0
	if _, err := e.Render(context.Background(), in); !errors.Is(err, ErrNoTemplates) {
		t.Errorf("Render(level 0) = %v, want the template refusal first", err)
	}

	for _, id := range []string{levels.DefaultRuleSet, "d331-2026"} {
		set, _ := levels.Open(id)
		if err := e.Supports(set); err != nil {
			t.Errorf("Supports(%s) = %v", id, err)
		}
	}
	own, err := Load(templateFS(t, nil), "mau-rieng")
	if err != nil {
		t.Fatal(err)
	}
	if err := own.Supports(rs); err != nil {
		t.Errorf("own templates Supports(d99-2030) = %v", err)
	}
	in.Decision, _ = d331.Classify(context.Background(), &in.Profile)
	in.Decision.RuleSet = rs.ID
	if d := render(t, own, in); d.Manifest.RuleSet != "d99-2030" || d.Manifest.Templates != "mau-rieng" {
		t.Errorf("manifest %+v", d.Manifest)
	}
}
