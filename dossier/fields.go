package dossier

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"capdo/levels"
)

// The data model a template sees. Every name here may be used in any template; a name
// not listed is rejected when the template loads. The descriptions are the reference for
// authors of agency templates (see doc.go).

// fieldDocs lists the fields, {{NAME}}.
var fieldDocs = map[string]string{
	"SYSTEM_NAME":                 "tên hệ thống",
	"SYSTEM_ID":                   "mã hệ thống trong danh mục (có thể rỗng, xem HAS_SYSTEM_ID)",
	"SYSTEM_DESCRIPTION":          "mô tả mục đích, phạm vi (rỗng nếu hồ sơ không khai báo, xem HAS_DESCRIPTION)",
	"OWNER":                       "chủ quản hệ thống thông tin",
	"OWNER_UPPER":                 "chủ quản, chữ in hoa",
	"OPERATOR":                    "đơn vị vận hành, hoặc chỗ trống «[TÊN ĐƠN VỊ VẬN HÀNH]» nếu chưa khai báo (xem HAS_OPERATOR)",
	"ISSUER":                      "cơ quan ban hành văn bản của hồ sơ: đơn vị vận hành (khoản 1 Điều 14), như OPERATOR; chủ quản nếu đơn vị vận hành chính là chủ quản",
	"ISSUER_UPPER":                "cơ quan ban hành văn bản của hồ sơ, chữ in hoa, viết đầy đủ (không viết tắt «UBND»: Nghị định 30/2020/NĐ-CP chỉ cho viết tắt tên cơ quan cấp trên)",
	"ISSUER_PARENT_UPPER":         "cơ quan cấp trên của cơ quan ban hành (chủ quản), chữ in hoa; rỗng khi chủ quản tự ban hành",
	"SUBMITTER":                   "cơ quan gửi văn bản đề nghị thẩm định: như ISSUER ở cấp độ 1–3; chủ quản ở cấp độ 4–5 (điểm d khoản 1 Điều 14: hồ sơ gửi qua chủ quản), trừ khi chủ quản là cơ quan thẩm định (SELF_APPRAISAL)",
	"SUBMITTER_UPPER":             "cơ quan gửi văn bản đề nghị thẩm định, chữ in hoa, viết đầy đủ",
	"SUBMITTER_PARENT_UPPER":      "cơ quan cấp trên của cơ quan gửi văn bản đề nghị thẩm định, chữ in hoa (xem HAS_SUBMITTER_PARENT)",
	"REQUEST_ACTION":              "việc văn bản đề nghị thẩm định đề nghị: «thẩm định, phê duyệt» ở cấp độ 1–2 (khoản 1 Điều 12: cùng một đơn vị thẩm định và phê duyệt), «thẩm định» ở cấp độ 3–5",
	"PROPOSER":                    "cơ quan đề nghị ban hành quyết định («Theo đề nghị của …») và trình chủ quản phê duyệt: đơn vị vận hành (điểm b, c khoản 3 Điều 14), không bao giờ là chính cơ quan ban hành quyết định; «[TÊN ĐƠN VỊ THAM MƯU]» khi chủ quản tự vận hành hệ thống",
	"PROPOSER_UPPER":              "cơ quan trình phê duyệt (PROPOSER), chữ in hoa, viết đầy đủ",
	"PROPOSER_PARENT_UPPER":       "cơ quan cấp trên của cơ quan trình phê duyệt (chủ quản), chữ in hoa (xem HAS_PROPOSER_PARENT)",
	"INFOSEC":                     "đơn vị chuyên trách về an toàn thông tin của chủ quản, chỗ trống cần điền tên «[TÊN ĐƠN VỊ CHUYÊN TRÁCH VỀ AN TOÀN THÔNG TIN CỦA …]» (hồ sơ hệ thống không ghi tên đơn vị này)",
	"INFOSEC_MID":                 "đơn vị chuyên trách về an toàn thông tin của chủ quản, viết giữa câu như một mô tả",
	"INFOSEC_UPPER":               "INFOSEC ở phần tiêu đề, chữ in hoa",
	"APPRAISER_BODY_UPPER":        "cơ quan thẩm định ở phần tiêu đề của văn bản kết quả thẩm định, chữ in hoa, viết đầy đủ",
	"APPRAISER_PARENT_UPPER":      "cơ quan cấp trên của cơ quan thẩm định, chữ in hoa (xem HAS_APPRAISER_PARENT)",
	"SUBMISSION_CITATION":         "căn cứ việc gửi hồ sơ đề nghị thẩm định theo cấp độ: điểm b (cấp độ 1–2), điểm c (cấp độ 3), điểm d (cấp độ 4–5) khoản 1 Điều 14",
	"APPROVAL_CITATION":           "căn cứ việc phê duyệt theo cấp độ: điểm a (cấp độ 1–2), điểm b (cấp độ 3–4), điểm c (cấp độ 5) khoản 3 Điều 14; theo Nghị định 331: thẩm quyền phê duyệt tại Điều 18 và điểm a, b, c khoản 3 Điều 20",
	"OPINION_PART_CITATION":       "căn cứ ý kiến chuyên môn là thành phần hồ sơ (khoản 5 Điều 15)",
	"ISSUER_SIGNATURE":            "thẩm quyền, chức vụ người ký văn bản của đơn vị vận hành, mỗi dòng một dòng (theo tùy chọn --sign: KT., TL., TUQ., TM., Q.)",
	"SUBMITTER_SIGNATURE":         "thẩm quyền, chức vụ người ký văn bản đề nghị thẩm định (--sign, hoặc --owner-sign khi chủ quản gửi)",
	"PROPOSER_SIGNATURE":          "thẩm quyền, chức vụ người ký tờ trình đề nghị phê duyệt",
	"APPROVER_SIGNATURE":          "thẩm quyền, chức vụ người ký quyết định phê duyệt (--owner-sign khi chủ quản phê duyệt)",
	"INFOSEC_SIGNATURE":           "thẩm quyền, chức vụ người ký văn bản của đơn vị chuyên trách về an toàn thông tin (chỗ trống cần điền)",
	"APPRAISER_SIGNATURE":         "thẩm quyền, chức vụ người ký văn bản kết quả thẩm định (chỗ trống cần điền)",
	"DECISION_AUTHORITY":          "thẩm quyền ban hành quyết định phê duyệt, dòng dưới tên loại văn bản (ví dụ «CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …», «ỦY BAN NHÂN DÂN TỈNH …» khi ký thay mặt tập thể)",
	"PLAN_APPROVER":               "người phê duyệt phương án ứng phó sự cố (Điều 16 Quyết định 05/2017/QĐ-TTg, Điều 12 Thông tư 20/2017/TT-BTTTT), theo loại chủ quản: bộ, tỉnh, doanh nghiệp",
	"APPROVER_BODY_UPPER":         "cơ quan ban hành quyết định phê duyệt (Điều 12), chữ in hoa, viết đầy đủ",
	"APPROVER_PARENT_UPPER":       "cơ quan cấp trên của cơ quan phê duyệt, chữ in hoa",
	"PLACE":                       "địa danh: theo --place, theo đơn vị hành chính ở cuối tên chủ quản hoặc đơn vị vận hành, «Hà Nội» với cơ quan trung ương, hoặc «[ĐỊA DANH]»",
	"DATE_LINE":                   "địa danh và ngày tháng năm, ví dụ «Kiên Giang, ngày 05 tháng 3 năm 2026»",
	"DATE_WORDS":                  "ngày tháng năm, ví dụ «ngày 05 tháng 3 năm 2026»",
	"YEAR":                        "năm của văn bản",
	"LEVEL":                       "cấp độ đề xuất (1–5)",
	"SYSTEM_TYPE":                 "loại hệ thống theo khoản 2 Điều 6",
	"SYSTEM_TYPE_CITATION":        "điểm, khoản của loại hệ thống",
	"INFO_TYPES":                  "các loại thông tin hệ thống xử lý, cách nhau bởi dấu chấm phẩy, từ loại thứ hai viết thường",
	"SECRET_GRADE":                "độ mật cao nhất của bí mật nhà nước mà hệ thống xử lý",
	"SECRECY_MARK":                "dấu chỉ độ mật, chữ in hoa (MẬT, TỐI MẬT, TUYỆT MẬT)",
	"DECISIVE_RULES":              "mã các tiêu chí quyết định cấp độ",
	"DECISIVE_CITATIONS":          "căn cứ của các tiêu chí quyết định cấp độ",
	"RULE_SET_ID":                 "mã bộ quy tắc",
	"RULE_SET_TITLE":              "tên bộ quy tắc",
	"RULE_SET_STATUS":             "tình trạng của bộ quy tắc",
	"RULE_SET_EFFECTIVE":          "thời gian hiệu lực của bộ quy tắc, ví dụ «từ ngày 01 tháng 7 năm 2016 đến hết ngày 30 tháng 6 năm 2026»",
	"RULE_SET_DIGEST":             "mã băm SHA-256 của tệp quy tắc (12 ký tự đầu)",
	"RULE_SET_NOTE":               "nội dung lưu ý soạn thảo về bộ quy tắc (viết sau «(xóa trước khi ký): »): mã, tên, mã băm tệp quy tắc và hiệu lực của bộ quy tắc vào ngày của văn bản; thời điểm hết hiệu lực ghi là nguồn thứ cấp; lời khuyên chỉ dùng cho hồ sơ chuyển tiếp chỉ có khi ngày của văn bản sau ngày hết hiệu lực",
	"ADDRESSEE":                   "nơi nhận văn bản đề nghị thẩm định («Kính gửi»): cơ quan thẩm định (Điều 12) theo bộ quy tắc; khi bộ quy tắc chỉ mô tả cơ quan («Đơn vị chuyên trách …»), chỗ trống «[TÊN …]» cần điền tên; ở cấp độ 4–5 có thể là chỗ trống, kèm APPRAISER_NOTE",
	"ADDRESSEE_MID":               "cơ quan thẩm định viết giữa câu (mô tả như «đơn vị chuyên trách …» viết thường, không phải chỗ trống)",
	"APPRAISER":                   "cơ quan thẩm định theo bộ quy tắc",
	"APPRAISER_NOTE":              "lưu ý về cơ quan thẩm định (xem HAS_APPRAISER_NOTE)",
	"APPROVER":                    "cơ quan phê duyệt",
	"APPROVER_MID":                "APPROVER viết giữa câu (tên gọi chung như «chủ quản …», «đơn vị chuyên trách …» viết thường)",
	"PROCEDURE_PROVISION":         "PROCEDURE_CITATION không nêu lại nghị định khi SUBMISSION_CITATION, viết ngay sau, dẫn cùng nghị định («… về thẩm quyền … và {{SUBMISSION_CITATION}} về việc gửi hồ sơ»)",
	"PROCEDURE_CITATION":          "căn cứ thẩm quyền thẩm định, phê duyệt; theo Nghị định 331: thẩm quyền thẩm định (khoản 1, điểm a khoản 2, hoặc điểm a, b, c khoản 3 Điều 18 theo khối của chủ quản)",
	"OPINION_CITATION":            "căn cứ yêu cầu ý kiến chuyên môn (cấp độ 4–5): điểm d khoản 1 Điều 14; theo Nghị định 331: điểm d khoản 1 Điều 20, khoản 5 Điều 21",
	"APPRAISAL_DEADLINE":          "thời hạn thẩm định",
	"APPRAISAL_DEADLINE_CITATION": "căn cứ thời hạn thẩm định",
	"APPROVAL_DEADLINE":           "thời hạn phê duyệt",
	"APPROVAL_DEADLINE_CITATION":  "căn cứ thời hạn phê duyệt",
	"INSPECTION_CYCLE":            "chu kỳ kiểm tra, đánh giá (Điều 20), viết thường để đặt sau dấu hai chấm",
	"INSPECTION_CITATION":         "căn cứ chu kỳ kiểm tra, đánh giá",
	"COPIES":                      "số bản hồ sơ phải gửi",
	"REQUIREMENTS_SOURCE":         "nguồn và giới hạn của danh mục yêu cầu",
	"REQUIREMENT_COUNT":           "số yêu cầu áp dụng cho cấp độ",
	"STANDARD":                    "tiêu chuẩn của danh mục yêu cầu (TCVN 11930:2017 hoặc TCVN 14423:2026)",
	"STANDARD_SECTION":            "mục của tiêu chuẩn dành cho cấp độ của hồ sơ (TCVN 14423:2026: mục 3 đến mục 7 cho cấp độ 1 đến 5)",
	"GROUP_COUNT":                 "số nhóm yêu cầu của tiêu chuẩn ở cấp độ của hồ sơ",
	"REQUIREMENTS_LEVEL":          "cấp độ có yêu cầu áp dụng cho hệ thống: cấp độ đề xuất; cấp độ 5 với hệ thống quan trọng về an ninh quốc gia theo Nghị định số 331/2026/NĐ-CP (TCVN 14423:2026 mục 1)",
	"MANAGING_MINISTRY":           "Bộ Quốc phòng hoặc Bộ Công an, khi hệ thống do bộ đó quản lý (xem MANAGED_BY_MINISTRY); rỗng nếu không",
	"OWNER_SECTOR":                "khối của chủ quản đã khai báo (owner_sector: dân sự, Bộ Công an, Bộ Quốc phòng, Ban Cơ yếu Chính phủ), rỗng nếu chưa khai báo",
	"RISK_LEVEL":                  "cấp độ mà kết quả đánh giá rủi ro an ninh mạng cho thấy (Điều 10 Nghị định số 331/2026/NĐ-CP); rỗng khi chưa có kết quả (xem HAS_RISK)",
	"RISK_TRIGGER":                "lý do đánh giá rủi ro (khoản 2 Điều 10), kèm căn cứ",
	"RISK_RATIONALE":              "kết luận của đánh giá rủi ro, hoặc chỗ trống cần điền",
	"RISK_ASSESSED_BY":            "đơn vị, người đánh giá rủi ro, hoặc chỗ trống",
	"RISK_ASSESSED_AT":            "ngày đánh giá rủi ro bằng chữ, hoặc chỗ trống",
}

