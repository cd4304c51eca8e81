package server_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// Level 3 (Art. 12.2): the operating unit submits, the owner's infosec unit appraises
// within 15 days, the owner approves within 7 working days.
func TestWorkflow_Level3(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	d := f.createDossier("vanhanhA", f.sysA3)
	steps := []struct {
		as, action string
		want       int
		status     string
	}{
		{"atttA", "submit", 403, ""},      // infosec does not submit
		{"vanhanhA", "appraise", 403, ""}, // operator does not appraise
		{"vanhanhA", "approve", 403, ""},  // nor approve
		{"vanhanhB", "submit", 404, ""},   // another province cannot even see it
		{"vanhanhA", "submit", 200, "submitted"},
		{"vanhanhA", "submit", 409, ""},  // already submitted
		{"chuquanA", "approve", 409, ""}, // the owner approves, but not before appraisal
		{"atttA", "appraise", 200, "appraised"},
		{"thamdinh", "approve", 404, ""}, // level 3 never reaches the authority
		{"chuquanA", "approve", 200, "approved"},
		{"chuquanA", "return", 409, ""}, // approved: immutable
		{"vanhanhA", "submit", 409, ""},
	}
	for i, st := range steps {
		code, body := f.act(st.as, d, st.action)
		if code != st.want {
			t.Fatalf("step %d: %s %s = %d, want %d: %s", i, st.as, st.action, code, st.want, body)
		}
		if st.status != "" && !strings.Contains(body, `"status":"`+st.status+`"`) {
			t.Fatalf("step %d: %s", i, body)
		}
	}
	var out struct {
		Status       string
		History      []struct{ Action, Actor, Comment string }
		HistoryValid bool `json:"history_valid"`
	}
	_, body := f.do("chuquanA", "GET", "/api/v1/dossiers/"+itoa(d), "", "")
	json.Unmarshal([]byte(body), &out)
	if out.Status != "approved" || len(out.History) != 4 || !out.HistoryValid || out.History[2].Comment != "Ý kiến của atttA" {
		t.Errorf("dossier after approval = %s", clip(body))
	}
	if code, _ := f.act("vanhanhA", d, "publish"); code != 400 {
		t.Errorf("unknown action = %d, want 400", code)
	}
}

