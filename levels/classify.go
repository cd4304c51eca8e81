package levels

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/google/cel-go/common/types"
	"github.com/google/cel-go/common/types/ref"
	"github.com/google/cel-go/common/types/traits"
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
		RuleSet: rs.ID, RuleSetDigest: rs.Digest, RuleSetStatus: rs.Status, Notes: slices.Clone(rs.Notes),
		Warnings: []string{},
	}
	res, err := rs.evaluate(ctx, p, "")
	if err != nil {
		return Decision{}, err
	}
	d.Level = res.level
	d.Reasons = res.reasons
	if d.Reasons == nil {
		d.Reasons = []Reason{} // an array in JSON, also when nothing matched
	}
	// Highest level first; within a level the order of the rule file (stable sort).
	slices.SortStableFunc(d.Reasons, func(a, b Reason) int { return cmp.Compare(b.Level, a.Level) })
	d.Decisive = decisive(d.Reasons, d.Level)
	d.Warnings = append(d.Warnings, res.warnings...)
	rs.raise(&d, p)
	if w, ok := rs.splitting(p); ok {
		d.Warnings = append(d.Warnings, w)
	}
	if d.Level == 0 {
		d.Warnings = append(d.Warnings, rs.noMatch(p))
	}
	for _, c := range res.components {
		d.Components = append(d.Components, ComponentDecision{Name: c.name, Level: c.level})
	}
	d.WarningFacts = rs.schema.warningFacts(d.Warnings)
	return d, nil
}

// noMatch is the warning of a decision at level 0.
func (rs *RuleSet) noMatch(p *Profile) string {
	nm := rs.Principles.NoMatch
	if nm.AppliesTo == "" || nm.AppliesTo == p.SystemType {
		return rs.noMatchCited
	}
	return nm.Message
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
	if err := checkContext(ctx); err != nil {
		return result{}, err
	}
	var res result
	act, harm, inferred, warning := rs.activate(p, true)
	defer rs.schema.release(act)
	if warning != "" {
		res.warnings = append(res.warnings, warning)
	}
	matched, err := rs.match(ctx, act)
	if err != nil {
		return result{}, err
	}
	for i, r := range rs.Rules {
		if !matched[i] {
			continue
		}
		reason := Reason{
			Rule: r.ID, Level: r.Level, Citation: r.Citation, Message: r.Message,
			Component: component, Basis: r.Basis, Note: r.Note,
		}
		if inferred && r.readsHarm() {
			// The criterion held only because the harm was inferred: say so where it is cited.
			reason.Basis = BasisInferred
			reason.Note = strings.TrimSpace(fmt.Sprintf("Mức tổn hại «%s» được suy ra từ độ mật «%s», chưa được khai báo; cần xác nhận. %s",
				ValueLabel(harm), ValueLabel(p.SecretGrade), reason.Note))
		}
		res.reasons = append(res.reasons, reason)
		res.level = max(res.level, r.Level)
	}
	res.warnings = rs.factWarnings(ctx, p, act, matched, res.warnings)

	if len(p.Components) == 0 {
		res.warnings = append(res.warnings, rs.checkWarnings(matched, res.level)...)
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
		if c.Owner != p.Owner {
			res.warnings = append(res.warnings, fmt.Sprintf(
				"Thành phần «%s» khai báo chủ quản «%s» khác chủ quản «%s» của hệ thống; mỗi hệ thống thông tin chỉ có một chủ quản (điểm a khoản 1 Điều 5).",
				name, c.Owner, p.Owner))
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
		basis := hc.Basis
		if basis == "" {
			basis = BasisLawText
		}
		res.reasons = append(res.reasons, Reason{
			Rule: hc.ID, Level: best, Citation: hc.Citation, Basis: basis, Note: hc.Note, Component: component,
			Message: fmt.Sprintf("%s Thành phần cấp độ cao nhất (cấp độ %d): %s.", hc.Message, best, quoteJoin(bestNames)),
		})
		res.level = max(res.level, best)
	}
	res.reasons = append(res.reasons, compReasons...)
	res.warnings = append(res.warnings, rs.checkWarnings(matched, res.level)...)
	return res, nil
}

// checkContext stops a classification whose context is done. CEL checks the context
// only inside comprehensions; checking here too bounds a bulk run of simple rules.
func checkContext(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("dừng xác định cấp độ: %w", err)
	}
	return nil
}

