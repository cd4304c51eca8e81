package server_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"capdo/server"
)

const formType = "application/x-www-form-urlencoded"

// Each user sets its own full name, phone and e-mail (not its title); the dossier history
// then names the person, and the Account page says truly who changes role and unit.
func TestAccount_Contact(t *testing.T) {
	f, logs := newLoggedFixture(t, server.Config{})
	f.run(t, []scenario{
		{name: "anonymous", method: "POST", url: "/account/contact", ctype: formType, want: 303},
		{name: "operator's page", as: "vanhanhA", method: "GET", url: "/account", want: 200,
			contains: []string{"do quản trị viên của đơn vị bạn hoặc đơn vị cấp trên", "capdo users set"}},
		{name: "authority's page", as: "thamdinh", method: "GET", url: "/account", want: 200,
			contains: []string{"chỉ do người quản trị máy chủ thay đổi, bằng lệnh «capdo users set»"}},
		{name: "admin's page", as: "adminA", method: "GET", url: "/account", want: 200,
			contains: []string{"quản trị viên cùng đơn vị không thay đổi được"}},
	})
	resp, body := f.form("vanhanhA", "/account/contact", url.Values{"full_name": {"Nguyễn Văn A"}, "phone": {"0912 abc"}, "email": {"sai"}})
	if resp.StatusCode != 400 || !strings.Contains(body, "số điện thoại chỉ gồm chữ số") || !strings.Contains(body, "thư điện tử không hợp lệ") ||
		!strings.Contains(body, `value="Nguyễn Văn A"`) {
		t.Fatalf("invalid contact: %d\n%s", resp.StatusCode, clip(body))
	}
	resp, _ = f.form("vanhanhA", "/account/contact", url.Values{"full_name": {"Nguyễn Văn A"}, "phone": {"0912 345 678"},
		"email": {"vanhanh@so.gov.vn"}, "title": {"Giám đốc"}})
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/account?done=contact" {
		t.Fatalf("contact: %d", resp.StatusCode)
	}
	u, _ := f.db.User(t.Context(), f.users["vanhanhA"].ID)
	if u.FullName != "Nguyễn Văn A" || u.Phone != "0912 345 678" || u.Email != "vanhanh@so.gov.vn" || u.Title != "" {
		t.Errorf("stored = %+v; the title is not the user's to set", u.Contact)
	}
	logs.expect(t, "account.contact", map[string]any{"username": "vanhanhA"})
	d := f.createDossier("vanhanhA", f.sysA3)
	f.run(t, []scenario{
		{name: "history names the person", as: "chuquanA", method: "GET", url: "/dossiers/" + itoa(d), want: 200, contains: []string{"Nguyễn Văn A (vanhanhA)"}},
		{name: "header names the person", as: "vanhanhA", method: "GET", url: "/account?done=contact", want: 200, contains: []string{"<b>Nguyễn Văn A (vanhanhA)</b>", "Đã lưu thông tin liên hệ"}},
	})
}

