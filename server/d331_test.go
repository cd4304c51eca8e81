package server_test

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"capdo/server"
)

// The form shows the three Decree 331 facts with the right inputs: a checkbox and two
// numeric fields, with their labels and help.
func TestSystemForm_Decree331Fields(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	_, body := f.do("vanhanhA", "GET", "/systems/new", "", "")
	for _, re := range []string{
		`<input type="checkbox" id="in-handles_admin_procedures" name="handles_admin_procedures" value="true" [^>]*> Hệ thống giải quyết thủ tục hành chính</label>`,
		`<label for="in-basic_pd_subjects" class="label">Số chủ thể dữ liệu cá nhân cơ bản</label>\s*<input id="in-basic_pd_subjects" name="basic_pd_subjects" value="" inputmode="numeric"[^>]*>`,
		`<label for="in-sensitive_pd_subjects" class="label">Số chủ thể dữ liệu cá nhân nhạy cảm</label>\s*<input id="in-sensitive_pd_subjects" name="sensitive_pd_subjects" value="" inputmode="numeric"[^>]*>`,
		`Tiêu chí mới của Nghị định 331/2026`,
		`Chỉ Nghị định 331/2026 dùng trường này`,
	} {
		if !regexp.MustCompile(re).MatchString(body) {
			t.Errorf("form lacks %s", re)
		}
	}
}

// The facts are saved from the form, shown again when editing, and checked like the others.
func TestSystemForm_Decree331FactsRoundTrip(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	resp, body := f.form("vanhanhA", "/systems", url.Values{
		"name": {"Một cửa điện tử"}, "owner": {"UBND tỉnh A"}, "system_type": {"citizen_business"}, "info_types": {"personal"},
		"handles_admin_procedures": {"true"}, "basic_pd_subjects": {"-4"}, "sensitive_pd_subjects": {"nhiều"},
	})
	if resp.StatusCode != 400 {
		t.Fatalf("invalid counts = %d, want 400", resp.StatusCode)
	}
	for _, id := range []string{"basic_pd_subjects", "sensitive_pd_subjects"} {
		if !regexp.MustCompile(`class="field has-problem" id="f-` + id + `"`).MatchString(body) {
			t.Errorf("no problem shown next to %s", id)
		}
	}
	if !strings.Contains(body, `name="handles_admin_procedures" value="true" checked`) {
		t.Errorf("the ticked checkbox was not kept")
	}
	resp, _ = f.form("vanhanhA", "/systems", url.Values{
		"name": {"Một cửa điện tử"}, "owner": {"UBND tỉnh A"}, "system_type": {"citizen_business"}, "info_types": {"personal"},
		"handles_admin_procedures": {"true"}, "basic_pd_subjects": {"120000"}, "sensitive_pd_subjects": {"15"},
	})
	loc := resp.Header.Get("Location")
	if resp.StatusCode != 303 || !strings.HasPrefix(loc, "/systems/") {
		t.Fatalf("save = %d %s", resp.StatusCode, loc)
	}
	id := strings.TrimSuffix(strings.TrimPrefix(loc, "/systems/"), "?saved=1")
	_, body = f.do("vanhanhA", "GET", "/api/v1/systems/"+id, "", "")
	var sys struct {
		Profile map[string]any `json:"profile"`
	}
	json.Unmarshal([]byte(body), &sys)
	if sys.Profile["handles_admin_procedures"] != true || sys.Profile["basic_pd_subjects"] != float64(120000) || sys.Profile["sensitive_pd_subjects"] != float64(15) {
		t.Errorf("stored profile = %v", sys.Profile)
	}
	_, body = f.do("vanhanhA", "GET", "/systems/"+id+"/edit", "", "")
	for _, want := range []string{`name="handles_admin_procedures" value="true" checked`, `name="basic_pd_subjects" value="120.000"`, `name="sensitive_pd_subjects" value="15"`} {
		if !strings.Contains(body, want) {
			t.Errorf("edit form lacks %s", want)
		}
	}
}

