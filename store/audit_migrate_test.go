package store

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"capdo/review"
)

// A database from before audit keys: its histories are plain SHA-256 chains and nothing is
// sealed. The first start with a new key verifies each chain and seals those that hold as
// they stand; a chain already broken is named and left unsealed, and nothing more is
// recorded on it. Without a new key, such a database is refused.
func TestAuditKey_SealsLegacyDatabase(t *testing.T) {
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
		if m.version >= 5 {
			break
		}
		if _, err := old.ExecContext(ctx, m.sql); err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
		old.ExecContext(ctx, "INSERT INTO schema_migrations VALUES (?, ?, 0)", m.version, m.name)
	}
	for _, q := range []string{
		`INSERT INTO orgs(id, name, created_at) VALUES (1, 'Sở', 0)`,
		`INSERT INTO systems(id, org_id, name, owner, level, version, search, created_at, updated_at) VALUES (1, 1, 'HT', 'CQ', 3, 1, '', 0, 0)`,
		`INSERT INTO system_versions(system_id, version, profile, decision, level, created_at) VALUES (1, 1, '{}', '{}', 3, 0)`,
		`INSERT INTO dossiers(id, system_id, system_version, level, profile, decision, manifest, rule_set, rule_set_digest, templates, templates_digest, status, status_since, holder, created_at) VALUES
		 (1, 1, 1, 3, '{}', '{}', '{}', 'd85', '', '', '', 'submitted', 0, 'infosec', 0),
		 (2, 1, 1, 3, '{}', '{}', '{}', 'd85', '', '', '', 'submitted', 0, 'infosec', 0)`,
	} {
		if _, err := old.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	at := time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)
	for id := int64(1); id <= 2; id++ {
		evs := []review.Event{
			{Seq: 1, Action: review.Generate, To: "draft", Actor: "vanhanh", Role: "operator", At: at},
			{Seq: 2, Action: "submit", From: "draft", To: "submitted", Actor: "vanhanh", Role: "operator", At: at.Add(time.Hour)},
		}
		evs[0].SealLegacy("")
		evs[1].SealLegacy(evs[0].Hash)
		if id == 2 {
			evs[1].Actor = "nguoikhac" // changed before the upgrade, without recomputing
		}
		for _, e := range evs {
			if _, err := old.ExecContext(ctx, `INSERT INTO dossier_events(dossier_id, seq, action, from_status, to_status, actor, role, comment, data, at, prev_hash, hash)
				VALUES (?, ?, ?, ?, ?, ?, ?, '', '', ?, ?, ?)`, id, e.Seq, e.Action, e.From, e.To, e.Actor, e.Role, micros(e.At), e.PrevHash, e.Hash); err != nil {
				t.Fatal(err)
			}
		}
	}
	old.Close()

	key := []byte("khoa-kiem-toan-moi-tao-cho-csdl-cu-32b")
	db, err := Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	var ke *AuditKeyError
	if _, err := db.UseAuditKey(ctx, key, false); !errors.As(err, &ke) || !strings.Contains(err.Error(), "chưa từng được niêm phong") {
		t.Fatalf("UseAuditKey(existing key) on a legacy database = %v, want a refusal", err)
	}
	rep, err := db.UseAuditKey(ctx, key, true)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Sealed || len(rep.Legacy) != 1 || rep.Legacy[0] != 1 || len(rep.Broken) != 1 || rep.Broken[0].DossierID != 2 || rep.Broken[0].Seq != 2 {
		t.Fatalf("SealReport = %+v", rep)
	}
	// The sound history takes keyed steps after its plain ones; the broken one takes none.
	if _, err := db.Transition(ctx, 1, Transition{From: "submitted", To: "appraised", Event: review.Event{Action: "appraise", Actor: "attt", Role: "infosec"}}); err != nil {
		t.Fatalf("step on a sealed legacy history: %v", err)
	}
	if _, err := db.Transition(ctx, 2, Transition{From: "submitted", To: "appraised", Event: review.Event{Action: "appraise"}}); !errors.Is(err, ErrTampered) {
		t.Errorf("step on a broken legacy history = %v, want ErrTampered", err)
	}
	audit, err := db.VerifyAudit(ctx, key, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(audit.Problems) != 1 || audit.Problems[0].DossierID != 2 || !strings.Contains(audit.Problems[0].Error(), "hồ sơ 2, sự kiện 2: lịch sử ghi trước khi có khóa kiểm toán đã không hợp lệ") {
		t.Errorf("problems = %v", audit.Problems)
	}
	// Once sealed, the same key is simply accepted again, and the plain prefix is checked:
	// rewriting an old event with recomputed plain hashes breaks the keyed link after it.
	if _, err := db.UseAuditKey(ctx, key, false); err != nil {
		t.Errorf("UseAuditKey again = %v", err)
	}
	if _, err := db.write.ExecContext(ctx, "DROP TRIGGER dossier_events_no_update"); err != nil {
		t.Fatal(err)
	}
	evs, _ := eventsOf(ctx, db.read, 1)
	evs[0].Actor = "giamdoc"
	evs[0].SealLegacy("")
	evs[1].SealLegacy(evs[0].Hash)
	for _, e := range evs[:2] {
		db.write.ExecContext(ctx, "UPDATE dossier_events SET actor = ?, prev_hash = ?, hash = ? WHERE dossier_id = 1 AND seq = ?", e.Actor, e.PrevHash, e.Hash, e.Seq)
	}
	audit, _ = db.VerifyAudit(ctx, key, false)
	if len(audit.Problems) != 2 || audit.Problems[0].Error() != "hồ sơ 1, sự kiện 3: sự kiện 3 không nối tiếp sự kiện trước: lịch sử bị thay đổi" {
		t.Errorf("problems after rewriting a legacy event = %v", audit.Problems)
	}
	// Deleting the seal does not get the histories sealed anew.
	if _, err := db.write.ExecContext(ctx, "DELETE FROM audit_seal"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.UseAuditKey(ctx, key, true); !errors.As(err, &ke) || !strings.Contains(err.Error(), "mất bản ghi niêm phong") {
		t.Errorf("UseAuditKey after the seal was deleted = %v", err)
	}
}
