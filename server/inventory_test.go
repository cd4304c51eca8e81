package server_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"capdo/store"
)

// inventoryCSV has two new systems of Sở TT&TT A, an update of its HT-003 and a refused row.
const inventoryCSV = `id,name,owner,system_type,info_types,personal_data_users,approved_level
HT-003,Cổng dịch vụ công Hà Nội,UBND tỉnh A,citizen_business,public;personal,250000,3
HT-101,Cổng thông tin Sở,UBND tỉnh A,citizen_business,public,0,2
HT-102,Quản lý văn bản,UBND tỉnh A,internal,private;personal,3500,
HT-103,Sai loại,UBND tỉnh A,intranet,public,0,
`

type importAnswer struct {
	Created, Updated, Same, Failed int
	Applied                        bool
	SHA256, Plan                   string
	Rows                           []struct {
		Row      int
		ID       string
		Name     string
		Level    *int
		Action   string
		Errors   []string
		SystemID int64 `json:"system_id"`
		Version  int
	}
}

func (f *fixture) apiImport(as string, fields map[string]string, name, data string) (int, importAnswer, string) {
	f.t.Helper()
	ct, body := multipartBody(fields, name, []byte(data))
	resp, out := f.do(as, "POST", "/api/v1/imports", ct, body)
	var a importAnswer
	if resp.StatusCode == 200 {
		if err := json.Unmarshal([]byte(out), &a); err != nil {
			f.t.Fatalf("import answer: %v\n%s", err, out)
		}
	}
	return resp.StatusCode, a, out
}

// importInventory imports inventoryCSV into vanhanhA's unit as the page does: a dry run,
// then the commit bound to its preview.
func (f *fixture) importInventory() importAnswer {
	f.t.Helper()
	status, dry, out := f.apiImport("vanhanhA", map[string]string{"dry_run": "true"}, "danh-muc.csv", inventoryCSV)
	if status != 200 {
		f.t.Fatalf("dry run = %d\n%s", status, out)
	}
	status, done, out := f.apiImport("vanhanhA", map[string]string{"dry_run": "false", "sha256": dry.SHA256, "plan": dry.Plan}, "danh-muc.csv", inventoryCSV)
	if status != 200 || !done.Applied {
		f.t.Fatalf("commit = %d\n%s", status, out)
	}
	return done
}

func (f *fixture) countSystems(as string) int {
	f.t.Helper()
	_, body := f.do(as, "GET", "/api/v1/systems", "", "")
	var list []json.RawMessage
	json.Unmarshal([]byte(body), &list)
	return len(list)
}

// The API's import: a dry run writes nothing and says what each row would do; the commit,
// bound to the preview, writes the good rows and reports the refused one.
func TestAPIImport_DryRunThenCommit(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	before := f.countSystems("vanhanhA")
	status, dry, out := f.apiImport("vanhanhA", map[string]string{"dry_run": "true"}, "danh-muc.csv", inventoryCSV)
	if status != 200 || dry.Created != 2 || dry.Updated != 1 || dry.Failed != 1 || dry.Applied || len(dry.Rows) != 4 {
		t.Fatalf("dry run = %d %+v\n%s", status, dry, out)
	}
	for _, s := range []string{`"row":2`, `"action":"update"`, `"action":"create"`, `"action":"error"`, `dòng 5: cột D (system_type)`} {
		if !strings.Contains(out, s) {
			t.Errorf("dry run answer lacks %s:\n%s", s, out)
		}
	}
	if got := f.countSystems("vanhanhA"); got != before {
		t.Fatalf("a dry run wrote: %d systems, had %d", got, before)
	}
	// A commit bound to another file's preview writes nothing.
	if status, _, out := f.apiImport("vanhanhA", map[string]string{"dry_run": "false", "sha256": strings.Repeat("0", 64)}, "danh-muc.csv", inventoryCSV); status != 409 {
		t.Errorf("commit with another file's hash = %d, want 409\n%s", status, out)
	}
	status, done, out := f.apiImport("vanhanhA", map[string]string{"dry_run": "false", "sha256": dry.SHA256, "plan": dry.Plan}, "danh-muc.csv", inventoryCSV)
	if status != 200 || !done.Applied || done.Created != 2 || done.Updated != 1 || done.Failed != 1 {
		t.Fatalf("commit = %d %+v\n%s", status, done, out)
	}
	if got := f.countSystems("vanhanhA"); got != before+2 {
		t.Errorf("%d systems after the import, want %d", got, before+2)
	}
	if r := done.Rows[0]; r.SystemID != f.sysA3 || r.Version != 2 {
		t.Errorf("HT-003 = %+v, want version 2 of system %d", r, f.sysA3)
	}
	// The same file again: nothing to do.
	if _, again, _ := f.apiImport("vanhanhA", map[string]string{"dry_run": "true"}, "danh-muc.csv", inventoryCSV); again.Same != 3 || again.Failed != 1 {
		t.Errorf("the same file again = %+v, want 3 same", again)
	}
}

