package levels_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"capdo/levels"
)

// TestLoadBrokenRuleFile pins every error of a broken rule file: file:line:col, rule id
// and message, all reported at once.
func TestLoadBrokenRuleFile(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("testdata/broken.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, err = levels.Load(data, "testdata/broken.yaml")
	var rse *levels.RuleSetError
	if !errors.As(err, &rse) {
		t.Fatalf("Load() error = %v, want *RuleSetError", err)
	}
	want, err := os.ReadFile("testdata/broken.errors")
	if err != nil {
		t.Fatal(err)
	}
	if got := rse.Error() + "\n"; got != string(want) {
		t.Errorf("Load() errors:\n%s\nwant:\n%s", got, want)
	}
}

func TestLoadRejects(t *testing.T) {
	t.Parallel()
	valid, err := os.ReadFile("testdata/agency/tinh-mau.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, from, to, want string
	}{
		{"syntax error", "rules:", "rules: [", "lỗi cú pháp YAML"},
		{"bad status", "status: provisional", "status: draft", "status «draft» không hợp lệ"},
		{"bad date", `effective_from: "2026-01-01"`, `effective_from: "01/01/2026"`, "effective_from «01/01/2026» phải có dạng YYYY-MM-DD"},
		{"bad id", "id: tinh-mau-2026", "id: Tỉnh Mẫu", "id của bộ quy tắc"},
		{"missing condition", "when: system_type == 'internal'", "when: ''", "thiếu điều kiện when"},
		{"bad basis", "basis: inferred", "basis: guess", "basis «guess» không hợp lệ"},
		{"bad role", "approver_role: owner", "approver_role: boss", "vai trò «boss» không hợp lệ"},
		{"no source", "source: Tự xây dựng để kiểm thử", "source: ''", "thiếu source"},
		{"no legal basis", "legal_basis: [Quy định mẫu của tỉnh (giả định, chỉ để kiểm thử)]", "legal_basis: []", "thiếu legal_basis"},
		{"unknown fact named in a message", "message: Hệ thống nội bộ.", "message: Hệ thống nội bộ, {fact:no_such_fact}.", "{fact:no_such_fact}: «no_such_fact» không phải trường của hồ sơ"},
		{"unknown key inside a rule names the rule", "    citation: Điều 3 Quy định mẫu", "    citation: Điều 3 Quy định mẫu\n    lvl: 3", "quy tắc TM.A3: khóa «lvl» không được hỗ trợ"},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := strings.Replace(string(valid), c.from, c.to, 1)
			if src == string(valid) {
				t.Fatalf("test setup: %q not found", c.from)
			}
			_, err := levels.Load([]byte(src), "x.yaml")
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Load() error = %v, want it to contain %q", err, c.want)
			}
		})
	}
}

func TestEvalErrorIsNeverFalse(t *testing.T) {
	t.Parallel()
	rs := mustLoad(t, "testdata/agency/tinh-mau.yaml")
	p := levels.Profile{Name: "A", Owner: "B", SystemType: "internal", InfoTypes: []string{"public"}}
	_, err := rs.Classify(context.Background(), &p)
	var ee *levels.EvalError
	if !errors.As(err, &ee) || ee.RuleID != "TM.A4" || !strings.Contains(err.Error(), "division by zero") {
		t.Fatalf("Classify() error = %v, want an EvalError for TM.A4 (division by zero)", err)
	}
}

func TestClassifyHonoursContext(t *testing.T) {
	t.Parallel()
	rs := mustOpen(t)
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	p := levels.Profile{Name: "A", Owner: "B", SystemType: "internal", InfoTypes: []string{"public"}}
	if _, err := rs.Classify(ctx, &p); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Classify() with an expired context: error = %v, want DeadlineExceeded", err)
	}
}

func TestAgencyRuleSetTests(t *testing.T) {
	t.Parallel()
	rs := mustLoad(t, "testdata/agency/tinh-mau.yaml")
	if rs.Status != levels.StatusProvisional || rs.StatusLabel() == "" {
		t.Errorf("status = %q", rs.Status)
	}
	rep, err := levels.TestRuleSet(context.Background(), rs)
	if err != nil {
		t.Fatalf("TestRuleSet() failed: %v", err)
	}
	if rep.Failed() != 1 || rep.OK() {
		t.Errorf("Failed() = %d, OK() = %v; want exactly the deliberately wrong case to fail", rep.Failed(), rep.OK())
	}
	if len(rep.Uncovered) != 0 {
		t.Errorf("Uncovered = %v", rep.Uncovered)
	}
}

