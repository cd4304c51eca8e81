package store

import (
	"context"
	"testing"

	"capdo/store/storetest"
)

// Migration 4 leaves the dossiers made before it unpinned, approved ones included, for the
// registry to pin from their recorded rule set; what is pinned cannot be changed.
func TestMigration4_PinsAreWrittenOnce(t *testing.T) {
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
	setup := []string{`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`}
	for _, m := range ms[:3] {
		body, err := m.body(engine)
		if err != nil {
			t.Fatal(err)
		}
		setup = append(setup, body)
	}
	setup = append(setup,
		`INSERT INTO schema_migrations VALUES (1, '0001_init.sql', 0), (2, '0002_systems_list_index.sql', 0), (3, '0003_routing.sql', 0)`,
		`INSERT INTO orgs(id, name, created_at) VALUES (1, 'Sở', 0)`,
		`INSERT INTO systems(id, org_id, name, owner, level, version, search, created_at, updated_at) VALUES (1, 1, 'HT', 'CQ', 3, 1, '', 0, 0)`,
		`INSERT INTO system_versions(system_id, version, profile, decision, level, created_at) VALUES (1, 1, '{}', '{}', 3, 0)`,
		`INSERT INTO dossiers(id, system_id, system_version, level, profile, decision, manifest, rule_set, rule_set_digest, templates, templates_digest, status, status_since, holder, created_at) VALUES
		 (1, 1, 1, 3, '{"name":"HT"}', '{}', '{}', 'd85-2016', 'x', '', '', 'approved', 0, '', 0),
		 (2, 1, 1, 3, '{"name":"HT"}', '{}', '{}', 'tinh-mau-2026', 'y', '', '', 'submitted', 0, 'infosec', 0)`,
	)
	for _, q := range setup {
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
	un, err := db.UnpinnedDossiers(ctx)
	if err != nil || len(un) != 2 || un[0].ID != 1 || un[1].RuleSet != "tinh-mau-2026" || un[1].RuleSetDigest != "y" {
		t.Fatalf("UnpinnedDossiers = %+v, %v", un, err)
	}
	// Blobs as parameters: x'00' is a blob to SQLite, a bit string to PostgreSQL.
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO dossier_procedures(dossier_id, procedure) VALUES (1, '{}')`, nil},
		{`INSERT INTO rule_files(digest, rule_set, name, content) VALUES ('y', 'tinh-mau-2026', 'a.yaml', ?)`, []any{[]byte{0}}},
	} {
		if _, err := db.write.ExecContext(ctx, q.sql, q.args...); err != nil {
			t.Fatalf("%s: %v", q.sql, err)
		}
	}
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`UPDATE dossier_procedures SET procedure = '{"levels":[3]}'`, nil},
		{`DELETE FROM dossier_procedures`, nil},
		{`UPDATE rule_files SET content = ?`, []any{[]byte{1}}},
		{`DELETE FROM rule_files`, nil},
		{`INSERT INTO dossier_procedures(dossier_id, procedure) VALUES (1, '{}')`, nil},
	} {
		if _, err := db.write.ExecContext(ctx, q.sql, q.args...); err == nil {
			t.Errorf("%s: the database accepted it", q.sql)
		}
	}
}