// Levels 4–5 (Art. 14.1.d, 12.3): the infosec unit gives its professional opinion, then the
// authority appraises, then the owner approves. The authority sees the dossier, and reads
// its system, from submission on; a draft stays hidden from it.
func TestWorkflow_Level4_RoutesToAuthority(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	d := f.createDossier("vanhanhA", f.sysA4)
	other := f.createDossier("vanhanhB", f.sysB)
	url := "/api/v1/dossiers/" + itoa(d)
	get := func(as string) int { r, _ := f.do(as, "GET", url, "", ""); return r.StatusCode }

	if got := get("thamdinh"); got != 404 {
		t.Errorf("authority sees a draft: %d", got)
	}
	if code, _ := f.act("thamdinh", d, "appraise"); code != 404 {
		t.Errorf("authority acts on a draft: %d, want 404", code)
	}
	if code, _ := f.act("vanhanhA", d, "submit"); code != 200 {
		t.Fatal("submit failed")
	}
	f.run(t, []scenario{
		{name: "authority sees a submitted dossier", as: "thamdinh", method: "GET", url: url, want: 200, contains: []string{`"status":"submitted"`}},
		{name: "authority appraises before the opinion", as: "thamdinh", method: "POST", url: url + "/actions", ctype: ctJSON, body: `{"action":"appraise"}`, want: 409},
		{name: "authority returns before the opinion", as: "thamdinh", method: "POST", url: url + "/actions", ctype: ctJSON, body: `{"action":"return"}`, want: 409},
		{name: "authority lists it", as: "thamdinh", method: "GET", url: "/api/v1/dossiers?status=submitted", want: 200, contains: []string{`"id":` + itoa(d)}},
	})
	if code, _ := f.act("vanhanhA", d, "appraise"); code != 403 {
		t.Errorf("operator appraises: %d, want 403", code)
	}
	if code, body := f.act("atttA", d, "opinion"); code != 200 || !strings.Contains(body, `"holder":"authority"`) {
		t.Fatalf("opinion = %d %s", code, body)
	}
	// The appraisal stage has a 30-day deadline (Art. 16.2.b).
	_, body := f.do("atttA", "GET", url, "", "")
	var out struct {
		DueAt *time.Time `json:"due_at"`
	}
	json.Unmarshal([]byte(body), &out)
	if out.DueAt == nil || out.DueAt.Sub(f.now) < 29*24*time.Hour || out.DueAt.Sub(f.now) > 35*24*time.Hour {
		t.Errorf("due_at = %v, want about 30 days after %v", out.DueAt, f.now)
	}
	f.run(t, []scenario{
		{name: "authority sees routed dossier", as: "thamdinh", method: "GET", url: url, want: 200, contains: []string{`"status":"opinion_given"`}},
		{name: "authority downloads its documents", as: "thamdinh", method: "GET", url: url + "/documents/to-trinh.docx", want: 200},
		{name: "authority reads the routed system", as: "thamdinh", method: "GET", url: "/api/v1/systems/" + itoa(f.sysA4), want: 200, contains: []string{"HT-004"}},
		{name: "authority reads its versions", as: "thamdinh", method: "GET", url: "/api/v1/systems/" + itoa(f.sysA4) + "/versions", want: 200},
		{name: "authority reads the system page", as: "thamdinh", method: "GET", url: "/systems/" + itoa(f.sysA4), want: 200, contains: []string{"Quản lý văn bản mật"}, notContains: []string{`id="generate"`, `id="edit-system"`}},
		{name: "authority may not change the system", as: "thamdinh", method: "PUT", url: "/api/v1/systems/" + itoa(f.sysA4), ctype: ctJSON, body: profileL4, want: 403},
		{name: "authority's registry stays its own", as: "thamdinh", method: "GET", url: "/api/v1/systems", want: 200, notContains: []string{"HT-004"}},
		{name: "a level-3 system stays hidden", as: "thamdinh", method: "GET", url: "/api/v1/systems/" + itoa(f.sysA3), want: 404},
		{name: "authority cannot see unrouted dossiers", as: "thamdinh", method: "GET", url: "/api/v1/dossiers/" + itoa(other), want: 404},
		{name: "authority list has only the routed one", as: "thamdinh", method: "GET", url: "/api/v1/dossiers", want: 200, contains: []string{`"id":` + itoa(d)}, notContains: []string{`"id":` + itoa(other) + `,`}},
		{name: "authority may not approve", as: "thamdinh", method: "POST", url: url + "/actions", ctype: ctJSON, body: `{"action":"approve"}`, want: 403},
		{name: "owner may not appraise a level 4", as: "chuquanA", method: "POST", url: url + "/actions", ctype: ctJSON, body: `{"action":"appraise"}`, want: 403},
		{name: "authority appraises", as: "thamdinh", method: "POST", url: url + "/actions", ctype: ctJSON, body: `{"action":"appraise","comment":"Đồng ý cấp độ 4"}`, want: 200, contains: []string{`"status":"appraised"`}},
		{name: "authority keeps seeing what it appraised", as: "thamdinh", method: "GET", url: url, want: 200},
		{name: "owner approves", as: "chuquanA", method: "POST", url: url + "/actions", ctype: ctJSON, body: `{"action":"approve"}`, want: 200, contains: []string{`"status":"approved"`}},
	})
}

func TestWorkflow_ReturnAndResubmit(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	d := f.createDossier("vanhanhA", f.sysA3)
	for _, st := range []struct{ as, action, status string }{
		{"vanhanhA", "submit", "submitted"}, {"atttA", "return", "returned"}, {"vanhanhA", "submit", "submitted"},
	} {
		if code, body := f.act(st.as, d, st.action); code != 200 || !strings.Contains(body, st.status) {
			t.Fatalf("%s %s = %d %s", st.as, st.action, code, body)
		}
	}
}

func TestWorkflow_Overdue(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	d := f.createDossier("vanhanhA", f.sysA3)
	f.act("vanhanhA", d, "submit")
	f.advance(40 * 24 * time.Hour)
	f.run(t, []scenario{
		{name: "api", as: "atttA", method: "GET", url: "/api/v1/dossiers/" + itoa(d), want: 200, contains: []string{`"overdue":true`}},
		{name: "dashboard", as: "atttA", method: "GET", url: "/", want: 200, contains: []string{`<tr class="overdue">`, "Cổng dịch vụ công Hà Nội"}},
	})
}

