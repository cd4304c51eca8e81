package server_test

import (
	"context"
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"capdo/levels"
	"capdo/server"
	"capdo/store"
	"capdo/store/storetest"
)

func TestPages_Access(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	d := f.createDossier("vanhanhA", f.sysA3)
	sys, dos := "/systems/"+itoa(f.sysA3), "/dossiers/"+itoa(d)
	f.run(t, []scenario{
		{name: "login page", method: "GET", url: "/login", want: 200, contains: []string{`<html lang="vi">`, "Đăng nhập", `name="_csrf"`}},
		{name: "signed in login page redirects", as: "vanhanhA", method: "GET", url: "/login", want: 303},
		{name: "dashboard anon", method: "GET", url: "/", want: 303},
		{name: "dashboard", as: "vanhanhA", method: "GET", url: "/", want: 200, contains: []string{"Tổng quan", "<svg", "Số hệ thống theo cấp độ"}},
		{name: "systems", as: "vanhanhA", method: "GET", url: "/systems", want: 200, contains: []string{"Cổng dịch vụ công Hà Nội", "Quản lý văn bản mật"}},
		{name: "systems other org", as: "vanhanhB", method: "GET", url: "/systems", want: 200, contains: []string{"Cổng dịch vụ công Hà Nội"}, notContains: []string{"Quản lý văn bản mật"}},
		{name: "system page", as: "atttA", method: "GET", url: sys, want: 200, contains: []string{"Cấp độ 3", "Điểm c khoản 2 Điều 9", "D85.A9.K2.c", "Lịch sử phiên bản"}, notContains: []string{`id="generate"`}},
		{name: "system page editor", as: "vanhanhA", method: "GET", url: sys, want: 200, contains: []string{`id="generate"`, "Khoản 2 Điều 12"}},
		{name: "new form", as: "vanhanhA", method: "GET", url: "/systems/new", want: 200},
		{name: "new form infosec", as: "atttA", method: "GET", url: "/systems/new", want: 403},
		{name: "edit form", as: "vanhanhA", method: "GET", url: sys + "/edit", want: 200, contains: []string{`value="HT-003"`, `value="250.000"`}},
		{name: "dossiers", as: "atttA", method: "GET", url: "/dossiers", want: 200, contains: []string{"Hồ sơ số " + itoa(d)}},
		{name: "dossier page", as: "atttA", method: "GET", url: dos, want: 200, contains: []string{"Chuỗi lịch sử hợp lệ", "to-trinh.docx", "d85-2016", "Mẫu văn bản"}},
		{name: "dossier page other org", as: "vanhanhB", method: "GET", url: dos, want: 404},
		{name: "users page operator", as: "vanhanhA", method: "GET", url: "/admin/users", want: 403},
		{name: "users page admin", as: "adminA", method: "GET", url: "/admin/users", want: 200, contains: []string{"vanhanhA", "atttA"}, notContains: []string{"vanhanhB", "thamdinh"}},
		{name: "orgs page admin", as: "adminA", method: "GET", url: "/admin/orgs", want: 200, contains: []string{"Sở TT&amp;TT A"}, notContains: []string{"UBND tỉnh B"}},
		{name: "search folds diacritics", as: "vanhanhA", method: "GET", url: "/systems?q=HA+NOI", want: 200, contains: []string{"Cổng dịch vụ công Hà Nội"}, notContains: []string{"Quản lý văn bản mật"}},
		{name: "filter level", as: "vanhanhA", method: "GET", url: "/systems?level=4", want: 200, contains: []string{"Quản lý văn bản mật"}, notContains: []string{"Cổng dịch vụ công Hà Nội"}},
		{name: "static css", method: "GET", url: "/static/style.css", want: 200, contains: []string{"--brand"}},
		{name: "static js", method: "GET", url: "/static/app.js", want: 200, contains: []string{"/profile/preview"}},
	})
}

