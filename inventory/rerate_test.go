package inventory_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"capdo/inventory"
	"capdo/levels"
)

func rerate(t *testing.T, path string) *inventory.Report {
	t.Helper()
	rs, err := levels.Open(levels.DefaultRuleSet)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := inventory.Rerate(context.Background(), rs, path)
	if err != nil {
		t.Fatalf("Rerate(%s) failed: %v", path, err)
	}
	return rep
}

func write(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

type want struct {
	row                     int
	id                      string
	approved, level         int // 0 = none
	change, rules, errorHas string
}

func check(t *testing.T, rep *inventory.Report, wants []want) {
	t.Helper()
	if len(rep.Results) != len(wants) {
		t.Fatalf("%d results, want %d: %+v", len(rep.Results), len(wants), rep.Results)
	}
	for i, w := range wants {
		r := rep.Results[i]
		lvl, appr := 0, 0
		if r.Level != nil {
			lvl = *r.Level
		}
		if r.Approved != nil {
			appr = *r.Approved
		}
		errs := strings.Join(r.Errors, "|")
		if r.Row != w.row || r.ID != w.id || appr != w.approved || lvl != w.level || r.Change != w.change ||
			strings.Join(r.Rules, ";") != w.rules || (w.errorHas == "") != (errs == "") || !strings.Contains(errs, w.errorHas) {
			t.Errorf("result %d = row %d %s approved %d level %d %s [%s] errors %q;\nwant %+v", i, r.Row, r.ID, appr, lvl, r.Change, strings.Join(r.Rules, ";"), errs, w)
		}
	}
}

// TestRerateSharedInventory uses the sample inventory, testdata/examples/inventory.csv:
// one row goes up, one down, one is new, and the row with an unknown system type is
// reported by row and column while every other row is still rated.
func TestRerateSharedInventory(t *testing.T) {
	t.Parallel()
	rep := rerate(t, "../testdata/examples/inventory.csv")
	check(t, rep, []want{
		{2, "VD-01", 2, 2, "same", "D85.A8.K2.a;D85.A8.K2.b", ""},
		{3, "VD-02", 1, 2, "up", "D85.A8.K1", ""},
		{4, "VD-03", 3, 3, "same", "D85.A9.K2.a;D85.A9.K2.c", ""},
		{5, "VD-04", 4, 3, "down", "D85.A9.K3", ""},
		{6, "VD-05", 0, 4, "new", "D85.A10.K4", ""},
		{7, "VD-09", 0, 0, "", "", "dòng 7: cột D (system_type): giá trị «intranet» không hợp lệ"},
	})
	if rep.Failed() != 1 || rep.Count(inventory.ChangeUp) != 1 || rep.Count(inventory.ChangeDown) != 1 {
		t.Errorf("Failed %d, up %d, down %d", rep.Failed(), rep.Count(inventory.ChangeUp), rep.Count(inventory.ChangeDown))
	}
}

// TestRerateSharedInventoryDecree331 re-rates the same inventory under the provisional
// d331-2026 set: the online-service level no longer counts, so VD-03 (which lacks the new
// facts) goes down, and VD-04 goes down as under D85.
func TestRerateSharedInventoryDecree331(t *testing.T) {
	t.Parallel()
	rs, err := levels.Open("d331-2026")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := inventory.Rerate(context.Background(), rs, "../testdata/examples/inventory.csv")
	if err != nil {
		t.Fatal(err)
	}
	check(t, rep, []want{
		{2, "VD-01", 2, 2, "same", "D331.A12.K2.a", ""},
		{3, "VD-02", 1, 2, "up", "D331.A12.K1", ""},
		{4, "VD-03", 3, 2, "down", "D331.A12.K2.a;D331.A12.K2.b", ""},
		{5, "VD-04", 4, 3, "down", "D331.A13.K3", ""},
		{6, "VD-05", 0, 4, "new", "D331.A14.K3", ""},
		{7, "VD-09", 0, 0, "", "", "dòng 7: cột D (system_type): giá trị «intranet» không hợp lệ"},
	})
	if rep.Count(inventory.ChangeUp) != 1 || rep.Count(inventory.ChangeDown) != 2 || rep.Count(inventory.ChangeSame) != 1 {
		t.Errorf("up %d, down %d, same %d", rep.Count(inventory.ChangeUp), rep.Count(inventory.ChangeDown), rep.Count(inventory.ChangeSame))
	}
	if w := strings.Join(rep.Results[2].Warnings, "|"); !strings.Contains(w, "D331.A13.K2.c") || !strings.Contains(w, "«Số người sử dụng có thông tin riêng, cá nhân» đã được khai báo") {
		t.Errorf("VD-03 warnings = %q, want the unchecked threshold and the unused D85 count", w)
	}
}

// The Decree 331 columns are read by key and by Vietnamese label, with the same checks.
func TestRerateDecree331Columns(t *testing.T) {
	t.Parallel()
	rs, err := levels.Open("d331-2026")
	if err != nil {
		t.Fatal(err)
	}
	p := write(t, "dm.csv", "id,name,owner,system_type,info_types,Hệ thống giải quyết thủ tục hành chính,Số chủ thể dữ liệu cá nhân cơ bản,sensitive_pd_subjects,approved_level\n"+
		"B1,Một cửa,UBND huyện,citizen_business,public,TRUE,,,2\n"+
		"B2,Khám bệnh,Sở Y tế,citizen_business,personal,false,99999,9999,2\n"+
		"B3,Khám bệnh,Sở Y tế,citizen_business,personal,,100000,0,2\n"+
		"B4,Khám bệnh,Sở Y tế,citizen_business,personal,,0,10000,3\n"+
		"B5,Sai,Sở Y tế,citizen_business,personal,có lẽ,-1,1.20,\n")
	rep, err := inventory.Rerate(context.Background(), rs, p)
	if err != nil {
		t.Fatal(err)
	}
	check(t, rep, []want{
		{2, "B1", 2, 3, "up", "D331.A13.K2.b", ""},
		{3, "B2", 2, 2, "same", "D331.A12.K2.a;D331.A12.K2.b", ""},
		{4, "B3", 2, 3, "up", "D331.A13.K2.c", ""},
		{5, "B4", 3, 3, "same", "D331.A13.K2.c", ""},
		{6, "B5", 0, 0, "", "", "cột F (Hệ thống giải quyết thủ tục hành chính → handles_admin_procedures): phải là true hoặc false"},
	})
	errs := strings.Join(rep.Results[4].Errors, "|")
	for _, w := range []string{"cột G (Số chủ thể dữ liệu cá nhân cơ bản → basic_pd_subjects): không được âm", "cột H (sensitive_pd_subjects): «1.20» không phải số nguyên: dấu chấm chỉ dùng để tách hàng nghìn"} {
		if !strings.Contains(errs, w) {
			t.Errorf("row 6 errors %q lack %q", errs, w)
		}
	}
}

func TestRerateVietnameseHeadersAndCells(t *testing.T) {
	t.Parallel()
	p := write(t, "dm.csv", "\uFEFFMã hệ thống,Tên hệ thống,Chủ quản hệ thống,Loại hệ thống,Loại thông tin xử lý,\"Số người sử dụng có thông tin riêng, cá nhân\",Cấp độ đã phê duyệt,Vận hành 24/7,Phạm vi dùng chung hạ tầng\n"+
		"A1,\"Hệ thống \"\"một cửa\"\", tỉnh Đắk Lắk\",UBND tỉnh Đắk Lắk,citizen_business, personal ; private ,10000.0,2,FALSE,\n"+
		",,,,,,,,\n"+
		"A2,Mạng WAN,UBND tỉnh,infrastructure,private,,3,có lẽ,province\n"+
		"A3,Cổng,UBND tỉnh,citizen_business,public,nhiều,9,,\n")
	rep := rerate(t, p)
	check(t, rep, []want{
		{2, "A1", 2, 3, "up", "D85.A9.K2.c", ""},
		{4, "A2", 3, 0, "", "", "dòng 4: cột H (Vận hành 24/7 → always_on): phải là true hoặc false, không phải «có lẽ»; viết được: có/không, true/false, 1/0, x (= có)"},
		{5, "A3", 0, 0, "", "", "cột F (Số người sử dụng có thông tin riêng, cá nhân → personal_data_users): phải là một số nguyên"},
	})
	if errs := strings.Join(rep.Results[2].Errors, "|"); !strings.Contains(errs, "cột G (Cấp độ đã phê duyệt → approved_level): cấp độ đã phê duyệt phải từ 1 đến 5") {
		t.Errorf("row 5 errors = %q, want every problem of the row, the approved level too", errs)
	}
	if rep.Results[0].Name != `Hệ thống "một cửa", tỉnh Đắk Lắk` {
		t.Errorf("name = %q", rep.Results[0].Name)
	}
}

// TestRerateCSVAsSpreadsheetsWriteIt: rows are numbered as a spreadsheet shows them
// (blank lines are rows there, a cell spanning lines is one row), a row the CSV reader
// cannot parse is reported by its row while the rows after it are still rated, and a file
// saved by Excel in a Vietnamese locale (semicolons, CRLF, BOM) is read.
func TestRerateCSVAsSpreadsheetsWriteIt(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, content string
		wants         []want
	}{
		{"blank lines count as rows",
			"name,owner,system_type,info_types\nA,O,internal,public\n\nB,O,internal,bogus\r\n\r\n\r\nC,O,bogus,public\n",
			[]want{{2, "", 0, 1, "new", "D85.A7", ""}, {4, "", 0, 0, "", "", "dòng 4: cột D"}, {7, "", 0, 0, "", "", "dòng 7: cột C"}}},
		{"a cell spanning lines is one row",
			"name,description,owner,system_type,info_types\nA,\"Mô tả\nnhiều dòng\",O,internal,public\nB,,O,bogus,public\n",
			[]want{{2, "", 0, 1, "new", "D85.A7", ""}, {3, "", 0, 0, "", "", "dòng 3: cột D"}}},
		{"a stray quote fails its row only",
			"name,owner,system_type,info_types\nA,O,internal,public\nHệ thống \"B\",O,internal,public\nC,O,internal,public\n",
			[]want{{2, "", 0, 1, "new", "D85.A7", ""}, {3, "", 0, 0, "", "", "dòng 3: dấu ngoặc kép nằm trong một ô"}, {4, "", 0, 1, "new", "D85.A7", ""}}},
		{"an unclosed quote says how far it reached",
			"name,owner,system_type,info_types\nA,O,internal,public\n\"B,O,internal,public\nC,O,internal,public\n",
			[]want{{2, "", 0, 1, "new", "D85.A7", ""}, {3, "", 0, 0, "", "", "chưa được đóng (đến dòng 4)"}}},
		{"semicolons as Excel saves them in Vietnamese",
			"\uFEFFMã hệ thống;Tên hệ thống;Chủ quản hệ thống;Loại hệ thống;Loại thông tin xử lý;Cấp độ đã phê duyệt\r\nA1;Hệ thống A, tỉnh B;UBND;internal;public;1\r\nA2;Cổng;UBND;citizen_business;\"public;private\";2\r\n",
			[]want{{2, "A1", 1, 1, "same", "D85.A7", ""}, {3, "A2", 2, 2, "same", "D85.A8.K2.a;D85.A8.K2.b;D85.A8.K2.c", ""}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			check(t, rerate(t, write(t, "dm.csv", c.content)), c.wants)
		})
	}
}

