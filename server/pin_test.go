package server_test

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"capdo/dossier"
	"capdo/levels"
	"capdo/server"
	"capdo/store"
)

// restart stops using the fixture's server and database and starts a new server, as
// `capdo serve --rules rules` would, on the same database file. Sessions live in the
// database, so everyone stays signed in.
func (f *fixture) restart(rules string) {
	f.t.Helper()
	ctx := context.Background()
	f.db.Close()
	db, err := store.Open(ctx, f.dbPath, nil)
	if err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(func() { db.Close() })
	useTestKey(f.t, db)
	clock := func() time.Time { f.mu.Lock(); defer f.mu.Unlock(); return f.now }
	db.Now = clock
	rs, err := levels.Open(rules)
	if err != nil {
		f.t.Fatal(err)
	}
	eng, err := dossier.Embedded()
	if err != nil {
		f.t.Fatal(err)
	}
	srv, err := server.New(server.Config{Now: clock}, db, rs, eng, nil)
	if err != nil {
		f.t.Fatal(err)
	}
	if _, left, err := srv.Registry().PinLegacy(ctx); err != nil || len(left) > 0 {
		f.t.Fatalf("PinLegacy: left %v, %v", left, err)
	}
	f.db, f.srv, f.app = db, srv, srv.App()
}

