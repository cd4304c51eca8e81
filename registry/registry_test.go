package registry_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"capdo/dossier"
	"capdo/levels"
	"capdo/registry"
	"capdo/review"
	"capdo/store"
)

// env is a real database with one province, its unit and a level-3 system of the unit.
type env struct {
	db     *store.DB
	path   string
	unit   int64
	system int64
	sc     store.Scope
}

var (
	operator = registry.Actor{Username: "vanhanh", Role: "operator"}
	infosec  = registry.Actor{Username: "attt", Role: "infosec"}
	owner    = registry.Actor{Username: "chuquan", Role: "owner"}
)

// profileL3 is level 3 under Decree 85 (D85.A9.K2.c).
var profileL3 = levels.Profile{ID: "HT-003", Name: "Cổng dịch vụ công", Owner: "UBND tỉnh A", SystemType: "citizen_business",
	InfoTypes: []string{"public", "personal"}, PersonalDataUsers: 250000}

func newEnv(t testing.TB) *env {
	t.Helper()
	ctx := context.Background()
	e := &env{path: filepath.Join(t.TempDir(), "capdo.db")}
	e.open(t)
	province, err := e.db.CreateOrg(ctx, store.NewOrg{Name: "UBND tỉnh A"})
	if err != nil {
		t.Fatal(err)
	}
	unit, err := e.db.CreateOrg(ctx, store.NewOrg{Name: "Sở A", ParentID: province.ID})
	if err != nil {
		t.Fatal(err)
	}
	e.unit, e.sc = unit.ID, store.Scope{OrgID: province.ID}
	saved, err := e.registry(t, levels.DefaultRuleSet).SaveSystem(ctx, operator, e.sc, 0, unit.ID, profileL3)
	if err != nil || saved.Version != 1 || saved.Decision.Level != 3 {
		t.Fatalf("SaveSystem = %+v, %v", saved, err)
	}
	e.system = saved.ID
	return e
}

// open (re)opens the database file, as a restarted server does.
func (e *env) open(t testing.TB) {
	t.Helper()
	if e.db != nil {
		e.db.Close()
	}
	db, err := store.Open(context.Background(), e.path, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	// The audit key capdo serve gives the store (the same one across restarts).
	if _, err := db.UseAuditKey(context.Background(), []byte("khoa-kiem-toan-cua-registry-test-32b"), true); err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) }
	e.db = db
}

