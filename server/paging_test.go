package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"capdo/levels"
	"capdo/review"
	"capdo/store"
)

// seedSystems adds n systems to vanhanhA's unit, alternately named "Kho dữ liệu số …" and
// "Cổng thông tin số …", and returns their level. Newest first, the list shows number
// n-1 first.
func (f *fixture) seedSystems(n int) int {
	f.t.Helper()
	ctx := context.Background()
	rs, _ := levels.Open(levels.DefaultRuleSet)
	level := 0
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("Cổng thông tin số %03d", i)
		if i%2 == 0 {
			name = fmt.Sprintf("Kho dữ liệu số %03d", i)
		}
		p := levels.Profile{Name: name, Owner: "UBND tỉnh A", SystemType: "internal", InfoTypes: []string{"public", "private"}}
		d, err := rs.Classify(ctx, &p)
		if err != nil {
			f.t.Fatal(err)
		}
		level = d.Level
		if _, err := f.db.CreateSystem(ctx, f.orgs["Sở TT&TT A"].ID, store.NewVersion{Profile: p, Decision: d}); err != nil {
			f.t.Fatal(err)
		}
	}
	return level
}

var rowRe = regexp.MustCompile(`<tr>\s*<td[ >]`)

func TestSystemsPage_Paging(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.seedSystems(120) // with sysA3 and sysA4: 122 in vanhanhA's scope
	f.run(t, []scenario{
		{name: "first page", as: "vanhanhA", method: "GET", url: "/systems", want: 200,
			contains:    []string{"Hiển thị 1–50 / 122 hệ thống", "Kho dữ liệu số 118", "Cổng thông tin số 119", `<span class="current" aria-current="page">1</span>`, `href="/systems?page=2" rel="next"`, `aria-label="Trang 3"`},
			notContains: []string{"số 069", "Quản lý văn bản mật", `rel="prev"`}},
		{name: "second page", as: "vanhanhA", method: "GET", url: "/systems?page=2", want: 200,
			contains:    []string{"Hiển thị 51–100 / 122 hệ thống", "số 069", "số 020", `href="/systems" rel="prev"`, `href="/systems?page=3" rel="next"`},
			notContains: []string{"số 119", "số 019"}},
		{name: "last page", as: "vanhanhA", method: "GET", url: "/systems?page=3", want: 200,
			contains: []string{"Hiển thị 101–122 / 122 hệ thống", "số 000", "Quản lý văn bản mật", "Cổng dịch vụ công Hà Nội"}, notContains: []string{`rel="next"`}},
		{name: "past the end shows the last page", as: "vanhanhA", method: "GET", url: "/systems?page=99", want: 200, contains: []string{"Hiển thị 101–122 / 122 hệ thống"}},
		{name: "page 0", as: "vanhanhA", method: "GET", url: "/systems?page=0", want: 400, contains: []string{"Số trang không hợp lệ"}},
		{name: "page not a number", as: "vanhanhA", method: "GET", url: "/systems?page=hai", want: 400, contains: []string{"Số trang không hợp lệ"}},
		{name: "one page: no page links", as: "vanhanhB", method: "GET", url: "/systems", want: 200, contains: []string{"Hiển thị 1–1 / 1 hệ thống"}, notContains: []string{`class="pages"`}},
		{name: "nothing matches", as: "vanhanhA", method: "GET", url: "/systems?q=khong+co+dau", want: 200, contains: []string{"Không có hệ thống nào phù hợp"}, notContains: []string{"page-summary"}},
	})
	_, body := f.do("vanhanhA", "GET", "/systems", "", "")
	if n := len(rowRe.FindAllString(body, -1)); n != 50 {
		t.Errorf("first page has %d rows, want 50", n)
	}
}

