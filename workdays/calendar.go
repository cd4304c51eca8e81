package workdays

import (
	"bytes"
	"fmt"
	"slices"
	"sync"
	"time"
)

// Calendar is the Vietnamese working-day calendar of state bodies: Monday to Friday, less
// the holidays of Bộ luật Lao động 2019 Art. 112 (Tết and Giỗ Tổ from the lunar calendar),
// their compensatory days (Art. 111.3), and the days the Government announces each year
// (entries). Years without an announcement get the calendar's own guess for the days the
// Prime Minister fixes, marked [suy luận]; Warnings says when that is about to happen.
//
// A Calendar is safe for concurrent use; entries added later apply to every query after.
type Calendar struct {
	mu        sync.RWMutex
	entries   map[int]Entry // by day number
	announced map[annKey]bool
	added     []Holiday
	tables    map[int]*yearTable
}

type annKey struct {
	year     int
	occasion Occasion
}

// Years outside this range count weekends only: the lunar algorithm is checked within it.
const (
	minYear = 1900
	maxYear = 2199
)

// New is a calendar of the rules alone, without announced data.
func New() *Calendar {
	return &Calendar{entries: map[int]Entry{}, announced: map[annKey]bool{}, tables: map[int]*yearTable{}}
}

// Default is the calendar of the rules and the announcements capdo ships
// (data/holidays.yaml).
func Default() *Calendar {
	c := New()
	if err := c.Load(bytes.NewReader(embedded)); err != nil {
		panic("workdays: data/holidays.yaml: " + err.Error()) // data_test.go keeps it valid
	}
	return c
}

// AddEntries adds announced days. An entry for a date that already has one replaces it, so
// an administrator's records override the shipped data; two entries for one date in the
// same call are an error. On error nothing is added.
func (c *Calendar) AddEntries(es ...Entry) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	seen := map[int]int{}
	for i, e := range es {
		if !knownOccasion(e.Occasion, c.added) {
			return fmt.Errorf("mục %d (%s): «%s» không phải dịp nghỉ đã biết; dùng một trong: %s", i+1, e.Date, e.Occasion, occasionList())
		}
		if _, ok := parseMark(string(e.Mark)); !ok {
			return fmt.Errorf("mục %d (%s): mức tin cậy «%s» không hợp lệ", i+1, e.Date, e.Mark)
		}
		if err := checkEntry(e); err != nil {
			return fmt.Errorf("mục %d (%s): %v", i+1, e.Date, err)
		}
		if j, dup := seen[e.Date.jdn()]; dup {
			return fmt.Errorf("mục %d và mục %d cùng là ngày %s", j+1, i+1, e.Date.VN())
		}
		seen[e.Date.jdn()] = i
	}
	for _, e := range es {
		c.entries[e.Date.jdn()] = e
	}
	c.reindex()
	return nil
}

// AddHolidays adds holidays a later law creates; one with the ID of a holiday already
// known replaces it (so a file can put a pending holiday in force by giving its From).
func (c *Calendar) AddHolidays(hs ...Holiday) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, h := range hs {
		if h.ID == "" || knownOccasion(Occasion(h.ID), nil) || h.Name == "" {
			return fmt.Errorf("ngày lễ «%s»: cần mã riêng và tên", h.ID)
		}
		if _, err := time.Parse("2006-01-02", fmt.Sprintf("2024-%02d-%02d", h.Month, h.Day)); err != nil {
			return fmt.Errorf("ngày lễ «%s»: ngày %02d/%02d không tồn tại", h.ID, h.Day, h.Month)
		}
	}
	for _, h := range hs {
		if i := slices.IndexFunc(c.added, func(x Holiday) bool { return x.ID == h.ID }); i >= 0 {
			c.added[i] = h
		} else {
			c.added = append(c.added, h)
		}
	}
	c.reindex()
	return nil
}

// reindex recomputes what depends on the data; the caller holds the write lock.
func (c *Calendar) reindex() {
	c.announced = map[annKey]bool{}
	for _, e := range c.entries {
		c.announced[annKey{e.year(), e.Occasion}] = true
	}
	c.tables = map[int]*yearTable{}
}

// Entries lists the announced days, in date order.
func (c *Calendar) Entries() []Entry {
	c.mu.RLock()
	defer c.mu.RUnlock()
	out := make([]Entry, 0, len(c.entries))
	for _, e := range c.entries {
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b Entry) int { return a.Date.jdn() - b.Date.jdn() })
	return out
}

// IsWorkingDay reports whether the day (in Vietnam) of the instant t is a working day.
func (c *Calendar) IsWorkingDay(t time.Time) bool { return c.IsWorkingDate(DateOf(t)) }

// IsWorkingDate reports whether d is a working day.
func (c *Calendar) IsWorkingDate(d Date) bool {
	jd := d.jdn()
	return c.tableFor(jd).working(jd)
}

// AddWorkingDays is the deadline of a limit of n working days ("n ngày làm việc") for a
// stage entered at the instant start: the days are counted from the day after start's day
// (Bộ luật Dân sự 2015 Art. 147.1) and the deadline is the end of the n-th working day in
// Asia/Ho_Chi_Minh (Art. 148.1). n = 0 gives the end of start's own day; a negative n counts
// backwards.
func (c *Calendar) AddWorkingDays(start time.Time, n int) time.Time {
	return c.AddWorkingDates(DateOf(start), n).End()
}

