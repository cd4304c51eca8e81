package server_test

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"golang.org/x/crypto/bcrypt"

	"capdo/levels"
	"capdo/people"
	"capdo/server"
	"capdo/store"
)

// A dossier submitted by the operating unit appears at once in the infosec unit's inbox,
// with the unread count in the header and on the dashboard; opening it reads it and the
// count clears. The inbox is photographed at 1366 and 390 px.
func TestBrowser_NotificationAfterSubmit(t *testing.T) {
	t.Parallel() // one tab each of the shared Chromium
	ctx := browserContext(t)
	bg := context.Background()
	db := openRealDB(t, standStill(browserDay))
	province, _ := db.CreateOrg(bg, store.NewOrg{Name: "UBND tỉnh Kiên Giang"})
	dept, _ := db.CreateOrg(bg, store.NewOrg{Name: "Sở Thông tin và Truyền thông", ParentID: province.ID})
	health, _ := db.CreateOrg(bg, store.NewOrg{Name: "Sở Y tế", ParentID: province.ID})
	hash, _ := bcrypt.GenerateFromPassword([]byte(password), bcrypt.MinCost)
	for _, u := range []store.NewUser{
		{Username: "vanhanh", Role: "operator", OrgID: health.ID, Contact: people.Contact{FullName: "Phạm Thị Vận Hành"}},
		{Username: "attt", Role: "infosec", OrgID: dept.ID, Contact: people.Contact{FullName: "Nguyễn Văn An", Title: "Trưởng phòng An toàn thông tin"}},
		{Username: "quantri", Role: "admin", OrgID: province.ID},
	} {
		u.PasswordHash = hash
		if _, err := db.CreateUser(bg, u); err != nil {
			t.Fatal(err)
		}
	}
	rs, _ := levels.Open(levels.DefaultRuleSet)
	p := levels.Profile{ID: "HT-103", Name: "Hệ thống bệnh án điện tử liên thông các bệnh viện tuyến tỉnh", Owner: "UBND tỉnh Kiên Giang",
		SystemType: "citizen_business", InfoTypes: []string{"personal"}, PersonalDataUsers: 40000}
	dec, _ := rs.Classify(bg, &p)
	sys, err := db.CreateSystem(bg, health.ID, store.NewVersion{Profile: p, Decision: dec})
	if err != nil {
		t.Fatal(err)
	}
	base := serveReal(t, db, rs, server.Config{})

	// The operating unit makes a dossier and submits it through the API.
	jar, _ := cookiejar.New(nil)
	api := &http.Client{Jar: jar}
	post := func(path, body string) {
		t.Helper()
		resp, err := api.Post(base+path, "application/json", strings.NewReader(body))
		if err != nil || resp.StatusCode >= 300 {
			t.Fatalf("POST %s: %v %v", path, err, resp.Status)
		}
		resp.Body.Close()
	}
	post("/api/v1/login", `{"username":"vanhanh","password":"`+password+`"}`)
	post("/api/v1/systems/"+itoa(sys)+"/dossiers", "")
	post("/api/v1/dossiers/1/actions", `{"action":"submit","comment":"Đề nghị thẩm định"}`)

	err = chromedp.Do(ctx,
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), "attt"),
		chromedp.SendKeys(chromedp.ID("password"), password),
		chromedp.Click(chromedp.ID("login")),
		chromedp.WaitVisible(chromedp.ID("unread-count")),
	)
	if err != nil {
		t.Fatalf("login: %v", err)
	}
	text := func(sel string) string {
		t.Helper()
		s, err := readText(ctx, chromedp.CSS(sel))
		if err != nil {
			t.Fatalf("%s: %v", sel, err)
		}
		return strings.TrimSpace(s)
	}
	if n := text("#unread-count"); n != "1" {
		t.Errorf("header count %q, want 1", n)
	}
	if s := text("#dashboard-unread"); s != "Bạn có 1 thông báo chưa đọc" {
		t.Errorf("dashboard: %q", s)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("notifications-link")), chromedp.WaitVisible(chromedp.ID("inbox"))); err != nil {
		t.Fatal(err)
	}
	if s := text("#inbox li.unread"); !strings.Contains(strings.ToLower(s), "hồ sơ được gửi") || !strings.Contains(s, "Hệ thống bệnh án điện tử") ||
		!strings.Contains(s, "chờ Đơn vị chuyên trách ATTT xử lý") {
		t.Errorf("inbox: %q", s)
	}
	shot(t, ctx, "thong-bao-1366.png")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844)); err != nil {
		t.Fatal(err)
	}
	if w, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 390 {
		t.Errorf("the inbox scrolls sideways at 390 px: %d px wide", w)
	}
	shot(t, ctx, "thong-bao-390.png")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900)); err != nil {
		t.Fatal(err)
	}
	// Opening the dossier from the notification reads it: the count is gone.
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#inbox li.unread button.primary`)),
		chromedp.WaitVisible(chromedp.ID("dossier-status")),
	)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#unread-count").length`)); n != 0 {
		t.Error("the unread count stays after the notification was opened")
	}
	if body, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`)); !strings.Contains(body, "Phạm Thị Vận Hành (vanhanh)") {
		t.Error("the history does not name the person who submitted")
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/notifications"), chromedp.WaitVisible(chromedp.ID("inbox"))); err != nil {
		t.Fatal(err)
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#inbox li.unread").length`)); n != 0 {
		t.Error("the notification is still unread")
	}
	shot(t, ctx, "thong-bao-da-doc-1366.png")

	// The pages of people and units, looked at as a user sees them.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/account"), chromedp.WaitVisible(chromedp.ID("contact-form"))); err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, "tai-khoan-1366.png")
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)),
		chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), "quantri"),
		chromedp.SendKeys(chromedp.ID("password"), password),
		chromedp.Click(chromedp.ID("login")),
		chromedp.WaitVisible(chromedp.ID("notifications-link")),
		chromedp.Navigate(base+"/admin/users"),
		chromedp.WaitVisible(chromedp.CSS("table.list")),
	)
	if err != nil {
		t.Fatal(err)
	}
	// The users' table becomes cards on a phone, as the other lists do.
	phone(t, ctx, "nguoi-dung")
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/admin/orgs?edit="+itoa(dept.ID)), chromedp.WaitVisible(chromedp.ID("org-edit"))); err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, "don-vi-1366.png")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844)); err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, "don-vi-390.png")
}