func (e *env) registry(t testing.TB, rules string) *registry.Registry {
	t.Helper()
	rs, err := levels.Open(rules)
	if err != nil {
		t.Fatal(err)
	}
	eng, err := dossier.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	r, err := registry.New(e.db, eng, rs, e.db.Now)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// agencyRuleFile writes an agency's own rule file: Decree 85's criteria under the agency's
// id and prefix, whose level-3 procedure has the infosec unit approve.
func agencyRuleFile(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../levels/rules/d85-2016.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := strings.ReplaceAll(string(data), "D85.", "TT85.")
	s = strings.Replace(s, "\nid: d85-2016\n", "\nid: tinh-thu-2026\n", 1)
	old := "    approver: Chủ quản hệ thống thông tin\n    approver_role: owner\n"
	if strings.Count(s, old) != 1 {
		t.Fatal("d85-2016 changed: the test's replacement no longer fits")
	}
	s = strings.Replace(s, old, "    approver: Đơn vị chuyên trách về an toàn thông tin\n    approver_role: infosec\n", 1)
	path := filepath.Join(t.TempDir(), "tinh-thu.yaml")
	if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// A dossier is stored with the procedure of its level and its manifest serialized once:
// the stored bytes are those of the zip and of the hash in its first history event.
func TestMakeDossier_PinsProcedureAndManifest(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	r := e.registry(t, levels.DefaultRuleSet)
	m, err := r.MakeDossier(ctx, operator, e.sc, e.system, "")
	if err != nil || m.Level != 3 || m.RuleSet != "d85-2016" || m.Status != review.Draft {
		t.Fatalf("MakeDossier = %+v, %v", m, err)
	}
	d, err := e.db.Dossier(ctx, e.sc, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := r.Rules().ProcedureOf(3, &profileL3)
	if d.Procedure == nil || !reflect.DeepEqual(*d.Procedure, want) {
		t.Errorf("pinned procedure = %+v, want %+v", d.Procedure, want)
	}
	if d.RuleSetDigest != r.Rules().Digest || d.Holder != "operator" || d.Status != "draft" {
		t.Errorf("dossier = %+v", d)
	}
	if _, err := e.db.RuleFile(ctx, d.RuleSetDigest); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a built-in rule set was stored as a file: %v", err)
	}

	evs, err := e.db.DossierEvents(ctx, e.sc, m.ID)
	sum := sha256.Sum256(d.Manifest)
	if err != nil || len(evs) != 1 || evs[0].Data != "manifest.json sha256 "+hex.EncodeToString(sum[:]) || evs[0].Actor != "vanhanh" {
		t.Errorf("first event = %+v, %v; want the stored manifest's hash", evs, err)
	}
	var out dossier.Dossier
	if err := json.Unmarshal(d.Manifest, &out.Manifest); err != nil {
		t.Fatal(err)
	}
	for _, f := range d.Files {
		sf, err := e.db.DossierFile(ctx, e.sc, m.ID, f.Name)
		if err != nil {
			t.Fatal(err)
		}
		out.Files = append(out.Files, dossier.File{Name: sf.Name, Data: sf.Data, SHA256: sf.SHA256})
	}
	var buf bytes.Buffer
	if err := out.WriteZip(&buf); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.Name != dossier.ManifestName {
			continue
		}
		rc, _ := zf.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if !bytes.Equal(b, d.Manifest) {
			t.Errorf("manifest.json in the zip differs from the stored one:\n%s\n%s", b, d.Manifest)
		}
	}
}

// The rule set a dossier is made with is the server's, or one named: a built-in set or the
// server's own by id, never a path. A Decree 331 dossier holds the Decree 331 documents.
func TestMakeDossier_RuleSetNamed(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	r := e.registry(t, "d331-2026")
	if m, err := r.MakeDossier(ctx, operator, e.sc, e.system, ""); err != nil || m.RuleSet != "d331-2026" {
		t.Errorf("dossier under d331-2026 = %+v, %v", m, err)
	} else if d, err := e.db.Dossier(ctx, e.sc, m.ID); err != nil || !slices.ContainsFunc(d.Files, func(f store.File) bool { return f.Name == "phuong-an-bao-dam-an-ninh-mang.docx" }) {
		t.Errorf("Decree 331 dossier files: %v", err)
	}
	if m, err := r.MakeDossier(ctx, operator, e.sc, e.system, "d85-2016"); err != nil || m.RuleSet != "d85-2016" {
		t.Errorf("dossier by name = %+v, %v", m, err)
	}
	for _, name := range []string{"d99", "../levels/rules/d85-2016.yaml", agencyRuleFile(t)} {
		var ie *levels.InvalidError
		_, err := r.MakeDossier(ctx, operator, e.sc, e.system, name)
		if !errors.As(err, &ie) || ie.Problems[0].Field != "rule_set" {
			t.Errorf("rule set %q: err = %v, want a problem of rule_set", name, err)
		}
	}
	if _, err := r.MakeDossier(ctx, operator, store.Scope{OrgID: e.unit + 100}, e.system, "d99"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another organisation's system: err = %v, want ErrNotFound first", err)
	}
}

// A dossier made with an agency's rule file stores the file once and keeps its own flow
// after a restart with another rule set and with the file gone.
func TestTakeStep_AgencyDossierAfterRestart(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	path := agencyRuleFile(t)
	a := e.registry(t, path)
	m, err := a.MakeDossier(ctx, operator, e.sc, e.system, "")
	if err != nil || m.RuleSet != "tinh-thu-2026" {
		t.Fatalf("MakeDossier = %+v, %v", m, err)
	}
	if _, err := a.MakeDossier(ctx, operator, e.sc, e.system, "tinh-thu-2026"); err != nil {
		t.Fatalf("the server's own set by id: %v", err)
	}
	if _, err := a.TakeStep(ctx, operator, e.sc, m.ID, "submit", ""); err != nil {
		t.Fatal(err)
	}
	os.Remove(path)
	e.open(t)
	b := e.registry(t, "d85-2016")
	if st, err := b.TakeStep(ctx, owner, e.sc, m.ID, "approve", ""); !errors.Is(err, review.ErrForbidden) || st.Action != review.Approve || st.From != review.Submitted {
		t.Errorf("owner approves = %+v, %v; want ErrForbidden naming the action and status", st, err)
	}
	st, err := b.TakeStep(ctx, infosec, e.sc, m.ID, "appraise", "  Đạt  ")
	if err != nil || st.To != review.Appraised || st.Dossier.Holder != "infosec" {
		t.Fatalf("appraise = %+v, %v; want the infosec unit to approve next", st, err)
	}
	d, _ := e.db.Dossier(ctx, e.sc, m.ID)
	rs, err := b.RuleSetOf(ctx, d)
	if err != nil || rs.ID != "tinh-thu-2026" || rs.Digest != d.RuleSetDigest {
		t.Errorf("RuleSetOf = %v, %v; want the stored agency file", rs, err)
	}
	if st, err := b.TakeStep(ctx, infosec, e.sc, m.ID, "approve", ""); err != nil || st.Dossier.Status != "approved" {
		t.Errorf("approve = %+v, %v", st, err)
	}
	if _, err := b.TakeStep(ctx, infosec, e.sc, m.ID, "return", ""); !errors.Is(err, store.ErrImmutable) {
		t.Errorf("a step after approval: err = %v, want ErrImmutable", err)
	}
}

// TakeStep checks what it is given before the flow: the action's name, then the comment.
func TestTakeStep_Input(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	r := e.registry(t, levels.DefaultRuleSet)
	m, err := r.MakeDossier(ctx, operator, e.sc, e.system, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.TakeStep(ctx, operator, e.sc, m.ID, "publish", ""); !errors.Is(err, review.ErrUnknownAction) {
		t.Errorf("unknown action: %v", err)
	}
	var ie *levels.InvalidError
	if _, err := r.TakeStep(ctx, operator, e.sc, m.ID, "submit", strings.Repeat("ý", levels.MaxTextLen+1)); !errors.As(err, &ie) || ie.Problems[0].Field != "comment" {
		t.Errorf("long comment: %v", err)
	}
	if _, err := r.TakeStep(ctx, operator, store.Scope{OrgID: e.unit + 100}, m.ID, "submit", ""); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("outside the scope: %v", err)
	}
	st, err := r.TakeStep(ctx, operator, e.sc, m.ID, "submit", "")
	if err != nil || st.From != review.Draft || st.To != review.Submitted || st.Dossier.DueAt.IsZero() {
		t.Errorf("submit = %+v, %v", st, err)
	}
}

// Dossiers made before procedures were pinned get theirs from the rule set they recorded,
// as the server resolved it: approved ones too, an agency's with its file when the server
// runs with that very file; one whose rule set is nowhere is left and reported.
func TestPinLegacy(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	path := agencyRuleFile(t)
	agency, err := levels.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	legacy := func(ruleSet, digest, status string) int64 {
		t.Helper()
		id, err := e.db.CreateDossier(ctx, store.NewDossier{SystemID: e.system, SystemVersion: 1, Level: 3, Profile: profileL3,
			Manifest: []byte(`{}`), RuleSet: ruleSet, RuleSetDigest: digest, Status: status, Holder: "operator",
			Event: review.Event{Action: review.Generate, To: status}})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	d85 := legacy("d85-2016", "an older digest", "submitted")
	if _, err := e.db.Transition(ctx, d85, store.Transition{From: "submitted", To: "approved", Event: review.Event{Action: "approve"}}); err != nil {
		t.Fatal(err)
	}
	own := legacy("tinh-thu-2026", agency.Digest, "submitted")
	gone := legacy("tinh-cu-2020", "x", "submitted")

	r := e.registry(t, path)
	n, left, err := r.PinLegacy(ctx)
	if err != nil || n != 2 || len(left) != 1 || left[0].ID != gone || !errors.Is(left[0].Err, registry.ErrRuleSetGone) {
		t.Fatalf("PinLegacy = %d, %v, %v; want 2 pinned and %d left", n, left, err, gone)
	}
	for _, c := range []struct {
		id       int64
		approver string
	}{{d85, "owner"}, {own, "infosec"}} {
		d, err := e.db.Dossier(ctx, e.sc, c.id)
		if err != nil || d.Procedure == nil || d.Procedure.ApproverRole != c.approver {
			t.Errorf("dossier %d: procedure %+v, %v; want approver %s", c.id, d.Procedure, err, c.approver)
		}
	}
	if f, err := e.db.RuleFile(ctx, agency.Digest); err != nil || f.RuleSet != "tinh-thu-2026" {
		t.Errorf("agency rule file = %+v, %v", f, err)
	}
	if n, left, err := r.PinLegacy(ctx); n != 0 || len(left) != 1 || err != nil {
		t.Errorf("second PinLegacy = %d, %v, %v; want nothing new", n, left, err)
	}
	// The one left still shows, and says its rule set is gone.
	d, _ := e.db.Dossier(ctx, e.sc, gone)
	if _, err := r.RuleSetOf(ctx, d); !errors.Is(err, registry.ErrRuleSetGone) {
		t.Errorf("RuleSetOf(gone) = %v", err)
	}
	if _, _, err := r.FlowOf(d); !errors.Is(err, registry.ErrRuleSetGone) {
		t.Errorf("FlowOf(gone) = %v", err)
	}
}

// An agency rule file that changes between compiling and storing is refused at start.
func TestNew_AgencyFileChanged(t *testing.T) {
	t.Parallel()
	path := agencyRuleFile(t)
	rs, err := levels.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("\n# sửa\n")
	f.Close()
	if _, err := registry.New(nil, nil, rs, nil); err == nil || !strings.Contains(err.Error(), "vừa thay đổi") {
		t.Errorf("New = %v, want a refusal naming the change", err)
	}
	os.Remove(path)
	if _, err := registry.New(nil, nil, rs, nil); err == nil || !strings.Contains(err.Error(), "không đọc lại được") {
		t.Errorf("New without the file = %v", err)
	}
}
