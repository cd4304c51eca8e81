package workdays

import (
	"fmt"
	"strings"
	"time"
)

// Location is the time zone deadlines are counted in, Asia/Ho_Chi_Minh. It falls back to a
// fixed UTC+7 zone (Vietnam's offset since 1975) when the system has no time-zone database.
var Location = func() *time.Location {
	if loc, err := time.LoadLocation("Asia/Ho_Chi_Minh"); err == nil {
		return loc
	}
	return time.FixedZone("ICT", 7*3600)
}()

// Date is a civil date in Vietnam, without a time of day.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf is the date in Vietnam at the instant t.
func DateOf(t time.Time) Date {
	y, m, d := t.In(Location).Date()
	return Date{y, m, d}
}

// ParseDate reads a date written YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("«%s» không phải ngày dạng YYYY-MM-DD", s)
	}
	return Date{t.Year(), t.Month(), t.Day()}, nil
}

// String writes the date as YYYY-MM-DD.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// VN writes the date as Vietnamese text does: DD/MM/YYYY.
func (d Date) VN() string { return fmt.Sprintf("%02d/%02d/%04d", d.Day, d.Month, d.Year) }

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Start is the first instant of the day in Vietnam.
func (d Date) Start() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, Location) }

// End is the last instant of the day in Vietnam: a deadline falling on d ends then.
func (d Date) End() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 23, 59, 59, int(time.Second-time.Nanosecond), Location)
}

// Weekday is the day of the week of d.
func (d Date) Weekday() time.Weekday { return weekdayOf(d.jdn()) }

// AddDays is the date n days after d (before, when n is negative).
func (d Date) AddDays(n int) Date { return dateOfJDN(d.jdn() + n) }

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.jdn() < e.jdn() }

// jdn is the Julian day number of d in the proleptic Gregorian calendar.
func (d Date) jdn() int { return jdnOf(d.Year, int(d.Month), d.Day) }

func jdnOf(y, m, d int) int {
	a := (14 - m) / 12
	yy := y + 4800 - a
	mm := m + 12*a - 3
	return d + (153*mm+2)/5 + 365*yy + floorDiv(yy, 4) - floorDiv(yy, 100) + floorDiv(yy, 400) - 32045
}

func dateOfJDN(jd int) Date {
	a := jd + 32044
	b := floorDiv(4*a+3, 146097)
	c := a - floorDiv(146097*b, 4)
	d := floorDiv(4*c+3, 1461)
	e := c - floorDiv(1461*d, 4)
	m := floorDiv(5*e+2, 153)
	return Date{
		Year:  100*b + d - 4800 + m/10,
		Month: time.Month(m + 3 - 12*(m/10)),
		Day:   e - floorDiv(153*m+2, 5) + 1,
	}
}

// weekdayOf: JDN 0 was a Monday.
func weekdayOf(jd int) time.Weekday { return time.Weekday(((jd+1)%7 + 7) % 7) }

func isWeekend(jd int) bool {
	w := weekdayOf(jd)
	return w == time.Saturday || w == time.Sunday
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// weekdayNames are the Vietnamese names of the days of the week.
var weekdayNames = [...]string{"Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"}

// WeekdayVN is the Vietnamese name of the day of the week of d ("Thứ Hai" … "Chủ nhật").
func (d Date) WeekdayVN() string { return weekdayNames[d.Weekday()] }

// weekdayLower is the day's name inside a sentence: "thứ Hai", "chủ nhật".
func (d Date) weekdayLower() string {
	w := d.WeekdayVN()
	return strings.ToLower(w[:1]) + w[1:]
}
