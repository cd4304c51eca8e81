package store_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"testing"

	_ "modernc.org/sqlite"

	"capdo/review"
	"capdo/store"
	"capdo/store/storetest"
)

func hexSum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// sealedDossier stores a dossier as the server makes one (a manifest listing its
// documents' hashes, the manifest's hash in the first event) and takes it to approval.
func sealedDossier(t *testing.T, db *store.DB) int64 { return sealedDossierB(t, db) }

func sealedDossierB(t testing.TB, db *store.DB) int64 {
	t.Helper()
	ctx := context.Background()
	org, err := db.OrgByName(ctx, "Sở Y tế")
	if errors.Is(err, store.ErrNotFound) {
		org = mustOrg(t, db, "Sở Y tế", 0)
		mustUser(t, db, "vanhanh", "operator", org.ID)
	}
	v := version(t, "Hệ thống bệnh án", 20000)
	sys, err := db.CreateSystem(ctx, org.ID, v)
	if err != nil {
		t.Fatal(err)
	}
	files := []store.File{{Name: "to-trinh.docx", Data: []byte("PK tờ trình")}, {Name: "du-thao-quyet-dinh.docx", Data: []byte("PK dự thảo")}}
	var listed []string
	for i := range files {
		files[i].SHA256 = hexSum(files[i].Data)
		listed = append(listed, fmt.Sprintf(`{"name":%q,"sha256":%q}`, files[i].Name, files[i].SHA256))
	}
	manifest := []byte(`{"system":"Hệ thống bệnh án","level":3,"files":[` + strings.Join(listed, ",") + "]}\n")
	id, err := db.CreateDossier(ctx, store.NewDossier{SystemID: sys, SystemVersion: 1, Level: 3, Profile: v.Profile, Decision: v.Decision,
		Manifest: manifest, RuleSet: "d85-2016", Templates: "embedded", Files: files, Status: "draft", Holder: "operator",
		Event: review.Event{Action: review.Generate, To: "draft", Actor: "vanhanh", Role: "operator", Data: review.ManifestData + hexSum(manifest)}})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []store.Transition{
		{From: "draft", To: "submitted", Holder: "infosec", Event: review.Event{Action: "submit", Actor: "vanhanh", Role: "operator"}},
		{From: "submitted", To: "appraised", Holder: "owner", Event: review.Event{Action: "appraise", Actor: "attt", Role: "infosec", Comment: "Đạt"}},
		{From: "appraised", To: "approved", Event: review.Event{Action: "approve", Actor: "chuquan", Role: "owner"}},
	} {
		if _, err := db.Transition(ctx, id, st); err != nil {
			t.Fatal(err)
		}
	}
	return id
}

