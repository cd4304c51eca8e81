package registry

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"capdo/levels"
	"capdo/store"
)

// riskRuleSet is the rule set whose dossiers need a cyber risk assessment of their version:
// Decree 331/2026 makes one mandatory at the first determination of a level (Art. 10.2.a),
// the level proposal rests on it (Art. 10.4.a, 22.4.c), and levels 4–5 add a detailed
// report (Art. 22.5).
const riskRuleSet = "d331-2026"

// IncompleteError refuses a step the dossier's record does not allow yet. Problems name
// what is missing, by field.
type IncompleteError struct {
	Message  string
	Problems []levels.Problem
}

func (e *IncompleteError) Error() string {
	var b strings.Builder
	b.WriteString(e.Message)
	for _, p := range e.Problems {
		b.WriteString("; ")
		b.WriteString(p.String())
	}
	return b.String()
}

// checkSubmit is the gate of a Decree 331 dossier's submission: the version it was made
// from has a risk assessment (its own or one carried from an earlier version); at levels
// 4–5 that assessment has the detailed contents of Art. 22.5 a–c (and d for a system run
// 24/7); and it supports no level above the dossier's (Art. 10.5). A dossier whose system
// has changed since is left to the store, which refuses it as stale.
func (r *Registry) checkSubmit(ctx context.Context, d store.Dossier) error {
	if d.RuleSet != riskRuleSet || d.SystemCurrent != d.SystemVersion {
		return nil
	}
	const decree = "Nghị định 331/2026/NĐ-CP"
	rec, err := r.store.RiskAssessmentAt(ctx, d.SystemID, d.SystemVersion)
	if errors.Is(err, store.ErrNotFound) {
		return &IncompleteError{
			Message: fmt.Sprintf("Chưa gửi được hồ sơ: phiên bản %d của hệ thống chưa có đánh giá rủi ro an ninh mạng.", d.SystemVersion),
			Problems: []levels.Problem{{Field: "risk_assessment", Message: "cần lập đánh giá rủi ro an ninh mạng của hệ thống trước khi gửi hồ sơ " +
				"(điểm a khoản 2 Điều 10, điểm c khoản 4 Điều 22 " + decree + ")"}},
		}
	}
	if err != nil {
		return err
	}
	a := &rec.Assessment
	ps := a.CompleteFor(d.Level, riskNeeds(&d.Profile)...)
	if a.Level > d.Level {
		ps = append(ps, levels.Problem{Field: "level", Message: fmt.Sprintf(
			"đánh giá rủi ro hỗ trợ cấp độ %d, cao hơn cấp độ %d của hồ sơ: phải đề xuất cấp độ cao hơn (khoản 5 Điều 10 %s)", a.Level, d.Level, decree)})
	}
	if len(ps) == 0 {
		return nil
	}
	for i := range ps {
		ps[i].Field = "risk_assessment." + ps[i].Field
	}
	return &IncompleteError{
		Message:  fmt.Sprintf("Chưa gửi được hồ sơ cấp độ %d: đánh giá rủi ro an ninh mạng của hệ thống (lập ở phiên bản %d) chưa đủ.", d.Level, rec.Version),
		Problems: ps,
	}
}
