package server_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"capdo/dossier"
	"capdo/levels"
	"capdo/server"
	"capdo/store"
	"capdo/store/storetest"
)

// fixture is a running application over a real SQLite file with two provinces, an
// appraising authority and their users:
//
//	UBND tỉnh A (owner "chuquanA", infosec "atttA", admin "adminA")
//	└── Sở TT&TT A (operator "vanhanhA"): systems sysA3 (level 3) and sysA4 (level 4)
//	UBND tỉnh B (operator "vanhanhB", admin "adminB"): system sysB (level 3)
//	Cục An toàn thông tin (authority "thamdinh")
type fixture struct {
	t   testing.TB
	db  *store.DB
	srv *server.Server
	app interface {
		Test(*http.Request, ...int) (*http.Response, error)
	}
	now    time.Time
	dbPath string // the database file, to start another server on it
	mu     sync.Mutex
	orgs   map[string]store.Org
	users  map[string]store.User
	cookie map[string]string
	csrf   map[string]string

	sysA3, sysA4, sysB int64
}

const password = "mat-khau-thu-nghiem"

func newFixture(t testing.TB) *fixture {
	t.Helper()
	return newFixtureWith(t, server.Config{}, nil)
}

// newFixtureWith is newFixture with a server configuration (its clock is the fixture's)
// and a logger.
func newFixtureWith(t testing.TB, cfg server.Config, log *slog.Logger) *fixture {
	t.Helper()
	return newFixtureRules(t, cfg, log, levels.DefaultRuleSet)
}

// newFixtureRules is newFixtureWith for the server started with another rule set
// (`capdo serve --rules`).
func newFixtureRules(t testing.TB, cfg server.Config, log *slog.Logger, rules string) *fixture {
	t.Helper()
	ctx := context.Background()
	path := storetest.DSN(t)
	db, err := store.Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	useTestKey(t, db)
	f := &fixture{t: t, db: db, dbPath: path, now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC),
		orgs: map[string]store.Org{}, users: map[string]store.User{}, cookie: map[string]string{}, csrf: map[string]string{}}
	clock := func() time.Time { f.mu.Lock(); defer f.mu.Unlock(); return f.now }
	db.Now = clock
	rs, err := levels.Open(rules)
	if err != nil {
		t.Fatal(err)
	}
	eng, err := dossier.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Now = clock
	f.srv, err = server.New(cfg, db, rs, eng, log)
	if err != nil {
		t.Fatal(err)
	}
	f.app = f.srv.App()

	for _, o := range []struct{ name, parent string }{
		{"UBND tỉnh A", ""}, {"Sở TT&TT A", "UBND tỉnh A"}, {"UBND tỉnh B", ""}, {"Cục An toàn thông tin", ""},
	} {
		var pid int64
		if o.parent != "" {
			pid = f.orgs[o.parent].ID
		}
		if f.orgs[o.name], err = db.CreateOrg(ctx, store.NewOrg{Name: o.name, ParentID: pid}); err != nil {
			t.Fatal(err)
		}
	}
	// A low bcrypt cost keeps the fixture fast; production uses credential.DefaultCost.
	hash, _ := bcrypt.GenerateFromPassword([]byte(password), bcrypt.MinCost)
	for _, u := range []struct{ name, role, org string }{
		{"vanhanhA", "operator", "Sở TT&TT A"}, {"atttA", "infosec", "UBND tỉnh A"}, {"chuquanA", "owner", "UBND tỉnh A"},
		{"adminA", "admin", "UBND tỉnh A"}, {"vanhanhB", "operator", "UBND tỉnh B"}, {"adminB", "admin", "UBND tỉnh B"},
		{"thamdinh", "authority", "Cục An toàn thông tin"},
	} {
		if f.users[u.name], err = db.CreateUser(ctx, store.NewUser{Username: u.name, Role: u.role, OrgID: f.orgs[u.org].ID, PasswordHash: hash}); err != nil {
			t.Fatal(err)
		}
	}
	f.sysA3 = f.createSystem("vanhanhA", profileL3)
	f.sysA4 = f.createSystem("vanhanhA", profileL4)
	f.sysB = f.createSystem("vanhanhB", profileL3)
	return f
}

// Profiles used throughout: level 3 by D85.A9.K2.c, level 4 by a state secret.
const (
	profileL3 = `{"id": "HT-003", "name": "Cổng dịch vụ công Hà Nội", "owner": "UBND tỉnh A", "system_type": "citizen_business",
		"info_types": ["public", "personal"], "personal_data_users": 250000}`
	profileL4 = `{"id": "HT-004", "name": "Quản lý văn bản mật", "owner": "UBND tỉnh A", "system_type": "internal",
		"info_types": ["state_secret"], "secret_grade": "toi_mat", "security_harm": "serious"}`
	// profileL2 is level 2 by D85.A8.K2.b: a service for citizens with no conditional business.
	profileL2 = `{"id": "HT-002", "name": "Cổng thông tin Sở TT&TT A", "owner": "UBND tỉnh A", "system_type": "citizen_business",
		"info_types": ["public"]}`
	profileL0 = `{"name": "Bản tin nội bộ", "owner": "UBND tỉnh A", "system_type": "other", "info_types": ["public"]}`
)

