package main

import "strings"

// documents lists the templates in the order of dossier.TemplateNames, then the Decree
// 331 ones in the order of dossier.D331Names.
func documents() []document {
	return []document{
		{"to-trinh.docx", congVanThamDinh()},
		{"thuyet-minh-de-xuat-cap-do.docx", thuyetMinh()},
		{"phuong-an-bao-dam-attt.docx", phuongAnATTT()},
		{"phuong-an-ung-pho-su-co.docx", keHoachUngPho()},
		{"du-thao-quyet-dinh.docx", duThaoQuyetDinh()},
		{"xin-y-kien-chuyen-mon.docx", xinYKienChuyenMon()},
		{"du-thao-y-kien-chuyen-mon.docx", duThaoYKienChuyenMon()},
		{"du-thao-ket-qua-tham-dinh.docx", duThaoKetQuaThamDinh()},
		{"to-trinh-phe-duyet.docx", toTrinhPheDuyet()},
		// Decree 331/2026 (d331.go, d331_forms.go), in the order of dossier.D331Names.
		{"d331/thuyet-minh-de-xuat-cap-do.docx", thuyetMinh331()},
		{"d331/phuong-an-bao-dam-an-ninh-mang.docx", phuongAn331()},
		{"d331/mau-01-de-nghi-tham-dinh-phe-duyet.docx", mau01()},
		{"d331/mau-02-de-nghi-tham-dinh.docx", mau02()},
		{"d331/mau-03-xin-y-kien-chuyen-mon.docx", mau03()},
		{"d331/mau-04-y-kien-tham-dinh.docx", mau04()},
		{"d331/mau-05-to-trinh-phe-duyet.docx", mau05()},
		{"d331/mau-06-quyet-dinh-phe-duyet-cap-do.docx", mau06()},
		{"d331/mau-07-quyet-dinh-phe-duyet-phuong-an.docx", mau07()},
	}
}

