package server_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A whole inventory in a real browser: the owner uploads a spreadsheet, reads the dry run
// (the refused row with its row, column and reason), applies it with the progress bar,
// re-rates the registry under Decree 331, downloads the comparison, and looks at the
// dashboard on a desktop and on a phone.
func TestBrowser_InventoryImportRerateDashboard(t *testing.T) {
	t.Parallel()
	ctx := browserContext(t)
	base, _ := recordServer(t)
	dir := t.TempDir()
	inv := filepath.Join(dir, "danh-muc-so-y-te.csv")
	// Excel's Vietnamese CSV: semicolons, Vietnamese headings, a byte-order mark.
	csv := "\uFEFFMã hệ thống;Tên hệ thống;Chủ quản hệ thống;Đơn vị vận hành;Loại hệ thống;Loại thông tin xử lý;personal_data_users;basic_pd_subjects;approved_level\n" +
		"HT-103;Hệ thống bệnh án điện tử;UBND tỉnh Kiên Giang;Sở Y tế;citizen_business;public;personal;250000;250000;3\n" +
		"HT-201;Cổng thông tin Sở Y tế;UBND tỉnh Kiên Giang;Sở Y tế;citizen_business;public;0;0;2\n" +
		"HT-202;Quản lý văn bản và điều hành;UBND tỉnh Kiên Giang;Sở Y tế;internal;private;personal;3500;3500;2\n" +
		"HT-203;Hệ thống tiêm chủng;UBND tỉnh Kiên Giang;Sở Y tế;citizen_business;public;personal;120000;120000;\n" +
		"HT-204;Phần mềm lạ;UBND tỉnh Kiên Giang;Sở Y tế;intranet;public;0;0;\n"
	// info_types holds a ";": in a semicolon file it is quoted, as Excel writes it.
	csv = strings.NewReplacer(";public;personal;", `;"public;personal";`, ";private;personal;", `;"private;personal";`).Replace(csv)
	if err := os.WriteFile(inv, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	run := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := readText(ctx, chromedp.CSS(sel))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	run("sign in", chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), "vanhanh"), chromedp.SendKeys(chromedp.ID("password"), password),
		chromedp.Click(chromedp.ID("login")), chromedp.WaitVisible(chromedp.ID("account-link")))

	run("dry run", chromedp.Navigate(base+"/imports"), chromedp.WaitVisible(chromedp.ID("import-preview")),
		chromedp.SetUploadFiles(chromedp.CSS(`#import-upload input[type="file"]`), []string{inv}),
		chromedp.Click(chromedp.ID("import-preview")), chromedp.WaitVisible(chromedp.ID("import-apply")))
	if got := text("#count-create") + "/" + text("#count-update") + "/" + text("#count-error"); got != "3/1/1" {
		t.Errorf("dry run counts create/update/error = %s, want 3/1/1", got)
	}
	if r := text("#import-refused"); !strings.Contains(r, "dòng 6: cột E (Loại hệ thống → system_type)") {
		t.Errorf("refused row: %s", r)
	}
	// The file previewed is kept: «Áp dụng» does not ask for it again.
	if hidden, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector(".import-refile").hidden`)); !hidden {
		t.Error("the apply form asks for the file again")
	}
	// The file's SHA-256 breaks rather than widen the page on a phone.
	phone(t, ctx, "inventory-01-xem-truoc")
	run("apply", chromedp.Click(chromedp.ID("import-apply")), chromedp.WaitVisible(chromedp.ID("import-applied")))
	if got := text("#import-applied"); !strings.Contains(got, "3 hệ thống mới, 1 hệ thống cập nhật") {
		t.Errorf("applied: %s", got)
	}
	shot(t, ctx, "inventory-02-da-ap-dung.png")

	run("re-rate under Decree 331", chromedp.Navigate(base+"/rerate?rule_set=d331-2026"), chromedp.WaitVisible(chromedp.ID("rerate-table")))
	if rows := text("#rerate-table tbody"); !strings.Contains(rows, "Hệ thống tiêm chủng") || !strings.Contains(rows, "khai báo") {
		t.Errorf("re-rating rows: %.600s", rows)
	}
	for _, id := range []string{"count-up", "count-down", "count-same", "count-new"} {
		if text("#"+id) == "" {
			t.Errorf("no %s", id)
		}
	}
	shots(t, ctx, "inventory-03-xep-lai")
	// The export links download files: the same request the link makes, from the page.
	for _, link := range []struct{ id, want string }{{"rerate-xlsx", "xep-lai-cap-do-d331-2026.xlsx"}, {"rerate-csv", "xep-lai-cap-do-d331-2026.csv"}} {
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const x = new XMLHttpRequest();
			x.open("GET", document.getElementById("`+link.id+`").href, false); x.send();
			return x.status + " " + x.getResponseHeader("Content-Disposition") })()`))
		if err != nil || !strings.HasPrefix(got, "200 ") || !strings.Contains(got, link.want) {
			t.Errorf("%s: %q %v", link.id, got, err)
		}
	}
	// Apply to one system: a draft dossier under Decree 331, or a reason for this system.
	run("choose a system", chromedp.Click(chromedp.CSS(`#rerate-table input[name="system"]`)),
		chromedp.Click(chromedp.ID("rerate-apply")), chromedp.WaitVisible(chromedp.ID("rerate-results")))
	if r := text("#rerate-results"); !strings.Contains(r, "Đã lập hồ sơ nháp") && !strings.Contains(r, "chưa lập được") {
		t.Errorf("apply result: %s", r)
	}

	run("dashboard", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.ID("inv-levels")))
	if d := text("#inventory-deadlines"); !strings.Contains(d, "Trước ngày 20/12/") || !strings.Contains(d, "Bộ Công an") {
		t.Errorf("deadlines: %s", d)
	}
	// The charts are drawn without scripts: the SVG is in the page as served.
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#inventory-levels svg rect").length`)); n == 0 {
		t.Error("no bars in the levels chart")
	}
	shots(t, ctx, "inventory-04-tong-quan")

	run("annual report", chromedp.Navigate(base+"/reports/annual"), chromedp.WaitVisible(chromedp.ID("annual-table")))
	if got := text("#total-managed"); got != "4" {
		t.Errorf("systems managed in the annual report = %s, want 4 (the unit's own)", got)
	}
	shots(t, ctx, "inventory-05-bao-cao-nam")
}