func TestRerateDuplicateIDs(t *testing.T) {
	t.Parallel()
	rep := rerate(t, write(t, "dm.csv", "id,name,owner,system_type,info_types\nA1,X,O,internal,public\nA2,Y,O,internal,public\nA1,Z,O,internal,public\n"))
	if w := strings.Join(rep.Results[2].Warnings, "|"); !strings.Contains(w, "Mã hệ thống «A1» trùng với dòng 2") {
		t.Errorf("row 4 warnings = %q, want the duplicate id named with its first row", w)
	}
	if len(rep.Results[0].Warnings)+len(rep.Results[1].Warnings) != 0 {
		t.Errorf("first rows warned: %v %v", rep.Results[0].Warnings, rep.Results[1].Warnings)
	}
}

func TestRerateFileErrors(t *testing.T) {
	t.Parallel()
	rs, _ := levels.Open(levels.DefaultRuleSet)
	for _, c := range []struct{ name, file, content, want string }{
		{"unknown column", "a.csv", "id,name,systemtype\n", "cột C «systemtype» không được hỗ trợ"},
		{"duplicate column", "a.csv", "name,Tên hệ thống\n", "cột A và cột B cùng là «name»"},
		{"no name column", "a.csv", "id,owner\n", "thiếu cột name"},
		{"empty file", "a.csv", "", "tệp rỗng"},
		{"broken quotes in the header", "a.csv", "id,\"name\n", "dòng 1 (tiêu đề): lỗi định dạng CSV"},
		{"wrong extension", "a.txt", "id,name\n", "danh mục phải là tệp .csv hoặc .xlsx"},
		{"not really xlsx", "a.xlsx", "id,name\n", "không mở được tệp Excel"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := inventory.Rerate(context.Background(), rs, write(t, c.file, c.content))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Rerate() error = %v, want %q", err, c.want)
			}
		})
	}
}

