package server_test

import (
	"context"
	"database/sql"
	"net/url"
	"strings"
	"testing"
	"time"

	"capdo/server"
	"capdo/store"
	"capdo/store/storetest"
)

// testKey is the audit key of the test servers' databases.
var testKey = []byte("khoa-kiem-toan-cua-may-chu-thu-nghiem-32")

// useTestKey gives a test database its audit key, as `capdo serve` does at start.
func useTestKey(t testing.TB, db *store.DB) {
	t.Helper()
	if _, err := db.UseAuditKey(context.Background(), testKey, true); err != nil {
		t.Fatal(err)
	}
}

// raw opens the fixture's database file behind capdo's back, as someone who can write it.
func (f *fixture) raw(t *testing.T) *sql.DB {
	t.Helper()
	r, err := store.OpenRaw(f.db.Path())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

func rawExec(t *testing.T, r *sql.DB, stmts ...string) {
	t.Helper()
	for _, q := range stmts {
		q = storetest.OnEngine(t, r, q)
		if _, err := r.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// securityRows reads the security log as the store holds it.
func (f *fixture) securityRows(t *testing.T, filter store.SecurityFilter) []store.SecurityEvent {
	t.Helper()
	evs, err := f.db.SecurityEvents(context.Background(), filter)
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

// The events of the security log reach the table as well as standard error, refusals and
// administrators' acts included, each attributed to the organisation of its account.
func TestSecurityLog_Durable(t *testing.T) {
	f, logs := newLoggedFixture(t, server.Config{})
	f.loginAs("vanhanhB", "sai-mat-khau")
	f.loginAs("khong-ton-tai", "sai-mat-khau")
	f.do("vanhanhA", "GET", "/admin/users", "", "") // 403
	owner := itoa(f.users["chuquanA"].ID)
	f.form("adminA", "/admin/users/"+owner+"/password", url.Values{"password": {"Mat-khau-moi-2026!"}})
	d := f.createDossier("vanhanhA", f.sysA3)
	f.act("atttA", d, "submit") // denied: infosec does not submit
	f.act("vanhanhA", d, "submit")

	for _, c := range []struct {
		event, username, target string
		org                     string // "" : unattributed
		attr, value             string
	}{
		{"login", "vanhanhA", "", "Sở TT&TT A", "", ""},
		{"login.failure", "vanhanhB", "", "UBND tỉnh B", "", ""},
		{"login.failure", "khong-ton-tai", "", "", "", ""},
		{"access.denied", "vanhanhA", "", "Sở TT&TT A", "", ""},
		{"password.reset", "adminA", "chuquanA", "UBND tỉnh A", "target_role", "owner"},
		{"dossier.generate", "vanhanhA", "", "Sở TT&TT A", "dossier_id", itoa(d)},
		{"dossier.action_denied", "atttA", "", "UBND tỉnh A", "action", "submit"},
		{"dossier.action", "vanhanhA", "", "Sở TT&TT A", "to", "submitted"},
	} {
		found := false
		for _, e := range f.securityRows(t, store.SecurityFilter{Event: c.event, User: c.username}) {
			org := int64(0)
			if c.org != "" {
				org = f.orgs[c.org].ID
			}
			if strings.EqualFold(e.Username, c.username) && e.Target == c.target && e.OrgID == org && (c.attr == "" || e.Attrs[c.attr] == c.value) &&
				e.Client != "" && e.Path != "" && e.Message != "" {
				found = true
			}
		}
		if !found {
			t.Errorf("no %s row for %s (target %q, org %q, %s=%s): %+v", c.event, c.username, c.target, c.org, c.attr, c.value,
				f.securityRows(t, store.SecurityFilter{Event: c.event}))
		}
		if len(logs.events(t, c.event)) == 0 {
			t.Errorf("%s is not on standard error", c.event)
		}
	}
	for _, e := range f.securityRows(t, store.SecurityFilter{}) {
		for _, v := range append([]string{e.Message, e.Username, e.Target}, attrValues(e)...) {
			if strings.Contains(v, "sai-mat-khau") || strings.Contains(v, "Mat-khau-moi-2026!") || strings.Contains(v, password) {
				t.Errorf("a password reached the security log: %+v", e)
			}
		}
	}
}

func attrValues(e store.SecurityEvent) []string {
	var out []string
	for _, v := range e.Attrs {
		out = append(out, v)
	}
	return out
}

// A flood of anonymous refusals from one client goes to standard error whole, but to the
// table only up to a budget per minute; the next row says how many were left out.
func TestSecurityLog_AnonymousFloodBounded(t *testing.T) {
	f, logs := newLoggedFixture(t, server.Config{})
	for range 45 {
		f.do("", "POST", "/login", "application/x-www-form-urlencoded", "username=x&password=y")
	}
	if n := len(logs.events(t, "csrf.rejected")); n != 45 {
		t.Fatalf("standard error has %d csrf.rejected, want 45", n)
	}
	if rows := f.securityRows(t, store.SecurityFilter{Event: "csrf.rejected"}); len(rows) != 30 {
		t.Fatalf("table has %d rows, want 30", len(rows))
	}
	f.advance(time.Minute)
	f.do("", "POST", "/login", "application/x-www-form-urlencoded", "username=x&password=y")
	rows := f.securityRows(t, store.SecurityFilter{Event: "csrf.rejected"})
	if len(rows) != 31 || rows[0].Attrs["suppressed"] != "15" {
		t.Errorf("after a minute: %d rows, newest %+v", len(rows), rows[0])
	}
	// A signed-in user's acts are never left out.
	for range 35 {
		f.do("vanhanhA", "GET", "/admin/orgs", "", "")
	}
	if rows := f.securityRows(t, store.SecurityFilter{Event: "access.denied"}); len(rows) != 35 {
		t.Errorf("access.denied rows = %d, want 35", len(rows))
	}
}

// The page shows an administrator the events of its own subtree, filtered and paged; no
// other role may open it.
func TestSecurityLog_Page(t *testing.T) {
	f := newFixture(t)
	f.loginAs("vanhanhB", "sai-mat-khau")
	f.loginAs("khong-ton-tai", "sai-mat-khau")
	f.do("vanhanhA", "GET", "/admin/users", "", "")
	f.do("vanhanhB", "GET", "/admin/users", "", "")
	today := f.now.In(time.FixedZone("ICT", 7*3600)).Format("2006-01-02")
	f.run(t, []scenario{
		{name: "anonymous", method: "GET", url: "/admin/security-log", want: 303},
		{name: "operator", as: "vanhanhA", method: "GET", url: "/admin/security-log", want: 403},
		{name: "infosec", as: "atttA", method: "GET", url: "/admin/security-log", want: 403},
		{name: "admin A", as: "adminA", method: "GET", url: "/admin/security-log", want: 200,
			contains:    []string{"Nhật ký an ninh", "Từ chối truy cập (vai trò)", "vanhanhA", "khong-ton-tai", `<html lang="vi">`},
			notContains: []string{"vanhanhB"}},
		{name: "admin B", as: "adminB", method: "GET", url: "/admin/security-log", want: 200,
			contains: []string{"vanhanhB", "Đăng nhập thất bại"}, notContains: []string{"vanhanhA"}},
		{name: "event filter", as: "adminA", method: "GET", url: "/admin/security-log?event=login.failure", want: 200,
			contains: []string{"khong-ton-tai"}, notContains: []string{"<code>access.denied</code>"}},
		{name: "user filter", as: "adminA", method: "GET", url: "/admin/security-log?user=vanhanhA", want: 200,
			contains: []string{"vanhanhA"}, notContains: []string{"khong-ton-tai"}},
		{name: "date filter", as: "adminA", method: "GET", url: "/admin/security-log?from=" + today + "&to=" + today, want: 200, contains: []string{"khong-ton-tai"}},
		{name: "date filter before", as: "adminA", method: "GET", url: "/admin/security-log?to=2020-01-01", want: 200, contains: []string{"Không có sự kiện nào khớp bộ lọc"}},
		{name: "bad date", as: "adminA", method: "GET", url: "/admin/security-log?from=02/03/2026", want: 400, contains: []string{"năm-tháng-ngày"}},
		{name: "reversed dates", as: "adminA", method: "GET", url: "/admin/security-log?from=2026-03-05&to=2026-03-01", want: 400},
		{name: "escaped", as: "adminA", method: "GET", url: "/admin/security-log?user=%3Cscript%3E", want: 200, contains: []string{"&lt;script&gt;"}, notContains: []string{"<script>"}},
	})
	// Paging: 50 rows a page, the filters kept in the links. Three refusals so far (the
	// operator and infosec scenarios, vanhanhA's request above) and sixty more.
	for range 60 {
		f.do("vanhanhA", "GET", "/admin/orgs", "", "")
	}
	_, body := f.do("adminA", "GET", "/admin/security-log?event=access.denied", "", "")
	if !strings.Contains(body, "1–50 / 63") || !strings.Contains(body, "/admin/security-log?event=access.denied&amp;page=2") {
		t.Errorf("first page: %s", clip(body))
	}
	_, body = f.do("adminA", "GET", "/admin/security-log?event=access.denied&page=2", "", "")
	if !strings.Contains(body, "51–63 / 63") {
		t.Errorf("second page: %s", clip(body))
	}
}
