package server_test

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"
)

type notificationJSON struct {
	ID        int64  `json:"id"`
	Kind      string `json:"kind"`
	KindLabel string `json:"kind_label"`
	DossierID int64  `json:"dossier_id"`
	Text      string `json:"text"`
	Read      bool   `json:"read"`
}

func (f *fixture) inbox(user, query string) ([]notificationJSON, string) {
	f.t.Helper()
	resp, body := f.do(user, "GET", "/api/v1/notifications"+query, "", "")
	if resp.StatusCode != 200 {
		f.t.Fatalf("notifications of %s: %d %s", user, resp.StatusCode, body)
	}
	var ns []notificationJSON
	if err := json.Unmarshal([]byte(body), &ns); err != nil {
		f.t.Fatal(err)
	}
	return ns, resp.Header.Get("X-Unread-Count")
}

// A step tells the next holder at once (docs/contract.md §6): submitted to the province's infosec
// unit, returned to the preparers; nobody else is told, and a user marks only its own
// notifications read.
func TestNotifications_API(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	d := f.createDossier("vanhanhA", f.sysA3)
	if code, body := f.act("vanhanhA", d, "submit"); code != 200 {
		t.Fatalf("submit: %d %s", code, body)
	}
	ns, unread := f.inbox("atttA", "")
	if len(ns) != 1 || ns[0].Kind != "submitted" || ns[0].DossierID != d || ns[0].Read || unread != "1" ||
		!strings.Contains(ns[0].Text, "Cổng dịch vụ công Hà Nội") || ns[0].KindLabel != "Hồ sơ được gửi" {
		t.Fatalf("atttA's notifications = %+v (unread %s)", ns, unread)
	}
	for _, u := range []string{"vanhanhA", "chuquanA", "adminA", "vanhanhB", "thamdinh"} {
		if ns, _ := f.inbox(u, ""); len(ns) != 0 {
			t.Errorf("%s was told: %+v", u, ns)
		}
	}
	id := itoa(ns[0].ID)
	f.run(t, []scenario{
		{name: "anonymous list", method: "GET", url: "/api/v1/notifications", want: 401},
		{name: "bad filter", as: "atttA", method: "GET", url: "/api/v1/notifications?unread=yes", want: 400, contains: []string{"unread"}},
		{name: "a window", as: "atttA", method: "GET", url: "/api/v1/notifications?limit=1&offset=0", want: 200, contains: []string{`"kind":"submitted"`}},
		{name: "anonymous read", method: "POST", url: "/api/v1/notifications/" + id + "/read", want: 401},
		{name: "someone else's", as: "chuquanA", method: "POST", url: "/api/v1/notifications/" + id + "/read", want: 404},
		{name: "not a number", as: "atttA", method: "POST", url: "/api/v1/notifications/x/read", want: 404},
		{name: "read", as: "atttA", method: "POST", url: "/api/v1/notifications/" + id + "/read", want: 200, contains: []string{`"read":true`}},
		{name: "anonymous read all", method: "POST", url: "/api/v1/notifications/read-all", want: 401},
	})
	if ns, unread := f.inbox("atttA", "?unread=true"); len(ns) != 0 || unread != "0" {
		t.Errorf("after reading: %+v (unread %s)", ns, unread)
	}
	// Returned with a reason: the preparers who see the system are told, with the reason.
	resp, body := f.do("atttA", "POST", "/api/v1/dossiers/"+itoa(d)+"/actions", "application/json",
		`{"action":"return","comment":"Bổ sung sơ đồ mạng"}`)
	if resp.StatusCode != 200 {
		t.Fatalf("return: %d %s", resp.StatusCode, body)
	}
	for _, u := range []string{"vanhanhA", "chuquanA"} {
		ns, _ := f.inbox(u, "")
		if len(ns) != 1 || ns[0].Kind != "returned" || !strings.Contains(ns[0].Text, "Lý do: Bổ sung sơ đồ mạng") {
			t.Errorf("%s: %+v", u, ns)
		}
	}
	f.run(t, []scenario{{name: "read all", as: "chuquanA", method: "POST", url: "/api/v1/notifications/read-all", want: 200, contains: []string{`"marked":1`}}})
	if _, unread := f.inbox("chuquanA", ""); unread != "0" {
		t.Errorf("chuquanA unread after read-all: %s", unread)
	}
}

