package server_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// cookieOf returns the value of a cookie set by a response.
func cookieOf(resp *http.Response, name string) string {
	for _, c := range resp.Cookies() {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

// changePassword posts the account form with a session cookie and that session's token.
func (f *fixture) changePassword(cookie, current, pw, pw2 string) (*http.Response, string) {
	f.t.Helper()
	_, page := f.do("", "GET", "/account", "", "", "Cookie", "capdo_session="+cookie)
	m := csrfRe.FindStringSubmatch(page)
	if m == nil {
		f.t.Fatalf("no CSRF token on /account:\n%s", clip(page))
	}
	v := url.Values{"_csrf": {m[1]}, "current": {current}, "password": {pw}, "password2": {pw2}}
	return f.do("", "POST", "/account/password", "application/x-www-form-urlencoded", v.Encode(), "Cookie", "capdo_session="+cookie)
}

// A user changes their own password: every other session ends, the current one goes on
// under a new id, and only the new password logs in.
func TestAccount_ChangePassword(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.run(t, []scenario{
		{name: "page", as: "vanhanhA", method: "GET", url: "/account", want: 200,
			contains: []string{"Đổi mật khẩu", `name="current"`, `autocomplete="new-password"`, "Sở TT&amp;TT A", `<a href="/account" id="account-link"`}},
		{name: "anonymous", method: "GET", url: "/account", want: 303},
	})
	here := f.session("vanhanhA")
	resp, _ := f.do("", "POST", "/api/v1/login", ctJSON, `{"username":"vanhanhA","password":"`+password+`"}`)
	elsewhere := cookieOf(resp, "capdo_session")

	const newPassword = "mat-khau-moi-cua-toi"
	resp, _ = f.changePassword(here, password, newPassword, newPassword)
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/account?done=password" {
		t.Fatalf("change = %d → %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	rotated := cookieOf(resp, "capdo_session")
	if rotated == "" || rotated == here {
		t.Fatalf("the session was not rotated: %q", rotated)
	}
	for name, c := range map[string]string{"the old id of this session": here, "another session": elsewhere} {
		if resp, _ := f.do("", "GET", "/api/v1/me", "", "", "Cookie", "capdo_session="+c); resp.StatusCode != 401 {
			t.Errorf("%s still works: %d", name, resp.StatusCode)
		}
	}
	resp, body := f.do("", "GET", "/account?done=password", "", "", "Cookie", "capdo_session="+rotated)
	if resp.StatusCode != 200 || !strings.Contains(body, "Đã đổi mật khẩu") {
		t.Errorf("the rotated session = %d", resp.StatusCode)
	}
	if code, _ := f.loginAs("vanhanhA", password); code != 401 {
		t.Errorf("the old password still logs in: %d", code)
	}
	if code, _ := f.loginAs("vanhanhA", newPassword); code != 200 {
		t.Errorf("the new password does not log in: %d", code)
	}
}

func TestAccount_ChangePasswordProblems(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	cookie := f.session("chuquanA")
	for _, c := range []struct {
		name, current, pw, pw2 string
		text                   string
	}{
		{"wrong current password", "khong-phai-mat-khau", "mat-khau-moi-123", "mat-khau-moi-123", "mật khẩu hiện tại không đúng"},
		{"too short", password, "ngan", "ngan", "ít nhất 8 ký tự"},
		{"too long", password, strings.Repeat("x", 73), strings.Repeat("x", 73), "72 byte"},
		{"the two differ", password, "mat-khau-moi-123", "mat-khau-moi-124", "không khớp"},
		{"same as before", password, password, password, "phải khác mật khẩu hiện tại"},
	} {
		t.Run(c.name, func(t *testing.T) {
			resp, body := f.changePassword(cookie, c.current, c.pw, c.pw2)
			if resp.StatusCode != 400 || !strings.Contains(body, c.text) {
				t.Errorf("= %d, want 400 with %q", resp.StatusCode, c.text)
			}
			if strings.Contains(body, c.pw) || strings.Contains(body, c.current) {
				t.Error("a password was written back into the page")
			}
		})
	}
	if resp, _ := f.do("", "GET", "/api/v1/me", "", "", "Cookie", "capdo_session="+cookie); resp.StatusCode != 200 {
		t.Errorf("a refused change ended the session: %d", resp.StatusCode)
	}
	v := url.Values{"current": {password}, "password": {"mat-khau-moi-123"}, "password2": {"mat-khau-moi-123"}}
	if resp, _ := f.do("chuquanA", "POST", "/account/password", "application/x-www-form-urlencoded", v.Encode()); resp.StatusCode != 403 {
		t.Errorf("without the CSRF token = %d, want 403", resp.StatusCode)
	}
}

// Guessing the current password through a stolen session is as slow as guessing it at
// the login: five wrong tries block both the form and the login of that user.
func TestAccount_WrongCurrentPasswordIsRateLimited(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	cookie := f.session("atttA")
	for i := 0; i < 5; i++ {
		if resp, _ := f.changePassword(cookie, "doan-mo-"+itoa(int64(i)), "mat-khau-moi-123", "mat-khau-moi-123"); resp.StatusCode != 400 {
			t.Fatalf("wrong try %d = %d, want 400", i+1, resp.StatusCode)
		}
	}
	resp, body := f.changePassword(cookie, password, "mat-khau-moi-123", "mat-khau-moi-123")
	if resp.StatusCode != 429 || !strings.Contains(body, "15 phút") {
		t.Errorf("the right password after 5 wrong = %d, want 429", resp.StatusCode)
	}
	if code, _ := f.loginAs("atttA", password); code != 429 {
		t.Errorf("login of the same user = %d, want 429", code)
	}
}
