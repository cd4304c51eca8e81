package registry_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"capdo/levels"
	"capdo/registry"
	"capdo/review"
	"capdo/store"
)

// problemField is the field the first problem of an InvalidError names, "" otherwise.
func problemField(err error) string {
	var ie *levels.InvalidError
	if errors.As(err, &ie) && len(ie.Problems) > 0 {
		return ie.Problems[0].Field
	}
	return ""
}

// A return needs its reason; a returned dossier goes back only with a comment saying what
// changed or a document uploaded since the return.
func TestTakeStep_ReturnLoop(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	r := e.registry(t, levels.DefaultRuleSet)
	m, err := r.MakeDossier(ctx, operator, e.sc, e.system, "")
	if err != nil {
		t.Fatal(err)
	}
	step := func(who registry.Actor, action, comment string) error {
		t.Helper()
		_, err := r.TakeStep(ctx, who, e.sc, m.ID, action, comment)
		return err
	}
	if err := step(operator, "submit", ""); err != nil {
		t.Fatalf("a first submission needs no comment: %v", err)
	}
	if err := step(infosec, "return", "  "); problemField(err) != "comment" {
		t.Errorf("return without a reason: %v, want a problem naming comment", err)
	}
	if err := step(infosec, "return", "Thiếu sơ đồ mạng"); err != nil {
		t.Fatal(err)
	}
	if err := step(operator, "submit", ""); problemField(err) != "comment" || !strings.Contains(err.Error(), "trả lại") {
		t.Errorf("bare resubmission: %v, want a problem naming comment", err)
	}
	if err := step(operator, "submit", "Đã bổ sung sơ đồ mạng"); err != nil {
		t.Errorf("resubmission saying what changed: %v", err)
	}
	if err := step(infosec, "return", "Sơ đồ chưa đủ"); err != nil {
		t.Fatal(err)
	}
	if _, err := r.AddDocument(ctx, operator, e.sc, m.ID, "revised", "So do mang v2.pdf", minimalPDF("v2")); err != nil {
		t.Fatal(err)
	}
	if err := step(operator, "submit", ""); err != nil {
		t.Errorf("resubmission after uploading a revised document: %v", err)
	}
}

// An approval may carry the decision: its number reads like 15/QĐ-UBND, its date is no
// later than today and no earlier than the submission. The approval records the inspection
// cycle of the level; the decision is recorded once, by the approver.
func TestTakeStep_ApproveWithDecision(t *testing.T) {
	t.Parallel()
	e := newEnv(t) // clock: 2026-03-02 09:00 UTC
	ctx := context.Background()
	r := e.registry(t, levels.DefaultRuleSet)
	m, _ := r.MakeDossier(ctx, operator, e.sc, e.system, "")
	for _, s := range []struct {
		who    registry.Actor
		action string
	}{{operator, "submit"}, {infosec, "appraise"}} {
		if _, err := r.TakeStep(ctx, s.who, e.sc, m.ID, s.action, ""); err != nil {
			t.Fatal(err)
		}
	}
	approve := func(number, date string) error {
		_, err := r.TakeStepWith(ctx, owner, e.sc, m.ID, registry.StepRequest{Action: "approve", Decision: registry.Decision{Number: number, Date: date}})
		return err
	}
	for _, c := range []struct{ number, date, field string }{
		{"15/QĐ-UBND", "", "decision_date"},
		{"", "2026-03-02", "decision_number"},
		{"15/QD-UBND", "2026-03-02", "decision_number"},
		{"QĐ-UBND", "2026-03-02", "decision_number"},
		{"15/QĐ", "2026-03-02", "decision_number"},
		{"15/QĐ-UBND", "02/03/2026", "decision_date"},
		{"15/QĐ-UBND", "2026-02-30", "decision_date"},
		{"15/QĐ-UBND", "2026-03-03", "decision_date"}, // tomorrow
		{"15/QĐ-UBND", "2026-03-01", "decision_date"}, // before the submission
	} {
		if err := approve(c.number, c.date); problemField(err) != c.field {
			t.Errorf("approve with %q %q: %v, want a problem naming %s", c.number, c.date, err, c.field)
		}
	}
	if _, err := r.TakeStepWith(ctx, owner, e.sc, m.ID, registry.StepRequest{Action: "return", Comment: "x",
		Decision: registry.Decision{Number: "15/QĐ-UBND"}}); problemField(err) != "decision_number" {
		t.Errorf("a decision with a return: %v", err)
	}
	if err := approve(" 15 / qđ-ubnd ", "2026-03-02"); err != nil {
		t.Fatal(err)
	}
	d, _ := e.db.Dossier(ctx, e.sc, m.ID)
	if d.Approval == nil || d.Approval.InspectionMonths != 12 || d.Approval.Decision == nil || d.Approval.Decision.Number != "15/QĐ-UBND" {
		t.Fatalf("approval = %+v", d.Approval)
	}
	evs, _ := e.db.DossierEvents(ctx, e.sc, m.ID)
	if last := evs[len(evs)-1]; last.Data != "decision_number 15/QĐ-UBND decision_date 2026-03-02" {
		t.Errorf("the approval event does not carry the decision: %+v", last)
	}
	if _, err := r.RecordDecision(ctx, owner, e.sc, m.ID, registry.Decision{Number: "16/QĐ-UBND", Date: "2026-03-02"}); !errors.Is(err, store.ErrConflict) {
		t.Errorf("a second decision: %v, want ErrConflict", err)
	}
}

