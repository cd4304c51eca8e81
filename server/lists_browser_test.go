package server_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// phone checks a page at 390 px: nothing reaches past the right edge, and no table
// scrolls sideways inside its card. It saves the page at 1366 and 390 px (go test
// -artifacts keeps them).
func phone(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	shot(t, ctx, name+"-1366.png")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulatePortrait)); err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, name+"-390.png")
	wide, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
		const out = [];
		if (document.documentElement.scrollWidth > window.innerWidth) out.push("page " + document.documentElement.scrollWidth);
		document.querySelectorAll(".table-wrap").forEach(w => { if (w.scrollWidth > w.clientWidth + 1) out.push("table " + (w.parentElement.id || w.parentElement.className) + " " + w.scrollWidth); });
		[...document.querySelectorAll("body *")]
			.filter(e => e.getClientRects().length && e.getBoundingClientRect().right > window.innerWidth + 1)
			.filter((e, _, all) => !all.some(o => o !== e && e.contains(o)))
			.slice(0, 5).forEach(e => out.push(e.tagName + (e.id ? "#" + e.id : "") + "." + e.className + " " + Math.round(e.getBoundingClientRect().right)));
		return out;
	})()`))
	if len(wide) > 0 {
		t.Errorf("%s scrolls sideways at 390 px: %v", name, wide)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900)); err != nil {
		t.Fatal(err)
	}
}

// official is a signed-in browser on a fresh server, with what the tests below do with it.
type official struct {
	t       *testing.T
	ctx     context.Context
	base    string
	prompts *atomic.Int32 // beforeunload prompts seen (each accepted)
}

// newOfficial starts capdo and Chromium and signs in as the province's owner.
func newOfficial(t *testing.T) *official {
	o := &official{t: t, ctx: browserContext(t), prompts: new(atomic.Int32)}
	o.base, _ = startRealServer(t)
	ctx := o.ctx
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*page.EventJavascriptDialogOpening); ok && e.Type == page.DialogTypeBeforeunload {
			o.prompts.Add(1)
			go chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
				_, err := chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
				return err
			}))
		}
	}); err != nil {
		t.Fatal(err)
	}
	o.run("login", chromedp.Navigate(o.base+"/login"), chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), "vanhanh"), chromedp.SendKeys(chromedp.ID("password"), password),
		// The login page has a main h1 too: wait for what only a signed-in page shows, or the
		// next navigation may abort the redirect after the login.
		chromedp.Click(chromedp.ID("login")), chromedp.WaitVisible(chromedp.ID("account-link")))
	return o
}

func (o *official) run(what string, steps ...chromedp.Action[chromedp.Void]) {
	o.t.Helper()
	if err := chromedp.Do(o.ctx, steps...); err != nil {
		o.t.Fatalf("%s: %v", what, err)
	}
}

// eval runs JavaScript (a promise is awaited) that returns a string.
func (o *official) eval(js string) string {
	o.t.Helper()
	s, err := chromedp.Run(o.ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		o.t.Fatalf("%s: %v", js, err)
	}
	return s
}

// printPDF prints the page as Chromium does on paper and keeps the PDF with the screenshots.
func (o *official) printPDF(name string) {
	o.t.Helper()
	var pdf []byte
	o.run("print to PDF", chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		r, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{})
		pdf = r.Data
		return err
	}))
	if err := os.WriteFile(filepath.Join(o.t.ArtifactDir(), name), pdf, 0o644); err != nil || !strings.HasPrefix(string(pdf), "%PDF") {
		o.t.Errorf("printed %s: %v %q", name, err, clip(string(pdf)))
	}
}

func (o *official) script(enabled bool) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !enabled})
		return err
	})
}

func (o *official) media(m string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m})
		return err
	})
}

// The lists with the keyboard and on a phone: the skip link first, a visible focus,
// sorting by a heading both ways, the export links, no sideways scrolling at 390 px.
func TestBrowser_ListsKeyboardAndExport(t *testing.T) {
	t.Parallel()
	o := newOfficial(t)
	ctx, base, run, eval := o.ctx, o.base, o.run, o.eval
	// The skip link is the first stop of the keyboard and leads to the content.
	run("list", chromedp.Navigate(base+"/systems"), chromedp.WaitVisible(chromedp.ID("systems-list")), chromedp.KeyEvent(kb.Tab))
	if got := eval(`document.activeElement.className + "|" + document.activeElement.textContent`); got != "skip|Bỏ qua, đến nội dung chính" {
		t.Errorf("first Tab stop = %q, want the skip link", got)
	}
	if v := eval(`String(getComputedStyle(document.activeElement).top)`); strings.HasPrefix(v, "-") {
		t.Errorf("the focused skip link stays off screen (top %s)", v)
	}
	run("skip", chromedp.KeyEvent(kb.Enter))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.activeElement.id === "main"`)); err != nil {
		t.Errorf("the skip link does not move the focus to the content: %v", err)
	}
	// A visible focus ring on a heading link.
	run("focus a heading", chromedp.Focus(chromedp.CSS(`#systems-list th a.sort`)))
	if v := eval(`getComputedStyle(document.activeElement).outlineStyle`); v != "solid" {
		t.Errorf("a focused link shows no outline (%s)", v)
	}

	// Sorting by a heading, then the other way round.
	first := func() string {
		return eval(`document.querySelector("#systems-list tbody tr td:nth-child(2) a").textContent`)
	}
	run("sort by name", chromedp.Click(chromedp.CSS(`#systems-list th:nth-child(2) a.sort`)),
		chromedp.WaitVisible(chromedp.CSS(`#systems-list th[aria-sort="ascending"]:nth-child(2)`)))
	if got := first(); got != "Cổng thông tin điện tử tỉnh" {
		t.Errorf("first by name, ascending: %q", got)
	}
	if u := eval(`location.search`); u != "?dir=asc&sort=name" {
		t.Errorf("sorted URL %q", u)
	}
	run("sort by name, descending", chromedp.Click(chromedp.CSS(`#systems-list th:nth-child(2) a.sort`)),
		chromedp.WaitVisible(chromedp.CSS(`#systems-list th[aria-sort="descending"]:nth-child(2)`)))
	if got := first(); got != "Trung tâm dữ liệu tỉnh" {
		t.Errorf("first by name, descending: %q", got)
	}
	// The export links give the list as it is sorted.
	// (TextDecoder drops the byte-order mark: it is checked as bytes.)
	if got := eval(`fetch(document.getElementById("export-csv").href).then(r => r.arrayBuffer()).then(b => [...new Uint8Array(b).slice(0, 3)].join(",") + "|" + new TextDecoder().decode(b).split("\r\n").slice(0, 2).join("|"))`); !strings.HasPrefix(got, "239,187,191|Mã hệ thống,Tên hệ thống,") || !strings.Contains(got, "|HT-104,Trung tâm dữ liệu tỉnh,") {
		t.Errorf("CSV export starts %q", got)
	}
	if got := eval(`fetch(document.getElementById("export-xlsx").href).then(r => r.arrayBuffer().then(b => r.headers.get("content-type") + " " + String.fromCharCode(...new Uint8Array(b).slice(0, 2))))`); got != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet PK" {
		t.Errorf("XLSX export: %q", got)
	}
	phone(t, ctx, "11-danh-muc-sap-xep")
}