// conditionDocs lists the conditions, {{#if.NAME}} and {{#unless.NAME}}.
var conditionDocs = map[string]string{
	"L1": "cấp độ 1", "L2": "cấp độ 2", "L3": "cấp độ 3", "L4": "cấp độ 4", "L5": "cấp độ 5",
	"L12":                     "cấp độ 1 hoặc 2",
	"L13":                     "cấp độ 1 đến 3",
	"L34":                     "cấp độ 3 hoặc 4",
	"L45":                     "cấp độ 4 hoặc 5",
	"SECRET":                  "hệ thống (hoặc thành phần) xử lý bí mật nhà nước",
	"HAS_ISSUER_PARENT":       "cơ quan ban hành có cơ quan cấp trên cần ghi",
	"HAS_SUBMITTER_PARENT":    "cơ quan gửi tờ trình có cơ quan cấp trên cần ghi",
	"HAS_APPROVER_PARENT":     "cơ quan phê duyệt có cơ quan cấp trên cần ghi",
	"HAS_SYSTEM_ID":           "hồ sơ có mã hệ thống",
	"HAS_DESCRIPTION":         "hồ sơ có mô tả",
	"HAS_OPERATOR":            "hồ sơ khai báo đơn vị vận hành",
	"HAS_COMPONENTS":          "hệ thống có hệ thống thành phần",
	"HAS_WARNINGS":            "có cảnh báo",
	"HAS_NOTES":               "có lưu ý về bộ quy tắc (xem notes)",
	"OPINION_REQUIRED":        "cần ý kiến chuyên môn trước khi gửi thẩm định",
	"SELF_APPRAISAL":          "chủ quản chính là cơ quan thẩm định (Bộ Quốc phòng, Bộ Công an với hệ thống do mình quản lý): tờ trình gửi đơn vị được giao thẩm định thuộc chủ quản",
	"SUBMITTED_VIA_OWNER":     "hồ sơ gửi cơ quan thẩm định thông qua chủ quản (cấp độ 4–5, điểm d khoản 1 Điều 14), chủ quản gửi văn bản đề nghị thẩm định",
	"HAS_PROPOSER_PARENT":     "cơ quan trình phê duyệt có cơ quan cấp trên cần ghi",
	"HAS_APPRAISER_PARENT":    "cơ quan thẩm định có cơ quan cấp trên cần ghi",
	"RECITALS_TRANSITIONAL":   "văn bản ghi ngày sau khi Nghị định số 85/2016/NĐ-CP hết hiệu lực, hệ thống thuộc trường hợp chuyển tiếp (--transitional): phần căn cứ nêu Luật An ninh mạng và khoản 1 Điều 39 Nghị định số 331/2026/NĐ-CP",
	"RECITALS_UNRESOLVED":     "văn bản ghi ngày sau khi Nghị định số 85/2016/NĐ-CP hết hiệu lực, không nêu căn cứ chuyển tiếp: phần căn cứ có chỗ trống buộc xác định lại căn cứ",
	"HAS_APPRAISER_NOTE":      "có lưu ý về cơ quan thẩm định",
	"HAS_APPRAISAL_DEADLINE":  "có thời hạn thẩm định",
	"RULE_SET_NOT_IN_FORCE":   "bộ quy tắc không có hiệu lực vào ngày của văn bản: bộ quy tắc tạm thời, hoặc ngày nằm ngoài thời gian hiệu lực",
	"RULE_SET_ENDED":          "ngày của văn bản sau ngày hết hiệu lực của bộ quy tắc (effective_to)",
	"APPRAISED_BY_INFOSEC":    "đơn vị chuyên trách về an toàn thông tin của chủ quản thẩm định hồ sơ (cấp độ 1–3): quyết định đã giao trách nhiệm cho đơn vị này tại Điều 3, không ghi thêm ở Nơi nhận",
	"HAS_CRITERION_NOTES":     "có lưu ý về tiêu chí đáp ứng (xem criterion_notes)",
	"HAS_RECITAL_NOTES":       "có lưu ý về văn bản nêu trong phần căn cứ (xem recital_notes)",
	"MANAGED_BY_MINISTRY":     "hệ thống do Bộ Quốc phòng hoặc Bộ Công an quản lý (managed_by, hoặc tên chủ quản): ngoài phạm vi Quyết định 05/2017/QĐ-TTg và Thông tư 20/2017/TT-BTTTT",
	"HAS_DECISIVE_NOTES":      "có tiêu chí quyết định cấp độ dựa trên suy luận (xem decisive_notes)",
	"ALWAYS_ON":               "hệ thống yêu cầu vận hành 24/7",
	"INDUSTRIAL_CONTROL":      "hệ thống điều khiển công nghiệp",
	"PERSONAL_DATA":           "hệ thống xử lý thông tin riêng hoặc thông tin cá nhân",
	"HAS_UNCONFIRMED_CLAUSES": "có nhóm yêu cầu mà số mục của tiêu chuẩn ở cấp độ này chưa được hai nguồn xác nhận",
	"CRITICAL":                "hệ thống thuộc, hoặc được đề nghị đưa vào, danh mục hệ thống thông tin quan trọng về an ninh quốc gia (critical_system; Điều 16, 17 Nghị định số 331/2026/NĐ-CP)",
	"ROUTE5":                  "hồ sơ theo trình tự của cấp độ 5: cấp độ 5, hoặc hệ thống quan trọng về an ninh quốc gia (khoản 4 Điều 20 Nghị định số 331/2026/NĐ-CP)",
	"INFOSEC_APPROVES":        "đơn vị chuyên trách thẩm định và phê duyệt: cấp độ 1–2 không theo trình tự của cấp độ 5",
	"ROUTE45":                 "hồ sơ theo trình tự của cấp độ 4 hoặc 5 (kể cả hệ thống quan trọng về an ninh quốc gia theo trình tự của cấp độ 5): cơ quan thẩm định ngoài chủ quản",
	"INDEPENDENT_APPRAISAL":   "đơn vị chuyên trách về an ninh mạng đồng thời vận hành hệ thống: đơn vị khác hoặc Hội đồng thẩm định độc lập thẩm định (khoản 4 Điều 18 Nghị định số 331/2026/NĐ-CP)",
	"HAS_RISK":                "có kết quả đánh giá rủi ro an ninh mạng được ghi nhận cho phiên bản hệ thống (Điều 10 Nghị định số 331/2026/NĐ-CP)",
	"HAS_RISK_REGISTER":       "kết quả đánh giá rủi ro có danh sách rủi ro",
	"RISK_ABOVE_LEVEL":        "kết quả đánh giá rủi ro cho thấy cấp độ cao hơn cấp độ đề xuất (khoản 5 Điều 10: phải đề xuất cấp độ cao hơn)",
}

