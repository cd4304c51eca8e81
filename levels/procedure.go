package levels

import (
	"fmt"
	"slices"
	"strings"
)

// Procedure says who appraises and approves a dossier at some levels, and how fast
// (Decree 85 Art. 12, 14, 16, 17; Decree 331 Art. 18, 20, 23, 24). Roles are the
// contract's user roles. A dossier pins the procedure ProcedureOf resolved for it (store),
// so every field added later is optional: a pinned procedure without it keeps its flow.
type Procedure struct {
	Levels    []int  `yaml:"levels" json:"levels"`
	Citation  string `yaml:"citation" json:"citation"`
	Appraiser string `yaml:"appraiser" json:"appraiser"`
	// Addressee is who a request for appraisal is addressed to ("Kính gửi"); "{owner}"
	// stands for the system's owner.
	Addressee           string      `yaml:"addressee" json:"addressee"`
	AppraiserNote       string      `yaml:"appraiser_note" json:"appraiser_note,omitempty"`
	Exceptions          []Exception `yaml:"exceptions" json:"exceptions,omitempty"`
	AppraiserRole       string      `yaml:"appraiser_role" json:"appraiser_role"`
	Approver            string      `yaml:"approver" json:"approver"`
	ApproverRole        string      `yaml:"approver_role" json:"approver_role"`
	ProfessionalOpinion *Opinion    `yaml:"professional_opinion" json:"professional_opinion,omitempty"`
	AppraisalDeadline   *Deadline   `yaml:"appraisal_deadline" json:"appraisal_deadline,omitempty"`
	ApprovalDeadline    *Deadline   `yaml:"approval_deadline" json:"approval_deadline,omitempty"`

	// AppraiserGroup is the appraisal group of authority organisations the dossier is routed
	// to when nothing else applies ("bca": Bộ Công an, Decree 331 Art. 18.3.a); an exception
	// routes to its managed_by group instead. Empty: the group follows the managing ministry
	// (Decree 85 Art. 12.3), civil when none. A procedure naming it is sector-aware: when the
	// profile does not declare owner_sector, the resolved procedure says it was guessed.
	AppraiserGroup string `yaml:"appraiser_group" json:"appraiser_group,omitempty"`
	// IntakeDeadline is the time the receiver of a submitted dossier has to return it as
	// incomplete (Decree 331 Art. 23.2); with it the receiver first accepts the dossier,
	// and the appraisal deadline runs from that acceptance (Art. 23.3).
	IntakeDeadline *Deadline `yaml:"intake_deadline" json:"intake_deadline,omitempty"`
	// Forward: after the professional opinion, ByRole sends the dossier to the appraiser
	// (Decree 331 Art. 20.1.d: the owner sends it to Bộ Công an).
	Forward *Forward `yaml:"forward" json:"forward,omitempty"`
	// IndependentAppraisal: when the profile's Fact holds, the owner designates another unit
	// or an independent council to appraise (Decree 331 Art. 18.4). In a resolved procedure
	// it is set only when the fact holds.
	IndependentAppraisal *Independent `yaml:"independent_appraisal" json:"independent_appraisal,omitempty"`
	// AfterApproval are steps recorded once the dossier is approved (the report to the owner
	// at levels 1–2, the Prime Minister's list at level 5); they do not change its status.
	AfterApproval []AfterStep `yaml:"after_approval" json:"after_approval,omitempty"`
	// ReviewNotes are what the reviewers must check, shown beside the dossier.
	ReviewNotes []string `yaml:"review_notes" json:"review_notes,omitempty"`
	// CriticalLevels are the lower levels that follow this procedure when the system is on,
	// or proposed for, the list of systems important to national security (critical_system;
	// Decree 331 Art. 20.4), cited by CriticalCitation.
	CriticalLevels   []int  `yaml:"critical_levels" json:"-"`
	CriticalCitation string `yaml:"critical_citation" json:"-"`

	// Set by ProcedureOf. Sector is the owner's sector the appraiser was chosen for;
	// Route is "critical" when a lower level follows this procedure (CriticalLevels).
	Sector string `yaml:"-" json:"sector,omitempty"`
	Route  string `yaml:"-" json:"route,omitempty"`
}

