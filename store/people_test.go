package store_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"capdo/people"
	"capdo/store"
)

// Contact details are stored normalized with the account, read with it everywhere (the
// session's user included) and name the person in histories.
func TestContact(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	org := mustOrg(t, db, "Sở TT&TT", 0)
	u, err := db.CreateUser(ctx, store.NewUser{Username: "attt", Role: "infosec", OrgID: org.ID, PasswordHash: []byte("x"),
		Contact: people.Contact{FullName: "  Nguyễn   Văn A ", Title: "Trưởng phòng", Email: "a@SO.gov.VN"}})
	if err != nil {
		t.Fatal(err)
	}
	want := people.Contact{FullName: "Nguyễn Văn A", Title: "Trưởng phòng", Email: "a@so.gov.vn"}
	if u.Contact != want || u.Display() != "Nguyễn Văn A (attt)" {
		t.Errorf("created = %+v (%s)", u.Contact, u.Display())
	}
	if err := db.SetContact(ctx, u.ID, people.Contact{FullName: "Nguyễn Văn B", Phone: "0243 822 6789"}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateSession(ctx, "tok", u.ID, "csrf", time.Hour); err != nil {
		t.Fatal(err)
	}
	_, su, err := db.Session(ctx, "tok")
	if err != nil || su.FullName != "Nguyễn Văn B" || su.Phone != "0243 822 6789" || su.Email != "" {
		t.Errorf("session user = %+v, %v", su, err)
	}
	if err := db.SetContact(ctx, 999, people.Contact{}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SetContact(999) = %v", err)
	}
	mustUser(t, db, "vanhanh", "operator", org.ID)
	names, err := db.Names(ctx, []string{"attt", "ATTT", "vanhanh", "khong-co", ""})
	want2 := map[string]string{"attt": "Nguyễn Văn B (attt)", "ATTT": "Nguyễn Văn B (ATTT)", "vanhanh": "vanhanh"}
	if err != nil || !reflect.DeepEqual(names, want2) {
		t.Errorf("Names = %v, %v; want %v", names, err, want2)
	}
	us, err := db.EnabledUsersWithRoles(ctx, []string{"infosec", "owner"})
	if err != nil || len(us) != 1 || us[0].Username != "attt" {
		t.Errorf("EnabledUsersWithRoles = %+v, %v", us, err)
	}
	db.SetDisabled(ctx, u.ID, true)
	if us, _ := db.EnabledUsersWithRoles(ctx, []string{"infosec"}); len(us) != 0 {
		t.Errorf("a disabled account is a candidate: %+v", us)
	}
}

// Units are renamed and moved within the tree, never under themselves; each change is in
// their history, and the name at a past instant is the name they had then.
func TestChangeOrg(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	t0 := time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)
	now := t0
	db.Now = func() time.Time { return now }
	province := mustOrg(t, db, "UBND tỉnh", 0)
	dept := mustOrg(t, db, "Sở Thông tin và Truyền thông", province.ID)
	center := mustOrg(t, db, "Trung tâm CNTT", dept.ID)
	other := mustOrg(t, db, "Sở Y tế", province.ID)

	now = t0.Add(24 * time.Hour)
	before, after, err := db.ChangeOrg(ctx, dept.ID, store.OrgChange{Name: "Sở Khoa học và Công nghệ", ParentID: province.ID, Actor: "admin"})
	if err != nil || before.Name != "Sở Thông tin và Truyền thông" || after.Name != "Sở Khoa học và Công nghệ" {
		t.Fatalf("rename = %+v → %+v, %v", before, after, err)
	}
	now = t0.Add(48 * time.Hour)
	if _, after, err := db.ChangeOrg(ctx, center.ID, store.OrgChange{Name: center.Name, ParentID: other.ID, Actor: "admin"}); err != nil || after.ParentID != other.ID {
		t.Fatalf("move = %+v, %v", after, err)
	}
	for _, c := range []struct {
		name   string
		id     int64
		ch     store.OrgChange
		target error
	}{
		{"under itself", dept.ID, store.OrgChange{Name: "Sở Khoa học và Công nghệ", ParentID: dept.ID}, store.ErrCycle},
		{"under its own unit", province.ID, store.OrgChange{Name: "UBND tỉnh", ParentID: other.ID}, store.ErrCycle},
		{"a name taken", other.ID, store.OrgChange{Name: "UBND tỉnh", ParentID: province.ID}, store.ErrConflict},
		{"no such parent", other.ID, store.OrgChange{Name: "Sở Y tế", ParentID: 999}, store.ErrNotFound},
		{"no such unit", 999, store.OrgChange{Name: "X"}, store.ErrNotFound},
	} {
		if _, _, err := db.ChangeOrg(ctx, c.id, c.ch); !errors.Is(err, c.target) {
			t.Errorf("%s: %v, want %v", c.name, err, c.target)
		}
	}
	if _, _, err := db.ChangeOrg(ctx, other.ID, store.OrgChange{Name: "Sở Y tế", ParentID: province.ID}); err != nil {
		t.Errorf("no change: %v", err)
	}
	h, err := db.OrgHistory(ctx, dept.ID)
	if err != nil || len(h) != 1 || h[0].OldName != "Sở Thông tin và Truyền thông" || h[0].Actor != "admin" || h[0].NewParent != province.ID {
		t.Errorf("history = %+v, %v", h, err)
	}
	if h, _ := db.OrgHistory(ctx, other.ID); len(h) != 0 {
		t.Errorf("nothing changed, yet recorded: %+v", h)
	}
	for _, c := range []struct {
		at   time.Time
		want string
	}{{t0, "Sở Thông tin và Truyền thông"}, {t0.Add(30 * time.Hour), "Sở Khoa học và Công nghệ"}} {
		if got, err := db.OrgNameAt(ctx, dept.ID, c.at); err != nil || got != c.want {
			t.Errorf("OrgNameAt(%v) = %q, %v; want %q", c.at, got, err, c.want)
		}
	}
	sub, _ := db.Subtree(ctx, other.ID)
	if len(sub) != 2 || sub[1].ID != center.ID {
		t.Errorf("after the move, Sở Y tế's subtree = %+v", sub)
	}
	parents, err := db.OrgParents(ctx)
	if err != nil || parents[center.ID] != other.ID || parents[province.ID] != 0 {
		t.Errorf("OrgParents = %v, %v", parents, err)
	}
}
