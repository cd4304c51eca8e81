package server_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
	"testing"
	"time"

	"capdo/store"
)

// The inspection of issue 9 (low findings) as scenarios: each failed before the fix.

// Every GET route answers HEAD like GET, with the same status and headers and no body; it
// used to answer 405.
func TestHEAD_AnsweredLikeGET(t *testing.T) {
	f := newFixture(t)
	f.run(t, []scenario{
		{name: "login page", method: "HEAD", url: "/login", want: 200},
		{name: "openapi", method: "HEAD", url: "/api/v1/openapi.json", want: 200},
		{name: "api list", as: "vanhanhA", method: "HEAD", url: "/api/v1/systems", want: 200},
		{name: "page", as: "vanhanhA", method: "HEAD", url: "/systems/" + itoa(f.sysA3), want: 200},
		// The same access rules as GET.
		{name: "api without session", method: "HEAD", url: "/api/v1/systems", want: 401},
		{name: "page without session", method: "HEAD", url: "/systems", want: 303},
		{name: "other province", as: "vanhanhB", method: "HEAD", url: "/api/v1/systems/" + itoa(f.sysA3), want: 404},
		{name: "role", as: "atttA", method: "HEAD", url: "/systems/new", want: 403},
		{name: "unknown", method: "HEAD", url: "/nowhere", want: 404},
	})
	get, _ := f.do("vanhanhA", "GET", "/api/v1/systems", "", "")
	head, body := f.do("vanhanhA", "HEAD", "/api/v1/systems", "", "")
	if body != "" || head.Header.Get("Content-Type") != get.Header.Get("Content-Type") {
		t.Errorf("HEAD: body %q, Content-Type %q; GET's %q", clip(body), head.Header.Get("Content-Type"), get.Header.Get("Content-Type"))
	}
}

// An API path in another case is an unknown API path: a JSON 404, never a page or a
// redirect to the login page (a browser asking for text/html included). Upper-case API
// paths used to be served as pages.
func TestAPI_UnknownPathsAreJSON404(t *testing.T) {
	f := newFixture(t)
	html := []string{"Accept", "text/html,application/xhtml+xml"}
	var scenarios []scenario
	for _, p := range []string{"/API/V1/SYSTEMS", "/Api/v1/systems", "/api/V1/me", "/API/v1/openapi.json", "/api/v1/nowhere", "/api/v2/systems", "/API", "/api"} {
		for _, as := range []string{"", "vanhanhA"} {
			scenarios = append(scenarios, scenario{name: p + " " + as, as: as, method: "GET", url: p, headers: html, want: 404,
				contains: []string{`"error":"Không tìm thấy trang."`}, notContains: []string{"<html"}})
		}
	}
	scenarios = append(scenarios,
		scenario{name: "POST upper case", as: "vanhanhA", method: "POST", url: "/API/V1/SYSTEMS", ctype: ctJSON, body: profileL3, headers: html, want: 404, contains: []string{`"error"`}},
		// Pages keep their one spelling too, and their 404 stays a page.
		scenario{name: "page upper case", as: "vanhanhA", method: "GET", url: "/SYSTEMS", headers: html, want: 404, contains: []string{"<html"}},
		scenario{name: "not an api prefix", as: "vanhanhA", method: "GET", url: "/apiary", headers: html, want: 404, contains: []string{"<html"}},
	)
	f.run(t, scenarios)
	resp, _ := f.do("vanhanhA", "GET", "/API/V1/SYSTEMS", "", "", html...)
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q, want JSON", ct)
	}
}

