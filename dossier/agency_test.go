package dossier

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"capdo/office/officetest"
)

// Agency templates that went through real editing: tracked changes, comments, formatting
// inside a placeholder, a round trip through LibreOffice, a folder with only some of the
// templates.

// loadOne loads an agency folder holding one template, to-trinh.docx, with the given body,
// and renders the five documents of the sample level-3 profile.
func loadOne(t *testing.T, data []byte) (*Engine, []string, error) {
	t.Helper()
	return LoadPartial(templateFSOnly(map[string][]byte{"to-trinh.docx": data}), "mau-don-vi")
}

// templateFSOnly is a folder holding exactly the given files.
func templateFSOnly(files map[string][]byte) fsMap {
	out := fsMap{}
	for n, b := range files {
		out[n] = b
	}
	return out
}

const (
	ins = `<w:ins w:id="1" w:author="Văn thư" w:date="2026-11-20T09:00:00Z">`
	del = `<w:del w:id="2" w:author="Văn thư" w:date="2026-11-20T09:00:00Z">`
)

// TestTrackedChangesAccepted: tracked insertions, deletions and retypes inside or around a
// placeholder are accepted when the template loads, with a warning naming the template and
// the field; nothing of the deleted text reaches a document, which carries no revision.
func TestTrackedChangesAccepted(t *testing.T) {
	t.Parallel()
	in := input(t, "dich-vu-cong-tinh.yaml")
	for _, tt := range []struct {
		name, body, want string
		warn             []string
	}{
		{"retype inside a placeholder",
			`<w:p><w:r><w:t xml:space="preserve">Mã: {{</w:t></w:r>` + del + `<w:r><w:delText>SYSTEM</w:delText></w:r></w:del>` + ins + `<w:r><w:t>SYSTEM</w:t></w:r></w:ins><w:r><w:t>_ID}}.</w:t></w:r></w:p>`,
			"Mã: VD-03.\n", []string{"to-trinh.docx", "{{SYSTEM_ID}}", "thay đổi được theo dõi"}},
		{"inserted placeholder",
			`<w:p><w:r><w:t xml:space="preserve">Tên: </w:t></w:r>` + ins + `<w:r><w:t>{{SYSTEM_NAME}}</w:t></w:r></w:ins><w:r><w:t>.</w:t></w:r></w:p>`,
			"Tên: " + in.Profile.Name + ".\n", []string{"{{SYSTEM_NAME}}"}},
		{"deleted placeholder",
			`<w:p><w:r><w:t xml:space="preserve">Tên: </w:t></w:r>` + del + `<w:r><w:delText>{{SYSTEM_NAME}}</w:delText></w:r></w:del><w:r><w:t>{{OWNER}}.</w:t></w:r></w:p>`,
			"Tên: " + in.Profile.Owner + ".\n", []string{"đã xóa theo thay đổi được theo dõi: {{SYSTEM_NAME}}", "{{OWNER}}"}},
		{"deleted braces of a placeholder",
			`<w:p><w:r><w:t xml:space="preserve">Cấp độ </w:t></w:r>` + del + `<w:r><w:delText>{{LEVEL}}</w:delText></w:r></w:del>` + ins + `<w:r><w:t>3</w:t></w:r></w:ins><w:r><w:t>.</w:t></w:r></w:p>`,
			"Cấp độ 3.\n", []string{"{{LEVEL}}"}},
		{"moved text",
			`<w:p><w:moveFrom w:id="3" w:author="A"><w:r><w:t>{{OWNER}}</w:t></w:r></w:moveFrom><w:r><w:t xml:space="preserve"> – </w:t></w:r><w:moveTo w:id="4" w:author="A"><w:r><w:t>{{OWNER}}</w:t></w:r></w:moveTo></w:p>`,
			" – " + in.Profile.Owner + "\n", []string{"{{OWNER}}"}},
		{"formatting change recorded in a placeholder",
			`<w:p><w:r><w:rPr><w:b/><w:rPrChange w:id="5" w:author="A"><w:rPr/></w:rPrChange></w:rPr><w:t>{{SYSTEM_ID}}</w:t></w:r></w:p>`,
			"VD-03\n", []string{"{{SYSTEM_ID}}"}},
		{"deleted paragraph mark joins a split placeholder",
			`<w:p><w:pPr><w:rPr>` + `<w:del w:id="6" w:author="A"/>` + `</w:rPr></w:pPr><w:r><w:t>Mã {{SYSTEM_</w:t></w:r></w:p><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>ID}} hết</w:t></w:r></w:p>`,
			"Mã VD-03 hết\n", []string{"{{SYSTEM_ID}}"}},
		{"deleted table row",
			`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>{{SYSTEM_ID}}</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:trPr><w:del w:id="7" w:author="A"/></w:trPr><w:tc><w:p><w:r><w:t>{{OWNER}}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`,
			"VD-03\n", []string{"thay đổi được theo dõi"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e, warnings, err := loadOne(t, pkg(t, tt.body, ""))
			if err != nil {
				t.Fatalf("LoadPartial: %v", err)
			}
			d := render(t, e, in)
			got := bodyText(t, d.Files[0])
			if got != tt.want {
				t.Errorf("text = %q, want %q", got, tt.want)
			}
			body := zipPart(t, d.Files[0].Data, bodyPart)
			for _, s := range []string{"w:del", "w:ins", "w:delText", "w:moveFrom", "w:moveTo", "Change"} {
				if strings.Contains(body, s) {
					t.Errorf("the document keeps %s:\n%s", s, body)
				}
			}
			all := strings.Join(warnings, "\n")
			for _, s := range tt.warn {
				if !strings.Contains(all, s) {
					t.Errorf("warnings lack %q:\n%s", s, all)
				}
			}
		})
	}
	// A deleted table cell has no accepted text: refused, naming tracked changes.
	_, _, err := loadOne(t, pkg(t, `<w:tbl><w:tr><w:tc><w:tcPr><w:cellDel w:id="8" w:author="A"/></w:tcPr><w:p><w:r><w:t>{{OWNER}}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`, ""))
	var te *TemplateError
	if !errors.As(err, &te) || te.Template != "to-trinh.docx" || !strings.Contains(err.Error(), "chấp nhận mọi thay đổi") {
		t.Errorf("a deleted cell: %v, want a refusal naming tracked changes", err)
	}
}

