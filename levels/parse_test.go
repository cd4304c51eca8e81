package levels_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"capdo/levels"
)

func TestParseProfileValid(t *testing.T) {
	t.Parallel()
	src := `# hồ sơ mẫu
id: HT-001
name: "Hệ thống \"QLVB\" & <Sở TT&TT>"
owner: UBND tỉnh Đắk Lắk
system_type: citizen_business
info_types: [public, personal, personal]
online_public_service_level: 3
personal_data_users: 12000
components:
  - name: Phân hệ một cửa
    owner: UBND tỉnh Đắk Lắk
    system_type: internal
    info_types: [private]
`
	p, err := levels.ParseProfile([]byte(src), "hoso.yaml")
	if err != nil {
		t.Fatalf("ParseProfile() failed: %v", err)
	}
	if p.Name != `Hệ thống "QLVB" & <Sở TT&TT>` || p.Owner != "UBND tỉnh Đắk Lắk" {
		t.Errorf("name/owner = %q/%q", p.Name, p.Owner)
	}
	if len(p.InfoTypes) != 2 {
		t.Errorf("info_types = %v, want duplicates dropped", p.InfoTypes)
	}
	if p.OnlinePublicServiceLevel != 3 || p.PersonalDataUsers != 12000 {
		t.Errorf("numbers = %d/%d", p.OnlinePublicServiceLevel, p.PersonalDataUsers)
	}
	if len(p.Components) != 1 || p.Components[0].SystemType != "internal" {
		t.Errorf("components = %+v", p.Components)
	}
}

func TestParseProfileJSON(t *testing.T) {
	t.Parallel()
	src := `{"name": "Cổng dịch vụ công", "owner": "UBND tỉnh", "system_type": "citizen_business",
	"info_types": ["public"], "online_public_service_level": 4.0, "always_on": false}`
	p, err := levels.ParseProfile([]byte(src), "hoso.json")
	if err != nil {
		t.Fatalf("ParseProfile(JSON) failed: %v", err)
	}
	if p.OnlinePublicServiceLevel != 4 {
		t.Errorf("online_public_service_level = %d, want 4 (4.0 accepted as an integer)", p.OnlinePublicServiceLevel)
	}
}

