package workdays

import (
	"testing"
	"time"
)

// The working-day clock against dates counted by hand, day by day. 2027 has no announcement
// yet, so Tết 2027 uses the calendar's guess (rules.go): Thursday 04/02 to Wednesday 10/02.
func TestHandCounted(t *testing.T) {
	t.Parallel()
	c := Default()
	for _, h := range []struct {
		name    string
		entered string // the stage is entered at this local time
		n       int
		want    string
	}{
		// Appraisal of a level-3 dossier, 15 working days (Art. 23.3.a Decree 331), entered
		// Monday 01/02/2027 at 10:00. Counting starts the next day:
		//   Tue 02/02 (1), Wed 03/02 (2),
		//   Thu 04/02 Tết (giáp Tết), Fri 05/02 Tết (cuối năm âm lịch), Sat 06/02 mùng 1,
		//   Sun 07/02 mùng 2, Mon 08/02 mùng 3, Tue 09/02 nghỉ bù mùng 1,
		//   Wed 10/02 nghỉ bù mùng 2,
		//   Thu 11/02 (3), Fri 12/02 (4), Sat 13/02, Sun 14/02,
		//   Mon 15/02 (5), Tue 16/02 (6), Wed 17/02 (7), Thu 18/02 (8), Fri 19/02 (9),
		//   Sat 20/02, Sun 21/02,
		//   Mon 22/02 (10), Tue 23/02 (11), Wed 24/02 (12), Thu 25/02 (13), Fri 26/02 (14),
		//   Sat 27/02, Sun 28/02,
		//   Mon 01/03 (15) → due at the end of Monday 01/03/2027.
		{"15 working days across Tết 2027", "2027-02-01 10:00", 15, "2027-03-01"},

		// Appraisal of a level-4 dossier, 25 working days (Art. 23.3.b), entered Thursday
		// 08/04/2027 at 16:30:
		//   Fri 09/04 (1), Sat 10/04, Sun 11/04,
		//   Mon 12/04 (2), Tue 13/04 (3), Wed 14/04 (4), Thu 15/04 (5),
		//   Fri 16/04 Giỗ Tổ Hùng Vương (10/3 âm lịch), Sat 17/04, Sun 18/04,
		//   Mon 19/04 (6), Tue 20/04 (7), Wed 21/04 (8), Thu 22/04 (9), Fri 23/04 (10),
		//   Sat 24/04, Sun 25/04,
		//   Mon 26/04 (11), Tue 27/04 (12), Wed 28/04 (13), Thu 29/04 (14),
		//   Fri 30/04 Ngày Chiến thắng, Sat 01/05 Quốc tế lao động, Sun 02/05,
		//   Mon 03/05 nghỉ bù 1/5,
		//   Tue 04/05 (15), Wed 05/05 (16), Thu 06/05 (17), Fri 07/05 (18), Sat 08/05, Sun 09/05,
		//   Mon 10/05 (19), Tue 11/05 (20), Wed 12/05 (21), Thu 13/05 (22), Fri 14/05 (23),
		//   Sat 15/05, Sun 16/05,
		//   Mon 17/05 (24), Tue 18/05 (25) → due at the end of Tuesday 18/05/2027.
		{"25 working days across Giỗ Tổ and 30/4–1/5 2027", "2027-04-08 16:30", 25, "2027-05-18"},

		// Approval, 7 working days (Art. 24.2), entered Friday 23/04/2027:
		//   Sat 24/04, Sun 25/04, Mon 26/04 (1), Tue 27/04 (2), Wed 28/04 (3), Thu 29/04 (4),
		//   Fri 30/04 off, Sat 01/05 off, Sun 02/05, Mon 03/05 nghỉ bù,
		//   Tue 04/05 (5), Wed 05/05 (6), Thu 06/05 (7) → Thursday 06/05/2027.
		{"7 working days across 30/4–1/5 2027", "2027-04-23 09:00", 7, "2027-05-06"},

		// Guidance on an incomplete dossier, 5 working days (Art. 23.2), entered Monday
		// 24/08/2026 (announced swap: Monday 31/08 off, Saturday 22/08 worked):
		//   Tue 25/08 (1), Wed 26/08 (2), Thu 27/08 (3), Fri 28/08 (4), Sat 29/08, Sun 30/08,
		//   Mon 31/08 hoán đổi, Tue 01/09 Quốc khánh, Wed 02/09 Quốc khánh,
		//   Thu 03/09 (5) → Thursday 03/09/2026.
		{"5 working days across Quốc khánh 2026", "2026-08-24 08:00", 5, "2026-09-03"},

		// One working day from Friday 21/08/2026: Saturday 22/08/2026 is a make-up working day.
		{"a make-up Saturday is a working day", "2026-08-21 15:00", 1, "2026-08-22"},
	} {
		entered, err := time.ParseInLocation("2006-01-02 15:04", h.entered, Location)
		if err != nil {
			t.Fatal(err)
		}
		due := c.AddWorkingDays(entered, h.n)
		if DateOf(due) != d(h.want) {
			t.Errorf("%s: due %s, want end of %s", h.name, due, h.want)
		}
		if got := c.WorkingDaysBetween(entered, due); got != h.n {
			t.Errorf("%s: WorkingDaysBetween(entered, due) = %d, want %d", h.name, got, h.n)
		}
	}
}
