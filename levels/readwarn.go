package levels

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/cel-go/common/types"
)

// Warnings that depend on which facts a rule set reads (Rule.reads), not on the set's id:
// a count the profile left out while a threshold criterion of the set reads it, and a
// fact the profile declares although no criterion of the set reads it.

// countFact is a count that threshold criteria compare with a number. An undeclared count
// reads as 0, which decides such a criterion as surely as a real 0 would. When the profile
// holds the information counted and a large count would change which criteria match, the
// decision says that the threshold was not really checked.
type countFact struct {
	keys []string
	// missing: the profile holds the information counted but declares none of the counts.
	missing func(p *Profile) bool
	// raise sets the counts of an activation to a value above any threshold.
	raise func(a *activation)
	// message is the warning; rules are the criteria whose outcome a large count changes.
	message func(rules []*Rule) string
}

// holdsPersonalData: the profile declares private or personal information, the kinds of
// information that both decrees count users or data subjects of.
func holdsPersonalData(p *Profile) bool { return p.HasInfo("private") || p.HasInfo("personal") }

// aboveAnyThreshold is a count larger than any threshold a criterion may name.
var aboveAnyThreshold = types.Int(1 << 40)

var countFacts = []countFact{
	{
		// Decree 85 (contract §1): users whose private or personal information is processed.
		keys:    []string{varPersonalUsers},
		missing: func(p *Profile) bool { return p.PersonalDataUsers == 0 && holdsPersonalData(p) },
		raise:   func(a *activation) { a.users = aboveAnyThreshold },
		message: func([]*Rule) string {
			return "Chưa khai báo số người sử dụng có thông tin riêng, cá nhân (personal_data_users): ngưỡng 10.000 người của điểm c khoản 2 Điều 8 và Điều 9 được xét với 0 người; cần khai báo số thực tế."
		},
	},
	{
		// Decree 331/2026: subjects of basic and of sensitive personal data.
		keys: []string{varBasicSubjects, varSensitiveSubj},
		missing: func(p *Profile) bool {
			return p.BasicPDSubjects == 0 && p.SensitivePDSubjects == 0 && holdsPersonalData(p)
		},
		raise: func(a *activation) { a.basic, a.sensitive = aboveAnyThreshold, aboveAnyThreshold },
		message: func(rules []*Rule) string {
			return "Chưa khai báo số chủ thể dữ liệu cá nhân cơ bản (basic_pd_subjects) và số chủ thể dữ liệu cá nhân nhạy cảm (sensitive_pd_subjects) dù hệ thống xử lý thông tin riêng, cá nhân: ngưỡng của " +
				citeRules(rules) + " được xét với 0 chủ thể; cần khai báo số thực tế."
		},
	},
}

// citeRules names rules by id and citation: "D331.A13.K2.c (Điểm c khoản 2 Điều 13 …)".
func citeRules(rules []*Rule) string {
	parts := make([]string, len(rules))
	for i, r := range rules {
		parts[i] = fmt.Sprintf("%s (%s)", r.ID, r.Citation)
	}
	return strings.Join(parts, ", ")
}

// countWarnings returns a warning for each count the profile left out that a criterion of
// the set needs: the criteria reading the count are evaluated again with the count above
// any threshold, and the warning is given when one of them comes out differently.
func (rs *RuleSet) countWarnings(ctx context.Context, p *Profile, act *activation, matched []bool) []string {
	var out []string
	for k, cf := range countFacts {
		readers := rs.countReaders[k]
		if len(readers) == 0 || !cf.missing(p) {
			continue
		}
		raised := *act
		cf.raise(&raised)
		// One evaluation of the combined program, as for the decision itself: rerating
		// an inventory meets many rows without a count, and one program per rule would
		// cost more than the decision.
		again, ok := rs.matchAll(ctx, &raised)
		if !ok {
			continue // the decision itself evaluated; a hypothetical count is no reason to fail
		}
		var changed []*Rule
		for _, i := range readers {
			if again[i] != matched[i] {
				changed = append(changed, rs.Rules[i])
			}
		}
		if len(changed) > 0 {
			out = append(out, cf.message(changed))
		}
	}
	return out
}

func readsAny(r *Rule, keys []string) bool {
	for _, k := range keys {
		if r.reads[k] {
			return true
		}
	}
	return false
}

// factDeclared lists the facts a criterion may read, each with whether the profile
// declares it (a value other than the default). system_type and info_types are always
// declared and every set reads them; secret_grade and security_harm are read through the
// harm. A fixed table: classifying allocates nothing for it.
var factDeclared = [...]struct {
	key      string
	declared func(p *Profile) bool
}{
	{varDefenseSecurity, func(p *Profile) bool { return p.DefenseSecurity }},
	{varOPSLevel, func(p *Profile) bool { return p.OnlinePublicServiceLevel != 0 }},
	{varConditional, func(p *Profile) bool { return p.ConditionalBusinessService }},
	{varPersonalUsers, func(p *Profile) bool { return p.PersonalDataUsers != 0 }},
	{varAdminProcedures, func(p *Profile) bool { return p.HandlesAdminProcedures }},
	{varBasicSubjects, func(p *Profile) bool { return p.BasicPDSubjects != 0 }},
	{varSensitiveSubj, func(p *Profile) bool { return p.SensitivePDSubjects != 0 }},
	{varInfraScope, func(p *Profile) bool { return p.InfraScope != "" }},
	{varNationalEgov, func(p *Profile) bool { return p.NationalEgov }},
	{varAlwaysOn, func(p *Profile) bool { return p.AlwaysOn }},
	{varICSWorkGrade, func(p *Profile) bool { return p.ICSWorkGrade != "" }},
	{varCriticalData, func(p *Profile) bool { return p.CriticalNationalData }},
	{varPMDesignated, func(p *Profile) bool { return p.PMDesignated }},
}

// unusedFacts warns about declared facts that no criterion of the set reads: the set
// ignores them, which a reader comparing rule sets (d85-2016 and d331-2026 read different
// counts) must know.
func (rs *RuleSet) unusedFacts(p *Profile) []string {
	var out []string
	for _, f := range factDeclared {
		if !rs.reads[f.key] && f.declared(p) {
			out = append(out, fmt.Sprintf("Trường «%s» (%s) đã được khai báo nhưng không tiêu chí nào của bộ quy tắc %s dùng trường này; giá trị không ảnh hưởng đến cấp độ.",
				fieldLabel(f.key), f.key, rs.ID))
		}
	}
	return out
}

func fieldLabel(key string) string {
	for _, f := range Fields {
		if f.Key == key {
			return f.Label
		}
	}
	return key
}
