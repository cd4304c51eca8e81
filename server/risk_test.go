package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"capdo/levels"
	"capdo/review"
	"capdo/risk"
	"capdo/server"
	"capdo/store"
)

// riskBody is a valid assessment (docs/contract.md §6) at level; extra is spliced into its object.
func riskBody(level int, extra string) string {
	return `{"trigger": "first",
		"contents": {"a": "Cổng, CSDL", "b": "Thông tin cá nhân", "c": "Tấn công web", "d": "Trung bình", "dd": "Có WAF", "e": "Vá lỗi", "g": "Báo cáo quý"},
		"risks": [{"asset": "Cổng dịch vụ công", "threat": "SQL injection", "likelihood": 3, "impact": 4, "controls": "WAF", "treatment": "Kiểm thử định kỳ"}],
		"level": ` + itoa(int64(level)) + `, "rationale": "Rủi ro cao nhất ở mức Cao"` + extra + `}`
}

const (
	goodCSV = "STT,Tài sản hoặc chức năng,Mối đe dọa,Khả năng xảy ra,Mức độ tác động,Phương án xử lý\n" +
		"1,Cổng dịch vụ công,Tấn công DDoS,4,4,Dịch vụ chống DDoS\n2,CSDL,Lộ lọt dữ liệu,2,5,Mã hóa\n"
	badCSV = "Tài sản hoặc chức năng,Mối đe dọa,Khả năng xảy ra,Mức độ tác động,Phương án xử lý\n" +
		"Cổng,DDoS,4,4,Chống DDoS\nCSDL,Lộ lọt,cao,5,\n"
)

