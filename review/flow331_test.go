package review_test

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"capdo/levels"
	"capdo/review"
)

// flow331 is the Decree 331 flow of a level for a civil system, or a critical one.
func flow331(t *testing.T, level int, facts ...string) review.Flow {
	t.Helper()
	rs, err := levels.Open("d331-2026")
	if err != nil {
		t.Fatal(err)
	}
	p := &levels.Profile{Owner: "UBND tỉnh Kiên Giang"}
	p.SetText("owner_sector", "civil")
	for _, f := range facts {
		p.SetBool(f, true)
	}
	proc, ok := rs.ProcedureOf(level, p)
	if !ok {
		t.Fatalf("no procedure for level %d", level)
	}
	return review.FlowFor(level, proc)
}

// Each route of Decree 331 Art. 18 and 20, step by step: who may take which step in
// which status.
func TestNextDecree331(t *testing.T) {
	type tr struct {
		level  int
		from   review.Status
		action review.Action
		role   string
		want   review.Status
		err    error
	}
	for _, c := range []tr{
		// Levels 1–2: the cyber unit receives, appraises and approves (Art. 18.1, 20.1.b).
		{2, review.Draft, review.Submit, "operator", review.Submitted, nil},
		{2, review.Submitted, review.Accept, "infosec", review.Received, nil},
		{2, review.Submitted, review.Return, "infosec", review.Returned, nil}, // incomplete (Art. 23.2)
		{2, review.Submitted, review.Appraise, "infosec", review.Appraised, nil},
		{2, review.Submitted, review.Accept, "owner", "", review.ErrForbidden},
		{2, review.Received, review.Appraise, "infosec", review.Appraised, nil},
		{2, review.Received, review.Accept, "infosec", "", review.ErrConflict},
		{1, review.Appraised, review.Approve, "infosec", review.Approved, nil},
		{1, review.Appraised, review.Approve, "owner", "", review.ErrForbidden},
		{1, review.Submitted, review.Opinion, "infosec", "", review.ErrConflict},
		{1, review.Submitted, review.Forward, "owner", "", review.ErrConflict},
		// Level 3: the cyber unit appraises, the owner approves (Art. 18.2, 20.3.b).
		{3, review.Submitted, review.Accept, "infosec", review.Received, nil},
		{3, review.Received, review.Appraise, "infosec", review.Appraised, nil},
		{3, review.Received, review.Return, "infosec", review.Returned, nil},
		{3, review.Received, review.Appraise, "authority", "", review.ErrForbidden},
		{3, review.Appraised, review.Approve, "owner", review.Approved, nil},
		{3, review.Appraised, review.Approve, "infosec", "", review.ErrForbidden},
		// Levels 4–5: professional opinion, the owner forwards, the appraiser receives and
		// appraises, the owner approves (Art. 18.3, 20.1.d, 20.3).
		{4, review.Submitted, review.Opinion, "infosec", review.OpinionGiven, nil},
		{4, review.Submitted, review.Accept, "authority", "", review.ErrConflict},
		{4, review.OpinionGiven, review.Forward, "owner", review.Forwarded, nil},
		{4, review.OpinionGiven, review.Return, "owner", review.Returned, nil},
		{4, review.OpinionGiven, review.Appraise, "authority", "", review.ErrConflict}, // not forwarded yet
		{4, review.OpinionGiven, review.Forward, "infosec", "", review.ErrForbidden},
		{4, review.Forwarded, review.Accept, "authority", review.Received, nil},
		{4, review.Forwarded, review.Return, "authority", review.Returned, nil},
		{4, review.Forwarded, review.Appraise, "authority", review.Appraised, nil},
		{4, review.Received, review.Appraise, "authority", review.Appraised, nil},
		{4, review.Received, review.Appraise, "infosec", "", review.ErrForbidden},
		{5, review.Appraised, review.Approve, "owner", review.Approved, nil},
		{5, review.Appraised, review.Approve, "authority", "", review.ErrForbidden},
		{5, review.Returned, review.Submit, "operator", review.Submitted, nil},
	} {
		got, err := flow331(t, c.level).Next(c.from, c.action, c.role)
		if got != c.want || !errors.Is(err, c.err) || (c.err == nil && err != nil) {
			t.Errorf("level %d: Next(%s, %s, %s) = %q, %v; want %q, %v", c.level, c.from, c.action, c.role, got, err, c.want, c.err)
		}
	}
	// A critical level-3 system follows the level-5 route (Art. 20.4).
	f := flow331(t, 3, "critical_system")
	if got, err := f.Next(review.Submitted, review.Opinion, "infosec"); got != review.OpinionGiven || err != nil {
		t.Errorf("critical level 3: opinion = %q, %v", got, err)
	}
	if got, err := f.Next(review.Forwarded, review.Accept, "authority"); got != review.Received || err != nil {
		t.Errorf("critical level 3: the authority accepts = %q, %v", got, err)
	}
}

