package server_test

import (
	"net/http"
	"net/http/cookiejar"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// apiAs signs in through the API with a client of its own and returns a function that
// sends JSON as that user.
// approveByAPI takes the record server's system through a Decree 85 dossier to its
// approval over the API: made and submitted by the operator, appraised by the infosec
// unit, approved by the owner.
func approveByAPI(t *testing.T, base string, system int64) {
	t.Helper()
	op, attt, owner := apiAs(t, base, "vanhanh"), apiAs(t, base, "attt"), apiAs(t, base, "chuquan")
	code, body := op("POST", "/api/v1/systems/"+itoa(system)+"/dossiers", "")
	if code != 201 {
		t.Fatalf("dossier = %d %s", code, body)
	}
	d := body[strings.Index(body, `"id":`)+5 : strings.Index(body, ",")]
	for _, s := range []struct {
		as     func(string, string, string) (int, string)
		action string
	}{{op, "submit"}, {attt, "appraise"}, {owner, "approve"}} {
		if code, body := s.as("POST", "/api/v1/dossiers/"+d+"/actions", `{"action":"`+s.action+`","comment":"Đồng ý"}`); code != 200 {
			t.Fatalf("%s = %d %s", s.action, code, body)
		}
	}
}

func apiAs(t *testing.T, base, user string) func(method, path, body string) (int, string) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	send := func(method, path, body string) (int, string) {
		t.Helper()
		req, err := http.NewRequest(method, base+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b strings.Builder
		buf := make([]byte, 4096)
		for {
			n, err := resp.Body.Read(buf)
			b.Write(buf[:n])
			if err != nil {
				break
			}
		}
		return resp.StatusCode, b.String()
	}
	if code, body := send("POST", "/api/v1/login", `{"username":"`+user+`","password":"`+password+`"}`); code != 200 {
		t.Fatalf("login %s = %d %s", user, code, body)
	}
	return send
}

// The system page of a level approved under Decree 85, with the real clock: the
// obligation to meet Decree 331 by 01/07/2027 counted down, the level under both decrees
// side by side, and the rule set of a new dossier, at 1366 and 390 px.
func TestBrowser_SystemTransition(t *testing.T) {
	t.Parallel() // one tab each of the shared Chromium
	ctx := browserContext(t)
	base, system := recordServer(t)
	id := itoa(system)
	approveByAPI(t, base, system)
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), "vanhanh"), chromedp.SendKeys(chromedp.ID("password"), password),
		chromedp.Click(chromedp.ID("login")), chromedp.WaitVisible(chromedp.ID("account-link")),
		chromedp.Navigate(base+"/systems/"+id), chromedp.WaitVisible(chromedp.ID("levels-compare")),
	)
	if err != nil {
		t.Fatal(err)
	}
	for _, sel := range []string{"#system-transition .countdown .days", "#level-d85-2016 .level", "#level-d331-2026 .level", "#rule-set"} {
		if n, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector(`+jsString(sel)+`) !== null`)); !n {
			t.Errorf("the page lacks %s", sel)
		}
	}
	days, _ := readText(ctx, chromedp.CSS("#system-transition"))
	if !strings.Contains(days, "01/07/2027") || !strings.Contains(days, "ngày làm việc") {
		t.Errorf("the countdown reads %q", days)
	}
	// Side by side on a wide screen, one under the other on a phone.
	sideBySide := `(() => { const a = document.getElementById("level-d85-2016").getBoundingClientRect(), b = document.getElementById("level-d331-2026").getBoundingClientRect(); return Math.abs(a.top - b.top) < 2 && b.left > a.right })()`
	if ok, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](sideBySide)); !ok {
		t.Error("the two decrees are not side by side at 1366 px")
	}
	shots(t, ctx, "he-thong-chuyen-tiep")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844)); err != nil {
		t.Fatal(err)
	}
	if ok, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](sideBySide)); ok {
		t.Error("the two decrees stay side by side at 390 px")
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900), chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.ID("dashboard-transition"))); err != nil {
		t.Fatal(err)
	}
	if text, _ := readText(ctx, chromedp.ID("transition-compliance")); !strings.Contains(text, "Hệ thống bệnh án điện tử") {
		t.Errorf("the dashboard's transition block reads %q", text)
	}
	shots(t, ctx, "tong-quan-chuyen-tiep")
}