// TestParseProfileInvalid checks that every problem is reported at once, by field, with
// the line where the key was written.
func TestParseProfileInvalid(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		src  string
		want []string // each must appear in one problem line, in order
	}{
		{"empty file", "", []string{"hoso.yaml: tệp rỗng"}},
		{"only a comment", "# nothing\n", []string{"hoso.yaml: tệp rỗng"}},
		{"YAML syntax error names the line", "name: a\nowner: b\n  system_type: [internal\n", []string{"hoso.yaml:3: lỗi cú pháp YAML"}},
		{"not a mapping", "- a\n- b\n", []string{"phải là một đối tượng"}},
		{"unknown key with suggestion", "name: a\nowner: b\nsystem_typ: internal\ninfo_types: [public]\n",
			[]string{"hoso.yaml:3: system_typ: khóa không được hỗ trợ (có phải «system_type»?)"}},
		{"unknown enum lists allowed values", "name: a\nowner: b\nsystem_type: intranet\ninfo_types: [public]\n",
			[]string{"hoso.yaml:3: system_type: giá trị «intranet» không hợp lệ; giá trị hợp lệ: internal, citizen_business, infrastructure, industrial_control, other"}},
		{"unknown info type", "name: a\nowner: b\nsystem_type: internal\ninfo_types: [public, secret]\n",
			[]string{"info_types[1]: giá trị «secret» không hợp lệ; giá trị hợp lệ: public, private, personal, state_secret"}},
		{"negative number", "name: a\nowner: b\nsystem_type: citizen_business\ninfo_types: [personal]\npersonal_data_users: -5\n",
			[]string{"hoso.yaml:5: personal_data_users: không được âm"}},
		{"service level out of range", "name: a\nowner: b\nsystem_type: citizen_business\ninfo_types: [public]\nonline_public_service_level: 5\n",
			[]string{"online_public_service_level: phải từ 0 đến 4"}},
		{"wrong type: string for int", "name: a\nowner: b\nsystem_type: citizen_business\ninfo_types: [public]\npersonal_data_users: nhiều\n",
			[]string{"hoso.yaml:5: personal_data_users: phải là một số nguyên"}},
		{"wrong type: string for bool", "name: a\nowner: b\nsystem_type: internal\ninfo_types: [public]\nalways_on: có\n",
			[]string{"hoso.yaml:5: always_on: phải là true hoặc false"}},
		{"wrong type: list for string", "name: [a, b]\nowner: b\nsystem_type: internal\ninfo_types: [public]\n",
			[]string{"hoso.yaml:1: name: phải là một chuỗi ký tự"}},
		{"state secret without harm or grade", "name: a\nowner: b\nsystem_type: internal\ninfo_types: [state_secret]\n",
			[]string{"security_harm: bắt buộc khi hệ thống xử lý bí mật nhà nước"}},
		{"defence system without harm", "name: a\nowner: b\nsystem_type: other\ninfo_types: [private]\ndefense_security: true\n",
			[]string{"security_harm: bắt buộc"}},
		{"empty info_types", "name: a\nowner: b\nsystem_type: internal\ninfo_types: []\n",
			[]string{"hoso.yaml:4: info_types: bắt buộc, cần ít nhất một loại thông tin"}},
		{"missing required fields all at once", "description: x\n",
			[]string{"name: bắt buộc", "owner: bắt buộc", "system_type: bắt buộc", "info_types: bắt buộc"}},
		{"infrastructure without scope", "name: a\nowner: b\nsystem_type: infrastructure\ninfo_types: [private]\n",
			[]string{"infra_scope: bắt buộc với hệ thống cơ sở hạ tầng thông tin"}},
		{"ICS without work grade", "name: a\nowner: b\nsystem_type: industrial_control\ninfo_types: [private]\n",
			[]string{"ics_work_grade: bắt buộc với hệ thống điều khiển công nghiệp"}},
		{"duplicate key", "name: a\nname: b\nowner: b\nsystem_type: internal\ninfo_types: [public]\n",
			[]string{"hoso.yaml:2: name: khóa bị khai báo hai lần"}},
		{"thousands separator is not a decimal point", "name: a\nowner: b\nsystem_type: citizen_business\ninfo_types: [personal]\npersonal_data_users: 10.000\n",
			[]string{"hoso.yaml:5: personal_data_users: «10.000» có dấu phân cách hàng nghìn; hãy viết liền các chữ số, ví dụ 10000"}},
		{"leading zero is not octal", "name: a\nowner: b\nsystem_type: citizen_business\ninfo_types: [personal]\npersonal_data_users: 012000\n",
			[]string{"hoso.yaml:5: personal_data_users: phải là một số nguyên viết bằng chữ số (không có số 0 ở đầu)"}},
		{"YAML anchors and aliases", "name: &n Hệ thống\nowner: *n\nsystem_type: internal\ninfo_types: [public]\n",
			[]string{"hoso.yaml:1: name: không hỗ trợ tham chiếu YAML", "hoso.yaml:2: owner: không hỗ trợ tham chiếu YAML"}},
		{"unknown key with an empty value", "name: a\nowner: b\nsystem_type: internal\ninfo_types: [public]\nsecurty_harm:\nfoo: ~\n",
			[]string{"hoso.yaml:5: securty_harm: khóa không được hỗ trợ (có phải «security_harm»?)", "hoso.yaml:6: foo: khóa không được hỗ trợ"}},
		{"unknown JSON key with null", `{"name":"a","owner":"b","system_type":"internal","info_types":["public"],"typo_key":null}`,
			[]string{"hoso.yaml:1: typo_key: khóa không được hỗ trợ"}},
		{"parser error names the offending line, not the one before", "name: a\nowner: b\nsystem_type: internal\ninfo_types: [public]\nx: y\n- z\n",
			[]string{"hoso.yaml:6: lỗi cú pháp YAML: thiếu khóa"}},
		{"unclosed list at the end of the file", "name: a\nowner: b\nsystem_type: internal\ninfo_types: [public\n",
			[]string{"hoso.yaml:4: lỗi cú pháp YAML: danh sách […] chưa đóng"}},
		{"unclosed list on a one-line file", "name: [unclosed\n", []string{"hoso.yaml:1: lỗi cú pháp YAML"}},
		{"tab indentation names the tab's line", "name: a\nowner: b\nsystem_type: internal\n\tinfo_types: [public]\n",
			[]string{"hoso.yaml:4: lỗi cú pháp YAML: thụt lề bằng ký tự tab"}},
		{"a second document is not dropped", "name: a\nowner: b\nsystem_type: internal\ninfo_types: [public]\n---\nname: c\n",
			[]string{"hoso.yaml:6: tệp có nhiều hơn một tài liệu YAML"}},
		{"a key that is not a string", "? [a]\n: 1\nname: a\nowner: b\nsystem_type: internal\ninfo_types: [public]\n",
			[]string{"hoso.yaml:1: ?: khóa phải là một chuỗi ký tự"}},
		{"newlines in keys and values stay on one line", `{"name":"a","owner":"b","system_type":"int\nernal","info_types":["public"],"x\ny":1}`,
			[]string{`hoso.yaml:1: x\ny: khóa không được hỗ trợ`, `system_type: giá trị «int\nernal» không hợp lệ`}},
		{"control characters in a name", `{"name":"Hệ thống\u000e A","owner":"Sở\nY tế","system_type":"internal","info_types":["public"],"description":"Dòng 1\nDòng 2\tcột"}`,
			[]string{"name: chứa ký tự điều khiển không in được (U+000E)", "owner: chứa ký tự điều khiển không in được (U+000A)"}},
		{"problem inside a component", "name: a\nowner: b\nsystem_type: internal\ninfo_types: [public]\ncomponents:\n  - name: c\n    owner: b\n    system_type: internal\n    info_types: [public]\n    users: 3\n",
			[]string{"hoso.yaml:10: components[0].users: khóa không được hỗ trợ"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := levels.ParseProfile([]byte(c.src), "hoso.yaml")
			var ie *levels.InvalidError
			if !errors.As(err, &ie) {
				t.Fatalf("ParseProfile() error = %v, want *InvalidError", err)
			}
			if !errors.Is(err, levels.ErrInvalid) {
				t.Errorf("errors.Is(err, ErrInvalid) = false")
			}
			lines := ie.Lines()
			i := 0
			for _, l := range lines {
				if i < len(c.want) && strings.Contains(l, c.want[i]) {
					i++
				}
			}
			if i < len(c.want) {
				t.Errorf("problems:\n  %s\nmissing %q", strings.Join(lines, "\n  "), c.want[i])
			}
		})
	}
}