func registerXLSX(t *testing.T) []byte {
	t.Helper()
	x := excelize.NewFile()
	rows := [][]any{{"asset", "threat", "likelihood", "impact", "treatment", "owner"}, {"Máy chủ", "Mã độc", 3, 3, "EDR", "Phòng CNTT"}}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		x.SetSheetRow("Sheet1", cell, &r)
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Who may read and record a system's risk assessment, and what a bad one is told.
func TestAPI_RiskAssessment(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	sA, sA4, sB := "/api/v1/systems/"+itoa(f.sysA3), "/api/v1/systems/"+itoa(f.sysA4), "/api/v1/systems/"+itoa(f.sysB)
	ra := "/risk-assessment"
	csvType, csvBody := multipartBody(nil, "so-rui-ro.csv", []byte(goodCSV))
	badType, badBody := multipartBody(nil, "so-rui-ro.csv", []byte(badCSV))
	xlsxType, xlsxBody := multipartBody(nil, "so-rui-ro.xlsx", registerXLSX(t))
	fakeType, fakeBody := multipartBody(nil, "so-rui-ro.xlsx", []byte(goodCSV))
	pdfType, pdfBody := multipartBody(nil, "so-rui-ro.pdf", []byte("%PDF-1.7"))
	noneType, noneBody := multipartBody(map[string]string{"x": "1"}, "", nil)
	f.run(t, []scenario{
		{name: "anonymous read", method: "GET", url: sA + ra, want: 401},
		{name: "anonymous record", method: "PUT", url: sA + ra, ctype: ctJSON, body: riskBody(3, ""), want: 401},
		{name: "anonymous register", method: "POST", url: sA + ra + "/register", ctype: csvType, body: csvBody, want: 401},
		{name: "none yet", as: "vanhanhA", method: "GET", url: sA + ra, want: 404, contains: []string{"chưa có đánh giá rủi ro"}},

		{name: "the operator records one", as: "vanhanhA", method: "PUT", url: sA + ra, ctype: ctJSON, body: riskBody(3, ""), want: 200,
			contains: []string{`"version":2`, `"recorded_version":2`, `"level":3`, `"score":12`, `"recorded_by":"vanhanhA"`, `"assessed_by":"vanhanhA"`,
				`"assessed_at":"2026-03-02"`, `"suggested_level":3`, `"provisional":true`, `"warnings":[]`}},
		{name: "it reads back", as: "vanhanhA", method: "GET", url: sA + ra, want: 200, contains: []string{`"trigger":"first"`, `"dd":"Có WAF"`}},
		{name: "the owner above reads it", as: "chuquanA", method: "GET", url: sA + ra, want: 200},
		{name: "the infosec unit above reads it", as: "atttA", method: "GET", url: sA + ra, want: 200},
		{name: "the owner records one", as: "chuquanA", method: "PUT", url: sA + ra, ctype: ctJSON,
			body: strings.Replace(riskBody(3, ""), `"first"`, `"change"`, 1), want: 200, contains: []string{`"trigger":"change"`, `"version":3`}},
		{name: "what was read may be sent back", as: "chuquanA", method: "PUT", url: sA + ra, ctype: ctJSON,
			body: riskBody(3, `, "version": 2, "recorded_version": 2, "warnings": [], "matrix": {}, "recorded_by": "x"`), want: 200, contains: []string{`"version":4`}},

		{name: "infosec may not record", as: "atttA", method: "PUT", url: sA + ra, ctype: ctJSON, body: riskBody(3, ""), want: 403},
		{name: "an authority may not record", as: "thamdinh", method: "PUT", url: sA + ra, ctype: ctJSON, body: riskBody(3, ""), want: 403},
		{name: "infosec reads no sheet", as: "atttA", method: "POST", url: sA + ra + "/register", ctype: csvType, body: csvBody, want: 403},
		{name: "another province reads nothing", as: "vanhanhB", method: "GET", url: sA + ra, want: 404},
		{name: "another province records nothing", as: "vanhanhB", method: "PUT", url: sA + ra, ctype: ctJSON, body: `nope`, want: 404},
		{name: "another province's sheet", as: "vanhanhB", method: "POST", url: sA + ra + "/register", ctype: csvType, body: csvBody, want: 404},
		{name: "a unit does not see its sibling", as: "vanhanhA", method: "GET", url: sB + ra, want: 404},
		{name: "an authority before routing", as: "thamdinh", method: "GET", url: sA4 + ra, want: 404},

		{name: "likelihood out of range", as: "vanhanhA", method: "PUT", url: sA + ra, ctype: ctJSON,
			body: strings.Replace(riskBody(3, ""), `"likelihood": 3`, `"likelihood": 9`, 1), want: 400, contains: []string{`"field":"risks[0].likelihood"`}},
		{name: "a content missing", as: "vanhanhA", method: "PUT", url: sA + ra, ctype: ctJSON,
			body: strings.Replace(riskBody(3, ""), `"dd": "Có WAF", `, "", 1), want: 400, contains: []string{`"field":"contents.dd"`, "điểm đ khoản 3 Điều 10"}},
		{name: "level out of range", as: "vanhanhA", method: "PUT", url: sA + ra, ctype: ctJSON, body: riskBody(6, ""), want: 400, contains: []string{`"field":"level"`}},
		{name: "an unknown key", as: "vanhanhA", method: "PUT", url: sA + ra, ctype: ctJSON, body: riskBody(3, `, "colour": 1`), want: 400, contains: []string{`"field":"colour"`}},
		{name: "a date to come", as: "vanhanhA", method: "PUT", url: sA + ra, ctype: ctJSON, body: riskBody(3, `, "assessed_at": "2027-01-01"`), want: 400, contains: []string{`"field":"assessed_at"`}},
		{name: "not JSON", as: "vanhanhA", method: "PUT", url: sA + ra, ctype: ctJSON, body: `trigger: first`, want: 400, contains: []string{`"field":"body"`}},
		{name: "a browser sends JSON only", as: "vanhanhA", method: "PUT", url: sA + ra, ctype: "text/plain", body: riskBody(3, ""),
			headers: []string{"Sec-Fetch-Site", "same-origin"}, want: 415},

		{name: "a CSV register", as: "vanhanhA", method: "POST", url: sA + ra + "/register", ctype: csvType, body: csvBody, want: 200,
			contains: []string{`"count":2`, `"score":16`, `"asset":"CSDL"`}},
		{name: "an XLSX register", as: "chuquanA", method: "POST", url: sA + ra + "/register", ctype: xlsxType, body: xlsxBody, want: 200,
			contains: []string{`"count":1`, `"owner":"Phòng CNTT"`, `"score":9`}},
		{name: "bad rows, by row and column", as: "vanhanhA", method: "POST", url: sA + ra + "/register", ctype: badType, body: badBody, want: 400,
			contains: []string{`"line":3`, `"field":"cột C «Khả năng xảy ra»"`, `"field":"cột E «Phương án xử lý»"`, "chưa dòng nào được nhận"}, notContains: []string{`"line":2`}},
		{name: "text named .xlsx", as: "vanhanhA", method: "POST", url: sA + ra + "/register", ctype: fakeType, body: fakeBody, want: 415},
		{name: "another kind of file", as: "vanhanhA", method: "POST", url: sA + ra + "/register", ctype: pdfType, body: pdfBody, want: 415},
		{name: "no file", as: "vanhanhA", method: "POST", url: sA + ra + "/register", ctype: noneType, body: noneBody, want: 400, contains: []string{`"field":"file"`}},
	})
	// Only what was recorded wrote versions: three assessments after version 1.
	if resp, body := f.do("vanhanhA", "GET", sA+"/versions", "", ""); resp.StatusCode != 200 || strings.Count(body, `"version":`) != 4 {
		t.Errorf("versions after the scenarios = %s", clip(body))
	}
}

// A routed reviewer reads the assessment in force for the routed version, never one
// recorded afterwards; the unit reads its newest.
func TestAPI_RiskAssessment_RoutedVersion(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ra := "/api/v1/systems/" + itoa(f.sysA4) + "/risk-assessment"
	if resp, body := f.do("vanhanhA", "PUT", ra, ctJSON, riskBody(4, "")); resp.StatusCode != 200 {
		t.Fatalf("record = %d %s", resp.StatusCode, body)
	}
	d := f.createDossier("vanhanhA", f.sysA4) // of version 2
	f.step(t, "vanhanhA", d, "submit")
	later := strings.Replace(riskBody(4, ""), "Rủi ro cao nhất ở mức Cao", "Đánh giá lại sau sự cố", 1)
	if resp, body := f.do("vanhanhA", "PUT", ra, ctJSON, later); resp.StatusCode != 200 {
		t.Fatalf("second record = %d %s", resp.StatusCode, body)
	}
	f.run(t, []scenario{
		{name: "the routed version's", as: "thamdinh", method: "GET", url: ra, want: 200,
			contains: []string{`"version":2`, `"recorded_version":2`, "Rủi ro cao nhất ở mức Cao"}, notContains: []string{"Đánh giá lại sau sự cố"}},
		{name: "the unit's newest", as: "vanhanhA", method: "GET", url: ra, want: 200, contains: []string{`"recorded_version":3`, "Đánh giá lại sau sự cố"}},
		{name: "the page of the routed version", as: "thamdinh", method: "GET", url: "/systems/" + itoa(f.sysA4) + "/risk", want: 200,
			contains: []string{"Rủi ro cao nhất ở mức Cao"}, notContains: []string{"Đánh giá lại sau sự cố", `id="risk-form"`, `id="risk-history"`}},
	})
}

// d331Dossier stores a draft Decree 331 dossier of the system's current version directly:
// the decree's templates do not exist yet, so the server refuses to make one.
func (f *fixture) d331Dossier(t *testing.T, system int64, level int) int64 {
	t.Helper()
	ctx := context.Background()
	sys, err := f.db.System(ctx, store.Scope{OrgID: f.orgs["UBND tỉnh A"].ID}, system)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := levels.Open("d331-2026")
	if err != nil {
		t.Fatal(err)
	}
	proc, _ := rs.ProcedureOf(level, &sys.Profile)
	id, err := f.db.CreateDossier(ctx, store.NewDossier{SystemID: system, SystemVersion: sys.Version, Level: level, Profile: sys.Profile,
		Manifest: []byte(`{}`), RuleSet: rs.ID, RuleSetDigest: rs.Digest, Status: string(review.Draft),
		Holder: review.FlowFor(level, proc).Holder(review.Draft), Procedure: &proc,
		Event: review.Event{Action: review.Generate, To: string(review.Draft)}})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// A Decree 331 dossier is not submitted without the risk assessment of its version (409
// naming it); at level 4 the detailed report of Art. 22.5 is named field by field.
func TestSubmit_D331NeedsRiskAssessment(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	d := f.d331Dossier(t, f.sysA3, 3)
	code, body := f.act("vanhanhA", d, "submit")
	if code != 409 || !strings.Contains(body, `"field":"risk_assessment"`) || !strings.Contains(body, "chưa có đánh giá rủi ro an ninh mạng") {
		t.Fatalf("submit without an assessment = %d %s", code, body)
	}
	resp, page := f.form("vanhanhA", "/dossiers/"+itoa(d)+"/actions", url.Values{"action": {"submit"}})
	if resp.StatusCode != 409 || !strings.Contains(page, "chưa có đánh giá rủi ro an ninh mạng") || !strings.Contains(page, "<code>risk_assessment</code>") {
		t.Errorf("the web form's submit = %d\n%s", resp.StatusCode, clip(page))
	}
	if resp, body := f.do("vanhanhA", "PUT", "/api/v1/systems/"+itoa(f.sysA3)+"/risk-assessment", ctJSON, riskBody(3, "")); resp.StatusCode != 200 {
		t.Fatalf("record = %d %s", resp.StatusCode, body)
	}
	if code, body := f.act("vanhanhA", d, "submit"); code != 409 || !strings.Contains(body, "sau khi lập hồ sơ này") {
		t.Errorf("the dossier made before the assessment = %d %s, want stale", code, body)
	}
	if code, body := f.act("vanhanhA", f.d331Dossier(t, f.sysA3, 3), "submit"); code != 200 {
		t.Errorf("submit with an assessment = %d %s", code, body)
	}
	code, body = f.act("vanhanhA", f.d331Dossier(t, f.sysA3, 4), "submit")
	if code != 409 || !strings.Contains(body, `"field":"risk_assessment.detailed.a"`) || !strings.Contains(body, `"field":"risk_assessment.detailed.c"`) {
		t.Errorf("level 4 without the detailed report = %d %s", code, body)
	}
}

// The page: the form for the system's editors, each button without JavaScript, problems
// beside their input, a sheet imported without half a register, the result on the system
// page.
func TestRiskPage(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	page := "/systems/" + itoa(f.sysA3) + "/risk"
	f.run(t, []scenario{
		{name: "anonymous", method: "GET", url: page, want: 303},
		{name: "anonymous post", method: "POST", url: page, ctype: "application/x-www-form-urlencoded", body: "op=add", want: 303},
		{name: "the operator's form", as: "vanhanhA", method: "GET", url: page, want: 200, contains: []string{
			`<html lang="vi">`, `id="risk-form"`, `enctype="multipart/form-data"`, `name="_csrf"`, "Lý do đánh giá (khoản 2 Điều 10)",
			"Theo yêu cầu của cơ quan có thẩm quyền", "điểm đ khoản 2 Điều 10", "Năng lực hiện có để phòng ngừa", "điểm g khoản 3 Điều 10",
			`name="contents.dd"`, `name="risks[0].asset"`, "Thêm dòng", "Nhập từ tệp", "khoản 5 Điều 22",
			"Tạm thời, chờ Bộ Công an ban hành khung (khoản 8 Điều 10"}},
		{name: "the infosec unit reads, without a form", as: "atttA", method: "GET", url: page, want: 200, contains: []string{"chưa có đánh giá"}, notContains: []string{`id="risk-form"`}},
		{name: "another province", as: "vanhanhB", method: "GET", url: page, want: 404},
		{name: "no role to record", as: "atttA", method: "POST", url: page, ctype: "application/x-www-form-urlencoded", body: "op=add&_csrf=" + f.csrfToken("atttA"), want: 403},
	})
	form := func(op string, extra url.Values) url.Values {
		v := url.Values{"op": {op}, "rows": {"1"}, "trigger": {"first"}, "level": {"3"}, "rationale": {"Rủi ro cao nhất ở mức Cao"},
			"contents.a": {"Cổng"}, "contents.b": {"Cá nhân"}, "contents.c": {"Web"}, "contents.d": {"Trung bình"}, "contents.dd": {"WAF"},
			"contents.e": {"Vá lỗi"}, "contents.g": {"Báo cáo"},
			"risks[0].asset": {"<script>alert(1)</script>"}, "risks[0].threat": {"SQLi"}, "risks[0].likelihood": {"3"}, "risks[0].impact": {"4"}, "risks[0].treatment": {"Kiểm thử"}}
		for k, x := range extra {
			v[k] = x
		}
		return v
	}
	resp, body := f.form("vanhanhA", page, form("add", nil))
	if resp.StatusCode != 200 || !strings.Contains(body, `name="risks[1].asset"`) || !strings.Contains(body, `value="&lt;script&gt;alert(1)&lt;/script&gt;"`) ||
		!strings.Contains(body, "Điểm 12 · Cao") || !strings.Contains(body, `name="rows" value="2"`) {
		t.Errorf("add a row = %d\n%s", resp.StatusCode, clip(body))
	}
	resp, body = f.form("vanhanhA", page, form("del-0", nil))
	if resp.StatusCode != 200 || strings.Contains(body, "alert(1)") || !strings.Contains(body, `name="risks[0].asset" value=""`) {
		t.Errorf("remove the only row = %d", resp.StatusCode)
	}
	resp, body = f.form("vanhanhA", page, form("save", url.Values{"risks[0].likelihood": {"7"}, "contents.e": {""}}))
	if resp.StatusCode != 400 || !strings.Contains(body, "Chưa ghi được đánh giá") || !strings.Contains(body, "khả năng xảy ra phải là số nguyên từ 1 đến 5") ||
		!strings.Contains(body, "thiếu nội dung «Kế hoạch giảm thiểu rủi ro»") {
		t.Errorf("save with problems = %d\n%s", resp.StatusCode, clip(body))
	}
	resp, _ = f.form("vanhanhA", page, form("save", url.Values{"rows": {"2"}}))
	if resp.StatusCode != 303 || resp.Header.Get("Location") != page+"?saved=1" {
		t.Fatalf("save = %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	f.run(t, []scenario{
		{name: "saved", as: "vanhanhA", method: "GET", url: page + "?saved=1", want: 200, contains: []string{
			"Đã ghi đánh giá rủi ro thành phiên bản 2", `id="risk-history"`, "&lt;script&gt;", "Xác định cấp độ lần đầu",
			`name="contents.e" rows="3">Vá lỗi</textarea>`}, notContains: []string{"<script>alert", `value="first" checked`}},
		{name: "on the system page", as: "chuquanA", method: "GET", url: "/systems/" + itoa(f.sysA3), want: 200, contains: []string{`id="risk-link"`, "lập ở phiên bản 2"}},
	})

	// Import: a good sheet replaces the rows and writes nothing; a bad one keeps them.
	fields := map[string]string{"_csrf": f.csrfToken("vanhanhA"), "op": "import", "rows": "1", "risks[0].asset": "Giữ lại", "contents.a": "Cổng"}
	ct, mb := multipartBody(fields, "so.csv", []byte(goodCSV))
	resp, body = f.do("vanhanhA", "POST", page, ct, mb)
	if resp.StatusCode != 200 || !strings.Contains(body, "Đã đọc 2 rủi ro") || !strings.Contains(body, `value="Lộ lọt dữ liệu"`) && !strings.Contains(body, "Lộ lọt dữ liệu") ||
		strings.Contains(body, "Giữ lại") || !strings.Contains(body, "Điểm 16 · Rất cao") {
		t.Errorf("import = %d\n%s", resp.StatusCode, clip(body))
	}
	ct, mb = multipartBody(fields, "so.csv", []byte(badCSV))
	resp, body = f.do("vanhanhA", "POST", page, ct, mb)
	if resp.StatusCode != 400 || !strings.Contains(body, "Dòng 3, cột C «Khả năng xảy ra»") || !strings.Contains(body, `value="Giữ lại"`) {
		t.Errorf("bad import = %d\n%s", resp.StatusCode, clip(body))
	}
	ct, mb = multipartBody(map[string]string{"op": "import"}, "so.csv", []byte(goodCSV))
	if resp, _ := f.do("vanhanhA", "POST", page, ct, mb); resp.StatusCode != 403 {
		t.Errorf("a form without its CSRF token = %d, want 403", resp.StatusCode)
	}
	if _, body := f.do("vanhanhA", "GET", "/api/v1/systems/"+itoa(f.sysA3)+"/versions", "", ""); strings.Count(body, `"version":`) != 2 {
		t.Errorf("imports wrote a version: %s", clip(body))
	}
}

// Art. 10.5: risks above the level the assessment supports are shown to the preparer and
// to reviewers, on the system page and the assessment's.
func TestRiskWarnings_Shown(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	body := strings.Replace(riskBody(1, ""), `"likelihood": 3, "impact": 4`, `"likelihood": 5, "impact": 5`, 1)
	ra := "/api/v1/systems/" + itoa(f.sysA4) + "/risk-assessment"
	if resp, out := f.do("vanhanhA", "PUT", ra, ctJSON, body); resp.StatusCode != 200 || !strings.Contains(out, "gợi ý cấp độ 5") {
		t.Fatalf("record = %d %s", resp.StatusCode, out)
	}
	d := f.createDossier("vanhanhA", f.sysA4)
	f.step(t, "vanhanhA", d, "submit")
	for _, as := range []string{"vanhanhA", "atttA", "thamdinh"} {
		for _, u := range []string{"/systems/" + itoa(f.sysA4), "/systems/" + itoa(f.sysA4) + "/risk"} {
			_, page := f.do(as, "GET", u, "", "")
			if !strings.Contains(page, `id="risk-warnings"`) || !strings.Contains(page, "gợi ý cấp độ 5, cao hơn cấp độ 1") {
				t.Errorf("%s %s: no Art. 10.5 warning\n%s", as, u, clip(page))
			}
		}
	}
	var out struct{ Warnings []string }
	_, raw := f.do("thamdinh", "GET", ra, "", "")
	json.Unmarshal([]byte(raw), &out)
	if len(out.Warnings) != 1 {
		t.Errorf("API warnings = %q", out.Warnings)
	}
}

// The scoring matrix is data: a server started with another (`--risk-matrix`) scores and
// shows by it, no longer marked provisional.
func TestRiskMatrix_Replaced(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../risk/data/matrix.yaml")
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.Replace(data, []byte("provisional: true"), []byte("provisional: false"), 1)
	data = bytes.Replace(data, []byte("title: Ma trận rủi ro 5 × 5 tạm thời"), []byte("title: Khung quản lý rủi ro của Bộ Công an"), 1)
	data = bytes.Replace(data, []byte("{min: 10, max: 14, name: Cao, level: 3}"), []byte("{min: 10, max: 14, name: Cao, level: 4}"), 1)
	m, err := risk.LoadMatrix(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	f := newFixtureWith(t, server.Config{RiskMatrix: m}, nil)
	ra := "/api/v1/systems/" + itoa(f.sysA3) + "/risk-assessment"
	f.run(t, []scenario{
		{name: "scored by the file", as: "vanhanhA", method: "PUT", url: ra, ctype: ctJSON, body: riskBody(3, ""), want: 200,
			contains: []string{`"suggested_level":4`, `"provisional":false`, "Khung quản lý rủi ro của Bộ Công an", "gợi ý cấp độ 4"}},
		{name: "shown from the file", as: "vanhanhA", method: "GET", url: "/systems/" + itoa(f.sysA3) + "/risk", want: 200,
			contains: []string{"Khung quản lý rủi ro của Bộ Công an"}, notContains: []string{"Tạm thời, chờ Bộ Công an"}},
	})
}

// Recording an assessment is a logged act: who, which system, the version it made.
func TestRiskAssessment_Audited(t *testing.T) {
	t.Parallel()
	f, logs := newLoggedFixture(t, server.Config{})
	if resp, body := f.do("chuquanA", "PUT", "/api/v1/systems/"+itoa(f.sysA3)+"/risk-assessment", ctJSON, riskBody(3, "")); resp.StatusCode != 200 {
		t.Fatalf("record = %d %s", resp.StatusCode, body)
	}
	logs.expect(t, "risk.record", map[string]any{"username": "chuquanA", "role": "owner", "system_id": float64(f.sysA3),
		"version": float64(2), "risk_level": float64(3)})
}