func TestUncoveredRuleFails(t *testing.T) {
	t.Parallel()
	rs := mustOpen(t)
	tests := `rule_set: d85-2016
cases:
  - name: only level 1
    profile: {name: A, owner: B, system_type: internal, info_types: [public]}
    level: 1
    reasons: [D85.A7]
`
	rep, err := levels.RunTests(context.Background(), rs, []byte(tests), "x.test.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK() || len(rep.Uncovered) != len(rs.Rules)+1 {
		t.Errorf("OK() = %v, Uncovered = %d ids; want every other rule and both principles but A7 uncovered", rep.OK(), len(rep.Uncovered))
	}
}

func TestOpen(t *testing.T) {
	t.Parallel()
	if _, err := levels.Open(""); err != nil {
		t.Errorf("Open(\"\") = %v, want the default set", err)
	}
	if _, err := levels.Open("testdata/agency/tinh-mau.yaml"); err != nil {
		t.Errorf("Open(path) = %v", err)
	}
	if rs, err := levels.Open("d331-2026"); err != nil || rs.Status != levels.StatusInForce {
		t.Errorf("Open(d331-2026): %v; want the Decree 331 set, in force", err)
	}
	_, err := levels.Open("d999-2030")
	if err == nil || !strings.Contains(err.Error(), "d85-2016") || !strings.Contains(err.Error(), "d331-2026") {
		t.Errorf("Open(unknown) = %v, want an error listing the embedded ids", err)
	}
}

