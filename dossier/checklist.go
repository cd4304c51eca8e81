package dossier

import (
	"bytes"
	"strconv"
	"strings"

	"capdo/sheet"
)

// StatusChoices are the values of the checklist's status column: the requirement is met,
// not yet met, or does not apply to the system.
var StatusChoices = []string{"Đáp ứng", "Chưa đáp ứng", "Không áp dụng"}

// checklistXLSX writes checklist.xlsx: the rows of the protection plan's requirement table
// (the same requirements, numbers and clauses), with the columns an appraiser and the
// operating unit work through — current state, measure, deadline and status — and a
// second sheet saying what the list is and how sure its clauses are. Under Decree 331 the
// rows follow the groups of TCVN 14423:2026 at the level, each with the group's section
// at that level (marked where it is not confirmed), and a third sheet lists the groups.
func checklistXLSX(m *model, fam *family) ([]byte, error) {
	f := m.fields
	standard := f["STANDARD"]
	if standard == "" {
		standard = "Tiêu chuẩn"
	}
	d331 := fam != nil && fam.id == D331Templates
	status := sheet.Column{Title: "Tình trạng", Width: 16, Choices: StatusChoices}
	var main sheet.Table
	if d331 {
		main = sheet.Table{Name: "Bảng kiểm", Columns: []sheet.Column{
			{Title: "STT", Width: 6},
			{Title: "Nhóm yêu cầu", Width: 28},
			{Title: "Mục " + standard + " (cấp độ " + f["LEVEL"] + ")", Width: 18},
			{Title: "Yêu cầu", Width: 60},
			{Title: "Hiện trạng", Width: 30},
			{Title: "Biện pháp", Width: 30},
			{Title: "Thời hạn", Width: 14},
			status,
			{Title: "Ghi chú", Width: 24},
		}}
		for _, r := range m.lists["requirements"] {
			main.Rows = append(main.Rows, []any{r["stt"], r["group"], strings.TrimSpace(r["clause"] + " " + r["mark"]), r["text"], "", "", "", "", ""})
		}
	} else {
		main = sheet.Table{Name: "Bảng kiểm", Columns: []sheet.Column{
			{Title: "STT", Width: 6},
			{Title: "Loại yêu cầu", Width: 16},
			{Title: "Nhóm yêu cầu", Width: 26},
			{Title: "Mục " + standard, Width: 14},
			{Title: "Yêu cầu", Width: 60},
			{Title: "Áp dụng từ cấp độ", Width: 10},
			{Title: "Hiện trạng", Width: 30},
			{Title: "Biện pháp", Width: 30},
			{Title: "Thời hạn", Width: 14},
			status,
			{Title: "Ghi chú", Width: 24},
		}}
		for _, r := range m.lists["requirements"] {
			lvl, _ := strconv.Atoi(r["level"])
			main.Rows = append(main.Rows, []any{r["stt"], r["kind"], r["group"], r["clause"], r["text"], lvl, "", "", "", "", ""})
		}
	}
	use := "Mỗi dòng là một yêu cầu của bảng yêu cầu trong Phương án bảo đảm an toàn thông tin: ghi hiện trạng, biện pháp, thời hạn và chọn tình trạng (" +
		StatusChoices[0] + ", " + StatusChoices[1] + ", " + StatusChoices[2] + ")."
	if d331 {
		use = "Mỗi dòng là một yêu cầu của bảng yêu cầu trong Phương án bảo đảm an ninh mạng, theo nhóm yêu cầu của " + standard + " ở cấp độ " + f["LEVEL"] +
			" (mục " + f["STANDARD_SECTION"] + " của tiêu chuẩn): ghi hiện trạng, biện pháp, thời hạn và chọn tình trạng (" +
			StatusChoices[0] + ", " + StatusChoices[1] + ", " + StatusChoices[2] + "). Số mục của cùng một nhóm khác nhau giữa các cấp độ; số mục ghi «[cần đối chiếu]» chưa được hai nguồn xác nhận."
	}
	info := sheet.Table{Name: "Thông tin", Columns: []sheet.Column{{Title: "Mục", Width: 28}, {Title: "Nội dung", Width: 100}}, Rows: [][]any{
		{"Hệ thống", f["SYSTEM_NAME"]},
		{"Mã hệ thống", f["SYSTEM_ID"]},
		{"Chủ quản hệ thống thông tin", f["OWNER"]},
		{"Đơn vị vận hành", f["OPERATOR"]},
		{"Cấp độ đề xuất", f["LEVEL"]},
		{"Số yêu cầu", f["REQUIREMENT_COUNT"]},
		{"Ngày lập", f["DATE_WORDS"]},
		{"Cách dùng", use},
		{"Nguồn và độ tin cậy", f["REQUIREMENTS_SOURCE"]},
	}}
	tables := []sheet.Table{main, info}
	if d331 {
		groups := sheet.Table{Name: "Nhóm yêu cầu", Columns: []sheet.Column{
			{Title: "STT", Width: 6}, {Title: "Mục (cấp độ " + f["LEVEL"] + ")", Width: 14}, {Title: "Nhóm yêu cầu", Width: 40},
			{Title: "Độ tin cậy của số mục", Width: 24}, {Title: "Số yêu cầu", Width: 10}}}
		for _, g := range m.lists["standard_groups"] {
			sure := "Hai nguồn thống nhất"
			if g["mark"] != "" {
				sure = g["mark"]
			}
			cnt, _ := strconv.Atoi(g["count"])
			groups.Rows = append(groups.Rows, []any{g["stt"], g["clause"], g["title"], sure, cnt})
		}
		tables = append(tables, groups)
	}
	var b bytes.Buffer
	if err := sheet.Write(&b, tables...); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
