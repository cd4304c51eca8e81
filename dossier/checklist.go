package dossier

import (
	"bytes"
	"strconv"

	"capdo/sheet"
)

// StatusChoices are the values of the checklist's status column: the requirement is met,
// not yet met, or does not apply to the system.
var StatusChoices = []string{"Đáp ứng", "Chưa đáp ứng", "Không áp dụng"}

// checklistXLSX writes checklist.xlsx: the rows of the protection plan's requirement table
// (the same requirements, numbers and clauses), with the columns an appraiser and the
// operating unit work through — current state, measure, deadline and status — and a
// second sheet saying what the list is and how sure its clauses are.
func checklistXLSX(m *model) ([]byte, error) {
	standard := "Tiêu chuẩn"
	rows := m.lists["requirements"]
	if len(rows) > 0 && rows[0]["standard"] != "" {
		standard = rows[0]["standard"]
	}
	main := sheet.Table{Name: "Bảng kiểm", Columns: []sheet.Column{
		{Title: "STT", Width: 6},
		{Title: "Loại yêu cầu", Width: 16},
		{Title: "Nhóm yêu cầu", Width: 26},
		{Title: "Mục " + standard, Width: 14},
		{Title: "Yêu cầu", Width: 60},
		{Title: "Áp dụng từ cấp độ", Width: 10},
		{Title: "Hiện trạng", Width: 30},
		{Title: "Biện pháp", Width: 30},
		{Title: "Thời hạn", Width: 14},
		{Title: "Tình trạng", Width: 16, Choices: StatusChoices},
		{Title: "Ghi chú", Width: 24},
	}}
	for _, r := range rows {
		lvl, _ := strconv.Atoi(r["level"])
		main.Rows = append(main.Rows, []any{r["stt"], r["kind"], r["group"], r["clause"], r["text"], lvl, "", "", "", "", ""})
	}
	f := m.fields
	info := sheet.Table{Name: "Thông tin", Columns: []sheet.Column{{Title: "Mục", Width: 28}, {Title: "Nội dung", Width: 100}}, Rows: [][]any{
		{"Hệ thống", f["SYSTEM_NAME"]},
		{"Mã hệ thống", f["SYSTEM_ID"]},
		{"Chủ quản hệ thống thông tin", f["OWNER"]},
		{"Đơn vị vận hành", f["OPERATOR"]},
		{"Cấp độ đề xuất", f["LEVEL"]},
		{"Số yêu cầu", f["REQUIREMENT_COUNT"]},
		{"Ngày lập", f["DATE_WORDS"]},
		{"Cách dùng", "Mỗi dòng là một yêu cầu của bảng yêu cầu trong Phương án bảo đảm an toàn thông tin: ghi hiện trạng, biện pháp, thời hạn và chọn tình trạng (" +
			StatusChoices[0] + ", " + StatusChoices[1] + ", " + StatusChoices[2] + ")."},
		{"Nguồn và độ tin cậy", f["REQUIREMENTS_SOURCE"]},
	}}
	var b bytes.Buffer
	if err := sheet.Write(&b, main, info); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
