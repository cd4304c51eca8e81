package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"capdo/store"
)

// The second factor's state: a time step is accepted once and only forward, a recovery
// code once, and enabling or disabling ends every session.
func TestTOTPState(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := MustOpen(t)
	org := mustOrg(t, db, "Sở", 0)
	u, err := db.CreateUser(ctx, store.NewUser{Username: "đạt", PasswordHash: []byte{0}, Role: "operator", OrgID: org.ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateSession(ctx, "s", u.ID, "c", time.Hour); err != nil {
		t.Fatal(err)
	}
	if ok, _ := db.UseTOTPStep(ctx, u.ID, 5); ok {
		t.Error("a step was accepted for an account without a second factor")
	}
	if err := db.EnableTOTP(ctx, u.ID, "SECRET", 10, []string{"a", "b"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.Session(ctx, "s"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a session survived enabling: %v", err)
	}
	if got, _ := db.UserByUsername(ctx, "ĐẠT"); !got.MFA {
		t.Error("User.MFA is false after enabling")
	}
	for _, c := range []struct {
		step int64
		want bool
	}{{10, false}, {9, false}, {11, true}, {11, false}, {13, true}} {
		if ok, err := db.UseTOTPStep(ctx, u.ID, c.step); err != nil || ok != c.want {
			t.Errorf("UseTOTPStep(%d) = %v, %v; want %v", c.step, ok, err, c.want)
		}
	}
	if ok, _ := db.UseRecoveryCode(ctx, u.ID, "a"); !ok {
		t.Error("an unused recovery code was refused")
	}
	if ok, _ := db.UseRecoveryCode(ctx, u.ID, "a"); ok {
		t.Error("a recovery code was accepted twice")
	}
	if n, _ := db.RecoveryCodesLeft(ctx, u.ID); n != 1 {
		t.Errorf("%d recovery codes left, want 1", n)
	}
	if err := db.DisableTOTP(ctx, u.ID); err != nil {
		t.Fatal(err)
	}
	secret, _, _ := db.TOTP(ctx, u.ID)
	if n, _ := db.RecoveryCodesLeft(ctx, u.ID); secret != "" || n != 0 {
		t.Errorf("after disabling: secret %q, %d recovery codes", secret, n)
	}
}

// A login challenge lives until its expiry, and not for a disabled account.
func TestLoginChallenge(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := MustOpen(t)
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	org := mustOrg(t, db, "Sở", 0)
	u, _ := db.CreateUser(ctx, store.NewUser{Username: "a", PasswordHash: []byte{0}, Role: "operator", OrgID: org.ID})
	if err := db.CreateLoginChallenge(ctx, "h", u.ID, 5*time.Minute); err != nil {
		t.Fatal(err)
	}
	if got, err := db.LoginChallenge(ctx, "h"); err != nil || got.ID != u.ID {
		t.Errorf("LoginChallenge = %d, %v", got.ID, err)
	}
	db.SetDisabled(ctx, u.ID, true)
	if _, err := db.LoginChallenge(ctx, "h"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("challenge of a disabled account = %v", err)
	}
	db.SetDisabled(ctx, u.ID, false)
	now = now.Add(5 * time.Minute)
	if _, err := db.LoginChallenge(ctx, "h"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("expired challenge = %v", err)
	}
}

// Failures are kept per key, newest first, and forgotten after forgetBefore.
func TestLoginFailures(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := MustOpen(t)
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for i := range 3 {
		if err := db.RecordLoginFailure(ctx, []string{"k", "ip"}, t0.Add(time.Duration(i)*time.Minute), t0.Add(-time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	ts, err := db.LoginFailures(ctx, "k", t0, 2)
	if err != nil || len(ts) != 2 || !ts[0].Equal(t0.Add(2*time.Minute)) {
		t.Errorf("LoginFailures = %v, %v; want the two newest", ts, err)
	}
	db.RecordLoginFailure(ctx, []string{"other"}, t0.Add(3*time.Hour), t0.Add(time.Hour))
	if ts, _ := db.LoginFailures(ctx, "ip", time.Time{}, 10); len(ts) != 0 {
		t.Errorf("%d old failures kept past forgetBefore", len(ts))
	}
	db.ClearLoginFailures(ctx, "other")
	if ts, _ := db.LoginFailures(ctx, "other", time.Time{}, 10); len(ts) != 0 {
		t.Error("ClearLoginFailures left failures")
	}
}
