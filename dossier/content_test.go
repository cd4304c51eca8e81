package dossier

import (
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"capdo/levels"
	"capdo/templates"
)

// docs renders a dossier and returns the body text of each document by name.
func docs(t *testing.T, in Input) map[string]string {
	t.Helper()
	d := render(t, embedded(t), in)
	out := map[string]string{}
	for _, f := range d.Files {
		out[f.Name] = bodyText(t, f)
	}
	return out
}

// checkTexts fails for every text a document lacks (want) or holds (dont).
func checkTexts(t *testing.T, texts map[string]string, want, dont map[string][]string) {
	t.Helper()
	for doc, ss := range want {
		for _, s := range ss {
			if !strings.Contains(texts[doc], s) {
				t.Errorf("%s lacks %q", doc, s)
			}
		}
	}
	for doc, ss := range dont {
		for _, s := range ss {
			if strings.Contains(texts[doc], s) {
				t.Errorf("%s has %q", doc, s)
			}
		}
	}
}

// profile classifies a profile built in the test.
func profile(t *testing.T, p levels.Profile, level int) Input {
	t.Helper()
	in := inputFor(t, p)
	if in.Decision.Level != level {
		t.Fatalf("%s: level %d, want %d", p.Name, in.Decision.Level, level)
	}
	return in
}

// TestRecitals: the "Căn cứ …" lines are the rule set's recitals, written out in full,
// and no document says a circular was replaced "bởi" another or cites a repealed one as
// if it were in force.
func TestRecitals(t *testing.T) {
	in := input(t, "dich-vu-cong-tinh.yaml")
	if len(in.RuleSet.Recitals) == 0 {
		t.Fatal("the rule set has no recitals")
	}
	texts := docs(t, in)
	for _, doc := range []string{"to-trinh.docx", "du-thao-quyet-dinh.docx"} {
		for _, r := range in.RuleSet.Recitals {
			if !strings.Contains(texts[doc], "Căn cứ "+r+";") {
				t.Errorf("%s lacks the recital «Căn cứ %s;»", doc, r)
			}
		}
	}
	for doc, txt := range texts {
		for _, s := range []string{"thay thế bởi", "Căn cứ Thông tư số 03/2017", "Điều 5–20;"} {
			if strings.Contains(txt, s) {
				t.Errorf("%s has %q", doc, s)
			}
		}
	}
	// Where TT 03/2017 is the source of the requirement groups, its replacement is named.
	checkTexts(t, texts, map[string][]string{
		"phuong-an-bao-dam-attt.docx": {"Thông tư 03/2017/TT-BTTTT đã được thay thế bằng Thông tư 12/2022/TT-BTTTT [nguồn thứ cấp"},
	}, nil)
}

// TestRuleSetNotInForce: the warning depends on the document's date, not only on the
// rule set's status, and says the status, the effective dates and where the notes are.
func TestRuleSetNotInForce(t *testing.T) {
	base := input(t, "dich-vu-cong-tinh.yaml")
	inForce := *base.RuleSet
	inForce.Status = levels.StatusInForce
	inForce.Notes = []string{"Lưu ý thử nghiệm về bộ quy tắc."}

	for _, tt := range []struct {
		name string
		rs   *levels.RuleSet
		date time.Time
		want bool
	}{
		{"in force, dated within", &inForce, testDate, false},
		{"in force, dated after effective_to", &inForce, time.Date(2026, time.August, 1, 9, 0, 0, 0, vietnam), true},
		{"in force, dated before effective_from", &inForce, time.Date(2016, time.June, 1, 9, 0, 0, 0, vietnam), true},
		{"repealed, dated while it was in force", base.RuleSet, testDate, false},
		{"repealed, dated after its end", base.RuleSet, time.Date(2026, time.November, 23, 9, 0, 0, 0, vietnam), true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := base
			in.RuleSet, in.Date = tt.rs, tt.date
			m, err := buildModel(in)
			if err != nil {
				t.Fatal(err)
			}
			if got := m.conds["RULE_SET_NOT_IN_FORCE"]; got != tt.want {
				t.Fatalf("RULE_SET_NOT_IN_FORCE = %v, want %v", got, tt.want)
			}
			texts := docs(t, in)
			warnings := map[string][]string{
				"thuyet-minh-de-xuat-cap-do.docx": {"không có hiệu lực vào ngày lập văn bản", "tình trạng: " + tt.rs.StatusLabel(),
					"từ ngày 01 tháng 7 năm 2016 đến hết ngày 30 tháng 6 năm 2026", "lưu ý về bộ quy tắc"},
				"to-trinh.docx": {"không có hiệu lực vào ngày lập văn bản", "mục IV Thuyết minh đề xuất cấp độ"},
			}
			if tt.want {
				checkTexts(t, texts, warnings, nil)
			} else {
				checkTexts(t, texts, nil, map[string][]string{
					"thuyet-minh-de-xuat-cap-do.docx": {"không có hiệu lực vào ngày lập văn bản"},
					"to-trinh.docx":                   {"không có hiệu lực vào ngày lập văn bản"},
				})
			}
		})
	}
}

