package server_test

import (
	"encoding/json"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"capdo/levels"
	"capdo/server"
)

// newFacts are the facts of docs/contract.md §5 that exist only as rows of levels.Fields: the
// value the form posts, the input it shows, the rule of levels/testdata/new-facts.yaml that
// reads it, and a wrong value.
var newFacts = []struct {
	key, posted, input, rule, bad string
	stored                        any
}{
	{"strategic", "true", `<input type="checkbox" id="in-strategic" name="strategic" value="true" [^>]*> Hệ thống mang tính chiến lược</label>`, "TF.strategic", "", true},
	{"pm_decided_level", "4", `<input id="in-pm_decided_level" name="pm_decided_level" value="" inputmode="numeric"[^>]*>`, "TF.pm_decided_level", "7", float64(4)},
	{"risk_level", "3", `<input id="in-risk_level" name="risk_level" value="" inputmode="numeric"[^>]*>`, "TF.risk_level", "ba", float64(3)},
	{"owner_sector", "bcy", `<select id="in-owner_sector" name="owner_sector"[^>]*><option value="">— chọn —</option><option value="civil" >Dân sự</option><option value="bca" >Bộ Công an</option><option value="bqp" >Bộ Quốc phòng</option><option value="bcy" >Ban Cơ yếu Chính phủ</option></select>`, "TF.owner_sector", "army", "bcy"},
	{"critical_system", "true", `<input type="checkbox" id="in-critical_system" name="critical_system" value="true" [^>]*> Thuộc danh mục hệ thống thông tin quan trọng về an ninh quốc gia</label>`, "TF.critical_system", "", true},
	{"infosec_operates", "true", `<input type="checkbox" id="in-infosec_operates" name="infosec_operates" value="true" [^>]*>`, "TF.infosec_operates", "", true},
	{"transitional", "true", `<input type="checkbox" id="in-transitional" name="transitional" value="true" [^>]*>`, "TF.transitional", "", true},
}

// Each new fact is an input of the form; posted, it is saved, read by the rule that reads
// it, shown again on the edit form, and a wrong value is shown next to its input.
func TestSystemForm_NewFacts(t *testing.T) {
	t.Parallel()
	f := newFixtureRules(t, server.Config{}, nil, "../levels/testdata/new-facts.yaml")
	_, page := f.do("vanhanhA", "GET", "/systems/new", "", "")
	// The form says which built-in sets read a criterion; a procedural fact (transitional:
	// whether Decree 85 still applies) is not called unread by any.
	if !strings.Contains(page, "Chỉ Nghị định 331/2026 dùng trường này; Nghị định 85/2016 bỏ qua.") || strings.Contains(page, "Chưa bộ quy tắc có sẵn nào dùng trường này") {
		t.Errorf("the form's hints on which rule sets read the new facts are wrong")
	}
	base := url.Values{"name": {"Hệ thống A"}, "owner": {"UBND tỉnh A"}, "system_type": {"internal"}, "info_types": {"public"}}
	for _, c := range newFacts {
		t.Run(c.key, func(t *testing.T) {
			if !regexp.MustCompile(c.input).MatchString(page) {
				t.Errorf("the form lacks %s", c.input)
			}
			v := url.Values{}
			for k, x := range base {
				v[k] = x
			}
			if c.bad != "" {
				v.Set(c.key, c.bad)
				resp, body := f.form("vanhanhA", "/systems", v)
				if resp.StatusCode != 400 || !regexp.MustCompile(`class="field has-problem" id="f-`+c.key+`"`).MatchString(body) {
					t.Errorf("%s=%s: %d, no problem next to the input", c.key, c.bad, resp.StatusCode)
				}
			}
			v.Set(c.key, c.posted)
			resp, _ := f.form("vanhanhA", "/systems", v)
			loc := resp.Header.Get("Location")
			if resp.StatusCode != 303 || !strings.HasPrefix(loc, "/systems/") {
				t.Fatalf("save = %d %s", resp.StatusCode, loc)
			}
			id := strings.TrimSuffix(strings.TrimPrefix(loc, "/systems/"), "?saved=1")
			_, body := f.do("vanhanhA", "GET", "/api/v1/systems/"+id, "", "")
			var sys struct {
				Profile  map[string]any `json:"profile"`
				Decisive []string       `json:"decisive"`
			}
			json.Unmarshal([]byte(body), &sys)
			if sys.Profile[c.key] != c.stored || !slices.Equal(sys.Decisive, []string{c.rule}) {
				t.Errorf("stored %s = %v, decisive %v; want %v and %s", c.key, sys.Profile[c.key], sys.Decisive, c.stored, c.rule)
			}
			_, body = f.do("vanhanhA", "GET", "/systems/"+id+"/edit", "", "")
			shown := `name="` + c.key + `" value="` + c.posted + `"`
			if c.stored == true {
				shown += " checked"
			}
			if c.key == "owner_sector" {
				shown = `<option value="bcy" selected>`
			}
			if !strings.Contains(body, shown) {
				t.Errorf("edit form lacks %s", shown)
			}
		})
	}
}

