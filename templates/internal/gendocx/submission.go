package main

import "strings"

// documents lists the templates in the order of dossier.Names.
func documents() []document {
	return []document{
		{"to-trinh.docx", toTrinh()},
		{"thuyet-minh-de-xuat-cap-do.docx", thuyetMinh()},
		{"phuong-an-bao-dam-attt.docx", phuongAnATTT()},
		{"phuong-an-ung-pho-su-co.docx", phuongAnUngPho()},
		{"du-thao-quyet-dinh.docx", duThaoQuyetDinh()},
	}
}

// toTrinh is the request for appraisal (Decree 85 Art. 14–15), addressed to the appraiser
// of Art. 12; at levels 1–2 the same unit appraises and approves (Art. 12.1), so it asks
// for both. The operating unit sends it at levels 1–3; at levels 4–5 the dossier goes to
// the ministry via the owner (Art. 14.3), who therefore issues it, unless the owner is the
// appraising ministry itself (SELF_APPRAISAL).
func toTrinh() string {
	var b strings.Builder
	b.WriteString(headerBlock(submitter, "……/TTr-……"))
	b.WriteString(title("TỜ TRÌNH", "Đề nghị {{REQUEST_ACTION}} hồ sơ đề xuất cấp độ an toàn hệ thống thông tin", "{{SYSTEM_NAME}}"))
	b.WriteString(pp(pPr{style: "Centered", before: 240, after: 240}, "Kính gửi: {{ADDRESSEE}}."))
	b.WriteString(appraiserNote())
	b.WriteString(operatorNote())
	b.WriteString(ruleSetNote("; xem lưu ý về bộ quy tắc tại mục III Thuyết minh đề xuất cấp độ"))
	b.WriteString(recitals(false))
	b.WriteString(p("Normal", "Căn cứ {{PROCEDURE_CITATION}} về thẩm quyền thẩm định, phê duyệt hồ sơ đề xuất cấp độ,"))
	b.WriteString(p("Normal", "{{SUBMITTER}} kính trình {{ADDRESSEE_MID}} {{REQUEST_ACTION}} hồ sơ đề xuất cấp độ đối với {{SYSTEM_NAME}}, cụ thể như sau:"))

	b.WriteString(p("Heading2", "1. Thông tin chung về hệ thống"))
	b.WriteString(bullet("Tên hệ thống: {{SYSTEM_NAME}}."))
	b.WriteString(block("if", "HAS_SYSTEM_ID", bullet("Mã hệ thống: {{SYSTEM_ID}}.")))
	b.WriteString(bullet("Chủ quản hệ thống thông tin: {{OWNER}}."))
	b.WriteString(bullet("Đơn vị vận hành: {{OPERATOR}}."))
	b.WriteString(bullet("Loại hệ thống: {{SYSTEM_TYPE}} ({{SYSTEM_TYPE_CITATION}})."))
	b.WriteString(bullet("Thông tin hệ thống xử lý: {{INFO_TYPES}}."))

	b.WriteString(p("Heading2", "2. Cấp độ đề xuất"))
	b.WriteString(p("Normal", "Đề xuất {{SYSTEM_NAME}} ở **CẤP ĐỘ {{LEVEL}}**, do đáp ứng tiêu chí tại {{DECISIVE_CITATIONS}} (mã tiêu chí: {{DECISIVE_RULES}}). Căn cứ, lý do chi tiết được trình bày tại Thuyết minh đề xuất cấp độ kèm theo."))
	b.WriteString(decisiveNotes())
	b.WriteString(block("if", "SUBMITTED_VIA_OWNER",
		p("Normal", "Theo khoản 3 Điều 14 Nghị định 85/2016/NĐ-CP, hồ sơ của hệ thống cấp độ {{LEVEL}} được gửi cơ quan thẩm định thông qua chủ quản hệ thống thông tin: {{ISSUER}} (đơn vị vận hành) đã lập hồ sơ đề xuất cấp độ; {{SUBMITTER}} gửi hồ sơ kèm Tờ trình này.")))
	b.WriteString(block("if", "SELF_APPRAISAL",
		p("Normal", "{{OWNER}} là chủ quản hệ thống thông tin đồng thời là cơ quan thẩm định hồ sơ đề xuất cấp độ của hệ thống ({{PROCEDURE_CITATION}}); {{ISSUER}} (đơn vị vận hành) đã lập hồ sơ đề xuất cấp độ và gửi hồ sơ kèm Tờ trình này.")))
	b.WriteString(block("if", "OPINION_REQUIRED",
		p("Normal", "Đơn vị chuyên trách về an toàn thông tin của {{OWNER}} đã có ý kiến chuyên môn về cấp độ đề xuất và phương án bảo đảm an toàn thông tin theo quy định tại {{OPINION_CITATION}}, tại văn bản số …… ngày …… gửi kèm theo hồ sơ.")))
	b.WriteString(block("if", "L5",
		p("Normal", "Đối với hệ thống cấp độ 5, chủ quản hệ thống thông tin phê duyệt phương án bảo đảm an toàn thông tin; danh mục hệ thống thông tin cấp độ 5 do Thủ tướng Chính phủ phê duyệt theo "+pmList+".")))

	b.WriteString(p("Heading2", "3. Hồ sơ kèm theo"))
	b.WriteString(p("Normal", "Hồ sơ đề xuất cấp độ gồm các tài liệu theo Điều 15 Nghị định 85/2016/NĐ-CP:"))
	b.WriteString(bullet("Thuyết minh tổng quan và đề xuất cấp độ của hệ thống;"))
	b.WriteString(bullet("Tài liệu thiết kế: thiết kế sơ bộ (hệ thống đầu tư mới, nâng cấp) hoặc thiết kế thi công đã được phê duyệt hay tài liệu tương đương (hệ thống đang vận hành) *[Đơn vị bổ sung]*;"))
	b.WriteString(bullet("Thuyết minh phương án bảo đảm an toàn thông tin theo cấp độ;"))
	b.WriteString(bullet("Phương án ứng phó sự cố bảo đảm an toàn thông tin mạng của hệ thống;"))
	b.WriteString(block("if", "OPINION_REQUIRED", bullet("Văn bản ý kiến chuyên môn của đơn vị chuyên trách về an toàn thông tin ({{OPINION_CITATION}});")))
	b.WriteString(block("unless", "L5", bullet("Dự thảo quyết định phê duyệt cấp độ.")))
	b.WriteString(block("if", "L5", bullet("Dự thảo quyết định phê duyệt phương án bảo đảm an toàn thông tin.")))
	b.WriteString(p("Normal", "Số lượng: {{COPIES}}."))
	b.WriteString(block("unless", "MANAGED_BY_MINISTRY",
		note("Lưu ý về số lượng hồ sơ", "số lượng bản theo Điều 14 Thông tư 03/2017/TT-BTTTT; Thông tư này đã được thay thế bằng Thông tư 12/2022/TT-BTTTT [nguồn thứ cấp, cần kiểm chứng], cần kiểm tra số lượng hồ sơ theo quy định hiện hành.")))
	b.WriteString(block("if", "MANAGED_BY_MINISTRY",
		note("Lưu ý về số lượng hồ sơ", "hệ thống do {{MANAGING_MINISTRY}} quản lý: số lượng bản và cách gửi hồ sơ theo quy định của {{MANAGING_MINISTRY}}; số lượng nêu trên (Điều 14 Thông tư 03/2017/TT-BTTTT, áp dụng khi gửi Bộ Thông tin và Truyền thông) chỉ để tham khảo [suy luận, cần kiểm chứng].")))

	b.WriteString(p("Heading2", "4. Đề nghị"))
	b.WriteString(p("Normal", "{{SUBMITTER}} kính đề nghị {{ADDRESSEE_MID}} xem xét, {{REQUEST_ACTION}} hồ sơ đề xuất cấp độ đối với {{SYSTEM_NAME}}."))
	b.WriteString(block("if", "HAS_APPRAISAL_DEADLINE",
		p("Normal", "Thời hạn thẩm định: {{APPRAISAL_DEADLINE}} kể từ ngày nhận đủ hồ sơ hợp lệ ({{APPRAISAL_DEADLINE_CITATION}}).")))
	b.WriteString(block("if", "L12",
		p("Normal", "Thời hạn phê duyệt: {{APPROVAL_DEADLINE}} kể từ ngày nhận đủ hồ sơ hợp lệ ({{APPROVAL_DEADLINE_CITATION}}).")))
	b.WriteString(secretNote())
	b.WriteString(p("Normal", "Kính trình./."))
	b.WriteString(signature("THỦ TRƯỞNG ĐƠN VỊ", "",
		"- Như trên;",
		"{{#if.HAS_SUBMITTER_PARENT}}",
		"- {{OWNER}} (để báo cáo);",
		"{{/if.HAS_SUBMITTER_PARENT}}",
		// The owner forwards what the operating unit prepared; when the owner runs the
		// system itself, there is no one else to send it to.
		"{{#if.SUBMITTED_VIA_OWNER}}",
		"{{#if.HAS_ISSUER_PARENT}}",
		"- {{ISSUER}} (đơn vị vận hành);",
		"{{/if.HAS_ISSUER_PARENT}}",
		"{{/if.SUBMITTED_VIA_OWNER}}",
		"- Lưu: VT, …….",
	))
	b.WriteString(draftingNote(""))
	return b.String()
}

