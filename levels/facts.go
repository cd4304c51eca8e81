package levels

// The table of profile facts. Everything that knows a fact is derived from its row: the
// YAML/JSON decoder and its checks (parse.go, validate.go), the CEL variables rules read
// (env.go), the warning about facts a rule set ignores (readwarn.go), the spreadsheet
// columns of an inventory (inventory/row.go), the web form and its live preview
// (server/profile_form.go, templates/static/app.js) and the table in README.md
// (readme_test.go). Adding a fact is adding a row here.
//
// A fact is stored in the Profile field whose JSON name is its key, when there is one (Go
// code then reads it as p.SystemType); otherwise in the profile's own map of facts, read
// with Profile.Bool, Int, Text or List.

// Kind is the type of a fact's value.
type Kind string

const (
	// KindText is free text (a name, a description). Rules do not read it.
	KindText Kind = "text"
	// KindEnum is one of the row's Options.
	KindEnum Kind = "enum"
	// KindList is a list of the row's Options.
	KindList Kind = "list"
	// KindBool is true or false; absent means false.
	KindBool Kind = "bool"
	// KindInt is a whole number from Min to Max (no upper bound when Max is 0); absent means 0.
	KindInt Kind = "int"
)

// Option is an allowed value of an enumerated fact and its Vietnamese name.
type Option struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// Field is one row of the table: one profile key and everything shown or checked about it.
type Field struct {
	Key   string
	Label string // Vietnamese label, also accepted as a spreadsheet column header
	Help  string
	Kind  Kind
	// Options are the allowed values of an enum or list, in the order a form shows them.
	Options []Option
	// Min and Max bound an int (Max 0: no upper bound); RangeNote says what a value means
	// in the message about a value out of range, e.g. "(0 = không cung cấp …)".
	Min, Max  int64
	RangeNote string
	// Required: a profile without it is invalid (text, enum, list only).
	Required bool
	// Multiline: a text that may hold line breaks and tabs (a textarea on the form).
	Multiline bool
	// Item names one element of a list in the message about an empty one.
	Item string
	// Section is the part of the form that shows the fact, one of Sections.
	Section string
	// ReadThrough names the fact rules read in this one's place: a rule reading
	// security_harm reads the harm inferred from secret_grade when no harm is declared.
	ReadThrough string
	// Procedural: the fact decides the procedure (who appraises, by which route) or whether
	// a rule set applies at all, not the level. No rule reading it is no reason to warn that
	// a rule set ignores it: the set uses it outside its criteria (transitional, for one, is
	// what lets a Decree 85 dossier be made after 30/06/2026, khoản 1 Điều 39 Nghị định
	// 331/2026/NĐ-CP; registry/transition.go).
	Procedural bool
}

// Sections of the profile form, in the order it shows them.
const (
	secGeneral   = "Thông tin chung"
	secTypes     = "Loại hệ thống và loại thông tin"
	secSecret    = "Bí mật nhà nước, quốc phòng, an ninh"
	secServices  = "Dịch vụ và người sử dụng"
	secInfra     = "Hạ tầng, vận hành và dữ liệu quốc gia"
	secICS       = "Hệ thống điều khiển công nghiệp"
	secD331      = "Tiêu chí mới của Nghị định 331/2026"
	secProcedure = "Thẩm định, danh mục hệ thống quan trọng và chuyển tiếp (Nghị định 331/2026)"
)

// Sections lists the sections of the profile form in order; each row names one.
var Sections = []string{secGeneral, secTypes, secSecret, secServices, secInfra, secICS, secD331, secProcedure}

