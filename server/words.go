package server

import (
	"regexp"
	"strings"

	"capdo/dossier"
	"capdo/levels"
)

// Words that depend on the page: the rule set its footer names, the titles of a dossier's
// documents at its level.

// footerRules is the rule set a page's footer names: a dossier's own pinned set on the
// dossier's pages, the set the server classifies with elsewhere.
type footerRules struct {
	ID, Title string
	// Dossier: the set is the dossier's, which may differ from the server's.
	Dossier bool
}

// ruleSetPage is page data that carries a rule set of its own (a dossier's).
type ruleSetPage interface{ pageRuleSet() string }

func (v dossierView) pageRuleSet() string { return v.Dossier.RuleSet }

func (v confirmView) pageRuleSet() string { return v.Dossier.RuleSet }

// footerOf names the rule set of a page's data.
func (s *Server) footerOf(data any) footerRules {
	if s.rules == nil {
		return footerRules{}
	}
	f := footerRules{ID: s.rules.ID, Title: s.rules.Title}
	if p, ok := data.(ruleSetPage); ok && p.pageRuleSet() != "" {
		f = footerRules{ID: p.pageRuleSet(), Dossier: true}
		f.Title = ruleSetTitle(f.ID, s.rules)
	}
	return f
}

// ruleSetTitle is the title of a rule set by id: the server's, a built-in one, or none
// for an agency's set no longer loaded (the footer then shows the id alone).
func ruleSetTitle(id string, server *levels.RuleSet) string {
	if server != nil && server.ID == id {
		return server.Title
	}
	sets, err := levels.Embedded()
	if err != nil {
		return ""
	}
	for _, rs := range sets {
		if rs.ID == id {
			return rs.Title
		}
	}
	return ""
}

// docTitles name the documents of a dossier as a civil servant knows them; the request
// (to-trinh.docx) is named by docTitle, since what it asks for depends on the level.
var docTitles = map[string]string{
	"thuyet-minh-de-xuat-cap-do.docx": "Thuyết minh đề xuất cấp độ",
	"phuong-an-bao-dam-attt.docx":     "Phương án bảo đảm an toàn thông tin",
	"phuong-an-ung-pho-su-co.docx":    "Phương án ứng phó sự cố",
	"du-thao-quyet-dinh.docx":         "Dự thảo quyết định phê duyệt",
	"xin-y-kien-chuyen-mon.docx":      "Văn bản xin ý kiến chuyên môn của đơn vị chuyên trách về an toàn thông tin",
	"du-thao-y-kien-chuyen-mon.docx":  "Dự thảo văn bản ý kiến chuyên môn",
	"du-thao-ket-qua-tham-dinh.docx":  "Dự thảo văn bản kết quả thẩm định",
	"to-trinh-phe-duyet.docx":         "Tờ trình đề nghị chủ quản phê duyệt",
	"checklist.xlsx":                  "Bảng kiểm yêu cầu an toàn thông tin theo cấp độ",
	"manifest.json":                   "Danh mục tệp và mã băm",
}

// docTitle names a dossier's document at its level. At levels 1–2 one body appraises and
// approves, so the request asks for both (Decree 85 Art. 12.1; dossier/fields.go
// REQUEST_ACTION); from level 3 it asks for the appraisal, and the owner is asked to
// approve afterwards (to-trinh-phe-duyet.docx). A PDF is named after its DOCX. Other names
// (the Decree 331 documents, each titled with its level) as the dossier engine titles them.
func docTitle(name string, level int) string {
	if base, ok := strings.CutSuffix(name, ".pdf"); ok {
		if t := docTitle(base+".docx", level); t != base+".docx" {
			return t + " (PDF)"
		}
		return name
	}
	if name == "to-trinh.docx" {
		if level >= 1 && level <= 2 {
			return "Tờ trình đề nghị thẩm định, phê duyệt"
		}
		return "Tờ trình đề nghị thẩm định"
	}
	if t, ok := docTitles[name]; ok {
		return t
	}
	if t := dossier.TitleOf(name); t != "" {
		return t
	}
	return name
}

// keyAfterLabel is a fact's key in brackets after its label, as warnings about a fact name
// it for the API and the YAML file: «Loại hệ thống» (system_type).
var keyAfterLabel = regexp.MustCompile(`«([^»]+)» \(([a-z][a-z0-9_]*)\)`)

// keyInBrackets is a fact's key in brackets after the words that name it, as the warnings
// stored by earlier versions wrote it: «… số người sử dụng có thông tin riêng, cá nhân
// (personal_data_users): …».
var keyInBrackets = regexp.MustCompile(` \(([a-z][a-z0-9_]*)\)`)

// pageWarnings are a decision's warnings as a page shows them: a fact is named by its
// label alone (levels/readwarn.go writes them so). Warnings stored with a system version
// keep the words they were written with, so older ones are reworded when shown rather
// than where they are made: a known fact's key after its label, or after the words that
// name it, is dropped; any other bracket stays.
func pageWarnings(ws []string) []string {
	if len(ws) == 0 {
		return ws
	}
	out := make([]string, len(ws))
	for i, w := range ws {
		w = keyAfterLabel.ReplaceAllStringFunc(w, func(m string) string {
			sub := keyAfterLabel.FindStringSubmatch(m)
			if f, ok := stdForm.schema.Field(sub[2]); ok && f.Label == sub[1] {
				return "«" + sub[1] + "»"
			}
			return m
		})
		out[i] = keyInBrackets.ReplaceAllStringFunc(w, func(m string) string {
			if _, ok := stdForm.schema.Field(keyInBrackets.FindStringSubmatch(m)[1]); ok {
				return ""
			}
			return m
		})
	}
	return out
}
