package server_test

import (
	"context"
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"

	"capdo/levels"
	"capdo/server"
)

// Inspection found that five wrong passwords from anywhere locked the account, the right
// password included: a denial of service on any reviewer. Now an attacker's failures
// make the attacker's client wait, with growing delays, while the account's owner logs
// in from another client.
func TestLogin_AttackerThrottledOwnerNot(t *testing.T) {
	t.Parallel()
	// app.Test connects from 0.0.0.0, which stands for a proxy that names the client.
	f := newFixtureWith(t, server.Config{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("0.0.0.0/32")}}, nil)
	const attacker, owner = "198.51.100.66", "203.0.113.10"
	for i := range server.UserLoginFailures {
		if code, _ := f.loginAs("atttA", "doan-mo-"+itoa(int64(i)), "X-Forwarded-For", attacker); code != 401 {
			t.Fatalf("guess %d = %d, want 401", i+1, code)
		}
	}
	if code, _ := f.loginAs("atttA", password, "X-Forwarded-For", attacker); code != 429 {
		t.Errorf("the attacker's client, even with the right password = %d, want 429", code)
	}
	if code, _ := f.loginAs("atttA", password, "X-Forwarded-For", owner); code != 200 {
		t.Errorf("the owner from its own client = %d, want 200 (no lockout)", code)
	}
	// The same username typed in another case is the same throttle key.
	if code, _ := f.loginAs("ATTTA", password, "X-Forwarded-For", attacker); code != 429 {
		t.Errorf("the attacker with the username in capitals = %d, want 429", code)
	}
	// The waits grow: after the first wait one more wrong guess means another wait, and
	// the next one doubles.
	f.advance(server.LoginWindow)
	if code, _ := f.loginAs("atttA", "doan-tiep", "X-Forwarded-For", attacker); code != 401 {
		t.Fatalf("guess after the first wait = %d, want 401", code)
	}
	resp, body := f.do("", "POST", "/api/v1/login", ctJSON, `{"username":"atttA","password":"doan-nua"}`, "X-Forwarded-For", attacker)
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "900" || !strings.Contains(body, "thử lại sau 15 phút") {
		t.Errorf("second wait = %d, Retry-After %q, %s; want 429, 900 s", resp.StatusCode, resp.Header.Get("Retry-After"), clip(body))
	}
	f.advance(server.LoginWindow)
	f.loginAs("atttA", "doan-nua", "X-Forwarded-For", attacker)
	resp, _ = f.do("", "POST", "/api/v1/login", ctJSON, `{"username":"atttA","password":"doan-nua"}`, "X-Forwarded-For", attacker)
	if resp.Header.Get("Retry-After") != "1800" {
		t.Errorf("third wait: Retry-After %q, want 1800 (doubled)", resp.Header.Get("Retry-After"))
	}
	if code, _ := f.loginAs("atttA", password, "X-Forwarded-For", owner); code != 200 {
		t.Errorf("the owner while the attacker waits = %d, want 200", code)
	}
}

// The counts are in the database: a restarted server (a new one on the same file)
// still makes the attacker wait.
func TestLogin_ThrottleSurvivesRestart(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for i := range server.UserLoginFailures {
		f.loginAs("atttA", "doan-mo-"+itoa(int64(i)))
	}
	f.restart(levels.DefaultRuleSet)
	if code, _ := f.loginAs("atttA", password); code != 429 {
		t.Errorf("after a restart = %d, want 429", code)
	}
}