// RouteCritical marks a procedure followed by a lower level because the system is on the
// list of systems important to national security.
const RouteCritical = "critical"

// Forward is the step that sends a dossier on to its appraiser.
type Forward struct {
	ByRole   string `yaml:"by_role" json:"by_role"`
	Citation string `yaml:"citation" json:"citation"`
}

// Independent is the independent appraisal of Decree 331 Art. 18.4.
type Independent struct {
	Fact     string `yaml:"fact" json:"fact"`
	Citation string `yaml:"citation" json:"citation"`
	Note     string `yaml:"note" json:"note,omitempty"`
}

// AfterStep is a step recorded after the approval, once, by Role. Decision: it records a
// decision's number and date (the Prime Minister's decision on the list).
type AfterStep struct {
	Action   string `yaml:"action" json:"action"`
	Role     string `yaml:"role" json:"role"`
	Label    string `yaml:"label" json:"label"`
	Citation string `yaml:"citation" json:"citation"`
	Decision bool   `yaml:"decision" json:"decision,omitempty"`
}

// AfterApprovalActions are the steps a procedure may record after the approval: the report
// to the owner and the Prime Minister's decision on the list.
var AfterApprovalActions = []string{"report", "pm_list"}

// Sectors are the values of owner_sector (docs/contract.md §5): who appraises levels 4–5.
var Sectors = []string{"civil", "bca", "bqp", "bcy"}

// Exception names another appraiser for systems managed by a particular ministry (Art.
// 12.3.b–c), matched against Profile.ManagingMinistry.
type Exception struct {
	ManagedBy string `yaml:"managed_by" json:"managed_by"`
	Appraiser string `yaml:"appraiser" json:"appraiser"`
	Addressee string `yaml:"addressee" json:"addressee"`
	Citation  string `yaml:"citation" json:"citation"`
}

// Opinion is the professional opinion required before submission (Art. 14.1.d: điểm d khoản 1 Điều 14).
type Opinion struct {
	Required bool   `yaml:"required" json:"required"`
	ByRole   string `yaml:"by_role" json:"by_role"`
	Citation string `yaml:"citation" json:"citation"`
}

// Deadline is a statutory time limit. Unit is "calendar" (ngày) or "working" (ngày làm việc).
// Note says what is uncertain about it.
type Deadline struct {
	Days     int    `yaml:"days" json:"days"`
	Unit     string `yaml:"unit" json:"unit"`
	Citation string `yaml:"citation" json:"citation"`
	Note     string `yaml:"note" json:"note,omitempty"`
}

// Label renders the deadline in Vietnamese, e.g. "15 ngày" or "07 ngày làm việc".
func (d *Deadline) Label() string {
	if d == nil {
		return "không quy định"
	}
	n := fmt.Sprintf("%02d", d.Days)
	if d.Unit == "working" {
		return n + " ngày làm việc"
	}
	return n + " ngày"
}

// Inspection is the periodic inspection and assessment cycle for some levels (Art. 20.2.c).
type Inspection struct {
	Levels   []int  `yaml:"levels" json:"levels"`
	Cycle    string `yaml:"cycle" json:"cycle"`
	Months   int    `yaml:"months" json:"months"`
	Citation string `yaml:"citation" json:"citation"`
}

// ProcedureFor returns the procedure for a level and an owner's name. ok is false for
// level 0 or when the rule set defines no procedure for the level.
func (rs *RuleSet) ProcedureFor(level int, owner string) (Procedure, bool) {
	return rs.ProcedureOf(level, &Profile{Owner: owner})
}