// A level 4 dossier goes through the infosec unit's opinion to the authority, which is told
// only then; the deadline notices come from the job.
func TestNotifications_Level4AndDeadlines(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	d := f.createDossier("vanhanhA", f.sysA4)
	f.act("vanhanhA", d, "submit")
	if ns, _ := f.inbox("thamdinh", ""); len(ns) != 0 {
		t.Errorf("the authority was told before the opinion: %+v", ns)
	}
	if code, body := f.act("atttA", d, "opinion"); code != 200 {
		t.Fatalf("opinion: %d %s", code, body)
	}
	ns, _ := f.inbox("thamdinh", "")
	if len(ns) != 1 || ns[0].Kind != "opinion_given" {
		t.Fatalf("the authority's inbox = %+v", ns)
	}
	// Far past the appraisal deadline: the job tells the authority once.
	f.advance(90 * 24 * time.Hour)
	for i := 0; i < 2; i++ {
		if _, err := f.srv.Notifier().RunOnce(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	delete(f.cookie, "thamdinh") // the session has expired meanwhile
	ns, unread := f.inbox("thamdinh", "")
	if len(ns) != 2 || ns[0].Kind != "overdue" || unread != "2" {
		t.Errorf("after the deadline: %+v", ns)
	}
}

// The inbox page: the unread count in the header and on the dashboard, each notification
// opened (and so read) or marked read, all marked read at once.
func TestNotifications_Pages(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	d := f.createDossier("vanhanhA", f.sysA3)
	f.act("vanhanhA", d, "submit")
	ns, _ := f.inbox("atttA", "")
	form := "application/x-www-form-urlencoded"
	f.run(t, []scenario{
		{name: "anonymous page", method: "GET", url: "/notifications", want: 303},
		{name: "header count", as: "atttA", method: "GET", url: "/systems", want: 200, contains: []string{`id="unread-count">1<`, `aria-label="Thông báo, 1 chưa đọc"`}},
		{name: "dashboard", as: "atttA", method: "GET", url: "/", want: 200, contains: []string{"Bạn có 1 thông báo chưa đọc"}},
		{name: "inbox", as: "atttA", method: "GET", url: "/notifications", want: 200,
			contains: []string{"Hồ sơ được gửi", "Cổng dịch vụ công Hà Nội", "Mở hồ sơ số " + itoa(d), "Đánh dấu đã đọc tất cả"}},
		{name: "unread only", as: "atttA", method: "GET", url: "/notifications?unread=true", want: 200, contains: []string{"Chưa đọc (1)"}},
		{name: "nothing for the operator", as: "vanhanhA", method: "GET", url: "/notifications", want: 200,
			contains: []string{"Chưa có thông báo nào"}, notContains: []string{"unread-count"}},
		{name: "anonymous read", method: "POST", url: "/notifications/" + itoa(ns[0].ID) + "/read", ctype: form, want: 303},
		{name: "anonymous read all", method: "POST", url: "/notifications/read-all", ctype: form, want: 303},
	})
	resp, _ := f.form("vanhanhA", "/notifications/"+itoa(ns[0].ID)+"/read", url.Values{"open": {"1"}})
	if resp.StatusCode != 404 {
		t.Errorf("someone else's notification: %d", resp.StatusCode)
	}
	resp, _ = f.form("atttA", "/notifications/"+itoa(ns[0].ID)+"/read", url.Values{"open": {"1"}})
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/dossiers/"+itoa(d) {
		t.Errorf("open: %d → %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	f.run(t, []scenario{{name: "read", as: "atttA", method: "GET", url: "/systems", want: 200, notContains: []string{"unread-count"}}})
	f.act("atttA", d, "appraise")
	f.act("chuquanA", d, "approve")
	ns, _ = f.inbox("vanhanhA", "")
	if len(ns) != 1 || ns[0].Kind != "approved" {
		t.Fatalf("approved: %+v", ns)
	}
	resp, _ = f.form("vanhanhA", "/notifications/"+itoa(ns[0].ID)+"/read", url.Values{})
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/notifications" {
		t.Errorf("mark read: %d → %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	f.act("vanhanhA", f.createDossier("vanhanhA", f.sysA3), "submit")
	f.act("vanhanhA", f.createDossier("vanhanhA", f.sysA4), "submit")
	if _, unread := f.inbox("atttA", ""); unread != "2" {
		t.Fatalf("unread = %s", unread)
	}
	if resp, _ := f.form("atttA", "/notifications/read-all", url.Values{}); resp.StatusCode != 303 {
		t.Errorf("read all: %d", resp.StatusCode)
	}
	if _, unread := f.inbox("atttA", ""); unread != "0" {
		t.Errorf("after read all: %s", unread)
	}
}
