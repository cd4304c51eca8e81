package workdays

import (
	"fmt"
	"strings"
	"time"
)

// DayKind says why a day is, or is not, a working day.
type DayKind int

const (
	Workday       DayKind = iota // ngày làm việc
	Weekend                      // nghỉ hằng tuần (thứ Bảy, Chủ nhật)
	PublicHoliday                // ngày nghỉ lễ, Tết the law names
	Compensatory                 // nghỉ bù for a holiday on a weekend (Art. 111.3)
	DayOff                       // a day off the Government's announcement gives (Tết days, swaps)
	MakeUp                       // làm bù: a weekend day worked in a swap
)

// DayInfo explains one day of the calendar.
type DayInfo struct {
	Date     Date
	Working  bool
	Kind     DayKind
	Occasion Occasion
	Name     string // the holiday's Vietnamese name
	Citation string
	Source   string // the announcement, for days set by one
	Note     string
	Mark     string // [suy luận], [nguồn thứ cấp] or [cần đối chiếu] when the day is not certain
	// Related is, for a compensatory day, the holiday it makes up for; for a holiday on a
	// weekend, its compensatory day.
	Related Date
}

// Day explains the day d.
func (c *Calendar) Day(d Date) DayInfo {
	jd := d.jdn()
	t := c.tableFor(jd)
	info, ok := t.info[jd]
	if !ok {
		info = DayInfo{Date: d, Kind: Workday}
		if isWeekend(jd) {
			info.Kind = Weekend
		}
	}
	if info.Kind == Weekend && info.Citation == "" {
		info.Citation = citeWeekend
	}
	info.Working = t.working(jd)
	return info
}

// Label explains the day d in one Vietnamese line, e.g. "Thứ Hai, 03/05/2027: nghỉ bù Ngày
// Quốc tế lao động (1/5) trùng thứ Bảy 01/05/2027 (khoản 3 Điều 111 Bộ luật Lao động 2019)".
func (c *Calendar) Label(d Date) string {
	i := c.Day(d)
	var b strings.Builder
	fmt.Fprintf(&b, "%s, %s: ", d.WeekdayVN(), d.VN())
	switch i.Kind {
	case Workday:
		b.WriteString("ngày làm việc")
	case Weekend:
		b.WriteString("nghỉ hằng tuần")
		if i.Occasion != "" {
			fmt.Fprintf(&b, ", trong dịp nghỉ %s", i.Name)
		}
	case PublicHoliday:
		fmt.Fprintf(&b, "nghỉ %s", i.Name)
		if !i.Related.IsZero() {
			fmt.Fprintf(&b, ", trùng ngày nghỉ hằng tuần, nghỉ bù %s %s", i.Related.weekdayLower(), i.Related.VN())
		}
	case Compensatory:
		fmt.Fprintf(&b, "nghỉ bù %s trùng %s %s", i.Name, i.Related.weekdayLower(), i.Related.VN())
	case DayOff:
		fmt.Fprintf(&b, "nghỉ dịp %s", i.Name)
	case MakeUp:
		fmt.Fprintf(&b, "làm việc bù, dịp %s", i.Name)
	}
	if i.Note != "" {
		fmt.Fprintf(&b, " — %s", i.Note)
	}
	var refs []string
	if i.Kind != Workday && i.Citation != "" && i.Source == "" {
		refs = append(refs, i.Citation)
	}
	if i.Source != "" {
		refs = append(refs, i.Source)
	}
	if len(refs) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(refs, "; "))
	}
	if i.Mark != "" {
		b.WriteString(" " + i.Mark)
	}
	return b.String()
}

// DeadlineLabel writes a deadline for people: "hết ngày thứ Hai, 01/03/2027".
func DeadlineLabel(due time.Time) string {
	d := DateOf(due)
	return fmt.Sprintf("hết ngày %s, %s", d.weekdayLower(), d.VN())
}

// LimitLabel writes a limit as the decrees do: "15 ngày làm việc", "07 ngày".
func LimitLabel(days int, working bool) string {
	if working {
		return fmt.Sprintf("%02d ngày làm việc", days)
	}
	return fmt.Sprintf("%02d ngày", days)
}
