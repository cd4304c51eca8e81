package dossier

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"capdo/levels"
	"capdo/risk"
)

// Names are the five documents of docs/contract.md §3, in the order they are rendered, listed and
// written. Every dossier holds them; a template set must hold a template of each (see
// Load).
var Names = []string{
	"to-trinh.docx",
	"thuyet-minh-de-xuat-cap-do.docx",
	"phuong-an-bao-dam-attt.docx",
	"phuong-an-ung-pho-su-co.docx",
	"du-thao-quyet-dinh.docx",
}

// ExtraNames are the documents a full dossier adds for its level (Input.Full; family.go
// says which level needs which): the request for the professional opinion (levels 4–5,
// điểm d khoản 1 Điều 14), the drafts of that opinion and of the appraisal result for the
// reviewers (levels 4–5 and 3–5), and the operating unit's request for approval to the
// owner (levels 3–5, điểm b, c khoản 3 Điều 14). Their templates are built in; an agency
// may bring its own.
var ExtraNames = []string{
	"xin-y-kien-chuyen-mon.docx",
	"du-thao-y-kien-chuyen-mon.docx",
	"du-thao-ket-qua-tham-dinh.docx",
	"to-trinh-phe-duyet.docx",
}

// TemplateNames are the templates of the Decree 85 family (d85) capdo knows, in the order
// documents are rendered: Names, then ExtraNames. An agency's template folder holds them
// at its top level.
var TemplateNames = append(slices.Clone(Names), ExtraNames...)

// D331Names are the documents of a Decree 331/2026 dossier (family d331, family.go), in
// the order they are rendered: the explanation of Art. 22, the protection plan of Art.
// 29–30, and the forms Mẫu 01–07 of the decree's appendix that the level needs (Mẫu 08, the
// annual report, is not part of a dossier). Their templates sit in the folder D331Dir of a
// template set, so that the explanation keeps the name it has under Decree 85.
var D331Names = []string{
	"thuyet-minh-de-xuat-cap-do.docx",
	"phuong-an-bao-dam-an-ninh-mang.docx",
	"mau-01-de-nghi-tham-dinh-phe-duyet.docx",
	"mau-02-de-nghi-tham-dinh.docx",
	"mau-03-xin-y-kien-chuyen-mon.docx",
	"mau-04-y-kien-tham-dinh.docx",
	"mau-05-to-trinh-phe-duyet.docx",
	"mau-06-quyet-dinh-phe-duyet-cap-do.docx",
	"mau-07-quyet-dinh-phe-duyet-phuong-an.docx",
}

// D331Dir is the folder of a template set that holds the templates of D331Names.
const D331Dir = "d331"

// templateKeys are the paths of every template in a template set: TemplateNames at the
// top, D331Names in D331Dir.
var templateKeys = func() []string {
	out := slices.Clone(TemplateNames)
	for _, n := range D331Names {
		out = append(out, D331Dir+"/"+n)
	}
	return out
}()

