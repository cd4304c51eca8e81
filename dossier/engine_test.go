package dossier

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"

	"capdo/levels"
	"capdo/templates"
)

// TestTemplateContract checks every built-in template: each placeholder is in the data
// model and typed inside a single text node, so the templates do not depend on the
// load-time repair of split placeholders.
func TestTemplateContract(t *testing.T) {
	t.Parallel()
	for _, name := range Names {
		t.Run(name, func(t *testing.T) {
			data, err := fs.ReadFile(templates.DOCX, "docx/"+name)
			if err != nil {
				t.Fatal(err)
			}
			if _, errs := loadTemplate(name, data); len(errs) > 0 {
				t.Fatalf("loadTemplate: %v", errors.Join(errs...))
			}
			zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, f := range zr.File {
				if !templated(f.Name) {
					continue
				}
				raw := zipPart(t, data, f.Name)
				if joinSplit(raw) != raw {
					t.Errorf("%s: a placeholder is split across runs in the generated template", f.Name)
				}
				for _, m := range textRe.FindAllStringSubmatch(raw, -1) {
					content := m[2]
					if strings.Count(content, "{{") != strings.Count(content, "}}") {
						t.Errorf("%s: text node %q holds an incomplete placeholder", f.Name, content)
					}
					for _, ph := range spanRe.FindAllString(content, -1) {
						n++
						if _, problem := parseToken(ph); problem != "" {
							t.Errorf("%s: %s: %s", f.Name, ph, problem)
						}
					}
				}
			}
			if n == 0 {
				t.Error("template has no placeholders")
			}
		})
	}
}

// TestModelComplete checks that the data model gives a value to every documented field,
// condition and collection column, so a template never meets a name without a value.
func TestModelComplete(t *testing.T) {
	t.Parallel()
	for _, prof := range []string{"ban-tin-noi-bo.yaml", "he-thong-co-phan-he.yaml", "van-ban-mat.yaml", "scada-cap-i.yaml"} {
		m, err := buildModel(input(t, prof))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := slices.Sorted(maps.Keys(m.fields)), slices.Sorted(maps.Keys(fieldDocs)); !slices.Equal(got, want) {
			t.Errorf("%s: fields %v, documented %v", prof, got, want)
		}
		if got, want := slices.Sorted(maps.Keys(m.conds)), slices.Sorted(maps.Keys(conditionDocs)); !slices.Equal(got, want) {
			t.Errorf("%s: conditions %v, documented %v", prof, got, want)
		}
		for name, keys := range collectionKeys {
			for i, row := range m.lists[name] {
				if got := slices.Sorted(maps.Keys(row)); !slices.Equal(got, slices.Sorted(slices.Values(keys))) {
					t.Errorf("%s: %s[%d] has columns %v, want %v", prof, name, i, got, keys)
				}
			}
		}
	}
}