// The infosec unit of a chủ quản is often a sibling of the operating unit (Cục ATTT beside
// Trung tâm A1, both under Bộ A; Sở TT&TT beside Sở Y tế under UBND tỉnh). It reviews the
// dossiers of its parent's whole subtree once submitted, reads their systems, and never
// sees a draft. Only the infosec role is routed so; an infosec unit without a parent keeps
// to its own subtree.
func TestWorkflow_SiblingInfosec(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.addUser("chuquanBoA", "owner", "Bộ A", "", "")
	f.addUser("atttBoA", "infosec", "Cục ATTT Bộ A", "Bộ A", "")
	f.addUser("vanhanhCuc", "operator", "Cục ATTT Bộ A", "", "")
	f.addUser("vanhanhA1", "operator", "Trung tâm A1", "Bộ A", "")
	const profileL2 = `{"id": "HT-A12", "name": "Cổng thông tin Bộ A", "owner": "Bộ A", "system_type": "internal", "info_types": ["public", "private"]}`
	const profileDraft = `{"id": "HT-A13", "name": "Hệ thống đang soạn", "owner": "Bộ A", "system_type": "internal", "info_types": ["public", "private"]}`
	sys2, sys4, sysDraft := f.createSystem("vanhanhA1", profileL2), f.createSystem("vanhanhA1", profileL4), f.createSystem("vanhanhA1", profileDraft)
	d2, d4, draft := f.createDossier("vanhanhA1", sys2), f.createDossier("vanhanhA1", sys4), f.createDossier("vanhanhA1", sysDraft)
	for _, d := range []int64{d2, d4} {
		if code, body := f.act("vanhanhA1", d, "submit"); code != 200 {
			t.Fatalf("submit = %d %s", code, body)
		}
	}
	dB := f.createDossier("vanhanhB", f.sysB)
	f.act("vanhanhB", dB, "submit")
	u2, u4, uDraft := "/api/v1/dossiers/"+itoa(d2), "/api/v1/dossiers/"+itoa(d4), "/api/v1/dossiers/"+itoa(draft)
	f.run(t, []scenario{
		{name: "sibling infosec sees a submitted dossier", as: "atttBoA", method: "GET", url: u2, want: 200, contains: []string{`"status":"submitted"`, `"org":"Trung tâm A1"`}},
		{name: "but not a draft", as: "atttBoA", method: "GET", url: uDraft, want: 404},
		{name: "nor acts on it", as: "atttBoA", method: "POST", url: uDraft + "/actions", ctype: ctJSON, body: `{"action":"appraise"}`, want: 404},
		{name: "nor reads a system that has only a draft", as: "atttBoA", method: "GET", url: "/api/v1/systems/" + itoa(sysDraft), want: 404},
		{name: "reads the routed system", as: "atttBoA", method: "GET", url: "/api/v1/systems/" + itoa(sys2), want: 200, contains: []string{"HT-A12"}},
		{name: "and its page", as: "atttBoA", method: "GET", url: "/systems/" + itoa(sys2), want: 200, contains: []string{"Cổng thông tin Bộ A"}},
		{name: "may not change it", as: "atttBoA", method: "PUT", url: "/api/v1/systems/" + itoa(sys2), ctype: ctJSON, body: profileL2, want: 403},
		{name: "lists the submitted ones", as: "atttBoA", method: "GET", url: "/api/v1/dossiers", want: 200,
			contains: []string{`"id":` + itoa(d2) + `,`, `"id":` + itoa(d4) + `,`}, notContains: []string{`"id":` + itoa(draft) + `,`}},
		{name: "dossier page offers its actions", as: "atttBoA", method: "GET", url: "/dossiers/" + itoa(d2), want: 200, contains: []string{`value="appraise"`, `href="/systems/` + itoa(sys2) + `"`}},
		{name: "appraises", as: "atttBoA", method: "POST", url: u2 + "/actions", ctype: ctJSON, body: `{"action":"appraise"}`, want: 200, contains: []string{`"status":"appraised"`}},
		{name: "approves a level 2", as: "atttBoA", method: "POST", url: u2 + "/actions", ctype: ctJSON, body: `{"action":"approve"}`, want: 200, contains: []string{`"status":"approved"`}},
		{name: "gives the level-4 opinion", as: "atttBoA", method: "POST", url: u4 + "/actions", ctype: ctJSON, body: `{"action":"opinion"}`, want: 200, contains: []string{`"status":"opinion_given"`}},
		{name: "another role of the sibling unit is not routed", as: "vanhanhCuc", method: "GET", url: u4, want: 404},
		{name: "nor is the infosec unit of another chủ quản", as: "atttA", method: "GET", url: u4, want: 404},
		{name: "an infosec unit without a parent keeps to its subtree", as: "atttA", method: "GET", url: "/api/v1/dossiers/" + itoa(dB), want: 404},
		{name: "the operator's own view is unchanged", as: "vanhanhA1", method: "GET", url: uDraft, want: 200},
	})
}

