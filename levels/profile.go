package levels

import (
	"strings"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Profile holds the facts of one information system (docs/contract.md §1, §5), as described by
// Fields. Enum-valued facts are plain strings so that a profile can be built from a form or
// a spreadsheet row and then checked by Validate; an empty string means "absent".
type Profile struct {
	ID                         string   `json:"id,omitempty"`
	Name                       string   `json:"name"`
	Owner                      string   `json:"owner"`
	Operator                   string   `json:"operator,omitempty"`
	Description                string   `json:"description,omitempty"`
	SystemType                 string   `json:"system_type"`
	InfoTypes                  []string `json:"info_types"`
	SecretGrade                string   `json:"secret_grade,omitempty"`
	DefenseSecurity            bool     `json:"defense_security,omitempty"`
	SecurityHarm               string   `json:"security_harm,omitempty"`
	OnlinePublicServiceLevel   int64    `json:"online_public_service_level,omitempty"`
	ConditionalBusinessService bool     `json:"conditional_business_service,omitempty"`
	PersonalDataUsers          int64    `json:"personal_data_users,omitempty"`
	InfraScope                 string   `json:"infra_scope,omitempty"`
	NationalEgov               bool     `json:"national_egov,omitempty"`
	AlwaysOn                   bool     `json:"always_on,omitempty"`
	ICSWorkGrade               string   `json:"ics_work_grade,omitempty"`
	CriticalNationalData       bool     `json:"critical_national_data,omitempty"`
	PMDesignated               bool     `json:"pm_designated,omitempty"`
	// HandlesAdminProcedures, BasicPDSubjects and SensitivePDSubjects are facts of Decree
	// 331/2026 (Art. 12.2.b, 13.2.b–c): only rule sets that read them (d331-2026) use them.
	HandlesAdminProcedures bool  `json:"handles_admin_procedures,omitempty"`
	BasicPDSubjects        int64 `json:"basic_pd_subjects,omitempty"`
	SensitivePDSubjects    int64 `json:"sensitive_pd_subjects,omitempty"`
	// ManagedBy names the ministry that manages the system when it is the Ministry of
	// National Defence (bqp) or of Public Security (bca): they appraise levels 4–5 of their
	// own systems (Art. 12.3.b–c) and their systems are outside QĐ 05/2017 and TT 20/2017.
	ManagedBy  string    `json:"managed_by,omitempty"`
	Components []Profile `json:"components,omitempty"`

	// facts holds the facts of Fields that have no field above (profilefacts.go). It is
	// replaced, never changed in place, so copies of a profile do not share changes.
	facts map[string]any
}

// Enumerations of docs/contract.md §1, in the order a form shows them (from Fields).
var (
	SystemTypes  = standard.Values("system_type")
	InfoTypes    = standard.Values("info_types")
	SecretGrades = standard.Values("secret_grade")
	Harms        = standard.Values("security_harm")
	InfraScopes  = standard.Values("infra_scope")
	WorkGrades   = standard.Values("ics_work_grade")
	ManagedBys   = standard.Values("managed_by")
)

// Limits that keep a hostile profile from costing more than a real one ever would.
const (
	MaxComponentDepth = 4
	MaxComponents     = 200
	MaxTextLen        = 4000
)

// ManagingMinistry is "bqp" or "bca" when the system is managed by the Ministry of National
// Defence or of Public Security (Decree 85 Art. 12.3.b–c): as owner_sector declares it,
// else as managed_by declares it, else when the owner's name contains the ministry's name.
func (p *Profile) ManagingMinistry() string {
	s, _ := p.Sector()
	if s == "bqp" || s == "bca" {
		return s
	}
	return ""
}

// Sector is the owner's sector, one of Sectors: who appraises levels 4–5 (docs/contract.md §5
// owner_sector; Decree 331 Art. 18.3). It is owner_sector when declared, else managed_by
// when declared; otherwise it is guessed from the owner's name (guessed is true), civil
// when the name names none of Bộ Quốc phòng, Bộ Công an, Ban Cơ yếu Chính phủ.
func (p *Profile) Sector() (sector string, guessed bool) {
	if s := p.Text(keyOwnerSector); s != "" {
		return s, false
	}
	if p.ManagedBy != "" {
		return p.ManagedBy, false
	}
	owner := foldName(p.Owner)
	for _, g := range sectorNames {
		if strings.Contains(owner, g.name) {
			return g.sector, true
		}
	}
	return "civil", true
}

// sectorNames are the bodies whose name in an owner's name gives its sector, folded.
var sectorNames = []struct{ name, sector string }{
	{foldName("Bộ Quốc phòng"), "bqp"},
	{foldName("Bộ Công an"), "bca"},
	{foldName("Ban Cơ yếu Chính phủ"), "bcy"},
}

// foldName folds a name for a caseless match, as Unicode defines it: decomposed, case
// folded (Ộ and ộ, Đ and đ match, typed composed or not), composed again, single spaces.
// A Caser is not safe for concurrent use, so each call makes its own.
func foldName(s string) string {
	return strings.Join(strings.Fields(norm.NFC.String(cases.Fold().String(norm.NFD.String(s)))), " ")
}

// HasInfo reports whether the profile declares the information type t.
func (p *Profile) HasInfo(t string) bool {
	for _, x := range p.InfoTypes {
		if x == t {
			return true
		}
	}
	return false
}

// harmFromGrade is the customary mapping of a state-secret grade to the degree of harm.
// The decree itself never maps grades to levels; the mapping is practice, so a decision
// that uses it carries a warning (docs/contract.md §1).
var harmFromGrade = map[string]string{"mat": "harm", "toi_mat": "serious", "tuyet_mat": "especially_serious"}
