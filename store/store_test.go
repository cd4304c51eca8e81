package store_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"capdo/levels"
	"capdo/store"
	"capdo/store/storetest"
)

// MustOpen opens a fresh database on the run's engine (storetest).
func MustOpen(tb testing.TB) *store.DB {
	tb.Helper()
	db, err := store.Open(context.Background(), storetest.DSN(tb), nil)
	if err != nil {
		tb.Fatalf("Open() failed: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	if _, err := db.UseAuditKey(context.Background(), testKey, true); err != nil {
		tb.Fatalf("UseAuditKey() failed: %v", err)
	}
	return db
}

func mustOrg(tb testing.TB, db *store.DB, name string, parent int64) store.Org {
	tb.Helper()
	o, err := db.CreateOrg(context.Background(), store.NewOrg{Name: name, ParentID: parent})
	if err != nil {
		tb.Fatalf("CreateOrg(%q) failed: %v", name, err)
	}
	return o
}

func mustUser(tb testing.TB, db *store.DB, name, role string, org int64) store.User {
	tb.Helper()
	u, err := db.CreateUser(context.Background(), store.NewUser{Username: name, Role: role, OrgID: org, PasswordHash: []byte("x")})
	if err != nil {
		tb.Fatalf("CreateUser(%q) failed: %v", name, err)
	}
	return u
}

// version classifies a small profile so that stored versions carry a real decision.
func version(tb testing.TB, name string, users int64) store.NewVersion {
	tb.Helper()
	p := levels.Profile{Name: name, Owner: "UBND tỉnh Hà Nam", SystemType: "citizen_business",
		InfoTypes: []string{"public", "personal"}, PersonalDataUsers: users}
	if ps := levels.Validate(&p); len(ps) > 0 {
		tb.Fatalf("Validate: %v", ps)
	}
	rs, err := levels.Open(levels.DefaultRuleSet)
	if err != nil {
		tb.Fatal(err)
	}
	d, err := rs.Classify(context.Background(), &p)
	if err != nil {
		tb.Fatal(err)
	}
	return store.NewVersion{Profile: p, Decision: d}
}

// latestMigration is the number of the newest file in migrations/, the version a database
// has once opened.
func latestMigration(tb testing.TB) int {
	tb.Helper()
	files, err := filepath.Glob("migrations/*.sql")
	if err != nil || len(files) == 0 {
		tb.Fatalf("migrations: %v", err)
	}
	latest := 0
	for _, f := range files {
		var n int
		if _, err := fmt.Sscanf(filepath.Base(f), "%d_", &n); err != nil {
			tb.Fatalf("%s: %v", f, err)
		}
		latest = max(latest, n)
	}
	return latest
}

func TestOpen_MigrationsIdempotent(t *testing.T) {
	ctx := context.Background()
	path := storetest.DSN(t)
	want := latestMigration(t)
	for i := 0; i < 3; i++ {
		db, err := store.Open(ctx, path, nil)
		if err != nil {
			t.Fatalf("Open() #%d failed: %v", i+1, err)
		}
		v, err := db.SchemaVersion(ctx)
		if err != nil || v != want {
			t.Fatalf("SchemaVersion() = %d, %v; want %d", v, err, want)
		}
		if i == 0 {
			mustOrg(t, db, "Sở Thông tin", 0)
		}
		db.Close()
	}
	db := MustOpen(t)
	if _, err := db.OrgByName(ctx, "Sở Thông tin"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("fresh database has data: %v", err)
	}
}

func TestOpen_RejectsBadPath(t *testing.T) {
	if _, err := store.Open(context.Background(), "a.db?mode=memory", nil); err == nil {
		t.Fatal("Open accepted a path with a query string")
	}
}

// A new database file is readable by its owner only: it may describe secret systems.
func TestOpen_NewFileIsPrivate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "capdo.db")
	db, err := store.Open(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := st.Mode().Perm(); perm != 0o600 {
		t.Errorf("database file mode = %o, want 600", perm)
	}
}

