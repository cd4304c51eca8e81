package levels

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/google/cel-go/common/types"
)

// EvalError reports a rule that could not be evaluated. It is never read as "no match".
type EvalError struct {
	RuleID string
	Err    error
}

func (e *EvalError) Error() string {
	return fmt.Sprintf("quy tắc %s: lỗi khi đánh giá điều kiện: %v", e.RuleID, e.Err)
}

func (e *EvalError) Unwrap() error { return e.Err }

// Classify decides the level of a profile that passed Validate (ParseProfile validates).
// The level is the highest matched criterion of the system and of its components
// (Art. 5.2); level 0 means no criterion matched and a person must decide.
func (rs *RuleSet) Classify(ctx context.Context, p *Profile) (Decision, error) {
	d := Decision{
		ID: p.ID, Name: p.Name, Owner: p.Owner,
		RuleSet: rs.ID, RuleSetStatus: rs.Status, Notes: rs.Notes,
		Warnings: []string{},
	}
	res, err := rs.evaluate(ctx, p, "")
	if err != nil {
		return Decision{}, err
	}
	d.Level = res.level
	d.Reasons = res.reasons
	// Highest level first; within a level the order of the rule file (stable sort).
	slices.SortStableFunc(d.Reasons, func(a, b Reason) int { return cmp.Compare(b.Level, a.Level) })
	d.Decisive = decisive(d.Reasons, d.Level)
	d.Warnings = append(d.Warnings, res.warnings...)
	if d.Level == 0 {
		nm := rs.Principles.NoMatch
		d.Warnings = append(d.Warnings, fmt.Sprintf("%s (%s, %s)", nm.Message, nm.ID, nm.Citation))
	}
	for _, c := range res.components {
		d.Components = append(d.Components, ComponentDecision{Name: c.name, Level: c.level})
	}
	return d, nil
}

type result struct {
	level      int
	reasons    []Reason
	warnings   []string
	components []struct {
		name  string
		level int
	}
}

func (rs *RuleSet) evaluate(ctx context.Context, p *Profile, component string) (result, error) {
	var res result
	harm := p.SecurityHarm
	if harm == "" && p.SecretGrade != "" {
		harm = harmFromGrade[p.SecretGrade]
		res.warnings = append(res.warnings, fmt.Sprintf(
			"Suy đoán: chưa khai báo mức tổn hại (security_harm); lấy theo độ mật «%s» là «%s». Nghị định không quy định độ mật tương ứng cấp độ; cần xác nhận mức tổn hại.",
			ValueLabel(p.SecretGrade), ValueLabel(harm)))
	}
	act := newActivation(p, harm)
	for _, r := range rs.Rules {
		out, _, err := r.prg.ContextEval(ctx, act)
		if err != nil {
			return result{}, &EvalError{RuleID: r.ID, Err: err}
		}
		b, ok := out.(types.Bool)
		if !ok {
			return result{}, &EvalError{RuleID: r.ID, Err: fmt.Errorf("kết quả %v không phải bool", out)}
		}
		if b {
			res.reasons = append(res.reasons, Reason{
				Rule: r.ID, Level: r.Level, Citation: r.Citation, Message: r.Message,
				Component: component, Basis: r.Basis, Note: r.Note,
			})
			res.level = max(res.level, r.Level)
		}
	}
	res.warnings = append(res.warnings, coherence(p)...)

	if len(p.Components) == 0 {
		return res, nil
	}
	best, bestNames := 0, []string{}
	var compReasons []Reason
	for i := range p.Components {
		c := &p.Components[i]
		name := c.Name
		if component != "" {
			name = component + " › " + c.Name
		}
		cr, err := rs.evaluate(ctx, c, name)
		if err != nil {
			return result{}, err
		}
		res.components = append(res.components, struct {
			name  string
			level int
		}{name, cr.level})
		compReasons = append(compReasons, cr.reasons...)
		for _, w := range cr.warnings {
			res.warnings = append(res.warnings, fmt.Sprintf("Thành phần «%s»: %s", name, w))
		}
		if cr.level == 0 {
			res.warnings = append(res.warnings, fmt.Sprintf("Thành phần «%s»: không khớp tiêu chí nào; cần xác định cấp độ thủ công.", name))
		}
		switch {
		case cr.level > best:
			best, bestNames = cr.level, []string{name}
		case cr.level == best && best > 0:
			bestNames = append(bestNames, name)
		}
	}
	if best > 0 {
		hc := rs.Principles.HighestComponent
		res.reasons = append(res.reasons, Reason{
			Rule: hc.ID, Level: best, Citation: hc.Citation, Basis: BasisLawText, Component: component,
			Message: fmt.Sprintf("%s Thành phần cấp độ cao nhất (cấp độ %d): %s.", hc.Message, best, quoteJoin(bestNames)),
		})
		res.level = max(res.level, best)
	}
	res.reasons = append(res.reasons, compReasons...)
	return res, nil
}

func quoteJoin(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "«" + n + "»"
	}
	return strings.Join(q, ", ")
}
