package dossier

import (
	"context"
	"slices"
	"strings"
	"testing"

	"capdo/levels"
	"capdo/risk"
)

// documentsOf renders a full dossier and returns its files by name.
func documentsOf(t *testing.T, in Input) map[string]File {
	t.Helper()
	in.Full = true
	out := map[string]File{}
	for _, f := range render(t, embedded(t), in).Files {
		out[f.Name] = f
	}
	return out
}

// profile331 is a profile under Decree 331 with some facts changed.
func profile331(t *testing.T, path string, change func(p *levels.Profile)) Input {
	t.Helper()
	in := inputFile(t, path)
	if change != nil {
		change(&in.Profile)
	}
	in = withRules(t, in, "d331-2026")
	in.Date = afterDecree331
	return in
}

// The forms a Decree 331 dossier holds follow its level (docs/reference/d331.md §3.5, an inference each
// form's drafting note states): Mẫu 01 and the adapted decision at levels 1–2; Mẫu 02, 04,
// 05 from level 3; Mẫu 03 at levels 4–5 and on the level-5 route; Mẫu 06 at levels 3–4;
// Mẫu 07 at level 5 and for a critical system, which follows the level-5 route.
func TestD331FormsByLevel(t *testing.T) {
	t.Parallel()
	common := []string{"thuyet-minh-de-xuat-cap-do.docx", "phuong-an-bao-dam-an-ninh-mang.docx"}
	tests := []struct {
		profile string
		level   int
		forms   []string
	}{
		{"../testdata/examples/ban-tin-noi-bo.yaml", 1, []string{"mau-01-de-nghi-tham-dinh-phe-duyet.docx", "mau-06-quyet-dinh-phe-duyet-cap-do.docx"}},
		{"../testdata/examples/cong-thong-tin-so.yaml", 2, []string{"mau-01-de-nghi-tham-dinh-phe-duyet.docx", "mau-06-quyet-dinh-phe-duyet-cap-do.docx"}},
		{"../testdata/examples/trung-tam-du-lieu.yaml", 3, []string{"mau-02-de-nghi-tham-dinh.docx", "mau-04-y-kien-tham-dinh.docx", "mau-05-to-trinh-phe-duyet.docx", "mau-06-quyet-dinh-phe-duyet-cap-do.docx"}},
		{"../testdata/examples/scada-cap-i.yaml", 4, []string{"mau-02-de-nghi-tham-dinh.docx", "mau-03-xin-y-kien-chuyen-mon.docx", "mau-04-y-kien-tham-dinh.docx", "mau-05-to-trinh-phe-duyet.docx", "mau-06-quyet-dinh-phe-duyet-cap-do.docx"}},
		{"testdata/profiles/d331-cap-5-quoc-te.yaml", 5, []string{"mau-02-de-nghi-tham-dinh.docx", "mau-03-xin-y-kien-chuyen-mon.docx", "mau-04-y-kien-tham-dinh.docx", "mau-05-to-trinh-phe-duyet.docx", "mau-07-quyet-dinh-phe-duyet-phuong-an.docx"}},
		{"testdata/profiles/quan-trong-cap-3.yaml", 3, []string{"mau-02-de-nghi-tham-dinh.docx", "mau-03-xin-y-kien-chuyen-mon.docx", "mau-04-y-kien-tham-dinh.docx", "mau-05-to-trinh-phe-duyet.docx", "mau-07-quyet-dinh-phe-duyet-phuong-an.docx"}},
		// A critical system at level 1 follows the level-5 route as the rule set routes it.
		{"../testdata/examples/ban-tin-noi-bo.yaml", 1, []string{"mau-02-de-nghi-tham-dinh.docx", "mau-03-xin-y-kien-chuyen-mon.docx", "mau-04-y-kien-tham-dinh.docx", "mau-05-to-trinh-phe-duyet.docx", "mau-07-quyet-dinh-phe-duyet-phuong-an.docx"}},
	}
	for i, tt := range tests {
		in := input331(t, tt.profile)
		if i == len(tests)-1 {
			in = profile331(t, tt.profile, func(p *levels.Profile) { p.SetBool("critical_system", true); p.SetText("owner_sector", "civil") })
		}
		if in.Decision.Level != tt.level {
			t.Fatalf("%s: level %d, want %d", tt.profile, in.Decision.Level, tt.level)
		}
		d := render(t, embedded(t), withFull(in))
		var got []string
		for _, f := range d.Files {
			got = append(got, f.Name)
		}
		want := append(append(slices.Clone(common), tt.forms...), ChecklistName)
		if !slices.Equal(got, want) {
			t.Errorf("%s (level %d): files %v, want %v", tt.profile, tt.level, got, want)
		}
		for _, f := range d.Files {
			if f.Title == "" {
				t.Errorf("%s: %s has no title", tt.profile, f.Name)
			}
			if !IsDossierFile(f.Name) {
				t.Errorf("%s is not a dossier file", f.Name)
			}
			if strings.HasPrefix(f.Name, "mau-0") && !strings.Contains(bodyText(t, f), "suy luận") {
				t.Errorf("%s: %s lacks the drafting note that its use at the level is inferred", tt.profile, f.Name)
			}
		}
		// Without Full the documents are the same, the checklist aside.
		d = render(t, embedded(t), in)
		if len(d.Files) != len(want)-1 || d.Files[len(d.Files)-1].Name == ChecklistName {
			t.Errorf("%s without Full: %d files", tt.profile, len(d.Files))
		}
	}
	// The decision of levels 1–2 says it is adapted.
	d := documentsOf(t, input331(t, "../testdata/examples/ban-tin-noi-bo.yaml"))
	dec := d["mau-06-quyet-dinh-phe-duyet-cap-do.docx"]
	if !strings.Contains(dec.Title, "điều chỉnh từ Mẫu 06") || !strings.Contains(bodyText(t, dec), "được điều chỉnh từ Mẫu 06") {
		t.Errorf("level-1 decision not marked as adapted: %q", dec.Title)
	}
}