// What the API refuses of an upload, each with its status and the field it names; none of
// it writes anything.
func TestAPIImport_Refused(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	up := func(name, as string, fields map[string]string, file, data string, want int, contains ...string) scenario {
		ct, body := multipartBody(fields, file, []byte(data))
		return scenario{name: name, as: as, method: "POST", url: "/api/v1/imports", ctype: ct, body: body, want: want, contains: contains}
	}
	dry := map[string]string{"dry_run": "true"}
	f.run(t, []scenario{
		up("no file", "vanhanhA", map[string]string{"dry_run": "false"}, "", "", 400, `"field":"file"`),
		up("unknown column", "vanhanhA", map[string]string{"dry_run": "false"}, "x.csv", "id,name,so_nguoi\nHT-1,A,3\n", 400,
			`"field":"file"`, "cột C «so_nguoi» không được hỗ trợ"),
		up("bad dry_run", "vanhanhA", map[string]string{"dry_run": "maybe"}, "x.csv", inventoryCSV, 400, `"field":"dry_run"`),
		up("not a workbook", "vanhanhA", dry, "x.xlsx", "id,name\n", 415),
		up("binary as CSV", "vanhanhA", dry, "x.csv", "a\x00b", 415),
		up("wrong extension", "vanhanhA", dry, "x.txt", inventoryCSV, 415),
		up("another organisation's unit", "vanhanhA", map[string]string{"org_id": itoa(f.orgs["UBND tỉnh B"].ID)}, "x.csv", inventoryCSV, 404),
	})
	if got := f.countSystems("vanhanhA"); got != 2 {
		t.Errorf("refused imports wrote: %d systems", got)
	}
}

// An import takes bodies larger than the 8 MiB of every other route, up to its own limit.
func TestImport_BodyLimits(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	var b strings.Builder
	b.WriteString("id,name,owner,system_type,info_types,description\n")
	desc := strings.Repeat("mô tả dài ", 300) // 3,300 bytes
	for i := 0; b.Len() < 9<<20; i++ {
		fmt.Fprintf(&b, "HT-%05d,Hệ thống %d,UBND tỉnh A,internal,public,%s\n", i, i, desc)
	}
	status, dry, out := f.apiImport("vanhanhA", map[string]string{"dry_run": "true"}, "lon.csv", b.String())
	if status != 200 || dry.Created < 2000 || dry.Failed != 0 {
		t.Fatalf("a 9 MB inventory = %d, %d created, %d failed\n%s", status, dry.Created, dry.Failed, clip(out))
	}
	// Past its own limit the import is refused like any route, from the header alone:
	// the server never reads the body (security_test.go does the same for the others).
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go f.srv.Serve(ctx, ln)
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /api/v1/imports HTTP/1.1\r\nHost: %s\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: %d\r\nCookie: capdo_session=%s\r\n\r\n",
		ln.Addr(), 20<<20, f.session("vanhanhA"))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 413 {
		t.Errorf("a 20 MiB import = %d, want 413", resp.StatusCode)
	}
}

