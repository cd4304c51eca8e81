package levels

import (
	"context"
	"fmt"
	"reflect"
	"strings"
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
	// message is the warning; rules are the criteria whose outcome a large count changes.
	message func(rules []*Rule) string
}

// holdsPersonalData: the profile declares private or personal information, the kinds of
// information that both decrees count users or data subjects of.
func holdsPersonalData(p *Profile) bool { return p.HasInfo("private") || p.HasInfo("personal") }

// aboveAnyThreshold is a count larger than any threshold a criterion may name.
const aboveAnyThreshold = 1 << 40

var countFacts = []countFact{
	{
		// Decree 85 (docs/contract.md §1): users whose private or personal information is processed.
		keys:    []string{keyPersonalUsers},
		missing: func(p *Profile) bool { return p.PersonalDataUsers == 0 && holdsPersonalData(p) },
		message: func([]*Rule) string {
			return "Chưa khai báo số người sử dụng có thông tin riêng, cá nhân (personal_data_users): ngưỡng 10.000 người của điểm c khoản 2 Điều 8 và Điều 9 được xét với 0 người; cần khai báo số thực tế."
		},
	},
	{
		// Decree 331/2026: subjects of basic and of sensitive personal data.
		keys: []string{keyBasicSubj, keySensitiveSubj},
		missing: func(p *Profile) bool {
			return p.BasicPDSubjects == 0 && p.SensitivePDSubjects == 0 && holdsPersonalData(p)
		},
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

// countWarnings appends a warning for each count the profile left out that a criterion of
// the set needs: the criteria reading the count are evaluated again with the count above
// any threshold, and the warning is given when one of them comes out differently.
func (rs *RuleSet) countWarnings(ctx context.Context, p *Profile, act *activation, matched []bool, out []string) []string {
	for k, cf := range countFacts {
		readers := rs.countReaders[k]
		if len(readers) == 0 || !cf.missing(p) {
			continue
		}
		raised := rs.schema.clone(act)
		for _, k := range cf.keys {
			raised.setInt(k, aboveAnyThreshold)
		}
		// One evaluation of the combined program, as for the decision itself: rerating
		// an inventory meets many rows without a count, and one program per rule would
		// cost more than the decision.
		again, ok := rs.matchAll(ctx, raised)
		rs.schema.release(raised)
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

// unusedFacts appends a warning about declared facts that no criterion of the set reads (rs.unread):
// the set ignores them, which a reader comparing rule sets (d85-2016 and d331-2026 read
// different counts) must know.
func (rs *RuleSet) unusedFacts(p *Profile, out []string) []string {
	pv := reflect.ValueOf(p).Elem()
	for i, row := range rs.unread {
		if rs.schema.declared(pv, p, row) {
			out = append(out, rs.unreadWarnings[i])
		}
	}
	return out
}

// unusedWarning is the warning of unusedFacts about one row, written once per set.
func (rs *RuleSet) unusedWarning(row int) string {
	f := &rs.schema.fields[row]
	return fmt.Sprintf("Trường «%s» (%s) đã được khai báo nhưng không tiêu chí nào của bộ quy tắc %s dùng trường này; giá trị không ảnh hưởng đến cấp độ.",
		f.Label, f.Key, rs.ID)
}

// unreadFacts lists the rows whose declaration the set ignores: facts no rule reads,
// itself or through the fact it stands in for. Required facts (every set reads them) and
// procedural ones (they decide who appraises, not the level) are left out.
func (rs *RuleSet) unreadFacts() []int {
	var out []int
	for _, slot := range rs.schema.warnable {
		row := rs.schema.vars[slot]
		f := &rs.schema.fields[row]
		if !rs.readsFact(f) {
			out = append(out, row)
		}
	}
	return out
}

// readsFact reports whether some rule of the set reads the fact, itself or through the
// fact it stands in for.
func (rs *RuleSet) readsFact(f *Field) bool {
	return rs.reads[f.Key] || f.ReadThrough != "" && rs.reads[f.ReadThrough]
}
