package registry_test

import (
	"context"
	"testing"
	"time"

	"capdo/levels"
	"capdo/registry"
	"capdo/review"
	"capdo/workdays"
)

// Days an administrator records move the deadlines of the dossiers in progress at once,
// and are loaded again from the database when a server starts. The test works in 2031–2032,
// years no other test of this package counts in: review.Calendar is shared.
func TestCalendarDays_MoveDeadlines(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	e.db.Now = func() time.Time { return time.Date(2031, 3, 3, 2, 0, 0, 0, time.UTC) } // Monday 03/03/2031, 09:00 in Vietnam
	r := e.registry(t, levels.DefaultRuleSet)
	made, err := r.MakeDossier(ctx, operator, e.sc, e.system, "d85-2016")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.TakeStep(ctx, operator, e.sc, made.ID, "submit", ""); err != nil {
		t.Fatal(err)
	}
	st, err := r.TakeStep(ctx, infosec, e.sc, made.ID, "appraise", "Đạt")
	if err != nil || st.To != review.Appraised {
		t.Fatalf("appraise = %+v, %v", st, err)
	}
	due := func() string {
		t.Helper()
		d, err := e.db.Dossier(ctx, e.sc, made.ID)
		if err != nil {
			t.Fatal(err)
		}
		return workdays.DateOf(d.DueAt).String()
	}
	// 7 working days for the owner's approval (Decree 85 Art. 17.2): 4–7 and 10–12 March.
	if got := due(); got != "2031-03-12" {
		t.Fatalf("approval due %s, want 2031-03-12", got)
	}
	admin := registry.Actor{UserID: 0, Username: "quantri", Role: "admin"}
	moved, err := r.AddCalendarDays(ctx, admin, registry.CalendarInput{Occasion: "other", Off: "2031-03-06", Source: "Thông báo thử số 1", Mark: "unverified"})
	if err != nil || moved != 1 {
		t.Fatalf("AddCalendarDays = %d, %v", moved, err)
	}
	if got := due(); got != "2031-03-13" {
		t.Errorf("after a day off on Thursday 06/03: due %s, want 2031-03-13", got)
	}
	moved, err = r.AddCalendarDays(ctx, admin, registry.CalendarInput{Occasion: "other", Work: "08/03/2031", Source: "Thông báo thử số 2"})
	if err != nil || moved != 1 {
		t.Fatalf("AddCalendarDays = %d, %v", moved, err)
	}
	if got := due(); got != "2031-03-12" {
		t.Errorf("after a Saturday worked on 08/03: due %s, want 2031-03-12", got)
	}
	days, err := r.CalendarDays(ctx)
	if err != nil || len(days) != 2 || days[0].Entry.Date.String() != "2031-03-08" || days[0].Entry.Kind != workdays.Work || days[1].Entry.Source != "Thông báo thử số 1" {
		t.Errorf("CalendarDays = %+v, %v", days, err)
	}

	// A day recorded (by another server) while this one ran is counted once loaded again.
	day, _ := workdays.ParseDate("2032-03-03")
	if err := e.db.AddCalendarEntries(ctx, []workdays.Entry{{Date: day, Kind: workdays.Off, Occasion: workdays.Other, Source: "Thông báo thử số 3"}}, 0); err != nil {
		t.Fatal(err)
	}
	if !review.Calendar.IsWorkingDate(day) {
		t.Fatal("the day is off before it is loaded")
	}
	if warnings, err := r.LoadCalendar(ctx); err != nil || len(warnings) != 0 {
		t.Fatalf("LoadCalendar = %q, %v", warnings, err)
	}
	if review.Calendar.IsWorkingDate(day) {
		t.Error("the loaded day is still a working day")
	}
}
