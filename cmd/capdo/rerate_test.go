package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRerate(t *testing.T) {
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
