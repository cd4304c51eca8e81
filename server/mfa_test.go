package server_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"capdo/mfa"
	"capdo/server"
)

var (
	secretRe   = regexp.MustCompile(`name="secret" value="([A-Z2-7]+)"`)
	recoveryRe = regexp.MustCompile(`<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>`)
)

// code is the TOTP code of secret at the fixture's time plus d.
func (f *fixture) code(secret string, d time.Duration) string {
	f.t.Helper()
	c, err := mfa.Code(secret, f.now.Add(d))
	if err != nil {
		f.t.Fatal(err)
	}
	return c
}

// enrol turns on the second factor of user through its page, as a person would: the
// secret from the page, a code from it and the current password. It returns the secret
// and the recovery codes shown, and follows the session to its new id.
func (f *fixture) enrol(user string) (string, []string) {
	f.t.Helper()
	resp, page := f.do(user, "GET", "/account/mfa", "", "")
	m := secretRe.FindStringSubmatch(page)
	if resp.StatusCode != 200 || m == nil || !strings.Contains(page, `src="data:image/png;base64,`) {
		f.t.Fatalf("enrolment page = %d, secret %v, QR %v", resp.StatusCode, m, strings.Contains(page, "data:image/png"))
	}
	f.csrf[user] = csrfRe.FindStringSubmatch(page)[1] // the dashboard may be closed to it (--require-mfa)
	resp, body := f.form(user, "/account/mfa", url.Values{"secret": {m[1]}, "code": {f.code(m[1], 0)}, "current": {password}})
	if resp.StatusCode != 200 || !strings.Contains(body, "Mã khôi phục") {
		f.t.Fatalf("enrol %s = %d %s", user, resp.StatusCode, clip(body))
	}
	f.cookie[user] = cookieOf(resp, "capdo_session")
	delete(f.csrf, user)
	var codes []string
	for _, c := range recoveryRe.FindAllStringSubmatch(body, -1) {
		codes = append(codes, c[1])
	}
	if len(codes) != mfa.RecoveryCodes {
		f.t.Fatalf("%d recovery codes shown", len(codes))
	}
	return m[1], codes
}

func (f *fixture) apiLogin(user, pw, code string, hdr ...string) (int, string) {
	f.t.Helper()
	b, _ := json.Marshal(map[string]string{"username": user, "password": pw, "code": code})
	resp, body := f.do("", "POST", "/api/v1/login", ctJSON, string(b), hdr...)
	return resp.StatusCode, body
}

// An account with a second factor needs its code after the password, on the API: a
// current code once, or a recovery code once; the same code twice never.
func TestMFA_EnrolThenAPILogin(t *testing.T) {
	t.Parallel()
	f, logs := newLoggedFixture(t, server.Config{})
	other := f.session("vanhanhA")
	secret, codes := f.enrol("vanhanhA")
	if resp, _ := f.do("", "GET", "/api/v1/me", "", "", "Cookie", "capdo_session="+other); resp.StatusCode != 401 {
		t.Errorf("another session survived enrolment: %d", resp.StatusCode)
	}
	f.run(t, []scenario{
		{name: "me says mfa", as: "vanhanhA", method: "GET", url: "/api/v1/me", want: 200, contains: []string{`"mfa":true`}},
		{name: "page says enabled", as: "vanhanhA", method: "GET", url: "/account/mfa", want: 200, contains: []string{"Đang bật", `<b id="codes-left">10</b>`}},
	})
	code, body := f.apiLogin("vanhanhA", password, "")
	if code != 401 || !strings.Contains(body, `"field":"code"`) {
		t.Errorf("password alone = %d %s, want 401 asking for the code", code, body)
	}
	if code, _ := f.apiLogin("vanhanhA", "sai-mat-khau-roi", f.code(secret, 0)); code != 401 {
		t.Errorf("a right code with a wrong password = %d", code)
	}
	// The code used at enrolment is spent; the next step's code works once.
	if code, _ := f.apiLogin("vanhanhA", password, f.code(secret, 0)); code != 401 {
		t.Errorf("the enrolment code again = %d, want 401", code)
	}
	f.advance(30 * time.Second)
	c := f.code(secret, 0)
	if code, body := f.apiLogin("vanhanhA", password, c); code != 200 {
		t.Errorf("password and code = %d %s", code, body)
	}
	if code, _ := f.apiLogin("vanhanhA", password, c); code != 401 {
		t.Errorf("the same code replayed = %d, want 401", code)
	}
	if code, _ := f.apiLogin("vanhanhA", password, strings.ToUpper(codes[0])); code != 200 {
		t.Errorf("a recovery code = %d", code)
	}
	if code, _ := f.apiLogin("vanhanhA", password, codes[0]); code != 401 {
		t.Errorf("the recovery code twice = %d, want 401", code)
	}
	f.run(t, []scenario{{name: "one recovery code less", as: "vanhanhA", method: "GET", url: "/account/mfa", want: 200, contains: []string{`<b id="codes-left">9</b>`}}})
	// Wrong codes count like wrong passwords: five and this client waits.
	for i := range 4 {
		f.apiLogin("vanhanhA", password, "00000"+itoa(int64(i)))
	}
	f.advance(30 * time.Second)
	if code, _ := f.apiLogin("vanhanhA", password, f.code(secret, 0)); code != 429 {
		t.Errorf("after 5 wrong codes = %d, want 429", code)
	}
	logs.expect(t, "mfa.enable", map[string]any{"username": "vanhanhA", "level": "INFO"})
	logs.expect(t, "mfa.recovery_used", map[string]any{"username": "vanhanhA", "recovery_codes_left": float64(9)})
	logs.expect(t, "login.mfa_failure", map[string]any{"username": "vanhanhA", "level": "WARN"})
	// Neither the secret nor a recovery code ever reaches the log.
	for _, secretText := range append([]string{secret, strings.ToLower(secret)}, codes...) {
		if strings.Contains(logs.String(), secretText) {
			t.Errorf("the log contains %q", secretText)
		}
	}
}