// TestAddressee: the request is addressed as the rule set says (Procedure.Addressee); the
// level 4–5 placeholder always comes with the note that explains it.
func TestAddressee(t *testing.T) {
	const placeholder = "[CƠ QUAN THẨM ĐỊNH HỒ SƠ CẤP ĐỘ 4–5]"
	l4 := input(t, "scada-cap-i.yaml")
	proc, _ := l4.RuleSet.ProcedureOf(4, &l4.Profile)
	if proc.Addressee != placeholder || proc.AppraiserNote == "" {
		t.Fatalf("rule set: level-4 addressee %q, note %q", proc.Addressee, proc.AppraiserNote)
	}
	note := "Lưu ý về cơ quan thẩm định: " + strings.TrimSpace(proc.AppraiserNote)
	texts := docs(t, l4)
	checkTexts(t, texts, map[string][]string{
		"to-trinh.docx":           {"Kính gửi: " + placeholder + ".\n" + note},
		"du-thao-quyet-dinh.docx": {"Căn cứ kết quả thẩm định hồ sơ đề xuất cấp độ của " + placeholder + " tại văn bản số …… ngày ……;\n" + note},
	}, map[string][]string{"to-trinh.docx": {"Bộ Thông tin và Truyền thông (Cục An toàn thông tin)."}})
	for name, txt := range texts {
		if strings.Contains(txt, placeholder) && !strings.Contains(txt, note) {
			t.Errorf("%s names the addressee placeholder without the note", name)
		}
	}

	l3 := docs(t, input(t, "dich-vu-cong-tinh.yaml"))
	checkTexts(t, l3, map[string][]string{"to-trinh.docx": {"Kính gửi: Đơn vị chuyên trách về an toàn thông tin của UBND tỉnh Kiên Giang."}},
		map[string][]string{"to-trinh.docx": {"Lưu ý về cơ quan thẩm định"}})

	// A system the Ministry of Public Security manages, whatever its owner's name.
	bca := profile(t, levels.Profile{Name: "Hệ thống thử nghiệm an ninh", Owner: "Cục Cảnh sát thử nghiệm", ManagedBy: "bca",
		SystemType: "internal", InfoTypes: []string{"state_secret"}, SecretGrade: "toi_mat", SecurityHarm: "serious"}, 4)
	checkTexts(t, docs(t, bca), map[string][]string{"to-trinh.docx": {"Kính gửi: Bộ Công an."}},
		map[string][]string{"to-trinh.docx": {placeholder, "Lưu ý về cơ quan thẩm định"}})
}

