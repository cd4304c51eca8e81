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

// goldenCases are the dossiers whose documents are kept in testdata/golden: one per level,
// a system its ministry appraises itself, and one dated after the rule set's end.
var goldenCases = []struct {
	name, profile string
	date          time.Time // zero: testDate
}{
	{"ban-tin-noi-bo", "../testdata/examples/ban-tin-noi-bo.yaml", time.Time{}},                   // level 1, no operator
	{"cong-thong-tin-so-2026-08", "../testdata/examples/cong-thong-tin-so.yaml", afterRuleSetEnd}, // level 2, rule set not in force
	{"dich-vu-cong-tinh", "../testdata/examples/dich-vu-cong-tinh.yaml", time.Time{}},             // level 3
	{"scada-cap-i", "../testdata/examples/scada-cap-i.yaml", time.Time{}},                         // level 4, industrial control
	{"bca-cap-5", "testdata/profiles/bca-cap-5.yaml", time.Time{}},                                // level 5, Bộ Công an appraises itself
}

// afterRuleSetEnd is a date after d85-2016 stopped being in force (30/06/2026).
var afterRuleSetEnd = time.Date(2026, time.August, 3, 9, 0, 0, 0, vietnam)

// TestGolden compares word/document.xml of every document of the golden cases with
// testdata/golden. Run `go test ./dossier -run TestGolden -update` after an intended change
// and review the diff.
func TestGolden(t *testing.T) {
	e := embedded(t)
	for _, c := range goldenCases {
		in := inputFile(t, c.profile)
		if !c.date.IsZero() {
			in.Date = c.date
		}
		d := render(t, e, in)
		for _, f := range d.Files {
			t.Run(c.name+"/"+f.Name, func(t *testing.T) {
				got := normalizeXML(zipPart(t, f.Data, bodyPart), in.RuleSet.Digest)
				path := filepath.Join("testdata", "golden", c.name, strings.TrimSuffix(f.Name, ".docx")+".xml")
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
