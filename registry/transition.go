package registry

import (
	"context"
	"fmt"
	"slices"
	"time"

	"capdo/levels"
	"capdo/review"
	"capdo/store"
	"capdo/workdays"
)

// The transition from Decree 85/2016 to Decree 331/2026 (docs: README, «Chuyển tiếp»):
//
//   - Luật An ninh mạng 116/2025/QH15 took effect on 01/07/2026 (Art. 44); on the reading
//     capdo follows, Decree 85/2016 lapsed with the law it implemented (its rule set
//     d85-2016 ends on 30/06/2026) and Decree 331/2026 is in force from 19/08/2026.
//   - A system whose level was approved under the old law keeps that level, and must meet
//     the conditions of its level under the new law — Decree 331/2026 and TCVN
//     14423:2026 — within 12 months of 01/07/2026 (Law 116 Art. 45.1).
//   - A system being invested in or built before 01/07/2026 (the profile fact
//     `transitional`) may still have its level appraised and approved under Decree 85
//     within 6 months (Decree 331 Art. 39.1), and meets Decree 331 within 12 months.
//
// The end dates are disputed by one day: one source counts 01/01/2027 and 01/07/2027,
// another "about" 31/12/2026 and 30/06/2027 [cần đối chiếu cách tính thời hạn]. capdo
// shows the later date as the deadline and warns from the earlier one.
var (
	// D85LastDay is the last day Decree 85/2016 applies to a new dossier, but for the
	// transitional ones.
	D85LastDay = workdays.Date{Year: 2026, Month: time.June, Day: 30}
	// TransitionalDeadline is the end of the 6 months of Decree 331 Art. 39.1 for
	// appraising and approving a transitional system's level under Decree 85;
	// TransitionalWarnFrom the earlier reading of it.
	TransitionalDeadline = workdays.Date{Year: 2027, Month: time.January, Day: 1}
	TransitionalWarnFrom = workdays.Date{Year: 2026, Month: time.December, Day: 31}
	// ComplianceDeadline is the end of the 12 months of Law 116 Art. 45.1 (and Decree 331
	// Art. 39.1) for meeting Decree 331 and TCVN 14423:2026; ComplianceWarnFrom the earlier
	// reading of it.
	ComplianceDeadline = workdays.Date{Year: 2027, Month: time.July, Day: 1}
	ComplianceWarnFrom = workdays.Date{Year: 2027, Month: time.June, Day: 30}
)

// Rule sets the transition is between.
const (
	oldRuleSet = "d85-2016"
	newRuleSet = "d331-2026"
)

// Kinds of Countdown.
const (
	// KindCompliance: a level approved under Decree 85 must meet Decree 331 and TCVN
	// 14423:2026 by ComplianceDeadline.
	KindCompliance = "d85_approved"
	// KindTransitional: a transitional system's level must be approved under Decree 85 by
	// TransitionalDeadline.
	KindTransitional = "transitional"
)

// States of Countdown: before the earlier reading of the deadline, from it to the
// deadline, after the deadline.
const (
	StateOpen    = "open"
	StateWarn    = "warn"
	StateOverdue = "overdue"
)

// Countdown is an obligation of the transition with the time left to meet it.
type Countdown struct {
	Kind       string
	Obligation string // what must be done, in Vietnamese
	Basis      string // the articles it rests on
	Deadline   workdays.Date
	WarnFrom   workdays.Date // the earlier reading of the deadline
	// DaysLeft counts calendar days from today to the deadline (0 on the deadline,
	// negative after it); WorkingDaysLeft the working days after today up to and including
	// the deadline (review.Calendar; negative after it).
	DaysLeft, WorkingDaysLeft int
	State                     string
	Note                      string // the disputed day, marked [cần đối chiếu]
	// Declared: the approval the obligation follows from was declared on import, not
	// recorded in capdo (store.DeclaredLevel).
	Declared bool
}

