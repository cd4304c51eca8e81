package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"capdo/levels"
	"capdo/review"
)

// vnMorning is 09:00 in Vietnam on day (YYYY-MM-DD).
func vnMorning(t *testing.T, day string) time.Time {
	t.Helper()
	d, err := time.ParseInLocation(time.DateOnly, day, review.Vietnam)
	if err != nil {
		t.Fatal(err)
	}
	return d.Add(9 * time.Hour)
}

func (f *fixture) setNow(t *testing.T, day string) {
	t.Helper()
	f.mu.Lock()
	f.now = vnMorning(t, day)
	f.mu.Unlock()
	// Sessions made at the old time may have expired: sign in again when asked.
	f.cookie, f.csrf = map[string]string{}, map[string]string{}
}

// regulationBody is the multipart body of a regulation, with extra fields (such as the form's
// _csrf and org_id).
func regulationBody(number, issuedOn string, file []byte, extra ...string) (string, string) {
	fields := map[string]string{"number": number, "issued_on": issuedOn, "issuer": "Chủ tịch UBND tỉnh A"}
	for i := 0; i+1 < len(extra); i += 2 {
		fields[extra[i]] = extra[i+1]
	}
	name := ""
	if file != nil {
		name = "Quy chế an ninh mạng.pdf"
	}
	return multipartBody(fields, name, file)
}

