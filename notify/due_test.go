package notify_test

import (
	"testing"
	"time"

	"capdo/notify"
	"capdo/review"
	"capdo/workdays"
)

func vn(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, workdays.Location)
	if err != nil {
		panic(err)
	}
	return t
}

// The reminder comes N working days before the deadline's day, counted with the working-day
// calendar (holidays and compensatory days skipped); the overdue notice once the deadline's
// day has ended in Vietnam.
func TestDueKind(t *testing.T) {
	cal := review.Calendar
	// Deadline Tuesday 05/05/2026. Counting back three working days skips 30/04 and 01/05
	// (holidays) and lands on Tuesday 28/04; Monday 27/04 is the day off for Giỗ Tổ.
	d := stage(3, "submitted", "infosec", "vanhanhA", "")
	d.DueAt = workdays.DateOf(vn("2026-05-05 10:00")).End()
	for _, c := range []struct {
		now  string
		soon int
		want notify.Kind
	}{
		{"2026-04-27 16:00", 3, ""},
		{"2026-04-28 07:00", 3, notify.DueSoon},
		{"2026-05-05 23:59", 3, notify.DueSoon},
		{"2026-05-06 00:00", 3, notify.Overdue},
		{"2026-05-04 09:00", 0, ""},
		{"2026-05-05 09:00", 0, notify.DueSoon},
		{"2026-05-05 09:00", -1, ""},
		{"2026-05-06 09:00", -1, notify.Overdue},
		{"2026-04-20 09:00", 10, notify.DueSoon}, // ten working days before: 20/04
	} {
		k, ok := notify.DueKind(d, vn(c.now), c.soon, cal)
		if k != c.want || ok != (c.want != "") {
			t.Errorf("at %s with N=%d: %q %v, want %q", c.now, c.soon, k, ok, c.want)
		}
	}
	for _, status := range []string{"returned", "approved", "draft"} {
		x := d
		x.Status = status
		if k, ok := notify.DueKind(x, vn("2026-05-07 09:00"), 3, cal); ok {
			t.Errorf("%s: %s", status, k)
		}
	}
	x := d
	x.DueAt = time.Time{}
	if k, ok := notify.DueKind(x, vn("2026-05-07 09:00"), 3, cal); ok {
		t.Errorf("no deadline: %s", k)
	}
}

func TestBackoff(t *testing.T) {
	for n, want := range map[int]time.Duration{1: time.Minute, 2: 2 * time.Minute, 5: 16 * time.Minute, 9: 256 * time.Minute, 10: 6 * time.Hour, 40: 6 * time.Hour} {
		if got := notify.Backoff(n); got != want {
			t.Errorf("Backoff(%d) = %v, want %v", n, got, want)
		}
	}
}
