package levels_test

import (
	"os"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"capdo/levels"
)

// The owner's sector: declared, else managed_by, else guessed from the owner's name with
// Unicode case folding (capitals, decomposed input), else civil.
func TestProfileSector(t *testing.T) {
	for _, c := range []struct {
		owner, sector, managedBy string
		want                     string
		guessed                  bool
	}{
		{"UBND tỉnh A", "", "", "civil", true},
		{"UBND tỉnh A", "bcy", "", "bcy", false},
		{"Bộ Quốc phòng", "civil", "", "civil", false}, // declared wins over the name
		{"Tổng cục Kỹ thuật", "", "bqp", "bqp", false},
		{"Cục Tác chiến, Bộ Quốc phòng", "", "", "bqp", true},
		{"BỘ QUỐC PHÒNG", "", "", "bqp", true},
		{norm.NFD.String("Bộ Công An"), "", "", "bca", true},
		{"Cục Quản lý mật mã dân sự, BAN CƠ YẾU CHÍNH PHỦ", "", "", "bcy", true},
		{"Bộ Quốc  phòng", "", "", "bqp", true}, // doubled space
	} {
		p := levels.Profile{Owner: c.owner, ManagedBy: c.managedBy}
		if c.sector != "" {
			if err := p.SetText("owner_sector", c.sector); err != nil {
				t.Fatal(err)
			}
		}
		if got, guessed := p.Sector(); got != c.want || guessed != c.guessed {
			t.Errorf("Sector(%q, %q, %q) = %s %v, want %s %v", c.owner, c.sector, c.managedBy, got, guessed, c.want, c.guessed)
		}
	}
}

// Who appraises under Decree 331, and under Decree 85 as before.
func TestProcedureOfSector(t *testing.T) {
	d331, _ := levels.Open("d331-2026")
	d85, _ := levels.Open("d85-2016")
	withSector := func(owner, sector string) *levels.Profile {
		p := &levels.Profile{Owner: owner}
		if sector != "" {
			p.SetText("owner_sector", sector)
		}
		return p
	}
	for _, c := range []struct {
		name         string
		rs           *levels.RuleSet
		level        int
		p            *levels.Profile
		appraiser    string
		group        string
		citation     string
		noteContains string // "" = no note
	}{
		{"d331 civil", d331, 4, withSector("UBND tỉnh A", "civil"), "Bộ Công an", "bca", "Điểm a khoản 3 Điều 18", ""},
		{"d331 bca", d331, 5, withSector("Bộ Công an", "bca"), "Bộ Công an", "bca", "Điểm a, điểm d, điểm đ khoản 3 Điều 18", ""},
		{"d331 bqp", d331, 4, withSector("Quân khu 7", "bqp"), "Bộ Quốc phòng", "bqp", "Điểm b khoản 3 Điều 18", ""},
		{"d331 bcy", d331, 5, withSector("Cục Cơ yếu", "bcy"), "Ban Cơ yếu Chính phủ", "bcy", "Điểm c khoản 3 Điều 18", ""},
		{"d331 guessed bqp", d331, 4, withSector("BỘ QUỐC PHÒNG", ""), "Bộ Quốc phòng", "bqp", "Điểm b khoản 3 Điều 18", "suy ra từ tên chủ quản «BỘ QUỐC PHÒNG»"},
		{"d331 guessed civil", d331, 4, withSector("UBND tỉnh A", ""), "Bộ Công an", "bca", "Điểm a khoản 3 Điều 18", "theo khối «Dân sự»"},
		{"d331 level 3 needs no sector", d331, 3, withSector("UBND tỉnh A", ""), "Đơn vị chuyên trách về an ninh mạng của chủ quản hệ thống thông tin", "", "Khoản 2 Điều 18", ""},
		{"d85 owner_sector bqp", d85, 4, withSector("Quân khu 7", "bqp"), "Bộ Quốc phòng", "", "Điểm b khoản 3 Điều 12", ""},
		{"d85 owner_sector bcy has no exception", d85, 4, withSector("Cục Cơ yếu", "bcy"), "Bộ Thông tin và Truyền thông (Cục An toàn thông tin) chủ trì, phối hợp với Bộ Quốc phòng, Bộ Công an và các bộ, ngành có liên quan", "", "Khoản 3 Điều 12", "Bộ Khoa học và Công nghệ"},
		{"d85 guessed from the name, as before", d85, 5, withSector("Bộ Công an", ""), "Bộ Công an", "", "Điểm c khoản 3 Điều 12", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			proc, ok := c.rs.ProcedureOf(c.level, c.p)
			if !ok {
				t.Fatal("no procedure")
			}
			if proc.Appraiser != c.appraiser || proc.AppraiserGroup != c.group || !strings.HasPrefix(proc.Citation, c.citation) {
				t.Errorf("appraiser %q group %q citation %q", proc.Appraiser, proc.AppraiserGroup, proc.Citation)
			}
			if (c.noteContains == "") != (proc.AppraiserNote == "") || !strings.Contains(proc.AppraiserNote, c.noteContains) {
				t.Errorf("note %q, want %q", proc.AppraiserNote, c.noteContains)
			}
			if proc.Exceptions != nil || proc.CriticalLevels != nil {
				t.Errorf("a resolved procedure keeps its tables: %+v", proc)
			}
		})
	}
}

