package server_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"capdo/server"
)

func TestSecurityHeaders(t *testing.T) {
	f := newFixture(t)
	for _, target := range []string{"/login", "/api/v1/systems", "/static/style.css", "/nowhere", "/"} {
		resp, _ := f.do("", "GET", target, "", "")
		for h, want := range map[string]string{
			"X-Frame-Options":        "DENY",
			"X-Content-Type-Options": "nosniff",
			"Referrer-Policy":        "same-origin",
		} {
			if got := resp.Header.Get(h); got != want {
				t.Errorf("%s: %s = %q, want %q", target, h, got, want)
			}
		}
		csp := resp.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'self'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: CSP = %q", target, csp)
		}
	}
	resp, _ := f.do("vanhanhA", "GET", "/systems", "", "")
	if resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("pages may be cached: %q", resp.Header.Get("Cache-Control"))
	}
}

// No page carries inline script: the CSP would block it, so it would be a bug anyway.
func TestPages_NoInlineScript(t *testing.T) {
	f := newFixture(t)
	d := f.createDossier("vanhanhA", f.sysA3)
	inline := regexp.MustCompile(`<script(?:\s[^>]*)?>\s*[^<\s]|\son[a-z]+="|javascript:`)
	for _, p := range []string{"/", "/systems", "/systems/new", "/systems/" + itoa(f.sysA3), "/systems/" + itoa(f.sysA3) + "/edit", "/dossiers", "/dossiers/" + itoa(d)} {
		_, body := f.do("vanhanhA", "GET", p, "", "")
		if m := inline.FindString(body); m != "" {
			t.Errorf("%s has inline script: %q", p, m)
		}
	}
}

func TestLogin(t *testing.T) {
	f := newFixture(t)
	resp, body := f.do("", "POST", "/api/v1/login", ctJSON, `{"username":"vanhanhA","password":"`+password+`"}`)
	if resp.StatusCode != 200 || !strings.Contains(body, `"role":"operator"`) {
		t.Fatalf("login = %d %s", resp.StatusCode, body)
	}
	sc := resp.Header.Get("Set-Cookie")
	for _, want := range []string{"capdo_session=", "HttpOnly", "SameSite=Lax", "path=/"} {
		if !strings.Contains(sc, want) {
			t.Errorf("Set-Cookie %q lacks %s", sc, want)
		}
	}
	if strings.Contains(sc, "secure") {
		t.Errorf("cookie is Secure on plain HTTP without --secure-cookies: %q", sc)
	}
	// Wrong password and unknown user read the same.
	_, wrong := f.do("", "POST", "/api/v1/login", ctJSON, `{"username":"vanhanhA","password":"sai-mat-khau-roi"}`)
	resp, unknown := f.do("", "POST", "/api/v1/login", ctJSON, `{"username":"khongcoai","password":"sai-mat-khau-roi"}`)
	if resp.StatusCode != 401 || wrong != unknown {
		t.Errorf("unknown user = %d %q; wrong password = %q", resp.StatusCode, unknown, wrong)
	}
	// A disabled account cannot log in.
	f.db.SetDisabled(context.Background(), f.users["vanhanhB"].ID, true)
	if resp, _ := f.do("", "POST", "/api/v1/login", ctJSON, `{"username":"vanhanhB","password":"`+password+`"}`); resp.StatusCode != 401 {
		t.Errorf("disabled user login = %d", resp.StatusCode)
	}
}

