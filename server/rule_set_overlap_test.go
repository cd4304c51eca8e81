package server_test

import (
	"encoding/json"
	"strings"
	"testing"
)

// A dossier under Decree 331 may be made while one under Decree 85 is still open, but the
// API's answer, the system page and both dossiers' pages say so in Vietnamese; the
// warning ends once one of them is withdrawn.
func TestRuleSetOverlap_Warned(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	old := f.createDossier("vanhanhA", f.sysA3) // under the server's Decree 85
	if code, body := f.act("vanhanhA", old, "submit"); code != 200 {
		t.Fatalf("submit = %d %s", code, clip(body))
	}
	resp, body := f.do("vanhanhA", "POST", "/api/v1/systems/"+itoa(f.sysA3)+"/dossiers", "application/json", `{"rule_set": "d331-2026"}`)
	var made struct {
		ID       int64
		RuleSet  string `json:"rule_set"`
		Warnings []string
	}
	if err := json.Unmarshal([]byte(body), &made); err != nil || resp.StatusCode != 201 || made.RuleSet != "d331-2026" {
		t.Fatalf("a Decree 331 dossier beside an open Decree 85 one = %d %s", resp.StatusCode, clip(body))
	}
	oldText := "Hệ thống này đang có hồ sơ số " + itoa(old) + " theo Nghị định 85/2016/NĐ-CP (Đã gửi) chưa kết thúc, cùng lúc với hồ sơ số " +
		itoa(made.ID) + " theo Nghị định 331/2026/NĐ-CP."
	if len(made.Warnings) != 1 || !strings.HasPrefix(made.Warnings[0], oldText) {
		t.Errorf("warnings %q, want one starting %q", made.Warnings, oldText)
	}
	advice := "phê duyệt một hồ sơ không rút hồ sơ kia"
	f.run(t, []scenario{
		{name: "system page", as: "vanhanhA", method: "GET", url: "/systems/" + itoa(f.sysA3), want: 200,
			contains: []string{`id="rule-set-overlap"`, "Hệ thống này đang có hồ sơ chưa kết thúc theo hai bộ quy tắc cùng lúc: hồ sơ số " + itoa(old) +
				" theo Nghị định 85/2016/NĐ-CP (Đã gửi), hồ sơ số " + itoa(made.ID) + " theo Nghị định 331/2026/NĐ-CP (Dự thảo).", advice,
				"Hãy rút hồ sơ không còn dùng"}},
		{name: "the new dossier's page", as: "vanhanhA", method: "GET", url: "/dossiers/" + itoa(made.ID), want: 200,
			contains: []string{`id="rule-set-overlap"`, oldText, advice}},
		{name: "the old dossier's page", as: "vanhanhA", method: "GET", url: "/dossiers/" + itoa(old), want: 200,
			contains: []string{`id="rule-set-overlap"`, "Hệ thống này đang có hồ sơ số " + itoa(made.ID) + " theo Nghị định 331/2026/NĐ-CP (Dự thảo) chưa kết thúc, cùng lúc với hồ sơ số " +
				itoa(old) + " theo Nghị định 85/2016/NĐ-CP."}},
		// The province's infosec unit reviews the dossier and sees the unit's draft too.
		{name: "the reviewer's page", as: "atttA", method: "GET", url: "/dossiers/" + itoa(old), want: 200,
			contains: []string{`id="rule-set-overlap"`, "hồ sơ số " + itoa(made.ID) + " theo Nghị định 331/2026/NĐ-CP (Dự thảo)"}},
		{name: "another province", as: "vanhanhB", method: "GET", url: "/dossiers/" + itoa(old), want: 404,
			notContains: []string{`id="rule-set-overlap"`}},
		{name: "another system", as: "vanhanhA", method: "POST", url: "/api/v1/systems/" + itoa(f.sysA4) + "/dossiers", want: 201,
			contains: []string{`"warnings":[]`}},
	})
	if code, body := f.act("vanhanhA", made.ID, "withdraw"); code != 200 {
		t.Fatalf("withdraw = %d %s", code, clip(body))
	}
	f.run(t, []scenario{
		{name: "system page after the withdrawal", as: "vanhanhA", method: "GET", url: "/systems/" + itoa(f.sysA3), want: 200,
			notContains: []string{`id="rule-set-overlap"`}},
		{name: "old dossier's page after the withdrawal", as: "vanhanhA", method: "GET", url: "/dossiers/" + itoa(old), want: 200,
			notContains: []string{`id="rule-set-overlap"`}},
	})
}