func TestParseCount(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]int64{"0": 0, "10000": 10000, "320000.0": 320000, " 42 ": 42, "-3": -3} {
		if got, err := levels.ParseCount(in); err != nil || got != want {
			t.Errorf("ParseCount(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"10.000", "320,000", "1.234.567", "012000", "0x10", "1_000", "1e4", "10.5", "", "nhiều", "99999999999999999999"} {
		if got, err := levels.ParseCount(in); err == nil {
			t.Errorf("ParseCount(%q) = %d, want an error", in, got)
		}
	}
}

// TestParseProfileNFC: text typed in decomposed Unicode (as some systems store it) is
// stored composed, so the same owner compares equal.
func TestParseProfileNFC(t *testing.T) {
	t.Parallel()
	composed := "UBND tỉnh Kiên Giang"
	decomposed := norm.NFD.String(composed)
	if decomposed == composed {
		t.Fatal("test setup: NFD equals NFC")
	}
	src := "name: Hệ thống\nowner: " + decomposed + "\nsystem_type: internal\ninfo_types: [public]\ncomponents:\n  - {name: A, owner: " + composed + ", system_type: internal, info_types: [public]}\n"
	p, err := levels.ParseProfile([]byte(src), "x")
	if err != nil {
		t.Fatal(err)
	}
	if p.Owner != composed {
		t.Errorf("owner = %q, want NFC %q", p.Owner, composed)
	}
	rs := mustOpen(t)
	d, err := rs.Classify(context.Background(), &p)
	if err != nil || len(d.Warnings) != 0 {
		t.Errorf("warnings = %q, %v; want none (the component has the same owner)", d.Warnings, err)
	}
}

func TestParseProfileLimits(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("name: a\nowner: b\nsystem_type: internal\ninfo_types: [public]\ncomponents:\n")
	for i := 0; i < levels.MaxComponents+1; i++ {
		b.WriteString("  - {name: c, owner: b, system_type: internal, info_types: [public]}\n")
	}
	if _, err := levels.ParseProfile([]byte(b.String()), "x"); err == nil || !strings.Contains(err.Error(), "quá 200") {
		t.Errorf("too many components: error = %v", err)
	}
	deep := "name: a\nowner: b\nsystem_type: internal\ninfo_types: [public]\n"
	nest := deep
	for i := 0; i < levels.MaxComponentDepth+1; i++ {
		nest = strings.ReplaceAll(deep, "\n", "\n") + "components:\n" + indent(nest, "  - ")
	}
	if _, err := levels.ParseProfile([]byte(nest), "x"); err == nil || !strings.Contains(err.Error(), "lồng nhau") {
		t.Errorf("too deep: error = %v", err)
	}
	big := make([]byte, levels.MaxProfileBytes+1)
	if _, err := levels.ParseProfile(big, "x"); err == nil || !strings.Contains(err.Error(), "quá lớn") {
		t.Errorf("too big: error = %v", err)
	}
}

// indent turns a mapping document into one item of a YAML list.
func indent(doc, first string) string {
	lines := strings.Split(strings.TrimRight(doc, "\n"), "\n")
	pad := strings.Repeat(" ", len(first))
	for i := range lines {
		if i == 0 {
			lines[i] = first + lines[i]
		} else {
			lines[i] = pad + lines[i]
		}
	}
	return strings.Join(lines, "\n") + "\n"
}

func TestFieldByLabel(t *testing.T) {
	t.Parallel()
	for label, want := range map[string]string{
		"Tên hệ thống": "name", "  loại   HỆ THỐNG ": "system_type", "Cấp độ đã phê duyệt": "approved_level",
	} {
		if got, ok := levels.FieldByLabel(label); !ok || got != want {
			t.Errorf("FieldByLabel(%q) = %q, %v; want %q", label, got, ok, want)
		}
	}
	if _, ok := levels.FieldByLabel("không có"); ok {
		t.Errorf("FieldByLabel(unknown) = ok")
	}
}
