package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"capdo/dossier"
)

// TestDossierCommand runs `capdo dossier` in-process on a sample profile and checks the
// five documents and the manifest's hashes.
func TestDossierCommand(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "hoso")
	code, stdout, stderr := capdo(t, "", "dossier", "--date", "2026-03-05", "--out", out, "../../testdata/examples/dich-vu-cong-tinh.yaml")
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "CẤP ĐỘ 3") {
		t.Errorf("stdout does not give the level:\n%s", stdout)
	}
	var m dossier.Manifest
	data, err := os.ReadFile(filepath.Join(out, dossier.ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	// The contract's keys, by name.
	var raw map[string]any
	json.Unmarshal(data, &raw)
	for _, k := range []string{"system", "level", "rule_set", "generated_at", "files"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("manifest.json lacks %q", k)
		}
	}
	if m.System != "Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Kiên Giang" || m.Level != 3 || m.RuleSet != "d85-2016" || m.Templates != "embedded" {
		t.Errorf("manifest %+v", m)
	}
	entries, _ := os.ReadDir(out)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	// The five documents of the contract first, in their order, then what a level-3
	// dossier adds: the draft appraisal result, the request for approval, the checklist.
	level3 := append(slices.Clone(dossier.Names), "du-thao-ket-qua-tham-dinh.docx", "to-trinh-phe-duyet.docx", dossier.ChecklistName)
	if want := slices.Sorted(slices.Values(append(slices.Clone(level3), dossier.ManifestName))); !slices.Equal(names, want) {
		t.Errorf("out holds %v, want %v", names, want)
	}
	if len(m.Files) != len(level3) {
		t.Fatalf("manifest lists %d files, want %d", len(m.Files), len(level3))
	}
	for i, f := range m.Files {
		b, err := os.ReadFile(filepath.Join(out, f.Name))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		if f.Name != level3[i] || f.SHA256 != hex.EncodeToString(sum[:]) || f.Title == "" {
			t.Errorf("manifest entry %+v does not match %s", f, f.Name)
		}
		if _, err := zip.NewReader(bytes.NewReader(b), int64(len(b))); err != nil {
			t.Errorf("%s: %v", f.Name, err)
		}
	}
}

// TestDossierCommandWritesNothingOnFailure checks the exit status and that --out is left
// untouched when the profile is invalid, the level is undetermined, the agency's templates
// are broken or missing, --out holds other files, or the rule set (an agency's file that
// names no family) has no built-in templates.
func TestDossierCommandWritesNothingOnFailure(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	invalid := write("invalid.yaml", "name: X\nowner: Y\nsystem_type: internal\ninfo_types: [public]\nusers: 3\n")
	undetermined := write("other.yaml", "name: Hệ thống khác\nowner: Sở Tài chính\nsystem_type: other\ninfo_types: [public]\n")
	good := "../../testdata/examples/dich-vu-cong-tinh.yaml"
	noTemplates := ruleFileWithoutTemplates(t)

	broken := filepath.Join(dir, "mau-loi")
	partial := filepath.Join(dir, "mau-thieu")
	for _, d := range []string{broken, partial} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	tmpl := filepath.Join("..", "..", "templates", "docx")
	for _, n := range dossier.Names {
		b, err := os.ReadFile(filepath.Join(tmpl, n))
		if err != nil {
			t.Fatal(err)
		}
		if n == "phuong-an-ung-pho-su-co.docx" {
			// An unknown placeholder typed into the body of the fourth template.
			b = replaceInPart(t, b, "word/document.xml", "{{SYSTEM_NAME}}", "{{TEN_HE_THONG}}")
		}
		os.WriteFile(filepath.Join(broken, n), b, 0o644)
		if n != "du-thao-quyet-dinh.docx" {
			os.WriteFile(filepath.Join(partial, n), b, 0o644)
		}
	}
	foreign := filepath.Join(dir, "foreign")
	os.Mkdir(foreign, 0o755)
	os.WriteFile(filepath.Join(foreign, "ghi-chu.txt"), []byte("x"), 0o644)

	tests := []struct {
		name   string
		args   []string
		out    string
		code   int
		stderr []string
	}{
		{"invalid profile", []string{invalid}, filepath.Join(dir, "o1"), exitInvalid, []string{"users"}},
		{"undetermined level", []string{undetermined}, filepath.Join(dir, "o2"), exitFailure, []string{"cấp độ chưa xác định"}},
		{"broken agency template", []string{"--templates", broken, good}, filepath.Join(dir, "o3"), exitInvalid, []string{"phuong-an-ung-pho-su-co.docx", "{{TEN_HE_THONG}}"}},
		{"missing agency template", []string{"--templates", partial, good}, filepath.Join(dir, "o4"), exitInvalid, []string{"du-thao-quyet-dinh.docx"}},
		{"missing --out", []string{good}, "", exitInvalid, []string{"--out"}},
		{"foreign files in --out", []string{good}, foreign, exitFailure, []string{"ghi-chu.txt"}},
		{"rule set without templates", []string{"--rules", noTemplates, good}, filepath.Join(dir, "o5"), exitFailure,
			[]string{"bộ quy tắc tinh-thu-331 (Nghị định 331/2026/NĐ-CP", "chưa có mẫu hồ sơ", "--templates"}},
		{"rule set without templates, level undetermined", []string{"--rules", noTemplates, undetermined}, filepath.Join(dir, "o6"), exitFailure,
			[]string{"chưa có mẫu hồ sơ"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := []string{"dossier"}
			if tt.out != "" {
				args = append(args, "--out", tt.out)
			}
			code, stdout, stderr := capdo(t, "", append(args, tt.args...)...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			for _, s := range tt.stderr {
				if !strings.Contains(stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, stderr)
				}
			}
			if code != exitOK && stdout != "" {
				t.Errorf("stdout on failure: %s", stdout)
			}
			if tt.out == foreign {
				if entries, _ := os.ReadDir(foreign); len(entries) != 1 {
					t.Errorf("--out now holds %d entries", len(entries))
				}
			} else if tt.out != "" {
				if _, err := os.Stat(tt.out); !os.IsNotExist(err) {
					t.Errorf("--out %s was created", tt.out)
				}
			}
		})
	}
	// Nothing but the inputs is left in dir: no temporary folders.
	entries, _ := os.ReadDir(dir)
	if len(entries) != 5 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("dir holds %v", names)
	}
}

