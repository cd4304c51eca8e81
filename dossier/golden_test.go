package dossier

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

var (
	rsidRe      = regexp.MustCompile(` w:rsid[A-Za-z]*="[^"]*"`)
	blockOpenRe = regexp.MustCompile(`\s*(<w:(?:p|tbl|tr|tc|sectPr)[ >/])`)
)

// normalizeXML makes a part comparable and reviewable: revision ids dropped, the rule
// file's digest replaced (an edit to a comment in the rule file changes it), one
// paragraph, table, row or cell per line.
func normalizeXML(x, digest string) string {
	x = strings.ReplaceAll(x, digest[:12], "RULE-DIGEST")
	x = rsidRe.ReplaceAllString(x, "")
	x = blockOpenRe.ReplaceAllString(x, "\n$1")
	return strings.TrimSpace(x) + "\n"
}

// goldenCase is a dossier whose documents are kept in testdata/golden.
type goldenCase struct {
	name, profile string
	date          time.Time // zero: testDate
	transitional  bool
	sign, owner   string
	// rules is the rule set ("" for the default, d85-2016); risk a risk assessment record
	// (JSON, testdata/risk) the dossier reports.
	rules, risk string
}

// goldenCases are the dossiers whose documents are kept in testdata/golden, full (every
// document the level needs, and checklist.xlsx). Under Decree 85: one per level, a
// state-secret system, a system with components, a system the Ministry of Defence manages,
// one the Ministry of Public Security appraises itself, one dated after the rule set's end,
// one dated after it for a transitional system, and signature variants. Under Decree 331
// (d331-*): one per level, a state-secret system, a system with components, a system of the
// Ministry of Defence, one of Ban Cơ yếu Chính phủ, a critical system at level 3, a level-3
// system whose cyber unit operates it (independent appraiser), two with a recorded risk
// assessment; the level-4 one does not declare owner_sector, so its appraiser is guessed.
var goldenCases = []goldenCase{
	{name: "ban-tin-noi-bo", profile: "../testdata/examples/ban-tin-noi-bo.yaml"},                                      // level 1, no operator, a ministry
	{name: "cong-thong-tin-so-2026-08", profile: "../testdata/examples/cong-thong-tin-so.yaml", date: afterRuleSetEnd}, // level 2, rule set not in force
	{name: "dich-vu-cong-tinh", profile: "../testdata/examples/dich-vu-cong-tinh.yaml"},                                // level 3
	{name: "van-ban-mat", profile: "../testdata/examples/van-ban-mat.yaml"},                                            // level 3, state secret
	{name: "he-thong-co-phan-he", profile: "../testdata/examples/he-thong-co-phan-he.yaml"},                            // level 3 from a component
	{name: "scada-cap-i", profile: "../testdata/examples/scada-cap-i.yaml"},                                            // level 4, industrial control
	{name: "bqp-cap-4", profile: "testdata/profiles/bqp-cap-4.yaml"},                                                   // level 4, Bộ Quốc phòng appraises
	{name: "bca-cap-5", profile: "testdata/profiles/bca-cap-5.yaml"},                                                   // level 5, Bộ Công an appraises itself
	{name: "dich-vu-cong-tinh-chuyen-tiep", profile: "../testdata/examples/dich-vu-cong-tinh.yaml", date: afterDecree331, transitional: true,
		sign: "kt", owner: "tm-kt"}, // transitional recitals, signed by a deputy, the decision on behalf of the committee

	{name: "d331-cap-1", profile: "../testdata/examples/ban-tin-noi-bo.yaml", rules: "d331-2026", date: afterDecree331},              // level 1, no operator, a ministry
	{name: "d331-cap-2-phan-he", profile: "../testdata/examples/he-thong-co-phan-he.yaml", rules: "d331-2026", date: afterDecree331}, // level 2, components
	{name: "d331-cap-3", profile: "../testdata/examples/trung-tam-du-lieu.yaml", rules: "d331-2026", date: afterDecree331},           // level 3, provincial infrastructure
	{name: "d331-van-ban-mat", profile: "../testdata/examples/van-ban-mat.yaml", rules: "d331-2026", date: afterDecree331},           // level 3, state secret
	{name: "d331-cap-4-scada", profile: "../testdata/examples/scada-cap-i.yaml", rules: "d331-2026", date: afterDecree331,
		risk: "testdata/risk/cap-4.json", sign: "kt"}, // level 4, industrial control, a risk assessment, Bộ Công an appraises
	{name: "d331-bqp-cap-4", profile: "testdata/profiles/bqp-cap-4.yaml", rules: "d331-2026", date: afterDecree331}, // level 4, Bộ Quốc phòng appraises
	{name: "d331-bcy-cap-4", profile: "testdata/profiles/bcy-cap-4.yaml", rules: "d331-2026", date: afterDecree331}, // level 4, Ban Cơ yếu Chính phủ appraises itself
	{name: "d331-cap-5", profile: "testdata/profiles/d331-cap-5-quoc-te.yaml", rules: "d331-2026", date: afterDecree331, // level 5
		risk: "testdata/risk/cap-5.json"},
	{name: "d331-quan-trong-cap-3", profile: "testdata/profiles/quan-trong-cap-3.yaml", rules: "d331-2026", date: afterDecree331}, // level 3 on the critical list
	{name: "d331-doc-lap-cap-3", profile: "testdata/profiles/doc-lap-cap-3.yaml", rules: "d331-2026", date: afterDecree331},       // level 3, independent appraiser (khoản 4 Điều 18)
}

