package server_test

import (
	"net/netip"
	"strings"
	"testing"

	"capdo/server"
)

// loginAs tries a login through the API with extra headers and returns the status and
// the Set-Cookie header.
func (f *fixture) loginAs(user, pw string, hdr ...string) (int, string) {
	f.t.Helper()
	resp, _ := f.do("", "POST", "/api/v1/login", ctJSON, `{"username":"`+user+`","password":"`+pw+`"}`, hdr...)
	return resp.StatusCode, resp.Header.Get("Set-Cookie")
}

// Without --trusted-proxy, forwarded headers are the client's word and change nothing: a
// new X-Forwarded-For on every try does not escape the per-address login limit.
func TestProxy_HeadersIgnoredWithoutTrustedProxy(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for i := range server.AddressLoginFailures {
		// A different unknown username and forwarded address each time, so only the
		// address limit can trip.
		ip := "198.51.100." + itoa(int64(i+1))
		if code, _ := f.loginAs("doan"+itoa(int64(i)), "sai-mat-khau-roi", "X-Forwarded-For", ip); code != 401 {
			t.Fatalf("attempt %d = %d, want 401", i+1, code)
		}
	}
	if code, _ := f.loginAs("vanhanhA", password, "X-Forwarded-For", "198.51.100.99", "X-Real-IP", "198.51.100.98"); code != 429 {
		t.Errorf("a spoofed X-Forwarded-For escaped the limiter: %d, want 429", code)
	}
	g := newFixture(t)
	if code, cookie := g.loginAs("vanhanhA", password, "X-Forwarded-Proto", "https", "X-Forwarded-Ssl", "on"); code != 200 || strings.Contains(strings.ToLower(cookie), "secure") {
		t.Errorf("an untrusted X-Forwarded-Proto made the cookie Secure: %d %q", code, cookie)
	}
	g.run(t, []scenario{
		{name: "untrusted X-Forwarded-Host does not vouch for an origin", as: "vanhanhA", method: "POST", url: "/api/v1/classify", ctype: ctJSON, body: profileL3,
			headers: []string{"Origin", "https://capdo.example.gov.vn", "X-Forwarded-Host", "capdo.example.gov.vn"}, want: 403},
	})
}

// With --trusted-proxy, a request from the proxy is the client's: the limiter counts the
// right-most untrusted X-Forwarded-For hop, cookies follow X-Forwarded-Proto and the
// origin check accepts X-Forwarded-Host.
func TestProxy_TrustedProxy(t *testing.T) {
	t.Parallel()
	// app.Test connects from 0.0.0.0: that is "the proxy" here.
	cfg := server.Config{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("0.0.0.0/32"), netip.MustParsePrefix("10.0.0.0/8")}}
	f := newFixtureWith(t, cfg, nil)
	for i := range server.AddressLoginFailures {
		if code, _ := f.loginAs("doan"+itoa(int64(i)), "sai-mat-khau-roi", "X-Forwarded-For", "203.0.113.7"); code != 401 {
			t.Fatalf("attempt %d = %d, want 401", i+1, code)
		}
	}
	for _, c := range []struct {
		name, xff string
		want      int
	}{
		{"the same client is blocked", "203.0.113.7", 429},
		{"a left-most entry written by the client changes nothing", "198.51.100.1, 203.0.113.7", 429},
		{"through a second trusted proxy", "203.0.113.7, 10.1.2.3", 429},
		{"another client behind the same proxy is not", "203.0.113.8", 200},
	} {
		t.Run(c.name, func(t *testing.T) {
			if code, _ := f.loginAs("vanhanhA", password, "X-Forwarded-For", c.xff); code != c.want {
				t.Errorf("login via %q = %d, want %d", c.xff, code, c.want)
			}
		})
	}
	if code, cookie := f.loginAs("chuquanA", password, "X-Forwarded-For", "203.0.113.9", "X-Forwarded-Proto", "https"); code != 200 || !strings.Contains(strings.ToLower(cookie), "secure") {
		t.Errorf("behind a TLS proxy the session cookie is not Secure: %d %q", code, cookie)
	}
	if code, cookie := f.loginAs("atttA", password, "X-Forwarded-For", "203.0.113.9", "X-Forwarded-Proto", "http"); code != 200 || strings.Contains(strings.ToLower(cookie), "secure") {
		t.Errorf("over plain HTTP the cookie is Secure: %d %q", code, cookie)
	}
	f.run(t, []scenario{
		{name: "origin named by X-Forwarded-Host", as: "vanhanhB", method: "POST", url: "/api/v1/classify", ctype: ctJSON, body: profileL3,
			headers: []string{"Origin", "https://capdo.example.gov.vn", "X-Forwarded-Host", "capdo.example.gov.vn", "X-Forwarded-For", "203.0.113.20"}, want: 200},
		{name: "another origin is still refused", as: "vanhanhB", method: "POST", url: "/api/v1/classify", ctype: ctJSON, body: profileL3,
			headers: []string{"Origin", "https://evil.example", "X-Forwarded-Host", "capdo.example.gov.vn", "X-Forwarded-For", "203.0.113.20"}, want: 403},
	})
}
