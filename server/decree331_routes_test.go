package server_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"capdo/review"
	"capdo/server"
	"capdo/store"
)

// The procedure of Decree 331/2026 (Art. 18, 20, 23, 24) over HTTP, route by route, with
// real users of every role. The decree's own templates are not built in yet, so the
// server refuses to make a d331-2026 dossier; each dossier here is stored directly in the
// store from the system's current version, with the procedure d331-2026 resolves for it
// pinned (fixture.d331Dossier), after its risk assessment was recorded through the API.

// d331Fixture adds to the fixture the appraisers of Decree 331 and an independent council:
//
//	Cục An ninh mạng, Bộ Công an (authority "a05", appraises bca)
//	Bộ Tư lệnh Tác chiến không gian mạng (authority "bqp86", appraises bqp)
//	Cục Quản lý mật mã dân sự (authority "bcy", appraises bcy)
//	Hội đồng thẩm định độc lập tỉnh A (infosec "hoidong", a root organisation)
//
// and the Quy chế of UBND tỉnh A.
func d331Fixture(t *testing.T) *fixture {
	f := newFixtureRules(t, server.Config{}, nil, "d331-2026")
	f.addUser("a05", "authority", "Cục An ninh mạng, Bộ Công an", "", store.AppraisesBCA)
	f.addUser("bqp86", "authority", "Bộ Tư lệnh Tác chiến không gian mạng", "", store.AppraisesBQP)
	f.addUser("bcy", "authority", "Cục Quản lý mật mã dân sự", "", store.AppraisesBCY)
	f.addUser("hoidong", "infosec", "Hội đồng thẩm định độc lập tỉnh A", "", "")
	// The owner has issued its Quy chế bảo đảm an ninh mạng, which approving a Decree 331
	// dossier needs (Art. 30.7).
	ct, body := regulationBody("12/QĐ-UBND", "2026-03-01", minimalPDF("Quy che"))
	if resp, out := f.do("chuquanA", "POST", "/api/v1/orgs/"+itoa(f.orgs["UBND tỉnh A"].ID)+"/regulations", ct, body); resp.StatusCode != 201 {
		t.Fatalf("record the Quy chế: %d %s", resp.StatusCode, out)
	}
	return f
}

// at sets the fixture's clock to a local time in Vietnam; users sign in again, as their
// sessions would have expired meanwhile.
func (f *fixture) at(t *testing.T, local string) {
	t.Helper()
	d, err := time.ParseInLocation("2006-01-02 15:04", local, review.Vietnam)
	if err != nil {
		t.Fatal(err)
	}
	f.mu.Lock()
	f.now = d
	f.cookie, f.csrf = map[string]string{}, map[string]string{}
	f.mu.Unlock()
}

// d331System registers a system, records its risk assessment at level (with the detailed
// report of Art. 22.5 from level 4) and stores a draft d331-2026 dossier of it.
func (f *fixture) d331System(t *testing.T, level int, profile string) int64 {
	t.Helper()
	sys := f.createSystem("vanhanhA", profile)
	extra := ""
	if level >= 4 {
		extra = `, "detailed": {"a": "Cổng liên thông", "b": "Tấn công có chủ đích", "c": "Ảnh hưởng an ninh quốc gia"}`
	}
	if resp, body := f.do("vanhanhA", "PUT", "/api/v1/systems/"+itoa(sys)+"/risk-assessment", ctJSON, riskBody(level, extra)); resp.StatusCode != 200 {
		t.Fatalf("record the risk assessment: %d %s", resp.StatusCode, body)
	}
	return f.d331Dossier(t, sys, level)
}

// d331Out is what these tests read of a dossier's JSON.
type d331Out struct {
	Status         string     `json:"status"`
	Holder         *string    `json:"holder"`
	DueAt          *time.Time `json:"due_at"`
	AppraisingBody string     `json:"appraising_body"`
	Appraiser      *struct {
		Org  string `json:"org"`
		Kind string `json:"kind"`
	} `json:"appraiser"`
	AfterApproval []struct {
		Action   string        `json:"action"`
		Recorded *review.Event `json:"recorded"`
	} `json:"after_approval"`
}

// move is one step of a route: who acts, and what must follow.
type move struct {
	as, action string
	body       string // the request body; "" for {"action", "comment"}
	want       int
	status     string // after the step, when it succeeds
	holder     string // "" = none
	due        string // the due date in Vietnam, "" = none
}

