package inventory_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"capdo/inventory"
	"capdo/levels"
)

// newFactsWants has one row per fact of docs/contract.md §5 that exists only as a row of
// levels.Fields, each read by one rule of levels/testdata/new-facts.yaml, then a row of
// wrong values.
var newFactsWants = []want{
	{2, "F1", 0, 5, "new", "TF.strategic", ""},
	{3, "F2", 0, 4, "new", "TF.pm_decided_level", ""},
	{4, "F3", 0, 3, "new", "TF.risk_level", ""},
	{5, "F4", 0, 4, "new", "TF.owner_sector", ""},
	{6, "F5", 0, 5, "new", "TF.critical_system", ""},
	{7, "F6", 0, 2, "new", "TF.infosec_operates", ""},
	{8, "F7", 0, 1, "new", "TF.transitional", ""},
	{9, "F8", 0, 0, "", "", "phải là true hoặc false, không phải «có lẽ»"},
}

func newFactsSet(t *testing.T) *levels.RuleSet {
	t.Helper()
	rs, err := levels.Open("../levels/testdata/new-facts.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// Each new fact is a CSV column, named by its key, and reaches the rule that reads it.
func TestRerateNewFactsCSV(t *testing.T) {
	t.Parallel()
	p := write(t, "dm.csv", "id,name,owner,system_type,info_types,strategic,pm_decided_level,risk_level,owner_sector,critical_system,infosec_operates,transitional\n"+
		"F1,A,B,internal,public,TRUE,,,,,,\n"+
		"F2,A,B,internal,public,,4,,,,,\n"+
		"F3,A,B,internal,public,,,3,,,,\n"+
		"F4,A,B,internal,public,,,,bcy,,,\n"+
		"F5,A,B,internal,public,,,,,1,,\n"+
		"F6,A,B,internal,public,,,,,,true,\n"+
		"F7,A,B,internal,public,,,,,,,True\n"+
		"F8,A,B,internal,public,có lẽ,6,3.50,army,,,\n")
	rep, err := inventory.Rerate(context.Background(), newFactsSet(t), p)
	if err != nil {
		t.Fatal(err)
	}
	check(t, rep, newFactsWants)
	errs := strings.Join(rep.Results[7].Errors, "|")
	for _, w := range []string{
		"cột F (strategic): phải là true hoặc false, không phải «có lẽ»",
		"cột G (pm_decided_level): phải từ 0 đến 5 (0 = không có quyết định), không phải 6",
		"cột H (risk_level): «3.50» không phải số nguyên: dấu chấm chỉ dùng để tách hàng nghìn",
		"cột I (owner_sector): giá trị «army» không hợp lệ; giá trị hợp lệ: civil («Dân sự»), bca («Bộ Công an»), bqp («Bộ Quốc phòng»), bcy («Ban Cơ yếu Chính phủ»)",
	} {
		if !strings.Contains(errs, w) {
			t.Errorf("row 9 errors %q lack %q", errs, w)
		}
	}

	// Decree 85 does not read the criteria facts of Decree 331, and says so; owner_sector
	// decides who appraises, not the level, so no set calls it ignored.
	d85, _ := levels.Open("d85-2016")
	rep, err = inventory.Rerate(context.Background(), d85, p)
	if err != nil {
		t.Fatal(err)
	}
	if w := strings.Join(rep.Results[2].Warnings, "|"); !strings.Contains(w, "«Cấp độ theo kết quả đánh giá rủi ro an ninh mạng» đã được khai báo nhưng không tiêu chí nào của bộ quy tắc d85-2016") {
		t.Errorf("F3 warnings %q", w)
	}
	if w := strings.Join(rep.Results[3].Warnings, "|"); strings.Contains(w, "«Khối của chủ quản (thẩm định cấp độ 4–5)» đã được khai báo") {
		t.Errorf("F4 warnings %q call owner_sector ignored", w)
	}
}

// The same facts in an Excel file whose header uses the Vietnamese labels and whose cells
// are typed (booleans, numbers).
func TestRerateNewFactsXLSX(t *testing.T) {
	t.Parallel()
	header := []any{"id", "Tên hệ thống", "Chủ quản hệ thống", "Loại hệ thống", "Loại thông tin xử lý"}
	for _, k := range []string{"strategic", "pm_decided_level", "risk_level", "owner_sector", "critical_system", "infosec_operates", "transitional"} {
		f, ok := levels.Standard().Field(k)
		if !ok {
			t.Fatalf("%s is not a row of levels.Fields", k)
		}
		header = append(header, f.Label)
	}
	rows := [][]any{header,
		{"F1", "A", "B", "internal", "public", true},
		{"F2", "A", "B", "internal", "public", nil, 4},
		{"F3", "A", "B", "internal", "public", nil, nil, 3},
		{"F4", "A", "B", "internal", "public", nil, nil, nil, "bcy"},
		{"F5", "A", "B", "internal", "public", nil, nil, nil, nil, true},
		{"F6", "A", "B", "internal", "public", nil, nil, nil, nil, nil, true},
		{"F7", "A", "B", "internal", "public", nil, nil, nil, nil, nil, nil, true},
		{"F8", "A", "B", "internal", "public", "có lẽ", 6, 5.5, "army"},
	}
	in := filepath.Join(t.TempDir(), "danh-muc.xlsx")
	f := excelize.NewFile()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow("Sheet1", cell, &r)
	}
	if err := f.SaveAs(in); err != nil {
		t.Fatal(err)
	}
	rep, err := inventory.Rerate(context.Background(), newFactsSet(t), in)
	if err != nil {
		t.Fatal(err)
	}
	check(t, rep, newFactsWants)
	if errs := strings.Join(rep.Results[7].Errors, "|"); !strings.Contains(errs, "cột G (Cấp độ do Thủ tướng Chính phủ quyết định → pm_decided_level): phải từ 0 đến 5") {
		t.Errorf("row 9 errors %q", errs)
	}
}