func withFull(in Input) Input { in.Full = true; return in }

// A Decree 331 dossier never cites Decree 85 or the law it implemented in what is signed:
// the recitals are Luật An ninh mạng and Decree 331, and the version to sign (drafting notes
// left out) of every document of every golden case names neither Decree 85, its circulars
// nor Luật An toàn thông tin mạng.
func TestD331NeverCitesDecree85(t *testing.T) {
	t.Parallel()
	banned := []string{"85/2016", "Nghị định 85", "03/2017/TT-BTTTT", "12/2022/TT-BTTTT", "Luật An toàn thông tin mạng", "Điều 14 Nghị định 85"}
	for _, c := range goldenCases {
		if c.rules != "d331-2026" {
			continue
		}
		d := render(t, embedded(t), goldenInput(t, c))
		final, err := d.Final(true)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range final.Files {
			if !strings.HasSuffix(f.Name, ".docx") {
				continue
			}
			txt := bodyText(t, f)
			for _, b := range banned {
				if strings.Contains(txt, b) {
					t.Errorf("%s/%s: the version to sign cites %q", c.name, f.Name, b)
				}
			}
			if strings.HasPrefix(f.Name, "mau-0") || f.Name == "thuyet-minh-de-xuat-cap-do.docx" {
				continue
			}
		}
		for _, name := range []string{"mau-02-de-nghi-tham-dinh.docx", "mau-01-de-nghi-tham-dinh-phe-duyet.docx"} {
			for _, f := range final.Files {
				if f.Name != name {
					continue
				}
				txt := bodyText(t, f)
				for _, want := range []string{"Căn cứ Luật An ninh mạng ngày 10 tháng 12 năm 2025;", "Căn cứ Nghị định số 331/2026/NĐ-CP ngày 19 tháng 8 năm 2026"} {
					if !strings.Contains(txt, want) {
						t.Errorf("%s/%s: recitals lack %q", c.name, name, want)
					}
				}
			}
		}
	}
}

