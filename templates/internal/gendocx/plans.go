package main

import (
	"fmt"
	"strings"
)

// phuongAnATTT is the protection plan: the seven parts of Decree 85 Art. 19.2 and the
// cumulative requirement table for the level, from the requirement catalogue.
func phuongAnATTT() string {
	var b strings.Builder
	b.WriteString(headerBlock(preparer, "……/PA-……"))
	b.WriteString(title("PHƯƠNG ÁN", "Bảo đảm an toàn thông tin theo cấp độ", "{{SYSTEM_NAME}} (cấp độ {{LEVEL}})"))

	b.WriteString(p("Heading1", "I. THÔNG TIN CHUNG"))
	b.WriteString(bullet("Hệ thống: {{SYSTEM_NAME}}; chủ quản: {{OWNER}}; đơn vị vận hành: {{OPERATOR}}."))
	b.WriteString(bullet("Cấp độ đề xuất: **cấp độ {{LEVEL}}** ({{DECISIVE_CITATIONS}})."))
	b.WriteString(bullet("Căn cứ: Điều 19 Nghị định số 85/2016/NĐ-CP; Thông tư số 12/2022/TT-BTTTT; yêu cầu an toàn cơ bản theo cấp độ tại TCVN 11930:2017."))
	b.WriteString(note("Lưu ý về căn cứ", "Thông tư 03/2017/TT-BTTTT đã được thay thế bằng Thông tư 12/2022/TT-BTTTT [nguồn thứ cấp, cần kiểm chứng]. Nhóm yêu cầu và cách áp dụng yêu cầu theo cấp độ lấy từ Điều 8, Điều 9 Thông tư 03/2017/TT-BTTTT; cần đối chiếu điều, khoản tương ứng của Thông tư 12/2022/TT-BTTTT và yêu cầu theo quy định hiện hành."))
	b.WriteString(block("if", "RULE_SET_ENDED", note("Lưu ý về căn cứ", "văn bản ghi ngày sau ngày 30 tháng 6 năm 2026: các căn cứ trên được áp dụng theo phần căn cứ của văn bản đề nghị thẩm định (quy định chuyển tiếp hoặc căn cứ cần xác định lại); yêu cầu theo Nghị định số 331/2026/NĐ-CP và TCVN 14423:2026 phải được đáp ứng theo thời hạn chuyển tiếp [nguồn thứ cấp, cần kiểm chứng].")))
	b.WriteString(block("if", "MANAGED_BY_MINISTRY",
		note("Lưu ý về hệ thống do bộ quản lý", "hệ thống do {{MANAGING_MINISTRY}} quản lý: yêu cầu an toàn và phương án áp dụng theo quy định của {{MANAGING_MINISTRY}} đối với hệ thống do bộ quản lý; các căn cứ và danh mục yêu cầu trong văn bản này chỉ để tham khảo [suy luận, cần kiểm chứng].")))
	b.WriteString(operatorNote())

	b.WriteString(p("Heading1", "II. PHƯƠNG ÁN BẢO ĐẢM AN TOÀN THÔNG TIN (khoản 2 Điều 19 Nghị định số 85/2016/NĐ-CP)"))
	b.WriteString(p("Heading2", "a) Bảo đảm an toàn thông tin trong thiết kế, xây dựng hệ thống"))
	b.WriteString(guide("Mô tả giải pháp an toàn trong thiết kế: phân vùng mạng, kiểm soát truy cập, xác thực, mã hóa, ghi nhật ký, sao lưu; việc kiểm tra, đánh giá trước khi nghiệm thu"))
	b.WriteString(block("if", "L13",
		p("Normal", "Hệ thống cấp độ {{LEVEL}} ưu tiên sử dụng hạ tầng, giải pháp bảo đảm an toàn thông tin dùng chung của cơ quan, tổ chức; trường hợp đầu tư giải pháp riêng phải thuyết minh lý do."),
		note("Lưu ý về căn cứ", "nguyên tắc này theo khoản 4 Điều 8 Thông tư 03/2017/TT-BTTTT, được cho là giữ tại Thông tư 12/2022/TT-BTTTT [suy luận, cần kiểm chứng]."),
		guide("Nêu các giải pháp dùng chung được sử dụng lại, hoặc lý do phải đầu tư riêng"),
	))
	b.WriteString(block("if", "L45",
		p("Normal", "Hệ thống cấp độ {{LEVEL}} được thiết kế bảo đảm tính sẵn sàng cao và khả năng khoanh vùng, hạn chế sự cố lan rộng."),
		note("Lưu ý về căn cứ", "yêu cầu này theo khoản 4 Điều 8 Thông tư 03/2017/TT-BTTTT, được cho là giữ tại Thông tư 12/2022/TT-BTTTT [suy luận, cần kiểm chứng]."),
		guide("Mô tả phương án dự phòng các thành phần quan trọng (máy chủ, đường truyền, thiết bị mạng, trung tâm dữ liệu dự phòng) và phương án phân vùng, cô lập khi có sự cố"),
	))
	b.WriteString(p("Heading2", "b) Bảo đảm an toàn thông tin trong quá trình vận hành hệ thống"))
	b.WriteString(guide("Quy trình vận hành, quản lý tài khoản và quyền, cập nhật bản vá, sao lưu, quản lý thay đổi"))
	b.WriteString(p("Heading2", "c) Kiểm tra, đánh giá an toàn thông tin"))
	b.WriteString(p("Normal", "Chu kỳ kiểm tra, đánh giá an toàn thông tin và đánh giá rủi ro: {{INSPECTION_CYCLE}} ({{INSPECTION_CITATION}})."))
	b.WriteString(block("unless", "L12", p("Normal", "Đối với hệ thống cấp độ 3 trở lên, việc kiểm tra, đánh giá do tổ chức chuyên môn được cấp phép hoặc được chỉ định thực hiện (Điều 20 Nghị định số 85/2016/NĐ-CP).")))
	b.WriteString(p("Heading2", "d) Quản lý rủi ro an toàn thông tin"))
	b.WriteString(guide("Phương pháp nhận diện, đánh giá và xử lý rủi ro; danh sách rủi ro chính và biện pháp xử lý"))
	b.WriteString(p("Heading2", "đ) Giám sát an toàn thông tin"))
	b.WriteString(guide("Đối tượng giám sát, công cụ, phương thức và đơn vị thực hiện giám sát; kết nối, chia sẻ thông tin giám sát"))
	b.WriteString(p("Heading2", "e) Dự phòng, ứng cứu sự cố, khôi phục sau thảm họa"))
	b.WriteString(p("Normal", "Kế hoạch ứng phó sự cố bảo đảm an toàn thông tin mạng của hệ thống được lập thành văn bản riêng kèm theo hồ sơ."))
	b.WriteString(guide("Phương án sao lưu, dự phòng và khôi phục sau thảm họa: mục tiêu thời gian khôi phục, địa điểm dự phòng, diễn tập"))
	b.WriteString(p("Heading2", "g) Kết thúc vận hành, khai thác, thanh lý, hủy bỏ"))
	b.WriteString(guide("Quy trình chuyển đổi, lưu trữ hoặc tiêu hủy dữ liệu, thu hồi tài khoản và xóa dữ liệu an toàn trên thiết bị khi kết thúc vận hành, thanh lý"))

	b.WriteString(p("Heading1", "III. YÊU CẦU AN TOÀN THÔNG TIN THEO CẤP ĐỘ {{LEVEL}}"))
	b.WriteString(block("if", "L1", p("Normal", "Hệ thống cấp độ 1 đáp ứng các yêu cầu của cấp độ 1 ({{REQUIREMENT_COUNT}} yêu cầu). Đơn vị vận hành ghi hiện trạng, biện pháp dự kiến, thời hạn hoàn thành và tình trạng (Đáp ứng, Chưa đáp ứng, Không áp dụng) cho từng yêu cầu.")))
	b.WriteString(block("unless", "L1", p("Normal", "Yêu cầu được áp dụng cộng dồn: hệ thống cấp độ {{LEVEL}} đáp ứng các yêu cầu của cấp độ 1 đến cấp độ {{LEVEL}}, trừ yêu cầu đã được thay bằng yêu cầu chặt hơn ở cấp độ cao hơn như chu kỳ kiểm tra, đánh giá ({{REQUIREMENT_COUNT}} yêu cầu). Đơn vị vận hành ghi hiện trạng, biện pháp dự kiến, thời hạn hoàn thành và tình trạng (Đáp ứng, Chưa đáp ứng, Không áp dụng) cho từng yêu cầu.")))
	b.WriteString(p("Normal", "Mỗi yêu cầu ghi mục tương ứng của TCVN 11930:2017 và cấp độ bắt đầu áp dụng. Bảng kiểm cùng các yêu cầu này được lập kèm theo dưới dạng bảng tính (checklist.xlsx)."))
	b.WriteString(note("Lưu ý về danh mục yêu cầu", "{{REQUIREMENTS_SOURCE}}"))
	b.WriteString(requirementTable())

	b.WriteString(p("Heading1", "IV. TỔ CHỨC THỰC HIỆN"))
	b.WriteString(p("Normal", "{{OPERATOR}} chủ trì triển khai phương án; đơn vị chuyên trách về an toàn thông tin của {{OWNER}} theo dõi, kiểm tra việc thực hiện."))
	b.WriteString(guide("Phân công nhiệm vụ, tiến độ và kinh phí thực hiện"))
	b.WriteString(secretNote())
	b.WriteString(closing("Trên đây là phương án bảo đảm an toàn thông tin theo cấp độ {{LEVEL}} của {{SYSTEM_NAME}}./."))
	b.WriteString(signature("ISSUER_SIGNATURE",
		"- {{ADDRESSEE}} (kèm văn bản đề nghị thẩm định);",
		"- Lưu: VT, …….",
	))
	b.WriteString(draftingNote(""))
	b.WriteString(appraiserNote())
	return b.String()
}

