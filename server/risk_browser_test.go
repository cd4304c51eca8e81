package server_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// On a 390 px phone, a user opens the risk assessment from the system page, types the
// seven contents, adds a register row with the server-side button (what was typed stays),
// imports a sheet, saves, and reads the result; nothing is wider than the screen.
func TestBrowser_RiskAssessmentOnAPhone(t *testing.T) {
	t.Parallel() // one tab each of the shared Chromium
	ctx := browserContext(t)
	base, _ := startRealServer(t)
	sheet := filepath.Join(t.TempDir(), "so-dang-ky-rui-ro.csv")
	if err := os.WriteFile(sheet, []byte(goodCSV), 0o600); err != nil {
		t.Fatal(err)
	}
	overflow := `document.documentElement.scrollWidth > window.innerWidth`
	steps := []chromedp.Action[chromedp.Void]{
		chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile),
		chromedp.Navigate(base + "/login"),
		chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), "vanhanh"),
		chromedp.SendKeys(chromedp.ID("password"), password),
		chromedp.Click(chromedp.ID("login")),
		chromedp.WaitVisible(chromedp.ID("account-link")), // signed in: the login page has a main too
		chromedp.Navigate(base + "/systems/2"),
		chromedp.Click(chromedp.ID("risk-link")),
		chromedp.WaitVisible(chromedp.ID("risk-form")),
	}
	for _, k := range []string{"a", "b", "c", "d", "dd", "e", "g"} {
		steps = append(steps, chromedp.SendKeys(chromedp.ID("in-contents-"+k), "Nội dung điểm "+k+" — đã rà soát"))
	}
	steps = append(steps,
		chromedp.SendKeys(chromedp.ID("in-risks-0-asset"), "Cổng thông tin điện tử"),
		chromedp.SendKeys(chromedp.ID("in-risks-0-threat"), "Thay đổi giao diện trái phép"),
		setSelect("in-risks-0-likelihood", "3"),
		setSelect("in-risks-0-impact", "2"),
		chromedp.SendKeys(chromedp.ID("in-risks-0-treatment"), "Giám sát toàn vẹn trang"),
		chromedp.Click(chromedp.ID("risk-add")),
		chromedp.WaitVisible(chromedp.ID("in-risks-1-asset")),
	)
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("fill and add a row: %v", err)
	}
	kept, _ := chromedp.Run(ctx, chromedp.Value(chromedp.ID("in-contents-dd")))
	score, _ := readText(ctx, chromedp.ID("score-0"))
	if kept != "Nội dung điểm dd — đã rà soát" || !strings.Contains(score, "Điểm 6") {
		t.Errorf("after «Thêm dòng»: content %q, score %q", kept, score)
	}
	if wide, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](overflow)); wide {
		t.Error("the form is wider than a 390 px screen")
	}
	shot(t, ctx, "danh-gia-rui-ro-390.png")

	err := chromedp.Do(ctx,
		chromedp.SetUploadFiles(chromedp.ID("in-file"), []string{sheet}),
		chromedp.Click(chromedp.ID("risk-import")),
		chromedp.WaitVisible(chromedp.ID("risk-notice")),
		setSelect("in-level", "3"),
		chromedp.SendKeys(chromedp.ID("in-rationale"), "Rủi ro cao nhất ở mức Rất cao nhưng đã có biện pháp"),
		chromedp.Click(chromedp.ID("risk-save")),
		chromedp.WaitVisible(chromedp.ID("risk-saved")),
	)
	if err != nil {
		body, _ := readText(ctx, chromedp.CSS("main"))
		t.Fatalf("import and save: %v\n%s", err, body)
	}
	level, _ := readText(ctx, chromedp.ID("risk-level"))
	warn, _ := readText(ctx, chromedp.ID("risk-warnings"))
	if level != "Cấp độ 3" || !strings.Contains(warn, "gợi ý cấp độ 4") {
		t.Errorf("after saving: level %q, warnings %q", level, warn)
	}
	if wide, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](overflow)); wide {
		t.Error("the saved assessment is wider than a 390 px screen")
	}
	shot(t, ctx, "danh-gia-rui-ro-da-luu-390.png")
	// The system page shows the result and its warnings to whoever reads the system.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/systems/2"), chromedp.WaitVisible(chromedp.ID("risk-summary"))); err != nil {
		t.Fatal(err)
	}
	if warn, _ := readText(ctx, chromedp.ID("risk-warnings")); !strings.Contains(warn, "gợi ý cấp độ 4") {
		t.Errorf("system page warnings %q", warn)
	}
	shot(t, ctx, "he-thong-390.png")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900), chromedp.Navigate(base+"/systems/2/risk")); err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, "danh-gia-rui-ro-1366.png")
}