// GeneratedNames are every file name the registry may store as a generated file of a
// dossier of either family: the documents and the checklist. Uploads may not take them.
var GeneratedNames = func() []string {
	var out []string
	for _, n := range append(slices.Clone(TemplateNames), D331Names...) {
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return append(out, ChecklistName)
}()

// ChecklistName is the requirement checklist of a full dossier: the rows of the
// protection plan's requirement table, with columns to fill in (checklist.go).
const ChecklistName = "checklist.xlsx"

// ManifestName is the file that lists the documents and their hashes.
const ManifestName = "manifest.json"

// IsDossierFile reports whether name is a file capdo writes into a dossier folder: a
// document, its PDF, the checklist or the manifest.
func IsDossierFile(name string) bool {
	if name == ManifestName || name == ChecklistName {
		return true
	}
	if base, ok := strings.CutSuffix(name, ".pdf"); ok {
		name = base + ".docx"
	}
	return slices.Contains(TemplateNames, name) || slices.Contains(D331Names, name)
}

// ContentType is the media type of a dossier file, by its name.
func ContentType(name string) string {
	switch {
	case strings.HasSuffix(name, ".docx"):
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	case strings.HasSuffix(name, ".xlsx"):
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case strings.HasSuffix(name, ".pdf"):
		return "application/pdf"
	case strings.HasSuffix(name, ".json"):
		return "application/json"
	}
	return "application/octet-stream"
}

// ErrUndetermined is returned by Render for a decision at level 0: no criterion matched, so
// there is no level to propose and a person must decide it first. A dossier that proposes
// "level 0" would be a document no authority can appraise.
var ErrUndetermined = errors.New("cấp độ chưa xác định: không tiêu chí nào khớp với hồ sơ hệ thống, cần quyết định cấp độ thủ công trước khi lập hồ sơ đề xuất cấp độ")

// Input is what one dossier is made from.
type Input struct {
	Profile  levels.Profile
	Decision levels.Decision
	RuleSet  *levels.RuleSet
	// Date is printed on the documents; zero means today in Asia/Ho_Chi_Minh.
	Date time.Time
	// Place is the địa danh of the date line; empty means derived from the owner or
	// operator when it ends with an administrative unit (tỉnh, thành phố, quận…), Hà Nội
	// for a central body, else a blank to fill in.
	Place string

	// Full renders every document of the dossier for its level: besides the five of
	// Names, those of ExtraNames the level needs and checklist.xlsx. Without it Render
	// makes the five documents only, as it always has.
	Full bool
	// Sign is how the documents of the operating unit (or of whoever sends the request)
	// are signed: "" (the head signs), or one of SignVariants (ký thay, thừa lệnh, thừa
	// ủy quyền, thay mặt, quyền). OwnerSign is the same for what the owner signs: the
	// request it forwards at levels 4–5 and the decision at levels 3–5. These are choices
	// of the dossier, not facts of the system.
	Sign, OwnerSign string
	// Risk is the cyber risk assessment recorded for the system version (Decree 331 Art.
	// 10; the registry passes the record of registry.RiskOf), which the explanation of a
	// Decree 331 dossier reports (Art. 22.4.c, 22.5); nil gives the same tables with
	// blanks. Decree 85 documents do not use it.
	Risk *risk.Assessment
	// Transitional says the system was being invested in or built before 01/07/2026, so
	// that its level may still be appraised and approved under Decree 85 (khoản 1 Điều 39
	// Nghị định số 331/2026/NĐ-CP): a dossier dated after Decree 85 lapsed cites that
	// provision in its recitals (recitals.go).
	Transitional bool
}

// File is one generated document.
type File struct {
	Name   string
	Data   []byte
	SHA256 string
	// Title says what the document is, in Vietnamese; Template where its template came
	// from ("embedded" or the agency's folder), empty for files not made from a template.
	Title, Template string
}

// ManifestFile is one line of the manifest's file list.
type ManifestFile struct {
	Name     string `json:"name"`
	SHA256   string `json:"sha256"`
	Title    string `json:"title,omitempty"`
	Template string `json:"template,omitempty"`
}

// Manifest records what a dossier was made from, so that it can be traced and reproduced:
// the rule set and template versions by digest, and a hash of every document.
type Manifest struct {
	System          string         `json:"system"`
	SystemID        string         `json:"system_id,omitempty"`
	Level           int            `json:"level"`
	RuleSet         string         `json:"rule_set"`
	RuleSetDigest   string         `json:"rule_set_digest"`
	Templates       string         `json:"templates"`
	TemplatesDigest string         `json:"templates_digest"`
	GeneratedAt     time.Time      `json:"generated_at"`
	Files           []ManifestFile `json:"files"`
	// Final marks the version to sign (Dossier.Final): drafting notes left out. Blanks
	// says fill-in blanks were allowed to remain in it.
	Final  bool `json:"final,omitempty"`
	Blanks bool `json:"blanks_allowed,omitempty"`
}

// Dossier is a rendered dossier held in memory; nothing is written until WriteDir or
// WriteZip.
type Dossier struct {
	Files    []File
	Manifest Manifest
	// Secret is set when the system or a component processes state secrets: WriteDir then
	// makes the folder and files readable by their owner only.
	Secret bool
	// Warnings are what the person making the dossier should know about how it was made
	// (an agency template not used by this rule set, …).
	Warnings []string
}

// add appends a file and its manifest line.
func (d *Dossier) add(f File) {
	d.Files = append(d.Files, f)
	d.Manifest.Files = append(d.Manifest.Files, ManifestFile{Name: f.Name, SHA256: f.SHA256, Title: f.Title, Template: f.Template})
}

// SignVariants are the ways of signing of Nghị định 30/2020/NĐ-CP (Phụ lục I) that Input.Sign
// and Input.OwnerSign take, with what each means.
var SignVariants = []struct{ ID, Label string }{
	{"kt", "KT. (ký thay người đứng đầu)"},
	{"tl", "TL. (thừa lệnh)"},
	{"tuq", "TUQ. (thừa ủy quyền)"},
	{"tm", "TM. (thay mặt tập thể lãnh đạo)"},
	{"tm-kt", "TM. tập thể, KT. người đứng đầu (ví dụ TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH)"},
	{"q", "Q. (quyền người đứng đầu)"},
}

// CheckSign refuses a way of signing that is not one of SignVariants, naming the field (a
// flag, or an input field).
func CheckSign(field, v string) error {
	if v == "" || slices.ContainsFunc(SignVariants, func(s struct{ ID, Label string }) bool { return s.ID == v }) {
		return nil
	}
	ids := make([]string, len(SignVariants))
	for i, s := range SignVariants {
		ids[i] = s.ID
	}
	return fmt.Errorf("%s: cách ký «%s» không hợp lệ; giá trị hợp lệ: %s (bỏ trống khi người đứng đầu ký)", field, v, strings.Join(ids, ", "))
}
