package server_test

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
	"golang.org/x/crypto/bcrypt"

	"capdo/levels"
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
	db := openRealDB(t, standStill(browserDay))
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
	// The server runs at browserDay, after Decree 85 lapsed: the loop is walked under
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
	return serveReal(t, db, rs, server.Config{}), system
}

// shots saves a full-page screenshot at 1366 px and at 390 px (a phone) when the run keeps
// its artifacts (go test -artifacts -outputdir DIR), and checks either way that the page
// does not scroll sideways on the phone.
func shots(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	keep := keepScreenshots()
	if keep {
		shot(t, ctx, name+"-1366.png")
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844)); err != nil {
		t.Fatal(err)
	}
	if keep {
		shot(t, ctx, name+"-390.png")
	}
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
