package main

import "strings"

// The forms of the appendix of Decree 331/2026 that a dossier uses (docs/reference/d331.md §3.5): their
// bodies follow the one public copy of the decree that carries them (T1), and each says
// so, and that the level it is used at is inferred, in a drafting note.

// generalInfo is Part 1 of Mẫu 01, 02, 03 and 05: the system, its operator and address,
// the proposed level.
func generalInfo() string {
	return p("Heading2", "1. Thông tin chung") +
		bullet("Tên hệ thống thông tin: {{SYSTEM_NAME}}.") +
		block("if", "HAS_SYSTEM_ID", bullet("Mã hệ thống: {{SYSTEM_ID}}.")) +
		bullet("Đơn vị vận hành: {{OPERATOR}}.") +
		bullet("Địa chỉ: *[Địa chỉ của đơn vị vận hành]*.") +
		bullet("Cấp độ đề xuất: **Cấp độ {{LEVEL}}**.")
}

// attachments is Part 2 of the forms: the documents of the dossier (Art. 21), numbered as
// the forms number them, each saying which generated document holds it. opinion adds item
// 5, the cyber unit's professional opinion (levels 4–5); appraisal adds item 6, the
// appraisal opinion (Mẫu 05).
func attachments(opinion, appraisal bool) string {
	var b strings.Builder
	b.WriteString(p("Heading2", "2. Tài liệu kèm theo"))
	b.WriteString(p("Normal", "1. Tài liệu mô tả tổng quan về hệ thống thông tin (Phần I Thuyết minh hồ sơ đề xuất cấp độ)."))
	b.WriteString(p("Normal", "2. Thiết kế thi công đã được phê duyệt hoặc tài liệu tương đương *[Đơn vị bổ sung số, ngày văn bản phê duyệt]*."))
	b.WriteString(note("Lưu ý về tài liệu thiết kế", "mẫu chỉ nêu thiết kế thi công; đối với hệ thống đầu tư mới, nâng cấp, điểm a khoản 2 Điều 21 "+nd331+" cho phép dùng thiết kế sơ bộ hoặc tài liệu tương đương."))
	b.WriteString(p("Normal", "3. Thuyết minh đề xuất cấp độ (Phần II Thuyết minh hồ sơ đề xuất cấp độ)."))
	b.WriteString(p("Normal", "4. Thuyết minh phương án bảo đảm an ninh mạng (Phương án bảo đảm an ninh mạng theo cấp độ kèm theo)."))
	if opinion {
		b.WriteString(block("if", "OPINION_REQUIRED", p("Normal", "5. Văn bản ý kiến chuyên môn của {{INFOSEC_MID}} số …… ngày …… (đối với hệ thống thông tin cấp độ 4, cấp độ 5; {{OPINION_PART_CITATION}}).")))
	}
	if appraisal {
		b.WriteString(block("if", "OPINION_REQUIRED", p("Normal", "6. Văn bản ý kiến thẩm định của {{ADDRESSEE_MID}} số …… ngày …… (đối với hệ thống thông tin cấp độ 3 trở lên).")))
		b.WriteString(block("unless", "OPINION_REQUIRED", p("Normal", "5. Văn bản ý kiến thẩm định của {{ADDRESSEE_MID}} số …… ngày …… (đối với hệ thống thông tin cấp độ 3 trở lên).")))
		b.WriteString(note("Lưu ý về ý kiến thẩm định", "mẫu ghi ý kiến thẩm định «của cơ quan phối hợp thẩm định»; điểm b khoản 1 Điều 24 "+nd331+" yêu cầu ý kiến thẩm định bằng văn bản của cơ quan chủ trì thẩm định từ cấp độ 3. Văn bản này ghi cơ quan chủ trì thẩm định; kèm ý kiến của cơ quan phối hợp (nếu có) [cần đối chiếu]."))
	}
	return b.String()
}

// designation is the recital of the owner's designation of the appraiser when the owner's
// cyber unit also operates the system (khoản 4 Điều 18): the unit or council designated
// appraises instead of it. The recital cites the designation only: the decree has its
// own recital, once (Nghị định số 30/2020/NĐ-CP: one recital per instrument). end is the
// recital's last character; italic is for a decision.
func designation(end string, italic bool) string {
	line := "Căn cứ văn bản số …… ngày …… của {{OWNER}} chỉ định {{ADDRESSEE_MID}} thẩm định hồ sơ" + end
	if italic {
		line = "*" + line + "*"
	}
	return p("Normal", line)
}

// basisRecitals close the recitals of a request: when an independent appraiser appraises,
// the owner's designation of it; then, not as another recital of the decree already
// recited, the provisions on who appraises (and approves) and how the dossier is sent.
func basisRecitals(what string) string {
	return block("if", "INDEPENDENT_APPRAISAL", designation(";", false)) +
		p("Normal", "Thực hiện quy định tại {{PROCEDURE_PROVISION}} về thẩm quyền "+what+" và {{SUBMISSION_CITATION}} về việc gửi hồ sơ,")
}

