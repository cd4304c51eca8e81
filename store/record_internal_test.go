package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
)

// A database made before migration 8 gets an approval for each approved dossier, with
// Decree 85's inspection cycle for its level, and a search text for each dossier when it
// is opened; uploads, approvals and decisions then refuse every change.
func TestMigration8_ApprovalsAndSearch(t *testing.T) {
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
	var before []migration
	for _, m := range ms {
		if m.version < 8 {
			before = append(before, m)
		}
	}
	for _, q := range []string{`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`} {
		if _, err := old.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range before {
		if _, err := old.ExecContext(ctx, m.sql); err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
		if _, err := old.ExecContext(ctx, "INSERT INTO schema_migrations VALUES (?, ?, 0)", m.version, m.name); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{
		`INSERT INTO orgs(id, name, created_at) VALUES (1, 'Sở', 0)`,
		`INSERT INTO systems(id, org_id, name, owner, level, version, search, created_at, updated_at) VALUES (1, 1, 'HT', 'CQ', 4, 1, '', 0, 0)`,
		`INSERT INTO system_versions(system_id, version, profile, decision, level, created_at) VALUES (1, 1, '{}', '{}', 4, 0)`,
		`INSERT INTO dossiers(id, system_id, system_version, level, profile, decision, manifest, rule_set, rule_set_digest, templates, templates_digest, status, status_since, holder, created_at) VALUES
		 (1, 1, 1, 4, '{"name":"Cổng Hà Nội","owner":"UBND"}', '{}', '{}', 'd85-2016', '', '', '', 'approved', 5000000, '', 0),
		 (2, 1, 1, 2, '{"name":"Bản tin"}', '{}', '{}', 'd85-2016', '', '', '', 'submitted', 0, 'infosec', 0)`,
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
	a, err := db.approvalOfDossier(ctx, 1)
	if err != nil || a == nil || a.InspectionMonths != 12 || a.Level != 4 || a.ApprovedAt.UnixMicro() != 5000000 {
		t.Errorf("approval of the approved dossier = %+v, %v", a, err)
	}
	if a, _ := db.approvalOfDossier(ctx, 2); a != nil {
		t.Errorf("a submitted dossier has an approval: %+v", a)
	}
	var search string
	if err := db.read.QueryRowContext(ctx, "SELECT search FROM dossier_search WHERE dossier_id = 1").Scan(&search); err != nil || search != "cong ha noi ubnd" {
		t.Errorf("search text = %q, %v", search, err)
	}
	// Opening again adds nothing.
	if err := db.fillDossierSearch(ctx); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO dossier_uploads(dossier_id, name, kind, content_type, data, sha256, size, uploaded_at) VALUES (2, 'a.pdf', 'appraisal', 'application/pdf', x'00', '', 1, 0)`,
		`INSERT INTO dossier_decisions(dossier_id, number, date, recorded_at) VALUES (1, '15/QĐ-UBND', '2026-12-10', 0)`,
	} {
		if _, err := db.write.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	for _, q := range []string{
		`UPDATE dossier_uploads SET data = x'01'`,
		`DELETE FROM dossier_uploads`,
		`UPDATE dossier_approvals SET inspection_months = 0`,
		`DELETE FROM dossier_approvals`,
		`UPDATE dossier_decisions SET number = '16/QĐ-UBND'`,
		`DELETE FROM dossier_decisions`,
		`INSERT INTO dossier_decisions(dossier_id, number, date, recorded_at) VALUES (2, '1/QĐ-UBND', '2026-12-10', 0)`,
		`INSERT INTO dossier_approvals(dossier_id, system_id, inspection_months, approved_at) VALUES (2, 1, 12, 0)`,
		`INSERT INTO dossier_uploads(dossier_id, name, kind, content_type, data, sha256, size, uploaded_at) VALUES (1, 'b.pdf', 'attachment', 'application/pdf', x'00', '', 1, 0)`,
		`INSERT INTO dossier_uploads(dossier_id, name, kind, content_type, data, sha256, size, uploaded_at) VALUES (2, 'c.pdf', 'macro', 'application/pdf', x'00', '', 1, 0)`,
		`INSERT INTO dossier_events(dossier_id, seq, action, from_status, to_status, actor, role, comment, data, at, prev_hash, hash)
		 VALUES (1, 9, 'appraise', 'approved', 'approved', 'x', 'owner', '', '', 0, '', '')`,
	} {
		if _, err := db.write.ExecContext(ctx, q); err == nil {
			t.Errorf("%s: the database accepted it", q)
		}
	}
}
