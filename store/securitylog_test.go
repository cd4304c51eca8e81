package store_test

import (
	"context"
	"testing"
	"time"

	"capdo/store"
)

func TestSecurityLog_FiltersAndScope(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := MustOpen(t)
	provinceA := mustOrg(t, db, "UBND tỉnh A", 0)
	unitA := mustOrg(t, db, "Sở A", provinceA.ID)
	provinceB := mustOrg(t, db, "UBND tỉnh B", 0)
	day := time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)
	for _, e := range []store.SecurityEvent{
		{At: day, Level: "INFO", Event: "login", Username: "vanhanhA", Role: "operator", OrgID: unitA.ID, Client: "10.0.0.1", Path: "/login", Message: "đăng nhập thành công"},
		{At: day.Add(time.Hour), Level: "INFO", Event: "password.reset", Username: "adminA", Role: "admin", OrgID: provinceA.ID, Target: "vanhanhA", Message: "đặt lại mật khẩu", Attrs: map[string]string{"target_role": "operator"}},
		{At: day.Add(24 * time.Hour), Level: "WARN", Event: "login.failure", Username: "vanhanhB", OrgID: provinceB.ID, Message: "đăng nhập thất bại"},
		{At: day.Add(25 * time.Hour), Level: "WARN", Event: "login.failure", Username: "khongco", Message: "đăng nhập thất bại"},
	} {
		if err := db.RecordSecurityEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	users := func(f store.SecurityFilter) []string {
		t.Helper()
		evs, err := db.SecurityEvents(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		n, err := db.CountSecurityEvents(ctx, store.SecurityFilter{OrgID: f.OrgID, Unattributed: f.Unattributed, Event: f.Event, User: f.User, Since: f.Since, Until: f.Until})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range evs {
			out = append(out, e.Username)
		}
		if f.Limit == 0 && n != len(out) {
			t.Errorf("count %d, listed %d", n, len(out))
		}
		return out
	}
	for _, c := range []struct {
		name string
		f    store.SecurityFilter
		want []string // newest first
	}{
		{"everything", store.SecurityFilter{}, []string{"khongco", "vanhanhB", "adminA", "vanhanhA"}},
		{"province A's subtree", store.SecurityFilter{OrgID: provinceA.ID}, []string{"adminA", "vanhanhA"}},
		{"province A with unattributed", store.SecurityFilter{OrgID: provinceA.ID, Unattributed: true}, []string{"khongco", "adminA", "vanhanhA"}},
		{"unit A only", store.SecurityFilter{OrgID: unitA.ID}, []string{"vanhanhA"}},
		{"event", store.SecurityFilter{Event: "login.failure"}, []string{"khongco", "vanhanhB"}},
		{"user as actor or target", store.SecurityFilter{User: "vanhanhA"}, []string{"adminA", "vanhanhA"}},
		{"since", store.SecurityFilter{Since: day.Add(time.Hour)}, []string{"khongco", "vanhanhB", "adminA"}},
		{"until", store.SecurityFilter{Until: day.Add(time.Hour)}, []string{"vanhanhA"}},
		{"page", store.SecurityFilter{Limit: 2, Offset: 1}, []string{"vanhanhB", "adminA"}},
	} {
		got := users(c.f)
		if len(got) != len(c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s: %v, want %v", c.name, got, c.want)
				break
			}
		}
	}
	evs, _ := db.SecurityEvents(ctx, store.SecurityFilter{Event: "password.reset"})
	if len(evs) != 1 || evs[0].Target != "vanhanhA" || evs[0].Attrs["target_role"] != "operator" || !evs[0].At.Equal(day.Add(time.Hour)) {
		t.Errorf("entry read back = %+v", evs)
	}
	names, err := db.SecurityEventNames(ctx)
	if err != nil || len(names) != 3 || names[0] != "login" {
		t.Errorf("SecurityEventNames = %v, %v", names, err)
	}
	// Append-only: the database refuses to change or delete an entry.
	r := raw(t, db)
	for _, q := range []string{"UPDATE security_events SET username = 'x'", "DELETE FROM security_events"} {
		if _, err := r.Exec(q); err == nil {
			t.Errorf("%s: accepted", q)
		}
	}
}