func mau01() string {
	var b strings.Builder
	b.WriteString(headerBlock(submitter, "……/……", subjectLine("đề nghị thẩm định, phê duyệt hồ sơ đề xuất cấp độ của {{SYSTEM_NAME}}")))
	b.WriteString(block("unless", "INDEPENDENT_APPRAISAL", addressee("{{ADDRESSEE}}")))
	b.WriteString(block("if", "INDEPENDENT_APPRAISAL", addressee("{{ADDRESSEE}}; {{INFOSEC}}")))
	b.WriteString(appraiserNote())
	b.WriteString(formNote("Mẫu 01", "cho hệ thống cấp độ 1, cấp độ 2, gửi đơn vị chuyên trách về an ninh mạng của chủ quản để thẩm định, phê duyệt (khoản 1 Điều 18, điểm b khoản 1 Điều 20 "+nd331+")"))
	b.WriteString(operatorNote331())
	b.WriteString(ruleSetNote("; xem lưu ý về bộ quy tắc tại Phần II Thuyết minh hồ sơ đề xuất cấp độ"))
	b.WriteString(recitals331(false))
	b.WriteString(basisRecitals("thẩm định, phê duyệt"))
	b.WriteString(block("unless", "INDEPENDENT_APPRAISAL", p("Normal", "{{SUBMITTER}} đề nghị {{ADDRESSEE_MID}} thẩm định, phê duyệt hồ sơ đề xuất cấp độ hệ thống thông tin với các nội dung sau:")))
	b.WriteString(block("if", "INDEPENDENT_APPRAISAL", p("Normal", "{{SUBMITTER}} đề nghị {{ADDRESSEE_MID}} thẩm định và {{INFOSEC_MID}} phê duyệt hồ sơ đề xuất cấp độ hệ thống thông tin với các nội dung sau:")))
	b.WriteString(generalInfo())
	b.WriteString(decisiveNotes())
	b.WriteString(attachments(false, false))
	b.WriteString(note("Lưu ý về thời hạn", "Nghị định không quy định thời hạn thẩm định hồ sơ cấp độ 1, cấp độ 2; thời hạn xử lý hồ sơ đề nghị phê duyệt là {{APPROVAL_DEADLINE}} kể từ ngày nhận đủ hồ sơ hợp lệ (khoản 2 Điều 24), việc áp dụng cho cấp độ 1, cấp độ 2 là suy luận [suy luận, cần kiểm chứng]. Dự thảo quyết định phê duyệt (mau-06-quyet-dinh-phe-duyet-cap-do.docx) gửi kèm để đơn vị chuyên trách tham khảo."))
	b.WriteString(secretNote())
	b.WriteString(block("unless", "INDEPENDENT_APPRAISAL", closing("Đề nghị {{ADDRESSEE_MID}} xem xét, thẩm định, phê duyệt hồ sơ đề xuất cấp độ của hệ thống thông tin nêu trên./.")))
	b.WriteString(block("if", "INDEPENDENT_APPRAISAL", closing("Đề nghị {{ADDRESSEE_MID}} thẩm định và {{INFOSEC_MID}} xem xét, phê duyệt hồ sơ đề xuất cấp độ của hệ thống thông tin nêu trên./.")))
	b.WriteString(signature("SUBMITTER_SIGNATURE",
		"- Như trên;",
		"{{#if.HAS_SUBMITTER_PARENT}}",
		"- {{OWNER}} (để báo cáo);",
		"{{/if.HAS_SUBMITTER_PARENT}}",
		"- Lưu: VT, …….",
	))
	b.WriteString(draftingNote(""))
	return b.String()
}