// Many users saving at once must never see SQLITE_BUSY: writes queue on one connection.
func TestConcurrentWrites_NoBusy(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	org := mustOrg(t, db, "UBND tỉnh", 0)
	const workers, each = 8, 40
	var wg sync.WaitGroup
	errs := make(chan error, workers*each*3)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				id, err := db.CreateSystem(ctx, org.ID, version(t, fmt.Sprintf("Hệ thống %d-%d", w, i), 100))
				if err != nil {
					errs <- err
					continue
				}
				if _, err := db.UpdateSystem(ctx, store.Scope{OrgID: org.ID}, id, version(t, "Đổi tên", 20000)); err != nil {
					errs <- err
				}
				if _, err := db.ListSystems(ctx, store.Scope{OrgID: org.ID}, store.SystemFilter{Level: -1, Limit: 5}); err != nil {
					errs <- err
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent write failed: %v", err)
	}
	list, err := db.ListSystems(ctx, store.Scope{OrgID: org.ID}, store.SystemFilter{Level: -1})
	if err != nil || len(list) != workers*each {
		t.Fatalf("ListSystems = %d systems, %v; want %d", len(list), err, workers*each)
	}
}

func TestSubtree(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	root := mustOrg(t, db, "UBND tỉnh Hà Nam", 0)
	so := mustOrg(t, db, "Sở Y tế", root.ID)
	bv := mustOrg(t, db, "Bệnh viện tỉnh", so.ID)
	other := mustOrg(t, db, "UBND tỉnh Nam Định", 0)

	sub, err := db.Subtree(ctx, root.ID)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, o := range sub {
		names = append(names, fmt.Sprintf("%d:%s", o.Depth, o.Name))
	}
	if got, want := fmt.Sprint(names), "[0:UBND tỉnh Hà Nam 1:Sở Y tế 2:Bệnh viện tỉnh]"; got != want {
		t.Errorf("Subtree = %s, want %s", got, want)
	}
	for _, c := range []struct {
		root, id int64
		want     bool
	}{{root.ID, bv.ID, true}, {so.ID, bv.ID, true}, {bv.ID, so.ID, false}, {root.ID, other.ID, false}, {other.ID, other.ID, true}} {
		if got, _ := db.InSubtree(ctx, c.root, c.id); got != c.want {
			t.Errorf("InSubtree(%d, %d) = %v, want %v", c.root, c.id, got, c.want)
		}
	}
	if _, err := db.CreateOrg(ctx, store.NewOrg{Name: "Sở Y tế"}); !errors.Is(err, store.ErrConflict) {
		t.Errorf("duplicate organisation: err = %v, want ErrConflict", err)
	}

	// A system of the hospital is visible from the province and the department, not from the
	// other province, and cannot be changed from there either.
	id, err := db.CreateSystem(ctx, bv.ID, version(t, "Bệnh án điện tử", 500))
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range []int64{root.ID, so.ID, bv.ID} {
		if _, err := db.System(ctx, store.Scope{OrgID: sc}, id); err != nil {
			t.Errorf("System from org %d: %v", sc, err)
		}
	}
	if _, err := db.System(ctx, store.Scope{OrgID: other.ID}, id); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("System from another province: err = %v, want ErrNotFound", err)
	}
	if _, err := db.UpdateSystem(ctx, store.Scope{OrgID: other.ID}, id, version(t, "x", 1)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("UpdateSystem from another province: err = %v, want ErrNotFound", err)
	}
	if list, _ := db.ListSystems(ctx, store.Scope{OrgID: other.ID}, store.SystemFilter{Level: -1}); len(list) != 0 {
		t.Errorf("ListSystems from another province = %d systems, want 0", len(list))
	}
}