// The import page: preview first, then «Áp dụng» with the same file and the preview's
// hashes; a stale preview writes nothing and says so.
func TestImportPage_PreviewThenApply(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tok := f.csrfToken("vanhanhA")
	ct, body := multipartBody(map[string]string{"_csrf": tok, "dry_run": "true"}, "danh-muc.csv", []byte(inventoryCSV))
	resp, page := f.do("vanhanhA", "POST", "/imports", ct, body)
	if resp.StatusCode != 200 || !strings.Contains(page, `id="import-apply"`) || !strings.Contains(page, "dòng 5: cột D (system_type)") {
		t.Fatalf("preview = %d\n%s", resp.StatusCode, clip(page))
	}
	sha := regexpFind(t, page, `name="sha256" value="([0-9a-f]{64})"`)
	plan := regexpFind(t, page, `name="plan" value="([0-9a-f]{64})"`)
	before := f.countSystems("vanhanhA")
	// The file changed between preview and commit.
	ct, body = multipartBody(map[string]string{"_csrf": tok, "dry_run": "false", "sha256": sha, "plan": plan}, "danh-muc.csv", []byte(inventoryCSV+"HT-104,Thêm,UBND tỉnh A,internal,public,0,\n"))
	if resp, page := f.do("vanhanhA", "POST", "/imports", ct, body); resp.StatusCode != 409 || !strings.Contains(page, "chưa ghi gì") {
		t.Errorf("stale commit = %d\n%s", resp.StatusCode, clip(page))
	}
	ct, body = multipartBody(map[string]string{"_csrf": tok, "dry_run": "false", "sha256": sha, "plan": plan}, "danh-muc.csv", []byte(inventoryCSV))
	resp, page = f.do("vanhanhA", "POST", "/imports", ct, body)
	if resp.StatusCode != 200 || !strings.Contains(page, `id="import-applied"`) {
		t.Fatalf("apply = %d\n%s", resp.StatusCode, clip(page))
	}
	if got := f.countSystems("vanhanhA"); got != before+2 {
		t.Errorf("%d systems after applying, want %d", got, before+2)
	}
	// Without the form token nothing is read.
	ct, body = multipartBody(map[string]string{"dry_run": "false"}, "danh-muc.csv", []byte(inventoryCSV))
	if resp, _ := f.do("vanhanhA", "POST", "/imports", ct, body); resp.StatusCode != 403 {
		t.Errorf("import form without CSRF token = %d, want 403", resp.StatusCode)
	}
}