// collectionDocs says what each collection holds, for `capdo templates fields`.
var collectionDocs = map[string]string{
	"reasons":         "các tiêu chí hệ thống đáp ứng: mã, cấp độ, căn cứ, nội dung, hệ thống thành phần",
	"components":      "các hệ thống thành phần và cấp độ",
	"warnings":        "các điểm cần xem xét",
	"notes":           "lưu ý của bộ quy tắc (trừ lưu ý về văn bản nêu trong phần căn cứ)",
	"recital_notes":   "lưu ý của bộ quy tắc về văn bản nêu trong phần căn cứ",
	"criterion_notes": "lưu ý và độ tin cậy của từng tiêu chí đáp ứng",
	"info_types":      "các loại thông tin hệ thống xử lý, kèm căn cứ; end là «;» hoặc «.» ở dòng cuối",
	"facts":           "các thông tin đã khai báo để xác định cấp độ",
	"legal_basis":     "các căn cứ («Căn cứ {{row.text}};») theo ngày của văn bản: của bộ quy tắc khi còn hiệu lực; sau khi hết hiệu lực, Luật An ninh mạng và căn cứ chuyển tiếp",
	"approval_basis":  "các căn cứ như legal_basis, căn cứ nghị định nêu thêm các điểm, khoản về phê duyệt (APPROVAL_CITATION): một căn cứ cho mỗi văn bản",
	"decision_basis":  "các căn cứ như legal_basis, căn cứ nghị định nêu thêm các điểm, khoản về thẩm quyền và phê duyệt (PROCEDURE_CITATION, APPROVAL_CITATION)",
	"decisive_notes":  "lưu ý về tiêu chí quyết định cấp độ dựa trên suy luận",
	"requirements":    "các yêu cầu an toàn theo cấp độ (cộng dồn): nhóm, loại, nội dung, cấp độ bắt đầu, mục của tiêu chuẩn, dấu «[cần đối chiếu]» khi số mục chưa được hai nguồn xác nhận",
	"standard_groups": "các nhóm yêu cầu của tiêu chuẩn ở cấp độ của hồ sơ, theo thứ tự số mục của cấp độ đó: số thứ tự, tên nhóm, loại, mục, dấu «[cần đối chiếu]», số yêu cầu",
	"scenarios":       "các kịch bản sự cố theo loại hệ thống và thông tin xử lý",
	"risk_contents":   "bảy nội dung tối thiểu của đánh giá rủi ro (khoản 3 Điều 10 Nghị định số 331/2026/NĐ-CP) và kết quả của hệ thống, hoặc chỗ trống",
	"risk_register":   "danh sách rủi ro của kết quả đánh giá: tài sản, mối đe dọa, khả năng xảy ra, mức độ tác động, điểm, biện pháp",
	"risk_detailed":   "nội dung báo cáo đánh giá rủi ro chi tiết của hệ thống cấp độ 4–5 (khoản 5 Điều 22 Nghị định số 331/2026/NĐ-CP), hoặc chỗ trống",
}

