package registry

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"capdo/levels"
	"capdo/review"
	"capdo/store"
	"capdo/workdays"
)

// The working-day calendar deadlines are counted with is review.Calendar: the rules and the
// announcements capdo ships (workdays/data/holidays.yaml), plus the days administrators
// record from later announcements (store.CalendarEntries, migration 0012). Those are added
// to it when the server starts (LoadCalendar) and as soon as they are recorded
// (AddCalendarDays); review.Calendar is safe for concurrent use, so requests in flight
// count with either the calendar before or the one after. A server that shares its
// database with another sees the other's additions when it starts again.

// Occasions are the occasions an announcement may be for, with their Vietnamese names, in
// the order a form lists them (workdays.Occasion).
var Occasions = []struct {
	ID    workdays.Occasion
	Label string
}{
	{workdays.LunarNewYear, "Tết Âm lịch"},
	{workdays.NationalDay, "Quốc khánh 2/9"},
	{workdays.VictoryLabour, "Ngày Chiến thắng 30/4 và Quốc tế lao động 1/5"},
	{workdays.HungKings, "Giỗ Tổ Hùng Vương (10/3 âm lịch)"},
	{workdays.NewYear, "Tết Dương lịch"},
	{workdays.Other, "Ngày nghỉ khác do Chính phủ quyết định"},
}

// OccasionLabel is the Vietnamese name of an occasion.
func OccasionLabel(o workdays.Occasion) string {
	for _, x := range Occasions {
		if x.ID == o {
			return x.Label
		}
	}
	return string(o)
}

// Marks are the confidence marks of an announcement's days (workdays.Mark).
var Marks = []struct {
	ID    workdays.Mark
	Label string
}{
	{workdays.Official, "Đã đối chiếu văn bản gốc"},
	{workdays.Secondary, "Theo nguồn thứ cấp (báo chí) [nguồn thứ cấp]"},
	{workdays.Unverified, "Chưa đối chiếu [cần đối chiếu]"},
}

// LoadCalendar adds the recorded days to review.Calendar, the later record of a day
// replacing an earlier one. A record the calendar refuses (capdo's rules changed since it
// was entered) is left out and reported in the returned warnings; only a failure to read
// the records is an error.
func (r *Registry) LoadCalendar(ctx context.Context) ([]string, error) {
	recs, err := r.store.CalendarEntries(ctx)
	if err != nil {
		return nil, err
	}
	var warnings []string
	latest := map[workdays.Date]int{}
	var es []workdays.Entry
	for _, rec := range recs {
		if err := workdays.New().AddEntries(rec.Entry); err != nil {
			warnings = append(warnings, fmt.Sprintf("bỏ qua ngày %s do quản trị viên nhập: %v", rec.Entry.Date.VN(), err))
			continue
		}
		if i, ok := latest[rec.Entry.Date]; ok {
			es[i] = rec.Entry
			continue
		}
		latest[rec.Entry.Date] = len(es)
		es = append(es, rec.Entry)
	}
	if len(es) == 0 {
		return warnings, nil
	}
	return warnings, review.Calendar.AddEntries(es...)
}

// CalendarInput is one announcement as an administrator enters it: the days off and the
// weekend days worked, as lists of dates (YYYY-MM-DD or DD/MM/YYYY, separated by commas,
// semicolons, spaces or lines).
type CalendarInput struct {
	Year     string // the occasion's year; empty: each day's own
	Occasion string
	Off      string
	Work     string
	Note     string
	Source   string
	Mark     string
}

// maxCalendarDays bounds one announcement: Tết with its swaps is some ten days.
const maxCalendarDays = 40

var dateSep = regexp.MustCompile(`[\s,;]+`)

// parseDay reads YYYY-MM-DD or DD/MM/YYYY.
func parseDay(s string) (workdays.Date, error) {
	if d, err := workdays.ParseDate(s); err == nil {
		return d, nil
	}
	if t, err := time.Parse("2/1/2006", s); err == nil {
		return workdays.Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}, nil
	}
	return workdays.Date{}, fmt.Errorf("«%s» không phải ngày dạng YYYY-MM-DD hoặc DD/MM/YYYY", s)
}