// walk takes the moves in order on dossier id, checking each.
func (f *fixture) walk(t *testing.T, id int64, moves []move) d331Out {
	t.Helper()
	var last d331Out
	for i, m := range moves {
		body := m.body
		if body == "" {
			body = `{"action":"` + m.action + `","comment":"Ý kiến của ` + m.as + `"}`
		}
		resp, out := f.do(m.as, "POST", "/api/v1/dossiers/"+itoa(id)+"/actions", ctJSON, body)
		if resp.StatusCode != m.want {
			t.Fatalf("move %d: %s %s = %d, want %d\n%s", i+1, m.as, m.action, resp.StatusCode, m.want, clip(out))
		}
		if m.want != 200 {
			continue
		}
		last = d331Out{}
		json.Unmarshal([]byte(out), &last)
		holder, due := "", ""
		if last.Holder != nil {
			holder = *last.Holder
		}
		if last.DueAt != nil {
			due = last.DueAt.In(review.Vietnam).Format("2006-01-02")
		}
		if last.Status != m.status || holder != m.holder || due != m.due {
			t.Errorf("move %d: %s %s → status %s, holder %q, due %q; want %s, %q, %q", i+1, m.as, m.action, last.Status, holder, due, m.status, m.holder, m.due)
		}
	}
	return last
}

const (
	// Level 2 by Art. 12.1; the risk assessment supports level 2 too.
	profileD331L2 = `{"name": "Quản lý cán bộ", "owner": "UBND tỉnh A", "system_type": "internal", "info_types": ["personal"], "owner_sector": "civil"}`
	// Level 3 by Art. 13.2.b.
	profileD331L3 = `{"name": "Một cửa điện tử tỉnh A", "owner": "UBND tỉnh A", "system_type": "citizen_business", "info_types": ["public"],
		"handles_admin_procedures": true, "owner_sector": "civil"}`
)

// Levels 1–2 (Art. 18.1, 20.1.b, 20.3.a): the cyber unit receives, appraises and approves,
// then reports to the owner; 5 working days to return an incomplete dossier (Art. 23.2),
// none to appraise, 7 to approve (Art. 24.2).
func TestDecree331Route_Levels12(t *testing.T) {
	t.Parallel()
	f := d331Fixture(t)
	d := f.d331System(t, 2, profileD331L2)
	f.at(t, "2026-08-24 08:00") // Monday; Mon 31/08 swapped, 01–02/09 Quốc khánh
	f.walk(t, d, []move{
		{as: "vanhanhA", action: "submit", want: 200, status: "submitted", holder: "infosec", due: "2026-09-03"},
		{as: "chuquanA", action: "accept", want: 403},
		{as: "thamdinh", action: "accept", want: 404},
		{as: "atttA", action: "accept", want: 200, status: "received", holder: "infosec"},
		{as: "atttA", action: "appraise", want: 200, status: "appraised", holder: "infosec", due: "2026-09-07"},
		{as: "chuquanA", action: "approve", want: 403},
		{as: "atttA", action: "report", want: 409}, // not approved yet
		{as: "atttA", action: "approve", want: 200, status: "approved"},
		{as: "chuquanA", action: "report", want: 403},
		{as: "atttA", action: "pm_list", want: 409},
		{as: "atttA", action: "report", want: 200, status: "approved"},
		{as: "atttA", action: "report", want: 409}, // once
	})
	var out d331Out
	_, body := f.do("chuquanA", "GET", "/api/v1/dossiers/"+itoa(d), "", "")
	json.Unmarshal([]byte(body), &out)
	if len(out.AfterApproval) != 1 || out.AfterApproval[0].Action != "report" || out.AfterApproval[0].Recorded == nil || out.AfterApproval[0].Recorded.Actor != "atttA" {
		t.Errorf("after_approval %+v", out.AfterApproval)
	}
	f.run(t, []scenario{
		{name: "the page shows the report", as: "chuquanA", method: "GET", url: "/dossiers/" + itoa(d), want: 200,
			contains: []string{`id="after-approval"`, "Báo cáo chủ quản kết quả phê duyệt", "đã ghi — atttA"}, notContains: []string{`id="after-report"`}},
		// Decree 331 sets no inspection cycle: the date borrowed from Decree 85's is marked.
		{name: "the next inspection is marked inferred", as: "chuquanA", method: "GET", url: "/dossiers/" + itoa(d), want: 200,
			contains: []string{"Kiểm tra định kỳ tiếp theo", `<span class="mark" id="inspection-inferred" title="Theo kế hoạch kiểm tra chung của chủ quản`, "[suy luận]</span>"}},
	})
}

