package server_test

import (
	"encoding/json"
	"strings"
	"testing"

	"capdo/server"
)

// The request's title says what it asks for at the dossier's level: appraisal and
// approval at levels 1–2, appraisal from level 3.
func TestDossierPage_RequestTitleByLevel(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	sys2 := f.createSystem("vanhanhA", `{"name": "Quản lý nhân sự", "owner": "UBND tỉnh A", "system_type": "internal", "info_types": ["public", "private"]}`)
	_, js := f.do("vanhanhA", "GET", "/api/v1/systems/"+itoa(sys2), "", "")
	var s struct{ Level int }
	json.Unmarshal([]byte(js), &s)
	if s.Level != 2 {
		t.Fatalf("the level-2 profile is level %d", s.Level)
	}
	d2, d3, d4 := f.createDossier("vanhanhA", sys2), f.createDossier("vanhanhA", f.sysA3), f.createDossier("vanhanhA", f.sysA4)
	f.run(t, []scenario{
		{name: "level 2", as: "vanhanhA", method: "GET", url: "/dossiers/" + itoa(d2), want: 200,
			contains: []string{"<td>Tờ trình đề nghị thẩm định, phê duyệt<br>"}},
		{name: "level 3", as: "vanhanhA", method: "GET", url: "/dossiers/" + itoa(d3), want: 200,
			contains: []string{"<td>Tờ trình đề nghị thẩm định<br>"}, notContains: []string{"cấp độ 1–2: thẩm định, phê duyệt", "thẩm định, phê duyệt<br>"}},
		{name: "level 4", as: "vanhanhA", method: "GET", url: "/dossiers/" + itoa(d4), want: 200,
			contains: []string{"<td>Tờ trình đề nghị thẩm định<br>"}, notContains: []string{"thẩm định, phê duyệt<br>"}},
	})
}

// The footer names the rule set of the page: the dossier's own on its pages, the server's
// elsewhere.
func TestFooter_RuleSetOfThePage(t *testing.T) {
	t.Parallel()
	f := newFixtureRules(t, server.Config{}, nil, "d331-2026")
	resp, body := f.do("vanhanhA", "POST", "/api/v1/systems/"+itoa(f.sysA3)+"/dossiers", "application/json", `{"rule_set": "d85-2016"}`)
	if resp.StatusCode != 201 {
		t.Fatalf("a Decree 85 dossier on a Decree 331 server: %d %s", resp.StatusCode, body)
	}
	var d struct{ ID int64 }
	json.Unmarshal([]byte(body), &d)
	f.run(t, []scenario{
		{name: "dossier page", as: "vanhanhA", method: "GET", url: "/dossiers/" + itoa(d.ID), want: 200,
			contains: []string{`<footer id="footer-rules">capdo · Bộ quy tắc của hồ sơ: <code>d85-2016</code> — Nghị định 85/2016/NĐ-CP`}},
		{name: "confirmation page", as: "vanhanhA", method: "GET", url: "/dossiers/" + itoa(d.ID) + "/confirm?action=withdraw", want: 200,
			contains: []string{`Bộ quy tắc của hồ sơ: <code>d85-2016</code>`}},
		{name: "list", as: "vanhanhA", method: "GET", url: "/systems", want: 200,
			contains: []string{`<footer id="footer-rules">capdo · Bộ quy tắc đang áp dụng: <code>d331-2026</code> — Nghị định 331/2026/NĐ-CP`}, notContains: []string{"Nghị định 85/2016/NĐ-CP về bảo đảm"}},
		{name: "login page", method: "GET", url: "/login", want: 200, contains: []string{"Bộ quy tắc đang áp dụng: <code>d331-2026</code>"}},
	})
}

// Every page starts with a link past the header to the content.
func TestLayout_SkipLink(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	_, body := f.do("vanhanhA", "GET", "/dossiers", "", "")
	b := body[strings.Index(body, "<body>"):]
	if !strings.HasPrefix(b, "<body>\n<a class=\"skip\" href=\"#main\">Bỏ qua, đến nội dung chính</a>") || !strings.Contains(b, `<main id="main" tabindex="-1">`) {
		t.Errorf("no skip link first in the body:\n%s", clip(b))
	}
}