// Who the request of levels 4–5 goes to follows the owner's sector (khoản 3 Điều 18): Bộ
// Công an by default and for civil systems, Bộ Quốc phòng for military ones, Ban Cơ yếu
// Chính phủ for its cipher systems; an owner that is itself the appraiser sends to the unit
// it assigns. At level 3 the owner's cyber unit appraises, unless it also operates the
// system (khoản 4 Điều 18).
func TestD331Addressee(t *testing.T) {
	t.Parallel()
	scada := "../testdata/examples/scada-cap-i.yaml"
	tests := []struct {
		name    string
		profile string
		change  func(p *levels.Profile)
		want    string // the Kính gửi line of the request
		sender  string // the issuing body in the heading
	}{
		{"undeclared", scada, nil, "Kính gửi: Bộ Công an.", "TỔNG CÔNG TY PHÁT ĐIỆN 3"},
		{"civil", scada, func(p *levels.Profile) { p.SetText("owner_sector", "civil") }, "Kính gửi: Bộ Công an.", "TỔNG CÔNG TY PHÁT ĐIỆN 3"},
		{"bqp sector", scada, func(p *levels.Profile) { p.SetText("owner_sector", "bqp") }, "Kính gửi: Bộ Quốc phòng.", ""},
		{"bcy sector", scada, func(p *levels.Profile) { p.SetText("owner_sector", "bcy") }, "Kính gửi: Ban Cơ yếu Chính phủ.", ""},
		{"managed by bqp", "testdata/profiles/bqp-cap-4.yaml", nil, "Kính gửi: Bộ Quốc phòng.", "QUÂN CHỦNG PHÒNG KHÔNG - KHÔNG QUÂN"},
		{"bcy owner", "testdata/profiles/bcy-cap-4.yaml", nil, "Kính gửi: [ĐƠN VỊ ĐƯỢC GIAO THẨM ĐỊNH THUỘC BAN CƠ YẾU CHÍNH PHỦ].", "TRUNG TÂM KỸ THUẬT MẬT MÃ THỬ NGHIỆM"},
		{"level 3", "../testdata/examples/trung-tam-du-lieu.yaml", nil, "Kính gửi: [TÊN ĐƠN VỊ CHUYÊN TRÁCH", ""},
		{"level 3, cyber unit operates", "../testdata/examples/trung-tam-du-lieu.yaml", func(p *levels.Profile) { p.SetBool("infosec_operates", true) },
			"Kính gửi: [ĐƠN VỊ CÓ THẨM QUYỀN KHÁC HOẶC HỘI ĐỒNG THẨM ĐỊNH ĐỘC LẬP DO ỦY BAN NHÂN DÂN TỈNH GIA LAI CHỈ ĐỊNH].", ""},
		{"critical level 3", "testdata/profiles/quan-trong-cap-3.yaml", nil, "Kính gửi: Bộ Công an.", "TỔNG CÔNG TY TRUYỀN TẢI ĐIỆN QUỐC GIA"},
		{"guessed from the name", scada, func(p *levels.Profile) { p.Owner = "Tổng công ty Thông tin - BỘ QUỐC PHÒNG" }, "Kính gửi: Bộ Quốc phòng.", ""},
		{"declared sector over the name", scada, func(p *levels.Profile) {
			p.Owner = "Tổng công ty Thông tin - Bộ Quốc phòng"
			p.SetText("owner_sector", "civil")
		}, "Kính gửi: Bộ Công an.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := documentsOf(t, profile331(t, tt.profile, tt.change))
			txt := bodyText(t, d["mau-02-de-nghi-tham-dinh.docx"])
			if !strings.Contains(txt, tt.want) {
				t.Errorf("request lacks %q:\n%s", tt.want, txt[:min(len(txt), 600)])
			}
			if tt.sender != "" && !strings.Contains(txt, tt.sender+"\n") {
				t.Errorf("request not sent by %q", tt.sender)
			}
			// The appraiser guessed from the owner's name says so; a declared sector does not.
			in := profile331(t, tt.profile, tt.change)
			_, guessed := in.Profile.Sector()
			lvl := in.Decision.Level
			if note := strings.Contains(txt, "suy ra từ tên chủ quản"); note != (guessed && lvl >= 4) {
				t.Errorf("note on the guessed sector: %v, sector guessed %v at level %d", note, guessed, lvl)
			}
		})
	}
}