func TestListSystems_Filters(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	a := mustOrg(t, db, "Tỉnh A", 0)
	b := mustOrg(t, db, "Sở B", a.ID)
	mustSystem := func(org int64, name string, users int64) int64 {
		id, err := db.CreateSystem(ctx, org, version(t, name, users))
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	mustSystem(a.ID, "Cổng dịch vụ công Hà Nội", 20000) // level 3
	mustSystem(b.ID, "Quản lý văn bản Đà Nẵng", 10)     // level 2
	mustSystem(b.ID, "Thư điện tử 50%_off", 10)

	sc := store.Scope{OrgID: a.ID}
	for _, c := range []struct {
		name string
		f    store.SystemFilter
		want int
	}{
		{"all", store.SystemFilter{Level: -1}, 3},
		{"level 3", store.SystemFilter{Level: 3}, 1},
		{"org", store.SystemFilter{Level: -1, OrgID: b.ID}, 2},
		{"diacritics", store.SystemFilter{Level: -1, Query: "ha noi"}, 1},
		{"upper case", store.SystemFilter{Level: -1, Query: "DA NANG"}, 1},
		{"đ as d", store.SystemFilter{Level: -1, Query: "dich vu"}, 1},
		{"words any order", store.SystemFilter{Level: -1, Query: "noi cong"}, 1},
		{"owner", store.SystemFilter{Level: -1, Query: "hà nam"}, 3},
		{"like is literal", store.SystemFilter{Level: -1, Query: "%_"}, 1},
		{"status none", store.SystemFilter{Level: -1, Status: "none"}, 3},
		{"status draft", store.SystemFilter{Level: -1, Status: "draft"}, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			list, err := db.ListSystems(ctx, sc, c.f)
			if err != nil || len(list) != c.want {
				t.Errorf("ListSystems(%+v) = %d, %v; want %d", c.f, len(list), err, c.want)
			}
		})
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Hà Nội":               "ha noi",
		"ĐẮK LẮK":              "dak lak",
		"  Cổng   dịch vụ  ":   "cong dich vu",
		"Thừa Thiên – Huế":     "thua thien – hue",
		"Nghị định 85/2016":    "nghi dinh 85/2016",
		"\u0041\u0300 decomp.": "a decomp.",
	} {
		if got := store.Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSystemVersions(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	org := mustOrg(t, db, "Sở", 0)
	u := mustUser(t, db, "vanhanh", "operator", org.ID)
	v1 := version(t, "Cổng", 100)
	v1.ActorID = u.ID
	id, err := db.CreateSystem(ctx, org.ID, v1)
	if err != nil {
		t.Fatal(err)
	}
	n, err := db.UpdateSystem(ctx, store.Scope{OrgID: org.ID}, id, version(t, "Cổng mới", 20000))
	if err != nil || n != 2 {
		t.Fatalf("UpdateSystem = %d, %v; want 2", n, err)
	}
	vs, err := db.SystemVersions(ctx, store.Scope{OrgID: org.ID}, id)
	if err != nil || len(vs) != 2 {
		t.Fatalf("SystemVersions = %d, %v", len(vs), err)
	}
	if vs[0].Actor != "vanhanh" || vs[0].Profile.Name != "Cổng" || vs[1].Profile.Name != "Cổng mới" || vs[1].Level <= vs[0].Level {
		t.Errorf("versions = %+v", vs)
	}
	s, _ := db.System(ctx, store.Scope{OrgID: org.ID}, id)
	if s.Version != 2 || s.Level != vs[1].Level || s.Decision.Level != s.Level {
		t.Errorf("System = version %d level %d, want the newest", s.Version, s.Level)
	}
}

func TestUsers(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	org := mustOrg(t, db, "Sở", 0)
	sub := mustOrg(t, db, "Trung tâm", org.ID)
	u := mustUser(t, db, "Admin", "admin", org.ID)
	mustUser(t, db, "vanhanh", "operator", sub.ID)
	if _, err := db.CreateUser(ctx, store.NewUser{Username: "admin", Role: "admin", OrgID: org.ID, PasswordHash: []byte("x")}); !errors.Is(err, store.ErrConflict) {
		t.Errorf("duplicate username (other case): err = %v, want ErrConflict", err)
	}
	if _, err := db.CreateUser(ctx, store.NewUser{Username: "x", Role: "root", OrgID: org.ID, PasswordHash: []byte("x")}); err == nil {
		t.Error("CreateUser accepted an unknown role")
	}
	got, err := db.UserByUsername(ctx, "ADMIN")
	if err != nil || got.ID != u.ID || got.OrgName != "Sở" {
		t.Errorf("UserByUsername = %+v, %v", got, err)
	}
	if list, _ := db.UsersIn(ctx, org.ID); len(list) != 2 {
		t.Errorf("UsersIn(root) = %d users, want 2", len(list))
	}
	if list, _ := db.UsersIn(ctx, sub.ID); len(list) != 1 {
		t.Errorf("UsersIn(sub) = %d users, want 1", len(list))
	}

	if _, err := db.CreateSession(ctx, "h1", u.ID, "c", time.Hour); err != nil {
		t.Fatal(err)
	}
	if err := db.SetDisabled(ctx, u.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.Session(ctx, "h1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("session of a disabled user: err = %v, want ErrNotFound", err)
	}
	if err := db.SetPassword(ctx, 999, []byte("x")); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SetPassword(unknown) = %v, want ErrNotFound", err)
	}
}

func TestSessions_Expiry(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	org := mustOrg(t, db, "Sở", 0)
	u := mustUser(t, db, "a", "operator", org.ID)
	if _, err := db.CreateSession(ctx, "tok", u.ID, "csrf", 8*time.Hour); err != nil {
		t.Fatal(err)
	}
	s, su, err := db.Session(ctx, "tok")
	if err != nil || su.ID != u.ID || s.CSRF != "csrf" {
		t.Fatalf("Session = %+v %+v %v", s, su, err)
	}
	now = now.Add(8*time.Hour + time.Second)
	if _, _, err := db.Session(ctx, "tok"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("expired session: err = %v, want ErrNotFound", err)
	}
	if n, err := db.DeleteExpiredSessions(ctx); n != 1 || err != nil {
		t.Errorf("DeleteExpiredSessions = %d, %v; want 1", n, err)
	}
}

// TouchSession moves last-seen forward only; DeleteIdleSessions removes what was not seen
// since a time.
func TestSessions_LastSeen(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	start := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	now := start
	db.Now = func() time.Time { return now }
	u := mustUser(t, db, "a", "operator", mustOrg(t, db, "Sở", 0).ID)
	for _, h := range []string{"busy", "idle"} {
		if s, err := db.CreateSession(ctx, h, u.ID, "c", 8*time.Hour); err != nil || !s.LastSeen.Equal(start) {
			t.Fatalf("CreateSession = %+v, %v", s, err)
		}
	}
	now = start.Add(20 * time.Minute)
	if err := db.TouchSession(ctx, "busy"); err != nil {
		t.Fatal(err)
	}
	now = start.Add(10 * time.Minute) // a late request of the same session
	if err := db.TouchSession(ctx, "busy"); err != nil {
		t.Fatal(err)
	}
	if s, _, err := db.Session(ctx, "busy"); err != nil || !s.LastSeen.Equal(start.Add(20*time.Minute)) {
		t.Errorf("busy last seen = %v, %v; want %v", s.LastSeen, err, start.Add(20*time.Minute))
	}
	if n, err := db.DeleteIdleSessions(ctx, start.Add(time.Minute)); n != 1 || err != nil {
		t.Errorf("DeleteIdleSessions = %d, %v; want 1", n, err)
	}
	if _, _, err := db.Session(ctx, "idle"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("idle session: %v, want ErrNotFound", err)
	}
}

func TestSetupToken_SingleUse(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	if err := db.CreateSetupToken(ctx, "old", time.Hour); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateSetupToken(ctx, "new", time.Hour); err != nil {
		t.Fatal(err)
	}
	if ok, _ := db.SetupTokenValid(ctx, "old"); ok {
		t.Error("an older setup link is still valid")
	}
	if ok, _ := db.SetupTokenValid(ctx, "new"); !ok {
		t.Fatal("the newest setup link is not valid")
	}
	nu := store.NewUser{Username: "admin", Role: "admin", PasswordHash: []byte("x")}
	// Two browsers on the same link at once: exactly one account.
	var wg sync.WaitGroup
	results := make(chan error, 4)
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			nu := nu
			nu.Username = fmt.Sprintf("admin%d", i)
			_, err := db.CompleteSetup(ctx, "new", "Bộ Nội vụ", nu)
			results <- err
		}(i)
	}
	wg.Wait()
	close(results)
	ok := 0
	for err := range results {
		if err == nil {
			ok++
		} else if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("CompleteSetup: %v", err)
		}
	}
	if n, _ := db.CountUsers(ctx); ok != 1 || n != 1 {
		t.Errorf("setup created %d accounts (%d successes), want 1", n, ok)
	}
	if err := db.CreateSetupToken(ctx, "late", time.Hour); err != nil {
		t.Fatal(err)
	}
	if ok, _ := db.SetupTokenValid(ctx, "late"); ok {
		t.Error("a setup link is valid although an administrator exists")
	}
}