// The deadlines of Decree 331 are working days; none where the decree sets none.
func TestDecree331Deadlines(t *testing.T) {
	rs, _ := levels.Open("d331-2026")
	p := &levels.Profile{Owner: "UBND tỉnh A"}
	p.SetText("owner_sector", "civil")
	for lvl, want := range map[int][3]string{
		1: {"05 ngày làm việc", "không quy định", "07 ngày làm việc"},
		2: {"05 ngày làm việc", "không quy định", "07 ngày làm việc"},
		3: {"05 ngày làm việc", "15 ngày làm việc", "07 ngày làm việc"},
		4: {"05 ngày làm việc", "25 ngày làm việc", "07 ngày làm việc"},
		5: {"05 ngày làm việc", "25 ngày làm việc", "07 ngày làm việc"},
	} {
		proc, _ := rs.ProcedureOf(lvl, p)
		got := [3]string{proc.IntakeDeadline.Label(), proc.AppraisalDeadline.Label(), proc.ApprovalDeadline.Label()}
		if got != want {
			t.Errorf("level %d: intake, appraisal, approval %v, want %v", lvl, got, want)
		}
		if proc.IntakeDeadline.Citation != "Khoản 2 Điều 23 Nghị định 331/2026/NĐ-CP" || proc.ApprovalDeadline.Citation != "Khoản 2 Điều 24 Nghị định 331/2026/NĐ-CP" {
			t.Errorf("level %d: citations %q, %q", lvl, proc.IntakeDeadline.Citation, proc.ApprovalDeadline.Citation)
		}
		if lvl <= 2 && !strings.Contains(proc.ApprovalDeadline.Note, "cần đối chiếu") {
			t.Errorf("level %d: the approval deadline's application to levels 1–2 is unmarked", lvl)
		}
		if (proc.ProfessionalOpinion != nil) != (lvl >= 4) || (proc.Forward != nil) != (lvl >= 4) {
			t.Errorf("level %d: opinion %v forward %v", lvl, proc.ProfessionalOpinion, proc.Forward)
		}
	}
	d85, _ := levels.Open("d85-2016")
	if proc, _ := d85.ProcedureOf(3, p); proc.IntakeDeadline != nil || proc.Forward != nil || proc.AppraisalDeadline.Label() != "15 ngày" {
		t.Errorf("d85 level 3 %+v, want its own calendar-day clock and no intake step", proc)
	}
}

// A system on the list of systems important to national security follows the level-5
// procedure (Art. 20.4); infosec_operates keeps the independent appraisal (Art. 18.4).
func TestProcedureOfCriticalAndIndependent(t *testing.T) {
	rs, _ := levels.Open("d331-2026")
	p := &levels.Profile{Owner: "UBND tỉnh A"}
	p.SetText("owner_sector", "civil")
	p.SetBool("critical_system", true)
	for _, lvl := range []int{1, 2, 3, 4, 5} {
		proc, _ := rs.ProcedureOf(lvl, p)
		if proc.AppraiserRole != "authority" || len(proc.AfterApproval) != 1 || proc.AfterApproval[0].Action != "pm_list" {
			t.Errorf("critical level %d: %+v, want the level-5 procedure", lvl, proc)
		}
		if critical := lvl < 5; (proc.Route == levels.RouteCritical) != critical || critical != strings.HasPrefix(proc.Citation, "Khoản 4 Điều 20") {
			t.Errorf("critical level %d: route %q citation %q", lvl, proc.Route, proc.Citation)
		}
	}
	q := &levels.Profile{Owner: "UBND tỉnh A"}
	if proc, _ := rs.ProcedureOf(3, q); proc.IndependentAppraisal != nil || proc.Route != "" {
		t.Errorf("level 3 without infosec_operates: %+v", proc.IndependentAppraisal)
	}
	q.SetBool("infosec_operates", true)
	for _, lvl := range []int{1, 2, 3} {
		if proc, _ := rs.ProcedureOf(lvl, q); proc.IndependentAppraisal == nil || proc.IndependentAppraisal.Citation != "Khoản 4 Điều 18 Nghị định 331/2026/NĐ-CP" {
			t.Errorf("level %d with infosec_operates: %+v, want the independent appraisal", lvl, proc.IndependentAppraisal)
		}
	}
	if proc, _ := rs.ProcedureOf(4, q); proc.IndependentAppraisal != nil {
		t.Errorf("level 4 is appraised by Bộ Công an: no designation, got %+v", proc.IndependentAppraisal)
	}
}

// A rule file's procedure tables are checked when it loads.
func TestProcedureChecks(t *testing.T) {
	base, err := os.ReadFile("rules/d331-2026.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, from, to, want string }{
		{"unknown sector", "appraiser_group: bca", "appraiser_group: army", "appraiser_group «army» không hợp lệ"},
		{"unknown after-approval step", "action: pm_list", "action: celebrate", "after_approval cần action"},
		{"independent fact not a bool", "fact: infosec_operates", "fact: owner_sector", "independent_appraisal cần fact"},
		{"critical level of its own", "critical_levels: [1, 2, 3, 4]", "critical_levels: [4, 5]", "critical_levels chỉ gồm"},
		{"bad forward role", "forward: &forward {by_role: owner", "forward: &forward {by_role: minister", "vai trò «minister» không hợp lệ"},
		{"bad intake unit", "intake_deadline: &intake {days: 5, unit: working", "intake_deadline: &intake {days: 5, unit: weeks", "unit là calendar hoặc working"},
		{"bad check", "when: pm_decided_level == 1", "when: pm_decided_level", "phải trả về bool"},
		{"raise fact", "fact: risk_level", "fact: strategic", "raise_by_risk: fact «strategic»"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(string(base), c.from) {
				t.Fatalf("the rule file has no %q", c.from)
			}
			_, err := levels.Load([]byte(strings.Replace(string(base), c.from, c.to, 1)), "x.yaml")
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Load() = %v, want %q", err, c.want)
			}
		})
	}
}
