package dossier

import (
	"encoding/xml"
	"io"
	"io/fs"
	"regexp"
	"slices"
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
		if strings.HasSuffix(f.Name, ".docx") {
			out[f.Name] = bodyText(t, f)
		}
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
	t.Parallel()
	in := input(t, "dich-vu-cong-tinh.yaml")
	if len(in.RuleSet.Recitals) == 0 {
		t.Fatal("the rule set has no recitals")
	}
	texts := docs(t, in)
	for _, doc := range []string{"to-trinh.docx", "du-thao-quyet-dinh.docx"} {
		for _, r := range in.RuleSet.Recitals {
			// The decision names the provisions on approval in the decree's recital:
			// "Căn cứ khoản 2 Điều 12, điểm b khoản 3 Điều 14 Nghị định số 85/2016/NĐ-CP …;".
			found := false
			for _, line := range strings.Split(texts[doc], "\n") {
				found = found || strings.HasPrefix(line, "Căn cứ ") && strings.HasSuffix(line, r+";")
			}
			if !found {
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
	t.Parallel()
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
					"từ ngày 01 tháng 7 năm 2016 đến hết ngày 30 tháng 6 năm 2026", "Cần xác định văn bản pháp luật có hiệu lực"},
				"to-trinh.docx": {"không có hiệu lực vào ngày lập văn bản", "mục III Thuyết minh đề xuất cấp độ"},
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
	t.Parallel()
	const placeholder = "[CƠ QUAN THẨM ĐỊNH HỒ SƠ CẤP ĐỘ 4–5]"
	l4 := input(t, "scada-cap-i.yaml")
	proc, _ := l4.RuleSet.ProcedureOf(4, &l4.Profile)
	if proc.Addressee != placeholder || proc.AppraiserNote == "" {
		t.Fatalf("rule set: level-4 addressee %q, note %q", proc.Addressee, proc.AppraiserNote)
	}
	note := "Lưu ý về cơ quan thẩm định (xóa trước khi ký): " + noteText(proc.AppraiserNote)
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
	checkTexts(t, l3, map[string][]string{"to-trinh.docx": {"Kính gửi: [TÊN ĐƠN VỊ CHUYÊN TRÁCH VỀ AN TOÀN THÔNG TIN CỦA UBND TỈNH KIÊN GIANG]."}},
		map[string][]string{"to-trinh.docx": {"Lưu ý về cơ quan thẩm định"}})

	// A system the Ministry of Public Security manages, whatever its owner's name.
	bca := profile(t, levels.Profile{Name: "Hệ thống thử nghiệm an ninh", Owner: "Cục Cảnh sát thử nghiệm", ManagedBy: "bca",
		SystemType: "internal", InfoTypes: []string{"state_secret"}, SecretGrade: "toi_mat", SecurityHarm: "serious"}, 4)
	checkTexts(t, docs(t, bca), map[string][]string{"to-trinh.docx": {"Kính gửi: Bộ Công an."}},
		map[string][]string{"to-trinh.docx": {placeholder, "Lưu ý về cơ quan thẩm định"}})
}

// TestManagedByMinistry: QĐ 05/2017 and TT 20/2017 exclude systems run by the Ministry
// of Defence or of Public Security (docs/reference/law.md §13.1), so their incident-response plan cites
// neither and follows the ministry's own rules; its structure stays as a guide.
func TestManagedByMinistry(t *testing.T) {
	t.Parallel()
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
			"theo quy định của Bộ Quốc phòng", "KỊCH BẢN SỰ CỐ", "Đầu mối ứng cứu sự cố của đơn vị", "Phụ lục 1"},
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
// owner (Art. 14.1.d), so the owner issues the request; the operating unit prepared it and
// the owner's infosec unit gave its professional opinion.
func TestOwnerSubmitsLevelFourFive(t *testing.T) {
	t.Parallel()
	in := profile(t, levels.Profile{Name: "Hệ thống SCADA thử nghiệm", Owner: "Tổng công ty Phát điện 3", Operator: "Công ty Nhiệt điện Vĩnh Tân",
		SystemType: "industrial_control", InfoTypes: []string{"private"}, ICSWorkGrade: "I"}, 4)
	texts := docs(t, in)
	tt := texts["to-trinh.docx"]
	if !strings.HasPrefix(tt, "TỔNG CÔNG TY PHÁT ĐIỆN 3\n") || strings.Contains(tt, "CÔNG TY NHIỆT ĐIỆN VĨNH TÂN") {
		t.Errorf("the level-4 request is not issued by the owner alone:\n%s", tt[:min(len(tt), 300)])
	}
	checkTexts(t, texts, map[string][]string{
		"to-trinh.docx": {"Tổng công ty Phát điện 3 kính đề nghị", "Công ty Nhiệt điện Vĩnh Tân (đơn vị vận hành) đã lập hồ sơ đề xuất cấp độ",
			"Đơn vị chuyên trách về an toàn thông tin của Tổng công ty Phát điện 3 đã có ý kiến chuyên môn", "điểm d khoản 1 Điều 14 Nghị định số 85/2016/NĐ-CP"},
		// The other documents are still the operating unit's.
		"thuyet-minh-de-xuat-cap-do.docx": {"TỔNG CÔNG TY PHÁT ĐIỆN 3\nCÔNG TY NHIỆT ĐIỆN VĨNH TÂN\n"},
	}, map[string][]string{"to-trinh.docx": {"Công ty Nhiệt điện Vĩnh Tân kính đề nghị", "(để báo cáo)"}})

	// Level 3: the operating unit sends it, under its owner.
	l3 := docs(t, input(t, "dich-vu-cong-tinh.yaml"))["to-trinh.docx"]
	if !strings.HasPrefix(l3, "UBND TỈNH KIÊN GIANG\nTRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH KIÊN GIANG\n") ||
		!strings.Contains(l3, "Trung tâm Phục vụ hành chính công tỉnh Kiên Giang kính đề nghị") {
		t.Errorf("the level-3 request is not issued by the operating unit:\n%s", l3[:min(len(l3), 300)])
	}
}

// TestWording covers the review's wording points: the overview outline is practice, not
// law; a serious incident needs both conditions of QĐ 05 Art. 9; the level-5 decision
// names the level-5 approver only; an inferred harm is flagged where the criteria are
// cited.
func TestWording(t *testing.T) {
	t.Parallel()
	l4 := docs(t, input(t, "scada-cap-i.yaml"))
	checkTexts(t, l4, map[string][]string{
		"thuyet-minh-de-xuat-cap-do.docx": {"Lưu ý về nội dung mục này (xóa trước khi ký): khoản 1 Điều 15 Nghị định số 85/2016/NĐ-CP yêu cầu thuyết minh tổng quan về hệ thống nhưng không quy định nội dung chi tiết; các nội dung gợi ý dưới đây theo thực tiễn, không phải quy định [suy luận, cần kiểm chứng]."},
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
	checkTexts(t, docs(t, l5), map[string][]string{"du-thao-quyet-dinh.docx": {"thẩm quyền phê duyệt: " + commonNoun(proc5.Approver) + "."}},
		map[string][]string{"du-thao-quyet-dinh.docx": {commonNoun(proc4.Approver) + "."}})

	// The harm is inferred from the secret grade: the note follows the cited criteria.
	inferred := profile(t, levels.Profile{Name: "Hệ thống thử nghiệm mật", Owner: "UBND tỉnh Sóc Trăng",
		SystemType: "internal", InfoTypes: []string{"state_secret"}, SecretGrade: "toi_mat"}, 4)
	var note, rule string
	for _, r := range inferred.Decision.Reasons {
		if r.Level == 4 && r.Basis == levels.BasisInferred {
			note, rule = noteText(r.Note), r.Rule+" ("+midSentence(r.Citation)+")"
		}
	}
	if note == "" {
		t.Fatalf("no inferred decisive reason: %+v", inferred.Decision.Reasons)
	}
	texts := docs(t, inferred)
	for _, doc := range []string{"to-trinh.docx", "du-thao-quyet-dinh.docx"} {
		if !strings.Contains(texts[doc], strings.TrimSuffix(note, ".")+" [suy luận, cần kiểm chứng].") {
			t.Errorf("%s does not show the inferred-harm note %q", doc, note)
		}
	}
	// In the explanation: as the drafting note on the criterion, under the table.
	if tm := texts["thuyet-minh-de-xuat-cap-do.docx"]; !strings.Contains(tm, "Lưu ý về tiêu chí "+rule+" (xóa trước khi ký): "+strings.TrimSuffix(note, ".")+" [suy luận, cần kiểm chứng].") {
		t.Errorf("thuyet-minh does not show the inferred-harm note %q as a note on %s", note, rule)
	}
	checkTexts(t, docs(t, input(t, "dich-vu-cong-tinh.yaml")), nil, map[string][]string{
		"to-trinh.docx": {"được suy ra"}, "du-thao-quyet-dinh.docx": {"được suy ra"}})
}

// TestParagraphSpacing: Nghị định 30/2020 Phụ lục I asks for at least 6 pt (120 twips)
// between paragraphs; the body, list and note styles of the built-in templates give it.
func TestParagraphSpacing(t *testing.T) {
	t.Parallel()
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

// paragraph is one paragraph of a document as its style and text.
type paragraph struct{ style, text string }

// paragraphs reads the paragraphs of a document's body, tables included.
func paragraphs(t *testing.T, f File) []paragraph {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(zipPart(t, f.Data, bodyPart)))
	var out []paragraph
	var cur *paragraph
	var text strings.Builder
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "p":
				cur = &paragraph{}
				text.Reset()
			case "pStyle":
				for _, a := range e.Attr {
					if a.Name.Local == "val" && cur != nil {
						cur.style = a.Value
					}
				}
			case "t":
				inText = true
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "t":
				inText = false
			case "p":
				cur.text = text.String()
				out = append(out, *cur)
			}
		case xml.CharData:
			if inText {
				text.Write(e)
			}
		}
	}
}

// reviewProfiles are the profiles the checks below run on: every example, a system its
// ministry appraises itself at levels 4 and 5, and owners that run their systems
// themselves.
func reviewProfiles(t *testing.T) map[string]Input {
	t.Helper()
	out := map[string]Input{"bca-cap-5": inputFile(t, "testdata/profiles/bca-cap-5.yaml")}
	for _, name := range []string{"ban-tin-noi-bo", "cong-thong-tin-so", "dich-vu-cong-tinh", "he-thong-co-phan-he",
		"quan-ly-van-ban", "scada-cap-i", "trung-tam-du-lieu", "van-ban-mat"} {
		out[name] = input(t, name+".yaml")
	}
	out["bqp-cap-4"] = profile(t, levels.Profile{Name: "Hệ thống chỉ huy thử nghiệm", Owner: "Bộ Quốc Phòng", ManagedBy: "bqp",
		SystemType: "internal", InfoTypes: []string{"state_secret"}, SecretGrade: "toi_mat", SecurityHarm: "serious"}, 4)
	out["tu-van-hanh-cap-3"] = profile(t, levels.Profile{Name: "Hệ thống thử nghiệm tự vận hành", Owner: "UBND tỉnh Cà Mau", Operator: "Ủy ban nhân dân tỉnh Cà Mau",
		SystemType: "infrastructure", InfoTypes: []string{"private"}, InfraScope: "province"}, 3)
	out["tu-van-hanh-cap-4"] = profile(t, levels.Profile{Name: "Hệ thống SCADA tự vận hành", Owner: "Tổng công ty Thử nghiệm", Operator: "Tổng công ty Thử nghiệm",
		SystemType: "industrial_control", InfoTypes: []string{"private"}, ICSWorkGrade: "I"}, 4)
	return out
}

// TestNoSelfReference: no document addresses, cites or lists as recipient the body that
// issues it. The issuer is the heading's last line above the Quốc hiệu; the recipients
// are the lines under "Nơi nhận:"; the decision's proposer is in "Theo đề nghị của …".
func TestNoSelfReference(t *testing.T) {
	t.Parallel()
	for name, in := range reviewProfiles(t) {
		for _, f := range render(t, embedded(t), in).Files {
			var issuer string
			var recipients []string
			ps := paragraphs(t, f)
			for i, p := range ps {
				if p.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" && issuer == "" {
					for j := i - 1; j >= 0 && issuer == ""; j-- {
						issuer = ps[j].text
					}
				}
				if p.style == "Recipients" && !strings.HasPrefix(p.text, "- Lưu") && !strings.HasPrefix(p.text, "- Như") {
					r := strings.TrimSuffix(strings.TrimPrefix(p.text, "- "), ";")
					r, _, _ = strings.Cut(r, " (")
					recipients = append(recipients, r)
				}
			}
			if issuer == "" {
				t.Fatalf("%s/%s: no issuer found", name, f.Name)
			}
			txt := bodyText(t, f)
			for _, r := range recipients {
				if sameBody(r, issuer) {
					t.Errorf("%s/%s: the issuer %q is listed in Nơi nhận", name, f.Name, issuer)
				}
			}
			for _, prefix := range []string{"Kính gửi: ", "Theo đề nghị của "} {
				for _, line := range strings.Split(txt, "\n") {
					if rest, ok := strings.CutPrefix(line, prefix); ok {
						who, _, _ := strings.Cut(strings.TrimSuffix(rest, "."), " tại Tờ trình")
						if sameBody(who, issuer) {
							t.Errorf("%s/%s: %q names the issuer %q", name, f.Name, line, issuer)
						}
					}
				}
			}
			if strings.Contains(txt, " kính trình "+in.Profile.Owner+" ") {
				t.Errorf("%s/%s: the owner is asked by its own request", name, f.Name)
			}
		}
	}
}

