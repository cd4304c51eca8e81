package dossier

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
)

// wordSplit is a placeholder the way Word stores it after spell-checking and a formatting
// change in the middle of the word.
const wordSplit = `<w:p><w:r><w:t>{{SYS</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:rPr><w:b/></w:rPr><w:t>TEM_NAME}}</w:t></w:r><w:proofErr w:type="spellEnd"/></w:p>`

// TestSplitPlaceholders loads a template whose placeholders Word split across runs, in the
// body and in a header, and checks that the values land in both.
func TestSplitPlaceholders(t *testing.T) {
	t.Parallel()
	body := wordSplit +
		// The braces themselves split, and a placeholder spread over three runs with rsids.
		`<w:p><w:r w:rsidR="00AB"><w:t>Chủ quản: {</w:t></w:r><w:r w:rsidR="00CD"><w:t>{OWN</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>ER}</w:t></w:r><w:r><w:t>} – hết.</w:t></w:r></w:p>`
	header := wordSplit
	e, err := Load(templateFS(t, map[string][]byte{"to-trinh.docx": pkg(t, body, header)}), "test")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	in := input(t, "dich-vu-cong-tinh.yaml")
	d := render(t, e, in)
	f := d.Files[0]
	got := text(t, zipPart(t, f.Data, bodyPart))
	want := in.Profile.Name + "\nChủ quản: " + in.Profile.Owner + " – hết.\n"
	if got != want {
		t.Errorf("body text = %q, want %q", got, want)
	}
	if got := text(t, zipPart(t, f.Data, "word/header1.xml")); got != in.Profile.Name+"\n" {
		t.Errorf("header text = %q, want the system name", got)
	}
	// The placeholder keeps the formatting of the run it starts in: the name is not bold.
	if body := zipPart(t, f.Data, bodyPart); !strings.Contains(body, `<w:r><w:t xml:space="preserve">`+xmlText(in.Profile.Name)+`</w:t></w:r>`) {
		t.Errorf("the value is not in the first run of the split placeholder:\n%s", body)
	}
}

func TestJoinSplit(t *testing.T) {
	t.Parallel()
	got := joinSplit(wordSplit)
	want := `<w:p><w:r><w:t xml:space="preserve">{{SYSTEM_NAME}}</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve"></w:t></w:r><w:proofErr w:type="spellEnd"/></w:p>`
	if got != want {
		t.Errorf("joinSplit =\n%s\nwant\n%s", got, want)
	}
	// Text without placeholders is left byte for byte.
	plain := `<w:p><w:r><w:t>a { b } c</w:t></w:r><w:r><w:t>}}</w:t></w:r></w:p>`
	if got := joinSplit(plain); got != plain {
		t.Errorf("joinSplit changed %s to %s", plain, got)
	}
}

// TestLint checks that a broken template is rejected when loaded, with the template's name
// and the placeholder in the message.
func TestLint(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		body        string
		header      string
		placeholder string
		problem     string
	}{
		{"unknown field", para("{{SYSTEM_NAME}} {{FOO_BAR}}"), "", "{{FOO_BAR}}", "trường không xác định"},
		{"unknown field in header", para("{{SYSTEM_NAME}}"), para("{{NOPE}}"), "{{NOPE}}", "trường không xác định"},
		{"bad field name", para("{{system name}}"), "", "{{system name}}", "tên trường không hợp lệ"},
		{"unclosed block", para("{{#if.L45}}") + para("x"), "", "{{#if.L45}}", "không cân đối"},
		{"mismatched block", para("{{#if.L45}}") + para("x") + para("{{/if.L3}}"), "", "{{#if.L45}}", "không cân đối"},
		{"close without open", para("x") + para("{{/each.reasons}}"), "", "{{/each.reasons}}", "không có khối mở"},
		{"unknown condition", para("{{#if.LEVEL9}}") + para("{{/if.LEVEL9}}"), "", "{{#if.LEVEL9}}", "điều kiện không xác định"},
		{"unknown collection", para("{{#each.people}}") + para("{{/each.people}}"), "", "{{#each.people}}", "danh sách không xác định"},
		{"unknown block kind", para("{{#with.L4}}") + para("{{/with.L4}}"), "", "{{#with.L4}}", "loại khối"},
		{"block marker inside a sentence", para("Nội dung {{#if.L45}}") + para("{{/if.L45}}"), "", "{{#if.L45}}", "đoạn văn riêng"},
		{"row outside each", para("{{row.rule}}"), "", "{{row.rule}}", "ngoài khối"},
		{"row key of another collection", para("{{#each.warnings}}") + para("{{row.rule}}") + para("{{/each.warnings}}"), "", "{{row.rule}}", "cột không xác định"},
		{"split across paragraphs", para("{{SYSTEM_") + para("NAME}}"), "", "{{SYSTEM_", "bị tách"},
		{"placeholder outside text", `<w:p><w:r><w:instrText>MERGEFIELD {{SYSTEM_NAME}}</w:instrText></w:r></w:p>`, "", "{{SYSTEM_NAME}}", "không nằm trong thuộc tính"},
		{"nested each", para("{{#each.reasons}}") + para("{{#each.warnings}}") + para("{{row.text}}") + para("{{/each.warnings}}") + para("{{/each.reasons}}"), "", "{{#each.warnings}}", "lồng trong khối {{#each.reasons}}"},
		{"each row inside each", para("{{#each.reasons}}") + `<w:tbl><w:tr><w:tc>` + para("{{#each.notes}}{{row.text}}{{/each.notes}}") + `</w:tc></w:tr></w:tbl>` + para("{{/each.reasons}}"), "", "{{#each.notes}}", "lồng trong khối {{#each.reasons}}"},
		{"crossing blocks", para("{{#if.L4}}") + para("{{#if.L5}}") + para("{{/if.L4}}") + para("{{/if.L5}}"), "", "{{#if.L5}}", "không cân đối"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(templateFS(t, map[string][]byte{"phuong-an-bao-dam-attt.docx": pkg(t, tt.body, tt.header)}), "test")
			var te *TemplateError
			if !errors.As(err, &te) {
				t.Fatalf("Load error = %v, want a *TemplateError", err)
			}
			if te.Template != "phuong-an-bao-dam-attt.docx" || te.Placeholder != tt.placeholder || !strings.Contains(te.Problem, tt.problem) {
				t.Errorf("error = %+v, want template phuong-an-bao-dam-attt.docx, placeholder %q, problem containing %q", te, tt.placeholder, tt.problem)
			}
			msg := err.Error()
			for _, s := range []string{"phuong-an-bao-dam-attt.docx", tt.placeholder} {
				if !strings.Contains(msg, s) {
					t.Errorf("message %q does not name %q", msg, s)
				}
			}
		})
	}
}

