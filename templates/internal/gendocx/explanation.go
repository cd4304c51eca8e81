package main

import "strings"

// thuyetMinh is the overview and level proposal (Decree 85 Art. 15.1 and 15.3; TT 03/2017
// Art. 7): the system, its classification under Art. 6, every matched criterion, the
// components and the highest-level principle, and for levels 4–5 the content of TT 03/2017
// Art. 7.3. The signed text cites the law only; the rule set, its provenance and its
// effect on the document's date, the notes on criteria and every inference are drafting
// notes.
func thuyetMinh() string {
	var b strings.Builder
	b.WriteString(headerBlock(preparer, "……/TM-……"))
	b.WriteString(title("THUYẾT MINH", "Đề xuất cấp độ an toàn hệ thống thông tin", "{{SYSTEM_NAME}}"))
	b.WriteString(operatorNote())

	b.WriteString(p("Heading1", "I. THUYẾT MINH TỔNG QUAN VỀ HỆ THỐNG"))
	b.WriteString(p("Heading2", "1. Thông tin chung"))
	b.WriteString(bullet("Tên hệ thống: {{SYSTEM_NAME}}."))
	b.WriteString(block("if", "HAS_SYSTEM_ID", bullet("Mã hệ thống: {{SYSTEM_ID}}.")))
	b.WriteString(bullet("Chủ quản hệ thống thông tin: {{OWNER}}."))
	b.WriteString(bullet("Đơn vị vận hành: {{OPERATOR}}."))
	b.WriteString(p("Heading2", "2. Mục đích, phạm vi"))
	b.WriteString(block("if", "HAS_DESCRIPTION", p("Normal", "{{SYSTEM_DESCRIPTION}}")))
	b.WriteString(block("unless", "HAS_DESCRIPTION", guide("Mô tả mục đích, phạm vi hoạt động và đối tượng sử dụng của hệ thống")))
	b.WriteString(p("Heading2", "3. Quy mô, kiến trúc và kết nối"))
	b.WriteString(note("Lưu ý về nội dung mục này", "khoản 1 Điều 15 Nghị định số 85/2016/NĐ-CP yêu cầu thuyết minh tổng quan về hệ thống nhưng không quy định nội dung chi tiết; các nội dung gợi ý dưới đây theo thực tiễn, không phải quy định [suy luận, cần kiểm chứng]."))
	for _, g := range []string{
		"người sử dụng và quy mô (số lượng người sử dụng, số lượng giao dịch);",
		"các chức năng nghiệp vụ chính;",
		"kiến trúc logic và kiến trúc vật lý; danh mục thiết bị, ứng dụng;",
		"phân vùng mạng và quy hoạch địa chỉ IP;",
		"kết nối, liên thông với hệ thống khác; dịch vụ thuê ngoài.",
	} {
		b.WriteString(p("Bullet", "- *["+g+"]*"))
	}

	b.WriteString(p("Heading1", "II. PHÂN LOẠI THÔNG TIN VÀ LOẠI HỆ THỐNG"))
	b.WriteString(p("Heading2", "1. Thông tin hệ thống xử lý (khoản 1 Điều 6 Nghị định số 85/2016/NĐ-CP)"))
	b.WriteString(block("each", "info_types", bullet("{{row.label}} ({{row.citation}}){{row.end}}")))
	b.WriteString(p("Heading2", "2. Loại hệ thống theo chức năng (khoản 2 Điều 6 Nghị định số 85/2016/NĐ-CP)"))
	b.WriteString(p("Normal", "{{SYSTEM_TYPE}} ({{SYSTEM_TYPE_CITATION}})."))
	b.WriteString(p("Heading2", "3. Các thông tin đã khai báo để xác định cấp độ"))
	fw := []int{3800, textWidth - 3800}
	b.WriteString(tbl(fw, true,
		tr(true, cells("TableHead", fw, "Thông tin", "Giá trị khai báo")...),
		tr(false, cells("TableText", fw, "{{#each.facts}}{{row.label}}", "{{row.value}}{{/each.facts}}")...),
	))

	b.WriteString(p("Heading1", "III. ĐỀ XUẤT CẤP ĐỘ"))
	b.WriteString(p("Heading2", "1. Các tiêu chí hệ thống đáp ứng"))
	b.WriteString(p("Normal", "Hệ thống (và các hệ thống thành phần, nếu có) đáp ứng các tiêu chí sau tại Điều 7 đến Điều 11 Nghị định số 85/2016/NĐ-CP:"))
	// The rule codes (D85.A9.K2.a) are capdo's, not the law's: the signed table cites
	// the provision only; the codes stay in manifest.json and the drafting notes.
	rw := []int{700, 800, 2800, textWidth - 4300}
	b.WriteString(tbl(rw, true,
		tr(true, cells("TableHead", rw, "STT", "Cấp độ", "Căn cứ", "Nội dung")...),
		tr(false, tc(rw[0], 1, false, p("TableCenter", "{{#each.reasons}}{{row.stt}}")),
			tc(rw[1], 1, false, p("TableCenter", "{{row.level}}")),
			tc(rw[2], 1, false, p("TableText", "{{row.citation}}")),
			tc(rw[3], 1, false, p("TableText", "{{row.content}}{{/each.reasons}}"))),
	))
	// What the table cannot say in signed text: a criterion's note, and how sure its basis
	// is when it is not the law's text.
	b.WriteString(block("each", "criterion_notes", note("Lưu ý về tiêu chí {{row.rule}} ({{row.citation}})", "{{row.text}}")))
	b.WriteString(p("Heading2", "2. Cấp độ đề xuất"))
	// The signed text speaks of the law; which rule set and file capdo used, and whether it
	// was in force on the document's date, is a drafting note.
	b.WriteString(p("Normal", "Cấp độ được xác định theo các tiêu chí tại Điều 7 đến Điều 11 Nghị định số 85/2016/NĐ-CP. Hệ thống đáp ứng nhiều tiêu chí thì được xác định theo cấp độ cao nhất trong các tiêu chí đáp ứng (khoản 2 Điều 5 Nghị định số 85/2016/NĐ-CP). Các tiêu chí quyết định cấp độ: {{DECISIVE_CITATIONS}}."))
	b.WriteString(pp(pPr{style: "Signature", before: 120, after: 240}, "ĐỀ XUẤT: CẤP ĐỘ {{LEVEL}}"))
	b.WriteString(note("Lưu ý về bộ quy tắc", "{{RULE_SET_NOTE}}"))
	b.WriteString(block("each", "notes", note("Lưu ý về bộ quy tắc", "{{row.text}}")))
	b.WriteString(block("if", "HAS_COMPONENTS",
		p("Heading2", "3. Hệ thống thành phần (khoản 2 Điều 5 Nghị định số 85/2016/NĐ-CP)"),
		p("Normal", "Hệ thống gồm các hệ thống thành phần dưới đây. Theo khoản 2 Điều 5 Nghị định số 85/2016/NĐ-CP, cấp độ của hệ thống là cấp độ cao nhất của các hệ thống thành phần."),
		componentsTable(),
	))
	b.WriteString(block("if", "HAS_WARNINGS",
		p("Heading2", "Những điểm cần xem xét"),
		block("each", "warnings", bullet("{{row.text}}")),
	))
	// TT 03/2017 Art. 7.3 belongs to the level explanation (docs/reference/law.md §9.3 item 4): the next
	// numbered part of section III.
	b.WriteString(block("if", "L45",
		block("if", "HAS_COMPONENTS", p("Heading2", "4. Nội dung bổ sung đối với hệ thống cấp độ 4, cấp độ 5")),
		block("unless", "HAS_COMPONENTS", p("Heading2", "3. Nội dung bổ sung đối với hệ thống cấp độ 4, cấp độ 5")),
		levelFourFive()))
	b.WriteString(secretNote())
	b.WriteString(closing("Trên đây là thuyết minh tổng quan và đề xuất cấp độ đối với {{SYSTEM_NAME}}./."))
	b.WriteString(signature("ISSUER_SIGNATURE",
		"- {{ADDRESSEE}} (kèm văn bản đề nghị thẩm định);",
		"- Lưu: VT, …….",
	))
	b.WriteString(draftingNote(""))
	b.WriteString(appraiserNote())
	return b.String()
}