// Holders, stages and statutory deadlines of each route, in working days; none where
// the decree sets none.
func TestHoldersAndDeadlinesDecree331(t *testing.T) {
	type stage struct {
		status   review.Status
		holder   string
		deadline string // "" = none
	}
	for _, c := range []struct {
		name   string
		flow   review.Flow
		stages []stage
		after  []string
	}{
		{"levels 1–2", flow331(t, 2), []stage{
			{review.Draft, "operator", ""}, {review.Submitted, "infosec", "05 ngày làm việc"},
			{review.Received, "infosec", ""}, {review.Appraised, "infosec", "07 ngày làm việc"}, {review.Approved, "", ""},
		}, []string{"report"}},
		{"level 3", flow331(t, 3), []stage{
			{review.Draft, "operator", ""}, {review.Submitted, "infosec", "05 ngày làm việc"},
			{review.Received, "infosec", "15 ngày làm việc"}, {review.Appraised, "owner", "07 ngày làm việc"}, {review.Approved, "", ""},
		}, nil},
		{"level 4", flow331(t, 4), []stage{
			{review.Draft, "operator", ""}, {review.Submitted, "infosec", ""}, {review.OpinionGiven, "owner", ""},
			{review.Forwarded, "authority", "05 ngày làm việc"}, {review.Received, "authority", "25 ngày làm việc"},
			{review.Appraised, "owner", "07 ngày làm việc"}, {review.Approved, "", ""},
		}, nil},
		{"level 5", flow331(t, 5), []stage{
			{review.Draft, "operator", ""}, {review.Submitted, "infosec", ""}, {review.OpinionGiven, "owner", ""},
			{review.Forwarded, "authority", "05 ngày làm việc"}, {review.Received, "authority", "25 ngày làm việc"},
			{review.Appraised, "owner", "07 ngày làm việc"}, {review.Approved, "", ""},
		}, []string{"pm_list"}},
		{"critical level 4", flow331(t, 4, "critical_system"), []stage{
			{review.Draft, "operator", ""}, {review.Submitted, "infosec", ""}, {review.OpinionGiven, "owner", ""},
			{review.Forwarded, "authority", "05 ngày làm việc"}, {review.Received, "authority", "25 ngày làm việc"},
			{review.Appraised, "owner", "07 ngày làm việc"}, {review.Approved, "", ""},
		}, []string{"pm_list"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var want []review.Status
			for _, st := range c.stages {
				want = append(want, st.status)
				if h := c.flow.Holder(st.status); h != st.holder {
					t.Errorf("Holder(%s) = %q, want %q", st.status, h, st.holder)
				}
				d := c.flow.Deadline(st.status)
				if got := map[bool]string{true: d.Label(), false: ""}[d != nil]; got != st.deadline {
					t.Errorf("Deadline(%s) = %q, want %q", st.status, got, st.deadline)
				}
			}
			if got := c.flow.Stages(); !slices.Equal(got, want) {
				t.Errorf("Stages() = %v, want %v", got, want)
			}
			var after []string
			for _, a := range c.flow.AfterApproval() {
				after = append(after, a.Action)
			}
			if !slices.Equal(after, c.after) {
				t.Errorf("AfterApproval() = %v, want %v", after, c.after)
			}
		})
	}
}

