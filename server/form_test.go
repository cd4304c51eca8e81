package server_test

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// base is a valid profile as the form posts it.
func formBase() url.Values {
	return url.Values{"name": {"Cổng dịch vụ công tỉnh"}, "owner": {"UBND tỉnh A"}, "system_type": {"citizen_business"},
		"info_types": {"public", "personal"}}
}

func with(v url.Values, kv ...string) url.Values {
	out := url.Values{}
	for k, x := range v {
		out[k] = append([]string(nil), x...)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out.Set(kv[i], kv[i+1])
	}
	return out
}

// profileOf reads the stored profile of the system a save redirected to.
func (f *fixture) profileOf(loc string) map[string]any {
	f.t.Helper()
	id := strings.TrimSuffix(strings.TrimPrefix(loc, "/systems/"), "?saved=1")
	_, body := f.do("vanhanhA", "GET", "/api/v1/systems/"+id, "", "")
	var sys struct {
		Profile map[string]any `json:"profile"`
	}
	if err := json.Unmarshal([]byte(body), &sys); err != nil {
		f.t.Fatalf("system %s: %v", id, err)
	}
	return sys.Profile
}

// Counts typed the Vietnamese way are read by the form; a decimal comma, or a dot that is
// not a thousands separator, is refused with a message saying why. Files keep strict
// numbers.
func TestSystemForm_ThousandsSeparators(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, typed := range []string{"320.000", "320 000", "320\u00a0000", "320\u202f000", "320000", " 320.000 "} {
		resp, body := f.form("vanhanhA", "/systems", with(formBase(), "personal_data_users", typed))
		if resp.StatusCode != 303 {
			t.Errorf("%q: %d\n%s", typed, resp.StatusCode, clip(body))
			continue
		}
		if n := f.profileOf(resp.Header.Get("Location"))["personal_data_users"]; n != float64(320000) {
			t.Errorf("%q stored as %v", typed, n)
		}
	}
	for _, c := range []struct{ typed, want string }{
		{"3,5", "«3,5» có dấu phẩy: ở đây cần một số nguyên"},
		{"320,000", "nếu là số hàng nghìn, hãy viết 320.000 hoặc 320000"},
		{"3.5", "«3.5» không phải số nguyên: dấu chấm chỉ dùng để tách hàng nghìn"},
		{"32.00.000", "«32.00.000» không phải số nguyên"},
		{"nhiều", "phải là số nguyên, ví dụ 320.000 hoặc 320000, không phải «nhiều»"},
		// Letters with the digits: the letters are the problem, not the separators.
		{"200.000 người", "«200.000 người» có chữ: chỉ nhập chữ số, ví dụ 200.000; không kèm chữ như «người»"},
		{"khoảng 3.5", "«khoảng 3.5» có chữ: chỉ nhập chữ số, ví dụ 200.000; không kèm chữ như «khoảng»"},
		{"2OO.000", "«2OO.000» có chữ O thay cho số 0: chỉ nhập chữ số, ví dụ 200.000"},
	} {
		resp, body := f.form("vanhanhA", "/systems", with(formBase(), "personal_data_users", c.typed))
		if resp.StatusCode != 400 || !strings.Contains(body, c.want) || !strings.Contains(body, `<a href="#in-personal_data_users">Số người sử dụng có thông tin riêng, cá nhân</a>: `) {
			t.Errorf("%q: %d, want 400 with %q", c.typed, resp.StatusCode, c.want)
		}
		if !strings.Contains(body, `name="personal_data_users" value="`+c.typed+`"`) {
			t.Errorf("%q: what was typed is not kept", c.typed)
		}
	}
	f.run(t, []scenario{
		{name: "a file keeps strict numbers", as: "vanhanhA", method: "POST", url: "/api/v1/classify", ctype: "application/yaml",
			body: "name: A\nowner: B\nsystem_type: internal\ninfo_types: [private]\npersonal_data_users: 320.000\n", want: 400,
			contains: []string{"có dấu phân cách hàng nghìn"}},
	})
}