// countdown measures the time from now to deadline.
func countdown(kind, obligation, basis string, deadline, warnFrom workdays.Date, now time.Time) Countdown {
	today := workdays.DateOf(now)
	c := Countdown{Kind: kind, Obligation: obligation, Basis: basis, Deadline: deadline, WarnFrom: warnFrom,
		DaysLeft: daysBetween(today, deadline), WorkingDaysLeft: review.Calendar.WorkingDatesBetween(today, deadline), State: StateOpen,
		Note: fmt.Sprintf("Nguồn khác tính thời hạn đến hết ngày %s; capdo cảnh báo từ ngày đó [cần đối chiếu cách tính thời hạn].", warnFrom.VN())}
	switch {
	case deadline.Before(today):
		c.State = StateOverdue
	case !today.Before(warnFrom):
		c.State = StateWarn
	}
	return c
}

// daysBetween is the number of calendar days from a to b.
func daysBetween(a, b workdays.Date) int {
	return int(b.Start().Sub(a.Start()).Round(24*time.Hour) / (24 * time.Hour))
}

// ComplianceCountdown is the obligation of a system whose level was approved under Decree
// 85/2016.
// Level 0 words it for any level.
func ComplianceCountdown(level int, now time.Time) Countdown {
	what := "Giữ cấp độ đã được phê duyệt theo Nghị định 85/2016/NĐ-CP; phải đáp ứng điều kiện, tiêu chuẩn và biện pháp bảo vệ của cấp độ theo Nghị định 331/2026/NĐ-CP và TCVN 14423:2026 (mục 3–7 cho cấp độ 1–5) trước thời hạn."
	if level > 0 {
		what = fmt.Sprintf("Giữ cấp độ %d đã được phê duyệt theo Nghị định 85/2016/NĐ-CP; phải đáp ứng điều kiện, tiêu chuẩn và biện pháp bảo vệ của cấp độ theo Nghị định 331/2026/NĐ-CP và TCVN 14423:2026 (mục %d) trước thời hạn.", level, level+2)
	}
	return countdown(KindCompliance, what,
		"khoản 1 Điều 45 Luật An ninh mạng số 116/2025/QH15; khoản 1 Điều 39 Nghị định 331/2026/NĐ-CP",
		ComplianceDeadline, ComplianceWarnFrom, now)
}

// TransitionalCountdown is the obligation of a transitional system to have its level
// approved under Decree 85/2016.
func TransitionalCountdown(now time.Time) Countdown {
	return countdown(KindTransitional,
		"Hệ thống đang đầu tư, xây dựng trước ngày 01/7/2026: cấp độ được thẩm định, phê duyệt theo Nghị định 85/2016/NĐ-CP nếu hồ sơ được phê duyệt trước thời hạn; sau đó phải lập hồ sơ theo Nghị định 331/2026/NĐ-CP.",
		"khoản 1 Điều 39 Nghị định 331/2026/NĐ-CP",
		TransitionalDeadline, TransitionalWarnFrom, now)
}

// SystemTransition is the obligation the transition puts on a system now: meeting Decree
// 331 when its level was approved under Decree 85, by an approval recorded in capdo or,
// with none recorded, as declared on import (declared, nil for none; the countdown is then
// marked Declared); having the level approved under Decree 85 in time when it is
// transitional and has no approval yet; nil otherwise.
func SystemTransition(sys store.System, declared *store.DeclaredLevel, now time.Time) *Countdown {
	switch a := sys.Approved; {
	case a != nil && a.RuleSet == oldRuleSet:
		c := ComplianceCountdown(a.Level, now)
		return &c
	case a == nil && declared != nil && declared.RuleSet == oldRuleSet:
		c := ComplianceCountdown(declared.Level, now)
		c.Declared = true
		c.Obligation += " Cấp độ đã phê duyệt do đơn vị khai báo khi nhập danh mục (cột «Cấp độ đã phê duyệt», tiếng Anh approved_level); capdo chưa ghi nhận quyết định phê duyệt."
		return &c
	case a == nil && declared == nil && sys.Profile.Bool("transitional"):
		c := TransitionalCountdown(now)
		return &c
	}
	return nil
}

// DossierTransition is what the transition says of a Decree 85 dossier made after Decree
// 85 lapsed: it exists only for a transitional system, and must be approved by the Art.
// 39.1 deadline.
type DossierTransition struct {
	Countdown Countdown
	// Transitional: the profile the dossier was made from declares the system transitional.
	Transitional bool
	// Approved: the approval's day, for an approved dossier (zero otherwise); Late: it came
	// after the deadline.
	Approved workdays.Date
	Late     bool
	Warnings []string
}

