package workdays

import (
	"fmt"
	"time"
)

// Occasion is one of the paid holidays of Bộ luật Lao động 2019 Art. 112.1, or a holiday a
// later law adds (its Holiday.ID). The Government's yearly announcement is made per
// occasion, so entries name the occasion they settle.
type Occasion string

const (
	NewYear       Occasion = "new_year"       // Tết Dương lịch, Art. 112.1.a
	LunarNewYear  Occasion = "lunar_new_year" // Tết Âm lịch, Art. 112.1.b
	VictoryLabour Occasion = "victory_labour" // Ngày Chiến thắng 30/4 and Quốc tế lao động 1/5, Art. 112.1.c–d
	NationalDay   Occasion = "national_day"   // Quốc khánh, Art. 112.1.đ
	HungKings     Occasion = "hung_kings"     // Giỗ Tổ Hùng Vương, Art. 112.1.e
	Other         Occasion = "other"          // any other day the Government sets apart
)

// occasions are the built-in occasions with their Vietnamese names, in calendar order.
var occasions = []struct {
	id   Occasion
	name string
}{
	{NewYear, "Tết Dương lịch"},
	{LunarNewYear, "Tết Âm lịch"},
	{HungKings, "Giỗ Tổ Hùng Vương"},
	{VictoryLabour, "Ngày Chiến thắng và Ngày Quốc tế lao động"},
	{NationalDay, "Quốc khánh"},
	{Other, "ngày nghỉ khác"},
}

// Citations of the rules the calendar applies.
const (
	lawLabour     = "Bộ luật Lao động 2019"
	citeWeekend   = "Quyết định 188/1999/QĐ-TTg: cơ quan nhà nước nghỉ thứ Bảy và Chủ nhật"
	citeComp      = "khoản 3 Điều 111 " + lawLabour
	citePMDecides = "khoản 3 Điều 112 " + lawLabour
)

// Marks for what a user reads (the project's convention, see README).
const (
	markInferred   = "[suy luận]"
	markUnverified = "[cần đối chiếu]"
	markSecondary  = "[nguồn thứ cấp]"
)

// holiday is one statutory day off computed for a year.
type holiday struct {
	jd       int
	occasion Occasion
	name     string
	citation string
	mark     string // markInferred for days the Prime Minister fixes but no announcement is known
}

// statutory lists the holidays of year y under Art. 112.1 (and any in-force added holiday).
// For Tết and Quốc khánh the Prime Minister fixes the exact days each year (Art. 112.3);
// when the year's announcement is known, only the days the law itself names are listed
// (the announcement supplies the rest), otherwise the days past practice suggests.
func statutory(y int, announced func(Occasion) bool, added []Holiday) []holiday {
	var hs []holiday
	add := func(jd int, o Occasion, name, cite, mark string) {
		hs = append(hs, holiday{jd, o, name, cite, mark})
	}
	add(jdnOf(y, 1, 1), NewYear, "Tết Dương lịch", "điểm a khoản 1 Điều 112 "+lawLabour, "")

	if tet, ok := lunarNewYear(y); ok {
		cite := "điểm b khoản 1 Điều 112 " + lawLabour
		if announced(LunarNewYear) {
			add(tet, LunarNewYear, "Tết Âm lịch (mùng 1 Tết)", cite, "")
		} else {
			// Five days: the last two of the lunar year and the first three of the new one,
			// days falling on a weekend made up on the next working days. This reproduces every
			// announced Tết from 2017 to 2026 (rules_test.go); the Prime Minister may choose
			// otherwise (Art. 112.3).
			for i := -2; i <= 2; i++ {
				mark := markInferred
				if i == 0 {
					mark = ""
				}
				add(tet+i, LunarNewYear, tetDayName(i), "điểm b khoản 1 và khoản 3 Điều 112 "+lawLabour+" (Thủ tướng quyết định ngày cụ thể)", mark)
			}
		}
	}

	if gt, ok := Solar(LunarDate{Year: y, Month: 3, Day: 10}); ok {
		add(gt.jdn(), HungKings, "Giỗ Tổ Hùng Vương (10/3 âm lịch)", "điểm e khoản 1 Điều 112 "+lawLabour, "")
	}
	add(jdnOf(y, 4, 30), VictoryLabour, "Ngày Chiến thắng (30/4)", "điểm c khoản 1 Điều 112 "+lawLabour, "")
	add(jdnOf(y, 5, 1), VictoryLabour, "Ngày Quốc tế lao động (1/5)", "điểm d khoản 1 Điều 112 "+lawLabour, "")

	qk := jdnOf(y, 9, 2)
	add(qk, NationalDay, "Quốc khánh (2/9)", "điểm đ khoản 1 Điều 112 "+lawLabour, "")
	if !announced(NationalDay) {
		// The second day is the day before 2/9, as chosen in 2022–2026, except when 2/9 is
		// a Thursday: then the day after, joining the weekend, as in 2021.
		adj := qk - 1
		if weekdayOf(qk) == time.Thursday {
			adj = qk + 1
		}
		add(adj, NationalDay, "Quốc khánh (ngày liền kề)", "điểm đ khoản 1 và khoản 3 Điều 112 "+lawLabour+" (Thủ tướng quyết định ngày liền kề)", markInferred)
	}

	for _, h := range added {
		if h.From.IsZero() || y < h.From.Year {
			continue
		}
		jd := jdnOf(y, int(h.Month), h.Day)
		if jd < h.From.jdn() || (!h.Until.IsZero() && jd > h.Until.jdn()) {
			continue
		}
		add(jd, Occasion(h.ID), h.Name, h.Citation, h.mark())
	}
	return hs
}

// lunarNewYear is the day number of Tết (1/1 âm lịch) in solar year y.
func lunarNewYear(y int) (int, bool) {
	d, ok := Solar(LunarDate{Year: y, Month: 1, Day: 1})
	return d.jdn(), ok
}

func tetDayName(i int) string {
	switch i {
	case -2:
		return "Tết Âm lịch (ngày giáp Tết)"
	case -1:
		return "Tết Âm lịch (ngày cuối năm âm lịch)"
	case 0:
		return "Tết Âm lịch (mùng 1 Tết)"
	}
	return fmt.Sprintf("Tết Âm lịch (mùng %d Tết)", i+1)
}

// occasionName is the Vietnamese name of an occasion.
func occasionName(o Occasion, added []Holiday) string {
	for _, x := range occasions {
		if x.id == o {
			return x.name
		}
	}
	for _, h := range added {
		if Occasion(h.ID) == o {
			return h.Name
		}
	}
	return string(o)
}

// pmDecides reports whether the Prime Minister fixes the days of the occasion each year
// (Art. 112.3): without an announcement, its days and their compensatory days are guesses.
func pmDecides(o Occasion) bool { return o == LunarNewYear || o == NationalDay }

// statutoryDays is how many weekdays off the law gives an occasion in a year: the
// check that an announcement lists them all (its compensatory days included).
func statutoryDays(o Occasion) int {
	switch o {
	case LunarNewYear:
		return 5
	case VictoryLabour, NationalDay:
		return 2
	case NewYear, HungKings:
		return 1
	}
	return -1 // not counted
}