// The form as an official fills it: counts with thousands separators, a decimal comma
// refused, only the fields that matter, components as rows with and without JavaScript,
// the level kept in sight on a phone, the unsaved-changes warning but not after saving.
func TestBrowser_OfficialsForm(t *testing.T) {
	t.Parallel()
	o := newOfficial(t)
	ctx, base, run, eval := o.ctx, o.base, o.run, o.eval
	// The form: a count typed with thousands separators; a decimal comma refused.
	run("form", chromedp.Navigate(base+"/systems/new"), chromedp.WaitVisible(chromedp.ID("profile-form")),
		chromedp.SendKeys(chromedp.ID("in-name"), "Cổng dịch vụ công tỉnh"),
		chromedp.SendKeys(chromedp.ID("in-owner"), "UBND tỉnh Kiên Giang"),
		setSelect("in-system_type", "citizen_business"),
		chromedp.Click(chromedp.CSS(`input[name="info_types"][value="personal"]`)),
	)
	// Only what matters for a citizen service handling personal data is shown.
	for id, want := range map[string]bool{"f-infra_scope": true, "f-ics_work_grade": true, "f-secret_grade": true, "f-personal_data_users": false, "f-online_public_service_level": false} {
		if got := eval(`String(document.getElementById("` + id + `").hidden)`); got != map[bool]string{true: "true", false: "false"}[want] {
			t.Errorf("%s hidden = %s, want %v", id, got, want)
		}
	}
	run("a decimal comma", chromedp.SendKeys(chromedp.ID("in-personal_data_users"), "3,5"), chromedp.Focus(chromedp.ID("in-operator")))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`(document.querySelector("#f-personal_data_users .problem") || {}).textContent?.includes("«3,5» có dấu phẩy")`)); err != nil {
		t.Errorf("the decimal comma is not refused under its field: %v", err)
	}
	run("thousands", chromedp.Evaluate[chromedp.Void](`document.getElementById("in-personal_data_users").value = ""`), chromedp.SendKeys(chromedp.ID("in-personal_data_users"), "320.000"))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`(document.getElementById("preview-level") || {}).textContent === "Cấp độ 3"`)); err != nil {
		t.Fatalf("320.000 did not give level 3: %v\n%s\nvalue %q", err, eval(`document.getElementById("preview-body").textContent`), eval(`document.getElementById("in-personal_data_users").value`))
	}
	// A component row, added without a round trip.
	run("add a component", chromedp.Click(chromedp.ID("add-component")), chromedp.WaitVisible(chromedp.ID("in-c0-name")),
		chromedp.SendKeys(chromedp.ID("in-c0-name"), "Phân hệ thanh toán trực tuyến"),
		setSelect("in-c0-system_type", "citizen_business"),
		chromedp.Click(chromedp.CSS(`input[name="components.0.info_types"][value="private"]`)),
		chromedp.SendKeys(chromedp.ID("in-c0-personal_data_users"), "12 000"))
	if got := eval(`document.querySelector("#comp-0 legend").textContent`); got != "Thành phần 1" {
		t.Errorf("the new row is %q", got)
	}
	// On a phone the level stays in sight at the top while scrolling.
	run("phone", chromedp.EmulateViewport(390, 844, chromedp.EmulatePortrait), chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, document.body.scrollHeight / 2)`))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`(() => { const r = document.getElementById("sticky-summary").getBoundingClientRect();
		return r.top >= 0 && r.top < 5 && r.height > 0 && document.getElementById("sticky-level").textContent === "Cấp độ 3" })()`)); err != nil {
		t.Errorf("the level is not kept in sight on a phone: %v", err)
	}
	run("desktop", chromedp.EmulateViewport(1366, 900))
	phone(t, ctx, "12-bieu-mau-thanh-phan")

	// Leaving with unsaved input asks first; saving does not.
	run("leave", chromedp.Navigate(base+"/systems"), chromedp.WaitVisible(chromedp.ID("systems-list")))
	if o.prompts.Load() != 1 {
		t.Errorf("%d beforeunload prompts on leaving unsaved input, want 1", o.prompts.Load())
	}
	run("again", chromedp.Navigate(base+"/systems/new"), chromedp.WaitVisible(chromedp.ID("profile-form")),
		chromedp.SendKeys(chromedp.ID("in-name"), "Cổng dịch vụ công tỉnh"), chromedp.SendKeys(chromedp.ID("in-owner"), "UBND tỉnh Kiên Giang"),
		setSelect("in-system_type", "citizen_business"), chromedp.Click(chromedp.CSS(`input[name="info_types"][value="personal"]`)),
		chromedp.SendKeys(chromedp.ID("in-personal_data_users"), "320 000"),
		chromedp.Click(chromedp.ID("add-component")), chromedp.WaitVisible(chromedp.ID("in-c0-name")),
		chromedp.SendKeys(chromedp.ID("in-c0-name"), "Phân hệ thanh toán trực tuyến"), setSelect("in-c0-system_type", "internal"),
		chromedp.Click(chromedp.CSS(`input[name="components.0.info_types"][value="public"]`)),
		chromedp.Click(chromedp.ID("save")), chromedp.WaitVisible(chromedp.ID("saved-level")))
	if o.prompts.Load() != 1 {
		t.Errorf("saving asked about unsaved changes")
	}
	if got := eval(`document.body.textContent.includes("Phân hệ thanh toán trực tuyến") ? document.getElementById("saved-level").textContent : "no component"`); got != "Cấp độ 3" {
		t.Errorf("saved: %q", got)
	}
	sysURL := eval(`location.pathname`)
	phone(t, ctx, "13-he-thong-thanh-phan")

	// Without JavaScript the rows' buttons post the form and the server draws the rows.
	run("edit without JavaScript", o.script(false), chromedp.Navigate(base+sysURL+"/edit"), chromedp.WaitVisible(chromedp.ID("in-c0-name")),
		chromedp.Click(chromedp.ID("add-component")), chromedp.WaitVisible(chromedp.ID("in-c1-name")),
		chromedp.SendKeys(chromedp.ID("in-c1-name"), "Phân hệ báo cáo"),
		chromedp.Click(chromedp.CSS(`#comp-0 .remove-component`)), chromedp.WaitNotPresent(chromedp.ID("in-c1-name")))
	// The removal posts the form: the second row is gone as soon as the next page starts,
	// while that page is still being parsed, so wait for the fields read below. (Script is
	// off here, so the wait is DOM queries, not a poll in the page.)
	run("the form after the removal", chromedp.WaitVisible(chromedp.ID("in-personal_data_users")), chromedp.WaitVisible(chromedp.ID("in-c0-name")))
	if got := eval(`document.getElementById("in-c0-name").value + "|" + document.getElementById("in-personal_data_users").value`); got != "Phân hệ báo cáo|320.000" {
		t.Errorf("after add and remove without JavaScript: %q", got)
	}
	phone(t, ctx, "14-bieu-mau-khong-js")
	run("JavaScript again", o.script(true))
}