// A Decree 331 dossier dated while the rule set is in force reads as one: no note that the
// rule set is not in force or provisional, no criterion marked as from a secondary source;
// every form says what its text rests on — form numbers and titles agreed by the two copies
// of the decree the rule set cites, the bodies by one of them — and that its use at the
// level is inferred.
func TestD331InForce(t *testing.T) {
	t.Parallel()
	banned := []string{"không có hiệu lực vào ngày lập văn bản", "tạm thời, chưa kiểm chứng", "TẠM THỜI", "tiêu chí lấy từ nguồn thứ cấp", "theo nguồn thứ cấp, cần kiểm chứng", "một bản sao công khai"}
	for _, c := range goldenCases {
		if c.rules != "d331-2026" {
			continue
		}
		for _, f := range render(t, embedded(t), goldenInput(t, c)).Files {
			if !strings.HasSuffix(f.Name, ".docx") {
				continue
			}
			txt := bodyText(t, f)
			for _, b := range banned {
				if strings.Contains(txt, b) {
					t.Errorf("%s/%s: %q", c.name, f.Name, b)
				}
			}
			if strings.HasPrefix(f.Name, "mau-0") {
				wants := []string{"hai bản chép độc lập của toàn văn Nghị định", "nội dung mẫu chỉ có trong bản chép", "[cần đối chiếu]", "là suy luận từ nơi nhận và nội dung của mẫu [suy luận]"}
				if f.Name == "mau-06-quyet-dinh-phe-duyet-cap-do.docx" && strings.Contains(txt, "được điều chỉnh từ Mẫu 06") {
					wants[3] = "[suy luận, cần kiểm chứng]" // levels 1–2: the adapted decision says it is adapted
				}
				for _, want := range wants {
					if !strings.Contains(txt, want) {
						t.Errorf("%s/%s: the form's note lacks %q", c.name, f.Name, want)
					}
				}
			}
		}
	}
}

// When the owner's cyber unit also operates the system, it does not appraise it (khoản 4
// Điều 18): the request goes to the unit or council the owner designates, a blank with the
// rule set's note, and cites the designation; at levels 1–2 the cyber unit still approves, so
// Mẫu 01 asks the designee to appraise and the cyber unit to approve, and the adapted
// decision cites the designee's appraisal.
func TestD331IndependentAppraiser(t *testing.T) {
	t.Parallel()
	designee := "[ĐƠN VỊ CÓ THẨM QUYỀN KHÁC HOẶC HỘI ĐỒNG THẨM ĐỊNH ĐỘC LẬP DO BỘ TÀI CHÍNH CHỈ ĐỊNH]"
	d := documentsOf(t, profile331(t, "../testdata/examples/ban-tin-noi-bo.yaml", func(p *levels.Profile) { p.SetBool("infosec_operates", true) }))
	req := bodyText(t, d["mau-01-de-nghi-tham-dinh-phe-duyet.docx"])
	for _, want := range []string{
		"Kính gửi: " + designee + "; [TÊN ĐƠN VỊ CHUYÊN TRÁCH VỀ AN NINH MẠNG CỦA BỘ TÀI CHÍNH].",
		"Căn cứ văn bản số …… ngày …… của Bộ Tài chính chỉ định " + designee + " thẩm định hồ sơ;",
		"Thực hiện quy định tại khoản 1, khoản 4 Điều 18 về thẩm quyền thẩm định, phê duyệt và điểm b khoản 1 Điều 20 Nghị định số 331/2026/NĐ-CP về việc gửi hồ sơ,",
		"đề nghị " + designee + " thẩm định và đơn vị chuyên trách về an ninh mạng của Bộ Tài chính phê duyệt",
		"đơn vị chuyên trách vẫn phê duyệt (cấp độ 1–2) [suy luận]",
	} {
		if !strings.Contains(req, want) {
			t.Errorf("Mẫu 01 lacks %q", want)
		}
	}
	if strings.Contains(req, designee+" thẩm định, phê duyệt") {
		t.Error("Mẫu 01 asks the designee to approve")
	}
	dec := bodyText(t, d["mau-06-quyet-dinh-phe-duyet-cap-do.docx"])
	if !strings.Contains(dec, "Căn cứ ý kiến thẩm định của "+designee) || !strings.Contains(dec, "Căn cứ khoản 1, khoản 4 Điều 18") {
		t.Errorf("the adapted decision does not cite the designee's appraisal:\n%s", dec)
	}
	// Without the fact, none of it.
	d = documentsOf(t, input331(t, "../testdata/examples/ban-tin-noi-bo.yaml"))
	if txt := bodyText(t, d["mau-01-de-nghi-tham-dinh-phe-duyet.docx"]); strings.Contains(txt, "khoản 4 Điều 18") || strings.Contains(txt, "CHỈ ĐỊNH]") {
		t.Error("independent appraisal without infosec_operates")
	}
}