// TestOpenRefusesImpostor: a rule file may not take a built-in set's id or rule prefix
// while deciding differently.
func TestOpenRefusesImpostor(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("rules/d85-2016.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	same := filepath.Join(dir, "same.yaml")
	os.WriteFile(same, data, 0o600)
	if rs, err := levels.Open(same); err != nil || rs.ID != "d85-2016" {
		t.Errorf("Open(identical copy) = %v; a byte-identical copy is the same set", err)
	}
	changed := filepath.Join(dir, "changed.yaml")
	os.WriteFile(changed, []byte(strings.Replace(string(data), "info_types.all(t, t == 'public')", "true", 1)), 0o600)
	for name, open := range map[string]func(string) (*levels.RuleSet, error){"Open": levels.Open, "LoadFile": levels.LoadFile} {
		if _, err := open(changed); err == nil || !strings.Contains(err.Error(), "của bộ quy tắc có sẵn d85-2016") {
			t.Errorf("%s(changed copy) = %v, want a refusal naming d85-2016", name, err)
		}
	}
}

func TestReadFileLimited(t *testing.T) {
	t.Parallel()
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	if _, err := levels.ReadFileLimited("/dev/zero", 1<<20); err == nil || !strings.Contains(err.Error(), "tệp quá lớn") {
		t.Errorf("ReadFileLimited(/dev/zero) = %v, want a size error", err)
	}
}

func TestProcedureOf(t *testing.T) {
	t.Parallel()
	rs := mustOpen(t)
	for _, c := range []struct {
		level                      int
		owner, managedBy           string
		appraiser, addressee, role string
		opinion                    bool
		appraisalDays              int
	}{
		{1, "UBND tỉnh Hưng Yên", "", "Đơn vị chuyên trách về an toàn thông tin", "Đơn vị chuyên trách về an toàn thông tin của UBND tỉnh Hưng Yên", "infosec", false, 0},
		{3, "UBND tỉnh Hưng Yên", "", "Đơn vị chuyên trách về an toàn thông tin", "Đơn vị chuyên trách về an toàn thông tin của UBND tỉnh Hưng Yên", "infosec", false, 15},
		{4, "UBND tỉnh Hưng Yên", "", "Bộ Thông tin và Truyền thông", "[CƠ QUAN THẨM ĐỊNH HỒ SƠ CẤP ĐỘ 4–5]", "authority", true, 30},
		{5, "Bộ Quốc phòng", "", "Bộ Quốc phòng", "Bộ Quốc phòng", "authority", true, 30},
		{4, "Cục Cảnh sát giao thông, Bộ Công an", "", "Bộ Công an", "Bộ Công an", "authority", true, 30},
		{4, "Công an tỉnh Đồng Nai", "bca", "Bộ Công an", "Bộ Công an", "authority", true, 30},
		{4, "Bộ Công an", "bqp", "Bộ Quốc phòng", "Bộ Quốc phòng", "authority", true, 30},
	} {
		p, ok := rs.ProcedureOf(c.level, &levels.Profile{Owner: c.owner, ManagedBy: c.managedBy})
		if !ok {
			t.Fatalf("ProcedureOf(%d) not found", c.level)
		}
		if !strings.HasPrefix(p.Appraiser, c.appraiser) || p.Addressee != c.addressee || p.AppraiserRole != c.role {
			t.Errorf("ProcedureOf(%d, %q, %q) appraiser = %q, addressee = %q (%s)", c.level, c.owner, c.managedBy, p.Appraiser, p.Addressee, p.AppraiserRole)
		}
		if got := p.ProfessionalOpinion != nil && p.ProfessionalOpinion.Required; got != c.opinion {
			t.Errorf("ProcedureOf(%d) professional opinion = %v", c.level, got)
		}
		days := 0
		if p.AppraisalDeadline != nil {
			days = p.AppraisalDeadline.Days
		}
		if days != c.appraisalDays {
			t.Errorf("ProcedureOf(%d) appraisal days = %d, want %d", c.level, days, c.appraisalDays)
		}
	}
	if p4, _ := rs.ProcedureFor(4, "x"); !strings.Contains(p4.Approver, "hồ sơ đề xuất cấp độ") || strings.Contains(p4.Approver, "cấp độ 5") {
		t.Errorf("level 4 approver = %q, want the level-4 text only", p4.Approver)
	}
	if _, ok := rs.ProcedureFor(0, "x"); ok {
		t.Errorf("ProcedureFor(0) found a procedure for an undetermined level")
	}
	if in, ok := rs.InspectionFor(5); !ok || in.Months != 6 {
		t.Errorf("InspectionFor(5) = %+v, want every 6 months (Art. 20.2.c)", in)
	}
}

func TestInForceOn(t *testing.T) {
	t.Parallel()
	rs := mustOpen(t)
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	// d85-2016 is recorded as repealed from 01/07/2026 (Law 116/2025 replaced its parent
	// law); it was in force from 01/07/2016 until the end of 30/06/2026.
	for d, want := range map[string]bool{"2016-06-30": false, "2016-07-01": true, "2026-03-05": true, "2026-06-30": true, "2026-07-01": false, "2026-11-23": false} {
		if got := rs.InForceOn(day(d)); got != want {
			t.Errorf("d85-2016 InForceOn(%s) = %v, want %v", d, got, want)
		}
	}
	provisional := mustLoad(t, "testdata/agency/tinh-mau.yaml")
	provisional.Status = levels.StatusProvisional
	provisional.EffectiveTo = ""
	if provisional.InForceOn(day("2026-06-01")) {
		t.Errorf("InForceOn() true for a provisional set")
	}
	agency := mustLoad(t, "testdata/agency/tinh-mau.yaml")
	agency.Status = levels.StatusInForce
	agency.EffectiveTo = "2026-12-31"
	for d, want := range map[string]bool{"2025-12-31": false, "2026-01-01": true, "2026-12-31": true, "2027-01-01": false} {
		if got := agency.InForceOn(day(d)); got != want {
			t.Errorf("InForceOn(%s) = %v, want %v", d, got, want)
		}
	}
}

func mustOpen(t testing.TB) *levels.RuleSet {
	t.Helper()
	rs, err := levels.Open(levels.DefaultRuleSet)
	if err != nil {
		t.Fatalf("Open() failed: %v", err)
	}
	return rs
}

func mustLoad(t testing.TB, path string) *levels.RuleSet {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := levels.Load(data, path)
	if err != nil {
		t.Fatalf("Load(%s) failed: %v", path, err)
	}
	return rs
}

func TestManagingMinistry(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ owner, managedBy, want string }{
		{"Bộ Quốc phòng", "", "bqp"},
		{"Cục Cảnh sát giao thông, BỘ CÔNG AN", "", "bca"},
		{"UBND tỉnh Đồng Nai", "", ""},
		{"Công an tỉnh Đồng Nai", "bca", "bca"},
		{"Bộ Công an", "bqp", "bqp"}, // the declaration wins over the name
	} {
		p := levels.Profile{Owner: c.owner, ManagedBy: c.managedBy}
		if got := p.ManagingMinistry(); got != c.want {
			t.Errorf("ManagingMinistry(%q, %q) = %q, want %q", c.owner, c.managedBy, got, c.want)
		}
	}
}
