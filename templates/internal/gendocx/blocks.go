package main

import "strings"

// Blocks every document shares: the header block, title, signature and recipients of
// Nghị định 30/2020 Phụ lục I, and the drafting note.

// issuer names the fields of the issuing body in the header block. An empty parentCond
// means the body always has a parent line.
type issuer struct {
	parentCond, parent, body string
}

var (
	// The operating unit prepares the dossier (điểm a khoản 1 Điều 14), under its owner.
	preparer = issuer{"HAS_ISSUER_PARENT", "ISSUER_PARENT_UPPER", "ISSUER_UPPER"}
	// The request for appraisal: the preparer, or at levels 4–5 the owner (điểm d khoản 1
	// Điều 14).
	submitter = issuer{"HAS_SUBMITTER_PARENT", "SUBMITTER_PARENT_UPPER", "SUBMITTER_UPPER"}
	// The body that approves the level (Art. 12).
	approver = issuer{"HAS_APPROVER_PARENT", "APPROVER_PARENT_UPPER", "APPROVER_BODY_UPPER"}
	// The operating unit asking its owner for approval (khoản 3 Điều 14).
	proposer = issuer{"HAS_PROPOSER_PARENT", "PROPOSER_PARENT_UPPER", "PROPOSER_UPPER"}
	// The owner's infosec unit, always under the owner.
	infosec = issuer{"", "OWNER_UPPER", "INFOSEC_UPPER"}
	// The appraiser writing its result.
	appraiser = issuer{"HAS_APPRAISER_PARENT", "APPRAISER_PARENT_UPPER", "APPRAISER_BODY_UPPER"}
)

// headerBlock is the two-column heading: issuing body, number and secrecy marking on the
// left; Quốc hiệu, Tiêu ngữ and the place and date on the right. extra goes under the
// number (e.g. "DỰ THẢO", or the "V/v …" subject line of a công văn).
func headerBlock(who issuer, symbol string, extra ...string) string {
	hb := func(text string) string { return p("HeaderBlock", text) }
	rule := func(ind int) string {
		o := pr("Rule")
		o.border, o.indLeft, o.indRight = "bottom", ind, ind
		return pp(o, "")
	}
	var left1 []string
	if who.parentCond == "" {
		left1 = append(left1, hb("{{"+who.parent+"}}"))
	} else {
		left1 = append(left1, hb("{{#if."+who.parentCond+"}}"), hb("{{"+who.parent+"}}"), hb("{{/if."+who.parentCond+"}}"))
	}
	left1 = append(left1, hb("**{{"+who.body+"}}**"), rule(1200))
	right1 := []string{
		pp(pPr{style: "HeaderBlock", before: -1, after: -1, size: 24}, "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**"),
		hb("**Độc lập - Tự do - Hạnh phúc**"),
		rule(950),
	}
	box := pr("HeaderBlock")
	box.border, box.indLeft, box.indRight, box.before = "box", 700, 700, 60 // wide enough for «TUYỆT MẬT» on one line
	left2 := []string{
		hb("Số: " + symbol),
		hb("{{#if.SECRET}}"),
		pp(box, "**{{SECRECY_MARK}}**"),
		hb("{{/if.SECRET}}"),
	}
	left2 = append(left2, extra...)
	right2 := []string{pp(pPr{style: "HeaderBlock", before: -1, after: -1, size: 28}, "*{{DATE_LINE}}*")}
	return tbl([]int{headerLeftW, headerRightW}, false,
		tr(false, tc(headerLeftW, 1, false, left1...), tc(headerRightW, 1, false, right1...)),
		tr(false, tc(headerLeftW, 1, false, left2...), tc(headerRightW, 1, false, right2...)))
}

// subjectLine is the "V/v …" line of a công văn, under the number (size 12–13).
func subjectLine(text string) string {
	return pp(pPr{style: "HeaderBlock", before: 60, after: -1, size: 24}, "V/v "+text)
}

// draftMark marks a draft under the number.
func draftMark() string { return p("HeaderBlock", "**DỰ THẢO**") }

// title is the document type in capitals, the subject line under it and a short rule.
func title(kind string, subject ...string) string {
	var b strings.Builder
	b.WriteString(p("DocTitle", kind))
	for _, s := range subject {
		b.WriteString(p("DocSubject", s))
	}
	o := pr("Rule")
	o.border, o.indLeft, o.indRight = "bottom", 3500, 3500
	b.WriteString(pp(o, ""))
	return b.String()
}

// addressee is the "Kính gửi: …" line of a công văn or tờ trình.
func addressee(who string) string {
	return pp(pPr{style: "Centered", before: 240, after: 240}, "Kính gửi: "+who+".")
}