func TestRecordDecision(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	r := e.registry(t, levels.DefaultRuleSet)
	m, _ := r.MakeDossier(ctx, operator, e.sc, e.system, "")
	dec := registry.Decision{Number: "7/2026/QĐ-UBND", Date: "2026-03-02"}
	if _, err := r.RecordDecision(ctx, owner, e.sc, m.ID, dec); !errors.Is(err, store.ErrConflict) {
		t.Errorf("decision of a draft: %v, want ErrConflict", err)
	}
	for _, s := range []struct {
		who    registry.Actor
		action string
	}{{operator, "submit"}, {infosec, "appraise"}, {owner, "approve"}} {
		if _, err := r.TakeStep(ctx, s.who, e.sc, m.ID, s.action, ""); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := r.RecordDecision(ctx, infosec, e.sc, m.ID, dec); !errors.Is(err, review.ErrForbidden) {
		t.Errorf("the appraiser records the decision: %v, want ErrForbidden", err)
	}
	if _, err := r.RecordDecision(ctx, owner, e.sc, m.ID, registry.Decision{Number: "7/2026/QĐ-UBND", Date: "2027-01-01"}); problemField(err) != "decision_date" {
		t.Errorf("a future date: %v", err)
	}
	d, err := r.RecordDecision(ctx, owner, e.sc, m.ID, dec)
	if err != nil || d.Approval == nil || d.Approval.Decision == nil || d.Approval.Decision.Date != "2026-03-02" {
		t.Fatalf("RecordDecision = %+v, %v", d.Approval, err)
	}
	if _, err := r.RecordDecision(ctx, owner, e.sc, m.ID, dec); !errors.Is(err, store.ErrConflict) {
		t.Errorf("recorded twice: %v, want ErrConflict", err)
	}
	evs, _ := e.db.DossierEvents(ctx, e.sc, m.ID)
	if c, err := e.db.VerifyDossier(ctx, m.ID); err != nil || !c.OK() || evs[len(evs)-1].Action != "decision" {
		t.Errorf("history = %v, last %+v", err, evs[len(evs)-1])
	}
}

// AddDocument checks, in order: the dossier, the kind, the upload table, the system's
// version, the size, the content, the dossier's quota.
func TestAddDocument(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	r := e.registry(t, levels.DefaultRuleSet)
	r.SetUploadLimits(registry.UploadLimits{FileBytes: 4 << 10, PerDossier: 2})
	m, _ := r.MakeDossier(ctx, operator, e.sc, e.system, "")
	pdf := minimalPDF("Tờ trình")
	add := func(who registry.Actor, kind string, data []byte) error {
		_, err := r.AddDocument(ctx, who, e.sc, m.ID, kind, "to trinh.pdf", data)
		return err
	}
	var large *registry.TooLargeError
	var unsupported *registry.UnsupportedError
	var quota *registry.QuotaError
	if _, err := r.AddDocument(ctx, operator, store.Scope{OrgID: e.unit + 100}, m.ID, "signed_request", "a.pdf", pdf); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("outside the scope: %v", err)
	}
	if err := add(operator, "macro", pdf); problemField(err) != "kind" {
		t.Errorf("unknown kind: %v", err)
	}
	if err := add(infosec, "signed_request", pdf); !errors.Is(err, review.ErrForbidden) {
		t.Errorf("infosec adds the signed request: %v", err)
	}
	if err := add(infosec, "appraisal", pdf); !errors.Is(err, review.ErrConflict) {
		t.Errorf("an appraisal of a draft: %v", err)
	}
	if err := add(operator, "signed_request", append(pdf, make([]byte, 5<<10)...)); !errors.As(err, &large) || large.Limit != 4<<10 {
		t.Errorf("too large: %v", err)
	}
	if err := add(operator, "signed_request", []byte("GIF89a")); !errors.As(err, &unsupported) {
		t.Errorf("a GIF: %v", err)
	}
	up, err := r.AddDocument(ctx, operator, e.sc, m.ID, "signed_request", "Tờ trình đã ký.PDF", pdf)
	if err != nil || up.Name != "to-trinh-da-ky.pdf" || up.ContentType != registry.PDFType || len(up.SHA256) != 64 {
		t.Fatalf("upload = %+v, %v", up, err)
	}
	if err := add(owner, "attachment", pdf); err != nil {
		t.Fatal(err)
	}
	if err := add(operator, "attachment", pdf); !errors.As(err, &quota) || quota.Files != 2 {
		t.Errorf("a third file over a quota of two: %v", err)
	}
	// Once the system changes, the draft takes nothing more: a new version is due.
	if _, err := r.SaveSystem(ctx, operator, e.sc, e.system, 0, profileL3); err != nil {
		t.Fatal(err)
	}
	r.SetUploadLimits(registry.UploadLimits{PerDossier: 10})
	var stale *store.StaleError
	if err := add(operator, "attachment", pdf); !errors.As(err, &stale) {
		t.Errorf("upload to a stale dossier: %v", err)
	}
	d, _ := e.db.Dossier(ctx, e.sc, m.ID)
	f, _, _ := r.FlowOf(d)
	if got := registry.Allowed(d, f, "operator"); len(got) != 1 || got[0] != review.Withdraw {
		t.Errorf("a stale draft allows %v, want only withdraw", got)
	}
	if got := registry.Uploadable(d, f, "operator"); len(got) != 0 {
		t.Errorf("a stale draft takes %v, want nothing", got)
	}
}

