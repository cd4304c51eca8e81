package registry_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"capdo/levels"
	"capdo/registry"
	"capdo/review"
	"capdo/store"
	"capdo/workdays"
)

// at is 09:00 in Vietnam on the day s (YYYY-MM-DD).
func at(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.ParseInLocation(time.DateOnly, s, review.Vietnam)
	if err != nil {
		t.Fatal(err)
	}
	return d.Add(9 * time.Hour)
}

// The countdowns at fixed dates, counted by hand: calendar days to the deadline, working
// days after today up to it (weekends, 01/01/2027 off; no other holiday falls in these
// windows), and the state from the earlier reading of the deadline.
func TestCountdown(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name          string
		day           string
		compliance    bool
		days, working int
		state         string
	}{
		// Transitional approval under Decree 85: deadline 01/01/2027 (a holiday), warn from 31/12/2026.
		{"transitional, three weeks before", "2026-12-03", false, 29, 20, registry.StateOpen},           // Dec 4 + 3×5 + Dec 28–31
		{"transitional, the week before", "2026-12-21", false, 11, 8, registry.StateOpen},               // Dec 22–25, 28–31
		{"transitional, the earlier reading's last day", "2026-12-31", false, 1, 0, registry.StateWarn}, // 01/01 is off
		{"transitional, the deadline itself", "2027-01-01", false, 0, 0, registry.StateWarn},
		{"transitional, the day after", "2027-01-02", false, -1, 0, registry.StateOverdue},
		{"transitional, a Monday later", "2027-01-04", false, -3, -1, registry.StateOverdue}, // Jan 4 worked past it
		// Decree 331 compliance of a Decree 85 level: deadline 01/07/2027, warn from 30/06/2027.
		{"compliance, ten days before", "2027-06-21", true, 10, 8, registry.StateOpen}, // Jun 22–25, 28–30, Jul 1
		{"compliance, the earlier reading's last day", "2027-06-30", true, 1, 1, registry.StateWarn},
		{"compliance, the deadline itself", "2027-07-01", true, 0, 0, registry.StateWarn},
		{"compliance, the day after", "2027-07-02", true, -1, -1, registry.StateOverdue},
		{"compliance, half a year before", "2026-12-31", true, 182, -99, registry.StateOpen},
	} {
		t.Run(c.name, func(t *testing.T) {
			now := at(t, c.day)
			cd := registry.TransitionalCountdown(now)
			if c.compliance {
				cd = registry.ComplianceCountdown(3, now)
			}
			if cd.DaysLeft != c.days || (c.working != -99 && cd.WorkingDaysLeft != c.working) || cd.State != c.state {
				t.Errorf("%s: days %d, working %d, state %s; want %d, %d, %s", c.day, cd.DaysLeft, cd.WorkingDaysLeft, cd.State, c.days, c.working, c.state)
			}
			if !strings.Contains(cd.Note, "[cần đối chiếu") {
				t.Errorf("the disputed day is not marked: %q", cd.Note)
			}
		})
	}
	if cd := registry.ComplianceCountdown(3, at(t, "2027-01-04")); !strings.Contains(cd.Obligation, "TCVN 14423:2026 (mục 5)") ||
		cd.Deadline.String() != "2027-07-01" || cd.WarnFrom.String() != "2027-06-30" || !strings.Contains(cd.Basis, "Điều 45 Luật An ninh mạng") {
		t.Errorf("compliance of a level 3 = %+v", cd)
	}
}

// Whether a Decree 85 dossier may still be made, and what the form offers.
func TestD85Allowed(t *testing.T) {
	t.Parallel()
	plain := profileL3
	transitional := profileL3
	if err := transitional.SetBool("transitional", true); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		day          string
		plain, trans bool
	}{
		{"2026-06-30", true, true},   // Decree 85 in force
		{"2026-07-01", false, true},  // lapsed: transitional systems only
		{"2027-01-01", false, true},  // the deadline day (disputed) is still offered
		{"2027-01-02", false, false}, // past the Art. 39.1 deadline
	} {
		if got := registry.D85Allowed(&plain, at(t, c.day)); got != c.plain {
			t.Errorf("%s: D85Allowed(plain) = %v", c.day, got)
		}
		if got := registry.D85Allowed(&transitional, at(t, c.day)); got != c.trans {
			t.Errorf("%s: D85Allowed(transitional) = %v", c.day, got)
		}
	}
	var ie *levels.InvalidError
	if err := registry.CheckOffered(&plain, "d85-2016", at(t, "2026-12-03")); !errors.As(err, &ie) || ie.Problems[0].Field != "rule_set" ||
		!strings.Contains(ie.Problems[0].Message, "khoản 1 Điều 39") {
		t.Errorf("d85 for a plain system after it lapsed: %v", err)
	}
	if err := registry.CheckOffered(&transitional, "d85-2016", at(t, "2027-01-04")); !errors.As(err, &ie) || !strings.Contains(ie.Problems[0].Message, "Đã hết thời hạn 01/01/2027") {
		t.Errorf("d85 for a transitional system past the deadline: %v", err)
	}
	for _, ok := range []struct {
		p  *levels.Profile
		rs string
	}{{&transitional, "d85-2016"}, {&plain, "d331-2026"}, {&plain, ""}, {&plain, "tinh-rieng"}} {
		if err := registry.CheckOffered(ok.p, ok.rs, at(t, "2026-12-03")); err != nil {
			t.Errorf("CheckOffered(%s) = %v", ok.rs, err)
		}
	}
}

