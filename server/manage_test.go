package server_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"capdo/server"
)

// manageFixture adds, under UBND tỉnh A, the accounts of the takeover found in inspection:
//
//	UBND tỉnh A: adminA, adminA2 (a second administrator, a peer of adminA)
//	└── Sở TT&TT A: adminSo (the unit's administrator), atttSo (infosec, placed there by
//	    adminA: it reviews the whole province), vhSo (operator), thamdinhSo (authority,
//	    placed at the console)
func manageFixture(t *testing.T) (*fixture, *logBuffer) {
	f, logs := newLoggedFixture(t, server.Config{})
	f.addUser("adminA2", "admin", "UBND tỉnh A", "", "")
	f.addUser("adminSo", "admin", "Sở TT&TT A", "", "")
	f.addUser("atttSo", "infosec", "Sở TT&TT A", "", "")
	f.addUser("vhSo", "operator", "Sở TT&TT A", "", "")
	f.addUser("thamdinhSo", "authority", "Sở TT&TT A", "", "")
	return f, logs
}

// Account management can never widen what someone sees: an administrator resets,
// disables or re-enables only the accounts it could have created, never an infosec or
// authority account placed by someone above it, never a peer or superior administrator.
func TestAdmin_ManageOnlyWhatOneCouldCreate(t *testing.T) {
	t.Parallel()
	f, logs := manageFixture(t)
	const form = "application/x-www-form-urlencoded"
	reset := func(as, target string) scenario {
		return scenario{as: as, method: "POST", url: "/admin/users/" + itoa(f.users[target].ID) + "/password", ctype: form,
			body: url.Values{"_csrf": {f.csrfToken(as)}, "password": {"mat-khau-chiem-quyen"}}.Encode()}
	}
	disable := func(as, target string) scenario {
		return scenario{as: as, method: "POST", url: "/admin/users/" + itoa(f.users[target].ID) + "/disabled", ctype: form,
			body: url.Values{"_csrf": {f.csrfToken(as)}, "disabled": {"true"}}.Encode()}
	}
	for _, c := range []struct {
		name string
		sc   scenario
		want int
		text string
	}{
		// The critical finding: the unit's administrator takes over the province's reviewer.
		{"unit admin resets the infosec reviewer placed above it", reset("adminSo", "atttSo"), 403, "chỉ quản trị viên của đơn vị cấp trên"},
		{"unit admin disables the infosec reviewer placed above it", disable("adminSo", "atttSo"), 403, "chỉ quản trị viên của đơn vị cấp trên"},
		{"admin resets an authority account in its subtree", reset("adminA", "thamdinhSo"), 403, "capdo users"},
		{"admin disables an authority account in its subtree", disable("adminA", "thamdinhSo"), 403, "capdo users"},
		{"peer admin disables its creator", disable("adminA2", "adminA"), 403, "cùng đơn vị"},
		{"admin resets a peer admin", reset("adminA", "adminA2"), 403, "cùng đơn vị"},
		{"unit admin resets the province admin", reset("adminSo", "adminA"), 404, "Không tìm thấy"},
		{"unit admin disables the province admin", disable("adminSo", "adminA"), 404, "Không tìm thấy"},
	} {
		t.Run(c.name, func(t *testing.T) {
			resp, body := f.do(c.sc.as, c.sc.method, c.sc.url, c.sc.ctype, c.sc.body)
			if resp.StatusCode != c.want || !strings.Contains(body, c.text) {
				t.Errorf("= %d, want %d with %q\n%s", resp.StatusCode, c.want, c.text, clip(body))
			}
		})
	}
	// Every refusal is in the security log, with who tried what on whom.
	logs.expect(t, "user.manage_denied", map[string]any{"username": "adminSo", "act": "password.reset", "target": "atttSo", "target_role": "infosec"})
	logs.expect(t, "user.manage_denied", map[string]any{"username": "adminA2", "act": "user.disable", "target": "adminA"})
	logs.expect(t, "user.manage_denied", map[string]any{"username": "adminSo", "act": "password.reset", "target_id": float64(f.users["adminA"].ID)})
	// Nothing changed: every target still logs in with its own password.
	for _, u := range []string{"atttSo", "thamdinhSo", "adminA", "adminA2"} {
		if code, _ := f.loginAs(u, password); code != 200 {
			t.Errorf("%s after the refused acts: login = %d, want 200", u, code)
		}
		if code, _ := f.loginAs(u, "mat-khau-chiem-quyen"); code != 401 {
			t.Errorf("%s: the password an administrator set logs in (%d)", u, code)
		}
	}
	// What each may do: the accounts they could have created.
	for _, c := range []struct {
		name string
		sc   scenario
	}{
		{"province admin resets the infosec reviewer it placed", reset("adminA", "atttSo")},
		{"province admin disables the unit's admin", disable("adminA", "adminSo")},
		{"unit admin resets its operator", reset("adminSo", "vhSo")},
	} {
		t.Run(c.name, func(t *testing.T) {
			if resp, body := f.do(c.sc.as, c.sc.method, c.sc.url, c.sc.ctype, c.sc.body); resp.StatusCode != 303 {
				t.Errorf("= %d, want 303\n%s", resp.StatusCode, clip(body))
			}
		})
	}
}