// requirementGroups are the groups of the requirement catalogue (dossier/catalogue), with
// the titles it gives them; dossier's TestRequirementGroupTitles checks that the two agree.
var requirementGroups = []struct{ id, title string }{
	{"policy", "Chính sách an toàn thông tin chung"},
	{"org", "Tổ chức, nhân sự bảo đảm an toàn thông tin"},
	{"design", "Quản lý thiết kế, xây dựng hệ thống"},
	{"ops", "Quản lý vận hành, khai thác hệ thống"},
	{"risk", "Kiểm tra, đánh giá và quản lý rủi ro"},
	{"network", "Bảo đảm an toàn mạng"},
	{"server", "Bảo đảm an toàn máy chủ"},
	{"app", "Bảo đảm an toàn ứng dụng"},
	{"data", "Bảo đảm an toàn dữ liệu"},
}

// requirementTable has a heading row, a row per management and technical heading, a row
// per group and one repeated row per requirement of the group: the requirement with its
// clause of the standard and the level it starts at, then the columns to fill in (current
// state, planned measure, deadline, status).
func requirementTable() string {
	w := []int{700, 3900, 1400, 1400, 950, textWidth - 8350}
	rows := []string{tr(true, cells("TableHead", w, "STT", "Yêu cầu", "Hiện trạng", "Biện pháp dự kiến", "Thời hạn", "Tình trạng")...)}
	span := func(text string, shaded bool) string {
		return tr(false, tc(textWidth, 6, shaded, p("TableGroup", text)))
	}
	for i, g := range requirementGroups {
		switch i {
		case 0:
			rows = append(rows, span("A. YÊU CẦU QUẢN LÝ", true))
		case 5:
			rows = append(rows, span("B. YÊU CẦU KỸ THUẬT", true))
		}
		rows = append(rows, span(fmt.Sprintf("%d. %s", i+1, g.title), false))
		rows = append(rows, tr(false,
			tc(w[0], 1, false, p("TableCenter", "{{#each.req_"+g.id+"}}{{row.stt}}")),
			tc(w[1], 1, false, p("TableText", "{{row.text}} *({{row.ref}}; từ cấp độ {{row.level}})*")),
			tc(w[2], 1, false, p("TableText", "")),
			tc(w[3], 1, false, p("TableText", "")),
			tc(w[4], 1, false, p("TableText", "")),
			tc(w[5], 1, false, p("TableText", "{{/each.req_"+g.id+"}}")),
		))
	}
	return tbl(w, true, rows...)
}