// pmList cites the Prime Minister's approval of the level-5 list (law.md §7,
// D85.A12.K3.dd), the same way everywhere.
const pmList = "điểm đ khoản 3 Điều 12 Nghị định 85/2016/NĐ-CP"

// duThaoQuyetDinh is the draft decision approving the level; at level 5 it approves the
// protection plan, the Prime Minister approving the level-5 list (Art. 12.3).
func duThaoQuyetDinh() string {
	var b strings.Builder
	b.WriteString(headerBlock(approver, "……/QĐ-……", "**DỰ THẢO**"))
	b.WriteString(p("DocTitle", "QUYẾT ĐỊNH"))
	b.WriteString(block("unless", "L5", p("DocSubject", "Phê duyệt cấp độ an toàn hệ thống thông tin")))
	// The level-5 subject breaks before "cấp độ 5", which would otherwise wrap alone.
	b.WriteString(block("if", "L5", p("DocSubject", "Phê duyệt phương án bảo đảm an toàn thông tin của hệ thống thông tin\ncấp độ 5")))
	b.WriteString(p("DocSubject", "{{SYSTEM_NAME}}"))
	o := pr("Rule")
	o.border, o.indLeft, o.indRight = "bottom", 3500, 3500
	b.WriteString(pp(o, ""))
	b.WriteString(pp(pPr{style: "Signature", before: 240, after: 240}, "[THẨM QUYỀN BAN HÀNH, CHỨC VỤ NGƯỜI ĐỨNG ĐẦU CƠ QUAN PHÊ DUYỆT]"))

	b.WriteString(operatorNote())
	b.WriteString(ruleSetNote(""))
	b.WriteString(p("Normal", "*Căn cứ [VĂN BẢN QUY ĐỊNH CHỨC NĂNG, NHIỆM VỤ, QUYỀN HẠN, CƠ CẤU TỔ CHỨC CỦA CƠ QUAN BAN HÀNH];*"))
	b.WriteString(recitals(true))
	b.WriteString(p("Normal", "*Căn cứ {{PROCEDURE_CITATION}};*"))
	b.WriteString(block("unless", "L12",
		p("Normal", "*Căn cứ kết quả thẩm định hồ sơ đề xuất cấp độ của {{ADDRESSEE_MID}} tại văn bản số …… ngày ……;*"),
		appraiserNote()))
	// Levels 1–2: the unit that issues the decision appraised the dossier itself (Art.
	// 12.1), and a written appraisal opinion is required only from level 3 (Art. 17.1.b), so
	// there is no appraisal to cite.
	b.WriteString(block("if", "L12",
		p("Normal", "*Theo đề nghị của {{PROPOSER}} tại Tờ trình số …… ngày …….*")))
	// From level 3 the decision answers a second request, for approval, which the
	// operating unit sends the owner once the appraisal is done (Art. 14.4): not the
	// request for appraisal in this dossier, which at levels 4–5 the owner itself sends.
	b.WriteString(block("unless", "L12",
		p("Normal", "*Theo đề nghị của {{PROPOSER}} tại Tờ trình đề nghị phê duyệt số …… ngày …….*"),
		block("if", "L34", note("Lưu ý về tờ trình đề nghị phê duyệt", "sau khi có kết quả thẩm định, đơn vị vận hành trình chủ quản hệ thống thông tin phê duyệt hồ sơ (khoản 4 Điều 14 Nghị định 85/2016/NĐ-CP). Tờ trình nêu ở đây là tờ trình đề nghị phê duyệt đó, không phải Tờ trình đề nghị thẩm định trong hồ sơ này.")),
		block("if", "L5", note("Lưu ý về tờ trình đề nghị phê duyệt", "chủ quản hệ thống thông tin phê duyệt phương án bảo đảm an toàn thông tin của hệ thống cấp độ 5 (khoản 4 Điều 14 Nghị định 85/2016/NĐ-CP); việc đơn vị vận hành trình chủ quản phê duyệt sau khi có kết quả thẩm định là suy luận theo trình tự của cấp độ 3, 4 [suy luận, cần kiểm chứng]. Tờ trình nêu ở đây là tờ trình đề nghị phê duyệt đó, không phải Tờ trình đề nghị thẩm định trong hồ sơ này."))))
	b.WriteString(pp(pPr{style: "Signature", before: 240, after: 240}, "QUYẾT ĐỊNH:"))

	b.WriteString(block("unless", "L5",
		p("Normal", "**Điều 1.** Phê duyệt cấp độ an toàn hệ thống thông tin đối với hệ thống thông tin sau:"),
		bullet("Tên hệ thống: {{SYSTEM_NAME}}."),
		bullet("Chủ quản hệ thống thông tin: {{OWNER}}."),
		bullet("Đơn vị vận hành: {{OPERATOR}}."),
		bullet("Cấp độ an toàn hệ thống thông tin: **Cấp độ {{LEVEL}}**."),
		bullet("Căn cứ xác định cấp độ: {{DECISIVE_CITATIONS}}."),
	))
	b.WriteString(block("if", "L5",
		p("Normal", "**Điều 1.** Phê duyệt phương án bảo đảm an toàn thông tin theo cấp độ 5 của {{SYSTEM_NAME}} (chủ quản: {{OWNER}}; đơn vị vận hành: {{OPERATOR}}), kèm theo hồ sơ đề xuất cấp độ đã được thẩm định."),
		p("Normal", "Cấp độ 5 của hệ thống được xác định theo {{DECISIVE_CITATIONS}}; danh mục hệ thống thông tin cấp độ 5 do Thủ tướng Chính phủ phê duyệt theo "+pmList+"."),
	))
	b.WriteString(decisiveNotes())

	b.WriteString(p("Normal", "**Điều 2.** Trách nhiệm tổ chức thực hiện"))
	b.WriteString(p("Normal", "1. {{OPERATOR}} (đơn vị vận hành) có trách nhiệm:"))
	b.WriteString(p("Normal", "a) Triển khai đầy đủ phương án bảo đảm an toàn thông tin theo cấp độ {{LEVEL}} đã được thẩm định, bảo đảm đáp ứng yêu cầu an toàn theo cấp độ trước khi đưa hệ thống vào vận hành hoặc trong thời hạn theo kế hoạch đã nêu;"))
	b.WriteString(block("if", "L12",
		p("Normal", "b) Tổ chức kiểm tra, đánh giá an toàn thông tin và quản lý rủi ro đối với hệ thống theo chu kỳ: {{INSPECTION_CYCLE}} ({{INSPECTION_CITATION}});")))
	b.WriteString(block("unless", "L12",
		p("Normal", "b) Tổ chức kiểm tra, đánh giá an toàn thông tin và quản lý rủi ro đối với hệ thống theo chu kỳ: {{INSPECTION_CYCLE}} ({{INSPECTION_CITATION}}); việc kiểm tra, đánh giá do tổ chức chuyên môn được cấp phép hoặc được chỉ định thực hiện;")))
	b.WriteString(p("Normal", "c) Duy trì và diễn tập phương án ứng phó sự cố; báo cáo sự cố theo quy định;"))
	b.WriteString(p("Normal", "d) Khi hệ thống có thay đổi làm ảnh hưởng tới cấp độ, lập hồ sơ đề xuất lại cấp độ theo trình tự như lần đầu (Điều 18 Nghị định 85/2016/NĐ-CP)."))
	// At levels 1–2 the infosec unit issues the decision (Art. 12.1) and does not name
	// itself as a third party: the follow-up goes to the office it assigns.
	b.WriteString(block("unless", "L12", p("Normal", "2. Đơn vị chuyên trách về an toàn thông tin của {{OWNER}} theo dõi, kiểm tra, đôn đốc việc thực hiện Quyết định này.")))
	b.WriteString(block("if", "L12", p("Normal", "2. [PHÒNG, BỘ PHẬN ĐƯỢC GIAO] theo dõi, kiểm tra, đôn đốc việc thực hiện Quyết định này.")))

	b.WriteString(p("Normal", "**Điều 3.** Quyết định này có hiệu lực kể từ ngày ký."))
	b.WriteString(block("unless", "L12", p("Normal", "Thủ trưởng {{OPERATOR}}, đơn vị chuyên trách về an toàn thông tin và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./.")))
	b.WriteString(block("if", "L12", p("Normal", "Trưởng [PHÒNG, BỘ PHẬN ĐƯỢC GIAO], Thủ trưởng {{OPERATOR}} và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./.")))
	b.WriteString(secretNote())
	b.WriteString(signature("[CHỨC VỤ NGƯỜI KÝ]", "",
		"- Như Điều 3;",
		// The appraiser, unless Điều 3 already names it (the owner's infosec unit).
		"{{#unless.APPRAISED_BY_INFOSEC}}",
		"- {{ADDRESSEE}} (để biết);",
		"{{/unless.APPRAISED_BY_INFOSEC}}",
		"{{#if.HAS_APPROVER_PARENT}}",
		"- {{OWNER}} (để báo cáo);",
		"{{/if.HAS_APPROVER_PARENT}}",
		"- Lưu: VT, …….",
	))
	b.WriteString(draftingNote("Dự thảo quyết định là văn bản đề xuất, do cơ quan có thẩm quyền phê duyệt hoàn thiện và ban hành; thẩm quyền phê duyệt: {{APPROVER_MID}}."))
	return b.String()
}
