package main

import (
	"fmt"
	"strings"
)

// The documents of a Decree 331/2026 dossier (docs/reference/d331.md §3): the explanation
// of Art. 22, the protection plan of Art. 29–30 with the groups of TCVN 14423:2026, and
// the forms Mẫu 01–07 (d331_forms.go). They cite Luật An ninh mạng and Decree 331 only:
// nothing here cites Decree 85 or its circulars. Every reading of the decree that is an
// inference says so in a drafting note.

const nd331 = "Nghị định số 331/2026/NĐ-CP"

// pmList331 says who approves the list of level-5 systems (điểm đ khoản 3 Điều 18, điểm c
// khoản 3 Điều 20; khoản 2 Điều 34 for military systems).
const pmList331 = "Thủ tướng Chính phủ phê duyệt danh mục hệ thống thông tin quan trọng về an ninh quốc gia, trong đó có các hệ thống cấp độ 5, do Bộ Công an trình (hệ thống thông tin quân sự do Bộ Quốc phòng trình) theo điểm đ khoản 3 Điều 18 và điểm c khoản 3 Điều 20 " + nd331

// operatorNote331 asks for the operating unit when the profile names none: it prepares
// the dossier (điểm a khoản 1 Điều 20).
func operatorNote331() string {
	return block("unless", "HAS_OPERATOR", note("Lưu ý về đơn vị vận hành",
		"hồ sơ hệ thống chưa khai báo đơn vị vận hành. Đơn vị vận hành lập hồ sơ đề xuất cấp độ (điểm a khoản 1 Điều 20 "+nd331+"): điền tên đơn vị vào các chỗ «[TÊN ĐƠN VỊ VẬN HÀNH]», hoặc khai báo đơn vị vận hành (operator) trong hồ sơ hệ thống và lập lại văn bản. Nếu {{OWNER}} trực tiếp vận hành hệ thống, ghi tên {{OWNER}} và bỏ dòng tên cơ quan cấp trên ở đầu văn bản."))
}

// recitals331 are the "Căn cứ …" lines of the rule set (Luật An ninh mạng, Decree 331),
// with the rule set's notes on the documents they cite.
func recitals331(italic bool) string { return recitals331From("legal_basis", italic) }

// recitals331From are the recitals of a list (see recitalsFrom).
func recitals331From(list string, italic bool) string {
	line := "Căn cứ {{row.text}};"
	if italic {
		line = "*" + line + "*"
	}
	return block("each", list, p("Normal", line)) +
		block("each", "recital_notes", note("Lưu ý về căn cứ", "{{row.text}}"))
}

// formNote says which form of the decree's appendix a document follows, how sure its text
// is and that the form's use at the level is inferred (docs/reference/d331.md §3.5): the numbers and titles
// of the forms agree in the two independent copies of the decree the rule set cites; only
// one of them carries the forms' bodies.
func formNote(form, use string) string {
	return note("Lưu ý về mẫu văn bản", "văn bản theo "+form+" Phụ lục Mẫu văn bản xác định cấp độ hệ thống thông tin ban hành kèm theo "+nd331+". "+formSource+
		" Các điều của Nghị định không dẫn số mẫu: việc dùng "+form+" "+use+" là suy luận từ nơi nhận và nội dung của mẫu [suy luận].")
}

// formSource is what the forms' text rests on (docs/reference/d331.md §3.5).
const formSource = "Số hiệu và tên các mẫu thống nhất giữa hai bản chép độc lập của toàn văn Nghị định mà bộ quy tắc {{RULE_SET_ID}} dẫn nguồn; nội dung mẫu chỉ có trong bản chép của trang luatnguyen.vn (bản chép lại văn bản ký số chỉ có tên các mẫu), cần đối chiếu với Phụ lục của văn bản đăng Công báo trước khi ký [cần đối chiếu]."

// secretDocNote is the drafting note under the heading of every document of a system that
// processes state secrets.
func secretDocNote() string { return secretNote() }

// infoTable is a two-column table of fill-in facts about a body (Art. 22.3.a–b): name,
// founding document, representative, address, contacts.
func infoTable(name string) string {
	w := []int{3300, textWidth - 3300}
	return tbl(w, true,
		tr(false, cells("TableText", w, "Tên cơ quan, tổ chức", name)...),
		tr(false, cells("TableText", w, "Quyết định thành lập hoặc văn bản giao nhiệm vụ", "*[Số, ngày, cơ quan ban hành]*")...),
		tr(false, cells("TableText", w, "Người đại diện, chức vụ", "*[Họ và tên, chức vụ]*")...),
		tr(false, cells("TableText", w, "Địa chỉ", "*[Địa chỉ]*")...),
		tr(false, cells("TableText", w, "Điện thoại, thư điện tử", "*[Số điện thoại; địa chỉ thư điện tử]*")...),
	)
}

