package workdays

import (
	"slices"
	"testing"
)

// weekdaysOff lists the weekdays off between from and to (inclusive).
func weekdaysOff(c *Calendar, from, to string) []string {
	var out []string
	for day := d(from); !d(to).Before(day); day = day.AddDays(1) {
		if !isWeekend(day.jdn()) && !c.IsWorkingDate(day) {
			out = append(out, day.String())
		}
	}
	return out
}

// The calendar's own guess for the days the Prime Minister fixes (Art. 112.3 Bộ luật Lao
// động 2019) reproduces every Tết and Quốc khánh the Government announced from 2017 to
// 2026, as the press reported them [nguồn thứ cấp]: Tết is the last two days of the lunar
// year and the first three of the new one, weekend days made up after; Quốc khánh's second
// day is 1/9, or 3/9 when 2/9 is a Thursday.
func TestGuessMatchesPastAnnouncements(t *testing.T) {
	t.Parallel()
	rules := New() // no announced data: the guess alone
	for _, c := range []struct {
		what, from, to string
		want           []string
	}{
		{"Tết 2017 (Sat 28/01): 26/01–01/02", "2017-01-15", "2017-02-28", []string{"2017-01-26", "2017-01-27", "2017-01-30", "2017-01-31", "2017-02-01"}},
		{"Tết 2018 (Fri 16/02): 14/02–20/02", "2018-02-01", "2018-02-28", []string{"2018-02-14", "2018-02-15", "2018-02-16", "2018-02-19", "2018-02-20"}},
		{"Tết 2019 (Tue 05/02): 02/02–10/02", "2019-01-20", "2019-02-28", []string{"2019-02-04", "2019-02-05", "2019-02-06", "2019-02-07", "2019-02-08"}},
		{"Tết 2020 (Sat 25/01): 23/01–29/01", "2020-01-15", "2020-02-28", []string{"2020-01-23", "2020-01-24", "2020-01-27", "2020-01-28", "2020-01-29"}},
		{"Tết 2021 (Fri 12/02): 10/02–16/02", "2021-02-01", "2021-02-28", []string{"2021-02-10", "2021-02-11", "2021-02-12", "2021-02-15", "2021-02-16"}},
		{"Tết 2022 (Tue 01/02): 29/01–06/02", "2022-01-15", "2022-02-28", []string{"2022-01-31", "2022-02-01", "2022-02-02", "2022-02-03", "2022-02-04"}},
		{"Tết 2023 (Sun 22/01): 20/01–26/01", "2023-01-10", "2023-02-28", []string{"2023-01-20", "2023-01-23", "2023-01-24", "2023-01-25", "2023-01-26"}},
		{"Tết 2024 (Sat 10/02): 08/02–14/02", "2024-02-01", "2024-02-28", []string{"2024-02-08", "2024-02-09", "2024-02-12", "2024-02-13", "2024-02-14"}},
		{"Tết 2025 (Wed 29/01): 25/01–02/02", "2025-01-15", "2025-02-28", []string{"2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31"}},
		{"Tết 2026 (Tue 17/02): 14/02–22/02", "2026-02-01", "2026-02-28", []string{"2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"}},
		{"Quốc khánh 2021 (Thu): 02–03/09", "2021-08-25", "2021-09-10", []string{"2021-09-02", "2021-09-03"}},
		{"Quốc khánh 2022 (Fri): 01–02/09", "2022-08-25", "2022-09-10", []string{"2022-09-01", "2022-09-02"}},
		{"Quốc khánh 2023 (Sat): 01–04/09", "2023-08-25", "2023-09-10", []string{"2023-09-01", "2023-09-04"}},
		{"Quốc khánh 2024 (Mon): 31/08–03/09", "2024-08-25", "2024-09-10", []string{"2024-09-02", "2024-09-03"}},
		{"Quốc khánh 2025 (Tue): 30/08–02/09", "2025-08-25", "2025-09-10", []string{"2025-09-01", "2025-09-02"}},
		{"Giỗ Tổ, 30/4, 1/5 2023 (Sat, Sun, Mon): 29/04–03/05", "2023-04-20", "2023-05-10", []string{"2023-05-01", "2023-05-02", "2023-05-03"}},
	} {
		if got := weekdaysOff(rules, c.from, c.to); !slices.Equal(got, c.want) {
			t.Errorf("%s: weekdays off %v, want %v", c.what, got, c.want)
		}
	}
}

// The shipped announcements for 2024–2026 differ from the rules alone only by their swaps:
// the guess got every Tết and Quốc khánh of those years right.
func TestAnnouncementsDifferFromRulesOnlyBySwaps(t *testing.T) {
	t.Parallel()
	rules, data := New(), Default()
	var diff []string
	for day := d("2024-01-01"); day.Year <= 2026; day = day.AddDays(1) {
		if rules.IsWorkingDate(day) != data.IsWorkingDate(day) {
			diff = append(diff, day.String())
		}
	}
	want := []string{
		"2024-04-29", "2024-05-04", // 30/4 2024: Monday 29/4 off, Saturday 4/5 worked
		"2025-04-26", "2025-05-02", // 30/4 2025: Friday 2/5 off, Saturday 26/4 worked
		"2026-01-02", "2026-01-10", // Tết Dương lịch 2026: Friday 2/1 off, Saturday 10/1 worked
		"2026-08-22", "2026-08-31", // Quốc khánh 2026: Monday 31/8 off, Saturday 22/8 worked
	}
	if !slices.Equal(diff, want) {
		t.Errorf("announced data and rules differ on %v, want only the swaps %v", diff, want)
	}
}

func TestFixedHolidays(t *testing.T) {
	t.Parallel()
	c := New()
	for _, s := range []string{
		"2027-01-01", // Tết Dương lịch, Friday
		"2027-04-16", // Giỗ Tổ, Friday
		"2027-04-30", // Ngày Chiến thắng, Friday
		"2028-05-01", // Quốc tế lao động, Monday
		"2027-09-02", // Quốc khánh, Thursday
	} {
		if c.IsWorkingDate(d(s)) {
			t.Errorf("%s is a holiday (Art. 112.1), calendar says working day", s)
		}
	}
	// 01/01/2028 is a Saturday: made up on Monday 03/01 (Art. 111.3).
	if c.IsWorkingDate(d("2028-01-03")) || !c.IsWorkingDate(d("2028-01-04")) {
		t.Error("Tết Dương lịch 2028 on a Saturday must be made up on Monday 03/01 only")
	}
	// Outside the years the lunar algorithm is checked for, only weekends count.
	for day := d("2200-01-01"); day.Month == 1; day = day.AddDays(1) {
		if c.IsWorkingDate(day) == isWeekend(day.jdn()) {
			t.Errorf("%s: outside 1900–2199 only weekends are days off", day)
		}
	}
}