// The form shows the Vietnamese labels and help of levels.Fields and option labels.
func TestSystemForm_Labels(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	_, body := f.do("vanhanhA", "GET", "/systems/new", "", "")
	for _, fl := range levels.Fields {
		if !strings.Contains(body, fl.Label) {
			t.Errorf("form lacks the label %q", fl.Label)
		}
	}
	for _, want := range []string{"khoản 1 Điều 6", levels.ValueLabel("citizen_business"), levels.ValueLabel("toi_mat"), `id="add-component"`, `id="component-template"`, `id="preview"`} {
		if !strings.Contains(body, want) {
			t.Errorf("form lacks %q", want)
		}
	}
}

// Problems are shown next to the input they concern, in the form's words, and what was
// typed is kept.
func TestSystemForm_InvalidShowsProblemsByField(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	resp, body := f.form("vanhanhA", "/systems", url.Values{
		"name": {"Hệ thống <b>thử</b>"}, "system_type": {"citizen_business"}, "personal_data_users": {"nhiều"},
		"components.0.name": {"Phân hệ"}, "components.0.system_type": {"sai"}, "components.0.info_types": {"public"},
	})
	if resp.StatusCode != 400 {
		t.Fatalf("invalid form = %d, want 400", resp.StatusCode)
	}
	for _, id := range []string{"owner", "info_types", "personal_data_users", "c0-system_type"} {
		re := regexp.MustCompile(`class="field has-problem" id="f-` + id + `"`)
		if !re.MatchString(body) {
			t.Errorf("no problem shown at %s", id)
		}
	}
	for _, want := range []string{`value="Hệ thống &lt;b&gt;thử&lt;/b&gt;"`, `value="nhiều"`, `value="Phân hệ"`,
		"giá trị «sai» không hợp lệ; giá trị hợp lệ: «Hệ thống nội bộ», «Hệ thống phục vụ người dân, doanh nghiệp»",
		`<a href="#in-c0-system_type">Thành phần 1 — Loại hệ thống</a>`, `<a href="#in-owner">Chủ quản hệ thống</a>: bắt buộc`,
		"phải là số nguyên, ví dụ 320.000 hoặc 320000, không phải «nhiều»", `data-attempted="1"`} {
		if !strings.Contains(body, want) {
			t.Errorf("re-shown form lacks %q", want)
		}
	}
	if strings.Contains(body[strings.Index(body, `id="error-summary"`):], "citizen_business,") {
		t.Error("a problem quotes the code citizen_business")
	}
}

// Saving through the form classifies on the server (no JavaScript needed), keeps every
// version and marks a change of level.
func TestSystemForm_SaveAndHistory(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	resp, _ := f.form("vanhanhA", "/systems", url.Values{
		"id": {"HT-010"}, "name": {"Cổng thông tin điện tử tỉnh Đắk Lắk"}, "owner": {"UBND tỉnh Đắk Lắk"},
		"system_type": {"citizen_business"}, "info_types": {"public", "personal"}, "personal_data_users": {"15000"},
		"components.0.name": {"Phân hệ thanh toán"}, "components.0.system_type": {"citizen_business"},
		"components.0.info_types": {"personal"}, "components.0.conditional_business_service": {"true"},
	})
	loc := resp.Header.Get("Location")
	if resp.StatusCode != 303 || !strings.HasPrefix(loc, "/systems/") {
		t.Fatalf("save = %d → %q", resp.StatusCode, loc)
	}
	_, body := f.do("vanhanhA", "GET", loc, "", "")
	for _, want := range []string{"Đã lưu phiên bản 1", "Cấp độ 3", "D85.A9.K2.c", "Phân hệ thanh toán"} {
		if !strings.Contains(body, want) {
			t.Errorf("system page lacks %q", want)
		}
	}
	id := strings.TrimSuffix(strings.TrimPrefix(loc, "/systems/"), "?saved=1")
	// The edit form round-trips components; dropping personal data lowers the level.
	_, edit := f.do("vanhanhA", "GET", "/systems/"+id+"/edit", "", "")
	if !strings.Contains(edit, `name="components.0.name" value="Phân hệ thanh toán"`) ||
		!regexp.MustCompile(`name="components.0.conditional_business_service" value="true" checked`).MatchString(edit) {
		t.Errorf("edit form does not show the component:\n%s", clip(edit[strings.Index(edit, "component-rows"):]))
	}
	resp, _ = f.form("vanhanhA", "/systems/"+id, url.Values{
		"id": {"HT-010"}, "name": {"Cổng thông tin điện tử tỉnh Đắk Lắk"}, "owner": {"UBND tỉnh Đắk Lắk"},
		"system_type": {"internal"}, "info_types": {"public"},
	})
	if resp.StatusCode != 303 {
		t.Fatalf("update = %d", resp.StatusCode)
	}
	_, body = f.do("vanhanhA", "GET", "/systems/"+id, "", "")
	if !strings.Contains(body, `class="level-changed"`) || !strings.Contains(body, "đổi cấp độ") {
		t.Error("the change of level is not highlighted in the history")
	}
	var vs []struct{ Level int }
	_, js := f.do("vanhanhA", "GET", "/api/v1/systems/"+id+"/versions", "", "")
	json.Unmarshal([]byte(js), &vs)
	if len(vs) != 2 || vs[0].Level != 3 || vs[1].Level == 3 {
		t.Errorf("versions = %+v", vs)
	}
}

