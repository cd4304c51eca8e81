package workdays

import (
	"testing"
	"time"
)

func d(s string) Date {
	x, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return x
}

// Tết (mùng 1 tháng Giêng) as Vietnamese calendars print it; 2025 and 2026 also as the
// Government's announcements date them (data/holidays.yaml).
func TestTet(t *testing.T) {
	t.Parallel()
	for year, want := range map[int]string{
		2020: "2020-01-25", 2021: "2021-02-12", 2022: "2022-02-01", 2023: "2023-01-22",
		2024: "2024-02-10", 2025: "2025-01-29", 2026: "2026-02-17", 2027: "2027-02-06",
		2028: "2028-01-26", 2029: "2029-02-13", 2030: "2030-02-02",
	} {
		got, ok := Solar(LunarDate{Year: year, Month: 1, Day: 1})
		if !ok || got != d(want) {
			t.Errorf("Tết %d = %v, want %s", year, got, want)
		}
		if l := Lunar(d(want)); l != (LunarDate{Year: year, Month: 1, Day: 1}) {
			t.Errorf("Lunar(%s) = %+v, want 1/1/%d", want, l, year)
		}
	}
}

// Giỗ Tổ Hùng Vương, 10/3 âm lịch. 2023 had a leap second month, so 10/3 came late.
func TestHungKings(t *testing.T) {
	t.Parallel()
	for year, want := range map[int]string{
		2020: "2020-04-02", 2021: "2021-04-21", 2022: "2022-04-10", 2023: "2023-04-29",
		2024: "2024-04-18", 2025: "2025-04-07", 2026: "2026-04-26", 2027: "2027-04-16",
	} {
		got, ok := Solar(LunarDate{Year: year, Month: 3, Day: 10})
		if !ok || got != d(want) {
			t.Errorf("Giỗ Tổ %d = %v, want %s", year, got, want)
		}
	}
}

// The Vietnamese calendar (UTC+7) and the Chinese one (UTC+8) disagree on Tết 1985, 2007
// and 2030 (the new moon of 02/02/2030 falls at 23:07 in Hanoi, 00:07 on the 3rd in Beijing).
func TestVietnamDiffersFromChina(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		year      int
		vn, china string
	}{
		{1985, "1985-01-21", "1985-02-20"},
		{2007, "2007-02-17", "2007-02-18"},
		{2030, "2030-02-02", "2030-02-03"},
	} {
		vn, _ := lunarToSolar(LunarDate{Year: c.year, Month: 1, Day: 1}, 7)
		cn, _ := lunarToSolar(LunarDate{Year: c.year, Month: 1, Day: 1}, 8)
		if dateOfJDN(vn) != d(c.vn) || dateOfJDN(cn) != d(c.china) {
			t.Errorf("Tết %d: Vietnam %v, China %v; want %s and %s", c.year, dateOfJDN(vn), dateOfJDN(cn), c.vn, c.china)
		}
	}
}

// Leap months: 2023 repeated month 2, 2025 month 6, 2028 month 5.
func TestLeapMonths(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		year, month int
		start       string
	}{
		{2023, 2, "2023-03-22"}, {2025, 6, "2025-07-25"}, {2028, 5, "2028-06-23"},
	} {
		got, ok := Solar(LunarDate{Year: c.year, Month: c.month, Day: 1, Leap: true})
		if !ok || got != d(c.start) {
			t.Errorf("leap month %d/%d starts %v (%v), want %s", c.month, c.year, got, ok, c.start)
		}
		if _, ok := Solar(LunarDate{Year: c.year, Month: c.month%12 + 1, Day: 1, Leap: true}); ok {
			t.Errorf("%d has no leap month %d, but Solar accepted one", c.year, c.month%12+1)
		}
	}
	if _, ok := Solar(LunarDate{Year: 2024, Month: 4, Day: 1, Leap: true}); ok {
		t.Error("2024 has no leap month, but Solar accepted one")
	}
}

// Every day from 1900 to 2199 converts to a lunar date and back, and lunar days run 1, 2, …
// without gaps, each month having 29 or 30 days.
func TestLunarRoundTrip(t *testing.T) {
	t.Parallel()
	start, end := d("1900-01-01").jdn(), d("2199-12-31").jdn()
	prev := Lunar(dateOfJDN(start - 1))
	for jd := start; jd <= end; jd++ {
		l := Lunar(dateOfJDN(jd))
		back, ok := Solar(l)
		if !ok || back.jdn() != jd {
			t.Fatalf("%v → %+v → %v (%v)", dateOfJDN(jd), l, back, ok)
		}
		switch {
		case l.Day == prev.Day+1:
		case l.Day == 1 && (prev.Day == 29 || prev.Day == 30):
		default:
			t.Fatalf("%v: lunar day %d follows %d", dateOfJDN(jd), l.Day, prev.Day)
		}
		prev = l
	}
}

func TestDateArithmetic(t *testing.T) {
	t.Parallel()
	if w := d("2027-02-06").Weekday(); w != time.Saturday {
		t.Errorf("06/02/2027 is a %v, want Saturday", w)
	}
	if got := d("2024-02-28").AddDays(2); got != d("2024-03-01") {
		t.Errorf("28/02/2024 + 2 = %v", got)
	}
	if got := d("1600-03-01").AddDays(-1); got != d("1600-02-29") {
		t.Errorf("01/03/1600 - 1 = %v", got)
	}
	at := time.Date(2026, 11, 23, 17, 30, 0, 0, time.UTC) // 00:30 on the 24th in Vietnam
	if got := DateOf(at); got != d("2026-11-24") {
		t.Errorf("DateOf(%v) = %v, want 2026-11-24", at, got)
	}
	if _, err := ParseDate("2026-02-30"); err == nil {
		t.Error("ParseDate accepted 30/02")
	}
}
