package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"capdo/levels"
)

// atDay sets the day the transition notices are written for, for one test.
func atDay(t *testing.T, day string) {
	t.Helper()
	d, err := time.Parse(time.DateOnly, day)
	if err != nil {
		t.Fatal(err)
	}
	old := clock
	clock = func() time.Time { return d.Add(2 * time.Hour) } // 09:00 in Vietnam
	t.Cleanup(func() { clock = old })
}

const transitionalProfile = `{"name": "Cổng dịch vụ công mới", "owner": "UBND tỉnh A", "system_type": "citizen_business",
	"info_types": ["public", "personal"], "personal_data_users": 250000, "transitional": true}`

// The default stays d85-2016 (docs/contract.md §2); after Decree 85 lapsed the text says which set
// is in force, and warns when the system is not transitional or the Art. 39.1 deadline
// has passed. JSON stays the contract's object, the warning on standard error.
func TestClassify_TransitionNotices(t *testing.T) {
	const plain = "../../testdata/examples/dich-vu-cong-tinh.yaml"
	for _, c := range []struct {
		name, day, stdin, file string
		args                   []string
		want, not              []string
	}{
		{name: "before the transition", day: "2026-03-02", file: plain, not: []string{"Chuyển tiếp sang Nghị định 331/2026/NĐ-CP:"}},
		{name: "a plain system after it", day: "2026-12-03", file: plain, want: []string{
			"Chuyển tiếp sang Nghị định 331/2026/NĐ-CP:", "Ngày 03/12/2026 đang áp dụng bộ quy tắc d331-2026", "(dùng --rules d331-2026)",
			"! Ngày 03/12/2026 Nghị định 85/2016/NĐ-CP đã hết hiệu lực", "không khai báo transitional: true", "01/01/2027"}},
		{name: "a transitional system", day: "2026-12-03", stdin: transitionalProfile, file: "-",
			// The fact that lets Decree 85 apply is no fact the set ignores (levels.Field.Procedural).
			want: []string{"đang áp dụng bộ quy tắc d331-2026"}, not: []string{"! Ngày 03/12/2026", "«Đang đầu tư, xây dựng trước ngày 01/7/2026» đã được khai báo"}},
		{name: "a transitional system past the deadline", day: "2027-01-02", stdin: transitionalProfile, file: "-",
			want: []string{"! Ngày 02/01/2027 đã quá thời hạn 01/01/2027 của khoản 1 Điều 39"}},
		{name: "under Decree 331", day: "2026-12-03", file: plain, args: []string{"--rules", "d331-2026"}, not: []string{"Chuyển tiếp sang Nghị định 331/2026/NĐ-CP:"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			atDay(t, c.day)
			code, stdout, stderr := capdo(t, c.stdin, append(append([]string{"classify"}, c.args...), c.file)...)
			if code != exitOK || stderr != "" {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			for _, w := range c.want {
				if !strings.Contains(stdout, w) {
					t.Errorf("text lacks %q:\n%s", w, stdout)
				}
			}
			for _, w := range c.not {
				if strings.Contains(stdout, w) {
					t.Errorf("text has %q:\n%s", w, stdout)
				}
			}
		})
	}
	atDay(t, "2026-12-03")
	code, stdout, stderr := capdo(t, "", "classify", "--format", "json", plain)
	var d levels.Decision
	if code != exitOK || json.Unmarshal([]byte(stdout), &d) != nil || d.RuleSet != "d85-2016" {
		t.Fatalf("json: exit %d\n%s", code, stdout)
	}
	if !strings.HasPrefix(stderr, "capdo classify: cảnh báo: Ngày 03/12/2026 Nghị định 85/2016/NĐ-CP đã hết hiệu lực") || strings.Contains(stdout, "Chuyển tiếp sang") {
		t.Errorf("json: the warning belongs on standard error: %q", stderr)
	}
}

// `capdo dossier` warns by the dossier's date: a Decree 85 dossier after 30/06/2026 for a
// system not declared transitional (nor --transitional), and a profile that declares it
// without --transitional, whose recitals then omit Art. 39.1.
func TestDossier_TransitionWarnings(t *testing.T) {
	atDay(t, "2026-03-02")
	for _, c := range []struct {
		name, stdin, file string
		args              []string
		want, not         []string
	}{
		{name: "dated before", file: "../../testdata/examples/dich-vu-cong-tinh.yaml", args: []string{"--date", "2026-06-30"}, not: []string{"hết hiệu lực"}},
		{name: "dated after, not transitional", file: "../../testdata/examples/dich-vu-cong-tinh.yaml", args: []string{"--date", "2026-12-10"},
			want: []string{"Cảnh báo: Ngày 10/12/2026 Nghị định 85/2016/NĐ-CP đã hết hiệu lực", "--rules d331-2026"}},
		{name: "dated after, --transitional", file: "../../testdata/examples/dich-vu-cong-tinh.yaml", args: []string{"--date", "2026-12-10", "--transitional"},
			not: []string{"hết hiệu lực [nguồn thứ cấp]; nó chỉ còn"}},
		{name: "the profile says so, the flag does not", stdin: transitionalProfile, file: "-", args: []string{"--date", "2026-12-10"},
			want: []string{"khai báo transitional: true nhưng lệnh không có --transitional"}, not: []string{"nó chỉ còn dùng"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "hoso")
			args := append(append([]string{"dossier"}, c.args...), "--out", out, c.file)
			code, stdout, stderr := capdo(t, c.stdin, args...)
			if code != exitOK {
				t.Fatalf("exit %d, stderr:\n%s", code, stderr)
			}
			for _, w := range c.want {
				if !strings.Contains(stdout, w) {
					t.Errorf("output lacks %q:\n%s", w, stdout)
				}
			}
			for _, w := range c.not {
				if strings.Contains(stdout, w) {
					t.Errorf("output has %q:\n%s", w, stdout)
				}
			}
		})
	}
}