// The clocks of Decree 331 against dates counted by hand (workdays/handcount_test.go):
// receipt 5, appraisal 15 and 25, approval 7 working days.
func TestDueAtDecree331HandCounted(t *testing.T) {
	at := func(s string) time.Time {
		t.Helper()
		d, err := time.ParseInLocation("2006-01-02 15:04", s, review.Vietnam)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, c := range []struct {
		name    string
		flow    review.Flow
		stage   review.Status
		entered string
		want    string
	}{
		// Tue 25/08 … Fri 28/08 (1–4), Mon 31/08 swapped, Tue–Wed 01–02/09 Quốc khánh, Thu 03/09 (5).
		{"receipt, level 3, across Quốc khánh 2026", flow331(t, 3), review.Submitted, "2026-08-24 08:00", "2026-09-03"},
		// Tet 2027 off from Thu 04/02 to Wed 10/02: 15 working days end Mon 01/03/2027.
		{"appraisal, level 3, across Tết 2027", flow331(t, 3), review.Received, "2027-02-01 10:00", "2027-03-01"},
		// Giỗ Tổ Fri 16/04, 30/4–1/5 and Mon 03/05 off: 25 working days end Tue 18/05/2027.
		{"appraisal, level 4, across Giỗ Tổ and 30/4–1/5 2027", flow331(t, 4), review.Received, "2027-04-08 16:30", "2027-05-18"},
		{"appraisal, level 5 (critical route of level 3)", flow331(t, 3, "critical_system"), review.Received, "2027-04-08 16:30", "2027-05-18"},
		// Fri 23/04: Mon 26 … Thu 29/04 (1–4), 30/04–03/05 off, Tue 04 … Thu 06/05 (5–7).
		{"approval across 30/4–1/5 2027", flow331(t, 3), review.Appraised, "2027-04-23 09:00", "2027-05-06"},
		{"receipt by the authority, level 4", flow331(t, 4), review.Forwarded, "2026-08-24 08:00", "2026-09-03"},
	} {
		due, ok := c.flow.DueAt(c.stage, at(c.entered))
		if !ok || due.Format("2006-01-02") != c.want {
			t.Errorf("%s: DueAt = %v %v, want the end of %s", c.name, due, ok, c.want)
		}
	}
	for _, c := range []struct {
		name  string
		flow  review.Flow
		stage review.Status
	}{
		{"appraisal, levels 1–2 (Art. 23.3 sets none)", flow331(t, 2), review.Received},
		{"professional opinion, level 4 (Art. 20.1.d sets none)", flow331(t, 4), review.Submitted},
		{"forwarding by the owner", flow331(t, 5), review.OpinionGiven},
	} {
		if due, ok := c.flow.DueAt(c.stage, at("2026-12-01 09:00")); ok {
			t.Errorf("%s: DueAt = %v, want no deadline", c.name, due)
		}
	}
}

// A designated appraiser acts in the stages of receipt and appraisal; an authority is
// reached at the forwarding (Decree 331) or at the submission (Decree 85).
func TestAppraisalStagesAndRouting(t *testing.T) {
	if got := flow331(t, 3).AppraisalStages(); !slices.Equal(got, []review.Status{review.Submitted, review.Received}) {
		t.Errorf("level 3 appraisal stages %v", got)
	}
	if got := flow331(t, 4).AppraisalStages(); !slices.Equal(got, []review.Status{review.Forwarded, review.Received}) {
		t.Errorf("level 4 appraisal stages %v", got)
	}
	if got := flow(t, 3).AppraisalStages(); !slices.Equal(got, []review.Status{review.Submitted}) {
		t.Errorf("d85 level 3 appraisal stages %v", got)
	}
	for _, c := range []struct {
		f    review.Flow
		s    review.Status
		want bool
	}{
		{flow331(t, 4), review.Forwarded, true}, {flow331(t, 4), review.Submitted, false},
		{flow331(t, 3), review.Submitted, false}, {flow331(t, 3, "critical_system"), review.Forwarded, true},
		{flow(t, 4), review.Submitted, true}, {flow(t, 3), review.Submitted, false},
	} {
		if got := c.f.RoutesToAuthority(c.s); got != c.want {
			t.Errorf("level %d RoutesToAuthority(%s) = %v", c.f.Level, c.s, got)
		}
	}
}

// Steps recorded after the approval belong to their role.
func TestAfterStep(t *testing.T) {
	if st, err := flow331(t, 5).AfterStep(review.PMList, "owner"); err != nil || !st.Decision {
		t.Errorf("level 5 pm_list by the owner: %+v, %v", st, err)
	}
	if _, err := flow331(t, 5).AfterStep(review.PMList, "infosec"); !errors.Is(err, review.ErrForbidden) {
		t.Errorf("pm_list by infosec: %v", err)
	}
	if _, err := flow331(t, 3).AfterStep(review.PMList, "owner"); !errors.Is(err, review.ErrConflict) {
		t.Errorf("pm_list at level 3: %v", err)
	}
	if st, err := flow331(t, 1).AfterStep(review.Report, "infosec"); err != nil || st.Decision {
		t.Errorf("report at level 1: %+v, %v", st, err)
	}
	if !review.Report.IsAfterApproval() || review.Approve.IsAfterApproval() {
		t.Error("IsAfterApproval")
	}
}

// Procedures pinned before these steps existed (Decree 85, and the provisional Decree
// 331 set) still load and build the flow they always had.
func TestPinnedProceduresKeepTheirFlow(t *testing.T) {
	for _, c := range []struct {
		name   string
		pinned string
		stages []review.Status
	}{
		{"d85 level 4", `{"levels":[4],"citation":"Khoản 3 Điều 12 Nghị định 85/2016/NĐ-CP","appraiser":"Bộ Thông tin và Truyền thông","addressee":"[CƠ QUAN THẨM ĐỊNH HỒ SƠ CẤP ĐỘ 4–5]","appraiser_role":"authority","approver":"Chủ quản hệ thống thông tin","approver_role":"owner","professional_opinion":{"required":true,"by_role":"infosec","citation":"Điểm d khoản 1 Điều 14 Nghị định 85/2016/NĐ-CP"},"appraisal_deadline":{"days":30,"unit":"calendar","citation":"Điểm b khoản 2 Điều 16"},"approval_deadline":{"days":7,"unit":"working","citation":"Khoản 2 Điều 17"}}`,
			[]review.Status{review.Draft, review.Submitted, review.OpinionGiven, review.Appraised, review.Approved}},
		{"provisional d331 level 3", `{"levels":[3],"citation":"Khoản 2 Điều 18 Nghị định 331/2026/NĐ-CP","appraiser":"Đơn vị chuyên trách","addressee":"Đơn vị chuyên trách của UBND tỉnh A","appraiser_role":"infosec","approver":"Chủ quản hệ thống thông tin","approver_role":"owner","appraisal_deadline":{"days":15,"unit":"working","citation":"Điều 23–24"},"approval_deadline":{"days":7,"unit":"working","citation":"Điều 23–24"}}`,
			[]review.Status{review.Draft, review.Submitted, review.Appraised, review.Approved}},
	} {
		var p levels.Procedure
		if err := json.Unmarshal([]byte(c.pinned), &p); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		f := review.FlowFor(p.Levels[0], p)
		if got := f.Stages(); !slices.Equal(got, c.stages) {
			t.Errorf("%s: Stages() = %v, want %v", c.name, got, c.stages)
		}
		if _, err := f.Next(review.Submitted, review.Accept, p.AppraiserRole); !errors.Is(err, review.ErrConflict) {
			t.Errorf("%s: accept is no step of a pinned procedure without an intake deadline: %v", c.name, err)
		}
	}
}