// Usernames fold Unicode case: ĐẠT logs in as typed in any case; đức_a and ĐỨC_A are one
// name, so the second cannot be created and cannot log into the first.
func TestUsernames_FoldUnicodeCase(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	unit := itoa(f.orgs["Sở TT&TT A"].ID)
	for _, name := range []string{"ĐẠT", "đức_a"} {
		if resp, body := f.form("adminA", "/admin/users", url.Values{"username": {name}, "role": {"operator"}, "org_id": {unit}, "password": {"mat-khau-cua-" + name}}); resp.StatusCode != 303 {
			t.Fatalf("create %s = %d %s", name, resp.StatusCode, clip(body))
		}
	}
	for _, typed := range []string{"ĐẠT", "đạt", "Đạt", "đẠT"} {
		if code, _ := f.loginAs(typed, "mat-khau-cua-ĐẠT"); code != 200 {
			t.Errorf("login as %q = %d, want 200", typed, code)
		}
	}
	resp, body := f.form("adminA", "/admin/users", url.Values{"username": {"ĐỨC_A"}, "role": {"operator"}, "org_id": {unit}, "password": {"mat-khau-khac-han"}})
	if resp.StatusCode != 409 || !strings.Contains(body, "đã được dùng") {
		t.Errorf("create ĐỨC_A beside đức_a = %d, want 409", resp.StatusCode)
	}
	if code, _ := f.loginAs("ĐỨC_A", "mat-khau-khac-han"); code != 401 {
		t.Errorf("ĐỨC_A with another password = %d, want 401", code)
	}
	// The username rule is the same on every path: the setup link refuses what the
	// administrators' form refuses.
	if resp, body := f.form("adminA", "/admin/users", url.Values{"username": {"a<b>"}, "role": {"operator"}, "org_id": {unit}, "password": {"mat-khau-moi-123"}}); resp.StatusCode != 400 || !strings.Contains(body, "chữ cái") {
		t.Errorf("username a<b> = %d, want 400", resp.StatusCode)
	}
	u, err := f.db.UserByUsername(context.Background(), "đạt")
	if err != nil || u.Username != "ĐẠT" {
		t.Errorf("stored as %q, %v; want as typed", u.Username, err)
	}
}

// Inspection: «Aa123456» and «Password@123» were accepted; the list now has 10,000
// passwords and their dressed-up variants, on every path.
func TestPasswords_CommonRefusedEverywhere(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	unit := itoa(f.orgs["Sở TT&TT A"].ID)
	for _, pw := range []string{"Aa123456", "Password@123", "P@ssw0rd2024"} {
		if resp, body := f.form("adminA", "/admin/users", url.Values{"username": {"moi"}, "role": {"operator"}, "org_id": {unit}, "password": {pw}}); resp.StatusCode != 400 || !strings.Contains(body, "phổ biến") {
			t.Errorf("create with %q = %d, want 400", pw, resp.StatusCode)
		}
		if resp, _ := f.form("adminA", "/admin/users/"+itoa(f.users["vanhanhA"].ID)+"/password", url.Values{"password": {pw}}); resp.StatusCode != 400 {
			t.Errorf("reset to %q = %d, want 400", pw, resp.StatusCode)
		}
		if resp, body := f.changePassword(f.session("chuquanA"), password, pw, pw); resp.StatusCode != 400 || !strings.Contains(body, "phổ biến") {
			t.Errorf("own change to %q = %d, want 400", pw, resp.StatusCode)
		}
	}
}

// The first-administrator link applies the username rule the other paths apply (it used
// to accept any text), and the common-password rule.
func TestSetupLink_UsernameRule(t *testing.T) {
	t.Parallel()
	empty := newEmptyFixture(t)
	tok, err := server.CreateSetupLink(context.Background(), empty.db, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	resp, body := empty.do("", "GET", "/setup/"+tok, "", "")
	csrf, pre := csrfRe.FindStringSubmatch(body)[1], cookieOf(resp, "capdo_csrf")
	post := func(v url.Values) (int, string) {
		v.Set("_csrf", csrf)
		resp, body := empty.do("", "POST", "/setup/"+tok, "application/x-www-form-urlencoded", v.Encode(), "Cookie", "capdo_csrf="+pre)
		return resp.StatusCode, body
	}
	for name, text := range map[string]string{"quản trị viên": "khoảng trắng", "admin<script>": "chữ cái", "": "bắt buộc"} {
		if code, body := post(url.Values{"org": {"Sở"}, "username": {name}, "password": {"mat-khau-quan-tri"}, "password2": {"mat-khau-quan-tri"}}); code != 400 || !strings.Contains(body, text) {
			t.Errorf("setup as %q = %d, want 400 with %q", name, code, text)
		}
	}
	if code, body := post(url.Values{"org": {"Sở"}, "username": {"quantri"}, "password": {"Password@123"}, "password2": {"Password@123"}}); code != 400 || !strings.Contains(body, "phổ biến") {
		t.Errorf("setup with Password@123 = %d", code)
	}
	if code, _ := post(url.Values{"org": {"Sở"}, "username": {"QUẢN_TRỊ"}, "password": {"mat-khau-quan-tri"}, "password2": {"mat-khau-quan-tri"}}); code != 303 {
		t.Fatalf("setup = %d, want 303", code)
	}
	if code, _ := empty.loginAs("quản_trị", "mat-khau-quan-tri"); code != 200 {
		t.Errorf("the first administrator in lower case = %d, want 200", code)
	}
}