// mau02 is the request for appraisal of levels 3–5: to the owner's cyber unit (or the
// unit or council of khoản 4 Điều 18) at level 3, sent by the operating unit; to Bộ Công
// an, Bộ Quốc phòng or Ban Cơ yếu Chính phủ at levels 4–5, sent by the owner (điểm c, d
// khoản 1 Điều 20). It lists the professional opinion at levels 4–5 and, for a system of
// the level-5 route, asks for its entry on the critical-system list (the form's footnote).
func mau02() string {
	var b strings.Builder
	b.WriteString(headerBlock(submitter, "……/……", subjectLine("đề nghị thẩm định hồ sơ đề xuất cấp độ của {{SYSTEM_NAME}}")))
	b.WriteString(addressee("{{ADDRESSEE}}"))
	b.WriteString(appraiserNote())
	b.WriteString(formNote("Mẫu 02", "cho hệ thống cấp độ 3 (đơn vị vận hành gửi đơn vị chuyên trách về an ninh mạng của chủ quản, hoặc đơn vị, hội đồng thẩm định độc lập) và cấp độ 4, cấp độ 5 (chủ quản gửi Bộ Công an, Bộ Quốc phòng hoặc Ban Cơ yếu Chính phủ)"))
	b.WriteString(operatorNote331())
	b.WriteString(ruleSetNote("; xem lưu ý về bộ quy tắc tại Phần II Thuyết minh hồ sơ đề xuất cấp độ"))
	b.WriteString(recitals331(false))
	b.WriteString(basisRecitals("thẩm định"))
	b.WriteString(p("Normal", "{{SUBMITTER}} đề nghị {{ADDRESSEE_MID}} thẩm định hồ sơ đề xuất cấp độ hệ thống thông tin với các nội dung sau:"))
	b.WriteString(generalInfo())
	b.WriteString(decisiveNotes())
	b.WriteString(block("if", "SUBMITTED_VIA_OWNER",
		p("Normal", "Hồ sơ do {{ISSUER}} (đơn vị vận hành) lập và trình {{OWNER}} (chủ quản hệ thống thông tin) gửi cơ quan thẩm định.")))
	b.WriteString(block("if", "SELF_APPRAISAL",
		p("Normal", "{{OWNER}} là chủ quản hệ thống thông tin đồng thời là cơ quan thẩm định hồ sơ đề xuất cấp độ của hệ thống ({{PROCEDURE_CITATION}}); {{ISSUER}} (đơn vị vận hành) lập hồ sơ và gửi kèm văn bản này.")))
	b.WriteString(attachments(true, false))
	b.WriteString(block("if", "ROUTE5",
		p("Normal", "Đề nghị {{ADDRESSEE_MID}} xem xét đưa hệ thống vào Danh mục hệ thống thông tin quan trọng về an ninh quốc gia (Điều 16, Điều 17 "+nd331+")."),
		note("Lưu ý về danh mục", "theo ghi chú của mẫu, văn bản đề nghị bổ sung nội dung đề nghị đưa vào Danh mục hệ thống thông tin quan trọng về an ninh quốc gia khi hệ thống thuộc trường hợp này; hệ thống cấp độ 5 là hệ thống thông tin quan trọng về an ninh quốc gia (khoản 4 Điều 16). "+pmList331+".")))
	b.WriteString(block("if", "HAS_APPRAISAL_DEADLINE", note("Lưu ý về thời hạn", "thời hạn thẩm định là {{APPRAISAL_DEADLINE}} kể từ ngày nhận đủ hồ sơ hợp lệ ({{APPRAISAL_DEADLINE_CITATION}}); hồ sơ chưa đầy đủ, hợp lệ được hướng dẫn hoàn thiện trong 05 ngày làm việc (khoản 2 Điều 23 "+nd331+").")))
	b.WriteString(secretNote())
	b.WriteString(closing("Đề nghị {{ADDRESSEE_MID}} xem xét, thẩm định hồ sơ đề xuất cấp độ của hệ thống thông tin nêu trên./."))
	b.WriteString(signature("SUBMITTER_SIGNATURE",
		"- Như trên;",
		"{{#if.SUBMITTED_VIA_OWNER}}",
		"- {{ISSUER}} (đơn vị vận hành);",
		"{{/if.SUBMITTED_VIA_OWNER}}",
		"{{#if.HAS_SUBMITTER_PARENT}}",
		"- {{OWNER}} (để báo cáo);",
		"{{/if.HAS_SUBMITTER_PARENT}}",
		"- Lưu: VT, …….",
	))
	b.WriteString(draftingNote(""))
	return b.String()
}

// mau03 is the operating unit's request to the owner's cyber unit for its professional
// opinion, which levels 4–5 (and the level-5 route) need before the owner sends the
// dossier (điểm d khoản 1 Điều 20; a dossier part by khoản 5 Điều 21).
func mau03() string {
	var b strings.Builder
	b.WriteString(headerBlock(preparer, "……/……", subjectLine("xin ý kiến chuyên môn về hồ sơ đề xuất cấp độ của {{SYSTEM_NAME}}")))
	b.WriteString(addressee("{{INFOSEC}}"))
	b.WriteString(formNote("Mẫu 03", "cho hệ thống cấp độ 4, cấp độ 5 và hệ thống theo trình tự của cấp độ 5, trước khi trình chủ quản gửi hồ sơ thẩm định (điểm d khoản 1 Điều 20, khoản 5 Điều 21 "+nd331+")"))
	b.WriteString(operatorNote331())
	b.WriteString(ruleSetNote("; xem lưu ý về bộ quy tắc tại Phần II Thuyết minh hồ sơ đề xuất cấp độ"))
	b.WriteString(recitals331(false))
	b.WriteString(p("Normal", "Thực hiện quy định tại {{OPINION_CITATION}},"))
	b.WriteString(p("Normal", "{{ISSUER}} đề nghị {{INFOSEC_MID}} cho ý kiến chuyên môn về sự phù hợp của cấp độ đề xuất và phương án bảo đảm an ninh mạng trong hồ sơ đề xuất cấp độ hệ thống thông tin với các nội dung sau:"))
	b.WriteString(generalInfo())
	b.WriteString(decisiveNotes())
	b.WriteString(attachments(false, false))
	b.WriteString(secretNote())
	b.WriteString(block("unless", "SELF_APPRAISAL", closing("Đề nghị {{INFOSEC_MID}} cho ý kiến để {{ISSUER}} hoàn thiện hồ sơ, trình {{OWNER}} gửi cơ quan thẩm định./.")))
	b.WriteString(block("if", "SELF_APPRAISAL", closing("Đề nghị {{INFOSEC_MID}} cho ý kiến để {{ISSUER}} hoàn thiện hồ sơ, gửi đơn vị được {{OWNER}} giao thẩm định./.")))
	b.WriteString(signature("ISSUER_SIGNATURE",
		"- Như trên;",
		"{{#if.HAS_ISSUER_PARENT}}",
		"- {{OWNER}} (để báo cáo);",
		"{{/if.HAS_ISSUER_PARENT}}",
		"- Lưu: VT, …….",
	))
	b.WriteString(draftingNote(""))
	return b.String()
}

