package server_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Four systems whose names sort differently as bytes and as Vietnamese: byte order puts
// "Ấp…" and "Đăng…" after "Quản…".
func (f *fixture) seedNames() {
	f.t.Helper()
	for _, p := range []string{
		`{"id": "HT-020", "name": "Đăng ký doanh nghiệp", "owner": "Sở KH&ĐT A", "operator": "Trung tâm CNTT", "system_type": "internal", "info_types": ["public"]}`,
		`{"id": "HT-021", "name": "Dữ liệu dân cư xã", "owner": "UBND tỉnh A", "system_type": "internal", "info_types": ["public", "private"]}`,
		`{"id": "HT-022", "name": "Ấp văn hóa số", "owner": "UBND tỉnh A", "system_type": "other", "info_types": ["public"]}`,
	} {
		f.createSystem("vanhanhA", p)
	}
}

// order reports the positions of the texts in body, in the order found; -1 when absent.
func order(body string, texts ...string) []string {
	type at struct {
		i int
		s string
	}
	var found []at
	for _, s := range texts {
		found = append(found, at{strings.Index(body, s), s})
	}
	slices.SortFunc(found, func(a, b at) int { return a.i - b.i })
	var out []string
	for _, x := range found {
		if x.i >= 0 {
			out = append(out, x.s)
		}
	}
	return out
}