// replaceInPart returns a copy of a zip package with one string replaced in one part.
func replaceInPart(t *testing.T, pkg []byte, part, old, new string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		b.ReadFrom(rc)
		rc.Close()
		data := b.Bytes()
		if f.Name == part {
			if !bytes.Contains(data, []byte(old)) {
				t.Fatalf("%s does not contain %s", part, old)
			}
			data = bytes.Replace(data, []byte(old), []byte(new), 1)
		}
		w, _ := zw.Create(f.Name)
		w.Write(data)
	}
	zw.Close()
	return buf.Bytes()
}

// TestDossierCommandKeepsEdits: rerunning `capdo dossier` over a dossier whose documents
// were edited in Word refuses (exit 1, naming the files) unless --force is given; --out .
// is refused with a message asking for a subfolder.
func TestDossierCommandKeepsEdits(t *testing.T) {
	good, err := filepath.Abs("../../testdata/examples/dich-vu-cong-tinh.yaml")
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "hoso")
	if code, _, stderr := capdo(t, "", "dossier", "--out", out, good); code != exitOK {
		t.Fatalf("first run: exit %d\n%s", code, stderr)
	}
	edited := []byte("sửa trong Word")
	if err := os.WriteFile(filepath.Join(out, "to-trinh.docx"), edited, 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := capdo(t, "", "dossier", "--out", out, good)
	if code != exitFailure || stdout != "" || !strings.Contains(stderr, "to-trinh.docx") || !strings.Contains(stderr, "--force") {
		t.Fatalf("rerun over an edited dossier: exit %d, stdout %q, stderr:\n%s", code, stdout, stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "to-trinh.docx")); string(b) != string(edited) {
		t.Error("the edited document was overwritten")
	}
	if code, _, stderr := capdo(t, "", "dossier", "--force", "--out", out, good); code != exitOK {
		t.Fatalf("--force: exit %d\n%s", code, stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "to-trinh.docx")); string(b) == string(edited) {
		t.Error("--force did not replace the edited document")
	}

	t.Chdir(out)
	code, _, stderr = capdo(t, "", "dossier", "--force", "--out", ".", good)
	if code != exitFailure || !strings.Contains(stderr, "thư mục con") {
		t.Errorf("--out .: exit %d, stderr:\n%s", code, stderr)
	}
}