// Level 4–5 dossiers go to the authority of the system's managing ministry (Art. 12.3
// a–c): the organisation's appraisal group must match the profile's managed_by (civil
// when it has none).
func TestWorkflow_AuthorityByMinistry(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.addUser("thamdinhQP", "authority", "Cục Cơ yếu Bộ Quốc phòng", "", "bqp")
	f.addUser("thamdinhCA", "authority", "Cục A05 Bộ Công an", "", "bca")
	const profileQP = `{"id": "HT-QP", "name": "Chỉ huy tác chiến", "owner": "UBND tỉnh A", "managed_by": "bqp", "system_type": "internal",
		"info_types": ["state_secret"], "secret_grade": "toi_mat", "security_harm": "serious"}`
	qp := f.createDossier("vanhanhA", f.createSystem("vanhanhA", profileQP))
	civil := f.createDossier("vanhanhA", f.sysA4)
	f.act("vanhanhA", qp, "submit")
	f.act("vanhanhA", civil, "submit")
	f.act("atttA", qp, "opinion")
	uQP, uCivil := "/api/v1/dossiers/"+itoa(qp), "/api/v1/dossiers/"+itoa(civil)
	f.run(t, []scenario{
		{name: "defence authority sees its dossier", as: "thamdinhQP", method: "GET", url: uQP, want: 200},
		{name: "not a civil one", as: "thamdinhQP", method: "GET", url: uCivil, want: 404},
		{name: "its list has only its own", as: "thamdinhQP", method: "GET", url: "/api/v1/dossiers", want: 200,
			contains: []string{`"id":` + itoa(qp) + `,`}, notContains: []string{`"id":` + itoa(civil) + `,`}},
		{name: "civil authority does not see it", as: "thamdinh", method: "GET", url: uQP, want: 404},
		{name: "nor acts on it", as: "thamdinh", method: "POST", url: uQP + "/actions", ctype: ctJSON, body: `{"action":"appraise"}`, want: 404},
		{name: "nor does public security's", as: "thamdinhCA", method: "GET", url: uQP, want: 404},
		{name: "defence authority appraises", as: "thamdinhQP", method: "POST", url: uQP + "/actions", ctype: ctJSON, body: `{"action":"appraise"}`, want: 200, contains: []string{`"status":"appraised"`}},
		{name: "civil authority sees the civil one", as: "thamdinh", method: "GET", url: uCivil, want: 200},
	})
}

// Contract §4 and review.Flow.Next: an action that is no step of the level's flow is 409;
// one the role never takes at this level is 403 whatever the status; one the role takes,
// but not now, is 409; an unknown one is 400 naming the field.
func TestWorkflow_StatusCodePrecedence(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	d := f.createDossier("vanhanhA", f.sysA3)
	for _, a := range []struct{ as, action string }{{"vanhanhA", "submit"}, {"atttA", "appraise"}, {"chuquanA", "approve"}} {
		if code, body := f.act(a.as, d, a.action); code != 200 {
			t.Fatalf("%s %s = %d %s", a.as, a.action, code, body)
		}
	}
	draft := f.createDossier("vanhanhA", f.sysA3)
	url, draftURL := "/api/v1/dossiers/"+itoa(d)+"/actions", "/api/v1/dossiers/"+itoa(draft)+"/actions"
	f.run(t, []scenario{
		{name: "operator approves an approved dossier", as: "vanhanhA", method: "POST", url: url, ctype: ctJSON, body: `{"action":"approve"}`, want: 403},
		{name: "operator appraises an approved dossier", as: "vanhanhA", method: "POST", url: url, ctype: ctJSON, body: `{"action":"appraise"}`, want: 403},
		{name: "owner approves it again", as: "chuquanA", method: "POST", url: url, ctype: ctJSON, body: `{"action":"approve"}`, want: 409, contains: []string{"đã được phê duyệt"}},
		{name: "opinion on a level 3", as: "atttA", method: "POST", url: draftURL, ctype: ctJSON, body: `{"action":"opinion"}`, want: 409},
		{name: "opinion on a level 3 by the operator", as: "vanhanhA", method: "POST", url: draftURL, ctype: ctJSON, body: `{"action":"opinion"}`, want: 409},
		{name: "infosec returns a draft", as: "atttA", method: "POST", url: draftURL, ctype: ctJSON, body: `{"action":"return"}`, want: 409},
		{name: "infosec submits", as: "atttA", method: "POST", url: draftURL, ctype: ctJSON, body: `{"action":"submit"}`, want: 403},
		{name: "unknown action", as: "vanhanhA", method: "POST", url: draftURL, ctype: ctJSON, body: `{"action":"publish"}`, want: 400, contains: []string{`"field":"action"`}},
		{name: "missing action", as: "vanhanhA", method: "POST", url: draftURL, ctype: ctJSON, body: `{}`, want: 400, contains: []string{`"field":"action"`}},
	})
}