func TestSetupToken_Expires(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	db.CreateSetupToken(ctx, "t", 24*time.Hour)
	now = now.Add(25 * time.Hour)
	if _, err := db.CompleteSetup(ctx, "t", "Sở", store.NewUser{Username: "a", Role: "admin", PasswordHash: []byte("x")}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("expired link: err = %v, want ErrNotFound", err)
	}
}

// A page is a window on the same order as the whole list, and the count ignores the window
// but not the filters.
func TestListSystems_Paging(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { now = now.Add(time.Second); return now }
	a := mustOrg(t, db, "Tỉnh A", 0)
	other := mustOrg(t, db, "Tỉnh B", 0)
	for i := 0; i < 7; i++ {
		if _, err := db.CreateSystem(ctx, a.ID, version(t, fmt.Sprintf("Hệ thống Hà Nội %d", i), 10)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.CreateSystem(ctx, a.ID, version(t, "Cổng Đà Nẵng", 20000)); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateSystem(ctx, other.ID, version(t, "Hệ thống Hà Nội khác", 10)); err != nil {
		t.Fatal(err)
	}
	sc := store.Scope{OrgID: a.ID}
	all, err := db.ListSystems(ctx, sc, store.SystemFilter{Level: -1})
	if err != nil || len(all) != 8 {
		t.Fatalf("ListSystems(all) = %d, %v", len(all), err)
	}
	ids := func(list []store.System) (out []int64) {
		for _, s := range list {
			out = append(out, s.ID)
		}
		return out
	}
	for _, c := range []struct {
		name          string
		f             store.SystemFilter
		from, to      int // the window of all
		wantCount     int
		filteredCount bool
	}{
		{"first page", store.SystemFilter{Level: -1, Limit: 3}, 0, 3, 8, false},
		{"middle page", store.SystemFilter{Level: -1, Limit: 3, Offset: 3}, 3, 6, 8, false},
		{"last page is short", store.SystemFilter{Level: -1, Limit: 3, Offset: 6}, 6, 8, 8, false},
		{"past the end", store.SystemFilter{Level: -1, Limit: 3, Offset: 50}, 8, 8, 8, false},
		{"offset without limit", store.SystemFilter{Level: -1, Offset: 5}, 5, 8, 8, false},
		{"search counts matches only", store.SystemFilter{Level: -1, Query: "ha noi", Limit: 2}, -1, -1, 7, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := db.ListSystems(ctx, sc, c.f)
			if err != nil {
				t.Fatal(err)
			}
			if !c.filteredCount && fmt.Sprint(ids(got)) != fmt.Sprint(ids(all[c.from:c.to])) {
				t.Errorf("ListSystems(%+v) = %v, want %v", c.f, ids(got), ids(all[c.from:c.to]))
			}
			if c.filteredCount && len(got) != c.f.Limit {
				t.Errorf("ListSystems(%+v) = %d rows, want %d", c.f, len(got), c.f.Limit)
			}
			if n, err := db.CountSystems(ctx, sc, c.f); err != nil || n != c.wantCount {
				t.Errorf("CountSystems(%+v) = %d, %v; want %d", c.f, n, err, c.wantCount)
			}
		})
	}
}

func TestListUsers_OrgPaths(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	p := mustOrg(t, db, "UBND tỉnh Kiên Giang", 0)
	d := mustOrg(t, db, "Sở Thông tin và Truyền thông", p.ID)
	c := mustOrg(t, db, "Trung tâm CNTT", d.ID)
	b := mustOrg(t, db, "Bộ Công an", 0)
	mustUser(t, db, "vanhanh", "operator", c.ID)
	mustUser(t, db, "a-quantri", "admin", p.ID)
	mustUser(t, db, "thamdinh", "authority", b.ID)
	users, err := db.ListUsers(ctx)
	if err != nil || len(users) != 3 || users[0].Username != "a-quantri" || users[2].Username != "vanhanh" {
		t.Fatalf("ListUsers = %+v, %v", users, err)
	}
	paths, err := db.OrgPaths(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(paths[c.ID]); got != "[UBND tỉnh Kiên Giang Sở Thông tin và Truyền thông Trung tâm CNTT]" {
		t.Errorf("path of the centre = %s", got)
	}
	if got := fmt.Sprint(paths[b.ID]); got != "[Bộ Công an]" {
		t.Errorf("path of a root = %s", got)
	}
}

// AddUser creates the organisation and the account together, or neither.
func TestAddUser_OneTransaction(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	mustUser(t, db, "thamdinh", "authority", mustOrg(t, db, "Bộ Công an", 0).ID)
	_, _, err := db.AddUser(ctx, store.NewUser{Username: "THAMDINH", Role: "authority", PasswordHash: []byte("x")},
		store.NewOrg{Name: "Cục A05", Appraises: store.AppraisesBCA}, "Bộ Quốc phòng")
	if !errors.Is(err, store.ErrConflict) {
		t.Fatalf("duplicate username: err = %v, want ErrConflict", err)
	}
	for _, name := range []string{"Cục A05", "Bộ Quốc phòng"} {
		if _, err := db.OrgByName(ctx, name); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("organisation %q left behind: err = %v", name, err)
		}
	}
	u, created, err := db.AddUser(ctx, store.NewUser{Username: "a05", Role: "authority", PasswordHash: []byte("x")},
		store.NewOrg{Name: "Cục A05", Appraises: store.AppraisesBCA}, "Bộ Công an")
	if err != nil || len(created) != 1 || created[0].ParentID == 0 || u.OrgAppraises != store.AppraisesBCA || u.OrgParentID != created[0].ParentID {
		t.Errorf("AddUser = %+v, %+v, %v", u, created, err)
	}
}