// Components are rows of inputs: added and removed by buttons that post the form without
// saving (no JavaScript needed), each row's values kept, saved as components.
func TestSystemForm_ComponentRows(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	// Add a first row to an empty form.
	resp, body := f.form("vanhanhA", "/systems", with(formBase(), "_form", "add"))
	if resp.StatusCode != 200 || !strings.Contains(body, `name="components.0.name"`) || strings.Contains(body, `name="components.1.name"`) ||
		strings.Contains(body, `id="error-summary"`) || !strings.Contains(body, `value="Cổng dịch vụ công tỉnh"`) {
		t.Fatalf("add a row = %d\n%s", resp.StatusCode, clip(body))
	}
	rows := with(formBase(),
		"components.0._row", "1", "components.0.name", "Phân hệ thanh toán", "components.0.system_type", "citizen_business",
		"components.0.personal_data_users", "45.000",
		"components.3._row", "1", "components.3.name", "Phân hệ tra cứu", "components.3.system_type", "internal")
	rows["components.0.info_types"] = []string{"personal"}
	rows["components.3.info_types"] = []string{"public"}
	// A second add keeps both rows and numbers them again from 0.
	_, body = f.form("vanhanhA", "/systems", with(rows, "_form", "add"))
	for _, want := range []string{`name="components.0.name" value="Phân hệ thanh toán"`, `name="components.1.name" value="Phân hệ tra cứu"`,
		`name="components.2.name" value=""`, `name="components.0.personal_data_users" value="45.000"`, "Thành phần 3"} {
		if !strings.Contains(body, want) {
			t.Errorf("after add, the form lacks %s", want)
		}
	}
	// Removing the row posted as 0 leaves the other, now row 0.
	_, body = f.form("vanhanhA", "/systems", with(rows, "_form", "remove-0"))
	if !strings.Contains(body, `name="components.0.name" value="Phân hệ tra cứu"`) || strings.Contains(body, "Phân hệ thanh toán") {
		t.Errorf("after remove-0:\n%s", clip(body[strings.Index(body, `id="component-rows"`):]))
	}
	// Saving: the rows are the components; an empty row is ignored.
	resp, _ = f.form("vanhanhA", "/systems", with(rows, "components.7._row", "1"))
	if resp.StatusCode != 303 {
		t.Fatalf("save with rows = %d", resp.StatusCode)
	}
	p := f.profileOf(resp.Header.Get("Location"))
	comps, _ := p["components"].([]any)
	if len(comps) != 2 {
		t.Fatalf("stored components %v", p["components"])
	}
	first := comps[0].(map[string]any)
	if first["name"] != "Phân hệ thanh toán" || first["personal_data_users"] != float64(45000) || first["owner"] != "UBND tỉnh A" {
		t.Errorf("first component %v", first)
	}
	// A wrong row is named by its number and the field's label.
	_, body = f.form("vanhanhA", "/systems", with(rows, "components.3.system_type", ""))
	if !strings.Contains(body, `<a href="#in-c1-system_type">Thành phần 2 — Loại hệ thống</a>: bắt buộc; giá trị hợp lệ: «Hệ thống nội bộ»`) {
		t.Errorf("the row's problem is not named in words:\n%s", clip(body[strings.Index(body, `id="error-summary"`):]))
	}
}

// A component's own components cannot be rows: the edit form keeps them whole and saving
// it unchanged keeps them.
func TestSystemForm_NestedComponentsKept(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.createSystem("vanhanhA", `{"name": "Hệ thống chính", "owner": "UBND tỉnh A", "system_type": "internal", "info_types": ["public"],
		"components": [{"name": "Phân hệ A", "system_type": "internal", "info_types": ["public"],
			"components": [{"name": "Mô-đun con", "system_type": "citizen_business", "info_types": ["personal"], "personal_data_users": 20000}]}]}`)
	_, edit := f.do("vanhanhA", "GET", "/systems/"+itoa(id)+"/edit", "", "")
	if !strings.Contains(edit, `name="components.0.components" value="[{&#34;name&#34;:&#34;Mô-đun con&#34;`) || !strings.Contains(edit, "1 thành phần con («Mô-đun con»)") {
		t.Fatalf("the nested component is not kept on the form:\n%s", clip(edit[strings.Index(edit, `id="component-rows"`):]))
	}
	// Post back every input as the browser would.
	v := url.Values{}
	for _, m := range regexp.MustCompile(`<input[^>]* name="([^"]+)" value="([^"]*)"[^>]*>`).FindAllStringSubmatch(edit, -1) {
		if strings.Contains(m[0], `type="checkbox"`) && !strings.Contains(m[0], "checked") || m[1] == "_csrf" {
			continue
		}
		v.Add(m[1], htmlUnescape(m[2]))
	}
	for _, m := range regexp.MustCompile(`<select id="in-[^"]+" name="([^"]+)"[^>]*>.*?<option value="([^"]+)" selected>`).FindAllStringSubmatch(edit, -1) {
		v.Set(m[1], m[2])
	}
	resp, body := f.form("vanhanhA", "/systems/"+itoa(id), v)
	if resp.StatusCode != 303 {
		t.Fatalf("save unchanged = %d\n%s", resp.StatusCode, clip(body[strings.Index(body, "<main"):]))
	}
	_, js := f.do("vanhanhA", "GET", "/api/v1/systems/"+itoa(id), "", "")
	if !strings.Contains(js, `"name":"Mô-đun con"`) || !strings.Contains(js, `"level":3`) {
		t.Errorf("the nested component was lost: %s", clip(js))
	}
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&#34;", `"`, "&amp;", "&", "&lt;", "<", "&gt;", ">", "&#39;", "'").Replace(s)
}

