package levels

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// A rule set ships its own test cases in a sibling file "<name>.test.yaml":
//
//	rule_set: d85-2016
//	cases:
//	  - name: internal system with only public information
//	    profile: {name: …, owner: …, system_type: internal, info_types: [public]}
//	    level: 1
//	    reasons: [D85.A7]          # exactly the matched rule ids (components included)
//	    decisive: [D85.A7]         # optional: the ids at the final level
//	    warnings: ["Suy đoán"]     # optional: each text must appear in some warning
//	    no_warnings: true          # optional
type testSuite struct {
	RuleSet string     `yaml:"rule_set"`
	Cases   []testCase `yaml:"cases"`
}

type testCase struct {
	Name       string    `yaml:"name"`
	Profile    yaml.Node `yaml:"profile"`
	Level      *int      `yaml:"level"`
	Reasons    []string  `yaml:"reasons"`
	Decisive   []string  `yaml:"decisive"`
	Warnings   []string  `yaml:"warnings"`
	NoWarnings bool      `yaml:"no_warnings"`
}

// CaseResult is the outcome of one test case.
type CaseResult struct {
	Name     string
	Line     int
	Failures []string
}

// TestReport is the outcome of running a rule set's test cases.
type TestReport struct {
	RuleSet   string
	File      string
	Cases     []CaseResult
	Uncovered []string // ids of TestedIDs no case hit
}

// Failed counts failing cases.
func (r *TestReport) Failed() int {
	n := 0
	for _, c := range r.Cases {
		if len(c.Failures) > 0 {
			n++
		}
	}
	return n
}

// OK reports whether every case passed and every rule was hit.
func (r *TestReport) OK() bool { return r.Failed() == 0 && len(r.Uncovered) == 0 && len(r.Cases) > 0 }

// TestFileFor names the test file that belongs to a rule file.
func TestFileFor(ruleFile string) string {
	return strings.TrimSuffix(ruleFile, ".yaml") + ".test.yaml"
}

// TestRuleSet runs the test cases shipped with a rule set: the embedded ones for an
// embedded set, or the sibling .test.yaml of a rule file.
func TestRuleSet(ctx context.Context, rs *RuleSet) (*TestReport, error) {
	if data, name, ok := embeddedTests(rs.ID); ok && strings.HasPrefix(rs.File, "embedded:") {
		return RunTests(ctx, rs, data, name)
	}
	name := TestFileFor(rs.File)
	data, err := ReadFileLimited(name, MaxRuleFileBytes)
	if err != nil {
		return nil, fmt.Errorf("bộ quy tắc %s không có tệp kiểm thử %s: %v", rs.ID, name, unwrapPathErr(err))
	}
	return RunTests(ctx, rs, data, name)
}

// RunTests runs the cases in data (a test file named file) against rs.
func RunTests(ctx context.Context, rs *RuleSet, data []byte, file string) (*TestReport, error) {
	var suite testSuite
	if err := decodeSuite(data, &suite); err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	if suite.RuleSet != "" && suite.RuleSet != rs.ID {
		return nil, fmt.Errorf("%s: tệp kiểm thử dành cho bộ quy tắc %s, không phải %s", file, suite.RuleSet, rs.ID)
	}
	rep := &TestReport{RuleSet: rs.ID, File: file}
	hit := map[string]bool{}
	for i, tc := range suite.Cases {
		res := CaseResult{Name: tc.Name, Line: tc.Profile.Line}
		if res.Name == "" {
			res.Name = fmt.Sprintf("#%d", i+1)
		}
		fail := func(format string, args ...any) { res.Failures = append(res.Failures, fmt.Sprintf(format, args...)) }
		p, err := rs.schema.profileFromNode(&tc.Profile)
		if err != nil {
			fail("hồ sơ không hợp lệ: %v", err)
			rep.Cases = append(rep.Cases, res)
			continue
		}
		d, err := rs.Classify(ctx, &p)
		if err != nil {
			fail("%v", err)
			rep.Cases = append(rep.Cases, res)
			continue
		}
		got := d.MatchedRules()
		for _, id := range got {
			hit[id] = true
		}
		if d.Level == 0 {
			hit[rs.Principles.NoMatch.ID] = true
		}
		for _, w := range d.Warnings {
			if ns := rs.Principles.NoSplitting; ns != nil && strings.Contains(w, ns.ID) {
				hit[ns.ID] = true
			}
			for _, c := range rs.Checks {
				if strings.Contains(w, strings.TrimSpace(c.Message)) {
					hit["checks."+c.Name] = true
				}
			}
		}
		if tc.Level == nil {
			fail("thiếu level mong đợi")
		} else if d.Level != *tc.Level {
			fail("cấp độ %d, mong đợi %d", d.Level, *tc.Level)
		}
		if tc.Reasons != nil && !sameSet(got, tc.Reasons) {
			fail("căn cứ [%s], mong đợi [%s]", strings.Join(got, ", "), strings.Join(tc.Reasons, ", "))
		}
		if tc.Decisive != nil && !sameSet(d.Decisive, tc.Decisive) {
			fail("căn cứ quyết định [%s], mong đợi [%s]", strings.Join(d.Decisive, ", "), strings.Join(tc.Decisive, ", "))
		}
		for _, w := range tc.Warnings {
			if !slices.ContainsFunc(d.Warnings, func(s string) bool { return strings.Contains(s, w) }) {
				fail("thiếu cảnh báo chứa «%s» (có: %q)", w, d.Warnings)
			}
		}
		if tc.NoWarnings && len(d.Warnings) > 0 {
			fail("không mong đợi cảnh báo, nhưng có: %q", d.Warnings)
		}
		rep.Cases = append(rep.Cases, res)
	}
	ids := rs.TestedIDs()
	for _, id := range ids {
		if !hit[id] {
			rep.Uncovered = append(rep.Uncovered, id)
		}
	}
	return rep, nil
}

// TestedIDs lists what the cases of a rule set must each hit at least once: its principles,
// its rules and its checks (as "checks.<name>").
func (rs *RuleSet) TestedIDs() []string {
	ids := []string{rs.Principles.HighestComponent.ID, rs.Principles.NoMatch.ID}
	if r := rs.Principles.RaiseByRisk; r != nil {
		ids = append(ids, r.ID)
	}
	if ns := rs.Principles.NoSplitting; ns != nil {
		ids = append(ids, ns.ID)
	}
	for _, r := range rs.Rules {
		ids = append(ids, r.ID)
	}
	for _, c := range rs.Checks {
		ids = append(ids, "checks."+c.Name)
	}
	return ids
}

func decodeSuite(data []byte, suite *testSuite) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	return dec.Decode(suite)
}

// profileFromNode decodes and validates a profile written inside another YAML document.
func (s *Schema) profileFromNode(n *yaml.Node) (Profile, error) {
	var p Profile
	if n.Kind == 0 {
		return p, &InvalidError{Problems: []Problem{{Message: "thiếu profile"}}}
	}
	ps := &problems{lines: map[string]int{}}
	s.decodeProfile(n, "", 0, new(int), &p, ps)
	s.validate(&p, "", ps)
	if len(ps.list) > 0 {
		return Profile{}, &InvalidError{Problems: ps.list}
	}
	return p, nil
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}
