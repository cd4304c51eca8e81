package risk

const decree = "Nghị định 331/2026/NĐ-CP"

// Trigger is why the assessment was made (Art. 10.2).
type Trigger string

const (
	First    Trigger = "first"    // a) the first determination of the level
	Change   Trigger = "change"   // b) a change of function, scope served, users, information types or technology
	Scale    Trigger = "scale"    // c) scale-up, integration, interconnection or data sharing
	Incident Trigger = "incident" // d) after a serious incident, or a high risk to national security or public order
	Request  Trigger = "request"  // đ) on request of a competent authority
)

// Item is a labelled part of the record, with the point of the decree it comes from.
type Item struct {
	Key      string
	Label    string // Vietnamese, paraphrasing the decree
	Citation string
}

// Triggers lists the triggers of Art. 10.2 in the decree's order.
var Triggers = []Item{
	{string(First), "Xác định cấp độ lần đầu", "điểm a khoản 2 Điều 10 " + decree},
	{string(Change), "Thay đổi chức năng, phạm vi phục vụ, người sử dụng, loại thông tin hoặc công nghệ", "điểm b khoản 2 Điều 10 " + decree},
	{string(Scale), "Mở rộng quy mô, tích hợp, kết nối hoặc chia sẻ dữ liệu", "điểm c khoản 2 Điều 10 " + decree},
	{string(Incident), "Sau sự cố nghiêm trọng hoặc khi có nguy cơ cao đối với an ninh quốc gia, trật tự, an toàn xã hội", "điểm d khoản 2 Điều 10 " + decree},
	{string(Request), "Theo yêu cầu của cơ quan có thẩm quyền", "điểm đ khoản 2 Điều 10 " + decree},
}

// ContentItems are the minimum contents of Art. 10.3, keyed as docs/contract.md §6 keys them.
var ContentItems = []Item{
	{"a", "Tài sản và chức năng quan trọng của hệ thống, xếp theo mức độ quan trọng", "điểm a khoản 3 Điều 10 " + decree},
	{"b", "Các loại thông tin hệ thống xử lý", "điểm b khoản 3 Điều 10 " + decree},
	{"c", "Mối đe dọa, điểm yếu, lỗ hổng và khả năng bị khai thác", "điểm c khoản 3 Điều 10 " + decree},
	{"d", "Khả năng xảy ra và mức độ tác động", "điểm d khoản 3 Điều 10 " + decree},
	{"dd", "Năng lực hiện có để phòng ngừa, phát hiện, ứng phó và khôi phục", "điểm đ khoản 3 Điều 10 " + decree},
	{"e", "Kế hoạch giảm thiểu rủi ro", "điểm e khoản 3 Điều 10 " + decree},
	{"g", "Trao đổi thông tin và báo cáo về rủi ro", "điểm g khoản 3 Điều 10 " + decree},
}

// ContentsNote tells the reader how the labels relate to the decree's words.
const ContentsNote = "Tên các nội dung được diễn giải từ khoản 3 Điều 10 " + decree + ", không trích nguyên văn [cần đối chiếu]."

// DetailedItems are the contents of the more detailed risk report levels 4–5 add (Art. 22.5).
var DetailedItems = []Item{
	{"a", "Các hệ thống thông tin liên quan, kết nối hoặc phụ thuộc quan trọng", "điểm a khoản 5 Điều 22 " + decree},
	{"b", "Các mối đe dọa tấn công và tác động của chúng", "điểm b khoản 5 Điều 22 " + decree},
	{"c", "Phạm vi, mức độ ảnh hưởng đến lợi ích công cộng, trật tự, an toàn xã hội hoặc an ninh quốc gia", "điểm c khoản 5 Điều 22 " + decree},
	{"d", "Luận chứng yêu cầu vận hành 24/7, không chấp nhận ngừng vận hành ngoài kế hoạch (hệ thống thuộc khoản 2 Điều 14)", "điểm d khoản 5 Điều 22 " + decree},
}

// DetailedNote flags the oddity of Art. 22.5's reference.
const DetailedNote = "Khoản 5 Điều 22 yêu cầu báo cáo đánh giá rủi ro chi tiết hơn «ngoài các nội dung tại khoản 3»; " +
	"khoản 3 là phần mô tả tổng quan, có thể văn bản muốn dẫn khoản 4 [cần đối chiếu]. Nên trình bày đủ nội dung khoản 3, 4 và 5."

// Contents holds the seven minimum contents of Art. 10.3 as text.
type Contents struct {
	A  string `json:"a"`
	B  string `json:"b"`
	C  string `json:"c"`
	D  string `json:"d"`
	DD string `json:"dd"`
	E  string `json:"e"`
	G  string `json:"g"`
}

// Get returns the content under a contract key (a, b, c, d, dd, e, g).
func (c *Contents) Get(key string) string {
	if p := c.field(key); p != nil {
		return *p
	}
	return ""
}

func (c *Contents) field(key string) *string {
	switch key {
	case "a":
		return &c.A
	case "b":
		return &c.B
	case "c":
		return &c.C
	case "d":
		return &c.D
	case "dd":
		return &c.DD
	case "e":
		return &c.E
	case "g":
		return &c.G
	}
	return nil
}

// Detailed holds the detailed report of Art. 22.5 a–d, required at levels 4–5.
type Detailed struct {
	A string `json:"a"`
	B string `json:"b"`
	C string `json:"c"`
	D string `json:"d,omitempty"`
}

func (d *Detailed) field(key string) *string {
	switch key {
	case "a":
		return &d.A
	case "b":
		return &d.B
	case "c":
		return &d.C
	case "d":
		return &d.D
	}
	return nil
}

// Risk is one row of the risk register.
type Risk struct {
	Asset         string `json:"asset"`                   // asset or function at risk
	Threat        string `json:"threat"`                  // threat (and weakness exploited)
	Vulnerability string `json:"vulnerability,omitempty"` // weakness or vulnerability, when kept apart
	Likelihood    int    `json:"likelihood"`              // 1–5
	Impact        int    `json:"impact"`                  // 1–5
	Score         int    `json:"score"`                   // likelihood × impact, computed
	Controls      string `json:"controls"`                // existing controls
	Treatment     string `json:"treatment"`               // treatment planned
	Owner         string `json:"owner,omitempty"`         // who owns the risk
}

// Assessment is the cyber risk assessment of one system version (Art. 10).
type Assessment struct {
	Trigger   Trigger  `json:"trigger"`
	Contents  Contents `json:"contents"`
	Risks     []Risk   `json:"risks"`
	Level     int      `json:"level"` // the level the assessment supports: the version's risk_level
	Rationale string   `json:"rationale"`
	// Detailed is the report of Art. 22.5 a–d, needed at levels 4–5 (CompleteFor).
	Detailed   *Detailed `json:"detailed,omitempty"`
	AssessedBy string    `json:"assessed_by,omitempty"`
	AssessedAt string    `json:"assessed_at,omitempty"` // YYYY-MM-DD
}

// Score fills each risk's score (likelihood × impact).
func (a *Assessment) Score() {
	for i := range a.Risks {
		a.Risks[i].Score = a.Risks[i].Likelihood * a.Risks[i].Impact
	}
}

// TriggerLabel is the Vietnamese label and citation of a trigger, or "" when unknown.
func TriggerLabel(t Trigger) string {
	for _, x := range Triggers {
		if x.Key == string(t) {
			return x.Label + " (" + x.Citation + ")"
		}
	}
	return ""
}