func TestRerateXLSXAndReports(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	in := filepath.Join(dir, "danh-muc.xlsx")
	f := excelize.NewFile()
	rows := [][]any{
		{"id", "name", "owner", "system_type", "info_types", "ics_work_grade", "approved_level"},
		{"S1", "SCADA thủy điện Hòa Bình", "EVN", "industrial_control", "private", "special", 4},
		{"S2", "Thư điện tử", "Sở Nội vụ", "internal", "public", nil, 1},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow("Sheet1", cell, &r)
	}
	if err := f.SaveAs(in); err != nil {
		t.Fatal(err)
	}
	rep := rerate(t, in)
	check(t, rep, []want{
		{2, "S1", 4, 5, "up", "D85.A11.K4", ""},
		{3, "S2", 1, 1, "same", "D85.A7", ""},
	})

	// The same report in each format, read back.
	csvPath := filepath.Join(dir, "bao-cao.csv")
	if err := rep.Write(csvPath); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(csvPath)
	// Read as any program reads CSV: the first column is "id", with no byte-order mark.
	recs, err := csv.NewReader(strings.NewReader(string(data))).ReadAll()
	if err != nil || len(recs) != 3 || strings.Join(recs[0][:6], ",") != "id,name,approved_level,level,change,rules" || recs[1][4] != "up" {
		t.Errorf("CSV report = %v, %v", recs, err)
	}
	jsonPath := filepath.Join(dir, "bao-cao.json")
	if err := rep.Write(jsonPath); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	data, _ = os.ReadFile(jsonPath)
	if err := json.Unmarshal(data, &got); err != nil || len(got) != 2 || got[0]["change"] != "up" || got[0]["level"] != 5.0 {
		t.Errorf("JSON report = %s, %v", data, err)
	}
	xlsxPath := filepath.Join(dir, "bao-cao.xlsx")
	if err := rep.Write(xlsxPath); err != nil {
		t.Fatal(err)
	}
	xf, err := excelize.OpenFile(xlsxPath)
	if err != nil {
		t.Fatal(err)
	}
	defer xf.Close()
	xrows, _ := xf.GetRows("Sheet1")
	if len(xrows) != 3 || xrows[1][1] != "SCADA thủy điện Hòa Bình" || xrows[1][3] != "5" {
		t.Errorf("XLSX report rows = %v", xrows)
	}
	if err := rep.Write(filepath.Join(dir, "bao-cao.pdf")); err == nil {
		t.Errorf("Write(.pdf) succeeded")
	}
	if err := rep.Write(filepath.Join(dir, "khong-co", "bao-cao.csv")); err == nil {
		t.Errorf("Write into a missing folder succeeded")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".capdo-report-*")); len(left) != 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