// Level 3 (Art. 18.2, 20.3.b): the cyber unit appraises within 15 working days of
// accepting a complete dossier (Art. 23.3.a), the owner approves within 7 (Art. 24.2).
func TestDecree331Route_Level3(t *testing.T) {
	t.Parallel()
	f := d331Fixture(t)
	d := f.d331System(t, 3, profileD331L3)
	f.at(t, "2027-01-28 10:00") // Thursday: 29/01, 01–03/02, Tết 04–10/02, 11/02
	f.walk(t, d, []move{
		{as: "vanhanhA", action: "submit", want: 200, status: "submitted", holder: "infosec", due: "2027-02-11"},
		{as: "a05", action: "accept", want: 404}, // Bộ Công an has no role at level 3
	})
	f.at(t, "2027-02-01 10:00") // 15 working days across Tết 2027 (workdays/handcount_test.go)
	f.walk(t, d, []move{
		{as: "atttA", action: "accept", want: 200, status: "received", holder: "infosec", due: "2027-03-01"},
		{as: "chuquanA", action: "appraise", want: 403},
		{as: "atttA", action: "opinion", want: 409},
		{as: "atttA", action: "forward", want: 409},
	})
	f.at(t, "2027-04-23 09:00") // 7 working days across 30/4–1/5 2027
	f.walk(t, d, []move{
		{as: "atttA", action: "appraise", want: 200, status: "appraised", holder: "owner", due: "2027-05-06"},
		{as: "atttA", action: "approve", want: 403},
	})
	// No written appraisal was attached: the approver is told before confirming, and may
	// still approve (the opinion may be on paper).
	f.run(t, []scenario{
		{name: "the confirmation names the missing appraisal", as: "chuquanA", method: "GET", url: "/dossiers/" + itoa(d) + "/confirm?action=approve", want: 200,
			contains: []string{`id="approval-gaps"`, "chưa có văn bản kết quả thẩm định", "điểm b khoản 1 Điều 24 Nghị định 331/2026/NĐ-CP"}},
	})
	f.walk(t, d, []move{
		{as: "chuquanA", action: "approve", body: `{"action":"approve","decision_number":"15/QĐ-UBND","decision_date":"2027-04-23"}`, want: 200, status: "approved"},
		{as: "chuquanA", action: "pm_list", want: 409}, // no list step at level 3
	})
}

// Level 4, a civil system (Art. 18.3.a, 20.1.d, 20.3.b): the cyber unit's professional
// opinion, the owner forwards to Bộ Công an, which receives (5 working days) and appraises
// (25); the owner approves the level (7). Neither Bộ Công an nor Decree 85's appraiser sees
// the dossier before it is forwarded.
func TestDecree331Route_Level4(t *testing.T) {
	t.Parallel()
	f := d331Fixture(t)
	d := f.d331System(t, 4, `{"name": "Quản lý văn bản mật", "owner": "UBND tỉnh A", "system_type": "internal", "info_types": ["state_secret"],
		"security_harm": "serious", "owner_sector": "civil"}`)
	f.at(t, "2026-08-20 09:00")
	f.walk(t, d, []move{
		{as: "vanhanhA", action: "submit", want: 200, status: "submitted", holder: "infosec"},
		{as: "a05", action: "accept", want: 404},
		{as: "atttA", action: "opinion", want: 200, status: "opinion_given", holder: "owner"},
		{as: "a05", action: "accept", want: 404},
		{as: "atttA", action: "forward", want: 403},
	})
	f.at(t, "2026-08-24 08:00")
	f.walk(t, d, []move{
		{as: "chuquanA", action: "forward", want: 200, status: "forwarded", holder: "authority", due: "2026-09-03"},
		{as: "thamdinh", action: "accept", want: 404}, // Decree 85's appraiser: not under Decree 331
		{as: "bqp86", action: "accept", want: 404},
		{as: "bcy", action: "accept", want: 404},
	})
	f.at(t, "2027-04-08 16:30") // 25 working days across Giỗ Tổ and 30/4–1/5 2027
	out := f.walk(t, d, []move{
		{as: "a05", action: "accept", want: 200, status: "received", holder: "authority", due: "2027-05-18"},
		{as: "atttA", action: "appraise", want: 403},
		{as: "a05", action: "appraise", want: 200, status: "appraised", holder: "owner", due: "2027-04-20"}, // Giỗ Tổ 16/04
		{as: "a05", action: "approve", want: 403},
		{as: "chuquanA", action: "approve", want: 200, status: "approved"},
	})
	if out.AppraisingBody != "Bộ Công an" || len(out.AfterApproval) != 0 {
		t.Errorf("appraising body %q, after approval %+v", out.AppraisingBody, out.AfterApproval)
	}
	// Once it reached Bộ Công an it stays with it.
	f.run(t, []scenario{
		{name: "Bộ Công an reads the approved dossier", as: "a05", method: "GET", url: "/api/v1/dossiers/" + itoa(d), want: 200, contains: []string{`"status":"approved"`}},
		{name: "and its page", as: "a05", method: "GET", url: "/dossiers/" + itoa(d), want: 200, contains: []string{`id="appraising-body">Bộ Công an<`}},
	})
}