// fillTable is a table with a heading row, one row of guides in brackets and two empty
// rows to fill in.
func fillTable(widths []int, heads []string, guides []string) string {
	rows := []string{tr(true, cells("TableHead", widths, heads...)...)}
	g := []string{"1"}
	for _, x := range guides {
		g = append(g, "*["+x+"]*")
	}
	rows = append(rows, numberedRow(widths, g[0], g[1:]...))
	for i := 2; i <= 3; i++ {
		empty := make([]string, len(guides))
		rows = append(rows, numberedRow(widths, fmt.Sprint(i), empty...))
	}
	return tbl(widths, true, rows...)
}

// thuyetMinh331 is the explanation of the dossier (Art. 21.1 and 21.3, Art. 22): its three
// parts (khoản 2 Điều 22) are the overview (khoản 3: owner, operator, scope, architecture
// with the device, application and IP tables), the level proposal (khoản 4: the list of
// systems with levels and grounds, the detailed explanation, the preliminary risk
// identification from the recorded risk assessment; for levels 4–5 the detailed report of
// khoản 5) and the protection plan (khoản 6), which refers to the plan document.
func thuyetMinh331() string {
	var b strings.Builder
	b.WriteString(headerBlock(preparer, "……/TM-……"))
	b.WriteString(title("THUYẾT MINH", "Hồ sơ đề xuất cấp độ hệ thống thông tin", "{{SYSTEM_NAME}}"))
	b.WriteString(operatorNote331())
	b.WriteString(note("Lưu ý về bố cục", "thuyết minh gồm ba phần theo khoản 2 Điều 22 "+nd331+": mô tả tổng quan (khoản 3), đề xuất cấp độ (khoản 4, khoản 5) và phương án bảo đảm an ninh mạng (khoản 6), phần này trình bày chi tiết tại văn bản Phương án bảo đảm an ninh mạng kèm theo. Các bảng điền thông tin là cách trình bày gợi ý; Nghị định không quy định mẫu bảng [suy luận]."))

	b.WriteString(p("Heading1", "PHẦN I. MÔ TẢ TỔNG QUAN VỀ HỆ THỐNG THÔNG TIN"))
	b.WriteString(p("Heading2", "1. Chủ quản hệ thống thông tin"))
	b.WriteString(infoTable("{{OWNER}}"))
	b.WriteString(p("Heading2", "2. Đơn vị vận hành hệ thống thông tin"))
	b.WriteString(infoTable("{{OPERATOR}}"))
	b.WriteString(p("Heading2", "3. Phạm vi, quy mô và đối tượng phục vụ"))
	b.WriteString(bullet("Tên hệ thống: {{SYSTEM_NAME}}."))
	b.WriteString(block("if", "HAS_SYSTEM_ID", bullet("Mã hệ thống: {{SYSTEM_ID}}.")))
	b.WriteString(block("if", "HAS_DESCRIPTION", p("Normal", "{{SYSTEM_DESCRIPTION}}")))
	b.WriteString(block("unless", "HAS_DESCRIPTION", guide("Mô tả chức năng nghiệp vụ, phạm vi hoạt động, quy mô (số người sử dụng, số giao dịch, số chủ thể dữ liệu) và đối tượng sử dụng, phục vụ của hệ thống")))
	b.WriteString(block("if", "HAS_COMPONENTS",
		p("Normal", "Hệ thống gồm các hệ thống thành phần sau:"),
		componentsTable(),
	))
	b.WriteString(p("Heading2", "4. Kiến trúc hệ thống"))
	b.WriteString(p("Normal", "Mô tả dưới đây là hiện trạng đối với hệ thống đang vận hành, hoặc thiết kế dự kiến đối với hệ thống đầu tư mới, nâng cấp."))
	b.WriteString(p("Heading3", "a) Mô hình logic"))
	b.WriteString(guide("Sơ đồ và mô tả các thành phần chức năng, luồng dữ liệu, kết nối với hệ thống khác"))
	b.WriteString(p("Heading3", "b) Mô hình vật lý"))
	b.WriteString(guide("Sơ đồ và mô tả vị trí đặt thiết bị, trung tâm dữ liệu, hạ tầng điện toán đám mây, đường truyền"))
	b.WriteString(p("Heading3", "c) Danh mục thiết bị chính và thiết bị mạng"))
	b.WriteString(fillTable([]int{700, 3500, 2300, textWidth - 6500},
		[]string{"STT", "Tên, chủng loại thiết bị", "Vị trí lắp đặt", "Mục đích sử dụng"},
		[]string{"Tên, chủng loại", "Vị trí", "Mục đích"}))
	b.WriteString(p("Heading3", "d) Danh mục ứng dụng, dịch vụ"))
	b.WriteString(fillTable([]int{700, 2100, 1650, 1450, 1550, textWidth - 7450},
		[]string{"STT", "Tên ứng dụng, dịch vụ", "Máy chủ cài đặt", "Vị trí", "Hệ điều hành máy chủ", "Mục đích"},
		[]string{"Tên", "Máy chủ", "Vị trí", "Hệ điều hành", "Mục đích"}))
	b.WriteString(p("Heading3", "đ) Phân vùng mạng và quy hoạch địa chỉ IP"))
	b.WriteString(fillTable([]int{700, 3200, 2700, textWidth - 6600},
		[]string{"STT", "Vùng mạng", "Địa chỉ IP nội bộ", "Địa chỉ IP công khai"},
		[]string{"Tên vùng mạng", "Dải địa chỉ nội bộ", "Địa chỉ công khai (nếu có)"}))

	b.WriteString(p("Heading1", "PHẦN II. ĐỀ XUẤT CẤP ĐỘ"))
	b.WriteString(p("Heading2", "1. Danh sách hệ thống thông tin và cấp độ đề xuất"))
	lw := []int{700, 3900, 1400, textWidth - 6000}
	b.WriteString(tbl(lw, true,
		tr(true, cells("TableHead", lw, "STT", "Hệ thống thông tin", "Cấp độ đề xuất", "Căn cứ đề xuất")...),
		numberedRow(lw, "1", "{{SYSTEM_NAME}}", "Cấp độ {{LEVEL}}", "Theo {{DECISIVE_CITATIONS}}"),
		tr(false, tc(lw[0], 1, false, p("TableCenter", "{{#each.components}}1.{{row.stt}}")),
			tc(lw[1], 1, false, p("TableText", "{{row.name}} (hệ thống thành phần)")),
			tc(lw[2], 1, false, p("TableText", "Cấp độ {{row.level}}")),
			tc(lw[3], 1, false, p("TableText", "Theo mục 2 dưới đây{{/each.components}}"))),
	))
	b.WriteString(decisiveNotes())
	b.WriteString(p("Heading2", "2. Thuyết minh chi tiết"))
	b.WriteString(p("Heading3", "a) Loại thông tin hệ thống xử lý (khoản 1 Điều 9 "+nd331+")"))
	b.WriteString(block("each", "info_types", bullet("{{row.label}}{{row.end}}")))
	b.WriteString(p("Heading3", "b) Loại hệ thống thông tin ({{SYSTEM_TYPE_CITATION}})"))
	b.WriteString(p("Normal", "{{SYSTEM_TYPE}}."))
	b.WriteString(p("Heading3", "c) Các tiêu chí hệ thống đáp ứng (Điều 11 đến Điều 15 "+nd331+")"))
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
	b.WriteString(block("each", "criterion_notes", note("Lưu ý về tiêu chí {{row.rule}} ({{row.citation}})", "{{row.text}}")))
	b.WriteString(p("Normal", "Các thông tin đã khai báo để xác định cấp độ:"))
	fw := []int{3800, textWidth - 3800}
	b.WriteString(tbl(fw, true,
		tr(true, cells("TableHead", fw, "Thông tin", "Giá trị khai báo")...),
		tr(false, cells("TableText", fw, "{{#each.facts}}{{row.label}}", "{{row.value}}{{/each.facts}}")...),
	))
	b.WriteString(p("Heading3", "d) Cấp độ đề xuất"))
	b.WriteString(p("Normal", "Hệ thống đáp ứng nhiều tiêu chí thì được xác định theo cấp độ cao nhất trong các tiêu chí đáp ứng (khoản 2 Điều 8 "+nd331+"). Các tiêu chí quyết định cấp độ: {{DECISIVE_CITATIONS}}."))
	b.WriteString(block("if", "HAS_RISK", p("Normal", "Kết quả đánh giá rủi ro an ninh mạng của hệ thống (mục 3 dưới đây) cho thấy cấp độ {{RISK_LEVEL}}; theo khoản 4, khoản 5 Điều 10 "+nd331+", kết quả đánh giá rủi ro là cơ sở đề xuất cấp độ, và khi rủi ro vượt cấp độ đã xác định thì phải đề xuất cấp độ cao hơn.")))
	b.WriteString(block("if", "RISK_ABOVE_LEVEL", note("Lưu ý về kết quả đánh giá rủi ro", "kết quả đánh giá rủi ro cho thấy cấp độ {{RISK_LEVEL}}, cao hơn cấp độ {{LEVEL}} xác định theo tiêu chí. Theo khoản 5 Điều 10 "+nd331+", chủ quản phải đề xuất cấp độ cao hơn: rà soát lại kết quả đánh giá rủi ro hoặc cấp độ đề xuất trước khi trình hồ sơ.")))
	b.WriteString(pp(pPr{style: "Signature", before: 120, after: 240}, "ĐỀ XUẤT: CẤP ĐỘ {{LEVEL}}"))
	b.WriteString(block("if", "CRITICAL", p("Normal", "Hệ thống thuộc hoặc được đề nghị đưa vào Danh mục hệ thống thông tin quan trọng về an ninh quốc gia (Điều 16, Điều 17 "+nd331+"); hồ sơ được thực hiện theo trình tự, thủ tục đối với hệ thống thông tin cấp độ 5 (khoản 4 Điều 20 "+nd331+")."),
		guide("Nêu dấu hiệu của hệ thống theo Điều 16 Nghị định số 331/2026/NĐ-CP")))
	b.WriteString(block("if", "L5", block("unless", "CRITICAL", p("Normal", "Hệ thống thông tin cấp độ 5 là hệ thống thông tin quan trọng về an ninh quốc gia (khoản 4 Điều 16 "+nd331+")."))))
	b.WriteString(note("Lưu ý về bộ quy tắc", "{{RULE_SET_NOTE}}"))
	b.WriteString(block("each", "notes", note("Lưu ý về bộ quy tắc", "{{row.text}}")))
	// What the classification warns about concerns the profile capdo was given (a fact
	// not declared, one no criterion reads): a note for whoever completes the dossier, not
	// signed text.
	b.WriteString(block("each", "warnings", note("Lưu ý khi xác định cấp độ", "{{row.text}}")))

	b.WriteString(p("Heading2", "3. Nhận diện sơ bộ rủi ro an ninh mạng chính và tác động dự kiến"))
	b.WriteString(block("if", "HAS_RISK", p("Normal", "Theo kết quả đánh giá rủi ro an ninh mạng của hệ thống (Điều 10 "+nd331+") do {{RISK_ASSESSED_BY}} thực hiện {{RISK_ASSESSED_AT}}; lý do đánh giá: {{RISK_TRIGGER}}.")))
	b.WriteString(block("unless", "HAS_RISK",
		p("Normal", "Theo kết quả đánh giá rủi ro an ninh mạng của hệ thống (Điều 10 "+nd331+") do {{RISK_ASSESSED_BY}} thực hiện {{RISK_ASSESSED_AT}}."),
		note("Lưu ý về đánh giá rủi ro", "chưa có kết quả đánh giá rủi ro an ninh mạng được ghi nhận cho phiên bản hệ thống này. Đánh giá rủi ro là bắt buộc khi xác định cấp độ lần đầu (điểm a khoản 2 Điều 10 "+nd331+") và phải có đủ các nội dung tại khoản 3 Điều 10; ghi kết quả đánh giá (trong ứng dụng: trang Đánh giá rủi ro của hệ thống; dòng lệnh: --risk) rồi lập lại hồ sơ, hoặc điền các bảng dưới đây.")))
	cw := []int{700, 3300, textWidth - 4000}
	b.WriteString(tbl(cw, true,
		tr(true, cells("TableHead", cw, "STT", "Nội dung đánh giá (khoản 3 Điều 10)", "Kết quả")...),
		numberedRow(cw, "{{#each.risk_contents}}{{row.stt}}", "{{row.label}}", "{{row.text}}{{/each.risk_contents}}"),
	))
	b.WriteString(p("Normal", "Danh sách rủi ro chính (mức rủi ro bằng khả năng xảy ra nhân mức độ tác động, mỗi yếu tố từ 1 đến 5):"))
	kw := []int{700, 1850, 2300, 800, 800, 800, textWidth - 7250}
	b.WriteString(tbl(kw, true,
		tr(true, cells("TableHead", kw, "STT", "Tài sản, chức năng", "Mối đe dọa, điểm yếu", "Khả năng", "Tác động", "Mức rủi ro", "Biện pháp hiện có, biện pháp xử lý")...),
		tr(false, tc(kw[0], 1, false, p("TableCenter", "{{#each.risk_register}}{{row.stt}}")),
			tc(kw[1], 1, false, p("TableText", "{{row.asset}}")),
			tc(kw[2], 1, false, p("TableText", "{{row.threat}}")),
			tc(kw[3], 1, false, p("TableCenter", "{{row.likelihood}}")),
			tc(kw[4], 1, false, p("TableCenter", "{{row.impact}}")),
			tc(kw[5], 1, false, p("TableCenter", "{{row.score}}")),
			tc(kw[6], 1, false, p("TableText", "{{row.measures}}{{/each.risk_register}}"))),
		tr(false, tc(kw[0], 1, false, p("TableCenter", "{{#unless.HAS_RISK_REGISTER}}1")),
			tc(kw[1], 1, false, p("TableText", "*[Tài sản, chức năng]*")),
			tc(kw[2], 1, false, p("TableText", "*[Mối đe dọa, điểm yếu]*")),
			tc(kw[3], 1, false, p("TableCenter", "")),
			tc(kw[4], 1, false, p("TableCenter", "")),
			tc(kw[5], 1, false, p("TableCenter", "")),
			tc(kw[6], 1, false, p("TableText", "*[Biện pháp]*{{/unless.HAS_RISK_REGISTER}}"))),
	))
	b.WriteString(note("Lưu ý về cách chấm điểm", "Khung quản lý rủi ro an ninh mạng và phương pháp đánh giá rủi ro do Bộ Công an quy định (khoản 8 Điều 10 "+nd331+") chưa được ban hành; thang 1–5 và cách tính mức rủi ro là cách trình bày tạm thời [suy luận, cần kiểm chứng]."))
	b.WriteString(p("Normal", "Kết luận: {{RISK_RATIONALE}}"))

	b.WriteString(block("if", "L45",
		p("Heading2", "4. Báo cáo đánh giá rủi ro chi tiết (khoản 5 Điều 22 "+nd331+")"),
		p("Normal", "Đối với hệ thống thông tin cấp độ 4, cấp độ 5, ngoài các nội dung trên, báo cáo đánh giá rủi ro có các nội dung sau."),
		note("Lưu ý về căn cứ", "khoản 5 Điều 22 yêu cầu các nội dung chi tiết «ngoài các nội dung tại khoản 3», khoản 3 là phần mô tả tổng quan; có thể văn bản muốn dẫn khoản 4 [cần đối chiếu]. Thuyết minh này trình bày đủ nội dung của cả khoản 3, khoản 4 và khoản 5."),
		block("each", "risk_detailed", p("Heading3", "{{row.key}}) {{row.label}}"), p("Normal", "{{row.text}}")),
	))

	b.WriteString(p("Heading1", "PHẦN III. PHƯƠNG ÁN BẢO ĐẢM AN NINH MẠNG"))
	b.WriteString(p("Normal", "Phương án bảo đảm an ninh mạng theo cấp độ {{LEVEL}} (khoản 6 Điều 22 "+nd331+") được trình bày tại văn bản Phương án bảo đảm an ninh mạng kèm theo Thuyết minh này, gồm: các nội dung tại khoản 2 Điều 29; yêu cầu quản lý và yêu cầu kỹ thuật tại khoản 3, khoản 4 Điều 30; phương án thực hiện {{GROUP_COUNT}} nhóm yêu cầu của tiêu chuẩn quốc gia {{STANDARD}} đối với cấp độ {{REQUIREMENTS_LEVEL}} ({{REQUIREMENT_COUNT}} yêu cầu)."))
	b.WriteString(secretDocNote())
	b.WriteString(closing("Trên đây là thuyết minh hồ sơ đề xuất cấp độ của {{SYSTEM_NAME}}./."))
	b.WriteString(signature("ISSUER_SIGNATURE",
		"- {{ADDRESSEE}} (kèm văn bản đề nghị thẩm định);",
		"- Lưu: VT, …….",
	))
	b.WriteString(draftingNote(""))
	b.WriteString(appraiserNote())
	return b.String()
}