// collectionKeys lists the collections, {{#each.name}}, and the columns of their items,
// {{row.key}}.
var collectionKeys = func() map[string][]string {
	m := map[string][]string{
		"reasons":         {"stt", "rule", "level", "citation", "message", "content", "component", "note", "basis"},
		"components":      {"stt", "name", "level"},
		"warnings":        {"text"},
		"notes":           {"text"},                     // the rule set's notes, but those about a recital
		"recital_notes":   {"text"},                     // the rule set's notes about a document the recitals cite
		"criterion_notes": {"rule", "citation", "text"}, // the note and the basis of each matched criterion
		"info_types":      {"label", "citation", "end"}, // end: ";" after an item, "." after the last
		"facts":           {"label", "value"},
		"legal_basis":     {"text"}, // the rule set's recitals: "Căn cứ {{row.text}};"
		"approval_basis":  {"text"},
		"decision_basis":  {"text"},
		"decisive_notes":  {"text"},
		"requirements":    {"stt", "group", "kind", "text", "level", "clause", "standard", "mark"},
		"standard_groups": {"stt", "title", "kind", "clause", "mark", "count"}, // the groups of the standard at the level
		"scenarios":       {"stt", "name", "signs", "response"},                // incident scenarios for the system's types and information
		"risk_contents":   {"stt", "label", "citation", "text"},                // the minimum contents of Art. 10.3 (Decree 331)
		"risk_register":   {"stt", "asset", "threat", "likelihood", "impact", "score", "measures"},
		"risk_detailed":   {"key", "label", "citation", "text"}, // the detailed report of Art. 22.5 (levels 4–5)
	}
	for _, g := range append(slices.Clone(catalogueGroups), tcvnGroups...) {
		m["req_"+g] = []string{"stt", "text", "level", "clause", "ref"}
	}
	return m
}()

// Decree 85 Art. 6: the point of each system type (khoản 2) and information type (khoản 1).
var (
	systemTypePoint = map[string]string{"internal": "a", "citizen_business": "b", "infrastructure": "c", "industrial_control": "d", "other": "đ"}
	infoTypePoint   = map[string]string{"public": "a", "private": "b", "personal": "c", "state_secret": "d"}
	gradeRank       = map[string]int{"mat": 1, "toi_mat": 2, "tuyet_mat": 3}
	basisLabel      = map[string]string{levels.BasisSecondary: "nguồn thứ cấp, cần kiểm chứng", levels.BasisInferred: "suy luận, cần kiểm chứng"}
	kindLabel       = map[string]string{"management": "Yêu cầu quản lý", "technical": "Yêu cầu kỹ thuật"}
)

// model is the unescaped data model of one dossier; escaped escapes it.
type model struct {
	fields map[string]string
	conds  map[string]bool
	lists  map[string][]map[string]string
	// types are the system types of the system and its components, which choose some
	// requirements (catalogue additions and exceptions); nil reads as a system of no
	// particular type.
	types map[string]bool
}

// escaped is the model with every text escaped for the templates.
func (m *model) escaped() *values {
	v := &values{fields: make(map[string]string, len(m.fields)), conds: m.conds, lists: make(map[string][]map[string]string, len(m.lists))}
	for k, s := range m.fields {
		v.fields[k] = xmlText(s)
	}
	for k, rows := range m.lists {
		out := make([]map[string]string, len(rows))
		for i, r := range rows {
			out[i] = make(map[string]string, len(r))
			for c, s := range r {
				out[i][c] = xmlText(s)
			}
		}
		v.lists[k] = out
	}
	return v
}

