package review

import (
	"time"

	"capdo/levels"
	"capdo/workdays"
)

// Vietnam is the time zone deadlines are counted in (Asia/Ho_Chi_Minh, or a fixed UTC+7
// zone when the system has no time-zone database).
var Vietnam = workdays.Location

// Calendar is the working-day calendar deadlines are counted with: the rules and the
// Government's announcements capdo ships (workdays/data/holidays.yaml). Days an
// administrator records are added to it with Calendar.AddEntries or Calendar.LoadFile; it
// is safe for concurrent use.
var Calendar = workdays.Default()

// DueAt is the end of the last day allowed for the stage s entered at the given time, and
// false when the stage has no statutory deadline.
//
// Days are counted from the day after the stage is entered. Calendar-day limits ("ngày",
// Decree 85 Art. 16) that end on a day off move to the next working day, as the Civil Code
// counts time limits; working-day limits ("ngày làm việc", Decree 85 Art. 17, Decree 331
// Art. 23–24) skip weekends, public holidays and compensatory days, and count make-up
// Saturdays (package workdays).
func (f Flow) DueAt(s Status, entered time.Time) (time.Time, bool) {
	d := f.deadlines[s]
	if d == nil {
		return time.Time{}, false
	}
	return Due(d, entered), true
}

// Due computes the deadline d counted from entered.
func Due(d *levels.Deadline, entered time.Time) time.Time {
	if d.Unit == "working" {
		return Calendar.AddWorkingDays(entered, d.Days)
	}
	return Calendar.AddCalendarDays(entered, d.Days)
}

// IsWorkingDay reports whether the day (in Vietnam) of the instant day is a working day.
func IsWorkingDay(day time.Time) bool { return Calendar.IsWorkingDay(day) }
