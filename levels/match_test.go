package levels

import (
	"context"
	"slices"
	"testing"
)

// TestCombinedProgramMatchesEachRule checks that the fast path (all rules in one CEL
// program) decides exactly as each rule's own program does, on every shipped test case.
func TestCombinedProgramMatchesEachRule(t *testing.T) {
	t.Parallel()
	rs, err := Open(DefaultRuleSet)
	if err != nil {
		t.Fatal(err)
	}
	data, _, _ := embeddedTests(rs.ID)
	rep, err := RunTests(context.Background(), rs, data, "t")
	if err != nil || len(rep.Cases) == 0 {
		t.Fatalf("RunTests() = %v", err)
	}
	var suite testSuite
	if err := decodeSuite(data, &suite); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, tc := range suite.Cases {
		p, err := rs.schema.profileFromNode(&tc.Profile)
		if err != nil {
			t.Fatalf("%s: %v", tc.Name, err)
		}
		act := rs.schema.activation(&p)
		all, ok := rs.matchAll(ctx, act)
		if !ok {
			t.Fatalf("%s: combined program failed", tc.Name)
		}
		each, err := rs.matchEach(ctx, act)
		if err != nil {
			t.Fatalf("%s: %v", tc.Name, err)
		}
		if !slices.Equal(all, each) {
			t.Errorf("%s: combined %v, each %v", tc.Name, all, each)
		}
	}
}