// buildModel computes the data model of a dossier: every field, condition and collection
// a template may use (fieldDocs, conditionDocs, collectionKeys).
func buildModel(in Input) (*model, error) {
	p, d, rs := &in.Profile, &in.Decision, in.RuleSet
	if d.Name != "" && d.Name != p.Name {
		return nil, fmt.Errorf("lập hồ sơ: kết quả phân loại của «%s» không thuộc hệ thống «%s»", d.Name, p.Name)
	}
	if d.RuleSet != "" && d.RuleSet != rs.ID {
		return nil, fmt.Errorf("lập hồ sơ: kết quả phân loại theo bộ quy tắc %s, không phải %s", d.RuleSet, rs.ID)
	}
	proc, ok := rs.ProcedureOf(d.Level, p)
	if !ok {
		return nil, fmt.Errorf("lập hồ sơ: bộ quy tắc %s không quy định thẩm định, phê duyệt cho cấp độ %d", rs.ID, d.Level)
	}
	insp, ok := rs.InspectionFor(d.Level)
	if !ok {
		return nil, fmt.Errorf("lập hồ sơ: bộ quy tắc %s không quy định chu kỳ kiểm tra cho cấp độ %d", rs.ID, d.Level)
	}
	fam := families[rs.DossierTemplates]
	d331 := isD331(fam)
	if d331 {
		proc = procedure331(proc, p)
	}
	catName := defaultCatalogue
	if fam != nil && fam.catalogue != "" {
		catName = fam.catalogue
	}
	cat, err := catalogueNamed(catName)
	if err != nil {
		return nil, err
	}

	date := in.Date
	if date.IsZero() {
		date = time.Now()
	}
	date = date.In(vietnam)
	place := strings.TrimSpace(in.Place)
	if place == "" {
		place = derivePlace(p.Owner, p.Operator)
	}

	lvl := d.Level
	m := &model{
		fields: map[string]string{},
		conds:  map[string]bool{},
		lists:  map[string][]map[string]string{},
	}
	f, c := m.fields, m.conds

	owner, operator := strings.TrimSpace(p.Owner), strings.TrimSpace(p.Operator)
	f["SYSTEM_NAME"], f["SYSTEM_ID"], f["SYSTEM_DESCRIPTION"] = p.Name, p.ID, strings.TrimSpace(p.Description)
	f["OWNER"], f["OWNER_UPPER"] = owner, upper(owner)
	c["HAS_SYSTEM_ID"], c["HAS_DESCRIPTION"] = p.ID != "", f["SYSTEM_DESCRIPTION"] != ""
	c["HAS_OPERATOR"] = operator != ""
	f["OPERATOR"] = operator
	if operator == "" {
		f["OPERATOR"] = operatorBlank
	}

	// The operating unit prepares the dossier (Art. 14.1), under its owner. When the
	// profile names none, a blank stands in for it: putting the owner there would have the
	// owner submit the dossier to its own infosec unit, and cite itself as proposing the
	// decision it issues. An operator named as the owner itself runs its own system.
	f["ISSUER"], f["ISSUER_PARENT_UPPER"] = f["OPERATOR"], upper(owner)
	if sameBody(operator, owner) {
		f["ISSUER"], f["ISSUER_PARENT_UPPER"] = owner, ""
	}
	f["ISSUER_UPPER"] = fullUpper(f["ISSUER"])
	c["HAS_ISSUER_PARENT"] = f["ISSUER_PARENT_UPPER"] != ""

	// The level-5 route: level 5, and under Decree 331 a critical system the rule set
	// routes as level 5 (khoản 4 Điều 20).
	c["CRITICAL"] = d331 && criticalSystem(p)
	c["ROUTE5"] = lvl == 5 || (d331 && route5(proc, lvl))
	viaOwner := "điểm d khoản 1 Điều 14"
	if d331 {
		viaOwner = "điểm d khoản 1 Điều 20 " + decree331
	}
	procedure(m, proc, owner, viaOwner)
	// Who sends the request for appraisal (điểm b–d khoản 1 Điều 14; under Decree 331
	// điểm b–d khoản 1 Điều 20): the operating unit at levels 1–3; at levels 4–5 (and on
	// the level-5 route) the operating unit submits the dossier to the owner, which sends
	// it to the appraising ministry. When the owner is that ministry there is no one to go
	// through, and the operating unit sends it to the unit the ministry assigns [inferred].
	c["SUBMITTED_VIA_OWNER"] = (lvl >= 4 || c["ROUTE5"]) && !c["SELF_APPRAISAL"]
	// plvl is the level whose procedure the dossier follows: 5 on the level-5 route (a
	// critical system at a lower level, khoản 4 Điều 20 Nghị định 331), else its own.
	plvl := lvl
	if c["ROUTE5"] {
		plvl = 5
	}
	c["INFOSEC_APPROVES"], c["ROUTE45"] = plvl <= 2, plvl >= 4
	f["SUBMITTER"], f["SUBMITTER_PARENT_UPPER"] = f["ISSUER"], f["ISSUER_PARENT_UPPER"]
	if c["SUBMITTED_VIA_OWNER"] {
		f["SUBMITTER"], f["SUBMITTER_PARENT_UPPER"] = owner, ""
	}
	f["SUBMITTER_UPPER"] = fullUpper(f["SUBMITTER"])
	c["HAS_SUBMITTER_PARENT"] = f["SUBMITTER_PARENT_UPPER"] != ""
	// Levels 1–2 are appraised and approved by the same unit (Art. 12.1), so the request
	// asks for both.
	f["REQUEST_ACTION"] = "thẩm định"
	if plvl <= 2 {
		f["REQUEST_ACTION"] = "thẩm định, phê duyệt"
	}
	// Levels 1–2 are approved by the owner's infosec unit (under Decree 331 its cyber
	// unit), whose name a profile does not carry; levels 3–5 by the owner (Art. 12).
	unit := "AN TOÀN THÔNG TIN"
	if d331 {
		unit = "AN NINH MẠNG"
	}
	if plvl <= 2 {
		f["APPROVER_BODY_UPPER"], f["APPROVER_PARENT_UPPER"] = "[TÊN ĐƠN VỊ CHUYÊN TRÁCH VỀ "+unit+"]", upper(owner)
	} else {
		f["APPROVER_BODY_UPPER"], f["APPROVER_PARENT_UPPER"] = fullUpper(owner), ""
	}
	c["HAS_APPROVER_PARENT"] = f["APPROVER_PARENT_UPPER"] != ""
	// The decision answers the operating unit's request: for appraisal and approval at
	// levels 1–2, for approval once appraised at levels 3–4 (điểm b khoản 3 Điều 14), and
	// for approval of the protection plan at level 5 (điểm c). An owner that runs its
	// system itself does not propose to itself: the unit inside it that drafted the
	// request is left to fill in.
	f["PROPOSER"], f["PROPOSER_PARENT_UPPER"] = f["ISSUER"], f["ISSUER_PARENT_UPPER"]
	if plvl >= 3 && sameBody(f["ISSUER"], owner) {
		f["PROPOSER"], f["PROPOSER_PARENT_UPPER"] = "[TÊN ĐƠN VỊ THAM MƯU]", upper(owner)
	}
	f["PROPOSER_UPPER"] = fullUpper(f["PROPOSER"])
	c["HAS_PROPOSER_PARENT"] = f["PROPOSER_PARENT_UPPER"] != ""
	f["PLAN_APPROVER"] = planApprover(owner)
	// The owner's infosec unit, which a profile does not name: a blank in the heading and
	// the addressee, a description inside a sentence.
	f["INFOSEC"] = "[TÊN ĐƠN VỊ CHUYÊN TRÁCH VỀ " + unit + " CỦA " + upper(owner) + "]"
	f["INFOSEC_UPPER"] = f["INFOSEC"]
	f["INFOSEC_MID"] = "đơn vị chuyên trách về " + strings.ToLower(unit) + " của " + owner
	appraiserHeading(m, owner, proc.AppraiserRole, d331 && proc.IndependentAppraisal != nil)
	citations(m, fam, lvl)
	if d331 {
		citations331(m, proc, lvl)
	}
	// The level's conditions come before the signatures, which depend on them (the
	// infosec unit, not the owner, decides at levels 1–2).
	f["LEVEL"] = strconv.Itoa(lvl)
	for i := 1; i <= 5; i++ {
		c["L"+strconv.Itoa(i)] = lvl == i
	}
	c["L12"], c["L13"], c["L34"], c["L45"] = lvl <= 2, lvl <= 3, lvl == 3 || lvl == 4, lvl >= 4
	signatures(m, in, owner)

	f["PLACE"], f["DATE_LINE"], f["DATE_WORDS"], f["YEAR"] = place, dateLine(place, date), dateWords(date), strconv.Itoa(date.Year())
	// The date line of the heading is italic; a blank for the place keeps its brackets.

	f["SYSTEM_TYPE"] = levels.ValueLabel(p.SystemType)
	f["SYSTEM_TYPE_CITATION"] = "điểm " + systemTypePoint[p.SystemType] + " khoản 2 Điều 6 Nghị định số 85/2016/NĐ-CP"
	infoCitation := func(t string) string {
		return "điểm " + infoTypePoint[t] + " khoản 1 Điều 6 Nghị định số 85/2016/NĐ-CP"
	}
	if d331 {
		// Art. 9 of Decree 331 keeps the points of Decree 85 Art. 6 for the system types;
		// the information types are cited by clause only (docs/reference/d331.md §1.1).
		f["SYSTEM_TYPE_CITATION"] = "điểm " + systemTypePoint[p.SystemType] + " khoản 2 Điều 9 " + decree331
		infoCitation = func(string) string { return "khoản 1 Điều 9 " + decree331 }
	}
	c["ALWAYS_ON"], c["INDUSTRIAL_CONTROL"] = p.AlwaysOn, p.SystemType == "industrial_control"
	c["PERSONAL_DATA"] = p.HasInfo("private") || p.HasInfo("personal")
	var infoLabels []string
	for i, t := range p.InfoTypes {
		infoLabels = append(infoLabels, levels.ValueLabel(t))
		end := ";"
		if i == len(p.InfoTypes)-1 {
			end = "."
		}
		m.lists["info_types"] = append(m.lists["info_types"], map[string]string{
			"label": levels.ValueLabel(t), "citation": infoCitation(t), "end": end})
	}
	f["INFO_TYPES"] = joinLabels(infoLabels)

	grade, secret := secrecy(p)
	c["SECRET"] = secret
	f["SECRET_GRADE"], f["SECRECY_MARK"] = "chưa khai báo", "[ĐỘ MẬT]"
	if grade != "" {
		f["SECRET_GRADE"], f["SECRECY_MARK"] = levels.ValueLabel(grade), upper(levels.ValueLabel(grade))
	}

	m.lists["facts"] = facts(p, rs)
	m.lists["scenarios"] = scenarios(p)
	reasons(m, d)

	f["RULE_SET_ID"], f["RULE_SET_TITLE"], f["RULE_SET_STATUS"] = rs.ID, rs.Title, rs.StatusLabel()
	f["RULE_SET_DIGEST"] = rs.Digest[:min(12, len(rs.Digest))]
	f["RULE_SET_EFFECTIVE"] = effectiveDates(rs)
	f["RULE_SET_NOTE"] = ruleSetNote(rs, date)
	c["RULE_SET_NOT_IN_FORCE"] = !rs.InForceOn(date)
	c["RULE_SET_ENDED"] = rs.EffectiveTo != "" && date.Format("2006-01-02") > rs.EffectiveTo
	general, recital := splitNotes(rs)
	m.lists["notes"], m.lists["recital_notes"] = textRows(general), textRows(recital)
	c["HAS_NOTES"], c["HAS_RECITAL_NOTES"] = len(general) > 0, len(recital) > 0
	// The recitals are the full "Căn cứ …" texts, for the document's date (recitals.go);
	// LegalBasis is metadata, not for documents.
	basis, state := legalBasis(rs, fam, date, in.Transitional)
	m.lists["legal_basis"] = textRows(basis)
	c["RECITALS_TRANSITIONAL"], c["RECITALS_UNRESOLVED"] = state == recitalsTransitional, state == recitalsUnresolved

	f["MANAGING_MINISTRY"] = levels.ValueLabel(p.ManagingMinistry())
	c["MANAGED_BY_MINISTRY"] = f["MANAGING_MINISTRY"] != ""

	f["INSPECTION_CYCLE"], f["INSPECTION_CITATION"] = lowerFirst(strings.TrimSpace(insp.Cycle)), midSentence(insp.Citation)
	// TT 03/2017 Art. 14 (docs/reference/law.md §7).
	f["COPIES"] = "01 bản chính và 02 bản sao"
	if lvl >= 4 {
		f["COPIES"] = "01 bản chính và 04 bản sao"
	}

	m.types = systemTypes(p)
	// TCVN 14423:2026 has a system important to national security meet the requirements
	// of level 5, whatever its level (its section 1; docs/reference/d331.md §4).
	reqLevel := lvl
	if c["CRITICAL"] {
		reqLevel = 5
	}
	f["REQUIREMENTS_LEVEL"] = strconv.Itoa(reqLevel)
	requirements(m, cat, reqLevel)
	f["OWNER_SECTOR"] = ""
	if s := p.Text("owner_sector"); s != "" {
		f["OWNER_SECTOR"] = levels.ValueLabel(s)
	}
	c["INDEPENDENT_APPRAISAL"] = d331 && proc.IndependentAppraisal != nil
	riskModel(m, in.Risk, p, d)
	// A tờ trình or decision that approves cites the provisions on approval in the
	// decree's own recital, not in a second recital of the same decree.
	// The unit or council the owner designates appraises by khoản 4 Điều 18 (Decree 331).
	if c["INDEPENDENT_APPRAISAL"] {
		m.lists["approval_basis"] = citedIn(basis, f["PROCEDURE_CITATION"], f["APPROVAL_CITATION"])
	} else {
		m.lists["approval_basis"] = citedIn(basis, f["APPROVAL_CITATION"])
	}
	m.lists["decision_basis"] = citedIn(basis, f["PROCEDURE_CITATION"], f["APPROVAL_CITATION"])
	// "… khoản 2 Điều 12 về thẩm quyền … và điểm c khoản 1 Điều 14 Nghị định số
	// 85/2016/NĐ-CP về việc gửi hồ sơ": the decree named once.
	f["PROCEDURE_PROVISION"] = withoutSharedInstrument(f["PROCEDURE_CITATION"], f["SUBMISSION_CITATION"])
	return m, nil
}