// AddWorkingDates is the n-th working day after d (before d when n is negative).
func (c *Calendar) AddWorkingDates(d Date, n int) Date {
	jd, step := d.jdn(), 1
	if n < 0 {
		step, n = -1, -n
	}
	t := c.tableFor(jd)
	for n > 0 {
		jd += step
		if !t.has(jd) {
			t = c.tableFor(jd)
		}
		if t.working(jd) {
			n--
		}
	}
	return dateOfJDN(jd)
}

// AddCalendarDays is the deadline of a limit of n calendar days ("n ngày", as Decree 85
// Art. 16 sets): counted from the day after start's day, ending at the end of the last day,
// or of the next working day when the last day is a day off (Bộ luật Dân sự 2015 Art.
// 147.1, 148.1, 148.5).
func (c *Calendar) AddCalendarDays(start time.Time, n int) time.Time {
	return c.NextWorkingDate(DateOf(start).AddDays(n)).End()
}

// NextWorkingDate is d itself when it is a working day, else the first working day after.
func (c *Calendar) NextWorkingDate(d Date) Date {
	if c.IsWorkingDate(d) {
		return d
	}
	return c.AddWorkingDates(d, 1)
}

// WorkingDaysBetween counts the working days after from's day up to and including to's
// day: the number of working days a stage entered at from has used by to, so that
// AddWorkingDays(from, WorkingDaysBetween(from, to)) ends on to's day when that is a
// working day. It is negative when to is before from.
func (c *Calendar) WorkingDaysBetween(from, to time.Time) int {
	return c.WorkingDatesBetween(DateOf(from), DateOf(to))
}

// WorkingDatesBetween counts the working days in (from, to], negative when to < from.
func (c *Calendar) WorkingDatesBetween(from, to Date) int {
	a, b, sign := from.jdn(), to.jdn(), 1
	if b < a {
		a, b, sign = b, a, -1
	}
	n := 0
	t := c.tableFor(a + 1)
	for jd := a + 1; jd <= b; jd++ {
		if !t.has(jd) {
			t = c.tableFor(jd)
		}
		if t.working(jd) {
			n++
		}
	}
	return sign * n
}

// yearTable is one year of the calendar, computed once.
type yearTable struct {
	first int    // day number of 1 January
	off   []bool // by day of the year: not a working day
	info  map[int]DayInfo
}

func (t *yearTable) has(jd int) bool     { return jd >= t.first && jd < t.first+len(t.off) }
func (t *yearTable) working(jd int) bool { return !t.off[jd-t.first] }

// tableFor is the table of the year holding day number jd.
func (c *Calendar) tableFor(jd int) *yearTable {
	y := dateOfJDN(jd).Year
	c.mu.RLock()
	t := c.tables[y]
	c.mu.RUnlock()
	if t != nil {
		return t
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if t = c.tables[y]; t == nil {
		t = c.compute(y)
		c.tables[y] = t
	}
	return t
}

// compute builds year y; the caller holds the write lock.
func (c *Calendar) compute(y int) *yearTable {
	first, next := jdnOf(y, 1, 1), jdnOf(y+1, 1, 1)
	t := &yearTable{first: first, off: make([]bool, next-first), info: map[int]DayInfo{}}
	for jd := first; jd < next; jd++ {
		t.off[jd-first] = isWeekend(jd)
	}
	var hs []holiday
	if y >= minYear && y <= maxYear {
		hs = statutory(y, func(o Occasion) bool { return c.announced[annKey{y, o}] }, c.added)
	}
	slices.SortStableFunc(hs, func(a, b holiday) int { return a.jd - b.jd })
	for _, h := range hs {
		if _, dup := t.info[h.jd]; dup {
			continue // two holidays on one day: the law gives no second day for it [suy luận]
		}
		t.info[h.jd] = DayInfo{Date: dateOfJDN(h.jd), Kind: PublicHoliday, Occasion: h.occasion, Name: h.name, Citation: h.citation, Mark: h.mark}
		t.off[h.jd-first] = true
	}
	for jd := first; jd < next; jd++ {
		e, ok := c.entries[jd]
		if !ok {
			continue
		}
		info := DayInfo{Date: e.Date, Occasion: e.Occasion, Name: occasionName(e.Occasion, c.added), Citation: citePMDecides, Source: e.Source, Note: e.Note, Mark: e.Mark.label()}
		switch {
		case e.Kind == Work:
			info.Kind = MakeUp
			t.off[jd-first] = false
		case t.info[jd].Kind == PublicHoliday:
			continue // the law names the day already; keep its citation
		case isWeekend(jd):
			info.Kind = Weekend
		default:
			info.Kind = DayOff
			t.off[jd-first] = true
		}
		t.info[jd] = info
	}
	// Art. 111.3: a holiday on a weekend is made up on the next working day. Holidays of an
	// announced occasion are made up as the announcement says (its entries).
	for _, h := range hs {
		if !isWeekend(h.jd) || c.announced[annKey{y, h.occasion}] || t.info[h.jd].Kind != PublicHoliday || t.info[h.jd].Occasion != h.occasion {
			continue
		}
		jd := h.jd + 1
		for jd < next && t.off[jd-first] {
			jd++
		}
		if jd >= next {
			continue
		}
		mark := h.mark
		if pmDecides(h.occasion) {
			mark = markInferred // the occasion is not announced (checked above)
		}
		t.off[jd-first] = true
		t.info[jd] = DayInfo{Date: dateOfJDN(jd), Kind: Compensatory, Occasion: h.occasion, Name: h.name, Citation: citeComp, Mark: mark, Related: dateOfJDN(h.jd)}
		hi := t.info[h.jd]
		hi.Related = dateOfJDN(jd)
		if hi.Mark == "" {
			hi.Mark = mark
		}
		t.info[h.jd] = hi
	}
	return t
}
