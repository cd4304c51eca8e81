package levels

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/google/cel-go/cel"
	"go.yaml.in/yaml/v3"
)

// Check is a warning a rule set gives when its condition holds: a point of the decree that
// is open or easy to get wrong (counts that do not apply, a list the decree does not name).
// It never changes the level. Levels, when set, limits it to systems decided at one of
// those levels.
type Check struct {
	Name     string    `yaml:"name" json:"name"`
	Citation string    `yaml:"citation" json:"citation"`
	Message  string    `yaml:"message" json:"message"`
	Levels   []int     `yaml:"levels" json:"levels,omitempty"`
	When     yaml.Node `yaml:"when" json:"-"`

	// Condition is the CEL source of When.
	Condition string `yaml:"-" json:"condition"`
}

// RaisePrinciple raises the level to the one a fact shows (Decree 331 Art. 10.5: a risk
// assessment showing a higher level). The rules reading the fact are its limbs: when one
// of them decides a level above every other criterion, the decision cites the principle.
type RaisePrinciple struct {
	Principle `yaml:",inline"`
	Fact      string `yaml:"fact" json:"fact"`
}

var checkNameRe = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// compileChecks checks and compiles each check, reporting every problem; the checks are
// then evaluated with the rules, in the same program (Load).
func (rs *RuleSet) compileChecks(env *cel.Env, s *Schema, srcLines []string, report func(line, col int, id, format string, args ...any)) {
	seen := map[string]bool{}
	ok := true
	for i, c := range rs.Checks {
		line := c.When.Line
		id := "checks[" + c.Name + "]"
		switch {
		case !checkNameRe.MatchString(c.Name):
			report(line, 0, fmt.Sprintf("checks[%d]", i), "name «%s» không hợp lệ (chữ thường, số, dấu _)", c.Name)
		case seen[c.Name]:
			report(line, 0, id, "name bị trùng")
		}
		seen[c.Name] = true
		if strings.TrimSpace(c.Message) == "" || strings.TrimSpace(c.Citation) == "" {
			report(line, 0, id, "cần message và citation")
		}
		for _, l := range c.Levels {
			if l < 1 || l > 5 {
				report(line, 0, id, "levels chỉ gồm các cấp độ 1–5, không phải %d", l)
			}
		}
		if c.When.Kind != yaml.ScalarNode || strings.TrimSpace(c.When.Value) == "" {
			report(line, c.When.Column, id, "thiếu điều kiện when (biểu thức CEL)")
			ok = false
			continue
		}
		c.Condition = c.When.Value
		r := &Rule{ID: id, When: c.When, Condition: c.Condition}
		_, cerrs := compileRule(env, s, r)
		for _, ce := range cerrs {
			if ce.exprLine > 0 {
				ce.Line, ce.Col = filePos(&c.When, srcLines, ce.exprLine, ce.exprCol)
			}
			report(ce.Line, ce.Col, id, "%s", ce.Msg)
			ok = false
		}
	}
	if !ok {
		return
	}
	for _, c := range rs.Checks {
		rs.checkRules = append(rs.checkRules, &Rule{ID: "checks." + c.Name, Condition: c.Condition})
	}
}

// checkWarnings returns the messages of the checks that hold for a profile decided at
// level. matched is what the combined program gave: the rules, then the checks; when a
// check failed to evaluate the rules were evaluated alone, and the checks say nothing
// (they are advice, and the decision itself evaluated).
func (rs *RuleSet) checkWarnings(matched []bool, level int) []string {
	if len(matched) != len(rs.Rules)+len(rs.Checks) {
		return nil
	}
	var msgs []string
	for i, c := range rs.Checks {
		if matched[len(rs.Rules)+i] && (len(c.Levels) == 0 || slices.Contains(c.Levels, level)) {
			msgs = append(msgs, strings.TrimSpace(c.Message))
		}
	}
	return msgs
}

// checkPrinciples checks the optional principles: their ids, citations and messages, and
// the fact the raise principle reads.
func (rs *RuleSet) checkPrinciples(report func(line, col int, id, format string, args ...any)) {
	if r := rs.Principles.RaiseByRisk; r != nil {
		if r.ID == "" || r.Citation == "" || r.Message == "" {
			report(0, 0, "", "principles.raise_by_risk cần id, citation và message")
		}
		if f, ok := rs.schema.Field(r.Fact); !ok || f.Kind != KindInt {
			report(0, 0, "", "principles.raise_by_risk: fact «%s» phải là một trường số nguyên của hồ sơ", r.Fact)
		}
		if r.Basis == "" {
			r.Basis = BasisLawText
		}
	}
	if p := rs.Principles.NoSplitting; p != nil {
		if p.ID == "" || p.Citation == "" || p.Message == "" {
			report(0, 0, "", "principles.no_splitting cần id, citation và message")
		}
	}
}

// raise applies the raise principle to a decision: when the level the fact shows is above
// the level of every other criterion that matched, the principle is cited at that level
// (with no other criterion the fact's own limb decides, and there is nothing to raise);
// when it is below the decided level, the decision says the level is not lowered (Art. 8.2).
func (rs *RuleSet) raise(d *Decision, p *Profile) {
	r := rs.Principles.RaiseByRisk
	if r == nil {
		return
	}
	shown := int(p.Int(r.Fact))
	if shown <= 0 {
		return
	}
	other := 0
	for _, reason := range d.Reasons {
		if rule, ok := rs.Rule(reason.Rule); !ok || !rule.reads[r.Fact] || reason.Component != "" {
			other = max(other, reason.Level)
		}
	}
	switch {
	case shown > other && other > 0 && shown == d.Level:
		msg := fmt.Sprintf("%s Cấp độ theo kết quả đánh giá rủi ro: %d; theo các tiêu chí khác: %d.", r.Message, shown, other)
		d.Reasons = append([]Reason{{Rule: r.ID, Level: shown, Citation: r.Citation, Message: msg, Basis: r.Basis, Note: r.Note}}, d.Reasons...)
		d.Decisive = append([]string{r.ID}, d.Decisive...)
	case shown < d.Level:
		d.Warnings = append(d.Warnings, rs.raiseWarning(shown, d.Level))
	}
}

// raiseWarning says that a level the raise principle's fact shows below the decided level
// does not lower it.
func (rs *RuleSet) raiseWarning(shown, level int) string {
	return fmt.Sprintf(
		"Đánh giá rủi ro an ninh mạng (%s) cho thấy cấp độ %d, thấp hơn cấp độ %d theo các tiêu chí: cấp độ là cấp độ cao nhất trong các tiêu chí đáp ứng (%s), không hạ theo đánh giá rủi ro.",
		rs.Principles.RaiseByRisk.Fact, shown, level, rs.Principles.HighestComponent.Citation)
}

// splitting is the warning of the no-splitting principle for a system described as parts.
func (rs *RuleSet) splitting(p *Profile) (string, bool) {
	ns := rs.Principles.NoSplitting
	if ns == nil || len(p.Components) == 0 {
		return "", false
	}
	return fmt.Sprintf("Hệ thống gồm %d hệ thống thành phần. %s (%s, %s)", len(p.Components), strings.TrimSpace(ns.Message), ns.ID, ns.Citation), true
}