// A server started with d331-2026 classifies by it and makes Decree 331 dossiers: the
// explanation, the protection plan, the forms of the level and the checklist, addressed as
// the decree's procedure says.
func TestDecree331Server(t *testing.T) {
	t.Parallel()
	f := newFixtureRules(t, server.Config{}, nil, "d331-2026")
	resp, body := f.do("vanhanhA", "POST", "/api/v1/classify", "application/json",
		`{"name": "Một cửa", "owner": "UBND tỉnh A", "system_type": "citizen_business", "info_types": ["personal"], "handles_admin_procedures": true, "sensitive_pd_subjects": 10000}`)
	var d struct {
		Level    int      `json:"level"`
		RuleSet  string   `json:"rule_set"`
		Decisive []string `json:"decisive"`
	}
	json.Unmarshal([]byte(body), &d)
	if resp.StatusCode != 200 || d.Level != 3 || d.RuleSet != "d331-2026" || strings.Join(d.Decisive, ",") != "D331.A13.K2.b,D331.A13.K2.c" {
		t.Errorf("classify = %d %s", resp.StatusCode, body)
	}

	resp, body = f.do("vanhanhA", "POST", "/api/v1/systems/"+itoa(f.sysA4)+"/dossiers", "application/json", `{"sign": "kt", "owner_sign": "tm"}`)
	var made struct {
		ID      int64  `json:"id"`
		Level   int    `json:"level"`
		RuleSet string `json:"rule_set"`
	}
	json.Unmarshal([]byte(body), &made)
	if resp.StatusCode != 201 || made.Level != 4 || made.RuleSet != "d331-2026" {
		t.Fatalf("dossier under d331-2026 = %d %s", resp.StatusCode, body)
	}
	_, body = f.do("vanhanhA", "GET", "/api/v1/dossiers/"+itoa(made.ID), "", "")
	for _, want := range []string{"thuyet-minh-de-xuat-cap-do.docx", "phuong-an-bao-dam-an-ninh-mang.docx", "mau-02-de-nghi-tham-dinh.docx",
		"mau-03-xin-y-kien-chuyen-mon.docx", "mau-04-y-kien-tham-dinh.docx", "mau-05-to-trinh-phe-duyet.docx", "mau-06-quyet-dinh-phe-duyet-cap-do.docx", "checklist.xlsx"} {
		if !strings.Contains(body, `"name":"`+want+`"`) {
			t.Errorf("dossier lacks %s", want)
		}
	}
	if strings.Contains(body, "to-trinh.docx") || strings.Contains(body, "mau-01") || strings.Contains(body, "mau-07") {
		t.Errorf("a level-4 Decree 331 dossier holds a Decree 85 document or a form of another level: %s", clip(body))
	}
	resp, doc := f.do("vanhanhA", "GET", "/api/v1/dossiers/"+itoa(made.ID)+"/documents/mau-02-de-nghi-tham-dinh.docx", "", "")
	if resp.StatusCode != 200 || !strings.Contains(bodyOf(t, doc), "Kính gửi: Bộ Công an.") || !strings.Contains(bodyOf(t, doc), "TM. ỦY BAN NHÂN DÂN") {
		t.Errorf("Mẫu 02 = %d: not addressed to Bộ Công an, or not signed on behalf of the committee", resp.StatusCode)
	}
	// A signing choice outside the variants is refused, naming the field.
	resp, body = f.do("vanhanhA", "POST", "/api/v1/systems/"+itoa(f.sysA4)+"/dossiers", "application/json", `{"sign": "ky-bua"}`)
	if resp.StatusCode != 400 || !strings.Contains(body, `"field":"sign"`) {
		t.Errorf("bad sign = %d %s", resp.StatusCode, body)
	}
	// The system page offers the dossier.
	_, body = f.do("vanhanhA", "GET", "/systems/"+itoa(f.sysA4), "", "")
	if strings.Contains(body, `id="no-templates"`) || regexp.MustCompile(`id="generate" disabled`).MatchString(body) {
		t.Errorf("system page refuses Decree 331 dossiers")
	}

}