// The dossier list filters by level, and awaiting=me is a reviewer's inbox: the dossiers
// whose next step is the caller's role.
func TestDossierList_LevelAndInbox(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	d3 := f.createDossier("vanhanhA", f.sysA3)
	d4 := f.createDossier("vanhanhA", f.sysA4)
	ids := func(as, query string) []int64 {
		t.Helper()
		resp, body := f.do(as, "GET", "/api/v1/dossiers"+query, "", "")
		if resp.StatusCode != 200 {
			t.Fatalf("%s %s = %d %s", as, query, resp.StatusCode, body)
		}
		var list []struct{ ID int64 }
		json.Unmarshal([]byte(body), &list)
		var out []int64
		for _, d := range list {
			out = append(out, d.ID)
		}
		return out
	}
	if got := ids("vanhanhA", "?level=4"); len(got) != 1 || got[0] != d4 {
		t.Errorf("level=4 = %v, want [%d]", got, d4)
	}
	if got := ids("atttA", "?awaiting=me"); len(got) != 0 {
		t.Errorf("infosec inbox before submission = %v, want empty", got)
	}
	f.act("vanhanhA", d3, "submit")
	f.act("vanhanhA", d4, "submit")
	if got := ids("atttA", "?awaiting=me"); len(got) != 2 {
		t.Errorf("infosec inbox = %v, want both (appraisal of %d, opinion on %d)", got, d3, d4)
	}
	f.act("atttA", d3, "appraise")
	if got := ids("atttA", "?awaiting=me"); len(got) != 1 || got[0] != d4 {
		t.Errorf("infosec inbox after appraising %d = %v, want [%d]", d3, got, d4)
	}
	if got := ids("chuquanA", "?awaiting=me"); len(got) != 1 || got[0] != d3 {
		t.Errorf("owner inbox = %v, want [%d] to approve", got, d3)
	}
}

// A dossier speaks for the system version it was made from: once the system is changed,
// the review cannot go on (409) except by returning the dossier.
func TestWorkflow_StaleDossier(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	d := f.createDossier("vanhanhA", f.sysA3)
	if code, body := f.act("vanhanhA", d, "submit"); code != 200 || !strings.Contains(body, `"system_version":1`) {
		t.Fatalf("submit = %d %s", code, body)
	}
	edited := strings.Replace(profileL3, `"personal_data_users": 250000`, `"personal_data_users": 500`, 1)
	if resp, body := f.do("vanhanhA", "PUT", "/api/v1/systems/"+itoa(f.sysA3), ctJSON, edited); resp.StatusCode != 200 {
		t.Fatalf("edit system = %d %s", resp.StatusCode, body)
	}
	if code, body := f.act("atttA", d, "appraise"); code != 409 || !strings.Contains(body, "phiên bản 2") {
		t.Errorf("appraise a stale dossier = %d %s, want 409 naming the new version", code, clip(body))
	}
	if code, body := f.act("atttA", d, "return"); code != 200 || !strings.Contains(body, `"status":"returned"`) {
		t.Errorf("return a stale dossier = %d %s, want 200", code, clip(body))
	}
	d2 := f.createDossier("vanhanhA", f.sysA3)
	if code, body := f.act("vanhanhA", d2, "submit"); code != 200 || !strings.Contains(body, `"system_version":2`) {
		t.Errorf("the new dossier = %d %s, want it submitted from version 2", code, clip(body))
	}
}