// CheckCalendar reads an announcement into calendar entries. Problems name the form's
// fields: year, occasion, off, work, note, source, mark; nothing is returned with one.
func CheckCalendar(in CalendarInput) ([]workdays.Entry, error) {
	var problems []levels.Problem
	bad := func(field, format string, a ...any) {
		problems = append(problems, levels.Problem{Field: field, Message: fmt.Sprintf(format, a...)})
	}
	year := 0
	if y := strings.TrimSpace(in.Year); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 1900 || n > 2199 {
			bad("year", "năm «%s» phải là số từ 1900 đến 2199", y)
		}
		year = n
	}
	occ := workdays.Occasion(strings.TrimSpace(in.Occasion))
	if OccasionLabel(occ) == string(occ) {
		bad("occasion", "cần chọn dịp nghỉ")
	}
	mark := workdays.Mark(strings.TrimSpace(in.Mark))
	markOK := mark == workdays.Official || mark == workdays.Secondary || mark == workdays.Unverified
	if !markOK {
		bad("mark", "mức tin cậy «%s» không hợp lệ", in.Mark)
	}
	source := strings.Join(strings.Fields(in.Source), " ")
	note := strings.Join(strings.Fields(in.Note), " ")
	switch {
	case source == "":
		bad("source", "cần nêu văn bản công bố ngày nghỉ (số, ngày, cơ quan), ví dụ «Công văn 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ»")
	case utf8.RuneCountInString(source) > 500:
		bad("source", "dài quá 500 ký tự")
	}
	if utf8.RuneCountInString(note) > 500 {
		bad("note", "dài quá 500 ký tự")
	}
	var es []workdays.Entry
	seen := map[workdays.Date]string{}
	for _, kl := range []struct {
		field string
		kind  workdays.Kind
		raw   string
	}{{"off", workdays.Off, in.Off}, {"work", workdays.Work, in.Work}} {
		for _, s := range dateSep.Split(strings.TrimSpace(kl.raw), -1) {
			if s == "" {
				continue
			}
			d, err := parseDay(s)
			if err != nil {
				bad(kl.field, "%v", err)
				continue
			}
			if prev, dup := seen[d]; dup {
				bad(kl.field, "ngày %s đã có ở ô «%s»", d.VN(), fieldLabel(prev))
				continue
			}
			seen[d] = kl.field
			e := workdays.Entry{Date: d, Kind: kl.kind, Year: year, Occasion: occ, Note: note, Source: source, Mark: mark}
			if OccasionLabel(occ) != string(occ) && markOK {
				if err := workdays.New().AddEntries(e); err != nil {
					msg := err.Error()
					if _, after, ok := strings.Cut(msg, "): "); ok {
						msg = after
					}
					bad(kl.field, "%s", msg)
					continue
				}
			}
			es = append(es, e)
		}
	}
	if len(es) == 0 && len(problems) == 0 {
		bad("off", "cần ít nhất một ngày nghỉ hoặc một ngày làm bù")
	}
	if len(es) > maxCalendarDays {
		bad("off", "một thông báo có nhiều nhất %d ngày", maxCalendarDays)
	}
	if problems != nil {
		return nil, &levels.InvalidError{Problems: problems}
	}
	return es, nil
}

func fieldLabel(field string) string {
	if field == "work" {
		return "Ngày làm bù"
	}
	return "Ngày nghỉ"
}

// AddCalendarDays records an announcement's days as who, adds them to review.Calendar and
// moves the deadlines of the dossiers' current stages to what the calendar now counts. It
// returns how many deadlines moved. Errors: a *levels.InvalidError from CheckCalendar.
func (r *Registry) AddCalendarDays(ctx context.Context, who Actor, in CalendarInput) (int, error) {
	es, err := CheckCalendar(in)
	if err != nil {
		return 0, err
	}
	if err := r.store.AddCalendarEntries(ctx, es, who.UserID); err != nil {
		return 0, err
	}
	if err := review.Calendar.AddEntries(es...); err != nil {
		return 0, err
	}
	return r.RefreshDeadlines(ctx)
}

// RefreshDeadlines recounts the deadline of every dossier's current stage from the day it
// was entered, with the dossier's own flow and the calendar as it is now, and stores those
// that changed. It returns how many moved.
func (r *Registry) RefreshDeadlines(ctx context.Context) (int, error) {
	open, err := r.store.OpenDeadlines(ctx)
	if err != nil {
		return 0, err
	}
	moved := 0
	for _, d := range open {
		flow, _, err := r.FlowOf(d)
		if err != nil {
			return moved, err
		}
		due, ok := flow.DueAt(review.Status(d.Status), d.StatusSince)
		if !ok || due.Equal(d.DueAt) {
			continue
		}
		done, err := r.store.SetDueAt(ctx, d.ID, d.Status, due)
		if err != nil {
			return moved, err
		}
		if done {
			moved++
		}
	}
	return moved, nil
}

// CalendarDay is a recorded day as the administrator's page lists it.
type CalendarDay struct {
	store.CalendarEntry
	Label      string // the calendar's explanation of the day now
	Superseded bool   // a later record of the same day replaces it
}

// CalendarDays lists the recorded days, newest record first, each with what the calendar
// now says of it.
func (r *Registry) CalendarDays(ctx context.Context) ([]CalendarDay, error) {
	recs, err := r.store.CalendarEntries(ctx)
	if err != nil {
		return nil, err
	}
	seen := map[workdays.Date]bool{}
	out := make([]CalendarDay, 0, len(recs))
	for i := len(recs) - 1; i >= 0; i-- {
		rec := recs[i]
		out = append(out, CalendarDay{CalendarEntry: rec, Label: review.Calendar.Label(rec.Entry.Date), Superseded: seen[rec.Entry.Date]})
		seen[rec.Entry.Date] = true
	}
	return out, nil
}
