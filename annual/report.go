// Package annual is the annual report on the security of information systems that an
// owner (chủ quản) sends to Bộ Công an, in the form of Mẫu 08 of Nghị định 331/2026/NĐ-CP
// (Art. 35–36): the totals of part 1, the owner and its cyber unit in part 2, and the
// 12-column table of part 3. It holds the report's model and dates, and writes it as a
// Word document laid out as Nghị định 30/2020/NĐ-CP requires (docx.go) and as a workbook
// (xlsx.go, through capdo/sheet). registry.AnnualReport fills the model from the registry.
package annual

import (
	"time"

	"capdo/workdays"
)

// Report is one owner's annual report.
type Report struct {
	Year int `json:"year"`
	// From and To bound the data period: 15/12 of the previous year to 14/12 (Art. 35.3);
	// To is the last day. AsOf is when the data were read: the end of To, or earlier while
	// the period runs.
	From      time.Time `json:"from"`
	To        time.Time `json:"to"`
	AsOf      time.Time `json:"as_of"`
	Owner     Body      `json:"owner"`      // chủ quản hệ thống thông tin
	CyberUnit Body      `json:"cyber_unit"` // đơn vị chuyên trách về an ninh mạng
	Totals    Totals    `json:"totals"`
	Rows      []Row     `json:"rows"`
	// Notes are said under the table: what capdo does not know and the unit fills in, and
	// what is inferred.
	Notes []string `json:"notes"`
}

// Body is an organisation as part 2 describes it: five items.
type Body struct {
	Name    string `json:"name"`    // (1)
	Charter string `json:"charter"` // (2) the document setting its functions and duties
	// (3) the head: name and title
	Representative string `json:"representative"`
	Title          string `json:"title"`
	Address        string `json:"address"` // (4)
	Phone          string `json:"phone"`   // (5)
	Email          string `json:"email"`
}

// Totals are the counts of part 1. Assessed is -1 when capdo does not know it.
type Totals struct {
	Managed     int `json:"managed"`
	Classified  int `json:"classified"`
	WithDossier int `json:"with_dossier"`
	Appraised   int `json:"appraised"`
	Approved    int `json:"approved"`
	Assessed    int `json:"assessed"`
	// Expected is the expected date all systems will be approved ("" to fill in).
	Expected string `json:"expected"`
}

// Values of column (6), the approval status, as Mẫu 08 spells them, and the status of a
// system with no dossier yet (not among the form's values [suy luận]).
const (
	StatusDrafting  = "Đang dự thảo"
	StatusSent      = "Đã gửi thẩm định"
	StatusAppraised = "Đã thẩm định"
	StatusApproved  = "Đã được phê duyệt"
	StatusNone      = "Chưa lập hồ sơ"
)

// Row is one system of the table of part 3, its twelve columns as text (STT is the row's
// place); "" leaves a cell empty for the unit to fill in.
type Row struct {
	Name             string `json:"name"`              // (2)
	Owner            string `json:"owner"`             // (3)
	Operator         string `json:"operator"`          // (4)
	Level            int    `json:"level"`             // (5): 1–5, 0 when none is determined
	Status           string `json:"status"`            // (6)
	Decision         string `json:"decision"`          // (7) number, date and approving body
	Regulation       string `json:"regulation"`        // (8) the system's Quy chế bảo đảm an ninh mạng
	ExpectedApproval string `json:"expected_approval"` // (9)
	Plan             string `json:"plan"`              // (10)
	ExpectedPlan     string `json:"expected_plan"`     // (11)
	Assessment       string `json:"assessment"`        // (12)
}

// Columns are the headings of the table of part 3, as Mẫu 08 writes them.
var Columns = []string{"STT", "Tên HTTT", "Chủ quản HTTT", "Đơn vị vận hành HTTT", "Cấp độ đề xuất",
	"Tình trạng phê duyệt cấp độ", "Quyết định phê duyệt cấp độ", "Quy chế bảo đảm ANM cho hệ thống",
	"Dự kiến thời điểm phê duyệt HSĐXCĐ", "Đã triển khai đầy đủ PA BĐANM", "Dự kiến thời điểm triển khai đầy đủ PA BĐANM",
	"Đã kiểm tra, đánh giá ANM"}

// Period returns the first and last day of the data period of year (Art. 35.3), at
// midnight in Vietnam.
func Period(year int) (from, to time.Time) {
	return time.Date(year-1, 12, 15, 0, 0, 0, 0, workdays.Location), time.Date(year, 12, 14, 0, 0, 0, 0, workdays.Location)
}

// Cutoff is the end of the data period: the first instant after 14/12 of year.
func Cutoff(year int) time.Time { return time.Date(year, 12, 15, 0, 0, 0, 0, workdays.Location) }

// Deadline is a date a report is due before.
type Deadline struct {
	Date  time.Time // the report is sent before this day (Art. 35.4: "trước ngày")
	Who   string
	To    string
	Basis string
}

// Deadlines are the two dates of Art. 35.4 for year: the cyber unit and the operator report
// to the owner before 20/12, the owner to Bộ Công an before 25/12.
func Deadlines(year int) []Deadline {
	return []Deadline{
		{Date: time.Date(year, 12, 20, 0, 0, 0, 0, workdays.Location), Who: "Đơn vị chuyên trách về an ninh mạng, đơn vị vận hành",
			To: "chủ quản hệ thống thông tin", Basis: "điểm a khoản 4 Điều 35 Nghị định 331/2026/NĐ-CP"},
		{Date: time.Date(year, 12, 25, 0, 0, 0, 0, workdays.Location), Who: "Chủ quản hệ thống thông tin",
			To: "Bộ Công an", Basis: "điểm b khoản 4 Điều 35 Nghị định 331/2026/NĐ-CP"},
	}
}

// ReportYear is the year whose report is being prepared on day now: the current year until
// its last deadline (25/12) has passed, then the next.
func ReportYear(now time.Time) int {
	now = now.In(workdays.Location)
	if !now.Before(time.Date(now.Year(), 12, 25, 0, 0, 0, 0, workdays.Location)) {
		return now.Year() + 1
	}
	return now.Year()
}

// DaysLeft counts the calendar days left to send a report due before deadline, today
// included: 1 on the last day, 0 on the deadline's day itself (too late for "before"),
// negative after it.
func DaysLeft(now, deadline time.Time) int {
	y, m, d := now.In(workdays.Location).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, workdays.Location)
	return int(deadline.Sub(today).Hours()+12) / 24
}
