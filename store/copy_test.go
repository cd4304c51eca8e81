package store

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"capdo/levels"
	"capdo/review"
	"capdo/store/storetest"
)

// fillForCopy stores a little of everything: a tree of organisations, users, a session, a
// setup link, a system with two versions and three dossiers (approved, returned, draft)
// whose files hold every byte value.
func fillForCopy(t *testing.T, db *DB) (blob []byte, dossiers []int64) {
	t.Helper()
	ctx := context.Background()
	if _, err := db.UseAuditKey(ctx, copyKey, true); err != nil {
		t.Fatal(err)
	}
	province, err := db.CreateOrg(ctx, NewOrg{Name: "UBND tỉnh Kiên Giang"})
	if err != nil {
		t.Fatal(err)
	}
	unit, err := db.CreateOrg(ctx, NewOrg{Name: "Sở Thông tin và Truyền thông", ParentID: province.ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateOrg(ctx, NewOrg{Name: "Cục An toàn thông tin", Appraises: AppraisesBCA}); err != nil {
		t.Fatal(err)
	}
	u, err := db.CreateUser(ctx, NewUser{Username: "VanHanh", PasswordHash: []byte{0, 1, 2, 0xff}, Role: "operator", OrgID: unit.ID})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SetDisabled(ctx, u.ID, true); err != nil {
		t.Fatal(err)
	}
	if err := db.SetDisabled(ctx, u.ID, false); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateSession(ctx, "phien", u.ID, "csrf", time.Hour); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateSetupToken(ctx, "lien-ket", time.Hour); err != nil {
		t.Fatal(err)
	}
	p := levels.Profile{ID: "HT-01", Name: "Cổng dịch vụ công", Owner: "UBND tỉnh Kiên Giang", SystemType: "citizen_business",
		InfoTypes: []string{"public", "personal"}, PersonalDataUsers: 20000}
	if ps := levels.Validate(&p); len(ps) > 0 {
		t.Fatal(ps)
	}
	rs, err := levels.Open(levels.DefaultRuleSet)
	if err != nil {
		t.Fatal(err)
	}
	dec, err := rs.Classify(ctx, &p)
	if err != nil {
		t.Fatal(err)
	}
	sys, err := db.CreateSystem(ctx, unit.ID, NewVersion{Profile: p, Decision: dec, ActorID: u.ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.UpdateSystem(ctx, Scope{OrgID: unit.ID}, sys, NewVersion{Profile: p, Decision: dec, ActorID: u.ID}); err != nil {
		t.Fatal(err)
	}
	for i := range 256 {
		blob = append(blob, byte(i))
	}
	for i, last := range []string{"approved", "returned", "draft"} {
		id, err := db.CreateDossier(ctx, NewDossier{SystemID: sys, SystemVersion: 2, Level: dec.Level, Profile: p, Decision: dec,
			Manifest: []byte(`{"system":"Cổng dịch vụ công"}`), RuleSet: "d85-2016", RuleSetDigest: "r", Templates: "embedded", TemplatesDigest: "t",
			Files:  []File{{Name: "to-trinh.docx", Data: blob, SHA256: sha256Hex(blob)}, {Name: "du-thao-quyet-dinh.docx", Data: []byte("PK"), SHA256: sha256Hex([]byte("PK"))}},
			Status: "draft", Holder: "operator", DueAt: time.Date(2026, 3, i+1, 0, 0, 0, 0, time.UTC), ActorID: u.ID,
			Event: review.Event{Action: review.Generate, To: "draft", Actor: "VanHanh", Role: "operator", Comment: "Lần " + string(rune('1'+i))}})
		if err != nil {
			t.Fatal(err)
		}
		steps := map[string][]string{"approved": {"submitted", "appraised", "approved"}, "returned": {"submitted", "returned"}}[last]
		from := "draft"
		for _, to := range steps {
			if _, err := db.Transition(ctx, id, Transition{From: from, To: to, Holder: "owner",
				Event: review.Event{Action: "x", Actor: "chuquan", Role: "owner", Comment: "Ý kiến: đạt"}}); err != nil {
				t.Fatal(err)
			}
			from = to
		}
		dossiers = append(dossiers, id)
	}
	return blob, dossiers
}

var copyKey = []byte("khoa-kiem-toan-thu-chep-co-so-du-lieu-32")

// capdo db copy: everything in a SQLite database lands in PostgreSQL, reads back the same,
// keeps its ids and history, and the target then works as any PostgreSQL database does.
func TestCopy_SQLiteToPostgres(t *testing.T) {
	base := storetest.PostgresURL(t)
	ctx := context.Background()
	src, err := Open(ctx, filepath.Join(t.TempDir(), "capdo.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	blob, ids := fillForCopy(t, src)
	dst, err := Open(ctx, storetest.NewSchema(t, base), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()

	wrong := append([]byte("x"), copyKey...)
	var ke *AuditKeyError
	if _, err := Copy(ctx, src, dst, wrong); !errors.As(err, &ke) {
		t.Errorf("copy with another key: %v, want AuditKeyError", err)
	}
	rep, err := Copy(ctx, src, dst, copyKey)
	if err != nil {
		t.Fatalf("Copy: %v", err)
	}
	if len(rep.Problems) != 0 {
		t.Errorf("problems = %v", rep.Problems)
	}
	if rep.Dossiers != 3 {
		t.Errorf("verified %d histories, want 3", rep.Dossiers)
	}
	rows := map[string]int64{}
	for _, tc := range rep.Tables {
		rows[tc.Table] = tc.Rows
	}
	for table, want := range map[string]int64{"orgs": 3, "users": 1, "sessions": 1, "setup_tokens": 1, "systems": 1,
		"system_versions": 2, "dossiers": 3, "dossier_files": 6, "dossier_events": 8} {
		if rows[table] != want {
			t.Errorf("copied %d rows of %s, want %d", rows[table], table, want)
		}
	}

	u, err := dst.UserByUsername(ctx, "vanhanh")
	if err != nil || !bytes.Equal(u.PasswordHash, []byte{0, 1, 2, 0xff}) {
		t.Fatalf("user after copy = %+v, %v", u, err)
	}
	if _, _, err := dst.Session(ctx, "phien"); err != nil {
		t.Errorf("session after copy: %v", err)
	}
	sc := Scope{OrgID: u.OrgID}
	for i, id := range ids {
		d, err := dst.Dossier(ctx, sc, id)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := src.Dossier(ctx, sc, id)
		if d.Status != want.Status || !d.DueAt.Equal(want.DueAt) || d.Profile.Name != "Cổng dịch vụ công" ||
			len(d.Files) != 2 || d.Files[0].Name != "to-trinh.docx" {
			t.Errorf("dossier %d after copy = %+v", i, d)
		}
		f, err := dst.DossierFile(ctx, sc, id, "to-trinh.docx")
		if err != nil || !bytes.Equal(f.Data, blob) {
			t.Errorf("file of dossier %d changed in the copy: %v", id, err)
		}
		evs, err := dst.DossierEvents(ctx, sc, id)
		srcEvs, _ := src.DossierEvents(ctx, sc, id)
		if err != nil || len(evs) != len(srcEvs) || review.Last(evs) != review.Last(srcEvs) {
			t.Errorf("history of dossier %d after copy: %v", id, err)
		}
	}
	// The copy verifies with the key, takes the key as sealed with it, and goes on.
	if ar, err := dst.VerifyAudit(ctx, copyKey, true); err != nil || len(ar.Problems) != 0 || ar.Dossiers != 3 {
		t.Errorf("audit verify of the copy = %+v, %v", ar, err)
	}
	if _, err := dst.UseAuditKey(ctx, copyKey, false); err != nil {
		t.Fatalf("UseAuditKey on the copy: %v", err)
	}
	if _, err := dst.Transition(ctx, ids[2], Transition{From: "draft", To: "submitted", Holder: "infosec",
		Event: review.Event{Action: "submit", Actor: "VanHanh", Role: "operator"}}); err != nil {
		t.Errorf("a step on a copied dossier: %v", err)
	}
	// New rows continue after the copied ids, and the records are guarded again.
	o, err := dst.CreateOrg(ctx, NewOrg{Name: "Đơn vị mới"})
	if err != nil || o.ID != 4 {
		t.Errorf("new organisation after copy = %d, %v; want id 4", o.ID, err)
	}
	if _, err := dst.write.ExecContext(ctx, "UPDATE dossiers SET holder = 'x' WHERE id = ?", ids[0]); err == nil ||
		!strings.Contains(err.Error(), "immutable") {
		t.Errorf("approved dossier changed after the copy: %v", err)
	}
	if _, err := dst.write.ExecContext(ctx, "DELETE FROM dossier_events"); err == nil {
		t.Error("history deleted after the copy")
	}

	// A second copy finds data and changes nothing.
	if _, err := Copy(ctx, src, dst, copyKey); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("copy into a used database: %v, want ErrNotEmpty", err)
	}
	var n int
	if err := dst.read.QueryRowContext(ctx, "SELECT count(*) FROM dossiers").Scan(&n); err != nil || n != 3 {
		t.Errorf("dossiers after the refused copy = %d, %v", n, err)
	}
	// Into SQLite it does not go.
	if _, err := Copy(ctx, dst, src, copyKey); err == nil {
		t.Error("copy into a SQLite database was accepted")
	}
}
