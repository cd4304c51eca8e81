package dossier

import (
	"slices"
	"strings"
)

// A family is the set of documents capdo builds in for one decree: which template makes
// which document, what the document is, and at which levels a dossier holds it. A rule
// set names its family in dossier_templates: d85 (Decree 85/2016) and d331 (Decree
// 331/2026), each with its own templates, catalogue and recitals.
type family struct {
	id   string
	docs []docSpec
	// dir is the folder of a template set that holds the family's templates ("" for the
	// top level).
	dir string
	// catalogue is the requirement catalogue (catalogue/<name>) of the protection plan
	// and of checklist.xlsx.
	catalogue string
	// always: every document the level needs is made, Input.Full or not (Full then adds
	// the checklist only). The Decree 85 family keeps the five documents of docs/contract.md §3
	// without Full.
	always bool
}

// D331Templates names the family of the Decree 331/2026 documents.
const D331Templates = "d331"

// key is where the template of a document of the family sits in a template set.
func (f *family) key(name string) string {
	if f.dir == "" {
		return name
	}
	return f.dir + "/" + name
}

// docSpec is one document of a family.
type docSpec struct {
	name, title string
	// need says whether a dossier holds the document, from the model's conditions; nil
	// means always.
	need func(c map[string]bool) bool
	// retitle gives another title under some conditions ("" keeps title): the decision
	// of levels 1–2 adapted from Mẫu 06.
	retitle func(c map[string]bool) string
}

func (s docSpec) needed(c map[string]bool) bool { return s.need == nil || s.need(c) }

// titleFor is the document's title for a dossier with conditions c.
func (s docSpec) titleFor(c map[string]bool) string {
	if s.retitle != nil {
		if t := s.retitle(c); t != "" {
			return t
		}
	}
	return s.title
}

