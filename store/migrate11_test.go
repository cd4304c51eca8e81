package store

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"testing"

	_ "modernc.org/sqlite"
)

// Migration 11 makes orgs again with the wider check and gives dossiers their appraisal
// group: every row, id and reference survives, dossiers and what cascades from them
// (notifications) are untouched, and the groups accept bcy. It is applied last here, after
// migration 12, as on a database that ran the migrations numbered around it before it
// existed.
func TestMigration11_KeepsRowsAndWidensGroups(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "capdo.db")
	old, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)")
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
		if m.version == 11 {
			continue
		}
		if _, err := old.ExecContext(ctx, m.sql); err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
		if _, err := old.ExecContext(ctx, "INSERT INTO schema_migrations VALUES (?, ?, 0)", m.version, m.name); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{
		`INSERT INTO orgs(id, name, parent_id, created_at, appraises) VALUES (1, 'UBND tỉnh A', NULL, 0, 'civil'), (2, 'Sở A', 1, 0, 'civil'), (3, 'Cục A05', NULL, 0, 'bca')`,
		`INSERT INTO users(id, username, password_hash, role, org_id, created_at) VALUES (1, 'vanhanh', x'00', 'operator', 2, 0)`,
		`INSERT INTO systems(id, org_id, name, owner, level, version, search, created_at, updated_at) VALUES (1, 2, 'HT', 'UBND tỉnh A', 4, 1, '', 0, 0)`,
		`INSERT INTO system_versions(system_id, version, profile, decision, level, created_at) VALUES (1, 1, '{}', '{}', 4, 0)`,
		`INSERT INTO dossiers(id, system_id, system_version, level, profile, decision, manifest, rule_set, rule_set_digest, templates, templates_digest, status, status_since, holder, created_by, created_at, ministry) VALUES
		 (1, 1, 1, 4, '{"owner":"UBND tỉnh A"}', '{}', '{}', 'd85-2016', '', '', '', 'approved', 0, '', 1, 0, 'civil'),
		 (2, 1, 1, 3, '{"owner":"UBND tỉnh A"}', '{}', '{}', 'd85-2016', '', '', '', 'submitted', 0, 'infosec', 1, 0, 'civil'),
		 (3, 1, 1, 5, '{"owner":"UBND tỉnh A"}', '{}', '{}', 'd85-2016', '', '', '', 'draft', 0, 'operator', 1, 0, 'bca')`,
		`INSERT INTO dossier_files(dossier_id, name, data, sha256) VALUES (1, 'to-trinh.docx', x'00', 'x'), (2, 'to-trinh.docx', x'00', 'y')`,
		`INSERT INTO dossier_procedures(dossier_id, procedure) VALUES (1, '{}'), (2, '{}')`,
		`INSERT INTO dossier_approvals(dossier_id, system_id, inspection_months, approved_at) VALUES (1, 1, 12, 0)`,
		`INSERT INTO notifications(id, user_id, dossier_id, kind, stage, text, created_at) VALUES (1, 1, 1, 'approved', 0, 'Hồ sơ đã được phê duyệt', 0)`,
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
	type row struct {
		id, level, routed int
		status, group     string
	}
	rows, err := db.read.QueryContext(ctx, "SELECT id, level, routed_authority, status, appraisal_group FROM dossiers ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	var got []row
	for rows.Next() {
		var r row
		rows.Scan(&r.id, &r.level, &r.routed, &r.status, &r.group)
		got = append(got, r)
	}
	rows.Close()
	want := []row{{1, 4, 0, "approved", ""}, {2, 3, 0, "submitted", ""}, {3, 5, 0, "draft", ""}}
	if len(got) != len(want) {
		t.Fatalf("dossiers %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("dossier %v, want %v", got[i], want[i])
		}
	}
	// Made before the migration: routed as always, by ministry from level 4 on.
	for _, c := range []struct {
		sc   Scope
		id   int64
		want error
	}{
		{Scope{OrgID: 3, Appraises: "civil"}, 1, nil},
		{Scope{OrgID: 3, Appraises: "civil"}, 2, ErrNotFound}, // level 3
		{Scope{OrgID: 3, Appraises: "bca"}, 1, ErrNotFound},
	} {
		if _, err := db.Dossier(ctx, c.sc, c.id); !errors.Is(err, c.want) && (c.want != nil || err != nil) {
			t.Errorf("dossier %d as %+v: %v, want %v", c.id, c.sc, err, c.want)
		}
	}
	var n int
	for q, wantN := range map[string]int{
		"SELECT count(*) FROM orgs WHERE (id = 2 AND parent_id = 1) OR (id = 3 AND appraises = 'bca')": 2,
		"SELECT count(*) FROM dossier_files":                          2,
		"SELECT count(*) FROM pragma_foreign_key_check":               0,
		"SELECT count(*) FROM sqlite_master WHERE name LIKE '%_0011'": 0,
		"SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN ('dossiers_approved_frozen', 'dossiers_withdrawn_frozen', 'dossier_events_after_approval')": 3,
		"SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN ('dossiers_system', 'dossiers_status', 'orgs_parent')":                                        3,
	} {
		if err := db.read.QueryRowContext(ctx, q).Scan(&n); err != nil || n != wantN {
			t.Errorf("%s = %d, %v; want %d", q, n, err, wantN)
		}
	}
	if _, err := db.write.ExecContext(ctx, `UPDATE dossiers SET status = 'returned' WHERE id = 1`); err == nil {
		t.Error("an approved dossier can be changed after the migration")
	}
	if _, err := db.write.ExecContext(ctx, `DELETE FROM orgs WHERE id = 2`); err == nil {
		t.Error("an organisation with systems can be deleted: foreign keys lost")
	}
	if _, err := db.write.ExecContext(ctx, `UPDATE dossiers SET appraisal_group = 'bcy' WHERE id = 2`); err != nil {
		t.Errorf("bcy refused for a dossier: %v", err)
	}
	if _, err := db.write.ExecContext(ctx, `UPDATE dossiers SET appraisal_group = 'army' WHERE id = 2`); err == nil {
		t.Error("an unknown group accepted for a dossier")
	}
	if _, err := db.CreateOrg(ctx, NewOrg{Name: "Cục Cơ yếu", Appraises: AppraisesBCY}); err != nil {
		t.Errorf("an organisation appraising for bcy: %v", err)
	}
	if _, err := db.CreateOrg(ctx, NewOrg{Name: "Cục X", Appraises: "army"}); err == nil {
		t.Error("an unknown appraisal group accepted for an organisation")
	}
}
