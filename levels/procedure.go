package levels

import (
	"fmt"
	"slices"
	"strings"
)

// Procedure says who appraises and approves a dossier at some levels, and how fast
// (Decree 85 Art. 12, 14, 16, 17). Roles are the contract's user roles.
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
}

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
type Deadline struct {
	Days     int    `yaml:"days" json:"days"`
	Unit     string `yaml:"unit" json:"unit"`
	Citation string `yaml:"citation" json:"citation"`
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

// ProcedureOf returns the procedure for a level, with the appraiser chosen for the
// system's managing body (Art. 12.3.b–c) and the addressee written out for its owner.
func (rs *RuleSet) ProcedureOf(level int, p *Profile) (Procedure, bool) {
	for _, proc := range rs.Procedures {
		if !slices.Contains(proc.Levels, level) {
			continue
		}
		out := proc
		if x, ok := exceptionFor(proc.Exceptions, p); ok {
			out.Appraiser, out.Addressee, out.Citation, out.AppraiserNote = x.Appraiser, x.Addressee, x.Citation, ""
		}
		out.Exceptions = nil
		out.Addressee = strings.ReplaceAll(out.Addressee, "{owner}", p.Owner)
		return out, true
	}
	return Procedure{}, false
}

func exceptionFor(xs []Exception, p *Profile) (Exception, bool) {
	if m := p.ManagingMinistry(); m != "" {
		for _, x := range xs {
			if x.ManagedBy == m {
				return x, true
			}
		}
	}
	return Exception{}, false
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

// Roles a procedure may route a dossier to (contract §3, users).
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
	for i := range rs.Procedures {
		p := &rs.Procedures[i]
		if p.Appraiser == "" || p.Approver == "" || p.Citation == "" {
			report("procedures[%d]: cần appraiser, approver và citation", i)
		}
		if p.Addressee == "" {
			p.Addressee = p.Appraiser
		}
		for _, x := range p.Exceptions {
			if !slices.Contains(ManagedBys, x.ManagedBy) {
				report("procedures[%d]: managed_by «%s» không hợp lệ; giá trị hợp lệ: %s", i, x.ManagedBy, strings.Join(ManagedBys, ", "))
			}
		}
		for _, r := range []string{p.AppraiserRole, p.ApproverRole} {
			if !slices.Contains(procedureRoles, r) {
				report("procedures[%d]: vai trò «%s» không hợp lệ; giá trị hợp lệ: %s", i, r, strings.Join(procedureRoles, ", "))
			}
		}
		for _, d := range []*Deadline{p.AppraisalDeadline, p.ApprovalDeadline} {
			if d != nil && (d.Days <= 0 || (d.Unit != "calendar" && d.Unit != "working")) {
				report("procedures[%d]: thời hạn cần days > 0 và unit là calendar hoặc working", i)
			}
		}
	}
}