// mau04 is a draft of the appraisal opinion (Art. 23; a written opinion is required from
// level 3, điểm b khoản 1 Điều 24), from the appraiser to whoever sent the request, for the
// appraiser to finish: the documents appraised, the legal basis, how the appraisal was
// organised, the opinions, the conclusion.
func mau04() string {
	var b strings.Builder
	b.WriteString(headerBlock(appraiser, "……/……", draftMark()))
	b.WriteString(title("Ý KIẾN THẨM ĐỊNH", "Hồ sơ đề xuất cấp độ hệ thống thông tin", "{{SYSTEM_NAME}}"))
	b.WriteString(addressee("{{SUBMITTER}}"))
	b.WriteString(appraiserNote())
	b.WriteString(formNote("Mẫu 04", "cho hệ thống cấp độ 3 trở lên, là thành phần của hồ sơ đề nghị phê duyệt (điểm b khoản 1 Điều 24 "+nd331+"); dự thảo do capdo lập từ hồ sơ để cơ quan thẩm định tham khảo, hoàn thiện và ban hành"))
	b.WriteString(operatorNote331())
	b.WriteString(ruleSetNote("; xem lưu ý về bộ quy tắc tại Phần II Thuyết minh hồ sơ đề xuất cấp độ"))

	b.WriteString(p("Heading2", "I. HỒ SƠ ĐƯỢC THẨM ĐỊNH"))
	b.WriteString(p("Normal", "Hồ sơ đề xuất cấp độ của {{SYSTEM_NAME}} do {{ISSUER}} (đơn vị vận hành) lập, {{SUBMITTER}} gửi kèm văn bản số …… ngày ……, gồm:"))
	b.WriteString(p("Normal", "1. Tài liệu mô tả tổng quan về hệ thống thông tin;"))
	b.WriteString(p("Normal", "2. Thiết kế thi công đã được phê duyệt hoặc tài liệu tương đương;"))
	b.WriteString(p("Normal", "3. Thuyết minh đề xuất cấp độ;"))
	b.WriteString(block("unless", "OPINION_REQUIRED", p("Normal", "4. Thuyết minh phương án bảo đảm an ninh mạng.")))
	b.WriteString(block("if", "OPINION_REQUIRED",
		p("Normal", "4. Thuyết minh phương án bảo đảm an ninh mạng;"),
		p("Normal", "5. Văn bản ý kiến chuyên môn của {{INFOSEC_MID}}.")))

	b.WriteString(p("Heading2", "II. CĂN CỨ THẨM ĐỊNH"))
	b.WriteString(recitals331(false))
	appraisalBasis := "Căn cứ {{PROCEDURE_CITATION}} về thẩm quyền thẩm định và khoản 1 Điều 23 " + nd331 + " về nội dung thẩm định"
	b.WriteString(block("unless", "INDEPENDENT_APPRAISAL", p("Normal", appraisalBasis+".")))
	b.WriteString(block("if", "INDEPENDENT_APPRAISAL", p("Normal", appraisalBasis+";"), designation(".", false)))

	b.WriteString(p("Heading2", "III. TỔ CHỨC THẨM ĐỊNH"))
	b.WriteString(bullet("Đơn vị chủ trì thẩm định: {{ADDRESSEE}}."))
	b.WriteString(block("unless", "ROUTE45", bullet("Đơn vị phối hợp thẩm định: *[Tên đơn vị phối hợp, nếu có]*.")))
	b.WriteString(block("if", "ROUTE45", bullet("Đơn vị phối hợp thẩm định: {{OWNER}} và *[các cơ quan, đơn vị có liên quan]* (khoản 3 Điều 18 "+nd331+").")))
	b.WriteString(bullet("Hình thức thẩm định: *[họp thẩm định; lấy ý kiến bằng văn bản; hoặc kết hợp]*."))

	b.WriteString(p("Heading2", "IV. Ý KIẾN THẨM ĐỊNH"))
	b.WriteString(p("Heading3", "1. Tóm tắt ý kiến của các đơn vị phối hợp thẩm định"))
	b.WriteString(guide("Tóm tắt ý kiến của các đơn vị phối hợp thẩm định (khoản 3 Điều 18)"))
	b.WriteString(p("Heading3", "2. Sự phù hợp của cấp độ đề xuất"))
	b.WriteString(p("Normal", "Hồ sơ đề xuất **cấp độ {{LEVEL}}**, căn cứ tiêu chí tại {{DECISIVE_CITATIONS}} (loại hệ thống: {{SYSTEM_TYPE}}; thông tin xử lý: {{INFO_TYPES}})."))
	b.WriteString(decisiveNotes())
	b.WriteString(guide("Ý kiến về sự phù hợp của cấp độ đề xuất với tiêu chí tại Điều 11 đến Điều 15 Nghị định số 331/2026/NĐ-CP và với kết quả đánh giá rủi ro (Điều 23)"))
	b.WriteString(p("Heading3", "3. Ý kiến khác"))
	b.WriteString(p("Normal", "Về sự phù hợp của phương án bảo đảm an ninh mạng trong thiết kế sơ bộ, thiết kế thi công hoặc tài liệu tương đương và trong vận hành (điểm b, điểm c khoản 1 Điều 23 "+nd331+"):"))
	b.WriteString(guide("Ý kiến về phương án so với yêu cầu của cấp độ {{LEVEL}}; các yêu cầu chưa đáp ứng; ý kiến khác"))
	b.WriteString(note("Lưu ý về nội dung thẩm định", "mục IV của mẫu chỉ nêu ý kiến về sự phù hợp của cấp độ, trong khi khoản 1 Điều 23 còn yêu cầu thẩm định sự phù hợp của phương án trong thiết kế và trong vận hành: dự thảo đặt nội dung này tại mục «Ý kiến khác» [suy luận]."))

	b.WriteString(p("Heading2", "V. KẾT LUẬN"))
	b.WriteString(p("Normal", "Hồ sơ đề xuất cấp độ của {{SYSTEM_NAME}} *[phù hợp / chưa phù hợp]*."))
	b.WriteString(guide("Trường hợp chưa phù hợp: nêu các nội dung chưa phù hợp và yêu cầu hoàn thiện"))
	b.WriteString(block("if", "HAS_APPRAISAL_DEADLINE", note("Lưu ý về thời hạn thẩm định", "thời hạn thẩm định là {{APPRAISAL_DEADLINE}} kể từ ngày nhận đủ hồ sơ hợp lệ ({{APPRAISAL_DEADLINE_CITATION}}).")))
	b.WriteString(secretNote())
	b.WriteString(closing("{{ADDRESSEE}} gửi ý kiến thẩm định để các cơ quan, đơn vị có liên quan hoàn thiện hồ sơ và trình phê duyệt theo quy định./."))
	b.WriteString(signature("APPRAISER_SIGNATURE",
		"- Như trên;",
		"{{#if.SUBMITTED_VIA_OWNER}}",
		"- {{ISSUER}} (đơn vị vận hành);",
		"{{/if.SUBMITTED_VIA_OWNER}}",
		"- Lưu: VT, …….",
	))
	b.WriteString(draftingNote("Các chỗ trong ngoặc vuông là ý kiến, kết luận của cơ quan thẩm định."))
	return b.String()
}

