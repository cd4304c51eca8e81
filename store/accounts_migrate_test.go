package store

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"testing"
)

// Migration 6 gives every account its folded username: «ĐẠT», who could never log in,
// is found as typed in any case; of «đức_a» and «ĐỨC_A», two accounts that are now one
// name, the older keeps it and the later one is disabled, without sessions, and found by
// no login, yet keeps its own name for the history.
func TestMigration6_FoldsUsernames(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "capdo.db")
	old, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := old.ExecContext(ctx, `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.version >= 6 {
			break
		}
		if _, err := old.ExecContext(ctx, m.sql); err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
		if _, err := old.ExecContext(ctx, "INSERT INTO schema_migrations VALUES (?, ?, 0)", m.version, m.name); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{
		`INSERT INTO orgs(id, name, created_at) VALUES (1, 'Sở', 0)`,
		`INSERT INTO users(id, username, password_hash, role, org_id, created_at) VALUES
		 (1, 'đức_a', x'00', 'operator', 1, 0),
		 (2, 'ĐẠT', x'00', 'operator', 1, 0),
		 (3, 'ĐỨC_A', x'00', 'admin', 1, 0),
		 (4, 'QuanTri', x'00', 'admin', 1, 0)`,
		`INSERT INTO sessions(token_hash, user_id, csrf, created_at, expires_at) VALUES ('s1', 1, 'c', 0, 9e15), ('s3', 3, 'c', 0, 9e15)`,
	} {
		if _, err := old.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	old.Close()

	db, err := Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for typed, want := range map[string]int64{"đạt": 2, "Đạt": 2, "ĐẠT": 2, "đức_a": 1, "ĐỨC_A": 1, "Đức_A": 1, "quantri": 4, "QUANTRI": 4} {
		u, err := db.UserByUsername(ctx, typed)
		if err != nil || u.ID != want {
			t.Errorf("UserByUsername(%q) = %d, %v; want account %d", typed, u.ID, err, want)
		}
	}
	later, err := db.User(ctx, 3)
	if err != nil || !later.Disabled || later.Username != "ĐỨC_A" {
		t.Errorf("the later ĐỨC_A = %+v, %v; want disabled, name kept", later, err)
	}
	first, _ := db.User(ctx, 1)
	if first.Disabled {
		t.Error("the older đức_a was disabled")
	}
	var sessions int
	db.read.QueryRowContext(ctx, "SELECT count(*) FROM sessions WHERE user_id = 3").Scan(&sessions)
	if sessions != 0 {
		t.Errorf("the disabled ĐỨC_A kept %d sessions", sessions)
	}
	// The name is taken in every case from now on.
	if _, err := db.CreateUser(ctx, NewUser{Username: "đẠT", PasswordHash: []byte{0}, Role: "operator", OrgID: 1}); !errors.Is(err, ErrConflict) {
		t.Errorf("creating đẠT beside ĐẠT = %v, want ErrConflict", err)
	}
}