// appraiserHeading names the appraiser as the heading of the appraisal result writes it:
// the owner's infosec unit (levels 1–3), the appraising ministry or the blank for it
// (levels 4–5), the unit of the owning ministry that appraises its own system, or the
// unit or council the owner assigns when its cyber unit operates the system.
func appraiserHeading(m *model, owner, role string, independent bool) {
	f, c := m.fields, m.conds
	switch {
	case c["SELF_APPRAISAL"], independent:
		f["APPRAISER_BODY_UPPER"], f["APPRAISER_PARENT_UPPER"] = f["ADDRESSEE"], upper(owner)
	case role == "infosec":
		f["APPRAISER_BODY_UPPER"], f["APPRAISER_PARENT_UPPER"] = f["INFOSEC_UPPER"], upper(owner)
	default:
		f["APPRAISER_BODY_UPPER"], f["APPRAISER_PARENT_UPPER"] = fullUpper(f["ADDRESSEE"]), ""
	}
	c["HAS_APPRAISER_PARENT"] = f["APPRAISER_PARENT_UPPER"] != ""
}

// citations are the family's citations of the steps of the procedure. Decree 85 Art. 14
// (docs/reference/law.md §8): the dossier is sent under điểm b (levels 1–2), c (level 3) or d (levels
// 4–5, through the owner, after the professional opinion) of khoản 1; it is approved
// under điểm a (levels 1–2), b (levels 3–4) or c (level 5, the protection plan) of khoản
// 3; the professional opinion is a part of the dossier by khoản 5 Điều 15.
func citations(m *model, fam *family, lvl int) {
	f := m.fields
	f["SUBMISSION_CITATION"], f["APPROVAL_CITATION"], f["OPINION_PART_CITATION"] = "", "", ""
	if fam == nil || fam.id != BuiltInTemplates {
		return
	}
	const decree = " Nghị định số 85/2016/NĐ-CP"
	send, approve := "điểm b khoản 1 Điều 14", "điểm a khoản 3 Điều 14"
	switch {
	case lvl == 3:
		send, approve = "điểm c khoản 1 Điều 14", "điểm b khoản 3 Điều 14"
	case lvl == 4:
		send, approve = "điểm d khoản 1 Điều 14", "điểm b khoản 3 Điều 14"
	case lvl == 5:
		send, approve = "điểm d khoản 1 Điều 14", "điểm c khoản 3 Điều 14"
	}
	f["SUBMISSION_CITATION"], f["APPROVAL_CITATION"] = send+decree, approve+decree
	f["OPINION_PART_CITATION"] = "khoản 5 Điều 15" + decree
}

// signatures writes the signature lines of every signer of the dossier: the operating
// unit and whoever sends the request sign as Input.Sign says, the owner as
// Input.OwnerSign; the infosec unit and the appraiser, whose documents are drafts for them
// to finish, get blanks.
func signatures(m *model, in Input, owner string) {
	f, c := m.fields, m.conds
	f["ISSUER_SIGNATURE"] = signature(in.Sign, f["ISSUER"])
	f["SUBMITTER_SIGNATURE"] = signature(in.Sign, f["SUBMITTER"])
	if c["SUBMITTED_VIA_OWNER"] || sameBody(f["SUBMITTER"], owner) {
		f["SUBMITTER_SIGNATURE"] = signature(in.OwnerSign, f["SUBMITTER"])
	}
	f["PROPOSER_SIGNATURE"] = signature(in.Sign, f["PROPOSER"])
	f["APPROVER_SIGNATURE"] = signature("", "[TÊN ĐƠN VỊ CHUYÊN TRÁCH]")
	if !c["INFOSEC_APPROVES"] {
		f["APPROVER_SIGNATURE"] = signature(in.OwnerSign, owner)
	}
	f["INFOSEC_SIGNATURE"] = signature("", f["INFOSEC"])
	// The authority line of the decision: the collective when it signs on the
	// collective's behalf, else the head's title and the body.
	f["DECISION_AUTHORITY"] = "[THẨM QUYỀN BAN HÀNH, CHỨC VỤ NGƯỜI ĐỨNG ĐẦU CƠ QUAN PHÊ DUYỆT]"
	if !c["INFOSEC_APPROVES"] {
		head, _ := titlesOf(owner)
		switch {
		case in.OwnerSign == "tm" || in.OwnerSign == "tm-kt":
			f["DECISION_AUTHORITY"] = fullUpper(owner)
		case head != headBlank:
			f["DECISION_AUTHORITY"] = head + " " + fullUpper(owner)
		default:
			f["DECISION_AUTHORITY"] = headBlank + " " + fullUpper(owner)
		}
	}
	f["APPRAISER_SIGNATURE"] = signature("", "[CƠ QUAN THẨM ĐỊNH]")
}

// systemTypes are the types of a system and of its components.
func systemTypes(p *levels.Profile) map[string]bool {
	types := map[string]bool{}
	var walk func(*levels.Profile)
	walk = func(p *levels.Profile) {
		types[p.SystemType] = true
		for i := range p.Components {
			walk(&p.Components[i])
		}
	}
	walk(p)
	return types
}