// The browser signs in in two steps: the password, then the code on /login/mfa, with a
// challenge cookie in between that expires after 5 minutes.
func TestMFA_FormLoginTwoSteps(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	secret, _ := f.enrol("chuquanA")
	resp, page := f.do("", "GET", "/login", "", "")
	tok, pre := csrfRe.FindStringSubmatch(page)[1], cookieOf(resp, "capdo_csrf")
	password1 := func() string {
		v := url.Values{"_csrf": {tok}, "username": {"chuquanA"}, "password": {password}, "next": {"/systems"}}
		resp, _ := f.do("", "POST", "/login", "application/x-www-form-urlencoded", v.Encode(), "Cookie", "capdo_csrf="+pre)
		if loc := resp.Header.Get("Location"); resp.StatusCode != 303 || loc != "/login/mfa?next=%2Fsystems" || cookieOf(resp, "capdo_session") != "" {
			t.Fatalf("password step = %d → %q, session %q", resp.StatusCode, loc, cookieOf(resp, "capdo_session"))
		}
		return cookieOf(resp, "capdo_mfa")
	}
	challenge := password1()
	cookies := "capdo_csrf=" + pre + "; capdo_mfa=" + challenge
	step2 := func(code string) *http.Response {
		v := url.Values{"_csrf": {tok}, "code": {code}, "next": {"/systems"}}
		resp, _ := f.do("", "POST", "/login/mfa", "application/x-www-form-urlencoded", v.Encode(), "Cookie", cookies)
		return resp
	}
	f.run(t, []scenario{
		{name: "code page", method: "GET", url: "/login/mfa?next=/systems", headers: []string{"Cookie", cookies}, want: 200, contains: []string{`autocomplete="one-time-code"`, `value="/systems"`}},
		{name: "code page without the challenge", method: "GET", url: "/login/mfa", want: 303},
	})
	if resp := step2("000000"); resp.StatusCode != 401 {
		t.Errorf("wrong code = %d, want 401", resp.StatusCode)
	}
	resp = step2(f.code(secret, 30*time.Second))
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/systems" || cookieOf(resp, "capdo_session") == "" {
		t.Fatalf("right code = %d → %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp := step2(f.code(secret, 60*time.Second)); resp.StatusCode != 401 {
		t.Errorf("the challenge used twice = %d, want 401", resp.StatusCode)
	}
	// A challenge left for more than 5 minutes is gone.
	challenge = password1()
	cookies = "capdo_csrf=" + pre + "; capdo_mfa=" + challenge
	f.advance(6 * time.Minute)
	if resp := step2(f.code(secret, 0)); resp.StatusCode != 401 {
		t.Errorf("an expired challenge = %d, want 401", resp.StatusCode)
	}
}

