package workdays

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// DataUntil is the last day the announced data settles: 31 December of the latest year
// whose Tết Âm lịch and Quốc khánh days (the ones the Prime Minister fixes, Art. 112.3
// Bộ luật Lao động 2019) are both announced. After it the calendar guesses those days.
// The zero Date means there is no announced year.
func (c *Calendar) DataUntil() Date {
	c.mu.RLock()
	defer c.mu.RUnlock()
	last := 0
	for k := range c.announced {
		if k.occasion == LunarNewYear && c.announced[annKey{k.year, NationalDay}] && k.year > last {
			last = k.year
		}
	}
	if last == 0 {
		return Date{}
	}
	return Date{last, time.December, 31}
}

// Warnings lists, in Vietnamese, what a user relying on the calendar at the instant now
// should know: the announced data runs out within a year (or already has), an announced
// occasion whose days do not add up, a holiday decided but not yet in force, and coming
// days still to be checked.
func (c *Calendar) Warnings(now time.Time) []string {
	today := DateOf(now)
	var out []string
	until := c.DataUntil()
	next := today.Year
	if !until.IsZero() {
		next = until.Year + 1
	}
	guess := fmt.Sprintf("ngày nghỉ Tết Âm lịch và ngày nghỉ liền kề Quốc khánh từ năm %d được tính theo quy tắc mặc định [suy luận], "+
		"có thể khác thông báo của Chính phủ (khoản 3 Điều 112 Bộ luật Lao động 2019); quản trị viên cần nhập thông báo năm %d", next, next)
	switch {
	case until.IsZero():
		out = append(out, "Lịch chưa có ngày nghỉ nào do Chính phủ công bố: "+guess+".")
	case until.Before(today):
		out = append(out, fmt.Sprintf("Dữ liệu ngày nghỉ do Chính phủ công bố đã hết từ %s: %s.", until.AddDays(1).VN(), guess))
	case !today.AddDays(365).Before(until): // a year or less left
		left := until.jdn() - today.jdn()
		out = append(out, fmt.Sprintf("Dữ liệu ngày nghỉ do Chính phủ công bố chỉ có đến hết %s (còn %d ngày): %s.", until.VN(), left, guess))
	}

	c.mu.RLock()
	counts := map[annKey]int{}
	for _, e := range c.entries {
		k := annKey{e.year(), e.Occasion}
		switch {
		case e.Kind == Work:
			counts[k]--
		case !isWeekend(e.Date.jdn()):
			counts[k]++
		}
	}
	var later []string
	for _, e := range c.entries {
		if e.Mark == Unverified && !e.Date.Before(today) && e.Date.Before(today.AddDays(365)) {
			later = append(later, e.Date.String()+"\x00"+fmt.Sprintf("Ngày %s (%s, %s) lấy theo nguồn chưa đối chiếu với văn bản gốc [cần đối chiếu].",
				e.Date.VN(), occasionName(e.Occasion, c.added), e.Source))
		}
	}
	added := slices.Clone(c.added)
	c.mu.RUnlock()

	var keys []annKey
	for k := range counts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b annKey) int {
		if a.year != b.year {
			return a.year - b.year
		}
		return strings.Compare(string(a.occasion), string(b.occasion))
	})
	for _, k := range keys {
		want := statutoryDays(k.occasion)
		if want < 0 || counts[k] == want || k.year < today.Year-1 {
			continue
		}
		out = append(out, fmt.Sprintf("Thông báo %s năm %d cho %d ngày nghỉ từ thứ Hai đến thứ Sáu (sau khi trừ ngày làm bù), "+
			"Bộ luật Lao động 2019 (Điều 111, 112) cho %d: kiểm tra ngày nghỉ bù và ngày hoán đổi đã nhập.", occasionName(k.occasion, added), k.year, counts[k], want))
	}
	for _, h := range added {
		if h.From.IsZero() {
			out = append(out, fmt.Sprintf("%s chưa được tính là ngày nghỉ vì chưa có văn bản có hiệu lực quy định (%s) [cần đối chiếu]: %s",
				h.Name, h.Citation, strings.TrimSpace(h.Note)))
		}
	}
	slices.Sort(later)
	for _, l := range later {
		out = append(out, l[strings.IndexByte(l, 0)+1:])
	}
	return out
}