// Administrators give accounts they may manage a name, title, phone and e-mail, at
// creation or later; not another province's, and only administrators.
func TestAdmin_Contact(t *testing.T) {
	f, logs := newLoggedFixture(t, server.Config{})
	target := "/admin/users/" + itoa(f.users["vanhanhA"].ID) + "/contact"
	f.run(t, []scenario{
		{name: "anonymous", method: "POST", url: target, ctype: formType, want: 303},
		{name: "not an administrator", as: "chuquanA", method: "POST", url: target, ctype: formType, want: 403},
	})
	v := url.Values{"full_name": {"Trần Thị B"}, "title": {"Phó Giám đốc"}, "phone": {"+84 24 3822 6789"}, "email": {"b@so.gov.vn"}}
	if resp, _ := f.form("adminB", target, v); resp.StatusCode != 404 {
		t.Errorf("another province's administrator: %d", resp.StatusCode)
	}
	if resp, body := f.form("adminA", target, url.Values{"title": {strings.Repeat("x", 101)}}); resp.StatusCode != 400 || !strings.Contains(body, "Chức vụ dài quá 100 ký tự") {
		t.Errorf("too long a title: %d\n%s", resp.StatusCode, clip(body))
	}
	if resp, _ := f.form("adminA", target, v); resp.StatusCode != 303 {
		t.Fatalf("contact: %d", resp.StatusCode)
	}
	logs.expect(t, "user.contact", map[string]any{"username": "adminA", "target": "vanhanhA"})
	f.run(t, []scenario{{name: "listed", as: "adminA", method: "GET", url: "/admin/users", want: 200, contains: []string{"Trần Thị B", "Phó Giám đốc", "b@so.gov.vn"}}})

	resp, body := f.form("adminA", "/admin/users", url.Values{"username": {"moi"}, "role": {"operator"}, "org_id": {itoa(f.orgs["Sở TT&TT A"].ID)},
		"password": {"mat-khau-ban-dau-1"}, "email": {"khong-hop-le"}})
	if resp.StatusCode != 400 || !strings.Contains(body, "thư điện tử không hợp lệ") {
		t.Fatalf("create with a bad e-mail: %d", resp.StatusCode)
	}
	resp, _ = f.form("adminA", "/admin/users", url.Values{"username": {"moi"}, "role": {"operator"}, "org_id": {itoa(f.orgs["Sở TT&TT A"].ID)},
		"password": {"mat-khau-ban-dau-1"}, "full_name": {"Lê Văn Mới"}, "email": {"moi@so.gov.vn"}})
	if resp.StatusCode != 303 {
		t.Fatalf("create: %d", resp.StatusCode)
	}
	u, err := f.db.UserByUsername(t.Context(), "moi")
	if err != nil || u.FullName != "Lê Văn Mới" || u.Email != "moi@so.gov.vn" {
		t.Errorf("created = %+v, %v", u, err)
	}
}