// congVanThamDinh is the request for appraisal (Decree 85 Art. 14–15), addressed to the
// appraiser of Art. 12; at levels 1–2 the same unit appraises and approves (Art. 12.1), so
// it asks for both. The appraiser is not the sender's superior, so the request is a công
// văn ("V/v đề nghị thẩm định …", Nghị định 30/2020), kept under the file name of contract
// §3 (to-trinh.docx). The operating unit sends it at levels 1–3 (điểm b, c khoản 1 Điều
// 14); at levels 4–5 the operating unit submits the dossier to the owner, which sends it
// to the ministry (điểm d), unless the owner is the appraising ministry itself
// (SELF_APPRAISAL).
func congVanThamDinh() string {
	var b strings.Builder
	b.WriteString(headerBlock(submitter, "……/……", subjectLine("đề nghị {{REQUEST_ACTION}} hồ sơ đề xuất cấp độ của {{SYSTEM_NAME}}")))
	b.WriteString(addressee("{{ADDRESSEE}}"))
	b.WriteString(appraiserNote())
	b.WriteString(block("unless", "SELF_APPRAISAL", block("unless", "L45", note("Lưu ý về thể loại văn bản",
		"đơn vị chuyên trách về an toàn thông tin không phải cơ quan cấp trên của đơn vị vận hành nên văn bản đề nghị là công văn. Nếu đơn vị chuyên trách là cơ quan cấp trên trực tiếp của đơn vị gửi, có thể trình bày dưới dạng tờ trình [suy luận, cần kiểm chứng]."))))
	b.WriteString(operatorNote())
	b.WriteString(ruleSetNote("; xem lưu ý về bộ quy tắc tại mục III Thuyết minh đề xuất cấp độ"))
	b.WriteString(recitals(false))
	b.WriteString(p("Normal", "Thực hiện quy định tại {{PROCEDURE_PROVISION}} về thẩm quyền thẩm định, phê duyệt hồ sơ đề xuất cấp độ và {{SUBMISSION_CITATION}} về việc gửi hồ sơ,"))
	b.WriteString(p("Normal", "{{SUBMITTER}} kính đề nghị {{ADDRESSEE_MID}} {{REQUEST_ACTION}} hồ sơ đề xuất cấp độ đối với {{SYSTEM_NAME}}, cụ thể như sau:"))

	b.WriteString(p("Heading2", "1. Thông tin chung về hệ thống"))
	b.WriteString(bullet("Tên hệ thống: {{SYSTEM_NAME}}."))
	b.WriteString(block("if", "HAS_SYSTEM_ID", bullet("Mã hệ thống: {{SYSTEM_ID}}.")))
	b.WriteString(bullet("Chủ quản hệ thống thông tin: {{OWNER}}."))
	b.WriteString(bullet("Đơn vị vận hành: {{OPERATOR}}."))
	b.WriteString(bullet("Loại hệ thống: {{SYSTEM_TYPE}} ({{SYSTEM_TYPE_CITATION}})."))
	b.WriteString(bullet("Thông tin hệ thống xử lý: {{INFO_TYPES}}."))

	b.WriteString(p("Heading2", "2. Cấp độ đề xuất"))
	b.WriteString(p("Normal", "Đề xuất {{SYSTEM_NAME}} ở **CẤP ĐỘ {{LEVEL}}**, do đáp ứng tiêu chí tại {{DECISIVE_CITATIONS}}. Căn cứ, lý do chi tiết được trình bày tại Thuyết minh đề xuất cấp độ kèm theo."))
	b.WriteString(decisiveNotes())
	b.WriteString(block("if", "SUBMITTED_VIA_OWNER",
		p("Normal", "Theo điểm d khoản 1 Điều 14 Nghị định số 85/2016/NĐ-CP, hồ sơ của hệ thống cấp độ {{LEVEL}} được đơn vị vận hành trình chủ quản hệ thống thông tin để gửi cơ quan thẩm định: {{ISSUER}} (đơn vị vận hành) đã lập hồ sơ đề xuất cấp độ; {{SUBMITTER}} gửi hồ sơ kèm văn bản này.")))
	b.WriteString(block("if", "SELF_APPRAISAL",
		p("Normal", "{{OWNER}} là chủ quản hệ thống thông tin đồng thời là cơ quan thẩm định hồ sơ đề xuất cấp độ của hệ thống ({{PROCEDURE_CITATION}}); {{ISSUER}} (đơn vị vận hành) đã lập hồ sơ đề xuất cấp độ và gửi hồ sơ kèm văn bản này.")))
	b.WriteString(block("if", "OPINION_REQUIRED",
		p("Normal", "Đơn vị chuyên trách về an toàn thông tin của {{OWNER}} đã có ý kiến chuyên môn về cấp độ đề xuất và phương án bảo đảm an toàn thông tin theo quy định tại {{OPINION_CITATION}}, tại văn bản số …… ngày …… gửi kèm theo hồ sơ.")))
	b.WriteString(block("if", "L5",
		p("Normal", "Đối với hệ thống cấp độ 5, chủ quản hệ thống thông tin phê duyệt phương án bảo đảm an toàn thông tin; danh mục hệ thống thông tin cấp độ 5 do Thủ tướng Chính phủ phê duyệt theo "+pmList+".")))

	b.WriteString(p("Heading2", "3. Hồ sơ kèm theo"))
	b.WriteString(p("Normal", "Hồ sơ đề xuất cấp độ gồm các tài liệu theo Điều 15 Nghị định số 85/2016/NĐ-CP:"))
	b.WriteString(bullet("Thuyết minh tổng quan và đề xuất cấp độ của hệ thống;"))
	b.WriteString(bullet("Tài liệu thiết kế: thiết kế sơ bộ (hệ thống đầu tư mới, nâng cấp) hoặc thiết kế thi công đã được phê duyệt hay tài liệu tương đương (hệ thống đang vận hành) *[Đơn vị bổ sung]*;"))
	b.WriteString(bullet("Thuyết minh phương án bảo đảm an toàn thông tin theo cấp độ;"))
	b.WriteString(bullet("Kế hoạch ứng phó sự cố bảo đảm an toàn thông tin mạng của hệ thống;"))
	b.WriteString(block("if", "OPINION_REQUIRED", bullet("Văn bản ý kiến chuyên môn của đơn vị chuyên trách về an toàn thông tin ({{OPINION_PART_CITATION}});")))
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
	b.WriteString(closing("Trân trọng./."))
	b.WriteString(signature("SUBMITTER_SIGNATURE",
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

// pmList cites the Prime Minister's approval of the level-5 list (docs/reference/law.md §7,
// D85.A12.K3.dd), the same way everywhere.
const pmList = "điểm đ khoản 3 Điều 12 Nghị định số 85/2016/NĐ-CP"

// duThaoQuyetDinh is the draft decision approving the level; at level 5 it approves the
// protection plan, the Prime Minister approving the level-5 list (Art. 12.3).
func duThaoQuyetDinh() string {
	var b strings.Builder
	b.WriteString(headerBlock(approver, "……/QĐ-……", draftMark()))
	b.WriteString(p("DocTitle", "QUYẾT ĐỊNH"))
	b.WriteString(block("unless", "L5", p("DocSubject", "Phê duyệt cấp độ an toàn hệ thống thông tin")))
	// The level-5 subject breaks before "cấp độ 5", which would otherwise wrap alone.
	b.WriteString(block("if", "L5", p("DocSubject", "Phê duyệt phương án bảo đảm an toàn thông tin của hệ thống thông tin\ncấp độ 5")))
	b.WriteString(p("DocSubject", "{{SYSTEM_NAME}}"))
	o := pr("Rule")
	o.border, o.indLeft, o.indRight = "bottom", 3500, 3500
	b.WriteString(pp(o, ""))
	b.WriteString(pp(pPr{style: "Signature", before: 240, after: 240}, "{{DECISION_AUTHORITY}}"))

	b.WriteString(operatorNote())
	b.WriteString(secretNote())
	b.WriteString(ruleSetNote(""))
	b.WriteString(p("Normal", "*Căn cứ [VĂN BẢN QUY ĐỊNH CHỨC NĂNG, NHIỆM VỤ, QUYỀN HẠN, CƠ CẤU TỔ CHỨC CỦA CƠ QUAN BAN HÀNH];*"))
	b.WriteString(recitalsFrom("decision_basis", true))
	b.WriteString(block("unless", "L12",
		p("Normal", "*Căn cứ kết quả thẩm định hồ sơ đề xuất cấp độ của {{ADDRESSEE_MID}} tại văn bản số …… ngày ……;*"),
		appraiserNote()))
	// Levels 1–2: the unit that issues the decision appraised the dossier itself (Art.
	// 12.1), and a written appraisal opinion is required only from level 3 (Art. 17.1.b), so
	// there is no appraisal to cite; it answers the request for appraisal and approval.
	b.WriteString(block("if", "L12",
		p("Normal", "*Theo đề nghị của {{PROPOSER}} tại văn bản số …… ngày …….*")))
	// From level 3 the decision answers a second request, for approval, which the
	// operating unit submits to the owner once the appraisal is done (điểm b, c khoản 3
	// Điều 14): to-trinh-phe-duyet.docx, not the request for appraisal, which at levels 4–5
	// the owner itself sends.
	b.WriteString(block("unless", "L12",
		p("Normal", "*Theo đề nghị của {{PROPOSER}} tại Tờ trình đề nghị phê duyệt số …… ngày …….*"),
		note("Lưu ý về tờ trình đề nghị phê duyệt", "sau khi có kết quả thẩm định, đơn vị vận hành trình chủ quản hệ thống thông tin phê duyệt ({{APPROVAL_CITATION}}; ở cấp độ 5, phê duyệt phương án bảo đảm an toàn thông tin). Tờ trình nêu ở đây là tờ trình đề nghị phê duyệt đó (dự thảo kèm theo hồ sơ: to-trinh-phe-duyet.docx), không phải văn bản đề nghị thẩm định.")))
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
	b.WriteString(p("Normal", "c) Duy trì và diễn tập kế hoạch ứng phó sự cố; báo cáo sự cố theo quy định;"))
	b.WriteString(p("Normal", "d) Khi hệ thống có thay đổi làm ảnh hưởng tới cấp độ, lập hồ sơ đề xuất lại cấp độ theo trình tự như lần đầu (Điều 18 Nghị định số 85/2016/NĐ-CP)."))
	// At levels 1–2 the infosec unit issues the decision (Art. 12.1) and does not name
	// itself as a third party: the follow-up goes to the office it assigns.
	b.WriteString(block("unless", "L12", p("Normal", "2. Đơn vị chuyên trách về an toàn thông tin của {{OWNER}} theo dõi, kiểm tra, đôn đốc việc thực hiện Quyết định này.")))
	b.WriteString(block("if", "L12", p("Normal", "2. [PHÒNG, BỘ PHẬN ĐƯỢC GIAO] theo dõi, kiểm tra, đôn đốc việc thực hiện Quyết định này.")))

	b.WriteString(p("Normal", "**Điều 3.** Quyết định này có hiệu lực kể từ ngày ký."))
	b.WriteString(block("unless", "L12", closing("Thủ trưởng {{OPERATOR}}, đơn vị chuyên trách về an toàn thông tin và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./.")))
	b.WriteString(block("if", "L12", closing("Trưởng [PHÒNG, BỘ PHẬN ĐƯỢC GIAO], Thủ trưởng {{OPERATOR}} và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./.")))
	// Nothing between the last article and the signature block: the article keeps with
	// the block (secretNote is above).
	b.WriteString(signature("APPROVER_SIGNATURE",
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

// xinYKienChuyenMon is the operating unit's request to the owner's infosec unit for its
// professional opinion on the proposed level and the protection plan, which levels 4–5
// need before the dossier goes to the owner (điểm d khoản 1 Điều 14; the opinion is a part
// of the dossier, khoản 5 Điều 15). A công văn: the infosec unit is no superior of the
// operating unit.
func xinYKienChuyenMon() string {
	var b strings.Builder
	b.WriteString(headerBlock(preparer, "……/……", subjectLine("xin ý kiến chuyên môn về hồ sơ đề xuất cấp độ của {{SYSTEM_NAME}}")))
	b.WriteString(addressee("{{INFOSEC}}"))
	b.WriteString(operatorNote())
	b.WriteString(ruleSetNote("; xem lưu ý về bộ quy tắc tại mục III Thuyết minh đề xuất cấp độ"))
	b.WriteString(recitals(false))
	b.WriteString(p("Normal", "Thực hiện quy định tại {{OPINION_CITATION}},"))
	b.WriteString(p("Normal", "{{ISSUER}} (đơn vị vận hành) đã lập hồ sơ đề xuất cấp độ đối với {{SYSTEM_NAME}}, đề xuất **cấp độ {{LEVEL}}** do đáp ứng tiêu chí tại {{DECISIVE_CITATIONS}}."))
	b.WriteString(decisiveNotes())
	b.WriteString(block("unless", "SELF_APPRAISAL", p("Normal", "Trước khi trình {{OWNER}} gửi hồ sơ tới cơ quan thẩm định, {{ISSUER}} kính đề nghị {{INFOSEC_MID}} cho ý kiến chuyên môn về:")))
	b.WriteString(block("if", "SELF_APPRAISAL", p("Normal", "Trước khi gửi hồ sơ tới đơn vị được {{OWNER}} giao thẩm định, {{ISSUER}} kính đề nghị {{INFOSEC_MID}} cho ý kiến chuyên môn về:")))
	b.WriteString(bullet("Sự phù hợp của cấp độ đề xuất với tiêu chí xác định cấp độ;"))
	b.WriteString(bullet("Sự phù hợp của phương án bảo đảm an toàn thông tin theo cấp độ {{LEVEL}}, trong thiết kế và trong vận hành."))
	b.WriteString(p("Normal", "Hồ sơ gửi kèm: Thuyết minh tổng quan và đề xuất cấp độ; tài liệu thiết kế *[Đơn vị bổ sung]*; Thuyết minh phương án bảo đảm an toàn thông tin theo cấp độ; Kế hoạch ứng phó sự cố bảo đảm an toàn thông tin mạng."))
	b.WriteString(p("Normal", "Ý kiến chuyên môn là thành phần của hồ sơ đề xuất cấp độ ({{OPINION_PART_CITATION}}). Đề nghị {{INFOSEC_MID}} gửi ý kiến trước ngày …… để {{ISSUER}} hoàn thiện hồ sơ."))
	b.WriteString(secretNote())
	b.WriteString(closing("Trân trọng./."))
	b.WriteString(signature("ISSUER_SIGNATURE",
		"- Như trên;",
		"{{#if.HAS_ISSUER_PARENT}}",
		"- {{OWNER}} (để báo cáo);",
		"{{/if.HAS_ISSUER_PARENT}}",
		"- Lưu: VT, …….",
	))
	b.WriteString(draftingNote("Văn bản chỉ cần cho hệ thống cấp độ 4, cấp độ 5 (điểm d khoản 1 Điều 14 Nghị định số 85/2016/NĐ-CP); dự thảo ý kiến chuyên môn kèm theo (du-thao-y-kien-chuyen-mon.docx) để đơn vị chuyên trách tham khảo."))
	return b.String()
}

// duThaoYKienChuyenMon is a draft of the infosec unit's professional opinion (điểm d
// khoản 1 Điều 14, khoản 5 Điều 15), for the reviewer to finish: the points to give an
// opinion on, each with the dossier's facts and a blank for the conclusion.
func duThaoYKienChuyenMon() string {
	var b strings.Builder
	b.WriteString(headerBlock(infosec, "……/……", subjectLine("ý kiến chuyên môn về hồ sơ đề xuất cấp độ của {{SYSTEM_NAME}}"), draftMark()))
	b.WriteString(addressee("{{ISSUER}}"))
	b.WriteString(operatorNote())
	b.WriteString(ruleSetNote("; xem lưu ý về bộ quy tắc tại mục III Thuyết minh đề xuất cấp độ"))
	b.WriteString(p("Normal", "Căn cứ {{OPINION_CITATION}};"))
	b.WriteString(p("Normal", "Xét văn bản số …… ngày …… của {{ISSUER}} xin ý kiến chuyên môn về hồ sơ đề xuất cấp độ đối với {{SYSTEM_NAME}},"))
	b.WriteString(p("Normal", "{{INFOSEC}} có ý kiến như sau:"))
	b.WriteString(p("Heading2", "1. Về cấp độ đề xuất"))
	b.WriteString(p("Normal", "Hồ sơ đề xuất **cấp độ {{LEVEL}}**, căn cứ tiêu chí tại {{DECISIVE_CITATIONS}} (loại hệ thống: {{SYSTEM_TYPE}}; thông tin xử lý: {{INFO_TYPES}})."))
	b.WriteString(decisiveNotes())
	b.WriteString(guide("Thống nhất hoặc không thống nhất với cấp độ đề xuất; nêu lý do, các tiêu chí cần xem xét thêm"))
	b.WriteString(p("Heading2", "2. Về phương án bảo đảm an toàn thông tin theo cấp độ"))
	b.WriteString(p("Normal", "Phương án gồm các nội dung của khoản 2 Điều 19 Nghị định số 85/2016/NĐ-CP và {{REQUIREMENT_COUNT}} yêu cầu an toàn của cấp độ {{LEVEL}}."))
	b.WriteString(guide("Nhận xét sự phù hợp của phương án trong thiết kế và trong vận hành; các yêu cầu chưa đáp ứng, biện pháp và thời hạn cần bổ sung"))
	b.WriteString(p("Heading2", "3. Kết luận"))
	b.WriteString(guide("Đề nghị đơn vị vận hành hoàn thiện hồ sơ theo các ý kiến trên (nếu có) trước khi trình chủ quản hệ thống thông tin"))
	b.WriteString(secretNote())
	b.WriteString(closing("Trân trọng./."))
	b.WriteString(signature("INFOSEC_SIGNATURE",
		"- Như trên;",
		"- Lưu: VT, …….",
	))
	b.WriteString(draftingNote("Dự thảo do capdo lập từ hồ sơ để đơn vị chuyên trách về an toàn thông tin của {{OWNER}} tham khảo, hoàn thiện và ban hành; các chỗ trong ngoặc vuông là ý kiến của đơn vị."))
	return b.String()
}

// duThaoKetQuaThamDinh is a draft of the appraisal result (Decree 85 Art. 16: the level
// against the criteria, the protection plan in the design, the plan in operation; a
// written result is required from level 3, điểm b khoản 1 Điều 17), from the appraiser to
// whoever sent the request, for the appraiser to finish.
func duThaoKetQuaThamDinh() string {
	var b strings.Builder
	b.WriteString(headerBlock(appraiser, "……/……", subjectLine("kết quả thẩm định hồ sơ đề xuất cấp độ của {{SYSTEM_NAME}}"), draftMark()))
	b.WriteString(addressee("{{SUBMITTER}}"))
	b.WriteString(appraiserNote())
	b.WriteString(operatorNote())
	b.WriteString(ruleSetNote("; xem lưu ý về bộ quy tắc tại mục III Thuyết minh đề xuất cấp độ"))
	b.WriteString(recitals(false))
	b.WriteString(p("Normal", "Căn cứ {{PROCEDURE_CITATION}} về thẩm quyền thẩm định và Điều 16 Nghị định số 85/2016/NĐ-CP về nội dung thẩm định;"))
	b.WriteString(p("Normal", "Xét văn bản số …… ngày …… của {{SUBMITTER}} đề nghị thẩm định hồ sơ đề xuất cấp độ đối với {{SYSTEM_NAME}},"))
	b.WriteString(p("Normal", "{{ADDRESSEE}} thông báo kết quả thẩm định như sau:"))
	b.WriteString(block("if", "L45", guide("Nêu các cơ quan phối hợp thẩm định (Bộ Quốc phòng, Bộ Công an, các bộ, ngành có liên quan) và hình thức thẩm định: họp hội đồng thẩm định hoặc lấy ý kiến bằng văn bản")))
	b.WriteString(p("Heading2", "1. Sự phù hợp của cấp độ đề xuất với tiêu chí xác định cấp độ"))
	b.WriteString(p("Normal", "Hồ sơ đề xuất **cấp độ {{LEVEL}}**, căn cứ tiêu chí tại {{DECISIVE_CITATIONS}}."))
	b.WriteString(decisiveNotes())
	b.WriteString(guide("Phù hợp hoặc chưa phù hợp; nêu lý do"))
	b.WriteString(p("Heading2", "2. Sự phù hợp của phương án bảo đảm an toàn thông tin trong thiết kế"))
	b.WriteString(guide("Đánh giá phương án bảo đảm an toàn thông tin trong thiết kế sơ bộ hoặc thiết kế thi công (hoặc tài liệu tương đương) so với yêu cầu của cấp độ {{LEVEL}}"))
	b.WriteString(p("Heading2", "3. Sự phù hợp của phương án bảo đảm an toàn thông tin trong vận hành"))
	b.WriteString(guide("Đánh giá phương án bảo đảm an toàn thông tin trong quá trình vận hành hệ thống so với yêu cầu của cấp độ {{LEVEL}}"))
	b.WriteString(p("Heading2", "4. Kết luận"))
	b.WriteString(guide("Hồ sơ đề xuất cấp độ {{LEVEL}} đủ điều kiện hoặc chưa đủ điều kiện trình phê duyệt; các nội dung cần hoàn thiện"))
	b.WriteString(block("if", "L34", p("Normal", "Sau khi hoàn thiện hồ sơ theo kết quả thẩm định, đơn vị vận hành trình chủ quản hệ thống thông tin phê duyệt theo {{APPROVAL_CITATION}}.")))
	b.WriteString(block("if", "L5", p("Normal", "Sau khi hoàn thiện hồ sơ theo kết quả thẩm định, đơn vị vận hành trình chủ quản hệ thống thông tin phê duyệt phương án bảo đảm an toàn thông tin ({{APPROVAL_CITATION}}); danh mục hệ thống thông tin cấp độ 5 do Thủ tướng Chính phủ phê duyệt theo "+pmList+".")))
	b.WriteString(block("if", "HAS_APPRAISAL_DEADLINE", note("Lưu ý về thời hạn thẩm định", "thời hạn thẩm định là {{APPRAISAL_DEADLINE}} kể từ ngày nhận đủ hồ sơ hợp lệ ({{APPRAISAL_DEADLINE_CITATION}}).")))
	b.WriteString(secretNote())
	b.WriteString(closing("Trân trọng./."))
	b.WriteString(signature("APPRAISER_SIGNATURE",
		"- Như trên;",
		"{{#if.SUBMITTED_VIA_OWNER}}",
		"- {{ISSUER}} (đơn vị vận hành);",
		"{{/if.SUBMITTED_VIA_OWNER}}",
		"- Lưu: VT, …….",
	))
	b.WriteString(draftingNote("Dự thảo do capdo lập từ hồ sơ để cơ quan thẩm định tham khảo, hoàn thiện và ban hành; các chỗ trong ngoặc vuông là nhận xét, kết luận của cơ quan thẩm định."))
	return b.String()
}

// toTrinhPheDuyet is the operating unit's submission to its owner for approval once the
// dossier is appraised (điểm b khoản 3 Điều 14 for levels 3–4; điểm c for level 5, which
// submits the protection plan): a tờ trình, the owner being the unit's superior. The draft
// decision cites it.
func toTrinhPheDuyet() string {
	var b strings.Builder
	b.WriteString(headerBlock(proposer, "……/TTr-……"))
	b.WriteString(block("unless", "L5", title("TỜ TRÌNH", "Đề nghị phê duyệt cấp độ an toàn hệ thống thông tin", "{{SYSTEM_NAME}}")))
	b.WriteString(block("if", "L5", title("TỜ TRÌNH", "Đề nghị phê duyệt phương án bảo đảm an toàn thông tin\ncủa hệ thống thông tin cấp độ 5", "{{SYSTEM_NAME}}")))
	b.WriteString(addressee("{{OWNER}}"))
	b.WriteString(operatorNote())
	b.WriteString(ruleSetNote("; xem lưu ý về bộ quy tắc tại mục III Thuyết minh đề xuất cấp độ"))
	b.WriteString(recitalsFrom("approval_basis", false))
	b.WriteString(p("Normal", "Căn cứ kết quả thẩm định hồ sơ đề xuất cấp độ của {{ADDRESSEE_MID}} tại văn bản số …… ngày ……,"))
	b.WriteString(appraiserNote())
	b.WriteString(block("unless", "L5", p("Normal", "{{PROPOSER}} trình {{OWNER}} phê duyệt cấp độ an toàn hệ thống thông tin đối với {{SYSTEM_NAME}}, cụ thể như sau:")))
	b.WriteString(block("if", "L5", p("Normal", "{{PROPOSER}} trình {{OWNER}} phê duyệt phương án bảo đảm an toàn thông tin theo cấp độ 5 của {{SYSTEM_NAME}}, cụ thể như sau:")))
	b.WriteString(p("Heading2", "1. Thông tin về hệ thống"))
	b.WriteString(bullet("Tên hệ thống: {{SYSTEM_NAME}}."))
	b.WriteString(block("if", "HAS_SYSTEM_ID", bullet("Mã hệ thống: {{SYSTEM_ID}}.")))
	b.WriteString(bullet("Đơn vị vận hành: {{OPERATOR}}."))
	b.WriteString(bullet("Cấp độ: **cấp độ {{LEVEL}}**, do đáp ứng tiêu chí tại {{DECISIVE_CITATIONS}}."))
	b.WriteString(decisiveNotes())
	b.WriteString(p("Heading2", "2. Kết quả thẩm định"))
	b.WriteString(guide("Tóm tắt kết luận của cơ quan thẩm định và việc hoàn thiện hồ sơ theo kết quả thẩm định"))
	b.WriteString(p("Heading2", "3. Đề nghị"))
	b.WriteString(block("unless", "L5", p("Normal", "{{PROPOSER}} đề nghị {{OWNER}} ban hành Quyết định phê duyệt cấp độ {{LEVEL}} đối với {{SYSTEM_NAME}} (dự thảo Quyết định kèm theo).")))
	b.WriteString(block("if", "L5", p("Normal", "{{PROPOSER}} đề nghị {{OWNER}} ban hành Quyết định phê duyệt phương án bảo đảm an toàn thông tin của {{SYSTEM_NAME}} (dự thảo Quyết định kèm theo); danh mục hệ thống thông tin cấp độ 5 do Thủ tướng Chính phủ phê duyệt theo "+pmList+".")))
	b.WriteString(p("Normal", "Hồ sơ kèm theo: hồ sơ đề xuất cấp độ đã hoàn thiện theo kết quả thẩm định; văn bản kết quả thẩm định; dự thảo Quyết định phê duyệt."))
	b.WriteString(secretNote())
	b.WriteString(closing("Kính trình {{OWNER}} xem xét, phê duyệt./."))
	b.WriteString(signature("PROPOSER_SIGNATURE",
		"- Như trên;",
		"- Lưu: VT, …….",
	))
	b.WriteString(draftingNote("Tờ trình gửi sau khi có kết quả thẩm định; dự thảo quyết định phê duyệt (du-thao-quyet-dinh.docx) dẫn chiếu tờ trình này."))
	return b.String()
}