// A new dossier replaces the system's returned dossiers and stale drafts; a preparer may
// withdraw a draft.
func TestMakeDossier_Replaces(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	r := e.registry(t, levels.DefaultRuleSet)
	a, _ := r.MakeDossier(ctx, operator, e.sc, e.system, "")
	b, _ := r.MakeDossier(ctx, operator, e.sc, e.system, "")
	r.TakeStep(ctx, operator, e.sc, a.ID, "submit", "")
	r.TakeStep(ctx, infosec, e.sc, a.ID, "return", "Thiếu")
	if _, err := r.TakeStep(ctx, infosec, e.sc, b.ID, "withdraw", ""); !errors.Is(err, review.ErrForbidden) {
		t.Errorf("infosec withdraws a draft: %v", err)
	}
	c, err := r.MakeDossier(ctx, owner, e.sc, e.system, "")
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[int64]string{a.ID: "withdrawn", b.ID: "draft", c.ID: "draft"} {
		if d, _ := e.db.Dossier(ctx, e.sc, id); d.Status != want {
			t.Errorf("dossier %d: %s, want %s", id, d.Status, want)
		}
	}
	st, err := r.TakeStep(ctx, operator, e.sc, b.ID, "withdraw", "Lập nhầm")
	if err != nil || st.To != review.Withdrawn || st.Dossier.Holder != "" {
		t.Errorf("withdraw = %+v, %v", st, err)
	}
}
