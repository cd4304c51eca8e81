package annual

import (
	"bytes"
	"fmt"
	"strconv"

	"capdo/sheet"
	"capdo/workdays"
)

// XLSX writes the report as a workbook: part 1 and part 2 on the sheet «Thông tin chung»,
// the twelve columns of part 3 on «Chi tiết HTTT», each with its heading row frozen.
func XLSX(r *Report) ([]byte, error) {
	from, to := r.From.In(workdays.Location), r.To.In(workdays.Location)
	count := func(n int) any {
		if n < 0 {
			return "…"
		}
		return n
	}
	t := r.Totals
	general := [][]any{
		{"Năm báo cáo", strconv.Itoa(r.Year)},
		{"Kỳ số liệu", fmt.Sprintf("%s – %s", from.Format("02/01/2006"), to.Format("02/01/2006"))},
		{"Số liệu lấy lúc", r.AsOf.In(workdays.Location).Format("15:04 02/01/2006")},
		{"1. Tổng số hệ thống thông tin thuộc phạm vi quản lý", count(t.Managed)},
		{"Tổng số hệ thống thông tin đã được phân loại (đã xác định được loại hình)", count(t.Classified)},
		{"Tổng số hệ thống thông tin đã xây dựng hồ sơ đề xuất cấp độ", count(t.WithDossier)},
		{"Tổng số hệ thống thông tin đã được thẩm định hồ sơ đề xuất cấp độ", count(t.Appraised)},
		{"Tổng số hệ thống thông tin đã được phê duyệt cấp độ", count(t.Approved)},
		{"Tổng số hệ thống thông tin đã phê duyệt cấp độ được kiểm tra, đánh giá an ninh mạng định kỳ", count(t.Assessed)},
		{"Dự kiến thời gian hoàn thành phê duyệt đề xuất cấp độ cho tất cả hệ thống", t.Expected},
	}
	for _, b := range []struct {
		part string
		body Body
	}{{"2a. Chủ quản hệ thống thông tin", r.Owner}, {"2b. Đơn vị chuyên trách về an ninh mạng", r.CyberUnit}} {
		rep := b.body.Representative
		if rep != "" && b.body.Title != "" {
			rep += ", " + b.body.Title
		}
		general = append(general,
			[]any{b.part + " — tên", b.body.Name},
			[]any{b.part + " — quy định chức năng, nhiệm vụ, quyền hạn", b.body.Charter},
			[]any{b.part + " — người đại diện, chức vụ", rep},
			[]any{b.part + " — địa chỉ liên lạc", b.body.Address},
			[]any{b.part + " — điện thoại", b.body.Phone},
			[]any{b.part + " — thư điện tử", b.body.Email})
	}
	for i, n := range r.Notes {
		general = append(general, []any{fmt.Sprintf("Ghi chú %d", i+1), n})
	}
	widths := []float64{6, 30, 24, 24, 9, 16, 28, 22, 16, 18, 16, 18}
	cols := make([]sheet.Column, len(Columns))
	for i, c := range Columns {
		cols[i] = sheet.Column{Title: fmt.Sprintf("(%d) %s", i+1, c), Width: widths[i]}
	}
	cols[5].Choices = []string{StatusDrafting, StatusSent, StatusAppraised, StatusApproved, StatusNone}
	cols[9].Choices = []string{"Chưa triển khai", "Đã triển khai một số hạng mục", "Đã triển khai đầy đủ"}
	rows := make([][]any, len(r.Rows))
	for i, x := range r.Rows {
		var level any = ""
		if x.Level > 0 {
			level = x.Level
		}
		rows[i] = []any{i + 1, x.Name, x.Owner, x.Operator, level, x.Status, x.Decision, x.Regulation,
			x.ExpectedApproval, x.Plan, x.ExpectedPlan, x.Assessment}
	}
	var b bytes.Buffer
	err := sheet.Write(&b,
		sheet.Table{Name: "Thông tin chung", Columns: []sheet.Column{{Title: "Nội dung", Width: 70}, {Title: "Giá trị", Width: 60}}, Rows: general},
		sheet.Table{Name: "Chi tiết HTTT", Columns: cols, Rows: rows})
	if err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