// addUser adds an account in organisation org, first creating org (under parent, with
// the appraisal group appraises) when the fixture has none of that name.
func (f *fixture) addUser(name, role, org, parent, appraises string) {
	f.t.Helper()
	ctx := context.Background()
	o, ok := f.orgs[org]
	if !ok {
		var err error
		if o, err = f.db.CreateOrg(ctx, store.NewOrg{Name: org, ParentID: f.orgs[parent].ID, Appraises: appraises}); err != nil {
			f.t.Fatal(err)
		}
		f.orgs[org] = o
	}
	hash, _ := bcrypt.GenerateFromPassword([]byte(password), bcrypt.MinCost)
	u, err := f.db.CreateUser(ctx, store.NewUser{Username: name, Role: role, OrgID: o.ID, PasswordHash: hash})
	if err != nil {
		f.t.Fatal(err)
	}
	f.users[name] = u
}

func (f *fixture) advance(d time.Duration) {
	f.mu.Lock()
	f.now = f.now.Add(d)
	f.mu.Unlock()
}

// do sends one request as a user ("" for anonymous) and returns the status and body.
func (f *fixture) do(as, method, target, contentType, body string, hdr ...string) (*http.Response, string) {
	f.t.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	if as != "" {
		req.Header.Set("Cookie", "capdo_session="+f.session(as))
	}
	resp, err := f.app.Test(req, -1)
	if err != nil {
		f.t.Fatalf("%s %s: %v", method, target, err)
	}
	recordHit(f, f.caller(as, req), method, target, resp.StatusCode, resp.Header.Get("Location"))
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// caller names who sent req: as, or the user whose session cookie a test passed by hand
// ("?" when the cookie is no fixture user's).
func (f *fixture) caller(as string, req *http.Request) string {
	if as != "" {
		return as
	}
	c, err := req.Cookie("capdo_session")
	if err != nil {
		return ""
	}
	for user, v := range f.cookie {
		if v == c.Value {
			return user
		}
	}
	return "?"
}

// session logs the user in through the API once and returns the session cookie.
func (f *fixture) session(user string) string {
	f.t.Helper()
	if c, ok := f.cookie[user]; ok {
		return c
	}
	req := httptest.NewRequest("POST", "/api/v1/login", strings.NewReader(`{"username":"`+user+`","password":"`+password+`"}`))
	req.Header.Set("Content-Type", "application/json")
	resp, err := f.app.Test(req, -1)
	if err != nil || resp.StatusCode != 200 {
		f.t.Fatalf("login %s: %v %v", user, err, resp.Status)
	}
	for _, c := range resp.Cookies() {
		if c.Name == "capdo_session" {
			f.cookie[user] = c.Value
			return c.Value
		}
	}
	f.t.Fatalf("login %s: no session cookie", user)
	return ""
}

var csrfRe = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// csrfToken reads the user's form token from a page.
func (f *fixture) csrfToken(user string) string {
	f.t.Helper()
	if tok, ok := f.csrf[user]; ok {
		return tok
	}
	_, body := f.do(user, "GET", "/", "", "")
	m := csrfRe.FindStringSubmatch(body)
	if m == nil {
		f.t.Fatalf("no CSRF token on the dashboard of %s", user)
	}
	f.csrf[user] = m[1]
	return m[1]
}

// form posts an HTML form as the user, with the CSRF token.
func (f *fixture) form(user, target string, values url.Values) (*http.Response, string) {
	f.t.Helper()
	values.Set("_csrf", f.csrfToken(user))
	return f.do(user, "POST", target, "application/x-www-form-urlencoded", values.Encode())
}

func (f *fixture) createSystem(user, profile string) int64 {
	f.t.Helper()
	resp, body := f.do(user, "POST", "/api/v1/systems", "application/json", profile)
	if resp.StatusCode != 201 {
		f.t.Fatalf("create system: %d %s", resp.StatusCode, body)
	}
	var out struct{ ID int64 }
	json.Unmarshal([]byte(body), &out)
	return out.ID
}

func (f *fixture) createDossier(user string, system int64) int64 {
	f.t.Helper()
	resp, body := f.do(user, "POST", "/api/v1/systems/"+itoa(system)+"/dossiers", "", "")
	if resp.StatusCode != 201 {
		f.t.Fatalf("create dossier: %d %s", resp.StatusCode, body)
	}
	var out struct{ ID int64 }
	json.Unmarshal([]byte(body), &out)
	return out.ID
}

func (f *fixture) act(user string, dossier int64, action string) (int, string) {
	f.t.Helper()
	resp, body := f.do(user, "POST", "/api/v1/dossiers/"+itoa(dossier)+"/actions", "application/json",
		`{"action":"`+action+`","comment":"Ý kiến của `+user+`"}`)
	return resp.StatusCode, body
}

func itoa(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// scenario is one request and what must come back.
type scenario struct {
	name        string
	as          string
	method, url string
	ctype, body string
	headers     []string
	want        int
	contains    []string
	notContains []string
}

func (f *fixture) run(t *testing.T, scenarios []scenario) {
	t.Helper()
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			resp, body := f.do(sc.as, sc.method, sc.url, sc.ctype, sc.body, sc.headers...)
			if resp.StatusCode != sc.want {
				t.Errorf("%s %s as %q = %d, want %d\n%s", sc.method, sc.url, sc.as, resp.StatusCode, sc.want, clip(body))
			}
			for _, s := range sc.contains {
				if !strings.Contains(body, s) {
					t.Errorf("%s %s: body lacks %q\n%s", sc.method, sc.url, s, clip(body))
				}
			}
			for _, s := range sc.notContains {
				if strings.Contains(body, s) {
					t.Errorf("%s %s: body contains %q", sc.method, sc.url, s)
				}
			}
		})
	}
}

func clip(s string) string {
	if len(s) > 600 {
		return s[:600] + "…"
	}
	return s
}