// keHoachUngPho is the incident-response plan, which QĐ 05/2017 Art. 16 and TT 20/2017
// Art. 12 call a kế hoạch (the file keeps the name of docs/contract.md §3,
// phuong-an-ung-pho-su-co.docx), in the outline its level calls for (docs/reference/law.md §13.6):
//
//   - levels 4–5: QĐ 05/2017 Phụ lục II, as docs/reference/law.md infers it (the annex was not
//     available): threat assessment; response per scenario; standby, coordination and
//     response organisation; training, drills, prevention and monitoring; budget;
//   - levels 1–3: TT 20/2017 Phụ lục III, known to docs/reference/law.md only through the contents Art.
//     12 requires: threats and likely scenarios, a response per scenario, the conditions
//     and priorities for keeping the system running, training and drills.
//
// Each says how sure its outline is. Both name who approves the plan, list scenarios
// chosen for the system's type (the scenarios collection) and carry the report forms as
// annexes. Systems the Ministry of Defence or of Public Security manages are outside both
// texts (docs/reference/law.md §13.1): their plan follows the ministry's rules, and the outline here is a
// guide that cites neither text.
func keHoachUngPho() string {
	var b strings.Builder
	b.WriteString(headerBlock(preparer, "……/KH-……"))
	b.WriteString(title("KẾ HOẠCH", "Ứng phó sự cố bảo đảm an toàn thông tin mạng", "{{SYSTEM_NAME}}"))
	b.WriteString(block("unless", "MANAGED_BY_MINISTRY",
		block("if", "L45", note("Lưu ý về bố cục", "bố cục theo đề cương tại Phụ lục II Quyết định 05/2017/QĐ-TTg, áp dụng cho hệ thống cấp độ 4, cấp độ 5 (Điều 16 Quyết định 05/2017/QĐ-TTg): đánh giá nguy cơ, sự cố; phương án ứng phó theo kịch bản; tổ chức trực, phối hợp, ứng phó; huấn luyện, diễn tập, phòng ngừa, giám sát; kinh phí. Đề cương này chưa được đối chiếu với phụ lục gốc [suy luận, cần kiểm chứng].")),
		block("unless", "L45", note("Lưu ý về bố cục", "kế hoạch theo Phụ lục III Thông tư 20/2017/TT-BTTTT, gồm các nội dung Điều 12 Thông tư 20/2017/TT-BTTTT yêu cầu: nguy cơ, tình huống sự cố có thể xảy ra; phương án ứng phó cho từng kịch bản; điều kiện, nguyên tắc ưu tiên duy trì hoạt động của hệ thống; huấn luyện, diễn tập. Tên và thứ tự các mục chưa được đối chiếu với phụ lục gốc [suy luận, cần kiểm chứng].")),
		block("if", "RULE_SET_ENDED", note("Lưu ý về căn cứ", "Quyết định 05/2017/QĐ-TTg và Thông tư 20/2017/TT-BTTTT hướng dẫn Luật An toàn thông tin mạng, luật này hết hiệu lực từ ngày 01 tháng 7 năm 2026; cần kiểm tra hiệu lực của hai văn bản này và quy định về ứng phó sự cố theo Luật An ninh mạng trước khi ký [cần đối chiếu].")),
	))
	b.WriteString(block("if", "MANAGED_BY_MINISTRY", note("Lưu ý về phạm vi áp dụng", "hệ thống do {{MANAGING_MINISTRY}} quản lý không thuộc phạm vi điều chỉnh của Quyết định 05/2017/QĐ-TTg và Thông tư 20/2017/TT-BTTTT. Kế hoạch ứng phó sự cố được lập, phê duyệt và báo cáo theo quy định của {{MANAGING_MINISTRY}}; bố cục dưới đây (kịch bản, tổ chức ứng phó, thông tin liên lạc, mẫu báo cáo) chỉ để tham khảo.")))
	b.WriteString(operatorNote())

	b.WriteString(p("Normal", "Kế hoạch áp dụng cho {{SYSTEM_NAME}} (cấp độ {{LEVEL}}), chủ quản: {{OWNER}}, đơn vị vận hành: {{OPERATOR}}; nhằm chủ động phòng ngừa, phát hiện, ứng phó kịp thời và khôi phục hoạt động khi xảy ra sự cố an toàn thông tin mạng. {{OPERATOR}} chủ trì tổ chức thực hiện, định kỳ rà soát, cập nhật kế hoạch và báo cáo {{OWNER}}."))
	b.WriteString(block("unless", "MANAGED_BY_MINISTRY", p("Normal", "Kế hoạch do {{PLAN_APPROVER}} phê duyệt (Điều 16 Quyết định 05/2017/QĐ-TTg, Điều 12 Thông tư 20/2017/TT-BTTTT).")))
	b.WriteString(block("if", "MANAGED_BY_MINISTRY", p("Normal", "Kế hoạch được phê duyệt theo quy định của {{MANAGING_MINISTRY}}.")))

	b.WriteString(block("if", "L45",
		p("Heading1", "I. ĐÁNH GIÁ NGUY CƠ, SỰ CỐ"),
		guide("Hiện trạng hệ thống và các biện pháp bảo vệ đang có; các điểm yếu, rủi ro chính; các tình huống sự cố có khả năng xảy ra và mức độ ảnh hưởng"),
		p("Heading1", "II. PHƯƠNG ÁN ỨNG PHÓ ĐỐI VỚI CÁC KỊCH BẢN SỰ CỐ"),
		p("Heading2", "1. Kịch bản sự cố và phương án ứng phó"),
		scenarios(),
		p("Heading2", "2. Điều kiện, nguyên tắc ưu tiên duy trì hoạt động của hệ thống"),
		priorities(),
		block("unless", "MANAGED_BY_MINISTRY",
			p("Heading2", "3. Sự cố nghiêm trọng và ứng cứu khẩn cấp"),
			// QĐ 05 Art. 9 (docs/reference/law.md §13.2): both conditions must hold.
			p("Normal", "Sự cố là **sự cố nghiêm trọng**, được ứng cứu khẩn cấp theo Quyết định 05/2017/QĐ-TTg, khi có đủ hai điều kiện (Điều 9 Quyết định 05/2017/QĐ-TTg):"),
			p("Bullet", "a) hệ thống bị sự cố thuộc cấp độ 4, cấp độ 5 hoặc thuộc Danh mục hệ thống thông tin quan trọng quốc gia, và sự cố gây ra một trong các hậu quả: ngừng hoặc gián đoạn dịch vụ; dữ liệu tuyệt mật, dữ liệu bí mật nhà nước có khả năng bị tiết lộ; dữ liệu quan trọng bị mất tính toàn vẹn và không khôi phục được; hệ thống bị mất quyền kiểm soát; sự cố có khả năng xảy ra trên diện rộng hoặc gây ảnh hưởng dây chuyền tới các hệ thống thông tin cấp độ 4, cấp độ 5 khác;"),
			p("Bullet", "b) chủ quản hệ thống thông tin không tự kiểm soát, xử lý được."),
		),
		p("Heading1", "III. TỔ CHỨC TRỰC, PHỐI HỢP VÀ ỨNG PHÓ SỰ CỐ"),
		p("Heading2", "1. Lực lượng, chế độ trực và phối hợp"),
		guide("Thành phần đội ứng cứu sự cố của đơn vị; phân công nhiệm vụ; chế độ trực 24/7 hoặc theo ca; phối hợp với đơn vị chuyên trách ứng cứu sự cố, đơn vị cung cấp dịch vụ và mạng lưới ứng cứu sự cố"),
		contactTable(),
		p("Heading2", "2. Báo cáo sự cố"),
		reporting(),
		p("Heading1", "IV. HUẤN LUYỆN, DIỄN TẬP, PHÒNG NGỪA VÀ GIÁM SÁT"),
		guide("Kế hoạch huấn luyện, diễn tập theo các kịch bản tại mục II; các biện pháp phòng ngừa; giám sát để phát hiện sớm sự cố"),
		p("Heading1", "V. KINH PHÍ"),
		guide("Nguồn kinh phí, trang thiết bị, công cụ và dịch vụ hỗ trợ ứng cứu sự cố; dự toán cho trực, huấn luyện, diễn tập"),
	))
	b.WriteString(block("unless", "L45",
		p("Heading1", "I. NGUY CƠ, TÌNH HUỐNG SỰ CỐ CÓ THỂ XẢY RA"),
		guide("Các nguy cơ, mối đe dọa đối với hệ thống; các điểm yếu chính; các tình huống sự cố có khả năng xảy ra và mức độ ảnh hưởng"),
		p("Heading1", "II. KỊCH BẢN SỰ CỐ VÀ PHƯƠNG ÁN ỨNG PHÓ"),
		scenarios(),
		p("Heading1", "III. ĐIỀU KIỆN, NGUYÊN TẮC ƯU TIÊN DUY TRÌ HOẠT ĐỘNG CỦA HỆ THỐNG"),
		block("unless", "MANAGED_BY_MINISTRY", p("Normal", "Theo Điều 12 Thông tư 20/2017/TT-BTTTT, kế hoạch phải nêu điều kiện, nguyên tắc ưu tiên duy trì hoạt động của hệ thống trong quá trình ứng phó sự cố:")),
		priorities(),
		p("Heading1", "IV. HUẤN LUYỆN, DIỄN TẬP"),
		guide("Đối tượng, nội dung, hình thức và tần suất huấn luyện, diễn tập theo các kịch bản tại mục II"),
		p("Heading1", "V. TỔ CHỨC ỨNG PHÓ, THÔNG TIN LIÊN LẠC VÀ BÁO CÁO SỰ CỐ"),
		guide("Thành phần đội ứng cứu sự cố của đơn vị hoặc người được giao; phân công nhiệm vụ; phối hợp với đơn vị chuyên trách về an toàn thông tin và đơn vị cung cấp dịch vụ"),
		contactTable(),
		reporting(),
	))
	b.WriteString(secretNote())
	b.WriteString(closing("Trên đây là kế hoạch ứng phó sự cố bảo đảm an toàn thông tin mạng của {{SYSTEM_NAME}}./."))
	b.WriteString(signature("ISSUER_SIGNATURE",
		// The owner, unless it issues the plan itself.
		"{{#if.HAS_ISSUER_PARENT}}",
		"- {{OWNER}};",
		"{{/if.HAS_ISSUER_PARENT}}",
		"- Đơn vị chuyên trách ứng cứu sự cố;",
		"- Lưu: VT, …….",
	))
	b.WriteString(draftingNote(""))
	b.WriteString(reportForm("Phụ lục 1", "MẪU BÁO CÁO BAN ĐẦU SỰ CỐ AN TOÀN THÔNG TIN MẠNG",
		"theo Biểu mẫu 03 Phụ lục I Thông tư 20/2017/TT-BTTTT. Các mục dưới đây theo nội dung bắt buộc của báo cáo ban đầu; cần đối chiếu với biểu mẫu gốc [suy luận, cần kiểm chứng].",
		"Tên đơn vị vận hành hệ thống", "Chủ quản hệ thống thông tin", "Hệ thống bị sự cố", "Thời điểm phát hiện sự cố",
		"Người liên hệ (họ tên, điện thoại, thư điện tử)", "Loại sự cố, dấu hiệu; thiệt hại, phạm vi và mức độ ảnh hưởng ban đầu",
		"Đơn vị cung cấp hạ tầng, dịch vụ kết nối", "Biện pháp đã thực hiện hoặc dự kiến", "Tổ chức, cá nhân đang hỗ trợ",
		"Kết quả xử lý ban đầu", "Đề xuất, kiến nghị"))
	b.WriteString(reportForm("Phụ lục 2", "MẪU BÁO CÁO KẾT THÚC ỨNG PHÓ SỰ CỐ",
		"theo Biểu mẫu 04 Phụ lục I Thông tư 20/2017/TT-BTTTT. Các mục dưới đây do capdo gợi ý; cần đối chiếu với biểu mẫu gốc [suy luận, cần kiểm chứng].",
		"Tên đơn vị vận hành hệ thống", "Hệ thống bị sự cố", "Thời điểm phát hiện và thời điểm kết thúc ứng phó",
		"Nguyên nhân sự cố", "Diễn biến và các biện pháp đã thực hiện", "Thiệt hại và mức độ ảnh hưởng",
		"Kết quả khắc phục, khôi phục", "Bài học kinh nghiệm, kiến nghị"))
	return b.String()
}

