package store

import (
	"context"
	"strings"
	"testing"

	"capdo/store/storetest"
)

// The database refuses to change stored documents and history even when code tries to.
func TestTriggers_RefuseChanges(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, storetest.DSN(t), nil)
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
	}
	for _, q := range setup {
		if _, err := db.write.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	// A blob as a parameter: x'00' is a blob to SQLite, a bit string to PostgreSQL.
	if _, err := db.write.ExecContext(ctx, `INSERT INTO dossier_files(dossier_id, name, data, sha256) VALUES (1, 'a.docx', ?, '')`, []byte{0}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.write.ExecContext(ctx, `UPDATE dossier_files SET data = ?`, []byte{1}); !refused(err) {
		t.Errorf("UPDATE dossier_files: the database accepted it (%v)", err)
	}
	for _, q := range []string{
		`DELETE FROM dossier_files`,
		`UPDATE dossiers SET status = 'returned'`,
		`INSERT INTO dossier_events(dossier_id, seq, action, from_status, to_status, actor, role, comment, data, at, prev_hash, hash)
		 VALUES (1, 9, 'return', 'approved', 'returned', 'x', 'owner', '', '', 0, '', '')`,
		`UPDATE system_versions SET level = 5`,
	} {
		if _, err := db.write.ExecContext(ctx, q); !refused(err) {
			t.Errorf("%s: the database accepted it (%v)", q, err)
		}
	}
	if _, err := db.read.ExecContext(ctx, `INSERT INTO orgs(name, created_at) VALUES ('x', 0)`); err == nil {
		t.Error("the read pool accepted a write")
	}
}

// refused reports an error raised by one of the triggers that keep records unchanged.
func refused(err error) bool {
	return err != nil && (strings.Contains(err.Error(), "immutable") || strings.Contains(err.Error(), "append-only"))
}