// TestManagedByMinistry: QĐ 05/2017 and TT 20/2017 exclude systems run by the Ministry
// of Defence or of Public Security (law.md §13.1), so their incident-response plan cites
// neither and follows the ministry's own rules; its structure stays as a guide.
func TestManagedByMinistry(t *testing.T) {
	bqp := profile(t, levels.Profile{Name: "Hệ thống chỉ huy thử nghiệm", Owner: "Quân chủng thử nghiệm", ManagedBy: "bqp",
		SystemType: "internal", InfoTypes: []string{"state_secret"}, SecretGrade: "toi_mat", SecurityHarm: "serious"}, 4)
	m, err := buildModel(bqp)
	if err != nil {
		t.Fatal(err)
	}
	if !m.conds["MANAGED_BY_MINISTRY"] || m.fields["MANAGING_MINISTRY"] != "Bộ Quốc phòng" {
		t.Fatalf("MANAGED_BY_MINISTRY = %v, MANAGING_MINISTRY = %q", m.conds["MANAGED_BY_MINISTRY"], m.fields["MANAGING_MINISTRY"])
	}
	texts := docs(t, bqp)
	checkTexts(t, texts, map[string][]string{
		"phuong-an-ung-pho-su-co.docx": {"không thuộc phạm vi điều chỉnh của Quyết định 05/2017/QĐ-TTg và Thông tư 20/2017/TT-BTTTT",
			"theo quy định của Bộ Quốc phòng", "KỊCH BẢN SỰ CỐ VÀ PHƯƠNG ÁN ỨNG PHÓ", "Đầu mối ứng cứu sự cố của đơn vị", "Phụ lục 1"},
		"to-trinh.docx": {"theo quy định của Bộ Quốc phòng"},
	}, map[string][]string{
		"phuong-an-ung-pho-su-co.docx": {"Phụ lục II Quyết định", "Điều 11 Quyết định 05", "Điều 9 Thông tư 20", "Điều 11 Thông tư 20", "Điều 12 Thông tư 20", "Biểu mẫu 03 Phụ lục I Thông tư 20"},
		"to-trinh.docx":                {"Số lượng bản theo Điều 14 Thông tư 03/2017/TT-BTTTT"},
	})
	// Others keep the national rules.
	for _, prof := range []string{"dich-vu-cong-tinh.yaml", "scada-cap-i.yaml"} {
		texts := docs(t, input(t, prof))
		checkTexts(t, texts, map[string][]string{"phuong-an-ung-pho-su-co.docx": {"Thông tư 20/2017/TT-BTTTT", "Điều 11 Quyết định 05/2017/QĐ-TTg"}},
			map[string][]string{"phuong-an-ung-pho-su-co.docx": {"không thuộc phạm vi điều chỉnh"}})
	}
}

// TestOwnerSubmitsLevelFourFive: at levels 4–5 the dossier goes to the ministry via the
// owner (Art. 14.3), so the owner issues the request; the operating unit prepared it and
// the owner's infosec unit gave its professional opinion.
func TestOwnerSubmitsLevelFourFive(t *testing.T) {
	in := profile(t, levels.Profile{Name: "Hệ thống SCADA thử nghiệm", Owner: "Tổng công ty Phát điện 3", Operator: "Công ty Nhiệt điện Vĩnh Tân",
		SystemType: "industrial_control", InfoTypes: []string{"private"}, ICSWorkGrade: "I"}, 4)
	texts := docs(t, in)
	tt := texts["to-trinh.docx"]
	if !strings.HasPrefix(tt, "TỔNG CÔNG TY PHÁT ĐIỆN 3\n") || strings.Contains(tt, "CÔNG TY NHIỆT ĐIỆN VĨNH TÂN") {
		t.Errorf("the level-4 request is not issued by the owner alone:\n%s", tt[:min(len(tt), 300)])
	}
	checkTexts(t, texts, map[string][]string{
		"to-trinh.docx": {"Tổng công ty Phát điện 3 kính trình", "Công ty Nhiệt điện Vĩnh Tân (đơn vị vận hành) đã lập hồ sơ đề xuất cấp độ",
			"Đơn vị chuyên trách về an toàn thông tin của Tổng công ty Phát điện 3 đã có ý kiến chuyên môn", "khoản 3 Điều 14 Nghị định 85/2016/NĐ-CP"},
		// The other documents are still the operating unit's.
		"thuyet-minh-de-xuat-cap-do.docx": {"TỔNG CÔNG TY PHÁT ĐIỆN 3\nCÔNG TY NHIỆT ĐIỆN VĨNH TÂN\n"},
	}, map[string][]string{"to-trinh.docx": {"Công ty Nhiệt điện Vĩnh Tân kính trình", "(để báo cáo)"}})

	// Level 3: the operating unit sends it, under its owner.
	l3 := docs(t, input(t, "dich-vu-cong-tinh.yaml"))["to-trinh.docx"]
	if !strings.HasPrefix(l3, "UBND TỈNH KIÊN GIANG\nTRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH KIÊN GIANG\n") ||
		!strings.Contains(l3, "Trung tâm Phục vụ hành chính công tỉnh Kiên Giang kính trình") {
		t.Errorf("the level-3 request is not issued by the operating unit:\n%s", l3[:min(len(l3), 300)])
	}
}