// TestSelfAppraisal: the Ministry of Public Security or of Defence appraises levels 4–5 of
// the systems it manages (Art. 12.3.b–c); when it owns the system too, the request goes to
// its appraising unit as a blank to fill in, explained by a drafting note, and the
// operating unit sends it.
func TestSelfAppraisal(t *testing.T) {
	t.Parallel()
	profiles := reviewProfiles(t)
	for name, owner := range map[string]string{"bca-cap-5": "Bộ Công an", "bqp-cap-4": "Bộ Quốc Phòng"} {
		in := profiles[name]
		m, err := buildModel(in)
		if err != nil {
			t.Fatal(err)
		}
		if !m.conds["SELF_APPRAISAL"] || m.conds["SUBMITTED_VIA_OWNER"] {
			t.Errorf("%s: SELF_APPRAISAL %v, SUBMITTED_VIA_OWNER %v", name, m.conds["SELF_APPRAISAL"], m.conds["SUBMITTED_VIA_OWNER"])
		}
		blank := "[ĐƠN VỊ ĐƯỢC GIAO THẨM ĐỊNH THUỘC " + strings.ToUpper(owner) + "]"
		checkTexts(t, docs(t, in), map[string][]string{
			"to-trinh.docx": {"Kính gửi: " + blank + ".\nLưu ý về cơ quan thẩm định (xóa trước khi ký): " + owner + " vừa là chủ quản",
				"[TÊN ĐƠN VỊ VẬN HÀNH] kính đề nghị " + blank + " thẩm định"},
			"du-thao-quyet-dinh.docx": {"Căn cứ kết quả thẩm định hồ sơ đề xuất cấp độ của " + blank},
		}, map[string][]string{
			"to-trinh.docx":           {"Kính gửi: Bộ", owner + " kính trình", owner + " kính đề nghị", "thông qua chủ quản"},
			"du-thao-quyet-dinh.docx": {"- " + owner + " (để biết)"},
		})
	}
	// Managed by the ministry but owned by another body: addressed to the ministry.
	bca := profile(t, levels.Profile{Name: "Hệ thống thử nghiệm an ninh", Owner: "Cục Cảnh sát thử nghiệm", ManagedBy: "bca",
		SystemType: "internal", InfoTypes: []string{"state_secret"}, SecretGrade: "toi_mat", SecurityHarm: "serious"}, 4)
	checkTexts(t, docs(t, bca), map[string][]string{"to-trinh.docx": {"Kính gửi: Bộ Công an.", "Cục Cảnh sát thử nghiệm kính đề nghị Bộ Công an"}}, nil)
}

