package main

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	_ "modernc.org/sqlite"

	"capdo/levels"
	"capdo/review"
	"capdo/store"
)

// sealedDB makes a database with its key file (created as serve creates it) and one
// dossier taken to approval through the store, as the web application records it.
func sealedDB(t *testing.T) (dbPath string, id int64) {
	t.Helper()
	ctx := context.Background()
	dbPath = filepath.Join(t.TempDir(), "capdo.db")
	db, err := store.Open(ctx, dbPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	key, err := createAuditKey(dbPath + ".key")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.UseAuditKey(ctx, key, true); err != nil {
		t.Fatal(err)
	}
	org, err := db.CreateOrg(ctx, store.NewOrg{Name: "Sở Y tế"})
	if err != nil {
		t.Fatal(err)
	}
	p := levels.Profile{Name: "Bệnh án điện tử", Owner: "Sở Y tế", SystemType: "citizen_business", InfoTypes: []string{"public", "personal"}, PersonalDataUsers: 250000}
	rs, _ := levels.Open(levels.DefaultRuleSet)
	dec, err := rs.Classify(ctx, &p)
	if err != nil {
		t.Fatal(err)
	}
	sys, err := db.CreateSystem(ctx, org.ID, store.NewVersion{Profile: p, Decision: dec})
	if err != nil {
		t.Fatal(err)
	}
	doc := []byte("PK tờ trình")
	sum := sha256.Sum256(doc)
	manifest := []byte(fmt.Sprintf(`{"level":3,"files":[{"name":"to-trinh.docx","sha256":"%x"}]}`, sum))
	msum := sha256.Sum256(manifest)
	id, err = db.CreateDossier(ctx, store.NewDossier{SystemID: sys, SystemVersion: 1, Level: 3, Profile: p, Decision: dec, Manifest: manifest,
		RuleSet: rs.ID, Files: []store.File{{Name: "to-trinh.docx", Data: doc, SHA256: hex.EncodeToString(sum[:])}}, Status: "draft",
		Event: review.Event{Action: review.Generate, To: "draft", Actor: "vanhanh", Role: "operator", Data: review.ManifestData + hex.EncodeToString(msum[:])}})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []store.Transition{
		{From: "draft", To: "submitted", Event: review.Event{Action: "submit", Actor: "vanhanh", Role: "operator"}},
		{From: "submitted", To: "appraised", Event: review.Event{Action: "appraise", Actor: "attt", Role: "infosec"}},
		{From: "appraised", To: "approved", Event: review.Event{Action: "approve", Actor: "chuquan", Role: "owner"}},
	} {
		if _, err := db.Transition(ctx, id, st); err != nil {
			t.Fatal(err)
		}
	}
	return dbPath, id
}

// tamper runs statements on the database file behind capdo's back.
func tamper(t *testing.T, dbPath string, stmts ...string) {
	t.Helper()
	r, err := sql.Open("sqlite", "file:"+dbPath+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, q := range append([]string{"DROP TRIGGER dossier_events_no_update", "DROP TRIGGER dossier_events_no_delete",
		"DROP TRIGGER dossiers_approved_frozen"}, stmts...) {
		if _, err := r.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// plainRehash is the SQL that rewrites the approval's actor and gives it the plain
// SHA-256 hash an attacker without the key would compute.
func plainRehash(t *testing.T, dbPath string, id int64, actor string) string {
	t.Helper()
	db, err := store.Open(context.Background(), dbPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	evs, err := db.DossierEvents(context.Background(), store.Scope{OrgID: 1}, id)
	if err != nil {
		t.Fatal(err)
	}
	e := evs[3]
	e.Actor = actor
	e.SealLegacy(evs[2].Hash)
	return fmt.Sprintf("UPDATE dossier_events SET actor = '%s', hash = '%s' WHERE dossier_id = %d AND seq = 4", actor, e.Hash, id)
}

// `capdo audit verify` exits 0 on an intact database and 1 naming the dossier and event
// when an approval was rewritten or the last event cut, or when the key is another.
func TestAuditVerify(t *testing.T) {
	t.Parallel()
	dbPath, id := sealedDB(t)
	code, out, errOut := capdo(t, "", "audit", "verify", "--db", dbPath)
	if code != exitOK || !strings.Contains(out, "✔ Mọi lịch sử hồ sơ nguyên vẹn") || !strings.Contains(out, "1 hồ sơ (số lớn nhất 1), 4 sự kiện") {
		t.Fatalf("intact: %d\n%s%s", code, out, errOut)
	}
	code, out, _ = capdo(t, "", "audit", "verify", "--db", dbPath, "--format", "json")
	var v verifyOut
	if err := json.Unmarshal([]byte(out), &v); err != nil || code != exitOK || !v.Intact || v.Events != 4 || v.Register.MAC == "" {
		t.Errorf("json: %d %s", code, out)
	}

	rewritten, _ := sealedDB(t)
	tamper(t, rewritten, plainRehash(t, rewritten, id, "giamdoc"))
	code, out, errOut = capdo(t, "", "audit", "verify", "--db", rewritten)
	if code != exitFailure || !strings.Contains(out, fmt.Sprintf("✘ hồ sơ %d, sự kiện 4: sự kiện 4 bị sửa đổi", id)) || !strings.Contains(errOut, "vấn đề") {
		t.Errorf("rewritten approval: %d\n%s%s", code, out, errOut)
	}

	cut, _ := sealedDB(t)
	tamper(t, cut, fmt.Sprintf("DELETE FROM dossier_events WHERE dossier_id = %d AND seq = 4", id),
		fmt.Sprintf("UPDATE dossiers SET status = 'appraised' WHERE id = %d", id))
	code, out, _ = capdo(t, "", "audit", "verify", "--db", cut)
	if code != exitFailure || !strings.Contains(out, fmt.Sprintf("hồ sơ %d, sự kiện 4: lịch sử bị cắt", id)) {
		t.Errorf("last event deleted: %d\n%s", code, out)
	}

	other := filepath.Join(t.TempDir(), "khac.key")
	if _, err := createAuditKey(other); err != nil {
		t.Fatal(err)
	}
	code, out, _ = capdo(t, "", "audit", "verify", "--db", dbPath, "--audit-key", other)
	if code != exitFailure || !strings.Contains(out, "khóa kiểm toán không phải khóa đã niêm phong") {
		t.Errorf("wrong key: %d\n%s", code, out)
	}
	for _, args := range [][]string{
		{"audit", "verify", "--db", dbPath, "--audit-key", filepath.Join(t.TempDir(), "khong-co.key")},
		{"audit", "verify", "--db", dbPath, "--format", "xml"},
		{"audit", "verify", "--db", dbPath, "thua"},
		{"audit"},
	} {
		if code, _, _ := capdo(t, "", args...); code != exitInvalid {
			t.Errorf("%v = %d, want %d", args, code, exitInvalid)
		}
	}
	missing := filepath.Join(t.TempDir(), "khong-co.db")
	createAuditKey(missing + ".key")
	if code, _, _ := capdo(t, "", "audit", "verify", "--db", missing); code != exitFailure {
		t.Errorf("missing database = %d", code)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("audit verify created a database")
	}
}

// `capdo check` adds SQLite's full check and the documents to the history check.
func TestCheck(t *testing.T) {
	t.Parallel()
	dbPath, id := sealedDB(t)
	if code, out, errOut := capdo(t, "", "check", "--db", dbPath); code != exitOK || !strings.Contains(out, "integrity_check") || !strings.Contains(out, "✔ Mọi lịch sử") {
		t.Fatalf("intact: %d\n%s%s", code, out, errOut)
	}
	tamper(t, dbPath, "DROP TRIGGER dossier_files_no_update", fmt.Sprintf("UPDATE dossier_files SET data = x'00' WHERE dossier_id = %d", id))
	code, out, _ := capdo(t, "", "check", "--db", dbPath)
	if code != exitFailure || !strings.Contains(out, fmt.Sprintf("hồ sơ %d, tài liệu to-trinh.docx: nội dung không khớp mã băm SHA-256", id)) {
		t.Errorf("altered document: %d\n%s", code, out)
	}
	// audit verify covers the history, not the documents.
	if code, _, _ := capdo(t, "", "audit", "verify", "--db", dbPath); code != exitOK {
		t.Errorf("audit verify after a document change = %d, want %d", code, exitOK)
	}
	damaged, _ := sealedDB(t)
	damage(t, damaged)
	code, out, errOut := capdo(t, "", "check", "--db", damaged)
	if code != exitFailure || !strings.Contains(out, "bị hỏng (PRAGMA integrity_check)") || !strings.Contains(errOut, "không kiểm tra tiếp") {
		t.Errorf("damaged: %d\n%s%s", code, out, errOut)
	}
	code, out, _ = capdo(t, "", "check", "--db", damaged, "--format", "json")
	if code != exitFailure || !strings.Contains(out, `"intact": false`) {
		t.Errorf("damaged, json: %d\n%s", code, out)
	}
}

// damage checkpoints the database into its file and overwrites the root page of orgs.
func damage(t *testing.T, dbPath string) {
	t.Helper()
	r, err := sql.Open("sqlite", "file:"+dbPath)
	if err != nil {
		t.Fatal(err)
	}
	var root, size int64
	r.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	if err := r.QueryRow("SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_master WHERE name = 'orgs'").Scan(&root, &size); err != nil {
		t.Fatal(err)
	}
	r.Close()
	f, err := os.OpenFile(dbPath, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt([]byte(strings.Repeat("\xa5", 64)), (root-1)*size); err != nil {
		t.Fatal(err)
	}
}

// Serve refuses, with a message saying why and what to do, a second server on the same
// file, an empty or foreign file, a damaged database, and a key that is missing or wrong.
func TestServe_StartChecks(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "capdo.db")
	out, errOut, stop := startServe(t, db)
	key, err := os.ReadFile(db + ".key")
	if st, _ := os.Stat(db + ".key"); err != nil || st.Mode().Perm() != 0o600 || !regexp.MustCompile(`^[0-9a-f]{64}\n$`).Match(key) {
		t.Fatalf("key file: %q %v", key, err)
	}
	if !strings.Contains(out.String(), "Đã tạo khóa kiểm toán") {
		t.Errorf("first start does not say it created the key:\n%s", out)
	}
	code, _, second := capdo(t, "", "serve", "--addr", "127.0.0.1:0", "--db", db)
	if code != exitFailure || !strings.Contains(second, "đang được tiến trình capdo serve khác (PID") || !strings.Contains(second, db+".lock") {
		t.Errorf("second server = %d %s", code, second)
	}
	if code := stop(); code != exitOK {
		t.Fatalf("exit = %d\n%s", code, errOut)
	}
	// The lock is released on exit, and the key is kept and reused.
	out, _, stop = startServe(t, db)
	if strings.Contains(out.String(), "Đã tạo khóa") {
		t.Errorf("restart created a new key:\n%s", out)
	}
	stop()
	if again, _ := os.ReadFile(db + ".key"); string(again) != string(key) {
		t.Error("the key changed")
	}

	refused := func(name string, want ...string) {
		t.Helper()
		code, _, errOut := capdo(t, "", append([]string{"serve", "--addr", "127.0.0.1:0"}, want[1:]...)...)
		if code != exitFailure || !strings.Contains(errOut, want[0]) {
			t.Errorf("%s: %d %s", name, code, errOut)
		}
	}
	other := filepath.Join(dir, "khac.key")
	createAuditKey(other)
	refused("another key", "không phải khóa đã niêm phong", "--db", db, "--audit-key", other)
	os.Chmod(db+".key", 0o640)
	refused("key readable by the group", "chmod 600", "--db", db)
	os.Chmod(db+".key", 0o600)
	os.Rename(db+".key", db+".key.bak")
	refused("key missing for a sealed database", "hãy khôi phục tệp khóa từ bản sao lưu", "--db", db)
	if _, err := os.Stat(db + ".key"); err == nil {
		t.Error("serve created a new key for a sealed database")
	}
	os.Rename(db+".key.bak", db+".key")

	empty := filepath.Join(dir, "rong.db")
	os.WriteFile(empty, nil, 0o600)
	refused("empty file", "rỗng (0 byte)", "--db", empty)
	if st, _ := os.Stat(empty); st.Size() != 0 {
		t.Error("the empty file was written")
	}
	text := filepath.Join(dir, "ghi-chu.txt")
	os.WriteFile(text, []byte("không phải cơ sở dữ liệu"), 0o600)
	refused("text file", "không phải cơ sở dữ liệu SQLite", "--db", text)

	damage(t, db)
	refused("damaged database", "bị hỏng (PRAGMA quick_check)", "--db", db)
	_, _, errOut2 := capdo(t, "", "serve", "--addr", "127.0.0.1:0", "--db", db)
	if !strings.Contains(errOut2, "capdo check --db "+db) {
		t.Errorf("the refusal does not say what to run: %s", errOut2)
	}
}