// DossierTransitionOf is the transition of dossier d, nil when d is not a Decree 85
// dossier made after D85LastDay.
func DossierTransitionOf(d store.Dossier, now time.Time) *DossierTransition {
	if d.RuleSet != oldRuleSet || !D85LastDay.Before(workdays.DateOf(d.CreatedAt)) {
		return nil
	}
	t := &DossierTransition{Countdown: TransitionalCountdown(now), Transitional: d.Profile.Bool("transitional")}
	if !t.Transitional {
		t.Warnings = append(t.Warnings, fmt.Sprintf("Hồ sơ lập ngày %s theo Nghị định 85/2016/NĐ-CP, sau khi Nghị định này hết hiệu lực [nguồn thứ cấp], "+
			"nhưng hồ sơ hệ thống không khai báo hệ thống đang đầu tư, xây dựng trước ngày 01/7/2026 (transitional): chỉ hệ thống đó được thẩm định, phê duyệt theo Nghị định 85/2016/NĐ-CP "+
			"(khoản 1 Điều 39 Nghị định 331/2026/NĐ-CP). Hãy khai báo nếu đúng, hoặc lập hồ sơ theo Nghị định 331/2026/NĐ-CP (d331-2026).", workdays.DateOf(d.CreatedAt).VN()))
	}
	switch {
	case d.Approval != nil:
		t.Approved = workdays.DateOf(d.Approval.ApprovedAt)
		t.Late = TransitionalDeadline.Before(t.Approved)
		if t.Late {
			t.Warnings = append(t.Warnings, fmt.Sprintf("Hồ sơ được phê duyệt ngày %s, sau thời hạn %s của khoản 1 Điều 39 Nghị định 331/2026/NĐ-CP [cần đối chiếu].",
				t.Approved.VN(), TransitionalDeadline.VN()))
		}
	case d.Status == string(review.Withdrawn):
		return nil
	case t.Countdown.State == StateOverdue:
		t.Warnings = append(t.Warnings, fmt.Sprintf("Đã quá thời hạn %s của khoản 1 Điều 39 Nghị định 331/2026/NĐ-CP: cấp độ không còn được phê duyệt theo Nghị định 85/2016/NĐ-CP; hãy lập hồ sơ theo Nghị định 331/2026/NĐ-CP [cần đối chiếu].",
			TransitionalDeadline.VN()))
	case t.Countdown.State == StateWarn:
		t.Warnings = append(t.Warnings, fmt.Sprintf("Theo một cách tính, thời hạn của khoản 1 Điều 39 Nghị định 331/2026/NĐ-CP kết thúc hết ngày %s: hồ sơ cần được phê duyệt ngay [cần đối chiếu cách tính thời hạn].",
			TransitionalWarnFrom.VN()))
	}
	return t
}

// D85Allowed reports whether a new dossier of the system may still be made under Decree
// 85/2016 on now's day: while it was in force, and afterwards for a transitional system
// until the Art. 39.1 deadline.
func D85Allowed(prof *levels.Profile, now time.Time) bool {
	today := workdays.DateOf(now)
	return !D85LastDay.Before(today) || (prof.Bool("transitional") && !TransitionalDeadline.Before(today))
}

// d85Refusal is the 400 of a Decree 85 dossier for a system that may no longer have one.
func d85Refusal(prof *levels.Profile) error {
	msg := "Nghị định 85/2016/NĐ-CP chỉ còn áp dụng cho hệ thống đang đầu tư, xây dựng trước ngày 01/7/2026, đến hết thời hạn " + TransitionalDeadline.VN() +
		" (khoản 1 Điều 39 Nghị định 331/2026/NĐ-CP); hồ sơ hệ thống này không khai báo như vậy (transitional). Hãy chọn d331-2026."
	if prof.Bool("transitional") {
		msg = "Đã hết thời hạn " + TransitionalDeadline.VN() + " của khoản 1 Điều 39 Nghị định 331/2026/NĐ-CP để phê duyệt cấp độ theo Nghị định 85/2016/NĐ-CP [cần đối chiếu]; hãy chọn d331-2026."
	}
	return &levels.InvalidError{Problems: []levels.Problem{{Field: "rule_set", Message: msg}}}
}