// mau05 is the operating unit's submission to the owner for approval once the dossier is
// appraised (điểm b khoản 3 Điều 20; at level 5 and on the level-5 route the protection
// plan, điểm c): the form's tờ trình, with the appraisal opinion among the attachments and
// the system's cybersecurity regulation, which must be issued before approval (khoản 7
// Điều 30).
func mau05() string {
	var b strings.Builder
	b.WriteString(headerBlock(proposer, "……/TTr-……"))
	b.WriteString(block("unless", "ROUTE5", title("TỜ TRÌNH", "Về việc phê duyệt đề xuất cấp độ", "{{SYSTEM_NAME}}")))
	b.WriteString(block("if", "ROUTE5", title("TỜ TRÌNH", "Về việc phê duyệt phương án bảo đảm an ninh mạng", "{{SYSTEM_NAME}}")))
	b.WriteString(addressee("{{OWNER}}"))
	b.WriteString(formNote("Mẫu 05", "cho hệ thống cấp độ 3 trở lên, đơn vị vận hành trình chủ quản phê duyệt sau khi có ý kiến thẩm định (điểm b, điểm c khoản 3 Điều 20 "+nd331+")"))
	b.WriteString(block("if", "ROUTE5", note("Lưu ý về tên tờ trình", "mẫu ghi «Về việc phê duyệt đề xuất cấp độ»; với hệ thống cấp độ 5 hoặc theo trình tự của cấp độ 5, chủ quản phê duyệt phương án bảo đảm an ninh mạng (điểm c khoản 3 Điều 20) nên tên tờ trình được điều chỉnh [suy luận, cần kiểm chứng].")))
	b.WriteString(operatorNote331())
	b.WriteString(ruleSetNote("; xem lưu ý về bộ quy tắc tại Phần II Thuyết minh hồ sơ đề xuất cấp độ"))
	b.WriteString(recitals331From("approval_basis", false))
	b.WriteString(block("if", "INDEPENDENT_APPRAISAL", designation(";", false)))
	b.WriteString(p("Normal", "Căn cứ ý kiến thẩm định của {{ADDRESSEE_MID}} tại văn bản số …… ngày ……,"))
	b.WriteString(appraiserNote())
	b.WriteString(block("unless", "ROUTE5", p("Normal", "{{PROPOSER}} kính trình {{OWNER}} xem xét, quyết định phê duyệt cấp độ hệ thống thông tin với các nội dung sau:")))
	b.WriteString(block("if", "ROUTE5", p("Normal", "{{PROPOSER}} kính trình {{OWNER}} xem xét, quyết định phê duyệt phương án bảo đảm an ninh mạng của hệ thống thông tin với các nội dung sau:")))
	b.WriteString(generalInfo())
	b.WriteString(decisiveNotes())
	b.WriteString(attachments(true, true))
	b.WriteString(p("Normal", "Kèm theo: dự thảo Quyết định phê duyệt."))
	b.WriteString(p("Normal", "Quy chế bảo đảm an ninh mạng của hệ thống đã được ban hành tại Quyết định số …… ngày …… của *[cơ quan ban hành]* (khoản 7 Điều 30 "+nd331+")."))
	b.WriteString(note("Lưu ý về quy chế", "Quy chế bảo đảm an ninh mạng đáp ứng yêu cầu quản lý của cấp độ phải được cấp có thẩm quyền ban hành trước khi hồ sơ đề xuất cấp độ được phê duyệt (khoản 7 Điều 30)."))
	b.WriteString(block("if", "ROUTE5", p("Normal", pmList331+".")))
	b.WriteString(secretNote())
	b.WriteString(closing("Kính trình {{OWNER}} xem xét, quyết định./."))
	b.WriteString(signature("PROPOSER_SIGNATURE",
		"- Như trên;",
		"- Lưu: VT, …….",
	))
	b.WriteString(draftingNote("Tờ trình gửi sau khi có ý kiến thẩm định; dự thảo quyết định phê duyệt kèm theo (mau-06-quyet-dinh-phe-duyet-cap-do.docx hoặc mau-07-quyet-dinh-phe-duyet-phuong-an.docx) dẫn chiếu tờ trình này."))
	return b.String()
}