// ProcedureOf returns the procedure for a level, resolved for the system: a system on the
// list of systems important to national security follows the procedure naming its level
// among CriticalLevels (Decree 331 Art. 20.4); the appraiser is chosen for the owner's
// sector (Decree 85 Art. 12.3.b–c, Decree 331 Art. 18.3.b–c); the independent appraisal
// is kept only when its fact holds (Art. 18.4); the addressee is written out for the owner.
func (rs *RuleSet) ProcedureOf(level int, p *Profile) (Procedure, bool) {
	out, ok := rs.procedureFor(level, p)
	if !ok {
		return Procedure{}, false
	}
	sector, guessed := p.Sector()
	if out.AppraiserGroup != "" {
		out.Sector = sector
	}
	if x, ok := exceptionFor(out.Exceptions, p, out.AppraiserGroup != ""); ok {
		out.Appraiser, out.Addressee, out.Citation, out.AppraiserNote = x.Appraiser, x.Addressee, x.Citation, ""
		if out.AppraiserGroup != "" {
			out.AppraiserGroup = x.ManagedBy
		}
	}
	if out.AppraiserGroup != "" && guessed {
		out.AppraiserNote = strings.TrimSpace(sectorGuessNote(p, sector) + " " + out.AppraiserNote)
	}
	out.Exceptions, out.CriticalLevels, out.CriticalCitation = nil, nil, ""
	if ind := out.IndependentAppraisal; ind != nil && !p.Bool(ind.Fact) {
		out.IndependentAppraisal = nil
	}
	out.Addressee = strings.ReplaceAll(out.Addressee, "{owner}", p.Owner)
	return out, true
}

// procedureFor finds the procedure of a level, or the one a critical system of that level
// follows.
func (rs *RuleSet) procedureFor(level int, p *Profile) (Procedure, bool) {
	if p.Bool(keyCritical) {
		for _, proc := range rs.Procedures {
			if slices.Contains(proc.CriticalLevels, level) {
				out := proc
				out.Route = RouteCritical
				out.Citation = proc.CriticalCitation + "; " + proc.Citation
				return out, true
			}
		}
	}
	for _, proc := range rs.Procedures {
		if slices.Contains(proc.Levels, level) {
			return proc, true
		}
	}
	return Procedure{}, false
}

const (
	keyCritical    = "critical_system"
	keyOwnerSector = "owner_sector"
)

// exceptionFor picks the exception for the system's owner: by its sector when the
// procedure is sector-aware, by its managing ministry otherwise (as it always did).
func exceptionFor(xs []Exception, p *Profile, sectorAware bool) (Exception, bool) {
	m := p.ManagingMinistry()
	if sectorAware {
		m, _ = p.Sector()
	}
	if m != "" {
		for _, x := range xs {
			if x.ManagedBy == m {
				return x, true
			}
		}
	}
	return Exception{}, false
}

// sectorGuessNote says that the appraiser was chosen from the owner's name.
func sectorGuessNote(p *Profile, sector string) string {
	return fmt.Sprintf("Chưa khai báo %s: cơ quan thẩm định được chọn theo khối «%s» suy ra từ tên chủ quản «%s» [suy luận]; cần khai báo trường này.",
		standard.factName(keyOwnerSector), ValueLabel(sector), p.Owner)
}

// InspectionFor returns the inspection cycle for a level.
func (rs *RuleSet) InspectionFor(level int) (Inspection, bool) {
	for _, in := range rs.Inspection {
		if slices.Contains(in.Levels, level) {
			return in, true
		}
	}
	return Inspection{}, false
}

// Roles a procedure may route a dossier to (docs/contract.md §3, users).
var procedureRoles = []string{"operator", "infosec", "owner", "authority", "admin"}