// Names are data, never markup: a hostile organisation name is escaped in the SVG chart.
func TestDashboard_EscapesLabels(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	evil, err := f.db.CreateOrg(ctx, store.NewOrg{Name: `<script>alert(1)</script>"&`, ParentID: f.orgs["UBND tỉnh A"].ID})
	if err != nil {
		t.Fatal(err)
	}
	if resp, _ := f.do("adminA", "POST", "/api/v1/systems?org_id="+itoa(evil.ID), ctJSON, profileL3); resp.StatusCode != 201 {
		t.Fatal("create failed")
	}
	_, body := f.do("adminA", "GET", "/", "", "")
	if strings.Contains(body, "<script>alert") {
		t.Error("organisation name reached the page unescaped")
	}
	if !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;&#34;&amp;") {
		t.Error("escaped organisation name missing from the chart")
	}
	if !strings.Contains(body, `<rect x="230"`) {
		t.Error("no bars drawn")
	}
}

func TestAdmin_UsersAndOrgs(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	unit := f.orgs["Sở TT&TT A"].ID
	resp, _ := f.form("adminA", "/admin/users", url.Values{"username": {"moi"}, "role": {"operator"}, "org_id": {itoa(unit)}, "password": {"mat-khau-moi-123"}})
	if resp.StatusCode != 303 {
		t.Fatalf("create user = %d", resp.StatusCode)
	}
	if resp, _ := f.do("", "POST", "/api/v1/login", ctJSON, `{"username":"moi","password":"mat-khau-moi-123"}`); resp.StatusCode != 200 {
		t.Errorf("new user cannot log in: %d", resp.StatusCode)
	}
	for _, c := range []struct {
		name   string
		values url.Values
		want   int
		text   string
	}{
		{"short password", url.Values{"username": {"x1"}, "role": {"operator"}, "org_id": {itoa(unit)}, "password": {"ngan"}}, 400, "ít nhất 8 ký tự"},
		{"unknown role", url.Values{"username": {"x2"}, "role": {"root"}, "org_id": {itoa(unit)}, "password": {"mat-khau-moi-123"}}, 400, "chọn một vai trò"},
		{"other org", url.Values{"username": {"x3"}, "role": {"operator"}, "org_id": {itoa(f.orgs["UBND tỉnh B"].ID)}, "password": {"mat-khau-moi-123"}}, 400, "phạm vi quản lý"},
		{"duplicate", url.Values{"username": {"MOI"}, "role": {"operator"}, "org_id": {itoa(unit)}, "password": {"mat-khau-moi-123"}}, 409, "đã được dùng"},
		// An authority sees the level 4–5 dossiers of every organisation of its group: only
		// the server's operator makes one, at the console.
		{"authority from the browser", url.Values{"username": {"x4"}, "role": {"authority"}, "org_id": {itoa(unit)}, "password": {"mat-khau-moi-123"}}, 400, "capdo users add --role authority"},
	} {
		t.Run(c.name, func(t *testing.T) {
			resp, body := f.form("adminA", "/admin/users", c.values)
			if resp.StatusCode != c.want || !strings.Contains(body, c.text) {
				t.Errorf("= %d, want %d with %q", resp.StatusCode, c.want, c.text)
			}
		})
	}
	op := f.users["vanhanhA"].ID
	f.session("vanhanhA")
	if resp, _ := f.form("adminA", "/admin/users/"+itoa(op)+"/password", url.Values{"password": {"mat-khau-dat-lai"}}); resp.StatusCode != 303 {
		t.Errorf("reset password = %d", resp.StatusCode)
	}
	if resp, _ := f.do("vanhanhA", "GET", "/api/v1/me", "", ""); resp.StatusCode != 401 {
		t.Errorf("session survived a password reset: %d", resp.StatusCode)
	}
	if resp, _ := f.do("", "POST", "/api/v1/login", ctJSON, `{"username":"vanhanhA","password":"mat-khau-dat-lai"}`); resp.StatusCode != 200 {
		t.Errorf("login with the new password = %d", resp.StatusCode)
	}
	if resp, _ := f.form("adminA", "/admin/users/"+itoa(op)+"/disabled", url.Values{"disabled": {"true"}}); resp.StatusCode != 303 {
		t.Errorf("disable = %d", resp.StatusCode)
	}
	if resp, _ := f.do("", "POST", "/api/v1/login", ctJSON, `{"username":"vanhanhA","password":"mat-khau-dat-lai"}`); resp.StatusCode != 401 {
		t.Errorf("disabled user logs in: %d", resp.StatusCode)
	}
	f.run(t, []scenario{
		{name: "reset other org user", as: "adminB", method: "POST", url: "/admin/users/" + itoa(op) + "/password", ctype: "application/x-www-form-urlencoded",
			body: url.Values{"_csrf": {f.csrfToken("adminB")}, "password": {"mat-khau-dat-lai"}}.Encode(), want: 404},
		{name: "disable self", as: "adminA", method: "POST", url: "/admin/users/" + itoa(f.users["adminA"].ID) + "/disabled", ctype: "application/x-www-form-urlencoded",
			body: url.Values{"_csrf": {f.csrfToken("adminA")}, "disabled": {"true"}}.Encode(), want: 409},
		// One's own password needs the current one (/account): a stolen session must not
		// become a permanent takeover through the reset form.
		{name: "reset own password", as: "adminA", method: "POST", url: "/admin/users/" + itoa(f.users["adminA"].ID) + "/password", ctype: "application/x-www-form-urlencoded",
			body: url.Values{"_csrf": {f.csrfToken("adminA")}, "password": {"mat-khau-chiem-quyen"}}.Encode(), want: 409, contains: []string{"trang Tài khoản"}},
		{name: "the form does not offer authority", as: "adminA", method: "GET", url: "/admin/users", want: 200,
			contains: []string{`<option value="infosec"`}, notContains: []string{`<option value="authority"`}},
	})
	if resp, _ := f.do("", "POST", "/api/v1/login", ctJSON, `{"username":"adminA","password":"mat-khau-chiem-quyen"}`); resp.StatusCode != 401 {
		t.Errorf("the admin's own password was reset without the current one: login = %d", resp.StatusCode)
	}
	resp, _ = f.form("adminA", "/admin/orgs", url.Values{"name": {"Trung tâm CNTT"}, "parent_id": {itoa(unit)}})
	if resp.StatusCode != 303 {
		t.Fatalf("create org = %d", resp.StatusCode)
	}
	o, err := f.db.OrgByName(context.Background(), "Trung tâm CNTT")
	if err != nil || o.ParentID != unit {
		t.Errorf("org = %+v, %v", o, err)
	}
	if resp, _ := f.form("adminA", "/admin/orgs", url.Values{"name": {"X"}, "parent_id": {itoa(f.orgs["UBND tỉnh B"].ID)}}); resp.StatusCode != 400 {
		t.Errorf("org under another province = %d, want 400", resp.StatusCode)
	}
}