// The page links keep the search and the filters.
func TestSystemsPage_PagingKeepsFilters(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	level := f.seedSystems(120) // 60 named "Kho dữ liệu"
	org := f.orgs["Sở TT&TT A"].ID
	_, body := f.do("vanhanhA", "GET", fmt.Sprintf("/systems?q=kho+du+lieu&level=%d&org=%d&status=none", level, org), "", "")
	if !strings.Contains(body, "Hiển thị 1–50 / 60 hệ thống") {
		t.Fatalf("filtered first page lacks its summary:\n%s", clip(body[strings.Index(body, "<main"):]))
	}
	m := regexp.MustCompile(`href="([^"]+)" rel="next"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no link to the next page")
	}
	next, err := url.Parse(html.UnescapeString(m[1]))
	if err != nil {
		t.Fatal(err)
	}
	want := url.Values{"q": {"kho du lieu"}, "level": {itoa(int64(level))}, "org": {itoa(org)}, "status": {"none"}, "page": {"2"}}
	if next.Path != "/systems" || next.Query().Encode() != want.Encode() {
		t.Errorf("next page link = %s, want /systems?%s", next, want.Encode())
	}
	_, body = f.do("vanhanhA", "GET", next.String(), "", "")
	if !strings.Contains(body, "Hiển thị 51–60 / 60 hệ thống") || strings.Contains(body, "Cổng thông tin số") {
		t.Errorf("second filtered page is wrong:\n%s", clip(body[strings.Index(body, "<tbody>"):]))
	}
}

func TestDossiersPage_Paging(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	for i := 0; i < 55; i++ {
		if _, err := f.db.CreateDossier(ctx, store.NewDossier{SystemID: f.sysA3, SystemVersion: 1, Level: 3, Manifest: []byte(`{}`),
			RuleSet: "d85-2016", Status: "draft", Holder: "operator", Event: review.Event{Action: review.Generate, To: "draft"}}); err != nil {
			t.Fatal(err)
		}
	}
	f.run(t, []scenario{
		{name: "first page", as: "atttA", method: "GET", url: "/dossiers", want: 200,
			contains: []string{"Hiển thị 1–50 / 55 hồ sơ", "Hồ sơ số 55<", `href="/dossiers?page=2" rel="next"`}, notContains: []string{"Hồ sơ số 5<"}},
		{name: "second page keeps the status", as: "atttA", method: "GET", url: "/dossiers?status=draft&page=2", want: 200,
			contains: []string{"Hiển thị 51–55 / 55 hồ sơ", "Hồ sơ số 1<", `href="/dossiers?status=draft" rel="prev"`}},
		{name: "bad page", as: "atttA", method: "GET", url: "/dossiers?page=-1", want: 400},
		{name: "empty", as: "vanhanhB", method: "GET", url: "/dossiers", want: 200, contains: []string{"Chưa có hồ sơ nào"}, notContains: []string{"page-summary"}},
	})
}

// GET /api/v1/systems stays an array of every row unless limit/offset ask for a window;
// X-Total-Count always tells how many match.
func TestAPI_SystemsPaging(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.seedSystems(120)
	list := func(query string) ([]struct{ ID int64 }, string) {
		t.Helper()
		resp, body := f.do("vanhanhA", "GET", "/api/v1/systems"+query, "", "")
		var out []struct{ ID int64 }
		if resp.StatusCode != 200 || json.Unmarshal([]byte(body), &out) != nil {
			t.Fatalf("GET %s = %d %s", query, resp.StatusCode, clip(body))
		}
		return out, resp.Header.Get("X-Total-Count")
	}
	for _, c := range []struct {
		query     string
		rows      int
		total     string
		firstID   int64 // 0: not checked
		sameOrder bool
	}{
		{"", 122, "122", 0, false},
		{"?limit=2", 2, "122", 0, false},
		{"?limit=2&offset=120", 2, "122", f.sysA4, false},
		{"?offset=121", 1, "122", f.sysA3, false},
		{"?offset=500", 0, "122", 0, false},
		{"?limit=1000", 122, "122", 0, false},
		{"?limit=10&q=kho+du+lieu", 10, "60", 0, false},
		{"?limit=", 122, "122", 0, false}, // empty means not given
	} {
		t.Run(c.query, func(t *testing.T) {
			rows, total := list(c.query)
			if len(rows) != c.rows || total != c.total {
				t.Errorf("%d rows, X-Total-Count %q; want %d, %q", len(rows), total, c.rows, c.total)
			}
			if c.firstID != 0 && (len(rows) == 0 || rows[0].ID != c.firstID) {
				t.Errorf("first row %+v, want id %d", rows, c.firstID)
			}
		})
	}
	// Pages put together are the whole list, in the same order.
	all, _ := list("")
	var joined []struct{ ID int64 }
	for off := 0; off < len(all); off += 50 {
		page, _ := list(fmt.Sprintf("?limit=50&offset=%d", off))
		joined = append(joined, page...)
	}
	if fmt.Sprint(joined) != fmt.Sprint(all) {
		t.Error("pages of 50 do not add up to the whole list")
	}
	f.run(t, []scenario{
		{name: "limit 0", as: "vanhanhA", method: "GET", url: "/api/v1/systems?limit=0", want: 400, contains: []string{`"field":"limit"`, "từ 1 đến 1000", "Tham số phân trang không hợp lệ"}},
		{name: "limit over the cap", as: "vanhanhA", method: "GET", url: "/api/v1/systems?limit=1001", want: 400, contains: []string{`"field":"limit"`}},
		{name: "limit negative", as: "vanhanhA", method: "GET", url: "/api/v1/systems?limit=-5", want: 400, contains: []string{`"field":"limit"`}},
		{name: "limit not a number", as: "vanhanhA", method: "GET", url: "/api/v1/systems?limit=nam", want: 400, contains: []string{`"field":"limit"`}},
		{name: "offset negative", as: "vanhanhA", method: "GET", url: "/api/v1/systems?offset=-1", want: 400, contains: []string{`"field":"offset"`, "không âm"}},
		{name: "both wrong", as: "vanhanhA", method: "GET", url: "/api/v1/systems?limit=x&offset=y", want: 400, contains: []string{`"field":"limit"`, `"field":"offset"`}},
		{name: "still scoped", as: "vanhanhB", method: "GET", url: "/api/v1/systems?limit=5", want: 200, notContains: []string{"Kho dữ liệu"}},
	})
}

func TestAPI_DossiersPaging(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	d1 := f.createDossier("vanhanhA", f.sysA3)
	d2 := f.createDossier("vanhanhA", f.sysA4)
	d3 := f.createDossier("vanhanhA", f.sysA3)
	f.act("vanhanhA", d1, "submit")
	for _, c := range []struct {
		query string
		ids   string
		total string
	}{
		{"", fmt.Sprint([]int64{d3, d2, d1}), "3"},
		{"?limit=1", fmt.Sprint([]int64{d3}), "3"},
		{"?limit=1&offset=1", fmt.Sprint([]int64{d2}), "3"},
		{"?limit=5&status=draft", fmt.Sprint([]int64{d3, d2}), "2"},
		{"?limit=5&system=" + itoa(f.sysA3), fmt.Sprint([]int64{d3, d1}), "2"},
	} {
		resp, body := f.do("vanhanhA", "GET", "/api/v1/dossiers"+c.query, "", "")
		var out []struct{ ID int64 }
		json.Unmarshal([]byte(body), &out)
		var ids []int64
		for _, d := range out {
			ids = append(ids, d.ID)
		}
		if resp.StatusCode != 200 || fmt.Sprint(ids) != c.ids || resp.Header.Get("X-Total-Count") != c.total {
			t.Errorf("GET /api/v1/dossiers%s = %d %v total %q; want %s total %s", c.query, resp.StatusCode, ids, resp.Header.Get("X-Total-Count"), c.ids, c.total)
		}
	}
	f.run(t, []scenario{
		{name: "bad limit", as: "vanhanhA", method: "GET", url: "/api/v1/dossiers?limit=0", want: 400, contains: []string{`"field":"limit"`}},
		{name: "bad offset", as: "vanhanhA", method: "GET", url: "/api/v1/dossiers?offset=1.5", want: 400, contains: []string{`"field":"offset"`}},
	})
}
