package risk

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"capdo/levels"
)

// valid is a complete record in the shape of docs/contract.md §6.
const valid = `{
  "trigger": "first",
  "contents": {
    "a": "Cổng dịch vụ công (quan trọng nhất), CSDL hồ sơ, máy chủ xác thực",
    "b": "Thông tin cá nhân cơ bản của người dân; thông tin công cộng",
    "c": "Tấn công chèn mã SQL vào biểu mẫu; lộ lọt tài khoản quản trị",
    "d": "Theo sổ đăng ký rủi ro kèm theo",
    "dd": "Tường lửa ứng dụng web, sao lưu hằng ngày, giám sát 8/5",
    "e": "Kiểm thử xâm nhập trước khi vận hành; bật xác thực đa yếu tố",
    "g": "Báo cáo chủ quản hằng quý; thông báo sự cố trong 24 giờ"
  },
  "risks": [
    {"asset": "Cổng dịch vụ công", "threat": "Chèn mã SQL", "likelihood": 3, "impact": 4, "controls": "WAF", "treatment": "Kiểm thử, vá lỗi", "owner": "Phòng CNTT"},
    {"asset": "CSDL hồ sơ", "threat": "Mã độc tống tiền", "vulnerability": "Bản vá chậm", "likelihood": 2, "impact": 5, "controls": "", "treatment": "Sao lưu ngoại tuyến"}
  ],
  "level": 3,
  "rationale": "Hệ thống giải quyết thủ tục hành chính; rủi ro cao nhất ở mức «Cao»",
  "assessed_by": "Trung tâm Chuyển đổi số",
  "assessed_at": "2026-11-20"
}`

func TestDecodeValid(t *testing.T) {
	t.Parallel()
	a, ps := Decode(strings.NewReader(valid))
	if len(ps) > 0 {
		t.Fatalf("problems: %v", ps)
	}
	if a.Trigger != First || a.Contents.DD == "" || len(a.Risks) != 2 || a.Level != 3 {
		t.Fatalf("decoded %+v", a)
	}
	if a.Risks[0].Score != 12 || a.Risks[1].Score != 10 {
		t.Errorf("scores %d, %d; want 12 and 10", a.Risks[0].Score, a.Risks[1].Score)
	}
	// The JSON written back has docs/contract.md §6's keys, plus the additions.
	out, _ := json.Marshal(a)
	var m map[string]any
	json.Unmarshal(out, &m)
	for _, k := range []string{"trigger", "contents", "risks", "level", "rationale"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON lacks %q: %s", k, out)
		}
	}
	contents := m["contents"].(map[string]any)
	for _, k := range []string{"a", "b", "c", "d", "dd", "e", "g"} {
		if _, ok := contents[k]; !ok {
			t.Errorf("contents lacks %q", k)
		}
	}
	risk := m["risks"].([]any)[0].(map[string]any)
	for _, k := range []string{"asset", "threat", "likelihood", "impact", "controls", "treatment", "score", "owner"} {
		if _, ok := risk[k]; !ok {
			t.Errorf("risk lacks %q", k)
		}
	}
	// And it reads back to the same record.
	b, ps := Decode(strings.NewReader(string(out)))
	if len(ps) > 0 || b.Risks[1].Vulnerability != "Bản vá chậm" || b.AssessedAt != "2026-11-20" {
		t.Errorf("round trip: %v %+v", ps, b)
	}
}

func fields(ps []levels.Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Field)
	}
	return out
}