// The protection plan and the checklist carry the groups of TCVN 14423:2026 at the level,
// with the section numbers of that level: fifteen groups at levels 1–2, eighteen at 3–5;
// incident response is 5.16 at level 3 and 6.17 at level 4 while secure development moves
// the other way; section numbers not confirmed by two sources, all of levels 4–5 among
// them, are marked. A critical system meets the level-5 requirements.
func TestD331StandardGroups(t *testing.T) {
	t.Parallel()
	cat, err := catalogueNamed(tcvnCatalogue)
	if err != nil {
		t.Fatal(err)
	}
	clauseOf := func(lvl int, id string) (string, string) {
		for _, g := range cat.groupsAt(lvl) {
			if g.ID == id {
				return cat.clause(g, requirement{}, lvl), cat.mark(g, lvl)
			}
		}
		return "", ""
	}
	counts := map[int]int{1: 15, 2: 15, 3: 18, 4: 18, 5: 18}
	for lvl, n := range counts {
		if got := len(cat.groupsAt(lvl)); got != n {
			t.Errorf("level %d: %d groups, want %d", lvl, got, n)
		}
		prev := ""
		for _, g := range cat.groupsAt(lvl) {
			c := cat.clause(g, requirement{}, lvl)
			if !strings.HasPrefix(c, cat.LevelClauses[lvl]+".") {
				t.Errorf("level %d: group %s has clause %s outside section %s", lvl, g.ID, c, cat.LevelClauses[lvl])
			}
			if prev != "" && compareClauses(prev, c) >= 0 {
				t.Errorf("level %d: %s after %s", lvl, c, prev)
			}
			prev = c
			if m := cat.mark(g, lvl); lvl >= 4 && m == "" {
				t.Errorf("level %d: group %s clause %s unmarked", lvl, g.ID, c)
			}
		}
	}
	for _, tt := range []struct {
		lvl        int
		id, clause string
		marked     bool
	}{
		{3, "incident", "5.16", false}, {4, "incident", "6.17", true}, {5, "incident", "7.17", true},
		{3, "secure_dev", "5.17", false}, {4, "secure_dev", "6.16", true},
		{2, "personnel", "4.13", true}, {3, "personnel", "5.14", true}, {3, "monitoring", "5.13", false},
		{1, "access", "3.6", false}, {2, "monitoring", "", false},
	} {
		c, m := clauseOf(tt.lvl, tt.id)
		if c != tt.clause || (m != "") != tt.marked {
			t.Errorf("level %d, %s: clause %q mark %q; want %q, marked %v", tt.lvl, tt.id, c, m, tt.clause, tt.marked)
		}
	}

	// The documents: the plan's group table and the checklist of a level-4 system.
	d := documentsOf(t, input331(t, "../testdata/examples/scada-cap-i.yaml"))
	plan := bodyText(t, d["phuong-an-bao-dam-an-ninh-mang.docx"])
	for _, want := range []string{"IV. NHÓM YÊU CẦU THEO TIÊU CHUẨN TCVN 14423:2026 ĐỐI VỚI CẤP ĐỘ 4", "Mục 6 của tiêu chuẩn", "gồm 18 nhóm",
		"6.17 [cần đối chiếu]\nỨng phó sự cố an ninh mạng", "6.16 [cần đối chiếu]\nPhát triển an toàn", "không trích nguyên văn tiêu chuẩn",
		"khoản 2 Điều 29", "khoản 3 Điều 30", "khoản 4 Điều 30", "a) Bảo đảm an ninh mạng", "g) Kế hoạch kết thúc vận hành"} {
		if !strings.Contains(plan, want) {
			t.Errorf("plan lacks %q", want)
		}
	}
	sheet := sheetText(t, d[ChecklistName].Data)
	for _, want := range []string{"Mục TCVN 14423:2026 (cấp độ 4)", "\t6.17 [cần đối chiếu]\t", "== Nhóm yêu cầu", "Đáp ứng"} {
		if !strings.Contains(sheet, want) {
			t.Errorf("checklist lacks %q", want)
		}
	}
	// Operational-technology rows for an industrial control system, none for others; no
	// browser and e-mail rows for a system that is industrial control only.
	if !strings.Contains(sheet, "ngoài tiêu chuẩn") && !strings.Contains(sheet, "Modbus") {
		t.Error("industrial control checklist has no operational-technology rows")
	}
	if strings.Contains(sheet, "Lọc thư rác") {
		t.Error("industrial control checklist has e-mail filtering")
	}
	other := sheetText(t, documentsOf(t, input331(t, "../testdata/examples/trung-tam-du-lieu.yaml"))[ChecklistName].Data)
	if strings.Contains(other, "Modbus") || !strings.Contains(other, "Lọc thư rác") {
		t.Error("a non-industrial checklist has operational-technology rows, or lacks e-mail filtering")
	}
	// A critical system at level 3 meets the level-5 requirements (section 7).
	crit := documentsOf(t, input331(t, "testdata/profiles/quan-trong-cap-3.yaml"))
	if txt := bodyText(t, crit["phuong-an-bao-dam-an-ninh-mang.docx"]); !strings.Contains(txt, "ĐỐI VỚI CẤP ĐỘ 5") || !strings.Contains(txt, "Mục 7 của tiêu chuẩn") {
		t.Error("critical system's plan does not apply the level-5 requirements")
	}
}