// TestRenderSamples renders every sample profile and checks what each document must say.
func TestRenderSamples(t *testing.T) {
	t.Parallel()
	e := embedded(t)
	tests := []struct {
		profile string
		level   int
		want    map[string][]string // document → texts it must contain
		dont    map[string][]string // document → texts it must not contain
	}{
		{"ban-tin-noi-bo.yaml", 1,
			map[string][]string{"du-thao-quyet-dinh.docx": {"[TÊN ĐƠN VỊ CHUYÊN TRÁCH VỀ AN TOÀN THÔNG TIN]", "BỘ TÀI CHÍNH", "Cấp độ 1"},
				"phuong-an-bao-dam-attt.docx": {"giải pháp bảo đảm an toàn thông tin dùng chung"}},
			map[string][]string{"phuong-an-bao-dam-attt.docx": {"Phân vùng mạng tối thiểu"}, "to-trinh.docx": {"ý kiến chuyên môn"}}},
		{"dich-vu-cong-tinh.yaml", 3,
			map[string][]string{"to-trinh.docx": {"Kính gửi: [TÊN ĐƠN VỊ CHUYÊN TRÁCH VỀ AN TOÀN THÔNG TIN CỦA UBND TỈNH KIÊN GIANG].", "Kiên Giang, ngày 05 tháng 3 năm 2026", "CẤP ĐỘ 3", "15 ngày"},
				"thuyet-minh-de-xuat-cap-do.docx": {"điểm a, điểm c khoản 2 Điều 9 Nghị định số 85/2016/NĐ-CP", "320.000", "ĐỀ XUẤT: CẤP ĐỘ 3"},
				"phuong-an-ung-pho-su-co.docx":    {"Phụ lục III Thông tư 20/2017/TT-BTTTT", "05 ngày", "Phụ lục 2"},
				"du-thao-quyet-dinh.docx":         {"ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG", "theo chu kỳ: định kỳ hằng năm"}},
			map[string][]string{"thuyet-minh-de-xuat-cap-do.docx": {"CẤP ĐỘ 4, CẤP ĐỘ 5"}, "to-trinh.docx": {"MẬT", "ý kiến chuyên môn"},
				"phuong-an-ung-pho-su-co.docx": {"Phụ lục II Quyết định 05/2017/QĐ-TTg", "Tấn công vào hệ thống điều khiển"}}},
		{"he-thong-co-phan-he.yaml", 3,
			map[string][]string{"thuyet-minh-de-xuat-cap-do.docx": {"Hệ thống thành phần", "Phân hệ tuyển sinh trực tuyến", "Phân hệ quản lý cán bộ", "khoản 2 Điều 5 Nghị định số 85/2016/NĐ-CP"}}, nil},
		{"van-ban-mat.yaml", 3,
			map[string][]string{"to-trinh.docx": {"MẬT", "chỉ độ mật"}, "du-thao-quyet-dinh.docx": {"MẬT"}}, nil},
		{"scada-cap-i.yaml", 4,
			map[string][]string{"to-trinh.docx": {"Kính gửi: [CƠ QUAN THẨM ĐỊNH HỒ SƠ CẤP ĐỘ 4–5].", "điểm d khoản 1 Điều 14", "01 bản chính và 04 bản sao", "30 ngày"},
				"thuyet-minh-de-xuat-cap-do.docx": {"3. Nội dung bổ sung đối với hệ thống cấp độ 4, cấp độ 5", "Luận chứng yêu cầu vận hành 24/7"},
				"phuong-an-bao-dam-attt.docx":     {"tính sẵn sàng cao", "chống tấn công từ chối dịch vụ"},
				"phuong-an-ung-pho-su-co.docx":    {"Phụ lục II Quyết định 05/2017/QĐ-TTg", "[suy luận, cần kiểm chứng]", "Tấn công vào hệ thống điều khiển"},
				"du-thao-quyet-dinh.docx":         {"Cấp độ 4", "TỔNG CÔNG TY PHÁT ĐIỆN 3"}},
			map[string][]string{"phuong-an-bao-dam-attt.docx": {"dùng chung"}, "du-thao-quyet-dinh.docx": {"danh mục hệ thống thông tin cấp độ 5 do Thủ tướng Chính phủ phê duyệt"}}},
	}
	for _, tt := range tests {
		t.Run(tt.profile, func(t *testing.T) {
			in := input(t, tt.profile)
			if in.Decision.Level != tt.level {
				t.Fatalf("level %d, want %d", in.Decision.Level, tt.level)
			}
			d := render(t, e, in)
			if len(d.Files) != len(Names) {
				t.Fatalf("%d files, want %d", len(d.Files), len(Names))
			}
			for i, f := range d.Files {
				if f.Name != Names[i] {
					t.Errorf("file %d is %s, want %s", i, f.Name, Names[i])
				}
				txt := bodyText(t, f)
				for _, s := range []string{in.Profile.Name, in.Profile.Owner} {
					if !strings.Contains(txt, s) {
						t.Errorf("%s does not name %q", f.Name, s)
					}
				}
				for _, s := range tt.want[f.Name] {
					if !strings.Contains(txt, s) {
						t.Errorf("%s lacks %q", f.Name, s)
					}
				}
				for _, s := range tt.dont[f.Name] {
					if strings.Contains(txt, s) {
						t.Errorf("%s has %q", f.Name, s)
					}
				}
			}
		})
	}
}

// TestLevelFive checks the level-5 decision: it approves the protection plan and leaves the
// level to the Prime Minister's list.
func TestLevelFive(t *testing.T) {
	t.Parallel()
	in := inputFor(t, levels.Profile{Name: "Hệ thống thử nghiệm cấp độ 5", Owner: "Bộ Công an",
		SystemType: "infrastructure", InfoTypes: []string{"private"}, InfraScope: "international"})
	if in.Decision.Level != 5 {
		t.Fatalf("level %d, want 5", in.Decision.Level)
	}
	d := render(t, embedded(t), in)
	dec := bodyText(t, d.Files[4])
	for _, s := range []string{"Phê duyệt phương án bảo đảm an toàn thông tin của hệ thống thông tin\ncấp độ 5", "Thủ tướng Chính phủ"} {
		if !strings.Contains(dec, s) {
			t.Errorf("decision lacks %q", s)
		}
	}
	if strings.Contains(dec, "Phê duyệt cấp độ an toàn hệ thống thông tin đối với") {
		t.Error("a level-5 decision approves the level itself")
	}
	// Bộ Công an appraises the systems it manages (Art. 12.3.c), its own included: the
	// request goes to its appraising unit, never to the owner itself.
	if tt := bodyText(t, d.Files[0]); !strings.Contains(tt, "Kính gửi: [ĐƠN VỊ ĐƯỢC GIAO THẨM ĐỊNH THUỘC BỘ CÔNG AN].") {
		t.Error("a system owned by Bộ Công an is not addressed to its appraising unit (Art. 12.3.c)")
	}
	if plan := bodyText(t, d.Files[2]); !strings.Contains(plan, "06 tháng") {
		t.Error("level-5 plan lacks the 6-month inspection cycle")
	}
}