// TestSenderAndProposer: the operating unit prepares and sends the request (Art. 14.1.a–c),
// the owner at levels 4–5 (Art. 14.1.d); without an operator its name is a blank with a
// note, never the owner's; the decision cites the operating unit's request for approval.
func TestSenderAndProposer(t *testing.T) {
	t.Parallel()
	profiles := reviewProfiles(t)
	const blank = "[TÊN ĐƠN VỊ VẬN HÀNH]"
	operatorNote := "Lưu ý về đơn vị vận hành (xóa trước khi ký): hồ sơ hệ thống chưa khai báo đơn vị vận hành."

	l1 := docs(t, profiles["ban-tin-noi-bo"])
	if !strings.HasPrefix(l1["to-trinh.docx"], "BỘ TÀI CHÍNH\n"+blank+"\n") {
		t.Errorf("level-1 request heading:\n%s", l1["to-trinh.docx"][:200])
	}
	checkTexts(t, l1, map[string][]string{
		"to-trinh.docx":               {blank + " kính đề nghị đơn vị chuyên trách về an toàn thông tin của Bộ Tài chính", operatorNote},
		"du-thao-quyet-dinh.docx":     {"Theo đề nghị của " + blank + " tại văn bản số", operatorNote},
		"phuong-an-bao-dam-attt.docx": {operatorNote}, "phuong-an-ung-pho-su-co.docx": {operatorNote}, "thuyet-minh-de-xuat-cap-do.docx": {operatorNote},
	}, map[string][]string{"to-trinh.docx": {"Bộ Tài chính kính trình", "Bộ Tài chính kính đề nghị"}, "du-thao-quyet-dinh.docx": {"Theo đề nghị của Bộ Tài chính"}})

	l4 := docs(t, profiles["scada-cap-i"])
	checkTexts(t, l4, map[string][]string{
		"to-trinh.docx":           {"Tổng công ty Phát điện 3 kính đề nghị", blank + " (đơn vị vận hành) đã lập hồ sơ", "- " + blank + " (đơn vị vận hành);"},
		"du-thao-quyet-dinh.docx": {"Theo đề nghị của " + blank + " tại Tờ trình đề nghị phê duyệt số", "điểm b khoản 3 Điều 14"},
	}, map[string][]string{"du-thao-quyet-dinh.docx": {"Theo đề nghị của Tổng công ty Phát điện 3"}})

	withOperator := profile(t, levels.Profile{Name: "Hệ thống SCADA thử nghiệm", Owner: "Tổng công ty Phát điện 3", Operator: "Công ty Nhiệt điện Vĩnh Tân",
		SystemType: "industrial_control", InfoTypes: []string{"private"}, ICSWorkGrade: "I"}, 4)
	checkTexts(t, docs(t, withOperator), map[string][]string{
		"du-thao-quyet-dinh.docx": {"Theo đề nghị của Công ty Nhiệt điện Vĩnh Tân tại Tờ trình đề nghị phê duyệt số"},
	}, map[string][]string{"du-thao-quyet-dinh.docx": {operatorNote}, "to-trinh.docx": {operatorNote, blank}})

	// An owner that runs its system itself issues the documents and is never cited as
	// proposing its own decision.
	self := docs(t, profiles["tu-van-hanh-cap-3"])
	if !strings.HasPrefix(self["to-trinh.docx"], "ỦY BAN NHÂN DÂN TỈNH CÀ MAU\n\n") {
		t.Errorf("self-run level-3 request heading:\n%s", self["to-trinh.docx"][:200])
	}
	checkTexts(t, self, map[string][]string{"du-thao-quyet-dinh.docx": {"Theo đề nghị của [TÊN ĐƠN VỊ THAM MƯU] tại Tờ trình đề nghị phê duyệt"}},
		map[string][]string{"to-trinh.docx": {"(để báo cáo)", blank}})
}

