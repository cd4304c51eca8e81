package levels

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"regexp"
	"slices"
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
	// message is the warning; names are the counts' names (factName, in the order of
	// keys), rules the criteria whose outcome a large count changes.
	message func(names []string, rules []*Rule) string
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
		message: func(names []string, _ []*Rule) string {
			return "Chưa khai báo " + names[0] + ": ngưỡng 10.000 người của điểm c khoản 2 Điều 8 và Điều 9 được xét với 0 người; cần khai báo số thực tế."
		},
	},
	{
		// Decree 331/2026: subjects of basic and of sensitive personal data.
		keys: []string{keyBasicSubj, keySensitiveSubj},
		missing: func(p *Profile) bool {
			return p.BasicPDSubjects == 0 && p.SensitivePDSubjects == 0 && holdsPersonalData(p)
		},
		message: func(names []string, rules []*Rule) string {
			return "Chưa khai báo " + names[0] + " và " + names[1] + " dù hệ thống xử lý thông tin riêng, cá nhân: ngưỡng của " +
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
			names := make([]string, len(cf.keys))
			for i, k := range cf.keys {
				names[i] = rs.schema.factName(k)
			}
			out = append(out, cf.message(names, changed))
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
	return fmt.Sprintf("Trường %s đã được khai báo nhưng không tiêu chí nào của bộ quy tắc %s dùng trường này; giá trị không ảnh hưởng đến cấp độ.",
		rs.schema.factName(f.Key), rs.ID)
}

// factName is how a sentence a user reads names a fact: its Vietnamese label from the
// table of facts (facts.go) in guillemets, «Số chủ thể dữ liệu cá nhân cơ bản». The key
// is for the YAML file and the API, which finds it in Decision.WarningFacts
// (warningFacts), never in the sentence.
func (s *Schema) factName(key string) string {
	if f, ok := s.Field(key); ok {
		return "«" + f.Label + "»"
	}
	return key // not a fact of the schema: a rule file's mistake, which its tests catch
}

// factRef is how a message or note of a rule file names a fact: {fact:owner_sector}. Load
// writes the fact's name (factName) in its place, so that what a user reads names the fact
// as the form does, never by its key. A line keeps its number: errors still point into
// the file.
var factRef = regexp.MustCompile(`\{fact:([a-z][a-z0-9_]*)\}`)

// nameFacts replaces each {fact:key} of a rule file by the fact's name; unknown gets the
// line of each key the schema lacks, which stays as written.
func (s *Schema) nameFacts(src []byte, unknown func(line int, key string)) []byte {
	if !bytes.Contains(src, []byte("{fact:")) {
		return src
	}
	var out []byte
	last := 0
	for _, m := range factRef.FindAllSubmatchIndex(src, -1) {
		key := string(src[m[2]:m[3]])
		out = append(out, src[last:m[0]]...)
		if _, ok := s.Field(key); ok {
			out = append(out, s.factName(key)...)
		} else {
			unknown(bytes.Count(src[:m[0]], []byte("\n"))+1, key)
			out = append(out, src[m[0]:m[1]]...)
		}
		last = m[1]
	}
	return append(out, src[last:]...)
}

// WarningFact names, by key, the facts one warning is about: what an API consumer needs
// to point at a field, while the warning itself names them only by label.
type WarningFact struct {
	Warning string   `json:"warning"`
	Facts   []string `json:"facts"`
}

// quotedName is a name in guillemets inside a warning.
var quotedName = regexp.MustCompile(`«([^«»]+)»`)

// warningFacts finds the facts each warning names by label (factName). A name in
// guillemets is a fact when it is exactly a fact's label: values are quoted too, but no
// value is named like a fact (TestNoValueLabelIsAFactLabel).
func (s *Schema) warningFacts(warnings []string) []WarningFact {
	var out []WarningFact
	for _, w := range warnings {
		var keys []string
		for _, m := range quotedName.FindAllStringSubmatch(w, -1) {
			f, ok := s.fieldOfLabel(m[1])
			if ok && !slices.Contains(keys, f.Key) {
				keys = append(keys, f.Key)
			}
		}
		if len(keys) > 0 {
			out = append(out, WarningFact{Warning: w, Facts: keys})
		}
	}
	return out
}

// fieldOfLabel is the row whose label is exactly this one (KeyOfLabel also maps the
// spreadsheet's headers that are no facts).
func (s *Schema) fieldOfLabel(label string) (Field, bool) {
	k, ok := s.KeyOfLabel(label)
	if !ok {
		return Field{}, false
	}
	f, ok := s.Field(k)
	return f, ok && f.Label == label
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