// phuongAn331 is the protection plan (Art. 21.4, 22.6, 29–30): the seven parts of khoản 2
// Điều 29, the management requirements of khoản 3 Điều 30 (a–g) and the technical ones of
// khoản 4 (a–d), and the groups of TCVN 14423:2026 for the level, each with the section
// number of that level (they shift between levels) and its requirements, with the columns
// to fill in. The requirements are capdo's own summary, and the plan says so: the standard
// is copyrighted.
func phuongAn331() string {
	var b strings.Builder
	b.WriteString(headerBlock(preparer, "……/PA-……"))
	b.WriteString(title("PHƯƠNG ÁN", "Bảo đảm an ninh mạng hệ thống thông tin theo cấp độ", "{{SYSTEM_NAME}} (cấp độ {{LEVEL}})"))
	b.WriteString(operatorNote331())

	b.WriteString(p("Heading1", "I. THÔNG TIN CHUNG"))
	b.WriteString(bullet("Hệ thống: {{SYSTEM_NAME}}; chủ quản: {{OWNER}}; đơn vị vận hành: {{OPERATOR}}."))
	b.WriteString(bullet("Cấp độ đề xuất: **cấp độ {{LEVEL}}** ({{DECISIVE_CITATIONS}})."))
	b.WriteString(bullet("Căn cứ: Điều 29, Điều 30 " + nd331 + "; Tiêu chuẩn quốc gia {{STANDARD}} An ninh mạng – Hệ thống thông tin – Yêu cầu cơ bản, mục {{STANDARD_SECTION}} (yêu cầu đối với hệ thống cấp độ {{REQUIREMENTS_LEVEL}})."))
	b.WriteString(block("if", "CRITICAL", bullet("Hệ thống thuộc danh mục hệ thống thông tin quan trọng về an ninh quốc gia nên áp dụng yêu cầu của cấp độ 5 theo tiêu chuẩn.")))
	b.WriteString(note("Lưu ý về tiêu chuẩn", "Nghị định số 331/2026/NĐ-CP chỉ dẫn tên tiêu chuẩn «Tiêu chuẩn quốc gia về An ninh mạng - Hệ thống thông tin - Yêu cầu cơ bản» (khoản 1, khoản 4 Điều 28; khoản 1 Điều 29; khoản 1 Điều 30), không ghi số hiệu; số hiệu TCVN 14423:2026 và quyết định công bố theo hai bộ tài liệu công khai [nguồn thứ cấp, cần kiểm chứng]. Tiêu chuẩn có bản quyền: đơn vị phải có bản chính thức để đối chiếu trước khi ký. Theo tiêu chuẩn, hệ thống thông tin quan trọng về an ninh quốc gia áp dụng yêu cầu của cấp độ 5 [nguồn thứ cấp]."))

	b.WriteString(p("Heading1", "II. PHƯƠNG ÁN BẢO ĐẢM AN NINH MẠNG (khoản 2 Điều 29 "+nd331+")"))
	b.WriteString(p("Heading2", "a) Bảo đảm an ninh mạng trong thiết kế, xây dựng hệ thống"))
	b.WriteString(guide("Giải pháp an ninh mạng trong thiết kế: phân vùng mạng, kiểm soát truy cập, xác thực, mã hóa, ghi nhật ký, sao lưu; việc kiểm tra, đánh giá trước khi nghiệm thu"))
	b.WriteString(block("if", "L13", p("Normal", "Hệ thống cấp độ {{LEVEL}} xem xét sử dụng các giải pháp, nguồn lực bảo vệ dùng chung (khoản 5 Điều 30 "+nd331+").")))
	b.WriteString(block("if", "L45", p("Normal", "Hệ thống cấp độ {{LEVEL}} được thiết kế bảo đảm tính sẵn sàng và phân vùng, hạn chế phạm vi ảnh hưởng khi có sự cố (khoản 5 Điều 30 "+nd331+").")))
	b.WriteString(block("unless", "ROUTE5", block("unless", "L12", p("Normal", "Khi đặt tại trung tâm dữ liệu hoặc trên nền tảng điện toán đám mây, hệ thống được tách biệt về logic với các hệ thống khác, giữa các vùng mạng và trong lưu trữ (khoản 8 Điều 30 "+nd331+")."))))
	b.WriteString(block("if", "ROUTE5", p("Normal", "Hệ thống được tách biệt về vật lý; các thiết bị mạng chính tách biệt về vật lý, chỉ dùng chung công cụ bảo vệ tại biên (khoản 9 Điều 30 "+nd331+").")))
	b.WriteString(p("Normal", "Đối với hệ thống đầu tư mới, nâng cấp, tài liệu thiết kế đáp ứng phương án này (khoản 1 Điều 22) và phương án được triển khai đầy đủ trước khi đưa hệ thống vào sử dụng (khoản 6 Điều 30 "+nd331+")."))
	b.WriteString(p("Heading2", "b) Bảo đảm an ninh mạng trong quá trình vận hành hệ thống"))
	b.WriteString(guide("Quy trình vận hành, quản lý tài khoản và quyền, cập nhật bản vá, sao lưu, quản lý thay đổi"))
	b.WriteString(p("Heading2", "c) Kiểm tra, đánh giá an ninh mạng"))
	b.WriteString(p("Normal", "Việc tự kiểm tra, đánh giá do đơn vị độc lập với đơn vị vận hành thực hiện. Tổ chức kiểm tra, đánh giá được cấp phép hoặc được chỉ định thực hiện đối với hệ thống cấp độ 5, hệ thống thông tin quan trọng về an ninh quốc gia, sau sự cố nghiêm trọng, sau thay đổi lớn, khi kết quả tự đánh giá chưa bảo đảm hoặc theo yêu cầu (điểm c khoản 2 Điều 31 "+nd331+")."))
	b.WriteString(guide("Chu kỳ, nội dung và đơn vị thực hiện kiểm tra, đánh giá"))
	b.WriteString(note("Lưu ý về chu kỳ kiểm tra", "Nghị định số 331/2026/NĐ-CP không nêu chu kỳ kiểm tra, đánh giá theo cấp độ; tiêu chí, biểu mẫu tự đánh giá do Bộ Công an hướng dẫn (điểm c khoản 2 Điều 31) chưa thấy ban hành [cần đối chiếu]."))
	b.WriteString(block("if", "ROUTE5", p("Normal", "Hệ thống thuộc trường hợp phải do tổ chức kiểm tra, đánh giá được cấp phép hoặc được chỉ định thực hiện.")))
	b.WriteString(p("Heading2", "d) Quản lý rủi ro an ninh mạng"))
	b.WriteString(p("Normal", "Đánh giá lại rủi ro an ninh mạng khi thay đổi chức năng, phạm vi phục vụ, người sử dụng, loại thông tin hoặc công nghệ; khi mở rộng quy mô, tích hợp, kết nối, chia sẻ dữ liệu; sau sự cố nghiêm trọng hoặc khi có nguy cơ cao đối với an ninh quốc gia, trật tự, an toàn xã hội; và theo yêu cầu của cơ quan có thẩm quyền (khoản 2 Điều 10 "+nd331+"). Kết quả đánh giá rủi ro lần này trình bày tại mục 3 Phần II Thuyết minh hồ sơ đề xuất cấp độ."))
	b.WriteString(guide("Kế hoạch xử lý rủi ro: biện pháp, đơn vị chịu trách nhiệm, thời hạn"))
	b.WriteString(p("Heading2", "đ) Giám sát an ninh mạng"))
	b.WriteString(guide("Đối tượng giám sát, công cụ, phương thức và đơn vị thực hiện giám sát"))
	b.WriteString(block("unless", "L12", p("Normal", "Hệ thống kết nối, chia sẻ thông tin với hệ thống giám sát an ninh mạng do Bộ Công an xây dựng, vận hành đối với hệ thống cấp độ 3 trở lên (khoản 5 Điều 33, điểm e khoản 1 Điều 34 "+nd331+")."),
		note("Lưu ý về giám sát", "quy định về giám sát, ứng phó sự cố do Bộ Công an hướng dẫn (khoản 6 Điều 28) chưa thấy ban hành; cách thức kết nối cần đối chiếu hướng dẫn hiện hành [cần đối chiếu].")))
	b.WriteString(p("Heading2", "e) Dự phòng, ứng phó sự cố, khôi phục sau thảm họa"))
	b.WriteString(p("Normal", "Báo cáo sự cố (điểm d khoản 2 Điều 31 "+nd331+"):"))
	b.WriteString(bullet("trong thời hạn **72 giờ** kể từ khi phát hiện sự cố, báo cáo nguyên nhân, phạm vi và biện pháp khắc phục; sự cố phức tạp có báo cáo ban đầu, báo cáo cập nhật và báo cáo kết thúc;"))
	b.WriteString(bullet("sự cố nghiêm trọng: thông báo ban đầu trong thời hạn **24 giờ**;"))
	b.WriteString(bullet("báo cáo **ngay** khi có dấu hiệu xâm phạm an ninh quốc gia, trật tự, an toàn xã hội hoặc gây gián đoạn nghiêm trọng."))
	b.WriteString(block("if", "SECRET", p("Normal", "Hệ thống xử lý thông tin bí mật nhà nước: báo cáo sự cố được lập, đóng dấu độ mật và chuyển giao theo quy định về bảo vệ bí mật nhà nước, không gửi qua phương tiện không được phép truyền đưa thông tin bí mật nhà nước.")))
	b.WriteString(note("Lưu ý về báo cáo sự cố", "Nghị định không định nghĩa «sự cố nghiêm trọng»; nơi nhận báo cáo theo hướng dẫn của Bộ Công an [cần đối chiếu]."))
	b.WriteString(guide("Phương án sao lưu, dự phòng và khôi phục sau thảm họa: mục tiêu thời gian khôi phục, địa điểm dự phòng, diễn tập; lực lượng và quy trình ứng phó sự cố"))
	b.WriteString(p("Heading2", "g) Kết thúc vận hành, khai thác, thanh lý, hủy bỏ"))
	b.WriteString(guide("Chuyển đổi, lưu trữ hoặc hủy dữ liệu; thu hồi tài khoản; xóa dữ liệu an toàn trên thiết bị khi kết thúc vận hành, thanh lý"))

	b.WriteString(p("Heading1", "III. YÊU CẦU QUẢN LÝ VÀ YÊU CẦU KỸ THUẬT (Điều 30 "+nd331+")"))
	b.WriteString(p("Normal", "Yêu cầu cơ bản đối với hệ thống cấp độ {{LEVEL}} là yêu cầu tối thiểu, gồm yêu cầu quản lý và yêu cầu kỹ thuật, không bao gồm yêu cầu về an ninh vật lý (khoản 2 Điều 30). Phương án thực hiện từng yêu cầu dưới đây gắn với các nhóm yêu cầu của tiêu chuẩn tại mục IV."))
	b.WriteString(note("Lưu ý về đối chiếu", "việc gắn từng yêu cầu của Điều 30 với các nhóm yêu cầu của tiêu chuẩn là cách trình bày của capdo [suy luận]."))
	b.WriteString(p("Heading2", "1. Yêu cầu quản lý (khoản 3 Điều 30)"))
	for _, r := range []struct{ head, text, groups string }{
		{"a) Chính sách an ninh mạng", "Quy chế bảo đảm an ninh mạng của hệ thống đáp ứng yêu cầu quản lý của cấp độ, được cấp có thẩm quyền ban hành trước khi phê duyệt hồ sơ đề xuất cấp độ (khoản 7 Điều 30): Quy chế số …… ngày …….", "quản lý rủi ro"},
		{"b) Tổ chức bảo đảm an ninh mạng", "", "nhân sự; ứng phó sự cố"},
		{"c) Nguồn nhân lực", "", "nhân sự"},
		{"d) Thiết kế, xây dựng hệ thống", "", "cấu hình an toàn; phát triển an toàn và kiểm thử an ninh mạng (từ cấp độ 3)"},
		{"đ) Vận hành hệ thống", "", "quản lý tài sản phần cứng, phần mềm; quản lý điểm yếu, lỗ hổng; nhà cung cấp"},
		{"e) Kế hoạch quản lý rủi ro", "", "quản lý rủi ro an ninh mạng"},
		{"g) Kế hoạch kết thúc vận hành", "", "quản lý tài sản thông tin"},
	} {
		b.WriteString(p("Heading3", r.head))
		if r.text != "" {
			b.WriteString(p("Normal", r.text))
		}
		b.WriteString(guide("Biện pháp thực hiện; nhóm yêu cầu liên quan tại mục IV: " + r.groups))
	}
	b.WriteString(p("Heading2", "2. Yêu cầu kỹ thuật (khoản 4 Điều 30)"))
	for _, r := range []struct{ head, groups string }{
		{"a) Bảo đảm an ninh mạng", "quản lý hạ tầng mạng; giám sát và phòng thủ (từ cấp độ 3)"},
		{"b) Bảo đảm an ninh máy chủ", "cấu hình an toàn; phòng chống mã độc; nhật ký an ninh mạng"},
		{"c) Bảo đảm an ninh ứng dụng", "quản lý tài khoản và truy cập; trình duyệt và thư điện tử"},
		{"d) Bảo đảm an ninh dữ liệu", "quản lý tài sản thông tin; sao lưu và khôi phục"},
	} {
		b.WriteString(p("Heading3", r.head))
		b.WriteString(guide("Biện pháp thực hiện; nhóm yêu cầu liên quan tại mục IV: " + r.groups))
	}

	b.WriteString(p("Heading1", "IV. NHÓM YÊU CẦU THEO TIÊU CHUẨN {{STANDARD}} ĐỐI VỚI CẤP ĐỘ {{REQUIREMENTS_LEVEL}}"))
	b.WriteString(p("Normal", "Mục {{STANDARD_SECTION}} của tiêu chuẩn quy định yêu cầu đối với hệ thống cấp độ {{REQUIREMENTS_LEVEL}}, gồm {{GROUP_COUNT}} nhóm. Số mục của cùng một nhóm thay đổi giữa các cấp độ; bảng dưới đây ghi số mục ở cấp độ {{REQUIREMENTS_LEVEL}}."))
	b.WriteString(block("if", "HAS_UNCONFIRMED_CLAUSES", p("Normal", "Số mục ghi «[cần đối chiếu]» phải được đối chiếu với bản tiêu chuẩn chính thức.")))
	gw := []int{700, 2200, 4855, textWidth - 7755}
	b.WriteString(tbl(gw, true,
		tr(true, cells("TableHead", gw, "STT", "Mục", "Nhóm yêu cầu", "Số yêu cầu")...),
		tr(false, tc(gw[0], 1, false, p("TableCenter", "{{#each.standard_groups}}{{row.stt}}")),
			tc(gw[1], 1, false, p("TableText", "{{row.clause}} {{row.mark}}")),
			tc(gw[2], 1, false, p("TableText", "{{row.title}}")),
			tc(gw[3], 1, false, p("TableCenter", "{{row.count}}{{/each.standard_groups}}"))),
	))
	b.WriteString(p("Normal", "Nội dung từng yêu cầu dưới đây được tóm tắt bằng lời văn riêng theo nhóm yêu cầu của tiêu chuẩn, không trích nguyên văn tiêu chuẩn; cột «Mục» ghi mục của nhóm tại bảng trên. Đơn vị vận hành ghi hiện trạng, biện pháp, thời hạn hoàn thành và tình trạng (Đáp ứng, Chưa đáp ứng, Không áp dụng) cho từng yêu cầu; bảng kiểm cùng các yêu cầu này được lập kèm theo dưới dạng bảng tính (checklist.xlsx)."))
	b.WriteString(note("Lưu ý về danh mục yêu cầu", "{{REQUIREMENTS_SOURCE}}"))
	b.WriteString(requirementTable331())

	b.WriteString(p("Heading1", "V. TỔ CHỨC THỰC HIỆN"))
	b.WriteString(p("Normal", "{{OPERATOR}} chủ trì triển khai phương án; đơn vị chuyên trách về an ninh mạng của {{OWNER}} theo dõi, kiểm tra việc thực hiện."))
	b.WriteString(guide("Phân công nhiệm vụ, tiến độ và kinh phí thực hiện"))
	b.WriteString(secretDocNote())
	b.WriteString(closing("Trên đây là phương án bảo đảm an ninh mạng theo cấp độ {{LEVEL}} của {{SYSTEM_NAME}}./."))
	b.WriteString(signature("ISSUER_SIGNATURE",
		"- {{ADDRESSEE}} (kèm văn bản đề nghị thẩm định);",
		"- Lưu: VT, …….",
	))
	b.WriteString(draftingNote(""))
	b.WriteString(appraiserNote())
	return b.String()
}

// requirementTable331 is the requirement table of the plan: one row per requirement of the
// level, in the order of the standard's sections at that level, with its group's section
// (the group table above names it), then the columns to fill in.
func requirementTable331() string {
	w := []int{700, 800, 3650, 1300, 1300, 750, textWidth - 8500}
	return tbl(w, true,
		tr(true, cells("TableHead", w, "STT", "Mục", "Yêu cầu", "Hiện trạng", "Biện pháp", "Thời hạn", "Tình trạng")...),
		tr(false,
			tc(w[0], 1, false, p("TableCenter", "{{#each.requirements}}{{row.stt}}")),
			tc(w[1], 1, false, p("TableCenter", "{{row.clause}}")),
			tc(w[2], 1, false, p("TableText", "{{row.text}}")),
			tc(w[3], 1, false, p("TableText", "")),
			tc(w[4], 1, false, p("TableText", "")),
			tc(w[5], 1, false, p("TableText", "")),
			tc(w[6], 1, false, p("TableText", "{{/each.requirements}}")),
		))
}