// closing is the last paragraph of the body: kept on the page of the signature block that
// follows, so that the block never starts a page alone.
func closing(text string) string {
	return pp(pPr{style: "Normal", keepNext: true, before: -1, after: -1}, text)
}

// signature is the block at the end: recipients on the left, the signer on the right. The
// signer's authority and title are a field of the data model (…_SIGNATURE: the signing
// variant, KT., TL., TM., …, one line each). Recipient lines are markup; a line may be a
// block marker of its own. Every paragraph of the block keeps with the next, the row never
// splits, and the paragraph before it (closing) keeps with it.
func signature(signer string, recipients ...string) string {
	const lw, rw = 4300, textWidth - 4300
	left := []string{p("RecipientsHead", "Nơi nhận:")}
	for _, r := range recipients {
		left = append(left, p("Recipients", r))
	}
	right := []string{
		p("Signature", "{{"+signer+"}}"),
		p("SignatureHint", "(Ký, ghi rõ họ tên và đóng dấu)"),
		p("Signature", ""), p("Signature", ""), p("Signature", ""),
		p("Signature", "[HỌ VÀ TÊN NGƯỜI KÝ]"),
	}
	spacer := pp(pPr{style: "Normal", keepNext: true, before: -1, after: 0}, "")
	return spacer + tbl([]int{lw, rw}, false, tr(false, tc(lw, 1, false, left...), tc(rw, 1, false, right...)))
}

// draftingNote tells the agency what capdo generated and what it must check. It is meant
// to be deleted before signing: the version to sign leaves it out.
func draftingNote(extra string) string {
	o := pr("Note")
	o.before, o.highlight = 360, true
	text := "*Ghi chú soạn thảo (xóa trước khi ký): văn bản do capdo lập tự động từ hồ sơ hệ thống và bộ quy tắc {{RULE_SET_ID}} (mã băm {{RULE_SET_DIGEST}}). Các đoạn trong ngoặc vuông là phần đơn vị phải điền hoặc rà soát; dấu «……» là số, ngày văn bản cần điền (số của chính văn bản này do văn thư điền khi phát hành). Các đoạn tô vàng là ghi chú soạn thảo, không có trong bản để ký (capdo dossier --final)."
	if extra != "" {
		text += " " + extra
	}
	return pp(o, text+"*")
}

// appraiserNote explains the addressee when the rule set could not name it (levels 4–5),
// or when the owner is itself the appraising ministry: it follows every mention of the
// addressee in the body.
func appraiserNote() string {
	return block("if", "HAS_APPRAISER_NOTE", note("Lưu ý về cơ quan thẩm định", "{{APPRAISER_NOTE}}"))
}

// decisiveNotes flags a decisive criterion that holds only by inference (the harm inferred
// from the secret grade), where the criteria are cited.
func decisiveNotes() string {
	return block("each", "decisive_notes", note("Lưu ý về căn cứ xác định cấp độ", "{{row.text}}"))
}

// operatorNote asks for the operating unit when the profile names none: it prepares the
// dossier (điểm a khoản 1 Điều 14), so its name stands in the heading and the text as a
// blank.
func operatorNote() string {
	return block("unless", "HAS_OPERATOR", note("Lưu ý về đơn vị vận hành",
		"hồ sơ hệ thống chưa khai báo đơn vị vận hành. Đơn vị được {{OWNER}} giao vận hành hệ thống lập hồ sơ đề xuất cấp độ (điểm a khoản 1 Điều 14 Nghị định số 85/2016/NĐ-CP): điền tên đơn vị vào các chỗ «[TÊN ĐƠN VỊ VẬN HÀNH]», hoặc khai báo đơn vị vận hành (operator) trong hồ sơ hệ thống và lập lại văn bản. Nếu {{OWNER}} trực tiếp vận hành hệ thống, ghi tên {{OWNER}} và bỏ dòng tên cơ quan cấp trên ở đầu văn bản."))
}

// ruleSetNote warns, where the recitals are, that the rule set is not in force on the
// document's date.
func ruleSetNote(extra string) string {
	return block("if", "RULE_SET_NOT_IN_FORCE", note("Lưu ý về bộ quy tắc",
		"bộ quy tắc {{RULE_SET_ID}} không có hiệu lực vào ngày lập văn bản (tình trạng: {{RULE_SET_STATUS}}; hiệu lực {{RULE_SET_EFFECTIVE}}). Cần rà soát các căn cứ dưới đây theo văn bản pháp luật hiện hành"+extra+"."))
}