// Turning the second factor off takes the current password; afterwards the password
// alone logs in again.
func TestMFA_Disable(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.enrol("vanhanhB")
	if resp, body := f.form("vanhanhB", "/account/mfa/disable", url.Values{"current": {"sai-mat-khau-roi"}}); resp.StatusCode != 400 || !strings.Contains(body, "không đúng") {
		t.Errorf("disable with a wrong password = %d", resp.StatusCode)
	}
	resp, _ := f.form("vanhanhB", "/account/mfa/disable", url.Values{"current": {password}})
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/account/mfa?done=disabled" {
		t.Fatalf("disable = %d → %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	f.cookie["vanhanhB"] = cookieOf(resp, "capdo_session")
	delete(f.csrf, "vanhanhB")
	if code, _ := f.loginAs("vanhanhB", password); code != 200 {
		t.Errorf("password alone after disabling = %d", code)
	}
	f.run(t, []scenario{{name: "page after disabling", as: "vanhanhB", method: "GET", url: "/account/mfa?done=disabled", want: 200, contains: []string{"Đã tắt", "Bật xác thực hai lớp"}}})
}

// With --require-mfa an administrator or authority account without a second factor is
// sent to enrolment and may do nothing else; other roles are not concerned; once
// enrolled, it may not turn it off.
func TestMFA_RequiredForAdminsAndAuthorities(t *testing.T) {
	t.Parallel()
	f := newFixtureWith(t, server.Config{RequireMFA: true}, nil)
	f.run(t, []scenario{
		{name: "admin api", as: "adminA", method: "GET", url: "/api/v1/systems", want: 403, contains: []string{"/account/mfa"}},
		{name: "authority api", as: "thamdinh", method: "GET", url: "/api/v1/dossiers", want: 403},
		{name: "admin me", as: "adminA", method: "GET", url: "/api/v1/me", want: 200},
		{name: "admin page", as: "adminA", method: "GET", url: "/admin/users", want: 303},
		{name: "enrolment page", as: "adminA", method: "GET", url: "/account/mfa", want: 200, contains: []string{`id="mfa-required"`}},
		{name: "operator unconcerned", as: "vanhanhA", method: "GET", url: "/api/v1/systems", want: 200},
	})
	if resp, _ := f.do("adminA", "GET", "/systems", "", ""); resp.Header.Get("Location") != "/account/mfa" {
		t.Errorf("admin page goes to %q, want /account/mfa", resp.Header.Get("Location"))
	}
	resp, page := f.do("", "GET", "/login", "", "")
	v := url.Values{"_csrf": {csrfRe.FindStringSubmatch(page)[1]}, "username": {"thamdinh"}, "password": {password}, "next": {"/dossiers"}}
	resp, _ = f.do("", "POST", "/login", "application/x-www-form-urlencoded", v.Encode(), "Cookie", "capdo_csrf="+cookieOf(resp, "capdo_csrf"))
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/account/mfa" {
		t.Errorf("authority login → %d %q, want enrolment", resp.StatusCode, resp.Header.Get("Location"))
	}
	f.enrol("adminA")
	f.run(t, []scenario{
		{name: "admin after enrolment", as: "adminA", method: "GET", url: "/admin/users", want: 200},
		{name: "may not turn it off", as: "adminA", method: "POST", url: "/account/mfa/disable", ctype: "application/x-www-form-urlencoded",
			body: url.Values{"_csrf": {f.csrfToken("adminA")}, "current": {password}}.Encode(), want: 409},
	})
}

// Enrolment refuses a wrong code or password and keeps showing the same secret.
func TestMFA_EnrolProblems(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	_, page := f.do("atttA", "GET", "/account/mfa", "", "")
	secret := secretRe.FindStringSubmatch(page)[1]
	for _, c := range []struct {
		name   string
		values url.Values
		text   string
	}{
		{"wrong code", url.Values{"secret": {secret}, "code": {"123456"}, "current": {password}}, "mã không đúng"},
		{"wrong password", url.Values{"secret": {secret}, "code": {f.code(secret, 0)}, "current": {"sai-mat-khau"}}, "không đúng"},
		{"forged secret", url.Values{"secret": {"AAAA"}, "code": {"123456"}, "current": {password}}, "khóa bí mật"},
	} {
		resp, body := f.form("atttA", "/account/mfa", c.values)
		if resp.StatusCode != 400 || !strings.Contains(body, c.text) {
			t.Errorf("%s = %d, want 400 with %q", c.name, resp.StatusCode, c.text)
		}
		if c.name == "wrong code" && !strings.Contains(body, `value="`+secret+`"`) {
			t.Error("the secret changed on a refused enrolment")
		}
	}
	if code, _ := f.loginAs("atttA", password); code != 200 {
		t.Errorf("the refused enrolments turned something on: login = %d", code)
	}
}