// TestRerateReviewedPitfalls: numbers written the Vietnamese way, spreadsheet-formatted
// numbers and booleans, formula-like names, and the JSON report's rules column.
func TestRerateReviewedPitfalls(t *testing.T) {
	t.Parallel()
	csvPath := write(t, "dm.csv", "id,name,owner,system_type,info_types,personal_data_users,approved_level\n"+
		"N1,Cổng,UBND tỉnh,citizen_business,personal,\"10.000,5\",3\n"+
		"N2,\"=HYPERLINK(\"\"http://x\"\")\",UBND tỉnh,citizen_business,personal,10000,3\n")
	rep := rerate(t, csvPath)
	check(t, rep, []want{
		{2, "N1", 3, 0, "", "", "«10.000,5» có dấu phẩy: ở đây cần một số nguyên"},
		{3, "N2", 3, 3, "same", "D85.A9.K2.c", ""},
	})
	dir := t.TempDir()
	out := filepath.Join(dir, "r.csv")
	if err := rep.Write(out); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(out)
	if !strings.Contains(string(data), `'=HYPERLINK(""http://x"")`) {
		t.Errorf("CSV report writes a formula-like name as a formula:\n%s", data)
	}
	jsonOut := filepath.Join(dir, "r.json")
	if err := rep.Write(jsonOut); err != nil {
		t.Fatal(err)
	}
	var rows []map[string]any
	data, _ = os.ReadFile(jsonOut)
	if err := json.Unmarshal(data, &rows); err != nil || rows[1]["rules"] != "D85.A9.K2.c" {
		t.Errorf("JSON rules = %v (%v), want the ';'-joined string of the contract", rows[1]["rules"], err)
	}

	// XLSX: a number with a thousands format and a real boolean cell arrive as values.
	in := filepath.Join(dir, "dm.xlsx")
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"id", "name", "owner", "system_type", "info_types", "personal_data_users", "always_on", "national_egov"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"X1", "Trục liên thông", "Văn phòng Chính phủ", "citizen_business", "personal", 320000, true, true})
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 3}) // #,##0
	f.SetCellStyle("Sheet1", "F2", "F2", style)
	if err := f.SaveAs(in); err != nil {
		t.Fatal(err)
	}
	rep = rerate(t, in)
	check(t, rep, []want{{2, "X1", 0, 4, "new", "D85.A10.K2", ""}})
}
