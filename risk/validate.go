package risk

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"capdo/levels"
)

// Limits that keep a hostile record from costing more than a real one ever would.
const (
	MaxRisks   = 2000
	MaxTextLen = 8000 // characters of one text field
)

// Validate checks the record against Art. 10 and docs/contract.md §6; each problem names its field.
func (a *Assessment) Validate() []levels.Problem {
	var ps problems
	ps.check(a)
	return ps.list
}

type problems struct{ list []levels.Problem }

func (ps *problems) add(field, format string, args ...any) {
	ps.list = append(ps.list, levels.Problem{Field: field, Message: fmt.Sprintf(format, args...)})
}

func (ps *problems) check(a *Assessment) {
	switch {
	case a.Trigger == "":
		ps.add("trigger", "cần nêu lý do đánh giá (khoản 2 Điều 10 %s): %s", decree, triggerKeys())
	case TriggerLabel(a.Trigger) == "":
		ps.add("trigger", "«%s» không hợp lệ; dùng một trong: %s", a.Trigger, triggerKeys())
	}
	for _, it := range ContentItems {
		ps.text("contents."+it.Key, a.Contents.Get(it.Key), true, "thiếu nội dung «%s» (%s)", it.Label, it.Citation)
	}
	switch {
	case len(a.Risks) == 0:
		ps.add("risks", "cần ít nhất một rủi ro: mối đe dọa, khả năng xảy ra và mức độ tác động (điểm c, d khoản 3 Điều 10 %s)", decree)
	case len(a.Risks) > MaxRisks:
		ps.add("risks", "quá %d rủi ro", MaxRisks)
	default:
		for i, r := range a.Risks {
			checkRisk(r, func(key, format string, args ...any) {
				ps.add(fmt.Sprintf("risks[%d].%s", i, key), format, args...)
			})
		}
	}
	if a.Level < 1 || a.Level > 5 {
		ps.add("level", "cấp độ mà kết quả đánh giá rủi ro hỗ trợ phải từ 1 đến 5")
	}
	ps.text("rationale", a.Rationale, true, "cần nêu lý do kết quả đánh giá hỗ trợ cấp độ đã nêu (khoản 4, 5 Điều 10 %s)", decree)
	if a.Detailed != nil {
		for _, it := range DetailedItems {
			ps.text("detailed."+it.Key, *a.Detailed.field(it.Key), false, "")
		}
	}
	ps.text("assessed_by", a.AssessedBy, false, "")
	if a.AssessedAt != "" {
		if _, err := time.Parse(time.DateOnly, a.AssessedAt); err != nil {
			ps.add("assessed_at", "«%s» không phải ngày dạng YYYY-MM-DD", a.AssessedAt)
		}
	}
}

// text checks a free-text field: present when required, and not too long.
func (ps *problems) text(field, s string, required bool, missing string, args ...any) {
	switch {
	case required && strings.TrimSpace(s) == "":
		ps.add(field, missing, args...)
	case utf8.RuneCountInString(s) > MaxTextLen:
		ps.add(field, "dài quá %d ký tự", MaxTextLen)
	}
}

// checkRisk checks one register row; add names the problem by the risk's JSON key.
func checkRisk(r Risk, add func(key, format string, args ...any)) {
	need := func(key, s, what string) {
		switch {
		case strings.TrimSpace(s) == "":
			add(key, "cần nêu %s", what)
		case utf8.RuneCountInString(s) > MaxTextLen:
			add(key, "dài quá %d ký tự", MaxTextLen)
		}
	}
	need("asset", r.Asset, "tài sản hoặc chức năng chịu rủi ro (điểm a khoản 3 Điều 10)")
	need("threat", r.Threat, "mối đe dọa, điểm yếu bị khai thác (điểm c khoản 3 Điều 10)")
	need("treatment", r.Treatment, "phương án xử lý rủi ro (điểm e khoản 3 Điều 10)")
	for _, f := range []struct{ key, s string }{{"vulnerability", r.Vulnerability}, {"controls", r.Controls}, {"owner", r.Owner}} {
		if utf8.RuneCountInString(f.s) > MaxTextLen {
			add(f.key, "dài quá %d ký tự", MaxTextLen)
		}
	}
	ok := true
	if r.Likelihood < 1 || r.Likelihood > 5 {
		add("likelihood", "khả năng xảy ra phải là số nguyên từ 1 đến 5 (điểm d khoản 3 Điều 10)")
		ok = false
	}
	if r.Impact < 1 || r.Impact > 5 {
		add("impact", "mức độ tác động phải là số nguyên từ 1 đến 5 (điểm d khoản 3 Điều 10)")
		ok = false
	}
	if ok && r.Score != 0 && r.Score != r.Likelihood*r.Impact {
		add("score", "điểm rủi ro %d khác khả năng xảy ra × mức độ tác động (%d × %d = %d)", r.Score, r.Likelihood, r.Impact, r.Likelihood*r.Impact)
	}
}

func triggerKeys() string {
	var b strings.Builder
	for i, t := range Triggers {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s (%s)", t.Key, lowerFirst(t.Label))
	}
	return b.String()
}

// Need names a condition of the system that makes more of Art. 22.5 required.
type Need int

const (
	// AlwaysOn: the system falls under Art. 14.2 (national e-government system, or
	// infrastructure serving bodies nationwide, with 24/7 operation and no unplanned
	// downtime), so Art. 22.5.d's justification is required.
	AlwaysOn Need = iota + 1
)

// CompleteFor lists what the record lacks for a dossier proposing the level: at levels 4–5
// the detailed report of Art. 22.5 a–c, and d when the system needs it (AlwaysOn). It does
// not repeat Validate's problems.
func (a *Assessment) CompleteFor(level int, needs ...Need) []levels.Problem {
	if level < 4 {
		return nil
	}
	var ps problems
	d := a.Detailed
	if d == nil {
		d = &Detailed{}
	}
	for _, it := range DetailedItems {
		if it.Key == "d" && !hasNeed(needs, AlwaysOn) {
			continue
		}
		if strings.TrimSpace(*d.field(it.Key)) == "" {
			ps.add("detailed."+it.Key, "hồ sơ đề xuất cấp độ %d cần báo cáo đánh giá rủi ro chi tiết: thiếu «%s» (%s)", level, it.Label, it.Citation)
		}
	}
	return ps.list
}

func hasNeed(needs []Need, n Need) bool {
	for _, x := range needs {
		if x == n {
			return true
		}
	}
	return false
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToLower(string(r)) + s[n:]
}