// The explanation reports the recorded risk assessment (Art. 22.4.c): its seven contents,
// its register and conclusion; at levels 4–5 the detailed report of Art. 22.5, point d not
// applicable outside Art. 14.2. Without an assessment the same tables are blanks, and a
// drafting note says one is needed; an assessment above the proposed level is flagged.
func TestD331RiskAssessment(t *testing.T) {
	t.Parallel()
	in := input331(t, "../testdata/examples/scada-cap-i.yaml")
	in.Risk = riskFile(t, "testdata/risk/cap-4.json")
	txt := bodyText(t, documentsOf(t, in)["thuyet-minh-de-xuat-cap-do.docx"])
	for _, want := range []string{"3. Nhận diện sơ bộ rủi ro an ninh mạng chính và tác động dự kiến",
		"do Phòng Công nghệ thông tin thực hiện ngày 10 tháng 11 năm 2026", "xác định cấp độ lần đầu (điểm a khoản 2 Điều 10",
		"Máy chủ SCADA trung tâm\nMã độc lây qua thiết bị lưu trữ di động\n3\n4\n12\n", "Xử lý: Kiểm soát cổng USB",
		"Kết luận: Sự cố có thể làm ngừng phát điện", "4. Báo cáo đánh giá rủi ro chi tiết (khoản 5 Điều 22",
		"a) Các hệ thống thông tin liên quan", "Không áp dụng: hệ thống không thuộc khoản 2 Điều 14", "PHẦN III. PHƯƠNG ÁN BẢO ĐẢM AN NINH MẠNG"} {
		if !strings.Contains(txt, want) {
			t.Errorf("explanation lacks %q", want)
		}
	}
	if strings.Contains(txt, "chưa có kết quả đánh giá rủi ro") {
		t.Error("explanation says no assessment is recorded")
	}

	in.Risk = nil
	txt = bodyText(t, documentsOf(t, in)["thuyet-minh-de-xuat-cap-do.docx"])
	for _, want := range []string{"chưa có kết quả đánh giá rủi ro an ninh mạng được ghi nhận", "[Tài sản và chức năng quan trọng", "[Tài sản, chức năng]", "[ĐƠN VỊ, NGƯỜI ĐÁNH GIÁ]"} {
		if !strings.Contains(txt, want) {
			t.Errorf("explanation without assessment lacks %q", want)
		}
	}

	low := input331(t, "../testdata/examples/trung-tam-du-lieu.yaml")
	low.Risk = &risk.Assessment{Trigger: risk.First, Level: 4, Rationale: "Rủi ro cao."}
	txt = bodyText(t, documentsOf(t, low)["thuyet-minh-de-xuat-cap-do.docx"])
	if !strings.Contains(txt, "cho thấy cấp độ 4, cao hơn cấp độ 3") {
		t.Error("an assessment above the proposed level is not flagged")
	}
	if strings.Contains(txt, "Báo cáo đánh giá rủi ro chi tiết") {
		t.Error("level 3 explanation has the detailed report of levels 4–5")
	}
}

