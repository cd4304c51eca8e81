package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"testing"

	"capdo/server"
)

// logBuffer collects JSON log lines written by the server.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

// events returns the logged records whose "event" is name.
func (l *logBuffer) events(t *testing.T, name string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(l.String()), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line is not JSON: %q", line)
		}
		if rec["event"] == name {
			out = append(out, rec)
		}
	}
	return out
}

// expect checks that some record of event has every given attribute.
func (l *logBuffer) expect(t *testing.T, event string, attrs map[string]any) {
	t.Helper()
	recs := l.events(t, event)
	for _, r := range recs {
		ok := true
		for k, v := range attrs {
			if r[k] != v {
				ok = false
			}
		}
		if ok {
			return
		}
	}
	t.Errorf("no %q event with %v; got %v", event, attrs, recs)
}

func newLoggedFixture(t *testing.T, cfg server.Config) (*fixture, *logBuffer) {
	t.Helper()
	buf := &logBuffer{}
	return newFixtureWith(t, cfg, slog.New(slog.NewJSONHandler(buf, nil))), buf
}

// A failed login is logged as a warning with the username tried and the client address,
// and never with the password.
func TestAudit_FailedLoginWithoutPassword(t *testing.T) {
	t.Parallel()
	f, logs := newLoggedFixture(t, server.Config{})
	const secret = "Mat-Khau-Sai-Bi-Mat-42"
	if code, _ := f.loginAs("vanhanhA", secret); code != 401 {
		t.Fatalf("login = %d, want 401", code)
	}
	logs.expect(t, "login.failure", map[string]any{"level": "WARN", "username": "vanhanha", "client": "0.0.0.0", "path": "/api/v1/login"})
	if strings.Contains(logs.String(), secret) {
		t.Errorf("the password is in the log:\n%s", logs)
	}
}