// The form token counts only from the form body or the X-CSRF-Token header. In the query
// string it used to be accepted, so a link could carry it (logs and Referer leak URLs).
func TestCSRF_NotFromQueryString(t *testing.T) {
	f := newFixture(t)
	tok := f.csrfToken("vanhanhA")
	gen := "/systems/" + itoa(f.sysA3) + "/dossiers"
	f.run(t, []scenario{
		{name: "query, empty body", as: "vanhanhA", method: "POST", url: gen + "?_csrf=" + tok, ctype: "application/x-www-form-urlencoded", want: 403},
		{name: "query, no content type", as: "vanhanhA", method: "POST", url: "/logout?_csrf=" + tok, want: 403},
		{name: "query with a wrong body token", as: "vanhanhA", method: "POST", url: gen + "?_csrf=" + tok, ctype: "application/x-www-form-urlencoded", body: "_csrf=x", want: 403},
		{name: "query, multipart", as: "vanhanhA", method: "POST", url: gen + "?_csrf=" + tok, ctype: "multipart/form-data; boundary=b",
			body: "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--b--\r\n", want: 403},
		{name: "multipart body", as: "vanhanhA", method: "POST", url: gen, ctype: "multipart/form-data; boundary=b",
			body: "--b\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + tok + "\r\n--b--\r\n", want: 303},
		{name: "header", as: "vanhanhA", method: "POST", url: gen, headers: []string{"X-CSRF-Token", tok}, want: 303},
		{name: "form body", as: "vanhanhA", method: "POST", url: gen, ctype: "application/x-www-form-urlencoded", body: url.Values{"_csrf": {tok}}.Encode(), want: 303},
	})
	// The login form before a session: its token is checked the same way.
	resp, body := f.do("", "GET", "/login", "", "")
	m := csrfRe.FindStringSubmatch(body)
	var pre string
	for _, c := range resp.Cookies() {
		if c.Name == "capdo_csrf" {
			pre = c.Value
		}
	}
	if m == nil || pre == "" {
		t.Fatal("no pre-login token")
	}
	login := url.Values{"username": {"vanhanhA"}, "password": {password}}.Encode()
	f.run(t, []scenario{
		{name: "login token in the query", method: "POST", url: "/login?_csrf=" + url.QueryEscape(m[1]), ctype: "application/x-www-form-urlencoded",
			body: login, headers: []string{"Cookie", "capdo_csrf=" + pre}, want: 403},
		{name: "login token in the body", method: "POST", url: "/login", ctype: "application/x-www-form-urlencoded",
			body: login + "&_csrf=" + url.QueryEscape(m[1]), headers: []string{"Cookie", "capdo_csrf=" + pre}, want: 303},
	})
}

// A session ends after 30 minutes without a request, besides its 8-hour lifetime; it had
// no idle timeout.
func TestSession_IdleTimeout(t *testing.T) {
	f := newFixture(t)
	cookie := f.session("vanhanhA")
	h := sha256.Sum256([]byte(cookie))
	hash := hex.EncodeToString(h[:])
	lastSeen := func() time.Time {
		t.Helper()
		s, _, err := f.db.Session(context.Background(), hash)
		if err != nil {
			t.Fatal(err)
		}
		return s.LastSeen
	}
	start := lastSeen()
	// Within a minute of the last write, a request does not write again.
	f.advance(30 * time.Second)
	f.run(t, []scenario{{name: "30 s", as: "vanhanhA", method: "GET", url: "/api/v1/me", want: 200}})
	if got := lastSeen(); !got.Equal(start) {
		t.Errorf("last seen written again after 30 s: %v, was %v", got, start)
	}
	// Used every 29 minutes, it lives on.
	for i := range 3 {
		f.advance(29 * time.Minute)
		f.run(t, []scenario{{name: "29 min", as: "vanhanhA", method: "GET", url: "/api/v1/me", want: 200}})
		if got := lastSeen(); got.Before(start.Add(time.Duration(i+1) * 29 * time.Minute)) {
			t.Fatalf("last seen not advanced: %v", got)
		}
	}
	f.advance(31 * time.Minute)
	f.run(t, []scenario{
		{name: "idle api", as: "vanhanhA", method: "GET", url: "/api/v1/me", want: 401},
		// Ended, not only refused: it stays dead.
		{name: "idle page", as: "vanhanhA", method: "GET", url: "/systems", want: 303},
	})
	if _, _, err := f.db.Session(context.Background(), hash); err == nil {
		t.Error("the idle session is still stored")
	}
}

// Versions per system are limited (store.Limits), with a 409 that says which limit and
// what to do; they were unlimited, so any editor could fill the disk.
func TestQuota_VersionsAndDossiers(t *testing.T) {
	f := newFixture(t)
	f.db.Limits = store.Limits{VersionsPerSystem: 2, DossiersPerSystem: 2, SystemsPerOrg: 3}
	sys := "/api/v1/systems/" + itoa(f.sysA3)
	f.createDossier("vanhanhA", f.sysA3)
	f.run(t, []scenario{
		{name: "second dossier", as: "vanhanhA", method: "POST", url: sys + "/dossiers", want: 201},
		{name: "third dossier", as: "vanhanhA", method: "POST", url: sys + "/dossiers", want: 409,
			contains: []string{"đã có 2 phiên bản hồ sơ đề xuất cấp độ", "mức tối đa"}},
		{name: "third dossier, form", as: "vanhanhA", method: "POST", url: "/systems/" + itoa(f.sysA3) + "/dossiers",
			headers: []string{"X-CSRF-Token", f.csrfToken("vanhanhA"), "Accept", "text/html"}, want: 409, contains: []string{"<html", "mức tối đa"}},
		{name: "second version", as: "vanhanhA", method: "PUT", url: sys, ctype: ctJSON, body: profileL3, want: 200},
		{name: "third version", as: "vanhanhA", method: "PUT", url: sys, ctype: ctJSON, body: profileL3, want: 409,
			contains: []string{"đã có 2 phiên bản hồ sơ hệ thống"}},
		{name: "third system of the unit", as: "vanhanhA", method: "POST", url: "/api/v1/systems", ctype: ctJSON, body: profileL0, want: 201},
		{name: "fourth system of the unit", as: "vanhanhA", method: "POST", url: "/api/v1/systems", ctype: ctJSON, body: profileL0, want: 409,
			contains: []string{"đủ 3 hệ thống"}},
		// Other systems and organisations have their own counts.
		{name: "another system's dossier", as: "vanhanhA", method: "POST", url: "/api/v1/systems/" + itoa(f.sysA4) + "/dossiers", want: 201},
		{name: "another unit's system", as: "vanhanhB", method: "POST", url: "/api/v1/systems", ctype: ctJSON, body: profileL0, want: 201},
	})
	vs, err := f.db.SystemVersions(context.Background(), store.Scope{OrgID: f.users["vanhanhA"].OrgID}, f.sysA3)
	if err != nil || len(vs) != 2 {
		t.Errorf("stored versions = %d, %v; want 2", len(vs), err)
	}
}