// TestRequestWording: levels 1–2 are appraised and approved by the same unit (Art. 12.1),
// so their request asks for both, in the title and in the text; from level 3 it asks for
// appraisal only.
func TestRequestWording(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		profile string
		both    bool
	}{{"ban-tin-noi-bo.yaml", true}, {"quan-ly-van-ban.yaml", true}, {"dich-vu-cong-tinh.yaml", false}, {"scada-cap-i.yaml", false}} {
		tt := docs(t, input(t, c.profile))["to-trinh.docx"]
		for _, s := range []string{"V/v đề nghị thẩm định, phê duyệt hồ sơ đề xuất cấp độ", " thẩm định, phê duyệt hồ sơ đề xuất cấp độ đối với", "xem xét, thẩm định, phê duyệt hồ sơ", "Thời hạn phê duyệt: 07 ngày làm việc"} {
			if strings.Contains(tt, s) != c.both {
				t.Errorf("%s: has %q = %v, want %v", c.profile, s, !c.both, c.both)
			}
		}
		if !c.both && !strings.Contains(tt, "V/v đề nghị thẩm định hồ sơ đề xuất cấp độ") {
			t.Errorf("%s: title does not ask for appraisal", c.profile)
		}
	}
}

// TestDraftingNotes: every drafting note, in every document, is in the Note style and says
// "(xóa trước khi ký)", and nothing else does; every paragraph that starts "Lưu ý" or "Ghi
// chú" is such a note.
func TestDraftingNotes(t *testing.T) {
	t.Parallel()
	for name, in := range reviewProfiles(t) {
		in.Date = afterRuleSetEnd // with the rule-set notes
		for _, f := range render(t, embedded(t), in).Files {
			for _, p := range paragraphs(t, f) {
				marked := strings.Contains(p.text, "(xóa trước khi ký)")
				if (p.style == "Note") != marked {
					t.Errorf("%s/%s: paragraph in style %q, marked %v: %q", name, f.Name, p.style, marked, p.text)
				}
				if (strings.HasPrefix(p.text, "Lưu ý") || strings.HasPrefix(p.text, "Ghi chú")) && !marked {
					t.Errorf("%s/%s: unmarked note %q", name, f.Name, p.text)
				}
			}
		}
	}
}