// Re-rating through the API compares and changes nothing; its export has Vietnamese
// headings with the heading row frozen (XLSX) and the contract's keys (CSV); applying it
// makes a draft dossier per chosen system, or says per system why not.
func TestAPIRerate(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	d := f.createDossier("vanhanhA", f.sysA3)
	for _, a := range []struct{ as, action string }{{"vanhanhA", "submit"}, {"atttA", "appraise"}, {"chuquanA", "approve"}} {
		if st, body := f.act(a.as, d, a.action); st != 200 {
			t.Fatalf("%s %s: %d %s", a.as, a.action, st, body)
		}
	}
	_, versions := f.do("vanhanhA", "GET", "/api/v1/systems/"+itoa(f.sysA3)+"/versions", "", "")
	resp, out := f.do("vanhanhA", "POST", "/api/v1/rerate", "application/json", `{"rule_set":"d331-2026"}`)
	if resp.StatusCode != 200 {
		t.Fatalf("rerate = %d %s", resp.StatusCode, out)
	}
	var rr struct {
		RuleSet string `json:"rule_set"`
		Counts  map[string]int
		Rows    []struct {
			SystemID int64 `json:"system_id"`
			ID       string
			Approved *int `json:"approved_level"`
			Level    int
			Change   string
			Rules    string
		}
	}
	if err := json.Unmarshal([]byte(out), &rr); err != nil {
		t.Fatal(err)
	}
	if rr.RuleSet != "d331-2026" || len(rr.Rows) != 2 || rr.Counts["new"] != 1 {
		t.Fatalf("rerate = %+v", rr)
	}
	for _, r := range rr.Rows {
		if r.SystemID == f.sysA3 && (r.Approved == nil || *r.Approved != 3 || r.Change == "new" || r.Rules == "") {
			t.Errorf("approved system = %+v", r)
		}
	}
	if _, again := f.do("vanhanhA", "GET", "/api/v1/systems/"+itoa(f.sysA3)+"/versions", "", ""); again != versions {
		t.Error("re-rating changed the system's versions")
	}
	f.run(t, []scenario{
		{name: "unknown rule set", as: "vanhanhA", method: "POST", url: "/api/v1/rerate", ctype: "application/json", body: `{"rule_set":"khong-co"}`, want: 400, contains: []string{`"field":"rule_set"`}},
		{name: "unknown field", as: "vanhanhA", method: "POST", url: "/api/v1/rerate", ctype: "application/json", body: `{"rules":"d331-2026"}`, want: 400},
		{name: "csv", as: "vanhanhA", method: "GET", url: "/api/v1/rerate?rule_set=d331-2026&format=csv", want: 200,
			contains: []string{"system_id,id,name,org,approved_level,approved_source,approved_rule_set,level,change,rules", "HT-003"}},
		{name: "bad format", as: "vanhanhA", method: "GET", url: "/api/v1/rerate?format=pdf", want: 400, contains: []string{`"field":"format"`}},
		{name: "another unit's system", as: "vanhanhB", method: "POST", url: "/api/v1/rerate/apply", ctype: "application/json",
			body: `{"rule_set":"d85-2016","system_ids":[` + itoa(f.sysA3) + `]}`, want: 200, contains: []string{`"error":"không có hệ thống này`}},
		{name: "nothing chosen", as: "vanhanhA", method: "POST", url: "/api/v1/rerate/apply", ctype: "application/json", body: `{"rule_set":"d85-2016","system_ids":[]}`, want: 400, contains: []string{`"field":"system_ids"`}},
	})
	resp, x := f.do("vanhanhA", "GET", "/api/v1/rerate?rule_set=d331-2026&format=xlsx", "", "")
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Disposition"), "xep-lai-cap-do-d331-2026.xlsx") {
		t.Fatalf("xlsx = %d %v", resp.StatusCode, resp.Header)
	}
	wb, err := excelize.OpenReader(bytes.NewReader([]byte(x)))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := wb.GetRows("Xếp lại cấp độ")
	if len(rows) != 3 || rows[0][2] != "Tên hệ thống" || rows[0][8] != "Thay đổi" {
		t.Errorf("xlsx rows = %q", rows)
	}
	if panes, _ := wb.GetPanes("Xếp lại cấp độ"); !panes.Freeze {
		t.Error("the heading row is not frozen")
	}
	// Applying under Decree 85: a draft per system; the approved level stays.
	resp, out = f.do("vanhanhA", "POST", "/api/v1/rerate/apply", "application/json", `{"rule_set":"d85-2016","system_ids":[`+itoa(f.sysA3)+`,`+itoa(f.sysA4)+`]}`)
	if resp.StatusCode != 200 || strings.Count(out, `"dossier_id"`) != 2 {
		t.Fatalf("apply = %d %s", resp.StatusCode, out)
	}
	if _, sys := f.do("vanhanhA", "GET", "/api/v1/systems/"+itoa(f.sysA3), "", ""); !strings.Contains(sys, `"approved":{"level":3`) {
		t.Errorf("the approved level changed: %s", clip(sys))
	}
	// Under Decree 331 each system gets a dossier or says why not (templates, level 0).
	resp, out = f.do("vanhanhA", "POST", "/api/v1/rerate/apply", "application/json", `{"rule_set":"d331-2026","system_ids":[`+itoa(f.sysA4)+`]}`)
	if resp.StatusCode != 200 || !(strings.Contains(out, `"dossier_id"`) || strings.Contains(out, `"error"`)) {
		t.Errorf("apply under d331 = %d %s", resp.StatusCode, out)
	}
}