// scenarios is the scenario table, one row per scenario the dossier chose for the system's
// type, a row to add the system's own, and the general response process.
func scenarios() string {
	w := []int{700, 2250, 2150, textWidth - 6200, 1100}
	table := tbl(w, true,
		tr(true, cells("TableHead", w, "STT", "Kịch bản sự cố", "Dấu hiệu nhận biết", "Phương án ứng phó", "Chủ trì")...),
		numberedRow(w, "{{#each.scenarios}}{{row.stt}}", "{{row.name}}", "{{row.signs}}", "{{row.response}}", "……{{/each.scenarios}}"),
		tr(false, cells("TableText", w, "", "*[Bổ sung kịch bản đặc thù của hệ thống]*", "", "", "")...),
	)
	const process = "Trình tự ứng phó chung: tiếp nhận và xác minh sự cố; triển khai các bước ưu tiên ban đầu; lựa chọn phương án ứng phó; điều phối khi cần; xử lý, khôi phục, báo cáo và kết thúc ứng phó"
	return table +
		block("unless", "MANAGED_BY_MINISTRY", p("Normal", process+" (Điều 11 Thông tư 20/2017/TT-BTTTT).")) +
		block("if", "MANAGED_BY_MINISTRY", p("Normal", process+"."))
}

// priorities are the conditions and priorities for keeping the system running during the
// response, which TT 20 Art. 12 requires of every plan.
func priorities() string {
	var b strings.Builder
	for _, g := range []string{
		"các chức năng, dịch vụ phải ưu tiên duy trì khi ứng phó sự cố;",
		"điều kiện được phép tạm dừng một phần hoặc toàn bộ hệ thống, và người có thẩm quyền quyết định;",
		"thứ tự khôi phục các thành phần, dịch vụ;",
		"thời gian gián đoạn tối đa chấp nhận được và lượng dữ liệu mất tối đa chấp nhận được.",
	} {
		b.WriteString(p("Bullet", "- *["+g+"]*"))
	}
	b.WriteString(block("if", "ALWAYS_ON", p("Normal", "Hệ thống yêu cầu vận hành 24/7, không chấp nhận ngừng vận hành mà không có kế hoạch trước; kế hoạch phải bảo đảm chuyển sang hệ thống dự phòng mà không gián đoạn dịch vụ.")))
	return b.String()
}