// The API's description of a profile is the table of facts: every key, its type, the
// required ones, and nothing else.
func TestOpenAPI_ProfileIsTheTable(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	_, body := f.do("", "GET", "/api/v1/openapi.json", "", "")
	var doc struct {
		Components struct {
			Schemas struct {
				Profile struct {
					AdditionalProperties bool                      `json:"additionalProperties"`
					Required             []string                  `json:"required"`
					Properties           map[string]map[string]any `json:"properties"`
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatal(err)
	}
	p := doc.Components.Schemas.Profile
	if p.AdditionalProperties || !slices.Equal(p.Required, []string{"name", "owner", "system_type", "info_types"}) {
		t.Errorf("Profile: additionalProperties %v, required %v", p.AdditionalProperties, p.Required)
	}
	if len(p.Properties) != len(levels.Fields)+1 || p.Properties["components"]["type"] != "array" {
		t.Errorf("%d properties, want the %d facts and components", len(p.Properties), len(levels.Fields))
	}
	for key, want := range map[string]map[string]any{
		"owner_sector":                {"enum": []any{"civil", "bca", "bqp", "bcy"}},
		"pm_decided_level":            {"type": "integer", "minimum": float64(0), "maximum": float64(5)},
		"strategic":                   {"type": "boolean"},
		"online_public_service_level": {"type": "integer", "maximum": float64(4)},
		"personal_data_users":         {"type": "integer", "minimum": float64(0)},
		"info_types":                  {"type": "array", "minItems": float64(1)},
		"name":                        {"type": "string"},
	} {
		for k, v := range want {
			if got := p.Properties[key][k]; !reflect.DeepEqual(got, v) {
				t.Errorf("%s.%s = %v, want %v", key, k, got, v)
			}
		}
	}
	if _, ok := p.Properties["personal_data_users"]["maximum"]; ok {
		t.Errorf("a count has a maximum")
	}
}

// The system page names facts and their values in words: the warnings about a fact the
// rule set ignores and about facts that contradict each other show labels, not keys.
func TestSystemPage_WarningsInWords(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.createSystem("vanhanhA", `{"name":"Cổng dịch vụ công","owner":"UBND tỉnh A","system_type":"citizen_business","info_types":["public"],
		"infra_scope":"province","handles_admin_procedures":true}`)
	_, page := f.do("vanhanhA", "GET", "/systems/"+itoa(id), "", "")
	for _, want := range []string{
		"Mâu thuẫn: khai báo phạm vi dùng chung hạ tầng «Các cơ quan, tổ chức trong một tỉnh» cho hệ thống không phải cơ sở hạ tầng thông tin (loại hệ thống: «Hệ thống phục vụ người dân, doanh nghiệp»)",
		"Trường «Hệ thống giải quyết thủ tục hành chính» đã được khai báo",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the system page lacks %q", want)
		}
	}
	for _, key := range []string{"(infra_scope", "(system_type", "(handles_admin_procedures)"} {
		if strings.Contains(page, key) {
			t.Errorf("the system page shows the key %s", key)
		}
	}
}