// The dashboard lists what waits for the user's role; the dossier page names its documents
// in words, carries the appraiser caveat of the rule set, and warns when the system was
// changed after the dossier was made.
func TestPages_InboxAndDossierNotices(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	d4 := f.createDossier("vanhanhA", f.sysA4)
	f.run(t, []scenario{
		{name: "empty inbox", as: "atttA", method: "GET", url: "/", want: 200, contains: []string{"Không có hồ sơ nào đang chờ vai trò của bạn."}},
	})
	f.act("vanhanhA", d4, "submit")
	f.run(t, []scenario{
		{name: "inbox lists the submitted dossier", as: "atttA", method: "GET", url: "/", want: 200,
			contains: []string{"Hồ sơ chờ bạn xử lý (1)", `<a href="/dossiers/` + itoa(d4) + `">Số ` + itoa(d4) + `</a>`}},
		{name: "not the operator's turn", as: "vanhanhA", method: "GET", url: "/", want: 200, contains: []string{"Không có hồ sơ nào đang chờ vai trò của bạn."}},
		{name: "the list filtered to the inbox", as: "atttA", method: "GET", url: "/dossiers?awaiting=me&level=4", want: 200,
			contains: []string{"Hồ sơ số " + itoa(d4), `value="me" checked`, `<option value="4" selected>`}},
		{name: "a level with nothing in it", as: "atttA", method: "GET", url: "/dossiers?level=2", want: 200,
			contains: []string{"Không có hồ sơ nào phù hợp."}, notContains: []string{"Hồ sơ số " + itoa(d4)}},
		{name: "documents in words, appraiser caveat", as: "atttA", method: "GET", url: "/dossiers/" + itoa(d4), want: 200,
			contains: []string{"Tờ trình đề nghị thẩm định", "Phương án ứng phó sự cố", "Lưu ý: Khoản 3 Điều 12 giao Bộ Thông tin và Truyền thông thẩm định"}, notContains: []string{`id="system-changed"`}},
	})
	edited := strings.Replace(profileL4, `"security_harm": "serious"`, `"security_harm": "especially_serious"`, 1)
	if resp, body := f.do("vanhanhA", "PUT", "/api/v1/systems/"+itoa(f.sysA4), ctJSON, edited); resp.StatusCode != 200 {
		t.Fatalf("edit system = %d %s", resp.StatusCode, body)
	}
	f.run(t, []scenario{
		{name: "stale dossier warned", as: "atttA", method: "GET", url: "/dossiers/" + itoa(d4), want: 200,
			contains: []string{`id="system-changed"`, "phiên bản 2"}},
	})
}

// The dashboard lists the ten dossiers overdue longest and links to all of them, whatever
// their number: a ministry with hundreds overdue gets a page that stays short.
func TestDashboard_OverdueListBounded(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	systems := []int64{f.sysA3}
	for i := 1; len(systems) < 12; i++ {
		systems = append(systems, f.createSystem("vanhanhA", strings.Replace(profileL3, "HT-003", fmt.Sprintf("HT-3%02d", i), 1)))
	}
	for _, s := range systems {
		if code, out := f.act("vanhanhA", f.createDossier("vanhanhA", s), "submit"); code != 200 {
			t.Fatalf("submit = %d %s", code, clip(out))
		}
	}
	f.advance(40 * 24 * time.Hour) // the infosec unit signs in only now: its session is fresh
	_, page := f.do("atttA", "GET", "/", "", "")
	i := strings.Index(page, "<h2>Hồ sơ quá hạn</h2>") // the card of the statutory deadlines
	if i < 0 {
		t.Fatalf("no overdue card:\n%s", clip(page))
	}
	body := page[i:]
	if n := strings.Count(body, `<tr class="overdue">`); n != 10 {
		t.Errorf("%d overdue rows on the dashboard, want the first 10", n)
	}
	if !strings.Contains(body, `<a href="/dossiers?due=overdue&amp;sort=due&amp;dir=asc">Xem tất cả 12 hồ sơ quá hạn</a>`) {
		t.Errorf("no link to all 12 overdue dossiers:\n%s", clip(body))
	}
	_, list := f.do("atttA", "GET", "/dossiers?due=overdue&sort=due&dir=asc", "", "")
	if n := strings.Count(list, `<a href="/dossiers/`); n < 12 {
		t.Errorf("the linked list shows %d dossiers, want 12", n)
	}
}
