package dossier

import (
	"regexp"
	"strings"
	"testing"
)

func TestGroupCitations(t *testing.T) {
	t.Parallel()
	const nd85, nd331 = " Nghị định 85/2016/NĐ-CP", " Nghị định 331/2026/NĐ-CP"
	cases := []struct {
		name  string
		cites []string
		want  string
	}{
		{"none", nil, ""},
		{"one", []string{"Khoản 3 Điều 13" + nd331}, "khoản 3 Điều 13 Nghị định số 331/2026/NĐ-CP"},
		{"already numbered", []string{"Điểm a khoản 2 Điều 9 Nghị định số 85/2016/NĐ-CP"}, "điểm a khoản 2 Điều 9 Nghị định số 85/2016/NĐ-CP"},
		{"points of one clause", []string{"Điểm b khoản 2 Điều 13" + nd331, "Điểm c khoản 2 Điều 13" + nd331},
			"điểm b, điểm c khoản 2 Điều 13 Nghị định số 331/2026/NĐ-CP"},
		{"clauses of one article", []string{"Khoản 1 Điều 9" + nd85, "Điểm a khoản 2 Điều 9" + nd85, "Điểm c khoản 2 Điều 9" + nd85},
			"khoản 1, điểm a, điểm c khoản 2 Điều 9 Nghị định số 85/2016/NĐ-CP"},
		{"articles of one decree", []string{"Khoản 3 Điều 13" + nd331, "Điểm b khoản 1 Điều 14" + nd331},
			"khoản 3 Điều 13, điểm b khoản 1 Điều 14 Nghị định số 331/2026/NĐ-CP"},
		{"two decrees", []string{"Khoản 3 Điều 9" + nd85, "Khoản 3 Điều 13" + nd331, "Khoản 4 Điều 9" + nd85},
			"khoản 3, khoản 4 Điều 9 Nghị định số 85/2016/NĐ-CP; khoản 3 Điều 13 Nghị định số 331/2026/NĐ-CP"},
		{"duplicates", []string{"Điểm b khoản 2 Điều 13" + nd331, "Điểm b  khoản 2 Điều 13" + nd331},
			"điểm b khoản 2 Điều 13 Nghị định số 331/2026/NĐ-CP"},
		{"whole clause covers its points", []string{"Điểm b khoản 2 Điều 13" + nd331, "Khoản 2 Điều 13" + nd331},
			"khoản 2 Điều 13 Nghị định số 331/2026/NĐ-CP"},
		{"whole article covers its clauses", []string{"Khoản 2 Điều 11" + nd331, "Điều 11" + nd331},
			"Điều 11 Nghị định số 331/2026/NĐ-CP"},
		{"several provisions kept as written", []string{"Khoản 4 Điều 16, Điều 17" + nd331, "Khoản 1 Điều 16" + nd331},
			"khoản 4 Điều 16, Điều 17 Nghị định số 331/2026/NĐ-CP; khoản 1 Điều 16 Nghị định số 331/2026/NĐ-CP"},
		{"words after the instrument kept", []string{"Điểm c khoản 2 Điều 20" + nd85 + " (áp dụng tạm, suy luận)"},
			"điểm c khoản 2 Điều 20 Nghị định số 85/2016/NĐ-CP (áp dụng tạm, suy luận)"},
	}
	for _, c := range cases {
		if got := groupCitations(c.cites); got != c.want {
			t.Errorf("%s: groupCitations(%q)\ngot  %q\nwant %q", c.name, c.cites, got, c.want)
		}
	}
}

func TestWithNumberWord(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"khoản 1 Điều 9 Nghị định 331/2026/NĐ-CP":              "khoản 1 Điều 9 Nghị định số 331/2026/NĐ-CP",
		"Nghị định số 85/2016/NĐ-CP":                           "Nghị định số 85/2016/NĐ-CP",
		"Thông tư 12/2022/TT-BTTTT; Quyết định 05/2017/QĐ-TTg": "Thông tư số 12/2022/TT-BTTTT; Quyết định số 05/2017/QĐ-TTg",
		"Nghị định 331 không nêu chu kỳ":                       "Nghị định 331 không nêu chu kỳ",
	} {
		if got := withNumberWord(in); got != want {
			t.Errorf("withNumberWord(%q) = %q, want %q", in, got, want)
		}
	}
}

// ruleCodeRe is a rule id of the built-in rule sets: D85.A9.K2.a, D331.A13.K2.b.
var ruleCodeRe = regexp.MustCompile(`\bD(?:85|331)\.A\d`)

// TestSignedTextHasNoRuleCodes: rule ids are capdo's, not the law's; the text to sign
// cites provisions only, and the ids stay in drafting notes and manifest.json.
func TestSignedTextHasNoRuleCodes(t *testing.T) {
	t.Parallel()
	e := embedded(t)
	for _, c := range goldenCases {
		for _, f := range render(t, e, goldenInput(t, c)).Files {
			if !strings.HasSuffix(f.Name, ".docx") {
				continue
			}
			for _, p := range signedParagraphs(t, f) {
				if ruleCodeRe.MatchString(p.text) {
					t.Errorf("%s/%s: signed text names a rule id: %q", c.name, f.Name, p.text)
				}
			}
		}
	}
}