// The users page offers no form for an account the administrator may not manage, and
// says why.
func TestAdmin_UsersPageOffersOnlyManageable(t *testing.T) {
	t.Parallel()
	f, _ := manageFixture(t)
	_, body := f.do("adminSo", "GET", "/admin/users", "", "")
	for _, name := range []string{"atttSo", "thamdinhSo"} {
		if strings.Contains(body, `action="/admin/users/`+itoa(f.users[name].ID)+`/password"`) {
			t.Errorf("the unit admin is offered a reset of %s", name)
		}
	}
	if !strings.Contains(body, `action="/admin/users/`+itoa(f.users["vhSo"].ID)+`/password"`) {
		t.Error("the unit admin is not offered a reset of its operator")
	}
	if !strings.Contains(body, "chỉ quản trị viên của đơn vị cấp trên") {
		t.Error("the page does not say why the reviewer is not manageable")
	}
	_, body = f.do("adminA", "GET", "/admin/users", "", "")
	if strings.Contains(body, `action="/admin/users/`+itoa(f.users["adminA2"].ID)+`/disabled"`) {
		t.Error("adminA is offered to disable its peer")
	}
}

// A change of role or unit follows the rule of creating: the new placement must be one
// the administrator could create, for an account it may manage; the account's sessions
// end, and the change is in the security log.
func TestAdmin_ChangePlacement(t *testing.T) {
	t.Parallel()
	f, logs := manageFixture(t)
	const form = "application/x-www-form-urlencoded"
	place := func(as, target, role string, org int64) scenario {
		return scenario{as: as, method: "POST", url: "/admin/users/" + itoa(f.users[target].ID) + "/placement", ctype: form,
			body: url.Values{"_csrf": {f.csrfToken(as)}, "role": {role}, "org_id": {itoa(org)}}.Encode()}
	}
	so, tinhA, tinhB := f.orgs["Sở TT&TT A"].ID, f.orgs["UBND tỉnh A"].ID, f.orgs["UBND tỉnh B"].ID
	f.session("vhSo")
	for _, c := range []struct {
		name string
		sc   scenario
		want int
		text string
	}{
		{"unit admin makes its operator the province's reviewer", place("adminSo", "vhSo", "infosec", so), 400, "chỉ quản trị viên của đơn vị cấp trên"},
		{"unit admin makes its operator an authority", place("adminSo", "vhSo", "authority", so), 400, "capdo users add --role authority"},
		{"admin moves an account to another province", place("adminA", "vhSo", "operator", tinhB), 400, "phạm vi quản lý"},
		{"unit admin moves the reviewer placed above it", place("adminSo", "atttSo", "operator", so), 403, "chỉ quản trị viên của đơn vị cấp trên"},
		{"peer admin demotes its creator", place("adminA2", "adminA", "operator", tinhA), 403, "cùng đơn vị"},
		{"admin changes itself", place("adminA", "adminA", "operator", tinhA), 409, "quản trị viên cấp trên"},
		{"admin in another province", place("adminB", "vhSo", "operator", tinhB), 404, "Không tìm thấy"},
		{"province admin makes the unit's operator its reviewer", place("adminA", "vhSo", "infosec", so), 303, ""},
		{"unit admin makes its operator an owner", place("adminSo", "vanhanhA", "owner", so), 303, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			resp, body := f.do(c.sc.as, c.sc.method, c.sc.url, c.sc.ctype, c.sc.body)
			if resp.StatusCode != c.want || !strings.Contains(body, c.text) {
				t.Errorf("= %d, want %d with %q\n%s", resp.StatusCode, c.want, c.text, clip(body))
			}
		})
	}
	if resp, _ := f.do("vhSo", "GET", "/api/v1/me", "", ""); resp.StatusCode != 401 {
		t.Errorf("a session survived the change of role: %d", resp.StatusCode)
	}
	u, _ := f.db.User(context.Background(), f.users["vhSo"].ID)
	if u.Role != "infosec" || u.OrgID != so {
		t.Errorf("vhSo = %s in %d, want infosec in Sở", u.Role, u.OrgID)
	}
	logs.expect(t, "user.placement", map[string]any{"username": "adminA", "target": "vhSo", "target_role": "operator", "new_role": "infosec", "new_org": "Sở TT&TT A"})
	logs.expect(t, "user.manage_denied", map[string]any{"username": "adminSo", "act": "user.placement", "target": "vhSo", "role": "infosec"})
}

