package dossier

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"capdo/levels"
)

// TestFullDossierByLevel: a full dossier holds the five documents of the contract, then
// what its level needs: from level 3 the draft appraisal result and the request for
// approval, at levels 4–5 the request for the professional opinion and its draft; every
// level the checklist. Every file has a title and the manifest lists them in order.
func TestFullDossierByLevel(t *testing.T) {
	t.Parallel()
	extra := map[int][]string{
		1: {ChecklistName},
		2: {ChecklistName},
		3: {"du-thao-ket-qua-tham-dinh.docx", "to-trinh-phe-duyet.docx", ChecklistName},
		4: {"xin-y-kien-chuyen-mon.docx", "du-thao-y-kien-chuyen-mon.docx", "du-thao-ket-qua-tham-dinh.docx", "to-trinh-phe-duyet.docx", ChecklistName},
	}
	extra[5] = extra[4]
	for _, c := range goldenCases {
		if c.rules != "" {
			continue // Decree 331: TestD331FormsByLevel
		}
		in := goldenInput(t, c)
		d := render(t, embedded(t), in)
		want := append(slices.Clone(Names), extra[in.Decision.Level]...)
		var got []string
		for i, f := range d.Files {
			got = append(got, f.Name)
			if f.Title == "" || d.Manifest.Files[i].Name != f.Name || d.Manifest.Files[i].SHA256 != f.SHA256 {
				t.Errorf("%s/%s: title %q, manifest %+v", c.name, f.Name, f.Title, d.Manifest.Files[i])
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s (level %d): files %v, want %v", c.name, in.Decision.Level, got, want)
		}
	}
}

// TestRecitalsByDate: the recitals follow the document's date. In force: the rule set's.
// After Decree 85 lapsed: Luật An ninh mạng first, never Luật An toàn thông tin mạng; for a
// transitional system once Decree 331 is in force, khoản 1 Điều 39 and Decree 85 as applied
// by it; otherwise a blank in the recitals that the version to sign refuses, and a note.
func TestRecitalsByDate(t *testing.T) {
	t.Parallel()
	base := input(t, "dich-vu-cong-tinh.yaml")
	const oldLaw, newLaw = "Căn cứ Luật An toàn thông tin mạng ngày 19 tháng 11 năm 2015;", "Căn cứ Luật An ninh mạng ngày 10 tháng 12 năm 2025;"
	const transition = "Căn cứ khoản 1 Điều 39 Nghị định số 331/2026/NĐ-CP ngày 19 tháng 8 năm 2026"
	gap := time.Date(2026, time.August, 3, 9, 0, 0, 0, vietnam)
	for _, tt := range []struct {
		name         string
		date         time.Time
		transitional bool
		want, dont   []string
	}{
		{"in force", testDate, true, []string{oldLaw, "bảo đảm an toàn hệ thống thông tin theo cấp độ;"}, []string{newLaw, transition, "[CĂN CỨ CẦN XÁC ĐỊNH LẠI"}},
		{"transitional, Decree 331 in force", afterDecree331, true,
			[]string{newLaw, transition, "theo cấp độ, áp dụng theo quy định chuyển tiếp tại khoản 1 Điều 39 Nghị định số 331/2026/NĐ-CP;",
				"áp dụng cùng Nghị định số 85/2016/NĐ-CP theo quy định chuyển tiếp nêu trên;", "tùy chọn --transitional"},
			[]string{oldLaw, "[CĂN CỨ CẦN XÁC ĐỊNH LẠI"}},
		{"not transitional, after the lapse", afterDecree331, false,
			[]string{newLaw, "theo cấp độ [CĂN CỨ CẦN XÁC ĐỊNH LẠI: LUẬT AN TOÀN THÔNG TIN MẠNG HẾT HIỆU LỰC TỪ NGÀY 01 THÁNG 7 NĂM 2026];", "lập hồ sơ theo Nghị định số 331/2026/NĐ-CP"},
			[]string{oldLaw, transition}},
		{"transitional, before Decree 331", gap, true, []string{newLaw, "[CĂN CỨ CẦN XÁC ĐỊNH LẠI"}, []string{oldLaw, transition}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := base
			in.Date, in.Transitional, in.Full = tt.date, tt.transitional, true
			texts := docs(t, in)
			for _, doc := range []string{"to-trinh.docx", "du-thao-quyet-dinh.docx", "to-trinh-phe-duyet.docx", "du-thao-ket-qua-tham-dinh.docx"} {
				checkTexts(t, texts, map[string][]string{doc: tt.want}, map[string][]string{doc: tt.dont})
			}
			// The recitals come in the order of the law: the new law, the transition, then
			// the decree it applies.
			tt2 := texts["to-trinh.docx"]
			if i, j := strings.Index(tt2, newLaw), strings.Index(tt2, "Căn cứ Nghị định số 85/2016"); tt.date.After(afterRuleSetEnd.Add(-24*time.Hour)) && (i < 0 || j < i) {
				t.Errorf("Luật An ninh mạng does not come before Decree 85:\n%s", tt2)
			}
		})
	}
	// The plan bodies cite the circular the recitals cite (TT 12/2022), never an article of
	// the one it replaced.
	in := base
	in.Full = true
	for name, txt := range docs(t, in) {
		for _, p := range strings.Split(txt, "\n") {
			if strings.Contains(p, "Thông tư 03/2017") && !strings.Contains(p, "(xóa trước khi ký)") {
				t.Errorf("%s: signed text cites TT 03/2017: %q", name, p)
			}
		}
	}
}