// recitals are the "Căn cứ …" lines for the document's date (the rule set's own, or after
// Decree 85 lapsed the transitional ones), followed by the rule set's notes on the
// documents they cite (the number, date and title of a circular known only from secondary
// sources) and, after the lapse, a note saying on what ground the recitals stand: one note
// per note, in every document that has the recitals. italic is for a decision, whose
// recitals are in italics.
func recitals(italic bool) string { return recitalsFrom("legal_basis", italic) }

// recitalsFrom are the recitals of a list: legal_basis, or approval_basis and
// decision_basis, whose decree recital names the provisions on approval.
func recitalsFrom(list string, italic bool) string {
	line := "Căn cứ {{row.text}};"
	if italic {
		line = "*" + line + "*"
	}
	return block("each", list, p("Normal", line)) +
		block("each", "recital_notes", note("Lưu ý về căn cứ", "{{row.text}}")) +
		block("if", "RECITALS_TRANSITIONAL", note("Lưu ý về căn cứ",
			"hồ sơ được lập cho hệ thống đang đầu tư, xây dựng trước ngày 01 tháng 7 năm 2026 (tùy chọn --transitional): theo khoản 1 Điều 39 Nghị định số 331/2026/NĐ-CP, cấp độ của hệ thống được thẩm định, phê duyệt theo Nghị định số 85/2016/NĐ-CP trong thời hạn 06 tháng kể từ ngày 01 tháng 7 năm 2026, tức khoảng ngày 01 tháng 01 năm 2027 [cần đối chiếu cách tính thời hạn]; hệ thống phải đáp ứng yêu cầu của Nghị định số 331/2026/NĐ-CP trong 12 tháng. Việc áp dụng Thông tư 12/2022/TT-BTTTT cùng Nghị định số 85/2016/NĐ-CP trong thời gian chuyển tiếp là suy luận [suy luận, cần kiểm chứng].")) +
		block("if", "RECITALS_UNRESOLVED", note("Lưu ý về căn cứ",
			"văn bản ghi ngày {{DATE_WORDS}}, sau ngày Luật An toàn thông tin mạng hết hiệu lực (ngày 01 tháng 7 năm 2026, Điều 44 Luật An ninh mạng số 116/2025/QH15); theo nguồn thứ cấp, Nghị định số 85/2016/NĐ-CP và Thông tư 12/2022/TT-BTTTT hết hiệu lực cùng ngày [nguồn thứ cấp, cần kiểm chứng]. Hệ thống đang đầu tư, xây dựng trước ngày 01 tháng 7 năm 2026 được thẩm định, phê duyệt theo Nghị định số 85/2016/NĐ-CP theo khoản 1 Điều 39 Nghị định số 331/2026/NĐ-CP (ban hành ngày 19 tháng 8 năm 2026): khi đó lập lại hồ sơ với tùy chọn --transitional; nếu không, lập hồ sơ theo Nghị định số 331/2026/NĐ-CP (bộ quy tắc d331-2026). Các chỗ trống trong phần căn cứ phải được xử lý trước khi ký."))
}

// secretNote reminds that the dossier of a state-secret system is itself handled as secret.
func secretNote() string {
	return block("if", "SECRET", note("Lưu ý về văn bản mật",
		"hệ thống xử lý thông tin bí mật nhà nước (độ mật cao nhất: {{SECRET_GRADE}}). Văn bản được đóng dấu chỉ độ mật «{{SECRECY_MARK}}» dưới số, ký hiệu theo quy định về bảo vệ bí mật nhà nước (Thông tư 24/2020/TT-BCA quy định mẫu dấu, cần kiểm tra); việc soạn thảo, in, sao, lưu giữ và gửi hồ sơ thực hiện theo chế độ văn bản mật."))
}

// bullet is a dash item in the body.
func bullet(text string) string { return p("Bullet", "- "+text) }

// note is a drafting note: a remark to whoever completes the document (what to check, how
// sure a source is), never part of the signed text. Every one has the Note style, is
// highlighted and says "(xóa trước khi ký)" after its label, so that all are found and
// removed the same way (the version to sign leaves them out).
func note(label, text string) string {
	return pp(pPr{style: "Note", before: -1, after: -1, highlight: true}, "*"+label+" (xóa trước khi ký): "+text+"*")
}

// guide is text for the operator to replace, in square brackets and italics.
func guide(text string) string { return p("Normal", "*["+text+"]*") }

// block wraps content in a paragraph-level block.
func block(kind, name string, content ...string) string {
	return p("Normal", "{{#"+kind+"."+name+"}}") + strings.Join(content, "") + p("Normal", "{{/"+kind+"."+name+"}}")
}