// Which ministry group an organisation appraises is set at the console only: with it and
// an authority account, an administrator would open other provinces' dossiers.
func TestAdmin_OrgAppraisesIsConsoleOnly(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	post := func(v url.Values) string {
		v.Set("_csrf", f.csrfToken("adminA"))
		return v.Encode()
	}
	const form = "application/x-www-form-urlencoded"
	parent := itoa(f.orgs["UBND tỉnh A"].ID)
	f.run(t, []scenario{
		{name: "form does not offer groups", as: "adminA", method: "GET", url: "/admin/orgs", want: 200,
			notContains: []string{`name="appraises"`}},
		{name: "a group from the browser", as: "adminA", method: "POST", url: "/admin/orgs", ctype: form,
			body: post(url.Values{"name": {"Cục A05"}, "parent_id": {parent}, "appraises": {"bca"}}), want: 400, contains: []string{"capdo users add --appraises"}},
		{name: "an ordinary organisation", as: "adminA", method: "POST", url: "/admin/orgs", ctype: form,
			body: post(url.Values{"name": {"Trung tâm CNTT"}, "parent_id": {parent}}), want: 303},
	})
	if o, err := f.db.OrgByName(context.Background(), "Trung tâm CNTT"); err != nil || o.Appraises != "civil" {
		t.Errorf("Trung tâm CNTT: appraises %q, %v; want civil", o.Appraises, err)
	}
	if _, err := f.db.OrgByName(context.Background(), "Cục A05"); err == nil {
		t.Error("an organisation with a group was created from the browser")
	}
}

