package review_test

import (
	"testing"
	"time"

	"capdo/levels"
	"capdo/review"
)

func day(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, review.Vietnam)
	if err != nil {
		panic(err)
	}
	return t
}

func TestDue(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name    string
		d       levels.Deadline
		entered string
		want    string
	}{
		{"15 calendar days ending on a weekday", levels.Deadline{Days: 15, Unit: "calendar"}, "2026-11-02 09:00", "2026-11-17"},
		{"15 calendar days ending on a Sunday move to Monday", levels.Deadline{Days: 15, Unit: "calendar"}, "2026-11-07 09:00", "2026-11-23"},
		{"30 calendar days", levels.Deadline{Days: 30, Unit: "calendar"}, "2026-11-23 16:00", "2026-12-23"},
		{"7 working days skip the weekend", levels.Deadline{Days: 7, Unit: "working"}, "2026-11-23 10:00", "2026-12-02"},
		{"7 working days skip Tết 2026", levels.Deadline{Days: 7, Unit: "working"}, "2026-02-12 10:00", "2026-03-02"},
		{"calendar limit ending in Tết moves past it", levels.Deadline{Days: 5, Unit: "calendar"}, "2026-02-12 10:00", "2026-02-23"},
		{"late-evening UTC time counts in Vietnam", levels.Deadline{Days: 1, Unit: "working"}, "2026-11-23 23:30", "2026-11-24"},
		// Decree 331 clocks (Art. 23–24) on the workdays calendar; the day-by-day counts are in
		// workdays/handcount_test.go.
		{"15 working days across Tết 2027", levels.Deadline{Days: 15, Unit: "working"}, "2027-02-01 10:00", "2027-03-01"},
		{"25 working days across 30/4–1/5 2027", levels.Deadline{Days: 25, Unit: "working"}, "2027-04-08 16:30", "2027-05-18"},
		{"5 working days across the Quốc khánh 2026 swap", levels.Deadline{Days: 5, Unit: "working"}, "2026-08-24 08:00", "2026-09-03"},
		{"a make-up Saturday counts", levels.Deadline{Days: 1, Unit: "working"}, "2026-01-09 10:00", "2026-01-10"},
		{"calendar limit ending on 1/5/2027 moves past its compensatory day", levels.Deadline{Days: 15, Unit: "calendar"}, "2027-04-16 10:00", "2027-05-04"},
	} {
		got := review.Due(&c.d, day(c.entered))
		if got.Format("2006-01-02") != c.want || got.Hour() != 23 {
			t.Errorf("%s: Due(%d %s, %s) = %s, want end of %s", c.name, c.d.Days, c.d.Unit, c.entered, got, c.want)
		}
	}
}

func TestIsWorkingDay(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]bool{
		"2026-02-16 12:00": false, // Tết 2026
		"2026-02-23 12:00": true,
		"2026-01-10 12:00": true,  // Saturday worked for Friday 02/01/2026
		"2026-04-27 12:00": false, // compensatory day of Giỗ Tổ (Sunday 26/04/2026)
		"2026-11-29 12:00": false, // Sunday
	} {
		if got := review.IsWorkingDay(day(s)); got != want {
			t.Errorf("IsWorkingDay(%s) = %v, want %v", s, got, want)
		}
	}
}

func TestDueAtStages(t *testing.T) {
	t.Parallel()
	entered := day("2026-11-02 09:00")
	f3 := flow(t, 3)
	if due, ok := f3.DueAt(review.Submitted, entered); !ok || due.Format("2006-01-02") != "2026-11-17" {
		t.Errorf("level 3 appraisal due %v, %v; want 15 days (Art. 16.2.a)", due, ok)
	}
	if _, ok := flow(t, 2).DueAt(review.Submitted, entered); ok {
		t.Errorf("level 2 appraisal has a due date, but Art. 16 sets none for levels 1–2")
	}
	f4 := flow(t, 4)
	if _, ok := f4.DueAt(review.Submitted, entered); ok {
		t.Errorf("level 4 professional opinion has a due date, but the law sets none")
	}
	if due, ok := f4.DueAt(review.OpinionGiven, entered); !ok || due.Format("2006-01-02") != "2026-12-02" {
		t.Errorf("level 4 appraisal due %v, %v; want 30 days (Art. 16.2.b)", due, ok)
	}
	if due, ok := f4.DueAt(review.Appraised, entered); !ok || due.Format("2006-01-02") != "2026-11-11" {
		t.Errorf("level 4 approval due %v, %v; want 7 working days (Art. 17.2)", due, ok)
	}
}