// A dossier on a phone and on paper, and the remaining pages at 390 px.
func TestBrowser_DossierPrintAndPhone(t *testing.T) {
	t.Parallel()
	o := newOfficial(t)
	ctx, base, run, eval := o.ctx, o.base, o.run, o.eval
	run("a system", chromedp.Navigate(base+"/systems?q=HT-103"), chromedp.WaitVisible(chromedp.ID("systems-list")),
		chromedp.Click(chromedp.CSS(`#systems-list tbody a`)), chromedp.WaitVisible(chromedp.ID("generate")))
	sysURL := eval(`location.pathname`)
	phone(t, ctx, "13-he-thong")
	// A dossier under Decree 85, which the web app offers a transitional system until
	// 01/01/2027 (server/transition.go): its page and the lists on a phone.
	run("transitional", chromedp.Navigate(base+sysURL+"/edit"), chromedp.WaitVisible(chromedp.ID("profile-form")),
		chromedp.Click(chromedp.CSS(`input[name="transitional"]`)), chromedp.Click(chromedp.ID("save")), chromedp.WaitVisible(chromedp.ID("saved-level")))
	run("dossier", setSelect("rule-set", "d85-2016"), chromedp.Click(chromedp.ID("generate")), chromedp.WaitVisible(chromedp.ID("chain-ok")))
	if u := eval(`location.pathname`); !strings.HasPrefix(u, "/dossiers/") {
		t.Fatalf("after generating: %s", u)
	}
	if got := eval(`document.querySelector("#documents tbody td").textContent`); !strings.HasPrefix(got, "Tờ trình đề nghị thẩm định") || strings.Contains(got, "phê duyệt") {
		t.Errorf("the level-3 request is named %q", got)
	}
	if got := eval(`document.getElementById("footer-rules").textContent`); !strings.Contains(got, "Bộ quy tắc của hồ sơ: d85-2016") {
		t.Errorf("dossier footer %q", got)
	}
	phone(t, ctx, "15-ho-so")
	// Printed: no header, menus or buttons; the documents' full addresses.
	run("print", o.media("print"))
	printed := eval(`[getComputedStyle(document.querySelector("header.top")).display, getComputedStyle(document.getElementById("download-zip")).display,
		getComputedStyle(document.querySelector(".actions-form")).display, getComputedStyle(document.getElementById("footer-rules")).display,
		getComputedStyle(document.querySelector("#documents td a"), "::after").content].join("|")`)
	if want := "none|none|none|block|\" <" + base + "/api/v1/dossiers/"; !strings.HasPrefix(printed, want) {
		t.Errorf("printed dossier: %q, want %q…", printed, want)
	}
	o.printPDF("15-ho-so-in.pdf")
	shot(t, ctx, "15-ho-so-in.png")
	run("screen", o.media(""))
	run("system", chromedp.Navigate(base+sysURL), chromedp.WaitVisible(chromedp.ID("generate")), o.media("print"))
	if got := eval(`[getComputedStyle(document.getElementById("edit-system")).display, getComputedStyle(document.querySelector("main td a[href^='/dossiers/']"), "::after").content].join("|")`); !strings.HasPrefix(got, "none|\" <"+base+"/dossiers/") {
		t.Errorf("printed system page: %q", got)
	}
	o.printPDF("13-he-thong-in.pdf")
	run("screen", o.media(""))
	for _, p := range []struct{ url, name string }{
		{"/dossiers", "16-danh-sach-ho-so"}, {"/dossiers?sort=due&dir=asc&q=cong", "17-ho-so-loc"}, {"/", "18-tong-quan"},
		{"/systems/new", "19-bieu-mau-moi"},
	} {
		run(p.url, chromedp.Navigate(base+p.url), chromedp.WaitVisible(chromedp.CSS("main h1")))
		phone(t, ctx, p.name)
	}
}