// TestWording covers the review's wording points: the overview outline is practice, not
// law; a serious incident needs both conditions of QĐ 05 Art. 9; the level-5 decision
// names the level-5 approver only; an inferred harm is flagged where the criteria are
// cited.
func TestWording(t *testing.T) {
	l4 := docs(t, input(t, "scada-cap-i.yaml"))
	checkTexts(t, l4, map[string][]string{
		"thuyet-minh-de-xuat-cap-do.docx": {"Nội dung gợi ý (theo thực tiễn, không phải quy định của khoản 1 Điều 15"},
		"phuong-an-ung-pho-su-co.docx": {"có đủ hai điều kiện", "cấp độ 4, cấp độ 5 hoặc thuộc Danh mục hệ thống thông tin quan trọng quốc gia",
			"ngừng hoặc gián đoạn dịch vụ", "bí mật nhà nước có khả năng bị tiết lộ", "mất tính toàn vẹn và không khôi phục được",
			"mất quyền kiểm soát", "ảnh hưởng dây chuyền", "chủ quản hệ thống thông tin không tự kiểm soát, xử lý được"},
	}, map[string][]string{"thuyet-minh-de-xuat-cap-do.docx": {"đơn vị vận hành mô tả:"}})

	l5 := profile(t, levels.Profile{Name: "Hệ thống thử nghiệm cấp độ 5", Owner: "Tập đoàn thử nghiệm",
		SystemType: "infrastructure", InfoTypes: []string{"private"}, InfraScope: "international"}, 5)
	proc5, _ := l5.RuleSet.ProcedureOf(5, &l5.Profile)
	proc4, _ := l5.RuleSet.ProcedureOf(4, &l5.Profile)
	if proc5.Approver == proc4.Approver {
		t.Fatal("the rule set has one approver text for levels 4 and 5")
	}
	checkTexts(t, docs(t, l5), map[string][]string{"du-thao-quyet-dinh.docx": {proc5.Approver}},
		map[string][]string{"du-thao-quyet-dinh.docx": {proc4.Approver}})

	// The harm is inferred from the secret grade: the note follows the cited criteria.
	inferred := profile(t, levels.Profile{Name: "Hệ thống thử nghiệm mật", Owner: "UBND tỉnh Sóc Trăng",
		SystemType: "internal", InfoTypes: []string{"state_secret"}, SecretGrade: "toi_mat"}, 4)
	var note string
	for _, r := range inferred.Decision.Reasons {
		if r.Level == 4 && r.Basis == levels.BasisInferred {
			note = r.Note
		}
	}
	if note == "" {
		t.Fatalf("no inferred decisive reason: %+v", inferred.Decision.Reasons)
	}
	texts := docs(t, inferred)
	for _, doc := range []string{"to-trinh.docx", "du-thao-quyet-dinh.docx"} {
		if !strings.Contains(texts[doc], note) {
			t.Errorf("%s does not show the inferred-harm note %q", doc, note)
		}
	}
	// In the explanation: in the criteria table and again under the proposed level.
	if n := strings.Count(texts["thuyet-minh-de-xuat-cap-do.docx"], note); n < 2 {
		t.Errorf("thuyet-minh shows the inferred-harm note %d times, want it in the table and under the proposed level", n)
	}
	checkTexts(t, docs(t, input(t, "dich-vu-cong-tinh.yaml")), nil, map[string][]string{
		"to-trinh.docx": {"được suy ra"}, "du-thao-quyet-dinh.docx": {"được suy ra"}})
}

// TestParagraphSpacing: Nghị định 30/2020 Phụ lục I asks for at least 6 pt (120 twips)
// between paragraphs; the body, list and note styles of the built-in templates give it.
func TestParagraphSpacing(t *testing.T) {
	for _, name := range Names {
		data, err := fs.ReadFile(templates.DOCX, "docx/"+name)
		if err != nil {
			t.Fatal(err)
		}
		styles := zipPart(t, data, "word/styles.xml")
		for _, id := range []string{"Bullet", "Note", "Heading1", "Heading2"} {
			m := regexp.MustCompile(`w:styleId="` + id + `">.*?</w:style>`).FindString(styles)
			after := regexp.MustCompile(`w:after="(\d+)"`).FindStringSubmatch(m)
			if m == "" || after == nil {
				t.Fatalf("%s: style %s has no spacing after", name, id)
			}
			if n, _ := strconv.Atoi(after[1]); n < 120 {
				t.Errorf("%s: style %s has %s twips after, want at least 120 (6 pt)", name, id, after[1])
			}
		}
		if !strings.Contains(styles, `<w:pPrDefault><w:pPr><w:spacing w:after="120"`) {
			t.Errorf("%s: the default paragraph has less than 6 pt after", name)
		}
	}
}