// TestIncidentPlanOutlines: levels 4–5 follow QĐ 05/2017 Phụ lục II, levels 1–3 TT 20/2017
// Phụ lục III, each saying how sure its outline is; the plan names who approves it; the
// scenarios fit the system's type.
func TestIncidentPlanOutlines(t *testing.T) {
	t.Parallel()
	profiles := reviewProfiles(t)
	plan := func(name string) string { return docs(t, profiles[name])["phuong-an-ung-pho-su-co.docx"] }
	const ddos, defacement, ics = "Tấn công từ chối dịch vụ", "thay đổi giao diện", "Tấn công vào hệ thống điều khiển"
	general := []string{"Mã độc, mã hóa dữ liệu đòi tiền chuộc", "Xâm nhập trái phép", "Người trong nội bộ", "Gián đoạn do hỏng hóc"}
	qd05 := []string{"I. ĐÁNH GIÁ NGUY CƠ, SỰ CỐ", "II. PHƯƠNG ÁN ỨNG PHÓ ĐỐI VỚI CÁC KỊCH BẢN SỰ CỐ", "III. TỔ CHỨC TRỰC, PHỐI HỢP VÀ ỨNG PHÓ SỰ CỐ",
		"IV. HUẤN LUYỆN, DIỄN TẬP, PHÒNG NGỪA VÀ GIÁM SÁT", "V. KINH PHÍ", "Điều kiện, nguyên tắc ưu tiên duy trì hoạt động"}
	tt20 := []string{"I. NGUY CƠ, TÌNH HUỐNG SỰ CỐ CÓ THỂ XẢY RA", "II. KỊCH BẢN SỰ CỐ VÀ PHƯƠNG ÁN ỨNG PHÓ",
		"III. ĐIỀU KIỆN, NGUYÊN TẮC ƯU TIÊN DUY TRÌ HOẠT ĐỘNG CỦA HỆ THỐNG", "IV. HUẤN LUYỆN, DIỄN TẬP", "V. TỔ CHỨC ỨNG PHÓ, THÔNG TIN LIÊN LẠC VÀ BÁO CÁO SỰ CỐ"}

	l4 := plan("scada-cap-i")
	for _, s := range append(append(slices.Clone(qd05), general...), ics, "Phụ lục II Quyết định 05/2017/QĐ-TTg", "chưa được đối chiếu với phụ lục gốc [suy luận, cần kiểm chứng]",
		"Kế hoạch do người đứng đầu doanh nghiệp (Tổng công ty Phát điện 3) phê duyệt (Điều 16 Quyết định 05/2017/QĐ-TTg") {
		if !strings.Contains(l4, s) {
			t.Errorf("level-4 ICS plan lacks %q", s)
		}
	}
	for _, s := range append(slices.Clone(tt20[:1]), ddos, defacement, "Phụ lục III Thông tư 20") {
		if strings.Contains(l4, s) {
			t.Errorf("level-4 ICS plan has %q", s)
		}
	}

	l3 := plan("dich-vu-cong-tinh")
	for _, s := range append(append(slices.Clone(tt20), general...), ddos, defacement, "Phụ lục III Thông tư 20/2017/TT-BTTTT", "Theo Điều 12 Thông tư 20/2017/TT-BTTTT",
		"Tên và thứ tự các mục chưa được đối chiếu với phụ lục gốc [suy luận, cần kiểm chứng]", "Kế hoạch do Chủ tịch UBND tỉnh Kiên Giang phê duyệt") {
		if !strings.Contains(l3, s) {
			t.Errorf("level-3 plan lacks %q", s)
		}
	}
	for _, s := range []string{"V. KINH PHÍ", "Phụ lục II Quyết định 05", ics} {
		if strings.Contains(l3, s) {
			t.Errorf("level-3 plan has %q", s)
		}
	}

	for _, name := range []string{"quan-ly-van-ban", "ban-tin-noi-bo", "van-ban-mat", "bca-cap-5"} {
		p := plan(name)
		for _, s := range []string{ddos, defacement, ics} {
			if strings.Contains(p, s) {
				t.Errorf("%s: an internal system's plan has %q", name, s)
			}
		}
		for _, s := range general {
			if !strings.Contains(p, s) {
				t.Errorf("%s: plan lacks %q", name, s)
			}
		}
	}
	if p := plan("ban-tin-noi-bo"); !strings.Contains(p, "Kế hoạch do người đứng đầu Bộ Tài chính phê duyệt") {
		t.Error("a ministry's plan does not say its head approves it")
	}
	if p := plan("bca-cap-5"); !strings.Contains(p, "Kế hoạch được phê duyệt theo quy định của Bộ Công an") || strings.Contains(p, "Điều 16 Quyết định 05") {
		t.Error("a plan of a system Bộ Công an manages cites QĐ 05/2017 for its approval")
	}
}

func TestPlanApprover(t *testing.T) {
	t.Parallel()
	for owner, want := range map[string]string{
		"Bộ Tài chính":                    "người đứng đầu Bộ Tài chính",
		"Ngân hàng Nhà nước Việt Nam":     "người đứng đầu Ngân hàng Nhà nước Việt Nam",
		"UBND tỉnh Kiên Giang":            "Chủ tịch UBND tỉnh Kiên Giang",
		"Ủy ban nhân dân thành phố Huế":   "Chủ tịch Ủy ban nhân dân thành phố Huế",
		"Tổng công ty Phát điện 3":        "người đứng đầu doanh nghiệp (Tổng công ty Phát điện 3)",
		"Ngân hàng TMCP Thử nghiệm":       "người đứng đầu doanh nghiệp (Ngân hàng TMCP Thử nghiệm)",
		"Trường Đại học Thử nghiệm":       "người đứng đầu Trường Đại học Thử nghiệm [suy luận, cần kiểm chứng]",
		"Sở Y tế tỉnh Kiên Giang":         "người đứng đầu Sở Y tế tỉnh Kiên Giang [suy luận, cần kiểm chứng]",
		"Công ty cổ phần Thử nghiệm số 1": "người đứng đầu doanh nghiệp (Công ty cổ phần Thử nghiệm số 1)",
	} {
		if got := planApprover(owner); got != want {
			t.Errorf("planApprover(%q) = %q, want %q", owner, got, want)
		}
	}
}

