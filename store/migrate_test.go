package store

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"capdo/store/storetest"
)

// Every migration has a body for each engine, and the two share a name.
func TestMigrations_BothEngines(t *testing.T) {
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if _, err := m.body("postgres"); err != nil {
			t.Error(err)
		}
		if strings.TrimSpace(m.sql) == "" {
			t.Errorf("migration %s: empty SQLite body", m.name)
		}
	}
}

// openRaw opens dsn without migrating it, with the store's driver for its engine.
func openRaw(t *testing.T, dsn string) *sql.DB {
	t.Helper()
	db, err := OpenRaw(dsn)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// A database made before migration 3 gets each dossier's managing ministry from its profile,
// approved dossiers included, and keeps refusing changes to approved dossiers afterwards.
func TestMigration3_BackfillsMinistry(t *testing.T) {
	ctx := context.Background()
	path := storetest.DSN(t)
	engine := "sqlite"
	if IsURL(path) {
		engine = "postgres"
	}
	old := openRaw(t, path)
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms[:2] {
		body, err := m.body(engine)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := old.ExecContext(ctx, body); err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
	}
	for _, q := range []string{
		`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`,
		`INSERT INTO schema_migrations VALUES (1, '0001_init.sql', 0), (2, '0002_systems_list_index.sql', 0)`,
		`INSERT INTO orgs(id, name, created_at) VALUES (1, 'Sở', 0)`,
		`INSERT INTO systems(id, org_id, name, owner, level, version, search, created_at, updated_at) VALUES (1, 1, 'HT', 'CQ', 4, 1, '', 0, 0)`,
		`INSERT INTO system_versions(system_id, version, profile, decision, level, created_at) VALUES (1, 1, '{}', '{}', 4, 0)`,
		`INSERT INTO dossiers(id, system_id, system_version, level, profile, decision, manifest, rule_set, rule_set_digest, templates, templates_digest, status, status_since, holder, created_at) VALUES
		 (1, 1, 1, 4, '{"owner":"UBND tỉnh A"}', '{}', '{}', 'd85', '', '', '', 'approved', 0, '', 0),
		 (2, 1, 1, 4, '{"owner":"Bộ Quốc phòng"}', '{}', '{}', 'd85', '', '', '', 'approved', 0, '', 0),
		 (3, 1, 1, 4, '{"owner":"Tổng cục","managed_by":"bca"}', '{}', '{}', 'd85', '', '', '', 'submitted', 0, '', 0)`,
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
	rows, err := db.read.QueryContext(ctx, "SELECT ministry FROM dossiers ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var m string
		rows.Scan(&m)
		got = append(got, m)
	}
	rows.Close()
	if len(got) != 3 || got[0] != "civil" || got[1] != "bqp" || got[2] != "bca" {
		t.Errorf("ministries = %v, want [civil bqp bca]", got)
	}
	if _, err := db.write.ExecContext(ctx, `UPDATE dossiers SET status = 'returned' WHERE id = 1`); err == nil {
		t.Error("an approved dossier can be changed after the migration")
	}
	var appraises string
	if err := db.read.QueryRowContext(ctx, "SELECT appraises FROM orgs WHERE id = 1").Scan(&appraises); err != nil || appraises != "civil" {
		t.Errorf("orgs.appraises = %q, %v; want civil", appraises, err)
	}
}