// TestFragmentsRefused: what is left of a placeholder that was partly deleted is refused
// when the template loads, naming the fragment, rather than copied into documents; a
// value that happens to hold such text is the user's and goes through.
func TestFragmentsRefused(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ body, fragment string }{
		{para("Mã: SYSTEM_ID}}."), "}}"},
		{para("Mã: SYSTEM_ID."), "SYSTEM_ID"},
		{para("Tên: _NAME của hệ thống"), "_NAME"},
		{para("#if.L45 hết"), "#if.L"},
	} {
		_, _, err := loadOne(t, pkg(t, tt.body, ""))
		var te *TemplateError
		if !errors.As(err, &te) || te.Placeholder != tt.fragment || !strings.Contains(te.Problem, "mảnh của một trường") {
			t.Errorf("%s: %v, want a refusal naming %q", tt.body, err, tt.fragment)
		}
	}
	e, _, err := loadOne(t, pkg(t, para("{{SYSTEM_NAME}} – {{SYSTEM_DESCRIPTION}}"), ""))
	if err != nil {
		t.Fatal(err)
	}
	in := input(t, "dich-vu-cong-tinh.yaml")
	in.Profile.Description = "Thay SYSTEM_ID}} và #if.L4 trong mô tả"
	if got := bodyText(t, render(t, e, in).Files[0]); !strings.Contains(got, in.Profile.Description) {
		t.Errorf("a description holding placeholder-like text: %q", got)
	}
	// The output check itself: a document that still holds a fragment no value explains
	// is refused.
	m, err := buildModel(input(t, "dich-vu-cong-tinh.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	leak := pkg(t, para("VD-03SYSTEM_ID."), "")
	if err := verifyOutput(leak, m.escaped(), nil); err == nil || !strings.Contains(err.Error(), "SYSTEM_ID") {
		t.Errorf("verifyOutput(leak) = %v", err)
	}
	revised := pkg(t, `<w:p>`+del+`<w:r><w:delText>SYSTEM</w:delText></w:r></w:del></w:p>`, "")
	if err := verifyOutput(revised, m.escaped(), nil); err == nil || !strings.Contains(err.Error(), "thay đổi được theo dõi") {
		t.Errorf("verifyOutput(revised) = %v", err)
	}
}

// withComments returns a template whose body has a comment on a placeholder, with the
// comment part and the relationship and content type that name it.
func withComments(t *testing.T) []byte {
	t.Helper()
	body := `<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>{{SYSTEM_NAME}}</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="0"/></w:r></w:p>`
	src := pkg(t, body, "")
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, _ := f.Open()
		var b bytes.Buffer
		b.ReadFrom(rc)
		rc.Close()
		data := b.String()
		switch f.Name {
		case "[Content_Types].xml":
			data = strings.Replace(data, "</Types>", `<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>`, 1)
		case "word/_rels/document.xml.rels":
			data = strings.Replace(data, "</Relationships>", `<Relationship Id="rIdC" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>`, 1)
		}
		w, _ := zw.Create(f.Name)
		w.Write([]byte(data))
	}
	w, _ := zw.Create("word/comments.xml")
	w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="0" w:author="Trưởng phòng"><w:p><w:r><w:t>Sửa lại tên hệ thống cho đúng quyết định.</w:t></w:r></w:p></w:comment></w:comments>`))
	zw.Close()
	return buf.Bytes()
}

// TestCommentsDropped: the template's comments reach no document: anchors, references, the
// comment part, its relationship and content type go, with a warning.
func TestCommentsDropped(t *testing.T) {
	t.Parallel()
	e, warnings, err := loadOne(t, withComments(t))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(warnings, "\n"), "đã bỏ 1 ghi chú (comment)") {
		t.Errorf("warnings: %q", warnings)
	}
	in := input(t, "dich-vu-cong-tinh.yaml")
	f := render(t, e, in).Files[0]
	if got := bodyText(t, f); got != in.Profile.Name+"\n" {
		t.Errorf("text %q", got)
	}
	zr, _ := zip.NewReader(bytes.NewReader(f.Data), int64(len(f.Data)))
	for _, p := range zr.File {
		data := zipPart(t, f.Data, p.Name)
		if strings.Contains(p.Name, "comments") || strings.Contains(data, "comment") || strings.Contains(data, "Trưởng phòng") {
			t.Errorf("%s keeps the comment", p.Name)
		}
	}
}

// TestMixedFormattingWarned: a placeholder partly in bold is joined in the formatting of
// its first character, with a warning naming the template and the field.
func TestMixedFormattingWarned(t *testing.T) {
	t.Parallel()
	_, warnings, err := loadOne(t, pkg(t, wordSplit, ""))
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(warnings, "\n")
	if !strings.Contains(all, "to-trinh.docx") || !strings.Contains(all, "{{SYSTEM_NAME}} có định dạng khác nhau") {
		t.Errorf("warnings: %q", warnings)
	}
	// A placeholder split only by spell-check marks and revision ids is not warned about.
	same := `<w:p><w:r w:rsidR="00AB"><w:rPr><w:lang w:val="vi-VN"/></w:rPr><w:t>{{SYS</w:t></w:r><w:proofErr w:type="spellStart"/><w:r w:rsidR="00CD"><w:rPr><w:lang w:val="en-US"/></w:rPr><w:t>TEM_NAME}}</w:t></w:r></w:p>`
	_, warnings, err = loadOne(t, pkg(t, same, ""))
	if err != nil || strings.Contains(strings.Join(warnings, "\n"), "định dạng khác nhau") {
		t.Errorf("same formatting: %v, %q", err, warnings)
	}
}

// TestPartialFolder: a folder with only the request for appraisal takes the other
// documents from the built-in set; the warnings and the manifest say which.
func TestPartialFolder(t *testing.T) {
	t.Parallel()
	e, warnings, err := loadOne(t, pkg(t, para("Mẫu riêng: {{SYSTEM_NAME}}"), ""))
	if err != nil {
		t.Fatal(err)
	}
	if all := strings.Join(warnings, "\n"); !strings.Contains(all, "không có thuyet-minh-de-xuat-cap-do.docx") || !strings.Contains(all, "dùng mẫu có sẵn") {
		t.Errorf("warnings: %q", warnings)
	}
	in := input(t, "dich-vu-cong-tinh.yaml")
	in.Full = true
	d := render(t, e, in)
	for _, f := range d.Manifest.Files {
		want := embeddedLabel
		switch {
		case f.Name == "to-trinh.docx":
			want = "mau-don-vi"
		case f.Name == ChecklistName:
			want = ""
		}
		if f.Template != want {
			t.Errorf("%s: template %q, want %q", f.Name, f.Template, want)
		}
	}
	if d.Manifest.Templates != "mau-don-vi" || d.Manifest.TemplatesDigest == "" || d.Manifest.TemplatesDigest == embedded(t).Digest() {
		t.Errorf("manifest %+v", d.Manifest)
	}
	if got := bodyText(t, d.Files[0]); got != "Mẫu riêng: "+in.Profile.Name+"\n" {
		t.Errorf("own template text %q", got)
	}
	// An empty folder, or one with no template of a known name, is refused.
	if _, w, err := LoadPartial(fsMap{"to trinh.docx": pkg(t, para("x"), "")}, "rong"); err == nil || !strings.Contains(strings.Join(w, "\n"), "to trinh.docx") {
		t.Errorf("a folder without known templates: %v, %q", err, w)
	}
}

// TestLibreOfficeRoundTrip: every built-in template saved again by LibreOffice (as an
// agency that edits in LibreOffice would) still loads and renders the sample dossier, with
// the values in place and nothing of the placeholders left.
func TestLibreOfficeRoundTrip(t *testing.T) {
	t.Parallel() // LibreOffice runs in its own process: overlap the slow conversions
	soffice := requireTool(t, "soffice", "apt-get install libreoffice-writer-nogui")
	dir := t.TempDir()
	templates := map[string][]byte{}
	for _, n := range TemplateNames {
		templates[n] = templateBytes(t, n)
	}
	// LibreOffice saves the templates again; what the repository's cache holds
	// (office/officetest) it need not.
	saved, err := officetest.Cached("soffice", "docx", templates, func(docs map[string][]byte) (map[string][]byte, error) {
		src, out := filepath.Join(dir, "src"), filepath.Join(dir, "lo")
		if err := os.Mkdir(src, 0o755); err != nil {
			return nil, err
		}
		var files []string
		for n, b := range docs {
			p := filepath.Join(src, n)
			if err := os.WriteFile(p, b, 0o644); err != nil {
				return nil, err
			}
			files = append(files, p)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
		defer cancel()
		args := append([]string{"--headless", "--norestore", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
			"--convert-to", "docx:MS Word 2007 XML", "--outdir", out}, files...)
		if b, err := exec.CommandContext(ctx, soffice, args...).CombinedOutput(); err != nil {
			return nil, fmt.Errorf("soffice: %v\n%s", err, b)
		}
		res := map[string][]byte{}
		for n := range docs {
			// A template LibreOffice did not save is missing here: officetest.Cached's error.
			if b, err := os.ReadFile(filepath.Join(out, n)); err == nil {
				res[n] = b
			}
		}
		return res, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "saved")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	for n, b := range saved {
		if err := os.WriteFile(filepath.Join(out, n), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	e, warnings, err := LoadPartial(os.DirFS(out), out)
	if err != nil {
		t.Fatalf("templates saved by LibreOffice: %v", err)
	}
	for _, w := range warnings {
		if strings.Contains(w, "dùng mẫu có sẵn") {
			t.Errorf("a template did not come back: %s", w)
		}
	}
	for _, prof := range []string{"dich-vu-cong-tinh.yaml", "scada-cap-i.yaml"} {
		in := input(t, prof)
		in.Full = true
		d := render(t, e, in)
		for _, f := range d.Files {
			if !strings.HasSuffix(f.Name, ".docx") {
				continue
			}
			txt := bodyText(t, f)
			for _, s := range []string{in.Profile.Name, in.Profile.Owner} {
				if !strings.Contains(strings.ToUpper(txt), strings.ToUpper(s)) {
					t.Errorf("%s/%s after LibreOffice: lacks %q", prof, f.Name, s)
				}
			}
			if i := slices.IndexFunc([]string{"{{", "}}", "SYSTEM_"}, func(s string) bool { return strings.Contains(txt, s) }); i >= 0 {
				t.Errorf("%s/%s after LibreOffice: placeholder text left", prof, f.Name)
			}
		}
	}
}