// CheckOffered refuses (a *levels.InvalidError naming rule_set) a dossier under Decree
// 85/2016 that the web application does not offer for the system now (D85Allowed). Other
// sets are left to MakeDossier.
func CheckOffered(prof *levels.Profile, ruleSet string, now time.Time) error {
	if ruleSet == oldRuleSet && !D85Allowed(prof, now) {
		return d85Refusal(prof)
	}
	return nil
}

// InForceOn is the built-in rule set in force on now's day in Vietnam: the one whose dates
// cover the day and that is not provisional, else a provisional one whose dates cover it
// (a set built before its text was checked); nil when none does (01/07–18/08/2026, when
// Decree 85 had lapsed and Decree 331 was not yet in force).
func InForceOn(now time.Time) (*levels.RuleSet, error) {
	sets, err := levels.Embedded()
	if err != nil {
		return nil, err
	}
	day := workdays.DateOf(now).Start()
	var provisional *levels.RuleSet
	for _, rs := range sets {
		if rs.InForceOn(day) {
			return rs, nil
		}
		d := day.Format(time.DateOnly)
		if rs.Status == levels.StatusProvisional && provisional == nil && d >= rs.EffectiveFrom && (rs.EffectiveTo == "" || d <= rs.EffectiveTo) {
			provisional = rs
		}
	}
	return provisional, nil
}

// RuleSetChoice is one rule set the dossier form offers.
type RuleSetChoice struct {
	ID, Title string
	Selected  bool
	Note      string // why it is offered, or what it lacks
}

