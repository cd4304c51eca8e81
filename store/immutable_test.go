package store

import (
	"context"
	"path/filepath"
	"testing"
)

// The database refuses to change stored documents and history even when code tries to.
func TestTriggers_RefuseChanges(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "capdo.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	setup := []string{
		`INSERT INTO orgs(id, name, created_at) VALUES (1, 'Sở', 0)`,
		`INSERT INTO systems(id, org_id, name, owner, level, version, search, created_at, updated_at) VALUES (1, 1, 'HT', 'CQ', 3, 1, '', 0, 0)`,
		`INSERT INTO system_versions(system_id, version, profile, decision, level, created_at) VALUES (1, 1, '{}', '{}', 3, 0)`,
		`INSERT INTO dossiers(id, system_id, system_version, level, profile, decision, manifest, rule_set, rule_set_digest, templates, templates_digest, status, status_since, holder, created_at)
		 VALUES (1, 1, 1, 3, '{}', '{}', '{}', 'd85', '', '', '', 'approved', 0, '', 0)`,
		`INSERT INTO dossier_files(dossier_id, name, data, sha256) VALUES (1, 'a.docx', x'00', '')`,
	}
	for _, q := range setup {
		if _, err := db.write.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	for _, q := range []string{
		`UPDATE dossier_files SET data = x'01'`,
		`DELETE FROM dossier_files`,
		`UPDATE dossiers SET status = 'returned'`,
		`INSERT INTO dossier_events(dossier_id, seq, action, from_status, to_status, actor, role, comment, data, at, prev_hash, hash)
		 VALUES (1, 9, 'return', 'approved', 'returned', 'x', 'owner', '', '', 0, '', '')`,
		`UPDATE system_versions SET level = 5`,
	} {
		if _, err := db.write.ExecContext(ctx, q); err == nil {
			t.Errorf("%s: the database accepted it", q)
		}
	}
	if _, err := db.read.ExecContext(ctx, `INSERT INTO orgs(name, created_at) VALUES ('x', 0)`); err == nil {
		t.Error("the read pool accepted a write")
	}
}