// An infosec account reviews its parent organisation's subtree, so only an administrator
// whose subtree holds that parent may create one: a unit's administrator may not open its
// sibling units' dossiers to an account it made.
func TestAdmin_InfosecPlacement(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	unit := f.orgs["Sở TT&TT A"].ID
	hash, _ := bcrypt.GenerateFromPassword([]byte(password), bcrypt.MinCost)
	if _, err := f.db.CreateUser(context.Background(), store.NewUser{Username: "adminSo", Role: "admin", OrgID: unit, PasswordHash: hash}); err != nil {
		t.Fatal(err)
	}
	newInfosec := func(admin, name string) (int, string) {
		resp, body := f.form(admin, "/admin/users", url.Values{"username": {name}, "role": {"infosec"}, "org_id": {itoa(unit)}, "password": {"mat-khau-moi-123"}})
		return resp.StatusCode, body
	}
	if code, body := newInfosec("adminSo", "atttSo"); code != 400 || !strings.Contains(body, "chỉ quản trị viên của đơn vị cấp trên") {
		t.Errorf("unit admin creates an infosec account in its own unit = %d, want 400", code)
	}
	if code, _ := newInfosec("adminA", "atttSo"); code != 303 {
		t.Errorf("the chủ quản's admin creates it = %d, want 303", code)
	}
	if resp, _ := f.form("adminSo", "/admin/users", url.Values{"username": {"vhSo"}, "role": {"operator"}, "org_id": {itoa(unit)}, "password": {"mat-khau-moi-123"}}); resp.StatusCode != 303 {
		t.Errorf("unit admin creates an operator = %d, want 303", resp.StatusCode)
	}
}

// The dossier page says in words which templates made it, and how its rule set stands on
// the day: a repealed set still applies until its last day, then is no longer in force
// (the status and dates come from the rule-set registry).
func TestDossierPage_Provenance(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	d := f.createDossier("vanhanhA", f.sysA3)
	rs, err := levels.Open(levels.DefaultRuleSet)
	if err != nil {
		t.Fatal(err)
	}
	ruleSet := "<code>" + rs.ID + "</code> · "
	if rs.Status != levels.StatusInForce && rs.EffectiveTo != "" {
		last, _ := time.Parse(time.DateOnly, rs.EffectiveTo)
		ruleSet = "<code>" + rs.ID + "</code> (áp dụng đến hết ngày " + last.Format("02/01/2006") + ") · "
	}
	f.run(t, []scenario{
		{name: "dossier page", as: "vanhanhA", method: "GET", url: "/dossiers/" + itoa(d), want: 200,
			contains: []string{`<dd id="templates">mẫu có sẵn của capdo · `, `<dd id="rule-set">` + ruleSet}, notContains: []string{">embedded"}},
		{name: "the API keeps the recorded value", as: "vanhanhA", method: "GET", url: "/api/v1/dossiers/" + itoa(d), want: 200, contains: []string{`"templates":"embedded"`}},
	})
	if rs.Status != levels.StatusInForce && rs.EffectiveTo != "" {
		last, _ := time.Parse(time.DateOnly, rs.EffectiveTo)
		f.advance(last.Add(36 * time.Hour).Sub(f.now))
		delete(f.cookie, "vanhanhA") // the session has expired meanwhile
		f.run(t, []scenario{{name: "after its last day", as: "vanhanhA", method: "GET", url: "/dossiers/" + itoa(d), want: 200,
			contains: []string{`<dd id="rule-set"><code>` + rs.ID + "</code> (" + rs.StatusLabel() + ") · "}}})
	}
}

