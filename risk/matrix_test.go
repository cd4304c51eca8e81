package risk

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDefaultMatrix(t *testing.T) {
	t.Parallel()
	m := DefaultMatrix()
	if !m.Provisional || !strings.Contains(m.Label(), "khoản 8 Điều 10") || !strings.Contains(m.Label(), "[suy luận]") {
		t.Errorf("the shipped matrix must say it is provisional: %q", m.Label())
	}
	for _, c := range []struct{ l, i, score, level int }{
		{1, 1, 1, 1}, {2, 2, 4, 1}, {1, 5, 5, 2}, {3, 3, 9, 2}, {2, 5, 10, 3},
		{3, 4, 12, 3}, {3, 5, 15, 4}, {4, 4, 16, 4}, {4, 5, 20, 5}, {5, 5, 25, 5},
	} {
		score, b := m.Band(c.l, c.i)
		if score != c.score || b.Level != c.level {
			t.Errorf("%d × %d: score %d level %d, want %d and %d", c.l, c.i, score, b.Level, c.score, c.level)
		}
	}
}

// Art. 10.5: a register whose risks exceed the level the assessment supports is flagged.
func TestWarningsRaiseByRisk(t *testing.T) {
	t.Parallel()
	a, _ := Decode(strings.NewReader(valid)) // highest risk 3 × 4 = 12, band Cao, level 3
	m := DefaultMatrix()
	if ws := a.Warnings(m, 3); len(ws) != 0 {
		t.Errorf("level 3 supported and proposed: %q", ws)
	}
	a.Risks[1].Likelihood = 4 // 4 × 5 = 20
	ws := a.Warnings(m, 3)
	if len(ws) != 1 || !strings.Contains(ws[0], "risks[1]") || !strings.Contains(ws[0], "gợi ý cấp độ 5") ||
		!strings.Contains(ws[0], "khoản 5 Điều 10") || !strings.Contains(ws[0], "[suy luận]") {
		t.Errorf("a risk above the level: %q", ws)
	}
	a.Risks[1].Likelihood = 2
	a.Level = 4
	if ws := a.Warnings(m, 3); len(ws) != 1 || !strings.Contains(ws[0], "hỗ trợ cấp độ 4, cao hơn cấp độ 3 được đề xuất") {
		t.Errorf("proposed below the assessment: %q", ws)
	}
}

// A replacement matrix is a file: no code change.
func TestLoadMatrixFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "khung.yaml")
	good := `provisional: false
title: Khung quản lý rủi ro (thử)
likelihood: [{value: 1, label: a}, {value: 2, label: b}, {value: 3, label: c}, {value: 4, label: d}, {value: 5, label: e}]
impact: [{value: 1, label: a}, {value: 2, label: b}, {value: 3, label: c}, {value: 4, label: d}, {value: 5, label: e}]
bands:
  - {min: 1, max: 9, name: Chấp nhận được, level: 1}
  - {min: 10, max: 25, name: Không chấp nhận được, level: 3}
`
	os.WriteFile(path, []byte(good), 0o600)
	m, err := LoadMatrixFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, b := m.Band(2, 5); b.Level != 3 || m.Label() != "Khung quản lý rủi ro (thử)" {
		t.Errorf("loaded matrix: %+v, %q", b, m.Label())
	}
	for name, src := range map[string]string{
		"gap":        strings.Replace(good, "min: 10", "min: 11", 1),
		"short":      strings.Replace(good, "max: 25", "max: 24", 1),
		"level down": strings.Replace(good, "level: 3", "level: 0", 1),
		"scale":      strings.Replace(good, "{value: 5, label: e}]\nbands", "]\nbands", 1),
		"typo key":   strings.Replace(good, "bands:", "band:", 1),
	} {
		if _, err := LoadMatrix(strings.NewReader(src)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