func componentsTable() string {
	w := []int{700, textWidth - 2700, 2000}
	return tbl(w, true,
		tr(true, cells("TableHead", w, "STT", "Hệ thống thành phần", "Cấp độ")...),
		tr(false, tc(w[0], 1, false, p("TableCenter", "{{#each.components}}{{row.stt}}")),
			tc(w[1], 1, false, p("TableText", "{{row.name}}")),
			tc(w[2], 1, false, p("TableCenter", "{{row.level}}{{/each.components}}"))),
	)
}

// levelFourFive is the extra content of TT 03/2017 Art. 7.3 for levels 4 and 5, as
// subsections (under the heading the caller writes) with guidance for the operator. The
// signed text cites no article of TT 03/2017, which the recitals' TT 12/2022 replaced: a
// drafting note says where the content comes from.
func levelFourFive() string {
	var b strings.Builder
	b.WriteString(p("Normal", "Thuyết minh đề xuất cấp độ của hệ thống cấp độ 4, cấp độ 5 có thêm các nội dung sau."))
	b.WriteString(note("Lưu ý về căn cứ", "các nội dung dưới đây theo khoản 3 Điều 7 Thông tư 03/2017/TT-BTTTT. Thông tư 03/2017/TT-BTTTT đã được thay thế bằng Thông tư 12/2022/TT-BTTTT [nguồn thứ cấp, cần kiểm chứng], được cho là giữ nội dung tương tự [suy luận, cần kiểm chứng]; cần đối chiếu điều, khoản tương ứng của Thông tư 12/2022/TT-BTTTT."))
	sections := []struct{ head, guide string }{
		{"a) Hệ thống liên quan, kết nối, phụ thuộc", "Liệt kê các hệ thống thông tin có liên quan, kết nối hoặc phụ thuộc; phân tích ảnh hưởng tới hệ thống này khi các hệ thống đó bị tấn công, phá hoại"},
		{"b) Thành phần, thiết bị quan trọng và loại thông tin quan trọng", "Danh mục các thành phần hệ thống, thiết bị mạng quan trọng và các loại thông tin quan trọng mà hệ thống xử lý"},
		{"c) Lý do quan trọng", "Thuyết minh tầm quan trọng của từng thành phần, thiết bị và loại thông tin nêu tại điểm b"},
		{"d) Nguy cơ tấn công mạng", "Phân tích nguy cơ tấn công mạng và ảnh hưởng tới các tiêu chí xác định cấp độ tại Điều 10, Điều 11 Nghị định số 85/2016/NĐ-CP"},
		{"đ) Phạm vi, mức độ ảnh hưởng", "Phạm vi và mức độ ảnh hưởng tới lợi ích công cộng, trật tự an toàn xã hội, quốc phòng, an ninh quốc gia khi hệ thống bị phá hoại"},
	}
	for _, s := range sections {
		b.WriteString(p("Heading3", s.head))
		b.WriteString(guide(s.guide))
	}
	b.WriteString(block("if", "L4",
		p("Heading3", "Luận chứng yêu cầu vận hành 24/7"),
		block("if", "ALWAYS_ON", p("Normal", "Hệ thống được khai báo là phải vận hành 24/7 và không chấp nhận ngừng vận hành mà không có kế hoạch trước.")),
		guide("Thuyết minh lý do hệ thống phải vận hành 24/7, không chấp nhận ngừng vận hành mà không có kế hoạch trước"),
	))
	b.WriteString(p("Heading3", "e) Nội dung khác"))
	b.WriteString(guide("Các nội dung khác (nếu có)"))
	return b.String()
}