// ruleFileWithoutTemplates is an agency's rule file: the Decree 331 set under another id,
// naming no family of built-in templates.
func ruleFileWithoutTemplates(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../../levels/rules/d331-2026.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := strings.ReplaceAll(string(data), "D331.", "TT331.")
	s = strings.Replace(s, "\nid: d331-2026\n", "\nid: tinh-thu-331\n", 1)
	s = strings.Replace(s, "\ndossier_templates: d331\n", "\n", 1)
	if !strings.Contains(s, "id: tinh-thu-331") || strings.Contains(s, "dossier_templates") {
		t.Fatal("d331-2026 changed: the test's replacements no longer fit")
	}
	path := filepath.Join(t.TempDir(), "tinh-thu-331.yaml")
	if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestDossierCommandDecree331 writes a Decree 331 dossier with the built-in templates: the
// explanation, the plan, the forms of the level, the checklist; --risk puts the recorded
// risk assessment into the explanation, and a broken --risk file is refused naming the
// field, writing nothing.
func TestDossierCommandDecree331(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "hoso")
	code, stdout, stderr := capdo(t, "", "dossier", "--rules", "d331-2026", "--date", "2026-12-01", "--risk", "../../dossier/testdata/risk/cap-4.json",
		"--out", out, "../../testdata/examples/scada-cap-i.yaml")
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	for _, n := range []string{"thuyet-minh-de-xuat-cap-do.docx", "phuong-an-bao-dam-an-ninh-mang.docx", "mau-02-de-nghi-tham-dinh.docx", "mau-03-xin-y-kien-chuyen-mon.docx",
		"mau-04-y-kien-tham-dinh.docx", "mau-05-to-trinh-phe-duyet.docx", "mau-06-quyet-dinh-phe-duyet-cap-do.docx", dossier.ChecklistName, dossier.ManifestName} {
		if _, err := os.Stat(filepath.Join(out, n)); err != nil {
			t.Errorf("%s: %v", n, err)
		}
		if n != dossier.ManifestName && !strings.Contains(stdout, n) {
			t.Errorf("stdout does not list %s", n)
		}
	}
	for _, n := range []string{"to-trinh.docx", "mau-01-de-nghi-tham-dinh-phe-duyet.docx", "mau-07-quyet-dinh-phe-duyet-phuong-an.docx"} {
		if _, err := os.Stat(filepath.Join(out, n)); err == nil {
			t.Errorf("%s written for a level-4 Decree 331 dossier", n)
		}
	}
	tm, _ := os.ReadFile(filepath.Join(out, "thuyet-minh-de-xuat-cap-do.docx"))
	if !strings.Contains(docxBody(t, tm), "Máy chủ SCADA trung tâm") {
		t.Error("the explanation does not report the risk assessment of --risk")
	}
	bad := filepath.Join(dir, "rui-ro.json")
	os.WriteFile(bad, []byte(`{"trigger": "first", "level": 9, "risks": [{"asset": "A", "threat": "B", "likelihood": 7, "impact": 1}]}`), 0o644)
	code, _, stderr = capdo(t, "", "dossier", "--rules", "d331-2026", "--risk", bad, "--out", filepath.Join(dir, "o"), "../../testdata/examples/scada-cap-i.yaml")
	if code != exitInvalid || !strings.Contains(stderr, "--risk") || !strings.Contains(stderr, "level") || !strings.Contains(stderr, "likelihood") {
		t.Errorf("bad --risk: exit %d, stderr:\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "o")); err == nil {
		t.Error("--out made despite a bad --risk")
	}
}

// TestDossierCommandOwnTemplatesForDecree331: with the agency's own templates a d331-2026
// dossier is made, and its manifest names the set and the templates.
func TestDossierCommandOwnTemplatesForDecree331(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "hoso")
	tmpl := filepath.Join("..", "..", "templates", "docx")
	code, stdout, stderr := capdo(t, "", "dossier", "--rules", "d331-2026", "--templates", tmpl, "--date", "2026-09-01", "--out", out, "../../testdata/examples/scada-cap-i.yaml")
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "CẤP ĐỘ 4") {
		t.Errorf("stdout:\n%s", stdout)
	}
	var m dossier.Manifest
	data, _ := os.ReadFile(filepath.Join(out, dossier.ManifestName))
	if err := json.Unmarshal(data, &m); err != nil || m.RuleSet != "d331-2026" || m.Templates != tmpl || m.Level != 4 {
		t.Errorf("manifest %+v, %v", m, err)
	}
}