// Level 5 of a military system (Art. 18.3.b, 18.3.d–đ, 20.3.c): Bộ Quốc phòng appraises,
// the owner approves the protection plan, then records the Prime Minister's decision on
// the list, once, with its number and date.
func TestDecree331Route_Level5BQP(t *testing.T) {
	t.Parallel()
	f := d331Fixture(t)
	d := f.d331System(t, 5, `{"name": "Chỉ huy tác chiến", "owner": "UBND tỉnh A", "system_type": "internal", "info_types": ["state_secret"],
		"security_harm": "especially_serious", "strategic": true, "critical_system": true, "owner_sector": "bqp"}`)
	f.at(t, "2026-12-01 09:00")
	out := f.walk(t, d, []move{
		{as: "vanhanhA", action: "submit", want: 200, status: "submitted", holder: "infosec"},
		{as: "atttA", action: "opinion", want: 200, status: "opinion_given", holder: "owner"},
		{as: "chuquanA", action: "forward", want: 200, status: "forwarded", holder: "authority", due: "2026-12-08"},
		{as: "a05", action: "accept", want: 404},
		{as: "bqp86", action: "accept", want: 200, status: "received", holder: "authority", due: "2027-01-06"},
		{as: "bqp86", action: "appraise", want: 200, status: "appraised", holder: "owner", due: "2026-12-10"},
		{as: "chuquanA", action: "approve", want: 200, status: "approved"},
		{as: "chuquanA", action: "pm_list", want: 400}, // the decision's number and date are needed
		{as: "atttA", action: "pm_list", body: `{"action":"pm_list","decision_number":"123/QĐ-TTg","decision_date":"2026-12-01"}`, want: 403},
		{as: "chuquanA", action: "pm_list", body: `{"action":"pm_list","decision_number":"123/QĐ-TTg","decision_date":"2026-12-01"}`, want: 200, status: "approved"},
		{as: "chuquanA", action: "pm_list", body: `{"action":"pm_list","decision_number":"124/QĐ-TTg","decision_date":"2026-12-01"}`, want: 409},
	})
	if out.AppraisingBody != "Bộ Quốc phòng" || len(out.AfterApproval) != 1 || out.AfterApproval[0].Recorded == nil ||
		out.AfterApproval[0].Recorded.Data != "decision_number 123/QĐ-TTg decision_date 2026-12-01" {
		t.Errorf("appraising body %q, after approval %+v", out.AppraisingBody, out.AfterApproval)
	}
	f.run(t, []scenario{
		{name: "the list decision on the page", as: "chuquanA", method: "GET", url: "/dossiers/" + itoa(d), want: 200,
			contains: []string{"Thủ tướng Chính phủ phê duyệt danh mục", "Quyết định số 123/QĐ-TTg ngày 01/12/2026"}},
		{name: "the approval check of the history", as: "chuquanA", method: "GET", url: "/api/v1/dossiers/" + itoa(d), want: 200,
			contains: []string{`"history_valid":true`}},
	})
}