// TestRequirementsCumulative checks that the requirement table of level N holds exactly
// the catalogue's requirements from level 1 to N.
func TestRequirementsCumulative(t *testing.T) {
	t.Parallel()
	cat, err := loadCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	in := input(t, "dich-vu-cong-tinh.yaml")
	for lvl := 1; lvl <= 5; lvl++ {
		m := &model{fields: map[string]string{}, conds: map[string]bool{}, lists: map[string][]map[string]string{}}
		requirements(m, cat, lvl)
		want := 0
		for _, g := range cat.Groups {
			for _, r := range g.Requirements {
				// Cumulative, but for a requirement a higher level replaces (until).
				if r.Level <= lvl && (r.Until == 0 || lvl <= r.Until) {
					want++
				}
			}
		}
		if got := len(m.lists["requirements"]); got != want || m.fields["REQUIREMENT_COUNT"] != fmt.Sprint(want) {
			t.Errorf("level %d: %d requirements (count %s), want %d", lvl, got, m.fields["REQUIREMENT_COUNT"], want)
		}
		if lvl == in.Decision.Level {
			plan := bodyText(t, render(t, embedded(t), in).Files[2])
			for _, g := range cat.Groups {
				for _, r := range g.Requirements {
					if got := strings.Contains(plan, r.Text); got != r.appliesTo(lvl) {
						t.Errorf("level %d plan: requirement %q of level %d present = %v", lvl, r.Text, r.Level, got)
					}
				}
			}
		}
	}
}

// TestRequirementGroupTitles checks that the group headings the template generator writes
// are the catalogue's group titles.
func TestRequirementGroupTitles(t *testing.T) {
	t.Parallel()
	cat, err := loadCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	plan := bodyText(t, render(t, embedded(t), input(t, "ban-tin-noi-bo.yaml")).Files[2])
	for i, g := range cat.Groups {
		if h := fmt.Sprintf("%d. %s", i+1, g.Title); !strings.Contains(plan, h) {
			t.Errorf("plan lacks the group heading %q", h)
		}
	}
}

func TestRenderRefuses(t *testing.T) {
	t.Parallel()
	e := embedded(t)
	undetermined := inputFor(t, levels.Profile{Name: "Hệ thống khác", Owner: "Sở Tài chính", SystemType: "other", InfoTypes: []string{"public"}})
	if undetermined.Decision.Level != 0 {
		t.Fatalf("level %d, want 0", undetermined.Decision.Level)
	}
	mismatch := input(t, "dich-vu-cong-tinh.yaml")
	mismatch.Decision.Name = "Hệ thống khác"
	noRules := input(t, "dich-vu-cong-tinh.yaml")
	noRules.RuleSet = nil
	for _, tt := range []struct {
		name string
		in   Input
		want string
	}{
		{"level 0", undetermined, ErrUndetermined.Error()},
		{"decision of another system", mismatch, "không thuộc hệ thống"},
		{"no rule set", noRules, "thiếu bộ quy tắc"},
	} {
		d, err := e.Render(context.Background(), tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) || d != nil {
			t.Errorf("%s: Render = %v, %v; want an error containing %q", tt.name, d, err, tt.want)
		}
	}
	if _, err := e.Render(context.Background(), undetermined); !errors.Is(err, ErrUndetermined) {
		t.Errorf("level 0: error %v is not ErrUndetermined", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.Render(ctx, input(t, "dich-vu-cong-tinh.yaml")); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: error %v", err)
	}
}

// TestParallelRender renders different profiles from many goroutines at once (run it with
// -race): each dossier names its own system and no other.
func TestParallelRender(t *testing.T) {
	t.Parallel()
	e := embedded(t)
	profiles := []string{"ban-tin-noi-bo.yaml", "cong-thong-tin-so.yaml", "dich-vu-cong-tinh.yaml", "he-thong-co-phan-he.yaml",
		"quan-ly-van-ban.yaml", "scada-cap-i.yaml", "trung-tam-du-lieu.yaml", "van-ban-mat.yaml"}
	inputs := make([]Input, len(profiles))
	for i, p := range profiles {
		inputs[i] = input(t, p)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 4 {
				in := inputs[(g+k)%len(inputs)]
				d, err := e.Render(context.Background(), in)
				if err != nil {
					errs <- err
					return
				}
				for _, f := range d.Files {
					body := zipPart(t, f.Data, bodyPart)
					for _, other := range inputs {
						if has := strings.Contains(body, other.Profile.Name); has != (other.Profile.Name == in.Profile.Name) {
							errs <- fmt.Errorf("%s of %q: mentions %q = %v", f.Name, in.Profile.Name, other.Profile.Name, has)
						}
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
