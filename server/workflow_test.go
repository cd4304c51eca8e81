package server_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// Level 3 (Art. 12.2): the operating unit submits, the owner's infosec unit appraises
// within 15 days, the owner approves within 7 working days.
func TestWorkflow_Level3(t *testing.T) {
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

// Levels 4–5 (Art. 14.3, 12.3): the infosec unit gives its professional opinion, then the
// authority appraises — and only then sees the dossier — then the owner approves.
func TestWorkflow_Level4_RoutesToAuthority(t *testing.T) {
	f := newFixture(t)
	d := f.createDossier("vanhanhA", f.sysA4)
	other := f.createDossier("vanhanhB", f.sysB)
	url := "/api/v1/dossiers/" + itoa(d)
	get := func(as string) int { r, _ := f.do(as, "GET", url, "", ""); return r.StatusCode }

	if code, _ := f.act("vanhanhA", d, "submit"); code != 200 {
		t.Fatal("submit failed")
	}
	if got := get("thamdinh"); got != 404 {
		t.Errorf("authority sees the dossier before the opinion: %d", got)
	}
	if code, _ := f.act("thamdinh", d, "appraise"); code != 404 {
		t.Errorf("authority acts before routing: %d, want 404", code)
	}
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
		{name: "authority still cannot see the system", as: "thamdinh", method: "GET", url: "/api/v1/systems/" + itoa(f.sysA4), want: 404},
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
	f := newFixture(t)
	d := f.createDossier("vanhanhA", f.sysA3)
	f.act("vanhanhA", d, "submit")
	f.advance(40 * 24 * time.Hour)
	f.run(t, []scenario{
		{name: "api", as: "atttA", method: "GET", url: "/api/v1/dossiers/" + itoa(d), want: 200, contains: []string{`"overdue":true`}},
		{name: "dashboard", as: "atttA", method: "GET", url: "/", want: 200, contains: []string{`<tr class="overdue">`, "Cổng dịch vụ công Hà Nội"}},
	})
}