// RuleSetChoices are the rule sets the web application offers for a new dossier of a
// system with profile prof on now's day: the set in force then (preselected, as contract
// §6 asks; the server's own rule file when it runs with one in force then), Decree 85 for a
// transitional system until the Art. 39.1 deadline (D85Allowed), and the server's own rule
// file. A set whose templates the server lacks says so.
func (r *Registry) RuleSetChoices(prof *levels.Profile, now time.Time) ([]RuleSetChoice, error) {
	inForce, err := InForceOn(now)
	if err != nil {
		return nil, err
	}
	sets, err := levels.Embedded()
	if err != nil {
		return nil, err
	}
	sets = slices.Clone(sets)
	slices.SortFunc(sets, func(a, b *levels.RuleSet) int { return cmpString(b.EffectiveFrom, a.EffectiveFrom) }) // newest first
	// Between 01/07 and 18/08/2026 no built-in set was in force: the next one is preselected.
	inForceNote := "đang áp dụng ngày " + workdays.DateOf(now).VN()
	if inForce == nil && len(sets) > 0 {
		inForce = sets[0]
		if d, err := workdays.ParseDate(inForce.EffectiveFrom); err == nil {
			inForceNote = "có hiệu lực từ " + d.VN()
		}
	}
	agency := false
	if own, _ := builtIn(r.rules.ID); own == nil || own.Digest != r.rules.Digest {
		// The agency's own set comes first, and is preselected while in force by its dates.
		agency = true
		sets = append([]*levels.RuleSet{r.rules}, sets...)
		if r.rules.InForceOn(workdays.DateOf(now).Start()) {
			inForce, inForceNote = r.rules, "đang áp dụng ngày "+workdays.DateOf(now).VN()
		}
	}
	var out []RuleSetChoice
	for _, rs := range sets {
		c := RuleSetChoice{ID: rs.ID, Title: rs.Title}
		switch {
		case rs.ID == inForce.ID && rs.Digest == inForce.Digest:
			c.Note, c.Selected = inForceNote, true
		case rs.ID == oldRuleSet && D85Allowed(prof, now):
			c.Note = "hệ thống đang đầu tư, xây dựng trước ngày 01/7/2026: còn được phê duyệt theo Nghị định 85/2016/NĐ-CP đến " + TransitionalDeadline.VN() + " (khoản 1 Điều 39 Nghị định 331/2026/NĐ-CP)"
			if !D85LastDay.Before(workdays.DateOf(now)) {
				c.Note = "còn hiệu lực đến " + D85LastDay.VN()
			}
		case agency && rs == r.rules:
			c.Note = "bộ quy tắc riêng của máy chủ"
		default:
			continue
		}
		if err := r.engine.Supports(rs); err != nil {
			c.Note += "; chưa có mẫu hồ sơ có sẵn"
		}
		out = append(out, c)
	}
	return out, nil
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// SetLevel is a system's level under one built-in rule set.
type SetLevel struct {
	RuleSet   *levels.RuleSet
	Decision  levels.Decision
	Procedure *levels.Procedure // nil at level 0
	InForce   bool              // the set in force today
}

// LevelComparison is a system's level under each built-in rule set, oldest set first, and
// what changes from the first to the last.
type LevelComparison struct {
	Sets    []SetLevel
	Changes []string
}

// Levels maps each built-in rule set's id to the level (docs/contract.md §6 "levels").
func (lc LevelComparison) Levels() map[string]int {
	out := make(map[string]int, len(lc.Sets))
	for _, s := range lc.Sets {
		out[s.RuleSet.ID] = s.Decision.Level
	}
	return out
}

// CompareLevels classifies prof under every built-in rule set (docs/contract.md §6: the level of
// the current version under each), and says what changes between Decree 85 and Decree 331:
// the level, the decisive criteria, who appraises and approves and how fast, and what
// Decree 331 adds before approval.
func CompareLevels(ctx context.Context, prof levels.Profile, now time.Time) (LevelComparison, error) {
	sets, err := levels.Embedded()
	if err != nil {
		return LevelComparison{}, err
	}
	sets = slices.Clone(sets)
	slices.SortFunc(sets, func(a, b *levels.RuleSet) int { return cmpString(a.EffectiveFrom, b.EffectiveFrom) })
	inForce, err := InForceOn(now)
	if err != nil {
		return LevelComparison{}, err
	}
	var lc LevelComparison
	for _, rs := range sets {
		p := prof
		dec, err := rs.Classify(ctx, &p)
		if err != nil {
			return LevelComparison{}, fmt.Errorf("bộ quy tắc %s: %w", rs.ID, err)
		}
		sl := SetLevel{RuleSet: rs, Decision: dec, InForce: inForce != nil && inForce.ID == rs.ID}
		if proc, ok := rs.ProcedureOf(dec.Level, &p); ok {
			sl.Procedure = &proc
		}
		lc.Sets = append(lc.Sets, sl)
	}
	var from, to *SetLevel
	for i := range lc.Sets {
		switch lc.Sets[i].RuleSet.ID {
		case oldRuleSet:
			from = &lc.Sets[i]
		case newRuleSet:
			to = &lc.Sets[i]
		}
	}
	if from != nil && to != nil {
		lc.Changes = changes(from, to)
	}
	return lc, nil
}

// changes says in Vietnamese what moving from one set to the other changes.
func changes(from, to *SetLevel) []string {
	a, b := from.Decision.Level, to.Decision.Level
	name := func(l int) string {
		if l == 0 {
			return "chưa xác định"
		}
		return fmt.Sprintf("cấp độ %d", l)
	}
	var out []string
	switch {
	case a == b:
		out = append(out, fmt.Sprintf("Cấp độ không đổi: %s theo cả hai nghị định.", name(a)))
	case a == 0 || b == 0:
		out = append(out, fmt.Sprintf("Cấp độ: %s theo Nghị định 85/2016/NĐ-CP, %s theo Nghị định 331/2026/NĐ-CP.", name(a), name(b)))
	case b > a:
		out = append(out, fmt.Sprintf("Cấp độ tăng từ %s (Nghị định 85/2016/NĐ-CP) lên %s (Nghị định 331/2026/NĐ-CP).", name(a), name(b)))
	default:
		out = append(out, fmt.Sprintf("Cấp độ giảm từ %s (Nghị định 85/2016/NĐ-CP) xuống %s (Nghị định 331/2026/NĐ-CP).", name(a), name(b)))
	}
	if len(from.Decision.Decisive) > 0 || len(to.Decision.Decisive) > 0 {
		out = append(out, fmt.Sprintf("Tiêu chí quyết định: %s → %s.", idList(from.Decision.Decisive), idList(to.Decision.Decisive)))
	}
	if p, q := from.Procedure, to.Procedure; p != nil && q != nil {
		if p.Appraiser != q.Appraiser {
			out = append(out, fmt.Sprintf("Thẩm định: %s → %s (%s).", p.Appraiser, q.Appraiser, q.Citation))
		}
		if p.Approver != q.Approver {
			out = append(out, fmt.Sprintf("Phê duyệt: %s → %s.", p.Approver, q.Approver))
		}
		if p.AppraisalDeadline.Label() != q.AppraisalDeadline.Label() {
			out = append(out, fmt.Sprintf("Thời hạn thẩm định: %s → %s.", p.AppraisalDeadline.Label(), q.AppraisalDeadline.Label()))
		}
		if p.ApprovalDeadline.Label() != q.ApprovalDeadline.Label() {
			out = append(out, fmt.Sprintf("Thời hạn phê duyệt: %s → %s.", p.ApprovalDeadline.Label(), q.ApprovalDeadline.Label()))
		}
	}
	if b > 0 {
		out = append(out,
			"Theo Nghị định 331/2026/NĐ-CP, hồ sơ cần đánh giá rủi ro an ninh mạng của hệ thống (Điều 10) và chủ quản phải ban hành Quy chế bảo đảm an ninh mạng trước khi phê duyệt ("+regulationCite+").",
			fmt.Sprintf("Yêu cầu bảo vệ theo TCVN 14423:2026 (mục %d, cấp độ %d), thay cho TCVN 11930:2017.", b+2, b))
	}
	return out
}

func idList(ids []string) string {
	if len(ids) == 0 {
		return "không có"
	}
	s := ids[0]
	for _, id := range ids[1:] {
		s += ", " + id
	}
	return s
}

// TransitionSummary is what the transition asks of a unit now, for its dashboard.
type TransitionSummary struct {
	// Approved are the first systems of the unit's subtree whose level was approved under
	// Decree 85/2016 (ApprovedTotal of them), with the obligation they share (Compliance).
	// They include the systems whose approval under Decree 85 was declared on import and
	// not recorded in capdo (store.ApprovedSystem.Declared; DeclaredTotal of them).
	Approved      []store.ApprovedSystem
	ApprovedTotal int
	DeclaredTotal int
	Compliance    Countdown
	// Pending are the first Decree 85 dossiers made after D85LastDay and not yet approved,
	// in the unit's scope (PendingTotal of them), with the Art. 39.1 deadline they share
	// (Transitional).
	Pending      []PendingDossier
	PendingTotal int
	Transitional Countdown
}

// TransitionListed is how many systems and dossiers TransitionOf lists.
const TransitionListed = 10

// PendingDossier is a Decree 85 dossier waiting for approval during the transition.
type PendingDossier struct {
	store.Dossier
	// Transitional: its profile declares the system transitional; without it the dossier
	// should not have been made under Decree 85.
	Transitional bool
}

// Empty reports whether the transition asks nothing of the unit.
func (t TransitionSummary) Empty() bool { return len(t.Approved) == 0 && len(t.Pending) == 0 }

// TransitionOf is the transition summary of scope sc on now's day.
func (r *Registry) TransitionOf(ctx context.Context, sc store.Scope, now time.Time) (TransitionSummary, error) {
	t := TransitionSummary{Compliance: ComplianceCountdown(0, now), Transitional: TransitionalCountdown(now)}
	var err error
	if t.Approved, t.ApprovedTotal, t.DeclaredTotal, err = r.store.ApprovedUnder(ctx, sc, oldRuleSet, TransitionListed); err != nil {
		return t, err
	}
	ds, total, err := r.store.PendingUnder(ctx, sc, oldRuleSet, D85LastDay.AddDays(1).Start(), TransitionListed)
	if err != nil {
		return t, err
	}
	t.PendingTotal = total
	for _, d := range ds {
		t.Pending = append(t.Pending, PendingDossier{Dossier: d, Transitional: d.Profile.Bool("transitional")})
	}
	return t, nil
}
