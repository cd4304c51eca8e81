package store

import (
	"context"
	"testing"
	"time"

	"capdo/store/storetest"
)

// A background job that a server is running is skipped by another server sharing the
// database, and runs there once the first has finished.
func TestClaimJob_OneServerAtATime(t *testing.T) {
	if storetest.Engine() != "postgres" {
		t.Skip("SQLite has one writer: two servers never run a job at the same time")
	}
	ctx := context.Background()
	dsn := storetest.DSN(t)
	a, err := Open(ctx, dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(ctx, dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	org, err := a.CreateOrg(ctx, NewOrg{Name: "Sở"})
	if err != nil {
		t.Fatal(err)
	}
	u, err := a.CreateUser(ctx, NewUser{Username: "a", PasswordHash: []byte("x"), Role: "admin", OrgID: org.ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.CreateSession(ctx, "expired", u.ID, "c", -time.Minute); err != nil {
		t.Fatal(err)
	}

	tx, err := a.write.BeginTx(ctx, a.dialect.tx)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := a.claimJob(ctx, tx, "sessions.expire"); err != nil || !ok {
		t.Fatalf("first claim = %v, %v; want true", ok, err)
	}
	if n, err := b.DeleteExpiredSessions(ctx); err != nil || n != 0 {
		t.Errorf("sweep while another server holds the job = %d, %v; want 0 (skipped)", n, err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if n, err := b.DeleteExpiredSessions(ctx); err != nil || n != 1 {
		t.Errorf("sweep after the other server finished = %d, %v; want 1", n, err)
	}
	var left int
	if err := b.read.QueryRowContext(ctx, "SELECT count(*) FROM sessions").Scan(&left); err != nil || left != 0 {
		t.Errorf("sessions left = %d, %v", left, err)
	}
}