// The set in force by date; the form's choices: the set in force preselected, Decree 85
// only for a transitional system.
func TestRuleSetChoices(t *testing.T) {
	t.Parallel()
	for day, want := range map[string]string{"2026-06-30": "d85-2016", "2026-07-15": "", "2026-08-19": "d331-2026", "2027-03-01": "d331-2026"} {
		rs, err := registry.InForceOn(at(t, day))
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if rs != nil {
			got = rs.ID
		}
		if got != want {
			t.Errorf("InForceOn(%s) = %q, want %q", day, got, want)
		}
	}
	e := newEnv(t)
	r := e.registry(t, levels.DefaultRuleSet)
	choices := func(p *levels.Profile, day string) string {
		cs, err := r.RuleSetChoices(p, at(t, day))
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, c := range cs {
			if c.Selected {
				out = append(out, "*"+c.ID)
			} else {
				out = append(out, c.ID)
			}
		}
		return strings.Join(out, " ")
	}
	plain, transitional := profileL3, profileL3
	transitional.SetBool("transitional", true)
	for _, c := range []struct {
		p         *levels.Profile
		day, want string
	}{
		{&plain, "2026-03-02", "*d85-2016"},
		{&plain, "2026-12-03", "*d331-2026"},
		{&transitional, "2026-12-03", "*d331-2026 d85-2016"},
		{&transitional, "2027-01-02", "*d331-2026"},
		{&plain, "2026-07-15", "*d331-2026"}, // no set in force: the next one
		{&transitional, "2026-07-15", "*d331-2026 d85-2016"},
	} {
		if got := choices(c.p, c.day); got != c.want {
			t.Errorf("choices for %s on %s = %q, want %q", c.p.Name, c.day, got, c.want)
		}
	}
}

