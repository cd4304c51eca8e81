package server_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"golang.org/x/crypto/bcrypt"

	"capdo/levels"
	"capdo/review"
	"capdo/server"
	"capdo/store"
)

// loopDay is the server's clock in the loop tests: a Monday in June 2026, while Decree 85
// still applies (registry/transition.go: D85LastDay), so that a Decree 85 dossier is made,
// appraised and approved on the same day in any year the tests run.
var loopDay = time.Date(2026, time.June, 15, 9, 0, 0, 0, review.Vietnam)

// loopCase is one walk of the record loop under Decree 85 (levels/rules/d85-2016.yaml,
// procedures): who appraises, who approves and whether the infosec unit gives its
// professional opinion first.
type loopCase struct {
	name      string
	profile   levels.Profile
	level     int
	opinion   bool   // levels 4–5: the infosec unit's opinion before the appraisal (Art. 14.3)
	appraiser string // the account that appraises
	approver  string // the account that approves
	decision  string // the approval decision's number
}

var loopCases = []loopCase{
	{name: "level2", level: 2, appraiser: "attt", approver: "attt", decision: "21/QĐ-STTTT",
		// Khoản 1 Điều 12: the owner's infosec unit appraises and approves.
		profile: levels.Profile{ID: "HT-102", Name: "Cổng thông tin điện tử Sở Y tế", Owner: "UBND tỉnh Kiên Giang", Operator: "Sở Y tế",
			SystemType: "citizen_business", InfoTypes: []string{"public"}}},
	{name: "level3", level: 3, appraiser: "attt", approver: "chuquan", decision: "15/QĐ-UBND",
		// Khoản 2 Điều 12: the infosec unit appraises, the owner approves.
		profile: levels.Profile{ID: "HT-103", Name: "Hệ thống bệnh án điện tử", Owner: "UBND tỉnh Kiên Giang", Operator: "Sở Y tế",
			SystemType: "citizen_business", InfoTypes: []string{"public", "personal"}, PersonalDataUsers: 250000}},
	{name: "level4", level: 4, opinion: true, appraiser: "thamdinh", approver: "chuquan", decision: "16/QĐ-UBND",
		// Khoản 3 Điều 12: the infosec unit's opinion, the authority appraises, the owner approves.
		profile: levels.Profile{ID: "HT-104", Name: "Hệ thống quản lý văn bản điện tử mật", Owner: "UBND tỉnh Kiên Giang", Operator: "Sở Y tế",
			SystemType: "internal", InfoTypes: []string{"state_secret"}, SecretGrade: "toi_mat", SecurityHarm: "serious"}},
}

// loopServer runs capdo on a real listener over a fresh database of the run's engine, its
// clock fixed at loopDay, with a province whose health department operates the system of
// the case, its information department as the infosec unit, the province as owner, and the
// authority that appraises civil level 4–5 systems. It returns the address and the system's id.
func loopServer(t *testing.T, c loopCase) (string, int64) {
	t.Helper()
	ctx := context.Background()
	db := openRealDB(t, standStill(loopDay))
	province, _ := db.CreateOrg(ctx, store.NewOrg{Name: "UBND tỉnh Kiên Giang"})
	info, _ := db.CreateOrg(ctx, store.NewOrg{Name: "Sở Thông tin và Truyền thông", ParentID: province.ID})
	health, _ := db.CreateOrg(ctx, store.NewOrg{Name: "Sở Y tế", ParentID: province.ID})
	authority, _ := db.CreateOrg(ctx, store.NewOrg{Name: "Cục An toàn thông tin", Appraises: store.AppraisesCivil})
	hash, _ := bcrypt.GenerateFromPassword([]byte(password), bcrypt.MinCost)
	for _, u := range []struct {
		name, role string
		org        int64
	}{{"vanhanh", "operator", health.ID}, {"attt", "infosec", info.ID}, {"chuquan", "owner", province.ID}, {"thamdinh", "authority", authority.ID}} {
		if _, err := db.CreateUser(ctx, store.NewUser{Username: u.name, Role: u.role, OrgID: u.org, PasswordHash: hash}); err != nil {
			t.Fatal(err)
		}
	}
	rs, err := levels.Open("d85-2016")
	if err != nil {
		t.Fatal(err)
	}
	p := c.profile
	dec, err := rs.Classify(ctx, &p)
	if err != nil || dec.Level != c.level {
		t.Fatalf("the system is not level %d: %d %v", c.level, dec.Level, err)
	}
	system, err := db.CreateSystem(ctx, health.ID, store.NewVersion{Profile: p, Decision: dec})
	if err != nil {
		t.Fatal(err)
	}
	return serveReal(t, db, rs, server.Config{}), system
}