// TestGenreAndCitations: the request to an appraiser that is not the sender's superior is
// a công văn ("V/v …", "kính đề nghị", "Trân trọng"); the request for approval to the owner
// is a tờ trình; the citations of Art. 14 follow docs/reference/law.md §8.
func TestGenreAndCitations(t *testing.T) {
	t.Parallel()
	profiles := reviewProfiles(t)
	for name, c := range map[string]struct{ send, approve string }{
		"ban-tin-noi-bo":    {"điểm b khoản 1 Điều 14", "điểm a khoản 3 Điều 14"},
		"dich-vu-cong-tinh": {"điểm c khoản 1 Điều 14", "điểm b khoản 3 Điều 14"},
		"scada-cap-i":       {"điểm d khoản 1 Điều 14", "điểm b khoản 3 Điều 14"},
		"bca-cap-5":         {"điểm d khoản 1 Điều 14", "điểm c khoản 3 Điều 14"},
	} {
		in := profiles[name]
		in.Full = true
		texts := docs(t, in)
		req := texts["to-trinh.docx"]
		for _, s := range []string{"\nV/v đề nghị", " kính đề nghị ", "Trân trọng./.", c.send + " Nghị định số 85/2016/NĐ-CP về việc gửi hồ sơ"} {
			if !strings.Contains(req, s) {
				t.Errorf("%s: request lacks %q", name, s)
			}
		}
		for _, s := range []string{"TỜ TRÌNH", "Kính trình./.", "khoản 4 Điều 14", "khoản 3 Điều 14 Nghị định số 85/2016/NĐ-CP về ý kiến"} {
			if strings.Contains(req, s) {
				t.Errorf("%s: request has %q", name, s)
			}
		}
		if dec := texts["du-thao-quyet-dinh.docx"]; !strings.Contains(dec, c.approve+" Nghị định số 85/2016/NĐ-CP ngày 01 tháng 7 năm 2016") {
			t.Errorf("%s: decision does not cite %s", name, c.approve)
		}
		for doc, txt := range texts {
			if strings.Contains(txt, "khoản 4 Điều 14") {
				t.Errorf("%s/%s cites khoản 4 Điều 14, which does not exist", name, doc)
			}
		}
		if in.Decision.Level >= 3 {
			ap := texts["to-trinh-phe-duyet.docx"]
			for _, s := range []string{"TỜ TRÌNH", "Kính gửi: " + in.Profile.Owner + ".", "Căn cứ " + c.approve + " Nghị định số 85/2016/NĐ-CP ngày 01 tháng 7 năm 2016", "Kính trình " + in.Profile.Owner + " xem xét, phê duyệt./."} {
				if !strings.Contains(ap, s) {
					t.Errorf("%s: request for approval lacks %q", name, s)
				}
			}
		}
		if in.Decision.Level >= 4 {
			op := texts["xin-y-kien-chuyen-mon.docx"]
			for _, s := range []string{"V/v xin ý kiến chuyên môn", "Thực hiện quy định tại điểm d khoản 1 Điều 14 Nghị định số 85/2016/NĐ-CP,", "khoản 5 Điều 15 Nghị định số 85/2016/NĐ-CP",
				"Kính gửi: [TÊN ĐƠN VỊ CHUYÊN TRÁCH VỀ AN TOÀN THÔNG TIN CỦA " + strings.ToUpper(in.Profile.Owner) + "]."} {
				if !strings.Contains(op, s) {
					t.Errorf("%s: request for the opinion lacks %q", name, s)
				}
			}
			if dr := texts["du-thao-y-kien-chuyen-mon.docx"]; !strings.Contains(dr, "DỰ THẢO") || !strings.Contains(dr, "[Thống nhất hoặc không thống nhất") {
				t.Errorf("%s: draft opinion:\n%s", name, dr)
			}
		}
	}
}