// Every security event is logged with who, from where, and what it was about, and no
// password, session token or CSRF token ever reaches the log.
func TestAudit_SecurityEvents(t *testing.T) {
	t.Parallel()
	f, logs := newLoggedFixture(t, server.Config{})
	secrets := []string{password}

	// Login, logout.
	resp, _ := f.do("", "POST", "/api/v1/login", ctJSON, `{"username":"chuquanA","password":"`+password+`"}`)
	cookie := cookieOf(resp, "capdo_session")
	secrets = append(secrets, cookie)
	logs.expect(t, "login", map[string]any{"level": "INFO", "username": "chuquanA", "role": "owner", "client": "0.0.0.0"})
	f.do("", "POST", "/api/v1/logout", "", "", "Cookie", "capdo_session="+cookie)
	logs.expect(t, "logout", map[string]any{"username": "chuquanA", "role": "owner"})

	// The workflow: generation, each action, and a refused one.
	d := f.createDossier("vanhanhA", f.sysA3)
	logs.expect(t, "dossier.generate", map[string]any{"username": "vanhanhA", "role": "operator", "dossier_id": float64(d), "level": float64(3)})
	f.act("vanhanhA", d, "approve")
	logs.expect(t, "dossier.action_denied", map[string]any{"level": "WARN", "username": "vanhanhA", "action": "approve", "status": "draft"})
	f.act("vanhanhA", d, "submit")
	logs.expect(t, "dossier.action", map[string]any{"username": "vanhanhA", "role": "operator", "dossier_id": float64(d), "action": "submit", "from": "draft", "to": "submitted"})
	f.act("atttA", d, "return")
	logs.expect(t, "dossier.action", map[string]any{"username": "atttA", "role": "infosec", "action": "return", "from": "submitted", "to": "returned"})

	// Own password change, failed and done.
	const changed = "mat-khau-moi-cua-atttA"
	secrets = append(secrets, changed, f.session("atttA"), f.csrfToken("atttA"))
	f.changePassword(f.session("atttA"), "doan-sai-mat-khau", changed, changed)
	logs.expect(t, "password.change_failure", map[string]any{"level": "WARN", "username": "atttA", "role": "infosec"})
	resp, _ = f.changePassword(f.session("atttA"), password, changed, changed)
	secrets = append(secrets, cookieOf(resp, "capdo_session"))
	logs.expect(t, "password.change", map[string]any{"level": "INFO", "username": "atttA", "role": "infosec"})

	// Administration.
	const initial, reset = "mat-khau-ban-dau-123", "mat-khau-dat-lai-456"
	secrets = append(secrets, initial, reset, f.csrfToken("adminA"))
	f.form("adminA", "/admin/users", url.Values{"username": {"moi"}, "role": {"infosec"}, "org_id": {itoa(f.orgs["Sở TT&TT A"].ID)}, "password": {initial}})
	logs.expect(t, "user.create", map[string]any{"username": "adminA", "role": "admin", "target": "moi", "target_role": "infosec", "target_org": "Sở TT&TT A"})
	moi := itoa(f.usersByName(t, "moi"))
	f.form("adminA", "/admin/users/"+moi+"/password", url.Values{"password": {reset}})
	logs.expect(t, "password.reset", map[string]any{"username": "adminA", "target": "moi"})
	f.form("adminA", "/admin/users/"+moi+"/disabled", url.Values{"disabled": {"true"}})
	logs.expect(t, "user.disable", map[string]any{"username": "adminA", "target": "moi"})
	f.form("adminA", "/admin/users/"+moi+"/disabled", url.Values{"disabled": {"false"}})
	logs.expect(t, "user.enable", map[string]any{"username": "adminA", "target": "moi"})
	f.form("adminA", "/admin/orgs", url.Values{"name": {"Trung tâm CNTT"}, "parent_id": {itoa(f.orgs["UBND tỉnh A"].ID)}})
	logs.expect(t, "org.create", map[string]any{"username": "adminA", "org": "Trung tâm CNTT"})

	// A forged form, then failures up to the limit and a blocked login.
	f.do("vanhanhA", "POST", "/systems/"+itoa(f.sysA3)+"/dossiers", "application/x-www-form-urlencoded", "_csrf=forged")
	logs.expect(t, "csrf.rejected", map[string]any{"level": "WARN", "username": "vanhanhA", "reason": "csrf_token"})
	for i := range server.UserLoginFailures {
		f.loginAs("khongcoai", "sai-"+itoa(int64(i)))
	}
	f.loginAs("khongcoai", password)
	logs.expect(t, "login.rate_limited", map[string]any{"level": "WARN", "client": "0.0.0.0", "path": "/api/v1/login", "username": "khongcoai"})

	all := logs.String()
	for _, s := range secrets {
		if s != "" && strings.Contains(all, s) {
			t.Errorf("the log contains a secret %q", s)
		}
	}
	for _, key := range []string{`"password"`, `"token"`, `"csrf"`, `"session"`, `"cookie"`} {
		if strings.Contains(all, key+":") {
			t.Errorf("the log has an attribute %s", key)
		}
	}
}

func (f *fixture) usersByName(t *testing.T, name string) int64 {
	t.Helper()
	u, err := f.db.UserByUsername(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

// Over a real connection, the logged client is the TCP peer, or behind a trusted proxy the
// address the proxy reports.
func TestAudit_ClientAddressOverTCP(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name    string
		trusted []netip.Prefix
		want    string
	}{
		{"no trusted proxy", nil, "127.0.0.1"},
		{"behind a trusted proxy", []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}, "203.0.113.50"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f, logs := newLoggedFixture(t, server.Config{TrustedProxies: c.trusted})
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- f.srv.Serve(ctx, ln) }()
			defer func() { cancel(); <-done }()
			req, _ := http.NewRequest("POST", "http://"+ln.Addr().String()+"/api/v1/login", strings.NewReader(`{"username":"vanhanhA","password":"sai-mat-khau-roi"}`))
			req.Header.Set("Content-Type", ctJSON)
			req.Header.Set("X-Forwarded-For", "203.0.113.50")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			logs.expect(t, "login.failure", map[string]any{"username": "vanhanha", "client": c.want})
			if !strings.Contains(logs.String(), `"msg":"request","method":"POST","path":"/api/v1/login","status":401`) ||
				!strings.Contains(logs.String(), `"client":"`+c.want+`"}`) {
				t.Errorf("request log lacks the client %s:\n%s", c.want, logs)
			}
		})
	}
}
