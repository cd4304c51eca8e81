package dossier

import "slices"

// A family is the set of documents capdo builds in for one decree: which template makes
// which document, what the document is, and at which levels a dossier holds it. A rule
// set names its family in dossier_templates; the documents of a family for another decree
// (Decree 331/2026) are added here the same way, with their own templates, catalogue and
// recitals.
type family struct {
	id   string
	docs []docSpec
	// catalogue is the requirement catalogue (catalogue/<name>) of the protection plan
	// and of checklist.xlsx.
	catalogue string
}

// docSpec is one document of a family.
type docSpec struct {
	name, title string
	// need says whether a dossier holds the document, from the model's conditions; nil
	// means always.
	need func(c map[string]bool) bool
}

func (s docSpec) needed(c map[string]bool) bool { return s.need == nil || s.need(c) }

// families are the built-in families by id.
var families = map[string]*family{
	BuiltInTemplates: {
		id:        BuiltInTemplates,
		catalogue: "requirements.yaml",
		docs: []docSpec{
			{name: "to-trinh.docx", title: "Văn bản (công văn) đề nghị thẩm định hồ sơ đề xuất cấp độ; cấp độ 1–2: đề nghị thẩm định, phê duyệt"},
			{name: "thuyet-minh-de-xuat-cap-do.docx", title: "Thuyết minh tổng quan và đề xuất cấp độ"},
			{name: "phuong-an-bao-dam-attt.docx", title: "Phương án bảo đảm an toàn thông tin theo cấp độ"},
			{name: "phuong-an-ung-pho-su-co.docx", title: "Kế hoạch ứng phó sự cố bảo đảm an toàn thông tin mạng"},
			{name: "du-thao-quyet-dinh.docx", title: "Dự thảo quyết định phê duyệt cấp độ (cấp độ 5: phê duyệt phương án bảo đảm an toàn thông tin)"},
			// Levels 4–5: the operating unit asks the owner's infosec unit for its
			// professional opinion first (điểm d khoản 1 Điều 14), which is a dossier part
			// (khoản 5 Điều 15).
			{name: "xin-y-kien-chuyen-mon.docx", title: "Văn bản xin ý kiến chuyên môn của đơn vị chuyên trách về an toàn thông tin (cấp độ 4–5)",
				need: func(c map[string]bool) bool { return c["OPINION_REQUIRED"] }},
			{name: "du-thao-y-kien-chuyen-mon.docx", title: "Dự thảo văn bản ý kiến chuyên môn, để đơn vị chuyên trách về an toàn thông tin hoàn thiện (cấp độ 4–5)",
				need: func(c map[string]bool) bool { return c["OPINION_REQUIRED"] }},
			// From level 3 the appraisal is written (Điều 16, điểm b khoản 1 Điều 17) and
			// the operating unit then asks the owner to approve (điểm b, c khoản 3 Điều 14).
			{name: "du-thao-ket-qua-tham-dinh.docx", title: "Dự thảo văn bản kết quả thẩm định, để cơ quan thẩm định hoàn thiện (cấp độ 3–5)",
				need: func(c map[string]bool) bool { return !c["L12"] }},
			{name: "to-trinh-phe-duyet.docx", title: "Tờ trình đề nghị chủ quản phê duyệt (cấp độ 3–5)",
				need: func(c map[string]bool) bool { return !c["L12"] }},
		},
	},
}

// checklistTitle is the title of checklist.xlsx in the manifest.
const checklistTitle = "Bảng kiểm yêu cầu an toàn thông tin theo cấp độ (hiện trạng, biện pháp, thời hạn, tình trạng)"

// titleOf is the title of a known document, for an agency's templates rendered outside a
// family.
func titleOf(name string) string {
	for _, f := range families {
		if i := slices.IndexFunc(f.docs, func(s docSpec) bool { return s.name == name }); i >= 0 {
			return f.docs[i].title
		}
	}
	return ""
}
