package levels

import "strings"

// Profile holds the facts of one information system (contract §1). Enum-valued facts are
// plain strings so that a profile can be built from a form or a spreadsheet row and then
// checked by Validate; an empty string means "absent".
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
}

// Enumerations of contract §1, in the order a form shows them.
var (
	SystemTypes  = []string{"internal", "citizen_business", "infrastructure", "industrial_control", "other"}
	InfoTypes    = []string{"public", "private", "personal", "state_secret"}
	SecretGrades = []string{"mat", "toi_mat", "tuyet_mat"}
	Harms        = []string{"none", "harm", "serious", "especially_serious"}
	InfraScopes  = []string{"one_org", "sector", "province", "multi_province", "nationwide", "international"}
	WorkGrades   = []string{"IV", "III", "II", "I", "special", "national_security"}
	ManagedBys   = []string{"bqp", "bca"}
)

// Limits that keep a hostile profile from costing more than a real one ever would.
const (
	MaxComponentDepth = 4
	MaxComponents     = 200
	MaxTextLen        = 4000
)

// Field describes one profile key: its Vietnamese label and help, for forms, spreadsheets
// and error messages.
type Field struct {
	Key   string
	Label string // Vietnamese label, also accepted as a spreadsheet column header
	Help  string
}

// Fields lists every profile key of contract §1 except components, in form order.
var Fields = []Field{
	{"id", "Mã hệ thống", "Mã định danh ổn định trong danh mục, ví dụ HT-001."},
	{"name", "Tên hệ thống", "Tên hệ thống thông tin."},
	{"owner", "Chủ quản hệ thống", "Cơ quan có thẩm quyền quản lý trực tiếp hệ thống (khoản 2 Điều 3 Nghị định 85/2016/NĐ-CP)."},
	{"operator", "Đơn vị vận hành", "Đơn vị được chủ quản giao vận hành hệ thống (khoản 3 Điều 3)."},
	{"description", "Mô tả", "Mục đích, phạm vi, người sử dụng."},
	{"system_type", "Loại hệ thống", "Phân loại theo chức năng, khoản 2 Điều 6."},
	{"info_types", "Loại thông tin xử lý", "Phân loại thông tin theo khoản 1 Điều 6: công cộng, riêng, cá nhân, bí mật nhà nước."},
	{"secret_grade", "Độ mật", "Độ mật của bí mật nhà nước: Mật, Tối mật, Tuyệt mật."},
	{"defense_security", "Phục vụ quốc phòng, an ninh", "Hệ thống phục vụ quốc phòng, an ninh quốc gia."},
	{"security_harm", "Mức tổn hại quốc phòng, an ninh", "Mức tổn hại tới quốc phòng, an ninh quốc gia khi hệ thống bị phá hoại (khoản 1 Điều 9, 10, 11)."},
	{"online_public_service_level", "Mức độ dịch vụ công trực tuyến", "Mức độ dịch vụ công trực tuyến cung cấp (0 = không cung cấp; 1–4)."},
	{"conditional_business_service", "Dịch vụ thuộc ngành nghề kinh doanh có điều kiện", "Cung cấp dịch vụ trực tuyến thuộc danh mục ngành nghề kinh doanh có điều kiện."},
	{"personal_data_users", "Số người sử dụng có thông tin riêng, cá nhân", "Số người sử dụng mà hệ thống xử lý thông tin riêng hoặc thông tin cá nhân (ngưỡng 10.000, điểm c khoản 2 Điều 8 và Điều 9)."},
	{"handles_admin_procedures", "Hệ thống giải quyết thủ tục hành chính", "Hệ thống có giải quyết thủ tục hành chính (điểm b khoản 2 Điều 13 Nghị định 331/2026/NĐ-CP, theo nguồn thứ cấp). Chỉ bộ quy tắc d331-2026 dùng trường này; bộ d85-2016 bỏ qua."},
	{"basic_pd_subjects", "Số chủ thể dữ liệu cá nhân cơ bản", "Số chủ thể có dữ liệu cá nhân cơ bản mà hệ thống xử lý (ngưỡng 100.000, điểm b khoản 2 Điều 12 và điểm c khoản 2 Điều 13 Nghị định 331/2026/NĐ-CP, theo nguồn thứ cấp). Chỉ bộ quy tắc d331-2026 dùng trường này; bộ d85-2016 bỏ qua."},
	{"sensitive_pd_subjects", "Số chủ thể dữ liệu cá nhân nhạy cảm", "Số chủ thể có dữ liệu cá nhân nhạy cảm mà hệ thống xử lý (ngưỡng 10.000, điểm b khoản 2 Điều 12 và điểm c khoản 2 Điều 13 Nghị định 331/2026/NĐ-CP, theo nguồn thứ cấp). Chỉ bộ quy tắc d331-2026 dùng trường này; bộ d85-2016 bỏ qua."},
	{"infra_scope", "Phạm vi dùng chung hạ tầng", "Phạm vi các cơ quan, tổ chức sử dụng chung hạ tầng thông tin."},
	{"national_egov", "Hệ thống Chính phủ điện tử cấp quốc gia", "Hệ thống thông tin phục vụ Chính phủ điện tử cấp quốc gia (khoản 2 Điều 10)."},
	{"always_on", "Vận hành 24/7", "Yêu cầu vận hành 24/7, không chấp nhận ngừng vận hành mà không có kế hoạch trước."},
	{"ics_work_grade", "Cấp công trình được điều khiển", "Cấp của công trình xây dựng mà hệ thống điều khiển công nghiệp trực tiếp phục vụ điều khiển vận hành."},
	{"critical_national_data", "Lưu trữ tập trung dữ liệu quốc gia đặc biệt quan trọng", "Khoản 2 Điều 11."},
	{"pm_designated", "Do Thủ tướng Chính phủ quyết định cấp độ 5", "Khoản 5 Điều 11."},
	{"managed_by", "Bộ quản lý hệ thống (quốc phòng, an ninh)", "Hệ thống do Bộ Quốc phòng (bqp) hoặc Bộ Công an (bca) quản lý: bộ đó thẩm định hồ sơ cấp độ 4–5 (điểm b, c khoản 3 Điều 12)."},
}

