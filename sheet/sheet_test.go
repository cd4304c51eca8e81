package sheet

import (
	"bytes"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestWrite writes two tables and reads them back with excelize: names, rows, integers,
// the drop-down list of a column, the frozen heading.
func TestWrite(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	err := Write(&b,
		Table{Name: "Bảng kiểm", Columns: []Column{{Title: "STT", Width: 6}, {Title: "Yêu cầu", Width: 60}, {Title: "Tình trạng", Choices: []string{"Đáp ứng", "Chưa đáp ứng"}}},
			Rows: [][]any{{"1.1", "Ban hành quy chế", ""}, {"1.2", "=HYPERLINK(\"x\")", 3}}},
		Table{Name: "Thông tin", Columns: []Column{{Title: "Mục"}, {Title: "Nội dung"}}, Rows: [][]any{{"Hệ thống", "Cổng dịch vụ công"}}})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Bảng kiểm", "Thông tin"}) {
		t.Errorf("sheets %v", got)
	}
	rows, _ := f.GetRows("Bảng kiểm")
	if len(rows) != 3 || rows[0][1] != "Yêu cầu" || rows[2][1] != `=HYPERLINK("x")` || rows[2][2] != "3" {
		t.Errorf("rows %q", rows)
	}
	if formula, _ := f.GetCellFormula("Bảng kiểm", "B3"); formula != "" {
		t.Errorf("a text that looks like a formula became one: %q", formula)
	}
	dvs, err := f.GetDataValidations("Bảng kiểm")
	if err != nil || len(dvs) != 1 || dvs[0].Sqref != "C2:C3" {
		t.Errorf("data validations %+v, %v", dvs, err)
	}
	panes, err := f.GetPanes("Bảng kiểm")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes %+v, %v", panes, err)
	}
	if err := Write(&b, Table{Name: "X", Columns: []Column{{Title: "A"}}, Rows: [][]any{{"a", "b"}}}); err == nil {
		t.Error("a row with more cells than columns was written")
	}
}

// TestWriteRows streams rows into one sheet.
func TestWriteRows(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	rows := func(yield func([]any) bool) {
		for i := range 1000 {
			if !yield([]any{"HT-" + string(rune('A'+i%26)), i}) {
				return
			}
		}
	}
	if err := WriteRows(&b, "Sheet1", rows); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, _ := f.GetRows("Sheet1")
	if len(got) != 1000 || got[999][1] != "999" {
		t.Errorf("%d rows, last %q", len(got), got[len(got)-1])
	}
}