// Level 4 of a cipher system of Ban Cơ yếu Chính phủ (Art. 18.3.c).
func TestDecree331Route_BCY(t *testing.T) {
	t.Parallel()
	f := d331Fixture(t)
	d := f.d331System(t, 4, `{"name": "Quản lý khóa mật mã", "owner": "UBND tỉnh A", "system_type": "internal", "info_types": ["state_secret"],
		"security_harm": "serious", "owner_sector": "bcy"}`)
	f.at(t, "2026-12-01 09:00")
	out := f.walk(t, d, []move{
		{as: "vanhanhA", action: "submit", want: 200, status: "submitted", holder: "infosec"},
		{as: "atttA", action: "opinion", want: 200, status: "opinion_given", holder: "owner"},
		{as: "chuquanA", action: "forward", want: 200, status: "forwarded", holder: "authority", due: "2026-12-08"},
		{as: "a05", action: "accept", want: 404},
		{as: "bqp86", action: "accept", want: 404},
		{as: "bcy", action: "appraise", want: 200, status: "appraised", holder: "owner", due: "2026-12-10"}, // accepting and appraising at once
		{as: "chuquanA", action: "approve", want: 200, status: "approved"},
	})
	if out.AppraisingBody != "Ban Cơ yếu Chính phủ" {
		t.Errorf("appraising body %q", out.AppraisingBody)
	}
	// The group is the dossier's, stored when it was made.
	var ministry string
	if err := f.raw(t).QueryRow("SELECT appraisal_group FROM dossiers WHERE id = ?", d).Scan(&ministry); err != nil || ministry != "bcy" {
		t.Errorf("dossiers.appraisal_group = %q, %v; want bcy", ministry, err)
	}
}

// A level-3 system on the list of systems important to national security takes the
// level-5 route (Art. 20.4): opinion, forwarding to Bộ Công an, appraisal, the owner's
// approval of the plan and the Prime Minister's list.
func TestDecree331Route_Critical(t *testing.T) {
	t.Parallel()
	f := d331Fixture(t)
	d := f.d331System(t, 3, `{"name": "Một cửa điện tử tỉnh A", "owner": "UBND tỉnh A", "system_type": "citizen_business", "info_types": ["public"],
		"handles_admin_procedures": true, "critical_system": true, "owner_sector": "civil"}`)
	f.at(t, "2026-12-01 09:00")
	out := f.walk(t, d, []move{
		{as: "vanhanhA", action: "submit", want: 200, status: "submitted", holder: "infosec"},
		{as: "atttA", action: "appraise", want: 403},
		{as: "atttA", action: "opinion", want: 200, status: "opinion_given", holder: "owner"},
		{as: "chuquanA", action: "forward", want: 200, status: "forwarded", holder: "authority", due: "2026-12-08"},
		{as: "a05", action: "accept", want: 200, status: "received", holder: "authority", due: "2027-01-06"},
		{as: "a05", action: "appraise", want: 200, status: "appraised", holder: "owner", due: "2026-12-10"},
		{as: "chuquanA", action: "approve", want: 200, status: "approved"},
		{as: "chuquanA", action: "pm_list", body: `{"action":"pm_list","decision_number":"7/QĐ-TTg","decision_date":"2026-12-01"}`, want: 200, status: "approved"},
	})
	if out.AppraisingBody != "Bộ Công an" {
		t.Errorf("appraising body %q", out.AppraisingBody)
	}
	f.run(t, []scenario{
		{name: "the route is cited", as: "chuquanA", method: "GET", url: "/dossiers/" + itoa(d), want: 200,
			contains: []string{"Khoản 4 Điều 20 Nghị định 331/2026/NĐ-CP"}},
	})
}