// FieldByLabel maps a Vietnamese label (case- and space-insensitive) to its key.
func FieldByLabel(label string) (string, bool) {
	k, ok := labelIndex[normLabel(label)]
	return k, ok
}

var labelIndex = func() map[string]string {
	m := map[string]string{"thành phần": "components", "cấp độ đã phê duyệt": "approved_level"}
	for _, f := range Fields {
		m[normLabel(f.Label)] = f.Key
	}
	return m
}()

// Vietnamese names of enum values, for text output, forms and documents.
var valueLabels = map[string]string{
	"internal":           "Hệ thống nội bộ",
	"citizen_business":   "Hệ thống phục vụ người dân, doanh nghiệp",
	"infrastructure":     "Hệ thống cơ sở hạ tầng thông tin",
	"industrial_control": "Hệ thống điều khiển công nghiệp",
	"other":              "Hệ thống thông tin khác",
	"public":             "Thông tin công cộng",
	"private":            "Thông tin riêng",
	"personal":           "Thông tin cá nhân",
	"state_secret":       "Thông tin bí mật nhà nước",
	"mat":                "Mật",
	"toi_mat":            "Tối mật",
	"tuyet_mat":          "Tuyệt mật",
	"none":               "Không gây tổn hại",
	"harm":               "Gây tổn hại",
	"serious":            "Gây tổn hại nghiêm trọng",
	"especially_serious": "Gây tổn hại đặc biệt nghiêm trọng",
	"one_org":            "Một cơ quan, tổ chức",
	"sector":             "Các cơ quan, tổ chức trong một ngành",
	"province":           "Các cơ quan, tổ chức trong một tỉnh",
	"multi_province":     "Các cơ quan, tổ chức trong nhiều tỉnh",
	"nationwide":         "Các cơ quan, tổ chức trên toàn quốc",
	"international":      "Kết nối liên thông Việt Nam với quốc tế",
	"IV":                 "Công trình cấp IV",
	"III":                "Công trình cấp III",
	"II":                 "Công trình cấp II",
	"I":                  "Công trình cấp I",
	"special":            "Công trình cấp đặc biệt",
	"national_security":  "Công trình quan trọng liên quan đến an ninh quốc gia",
	"bqp":                "Bộ Quốc phòng",
	"bca":                "Bộ Công an",
}

// ValueLabel returns the Vietnamese name of an enum value, or the value itself.
func ValueLabel(v string) string {
	if l, ok := valueLabels[v]; ok {
		return l
	}
	return v
}

// ManagingMinistry is "bqp" or "bca" when the system is managed by the Ministry of National
// Defence or of Public Security: as declared in managed_by, or, for profiles that do not
// declare it, when the owner's name contains the ministry's name.
func (p *Profile) ManagingMinistry() string {
	if p.ManagedBy != "" {
		return p.ManagedBy
	}
	owner := normLabel(p.Owner)
	for _, m := range ManagedBys {
		if strings.Contains(owner, normLabel(ValueLabel(m))) {
			return m
		}
	}
	return ""
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
// that uses it carries a warning (contract §1).
var harmFromGrade = map[string]string{"mat": "harm", "toi_mat": "serious", "tuyet_mat": "especially_serious"}