// afterRuleSetEnd is a date after d85-2016 stopped being in force (30/06/2026).
var afterRuleSetEnd = time.Date(2026, time.August, 3, 9, 0, 0, 0, vietnam)

// afterDecree331 is a date after Decree 331/2026 took effect (19/08/2026).
var afterDecree331 = time.Date(2026, time.December, 1, 9, 0, 0, 0, vietnam)

// goldenInput is the input of a golden case.
func goldenInput(tb testing.TB, c goldenCase) Input {
	tb.Helper()
	in := inputFile(tb, c.profile)
	if c.rules != "" {
		in = withRules(tb, in, c.rules)
	}
	if c.risk != "" {
		in.Risk = riskFile(tb, c.risk)
	}
	if !c.date.IsZero() {
		in.Date = c.date
	}
	in.Full, in.Transitional, in.Sign, in.OwnerSign = true, c.transitional, c.sign, c.owner
	return in
}

// TestGolden compares word/document.xml of every document of the golden cases with
// testdata/golden. Run `go test ./dossier -run TestGolden -update` after an intended change
// and review the diff.
func TestGolden(t *testing.T) {
	t.Parallel()
	e := embedded(t)
	for _, c := range goldenCases {
		in := goldenInput(t, c)
		d := render(t, e, in)
		for _, f := range d.Files {
			t.Run(c.name+"/"+f.Name, func(t *testing.T) {
				var got, path string
				if f.Name == ChecklistName {
					got = sheetText(t, f.Data)
					path = filepath.Join("testdata", "golden", c.name, "checklist.tsv")
				} else {
					got = normalizeXML(zipPart(t, f.Data, bodyPart), in.RuleSet.Digest)
					path = filepath.Join("testdata", "golden", c.name, strings.TrimSuffix(f.Name, ".docx")+".xml")
				}
				if *update {
					if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run with -update to create it)", err)
				}
				if got != string(want) {
					gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
					for i := 0; i < len(gl) && i < len(wl); i++ {
						if gl[i] != wl[i] {
							t.Fatalf("%s differs at line %d:\ngot:  %s\nwant: %s\n(run with -update if intended)", path, i+1, gl[i], wl[i])
						}
					}
					t.Fatalf("%s differs in length: %d lines, want %d (run with -update if intended)", path, len(gl), len(wl))
				}
			})
		}
	}
}
