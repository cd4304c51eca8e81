package server_test

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"golang.org/x/crypto/bcrypt"

	"capdo/dossier"
	"capdo/levels"
	"capdo/review"
	"capdo/server"
	"capdo/store"
)

// recordServer runs capdo on a real listener over a fresh SQLite file, with a province
// whose health department operates a level-3 system, its information department as the
// infosec unit (a sibling, as in most provinces) and the province as owner. It returns the
// address and the system's id.
func recordServer(t *testing.T) (string, int64) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "capdo.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	useTestKey(t, db)
	province, _ := db.CreateOrg(ctx, store.NewOrg{Name: "UBND tỉnh Kiên Giang"})
	info, _ := db.CreateOrg(ctx, store.NewOrg{Name: "Sở Thông tin và Truyền thông", ParentID: province.ID})
	health, _ := db.CreateOrg(ctx, store.NewOrg{Name: "Sở Y tế", ParentID: province.ID})
	hash, _ := bcrypt.GenerateFromPassword([]byte(password), bcrypt.MinCost)
	for _, u := range []struct {
		name, role string
		org        int64
	}{{"vanhanh", "operator", health.ID}, {"attt", "infosec", info.ID}, {"chuquan", "owner", province.ID}} {
		if _, err := db.CreateUser(ctx, store.NewUser{Username: u.name, Role: u.role, OrgID: u.org, PasswordHash: hash}); err != nil {
			t.Fatal(err)
		}
	}
	rs, err := levels.Open(levels.DefaultRuleSet)
	if err != nil {
		t.Fatal(err)
	}
	p := levels.Profile{ID: "HT-103", Name: "Hệ thống bệnh án điện tử", Owner: "UBND tỉnh Kiên Giang", Operator: "Sở Y tế",
		SystemType: "citizen_business", InfoTypes: []string{"public", "personal"}, PersonalDataUsers: 250000}
	// The server runs with the real clock, after Decree 85 lapsed: the loop is walked under
	// Decree 85, which the web app offers a transitional system until 01/01/2027 (Decree 331
	// Art. 39.1; registry/transition.go).
	if err := p.SetBool("transitional", true); err != nil {
		t.Fatal(err)
	}
	dec, err := rs.Classify(ctx, &p)
	if err != nil || dec.Level != 3 {
		t.Fatalf("the system is not level 3: %d %v", dec.Level, err)
	}
	system, err := db.CreateSystem(ctx, health.ID, store.NewVersion{Profile: p, Decision: dec})
	if err != nil {
		t.Fatal(err)
	}
	eng, err := dossier.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(server.Config{}, db, rs, eng, nil)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(sctx, ln) }()
	t.Cleanup(func() {
		closeBrowser(t)
		stop()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return "http://" + ln.Addr().String(), system
}

// shots saves a full-page screenshot at 1366 px and at 390 px (a phone), and checks that
// the page does not scroll sideways on the phone.
func shots(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	shot(t, ctx, name+"-1366.png")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844)); err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, name+"-390.png")
	// The elements that reach past the right edge, innermost first, name the culprit.
	wide, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("body *")]
		.filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest(".table-wrap"))
		.filter((e, _, all) => !all.some(o => o !== e && e.contains(o)))
		.slice(0, 5).map(e => e.tagName + (e.id ? "#" + e.id : "") + "." + e.className + " " + Math.round(e.getBoundingClientRect().right))`))
	if len(wide) > 0 {
		t.Errorf("%s: the page scrolls sideways at 390 px: %v", name, wide)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900)); err != nil {
		t.Fatal(err)
	}
}

// The return loop at level 3 in a real browser: draft → signed request uploaded → submit →
// returned with a reason → the reason at the top → revised document → resubmit → appraisal
// uploaded → appraise → approve with the decision's number, date and signed file → the
// system shows the approved level.
func TestBrowser_RecordLoopLevel3(t *testing.T) {
	ctx := browserContext(t)
	base, system := recordServer(t)
	dir := t.TempDir()
	file := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, minimalPDF(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	run := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	login := func(user string) {
		t.Helper()
		run("sign out", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("body")))
		if out, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("header .who button") !== null`)); out {
			run("sign out", chromedp.Click(chromedp.CSS("header .who button")), chromedp.WaitVisible(chromedp.ID("username")))
		}
		run("sign in as "+user, chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.ID("username")),
			chromedp.SendKeys(chromedp.ID("username"), user), chromedp.SendKeys(chromedp.ID("password"), password),
			chromedp.Click(chromedp.ID("login")), chromedp.WaitVisible(chromedp.ID("account-link")))
	}
	upload := func(kind, path string) {
		t.Helper()
		run("upload "+kind, setSelect("upload-kind", kind), chromedp.SetUploadFiles(chromedp.ID("upload-file"), []string{path}),
			chromedp.Click(chromedp.ID("upload")), chromedp.WaitVisible(chromedp.ID("uploaded")))
	}
	status := func(want string) {
		t.Helper()
		if got := text("#dossier-status"); got != want {
			t.Fatalf("status %q, want %q", got, want)
		}
	}
	// act clicks a button that moves the dossier and waits for the page that shows the
	// new status: the old page has a status too.
	act := func(what, sel, want string) {
		t.Helper()
		run(what, chromedp.Click(chromedp.CSS(sel)))
		// Polled from here, not in the page: the page is replaced while it waits.
		got := ""
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
			if got, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`(document.getElementById("dossier-status") || {}).textContent || ""`)); got == want {
				return
			}
		}
		t.Fatalf("%s: the status is %q, never %q (page: %.400s)", what, got, want, text("main"))
	}

	// The operating unit makes the dossier and uploads the signed request.
	login("vanhanh")
	run("make the dossier", chromedp.Navigate(base+"/systems/"+itoa(system)), setSelect("rule-set", "d85-2016"), chromedp.Click(chromedp.ID("generate")),
		chromedp.WaitVisible(chromedp.ID("chain-ok")))
	dossierURL, _ := chromedp.Run(ctx, chromedp.Location())
	status("Dự thảo")
	shots(t, ctx, "01-du-thao")
	upload("signed_request", file("To trinh da ky.pdf", "To trinh so 12/TTr-SYT"))
	if docs := text("#documents"); !strings.Contains(docs, "Văn bản đề nghị đã ký") || !strings.Contains(docs, "to-trinh-da-ky.pdf") {
		t.Errorf("documents after the upload: %q", docs)
	}
	shots(t, ctx, "02-da-tai-len")
	run("comment", chromedp.SendKeys(chromedp.CSS(`textarea[name="comment"]`), "Kính trình thẩm định"))
	act("submit", `button[value="submit"]`, "Đã gửi")

	// The infosec unit returns it, with a reason, after confirming.
	login("attt")
	run("open", chromedp.Navigate(dossierURL), chromedp.WaitVisible(chromedp.ID("go-return")))
	run("ask to return", chromedp.Click(chromedp.ID("go-return")), chromedp.WaitVisible(chromedp.ID("confirm-form")))
	shots(t, ctx, "03-xac-nhan-tra-lai")
	const reason = "Thiếu sơ đồ mạng và quy chế bảo đảm an toàn thông tin."
	run("reason", chromedp.SendKeys(chromedp.ID("return-comment"), reason))
	act("return", "#confirm-return", "Trả lại để hoàn thiện")

	// The reason is at the top of the dossier and in the preparer's inbox.
	login("vanhanh")
	if inbox := text(".inbox"); !strings.Contains(inbox, reason) {
		t.Errorf("the inbox lacks the reason: %q", inbox)
	}
	shots(t, ctx, "04-tong-quan-tra-lai")
	run("open", chromedp.Navigate(dossierURL), chromedp.WaitVisible(chromedp.ID("return-reason")))
	if top := text("#return-reason"); !strings.Contains(top, reason) {
		t.Errorf("the top of the dossier: %q", top)
	}
	if first, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("main").firstElementChild.nextElementSibling.id`)); first != "return-reason" {
		t.Errorf("the reason is not right under the title: %q comes first", first)
	}
	shots(t, ctx, "05-ly-do-tra-lai")
	upload("revised", file("So do mang.pdf", "So do mang ban sua"))
	act("resubmit", `button[value="submit"]`, "Đã gửi")

	// The infosec unit uploads its appraisal and appraises.
	login("attt")
	run("open", chromedp.Navigate(dossierURL), chromedp.WaitVisible(chromedp.ID("upload-form")))
	upload("appraisal", file("Ket qua tham dinh.pdf", "Ket qua tham dinh"))
	run("comment", chromedp.SendKeys(chromedp.CSS(`textarea[name="comment"]`), "Đủ điều kiện, đề nghị phê duyệt cấp độ 3"))
	act("appraise", `button[value="appraise"]`, "Đã thẩm định, chờ phê duyệt")
	run("the routed system is in the appraiser's list", chromedp.Navigate(base+"/systems"), chromedp.WaitVisible(chromedp.CSS("table.list")))
	if rows := text("table.list tbody"); !strings.Contains(rows, "Hệ thống bệnh án điện tử") {
		t.Errorf("the appraiser's system list: %q", rows)
	}
	shots(t, ctx, "06-danh-muc-tham-dinh")

	// The owner approves with the decision's number and date and the signed decision.
	login("chuquan")
	today := time.Now().In(review.Vietnam).Format(time.DateOnly)
	run("ask to approve", chromedp.Navigate(dossierURL), chromedp.WaitVisible(chromedp.ID("go-approve")),
		chromedp.Click(chromedp.ID("go-approve")), chromedp.WaitVisible(chromedp.ID("confirm-form")),
		chromedp.SendKeys(chromedp.ID("decision-number"), "15/QĐ-UBND"), chromedp.SetValue(chromedp.ID("decision-date"), today),
		chromedp.SetUploadFiles(chromedp.ID("decision-file"), []string{file("QD 15 da ky.pdf", "Quyet dinh 15/QD-UBND")}))
	shots(t, ctx, "07-xac-nhan-phe-duyet")
	act("approve", "#confirm-approve", "Đã phê duyệt")
	if a := text("#approval"); !strings.Contains(a, "15/QĐ-UBND") || !strings.Contains(a, "Cấp độ 3") {
		t.Errorf("approval on the dossier: %q", a)
	}
	if docs := text("#documents"); !strings.Contains(docs, "Quyết định phê duyệt đã ký") || !strings.Contains(docs, "Kết quả thẩm định") || !strings.Contains(docs, "Văn bản sửa đổi") {
		t.Errorf("documents after approval: %q", docs)
	}
	shots(t, ctx, "08-da-phe-duyet")
	if h := text(".history"); !strings.Contains(h, "Quyết định số 15/QĐ-UBND") || !strings.Contains(h, "Tải lên văn bản") {
		t.Errorf("history: %q", h)
	}

	// The system shows the approved level, apart from the computed one.
	run("the system", chromedp.Navigate(base+"/systems/"+itoa(system)), chromedp.WaitVisible(chromedp.ID("approved-level")))
	if lv := text("#approved"); !strings.Contains(lv, "Cấp độ 3") || !strings.Contains(lv, "15/QĐ-UBND") || !strings.Contains(lv, "Kiểm tra định kỳ tiếp theo") {
		t.Errorf("approved record on the system: %q", lv)
	}
	shots(t, ctx, "09-he-thong")
	run("the list", chromedp.Navigate(base+"/systems"), chromedp.WaitVisible(chromedp.CSS("table.list")))
	if rows := text("table.list tbody"); !strings.Contains(rows, "QĐ 15/QĐ-UBND") {
		t.Errorf("the list lacks the approval: %q", rows)
	}
	shots(t, ctx, "10-danh-muc")
	run("the dashboard", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.ID("approved-levels")))
	shots(t, ctx, "11-tong-quan")
	run("the dossiers", chromedp.Navigate(base+"/dossiers"), chromedp.WaitVisible(chromedp.CSS("table.list")))
	shots(t, ctx, "12-ho-so")
}