func TestDecodeProblemsNameTheField(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		edit func(m map[string]any)
		want []string // fields, in order
		says string   // part of the first message
	}{
		{"trigger missing", func(m map[string]any) { delete(m, "trigger") }, []string{"trigger"}, "cần nêu lý do đánh giá"},
		{"trigger unknown", func(m map[string]any) { m["trigger"] = "yearly" }, []string{"trigger"}, "first (xác định cấp độ lần đầu)"},
		{"content dd empty", func(m map[string]any) { m["contents"].(map[string]any)["dd"] = " " }, []string{"contents.dd"}, "điểm đ khoản 3 Điều 10"},
		{"content key unknown", func(m map[string]any) { m["contents"].(map[string]any)["f"] = "x" }, []string{"contents.f"}, "trường không được hỗ trợ"},
		{"likelihood 0", func(m map[string]any) { risk(m, 1)["likelihood"] = 0 }, []string{"risks[1].likelihood"}, "từ 1 đến 5"},
		{"impact 6", func(m map[string]any) { risk(m, 0)["impact"] = 6 }, []string{"risks[0].impact"}, "từ 1 đến 5"},
		{"likelihood not integral", func(m map[string]any) { risk(m, 0)["likelihood"] = 2.5 }, []string{"risks[0].likelihood"}, "số nguyên"},
		{"likelihood a string", func(m map[string]any) { risk(m, 0)["likelihood"] = "cao" }, []string{"risks[0].likelihood"}, "số nguyên"},
		{"score inconsistent", func(m map[string]any) { risk(m, 0)["score"] = 9 }, []string{"risks[0].score"}, "3 × 4 = 12"},
		{"asset missing", func(m map[string]any) { delete(risk(m, 1), "asset") }, []string{"risks[1].asset"}, "tài sản hoặc chức năng"},
		{"treatment missing", func(m map[string]any) { risk(m, 0)["treatment"] = "" }, []string{"risks[0].treatment"}, "phương án xử lý"},
		{"risk key unknown", func(m map[string]any) { risk(m, 0)["probability"] = 3 }, []string{"risks[0].probability"}, "trường không được hỗ trợ"},
		{"risk not an object", func(m map[string]any) { m["risks"].([]any)[1] = "x" }, []string{"risks[1]"}, "đối tượng JSON"},
		{"no risks", func(m map[string]any) { m["risks"] = []any{} }, []string{"risks"}, "ít nhất một rủi ro"},
		{"level 0", func(m map[string]any) { m["level"] = 0 }, []string{"level"}, "từ 1 đến 5"},
		{"rationale missing", func(m map[string]any) { delete(m, "rationale") }, []string{"rationale"}, "cần nêu lý do"},
		{"assessed_at malformed", func(m map[string]any) { m["assessed_at"] = "20/11/2026" }, []string{"assessed_at"}, "YYYY-MM-DD"},
		{"top key unknown", func(m map[string]any) { m["risk_level"] = 3 }, []string{"risk_level"}, "trường không được hỗ trợ"},
		{"contents not an object", func(m map[string]any) { m["contents"] = "x" }, []string{"contents"}, "đối tượng JSON"},
		{"text too long", func(m map[string]any) { m["rationale"] = strings.Repeat("x", MaxTextLen+1) }, []string{"rationale"}, "dài quá"},
	} {
		var m map[string]any
		json.Unmarshal([]byte(valid), &m)
		c.edit(m)
		body, _ := json.Marshal(m)
		a, ps := Decode(strings.NewReader(string(body)))
		if a != nil || !slices.Equal(fields(ps), c.want) || !strings.Contains(ps[0].Message, c.says) {
			t.Errorf("%s: problems %v, want fields %v saying %q", c.name, ps, c.want, c.says)
		}
	}
	for _, body := range []string{"", "[1]", "{", "null"} {
		if a, ps := Decode(strings.NewReader(body)); a != nil || len(ps) != 1 || ps[0].Field != "body" {
			t.Errorf("Decode(%q) = %v, %v", body, a, ps)
		}
	}
}

func risk(m map[string]any, i int) map[string]any { return m["risks"].([]any)[i].(map[string]any) }

// Levels 4–5 need the detailed report of Art. 22.5 a–c, and d for Art. 14.2 systems.
func TestCompleteFor(t *testing.T) {
	t.Parallel()
	a, _ := Decode(strings.NewReader(valid))
	if ps := a.CompleteFor(3); ps != nil {
		t.Errorf("level 3: %v", ps)
	}
	if got := fields(a.CompleteFor(4)); !slices.Equal(got, []string{"detailed.a", "detailed.b", "detailed.c"}) {
		t.Errorf("level 4 without the report: %v", got)
	}
	if got := fields(a.CompleteFor(5, AlwaysOn)); !slices.Equal(got, []string{"detailed.a", "detailed.b", "detailed.c", "detailed.d"}) {
		t.Errorf("level 5, Art. 14.2 system: %v", got)
	}
	a.Detailed = &Detailed{A: "Trục liên thông", B: "DDoS vào cổng", C: "Gián đoạn dịch vụ công toàn tỉnh"}
	if ps := a.CompleteFor(4); ps != nil {
		t.Errorf("level 4 with a–c: %v", ps)
	}
	ps := a.CompleteFor(4, AlwaysOn)
	if len(ps) != 1 || ps[0].Field != "detailed.d" || !strings.Contains(ps[0].Message, "điểm d khoản 5 Điều 22") {
		t.Errorf("level 4, Art. 14.2, no d: %v", ps)
	}
}

func TestLabels(t *testing.T) {
	t.Parallel()
	if len(ContentItems) != 7 || len(Triggers) != 5 || len(DetailedItems) != 4 {
		t.Fatal("Art. 10.3 has seven contents, 10.2 five triggers, 22.5 four points")
	}
	for _, it := range append(append(slices.Clone(ContentItems), Triggers...), DetailedItems...) {
		if !strings.Contains(it.Citation, "Nghị định 331/2026/NĐ-CP") || it.Label == "" {
			t.Errorf("%s: label %q, citation %q", it.Key, it.Label, it.Citation)
		}
	}
	if got := TriggerLabel(Incident); !strings.HasPrefix(got, "Sau sự cố nghiêm trọng") || !strings.Contains(got, "điểm d khoản 2 Điều 10") {
		t.Errorf("TriggerLabel(incident) = %q", got)
	}
	if !strings.Contains(ContentsNote, "[cần đối chiếu]") || !strings.Contains(DetailedNote, "[cần đối chiếu]") {
		t.Error("paraphrased labels and the 22.5 reference must carry their mark")
	}
}