// Only the fields that matter for what is chosen are shown; a field with a value always is.
func TestSystemForm_RelevantFields(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	hidden := func(body, key string) bool {
		return regexp.MustCompile(`id="f-` + key + `" data-key="` + key + `" hidden`).MatchString(body)
	}
	_, empty := f.do("vanhanhA", "GET", "/systems/new", "", "")
	for _, k := range []string{"infra_scope", "ics_work_grade", "personal_data_users", "secret_grade"} {
		if hidden(empty, k) {
			t.Errorf("%s hidden on an empty form: nothing is chosen yet", k)
		}
	}
	_, body := f.form("vanhanhA", "/systems", url.Values{"_form": {"refresh"}, "system_type": {"internal"}, "info_types": {"public"}})
	for k, want := range map[string]bool{"infra_scope": true, "ics_work_grade": true, "online_public_service_level": true,
		"personal_data_users": true, "secret_grade": true, "security_harm": true, "always_on": false, "name": false} {
		if hidden(body, k) != want {
			t.Errorf("internal, public: %s hidden = %v, want %v", k, !want, want)
		}
	}
	if !strings.Contains(body, `<fieldset class="section" hidden>
    <legend>Hệ thống điều khiển công nghiệp</legend>`) {
		t.Error("the industrial control section is not hidden for an internal system")
	}
	_, body = f.form("vanhanhA", "/systems", url.Values{"_form": {"refresh"}, "system_type": {"internal"}, "info_types": {"state_secret"}, "infra_scope": {"province"}})
	if hidden(body, "secret_grade") || hidden(body, "security_harm") || hidden(body, "infra_scope") {
		t.Error("a state secret shows its grade and harm; a filled field stays shown")
	}
}

// The live preview reads the form as saving would: thousands separators, rows, problems
// named by label with Vietnamese values; only editors use it.
func TestProfilePreview(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	form := func(v url.Values) string { return with(v, "_csrf", f.csrfToken("vanhanhA")).Encode() }
	ok := with(formBase(), "personal_data_users", "250.000")
	bad := with(formBase(), "system_type", "", "components.0.name", "Phân hệ", "components.0.system_type", "khác")
	f.run(t, []scenario{
		{name: "level from the form", as: "vanhanhA", method: "POST", url: "/profile/preview", ctype: "application/x-www-form-urlencoded",
			body: form(ok), want: 200, contains: []string{`"level":3`, `"rule":"D85.A9.K2.c"`}},
		{name: "problems in words", as: "vanhanhA", method: "POST", url: "/profile/preview", ctype: "application/x-www-form-urlencoded",
			body: form(bad), want: 400, contains: []string{
				`{"field":"system_type","id":"system_type","label":"Loại hệ thống","message":"bắt buộc; giá trị hợp lệ: «Hệ thống nội bộ», «Hệ thống phục vụ người dân, doanh nghiệp»`,
				`"field":"components.0.system_type","id":"c0-system_type","label":"Thành phần 1 — Loại hệ thống","message":"giá trị «khác» không hợp lệ`},
			notContains: []string{"citizen_business"}},
		{name: "without the form token", as: "vanhanhA", method: "POST", url: "/profile/preview", ctype: "application/x-www-form-urlencoded",
			body: ok.Encode(), want: 403},
		{name: "not an editor", as: "atttA", method: "POST", url: "/profile/preview", ctype: "application/x-www-form-urlencoded", body: form(ok), want: 403},
		{name: "not signed in", method: "POST", url: "/profile/preview", ctype: "application/x-www-form-urlencoded", body: ok.Encode(), want: 303},
	})
}