func TestLoadPackageProblems(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		fs   map[string][]byte
		want []string
	}{
		{"missing templates", map[string][]byte{"to-trinh.docx": nil, "du-thao-quyet-dinh.docx": nil}, []string{"thiếu mẫu", "to-trinh.docx", "du-thao-quyet-dinh.docx"}},
		{"not a zip", map[string][]byte{"to-trinh.docx": []byte("not a docx")}, []string{"to-trinh.docx", "không phải tệp .docx"}},
		{"malformed XML", map[string][]byte{"to-trinh.docx": pkg(t, "<w:p><w:r>", "")}, []string{"to-trinh.docx", "word/document.xml", "XML không hợp lệ"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(templateFS(t, tt.fs), "test")
			if err == nil {
				t.Fatal("Load succeeded")
			}
			for _, s := range tt.want {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q lacks %q", err, s)
				}
			}
		})
	}
}

// TestBlocks renders conditional and repeated paragraphs and rows.
func TestBlocks(t *testing.T) {
	t.Parallel()
	cell := func(s string) string { return `<w:tc>` + para(s) + `</w:tc>` }
	body := para("{{#if.L3}}") + para("chỉ cấp độ 3") + para("{{/if.L3}}") +
		para("{{#unless.L3}}") + para("không phải cấp độ 3") + para("{{/unless.L3}}") +
		para("{{#each.reasons}}") + para("[{{row.rule}}]") + para("{{/each.reasons}}") +
		`<w:tbl><w:tr>` + cell("Mã") + cell("Cấp") + `</w:tr><w:tr>` + cell("{{#each.reasons}}{{row.rule}}") + cell("{{row.level}}{{/each.reasons}}") + `</w:tr>` +
		`<w:tr>` + cell("{{#if.L5}}chỉ cấp độ 5") + cell("{{/if.L5}}") + `</w:tr>` +
		// A cell whose only paragraphs are a block that renders nothing keeps a paragraph.
		`<w:tr><w:tc>` + para("{{#if.HAS_COMPONENTS}}") + para("thành phần") + para("{{/if.HAS_COMPONENTS}}") + `</w:tc></w:tr></w:tbl>`
	e, err := Load(templateFS(t, map[string][]byte{"to-trinh.docx": pkg(t, body, "")}), "test")
	if err != nil {
		t.Fatal(err)
	}
	d, err := e.Render(context.Background(), input(t, "dich-vu-cong-tinh.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	doc := zipPart(t, d.Files[0].Data, bodyPart)
	got := text(t, doc)
	want := "chỉ cấp độ 3\n[D85.A9.K2.a]\n[D85.A9.K2.c]\n[D85.A8.K2.b]\nMã\nCấp\n" +
		"D85.A9.K2.a\n3\nD85.A9.K2.c\n3\nD85.A8.K2.b\n2\n\n"
	if got != want {
		t.Errorf("text =\n%s\nwant\n%s\n%s", got, want, doc)
	}
	if !strings.Contains(doc, "<w:tc><w:p/></w:tc>") {
		t.Errorf("the emptied cell has no paragraph:\n%s", doc)
	}
}

// TestLoadRejectsBrokenStaticPart: parts without placeholders (relationships, styles) are
// checked once when the template loads, since reading a generated file back skips them.
func TestLoadRejectsBrokenStaticPart(t *testing.T) {
	t.Parallel()
	good := pkg(t, para("{{SYSTEM_NAME}}"), "")
	zr, err := zip.NewReader(bytes.NewReader(good), int64(len(good)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == "word/_rels/document.xml.rels" {
			data = []byte(`<Relationships><Relationship Id="rIdH"></Relationships>`)
		}
		w, _ := zw.Create(f.Name)
		w.Write(data)
	}
	zw.Close()
	_, err = Load(templateFS(t, map[string][]byte{"to-trinh.docx": buf.Bytes()}), "test")
	if err == nil || !strings.Contains(err.Error(), "word/_rels/document.xml.rels") || !strings.Contains(err.Error(), "XML không hợp lệ") {
		t.Fatalf("Load() error = %v, want the broken relationships part named", err)
	}
}