// Art. 18.4: the cyber unit also operates the system, so the owner designates an
// independent appraiser before the dossier is sent; then only that organisation's infosec
// users receive and appraise it, and the owner still approves.
func TestDecree331Route_IndependentAppraiser(t *testing.T) {
	t.Parallel()
	f := d331Fixture(t)
	d := f.d331System(t, 3, `{"name": "Một cửa điện tử tỉnh A", "owner": "UBND tỉnh A", "system_type": "citizen_business", "info_types": ["public"],
		"handles_admin_procedures": true, "infosec_operates": true, "owner_sector": "civil"}`)
	council := itoa(f.orgs["Hội đồng thẩm định độc lập tỉnh A"].ID)
	path := "/api/v1/dossiers/" + itoa(d) + "/appraiser"
	f.at(t, "2026-12-01 09:00")
	f.walk(t, d, []move{{as: "vanhanhA", action: "submit", want: 409}}) // not designated yet
	f.run(t, []scenario{
		{name: "submit names what is missing", as: "vanhanhA", method: "POST", url: "/api/v1/dossiers/" + itoa(d) + "/actions", ctype: ctJSON,
			body: `{"action":"submit"}`, want: 409, contains: []string{`"field":"appraiser"`, "Khoản 4 Điều 18 Nghị định 331/2026/NĐ-CP"}},
		{name: "anonymous", method: "PUT", url: path, ctype: ctJSON, body: `{}`, want: 401},
		{name: "the operator may not designate", as: "vanhanhA", method: "PUT", url: path, ctype: ctJSON,
			body: `{"org_id":` + council + `,"kind":"council","decision":"12/QĐ-UBND ngày 01/12/2026"}`, want: 403},
		{name: "nor the cyber unit", as: "atttA", method: "PUT", url: path, ctype: ctJSON,
			body: `{"org_id":` + council + `,"kind":"council","decision":"12/QĐ-UBND ngày 01/12/2026"}`, want: 403},
		{name: "an unknown body", as: "chuquanA", method: "PUT", url: path, ctype: ctJSON, body: `{"org":1}`, want: 400, contains: []string{`"field":"body"`}},
		{name: "every problem named", as: "chuquanA", method: "PUT", url: path, ctype: ctJSON,
			body: `{"org_id":` + itoa(f.orgs["Sở TT&TT A"].ID) + `,"kind":"committee","decision":" "}`, want: 400,
			contains: []string{`"field":"kind"`, `"field":"decision"`, `"field":"org_id"`, "đơn vị vận hành hệ thống không tự thẩm định"}},
		{name: "an organisation without an infosec account", as: "chuquanA", method: "PUT", url: path, ctype: ctJSON,
			body: `{"org_id":` + itoa(f.orgs["UBND tỉnh B"].ID) + `,"kind":"unit","decision":"12/QĐ-UBND"}`, want: 400,
			contains: []string{"chưa có tài khoản vai trò infosec"}},
		{name: "the owner's page offers the form", as: "chuquanA", method: "GET", url: "/dossiers/" + itoa(d), want: 200,
			contains: []string{`id="appraiser-form"`, `id="not-designated"`, "Hội đồng thẩm định độc lập tỉnh A"}, notContains: []string{`>Sở TT&amp;TT A</option>`}},
		{name: "the operator's does not", as: "vanhanhA", method: "GET", url: "/dossiers/" + itoa(d), want: 200,
			contains: []string{`id="not-designated"`}, notContains: []string{`id="appraiser-form"`}},
		{name: "the owner designates the council", as: "chuquanA", method: "PUT", url: path, ctype: ctJSON,
			body: `{"org_id":` + council + `,"kind":"council","decision":"12/QĐ-UBND ngày 01/12/2026"}`, want: 200,
			contains: []string{`"appraiser":{"org_id":` + council, `"appraising_body":"Hội đồng thẩm định độc lập tỉnh A"`}},
		{name: "the council sees no draft", as: "hoidong", method: "GET", url: "/api/v1/dossiers/" + itoa(d), want: 404},
	})
	// The web form designates too (and may change it while a draft).
	resp, _ := f.form("chuquanA", "/dossiers/"+itoa(d)+"/appraiser", url.Values{"org_id": {council}, "kind": {"unit"}, "decision": {"13/QĐ-UBND ngày 01/12/2026"}})
	if resp.StatusCode != 303 || !strings.HasSuffix(resp.Header.Get("Location"), "/dossiers/"+itoa(d)+"#appraiser") {
		t.Fatalf("designation form = %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	f.walk(t, d, []move{
		{as: "vanhanhA", action: "submit", want: 200, status: "submitted", holder: "infosec", due: "2026-12-08"},
		{as: "atttA", action: "accept", want: 403}, // the operating cyber unit does not appraise
		{as: "atttA", action: "return", want: 403},
		{as: "hoidong", action: "accept", want: 200, status: "received", holder: "infosec", due: "2026-12-22"},
		{as: "atttA", action: "appraise", want: 403},
		{as: "hoidong", action: "appraise", want: 200, status: "appraised", holder: "owner", due: "2026-12-10"},
		{as: "hoidong", action: "approve", want: 403},
		{as: "chuquanA", action: "approve", want: 200, status: "approved"},
	})
	f.run(t, []scenario{
		{name: "designation fixed once sent", as: "chuquanA", method: "PUT", url: path, ctype: ctJSON,
			body: `{"org_id":` + council + `,"kind":"council","decision":"14/QĐ-UBND"}`, want: 409},
		{name: "the council reads what it appraised", as: "hoidong", method: "GET", url: "/dossiers/" + itoa(d), want: 200,
			contains: []string{`id="designated"`, "Hội đồng thẩm định độc lập tỉnh A", "13/QĐ-UBND ngày 01/12/2026", "Chỉ định đơn vị thẩm định độc lập"}},
		{name: "another province's operator does not", as: "vanhanhB", method: "GET", url: "/dossiers/" + itoa(d), want: 404},
	})
}

