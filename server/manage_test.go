package server_test

import (
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