// The level under both built-in sets side by side, with what changes.
func TestCompareLevels(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	p := profileL3
	lc, err := registry.CompareLevels(ctx, p, at(t, "2026-12-03"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	for _, id := range []string{"d85-2016", "d331-2026"} {
		rs, _ := levels.Open(id)
		q := profileL3
		d, err := rs.Classify(ctx, &q)
		if err != nil {
			t.Fatal(err)
		}
		want[id] = d.Level
	}
	if got := lc.Levels(); !reflect.DeepEqual(got, want) {
		t.Errorf("levels = %v, want %v", got, want)
	}
	if len(lc.Sets) != 2 || lc.Sets[0].RuleSet.ID != "d85-2016" || lc.Sets[1].RuleSet.ID != "d331-2026" || lc.Sets[0].InForce || !lc.Sets[1].InForce {
		t.Errorf("sets in order and in force: %+v", lc.Sets)
	}
	if len(lc.Sets[0].Decision.Reasons) == 0 || lc.Sets[0].Procedure == nil {
		t.Errorf("Decree 85 side lacks its reasons or procedure: %+v", lc.Sets[0])
	}
	text := strings.Join(lc.Changes, "\n")
	for _, s := range []string{"Nghị định 85/2016/NĐ-CP", "Tiêu chí quyết định: D85.A9.K2.c", "khoản 7 Điều 30", "TCVN 14423:2026"} {
		if !strings.Contains(text, s) {
			t.Errorf("changes lack %q:\n%s", s, text)
		}
	}
}

// A Decree 85 dossier made after Decree 85 lapsed: the deadline, and a warning when the
// system is not declared transitional or the approval came late.
func TestDossierTransition(t *testing.T) {
	t.Parallel()
	made := at(t, "2026-11-02")
	d := store.Dossier{RuleSet: "d85-2016", CreatedAt: made, Status: string(review.Submitted), Profile: profileL3}
	tr := registry.DossierTransitionOf(d, at(t, "2026-12-21"))
	if tr == nil || tr.Transitional || tr.Countdown.DaysLeft != 11 || len(tr.Warnings) != 1 || !strings.Contains(tr.Warnings[0], "không khai báo") {
		t.Fatalf("a plain system's dossier = %+v", tr)
	}
	d.Profile.SetBool("transitional", true)
	if tr := registry.DossierTransitionOf(d, at(t, "2026-12-21")); tr == nil || !tr.Transitional || len(tr.Warnings) != 0 {
		t.Errorf("a transitional system's dossier = %+v", tr)
	}
	if tr := registry.DossierTransitionOf(d, at(t, "2026-12-31")); tr == nil || len(tr.Warnings) != 1 || !strings.Contains(tr.Warnings[0], "31/12/2026") {
		t.Errorf("on the earlier reading's last day = %+v", tr)
	}
	d.Status, d.Approval = string(review.Approved), &store.Approval{ApprovedAt: at(t, "2027-01-05")}
	if tr := registry.DossierTransitionOf(d, at(t, "2027-02-01")); tr == nil || !tr.Late || tr.Approved.String() != "2027-01-05" || len(tr.Warnings) != 1 {
		t.Errorf("approved late = %+v", tr)
	}
	for _, other := range []store.Dossier{
		{RuleSet: "d85-2016", CreatedAt: at(t, "2026-06-30"), Profile: profileL3},
		{RuleSet: "d331-2026", CreatedAt: made, Profile: profileL3},
		{RuleSet: "d85-2016", CreatedAt: made, Status: string(review.Withdrawn), Profile: profileL3},
	} {
		if tr := registry.DossierTransitionOf(other, at(t, "2026-12-21")); tr != nil {
			t.Errorf("%s made %v (%s) = %+v, want none", other.RuleSet, other.CreatedAt, other.Status, tr)
		}
	}
	sys := store.System{Profile: profileL3, Approved: &store.Approval{Level: 3, RuleSet: "d85-2016"}}
	if c := registry.SystemTransition(sys, nil, at(t, "2027-06-21")); c == nil || c.Kind != registry.KindCompliance || c.DaysLeft != 10 {
		t.Errorf("a system approved under Decree 85 = %+v", c)
	}
	sys.Approved.RuleSet = "d331-2026"
	if c := registry.SystemTransition(sys, nil, at(t, "2027-06-21")); c != nil {
		t.Errorf("a system approved under Decree 331 = %+v", c)
	}
	// A level declared approved under Decree 85 on import carries the same obligation,
	// marked as declared, while no approval is recorded in capdo; one recorded prevails.
	declared := &store.DeclaredLevel{Level: 2, RuleSet: "d85-2016"}
	if c := registry.SystemTransition(sys, declared, at(t, "2027-06-21")); c != nil {
		t.Errorf("approved in capdo under Decree 331, declared under Decree 85 = %+v", c)
	}
	sys.Approved = nil
	if c := registry.SystemTransition(sys, declared, at(t, "2027-06-21")); c == nil || c.Kind != registry.KindCompliance || !c.Declared ||
		!strings.Contains(c.Obligation, "Giữ cấp độ 2") || !strings.Contains(c.Obligation, "khai báo khi nhập danh mục") {
		t.Errorf("a system declared approved under Decree 85 = %+v", c)
	}
	if c := registry.SystemTransition(sys, &store.DeclaredLevel{Level: 2, RuleSet: "d331-2026"}, at(t, "2027-06-21")); c != nil {
		t.Errorf("a system declared approved under Decree 331 = %+v", c)
	}
	if c := registry.SystemTransition(sys, nil, at(t, "2027-06-21")); c != nil {
		t.Errorf("a system neither approved nor declared = %+v", c)
	}
}

// An announcement entered by an administrator: every problem named by its field, dates in
// either form, nothing returned with a problem.
func TestCheckCalendar(t *testing.T) {
	t.Parallel()
	es, err := registry.CheckCalendar(registry.CalendarInput{Occasion: "national_day", Year: "2027", Off: "2027-09-02, 03/09/2027", Work: "2027-08-28",
		Source: " Công văn   số 1/VPCP ", Mark: "secondary"})
	if err != nil || len(es) != 3 || es[1].Date.String() != "2027-09-03" || es[2].Kind != workdays.Work || es[0].Source != "Công văn số 1/VPCP" || es[0].Year != 2027 {
		t.Fatalf("CheckCalendar = %+v, %v", es, err)
	}
	for _, c := range []struct {
		name string
		in   registry.CalendarInput
		want []string // fields
	}{
		{"nothing", registry.CalendarInput{Occasion: "other", Source: "x"}, []string{"off"}},
		{"no source", registry.CalendarInput{Occasion: "other", Off: "2027-03-01"}, []string{"source"}},
		{"unknown occasion and mark", registry.CalendarInput{Occasion: "tet", Mark: "maybe", Off: "2027-03-01", Source: "x"}, []string{"occasion", "mark"}},
		{"bad dates", registry.CalendarInput{Occasion: "other", Off: "2027-02-30 mai", Source: "x"}, []string{"off", "off"}},
		{"a weekday made up", registry.CalendarInput{Occasion: "other", Off: "2027-03-01", Work: "2027-03-02", Source: "x"}, []string{"work"}},
		{"the same day twice", registry.CalendarInput{Occasion: "other", Off: "2027-03-01", Work: "01/03/2027", Source: "x"}, []string{"work"}},
		{"a bad year", registry.CalendarInput{Occasion: "other", Year: "hai", Off: "2027-03-01", Source: "x"}, []string{"year"}},
	} {
		_, err := registry.CheckCalendar(c.in)
		var ie *levels.InvalidError
		if !errors.As(err, &ie) {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		var got []string
		for _, p := range ie.Problems {
			got = append(got, p.Field)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: fields %q, want %q (%v)", c.name, got, c.want, ie.Problems)
		}
	}
}