// Headings sort the list by their column, server-side, as Vietnamese: a link per heading
// that keeps the filters, aria-sort on the sorted one, the other way round when clicked
// again; paging and the API follow the same order.
func TestSystemsList_Sort(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.seedNames()
	names := []string{"Ấp văn hóa số", "Cổng dịch vụ công Hà Nội", "Dữ liệu dân cư xã", "Đăng ký doanh nghiệp", "Quản lý văn bản mật"}
	_, body := f.do("vanhanhA", "GET", "/systems?sort=name&dir=asc&q=a", "", "")
	if got := order(body[strings.Index(body, `id="systems-list"`):], names...); !slices.Equal(got, names) {
		t.Errorf("ascending by name: %v", got)
	}
	for _, want := range []string{
		`<th aria-sort="ascending"><a class="sort" href="/systems?dir=desc&amp;q=a&amp;sort=name" title="Sắp xếp theo Tên hệ thống giảm dần">Tên hệ thống <span aria-hidden="true">▲</span></a></th>`,
		`<th><a class="sort" href="/systems?dir=asc&amp;q=a&amp;sort=level"`,
		`href="/systems?dir=asc&amp;format=xlsx&amp;q=a&amp;sort=name" id="export-xlsx"`,
		`<option value="name" selected>Tên hệ thống</option>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("sorted page lacks %s", want)
		}
	}
	if n := strings.Count(body, "aria-sort="); n != 1 {
		t.Errorf("%d headings carry aria-sort, want 1", n)
	}
	_, body = f.do("vanhanhA", "GET", "/systems?sort=name&dir=desc", "", "")
	rev := slices.Clone(names)
	slices.Reverse(rev)
	if got := order(body[strings.Index(body, `id="systems-list"`):], names...); !slices.Equal(got, rev) {
		t.Errorf("descending by name: %v", got)
	}
	// The default order (last change first) is marked too.
	_, body = f.do("vanhanhA", "GET", "/systems", "", "")
	if !strings.Contains(body, `<th aria-sort="descending"><a class="sort" href="/systems?dir=asc&amp;sort=updated"`) {
		t.Error("the default order is not marked on the Cập nhật heading")
	}

	// The API: the same order, windowed after sorting.
	resp, js := f.do("vanhanhA", "GET", "/api/v1/systems?sort=level&dir=desc&limit=2", "", "")
	var rows []struct {
		Name  string
		Level int
	}
	json.Unmarshal([]byte(js), &rows)
	if resp.StatusCode != 200 || len(rows) != 2 || rows[0].Name != "Quản lý văn bản mật" || rows[1].Level != 3 || resp.Header.Get("X-Total-Count") != "5" {
		t.Errorf("API by level = %d %+v total %s", resp.StatusCode, rows, resp.Header.Get("X-Total-Count"))
	}
	_, js = f.do("vanhanhA", "GET", "/api/v1/systems?sort=name", "", "")
	json.Unmarshal([]byte(js), &rows)
	if len(rows) != 5 || rows[0].Name != "Ấp văn hóa số" || rows[3].Name != "Đăng ký doanh nghiệp" {
		t.Errorf("API by name = %+v", rows)
	}

	f.run(t, []scenario{
		{name: "unknown column", as: "vanhanhA", method: "GET", url: "/systems?sort=password", want: 400, contains: []string{"cột sắp xếp phải là một trong"}},
		{name: "unknown direction", as: "vanhanhA", method: "GET", url: "/api/v1/systems?sort=name&dir=up", want: 400, contains: []string{`"field":"dir"`}},
		{name: "dossiers: unknown column", as: "vanhanhA", method: "GET", url: "/api/v1/dossiers?sort=name", want: 400, contains: []string{`"field":"sort"`}},
	})
}

// The page links of a sorted list keep its order.
func TestSystemsList_SortedPaging(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.seedSystems(120)
	_, body := f.do("vanhanhA", "GET", "/systems?sort=name&dir=asc", "", "")
	if !strings.Contains(body, `href="/systems?dir=asc&amp;page=2&amp;sort=name" rel="next"`) || !strings.Contains(body, "Hiển thị 1–50 / 122 hệ thống") {
		t.Errorf("sorted first page:\n%s", clip(body[strings.Index(body, `class="pager"`):]))
	}
	_, last := f.do("vanhanhA", "GET", "/systems?sort=name&dir=asc&page=3", "", "")
	if !strings.Contains(last, "Hiển thị 101–122 / 122 hệ thống") || !strings.Contains(last, "Quản lý văn bản mật") {
		t.Error("the last sorted page does not end with the last name")
	}
}

// The dossier list: a search, a unit filter, the date it was submitted and its deadline,
// both sortable.
func TestDossiersList_SearchAndDates(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	d3 := f.createDossier("vanhanhA", f.sysA3)
	d4 := f.createDossier("vanhanhA", f.sysA4)
	if code, body := f.act("vanhanhA", d4, "submit"); code != 200 {
		t.Fatalf("submit = %d %s", code, body)
	}
	f.run(t, []scenario{
		{name: "search by name, folded", as: "vanhanhA", method: "GET", url: "/dossiers?q=VAN+BAN+mat", want: 200,
			contains: []string{"Hồ sơ số " + itoa(d4) + "<", `id="filter-q" value="VAN BAN mat"`}, notContains: []string{"Hồ sơ số " + itoa(d3) + "<"}},
		{name: "search by number", as: "vanhanhA", method: "GET", url: "/dossiers?q=" + itoa(d3), want: 200,
			contains: []string{"Hồ sơ số " + itoa(d3) + "<"}, notContains: []string{"Hồ sơ số " + itoa(d4) + "<"}},
		{name: "search by system id", as: "atttA", method: "GET", url: "/api/v1/dossiers?q=ht-003", want: 200,
			contains: []string{`"id":` + itoa(d3) + `,`}, notContains: []string{`"id":` + itoa(d4) + `,`}},
		{name: "nothing matches", as: "vanhanhA", method: "GET", url: "/dossiers?q=khong+co", want: 200, contains: []string{"Không có hồ sơ nào phù hợp."}},
		{name: "columns", as: "vanhanhA", method: "GET", url: "/dossiers", want: 200,
			contains: []string{">Ngày gửi</a></th>", ">Hạn xử lý</a></th>", `<td data-label="Ngày gửi" class="nowrap">02/03/2026</td>`, `<td data-label="Ngày gửi" class="nowrap">—</td>`}},
		{name: "submitted in the API", as: "vanhanhA", method: "GET", url: "/api/v1/dossiers?status=submitted", want: 200,
			contains: []string{`"submitted_at":"2026-03-02T09:00:00Z"`}},
		{name: "another unit's dossiers stay out of its search", as: "vanhanhB", method: "GET", url: "/dossiers?q=van+ban", want: 200,
			notContains: []string{"Hồ sơ số " + itoa(d4) + "<"}},
	})
	// Sorted by submission, the dossier never submitted comes last either way.
	for _, dir := range []string{"asc", "desc"} {
		_, body := f.do("vanhanhA", "GET", "/dossiers?sort=submitted&dir="+dir, "", "")
		got := order(body[strings.Index(body, `id="dossiers-list"`):], "Hồ sơ số "+itoa(d3)+"<", "Hồ sơ số "+itoa(d4)+"<")
		if len(got) != 2 || got[0] != "Hồ sơ số "+itoa(d4)+"<" {
			t.Errorf("sort=submitted&dir=%s: %v", dir, got)
		}
	}
}

func readCSV(t *testing.T, body string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v\n%s", err, clip(body))
	}
	return recs
}

// The export of a list (docs/contract.md §7): the rows the caller sees with the list's filters;
// for programs (the API) the contract's keys and codes and no byte-order mark, for people
// (the pages' links) Vietnamese headers and words and a BOM for Excel; a cell that a
// spreadsheet would run as a formula is neutralised.
func TestExport_Systems(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.createSystem("vanhanhA", `{"id": "@HT-9", "name": "=HYPERLINK(\"http://x.example\",\"bấm\")", "owner": "+84 UBND", "operator": "-Trung tâm",
		"system_type": "internal", "info_types": ["public"]}`)

	resp, body := f.do("vanhanhA", "GET", "/api/v1/systems?format=csv", "", "")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/csv; charset=utf-8" ||
		!regexp.MustCompile(`^attachment; filename=danh-muc-he-thong-20260302\.csv$`).MatchString(resp.Header.Get("Content-Disposition")) {
		t.Fatalf("API CSV = %d %q %q", resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"))
	}
	if !strings.HasPrefix(body, "id,name,owner,operator,level,approved_level,status\n") {
		t.Errorf("API CSV starts %q, want exactly the contract's header, without a BOM", clip(body))
	}
	recs := readCSV(t, body)
	if len(recs) != 4 { // the header, sysA3, sysA4 and the new one; never vanhanhB's
		t.Fatalf("API CSV has %d records: %v", len(recs), recs)
	}
	want := []string{"'@HT-9", `'=HYPERLINK("http://x.example","bấm")`, "'+84 UBND", "'-Trung tâm", "1", "", "none"}
	if !slices.Equal(recs[1], want) {
		t.Errorf("newest row %q, want %q", recs[1], want)
	}
	if !slices.Equal(recs[3], []string{"HT-003", "Cổng dịch vụ công Hà Nội", "UBND tỉnh A", "", "3", "", "none"}) {
		t.Errorf("oldest row %q", recs[3])
	}

	// Filters and order apply: level 4 only.
	_, body = f.do("vanhanhA", "GET", "/api/v1/systems?format=csv&level=4", "", "")
	if recs := readCSV(t, body); len(recs) != 2 || recs[1][1] != "Quản lý văn bản mật" {
		t.Errorf("filtered export %v", recs)
	}

	// The page's export: for people.
	resp, body = f.do("vanhanhA", "GET", "/systems?format=csv&sort=name&dir=asc", "", "")
	if resp.StatusCode != 200 || !strings.HasPrefix(body, "\uFEFFMã hệ thống,Tên hệ thống,Chủ quản hệ thống,Đơn vị vận hành,Cấp độ xác định,Cấp độ đã phê duyệt,") ||
		!strings.Contains(body, "\r\n") {
		t.Fatalf("page CSV = %d %q", resp.StatusCode, clip(body))
	}
	recs = readCSV(t, strings.TrimPrefix(body, "\uFEFF"))
	// Punctuation sorts before letters: the "=HYPERLINK" name comes first.
	if len(recs) != 4 || recs[2][1] != "Cổng dịch vụ công Hà Nội" || recs[2][9] != "Chưa có hồ sơ" || recs[2][10] != "Sở TT&TT A" || recs[2][11] != "02/03/2026 16:00" {
		t.Errorf("page CSV rows %q", recs)
	}

	// XLSX: the contract's keys for programs; Vietnamese headers, a frozen heading row and
	// set widths for people.
	for _, c := range []struct {
		url, first, status string
		api                bool
	}{
		{"/api/v1/systems?format=xlsx", "id", "none", true},
		{"/systems?format=xlsx", "Mã hệ thống", "Chưa có hồ sơ", false},
	} {
		resp, body := f.do("vanhanhA", "GET", c.url, "", "")
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
			t.Fatalf("%s = %d %s", c.url, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		x, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
		if err != nil {
			t.Fatalf("%s: not an XLSX: %v", c.url, err)
		}
		rows, _ := x.GetRows("Hệ thống")
		if len(rows) != 4 || rows[0][0] != c.first || rows[1][1] != `'=HYPERLINK("http://x.example","bấm")` {
			t.Errorf("%s rows %q", c.url, rows)
		}
		if !slices.Contains(rows[3], c.status) {
			t.Errorf("%s: status %q not in %q", c.url, c.status, rows[3])
		}
		panes, _ := x.GetPanes("Hệ thống")
		width, _ := x.GetColWidth("Hệ thống", "B")
		if !panes.Freeze || panes.YSplit != 1 || width != 42 {
			t.Errorf("%s: panes %+v, column B %v wide", c.url, panes, width)
		}
		if c.api && !slices.Equal(rows[0], []string{"id", "name", "owner", "operator", "level", "approved_level", "status"}) {
			t.Errorf("API XLSX columns %q, want exactly the contract's 7", rows[0])
		}
		x.Close()
	}
	f.run(t, []scenario{
		{name: "unknown format", as: "vanhanhA", method: "GET", url: "/api/v1/systems?format=pdf", want: 400, contains: []string{`"field":"format"`}},
		{name: "unknown format on the page", as: "vanhanhA", method: "GET", url: "/systems?format=ods", want: 400, contains: []string{"csv hoặc xlsx"}},
		{name: "not signed in", method: "GET", url: "/api/v1/systems?format=csv", want: 401},
		{name: "export links on the page", as: "vanhanhA", method: "GET", url: "/systems?level=3", want: 200,
			contains: []string{`href="/systems?format=xlsx&amp;level=3" id="export-xlsx"`, `href="/systems?format=csv&amp;level=3" id="export-csv"`}},
	})
}

// The dossier list exports like the system list.
func TestExport_Dossiers(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	d3 := f.createDossier("vanhanhA", f.sysA3)
	f.act("vanhanhA", d3, "submit")
	f.createDossier("vanhanhA", f.sysA4)
	_, body := f.do("atttA", "GET", "/api/v1/dossiers?format=csv&status=submitted", "", "")
	recs := readCSV(t, body)
	if len(recs) != 2 || strings.Join(recs[0], ",") != "id,system_id,system,org,level,status,holder,rule_set,submitted_at,due_at,overdue,return_reason,created_at" ||
		recs[1][0] != itoa(d3) || recs[1][5] != "submitted" || recs[1][8] != "2026-03-02T09:00:00Z" || recs[1][9] == "" {
		t.Errorf("API dossier CSV %q", recs)
	}
	resp, body := f.do("vanhanhA", "GET", "/dossiers?format=xlsx", "", "")
	x, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
	if resp.StatusCode != 200 || err != nil {
		t.Fatalf("page dossier XLSX = %d %v", resp.StatusCode, err)
	}
	rows, _ := x.GetRows("Hồ sơ")
	if len(rows) != 3 || rows[0][0] != "Số hồ sơ" || rows[0][8] != "Ngày gửi" || rows[2][5] != "Đã gửi" {
		t.Errorf("page dossier XLSX %q", rows)
	}
	if rows[2][8] != "02/03/2026 16:00" {
		t.Errorf("submitted %q, want the time in Vietnam", rows[2][8])
	}
	x.Close()
}

// An export is recorded in the security log: who took which list, in what form.
func TestExport_Logged(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.do("vanhanhA", "GET", "/systems?format=xlsx", "", "")
	_, body := f.do("adminA", "GET", "/admin/security-log", "", "")
	if !strings.Contains(body, "Xuất danh sách") {
		t.Errorf("the security log does not show the export:\n%s", clip(body[strings.Index(body, "<table"):]))
	}
}