// families are the built-in families by id.
var families = map[string]*family{
	BuiltInTemplates: {
		id:        BuiltInTemplates,
		catalogue: defaultCatalogue,
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
	// Decree 331/2026 (docs/reference/d331.md §3): the explanation of Art. 22 and the plan
	// of Art. 29–30, always; the forms of the decree's appendix by level. The decree's
	// articles never cite a form number, so which form serves which level is read from
	// each form's addressee and content (docs/reference/d331.md §3.5) [inferred]; every form says so in a
	// drafting note.
	D331Templates: {
		id:        D331Templates,
		dir:       D331Dir,
		catalogue: tcvnCatalogue,
		always:    true,
		docs: []docSpec{
			{name: "thuyet-minh-de-xuat-cap-do.docx", title: "Thuyết minh hồ sơ đề xuất cấp độ: tổng quan, đề xuất cấp độ, nhận diện rủi ro (Điều 22)"},
			{name: "phuong-an-bao-dam-an-ninh-mang.docx", title: "Phương án bảo đảm an ninh mạng theo cấp độ (Điều 29, Điều 30; TCVN 14423:2026)"},
			// Levels 1–2: the owner's cyber unit appraises and approves (khoản 1 Điều 18).
			// A critical system at levels 1–2 follows the level-5 route instead (khoản 4 Điều
			// 20, as the rule set routes it), with the forms of level 5.
			{name: "mau-01-de-nghi-tham-dinh-phe-duyet.docx", title: "Mẫu 01: Văn bản đề nghị thẩm định, phê duyệt hồ sơ đề xuất cấp độ (cấp độ 1–2)",
				need: func(c map[string]bool) bool { return c["INFOSEC_APPROVES"] }},
			{name: "mau-02-de-nghi-tham-dinh.docx", title: "Mẫu 02: Văn bản đề nghị thẩm định hồ sơ đề xuất cấp độ (cấp độ 3–5)",
				need: func(c map[string]bool) bool { return !c["INFOSEC_APPROVES"] }},
			// The cyber unit's opinion comes before the submission at levels 4–5 and on the
			// level-5 route (điểm d khoản 1 Điều 20, khoản 4 Điều 20).
			{name: "mau-03-xin-y-kien-chuyen-mon.docx", title: "Mẫu 03: Văn bản xin ý kiến chuyên môn về hồ sơ đề xuất cấp độ (cấp độ 4–5, hệ thống quan trọng về an ninh quốc gia)",
				need: func(c map[string]bool) bool { return c["OPINION_REQUIRED"] }},
			// A written appraisal opinion is part of the approval dossier from level 3
			// (điểm b khoản 1 Điều 24).
			{name: "mau-04-y-kien-tham-dinh.docx", title: "Mẫu 04: Dự thảo ý kiến thẩm định hồ sơ đề xuất cấp độ, để cơ quan thẩm định hoàn thiện (cấp độ 3–5)",
				need: func(c map[string]bool) bool { return !c["INFOSEC_APPROVES"] }},
			{name: "mau-05-to-trinh-phe-duyet.docx", title: "Mẫu 05: Tờ trình phê duyệt hồ sơ đề xuất cấp độ (cấp độ 3–5)",
				need: func(c map[string]bool) bool { return !c["INFOSEC_APPROVES"] }},
			// The owner approves the level at levels 3–4; at levels 1–2 the cyber unit
			// approves and the decree has no form, so Mẫu 06 is adapted.
			{name: "mau-06-quyet-dinh-phe-duyet-cap-do.docx", title: "Mẫu 06: Dự thảo quyết định phê duyệt cấp độ hệ thống thông tin (cấp độ 3–4)",
				need: func(c map[string]bool) bool { return !c["ROUTE5"] },
				retitle: func(c map[string]bool) string {
					if c["L12"] {
						return "Dự thảo quyết định phê duyệt cấp độ của đơn vị chuyên trách về an ninh mạng (cấp độ 1–2; điều chỉnh từ Mẫu 06)"
					}
					return ""
				}},
			// Level 5 and critical systems: the owner approves the protection plan, the
			// Prime Minister the list (điểm c khoản 3 Điều 20, khoản 4 Điều 20).
			{name: "mau-07-quyet-dinh-phe-duyet-phuong-an.docx", title: "Mẫu 07: Dự thảo quyết định phê duyệt phương án bảo đảm an ninh mạng (cấp độ 5, hệ thống quan trọng về an ninh quốc gia)",
				need: func(c map[string]bool) bool { return c["ROUTE5"] }},
		},
	},
}

// checklistTitle is the title of checklist.xlsx in the manifest, by family.
func checklistTitle(fam *family) string {
	if fam != nil && fam.id == D331Templates {
		return "Bảng kiểm yêu cầu an ninh mạng theo TCVN 14423:2026 cho cấp độ (hiện trạng, biện pháp, thời hạn, tình trạng)"
	}
	return "Bảng kiểm yêu cầu an toàn thông tin theo cấp độ (hiện trạng, biện pháp, thời hạn, tình trạng)"
}

// titleOf is the title of a document of the Decree 85 family, for an agency's templates
// rendered outside a family.
func titleOf(name string) string {
	f := families[BuiltInTemplates]
	if i := slices.IndexFunc(f.docs, func(s docSpec) bool { return s.name == name }); i >= 0 {
		return f.docs[i].title
	}
	return ""
}

// TitleOf is what a generated file is, in Vietnamese, by its name: a document of either
// family (the Decree 331 title when both have the name), its PDF, or the checklist; ""
// for another name.
func TitleOf(name string) string {
	pdf := strings.HasSuffix(name, ".pdf")
	if pdf {
		name = strings.TrimSuffix(name, ".pdf") + ".docx"
	}
	if name == ChecklistName {
		return checklistTitle(nil)
	}
	title := ""
	for _, id := range []string{D331Templates, BuiltInTemplates} {
		f := families[id]
		if i := slices.IndexFunc(f.docs, func(s docSpec) bool { return s.name == name }); i >= 0 && title == "" {
			title = f.docs[i].title
		}
	}
	if pdf && title != "" {
		title += " (PDF)"
	}
	return title
}