// The page form of the designation: who may post it, and a level whose procedure needs
// no independent appraiser.
func TestDecree331_DesignationForm(t *testing.T) {
	t.Parallel()
	f := d331Fixture(t)
	d := f.d331System(t, 3, `{"name": "Một cửa", "owner": "UBND tỉnh A", "system_type": "citizen_business", "info_types": ["public"],
		"handles_admin_procedures": true, "infosec_operates": true, "owner_sector": "civil"}`)
	plain := f.d331System(t, 3, profileD331L3)
	council := itoa(f.orgs["Hội đồng thẩm định độc lập tỉnh A"].ID)
	form := "org_id=" + council + "&kind=council&decision=12%2FQĐ-UBND"
	f.run(t, []scenario{
		{name: "anonymous", method: "POST", url: "/dossiers/" + itoa(d) + "/appraiser", ctype: "application/x-www-form-urlencoded", body: form, want: 303},
		{name: "the operator", as: "vanhanhA", method: "POST", url: "/dossiers/" + itoa(d) + "/appraiser", ctype: "application/x-www-form-urlencoded",
			body: form + "&_csrf=" + f.csrfToken("vanhanhA"), want: 403},
	})
	resp, body := f.form("chuquanA", "/dossiers/"+itoa(plain)+"/appraiser", url.Values{"org_id": {council}, "kind": {"council"}, "decision": {"12/QĐ-UBND"}})
	if resp.StatusCode != 409 {
		t.Errorf("a dossier needing no independent appraiser = %d\n%s", resp.StatusCode, clip(body))
	}
	resp, body = f.form("chuquanA", "/dossiers/"+itoa(d)+"/appraiser", url.Values{"org_id": {"x"}, "kind": {"council"}, "decision": {"12/QĐ-UBND"}})
	if resp.StatusCode != 400 || !strings.Contains(body, "chọn đơn vị hoặc hội đồng thẩm định") {
		t.Errorf("no organisation = %d\n%s", resp.StatusCode, clip(body))
	}
}

// Without owner_sector the appraiser of levels 4–5 is guessed from the owner's name, with
// a warning; the guess folds Vietnamese capitals.
func TestDecree331_SectorGuessed(t *testing.T) {
	t.Parallel()
	f := d331Fixture(t)
	d := f.d331System(t, 4, `{"name": "Quản lý văn bản mật", "owner": "BỘ QUỐC PHÒNG", "system_type": "internal", "info_types": ["state_secret"],
		"security_harm": "serious"}`)
	f.at(t, "2026-12-01 09:00")
	out := f.walk(t, d, []move{
		{as: "vanhanhA", action: "submit", want: 200, status: "submitted", holder: "infosec"},
		{as: "atttA", action: "opinion", want: 200, status: "opinion_given", holder: "owner"},
		{as: "chuquanA", action: "forward", want: 200, status: "forwarded", holder: "authority", due: "2026-12-08"},
		{as: "a05", action: "accept", want: 404},
		{as: "bqp86", action: "accept", want: 200, status: "received", holder: "authority", due: "2027-01-06"},
	})
	if out.AppraisingBody != "Bộ Quốc phòng" {
		t.Errorf("appraising body %q", out.AppraisingBody)
	}
	f.run(t, []scenario{
		{name: "the guess is marked", as: "bqp86", method: "GET", url: "/dossiers/" + itoa(d), want: 200,
			contains: []string{"suy ra từ tên chủ quản «BỘ QUỐC PHÒNG» [suy luận]"}},
	})
}