// Units are renamed and moved by an administrator above them, within its subtree, never
// under themselves; each change is in the security log and the unit's history, and a
// dossier made before a rename shows the unit's name then.
func TestAdmin_RenameAndMoveUnits(t *testing.T) {
	f, logs := newLoggedFixture(t, server.Config{})
	f.addUser("vhYte", "operator", "Sở Y tế A", "UBND tỉnh A", "")
	f.addUser("vhTT", "operator", "Trung tâm CNTT", "Sở TT&TT A", "")
	so, yte, tt, root := f.orgs["Sở TT&TT A"].ID, f.orgs["Sở Y tế A"].ID, f.orgs["Trung tâm CNTT"].ID, f.orgs["UBND tỉnh A"].ID
	d := f.createDossier("vanhanhA", f.sysA3)
	change := func(org int64) string { return "/admin/orgs/" + itoa(org) }
	f.run(t, []scenario{
		{name: "anonymous", method: "POST", url: change(so), ctype: formType, want: 303},
		{name: "not an administrator", as: "chuquanA", method: "POST", url: change(so), ctype: formType, want: 403},
		{name: "edit page", as: "adminA", method: "GET", url: "/admin/orgs?edit=" + itoa(so), want: 200,
			contains: []string{"Đổi tên, chuyển đơn vị «Sở TT&amp;TT A»", `value="` + itoa(yte) + `"`}},
		{name: "own unit's edit page", as: "adminA", method: "GET", url: "/admin/orgs?edit=" + itoa(root), want: 403},
		{name: "another province's", as: "adminB", method: "GET", url: "/admin/orgs?edit=" + itoa(so), want: 404},
	})
	// The edit form offers every unit of the subtree but the unit's own.
	_, page := f.do("adminA", "GET", "/admin/orgs?edit="+itoa(so), "", "")
	editForm, _, _ := strings.Cut(page[strings.Index(page, `id="org-edit"`):], "</form>")
	if strings.Contains(editForm, `value="`+itoa(tt)+`"`) || strings.Contains(editForm, `value="`+itoa(so)+`"`) || !strings.Contains(editForm, `value="`+itoa(yte)+`"`) {
		t.Errorf("edit form's parents:\n%s", editForm)
	}
	f.advance(time.Hour)
	// An hour without a request ends a session (idle timeout): everyone signs in again.
	clear(f.cookie)
	clear(f.csrf)
	for _, c := range []struct {
		name string
		as   string
		org  int64
		v    url.Values
		want int
		text string
	}{
		{"own unit", "adminA", root, url.Values{"name": {"UBND tỉnh A mới"}, "parent_id": {itoa(root)}}, 403, "quản trị viên cấp trên"},
		{"another province's unit", "adminB", so, url.Values{"name": {"X"}, "parent_id": {itoa(f.orgs["UBND tỉnh B"].ID)}}, 404, ""},
		{"out of the subtree", "adminA", so, url.Values{"name": {"Sở TT&TT A"}, "parent_id": {itoa(f.orgs["UBND tỉnh B"].ID)}}, 400, "thuộc phạm vi quản lý"},
		{"to the top", "adminA", so, url.Values{"name": {"Sở TT&TT A"}, "parent_id": {"0"}}, 400, "thuộc phạm vi quản lý"},
		{"under its own unit", "adminA", so, url.Values{"name": {"Sở TT&TT A"}, "parent_id": {itoa(tt)}}, 400, "đơn vị trực thuộc của nó"},
		{"a name taken", "adminA", so, url.Values{"name": {"Sở Y tế A"}, "parent_id": {itoa(root)}}, 409, "tên đơn vị đã tồn tại"},
		{"an empty name", "adminA", so, url.Values{"name": {" "}, "parent_id": {itoa(root)}}, 400, "bắt buộc"},
		{"rename", "adminA", so, url.Values{"name": {"Sở Khoa học và Công nghệ A"}, "parent_id": {itoa(root)}}, 303, ""},
		{"move", "adminA", tt, url.Values{"name": {"Trung tâm CNTT"}, "parent_id": {itoa(yte)}}, 303, ""},
	} {
		resp, body := f.form(c.as, change(c.org), c.v)
		if resp.StatusCode != c.want || !strings.Contains(body, c.text) {
			t.Errorf("%s: %d, want %d with %q\n%s", c.name, resp.StatusCode, c.want, c.text, clip(body))
		}
	}
	logs.expect(t, "org.rename", map[string]any{"username": "adminA", "old_name": "Sở TT&TT A", "org": "Sở Khoa học và Công nghệ A"})
	logs.expect(t, "org.move", map[string]any{"username": "adminA", "org": "Trung tâm CNTT", "old_parent": "Sở Khoa học và Công nghệ A", "new_parent": "Sở Y tế A"})
	f.run(t, []scenario{
		{name: "history", as: "adminA", method: "GET", url: "/admin/orgs?edit=" + itoa(so), want: 200,
			contains: []string{"Đổi tên «Sở TT&amp;TT A» → «Sở Khoa học và Công nghệ A»"}},
		{name: "moved unit's history", as: "adminA", method: "GET", url: "/admin/orgs?edit=" + itoa(tt), want: 200,
			contains: []string{"chuyển từ «Sở Khoa học và Công nghệ A» sang «Sở Y tế A»"}},
		{name: "old dossier", as: "vanhanhA", method: "GET", url: "/dossiers/" + itoa(d), want: 200,
			contains: []string{"Đơn vị khi lập hồ sơ: Sở TT&amp;TT A (nay là Sở Khoa học và Công nghệ A)"}},
		{name: "security log", as: "adminA", method: "GET", url: "/admin/security-log", want: 200, contains: []string{"Đổi tên đơn vị", "Chuyển đơn vị"}},
	})
}