// An administrator turns off the second factor of an account it manages (a lost
// device), never of one it may not manage.
func TestAdmin_ResetMFA(t *testing.T) {
	t.Parallel()
	f, logs := manageFixture(t)
	const form = "application/x-www-form-urlencoded"
	f.enrol("atttSo")
	f.enrol("vhSo")
	reset := func(as, target string) (int, string) {
		resp, body := f.do(as, "POST", "/admin/users/"+itoa(f.users[target].ID)+"/mfa", form, url.Values{"_csrf": {f.csrfToken(as)}}.Encode())
		return resp.StatusCode, body
	}
	if code, body := reset("adminSo", "atttSo"); code != 403 || !strings.Contains(body, "chỉ quản trị viên của đơn vị cấp trên") {
		t.Errorf("unit admin resets the reviewer's second factor = %d, want 403", code)
	}
	if code, _ := f.loginAs("atttSo", password); code != 401 {
		t.Errorf("atttSo logs in with the password alone after a refused reset: %d", code)
	}
	if code, _ := reset("adminSo", "vhSo"); code != 303 {
		t.Errorf("unit admin resets its operator's second factor = %d, want 303", code)
	}
	if code, _ := f.loginAs("vhSo", password); code != 200 {
		t.Errorf("password alone after the reset = %d, want 200", code)
	}
	if code, _ := reset("adminA", "adminA"); code != 409 {
		t.Errorf("own second factor through the admin form = %d, want 409", code)
	}
	logs.expect(t, "mfa.reset", map[string]any{"username": "adminSo", "target": "vhSo"})
	f.run(t, []scenario{{name: "notice", as: "adminSo", method: "GET", url: "/admin/users?done=mfa", want: 200, contains: []string{"Đã tắt xác thực hai lớp"}}})
}

// Usernames and organisation names are unique installation-wide, so «taken» cannot be
// hidden; but the answer is the same wherever the name is taken, each try of a name
// taken in another province is a warning in the security log, and after five the
// administrator must wait, whatever name it tries next (inspection: admins learnt other
// provinces' names from 409 against 303).
func TestAdmin_NameProbingThrottled(t *testing.T) {
	t.Parallel()
	f, logs := manageFixture(t)
	unit := itoa(f.orgs["Sở TT&TT A"].ID)
	create := func(name string) (int, string) {
		resp, body := f.form("adminA", "/admin/users", url.Values{"username": {name}, "role": {"operator"}, "org_id": {unit}, "password": {"mat-khau-moi-123"}})
		return resp.StatusCode, body
	}
	inside, _ := create("vhSo")
	outside, body := create("adminB")
	if inside != 409 || outside != 409 || !strings.Contains(body, "tên đăng nhập đã được dùng") {
		t.Errorf("taken inside = %d, outside = %d; want the same 409", inside, outside)
	}
	logs.expect(t, "user.create_conflict", map[string]any{"username": "adminA", "tried": "adminB", "outside_scope": true, "level": "WARN"})
	for _, probe := range []string{"vanhanhB", "thamdinh", "VANHANHB"} {
		create(probe)
	}
	resp, _ := f.form("adminA", "/admin/orgs", url.Values{"name": {"UBND tỉnh B"}, "parent_id": {unit}})
	if resp.StatusCode != 409 {
		t.Errorf("an organisation name of another province = %d, want 409", resp.StatusCode)
	}
	logs.expect(t, "org.create_conflict", map[string]any{"username": "adminA", "tried": "UBND tỉnh B", "outside_scope": true})
	// Five probes: now every creation waits, a free name too, so the refusal tells nothing.
	for _, name := range []string{"ten-chua-co", "adminB"} {
		if code, body := create(name); code != 429 || !strings.Contains(body, "ngoài phạm vi quản lý") {
			t.Errorf("create %s after five probes = %d, want 429", name, code)
		}
	}
	if resp, _ := f.form("adminA", "/admin/orgs", url.Values{"name": {"Phòng mới"}, "parent_id": {unit}}); resp.StatusCode != 429 {
		t.Errorf("create an organisation after five probes = %d, want 429", resp.StatusCode)
	}
	// Names taken inside one's own subtree are ordinary mistakes and cost nothing.
	if code, _ := (func() (int, string) {
		resp, body := f.form("adminSo", "/admin/users", url.Values{"username": {"vhSo"}, "role": {"operator"}, "org_id": {unit}, "password": {"mat-khau-moi-123"}})
		return resp.StatusCode, body
	})(); code != 409 {
		t.Errorf("unit admin, a name of its own unit = %d, want 409", code)
	}
	f.advance(server.LoginWindow)
	if code, _ := create("ten-chua-co"); code != 303 {
		t.Errorf("after the wait = %d, want 303", code)
	}
}