func TestSameBody(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"Bộ Công an", "Bộ Công an", true},
		{"Bộ Công an", "bộ  công AN.", true},
		{"Bộ Quốc phòng", "Bo\u0323\u0302 Quốc phòng", true},
		{"UBND tỉnh Cà Mau", "Ủy ban nhân dân tỉnh Cà Mau", true},
		{"Uỷ ban nhân dân tỉnh Cà Mau", "Ủy ban nhân dân tỉnh Cà Mau", true},
		{"Bộ Công an", "Cục Cảnh sát, Bộ Công an", false},
		{"", "", false},
	} {
		if got := sameBody(c.a, c.b); got != c.want {
			t.Errorf("sameBody(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

// signedParagraphs are the paragraphs of a document that stay when the drafting notes are
// deleted before signing.
func signedParagraphs(t *testing.T, f File) []paragraph {
	t.Helper()
	var out []paragraph
	for _, p := range paragraphs(t, f) {
		if p.style != "Note" {
			out = append(out, p)
		}
	}
	return out
}

// notesOf are the drafting notes of a document.
func notesOf(t *testing.T, f File) []string {
	t.Helper()
	var out []string
	for _, p := range paragraphs(t, f) {
		if p.style == "Note" {
			out = append(out, p.text)
		}
	}
	return out
}

// TestSignedTextSpeaksLaw: the signed text cites the law, never the tool: the rule set,
// its digest and its status are a drafting note, which names the set and its file, marks
// its end date as a secondary-source claim, and says whether the set was in force on the
// document's date; the advice to use the set only for transitional dossiers comes only
// after the set's end.
func TestSignedTextSpeaksLaw(t *testing.T) {
	t.Parallel()
	for _, date := range []time.Time{testDate, afterRuleSetEnd} {
		ended := date.After(time.Date(2026, time.June, 30, 23, 59, 59, 0, vietnam))
		for name, in := range reviewProfiles(t) {
			in.Date = date
			for _, f := range render(t, embedded(t), in).Files {
				for _, p := range signedParagraphs(t, f) {
					for _, s := range []string{"bộ quy tắc", "mã băm", "capdo", "đã hết hiệu lực", "Lưu ý", "theo thực tiễn", "[suy luận", "[nguồn thứ cấp"} {
						if strings.Contains(p.text, s) && !(s == "[suy luận" && f.Name == "phuong-an-bao-dam-attt.docx" && p.style == "TableText") {
							t.Errorf("%s/%s (%s): signed paragraph has %q: %q", name, f.Name, date.Format("2006-01-02"), s, p.text)
						}
					}
				}
				notes := strings.Join(notesOf(t, f), "\n")
				if got := strings.Count(notes, transitionOnly); (f.Name == "thuyet-minh-de-xuat-cap-do.docx" && ended) != (got == 1) || got > 1 {
					t.Errorf("%s/%s (%s): %d times %q", name, f.Name, date.Format("2006-01-02"), got, transitionOnly)
				}
				if f.Name != "thuyet-minh-de-xuat-cap-do.docx" {
					continue
				}
				if !strings.Contains(bodyText(t, f), "Cấp độ được xác định theo các tiêu chí tại Điều 7 đến Điều 11 Nghị định số 85/2016/NĐ-CP.") {
					t.Errorf("%s: the explanation does not cite Art. 7–11 for the level", name)
				}
				want := []string{"Lưu ý về bộ quy tắc (xóa trước khi ký): cấp độ được xác định bằng capdo theo bộ quy tắc d85-2016 – ",
					"mã băm tệp quy tắc " + in.RuleSet.Digest[:12], "[nguồn thứ cấp, cần kiểm chứng]", dateWords(date)}
				if ended {
					want = append(want, "không có hiệu lực vào ngày lập văn bản", "tình trạng: đã hết hiệu lực [nguồn thứ cấp, cần kiểm chứng]")
				} else {
					want = append(want, "nằm trong thời gian hiệu lực của bộ quy tắc, từ ngày 01 tháng 7 năm 2016 đến hết ngày 30 tháng 6 năm 2026",
						"hồ sơ chưa được phê duyệt trước ngày 01 tháng 7 năm 2026")
				}
				for _, s := range want {
					if !strings.Contains(notes, s) {
						t.Errorf("%s (%s): the rule-set note lacks %q:\n%s", name, date.Format("2006-01-02"), s, notes)
					}
				}
				if !ended && strings.Contains(notes, "không có hiệu lực vào ngày lập văn bản") {
					t.Errorf("%s: a document dated while the set was in force says it was not", name)
				}
			}
		}
	}
}

// TestRecitalNotes: every document whose recitals cite Thông tư 12/2022/TT-BTTTT, known
// only from secondary sources, carries one drafting note saying its number, date and
// title must be verified; a document without the recitals has none.
func TestRecitalNotes(t *testing.T) {
	t.Parallel()
	const recital = "Căn cứ Thông tư số 12/2022/TT-BTTTT ngày 12 tháng 8 năm 2022"
	for name, in := range reviewProfiles(t) {
		for _, f := range render(t, embedded(t), in).Files {
			n := 0
			for _, note := range notesOf(t, f) {
				if strings.HasPrefix(note, "Lưu ý về căn cứ (xóa trước khi ký): số hiệu, ngày ban hành và trích yếu của Thông tư số 12/2022/TT-BTTTT") &&
					strings.Contains(note, "nguồn thứ cấp") && strings.Contains(note, "cần kiểm chứng") {
					n++
				}
			}
			cites := strings.Contains(bodyText(t, f), recital)
			if cites != (n == 1) || n > 1 {
				t.Errorf("%s/%s: cites TT 12/2022 %v, %d notes on it", name, f.Name, cites, n)
			}
			if (f.Name == "to-trinh.docx" || f.Name == "du-thao-quyet-dinh.docx") && !cites {
				t.Errorf("%s/%s: no recital of TT 12/2022", name, f.Name)
			}
		}
	}
}

// TestDecisionByLevel: at levels 1–2 the infosec unit appraises and approves (Art. 12.1):
// its decision cites no appraisal and does not name itself as a third party; from level 3
// it cites the appraisal, and the recipients do not repeat the infosec unit Điều 3 already
// charges.
func TestDecisionByLevel(t *testing.T) {
	t.Parallel()
	profiles := reviewProfiles(t)
	const infosec = "đơn vị chuyên trách về an toàn thông tin"
	for _, name := range []string{"ban-tin-noi-bo", "quan-ly-van-ban", "cong-thong-tin-so"} {
		dec := docs(t, profiles[name])["du-thao-quyet-dinh.docx"]
		if strings.Contains(dec, "Căn cứ kết quả thẩm định") {
			t.Errorf("%s: a level 1–2 decision cites an appraisal", name)
		}
		_, rest, _ := strings.Cut(dec, "Điều 2.")
		body, _, _ := strings.Cut(rest, "Nơi nhận:")
		if strings.Contains(strings.ToLower(body), infosec) {
			t.Errorf("%s: the infosec unit that issues the decision names itself in Điều 2–3:\n%s", name, body)
		}
		for _, s := range []string{"2. [PHÒNG, BỘ PHẬN ĐƯỢC GIAO] theo dõi, kiểm tra, đôn đốc", "Trưởng [PHÒNG, BỘ PHẬN ĐƯỢC GIAO], Thủ trưởng"} {
			if !strings.Contains(body, s) {
				t.Errorf("%s: decision lacks %q", name, s)
			}
		}
	}
	l3 := docs(t, profiles["dich-vu-cong-tinh"])["du-thao-quyet-dinh.docx"]
	_, recipients, _ := strings.Cut(l3, "Nơi nhận:")
	if !strings.Contains(l3, "Căn cứ kết quả thẩm định hồ sơ đề xuất cấp độ của đơn vị chuyên trách") ||
		!strings.Contains(l3, "Thủ trưởng Trung tâm Phục vụ hành chính công tỉnh Kiên Giang, đơn vị chuyên trách về an toàn thông tin") ||
		strings.Contains(recipients, "(để biết)") || !strings.Contains(recipients, "- Như Điều 3;") {
		t.Errorf("level-3 decision: appraisal, Điều 3 or recipients wrong:\n%s", l3)
	}
	l4 := docs(t, profiles["scada-cap-i"])["du-thao-quyet-dinh.docx"]
	if !strings.Contains(l4, "- [CƠ QUAN THẨM ĐỊNH HỒ SƠ CẤP ĐỘ 4–5] (để biết);") {
		t.Error("level-4 decision does not inform the appraising ministry, which Điều 3 does not name")
	}
}

// TestScenariosByInformation: the incident scenarios follow what the system holds and how
// it faces the public: a leak of state secrets is reported under the state-secrets law, a
// leak of private or personal information to the data subjects too, a system with only
// public information has no leak but an unauthorised content change; defacement needs a
// public web presence, infrastructure gets denial of service but no defacement.
func TestScenariosByInformation(t *testing.T) {
	t.Parallel()
	profiles := reviewProfiles(t)
	const (
		leak, secretLeak, subjects = "Lộ, lọt, rò rỉ dữ liệu", "Lộ, lọt thông tin bí mật nhà nước", "chủ thể dữ liệu"
		secretsLaw, content        = "theo quy định của Luật Bảo vệ bí mật nhà nước", "Thay đổi trái phép nội dung đăng tải"
		ddos, defacement           = "Tấn công từ chối dịch vụ", "Tấn công thay đổi giao diện"
	)
	for name, c := range map[string]struct{ want, dont []string }{
		"ban-tin-noi-bo":      {[]string{content}, []string{leak, secretLeak, subjects, ddos, defacement}},
		"cong-thong-tin-so":   {[]string{content, ddos, defacement}, []string{leak, secretLeak, subjects}},
		"dich-vu-cong-tinh":   {[]string{content, ddos, defacement, leak, subjects}, []string{secretLeak}},
		"quan-ly-van-ban":     {[]string{leak, subjects}, []string{content, secretLeak, ddos, defacement}},
		"trung-tam-du-lieu":   {[]string{ddos, leak, subjects}, []string{defacement, content, secretLeak}},
		"he-thong-co-phan-he": {[]string{ddos, defacement, leak, subjects}, []string{content, secretLeak}}, // a component faces the public
		"van-ban-mat":         {[]string{secretLeak, secretsLaw}, []string{leak, subjects, content, ddos, defacement}},
		"bca-cap-5":           {[]string{secretLeak, secretsLaw}, []string{leak, subjects, content, ddos, defacement}},
		"scada-cap-i":         {[]string{leak, "Tấn công vào hệ thống điều khiển"}, []string{content, ddos, defacement, secretLeak}},
	} {
		plan := docs(t, profiles[name])["phuong-an-ung-pho-su-co.docx"]
		for _, s := range c.want {
			if !strings.Contains(plan, s) {
				t.Errorf("%s: plan lacks %q", name, s)
			}
		}
		for _, s := range c.dont {
			if strings.Contains(plan, s) {
				t.Errorf("%s: plan has %q", name, s)
			}
		}
	}
}

// TestCriterionNotes: the table of matched criteria is signed text, so a criterion's note
// and the basis of a criterion not read in the law are drafting notes under the table,
// saying [nguồn thứ cấp] or [suy luận] as the rule set records.
func TestCriterionNotes(t *testing.T) {
	t.Parallel()
	in := input(t, "dich-vu-cong-tinh.yaml")
	var ruleNote string
	for _, r := range in.Decision.Reasons {
		if r.Rule == "D85.A9.K2.a" {
			ruleNote = r.Note
		}
	}
	if ruleNote == "" {
		t.Fatal("D85.A9.K2.a has no note in the rule set")
	}
	// A criterion the rule set marks as from a secondary source, without a note.
	reasons := slices.Clone(in.Decision.Reasons)
	for i := range reasons {
		if reasons[i].Rule == "D85.A9.K2.c" {
			reasons[i].Basis, reasons[i].Note = levels.BasisSecondary, ""
		}
	}
	in.Decision.Reasons = reasons
	var tm File
	for _, f := range render(t, embedded(t), in).Files {
		if f.Name == "thuyet-minh-de-xuat-cap-do.docx" {
			tm = f
		}
	}
	for _, p := range signedParagraphs(t, tm) {
		if strings.Contains(p.text, "Lưu ý") || strings.Contains(p.text, "[") && p.style == "TableText" {
			t.Errorf("signed paragraph carries a note: %q", p.text)
		}
	}
	notes := strings.Join(notesOf(t, tm), "\n")
	for _, s := range []string{
		"Lưu ý về tiêu chí D85.A9.K2.a (điểm a khoản 2 Điều 9 Nghị định số 85/2016/NĐ-CP) (xóa trước khi ký): " + noteText(ruleNote),
		"Lưu ý về tiêu chí D85.A9.K2.c (điểm c khoản 2 Điều 9 Nghị định số 85/2016/NĐ-CP) (xóa trước khi ký): tiêu chí lấy từ nguồn thứ cấp, chưa đối chiếu với văn bản gốc [nguồn thứ cấp, cần kiểm chứng].",
	} {
		if !strings.Contains(notes, s) {
			t.Errorf("thuyet-minh lacks the note %q:\n%s", s, notes)
		}
	}
	if strings.Contains(notes, "Lưu ý về tiêu chí D85.A8.K2.b") {
		t.Error("a criterion read in the law, without a note, has a drafting note")
	}
	inferred := criterionNote(levels.Reason{Rule: "X", Basis: levels.BasisInferred, Component: "Phân hệ A"})
	if inferred != "hệ thống thành phần Phân hệ A: việc áp dụng tiêu chí là suy luận, chưa thấy trong văn bản luật [suy luận, cần kiểm chứng]." {
		t.Errorf("inferred criterion note: %q", inferred)
	}
}

// TestWordingDetails covers the reviewer's wording points: no "cấp độ 1 đến cấp độ 1";
// lower case after a colon and in the middle of a list; a final full stop after the last
// information type; one style of fill-in blank; no nested brackets and no "dd/mm/yyyy"
// dates in drafting notes.
func TestWordingDetails(t *testing.T) {
	t.Parallel()
	profiles := reviewProfiles(t)
	l1 := docs(t, profiles["ban-tin-noi-bo"])
	l3 := docs(t, profiles["dich-vu-cong-tinh"])
	checkTexts(t, l1, map[string][]string{
		"phuong-an-bao-dam-attt.docx": {"Hệ thống cấp độ 1 đáp ứng các yêu cầu của cấp độ 1 (12 yêu cầu)."},
		"du-thao-quyet-dinh.docx": {"theo chu kỳ: theo kế hoạch kiểm tra chung",
			"thẩm quyền phê duyệt: đơn vị chuyên trách về an toàn thông tin của chủ quản hệ thống thông tin (báo cáo chủ quản sau khi phê duyệt).",
			"Căn cứ [VĂN BẢN QUY ĐỊNH CHỨC NĂNG, NHIỆM VỤ, QUYỀN HẠN, CƠ CẤU TỔ CHỨC CỦA CƠ QUAN BAN HÀNH];", "[HỌ VÀ TÊN NGƯỜI KÝ]"},
	}, map[string][]string{
		"phuong-an-bao-dam-attt.docx": {"cấp độ 1 đến cấp độ 1", "cộng dồn"},
		"du-thao-quyet-dinh.docx":     {"chu kỳ: Theo", "(Đơn vị chuyên trách", "[Họ và tên"},
	})
	checkTexts(t, l3, map[string][]string{
		"to-trinh.docx": {"Thông tin hệ thống xử lý: Thông tin công cộng; thông tin riêng; thông tin cá nhân."},
		"thuyet-minh-de-xuat-cap-do.docx": {"- Thông tin công cộng (điểm a khoản 1 Điều 6 Nghị định số 85/2016/NĐ-CP);\n",
			"- Thông tin cá nhân (điểm c khoản 1 Điều 6 Nghị định số 85/2016/NĐ-CP).\n", "Thông tin công cộng; thông tin riêng; thông tin cá nhân\n"},
		"du-thao-quyet-dinh.docx":      {"theo chu kỳ: định kỳ hằng năm", "thẩm quyền phê duyệt: chủ quản hệ thống thông tin."},
		"phuong-an-bao-dam-attt.docx":  {"đánh giá rủi ro: định kỳ hằng năm"},
		"phuong-an-ung-pho-su-co.docx": {"\n……\n"},
	}, map[string][]string{
		"du-thao-quyet-dinh.docx":      {"chu kỳ: Định", "(Chủ quản"},
		"phuong-an-ung-pho-su-co.docx": {"[……]"},
	})
	for name, in := range reviewProfiles(t) {
		in.Date = afterRuleSetEnd
		for _, f := range render(t, embedded(t), in).Files {
			for _, n := range notesOf(t, f) {
				if slashDateRe.MatchString(n) {
					t.Errorf("%s/%s: a note writes a date with slashes: %q", name, f.Name, n)
				}
				depth, deepest := 0, 0
				for _, r := range n {
					switch r {
					case '(':
						depth++
						deepest = max(deepest, depth)
					case ')':
						depth--
					}
				}
				if deepest > 1 {
					t.Errorf("%s/%s: nested brackets in a note: %q", name, f.Name, n)
				}
			}
			for _, m := range regexp.MustCompile(`\[[^\]]*(ĐƠN VỊ|đơn vị) được giao[^\]]*\]`).FindAllString(bodyText(t, f), -1) {
				if m != strings.ToUpper(m) {
					t.Errorf("%s/%s: fill-in blank not in capitals: %q", name, f.Name, m)
				}
			}
		}
	}
}

// TestExplanationStructure: the TT 03/2017 Art. 7.3 content of levels 4–5 is part of the
// level explanation (section III), numbered after the components when there are any; the
// highest-level rule cites Art. 5.2; the Prime Minister's list is cited as docs/reference/law.md §7 gives
// it, point đ of Art. 12.3.
func TestExplanationStructure(t *testing.T) {
	t.Parallel()
	const extra = "Nội dung bổ sung đối với hệ thống cấp độ 4, cấp độ 5"
	composite := profile(t, levels.Profile{Name: "Hệ thống thử nghiệm có phân hệ", Owner: "Tổng công ty Thử nghiệm", Operator: "Công ty Thử nghiệm",
		SystemType: "internal", InfoTypes: []string{"private"},
		Components: []levels.Profile{{Name: "Phân hệ điều khiển", Owner: "Tổng công ty Thử nghiệm", SystemType: "industrial_control", InfoTypes: []string{"private"}, ICSWorkGrade: "I"}}}, 4)
	for name, c := range map[string]struct {
		in   Input
		head string
	}{"scada-cap-i": {input(t, "scada-cap-i.yaml"), "3. " + extra}, "composite": {composite, "4. " + extra}} {
		tm := docs(t, c.in)["thuyet-minh-de-xuat-cap-do.docx"]
		iii, iv := strings.Index(tm, "III. ĐỀ XUẤT CẤP ĐỘ"), strings.Index(tm, c.head)
		if iii < 0 || iv < iii || strings.Contains(tm, "\nIV. ") || strings.Contains(tm, "\nV. ") {
			t.Errorf("%s: %q is not a part of section III:\n%s", name, c.head, tm)
		}
	}
	checkTexts(t, docs(t, input(t, "dich-vu-cong-tinh.yaml")), map[string][]string{"thuyet-minh-de-xuat-cap-do.docx": {
		"Hệ thống đáp ứng nhiều tiêu chí thì được xác định theo cấp độ cao nhất trong các tiêu chí đáp ứng (khoản 2 Điều 5 Nghị định số 85/2016/NĐ-CP)."}}, nil)
	l5 := docs(t, reviewProfiles(t)["bca-cap-5"])
	const pm = "danh mục hệ thống thông tin cấp độ 5 do Thủ tướng Chính phủ phê duyệt theo điểm đ khoản 3 Điều 12 Nghị định số 85/2016/NĐ-CP."
	checkTexts(t, l5, map[string][]string{"to-trinh.docx": {pm}, "du-thao-quyet-dinh.docx": {pm}}, nil)
}
