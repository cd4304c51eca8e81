package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

// Sessions open when migration 7 runs count as last seen when they were created.
func TestMigration7_SessionLastSeen(t *testing.T) {
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
		if m.version >= 7 {
			break
		}
		if _, err := old.ExecContext(ctx, m.sql); err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
		if _, err := old.ExecContext(ctx, `INSERT INTO schema_migrations VALUES (?, ?, 0)`, m.version, m.name); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{
		`INSERT INTO orgs(id, name, created_at) VALUES (1, 'Sở', 0)`,
		`INSERT INTO users(id, username, password_hash, role, org_id, created_at) VALUES (1, 'a', x'00', 'operator', 1, 0)`,
		`INSERT INTO sessions(token_hash, user_id, csrf, created_at, expires_at) VALUES ('h', 1, 'c', 1772438400000000, 1772467200000000)`,
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
	db.Now = func() time.Time { return fromMicros(1772438400000000).Add(time.Hour) }
	s, _, err := db.Session(ctx, "h")
	if err != nil || !s.LastSeen.Equal(s.CreatedAt) || s.LastSeen.IsZero() {
		t.Errorf("Session = %+v, %v; want last seen = created", s, err)
	}
}
