package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"capdo/levels"
)

// capdo runs the command in-process and returns its exit status and output.
func capdo(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

var expectRe = regexp.MustCompile(`^# Expected: level (\d)`)
var ruleIDRe = regexp.MustCompile(`D85\.[A-Z0-9.]+[A-Za-z0-9]`)

// TestClassifyExamples checks that every sample profile of testdata/examples classifies to
// the level and the decisive rules written in its first line.
func TestClassifyExamples(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob("../../testdata/examples/*.yaml")
	if len(files) < 8 {
		t.Fatalf("found %d sample profiles, want at least 8", len(files))
	}
	for _, f := range files {
		t.Run(f, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			first, _, _ := strings.Cut(string(data), "\n")
			m := expectRe.FindStringSubmatch(first)
			if m == nil {
				t.Fatalf("first line %q names no expected level", first)
			}
			wantLevel, _ := strconv.Atoi(m[1])
			wantRules := ruleIDRe.FindAllString(first, -1)

			code, stdout, stderr := capdo(t, "", "classify", "--format", "json", f)
			if code != 0 {
				t.Fatalf("exit %d, stderr: %s", code, stderr)
			}
			var d levels.Decision
			if err := json.Unmarshal([]byte(stdout), &d); err != nil {
				t.Fatalf("output is not JSON: %v\n%s", err, stdout)
			}
			if d.Level != wantLevel {
				t.Errorf("level = %d, want %d", d.Level, wantLevel)
			}
			slices.Sort(wantRules)
			got := slices.Clone(d.Decisive)
			slices.Sort(got)
			if !slices.Equal(got, wantRules) {
				t.Errorf("decisive rules = %v, want %v", got, wantRules)
			}
		})
	}
}

func TestClassifyJSONShape(t *testing.T) {
	t.Parallel()
	code, stdout, _ := capdo(t, "", "classify", "--format=json", "../../testdata/examples/he-thong-co-phan-he.yaml")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var raw map[string]any
	if err := json.Unmarshal([]byte(stdout), &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"name", "level", "rule_set", "reasons", "warnings"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("JSON has no %q key (contract §3)", k)
		}
	}
	if raw["rule_set"] != "d85-2016" {
		t.Errorf("rule_set = %v", raw["rule_set"])
	}
	reasons := raw["reasons"].([]any)
	first := reasons[0].(map[string]any)
	for _, k := range []string{"rule", "level", "citation", "message"} {
		if _, ok := first[k]; !ok {
			t.Errorf("reason has no %q key", k)
		}
	}
	if first["rule"] != "D85.A5.K2" || first["citation"] != "Khoản 2 Điều 5 Nghị định 85/2016/NĐ-CP" {
		t.Errorf("first reason = %v, want the highest-component principle", first)
	}
	if !strings.Contains(stdout, "Phân hệ tuyển sinh trực tuyến") {
		t.Errorf("reasons do not name the component that decided the level")
	}
}

func TestClassifyText(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := capdo(t, "", "classify", "../../testdata/examples/van-ban-mat.yaml")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{"CẤP ĐỘ 3", "Khoản 1 Điều 9 Nghị định 85/2016/NĐ-CP", "[D85.A9.K1]", "Hệ thống soạn thảo văn bản mật", "Lưu ý về bộ quy tắc"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("text output lacks %q:\n%s", want, stdout)
		}
	}
}

func TestClassifyStdinAndWarnings(t *testing.T) {
	t.Parallel()
	profile := `{"name": "Văn bản mật", "owner": "Sở Nội vụ", "system_type": "internal", "info_types": ["state_secret"], "secret_grade": "toi_mat"}`
	code, stdout, _ := capdo(t, profile, "classify", "--format", "json", "-")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var d levels.Decision
	if err := json.Unmarshal([]byte(stdout), &d); err != nil {
		t.Fatal(err)
	}
	if d.Level != 4 || len(d.Warnings) != 1 || !strings.Contains(d.Warnings[0], "Suy đoán") {
		t.Errorf("level %d, warnings %q; want 4 with one warning that the harm was inferred", d.Level, d.Warnings)
	}
	code, stdout, _ = capdo(t, `{"name": "Thử nghiệm", "owner": "Viện", "system_type": "other", "info_types": ["private"]}`, "classify", "--format", "json", "-")
	if code != 0 || !strings.Contains(stdout, `"level": 0`) || !strings.Contains(stdout, `"reasons": []`) || !strings.Contains(stdout, "cần quyết định cấp độ thủ công") {
		t.Errorf("no criterion: exit %d, output %s; want level 0, an empty reasons array and a manual-decision warning", code, stdout)
	}
}

func TestClassifyInvalid(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bad := filepath.Join(dir, "sai.yaml")
	os.WriteFile(bad, []byte("name: a\nowner: b\nsystem_type: intranet\ninfo_types: []\nusers: 5\n"), 0o600)
	for _, c := range []struct {
		name string
		args []string
		want []string
	}{
		{"problems by field and line", []string{"classify", bad}, []string{
			bad + ":3: system_type: giá trị «intranet» không hợp lệ",
			bad + ":4: info_types: bắt buộc",
			bad + ":5: users: khóa không được hỗ trợ"}},
		{"json format too", []string{"classify", "--format", "json", bad}, []string{"system_type"}},
		{"missing file", []string{"classify", filepath.Join(dir, "khong-co.yaml")}, []string{"không đọc được tệp"}},
		{"no file", []string{"classify"}, []string{"cần đúng một tệp hồ sơ"}},
		{"bad format", []string{"classify", "--format", "xml", bad}, []string{"--format phải là text hoặc json"}},
		{"unknown rule set", []string{"classify", "--rules", "d999", bad}, []string{"không tìm thấy bộ quy tắc «d999»"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := capdo(t, "", c.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if stdout != "" {
				t.Errorf("stdout = %q, want nothing", stdout)
			}
			for _, w := range c.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
		})
	}
	// One line per problem.
	_, _, stderr := capdo(t, "", "classify", bad)
	if n := strings.Count(strings.TrimSpace(stderr), "\n") + 1; n != 3 {
		t.Errorf("stderr has %d lines, want one per problem (3):\n%s", n, stderr)
	}
}

func TestUsage(t *testing.T) {
	t.Parallel()
	if code, _, stderr := capdo(t, "", "frobnicate"); code != 2 || !strings.Contains(stderr, "lệnh không xác định") {
		t.Errorf("unknown command: exit %d, stderr %q", code, stderr)
	}
	if code, stdout, _ := capdo(t, "", "--help"); code != 0 || !strings.Contains(stdout, "capdo classify") {
		t.Errorf("--help: exit %d", code)
	}
	// A command's help says its defaults in Vietnamese, each once.
	if code, _, stderr := capdo(t, "", "serve", "--help"); code != 0 ||
		!strings.Contains(stderr, "giới hạn thân mọi yêu cầu là 8 MB, hoặc giá trị này cộng 1 MB khi lớn hơn 7 (mặc định 7)") ||
		strings.Contains(stderr, "(default") {
		t.Errorf("serve --help: exit %d\n%s", code, stderr)
	}
	// No command at all is a mistake: the usage goes to standard error, nothing to stdout.
	if code, stdout, stderr := capdo(t, ""); code != 2 || stdout != "" || !strings.Contains(stderr, "capdo classify") {
		t.Errorf("no arguments: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}
