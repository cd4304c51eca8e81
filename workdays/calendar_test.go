package workdays

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, Location)
	if err != nil {
		panic(err)
	}
	return t
}

func TestDeadlineIsEndOfDayInVietnam(t *testing.T) {
	t.Parallel()
	c := Default()
	// 23:30 UTC on Monday 23/11/2026 is 06:30 on Tuesday 24/11 in Vietnam: counting starts on
	// Wednesday 25/11.
	due := c.AddWorkingDays(time.Date(2026, 11, 23, 23, 30, 0, 0, time.UTC), 1)
	want := time.Date(2026, 11, 25, 23, 59, 59, 999999999, Location)
	if !due.Equal(want) {
		t.Errorf("due %v, want %v", due, want)
	}
	if got := c.AddWorkingDays(at("2026-11-23 10:00"), 0); !got.Equal(d("2026-11-23").End()) {
		t.Errorf("0 working days = %v, want the end of the same day", got)
	}
	if got := c.AddWorkingDates(d("2026-09-03"), -5); got != d("2026-08-24") {
		t.Errorf("5 working days before 03/09/2026 = %v, want Monday 24/08 (31/08–02/09 off)", got)
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	t.Parallel()
	c := Default()
	for _, x := range []struct {
		from, to string
		want     int
	}{
		{"2026-02-12", "2026-03-02", 7},  // across Tết 2026
		{"2026-02-13", "2026-02-22", 0},  // Friday to the end of the Tết break
		{"2026-03-02", "2026-02-12", -7}, // backwards
		{"2026-11-23", "2026-11-23", 0},  // same day
		{"2026-12-31", "2027-01-04", 1},  // 01/01 off, 02–03/01 weekend, Monday 04/01
		{"2026-01-09", "2026-01-12", 2},  // Saturday 10/01/2026 worked
	} {
		if got := c.WorkingDatesBetween(d(x.from), d(x.to)); got != x.want {
			t.Errorf("working days in (%s, %s] = %d, want %d", x.from, x.to, got, x.want)
		}
	}
	// AddWorkingDates and WorkingDatesBetween agree on every start and count.
	for day := d("2026-12-01"); day.Before(d("2027-06-01")); day = day.AddDays(3) {
		for n := 0; n <= 30; n += 5 {
			end := c.AddWorkingDates(day, n)
			if got := c.WorkingDatesBetween(day, end); got != n {
				t.Fatalf("AddWorkingDates(%s, %d) = %s, but WorkingDatesBetween gives %d", day, n, end, got)
			}
			if n > 0 && !c.IsWorkingDate(end) {
				t.Fatalf("AddWorkingDates(%s, %d) = %s, a day off", day, n, end)
			}
		}
	}
}

// Calendar-day limits (Decree 85 Art. 16): the last day moves to the next working day
// when it is a day off.
func TestAddCalendarDays(t *testing.T) {
	t.Parallel()
	c := Default()
	for _, x := range []struct {
		entered string
		n       int
		want    string
	}{
		{"2026-11-02 09:00", 15, "2026-11-17"},
		{"2026-11-07 09:00", 15, "2026-11-23"}, // Sunday 22/11 → Monday
		{"2026-02-12 10:00", 5, "2026-02-23"},  // Tết 2026 → Monday 23/02
		{"2027-04-15 10:00", 16, "2027-05-04"}, // Saturday 01/05/2027; Monday 03/05 nghỉ bù
	} {
		if got := DateOf(c.AddCalendarDays(at(x.entered), x.n)); got != d(x.want) {
			t.Errorf("%d calendar days from %s = %v, want %s", x.n, x.entered, got, x.want)
		}
	}
}

// An announcement replaces the guess for its occasion and year, and nothing else.
func TestAnnouncementReplacesGuess(t *testing.T) {
	t.Parallel()
	c := Default()
	// A hypothetical announcement for Tết 2027: Friday 05/02 to Thursday 11/02 (not the
	// guess, which is Thursday 04/02 to Wednesday 10/02).
	var es []Entry
	for _, s := range []string{"2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11"} {
		es = append(es, Entry{Date: d(s), Kind: Off, Occasion: LunarNewYear, Source: "thông báo thử"})
	}
	if err := c.AddEntries(es...); err != nil {
		t.Fatal(err)
	}
	if got := weekdaysOff(c, "2027-01-20", "2027-02-28"); !slices.Equal(got, []string{"2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11"}) {
		t.Errorf("Tết 2027 after the announcement: %v", got)
	}
	if c.Day(d("2027-02-06")).Kind != PublicHoliday {
		t.Error("mùng 1 Tết stays a holiday the law names")
	}
	if got := c.DataUntil(); got != d("2026-12-31") {
		t.Errorf("DataUntil = %v: Quốc khánh 2027 is still a guess", got)
	}
	if c.IsWorkingDate(d("2027-09-03")) || c.Day(d("2027-09-03")).Mark != markInferred {
		t.Error("Quốc khánh 2027 must stay guessed and marked")
	}
	if err := c.AddEntries(Entry{Date: d("2027-09-03"), Kind: Off, Occasion: NationalDay, Source: "x"},
		Entry{Date: d("2027-09-02"), Kind: Off, Occasion: NationalDay, Source: "x"}); err != nil {
		t.Fatal(err)
	}
	if got := c.DataUntil(); got != d("2027-12-31") {
		t.Errorf("DataUntil = %v after announcing Tết and Quốc khánh 2027", got)
	}
}

// A later entry for a date replaces the earlier one: an administrator's records override
// the shipped data.
func TestEntryOverride(t *testing.T) {
	t.Parallel()
	c := Default()
	if c.IsWorkingDate(d("2026-08-31")) {
		t.Fatal("31/08/2026 is off in the shipped data")
	}
	// Suppose the swap were withdrawn: 31/08 becomes a plain Monday again, 22/08 a Saturday.
	err := c.AddEntries(
		Entry{Date: d("2026-08-31"), Kind: Off, Occasion: Other, Source: "x"},
		Entry{Date: d("2026-08-22"), Kind: Off, Occasion: Other, Source: "x"},
	)
	if err != nil {
		t.Fatal(err)
	}
	if c.IsWorkingDate(d("2026-08-22")) {
		t.Error("22/08/2026 should no longer be a make-up day")
	}
}

func TestAddEntriesRejects(t *testing.T) {
	t.Parallel()
	for _, x := range []struct {
		name string
		es   []Entry
		want string
	}{
		{"make-up day on a weekday", []Entry{{Date: d("2027-02-03"), Kind: Work, Occasion: LunarNewYear}}, "phải là thứ Bảy hoặc Chủ nhật"},
		{"unknown occasion", []Entry{{Date: d("2027-02-03"), Kind: Off, Occasion: "tet"}}, "không phải dịp nghỉ đã biết"},
		{"two entries for one day", []Entry{{Date: d("2027-02-03"), Kind: Off, Occasion: Other}, {Date: d("2027-02-03"), Kind: Off, Occasion: Other}}, "cùng là ngày 03/02/2027"},
		{"far from its year", []Entry{{Date: d("2027-02-03"), Kind: Off, Occasion: Other, Year: 2030}}, "cách xa năm 2030"},
		{"bad kind", []Entry{{Date: d("2027-02-03"), Kind: "nghi", Occasion: Other}}, "loại «nghi» không hợp lệ"},
		{"bad mark", []Entry{{Date: d("2027-02-03"), Kind: Off, Occasion: Other, Mark: "maybe"}}, "mức tin cậy"},
	} {
		c := New()
		err := c.AddEntries(append([]Entry{{Date: d("2027-03-01"), Kind: Off, Occasion: Other}}, x.es...)...)
		if err == nil || !strings.Contains(err.Error(), x.want) {
			t.Errorf("%s: error %v, want one saying %q", x.name, err, x.want)
		}
		if len(c.Entries()) != 0 {
			t.Errorf("%s: a rejected batch added %d entries", x.name, len(c.Entries()))
		}
	}
}

// An administrator's file puts Ngày Văn hóa Việt Nam in force; on a weekend it is made up.
func TestHolidayAddedByLaw(t *testing.T) {
	t.Parallel()
	c := Default()
	if !c.IsWorkingDate(d("2027-11-24")) {
		t.Fatal("24/11 is not in force in the shipped data")
	}
	path := filepath.Join(t.TempDir(), "ngay-nghi.yaml")
	os.WriteFile(path, []byte(`holidays:
  - id: culture_day
    name: Ngày Văn hóa Việt Nam (24/11)
    date: "11-24"
    from: 2027-01-01
    citation: điểm g khoản 1 Điều 112 Bộ luật Lao động (sửa đổi)
`), 0o600)
	if err := c.LoadFile(path); err != nil {
		t.Fatal(err)
	}
	if !c.IsWorkingDate(d("2026-11-24")) {
		t.Error("24/11/2026 is before the amendment's effect")
	}
	if c.IsWorkingDate(d("2027-11-24")) {
		t.Error("24/11/2027 (Wednesday) must be off")
	}
	// 24/11/2029 is a Saturday: Monday 26/11 is its compensatory day.
	if c.IsWorkingDate(d("2029-11-26")) || c.Day(d("2029-11-26")).Kind != Compensatory {
		t.Errorf("26/11/2029: %s", c.Label(d("2029-11-26")))
	}
	for _, w := range c.Warnings(at("2027-03-01 00:00")) {
		if strings.Contains(w, "Văn hóa") {
			t.Errorf("warning about a holiday now in force: %s", w)
		}
	}
}

func TestWarnings(t *testing.T) {
	t.Parallel()
	c := Default()
	has := func(ws []string, s string) bool {
		return slices.ContainsFunc(ws, func(w string) bool { return strings.Contains(w, s) })
	}
	ws := c.Warnings(at("2026-12-03 09:00"))
	if !has(ws, "chỉ có đến hết 31/12/2026 (còn 28 ngày)") || !has(ws, "từ năm 2027") || !has(ws, "[suy luận]") {
		t.Errorf("a month before the data runs out, warnings %q", ws)
	}
	if !has(ws, "Ngày Văn hóa Việt Nam (24/11) chưa được tính là ngày nghỉ") || !has(ws, "[cần đối chiếu]") {
		t.Errorf("the pending 24/11 holiday is not reported: %q", ws)
	}
	if ws := c.Warnings(at("2025-12-31 09:00")); !has(ws, "còn 365 ngày") {
		t.Errorf("a year before: %q", ws)
	}
	if ws := c.Warnings(at("2025-12-30 09:00")); has(ws, "Dữ liệu") {
		t.Errorf("more than a year of data left, yet %q", ws)
	}
	if ws := c.Warnings(at("2027-03-01 09:00")); !has(ws, "đã hết từ 01/01/2027") {
		t.Errorf("after the data: %q", ws)
	}
	if ws := New().Warnings(at("2027-03-01 09:00")); !has(ws, "chưa có ngày nghỉ nào do Chính phủ công bố") {
		t.Errorf("no data at all: %q", ws)
	}
	if ws := c.Warnings(at("2025-01-01 09:00")); has(ws, "Thông báo") {
		t.Errorf("the shipped announcements should add up: %q", ws)
	}
	// An announcement that forgets a compensatory day is reported.
	c.AddEntries(
		Entry{Date: d("2027-02-05"), Kind: Off, Occasion: LunarNewYear, Source: "x", Mark: Unverified},
		Entry{Date: d("2027-02-08"), Kind: Off, Occasion: LunarNewYear, Source: "x", Mark: Unverified},
		Entry{Date: d("2027-02-09"), Kind: Off, Occasion: LunarNewYear, Source: "x", Mark: Unverified},
		Entry{Date: d("2027-02-10"), Kind: Off, Occasion: LunarNewYear, Source: "x", Mark: Unverified},
	)
	ws = c.Warnings(at("2026-12-03 09:00"))
	if !has(ws, "Thông báo Tết Âm lịch năm 2027 cho 4 ngày nghỉ") || !has(ws, "cho 5") {
		t.Errorf("a short Tết announcement is not reported: %q", ws)
	}
	if !has(ws, "Ngày 05/02/2027 (Tết Âm lịch, x) lấy theo nguồn chưa đối chiếu") {
		t.Errorf("unverified coming days are not reported: %q", ws)
	}
}

func TestLabel(t *testing.T) {
	t.Parallel()
	c := Default()
	for day, want := range map[string]string{
		"2026-11-26": "Thứ Năm, 26/11/2026: ngày làm việc",
		"2026-11-28": "Thứ Bảy, 28/11/2026: nghỉ hằng tuần (Quyết định 188/1999/QĐ-TTg: cơ quan nhà nước nghỉ thứ Bảy và Chủ nhật)",
		"2027-05-03": "Thứ Hai, 03/05/2027: nghỉ bù Ngày Quốc tế lao động (1/5) trùng thứ Bảy 01/05/2027 (khoản 3 Điều 111 Bộ luật Lao động 2019)",
		"2027-02-04": "Thứ Năm, 04/02/2027: nghỉ Tết Âm lịch (ngày giáp Tết) (điểm b khoản 1 và khoản 3 Điều 112 Bộ luật Lao động 2019 (Thủ tướng quyết định ngày cụ thể)) [suy luận]",
		"2026-01-10": "Thứ Bảy, 10/01/2026: làm việc bù, dịp Tết Dương lịch — hoán đổi ngày làm việc thứ Sáu 02/01 sang thứ Bảy 10/01/2026; nghỉ từ 01/01 đến hết 04/01 (Công văn số 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ) [nguồn thứ cấp]",
	} {
		if got := c.Label(d(day)); got != want {
			t.Errorf("Label(%s)\n got %s\nwant %s", day, got, want)
		}
	}
	if got := DeadlineLabel(d("2027-03-01").End()); got != "hết ngày thứ Hai, 01/03/2027" {
		t.Errorf("DeadlineLabel = %q", got)
	}
	if got := LimitLabel(7, true); got != "07 ngày làm việc" {
		t.Errorf("LimitLabel = %q", got)
	}
}

// Readers and a writer at once: run with -race.
func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	c := Default()
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 200 {
				c.AddWorkingDays(at("2026-01-05 08:00").AddDate(0, 0, i*50+j), 25)
			}
		}()
	}
	c.AddEntries(Entry{Date: d("2027-06-01"), Kind: Off, Occasion: Other, Source: "x"})
	wg.Wait()
	if c.IsWorkingDate(d("2027-06-01")) {
		t.Error("entry added while reading was lost")
	}
}
