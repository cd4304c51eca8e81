package server

import (
	"errors"
	"log/slog"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"capdo/levels"
	"capdo/registry"
	"capdo/review"
	"capdo/workdays"
)

// The working-day calendar's page for administrators (registry/calendar.go): what the
// calendar warns about, the days off of the coming year as it counts them, the days
// recorded from the Government's announcements, and the form that records another.

// errCalendarRoot refuses the calendar to an administrator of a unit that has a parent:
// the calendar counts every organisation's deadlines, so only the administrators at the
// top of a tree change it.
var errCalendarRoot = newError(fiber.StatusForbidden, "Lịch ngày làm việc dùng chung cho mọi đơn vị: chỉ quản trị viên của đơn vị cấp cao nhất được nhập ngày nghỉ.")

// calendarView is the data of the calendar page.
type calendarView struct {
	Warnings  []string
	DataUntil string
	Upcoming  []upcomingDay // the days off and make-up days of the coming year
	Days      []registry.CalendarDay
	Occasions []calendarChoice
	Marks     []calendarChoice
	Form      registry.CalendarInput
	Problems  map[string][]string
	Added     int
	Moved     int
	CanEdit   bool
}

// upcomingDay is one day of the coming year the calendar sets apart.
type upcomingDay struct {
	Label   string // workdays.Calendar.Label
	Working bool   // a make-up day
}

type calendarChoice struct {
	Value, Label string
}

// upcomingDays is how far ahead the page lists the days off.
const upcomingDays = 400

func (s *Server) calendarPage(c *fiber.Ctx) error {
	v := calendarView{Form: registry.CalendarInput{Mark: string(workdays.Secondary)}}
	v.Added, _ = strconv.Atoi(c.Query("added"))
	v.Moved, _ = strconv.Atoi(c.Query("moved"))
	return s.renderCalendar(c, fiber.StatusOK, v)
}

func (s *Server) renderCalendar(c *fiber.Ctx, status int, v calendarView) error {
	now := s.cfg.Now()
	cal := review.Calendar
	v.Warnings = cal.Warnings(now)
	if u := cal.DataUntil(); !u.IsZero() {
		v.DataUntil = u.VN()
	}
	today := workdays.DateOf(now)
	for i := 0; i < upcomingDays; i++ {
		d := cal.Day(today.AddDays(i))
		if d.Kind != workdays.Workday && d.Kind != workdays.Weekend {
			v.Upcoming = append(v.Upcoming, upcomingDay{Label: cal.Label(d.Date), Working: d.Working})
		}
	}
	var err error
	if v.Days, err = s.reg.CalendarDays(c.UserContext()); err != nil {
		return err
	}
	for _, o := range registry.Occasions {
		v.Occasions = append(v.Occasions, calendarChoice{string(o.ID), o.Label})
	}
	for _, m := range registry.Marks {
		v.Marks = append(v.Marks, calendarChoice{string(m.ID), m.Label})
	}
	v.CanEdit = principalOf(c).User.OrgParentID == 0
	return s.render(c, status, "calendar", "Lịch ngày làm việc", v)
}

// calendarForm records one announcement's days, then shows the page with how many
// deadlines of dossiers in progress moved.
func (s *Server) calendarForm(c *fiber.Ctx) error {
	pr := principalOf(c)
	if pr.User.OrgParentID != 0 {
		s.audit(c, slog.LevelWarn, "access.denied", "từ chối nhập lịch ngày làm việc: không phải quản trị viên cấp cao nhất", actorOf(c))
		return errCalendarRoot
	}
	in := registry.CalendarInput{Year: strings.Clone(c.FormValue("year")), Occasion: strings.Clone(c.FormValue("occasion")),
		Off: strings.Clone(c.FormValue("off")), Work: strings.Clone(c.FormValue("work")), Note: strings.Clone(c.FormValue("note")),
		Source: strings.Clone(c.FormValue("source")), Mark: strings.Clone(c.FormValue("mark"))}
	moved, err := s.reg.AddCalendarDays(c.UserContext(), who(c), in)
	var ie *levels.InvalidError
	if errors.As(err, &ie) {
		v := calendarView{Form: in, Problems: map[string][]string{}}
		for _, p := range ie.Problems {
			v.Problems[p.Field] = append(v.Problems[p.Field], p.Message)
		}
		return s.renderCalendar(c, fiber.StatusBadRequest, v)
	}
	if err != nil {
		return err
	}
	added := len(strings.Fields(strings.NewReplacer(",", " ", ";", " ").Replace(in.Off + " " + in.Work)))
	s.audit(c, slog.LevelInfo, "calendar.add", "nhập ngày nghỉ do Chính phủ công bố", actorOf(c), slog.String("occasion", in.Occasion),
		slog.Int("days", added), slog.Int("deadlines_moved", moved))
	return c.Redirect("/admin/calendar?added="+strconv.Itoa(added)+"&moved="+strconv.Itoa(moved), fiber.StatusSeeOther)
}