// Fields is the table of profile facts (docs/contract.md §1 and §5), components aside, in the
// order documents and files list them. It is read once, when the package starts
// (Standard); another table is made with NewSchema.
var Fields = []Field{
	{Key: "id", Label: "Mã hệ thống", Kind: KindText, Section: secGeneral,
		Help: "Mã định danh ổn định trong danh mục, ví dụ HT-001."},
	{Key: "name", Label: "Tên hệ thống", Kind: KindText, Required: true, Section: secGeneral,
		Help: "Tên hệ thống thông tin."},
	{Key: "owner", Label: "Chủ quản hệ thống", Kind: KindText, Required: true, Section: secGeneral,
		Help: "Cơ quan có thẩm quyền quản lý trực tiếp hệ thống (khoản 2 Điều 3 Nghị định 85/2016/NĐ-CP; Điều 4 Nghị định 331/2026/NĐ-CP)."},
	{Key: "operator", Label: "Đơn vị vận hành", Kind: KindText, Section: secGeneral,
		Help: "Đơn vị được chủ quản giao vận hành hệ thống (khoản 3 Điều 3 Nghị định 85/2016/NĐ-CP; Điều 5 Nghị định 331/2026/NĐ-CP)."},
	{Key: "description", Label: "Mô tả", Kind: KindText, Multiline: true, Section: secGeneral,
		Help: "Mục đích, phạm vi, người sử dụng."},
	{Key: "system_type", Label: "Loại hệ thống", Kind: KindEnum, Required: true, Section: secTypes,
		Help: "Phân loại theo chức năng (khoản 2 Điều 6 Nghị định 85/2016/NĐ-CP; khoản 2 Điều 9 Nghị định 331/2026/NĐ-CP).",
		Options: []Option{
			{"internal", "Hệ thống nội bộ"},
			{"citizen_business", "Hệ thống phục vụ người dân, doanh nghiệp"},
			{"infrastructure", "Hệ thống cơ sở hạ tầng thông tin"},
			{"industrial_control", "Hệ thống điều khiển công nghiệp"},
			{"other", "Hệ thống thông tin khác"},
		}},
	{Key: "info_types", Label: "Loại thông tin xử lý", Kind: KindList, Required: true, Item: "loại thông tin", Section: secTypes,
		Help: "Phân loại thông tin: công cộng, riêng, cá nhân, bí mật nhà nước (khoản 1 Điều 6 Nghị định 85/2016/NĐ-CP; khoản 1 Điều 9 Nghị định 331/2026/NĐ-CP).",
		Options: []Option{
			{"public", "Thông tin công cộng"},
			{"private", "Thông tin riêng"},
			{"personal", "Thông tin cá nhân"},
			{"state_secret", "Thông tin bí mật nhà nước"},
		}},
	{Key: "secret_grade", Label: "Độ mật", Kind: KindEnum, Section: secSecret, ReadThrough: keySecurityHarm,
		Help:    "Độ mật của bí mật nhà nước: Mật, Tối mật, Tuyệt mật (điểm d khoản 1 Điều 6 Nghị định 85/2016/NĐ-CP; khoản 1 Điều 9 Nghị định 331/2026/NĐ-CP).",
		Options: []Option{{"mat", "Mật"}, {"toi_mat", "Tối mật"}, {"tuyet_mat", "Tuyệt mật"}}},
	{Key: "defense_security", Label: "Phục vụ quốc phòng, an ninh", Kind: KindBool, Section: secSecret,
		Help: "Hệ thống phục vụ quốc phòng, an ninh quốc gia (khoản 1 Điều 9, 10, 11 Nghị định 85/2016/NĐ-CP; khoản 1 Điều 13, 14, 15 Nghị định 331/2026/NĐ-CP)."},
	{Key: "security_harm", Label: "Mức tổn hại quốc phòng, an ninh", Kind: KindEnum, Section: secSecret,
		Help: "Mức tổn hại tới quốc phòng, an ninh quốc gia khi hệ thống bị phá hoại (khoản 1 Điều 9, 10, 11 Nghị định 85/2016/NĐ-CP; khoản 1 Điều 13, 14, 15 Nghị định 331/2026/NĐ-CP).",
		Options: []Option{
			{"none", "Không gây tổn hại"},
			{"harm", "Gây tổn hại"},
			{"serious", "Gây tổn hại nghiêm trọng"},
			{"especially_serious", "Gây tổn hại đặc biệt nghiêm trọng"},
		}},
	{Key: "online_public_service_level", Label: "Mức độ dịch vụ công trực tuyến", Kind: KindInt, Max: 4,
		RangeNote: "(0 = không cung cấp dịch vụ công trực tuyến)", Section: secServices,
		Help: "Mức độ dịch vụ công trực tuyến cung cấp (0 = không cung cấp; 1–4), điểm a khoản 2 Điều 8, 9 Nghị định 85/2016/NĐ-CP."},
	{Key: "conditional_business_service", Label: "Dịch vụ thuộc ngành nghề kinh doanh có điều kiện", Kind: KindBool, Section: secServices,
		Help: "Cung cấp dịch vụ trực tuyến thuộc danh mục ngành nghề kinh doanh có điều kiện (điểm b khoản 2 Điều 8, 9 Nghị định 85/2016/NĐ-CP; điểm a khoản 2 Điều 12, 13 Nghị định 331/2026/NĐ-CP)."},
	{Key: "personal_data_users", Label: "Số người sử dụng có thông tin riêng, cá nhân", Kind: KindInt, Section: secServices,
		Help: "Số người sử dụng mà hệ thống xử lý thông tin riêng hoặc thông tin cá nhân (ngưỡng 10.000, điểm c khoản 2 Điều 8 và Điều 9 Nghị định 85/2016/NĐ-CP)."},
	{Key: "handles_admin_procedures", Label: "Hệ thống giải quyết thủ tục hành chính", Kind: KindBool, Section: secD331,
		Help: "Hệ thống có giải quyết thủ tục hành chính (điểm b khoản 2 Điều 13 Nghị định 331/2026/NĐ-CP); Nghị định không định nghĩa thêm phạm vi [cần đối chiếu]."},
	{Key: "basic_pd_subjects", Label: "Số chủ thể dữ liệu cá nhân cơ bản", Kind: KindInt, Section: secD331,
		Help: "Số chủ thể có dữ liệu cá nhân cơ bản mà dịch vụ trực tuyến xử lý (ngưỡng 100.000, điểm b khoản 2 Điều 12 và điểm c khoản 2 Điều 13 Nghị định 331/2026/NĐ-CP; chỉ áp dụng cho hệ thống phục vụ người dân, doanh nghiệp). Cách đếm chưa được quy định [cần đối chiếu]."},
	{Key: "sensitive_pd_subjects", Label: "Số chủ thể dữ liệu cá nhân nhạy cảm", Kind: KindInt, Section: secD331,
		Help: "Số chủ thể có dữ liệu cá nhân nhạy cảm mà dịch vụ trực tuyến xử lý (ngưỡng 10.000, điểm b khoản 2 Điều 12 và điểm c khoản 2 Điều 13 Nghị định 331/2026/NĐ-CP; chỉ áp dụng cho hệ thống phục vụ người dân, doanh nghiệp). Cách đếm chưa được quy định [cần đối chiếu]."},
	{Key: "infra_scope", Label: "Phạm vi dùng chung hạ tầng", Kind: KindEnum, Section: secInfra,
		Help: "Phạm vi các cơ quan, tổ chức sử dụng chung hạ tầng thông tin (khoản 3 Điều 8, 9, 10, 11 Nghị định 85/2016/NĐ-CP; khoản 3 Điều 12, 13, khoản 2 Điều 14, khoản 3 Điều 15 Nghị định 331/2026/NĐ-CP).",
		Options: []Option{
			{"one_org", "Một cơ quan, tổ chức"},
			{"sector", "Các cơ quan, tổ chức trong một ngành"},
			{"province", "Các cơ quan, tổ chức trong một tỉnh"},
			{"multi_province", "Các cơ quan, tổ chức trong nhiều tỉnh"},
			{"nationwide", "Các cơ quan, tổ chức trên toàn quốc"},
			{"international", "Kết nối liên thông Việt Nam với quốc tế"},
		}},
	{Key: "national_egov", Label: "Hệ thống Chính phủ điện tử cấp quốc gia", Kind: KindBool, Section: secInfra,
		Help: "Hệ thống thông tin phục vụ Chính phủ điện tử cấp quốc gia (khoản 2 Điều 10 Nghị định 85/2016/NĐ-CP; khoản 2 Điều 14 Nghị định 331/2026/NĐ-CP)."},
	{Key: "always_on", Label: "Vận hành 24/7", Kind: KindBool, Section: secInfra,
		Help: "Yêu cầu vận hành 24/7, không chấp nhận ngừng vận hành mà không có kế hoạch trước (khoản 2, 3 Điều 10 Nghị định 85/2016/NĐ-CP; khoản 2 Điều 14 Nghị định 331/2026/NĐ-CP)."},
	{Key: "ics_work_grade", Label: "Cấp công trình được điều khiển", Kind: KindEnum, Section: secICS,
		Help: "Cấp của công trình xây dựng mà hệ thống điều khiển công nghiệp trực tiếp phục vụ điều khiển vận hành (khoản 4 Điều 9, 10, 11 Nghị định 85/2016/NĐ-CP; khoản 4 Điều 13, khoản 3 Điều 14, khoản 4 Điều 15 Nghị định 331/2026/NĐ-CP).",
		Options: []Option{
			{"IV", "Công trình cấp IV"},
			{"III", "Công trình cấp III"},
			{"II", "Công trình cấp II"},
			{"I", "Công trình cấp I"},
			{"special", "Công trình cấp đặc biệt"},
			{"national_security", "Công trình quan trọng liên quan đến an ninh quốc gia"},
		}},
	{Key: "critical_national_data", Label: "Lưu trữ tập trung dữ liệu quốc gia đặc biệt quan trọng", Kind: KindBool, Section: secInfra,
		Help: "Hệ thống lưu trữ tập trung đối với một số loại thông tin, dữ liệu đặc biệt quan trọng của quốc gia (khoản 2 Điều 11 Nghị định 85/2016/NĐ-CP; khoản 2 Điều 15 Nghị định 331/2026/NĐ-CP)."},
	{Key: "pm_designated", Label: "Do Thủ tướng Chính phủ quyết định cấp độ 5", Kind: KindBool, Section: secInfra,
		Help: "Hệ thống được Thủ tướng Chính phủ quyết định là cấp độ 5 (khoản 5 Điều 11 Nghị định 85/2016/NĐ-CP; khoản 5 Điều 15 Nghị định 331/2026/NĐ-CP)."},
	{Key: "managed_by", Label: "Bộ quản lý hệ thống (quốc phòng, an ninh)", Kind: KindEnum, Section: secSecret, Procedural: true,
		Help:    "Theo Nghị định 85/2016/NĐ-CP: hệ thống do Bộ Quốc phòng hoặc Bộ Công an quản lý thì bộ đó thẩm định hồ sơ cấp độ 4–5 (điểm b, c khoản 3 Điều 12 Nghị định 85/2016/NĐ-CP). Theo Nghị định 331/2026/NĐ-CP: cơ quan thẩm định cấp độ 4–5 đi theo «Khối của chủ quản» (khoản 3 Điều 18 Nghị định 331/2026/NĐ-CP); chưa khai báo khối thì giá trị ở đây được dùng thay.",
		Options: []Option{{"bqp", "Bộ Quốc phòng"}, {"bca", "Bộ Công an"}}},

	// Facts of Decree 331/2026 (docs/contract.md §5).
	{Key: "strategic", Label: "Hệ thống mang tính chiến lược", Kind: KindBool, Section: secD331,
		Help: "Hệ thống xử lý bí mật nhà nước hoặc phục vụ quốc phòng, an ninh mang tính chiến lược (khoản 1 Điều 15 Nghị định 331/2026/NĐ-CP)."},
	{Key: "pm_decided_level", Label: "Cấp độ do Thủ tướng Chính phủ quyết định", Kind: KindInt, Max: 5,
		RangeNote: "(0 = không có quyết định)", Section: secD331,
		Help: "Cấp độ mà quyết định của Thủ tướng Chính phủ xác định cho hệ thống (khoản 4 Điều 12, khoản 5 Điều 13, khoản 4 Điều 14, khoản 5 Điều 15 Nghị định 331/2026/NĐ-CP); 0 = không có quyết định."},
	{Key: "risk_level", Label: "Cấp độ theo kết quả đánh giá rủi ro an ninh mạng", Kind: KindInt, Max: 5,
		RangeNote: "(0 = chưa đánh giá)", Section: secD331,
		Help: "Cấp độ mà kết quả đánh giá rủi ro an ninh mạng của hệ thống (Điều 10 Nghị định 331/2026/NĐ-CP) cho thấy; rủi ro vượt cấp độ đã xác định thì phải đề xuất cấp độ cao hơn (khoản 5 Điều 10 Nghị định 331/2026/NĐ-CP). Khung quản lý rủi ro an ninh mạng chưa được ban hành [cần đối chiếu]. 0 = chưa đánh giá."},
	{Key: "owner_sector", Label: "Khối của chủ quản (thẩm định cấp độ 4–5)", Kind: KindEnum, Section: secProcedure, Procedural: true,
		Help: "Cơ quan thẩm định hồ sơ cấp độ 4–5: Bộ Công an với hệ thống dân sự và hệ thống của Bộ Công an; Bộ Quốc phòng với hệ thống thông tin quân sự; Ban Cơ yếu Chính phủ với hệ thống mật mã của mình (điểm a, b, c khoản 3 Điều 18 Nghị định 331/2026/NĐ-CP; khoản 3 Điều 12 Nghị định 85/2016/NĐ-CP). Chưa khai báo: suy ra từ tên chủ quản, có cảnh báo.",
		Options: []Option{
			{"civil", "Dân sự"},
			{"bca", "Bộ Công an"},
			{"bqp", "Bộ Quốc phòng"},
			{"bcy", "Ban Cơ yếu Chính phủ"},
		}},
	{Key: "critical_system", Label: "Thuộc danh mục hệ thống thông tin quan trọng về an ninh quốc gia", Kind: KindBool, Section: secProcedure, Procedural: true,
		Help: "Hệ thống thuộc, hoặc được đề nghị đưa vào, danh mục hệ thống thông tin quan trọng về an ninh quốc gia (Điều 16, 17 Nghị định 331/2026/NĐ-CP): áp dụng trình tự của cấp độ 5 (khoản 4 Điều 20 Nghị định 331/2026/NĐ-CP)."},
	{Key: "infosec_operates", Label: "Đơn vị chuyên trách an ninh mạng đồng thời vận hành hệ thống", Kind: KindBool, Section: secProcedure, Procedural: true,
		Help: "Đơn vị chuyên trách an ninh mạng của chủ quản cũng là đơn vị vận hành: đơn vị đó đề xuất đơn vị khác thẩm định hoặc thành lập Hội đồng thẩm định độc lập, chủ quản chỉ định trên trang hồ sơ (khoản 4 Điều 18 Nghị định 331/2026/NĐ-CP)."},
	{Key: "transitional", Label: "Đang đầu tư, xây dựng trước ngày 01/7/2026", Kind: KindBool, Section: secProcedure, Procedural: true,
		Help: "Hệ thống đang trong quá trình đầu tư, xây dựng trước ngày 01/7/2026: cấp độ còn được thẩm định, phê duyệt theo Nghị định 85/2016/NĐ-CP trong thời hạn của khoản 1 Điều 39 Nghị định 331/2026/NĐ-CP; ngày hết thời hạn [cần đối chiếu]."},
}
