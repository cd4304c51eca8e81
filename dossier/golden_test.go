package dossier

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
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

// TestGolden compares word/document.xml of every document, for a level-3 and a level-4
// sample, with testdata/golden. Run `go test ./dossier -run TestGolden -update` after an
// intended change and review the diff.
func TestGolden(t *testing.T) {
	e := embedded(t)
	for _, prof := range []string{"dich-vu-cong-tinh", "scada-cap-i"} {
		in := input(t, prof+".yaml")
		d := render(t, e, in)
		for _, f := range d.Files {
			t.Run(prof+"/"+f.Name, func(t *testing.T) {
				got := normalizeXML(zipPart(t, f.Data, bodyPart), in.RuleSet.Digest)
				path := filepath.Join("testdata", "golden", prof, strings.TrimSuffix(f.Name, ".docx")+".xml")
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
