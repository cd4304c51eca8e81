package server_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"capdo/levels"
	"capdo/review"
)

// The dashboard in a browser: on 03/12/2026 a level approved under Decree 85 counts down
// to 01/07/2027 with its mark in view and its explanation folded until clicked; on
// 18/08/2026, the day before Decree 331 takes effect, the dashboard says when it does and
// shows neither its Quy chế box nor its annual report. At 1366 and 390 px.
func TestBrowser_DashboardNotesAndGate(t *testing.T) {
	t.Parallel()
	ctx := browserContext(t)
	base, system := recordServer(t) // at browserDay, 01/12/2026
	approveByAPI(t, base, system)
	// The owner, whose dashboard holds both the countdown and the Quy chế box.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), "chuquan"), chromedp.SendKeys(chromedp.ID("password"), password),
		chromedp.Click(chromedp.ID("login")), chromedp.WaitVisible(chromedp.ID("transition-compliance")),
	); err != nil {
		t.Fatal(err)
	}
	visible := func(sel string) bool {
		ok, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const e = document.querySelector(`+jsString(sel)+`); return !!e && e.checkVisibility() })()`))
		return ok
	}
	if !visible("#transition-compliance .countdown .mark") || !visible("#transition-compliance details.basis summary") {
		t.Error("the deadline's mark or the summary of its explanation is not in view")
	}
	if visible("#transition-compliance details.basis .note") {
		t.Error("the explanation is unfolded before a click")
	}
	if text, _ := readText(ctx, chromedp.CSS("#transition-compliance details.basis summary")); strings.TrimSpace(text) != "Căn cứ và mức độ chắc chắn" {
		t.Errorf("the summary reads %q", text)
	}
	shots(t, ctx, "tong-quan-ghi-chu-gap")
	boxShot(t, ctx, "#dashboard-transition", "tong-quan-chuyen-tiep-390.png")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#transition-compliance details.basis summary"))); err != nil {
		t.Fatal(err)
	}
	if !visible("#transition-compliance details.basis .note") {
		t.Error("a click does not unfold the explanation")
	}
	shot(t, ctx, "tong-quan-ghi-chu-mo-1366.png")

	// The day before Decree 331 takes effect.
	before, _ := startRealServerAt(t, levels.DefaultRuleSet, standStill(time.Date(2026, time.August, 18, 9, 0, 0, 0, review.Vietnam)))
	if err := chromedp.Do(ctx,
		chromedp.Navigate(before+"/login"), chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), "vanhanh"), chromedp.SendKeys(chromedp.ID("password"), password),
		chromedp.Click(chromedp.ID("login")), chromedp.WaitVisible(chromedp.ID("decree331-from")),
	); err != nil {
		t.Fatal(err)
	}
	if visible("#dashboard-regulation") || visible("#inventory-deadlines") {
		t.Error("on 18/08/2026 the dashboard shows the Quy chế box or Mẫu 08 of Decree 331")
	}
	if text, _ := readText(ctx, chromedp.ID("decree331-from")); !strings.Contains(text, "19/08/2026") {
		t.Errorf("the line reads %q", text)
	}
	shots(t, ctx, "tong-quan-truoc-nghi-dinh-331")
	boxShot(t, ctx, "#dashboard-transition", "tong-quan-truoc-nghi-dinh-331-hop-390.png")
}

// boxShot saves a screenshot of one block at 390 px, where a full page is too long to read,
// when the run keeps its artifacts.
func boxShot(t *testing.T, ctx context.Context, sel, name string) {
	t.Helper()
	if !keepScreenshots() {
		return
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844)); err != nil {
		t.Fatal(err)
	}
	png, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("screenshot %s: %v", sel, err)
	}
	if err := os.WriteFile(filepath.Join(t.ArtifactDir(), name), png, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900)); err != nil {
		t.Fatal(err)
	}
}