// reporting is how incidents are reported (QĐ 05 Art. 11, khoản 2 Điều 9 TT 20): a notice
// of the incident within five days of its detection; the initial report at once when the
// incident exceeds the unit's capacity to handle it; the closing report within five days
// of the end of the response. Channels: for a system holding state secrets only the means
// the state-secrets rules allow, never fax or e-mail. For a system a ministry manages, a
// pointer to the ministry's rules.
func reporting() string {
	return block("unless", "MANAGED_BY_MINISTRY",
		bullet("Trong thời hạn **05 ngày** kể từ khi phát hiện sự cố, đơn vị vận hành gửi thông báo sự cố tới chủ quản hệ thống thông tin, đơn vị chuyên trách ứng cứu sự cố cùng cấp và cơ quan điều phối quốc gia về ứng cứu sự cố (Điều 11 Quyết định 05/2017/QĐ-TTg, khoản 2 Điều 9 Thông tư 20/2017/TT-BTTTT)."),
		bullet("Sự cố vượt quá khả năng xử lý của đơn vị: gửi **ngay** báo cáo ban đầu (Phụ lục 1) theo quy trình ứng cứu khẩn cấp."),
		bullet("Trong thời hạn **05 ngày** kể từ khi kết thúc ứng phó, gửi báo cáo kết thúc ứng phó sự cố (Phụ lục 2)."),
		block("unless", "SECRET", bullet("Thông báo, báo cáo gửi bằng văn bản, fax, thư điện tử hoặc qua hệ thống báo cáo; được ký, đóng dấu hoặc ký số.")),
		block("if", "SECRET", bullet("Hệ thống xử lý thông tin bí mật nhà nước: thông báo, báo cáo sự cố được lập, đóng dấu độ mật và chuyển giao theo quy định về bảo vệ bí mật nhà nước (trực tiếp hoặc qua phương tiện được phép truyền đưa thông tin bí mật nhà nước); không gửi bằng fax, thư điện tử hay hệ thống báo cáo trên mạng.")),
		note("Lưu ý về thời hạn báo cáo", "thời hạn 05 ngày áp dụng cho thông báo sự cố; báo cáo ban đầu theo Biểu mẫu 03 gửi ngay khi sự cố vượt quá khả năng xử lý. Tên và biểu mẫu của thông báo sự cố cần đối chiếu với Phụ lục I Thông tư 20/2017/TT-BTTTT [cần đối chiếu]."),
	) + block("if", "MANAGED_BY_MINISTRY",
		bullet("Thời hạn, nơi nhận, hình thức và mẫu báo cáo sự cố theo quy định của {{MANAGING_MINISTRY}}."),
		guide("Nêu thời hạn báo cáo ban đầu và báo cáo kết thúc ứng phó, đơn vị nhận báo cáo và quy trình ứng cứu khẩn cấp theo quy định của bộ"),
	)
}

