package risk

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"capdo/levels"
)

func lines(ps []levels.Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	return out
}

func TestReadRegisterCSV(t *testing.T) {
	t.Parallel()
	// Vietnamese headers, Excel's BOM and semicolons, a numbering column, a cell spanning two
	// lines and a blank line: rows are numbered as a spreadsheet shows them.
	src := "\uFEFFSTT;Tài sản hoặc chức năng;Mối đe dọa;Khả năng xảy ra (1–5);Mức độ tác động;Biện pháp hiện có;Phương án xử lý;Người chịu trách nhiệm\n" +
		"1;Cổng dịch vụ công;\"Chèn mã SQL\nqua biểu mẫu\";3;4;WAF;Kiểm thử;Phòng CNTT\n" +
		"\n" +
		"2;CSDL hồ sơ;Mã độc tống tiền;2;5;;Sao lưu ngoại tuyến;\n"
	risks, ps, err := ReadRegister(strings.NewReader(src), "csv")
	if err != nil || ps != nil {
		t.Fatalf("err %v, problems %v", err, ps)
	}
	if len(risks) != 2 || risks[0].Threat != "Chèn mã SQL\nqua biểu mẫu" || risks[0].Score != 12 || risks[1].Impact != 5 || risks[0].Owner != "Phòng CNTT" {
		t.Errorf("risks %+v", risks)
	}

	bad := strings.Replace(src, "2;5;;Sao", "hai;5;;Sao", 1)
	bad = strings.Replace(bad, "3;4;WAF;Kiểm thử", "3;7;WAF;", 1)
	risks, ps, err = ReadRegister(strings.NewReader(bad), ".csv")
	want := []string{
		"dòng 2: cột E «Mức độ tác động»: mức độ tác động phải là số nguyên từ 1 đến 5 (điểm d khoản 3 Điều 10)",
		"dòng 2: cột G «Phương án xử lý»: cần nêu phương án xử lý rủi ro (điểm e khoản 3 Điều 10)",
		"dòng 4: cột D «Khả năng xảy ra (1–5)»: «hai» không phải số nguyên", // row 2 spans two lines, row 3 is blank
	}
	slices.Sort(want)
	got := lines(ps)
	slices.Sort(got)
	if err != nil || risks != nil || !slices.Equal(got, want) {
		t.Errorf("bad rows: err %v, risks %v, problems\n%s\nwant\n%s", err, risks, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestReadRegisterHeaderErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ src, want string }{
		{"asset,threat,likelihood,impact,treatment,priority\n", "cột F «priority» không được hỗ trợ"},
		{"asset,threat,likelihood,treatment\n", "thiếu cột impact (Mức độ tác động)"},
		{"asset,threat,likelihood,impact,treatment,Tài sản\n", "cột A và cột F cùng là «asset»"},
		{"", "tệp rỗng"},
		{"asset,threat,likelihood,impact,treatment\n,,,,\n", "không có rủi ro nào"},
		{"asset,threat,likelihood,impact,treatment\na,\"b,3,4,x\n", "lỗi định dạng CSV"},
	} {
		_, _, err := ReadRegister(strings.NewReader(c.src), "csv")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.src, err, c.want)
		}
	}
	if _, _, err := ReadRegister(strings.NewReader(""), "ods"); err == nil {
		t.Error("an .ods file was accepted")
	}
	// A filled cell under a blank header is reported, not dropped.
	_, ps, _ := ReadRegister(strings.NewReader("asset,threat,likelihood,impact,treatment,\na,b,1,1,c,ghi chú\n"), "csv")
	if len(ps) != 1 || ps[0].String() != "dòng 2: cột F: ô có giá trị nhưng cột không có tiêu đề hợp lệ" {
		t.Errorf("cell without a header: %v", ps)
	}
}

func TestReadRegisterXLSX(t *testing.T) {
	t.Parallel()
	f := excelize.NewFile()
	sheet := f.GetSheetName(0)
	rows := [][]any{
		{"asset", "threat", "vulnerability", "likelihood", "impact", "score", "controls", "treatment", "owner"},
		{"Cổng dịch vụ công", "DDoS", "Một đường truyền", 4, 3, 12, "", "Thuê dịch vụ chống DDoS", "Phòng CNTT"},
		{}, // an empty row in the middle
		{"Máy chủ xác thực", "Dò mật khẩu", "", 3.0, 5, nil, "Khóa sau 5 lần", "Xác thực đa yếu tố", ""},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow(sheet, cell, &r)
	}
	path := filepath.Join(t.TempDir(), "so-dang-ky-rui-ro.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	risks, ps, err := ReadRegisterFile(path)
	if err != nil || ps != nil {
		t.Fatalf("err %v, problems %v", err, ps)
	}
	if len(risks) != 2 || risks[1].Likelihood != 3 || risks[1].Score != 15 || risks[0].Vulnerability != "Một đường truyền" {
		t.Errorf("risks %+v", risks)
	}

	// A wrong score in row 4 is named by its row and column.
	f.SetCellValue(sheet, "F4", 10)
	f.SaveAs(path)
	_, ps, err = ReadRegisterFile(path)
	if err != nil || len(ps) != 1 || ps[0].String() != "dòng 4: cột F «score»: điểm rủi ro 10 khác khả năng xảy ra × mức độ tác động (3 × 5 = 15)" {
		t.Errorf("wrong score: err %v, problems %v", err, lines(ps))
	}

	os.WriteFile(path, []byte("not a zip"), 0o600)
	if _, _, err := ReadRegisterFile(path); err == nil || !strings.Contains(err.Error(), "không mở được tệp Excel") {
		t.Errorf("broken workbook: %v", err)
	}
}