// The annual report of the caller's organisation, as Word and Excel files.
func TestAPIAnnualReport(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.run(t, []scenario{
		{name: "docx", as: "chuquanA", method: "GET", url: "/api/v1/reports/annual?year=2026&format=docx", want: 200, contains: []string{"PK"}},
		{name: "json", as: "chuquanA", method: "GET", url: "/api/v1/reports/annual?year=2026&format=json", want: 200,
			contains: []string{`"name":"UBND tỉnh A"`, `"managed":2`, `"name":"Cổng dịch vụ công Hà Nội"`}},
		{name: "another province sees its own", as: "vanhanhB", method: "GET", url: "/api/v1/reports/annual?year=2026&format=json", want: 200,
			contains: []string{`"managed":1`}, notContains: []string{"Quản lý văn bản mật"}},
		{name: "bad year", as: "chuquanA", method: "GET", url: "/api/v1/reports/annual?year=1990", want: 400, contains: []string{`"field":"year"`}},
		{name: "bad format", as: "chuquanA", method: "GET", url: "/api/v1/reports/annual?format=pdf", want: 400, contains: []string{`"field":"format"`}},
	})
	resp, x := f.do("chuquanA", "GET", "/api/v1/reports/annual?year=2026&format=xlsx", "", "")
	wb, err := excelize.OpenReader(bytes.NewReader([]byte(x)))
	if resp.StatusCode != 200 || err != nil {
		t.Fatalf("xlsx = %d %v", resp.StatusCode, err)
	}
	if rows, _ := wb.GetRows("Chi tiết HTTT"); len(rows) != 3 || len(rows[0]) != 12 {
		t.Errorf("table = %q", rows)
	}
}

// Who may call each inventory route: without a session nothing (401, or the login page),
// a role outside the route's roles 403, someone allowed an answer.
func TestInventory_WhoMayCall(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	const form = "application/x-www-form-urlencoded"
	var sc []scenario
	for _, r := range []struct{ method, url string }{{"GET", "/imports"}, {"POST", "/imports"}, {"GET", "/rerate"}, {"POST", "/rerate/apply"}, {"GET", "/reports/annual"}} {
		sc = append(sc, scenario{name: "anonymous " + r.method + " " + r.url, method: r.method, url: r.url, ctype: form, want: 303})
	}
	for _, r := range []struct{ method, url string }{{"POST", "/api/v1/imports"}, {"POST", "/api/v1/rerate"}, {"GET", "/api/v1/rerate"},
		{"POST", "/api/v1/rerate/apply"}, {"GET", "/api/v1/reports/annual"}} {
		sc = append(sc, scenario{name: "anonymous " + r.method + " " + r.url, method: r.method, url: r.url, want: 401})
	}
	tok := url.Values{"_csrf": {f.csrfToken("atttA")}}.Encode()
	upCT, upBody := multipartBody(map[string]string{"dry_run": "true"}, "x.csv", []byte(inventoryCSV))
	sc = append(sc,
		scenario{name: "infosec import page", as: "atttA", method: "GET", url: "/imports", want: 403},
		scenario{name: "infosec import form", as: "atttA", method: "POST", url: "/imports", ctype: form, body: tok, want: 403},
		scenario{name: "infosec apply form", as: "atttA", method: "POST", url: "/rerate/apply", ctype: form, body: tok, want: 403},
		scenario{name: "authority import", as: "thamdinh", method: "POST", url: "/api/v1/imports", ctype: upCT, body: upBody, want: 403},
		scenario{name: "infosec apply", as: "atttA", method: "POST", url: "/api/v1/rerate/apply", ctype: "application/json", body: `{"system_ids":[1]}`, want: 403},
		scenario{name: "operator import page", as: "vanhanhA", method: "GET", url: "/imports", want: 200, contains: []string{`enctype="multipart/form-data"`, "Sở TT&amp;TT A"}},
		scenario{name: "infosec rerate page", as: "atttA", method: "GET", url: "/rerate?rule_set=d331-2026&change=new", want: 200,
			contains: []string{"Xếp lại cấp độ cả danh mục", `id="rerate-by-unit"`, "Cổng dịch vụ công Hà Nội"}, notContains: []string{`name="system"`}},
		scenario{name: "operator rerate page", as: "vanhanhA", method: "GET", url: "/rerate", want: 200, contains: []string{`name="system" value="` + itoa(f.sysA3) + `"`, "d331-2026"}},
		scenario{name: "infosec rerate", as: "atttA", method: "POST", url: "/api/v1/rerate", ctype: "application/json", body: `{}`, want: 200},
		scenario{name: "authority export", as: "thamdinh", method: "GET", url: "/api/v1/rerate?format=csv", want: 200},
		scenario{name: "owner annual page", as: "chuquanA", method: "GET", url: "/reports/annual?year=2026", want: 200,
			contains: []string{"Báo cáo năm 2026", "từ 15/12/2025 đến 14/12/2026", "Trước ngày 20/12/2026", "Trước ngày 25/12/2026", "Cổng dịch vụ công Hà Nội"}},
		scenario{name: "annual api", as: "atttA", method: "GET", url: "/api/v1/reports/annual?format=json", want: 200},
		scenario{name: "dashboard inventory", as: "vanhanhA", method: "GET", url: "/", want: 200,
			contains: []string{`id="inv-levels"`, `id="inv-approved"`, `id="inv-dossiers"`, `id="inv-transition"`, "Báo cáo năm", "Hồ sơ đến hạn trong 7 ngày tới", `<table class="chart-data">`}},
	)
	f.run(t, sc)
	// An operator applies a re-rating from the page.
	resp, page := f.form("vanhanhA", "/rerate/apply", url.Values{"rule_set": {"d85-2016"}, "system": {itoa(f.sysA3)}})
	if resp.StatusCode != 200 || !strings.Contains(page, "Đã lập hồ sơ nháp số") {
		t.Errorf("apply form = %d\n%s", resp.StatusCode, clip(page))
	}
	ct, body := multipartBody(map[string]string{"_csrf": f.csrfToken("vanhanhA"), "dry_run": "true"}, "danh-muc.csv", []byte(inventoryCSV))
	if resp, _ := f.do("vanhanhA", "POST", "/imports", ct, body); resp.StatusCode != 200 {
		t.Errorf("import form = %d", resp.StatusCode)
	}
	if st, _, _ := f.apiImport("vanhanhA", map[string]string{"dry_run": "true"}, "danh-muc.csv", inventoryCSV); st != 200 {
		t.Errorf("API import = %d", st)
	}
}

