package levels_test

import (
	"context"
	"testing"

	"capdo/levels"
)

// TestEmbeddedRuleSets runs every case shipped with every embedded rule set, and fails when
// a rule id is hit by no case.
func TestEmbeddedRuleSets(t *testing.T) {
	t.Parallel()
	sets, err := levels.Embedded()
	if err != nil {
		t.Fatalf("Embedded() failed: %v", err)
	}
	if len(sets) == 0 {
		t.Fatal("no embedded rule set")
	}
	for _, rs := range sets {
		rep, err := levels.TestRuleSet(context.Background(), rs)
		if err != nil {
			t.Fatalf("TestRuleSet(%s) failed: %v", rs.ID, err)
		}
		for _, c := range rep.Cases {
			t.Run(rs.ID+"/"+c.Name, func(t *testing.T) {
				for _, f := range c.Failures {
					t.Errorf("%s:%d: %s", rep.File, c.Line, f)
				}
			})
		}
		if len(rep.Uncovered) > 0 {
			t.Errorf("%s: rule ids hit by no test case: %v", rs.ID, rep.Uncovered)
		}
	}
}