// activate reads the profile into an activation (release it after use), boxed for CEL or
// only encoded (Schema.encode). security_harm is the declared harm, or the one inferred
// from secret_grade (inferred), with the warning that says so.
func (rs *RuleSet) activate(p *Profile, boxed bool) (act *activation, harm string, inferred bool, warning string) {
	harm = p.SecurityHarm
	if harm == "" && p.SecretGrade != "" {
		harm, inferred = harmFromGrade[p.SecretGrade], true
		warning = fmt.Sprintf(
			"Suy đoán: chưa khai báo %s; lấy theo độ mật «%s» là «%s». Nghị định không quy định độ mật tương ứng cấp độ; cần xác nhận mức tổn hại.",
			rs.schema.factName(keySecurityHarm), ValueLabel(p.SecretGrade), ValueLabel(harm))
	}
	if boxed {
		act = rs.schema.activation(p)
	} else {
		act = rs.schema.encode(p)
	}
	if inferred {
		rs.schema.setEnum(act, keySecurityHarm, harm)
	}
	return act, harm, inferred, warning
}

// factWarnings appends the warnings that come from the facts of the profile itself, after
// its criteria matched: facts that contradict each other, counts left out that a
// criterion needs, facts the set ignores.
func (rs *RuleSet) factWarnings(ctx context.Context, p *Profile, act *activation, matched []bool, w []string) []string {
	w = append(w, coherence(p)...)
	w = rs.countWarnings(ctx, p, act, matched, w)
	return rs.unusedFacts(p, w)
}

func quoteJoin(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "«" + n + "»"
	}
	return strings.Join(q, ", ")
}

// match evaluates every rule against one activation. The combined program runs first; if
// it fails, each rule runs alone so the error names the rule that caused it.
func (rs *RuleSet) match(ctx context.Context, act *activation) ([]bool, error) {
	if matched, ok := rs.matchAll(ctx, act); ok {
		return matched, nil
	}
	return rs.matchEach(ctx, act)
}

// matchAll runs the combined program, or finds its result in the memo; ok is false when
// it failed for any reason (a failure is never remembered). The result may be shared: the
// caller must not change it.
func (rs *RuleSet) matchAll(ctx context.Context, act *activation) ([]bool, bool) {
	if e, ok := rs.matchMemo(ctx, act); ok {
		return e.matched, true
	}
	return rs.evalAll(ctx, act)
}

// evalAll runs the combined program.
func (rs *RuleSet) evalAll(ctx context.Context, act *activation) ([]bool, bool) {
	rs.schema.box(act)
	var out ref.Val
	var err error
	if ctx.Done() == nil {
		// A context that can never be cancelled needs no interrupt checks (ContextEval
		// would still set them up, at a third of the cost of classifying).
		out, _, err = rs.all.Eval(act)
	} else {
		out, _, err = rs.all.ContextEval(ctx, act)
	}
	if err != nil {
		return nil, false
	}
	list, ok := out.(traits.Lister)
	if !ok || list.Size() != types.Int(len(rs.Rules)+len(rs.checkRules)) {
		return nil, false
	}
	matched := make([]bool, len(rs.Rules)+len(rs.checkRules))
	for i := range matched {
		b, ok := list.Get(types.Int(i)).(types.Bool)
		if !ok {
			return nil, false
		}
		matched[i] = bool(b)
	}
	return matched, true
}

// matchEach runs every rule's own program and reports the first failure as an EvalError.
func (rs *RuleSet) matchEach(ctx context.Context, act *activation) ([]bool, error) {
	rs.schema.box(act)
	matched := make([]bool, len(rs.Rules))
	for i, r := range rs.Rules {
		out, _, err := r.prg.ContextEval(ctx, act)
		if err != nil {
			return nil, &EvalError{RuleID: r.ID, Err: err}
		}
		b, ok := out.(types.Bool)
		if !ok {
			return nil, &EvalError{RuleID: r.ID, Err: fmt.Errorf("kết quả %v không phải bool", out)}
		}
		matched[i] = bool(b)
	}
	return matched, nil
}