// contactTable is the contact list to fill in.
func contactTable() string {
	w := []int{700, 2300, 1800, 1855, 1300, textWidth - 7955}
	rows := []string{tr(true, cells("TableHead", w, "STT", "Vai trò", "Họ và tên", "Đơn vị, chức vụ", "Điện thoại", "Thư điện tử")...)}
	roles := []string{
		"Lãnh đạo chỉ đạo ứng phó sự cố",
		"Đầu mối ứng cứu sự cố của đơn vị",
		"Quản trị hệ thống",
		"Đơn vị chuyên trách về an toàn thông tin của chủ quản",
		"Đơn vị cung cấp dịch vụ (hạ tầng, đường truyền)",
	}
	for i, role := range roles {
		rows = append(rows, numberedRow(w, fmt.Sprint(i+1), role, "", "", "", ""))
	}
	// The national coordinator, or for a system a ministry manages, the ministry's own
	// incident-response unit: one row or the other.
	n := fmt.Sprint(len(roles) + 1)
	rows = append(rows,
		numberedRow(w, "{{#unless.MANAGED_BY_MINISTRY}}"+n, "Cơ quan điều phối quốc gia về ứng cứu sự cố", "", "", "", "{{/unless.MANAGED_BY_MINISTRY}}"),
		numberedRow(w, "{{#if.MANAGED_BY_MINISTRY}}"+n, "Đơn vị chuyên trách ứng cứu sự cố của {{MANAGING_MINISTRY}}", "", "", "", "{{/if.MANAGED_BY_MINISTRY}}"))
	return tbl(w, true, rows...)
}