func TestLogin_RateLimited(t *testing.T) {
	f := newFixture(t)
	for i := 0; i < 5; i++ {
		if resp, _ := f.do("", "POST", "/api/v1/login", ctJSON, `{"username":"atttA","password":"doan-mo-`+itoa(int64(i))+`"}`); resp.StatusCode != 401 {
			t.Fatalf("attempt %d = %d, want 401", i+1, resp.StatusCode)
		}
	}
	// The right password no longer helps that user; other users of the same address are
	// not locked out by one person's mistakes.
	f.advance(time.Minute)
	resp, body := f.do("", "POST", "/api/v1/login", ctJSON, `{"username":"atttA","password":"`+password+`"}`)
	if resp.StatusCode != 429 || !strings.Contains(body, "15 phút") {
		t.Errorf("6th attempt = %d %s, want 429", resp.StatusCode, body)
	}
	// Retry-After: the seconds until the first failure leaves the window.
	if got := resp.Header.Get("Retry-After"); got != "840" {
		t.Errorf("Retry-After = %q, want 840 (14 minutes)", got)
	}
	if resp, _ := f.do("", "POST", "/api/v1/login", ctJSON, `{"username":"chuquanA","password":"`+password+`"}`); resp.StatusCode != 200 {
		t.Errorf("another user from the same address = %d, want 200", resp.StatusCode)
	}
	// Failures from one address across many usernames block the address, on the API and
	// the form, before a CSRF token is even looked at; an office behind one address gets 50
	// failures in the window, not 30.
	for i := range server.AddressLoginFailures {
		if i == 35 {
			if resp, _ := f.do("", "POST", "/api/v1/login", ctJSON, `{"username":"chuquanA","password":"`+password+`"}`); resp.StatusCode != 200 {
				t.Errorf("login after %d failures from the address = %d, want 200", i+5, resp.StatusCode)
			}
		}
		f.do("", "POST", "/api/v1/login", ctJSON, `{"username":"khach`+itoa(int64(i))+`","password":"sai-mat-khau"}`)
	}
	resp, body = f.do("", "POST", "/login", "application/x-www-form-urlencoded", "username=chuquanA&password=x", "Accept", "text/html")
	if resp.StatusCode != 429 || !strings.Contains(body, `lang="vi"`) || resp.Header.Get("Retry-After") == "" {
		t.Errorf("form login from a blocked address = %d (Retry-After %q), want 429 page", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	// The window slides: after 15 minutes the user may try again.
	f.advance(16 * time.Minute)
	if resp, _ := f.do("", "POST", "/api/v1/login", ctJSON, `{"username":"atttA","password":"`+password+`"}`); resp.StatusCode != 200 {
		t.Errorf("after the window = %d, want 200", resp.StatusCode)
	}
}

func TestSession_ExpiresAfter8Hours(t *testing.T) {
	f := newFixture(t)
	f.run(t, []scenario{{name: "fresh", as: "vanhanhA", method: "GET", url: "/api/v1/me", want: 200}})
	// Used every 20 minutes, so that the idle timeout (30 minutes) never ends it first.
	for range 23 {
		f.advance(20 * time.Minute)
		f.run(t, []scenario{{name: "in use", as: "vanhanhA", method: "GET", url: "/api/v1/me", want: 200}})
	}
	f.advance(8*time.Hour - time.Minute - 23*20*time.Minute)
	f.run(t, []scenario{{name: "almost 8h", as: "vanhanhA", method: "GET", url: "/api/v1/me", want: 200}})
	f.advance(2 * time.Minute)
	f.run(t, []scenario{
		{name: "expired api", as: "vanhanhA", method: "GET", url: "/api/v1/me", want: 401},
		{name: "expired page", as: "vanhanhA", method: "GET", url: "/systems", want: 303},
	})
}

func TestLogout_EndsSession(t *testing.T) {
	f := newFixture(t)
	f.run(t, []scenario{
		{name: "logout", as: "vanhanhA", method: "POST", url: "/api/v1/logout", want: 200},
		{name: "cookie is dead", as: "vanhanhA", method: "GET", url: "/api/v1/me", want: 401},
	})
}

func TestCSRF(t *testing.T) {
	f := newFixture(t)
	form := url.Values{"name": {"X"}}.Encode()
	f.run(t, []scenario{
		{name: "form post without token", as: "vanhanhA", method: "POST", url: "/systems", ctype: "application/x-www-form-urlencoded", body: form, want: 403, contains: []string{"mã chống giả mạo"}},
		{name: "form post with wrong token", as: "vanhanhA", method: "POST", url: "/systems", ctype: "application/x-www-form-urlencoded", body: form + "&_csrf=abc", want: 403},
		{name: "generate without token", as: "vanhanhA", method: "POST", url: "/systems/" + itoa(f.sysA3) + "/dossiers", ctype: "application/x-www-form-urlencoded", want: 403},
		{name: "logout without token", as: "vanhanhA", method: "POST", url: "/logout", want: 403},
		{name: "admin form without token", as: "adminA", method: "POST", url: "/admin/orgs", ctype: "application/x-www-form-urlencoded", body: "name=X", want: 403},
		{name: "login form without token", method: "POST", url: "/login", ctype: "application/x-www-form-urlencoded", body: "username=a&password=b", want: 403},
	})
	// Another user's token does not work either.
	v := url.Values{"_csrf": {f.csrfToken("chuquanA")}}
	if resp, _ := f.do("vanhanhA", "POST", "/systems/"+itoa(f.sysA3)+"/dossiers", "application/x-www-form-urlencoded", v.Encode()); resp.StatusCode != 403 {
		t.Errorf("someone else's token = %d, want 403", resp.StatusCode)
	}
	if resp, _ := f.form("vanhanhA", "/systems/"+itoa(f.sysA3)+"/dossiers", url.Values{}); resp.StatusCode != 303 {
		t.Errorf("with the token = %d, want 303", resp.StatusCode)
	}
}

// A signed-in user sent to /login goes to next, but only to a path of this site: control
// characters would split the Location header or let the browser read "/\t/x" as "//x".
func TestLoginNext_StaysOnSite(t *testing.T) {
	f := newFixture(t)
	for next, want := range map[string]string{
		"/systems?level=3":                     "/systems?level=3",
		"/%0d%0aSet-Cookie:%20capdo_session=x": "/",
		"/%09/example.com":                     "/",
		"//example.com":                        "/",
		"/%5cexample.com":                      "/",
		"https://example.com/":                 "/",
	} {
		resp, _ := f.do("vanhanhA", "GET", "/login?next="+next, "", "")
		if loc := resp.Header.Get("Location"); resp.StatusCode != 303 || loc != want {
			t.Errorf("next=%s: %d Location %q, want %q", next, resp.StatusCode, loc, want)
		}
		for _, c := range resp.Cookies() {
			if c.Value == "x" {
				t.Errorf("next=%s set a cookie", next)
			}
		}
	}
}

// Strict-Transport-Security goes with HTTPS, never with plain HTTP.
func TestHSTS(t *testing.T) {
	plain := newFixture(t)
	if resp, _ := plain.do("", "GET", "/login", "", ""); resp.Header.Get("Strict-Transport-Security") != "" {
		t.Errorf("HSTS on plain HTTP")
	}
	secure := newFixtureWith(t, server.Config{SecureCookies: true}, nil)
	if resp, _ := secure.do("", "GET", "/login", "", ""); !strings.HasPrefix(resp.Header.Get("Strict-Transport-Security"), "max-age=31536000") {
		t.Errorf("HSTS with --secure-cookies = %q", resp.Header.Get("Strict-Transport-Security"))
	}
}

// The login form works end to end: the pre-login token comes with its cookie.
func TestLoginForm(t *testing.T) {
	f := newFixture(t)
	resp, body := f.do("", "GET", "/login?next=/systems", "", "")
	tok := csrfRe.FindStringSubmatch(body)
	var cookie string
	for _, c := range resp.Cookies() {
		if c.Name == "capdo_csrf" {
			cookie = c.Value
		}
	}
	if tok == nil || cookie == "" || tok[1] != cookie {
		t.Fatalf("login page token %v / cookie %q", tok, cookie)
	}
	post := func(pw, next string) *http.Response {
		v := url.Values{"_csrf": {tok[1]}, "username": {"vanhanhA"}, "password": {pw}, "next": {next}}
		resp, _ := f.do("", "POST", "/login", "application/x-www-form-urlencoded", v.Encode(), "Cookie", "capdo_csrf="+cookie)
		return resp
	}
	if resp := post("sai", "/systems"); resp.StatusCode != 401 {
		t.Errorf("wrong password = %d, want 401", resp.StatusCode)
	}
	resp = post(password, "/systems")
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/systems" {
		t.Errorf("login = %d → %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp = post(password, "//evil.example/"); resp.Header.Get("Location") != "/" {
		t.Errorf("open redirect: → %q", resp.Header.Get("Location"))
	}
}

func TestAPI_CrossSiteRequests(t *testing.T) {
	f := newFixture(t)
	same := []string{"Sec-Fetch-Site", "same-origin"}
	gen := "/api/v1/systems/" + itoa(f.sysA3) + "/dossiers"
	f.run(t, []scenario{
		{name: "foreign origin", as: "vanhanhA", method: "POST", url: "/api/v1/classify", ctype: ctJSON, body: profileL3, headers: []string{"Origin", "https://evil.example"}, want: 403},
		{name: "fetch metadata cross-site", as: "vanhanhA", method: "POST", url: "/api/v1/systems", ctype: ctJSON, body: profileL3, headers: []string{"Sec-Fetch-Site", "cross-site"}, want: 403},
		// A browser (it sends Origin or Sec-Fetch-Site) must send JSON or YAML.
		{name: "browser form-encoded body", as: "vanhanhA", method: "POST", url: "/api/v1/classify", ctype: "application/x-www-form-urlencoded", body: "name=x", headers: same, want: 415},
		{name: "browser text/plain body", as: "vanhanhA", method: "POST", url: "/api/v1/systems", ctype: "text/plain", body: profileL3, headers: []string{"Origin", "http://example.com"}, want: 415},
		{name: "browser bodyless text/plain", as: "vanhanhA", method: "POST", url: gen, ctype: "text/plain", headers: same, want: 415},
		{name: "browser login as a form", method: "POST", url: "/api/v1/login", ctype: "application/x-www-form-urlencoded",
			body: `{"username":"vanhanhA","password":"` + password + `"}`, headers: []string{"Origin", "http://example.com"}, want: 415},
		{name: "same origin", as: "vanhanhA", method: "POST", url: "/api/v1/classify", ctype: "application/json; charset=utf-8", body: profileL3, headers: []string{"Origin", "http://example.com"}, want: 200},
		{name: "no csrf token needed for JSON", as: "vanhanhA", method: "POST", url: gen, want: 201},
		// A program (neither header) cannot be a cross-site page: its body is read whatever
		// its Content-Type, e.g. curl -d, which says application/x-www-form-urlencoded.
		{name: "curl -d login", method: "POST", url: "/api/v1/login", ctype: "application/x-www-form-urlencoded",
			body: `{"username":"vanhanhA","password":"` + password + `"}`, want: 200, contains: []string{`"role":"operator"`}},
		{name: "curl -X POST -d ''", as: "vanhanhA", method: "POST", url: gen, ctype: "application/x-www-form-urlencoded", want: 201, contains: []string{`"status":"draft"`}},
		{name: "curl -d with a YAML profile", as: "vanhanhA", method: "POST", url: "/api/v1/classify", ctype: "application/x-www-form-urlencoded",
			body: "name: Cổng\nowner: UBND tỉnh A\nsystem_type: internal\ninfo_types: [public]\n", want: 200, contains: []string{`"level":1`}},
		{name: "curl -d action", as: "vanhanhA", method: "POST", url: "/api/v1/dossiers/1/actions", ctype: "application/x-www-form-urlencoded", body: `{"action":"submit"}`, want: 200},
		{name: "program sending text/plain", as: "vanhanhA", method: "POST", url: "/api/v1/classify", ctype: "text/plain", body: profileL3, want: 200},
		{name: "program sending garbage", as: "vanhanhA", method: "POST", url: "/api/v1/dossiers/1/actions", ctype: "application/x-www-form-urlencoded", body: "action=submit", want: 400, contains: []string{`"field":"body"`}},
	})
}

func TestErrors_NoLeaks(t *testing.T) {
	f := newFixture(t)
	f.run(t, []scenario{
		{name: "html 404", as: "vanhanhA", method: "GET", url: "/khong-co", headers: []string{"Accept", "text/html"}, want: 404, contains: []string{`<html lang="vi">`, "Không tìm thấy"}},
		{name: "api 404", as: "vanhanhA", method: "GET", url: "/api/v1/systems/999999", want: 404, contains: []string{`{"error":"Không tìm thấy.","problems":[]}`}},
		{name: "html other org", as: "vanhanhB", method: "GET", url: "/systems/" + itoa(f.sysA3), want: 404, notContains: []string{"Cổng dịch vụ"}},
		{name: "html other org edit", as: "vanhanhB", method: "GET", url: "/systems/" + itoa(f.sysA3) + "/edit", want: 404},
		{name: "method not allowed", as: "vanhanhA", method: "DELETE", url: "/api/v1/systems/1", want: 405, notContains: []string{"fiber", "goroutine"}},
		{name: "anonymous page redirects", method: "GET", url: "/systems?level=3", want: 303},
	})
	resp, _ := f.do("", "GET", "/systems?level=3", "", "")
	if loc := resp.Header.Get("Location"); loc != "/login?next=%2Fsystems%3Flevel%3D3" {
		t.Errorf("redirect to %q", loc)
	}
}

// The body limit is enforced by the HTTP server itself, so this test uses a real listener.
func TestBodyLimit_RealServer(t *testing.T) {
	f := newFixture(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f.srv.Serve(ctx, ln) }()
	// Announce a 9 MiB body; the server must refuse it before reading it.
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /api/v1/classify HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\nCookie: capdo_session=%s\r\n\r\n",
		ln.Addr(), 9<<20, f.session("vanhanhA"))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 413 || !strings.Contains(string(body), "quá lớn") || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Errorf("9 MiB body = %d %s %s, want a JSON 413 (an API route)", resp.StatusCode, resp.Header.Get("Content-Type"), clip(string(body)))
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve after cancel = %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("Serve did not return after cancel")
	}
}

// The password rules and the production bcrypt cost are tested where they live:
// credential/credential_test.go (TestPasswordRules, TestHashPassword_Cost).
