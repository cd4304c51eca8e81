package registry_test

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"capdo/levels"
	"capdo/registry"
	"capdo/review"
	"capdo/risk"
	"capdo/store"
)

func assessment(level int) risk.Assessment {
	return risk.Assessment{
		Trigger:  risk.First,
		Contents: risk.Contents{A: "Cổng, CSDL", B: "Thông tin cá nhân", C: "Tấn công web", D: "Trung bình", DD: "Có WAF", E: "Vá lỗi", G: "Báo cáo quý"},
		Risks:    []risk.Risk{{Asset: "Cổng dịch vụ công", Threat: "SQL injection", Likelihood: 3, Impact: 4, Treatment: "Kiểm thử định kỳ"}},
		Level:    level, Rationale: "Rủi ro cao nhất ở mức Cao",
	}
}

var detailed = &risk.Detailed{A: "Kết nối LGSP", B: "Tấn công DDoS", C: "Gián đoạn dịch vụ công của tỉnh", D: "Cổng phải chạy 24/7"}

// Recording an assessment saves a new version carrying it, scored, with who and when; an
// invalid one, another organisation's system or a stale base writes nothing.
func TestRecordRisk(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	r := e.registry(t, levels.DefaultRuleSet)
	a := assessment(3)
	saved, err := r.RecordRisk(ctx, operator, e.sc, e.system, a)
	if err != nil || saved.Version != 2 || saved.Decision.Level != 3 {
		t.Fatalf("RecordRisk = %+v, %v", saved, err)
	}
	rec, err := e.db.RiskAssessmentAt(ctx, e.system, 2)
	if err != nil || rec.Version != 2 || rec.Assessment.Risks[0].Score != 12 || rec.Assessment.AssessedBy != "vanhanh" || rec.Assessment.AssessedAt != "2026-03-02" {
		t.Fatalf("recorded = %+v, %v", rec, err)
	}
	st, err := r.RiskOf(ctx, e.sc, e.system)
	if err != nil || st.Record == nil || st.Record.Version != 2 || st.Suggestion.Level != 3 || len(st.Warnings) != 0 || st.Changed != nil {
		t.Errorf("RiskOf = %+v, %v", st, err)
	}

	bad := assessment(3)
	bad.Risks[0].Likelihood = 9
	bad.AssessedAt = "2026-03-03"
	var ie *levels.InvalidError
	if _, err := r.RecordRisk(ctx, operator, e.sc, e.system, bad); !errors.As(err, &ie) || len(ie.Problems) != 2 ||
		ie.Problems[0].Field != "risks[0].likelihood" || ie.Problems[1].Field != "assessed_at" {
		t.Errorf("invalid assessment: %v", err)
	}
	if _, err := r.RecordRisk(ctx, operator, store.Scope{OrgID: e.unit + 100}, e.system, a); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another organisation: %v", err)
	}
	if s, _ := e.db.System(ctx, e.sc, e.system); s.Version != 2 {
		t.Errorf("refusals wrote a version: now %d", s.Version)
	}

	// A profile edit carries the assessment; the facts it changes are listed (Art. 10.2.b).
	p := profileL3
	p.Name = "Cổng dịch vụ công (tên mới)"
	p.InfoTypes = []string{"public", "personal", "private"}
	if _, err := r.SaveSystem(ctx, operator, e.sc, e.system, 0, p); err != nil {
		t.Fatal(err)
	}
	st, err = r.RiskOf(ctx, e.sc, e.system)
	if err != nil || st.Record == nil || st.Record.Version != 2 || st.System.Version != 3 {
		t.Fatalf("carried = %+v, %v", st.Record, err)
	}
	if want := []string{"Loại thông tin xử lý"}; !reflect.DeepEqual(st.Changed, want) {
		t.Errorf("changed facts = %q, want %q", st.Changed, want)
	}

	// Art. 10.5: a register above the level the assessment supports is a warning.
	low := assessment(1)
	low.Risks[0].Likelihood, low.Risks[0].Impact = 5, 5
	if _, err := r.RecordRisk(ctx, operator, e.sc, e.system, low); err != nil {
		t.Fatal(err)
	}
	st, _ = r.RiskOf(ctx, e.sc, e.system)
	if len(st.Warnings) != 1 || !strings.Contains(st.Warnings[0], "gợi ý cấp độ 5") || st.Changed != nil {
		t.Errorf("warnings = %q, changed = %q", st.Warnings, st.Changed)
	}
}