// decisionRecitals are the recitals of a draft decision: the issuer's own mandate (a
// blank), the rule set's, the procedure, the appraisal opinion from level 3, the request
// it answers.
func decisionRecitals() string {
	var b strings.Builder
	b.WriteString(p("Normal", "*Căn cứ [VĂN BẢN QUY ĐỊNH CHỨC NĂNG, NHIỆM VỤ, QUYỀN HẠN, CƠ CẤU TỔ CHỨC CỦA CƠ QUAN BAN HÀNH];*"))
	b.WriteString(recitals331From("approval_basis", true))
	b.WriteString(block("if", "INDEPENDENT_APPRAISAL", designation(";", true)))
	b.WriteString(block("unless", "INFOSEC_APPROVES",
		p("Normal", "*Căn cứ ý kiến thẩm định của {{ADDRESSEE_MID}} tại văn bản số …… ngày ……;*"),
		appraiserNote()))
	// At levels 1–2 the cyber unit appraises and approves; when it also operates the system
	// the designated unit or council appraises, and the decision cites its opinion.
	b.WriteString(block("if", "INFOSEC_APPROVES", block("if", "INDEPENDENT_APPRAISAL",
		p("Normal", "*Căn cứ ý kiến thẩm định của {{ADDRESSEE_MID}} tại văn bản số …… ngày ……;*"),
		appraiserNote())))
	b.WriteString(block("if", "INFOSEC_APPROVES", p("Normal", "*Theo đề nghị của {{PROPOSER}} tại văn bản số …… ngày …….*")))
	b.WriteString(block("unless", "INFOSEC_APPROVES", p("Normal", "*Theo đề nghị của {{PROPOSER}} tại Tờ trình số …… ngày …….*")))
	return b.String()
}

// planClauses are the points of Điều 1 that declare the protection plan consistent with
// the national standard and any national technical regulation (Mẫu 06, 07).
func planClauses(n string) string {
	return p("Normal", n+". Phương án bảo đảm an ninh mạng:") +
		p("Normal", "a) Trong thiết kế: phù hợp với tiêu chuẩn quốc gia {{STANDARD}} An ninh mạng – Hệ thống thông tin – Yêu cầu cơ bản và quy chuẩn kỹ thuật quốc gia *[TÊN QUY CHUẨN KỸ THUẬT QUỐC GIA ÁP DỤNG, NẾU CÓ]*;") +
		p("Normal", "b) Trong vận hành: phù hợp với tiêu chuẩn quốc gia {{STANDARD}} An ninh mạng – Hệ thống thông tin – Yêu cầu cơ bản và quy chuẩn kỹ thuật quốc gia *[TÊN QUY CHUẨN KỸ THUẬT QUỐC GIA ÁP DỤNG, NẾU CÓ]*.") +
		note("Lưu ý về quy chuẩn", "mẫu yêu cầu ghi tên tiêu chuẩn quốc gia và quy chuẩn kỹ thuật quốc gia áp dụng; điền quy chuẩn kỹ thuật quốc gia nếu có, hoặc bỏ phần quy chuẩn nếu không có [cần đối chiếu].")
}

