package annual_test

import (
	"archive/zip"
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"capdo/annual"
	"capdo/office"
	"capdo/workdays"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// sample is a report of two units' systems, one of each status.
func sample() *annual.Report {
	from, to := annual.Period(2026)
	return &annual.Report{Year: 2026, From: from, To: to, AsOf: annual.Cutoff(2026),
		Owner:     annual.Body{Name: "Ủy ban nhân dân tỉnh A", Representative: "Nguyễn Văn A", Title: "Chủ tịch", Phone: "0243 123 4567", Email: "vanphong@tinha.gov.vn"},
		CyberUnit: annual.Body{Name: "Sở Khoa học và Công nghệ tỉnh A", Representative: "Trần Thị B", Title: "Giám đốc", Email: "attt@tinha.gov.vn"},
		Totals:    annual.Totals{Managed: 3, Classified: 3, WithDossier: 2, Appraised: 1, Approved: 1, Assessed: -1},
		Rows: []annual.Row{
			{Name: "Cổng dịch vụ công tỉnh A", Owner: "UBND tỉnh A", Operator: "Sở KH&CN", Level: 3, Status: annual.StatusApproved,
				Decision: "Quyết định số 15/QĐ-UBND ngày 10/12/2026 của UBND tỉnh A", Regulation: "Số 12/QĐ-UBND ngày 20/11/2026"},
			{Name: "Hệ thống quản lý văn bản <điều hành>", Owner: "UBND tỉnh A", Operator: "Văn phòng UBND", Level: 2, Status: annual.StatusSent,
				Regulation: "Số 12/QĐ-UBND ngày 20/11/2026", ExpectedApproval: "22/12/2026 (hạn xử lý bước hiện tại)"},
			{Name: "Bản tin nội bộ", Owner: "UBND tỉnh A", Status: annual.StatusNone},
		},
		Notes: []string{"Cột (8): quy chế bảo đảm an ninh mạng ghi nhận trên capdo; để trống khi chưa ghi nhận.", "Cột (10), (11), (12): đơn vị điền trước khi gửi."},
	}
}

func part(t *testing.T, data []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			return string(b)
		}
	}
	t.Fatalf("no part %s", name)
	return ""
}

// The document is the golden one, byte for byte: the same report, the same bytes.
func TestDOCX_Golden(t *testing.T) {
	t.Parallel()
	data, err := annual.DOCX(sample())
	if err != nil {
		t.Fatal(err)
	}
	again, _ := annual.DOCX(sample())
	if !bytes.Equal(data, again) {
		t.Error("two renderings of one report differ")
	}
	doc := part(t, data, "word/document.xml")
	golden := filepath.Join("testdata", "mau-08.document.xml")
	if *update {
		os.MkdirAll("testdata", 0o755)
		os.WriteFile(golden, []byte(doc), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if doc != string(want) {
		t.Errorf("document.xml differs from %s (go test ./annual -update to accept)", golden)
	}
	for _, s := range []string{"ỦY BAN NHÂN DÂN TỈNH A", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
		"V/v kết quả công tác bảo đảm an ninh mạng hệ thống thông tin năm 2026", "từ ngày 15/12/2025 đến ngày 14/12/2026",
		"&lt;điều hành&gt;", `w:orient="landscape"`, "Đã kiểm tra, đánh giá ANM", "(12)", "Nguyễn Văn A, Chủ tịch",
		"Quy chế bảo đảm ANM cho hệ thống", "Số 12/QĐ-UBND ngày 20/11/2026"} {
		if !strings.Contains(doc, s) {
			t.Errorf("document lacks %q", s)
		}
	}
}

// The workbook has part 1 and 2 on one sheet, the twelve columns on the other.
func TestXLSX(t *testing.T) {
	t.Parallel()
	data, err := annual.XLSX(sample())
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Chi tiết HTTT")
	if len(rows) != 4 || len(rows[0]) != 12 || rows[0][11] != "(12) Đã kiểm tra, đánh giá ANM" || rows[1][1] != "Cổng dịch vụ công tỉnh A" || rows[1][4] != "3" ||
		rows[0][7] != "(8) Quy chế bảo đảm ANM cho hệ thống" || rows[1][7] != "Số 12/QĐ-UBND ngày 20/11/2026" || len(rows[3]) > 7 && rows[3][7] != "" {
		t.Errorf("table = %q", rows)
	}
	general, _ := f.GetRows("Thông tin chung")
	if len(general) < 10 || general[4][1] != "3" {
		t.Errorf("general = %q", general)
	}
	if panes, _ := f.GetPanes("Chi tiết HTTT"); !panes.Freeze {
		t.Error("heading row of the table is not frozen")
	}
}

func TestPeriodAndDeadlines(t *testing.T) {
	t.Parallel()
	from, to := annual.Period(2026)
	if from.Format("2006-01-02") != "2025-12-15" || to.Format("2006-01-02") != "2026-12-14" {
		t.Errorf("period = %s – %s", from, to)
	}
	d := annual.Deadlines(2026)
	now := time.Date(2026, 12, 3, 10, 0, 0, 0, workdays.Location)
	for i, want := range []int{17, 22} {
		if got := annual.DaysLeft(now, d[i].Date); got != want {
			t.Errorf("days left to %s = %d, want %d", d[i].Date, got, want)
		}
	}
	for _, c := range []struct {
		day  time.Time
		year int
	}{
		{time.Date(2026, 12, 24, 23, 0, 0, 0, workdays.Location), 2026},
		{time.Date(2026, 12, 25, 0, 0, 0, 0, workdays.Location), 2027},
		{time.Date(2027, 3, 1, 0, 0, 0, 0, workdays.Location), 2027},
	} {
		if got := annual.ReportYear(c.day); got != c.year {
			t.Errorf("ReportYear(%s) = %d, want %d", c.day, got, c.year)
		}
	}
}

// LibreOffice opens the document and lays it out on pages: portrait, then landscape.
func TestDOCX_LibreOffice(t *testing.T) {
	t.Parallel()
	if _, err := office.Find(); err != nil {
		if os.Getenv("CAPDO_REQUIRE_TOOLS") == "1" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	data, err := annual.DOCX(sample())
	if err != nil {
		t.Fatal(err)
	}
	pdfs, err := office.ToPDF(context.Background(), map[string][]byte{"mau-08.docx": data})
	if err != nil {
		t.Fatal(err)
	}
	pdf := pdfs["mau-08.docx"]
	if !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Fatalf("LibreOffice made no PDF of the report")
	}
	if dir := os.Getenv("CAPDO_KEEP_PDF"); dir != "" {
		os.WriteFile(filepath.Join(dir, "mau-08.pdf"), pdf, 0o644)
		os.WriteFile(filepath.Join(dir, "mau-08.docx"), data, 0o644)
	}
}