// checkProcedures requires exactly one procedure and one inspection cycle for each level 1–5.
func checkProcedures(rs *RuleSet, report func(string, ...any)) {
	if len(rs.Procedures) == 0 || len(rs.Inspection) == 0 {
		report("cần procedures (thẩm quyền thẩm định, phê duyệt, thời hạn) và inspection (chu kỳ kiểm tra) cho các cấp độ 1–5")
		return
	}
	for lvl := 1; lvl <= 5; lvl++ {
		n := 0
		for _, p := range rs.Procedures {
			if slices.Contains(p.Levels, lvl) {
				n++
			}
		}
		if n != 1 {
			report("procedures: cấp độ %d cần đúng một quy trình thẩm định, phê duyệt (có %d)", lvl, n)
		}
		n = 0
		for _, in := range rs.Inspection {
			if slices.Contains(in.Levels, lvl) {
				n++
			}
		}
		if n != 1 {
			report("inspection: cấp độ %d cần đúng một chu kỳ kiểm tra (có %d)", lvl, n)
		}
	}
	critical := map[int]bool{}
	for i := range rs.Procedures {
		p := &rs.Procedures[i]
		if p.Appraiser == "" || p.Approver == "" || p.Citation == "" {
			report("procedures[%d]: cần appraiser, approver và citation", i)
		}
		if p.Addressee == "" {
			p.Addressee = p.Appraiser
		}
		for _, x := range p.Exceptions {
			if !slices.Contains(Sectors, x.ManagedBy) {
				report("procedures[%d]: managed_by «%s» không hợp lệ; giá trị hợp lệ: %s", i, x.ManagedBy, strings.Join(Sectors, ", "))
			}
		}
		if p.AppraiserGroup != "" && !slices.Contains(Sectors, p.AppraiserGroup) {
			report("procedures[%d]: appraiser_group «%s» không hợp lệ; giá trị hợp lệ: %s", i, p.AppraiserGroup, strings.Join(Sectors, ", "))
		}
		roles := []string{p.AppraiserRole, p.ApproverRole}
		if p.Forward != nil {
			roles = append(roles, p.Forward.ByRole)
		}
		for _, a := range p.AfterApproval {
			roles = append(roles, a.Role)
			if !slices.Contains(AfterApprovalActions, a.Action) || a.Label == "" || a.Citation == "" {
				report("procedures[%d]: after_approval cần action (%s), role, label và citation", i, strings.Join(AfterApprovalActions, ", "))
			}
		}
		for _, r := range roles {
			if !slices.Contains(procedureRoles, r) {
				report("procedures[%d]: vai trò «%s» không hợp lệ; giá trị hợp lệ: %s", i, r, strings.Join(procedureRoles, ", "))
			}
		}
		for _, d := range []*Deadline{p.AppraisalDeadline, p.ApprovalDeadline, p.IntakeDeadline} {
			if d != nil && (d.Days <= 0 || (d.Unit != "calendar" && d.Unit != "working")) {
				report("procedures[%d]: thời hạn cần days > 0 và unit là calendar hoặc working", i)
			}
		}
		if ind := p.IndependentAppraisal; ind != nil {
			if f, ok := rs.schema.Field(ind.Fact); !ok || f.Kind != KindBool || ind.Citation == "" {
				report("procedures[%d]: independent_appraisal cần fact (một trường true/false của hồ sơ) và citation", i)
			}
		}
		for _, l := range p.CriticalLevels {
			if slices.Contains(p.Levels, l) || l < 1 || l > 5 {
				report("procedures[%d]: critical_levels chỉ gồm các cấp độ 1–5 thấp hơn của quy trình khác, không phải %d", i, l)
			}
			if critical[l] {
				report("procedures: cấp độ %d có hơn một quy trình cho hệ thống quan trọng về an ninh quốc gia (critical_levels)", l)
			}
			critical[l] = true
		}
		if len(p.CriticalLevels) > 0 && p.CriticalCitation == "" {
			report("procedures[%d]: critical_levels cần critical_citation", i)
		}
	}
}
