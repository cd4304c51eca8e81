package review

import (
	"time"

	"capdo/levels"
)

// Vietnam is the time zone deadlines are counted in. It falls back to a fixed UTC+7 zone
// when the system has no time-zone database.
var Vietnam = func() *time.Location {
	if loc, err := time.LoadLocation("Asia/Ho_Chi_Minh"); err == nil {
		return loc
	}
	return time.FixedZone("ICT", 7*3600)
}()

// DueAt is the end of the last day allowed for the stage s entered at the given time, and
// false when the stage has no statutory deadline.
//
// Days are counted from the day after the stage is entered. Calendar-day limits ("ngày",
// Art. 16) that end on a day off move to the next working day, as the Civil Code counts
// time limits; working-day limits ("ngày làm việc", Art. 17) skip weekends and public
// holidays.
func (f Flow) DueAt(s Status, entered time.Time) (time.Time, bool) {
	d := f.deadlines[s]
	if d == nil {
		return time.Time{}, false
	}
	return Due(d, entered), true
}

// Due computes the deadline d counted from entered.
func Due(d *levels.Deadline, entered time.Time) time.Time {
	day := dateOf(entered.In(Vietnam))
	if d.Unit == "working" {
		for n := 0; n < d.Days; {
			day = day.AddDate(0, 0, 1)
			if IsWorkingDay(day) {
				n++
			}
		}
	} else {
		day = day.AddDate(0, 0, d.Days)
		for !IsWorkingDay(day) {
			day = day.AddDate(0, 0, 1)
		}
	}
	return day.Add(24*time.Hour - time.Nanosecond)
}

func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, Vietnam)
}

// IsWorkingDay reports whether day is neither a weekend nor a public holiday.
func IsWorkingDay(day time.Time) bool {
	switch day.Weekday() {
	case time.Saturday, time.Sunday:
		return false
	}
	_, off := holidays[day.Format("2006-01-02")]
	return !off
}

// holidays are the official days off (Bộ luật Lao động Art. 112 and the Government's yearly
// announcements of Tết, Giỗ Tổ and substitute days). Lunar dates change every year, so the
// list must be extended each year; dates beyond it count weekends only.
var holidays = map[string]struct{}{
	// 2025
	"2025-01-01": {}, "2025-01-25": {}, "2025-01-26": {}, "2025-01-27": {}, "2025-01-28": {},
	"2025-01-29": {}, "2025-01-30": {}, "2025-01-31": {}, "2025-02-01": {}, "2025-02-02": {},
	"2025-04-07": {}, "2025-04-30": {}, "2025-05-01": {}, "2025-05-02": {}, "2025-09-01": {}, "2025-09-02": {},
	// 2026
	"2026-01-01": {}, "2026-01-02": {}, "2026-02-14": {}, "2026-02-15": {}, "2026-02-16": {}, "2026-02-17": {},
	"2026-02-18": {}, "2026-02-19": {}, "2026-02-20": {}, "2026-02-21": {}, "2026-02-22": {},
	"2026-04-26": {}, "2026-04-27": {}, "2026-04-30": {}, "2026-05-01": {}, "2026-09-01": {}, "2026-09-02": {},
	// 2027 (Tết and Giỗ Tổ by the lunar calendar; confirm against the yearly announcement)
	"2027-01-01": {}, "2027-02-05": {}, "2027-02-06": {}, "2027-02-07": {}, "2027-02-08": {}, "2027-02-09": {},
	"2027-02-10": {}, "2027-04-16": {}, "2027-04-30": {}, "2027-05-01": {}, "2027-05-03": {},
	"2027-09-02": {}, "2027-09-03": {},
}