// d331 makes a draft dossier of the system's current version under Decree 331 directly in
// the store: the decree's templates do not exist yet, so MakeDossier refuses it.
func (e *env) d331Dossier(t *testing.T, level int, prof levels.Profile) int64 {
	t.Helper()
	ctx := context.Background()
	rs, err := levels.Open("d331-2026")
	if err != nil {
		t.Fatal(err)
	}
	proc, ok := rs.ProcedureOf(level, &prof)
	if !ok {
		t.Fatalf("d331-2026 has no procedure for level %d", level)
	}
	sys, err := e.db.System(ctx, e.sc, e.system)
	if err != nil {
		t.Fatal(err)
	}
	id, err := e.db.CreateDossier(ctx, store.NewDossier{SystemID: e.system, SystemVersion: sys.Version, Level: level, Profile: prof,
		Manifest: []byte(`{}`), RuleSet: rs.ID, RuleSetDigest: rs.Digest, Status: string(review.Draft),
		Holder: review.FlowFor(level, proc).Holder(review.Draft), Procedure: &proc,
		Event: review.Event{Action: review.Generate, To: string(review.Draft)}})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// A Decree 331 dossier is submitted only with a risk assessment of its version; at levels
// 4–5 with the detailed report of Art. 22.5 (d for a system run 24/7); never below the
// level the assessment supports. Decree 85 dossiers are not concerned.
func TestSubmit_RiskGate(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	r := e.registry(t, levels.DefaultRuleSet)
	submit := func(id int64) error {
		t.Helper()
		_, err := r.TakeStep(ctx, operator, e.sc, id, "submit", "")
		return err
	}
	fields := func(err error) []string {
		var ie *registry.IncompleteError
		if !errors.As(err, &ie) {
			return nil
		}
		var out []string
		for _, p := range ie.Problems {
			out = append(out, p.Field)
		}
		return out
	}

	d85, err := r.MakeDossier(ctx, operator, e.sc, e.system, "d85-2016")
	if err != nil {
		t.Fatal(err)
	}
	if err := submit(d85.ID); err != nil {
		t.Errorf("Decree 85 dossier without an assessment: %v", err)
	}

	none := e.d331Dossier(t, 3, profileL3)
	err = submit(none)
	if got := fields(err); !reflect.DeepEqual(got, []string{"risk_assessment"}) || !strings.Contains(err.Error(), "phiên bản 1") {
		t.Errorf("no assessment: %v (fields %q)", err, got)
	}
	if _, err := r.RecordRisk(ctx, operator, e.sc, e.system, assessment(3)); err != nil {
		t.Fatal(err)
	}
	var stale *store.StaleError
	if err := submit(none); !errors.As(err, &stale) {
		t.Errorf("a dossier made before the assessment: %v, want StaleError", err)
	}
	if err := submit(e.d331Dossier(t, 3, profileL3)); err != nil {
		t.Errorf("level 3 with an assessment: %v", err)
	}

	l4 := e.d331Dossier(t, 4, profileL3)
	if got := fields(submit(l4)); !reflect.DeepEqual(got, []string{"risk_assessment.detailed.a", "risk_assessment.detailed.b", "risk_assessment.detailed.c"}) {
		t.Errorf("level 4 without the detailed report: fields %q", got)
	}
	always := profileL3
	always.AlwaysOn = true
	if got := fields(submit(e.d331Dossier(t, 5, always))); len(got) != 4 || got[3] != "risk_assessment.detailed.d" {
		t.Errorf("level 5, run 24/7: fields %q", got)
	}
	a := assessment(4)
	a.Detailed = &risk.Detailed{A: detailed.A, B: detailed.B, C: detailed.C}
	if _, err := r.RecordRisk(ctx, operator, e.sc, e.system, a); err != nil {
		t.Fatal(err)
	}
	if err := submit(e.d331Dossier(t, 4, profileL3)); err != nil {
		t.Errorf("level 4 with the detailed report: %v", err)
	}
	if got := fields(submit(e.d331Dossier(t, 3, profileL3))); !reflect.DeepEqual(got, []string{"risk_assessment.level"}) {
		t.Errorf("level 3 under an assessment supporting 4 (Art. 10.5): fields %q", got)
	}
	if d, _ := e.db.Dossier(ctx, e.sc, l4); d.Status != "draft" {
		t.Errorf("a refused submission moved the dossier to %s", d.Status)
	}
}

// The version an assessment saves has its level as risk_level; an edit that leaves the
// fact out keeps it, one that says another level is refused naming risk_level.
func TestSaveSystem_CarriesRiskLevel(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	r := e.registry(t, "d331-2026")
	if _, err := r.RecordRisk(ctx, operator, e.sc, e.system, assessment(4)); err != nil {
		t.Fatal(err)
	}
	// Through JSON: the test compiles before levels has the fact.
	level := func() float64 {
		s, _ := e.db.System(ctx, e.sc, e.system)
		var m map[string]any
		data, _ := json.Marshal(s.Profile)
		json.Unmarshal(data, &m)
		n, _ := m["risk_level"].(float64)
		return n
	}
	if n := level(); n != 4 {
		t.Fatalf("risk_level after the assessment = %v, want 4", n)
	}
	p := profileL3
	p.Name = "Cổng dịch vụ công (tên mới)"
	if _, err := r.SaveSystem(ctx, operator, e.sc, e.system, 0, p); err != nil || level() != 4 {
		t.Errorf("an edit without risk_level: %v, risk_level %v", err, level())
	}
	var m map[string]any
	data, _ := json.Marshal(p)
	json.Unmarshal(data, &m)
	m["risk_level"] = 2
	data, _ = json.Marshal(m)
	p, err := levels.ParseProfile(data, "")
	if err != nil {
		t.Fatal(err)
	}
	var ie *levels.InvalidError
	if _, err := r.SaveSystem(ctx, operator, e.sc, e.system, 0, p); !errors.As(err, &ie) || ie.Problems[0].Field != "risk_level" {
		t.Errorf("an edit with another risk_level: %v", err)
	}
}