// The Decree 331 documents cite the steps of the procedure by the articles of Decree 331.
func TestD331Citations(t *testing.T) {
	t.Parallel()
	tests := []struct {
		profile string
		doc     string
		want    []string
	}{
		{"../testdata/examples/ban-tin-noi-bo.yaml", "mau-01-de-nghi-tham-dinh-phe-duyet.docx", []string{"điểm b khoản 1 Điều 20 Nghị định số 331/2026/NĐ-CP về việc gửi hồ sơ"}},
		{"../testdata/examples/ban-tin-noi-bo.yaml", "mau-06-quyet-dinh-phe-duyet-cap-do.docx", []string{"điểm a khoản 3 Điều 20", "[THẨM QUYỀN BAN HÀNH", "[TÊN ĐƠN VỊ CHUYÊN TRÁCH VỀ AN NINH MẠNG]"}},
		{"../testdata/examples/trung-tam-du-lieu.yaml", "mau-05-to-trinh-phe-duyet.docx", []string{"Căn cứ điểm b khoản 2 Điều 18, điểm b khoản 3 Điều 20", "Về việc phê duyệt đề xuất cấp độ", "khoản 7 Điều 30"}},
		{"../testdata/examples/trung-tam-du-lieu.yaml", "mau-02-de-nghi-tham-dinh.docx", []string{"Thực hiện quy định tại điểm a khoản 2 Điều 18 về thẩm quyền thẩm định và điểm c khoản 1 Điều 20 Nghị định số 331/2026/NĐ-CP"}},
		{"../testdata/examples/scada-cap-i.yaml", "mau-02-de-nghi-tham-dinh.docx", []string{"Thực hiện quy định tại điểm a khoản 3 Điều 18 về thẩm quyền thẩm định và điểm d khoản 1 Điều 20 Nghị định số 331/2026/NĐ-CP"}},
		{"testdata/profiles/bqp-cap-4.yaml", "mau-04-y-kien-tham-dinh.docx", []string{"Căn cứ điểm b khoản 3 Điều 18 Nghị định số 331/2026/NĐ-CP về thẩm quyền thẩm định"}},
		{"../testdata/examples/scada-cap-i.yaml", "mau-06-quyet-dinh-phe-duyet-cap-do.docx", []string{"Căn cứ điểm d khoản 3 Điều 18, điểm b khoản 3 Điều 20 Nghị định số 331/2026/NĐ-CP ngày 19 tháng 8 năm 2026"}},
		{"../testdata/examples/trung-tam-du-lieu.yaml", "mau-06-quyet-dinh-phe-duyet-cap-do.docx", []string{"CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH GIA LAI", "TCVN 14423:2026 An ninh mạng – Hệ thống thông tin – Yêu cầu cơ bản", "Điều 33 Nghị định số 331/2026/NĐ-CP"}},
		{"../testdata/examples/scada-cap-i.yaml", "mau-03-xin-y-kien-chuyen-mon.docx", []string{"Thực hiện quy định tại điểm d khoản 1 Điều 20, khoản 5 Điều 21 Nghị định số 331/2026/NĐ-CP,"}},
		{"testdata/profiles/d331-cap-5-quoc-te.yaml", "mau-07-quyet-dinh-phe-duyet-phuong-an.docx", []string{"điểm c khoản 3 Điều 20", "Về việc phê duyệt phương án bảo đảm an ninh mạng hệ thống thông tin"}},
		{"testdata/profiles/d331-cap-5-quoc-te.yaml", "mau-02-de-nghi-tham-dinh.docx", []string{"Danh mục hệ thống thông tin quan trọng về an ninh quốc gia (Điều 16, Điều 17"}},
		{"testdata/profiles/quan-trong-cap-3.yaml", "mau-05-to-trinh-phe-duyet.docx", []string{"điểm d khoản 3 Điều 18, điểm c khoản 3, khoản 4 Điều 20", "Về việc phê duyệt phương án bảo đảm an ninh mạng"}},
		{"testdata/profiles/quan-trong-cap-3.yaml", "mau-02-de-nghi-tham-dinh.docx", []string{"Thực hiện quy định tại điểm a khoản 3 Điều 18 về thẩm quyền thẩm định và điểm d khoản 1 Điều 20 Nghị định số 331/2026/NĐ-CP"}},
	}
	for _, tt := range tests {
		txt := bodyText(t, documentsOf(t, input331(t, tt.profile))[tt.doc])
		for _, w := range tt.want {
			if !strings.Contains(txt, w) {
				t.Errorf("%s %s lacks %q", tt.profile, tt.doc, w)
			}
		}
	}
}