// reasons fills the criteria, components, warnings and notes of the decision.
func reasons(m *model, d *levels.Decision) {
	// The table of criteria is signed text: a criterion's note and how sure its basis is
	// go into a drafting note under the table (criterion_notes), not into the table.
	m.lists["criterion_notes"] = []map[string]string{}
	for i, r := range d.Reasons {
		lines := []string{r.Message}
		if r.Component != "" {
			lines = append(lines, "Hệ thống thành phần: "+r.Component+".")
		}
		m.lists["reasons"] = append(m.lists["reasons"], map[string]string{
			"stt": strconv.Itoa(i + 1), "rule": r.Rule, "level": strconv.Itoa(r.Level), "citation": withNumberWord(r.Citation),
			"message": r.Message, "content": strings.Join(lines, "\n"), "component": r.Component, "note": r.Note,
			"basis": basisLabel[r.Basis]})
		if n := criterionNote(r); n != "" {
			m.lists["criterion_notes"] = append(m.lists["criterion_notes"], map[string]string{"rule": r.Rule, "citation": midSentence(r.Citation), "text": n})
		}
	}
	m.conds["HAS_CRITERION_NOTES"] = len(m.lists["criterion_notes"]) > 0
	var cites []string
	for _, r := range d.Reasons {
		if r.Level == d.Level {
			cites = append(cites, r.Citation)
		}
	}
	// DECISIVE_RULES stays for agency templates; the built-in ones cite the law only.
	m.fields["DECISIVE_RULES"] = strings.Join(d.Decisive, ", ")
	m.fields["DECISIVE_CITATIONS"] = groupCitations(cites)
	// A decisive criterion that held only by inference (the harm inferred from the secret
	// grade) carries its note wherever the criteria are cited.
	m.lists["decisive_notes"] = []map[string]string{}
	var notes []string
	for _, r := range d.Reasons {
		if r.Level != d.Level || r.Basis != levels.BasisInferred || strings.TrimSpace(r.Note) == "" {
			continue
		}
		if n := criterionNote(r); !slices.Contains(notes, n) {
			notes = append(notes, n)
			m.lists["decisive_notes"] = append(m.lists["decisive_notes"], map[string]string{"text": n})
		}
	}
	m.conds["HAS_DECISIVE_NOTES"] = len(notes) > 0
	for i, comp := range d.Components {
		lvl := strconv.Itoa(comp.Level)
		if comp.Level == 0 {
			lvl = "chưa xác định"
		}
		m.lists["components"] = append(m.lists["components"], map[string]string{"stt": strconv.Itoa(i + 1), "name": comp.Name, "level": lvl})
	}
	for _, w := range d.Warnings {
		m.lists["warnings"] = append(m.lists["warnings"], map[string]string{"text": w})
	}
	m.conds["HAS_COMPONENTS"] = len(d.Components) > 0
	m.conds["HAS_WARNINGS"] = len(d.Warnings) > 0
}

// procedure fills the authorities and deadlines of Art. 12–17 (Decree 331: Art. 18–24).
// The rule set writes the addressee out for the system (ProcedureOf). viaOwner cites the
// sending through the owner at levels 4–5.
func procedure(m *model, proc levels.Procedure, owner, viaOwner string) {
	f, c := m.fields, m.conds
	f["APPRAISER"], f["APPROVER"], f["PROCEDURE_CITATION"] = proc.Appraiser, proc.Approver, midSentence(proc.Citation)
	f["APPROVER_MID"] = commonNoun(strings.TrimSpace(proc.Approver))
	f["APPRAISER_NOTE"] = noteText(proc.AppraiserNote)
	f["ADDRESSEE"] = strings.TrimSpace(proc.Addressee)
	f["ADDRESSEE_MID"] = commonNoun(f["ADDRESSEE"])
	// The Ministry of Defence or of Public Security appraises levels 4–5 of the systems it
	// manages (Art. 12.3.b–c), its own included: a ministry does not address itself, so
	// the request goes to the unit inside it assigned to appraise, whose name no rule set
	// can know.
	c["SELF_APPRAISAL"] = sameBody(proc.Appraiser, owner) || sameBody(proc.Addressee, owner)
	if c["SELF_APPRAISAL"] {
		f["ADDRESSEE"] = "[ĐƠN VỊ ĐƯỢC GIAO THẨM ĐỊNH THUỘC " + upper(owner) + "]"
		f["APPRAISER_NOTE"] = owner + " vừa là chủ quản hệ thống thông tin vừa là cơ quan thẩm định (" + f["PROCEDURE_CITATION"] +
			"). Điền tên đơn vị được " + owner + " giao thẩm định hồ sơ đề xuất cấp độ. Vì không có cơ quan nào khác để gửi hồ sơ qua chủ quản (" + viaOwner + "), đơn vị vận hành gửi thẳng hồ sơ, kèm ý kiến chuyên môn, tới đơn vị đó [suy luận, cần kiểm chứng]."
	}
	c["HAS_APPRAISER_NOTE"] = f["APPRAISER_NOTE"] != ""
	c["APPRAISED_BY_INFOSEC"] = proc.AppraiserRole == "infosec" && proc.IndependentAppraisal == nil && !c["SELF_APPRAISAL"]
	switch {
	case c["SELF_APPRAISAL"]:
		f["ADDRESSEE_MID"] = f["ADDRESSEE"]
	case described(f["ADDRESSEE"]):
		// The rule set describes the appraiser ("Đơn vị chuyên trách … của {owner}"): the
		// "Kính gửi" line is a blank for its name, a sentence keeps the description.
		f["ADDRESSEE"] = "[TÊN " + upper(f["ADDRESSEE"]) + "]"
	}
	f["OPINION_CITATION"] = ""
	c["OPINION_REQUIRED"] = proc.ProfessionalOpinion != nil && proc.ProfessionalOpinion.Required
	if c["OPINION_REQUIRED"] {
		f["OPINION_CITATION"] = midSentence(proc.ProfessionalOpinion.Citation)
	}
	f["APPRAISAL_DEADLINE"], f["APPRAISAL_DEADLINE_CITATION"] = proc.AppraisalDeadline.Label(), ""
	c["HAS_APPRAISAL_DEADLINE"] = proc.AppraisalDeadline != nil
	if proc.AppraisalDeadline != nil {
		f["APPRAISAL_DEADLINE_CITATION"] = midSentence(proc.AppraisalDeadline.Citation)
	}
	f["APPROVAL_DEADLINE"], f["APPROVAL_DEADLINE_CITATION"] = proc.ApprovalDeadline.Label(), ""
	if proc.ApprovalDeadline != nil {
		f["APPROVAL_DEADLINE_CITATION"] = midSentence(proc.ApprovalDeadline.Citation)
	}
}

// requirements fills the cumulative requirement lists for the level and the system's
// types (m.types: some requirements are for industrial control systems only, others not
// for them), and the table of the standard's groups at the level (standard_groups). A
// catalogue ordered by clause (TCVN 14423:2026) numbers its requirements straight through,
// the groups in the order of the level's section; the other numbers them within each
// group ("2.3").
func requirements(m *model, cat *catalogue, lvl int) {
	n := 0
	for _, id := range catalogueIDs[defaultCatalogue] {
		m.lists["req_"+id] = []map[string]string{}
	}
	for _, id := range catalogueIDs[tcvnCatalogue] {
		m.lists["req_"+id] = []map[string]string{}
	}
	m.lists["requirements"] = []map[string]string{}
	m.lists["standard_groups"] = []map[string]string{}
	unconfirmed := 0
	for gi, g := range cat.groupsAt(lvl) {
		key := "req_" + g.ID
		clause := cat.clause(g, requirement{}, lvl)
		mark := cat.mark(g, lvl)
		if mark != "" {
			unconfirmed++
		}
		rows := cat.rowsFor(g, lvl, m.types)
		for _, r := range rows {
			n++
			stt := fmt.Sprintf("%d.%d", gi+1, len(m.lists[key])+1)
			if cat.ByClause {
				stt = strconv.Itoa(n)
			}
			clause := cat.clause(g, r, lvl)
			ref := clause
			if ref != "" && ref[0] >= '0' && ref[0] <= '9' {
				ref = "mục " + ref + " " + cat.Standard
			}
			row := map[string]string{"stt": stt, "text": r.Text, "level": strconv.Itoa(r.Level), "clause": clause, "ref": ref}
			m.lists[key] = append(m.lists[key], row)
			m.lists["requirements"] = append(m.lists["requirements"], map[string]string{
				"stt": stt, "group": g.Title, "kind": kindLabel[g.Kind], "text": r.Text, "level": row["level"],
				"clause": clause, "standard": cat.Standard, "mark": cat.mark(g, lvl)})
		}
		m.lists["standard_groups"] = append(m.lists["standard_groups"], map[string]string{
			"stt": strconv.Itoa(gi + 1), "title": g.Title, "kind": kindLabel[g.Kind], "clause": clause, "mark": mark,
			"count": strconv.Itoa(len(rows))})
	}
	m.fields["REQUIREMENTS_SOURCE"] = noteText(strings.TrimSpace(cat.Source + " " + cat.ClausesNote))
	m.fields["REQUIREMENT_COUNT"] = strconv.Itoa(n)
	m.fields["STANDARD"] = cat.Standard
	m.fields["STANDARD_SECTION"] = cat.LevelClauses[lvl]
	m.fields["GROUP_COUNT"] = strconv.Itoa(len(m.lists["standard_groups"]))
	m.conds["HAS_UNCONFIRMED_CLAUSES"] = unconfirmed > 0
}