// reportForm is an annex on a new page: a two-column form with the items of a report.
// source says which TT 20/2017 form it follows; for a system a ministry manages, the
// ministry's forms apply instead.
func reportForm(annex, heading, source string, items ...string) string {
	var b strings.Builder
	b.WriteString(pp(pPr{style: "DocTitle", pageBreak: true, before: 0, after: -1}, annex))
	b.WriteString(p("DocSubject", heading))
	b.WriteString(pp(pPr{style: "Centered", before: -1, after: -1}, "*(Kèm theo Kế hoạch ứng phó sự cố của {{SYSTEM_NAME}})*"))
	b.WriteString(block("unless", "MANAGED_BY_MINISTRY", note("Lưu ý về biểu mẫu", source)))
	b.WriteString(block("if", "MANAGED_BY_MINISTRY", note("Lưu ý về biểu mẫu", "mẫu gợi ý do capdo soạn; dùng biểu mẫu báo cáo theo quy định của {{MANAGING_MINISTRY}}.")))
	w := []int{700, 3800, textWidth - 4500}
	rows := []string{tr(true, cells("TableHead", w, "STT", "Nội dung", "Thông tin")...)}
	for i, it := range items {
		rows = append(rows, numberedRow(w, fmt.Sprint(i+1), it, ""))
	}
	b.WriteString(tbl(w, true, rows...))
	b.WriteString(pp(pPr{style: "Normal", before: 240, after: -1}, "*[Người báo cáo ký, ghi rõ họ tên, đóng dấu hoặc ký số]*"))
	return b.String()
}