// Every Decree 331 document renders for every sample profile, and the data model stays
// complete under the Decree 331 family.
func TestD331ModelComplete(t *testing.T) {
	t.Parallel()
	for _, prof := range []string{"ban-tin-noi-bo.yaml", "he-thong-co-phan-he.yaml", "van-ban-mat.yaml", "scada-cap-i.yaml"} {
		in := input331(t, "../testdata/examples/"+prof)
		in.Risk = riskFile(t, "testdata/risk/cap-4.json")
		m, err := buildModel(in)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"RISK_LEVEL", "REQUIREMENTS_LEVEL", "STANDARD_SECTION", "GROUP_COUNT"} {
			if m.fields[k] == "" {
				t.Errorf("%s: %s empty", prof, k)
			}
		}
		if _, err := embedded(t).Render(context.Background(), withFull(in)); err != nil {
			t.Errorf("%s: %v", prof, err)
		}
	}
}

// An agency's folder may hold its own Decree 331 templates in the folder d331: a Decree
// 331 dossier uses them and takes the others from the built-in set, the manifest naming
// the source of each; a Decree 85 template of the folder is not used for it, with a
// warning.
func TestD331AgencyFolder(t *testing.T) {
	t.Parallel()
	own := pkg(t, para("Đề nghị riêng: {{SYSTEM_NAME}}, cấp độ {{LEVEL}}."), "")
	e, warnings, err := LoadPartial(fsMap{"d331/mau-01-de-nghi-tham-dinh-phe-duyet.docx": own, "to-trinh.docx": own, "d331/la.docx": own}, "mau-don-vi")
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(warnings, "\n")
	if !strings.Contains(all, "d331/la.docx không phải mẫu nào") || !strings.Contains(all, "d331/thuyet-minh-de-xuat-cap-do.docx") {
		t.Errorf("warnings: %s", all)
	}
	in := input331(t, "../testdata/examples/ban-tin-noi-bo.yaml")
	d := render(t, e, in)
	for _, f := range d.Manifest.Files {
		want := embeddedLabel
		if f.Name == "mau-01-de-nghi-tham-dinh-phe-duyet.docx" {
			want = "mau-don-vi"
		}
		if f.Template != want {
			t.Errorf("%s: template %q, want %q", f.Name, f.Template, want)
		}
	}
	for _, f := range d.Files {
		if f.Name == "mau-01-de-nghi-tham-dinh-phe-duyet.docx" && bodyText(t, f) != "Đề nghị riêng: "+in.Profile.Name+", cấp độ 1.\n" {
			t.Errorf("own Mẫu 01: %q", bodyText(t, f))
		}
	}
	if !slices.ContainsFunc(d.Warnings, func(w string) bool {
		return strings.Contains(w, "to-trinh.docx") && strings.Contains(w, "không dùng")
	}) {
		t.Errorf("no warning that the Decree 85 template is not used: %v", d.Warnings)
	}
}
