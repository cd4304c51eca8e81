package server_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"capdo/levels"
	"capdo/mfa"
)

// A person turns on the second factor in the browser: the QR code shows (the page's
// Content-Security-Policy allows the data: image), the code of an authenticator app
// turns it on, the recovery codes are shown once; the next login asks for a code on a
// second page and lands where it was going.
func TestBrowser_MFAEnrolAndLogin(t *testing.T) {
	t.Parallel() // one tab each of the shared Chromium
	ctx := browserContext(t)
	// The real clock: the browser drops the code step's cookie when it has expired by the
	// real clock, and the codes are the real clock's, as on a phone.
	base, _ := startRealServerAt(t, levels.DefaultRuleSet, nil)
	login := chromedp.Do(ctx,
		chromedp.Navigate(base+"/login?next=/dossiers"),
		chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), "VANHANH"),
		chromedp.SendKeys(chromedp.ID("password"), password),
		chromedp.Click(chromedp.ID("login")),
		chromedp.WaitVisible(chromedp.ID("account-link")),
		chromedp.Navigate(base+"/account/mfa"),
		chromedp.WaitVisible(chromedp.ID("mfa-qr")),
	)
	if login != nil {
		t.Fatalf("login and open the page: %v", login)
	}
	if w, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.getElementById("mfa-qr").naturalWidth`)); err != nil || w != 240 {
		t.Errorf("the QR code did not load: naturalWidth %d, %v", w, err)
	}
	secret, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('input[name="secret"]').value`))
	if err != nil || !mfa.ValidSecret(secret) {
		t.Fatalf("secret %q, %v", secret, err)
	}
	typed, _ := readText(ctx, chromedp.ID("mfa-secret"))
	if strings.ReplaceAll(typed, " ", "") != secret {
		t.Errorf("the key to type %q is not the secret %q", typed, secret)
	}
	shot(t, ctx, "xac-thuc-hai-lop-bat.png")
	enrolled := time.Now()
	code, _ := mfa.Code(secret, enrolled)
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.ID("mfa-code"), code),
		chromedp.SendKeys(chromedp.ID("mfa-current"), password),
		chromedp.Click(chromedp.ID("mfa-enable")),
		chromedp.WaitVisible(chromedp.ID("recovery-codes")),
	); err != nil {
		t.Fatalf("enrol: %v", err)
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#recovery-codes li").length`)); n != mfa.RecoveryCodes {
		t.Errorf("%d recovery codes shown, want %d", n, mfa.RecoveryCodes)
	}
	shot(t, ctx, "xac-thuc-hai-lop-ma-khoi-phuc.png")
	// Log out, then in again: the password, then the code of a later time step (the
	// enrolment's is spent): the next one, or the current one if the clock has passed it.
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)),
		chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.Navigate(base+"/login?next=/dossiers"),
		chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), "vanhanh"),
		chromedp.SendKeys(chromedp.ID("password"), password),
		chromedp.Click(chromedp.ID("login")),
		chromedp.WaitVisible(chromedp.ID("code")),
	); err != nil {
		t.Fatalf("second login, password step: %v", err)
	}
	shot(t, ctx, "xac-thuc-hai-lop-dang-nhap.png")
	at := enrolled.Add(30 * time.Second) // RFC 6238's time step
	if now := time.Now(); now.After(at) {
		at = now
	}
	next, _ := mfa.Code(secret, at)
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.ID("code"), next),
		chromedp.Click(chromedp.ID("verify")),
		chromedp.WaitVisible(chromedp.ID("account-link")),
	); err != nil {
		t.Fatalf("second login, code step: %v", err)
	}
	if loc, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`)); loc != "/dossiers" {
		t.Errorf("after the code the browser is at %q, want /dossiers", loc)
	}
}
