package levels_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"capdo/levels"
)

// FuzzParseProfile: whatever bytes arrive, parsing never panics, and either yields a
// profile that classifies without error or an *InvalidError with at least one problem,
// each rendered on one line (docs/contract.md §3: one line per problem on standard error); a valid
// profile survives JSON.
// `go test` runs the seeds; `go test -fuzz FuzzParseProfile ./levels` explores.
func FuzzParseProfile(f *testing.F) {
	seeds, _ := filepath.Glob("../testdata/examples/*.yaml")
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	for _, s := range []string{"", "{}", "[", "name: [unclosed\n", "? [a]\n: 1\n", "a: &x 1\nb: *x\n", "name: a\n---\nname: b\n",
		`{"name":"A","owner":"B","system_type":"int\nernal","info_types":["public"],"x\ny":1}`, "\tname: a\n", "components: [[]]\n", "name: a\nowner: b\nsystem_type: internal\ninfo_types: [public]\ncomponents: []\n",
		"name: a\nowner: b\nsystem_type: internal\ninfo_types: [public]\nrisk_level: 2\nowner_sector: bcy\ncomponents: [{name: c, system_type: other, info_types: [private], strategic: true}]\n"} {
		f.Add([]byte(s))
	}
	rs, err := levels.Open(levels.DefaultRuleSet)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := levels.ParseProfile(data, "hoso.yaml")
		if err != nil {
			var ie *levels.InvalidError
			if !errors.As(err, &ie) || len(ie.Problems) == 0 {
				t.Fatalf("ParseProfile error %v (%T), want an *InvalidError with problems", err, err)
			}
			for _, l := range ie.Lines() {
				if strings.ContainsAny(l, "\n\r") {
					t.Fatalf("problem spans lines: %q", l)
				}
			}
			return
		}
		if _, err := rs.Classify(context.Background(), &p); err != nil {
			t.Fatalf("a valid profile does not classify: %v", err)
		}
		// The store keeps profiles as JSON: what is written reads back the same.
		js, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		var q levels.Profile
		if err := json.Unmarshal(js, &q); err != nil || !reflect.DeepEqual(q, p) {
			t.Fatalf("JSON %s reads back as %+v (%v), not %+v", js, q, err, p)
		}
	})
}