func TestSetupLink(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	empty := newEmptyFixture(t)
	tok, err := server.CreateSetupLink(ctx, empty.db, 0x7fffffffffff)
	if err != nil {
		t.Fatal(err)
	}
	resp, body := empty.do("", "GET", "/setup/"+tok, "", "")
	if resp.StatusCode != 200 || !strings.Contains(body, "Khởi tạo quản trị viên") {
		t.Fatalf("setup page = %d", resp.StatusCode)
	}
	m := csrfRe.FindStringSubmatch(body)
	var cookie string
	for _, c := range resp.Cookies() {
		if c.Name == "capdo_csrf" {
			cookie = c.Value
		}
	}
	post := func(v url.Values) (int, string) {
		v.Set("_csrf", m[1])
		resp, body := empty.do("", "POST", "/setup/"+tok, "application/x-www-form-urlencoded", v.Encode(), "Cookie", "capdo_csrf="+cookie)
		return resp.StatusCode, body
	}
	if code, body := post(url.Values{"org": {"Sở TT&TT"}, "username": {"admin"}, "password": {"ngan"}, "password2": {"ngan"}}); code != 400 || !strings.Contains(body, "ít nhất 8") {
		t.Errorf("short password = %d", code)
	}
	if code, _ := post(url.Values{"org": {"Sở TT&TT"}, "username": {"admin"}, "password": {"mat-khau-quan-tri"}, "password2": {"mat-khau-quan-tri"}}); code != 303 {
		t.Fatalf("setup = %d, want 303", code)
	}
	u, err := empty.db.UserByUsername(ctx, "admin")
	if err != nil || u.Role != "admin" || u.OrgName != "Sở TT&TT" {
		t.Errorf("admin = %+v, %v", u, err)
	}
	if code, _ := post(url.Values{"org": {"Khác"}, "username": {"admin2"}, "password": {"mat-khau-quan-tri"}, "password2": {"mat-khau-quan-tri"}}); code != 404 {
		t.Errorf("second use of the link = %d, want 404", code)
	}
	if resp, _ := empty.do("", "GET", "/setup/"+tok, "", ""); resp.StatusCode != 404 {
		t.Errorf("used link page = %d, want 404", resp.StatusCode)
	}
}

