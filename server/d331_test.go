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
	f := newFixture(t)
	_, body := f.do("vanhanhA", "GET", "/systems/new", "", "")
	for _, re := range []string{
		`<input type="checkbox" id="in-handles_admin_procedures" name="handles_admin_procedures" value="true" [^>]*> Hệ thống giải quyết thủ tục hành chính</label>`,
		`<label for="in-basic_pd_subjects" class="label">Số chủ thể dữ liệu cá nhân cơ bản</label>\s*<input id="in-basic_pd_subjects" name="basic_pd_subjects" value="" inputmode="numeric"[^>]*>`,
		`<label for="in-sensitive_pd_subjects" class="label">Số chủ thể dữ liệu cá nhân nhạy cảm</label>\s*<input id="in-sensitive_pd_subjects" name="sensitive_pd_subjects" value="" inputmode="numeric"[^>]*>`,
		`Tiêu chí mới của Nghị định 331/2026`,
		`Chỉ bộ quy tắc d331-2026 dùng trường này`,
	} {
		if !regexp.MustCompile(re).MatchString(body) {
			t.Errorf("form lacks %s", re)
		}
	}
}

// The facts are saved from the form, shown again when editing, and checked like the others.
func TestSystemForm_Decree331FactsRoundTrip(t *testing.T) {
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

// A server started with d331-2026 classifies by it and refuses dossiers with 409 before
// making anything: the built-in templates follow Decree 85.
func TestDecree331Server(t *testing.T) {
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

	resp, body = f.do("vanhanhA", "POST", "/api/v1/systems/"+itoa(f.sysA4)+"/dossiers", "", "")
	if resp.StatusCode != 409 || !strings.Contains(body, "bộ quy tắc d331-2026") || !strings.Contains(body, "chưa có mẫu hồ sơ") {
		t.Errorf("dossier under d331-2026 = %d %s, want 409 naming the missing templates", resp.StatusCode, body)
	}
	// Nothing was made.
	if _, body := f.do("vanhanhA", "GET", "/api/v1/dossiers", "", ""); strings.Contains(body, `"id":`) {
		t.Errorf("a dossier exists after the refusal: %s", body)
	}
	// The system page says so and the button is disabled.
	_, body = f.do("vanhanhA", "GET", "/systems/"+itoa(f.sysA4), "", "")
	if !strings.Contains(body, `id="no-templates"`) || !regexp.MustCompile(`id="generate" disabled`).MatchString(body) {
		t.Errorf("system page does not explain the refusal")
	}
	// The page form gets the same refusal.
	resp, body = f.form("vanhanhA", "/systems/"+itoa(f.sysA4)+"/dossiers", url.Values{})
	if resp.StatusCode != 409 || !strings.Contains(body, "chưa có mẫu hồ sơ") {
		t.Errorf("dossier form under d331-2026 = %d", resp.StatusCode)
	}
}