// TestSignatures: the way of signing chosen for the dossier reaches the signature blocks of
// the documents each signer signs, with titles by the kind of body, and blanks in
// brackets where capdo cannot know them; an unknown way is refused naming the field.
func TestSignatures(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ way, body, want string }{
		{"", "Sở Y tế tỉnh Kiên Giang", "GIÁM ĐỐC"},
		{"kt", "Sở Y tế tỉnh Kiên Giang", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"},
		{"kt", "Bộ Tài chính", "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG"},
		{"tm", "UBND tỉnh Kiên Giang", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"},
		{"tm-kt", "Ủy ban nhân dân tỉnh Kiên Giang", "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"},
		{"tl", "Bộ Công an", "TL. BỘ TRƯỞNG\n[CHỨC VỤ NGƯỜI KÝ THỪA LỆNH]"},
		{"tuq", "Cục Thống kê", "TUQ. CỤC TRƯỞNG\n[CHỨC VỤ NGƯỜI ĐƯỢC ỦY QUYỀN]"},
		{"q", "Trung tâm Dữ liệu tỉnh Gia Lai", "Q. GIÁM ĐỐC"},
		{"", "Tổng công ty Phát điện 3", "[CHỨC VỤ NGƯỜI ĐỨNG ĐẦU]"},
		{"kt", "[TÊN ĐƠN VỊ VẬN HÀNH]", "KT. [CHỨC VỤ NGƯỜI ĐỨNG ĐẦU]\n[CHỨC VỤ CẤP PHÓ]"},
	} {
		if got := signature(tt.way, tt.body); got != tt.want {
			t.Errorf("signature(%q, %q) = %q, want %q", tt.way, tt.body, got, tt.want)
		}
	}
	in := input(t, "dich-vu-cong-tinh.yaml")
	in.Full, in.Sign, in.OwnerSign = true, "kt", "tm-kt"
	checkTexts(t, docs(t, in), map[string][]string{
		"to-trinh.docx":           {"KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n"},
		"to-trinh-phe-duyet.docx": {"KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n"},
		"du-thao-quyet-dinh.docx": {"\nỦY BAN NHÂN DÂN TỈNH KIÊN GIANG\n", "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n"},
	}, map[string][]string{"to-trinh.docx": {"THỦ TRƯỞNG ĐƠN VỊ"}, "du-thao-quyet-dinh.docx": {"[CHỨC VỤ NGƯỜI KÝ]"}})
	in.Sign = "thay"
	if _, err := embedded(t).Render(t.Context(), in); err == nil || !strings.Contains(err.Error(), "sign") || !strings.Contains(err.Error(), "thay") {
		t.Errorf("an unknown way of signing: %v", err)
	}
}

// TestFinalVersion: the version to sign has no drafting note and says it is final; it is
// refused while blanks remain, naming each document and its blanks, but not for the
// document's own number, which the văn thư gives; with blanks allowed it is made.
func TestFinalVersion(t *testing.T) {
	t.Parallel()
	in := input(t, "dich-vu-cong-tinh.yaml")
	in.Full = true
	d := render(t, embedded(t), in)
	_, err := d.Final(false)
	var be *BlanksError
	if !errors.As(err, &be) || !errors.Is(err, ErrBlanks) {
		t.Fatalf("Final(false) = %v, want a *BlanksError", err)
	}
	var named []string
	for _, db := range be.Documents {
		named = append(named, db.Name)
		if db.Count == 0 || len(db.Blanks) == 0 {
			t.Errorf("%s: %+v", db.Name, db)
		}
		for _, b := range db.Blanks {
			if strings.HasPrefix(b, "……/") {
				t.Errorf("%s: the document's number is counted as a blank", db.Name)
			}
		}
	}
	if !slices.Contains(named, "to-trinh.docx") || !strings.Contains(err.Error(), "[TÊN ĐƠN VỊ CHUYÊN TRÁCH VỀ AN TOÀN THÔNG TIN CỦA UBND TỈNH KIÊN GIANG]") {
		t.Errorf("error: %v", err)
	}
	f, err := d.Final(true)
	if err != nil {
		t.Fatal(err)
	}
	if !f.Manifest.Final || !f.Manifest.Blanks || len(f.Files) != len(d.Files) {
		t.Errorf("final manifest %+v", f.Manifest)
	}
	for i, file := range f.Files {
		if !strings.HasSuffix(file.Name, ".docx") {
			if string(file.Data) != string(d.Files[i].Data) {
				t.Errorf("%s changed", file.Name)
			}
			continue
		}
		if len(notesOf(t, file)) != 0 || strings.Contains(bodyText(t, file), noteMark) {
			t.Errorf("%s: the version to sign keeps drafting notes", file.Name)
		}
		if file.SHA256 == d.Files[i].SHA256 || f.Manifest.Files[i].SHA256 != file.SHA256 {
			t.Errorf("%s: hash not updated", file.Name)
		}
		if err := verify(file.Data); err != nil {
			t.Errorf("%s: %v", file.Name, err)
		}
	}
	// A document whose blanks were filled in passes; the number stays for the văn thư.
	filled := pkg(t, para("Số: ……/CV-STTTT")+`<w:p><w:pPr><w:pStyle w:val="Note"/></w:pPr><w:r><w:t>[ghi chú]</w:t></w:r></w:p>`+para("Nội dung đã điền đủ."), "")
	nf, blanks, err := FinalFile(File{Name: "x.docx", Data: filled})
	if err != nil || blanks.Count != 0 {
		t.Fatalf("FinalFile(filled) = %+v, %v", blanks, err)
	}
	if got := text(t, zipPart(t, nf.Data, bodyPart)); got != "Số: ……/CV-STTTT\nNội dung đã điền đủ.\n" {
		t.Errorf("final text %q", got)
	}
	// Edited in Word with tracked changes still pending: not a version to sign.
	pending := pkg(t, `<w:p>`+ins+`<w:r><w:t>mới</w:t></w:r></w:ins></w:p>`, "")
	if _, _, err := FinalFile(File{Name: "y.docx", Data: pending}); err == nil || !strings.Contains(err.Error(), "thay đổi được theo dõi") {
		t.Errorf("FinalFile(pending changes) = %v", err)
	}
}

// TestDraftingNotesHighlighted: in the draft every drafting note is highlighted, so that it
// stands out on screen and on paper; no signed paragraph is.
func TestDraftingNotesHighlighted(t *testing.T) {
	t.Parallel()
	in := input(t, "scada-cap-i.yaml")
	in.Full, in.Date = true, afterRuleSetEnd
	for _, f := range render(t, embedded(t), in).Files {
		if !strings.HasSuffix(f.Name, ".docx") {
			continue
		}
		body := zipPart(t, f.Data, bodyPart)
		for _, p := range paraRe.FindAllString(body, -1) {
			note := strings.Contains(p, `<w:pStyle w:val="Note"/>`)
			hl := strings.Contains(p, `<w:highlight w:val="yellow"/>`)
			if note != hl && strings.Contains(p, "<w:t") {
				t.Errorf("%s: note %v, highlighted %v: %s", f.Name, note, hl, p[:min(len(p), 200)])
			}
		}
	}
}

// TestIncidentReporting: TT 20/2017 Art. 9.2: a notice within five days of detection, the
// initial report at once when the incident exceeds the unit's capacity; a system holding
// state secrets is never told to report by fax or e-mail.
func TestIncidentReporting(t *testing.T) {
	t.Parallel()
	profiles := reviewProfiles(t)
	plain := docs(t, profiles["dich-vu-cong-tinh"])["phuong-an-ung-pho-su-co.docx"]
	for _, s := range []string{"KẾ HOẠCH", "05 ngày** kể từ khi phát hiện sự cố, đơn vị vận hành gửi thông báo sự cố", "gửi ngay báo cáo ban đầu (Phụ lục 1)",
		"khoản 2 Điều 9 Thông tư 20/2017/TT-BTTTT", "fax, thư điện tử"} {
		if !strings.Contains(strings.ReplaceAll(plain, "**", ""), strings.ReplaceAll(s, "**", "")) {
			t.Errorf("plan lacks %q", s)
		}
	}
	if strings.Contains(plain, "05 ngày kể từ khi phát hiện sự cố, đơn vị vận hành gửi báo cáo ban đầu") {
		t.Error("the five-day rule is given for the initial report")
	}
	secret := docs(t, profiles["van-ban-mat"])["phuong-an-ung-pho-su-co.docx"]
	if !strings.Contains(secret, "không gửi bằng fax, thư điện tử") || strings.Contains(secret, "gửi bằng văn bản, fax, thư điện tử") {
		t.Errorf("a secret system's plan tells it to report by fax or e-mail:\n%s", secret)
	}
}

// TestChecklist: checklist.xlsx holds the rows of the plan's requirement table, each with
// its group and clause of TCVN 11930:2017 and the columns to fill in, the status a choice
// of Đáp ứng / Chưa đáp ứng / Không áp dụng; an industrial control system gets
// operational-technology rows and no e-mail or web requirement, a composite system with one
// keeps both.
func TestChecklist(t *testing.T) {
	t.Parallel()
	checklist := func(in Input) (string, string) {
		in.Full = true
		d := render(t, embedded(t), in)
		var sheet, plan string
		for _, f := range d.Files {
			switch f.Name {
			case ChecklistName:
				sheet = sheetText(t, f.Data)
				if v := zipPart(t, f.Data, "xl/worksheets/sheet1.xml"); !strings.Contains(v, "Đáp ứng,Chưa đáp ứng,Không áp dụng") {
					t.Errorf("no status choices in the checklist")
				}
			case "phuong-an-bao-dam-attt.docx":
				plan = bodyText(t, f)
			}
		}
		return sheet, plan
	}
	const ot, web = "Tách mạng điều khiển khỏi mạng văn phòng", "lỗ hổng ứng dụng web phổ biến"
	l3, plan3 := checklist(input(t, "dich-vu-cong-tinh.yaml"))
	head := "STT\tLoại yêu cầu\tNhóm yêu cầu\tMục TCVN 11930:2017\tYêu cầu\tÁp dụng từ cấp độ\tHiện trạng\tBiện pháp\tThời hạn\tTình trạng\tGhi chú"
	for _, s := range []string{head, "1.1\tYêu cầu quản lý\tChính sách an toàn thông tin chung\t7.1.1\t", "\t7.2.4\t", web, "== Thông tin"} {
		if !strings.Contains(l3, s) {
			t.Errorf("level-3 checklist lacks %q", s)
		}
	}
	if strings.Contains(l3, ot) {
		t.Error("a citizen-facing system gets control-system rows")
	}
	// The same rows as the plan's table, in the same order.
	m, _ := buildModel(input(t, "dich-vu-cong-tinh.yaml"))
	for _, r := range m.lists["requirements"] {
		if !strings.Contains(l3, r["stt"]+"\t"+r["kind"]+"\t"+r["group"]+"\t"+r["clause"]+"\t"+r["text"]+"\t") || !strings.Contains(plan3, r["text"]) {
			t.Errorf("row %s is not in both the checklist and the plan", r["stt"])
		}
	}
	if !strings.Contains(plan3, "(mục 7.1.1 TCVN 11930:2017; từ cấp độ 1)") || !strings.Contains(plan3, "Tình trạng") {
		t.Error("the plan's table lacks clauses or the status column")
	}
	ics, plan4 := checklist(input(t, "scada-cap-i.yaml"))
	if !strings.Contains(ics, ot) || !strings.Contains(ics, "ngoài tiêu chuẩn") || strings.Contains(ics, web) || strings.Contains(ics, "thư điện tử và web") {
		t.Errorf("an industrial control system's checklist:\n%s", ics)
	}
	if !strings.Contains(plan4, ot) || !strings.Contains(plan4, "(ngoài tiêu chuẩn; từ cấp độ 3)") {
		t.Error("the ICS plan lacks its OT rows")
	}
	composite := profile(t, levels.Profile{Name: "Hệ thống thử nghiệm có phân hệ", Owner: "Tổng công ty Thử nghiệm", Operator: "Công ty Thử nghiệm",
		SystemType: "citizen_business", InfoTypes: []string{"public"}, OnlinePublicServiceLevel: 3,
		Components: []levels.Profile{{Name: "Phân hệ điều khiển", Owner: "Tổng công ty Thử nghiệm", SystemType: "industrial_control", InfoTypes: []string{"private"}, ICSWorkGrade: "II"}}}, 3)
	if both, _ := checklist(composite); !strings.Contains(both, ot) || !strings.Contains(both, web) {
		t.Error("a composite system with a control component lacks one kind of rows")
	}
}

// TestWriteDirRemovesStaleFiles: writing a dossier over one of another level removes the
// documents the new one does not have, so that the folder is the new dossier only.
func TestWriteDirRemovesStaleFiles(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "hoso")
	l4 := input(t, "scada-cap-i.yaml")
	l4.Full = true
	if err := render(t, embedded(t), l4).WriteDir(out); err != nil {
		t.Fatal(err)
	}
	l1 := input(t, "ban-tin-noi-bo.yaml")
	l1.Full = true
	d := render(t, embedded(t), l1)
	if err := d.WriteDir(out); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(out)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	want := append(d.names(), ManifestName)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("folder holds %v, want %v", got, want)
	}
}