func regexpFind(t *testing.T, s, re string) string {
	t.Helper()
	m := regexp.MustCompile(re).FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("no %s in\n%s", re, clip(s))
	}
	return m[1]
}

// Column (8) of the annual report: the Quy chế recorded for the owner, by number and date,
// in the JSON, the workbook and the page; blank before one is recorded.
func TestAnnualReport_RegulationColumn(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.run(t, []scenario{{name: "none recorded", as: "chuquanA", method: "GET", url: "/api/v1/reports/annual?year=2026&format=json", want: 200,
		contains: []string{`"regulation":""`}, notContains: []string{`"regulation":"Số`}}})
	if _, err := f.db.AddRegulation(context.Background(), store.NewRegulation{OrgID: f.orgs["UBND tỉnh A"].ID, Number: "12/QĐ-UBND", IssuedOn: "2026-01-20",
		Issuer: "Chủ tịch UBND tỉnh A", FileName: "q.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4"), SHA256: "ab"}); err != nil {
		t.Fatal(err)
	}
	f.run(t, []scenario{
		{name: "json", as: "chuquanA", method: "GET", url: "/api/v1/reports/annual?year=2026&format=json", want: 200,
			contains: []string{`"regulation":"Số 12/QĐ-UBND ngày 20/01/2026"`}, notContains: []string{`"regulation":""`}},
		{name: "page", as: "chuquanA", method: "GET", url: "/reports/annual?year=2026", want: 200,
			contains: []string{"<th>Quy chế bảo đảm ANM</th>", "Số 12/QĐ-UBND ngày 20/01/2026"}},
		{name: "another province has none", as: "vanhanhB", method: "GET", url: "/api/v1/reports/annual?year=2026&format=json", want: 200,
			notContains: []string{"12/QĐ-UBND"}},
	})
	_, x := f.do("chuquanA", "GET", "/api/v1/reports/annual?year=2026&format=xlsx", "", "")
	wb, err := excelize.OpenReader(bytes.NewReader([]byte(x)))
	if err != nil {
		t.Fatal(err)
	}
	if rows, _ := wb.GetRows("Chi tiết HTTT"); len(rows) < 2 || len(rows[1]) < 8 || rows[1][7] != "Số 12/QĐ-UBND ngày 20/01/2026" {
		t.Errorf("table = %q", rows)
	}
}
