package registry

import (
	"strings"
	"testing"

	"capdo/review"
	"capdo/store"
)

// Under Decree 331 a level 3–5 approval rests on the written appraisal (Art. 24.1.b); below
// level 3, and under Decree 85, capdo asks for none.
func TestApprovalGaps(t *testing.T) {
	appraisal := []store.Upload{{Name: "tham-dinh.pdf", Kind: string(review.AppraisalDoc)}}
	other := []store.Upload{{Name: "to-trinh.pdf", Kind: string(review.SignedRequest)}}
	for _, c := range []struct {
		name    string
		d       store.Dossier
		missing bool
	}{
		{"331, level 3, no appraisal", store.Dossier{RuleSet: newRuleSet, Level: 3}, true},
		{"331, level 5, only the request", store.Dossier{RuleSet: newRuleSet, Level: 5, Uploads: other}, true},
		{"331, level 4, appraisal attached", store.Dossier{RuleSet: newRuleSet, Level: 4, Uploads: append(other, appraisal...)}, false},
		{"331, level 2", store.Dossier{RuleSet: newRuleSet, Level: 2}, false},
		{"85, level 3", store.Dossier{RuleSet: oldRuleSet, Level: 3}, false},
	} {
		gaps := ApprovalGaps(c.d)
		if got := len(gaps) > 0; got != c.missing {
			t.Errorf("%s: gaps %q, want missing=%v", c.name, gaps, c.missing)
		}
		for _, g := range gaps {
			if !strings.Contains(g, "điểm b khoản 1 Điều 24 Nghị định 331/2026/NĐ-CP") {
				t.Errorf("%s: %q cites no article", c.name, g)
			}
		}
	}
}