// agencyRuleFile writes an agency's own rule file: Decree 85's criteria under the agency's
// id and prefix, with a level-3 procedure of its own — the infosec unit appraises within 10
// working days and approves too — so that a flow built from any other rule set shows.
func agencyRuleFile(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../levels/rules/d85-2016.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := strings.ReplaceAll(string(data), "D85.", "TT85.")
	s = strings.Replace(s, "\nid: d85-2016\n", "\nid: tinh-thu-2026\n", 1)
	old := "    approver: Chủ quản hệ thống thông tin\n    approver_role: owner\n" +
		"    appraisal_deadline: {days: 15, unit: calendar, citation: Điểm a khoản 2 Điều 16 Nghị định 85/2016/NĐ-CP}\n"
	if !strings.Contains(s, old) {
		t.Fatal("the level-3 procedure of d85-2016 is not where the test expects it")
	}
	s = strings.Replace(s, old, "    approver: Đơn vị chuyên trách về an toàn thông tin của tỉnh\n    approver_role: infosec\n"+
		"    appraisal_deadline: {days: 10, unit: working, citation: Điều 5 Quy chế của tỉnh}\n", 1)
	path := filepath.Join(t.TempDir(), "tinh-thu.yaml")
	if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// dossierState is what a dossier's review depends on.
type dossierState struct {
	Status  string     `json:"status"`
	Holder  string     `json:"holder"`
	DueAt   *time.Time `json:"due_at"`
	RuleSet string     `json:"rule_set"`
}

func (f *fixture) dossierState(t *testing.T, as string, id int64) dossierState {
	t.Helper()
	resp, body := f.do(as, "GET", "/api/v1/dossiers/"+itoa(id), "", "")
	if resp.StatusCode != 200 {
		t.Fatalf("GET dossier %d as %s = %d %s", id, as, resp.StatusCode, clip(body))
	}
	var st dossierState
	json.Unmarshal([]byte(body), &st)
	return st
}

func (f *fixture) step(t *testing.T, as string, id int64, action string) dossierState {
	t.Helper()
	code, body := f.act(as, id, action)
	if code != 200 {
		t.Fatalf("%s %s = %d %s", as, action, code, clip(body))
	}
	var st dossierState
	json.Unmarshal([]byte(body), &st)
	return st
}

// A dossier made with an agency's rule file keeps its procedure after the server restarts
// with another --rules and the file is gone: the same holder, the deadline already set, and
// the agency's own next steps (issue: a dossier's procedure was re-derived from --rules).
func TestPinned_AgencyRulesAcrossRestart(t *testing.T) {
	t.Parallel()
	path := agencyRuleFile(t)
	f := newFixtureRules(t, server.Config{}, nil, path)
	resp, body := f.do("vanhanhA", "POST", "/api/v1/systems/"+itoa(f.sysA3)+"/dossiers", "", "")
	if resp.StatusCode != 201 || !strings.Contains(body, `"rule_set":"tinh-thu-2026"`) {
		t.Fatalf("make dossier = %d %s", resp.StatusCode, body)
	}
	var made struct{ ID int64 }
	json.Unmarshal([]byte(body), &made)
	d := made.ID
	submitted := f.step(t, "vanhanhA", d, "submit")
	if submitted.Holder != "infosec" || submitted.DueAt == nil || submitted.DueAt.Sub(f.now) > 15*24*time.Hour || submitted.DueAt.Sub(f.now) < 12*24*time.Hour {
		t.Fatalf("submitted under the agency's rules = %+v, want the infosec unit within 10 working days of %v", submitted, f.now)
	}

	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	for _, rules := range []string{"d331-2026", "d85-2016"} {
		f.restart(rules)
		if got := f.dossierState(t, "atttA", d); got.Holder != "infosec" || !got.DueAt.Equal(*submitted.DueAt) || got.RuleSet != "tinh-thu-2026" {
			t.Fatalf("after restart with %s: %+v, want %+v", rules, got, submitted)
		}
	}
	f.run(t, []scenario{
		{name: "the page shows the agency's procedure", as: "atttA", method: "GET", url: "/dossiers/" + itoa(d), want: 200,
			contains: []string{"tinh-thu-2026", "10 ngày làm việc", "Điều 5 Quy chế của tỉnh", `value="appraise"`}},
		{name: "the owner approves under d85-2016, not under the agency's rules", as: "chuquanA", method: "POST",
			url: "/api/v1/dossiers/" + itoa(d) + "/actions", ctype: ctJSON, body: `{"action":"approve"}`, want: 403},
	})
	appraised := f.step(t, "atttA", d, "appraise")
	if appraised.Status != "appraised" || appraised.Holder != "infosec" || appraised.DueAt == nil {
		t.Fatalf("appraised = %+v, want the infosec unit to approve", appraised)
	}
	if approved := f.step(t, "atttA", d, "approve"); approved.Status != "approved" {
		t.Fatalf("approved = %+v", approved)
	}
	if got := f.dossierState(t, "chuquanA", d); got.Status != "approved" {
		t.Errorf("after approval: %+v", got)
	}
}

// A dossier made under d85-2016 keeps Decree 85's procedure after a restart with
// d331-2026, whose level-4 appraisal deadline differs; such a server still makes d85-2016
// dossiers when asked for them by name.
func TestPinned_BuiltInRulesAcrossRestart(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	d := f.createDossier("vanhanhA", f.sysA4)
	f.step(t, "vanhanhA", d, "submit")
	opinion := f.step(t, "atttA", d, "opinion")
	if opinion.Holder != "authority" || opinion.DueAt == nil {
		t.Fatalf("opinion = %+v", opinion)
	}
	f.restart("d331-2026")
	if got := f.dossierState(t, "thamdinh", d); got.Holder != "authority" || !got.DueAt.Equal(*opinion.DueAt) || got.RuleSet != "d85-2016" {
		t.Fatalf("after restart: %+v, want %+v", got, opinion)
	}
	f.run(t, []scenario{
		{name: "the page keeps Decree 85's deadline", as: "thamdinh", method: "GET", url: "/dossiers/" + itoa(d), want: 200,
			contains: []string{"30 ngày", "Điểm b khoản 2 Điều 16 Nghị định 85/2016/NĐ-CP", "áp dụng đến hết ngày 30/06/2026"}},
	})
	appraised := f.step(t, "thamdinh", d, "appraise")
	if appraised.Holder != "owner" || appraised.DueAt == nil || appraised.DueAt.Sub(f.now) > 12*24*time.Hour {
		t.Fatalf("appraised = %+v, want the owner within 7 working days", appraised)
	}
	if approved := f.step(t, "chuquanA", d, "approve"); approved.Status != "approved" {
		t.Fatalf("approve = %+v", approved)
	}
	f.run(t, []scenario{
		{name: "d331-2026, the server's set", as: "vanhanhA", method: "POST", url: "/api/v1/systems/" + itoa(f.sysA3) + "/dossiers", want: 201,
			contains: []string{`"rule_set":"d331-2026"`}},
		{name: "d85-2016 by name", as: "vanhanhA", method: "POST", url: "/api/v1/systems/" + itoa(f.sysA3) + "/dossiers", ctype: ctJSON,
			body: `{"rule_set": "d85-2016"}`, want: 201, contains: []string{`"rule_set":"d85-2016"`, `"status":"draft"`, `"level":3`}},
	})
}

// POST /api/v1/systems/{id}/dossiers takes an optional {"rule_set"} (docs/contract.md §6).
func TestAPI_DossierRuleSet(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	u := "/api/v1/systems/" + itoa(f.sysA3) + "/dossiers"
	f.run(t, []scenario{
		{name: "without a body: the server's set", as: "vanhanhA", method: "POST", url: u, want: 201, contains: []string{`"rule_set":"d85-2016"`}},
		{name: "an empty object", as: "vanhanhA", method: "POST", url: u, ctype: ctJSON, body: `{}`, want: 201, contains: []string{`"rule_set":"d85-2016"`}},
		{name: "by name", as: "vanhanhA", method: "POST", url: u, ctype: ctJSON, body: `{"rule_set":"d85-2016"}`, want: 201, contains: []string{`"rule_set":"d85-2016"`}},
		{name: "the Decree 331 set", as: "vanhanhA", method: "POST", url: u, ctype: ctJSON, body: `{"rule_set":"d331-2026"}`, want: 201,
			contains: []string{`"rule_set":"d331-2026"`}},
		{name: "an unknown set", as: "vanhanhA", method: "POST", url: u, ctype: ctJSON, body: `{"rule_set":"d99"}`, want: 400,
			contains: []string{`"field":"rule_set"`, "d331-2026, d85-2016"}},
		{name: "a path is no name", as: "vanhanhA", method: "POST", url: u, ctype: ctJSON, body: `{"rule_set":"../levels/rules/d85-2016.yaml"}`, want: 400,
			contains: []string{`"field":"rule_set"`}},
		{name: "not a string", as: "vanhanhA", method: "POST", url: u, ctype: ctJSON, body: `{"rule_set":85}`, want: 400, contains: []string{`"field":"body"`}},
		{name: "an unknown field", as: "vanhanhA", method: "POST", url: u, ctype: ctJSON, body: `{"ruleset":"d85-2016"}`, want: 400, contains: []string{`"field":"body"`}},
		{name: "not JSON", as: "vanhanhA", method: "POST", url: u, ctype: ctJSON, body: `d85-2016`, want: 400, contains: []string{`"field":"body"`}},
		{name: "another province's system, whatever the body", as: "vanhanhB", method: "POST", url: u, ctype: ctJSON, body: `{"rule_set":"d99"}`, want: 404},
		{name: "a reviewer makes none", as: "atttA", method: "POST", url: u, ctype: ctJSON, body: `{"rule_set":"d85-2016"}`, want: 403},
		{name: "every dossier in the list says its set", as: "vanhanhA", method: "GET", url: "/api/v1/dossiers", want: 200, contains: []string{`"rule_set":"d85-2016"`}},
	})
	resp, _ := f.form("vanhanhA", "/systems/"+itoa(f.sysA3)+"/dossiers", url.Values{"rule_set": {"d331-2026"}})
	if resp.StatusCode != 303 {
		t.Errorf("form with rule_set d331-2026 = %d, want 303 to the new dossier", resp.StatusCode)
	}
}

// Issue 9: an authority reads the system versions of the dossiers routed to it, never the
// version the unit saved afterwards nor one whose dossier is still a draft.
func TestRoutedReviewer_ReadsOnlyRoutedVersions(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	d1 := f.createDossier("vanhanhA", f.sysA4)
	f.step(t, "vanhanhA", d1, "submit")
	const later = "Quản lý văn bản mật (bản sửa chưa gửi)"
	edited := strings.Replace(profileL4, `"name": "Quản lý văn bản mật"`, `"name": "`+later+`"`, 1)
	if resp, body := f.do("vanhanhA", "PUT", "/api/v1/systems/"+itoa(f.sysA4), ctJSON, edited); resp.StatusCode != 200 {
		t.Fatalf("edit = %d %s", resp.StatusCode, body)
	}
	d2 := f.createDossier("vanhanhA", f.sysA4) // of version 2, a draft
	sys := "/api/v1/systems/" + itoa(f.sysA4)
	f.run(t, []scenario{
		{name: "the routed version", as: "thamdinh", method: "GET", url: sys, want: 200,
			contains: []string{`"version":1`, `"name":"Quản lý văn bản mật"`, `"status":"submitted"`}, notContains: []string{later, `"status":"draft"`}},
		{name: "only the routed versions", as: "thamdinh", method: "GET", url: sys + "/versions", want: 200,
			contains: []string{`"version":1`}, notContains: []string{`"version":2`, later}},
		{name: "the system page", as: "thamdinh", method: "GET", url: "/systems/" + itoa(f.sysA4), want: 200,
			contains: []string{"Quản lý văn bản mật"}, notContains: []string{later}},
		{name: "the routed dossier names its own version", as: "thamdinh", method: "GET", url: "/api/v1/dossiers", want: 200,
			contains: []string{`"id":` + itoa(d1) + `,`}, notContains: []string{later, `"id":` + itoa(d2) + `,`}},
		{name: "not the draft's documents", as: "thamdinh", method: "GET", url: "/api/v1/dossiers/" + itoa(d2) + "/documents/to-trinh.docx", want: 404},
		{name: "the unit reads its current version", as: "vanhanhA", method: "GET", url: sys, want: 200, contains: []string{`"version":2`, later}},
	})
	f.step(t, "atttA", d1, "return")
	f.step(t, "vanhanhA", d2, "submit")
	f.run(t, []scenario{
		{name: "version 2 once submitted", as: "thamdinh", method: "GET", url: sys, want: 200, contains: []string{`"version":2`, later}},
		{name: "both routed versions", as: "thamdinh", method: "GET", url: sys + "/versions", want: 200, contains: []string{`"version":1`, `"version":2`}},
	})
}