// The Quy chế routes (contract: GET/POST /api/v1/orgs/{id}/regulations, the page, the file):
// who records, who reads, what is refused.
func TestRegulations_Routes(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.addUser("adminSo", "admin", "Sở TT&TT A", "", "")
	pdf := minimalPDF("Quy che")
	provA, provB, so := itoa(f.orgs["UBND tỉnh A"].ID), itoa(f.orgs["UBND tỉnh B"].ID), itoa(f.orgs["Sở TT&TT A"].ID)
	api := "/api/v1/orgs/" + provA + "/regulations"
	ct, good := regulationBody("12/QĐ-UBND", "2026-03-01", pdf)
	ctFuture, future := regulationBody("13/QĐ-UBND", "2026-03-03", pdf)
	ctEmpty, empty := regulationBody("", "", nil)
	ctPicture, picture := regulationBody("14/QĐ-UBND", "2026-03-01", []byte("\x89PNG\r\n\x1a\n0000"))
	ctBroken, broken := regulationBody("15/QĐ-UBND", "2026-03-01", []byte("%PDF-1.4\n1 0 obj\n"))
	f.run(t, []scenario{
		{name: "anonymous reads", method: "GET", url: api, want: 401},
		{name: "anonymous records", method: "POST", url: api, ctype: ct, body: good, want: 401},
		{name: "anonymous page", method: "GET", url: "/regulations", want: 303},
		{name: "anonymous form", method: "POST", url: "/regulations", ctype: ct, body: good, want: 303},
		{name: "anonymous file", method: "GET", url: "/regulations/1/file", want: 303},
		{name: "none yet", as: "chuquanA", method: "GET", url: api, want: 200, contains: []string{`"covering":null`, `"regulations":[]`, `"org":"UBND tỉnh A"`}},
		{name: "an operator does not record", as: "vanhanhA", method: "POST", url: "/api/v1/orgs/" + so + "/regulations", ctype: ct, body: good, want: 403},
		{name: "an infosec unit does not record", as: "atttA", method: "POST", url: api, ctype: ct, body: good, want: 403},
		{name: "nor opens the page", as: "vanhanhA", method: "GET", url: "/regulations", want: 403},
		{name: "nor posts the form", as: "vanhanhA", method: "POST", url: "/regulations", ctype: ct, body: good, want: 403},
		{name: "another province's owner body", as: "adminB", method: "POST", url: api, ctype: ct, body: good, want: 404},
		{name: "a unit's administrator records not for the province above", as: "adminSo", method: "POST", url: api, ctype: ct, body: good, want: 404},
		{name: "a date to come", as: "chuquanA", method: "POST", url: api, ctype: ctFuture, body: future, want: 400, contains: []string{`"field":"issued_on"`, "chưa đến"}},
		{name: "every field missing", as: "chuquanA", method: "POST", url: api, ctype: ctEmpty, body: empty, want: 400,
			contains: []string{`"field":"number"`, `"field":"issued_on"`, `"field":"file"`}},
		{name: "a picture", as: "chuquanA", method: "POST", url: api, ctype: ctPicture, body: picture, want: 415, contains: []string{`"field":"file"`}},
		{name: "a broken PDF", as: "chuquanA", method: "POST", url: api, ctype: ctBroken, body: broken, want: 400, contains: []string{`"field":"file"`}},
		{name: "the owner records", as: "chuquanA", method: "POST", url: api, ctype: ct, body: good, want: 201,
			contains: []string{`"number":"12/QĐ-UBND"`, `"issued_on":"2026-03-01"`, `"current":true`, `"file_name":"quy-che-an-ninh-mang.pdf"`, `"recorded_by":"chuquanA"`, `"url":"/regulations/1/file"`}},
		{name: "the owner reads", as: "chuquanA", method: "GET", url: api, want: 200, contains: []string{`"covering":{"id":1`, `"regulations":[{"id":1`}},
		{name: "a unit below reads its owner's", as: "vanhanhA", method: "GET", url: api, want: 200, contains: []string{`"covering":{"id":1`}},
		{name: "and finds it covering its own unit", as: "vanhanhA", method: "GET", url: "/api/v1/orgs/" + so + "/regulations", want: 200,
			contains: []string{`"covering":{"id":1`, `"regulations":[]`}},
		{name: "another province reads nothing", as: "adminB", method: "GET", url: api, want: 404},
		{name: "its own empty list", as: "adminB", method: "GET", url: "/api/v1/orgs/" + provB + "/regulations", want: 200, contains: []string{`"covering":null`}},
		{name: "the file", as: "vanhanhA", method: "GET", url: "/regulations/1/file", want: 200, contains: []string{"%PDF-1.4"}},
		{name: "not to another province", as: "adminB", method: "GET", url: "/regulations/1/file", want: 404},
		{name: "a record that does not exist", as: "chuquanA", method: "GET", url: "/regulations/99/file", want: 404},
		{name: "the page", as: "chuquanA", method: "GET", url: "/regulations", want: 200,
			contains: []string{`<html lang="vi">`, `id="regulation-covering"`, "12/QĐ-UBND", `enctype="multipart/form-data"`, "đang áp dụng", "Khoản 7 Điều 30"}},
		// On 02/03/2026 Decree 331 is not in force: the dashboard says when it takes effect
		// instead (TestDashboard_Decree331Gate shows the box from 19/08/2026).
		{name: "the dashboard waits for Decree 331", as: "chuquanA", method: "GET", url: "/", want: 200,
			contains: []string{`id="decree331-from"`}, notContains: []string{`id="dashboard-regulation"`}},
	})
	// The form: problems beside their inputs with what was typed kept; then a new record
	// that supersedes, and both listed.
	ct2, bad := regulationBody("16/QĐ-UBND", "2026-03-09", pdf, "_csrf", f.csrfToken("chuquanA"), "org_id", provA)
	resp, body := f.do("chuquanA", "POST", "/regulations", ct2, bad)
	if resp.StatusCode != 400 || !strings.Contains(body, `value="16/QĐ-UBND"`) || !strings.Contains(body, "chưa đến") {
		t.Errorf("the form with a date to come = %d\n%s", resp.StatusCode, clip(body))
	}
	ct2, ok := regulationBody("17/QĐ-UBND", "2026-03-02", pdf, "_csrf", f.csrfToken("chuquanA"), "org_id", provA)
	resp, _ = f.do("chuquanA", "POST", "/regulations", ct2, ok)
	if resp.StatusCode != 303 || !strings.HasPrefix(resp.Header.Get("Location"), "/regulations?recorded=2") {
		t.Fatalf("the form = %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body = f.do("chuquanA", "GET", "/regulations?recorded=2", "", "")
	if !strings.Contains(body, `id="regulation-recorded"`) || !regexp.MustCompile(`(?s)id="reg-2".*đang áp dụng.*id="reg-1".*đã được thay thế`).MatchString(body) {
		t.Errorf("the history after a second record:\n%s", clip(body))
	}
}

// toApprovalHTTP takes a dossier through its own flow, each step by the fixture user of the
// role that holds it, and returns who approves it: the walk does not depend on how many
// stages the decree puts before approval.
func (f *fixture) toApprovalHTTP(t *testing.T, d int64) string {
	t.Helper()
	byRole := map[string]string{"operator": "vanhanhA", "infosec": "atttA", "owner": "chuquanA", "authority": "thamdinh"}
	for range 8 {
		st := f.dossierState(t, "adminA", d)
		user := byRole[st.Holder]
		if user == "" {
			t.Fatalf("dossier %d held by %q", d, st.Holder)
		}
		moved := false
		for _, a := range []string{"submit", "opinion", "appraise"} {
			if code, _ := f.act(user, d, a); code == 200 {
				moved = true
				break
			}
		}
		if !moved {
			return user
		}
	}
	t.Fatalf("dossier %d never reached its approval", d)
	return ""
}

// Art. 30.7: approving a Decree 331 dossier is refused (409 naming the regulation) while
// the system's owner has recorded none; the dossier page says so before anyone clicks;
// once the owner records it, the approval goes through.
func TestApprove_D331NeedsRegulation(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	if resp, body := f.do("vanhanhA", "PUT", "/api/v1/systems/"+itoa(f.sysA3)+"/risk-assessment", ctJSON, riskBody(3, "")); resp.StatusCode != 200 {
		t.Fatalf("risk assessment = %d %s", resp.StatusCode, body)
	}
	d := f.d331Dossier(t, f.sysA3, 3)
	page := "/dossiers/" + itoa(d)
	f.run(t, []scenario{
		{name: "the draft says it already", as: "vanhanhA", method: "GET", url: page, want: 200,
			contains: []string{`id="regulation-gate"`, `id="regulation-missing"`, "khoản 7 Điều 30 Nghị định 331/2026/NĐ-CP"}, notContains: []string{`id="regulation-record"`}},
	})
	approver := f.toApprovalHTTP(t, d)
	f.run(t, []scenario{
		{name: "the approver reads it before clicking", as: approver, method: "GET", url: page, want: 200,
			contains: []string{`id="regulation-missing"`, "Chưa phê duyệt được hồ sơ này"}},
	})
	code, body := f.act(approver, d, "approve")
	if code != 409 || !strings.Contains(body, `"field":"regulation"`) || !strings.Contains(strings.ToLower(body), "quy chế") {
		t.Fatalf("approve without a regulation = %d %s", code, body)
	}
	resp, page2 := f.form(approver, page+"/actions", url.Values{"action": {"approve"}, "confirm": {"1"}})
	if resp.StatusCode != 409 || !strings.Contains(page2, "<code>regulation</code>") {
		t.Errorf("the web form's approval = %d\n%s", resp.StatusCode, clip(page2))
	}
	if st := f.dossierState(t, "adminA", d); st.Status == "approved" {
		t.Fatal("a refused approval approved the dossier")
	}
	ct, body := regulationBody("12/QĐ-UBND", "2026-03-01", minimalPDF("Quy che"))
	if resp, out := f.do("chuquanA", "POST", "/api/v1/orgs/"+itoa(f.orgs["UBND tỉnh A"].ID)+"/regulations", ct, body); resp.StatusCode != 201 {
		t.Fatalf("record = %d %s", resp.StatusCode, out)
	}
	f.run(t, []scenario{
		{name: "the page shows the regulation", as: approver, method: "GET", url: page, want: 200, contains: []string{`id="regulation-ok"`, "12/QĐ-UBND"}},
	})
	if code, body := f.act(approver, d, "approve"); code != 200 || !strings.Contains(body, `"status":"approved"`) {
		t.Fatalf("approve with a regulation = %d %s", code, body)
	}
	// Decree 85 dossiers never asked for one.
	d85 := f.createDossier("vanhanhA", f.sysA4)
	f.run(t, []scenario{
		{name: "a Decree 85 dossier", as: "vanhanhA", method: "GET", url: "/dossiers/" + itoa(d85), want: 200, notContains: []string{`id="regulation-gate"`}},
	})
}

// The working-day calendar's page: administrators of a top organisation record an
// announcement's days, which move the deadline of a dossier in progress at once. The test
// counts in 2030, a year no other test of the package uses: the calendar is shared.
func TestCalendarAdmin(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.addUser("adminSo", "admin", "Sở TT&TT A", "", "")
	f.setNow(t, "2030-03-04") // a Monday
	d := f.dossierAt(f.sysA3, "appraised")
	due := func() string {
		t.Helper()
		st := f.dossierState(t, "chuquanA", d)
		if st.DueAt == nil {
			t.Fatal("no deadline")
		}
		return st.DueAt.In(review.Vietnam).Format(time.DateOnly)
	}
	// The owner approves within 7 working days (Decree 85 Art. 17.2): 5–8 and 11–13 March.
	if got := due(); got != "2030-03-13" {
		t.Fatalf("approval due %s, want 2030-03-13", got)
	}
	form := url.Values{"occasion": {"other"}, "year": {"2030"}, "off": {"07/03/2030"}, "source": {"Thông báo thử của Văn phòng Chính phủ"}, "mark": {"unverified"}}
	bad := url.Values{"occasion": {"other"}, "off": {"2030-03-09"}, "work": {"2030-03-11"}, "source": {""}, "mark": {""}}
	body := func(v url.Values, user string) string { v.Set("_csrf", f.csrfToken(user)); return v.Encode() }
	const ctForm = "application/x-www-form-urlencoded"
	f.run(t, []scenario{
		{name: "anonymous page", method: "GET", url: "/admin/calendar", want: 303},
		{name: "anonymous form", method: "POST", url: "/admin/calendar", ctype: ctForm, body: "occasion=other", want: 303},
		{name: "an owner", as: "chuquanA", method: "GET", url: "/admin/calendar", want: 403},
		{name: "an owner posts", as: "chuquanA", method: "POST", url: "/admin/calendar", ctype: ctForm, body: body(url.Values{"occasion": {"other"}}, "chuquanA"), want: 403},
		{name: "a unit's administrator reads", as: "adminSo", method: "GET", url: "/admin/calendar", want: 200, contains: []string{`id="calendar-readonly"`}, notContains: []string{`id="calendar-form"`}},
		{name: "and may not record", as: "adminSo", method: "POST", url: "/admin/calendar", ctype: ctForm, body: body(url.Values{"occasion": {"other"}, "off": {"2030-03-07"}, "source": {"x"}}, "adminSo"), want: 403,
			contains: []string{"đơn vị cấp cao nhất"}},
		{name: "problems beside their inputs", as: "adminA", method: "POST", url: "/admin/calendar", ctype: ctForm, body: body(bad, "adminA"), want: 400,
			contains: []string{"cần nêu văn bản công bố", "phải là thứ Bảy hoặc Chủ nhật", `>2030-03-09</textarea>`}},
		{name: "the page", as: "adminA", method: "GET", url: "/admin/calendar", want: 200,
			contains: []string{`<html lang="vi">`, `id="calendar-form"`, `id="upcoming-days"`, "Chưa ghi ngày nào"}},
	})
	if got := due(); got != "2030-03-13" {
		t.Fatalf("refused forms moved the deadline to %s", got)
	}
	resp, _ := f.form("adminA", "/admin/calendar", form)
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/admin/calendar?added=1&moved=1" {
		t.Fatalf("record = %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if got := due(); got != "2030-03-14" {
		t.Errorf("after a day off on Thursday 07/03/2030 the approval is due %s, want 2030-03-14", got)
	}
	f.run(t, []scenario{
		{name: "what was recorded", as: "adminA", method: "GET", url: "/admin/calendar?added=1&moved=1", want: 200,
			contains: []string{`id="calendar-added"`, "thời hạn của 1 hồ sơ", "07/03/2030", "Thông báo thử của Văn phòng Chính phủ", "[cần đối chiếu]"}},
		{name: "the dossier page", as: "chuquanA", method: "GET", url: "/dossiers/" + itoa(d), want: 200, contains: []string{"14/03/2030"}},
	})
}

// The dashboard tells an administrator when the calendar's announced data runs out within a
// year (workdays: 2026 is the last year shipped).
func TestDashboard_CalendarWarnings(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.setNow(t, "2026-12-03")
	f.run(t, []scenario{
		{name: "an administrator", as: "adminA", method: "GET", url: "/", want: 200,
			contains: []string{`id="calendar-warnings"`, "Dữ liệu ngày nghỉ do Chính phủ công bố", `href="/admin/calendar"`}},
		{name: "not an operator", as: "vanhanhA", method: "GET", url: "/", want: 200, notContains: []string{`id="calendar-warnings"`}},
	})
}

// systemTransition reads the transition of a system through the API.
func (f *fixture) systemTransition(t *testing.T, as string, id int64) (map[string]any, map[string]int) {
	t.Helper()
	resp, body := f.do(as, "GET", "/api/v1/systems/"+itoa(id), "", "")
	if resp.StatusCode != 200 {
		t.Fatalf("GET system = %d %s", resp.StatusCode, body)
	}
	var out struct {
		Transition map[string]any `json:"transition"`
		Levels     map[string]int `json:"levels"`
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatal(err)
	}
	return out.Transition, out.Levels
}

// A system approved under Decree 85 keeps its level and must meet Decree 331 and TCVN
// 14423:2026 by 01/07/2027 (warned from 30/06/2027): the countdown in days and working days
// on the system page, the dashboard and the API, at fixed dates counted by hand.
func TestTransition_Countdown(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.dossierAt(f.sysA3, "approved") // on 02/03/2026, under Decree 85
	for _, c := range []struct {
		day            string
		days, working  int
		state, phrase  string
		dashboardCount string
	}{
		{"2027-06-21", 10, 8, "open", "còn 10 ngày", "(8 ngày làm việc)"}, // 22–25, 28–30 June, 1 July
		{"2027-06-30", 1, 1, "warn", "còn 1 ngày", "sắp hết hạn"},
		{"2027-07-01", 0, 0, "warn", "còn 0 ngày", "sắp hết hạn"},
		{"2027-07-02", -1, -1, "overdue", "quá hạn 1 ngày", "đã quá hạn"},
	} {
		t.Run(c.day, func(t *testing.T) {
			f.setNow(t, c.day)
			tr, _ := f.systemTransition(t, "vanhanhA", f.sysA3)
			want := map[string]any{"kind": "d85_approved", "deadline": "2027-07-01", "warn_from": "2027-06-30", "days_left": float64(c.days),
				"working_days_left": float64(c.working), "state": c.state}
			for k, v := range want {
				if tr[k] != v {
					t.Errorf("transition.%s = %v, want %v", k, tr[k], v)
				}
			}
			if ob, _ := tr["obligation"].(string); !strings.Contains(ob, "Giữ cấp độ 3") || !strings.Contains(ob, "TCVN 14423:2026 (mục 5)") {
				t.Errorf("obligation = %q", ob)
			}
			f.run(t, []scenario{
				{name: "system page", as: "vanhanhA", method: "GET", url: "/systems/" + itoa(f.sysA3), want: 200,
					contains: []string{`id="system-transition"`, c.phrase, c.dashboardCount, "01/07/2027", "khoản 1 Điều 45 Luật An ninh mạng"}},
				{name: "a reviewer sees it too", as: "atttA", method: "GET", url: "/systems/" + itoa(f.sysA3), want: 200, contains: []string{`id="system-transition"`, c.phrase}},
				{name: "dashboard", as: "vanhanhA", method: "GET", url: "/", want: 200,
					contains: []string{`id="transition-compliance"`, "1 hệ thống có cấp độ được phê duyệt theo Nghị định 85/2016/NĐ-CP", c.phrase, "Cổng dịch vụ công Hà Nội"}},
			})
		})
	}
	if tr, _ := f.systemTransition(t, "vanhanhA", f.sysA4); tr != nil {
		t.Errorf("a system never approved: transition %v, want null", tr)
	}
	f.run(t, []scenario{
		{name: "another province's dashboard", as: "vanhanhB", method: "GET", url: "/", want: 200, notContains: []string{`id="transition-compliance"`}},
	})
}

// Decree 85 after 30/06/2026: the web app offers it only for a transitional system, until
// 01/01/2027; the dossier page and the dashboard count down to that day; the API keeps the
// server's default and the page warns.
func TestTransitional_OfferAndRefusal(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.setNow(t, "2026-12-03")
	trans := f.createSystem("vanhanhA", strings.Replace(profileL3, `"id": "HT-003"`, `"id": "HT-005", "transitional": true`, 1))
	plainPage, transPage := "/systems/"+itoa(f.sysA3), "/systems/"+itoa(trans)
	f.run(t, []scenario{
		{name: "a plain system: Decree 331 only", as: "vanhanhA", method: "GET", url: plainPage, want: 200,
			contains: []string{`<option value="d331-2026" selected>d331-2026 — đang áp dụng ngày 03/12/2026`}, notContains: []string{`<option value="d85-2016"`}},
		{name: "a transitional system: Decree 85 offered, Decree 331 preselected", as: "vanhanhA", method: "GET", url: transPage, want: 200,
			contains: []string{`<option value="d331-2026" selected>`, `<option value="d85-2016">d85-2016 — hệ thống đang đầu tư, xây dựng trước ngày 01/7/2026`}},
		{name: "the transitional system's countdown", as: "vanhanhA", method: "GET", url: transPage, want: 200,
			contains: []string{`id="system-transition"`, "còn 29 ngày", "(20 ngày làm việc)", "01/01/2027"}},
	})
	resp, body := f.form("vanhanhA", plainPage+"/dossiers", url.Values{"rule_set": {"d85-2016"}})
	if resp.StatusCode != 400 || !strings.Contains(body, "<code>rule_set</code>") || !strings.Contains(body, "khoản 1 Điều 39") {
		t.Errorf("Decree 85 for a plain system = %d\n%s", resp.StatusCode, clip(body))
	}
	resp, _ = f.form("vanhanhA", transPage+"/dossiers", url.Values{"rule_set": {"d85-2016"}})
	loc := resp.Header.Get("Location")
	if resp.StatusCode != 303 || !strings.HasPrefix(loc, "/dossiers/") {
		t.Fatalf("Decree 85 for a transitional system = %d %s", resp.StatusCode, loc)
	}
	f.run(t, []scenario{
		{name: "its dossier counts down to the Art. 39.1 deadline", as: "vanhanhA", method: "GET", url: loc, want: 200,
			contains: []string{`id="dossier-transition"`, "còn 29 ngày", "(20 ngày làm việc)", "khoản 1 Điều 39"}, notContains: []string{`id="transition-warnings"`}},
		{name: "its renewal stays under Decree 85", as: "vanhanhA", method: "GET", url: loc, want: 200, notContains: []string{`name="rule_set" value="d331-2026"`}},
	})
	// The API keeps the server's --rules (docs/contract.md §6): a plain system's Decree 85 dossier
	// is made, and its page warns.
	resp, body = f.do("vanhanhA", "POST", "/api/v1/systems/"+itoa(f.sysA3)+"/dossiers", "", "")
	if resp.StatusCode != 201 || !strings.Contains(body, `"rule_set":"d85-2016"`) {
		t.Fatalf("API default = %d %s", resp.StatusCode, body)
	}
	var made struct{ ID int64 }
	json.Unmarshal([]byte(body), &made)
	f.run(t, []scenario{
		{name: "the plain system's dossier warns", as: "vanhanhA", method: "GET", url: "/dossiers/" + itoa(made.ID), want: 200,
			contains: []string{`id="transition-warnings"`, "không khai báo hệ thống đang đầu tư"}},
		{name: "the dashboard lists both", as: "vanhanhA", method: "GET", url: "/", want: 200,
			contains: []string{`id="transition-pending"`, "2 hồ sơ theo Nghị định 85/2016/NĐ-CP", "có khai báo", "chưa khai báo", "còn 29 ngày"}},
		{name: "and says which set is in force", as: "vanhanhA", method: "GET", url: "/", want: 200, contains: []string{`id="rule-set-in-force"`, "<code>d331-2026</code>"}},
	})
	f.setNow(t, "2026-12-31")
	f.run(t, []scenario{
		{name: "the earlier reading's last day", as: "vanhanhA", method: "GET", url: loc, want: 200, contains: []string{"còn 1 ngày", "sắp hết hạn", "31/12/2026"}},
	})
	f.setNow(t, "2027-01-02")
	resp, body = f.form("vanhanhA", transPage+"/dossiers", url.Values{"rule_set": {"d85-2016"}})
	if resp.StatusCode != 400 || !strings.Contains(body, "Đã hết thời hạn 01/01/2027") {
		t.Errorf("Decree 85 past the deadline = %d\n%s", resp.StatusCode, clip(body))
	}
	f.run(t, []scenario{
		{name: "no longer offered", as: "vanhanhA", method: "GET", url: transPage, want: 200, notContains: []string{`<option value="d85-2016"`}},
		{name: "the pending dossier is overdue", as: "vanhanhA", method: "GET", url: loc, want: 200, contains: []string{"quá hạn 1 ngày", "không còn được phê duyệt theo Nghị định 85/2016/NĐ-CP"}},
	})
}

// The level under both built-in sets, side by side, with the reasons of each and what
// changes (docs/contract.md §6 "levels").
func TestSystem_LevelsSideBySide(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	want := map[string]int{}
	for _, id := range []string{"d85-2016", "d331-2026"} {
		rs, err := levels.Open(id)
		if err != nil {
			t.Fatal(err)
		}
		p, err := levels.ParseProfile([]byte(profileL3), "")
		if err != nil {
			t.Fatal(err)
		}
		d, err := rs.Classify(context.Background(), &p)
		if err != nil {
			t.Fatal(err)
		}
		want[id] = d.Level
	}
	_, got := f.systemTransition(t, "vanhanhA", f.sysA3)
	if len(got) != 2 || got["d85-2016"] != 3 || got["d331-2026"] != want["d331-2026"] {
		t.Errorf("levels = %v, want %v", got, want)
	}
	f.run(t, []scenario{
		{name: "the API says what changes", as: "vanhanhA", method: "GET", url: "/api/v1/systems/" + itoa(f.sysA3), want: 200,
			contains: []string{`"level_changes":[`, "Tiêu chí quyết định: D85.A9.K2.c", `"transition":null`}},
		{name: "the page, side by side", as: "vanhanhA", method: "GET", url: "/systems/" + itoa(f.sysA3), want: 200,
			contains: []string{`id="levels-compare"`, `id="level-d85-2016"`, `id="level-d331-2026"`, `id="level-changes"`, "D85.A9.K2.c", "Điểm c khoản 2 Điều 9",
				"Cấp độ theo hai nghị định", "TCVN 14423:2026"}},
	})
}

// A level declared approved under Decree 85 on import (approved_level) counts in the
// dashboard's approved levels and in its transition block, marked as declared, and gives
// the system the obligation of 01/07/2027 in the API, marked declared; an approval recorded
// in capdo then takes the system's place as an approval.
func TestTransition_DeclaredOnImport(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	done := f.importInventory()
	portal := done.Rows[1].SystemID // HT-101, declared approved at level 2
	tr, _ := f.systemTransition(t, "vanhanhA", portal)
	if tr["kind"] != "d85_approved" || tr["declared"] != true || !strings.Contains(fmt.Sprint(tr["obligation"]), "Giữ cấp độ 2") {
		t.Errorf("transition of a system declared approved = %v", tr)
	}
	if tr, _ := f.systemTransition(t, "vanhanhA", done.Rows[2].SystemID); tr != nil {
		t.Errorf("a system with no approved level declared: transition %v, want null", tr)
	}
	f.run(t, []scenario{
		{name: "dashboard", as: "vanhanhA", method: "GET", url: "/", want: 200,
			contains: []string{`id="transition-compliance"`, "2 hệ thống có cấp độ được phê duyệt theo Nghị định 85/2016/NĐ-CP",
				`id="transition-declared"`, "Trong đó 2 hệ thống có cấp độ phê duyệt do đơn vị khai báo khi nhập danh mục",
				"Khai báo khi nhập danh mục ngày", "Cổng thông tin Sở", "Trong đó khai báo khi nhập"}},
		{name: "system page", as: "vanhanhA", method: "GET", url: "/systems/" + itoa(portal), want: 200,
			contains: []string{`id="system-transition"`, "01/07/2027", "khai báo khi nhập danh mục"}},
		// The approved level shown as the dashboard counts it, marked declared, not "none".
		{name: "system page's approved level", as: "vanhanhA", method: "GET", url: "/systems/" + itoa(portal), want: 200,
			contains:    []string{`id="declared-level">Cấp độ 2</span> <b>đã được phê duyệt</b> <span class="declared">(khai báo khi nhập danh mục)</span>`, `id="declared-note"`, "không phải quyết định phê duyệt được ghi nhận trên capdo"},
			notContains: []string{`id="not-approved"`}},
		{name: "system list's approved level", as: "vanhanhA", method: "GET", url: "/systems?q=HT-101", want: 200,
			contains:    []string{`<span class="level approved lv2">Cấp độ 2</span><br><small class="declared"`, "khai báo khi nhập danh mục</small>"},
			notContains: []string{"Chưa phê duyệt"}},
		{name: "a system with none declared", as: "vanhanhA", method: "GET", url: "/systems/" + itoa(done.Rows[2].SystemID), want: 200,
			contains: []string{`id="not-approved"`}, notContains: []string{`id="declared-level"`}},
		{name: "another province's dashboard", as: "vanhanhB", method: "GET", url: "/", want: 200, notContains: []string{`id="transition-compliance"`}},
	})
	f.dossierAt(f.sysA3, "approved") // HT-003: now approved in capdo, under Decree 85
	if tr, _ := f.systemTransition(t, "vanhanhA", f.sysA3); tr["declared"] != false {
		t.Errorf("transition of a system approved in capdo = %v", tr)
	}
	f.run(t, []scenario{
		{name: "dashboard after an approval in capdo", as: "vanhanhA", method: "GET", url: "/", want: 200,
			contains: []string{"2 hệ thống có cấp độ được phê duyệt theo Nghị định 85/2016/NĐ-CP", "Trong đó 1 hệ thống", "/dossiers/"}},
	})
}