// raw opens the database behind capdo's back, as someone who can write it would.
func raw(t *testing.T, db *store.DB) *sql.DB {
	t.Helper()
	r, err := store.OpenRaw(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

func exec(t *testing.T, r *sql.DB, stmts ...string) {
	t.Helper()
	for _, q := range stmts {
		q = storetest.OnEngine(t, r, q)
		if _, err := r.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// The triggers that keep honest code from changing history; an attacker drops them.
var dropTriggers = []string{
	"DROP TRIGGER dossier_events_no_update", "DROP TRIGGER dossier_events_no_delete",
	"DROP TRIGGER dossiers_approved_frozen", "DROP TRIGGER dossier_files_no_update",
}

// rewriteEvents changes events of dossier id with edit and recomputes, from the first one
// changed on, every hash the only way someone without the key can: plain SHA-256.
func rewriteEvents(t *testing.T, db *store.DB, id int64, from int, edit func(e *review.Event)) {
	t.Helper()
	ctx := context.Background()
	evs, err := db.DossierEvents(ctx, store.Scope{OrgID: 1}, id)
	if err != nil {
		t.Fatal(err)
	}
	r := raw(t, db)
	for i := from - 1; i < len(evs); i++ {
		if i == from-1 {
			edit(&evs[i])
		}
		prev := ""
		if i > 0 {
			prev = evs[i-1].Hash
		}
		evs[i].SealLegacy(prev)
		if _, err := r.Exec("UPDATE dossier_events SET actor = ?, comment = ?, prev_hash = ?, hash = ? WHERE dossier_id = ? AND seq = ?",
			evs[i].Actor, evs[i].Comment, evs[i].PrevHash, evs[i].Hash, id, evs[i].Seq); err != nil {
			t.Fatal(err)
		}
	}
}

// verify runs the whole check and returns its problems, as text.
func verify(t *testing.T, db *store.DB, key []byte) []string {
	t.Helper()
	rep, err := db.VerifyAudit(context.Background(), key, true)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range rep.Problems {
		out = append(out, p.Error())
	}
	return out
}

func hasProblem(got []string, want ...string) bool {
	for _, g := range got {
		ok := true
		for _, w := range want {
			ok = ok && strings.Contains(g, w)
		}
		if ok {
			return true
		}
	}
	return false
}

func TestAudit_IntactHistoryVerifies(t *testing.T) {
	db := MustOpen(t)
	a, b := sealedDossier(t, db), sealedDossier(t, db)
	if got := verify(t, db, testKey); len(got) != 0 {
		t.Fatalf("intact database: %v", got)
	}
	rep, _ := db.VerifyAudit(context.Background(), testKey, false)
	if rep.Dossiers != 2 || rep.Events != 8 || rep.Register.Dossiers != 2 || rep.Register.LastID != b || rep.Register.Events != 8 {
		t.Errorf("report = %+v (dossiers %d, %d)", rep, a, b)
	}
	chk, err := db.VerifyDossier(context.Background(), a)
	if err != nil || !chk.OK() {
		t.Errorf("VerifyDossier = %+v, %v", chk, err)
	}
}

// Each way of changing the record behind capdo's back is named by dossier and event.
func TestAudit_TamperingDetected(t *testing.T) {
	for _, c := range []struct {
		name   string
		tamper func(t *testing.T, db *store.DB, id int64)
		want   []string // every string must appear in one problem
	}{
		{"approval's actor rewritten, plain hashes recomputed", func(t *testing.T, db *store.DB, id int64) {
			exec(t, raw(t, db), dropTriggers...)
			rewriteEvents(t, db, id, 4, func(e *review.Event) { e.Actor = "giamdoc" })
		}, []string{"sự kiện 4", "bị sửa đổi"}},
		{"appraisal's comment rewritten, head moved to the new hash", func(t *testing.T, db *store.DB, id int64) {
			exec(t, raw(t, db), dropTriggers...)
			rewriteEvents(t, db, id, 3, func(e *review.Event) { e.Comment = "Không đạt" })
			exec(t, raw(t, db), fmt.Sprintf("UPDATE audit_heads SET hash = (SELECT hash FROM dossier_events WHERE dossier_id = %d AND seq = 4) WHERE dossier_id = %d", id, id))
		}, []string{"bản ghi đầu chuỗi bị sửa đổi"}},
		{"last event deleted", func(t *testing.T, db *store.DB, id int64) {
			exec(t, raw(t, db), dropTriggers...)
			exec(t, raw(t, db), fmt.Sprintf("DELETE FROM dossier_events WHERE dossier_id = %d AND seq = 4", id),
				fmt.Sprintf("UPDATE dossiers SET status = 'appraised' WHERE id = %d", id))
		}, []string{"sự kiện 4", "lịch sử bị cắt"}},
		{"status set behind the workflow", func(t *testing.T, db *store.DB, id int64) {
			exec(t, raw(t, db), dropTriggers...)
			exec(t, raw(t, db), fmt.Sprintf("UPDATE dossiers SET status = 'returned' WHERE id = %d", id))
		}, []string{"trạng thái hồ sơ «Trả lại để hoàn thiện»", "không khớp sự kiện cuối"}},
		{"whole dossier removed", func(t *testing.T, db *store.DB, id int64) {
			exec(t, raw(t, db), dropTriggers...)
			// With what refers to it, which PostgreSQL's foreign keys insist on.
			exec(t, raw(t, db), "DROP TRIGGER dossier_files_no_delete", "DROP TRIGGER dossier_approvals_no_delete",
				"DROP TRIGGER dossier_procedures_no_delete",
				fmt.Sprintf("DELETE FROM dossier_approvals WHERE dossier_id = %d", id),
				fmt.Sprintf("DELETE FROM dossier_procedures WHERE dossier_id = %d", id),
				fmt.Sprintf("DELETE FROM dossier_search WHERE dossier_id = %d", id),
				fmt.Sprintf("DELETE FROM dossier_events WHERE dossier_id = %d", id),
				fmt.Sprintf("DELETE FROM dossier_files WHERE dossier_id = %d", id),
				fmt.Sprintf("DELETE FROM audit_heads WHERE dossier_id = %d", id),
				fmt.Sprintf("DELETE FROM dossiers WHERE id = %d", id))
		}, []string{"cơ sở dữ liệu", "đã niêm phong 2 hồ sơ"}},
		{"document altered", func(t *testing.T, db *store.DB, id int64) {
			exec(t, raw(t, db), dropTriggers...)
			exec(t, raw(t, db), fmt.Sprintf("UPDATE dossier_files SET data = x'504b00' WHERE dossier_id = %d AND name = 'to-trinh.docx'", id))
		}, []string{"tài liệu to-trinh.docx", "không khớp mã băm"}},
		{"document and its recorded hash altered", func(t *testing.T, db *store.DB, id int64) {
			exec(t, raw(t, db), dropTriggers...)
			exec(t, raw(t, db), fmt.Sprintf("UPDATE dossier_files SET data = x'504b00', sha256 = '%s' WHERE dossier_id = %d AND name = 'to-trinh.docx'", hexSum([]byte{'P', 'K', 0}), id))
		}, []string{"tài liệu to-trinh.docx", "khác mã băm trong manifest.json"}},
		{"manifest rewritten to match", func(t *testing.T, db *store.DB, id int64) {
			exec(t, raw(t, db), dropTriggers...)
			exec(t, raw(t, db), fmt.Sprintf(`UPDATE dossiers SET manifest = '{"level":3}' WHERE id = %d`, id))
		}, []string{"tài liệu manifest.json", "sự kiện lập hồ sơ"}},
		{"register rewritten", func(t *testing.T, db *store.DB, id int64) {
			exec(t, raw(t, db), "UPDATE audit_seal SET events = events - 1")
		}, []string{"sổ đăng ký hồ sơ (audit_seal) bị sửa đổi"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			db := MustOpen(t)
			sealedDossier(t, db)
			id := sealedDossier(t, db)
			if got := verify(t, db, testKey); len(got) != 0 {
				t.Fatalf("before: %v", got)
			}
			c.tamper(t, db, id)
			got := verify(t, db, testKey)
			want := c.want
			if !strings.Contains(want[0], "cơ sở dữ liệu") && !strings.Contains(want[0], "audit_seal") {
				want = append(want, fmt.Sprintf("hồ sơ %d", id))
			}
			if !hasProblem(got, want...) {
				t.Errorf("problems = %q, want one with %q", got, want)
			}
			// The other dossier is untouched and not named, unless the register is.
			for _, g := range got {
				if strings.HasPrefix(g, fmt.Sprintf("hồ sơ %d,", id-1)) || strings.HasPrefix(g, fmt.Sprintf("hồ sơ %d:", id-1)) {
					t.Errorf("the untouched dossier is named: %q", g)
				}
			}
		})
	}
}

// One dossier's last event is cut and the head it had before that event, validly sealed,
// is put back with the status: the dossier alone looks intact, the register does not.
func TestAudit_OlderHeadPutBack(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t)
	id := sealedDossier(t, db)
	org, _ := db.OrgByName(ctx, "Sở Y tế")
	v := version(t, "Hệ thống khác", 10)
	sys, _ := db.CreateSystem(ctx, org.ID, v)
	other, err := db.CreateDossier(ctx, store.NewDossier{SystemID: sys, SystemVersion: 1, Level: 1, Profile: v.Profile, Decision: v.Decision,
		Manifest: []byte("{}"), Status: "draft", Event: review.Event{Action: review.Generate, To: "draft"}})
	if err != nil {
		t.Fatal(err)
	}
	r := raw(t, db)
	var seq, legacy int
	var hash, mac string
	if err := r.QueryRow("SELECT seq, legacy, hash, mac FROM audit_heads WHERE dossier_id = ?", other).Scan(&seq, &legacy, &hash, &mac); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Transition(ctx, other, store.Transition{From: "draft", To: "submitted", Event: review.Event{Action: "submit"}}); err != nil {
		t.Fatal(err)
	}
	exec(t, r, dropTriggers...)
	exec(t, r, fmt.Sprintf("DELETE FROM dossier_events WHERE dossier_id = %d AND seq = 2", other),
		fmt.Sprintf("UPDATE dossiers SET status = 'draft' WHERE id = %d", other))
	if _, err := r.Exec("UPDATE audit_heads SET seq = ?, legacy = ?, hash = ?, mac = ? WHERE dossier_id = ?", seq, legacy, hash, mac, other); err != nil {
		t.Fatal(err)
	}
	got := verify(t, db, testKey)
	if !hasProblem(got, "cơ sở dữ liệu", "đã niêm phong 6 sự kiện lịch sử nhưng cơ sở dữ liệu có 5") {
		t.Errorf("problems = %q", got)
	}
	_ = id
}

// Verifying with another key says so once, instead of failing every history.
func TestAudit_WrongKey(t *testing.T) {
	db := MustOpen(t)
	sealedDossier(t, db)
	got := verify(t, db, []byte("mot-khoa-khac-khong-phai-khoa-da-niem-phong"))
	if len(got) != 1 || !strings.Contains(got[0], "khóa kiểm toán không phải khóa đã niêm phong") {
		t.Errorf("problems = %q", got)
	}
	// A second store on the same file with another key is refused before it writes.
	other, err := store.Open(context.Background(), db.Path(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	var ke *store.AuditKeyError
	if _, err := other.UseAuditKey(context.Background(), []byte("mot-khoa-khac-khong-phai-khoa-da-niem-phong"), true); !errors.As(err, &ke) {
		t.Errorf("UseAuditKey(another key) = %v, want an AuditKeyError", err)
	}
}

// Nothing is recorded on top of a history that does not verify, so that tampering is never
// sealed over; and a store without a key records no history at all.
func TestAudit_NoStepOnTamperedHistory(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t)
	id := sealedDossier(t, db)
	r := raw(t, db)
	exec(t, r, dropTriggers...)
	exec(t, r, fmt.Sprintf("DELETE FROM dossier_events WHERE dossier_id = %d AND seq = 4", id),
		fmt.Sprintf("UPDATE dossiers SET status = 'appraised' WHERE id = %d", id))
	_, err := db.Transition(ctx, id, store.Transition{From: "appraised", To: "approved", Event: review.Event{Action: "approve"}})
	var p store.Problem
	if !errors.Is(err, store.ErrTampered) || !errors.As(err, &p) || p.DossierID != id {
		t.Fatalf("Transition on a cut history = %v, want ErrTampered naming dossier %d", err, id)
	}
	if got := verify(t, db, testKey); !hasProblem(got, fmt.Sprintf("hồ sơ %d, sự kiện 4", id), "lịch sử bị cắt") {
		t.Errorf("problems = %q", got)
	}

	bare, err := store.Open(ctx, db.Path(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer bare.Close()
	if _, err := bare.Transition(ctx, id-0, store.Transition{From: "appraised", To: "returned", Event: review.Event{Action: "return"}}); !errors.Is(err, store.ErrNoAuditKey) {
		t.Errorf("Transition without a key = %v, want ErrNoAuditKey", err)
	}
}