// newEmptyFixture is a server over a database without any organisation or user.
func newEmptyFixture(t *testing.T) *fixture {
	t.Helper()
	db, err := store.Open(context.Background(), storetest.DSN(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	rs, _ := levels.Open(levels.DefaultRuleSet)
	srv, err := server.New(server.Config{}, db, rs, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, db: db, srv: srv, app: srv.App(), cookie: map[string]string{}, csrf: map[string]string{}}
}

// The ministry that manages a defence or security system is a select on the form and
// survives a round trip through the edit form.
func TestSystemForm_ManagedBy(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	_, body := f.do("vanhanhA", "GET", "/systems/new", "", "")
	if !strings.Contains(body, `<option value="bca"`) || !strings.Contains(body, levels.ValueLabel("bqp")) {
		t.Fatal("the form has no choice of managing ministry")
	}
	resp, _ := f.form("vanhanhA", "/systems", url.Values{
		"name": {"Hệ thống chỉ huy"}, "owner": {"Công an tỉnh A"}, "system_type": {"internal"}, "info_types": {"private"},
		"defense_security": {"true"}, "security_harm": {"harm"}, "managed_by": {"bca"},
	})
	loc := resp.Header.Get("Location")
	if resp.StatusCode != 303 {
		t.Fatalf("save = %d", resp.StatusCode)
	}
	id := strings.TrimSuffix(strings.TrimPrefix(loc, "/systems/"), "?saved=1")
	_, edit := f.do("vanhanhA", "GET", "/systems/"+id+"/edit", "", "")
	if !regexp.MustCompile(`<option value="bca"\s+selected`).MatchString(edit) {
		t.Error("the edit form lost managed_by")
	}
}

// Who may call each page route: without a session every page sends the browser to the
// login page (a form post too, so nothing is done); a role outside the route's roles gets
// 403 before anything is looked up; someone allowed is served. Together with the API
// scenarios this covers every route of the application (checked in TestMain).
func TestPages_WhoMayCall(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	d := f.createDossier("vanhanhA", f.sysA3)
	sys, dos := "/systems/"+itoa(f.sysA3), "/dossiers/"+itoa(d)
	op := "/admin/users/" + itoa(f.users["vanhanhA"].ID)
	const form = "application/x-www-form-urlencoded"
	var sc []scenario
	for _, r := range []struct{ method, url string }{
		{"POST", "/logout"}, {"GET", "/systems"}, {"GET", "/systems/new"}, {"POST", "/systems"}, {"GET", sys},
		{"GET", sys + "/edit"}, {"POST", sys}, {"POST", sys + "/dossiers"}, {"GET", "/dossiers"}, {"GET", dos},
		{"POST", dos + "/actions"}, {"GET", "/account"}, {"POST", "/account/password"}, {"GET", "/admin/users"},
		{"POST", "/admin/users"}, {"POST", op + "/password"}, {"POST", op + "/disabled"}, {"GET", "/admin/orgs"}, {"POST", "/admin/orgs"},
		{"GET", "/account/mfa"}, {"POST", "/account/mfa"}, {"POST", "/account/mfa/disable"}, {"POST", op + "/placement"}, {"POST", op + "/mfa"},
	} {
		sc = append(sc, scenario{name: "anonymous " + r.method + " " + r.url, method: r.method, url: r.url, ctype: form, want: 303})
	}
	for _, r := range []struct{ as, method, url string }{
		{"atttA", "POST", "/systems"}, {"thamdinh", "GET", sys + "/edit"}, {"atttA", "POST", sys}, {"atttA", "POST", sys + "/dossiers"},
		{"vanhanhA", "POST", "/admin/users"}, {"chuquanA", "POST", op + "/password"}, {"atttA", "POST", op + "/disabled"},
		{"vanhanhA", "GET", "/admin/orgs"}, {"chuquanA", "POST", "/admin/orgs"},
		{"atttA", "POST", op + "/placement"}, {"thamdinh", "POST", op + "/mfa"},
	} {
		sc = append(sc, scenario{name: r.as + " " + r.method + " " + r.url, as: r.as, method: r.method, url: r.url, ctype: form,
			body: url.Values{"_csrf": {f.csrfToken(r.as)}}.Encode(), want: 403})
	}
	f.run(t, sc)
	for _, c := range []struct {
		as, url string
		values  url.Values
	}{
		{"vanhanhA", dos + "/actions", url.Values{"action": {"submit"}, "comment": {"Kính trình"}}},
		{"chuquanA", "/account/password", url.Values{"current": {password}, "password": {"mat-khau-moi-dai"}, "password2": {"mat-khau-moi-dai"}}},
		{"vanhanhA", "/logout", url.Values{}},
	} {
		if resp, body := f.form(c.as, c.url, c.values); resp.StatusCode != 303 {
			t.Errorf("%s POST %s = %d, want 303: %s", c.as, c.url, resp.StatusCode, clip(body))
		}
	}
	if got := anonymousLocation(f, "/dossiers"); !strings.HasPrefix(got, "/login") {
		t.Errorf("anonymous /dossiers goes to %q, want the login page", got)
	}
}

func anonymousLocation(f *fixture, target string) string {
	resp, _ := f.do("", "GET", target, "", "")
	return resp.Header.Get("Location")
}