// The return loop in real browsers at levels 2, 3 and 4: draft → signed request uploaded →
// submit → returned with a reason → the reason at the top → revised document → resubmit →
// the professional opinion (level 4) → appraisal uploaded → appraise → approve with the
// decision's number, date and signed file → the system shows the approved level.
func TestBrowser_RecordLoop(t *testing.T) {
	t.Parallel()
	for _, c := range loopCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel() // a server, database and browser windows of its own
			walkLoop(t, c)
		})
	}
}

func walkLoop(t *testing.T, c loopCase) {
	base, system := loopServer(t, c)
	lv := "Cấp độ " + itoa(int64(c.level))
	dir := t.TempDir()
	file := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, minimalPDF(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	var ctx context.Context // the browser of the official at work
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
	// login sits the official at a desk of its own: the first time, it opens a browser of
	// the official's own and signs in; later, the official is back in the same browser,
	// still signed in, on the home page where signing in leads. A browser's first page
	// costs seconds (Chromium starts a renderer process for it), which a new browser at
	// every turn paid some fifteen times over the three walks.
	desks := map[string]context.Context{}
	login := func(user string) {
		t.Helper()
		if desk, ok := desks[user]; ok {
			ctx = desk
			run("back at the desk of "+user, chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.ID("account-link")))
			return
		}
		ctx = browserContext(t)
		desks[user] = ctx
		run("sign in as "+user, chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.ID("username")),
			chromedp.SendKeys(chromedp.ID("username"), user), chromedp.SendKeys(chromedp.ID("password"), password),
			chromedp.Click(chromedp.ID("login")), chromedp.WaitVisible(chromedp.ID("account-link")))
	}
	upload := func(kind, path string) {
		t.Helper()
		run("upload "+kind, setSelect("upload-kind", kind), chromedp.SetUploadFiles(chromedp.ID("upload-file"), []string{path}),
			chromedp.Click(chromedp.ID("upload")), chromedp.WaitVisible(chromedp.ID("uploaded")))
	}
	// act clicks a button that moves the dossier and waits for the dossier page in the new
	// status (the status carries its code as a class; the old page has another), then
	// checks the status's label.
	act := func(what, sel string, to review.Status) {
		t.Helper()
		run(what, chromedp.Click(chromedp.CSS(sel)), chromedp.WaitVisible(chromedp.CSS("#dossier-status.st-"+string(to))))
		if got := text("#dossier-status"); got != to.Label() {
			t.Fatalf("%s: status %q, want %q", what, got, to.Label())
		}
	}

	// The operating unit makes the dossier under Decree 85 and uploads the signed request.
	login("vanhanh")
	run("make the dossier", chromedp.Navigate(base+"/systems/"+itoa(system)), chromedp.WaitVisible(chromedp.ID("generate")),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			// A choice of rule set shows only while two apply; on loopDay Decree 85 is the one.
			_, err := chromedp.Evaluate[bool](`(() => { const s = document.getElementById("rule-set"); if (s) { s.value = "d85-2016" }; return true })()`)(ctx, tg)
			return err
		}),
		chromedp.Click(chromedp.ID("generate")), chromedp.WaitVisible(chromedp.ID("chain-ok")))
	dossierURL, _ := chromedp.Run(ctx, chromedp.Location())
	if rs := text("#rule-set"); !strings.Contains(rs, "d85-2016") {
		t.Fatalf("the dossier's rule set: %q", rs)
	}
	if got := text("#dossier-status"); got != review.Draft.Label() {
		t.Fatalf("a new dossier is %q", got)
	}
	shots(t, ctx, "01-du-thao")
	upload("signed_request", file("To trinh da ky.pdf", "To trinh so 12/TTr-SYT"))
	docs := text("#documents")
	if !strings.Contains(docs, "Văn bản đề nghị đã ký") || !strings.Contains(docs, "to-trinh-da-ky.pdf") {
		t.Errorf("documents after the upload: %q", docs)
	}
	// The request asks for the approval too only where one unit does both (levels 1–2).
	if both := strings.Contains(docs, "Tờ trình đề nghị thẩm định, phê duyệt"); both != (c.level <= 2) || !strings.Contains(docs, "Tờ trình đề nghị thẩm định") {
		t.Errorf("the request's title at level %d: %q", c.level, docs)
	}
	shots(t, ctx, "02-da-tai-len")
	run("comment", chromedp.SendKeys(chromedp.CSS(`textarea[name="comment"]`), "Kính trình thẩm định"))
	act("submit", `button[value="submit"]`, review.Submitted)

	// The infosec unit, the dossier's first reviewer at every level, returns it with a
	// reason, after confirming.
	login("attt")
	run("open", chromedp.Navigate(dossierURL), chromedp.WaitVisible(chromedp.ID("go-return")))
	run("ask to return", chromedp.Click(chromedp.ID("go-return")), chromedp.WaitVisible(chromedp.ID("confirm-form")))
	shots(t, ctx, "03-xac-nhan-tra-lai")
	const reason = "Thiếu sơ đồ mạng và quy chế bảo đảm an toàn thông tin."
	run("reason", chromedp.SendKeys(chromedp.ID("return-comment"), reason))
	act("return", "#confirm-return", review.Returned)

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
	act("resubmit", `button[value="submit"]`, review.Submitted)

	// Levels 4–5: the infosec unit gives its professional opinion with the signed letter.
	if c.opinion {
		login("attt")
		run("open", chromedp.Navigate(dossierURL), chromedp.WaitVisible(chromedp.ID("upload-form")))
		upload("opinion", file("Y kien chuyen mon.pdf", "Y kien chuyen mon"))
		run("comment", chromedp.SendKeys(chromedp.CSS(`textarea[name="comment"]`), "Thống nhất đề xuất cấp độ 4"))
		shots(t, ctx, "06-y-kien-chuyen-mon")
		act("opinion", `button[value="opinion"]`, review.OpinionGiven)
	}

	// The appraiser uploads its appraisal and appraises; the system is in its list.
	login(c.appraiser)
	run("open", chromedp.Navigate(dossierURL), chromedp.WaitVisible(chromedp.ID("upload-form")))
	upload("appraisal", file("Ket qua tham dinh.pdf", "Ket qua tham dinh"))
	run("comment", chromedp.SendKeys(chromedp.CSS(`textarea[name="comment"]`), "Đủ điều kiện, đề nghị phê duyệt "+strings.ToLower(lv)))
	shots(t, ctx, "07-tham-dinh")
	act("appraise", `button[value="appraise"]`, review.Appraised)
	run("the routed system is in the appraiser's list", chromedp.Navigate(base+"/systems"), chromedp.WaitVisible(chromedp.CSS("table.list")))
	if rows := text("table.list tbody"); !strings.Contains(rows, c.profile.Name) {
		t.Errorf("the appraiser's system list: %q", rows)
	}
	shots(t, ctx, "08-danh-muc-tham-dinh")

	// The approver approves with the decision's number and date and the signed decision.
	login(c.approver)
	run("ask to approve", chromedp.Navigate(dossierURL), chromedp.WaitVisible(chromedp.ID("go-approve")),
		chromedp.Click(chromedp.ID("go-approve")), chromedp.WaitVisible(chromedp.ID("confirm-form")),
		chromedp.SendKeys(chromedp.ID("decision-number"), c.decision), chromedp.SetValue(chromedp.ID("decision-date"), loopDay.Format(time.DateOnly)),
		chromedp.SetUploadFiles(chromedp.ID("decision-file"), []string{file("QD da ky.pdf", "Quyet dinh phe duyet")}))
	shots(t, ctx, "09-xac-nhan-phe-duyet")
	act("approve", "#confirm-approve", review.Approved)
	if a := text("#approval"); !strings.Contains(a, c.decision) || !strings.Contains(a, lv) || !strings.Contains(a, "15/06/2026") {
		t.Errorf("approval on the dossier: %q", a)
	}
	docs = text("#documents")
	for _, want := range []string{"Văn bản đề nghị đã ký", "Văn bản sửa đổi", "Kết quả thẩm định", "Quyết định phê duyệt đã ký"} {
		if !strings.Contains(docs, want) {
			t.Errorf("documents after approval lack %q: %q", want, docs)
		}
	}
	if strings.Contains(docs, "Ý kiến chuyên môn") != c.opinion {
		t.Errorf("documents after approval: the opinion listed %v, want %v: %q", !c.opinion, c.opinion, docs)
	}
	shots(t, ctx, "10-da-phe-duyet")
	if h := text(".history"); !strings.Contains(h, "Quyết định số "+c.decision) || !strings.Contains(h, "Tải lên văn bản") || !strings.Contains(h, reason) {
		t.Errorf("history: %q", h)
	}

	// The system shows the approved level, apart from the computed one.
	run("the system", chromedp.Navigate(base+"/systems/"+itoa(system)), chromedp.WaitVisible(chromedp.ID("approved-level")))
	if a := text("#approved"); !strings.Contains(a, lv) || !strings.Contains(a, c.decision) || !strings.Contains(a, "Kiểm tra định kỳ tiếp theo") {
		t.Errorf("approved record on the system: %q", a)
	}
	shots(t, ctx, "11-he-thong")
	run("the list", chromedp.Navigate(base+"/systems"), chromedp.WaitVisible(chromedp.CSS("table.list")))
	if rows := text("table.list tbody"); !strings.Contains(rows, "QĐ "+c.decision) {
		t.Errorf("the list lacks the approval: %q", rows)
	}
	shots(t, ctx, "12-danh-muc")
	run("the dashboard", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.ID("approved-levels")))
	shots(t, ctx, "13-tong-quan")
	run("the dossiers", chromedp.Navigate(base+"/dossiers"), chromedp.WaitVisible(chromedp.CSS("table.list")))
	shots(t, ctx, "14-ho-so")
}