// TestDossierCommandFinal: --final refuses while blanks remain, naming the documents and
// writing nothing; with --allow-blanks it writes the version to sign, without drafting
// notes, its manifest marked final. --allow-blanks alone is a usage mistake.
func TestDossierCommandFinal(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := "../../testdata/examples/dich-vu-cong-tinh.yaml"
	out := filepath.Join(dir, "ban-ky")
	code, stdout, stderr := capdo(t, "", "dossier", "--final", "--out", out, good)
	if code != exitFailure || stdout != "" || !strings.Contains(stderr, "còn chỗ trống") || !strings.Contains(stderr, "to-trinh.docx") || !strings.Contains(stderr, "--allow-blanks") {
		t.Fatalf("--final with blanks: exit %d, stdout %q, stderr:\n%s", code, stdout, stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("--final with blanks wrote the folder")
	}
	if code, _, stderr := capdo(t, "", "dossier", "--allow-blanks", "--out", out, good); code != exitInvalid || !strings.Contains(stderr, "--final") {
		t.Errorf("--allow-blanks alone: exit %d\n%s", code, stderr)
	}
	code, stdout, stderr = capdo(t, "", "dossier", "--final", "--allow-blanks", "--out", out, good)
	if code != exitOK || !strings.Contains(stdout, "bản để ký") {
		t.Fatalf("--final --allow-blanks: exit %d\n%s%s", code, stdout, stderr)
	}
	var m dossier.Manifest
	data, _ := os.ReadFile(filepath.Join(out, dossier.ManifestName))
	if err := json.Unmarshal(data, &m); err != nil || !m.Final || !m.Blanks {
		t.Errorf("manifest %+v, %v", m, err)
	}
	b, _ := os.ReadFile(filepath.Join(out, "to-trinh.docx"))
	if body := docxBody(t, b); strings.Contains(body, "xóa trước khi ký") || !strings.Contains(body, "Trân trọng./.") {
		t.Error("the version to sign keeps drafting notes or lost the text")
	}
}

// TestDossierCommandPDFWithoutLibreOffice: --pdf without LibreOffice says so clearly and
// writes nothing.
func TestDossierCommandPDFWithoutLibreOffice(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	out := filepath.Join(t.TempDir(), "hoso")
	code, stdout, stderr := capdo(t, "", "dossier", "--pdf", "--out", out, "../../testdata/examples/dich-vu-cong-tinh.yaml")
	if code != exitFailure || stdout != "" || !strings.Contains(stderr, "LibreOffice") || !strings.Contains(stderr, "--pdf") {
		t.Fatalf("exit %d, stdout %q, stderr:\n%s", code, stdout, stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("--pdf without LibreOffice wrote the folder")
	}
}

// TestDossierCommandPDF: --pdf writes a PDF of every document beside it, listed in the
// manifest (LibreOffice needed; skipped without it unless CAPDO_REQUIRE_TOOLS=1).
func TestDossierCommandPDF(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("soffice"); err != nil {
		if os.Getenv("CAPDO_REQUIRE_TOOLS") == "1" {
			t.Fatal("soffice not found and CAPDO_REQUIRE_TOOLS=1")
		}
		t.Skip("soffice not found")
	}
	out := filepath.Join(t.TempDir(), "hoso")
	code, _, stderr := capdo(t, "", "dossier", "--pdf", "--out", out, "../../testdata/examples/ban-tin-noi-bo.yaml")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var m dossier.Manifest
	data, _ := os.ReadFile(filepath.Join(out, dossier.ManifestName))
	json.Unmarshal(data, &m)
	for _, n := range dossier.Names {
		pdf := strings.TrimSuffix(n, ".docx") + ".pdf"
		b, err := os.ReadFile(filepath.Join(out, pdf))
		if err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
			t.Errorf("%s: %v", pdf, err)
		}
		if !slices.ContainsFunc(m.Files, func(f dossier.ManifestFile) bool { return f.Name == pdf }) {
			t.Errorf("manifest lacks %s", pdf)
		}
	}
}

// TestDossierCommandOptions: --sign and --owner-sign reach the signature blocks,
// --transitional the recitals; an unknown way of signing is refused naming the flag.
func TestDossierCommandOptions(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "hoso")
	code, _, stderr := capdo(t, "", "dossier", "--date", "2026-12-01", "--transitional", "--sign", "kt", "--owner-sign", "tm-kt", "--out", out, "../../testdata/examples/dich-vu-cong-tinh.yaml")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	tt, _ := os.ReadFile(filepath.Join(out, "to-trinh.docx"))
	qd, _ := os.ReadFile(filepath.Join(out, "du-thao-quyet-dinh.docx"))
	for _, c := range []struct{ doc, want string }{
		{docxBody(t, tt), "KT. GIÁM ĐỐC"},
		{docxBody(t, tt), "Căn cứ khoản 1 Điều 39 Nghị định số 331/2026/NĐ-CP"},
		{docxBody(t, qd), "TM. ỦY BAN NHÂN DÂN"},
	} {
		if !strings.Contains(c.doc, c.want) {
			t.Errorf("lacks %q", c.want)
		}
	}
	code, _, stderr = capdo(t, "", "dossier", "--sign", "thay", "--out", filepath.Join(t.TempDir(), "x"), "../../testdata/examples/dich-vu-cong-tinh.yaml")
	if code != exitInvalid || !strings.Contains(stderr, "--sign") {
		t.Errorf("--sign thay: exit %d\n%s", code, stderr)
	}
}

// docxBody returns the raw word/document.xml of a DOCX.
func docxBody(t *testing.T, b []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			var buf bytes.Buffer
			buf.ReadFrom(rc)
			rc.Close()
			return buf.String()
		}
	}
	t.Fatal("no word/document.xml")
	return ""
}
