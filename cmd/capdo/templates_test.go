package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTemplatesCommand: `capdo templates check` says which templates of a folder are the
// agency's and which come from the built-in set, warns and exits 0 for a usable folder,
// names the problems and exits 2 otherwise; `capdo templates fields` lists the data model.
func TestTemplatesCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := filepath.Join(dir, "mau")
	os.Mkdir(good, 0o755)
	b, err := os.ReadFile(filepath.Join("..", "..", "templates", "docx", "to-trinh.docx"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(good, "to-trinh.docx"), b, 0o644)
	code, stdout, stderr := capdo(t, "", "templates", "check", good)
	if code != exitOK || !strings.Contains(stdout, "to-trinh.docx") || !strings.Contains(stdout, "mẫu của đơn vị") ||
		!strings.Contains(stdout, "mẫu có sẵn của capdo") || !strings.Contains(stderr, "dùng mẫu có sẵn") {
		t.Errorf("check good: exit %d\n%s\n%s", code, stdout, stderr)
	}

	bad := filepath.Join(dir, "mau-loi")
	os.Mkdir(bad, 0o755)
	os.WriteFile(filepath.Join(bad, "to-trinh.docx"), replaceInPart(t, b, "word/document.xml", "{{SYSTEM_NAME}}", "{{TEN_HE_THONG}}"), 0o644)
	code, stdout, stderr = capdo(t, "", "templates", "check", bad)
	if code != exitInvalid || stdout != "" || !strings.Contains(stderr, "{{TEN_HE_THONG}}") || !strings.Contains(stderr, "to-trinh.docx") {
		t.Errorf("check bad: exit %d\n%s\n%s", code, stdout, stderr)
	}

	code, stdout, _ = capdo(t, "", "templates", "fields")
	for _, s := range []string{"{{SYSTEM_NAME}}", "tên hệ thống", "L45", "requirements", "cột: stt", "ISSUER_SIGNATURE"} {
		if !strings.Contains(stdout, s) {
			t.Errorf("fields lacks %q", s)
		}
	}
	if code != exitOK {
		t.Errorf("fields: exit %d", code)
	}
	if code, _, _ := capdo(t, "", "templates"); code != exitInvalid {
		t.Errorf("no subcommand: exit %d", code)
	}
}