// decisionHeading is the heading of a draft decision: the approving body, the title, the
// subject and the authority line.
func decisionHeading(subject string) string {
	var b strings.Builder
	b.WriteString(headerBlock(approver, "……/QĐ-……", draftMark()))
	b.WriteString(p("DocTitle", "QUYẾT ĐỊNH"))
	b.WriteString(p("DocSubject", subject))
	b.WriteString(p("DocSubject", "{{SYSTEM_NAME}}"))
	o := pr("Rule")
	o.border, o.indLeft, o.indRight = "bottom", 3500, 3500
	b.WriteString(pp(o, ""))
	b.WriteString(pp(pPr{style: "Signature", before: 240, after: 240}, "{{DECISION_AUTHORITY}}"))
	return b.String()
}

// systemClause is point 1 of Điều 1: the system, its operator and address.
func systemClause() string {
	return p("Normal", "1. Tên hệ thống thông tin: {{SYSTEM_NAME}}; đơn vị vận hành: {{OPERATOR}}; địa chỉ: *[Địa chỉ của đơn vị vận hành]*.")
}

// mau06 is the draft decision approving the level: by the owner at levels 3–4 (điểm b
// khoản 2, điểm d khoản 3 Điều 18; điểm b khoản 3 Điều 20), and, the decree having no
// form for it, adapted for the owner's cyber unit at levels 1–2 (khoản 1 Điều 18, điểm a
// khoản 3 Điều 20), which reports to the owner.
func mau06() string {
	var b strings.Builder
	b.WriteString(decisionHeading("Phê duyệt cấp độ hệ thống thông tin"))
	b.WriteString(block("if", "L12", note("Lưu ý về mẫu văn bản", "Nghị định không có mẫu quyết định phê duyệt cho hệ thống cấp độ 1, cấp độ 2. Văn bản này được điều chỉnh từ Mẫu 06 (quyết định của chủ quản) cho đơn vị chuyên trách về an ninh mạng của chủ quản, đơn vị thẩm định và phê duyệt hồ sơ cấp độ 1, cấp độ 2 rồi báo cáo chủ quản (khoản 1 Điều 18, điểm a khoản 3 Điều 20 "+nd331+") [suy luận, cần kiểm chứng]. Thẩm quyền ban hành quyết định của đơn vị chuyên trách cần được xác định theo quy chế của chủ quản. "+formSource)))
	b.WriteString(block("unless", "L12", formNote("Mẫu 06", "cho hệ thống cấp độ 3, cấp độ 4 do chủ quản phê duyệt cấp độ (điểm b khoản 2 Điều 18, điểm d khoản 3 Điều 18, điểm b khoản 3 Điều 20 "+nd331+")")))
	b.WriteString(operatorNote331())
	b.WriteString(secretNote())
	b.WriteString(ruleSetNote(""))
	b.WriteString(decisionRecitals())
	b.WriteString(pp(pPr{style: "Signature", before: 240, after: 240}, "QUYẾT ĐỊNH:"))

	b.WriteString(p("Normal", "**Điều 1.** Phê duyệt cấp độ hệ thống thông tin như sau:"))
	b.WriteString(systemClause())
	b.WriteString(p("Normal", "2. Cấp độ hệ thống thông tin: **Cấp độ {{LEVEL}}** (căn cứ xác định: {{DECISIVE_CITATIONS}})."))
	b.WriteString(decisiveNotes())
	b.WriteString(planClauses("3"))

	b.WriteString(p("Normal", "**Điều 2.** {{OPERATOR}} (đơn vị đề xuất) có trách nhiệm:"))
	b.WriteString(p("Normal", "1. Thực hiện các nhiệm vụ của đơn vị vận hành hệ thống thông tin tại Điều 33 "+nd331+"; triển khai đầy đủ phương án bảo đảm an ninh mạng đã được phê duyệt."))
	b.WriteString(p("Normal", "2. Khi hệ thống có thay đổi làm ảnh hưởng tới cấp độ, đánh giá lại rủi ro và lập hồ sơ đề xuất lại cấp độ theo trình tự như lần đầu (khoản 2 Điều 10, Điều 25 "+nd331+")."))
	b.WriteString(guide("Nhiệm vụ khác (nếu có)"))

	b.WriteString(p("Normal", "**Điều 3.** Quyết định này có hiệu lực kể từ ngày ký."))
	b.WriteString(block("unless", "L12", p("Normal", "{{INFOSEC}} theo dõi, giám sát việc thực hiện Quyết định này và báo cáo {{OWNER}}.")))
	b.WriteString(block("if", "L12", p("Normal", "[PHÒNG, BỘ PHẬN ĐƯỢC GIAO] theo dõi, giám sát việc thực hiện Quyết định này; kết quả phê duyệt được báo cáo {{OWNER}} (điểm a khoản 3 Điều 20 "+nd331+").")))
	b.WriteString(closing("Thủ trưởng {{OPERATOR}} và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./."))
	b.WriteString(signature("APPROVER_SIGNATURE",
		"- Như Điều 3;",
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

// mau07 is the draft decision of the owner approving the protection plan of a level-5
// system, or of a critical system, which follows the level-5 route (điểm d khoản 3 Điều 18;
// điểm c khoản 3 và khoản 4 Điều 20). The Prime Minister approves the list.
func mau07() string {
	var b strings.Builder
	b.WriteString(decisionHeading("Về việc phê duyệt phương án bảo đảm an ninh mạng hệ thống thông tin"))
	b.WriteString(formNote("Mẫu 07", "cho hệ thống cấp độ 5 và hệ thống thuộc danh mục hệ thống thông tin quan trọng về an ninh quốc gia (điểm d khoản 3 Điều 18, điểm c khoản 3 và khoản 4 Điều 20 "+nd331+")"))
	b.WriteString(block("if", "CRITICAL", block("unless", "L5", note("Lưu ý về trình tự", "hệ thống cấp độ {{LEVEL}} thuộc danh mục hệ thống thông tin quan trọng về an ninh quốc gia được thực hiện theo trình tự của cấp độ 5 (khoản 4 Điều 20): chủ quản phê duyệt phương án bảo đảm an ninh mạng, nên capdo không lập quyết định phê duyệt cấp độ (Mẫu 06) [suy luận, cần kiểm chứng]. Khoản 4 Điều 16 (hệ thống cấp độ 5 là hệ thống quan trọng) và khoản 4 Điều 20 cần được đối chiếu khi áp dụng cho hệ thống cấp độ 3, cấp độ 4 [cần đối chiếu]; với hệ thống cấp độ 1, cấp độ 2, áp dụng trình tự của cấp độ 5 là suy luận [suy luận]."))))
	b.WriteString(operatorNote331())
	b.WriteString(secretNote())
	b.WriteString(ruleSetNote(""))
	b.WriteString(decisionRecitals())
	b.WriteString(pp(pPr{style: "Signature", before: 240, after: 240}, "QUYẾT ĐỊNH:"))

	b.WriteString(p("Normal", "**Điều 1.** Phê duyệt phương án bảo đảm an ninh mạng của hệ thống thông tin như sau:"))
	b.WriteString(systemClause())
	b.WriteString(block("unless", "CRITICAL", p("Normal", "2. Cấp độ hệ thống thông tin: **Cấp độ {{LEVEL}}** (căn cứ xác định: {{DECISIVE_CITATIONS}}).")))
	b.WriteString(block("if", "CRITICAL", p("Normal", "2. Cấp độ hệ thống thông tin: **Cấp độ {{LEVEL}}** (căn cứ xác định: {{DECISIVE_CITATIONS}}); hệ thống thuộc danh mục hệ thống thông tin quan trọng về an ninh quốc gia.")))
	b.WriteString(decisiveNotes())
	b.WriteString(planClauses("3"))
	b.WriteString(note("Lưu ý về danh mục", pmList331+"."))

	b.WriteString(p("Normal", "**Điều 2.** {{OPERATOR}} (đơn vị đề xuất) có trách nhiệm:"))
	b.WriteString(p("Normal", "1. Thực hiện các nhiệm vụ của đơn vị vận hành hệ thống thông tin tại Điều 33 "+nd331+"; triển khai đầy đủ phương án bảo đảm an ninh mạng đã được phê duyệt."))
	b.WriteString(p("Normal", "2. Tổ chức kiểm tra, đánh giá an ninh mạng đối với hệ thống do tổ chức kiểm tra, đánh giá được cấp phép hoặc được chỉ định thực hiện (điểm c khoản 2 Điều 31 "+nd331+")."))
	b.WriteString(guide("Nhiệm vụ khác (nếu có)"))

	b.WriteString(p("Normal", "**Điều 3.** Quyết định này có hiệu lực kể từ ngày ký."))
	b.WriteString(p("Normal", "{{INFOSEC}} theo dõi, giám sát việc thực hiện Quyết định này và báo cáo {{OWNER}}."))
	b.WriteString(closing("Thủ trưởng {{OPERATOR}} và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./."))
	b.WriteString(signature("APPROVER_SIGNATURE",
		"- Như Điều 3;",
		"- {{ADDRESSEE}} (để biết);",
		"- Lưu: VT, …….",
	))
	b.WriteString(draftingNote("Dự thảo quyết định là văn bản đề xuất, do chủ quản hệ thống thông tin hoàn thiện và ban hành."))
	return b.String()
}
