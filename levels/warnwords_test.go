package levels_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"capdo/levels"
)

// keyInBrackets is a fact's key in brackets, as warnings once named facts for the API:
// «Số người sử dụng có thông tin riêng, cá nhân» (personal_data_users).
var keyInBrackets = regexp.MustCompile(`\(([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\)`)

// What a user reads names facts by their Vietnamese label only; the keys are in
// Decision.WarningFacts. Profiles that raise every kind of warning about a fact: counts
// left out, facts a set ignores, harm inferred from the secrecy grade, the sector guessed
// from the owner, the checks of the rule files.
func TestWarningsNameFactsByLabel(t *testing.T) {
	t.Parallel()
	profiles := []struct {
		name, yaml string
		// want: the keys WarningFacts must name under each set (a set's warnings differ).
		want map[string][]string
	}{
		{"count left out", "system_type: citizen_business\ninfo_types: [personal]\n",
			map[string][]string{"d85-2016": {"personal_data_users"}, "d331-2026": {"basic_pd_subjects", "sensitive_pd_subjects"}}},
		{"facts a set ignores", "system_type: citizen_business\ninfo_types: [public]\nonline_public_service_level: 3\nrisk_level: 2\npersonal_data_users: 5\n",
			map[string][]string{"d85-2016": {"risk_level"}, "d331-2026": {"online_public_service_level", "personal_data_users"}}},
		{"harm inferred, sector guessed", "system_type: internal\ninfo_types: [state_secret]\nsecret_grade: toi_mat\n",
			map[string][]string{"d85-2016": {"security_harm"}, "d331-2026": {"security_harm", "owner_sector"}}},
		{"checks of the rule file", "system_type: internal\ninfo_types: [state_secret]\nsecurity_harm: serious\nstrategic: true\npm_decided_level: 1\n",
			map[string][]string{"d331-2026": {"strategic", "pm_decided_level"}}},
	}
	files, _ := filepath.Glob("../testdata/examples/*.yaml")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		profiles = append(profiles, struct {
			name, yaml string
			want       map[string][]string
		}{filepath.Base(f), string(data), nil})
	}
	for _, id := range []string{"d85-2016", "d331-2026"} {
		rs, err := levels.Open(id)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range profiles {
			t.Run(id+"/"+c.name, func(t *testing.T) {
				src := c.yaml
				if !strings.Contains(src, "name:") {
					src = "name: Hệ thống thử\nowner: Sở Thông tin và Truyền thông\n" + src
				}
				p, err := levels.ParseProfile([]byte(src), "hoso.yaml")
				if err != nil {
					t.Fatal(err)
				}
				d, err := rs.Classify(context.Background(), &p)
				if err != nil {
					t.Fatal(err)
				}
				for _, w := range slices.Concat(d.Warnings, d.Notes) {
					if m := keyInBrackets.FindStringSubmatch(w); m != nil {
						if _, ok := levels.Standard().Field(m[1]); ok {
							t.Errorf("names the fact %s by its key: %q", m[1], w)
						}
					}
					if strings.Contains(w, "{fact:") {
						t.Errorf("a fact reference left as written: %q", w)
					}
				}
				var named []string
				for _, wf := range d.WarningFacts {
					if !slices.Contains(d.Warnings, wf.Warning) {
						t.Errorf("warning_facts names a warning the decision lacks: %q", wf.Warning)
					}
					named = append(named, wf.Facts...)
				}
				for _, k := range c.want[id] {
					if !slices.Contains(named, k) {
						t.Errorf("warning_facts %v lacks %s (warnings %q)", named, k, d.Warnings)
					}
				}
			})
		}
	}
}

// warningFacts tells facts from values by their labels: no value of an enumerated fact may
// be named like a fact, or a warning quoting the value would be said to name the fact.
func TestNoValueLabelIsAFactLabel(t *testing.T) {
	t.Parallel()
	labels := map[string]string{}
	for _, f := range levels.Fields {
		labels[f.Label] = f.Key
	}
	for _, f := range levels.Fields {
		for _, o := range f.Options {
			if k, ok := labels[o.Label]; ok {
				t.Errorf("value %s of %s is labelled «%s», the label of the fact %s", o.Value, f.Key, o.Label, k)
			}
		}
	}
}