// TestNames: the place of central bodies, full issuer names, the files capdo writes.
func TestNames(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"UBND tỉnh Kiên Giang": "Ủy ban nhân dân tỉnh Kiên Giang", "UBND TP. Hồ Chí Minh": "Ủy ban nhân dân thành phố Hồ Chí Minh",
		"Sở Y tế": "Sở Y tế", "[TÊN ĐƠN VỊ]": "[TÊN ĐƠN VỊ]", "HĐND tỉnh Gia Lai": "Hội đồng nhân dân tỉnh Gia Lai"} {
		if got := fullName(in); got != want {
			t.Errorf("fullName(%q) = %q, want %q", in, got, want)
		}
	}
	for _, n := range []string{"to-trinh.docx", "to-trinh.pdf", "to-trinh-phe-duyet.pdf", ChecklistName, ManifestName} {
		if !IsDossierFile(n) {
			t.Errorf("IsDossierFile(%q) = false", n)
		}
	}
	for _, n := range []string{"ghi-chu.txt", "checklist.pdf", "to-trinh (1).docx"} {
		if IsDossierFile(n) {
			t.Errorf("IsDossierFile(%q) = true", n)
		}
	}
	if ContentType("checklist.xlsx") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" || ContentType("a.pdf") != "application/pdf" {
		t.Error("ContentType")
	}
}

// TestBuiltInTemplatesClean: every built-in template loads without a warning (no tracked
// change, comment or mixed formatting) and without a split placeholder.
func TestBuiltInTemplatesClean(t *testing.T) {
	t.Parallel()
	for _, name := range TemplateNames {
		data := templateBytes(t, name)
		tm, errs := loadTemplate(name, data)
		if len(errs) > 0 || len(tm.warnings) > 0 {
			t.Errorf("%s: %v, warnings %q", name, errors.Join(errs...), tm.warnings)
			continue
		}
		if raw := zipPart(t, data, bodyPart); joinSplit(raw) != raw {
			t.Errorf("%s: a placeholder is split across runs", name)
		}
	}
	if e := embedded(t); len(e.Warnings()) > 0 {
		t.Errorf("embedded warnings: %q", e.Warnings())
	}
}
