package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRerate(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "bao-cao.json")
	code, stdout, stderr := capdo(t, "", "rerate", "--out", out, "../../testdata/examples/inventory.csv")
	if code != 1 {
		t.Errorf("exit %d, want 1 (one row failed)", code)
	}
	if !strings.Contains(stderr, "inventory.csv: dòng 7: cột D (system_type)") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("stderr = %q, want one line for row 7", stderr)
	}
	if !strings.Contains(stdout, "1 tăng cấp độ, 1 giảm, 2 giữ nguyên, 1 chưa có cấp độ phê duyệt; 1 dòng lỗi") {
		t.Errorf("stdout = %q", stdout)
	}
	data, err := os.ReadFile(out)
	if err != nil || !strings.Contains(string(data), `"change": "down"`) || !strings.Contains(string(data), `"row": 7`) {
		t.Errorf("report = %s, %v", data, err)
	}

	bad := filepath.Join(dir, "sai.csv")
	os.WriteFile(bad, []byte("ten,owner\n"), 0o600)
	out2 := filepath.Join(dir, "r2.csv")
	if code, stdout, stderr := capdo(t, "", "rerate", "--out", out2, bad); code != 2 || stdout != "" || !strings.Contains(stderr, "«ten» không được hỗ trợ") {
		t.Errorf("bad header: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if _, err := os.Stat(out2); !os.IsNotExist(err) {
		t.Errorf("a report was written for an unreadable inventory")
	}
	if code, _, _ := capdo(t, "", "rerate", "../../testdata/examples/inventory.csv"); code != 2 {
		t.Errorf("without --out: exit %d, want 2", code)
	}
	// A report format capdo cannot write is a usage error, found before any row is rated.
	if code, stdout, stderr := capdo(t, "", "rerate", "--out", filepath.Join(dir, "r.txt"), "../../testdata/examples/inventory.csv"); code != 2 || stdout != "" ||
		!strings.Contains(stderr, "báo cáo phải là tệp .csv, .xlsx hoặc .json") || strings.Contains(stderr, "dòng 7") {
		t.Errorf("--out r.txt: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	// An inventory of another format names the file once.
	ods := filepath.Join(dir, "dm.ods")
	os.WriteFile(ods, []byte("x"), 0o600)
	if code, _, stderr := capdo(t, "", "rerate", "--out", out2, ods); code != 2 || strings.Count(stderr, "dm.ods") != 1 {
		t.Errorf(".ods inventory: exit %d, stderr %q", code, stderr)
	}
}

func TestRerateRefusesToOverwriteTheInventory(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	inv := filepath.Join(dir, "danh-muc.csv")
	data, _ := os.ReadFile("../../testdata/examples/inventory.csv")
	os.WriteFile(inv, data, 0o600)
	code, _, stderr := capdo(t, "", "rerate", "--out", inv, inv)
	after, _ := os.ReadFile(inv)
	if code != 2 || string(after) != string(data) || !strings.Contains(stderr, "chính tệp danh mục") {
		t.Errorf("exit %d, stderr %q; the inventory must be refused as its own report and left as it was", code, stderr)
	}
}

// TestRerateDecree331 re-rates the shared inventory under the provisional Decree 331 set:
// the change column shows who moves, and the rows that lack the new facts say so.
func TestRerateDecree331(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "bao-cao.csv")
	code, stdout, stderr := capdo(t, "", "rerate", "--rules", "d331-2026", "--out", out, "../../testdata/examples/inventory.csv")
	if code != 1 || !strings.Contains(stderr, "dòng 7") {
		t.Errorf("exit %d, stderr %q; want 1 for row 7", code, stderr)
	}
	if !strings.Contains(stdout, "Bộ quy tắc d331-2026: 6 hệ thống — 1 tăng cấp độ, 2 giảm, 1 giữ nguyên, 1 chưa có cấp độ phê duyệt; 1 dòng lỗi") {
		t.Errorf("stdout = %q", stdout)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(data), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"VD-01", "2", "2", "same", "D331.A12.K2.a"},
		{"VD-02", "1", "2", "up", "D331.A12.K1"},
		{"VD-03", "3", "2", "down", "D331.A12.K2.a;D331.A12.K2.b"},
		{"VD-04", "4", "3", "down", "D331.A13.K3"},
		{"VD-05", "", "4", "new", "D331.A14.K3"},
		{"VD-09", "", "", "", ""},
	}
	if len(rows) != len(want)+1 {
		t.Fatalf("%d report rows, want %d", len(rows), len(want)+1)
	}
	for i, w := range want {
		r := rows[i+1]
		got := []string{r[0], r[2], r[3], r[4], r[5]}
		if strings.Join(got, ",") != strings.Join(w, ",") {
			t.Errorf("row %d = %v, want %v", i+2, got, w)
		}
	}
	// VD-03 goes down only because the inventory lacks the Decree 331 facts; it says so.
	if w := rows[3][7]; !strings.Contains(w, "Chưa khai báo «Số chủ thể dữ liệu cá nhân cơ bản»") || !strings.Contains(w, "«Mức độ dịch vụ công trực tuyến» đã được khai báo") {
		t.Errorf("VD-03 warnings = %q", w)
	}
}