// facts lists the declared facts of a profile that the rule set reads, with their
// Vietnamese labels. A fact the set ignores (Decree 331 reads no online service level,
// the levels Nghị định số 42/2022/NĐ-CP abolished) is no ground of its level; the
// classification's warnings say it was declared. A fact some rule reads through
// another (secret_grade for security_harm), and the required ones, are read.
func facts(p *levels.Profile, rs *levels.RuleSet) []map[string]string {
	value := map[string]string{
		"system_type":                  levels.ValueLabel(p.SystemType),
		"secret_grade":                 levels.ValueLabel(p.SecretGrade),
		"security_harm":                levels.ValueLabel(p.SecurityHarm),
		"infra_scope":                  levels.ValueLabel(p.InfraScope),
		"ics_work_grade":               levels.ValueLabel(p.ICSWorkGrade),
		"defense_security":             yes(p.DefenseSecurity),
		"conditional_business_service": yes(p.ConditionalBusinessService),
		"national_egov":                yes(p.NationalEgov),
		"always_on":                    yes(p.AlwaysOn),
		"critical_national_data":       yes(p.CriticalNationalData),
		"pm_designated":                yes(p.PMDesignated),
		"managed_by":                   levels.ValueLabel(p.ManagedBy),
	}
	if p.OnlinePublicServiceLevel > 0 {
		value["online_public_service_level"] = "Mức độ " + strconv.FormatInt(p.OnlinePublicServiceLevel, 10)
	}
	if p.PersonalDataUsers > 0 {
		value["personal_data_users"] = thousands(p.PersonalDataUsers)
	}
	value["handles_admin_procedures"] = yes(p.HandlesAdminProcedures)
	if p.BasicPDSubjects > 0 {
		value["basic_pd_subjects"] = thousands(p.BasicPDSubjects)
	}
	if p.SensitivePDSubjects > 0 {
		value["sensitive_pd_subjects"] = thousands(p.SensitivePDSubjects)
	}
	var labels []string
	for _, t := range p.InfoTypes {
		labels = append(labels, levels.ValueLabel(t))
	}
	value["info_types"] = joinLabels(labels)
	var out []map[string]string
	for _, fd := range levels.Fields {
		reads := rs == nil || fd.Required || rs.Reads(fd.Key) || fd.ReadThrough != "" && rs.Reads(fd.ReadThrough)
		if v := value[fd.Key]; v != "" && reads {
			out = append(out, map[string]string{"label": fd.Label, "value": v})
		}
	}
	return out
}

// secrecy returns the highest secret grade declared by the system or its components, and
// whether any of them processes state secrets.
func secrecy(p *levels.Profile) (string, bool) {
	grade, secret := p.SecretGrade, p.HasInfo("state_secret")
	if !secret {
		grade = ""
	}
	for i := range p.Components {
		g, s := secrecy(&p.Components[i])
		if gradeRank[g] > gradeRank[grade] {
			grade = g
		}
		secret = secret || s
	}
	return grade, secret
}

// effectiveDates writes a rule set's effective dates in words.
func effectiveDates(rs *levels.RuleSet) string {
	day := func(s string) string {
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			return s
		}
		return dateWords(t)
	}
	var parts []string
	if rs.EffectiveFrom != "" {
		parts = append(parts, "từ "+day(rs.EffectiveFrom))
	}
	if rs.EffectiveTo != "" {
		parts = append(parts, "đến hết "+day(rs.EffectiveTo))
	}
	if len(parts) == 0 {
		return "không ghi"
	}
	return strings.Join(parts, " ")
}

// midSentence lowercases a citation that starts with "Khoản" or "Điểm", because templates
// use citations inside sentences ("theo quy định tại điểm d khoản 1 Điều 14 …"); "Điều" keeps its
// capital, as in the legal texts.
func midSentence(s string) string {
	for _, w := range []string{"Khoản ", "Điểm "} {
		if rest, ok := strings.CutPrefix(s, w); ok {
			return withNumberWord(strings.ToLower(w) + rest)
		}
	}
	return withNumberWord(s)
}

// described reports a body the rule set describes rather than names ("Đơn vị chuyên trách
// về an toàn thông tin của …", "Chủ quản hệ thống thông tin"), so that a document needs its
// name filled in.
func described(s string) bool {
	return strings.HasPrefix(s, "Đơn vị ") || strings.HasPrefix(s, "Chủ quản ")
}

// commonNoun lowercases an addressee or approver that is a description ("Đơn vị chuyên
// trách về an toàn thông tin của …", "Chủ quản hệ thống thông tin") rather than a body's
// name ("Bộ Công an"), for use inside a sentence.
func commonNoun(s string) string {
	for _, w := range []string{"Đơn vị ", "Chủ quản "} {
		if rest, ok := strings.CutPrefix(s, w); ok {
			return withNumberWord(strings.ToLower(w) + rest)
		}
	}
	return withNumberWord(s)
}

// operatorBlank stands for the operating unit a profile does not name.
const operatorBlank = "[TÊN ĐƠN VỊ VẬN HÀNH]"

// sameBody reports whether two names denote the same body, as people type them: case,
// spacing, Unicode form, a final full stop, "UBND" for "Ủy ban nhân dân" and the old
// placement of the tone mark in "Uỷ" do not count. Empty names match nothing.
func sameBody(a, b string) bool {
	a, b = normBody(a), normBody(b)
	return a != "" && a == b
}

func normBody(s string) string {
	s = strings.ToLower(norm.NFC.String(s))
	s = strings.ReplaceAll(s, "uỷ", "ủy")
	s = strings.Join(strings.Fields(s), " ")
	s = strings.TrimSuffix(s, ".")
	if rest, ok := strings.CutPrefix(s, "ubnd "); ok {
		s = "ủy ban nhân dân " + rest
	}
	return s
}

// planApprover names who approves the incident-response plan, by the kind of owner
// (QĐ 05/2017 Art. 16, TT 20/2017 Art. 12; docs/reference/law.md §13.6): the head of a ministry or
// central body, the chairman of a provincial People's Committee, the enterprise itself.
// The kind is read from the owner's name; an owner of no recognisable kind gets the head
// of the owner, flagged as inferred.
func planApprover(owner string) string {
	n := normBody(owner)
	prefixed := func(ps ...string) bool {
		return slices.ContainsFunc(ps, func(p string) bool { return strings.HasPrefix(n, p) })
	}
	switch {
	case prefixed("bộ ", "ngân hàng nhà nước", "thanh tra chính phủ", "văn phòng chính phủ", "ủy ban dân tộc"):
		return "người đứng đầu " + owner
	case prefixed("ủy ban nhân dân tỉnh ", "ủy ban nhân dân thành phố ", "ủy ban nhân dân tp."):
		return "Chủ tịch " + owner
	case prefixed("tập đoàn ", "tổng công ty ", "công ty ", "ngân hàng "):
		return "người đứng đầu doanh nghiệp (" + owner + ")"
	}
	return "người đứng đầu " + owner + " [suy luận, cần kiểm chứng]"
}

// upper writes an agency name in capitals, as the header block of Nghị định 30/2020 asks.
func upper(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

func yes(b bool) string {
	if b {
		return "Có"
	}
	return ""
}

// thousands writes an integer with dots between groups of three, the Vietnamese way.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	return b.String()
}
