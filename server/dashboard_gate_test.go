package server_test

import (
	"regexp"
	"strings"
	"testing"
)

// Decree 331/2026 takes effect on 19/08/2026 (levels/rules/d331-2026.yaml, effective_from):
// before that day the dashboard shows neither the Quy chế box of Art. 30.7 nor the annual
// report of Art. 35 (Mẫu 08), and says when the decree takes effect; from that day it shows
// both. The day is the server's (Config.Now).
func TestDashboard_Decree331Gate(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ct, body := regulationBody("12/QĐ-UBND", "2026-03-01", minimalPDF("Quy che"))
	if resp, out := f.do("chuquanA", "POST", "/api/v1/orgs/"+itoa(f.orgs["UBND tỉnh A"].ID)+"/regulations", ct, body); resp.StatusCode != 201 {
		t.Fatalf("record the regulation = %d %s", resp.StatusCode, out)
	}
	for _, c := range []struct {
		day      string
		inForce  bool
		reportOf string // the year of the annual report shown
	}{
		{"2026-08-18", false, ""},
		{"2026-08-19", true, "Báo cáo năm 2026 (Mẫu 08"},
		{"2026-12-03", true, "Báo cáo năm 2026 (Mẫu 08"},
	} {
		t.Run(c.day, func(t *testing.T) {
			f.setNow(t, c.day)
			waiting := []string{`id="decree331-from"`, "Nghị định 331/2026/NĐ-CP có hiệu lực từ ngày <b>19/08/2026</b>"}
			regulation := []string{`id="dashboard-regulation"`, "12/QĐ-UBND", `href="/regulations"`}
			report := []string{`id="inventory-deadlines"`, c.reportOf, "Trước ngày 20/12/2026"}
			if !c.inForce {
				none := []string{`id="dashboard-regulation"`, `id="inventory-deadlines"`, "Mẫu 08, Điều 35"}
				f.run(t, []scenario{
					{name: "owner", as: "chuquanA", method: "GET", url: "/", want: 200, contains: waiting, notContains: none},
					{name: "administrator", as: "adminA", method: "GET", url: "/", want: 200, contains: waiting, notContains: none},
					{name: "operator", as: "vanhanhA", method: "GET", url: "/", want: 200, contains: waiting, notContains: none},
				})
				return
			}
			f.run(t, []scenario{
				{name: "owner", as: "chuquanA", method: "GET", url: "/", want: 200, contains: append(regulation, report...), notContains: waiting[:1]},
				{name: "administrator", as: "adminA", method: "GET", url: "/", want: 200, contains: append(regulation, report...), notContains: waiting[:1]},
				// The Quy chế box is for those who record it; the report's dates are everyone's.
				{name: "operator", as: "vanhanhA", method: "GET", url: "/", want: 200, contains: report,
					notContains: append([]string{`id="dashboard-regulation"`}, waiting[:1]...)},
			})
		})
	}
}

// detailsRe is a folded explanation of the dashboard: closed (no open attribute), with its
// short summary.
var detailsRe = regexp.MustCompile(`(?s)<details class="basis"><summary>Căn cứ và mức độ chắc chắn</summary>(.*?)</details>`)

// The dashboard keeps the marks of facts uncertain in law beside them and folds the long
// explanations into a closed «Căn cứ và mức độ chắc chắn», for every role alike: an
// appraiser needs them as much as an operator.
func TestDashboard_NotesFolded(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.dossierAt(f.sysA3, "approved") // on 02/03/2026, under Decree 85: the compliance countdown
	f.setNow(t, "2026-12-03")
	for _, as := range []string{"vanhanhA", "atttA", "chuquanA", "adminA"} {
		t.Run(as, func(t *testing.T) {
			resp, page := f.do(as, "GET", "/", "", "")
			if resp.StatusCode != 200 {
				t.Fatalf("GET / = %d", resp.StatusCode)
			}
			folded := detailsRe.FindAllStringSubmatch(page, -1)
			if len(folded) < 2 {
				t.Fatalf("%d folded explanations, want the countdown's and the inventory's:\n%s", len(folded), clip(page))
			}
			inside := ""
			for _, m := range folded {
				inside += m[1]
			}
			outside := detailsRe.ReplaceAllString(page, "")
			for _, long := range []string{"Nguồn khác tính thời hạn đến hết ngày 30/06/2027", "khoản 1 Điều 45 Luật An ninh mạng số 116/2025/QH15", "Nguồn khác tính thời hạn đến hết ngày 30/6/2027"} {
				if !strings.Contains(inside, long) {
					t.Errorf("the folded explanations lack %q", long)
				}
				if strings.Contains(outside, long) {
					t.Errorf("%q is shown unfolded", long)
				}
			}
			// The mark stays in view, beside the deadline it qualifies.
			if n := strings.Count(outside, `<span class="mark">[cần đối chiếu]</span>`); n < 2 {
				t.Errorf("%d marks in view, want one beside each disputed deadline", n)
			}
			if strings.Contains(page, `<details class="basis" open`) {
				t.Error("an explanation is unfolded")
			}
		})
	}
}
