package dossier

import (
	"strings"
	"testing"
	"time"

	"capdo/levels"
)

// TestEscaping renders values with XML metacharacters, tabs, newlines, Vietnamese in
// decomposed form and a "{{", then reads the XML back and compares the text.
func TestEscaping(t *testing.T) {
	t.Parallel()
	name := "Hệ thống \"QLVB\" & <Sở TT&TT> 'một cửa'\tcột 2\r\ndòng 2\nHe\u0302\u0323 tho\u0302\u0301ng {{OWNER}}"
	owner := "Ủy ban nhân dân tỉnh Đắk Lắk"
	in := inputFor(t, levels.Profile{Name: name, Owner: owner, SystemType: "internal", InfoTypes: []string{"public"}})
	in.Date = time.Date(2026, 2, 9, 23, 30, 0, 0, time.UTC) // 10 Feb in Vietnam
	body := para("[{{SYSTEM_NAME}}]") + para("{{OWNER}} – {{DATE_LINE}}")
	e, err := Load(templateFS(t, map[string][]byte{"to-trinh.docx": pkg(t, body, para("{{SYSTEM_NAME}}"))}), "test")
	if err != nil {
		t.Fatal(err)
	}
	d := render(t, e, in)
	wantName := "Hệ thống \"QLVB\" & <Sở TT&TT> 'một cửa'\tcột 2\ndòng 2\nHệ thống {{OWNER}}"
	want := "[" + wantName + "]\n" + owner + " – Đắk Lắk, ngày 10 tháng 02 năm 2026\n"
	if got := text(t, zipPart(t, d.Files[0].Data, bodyPart)); got != want {
		t.Errorf("body text =\n%q\nwant\n%q", got, want)
	}
	if got := text(t, zipPart(t, d.Files[0].Data, "word/header1.xml")); got != wantName+"\n" {
		t.Errorf("header text = %q, want %q", got, wantName+"\n")
	}
	// The documents made from the built-in templates carry the same name intact.
	for _, f := range d.Files[1:] {
		if !strings.Contains(bodyText(t, f), wantName) {
			t.Errorf("%s lacks the name", f.Name)
		}
	}
}

func TestXMLText(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"a & b", "a &amp; b"},
		{`<"'>`, "&lt;&#34;&#39;&gt;"},
		{"a\nb", "a" + runBreak + "b"},
		{"a\r\nb", "a" + runBreak + "b"},
		{"a\tb", "a" + runTab + "b"},
		{"{{X}}", "&#123;&#123;X}}"},
		{"{{{A", "&#123;&#123;&#123;A"},
		{"}}}", "}}}"},
		{"{{#each.x}}", "&#123;&#123;#each.x}}"},
		{"e\u0302\u0301", "ế"},
		{"a\x00b", "a\uFFFDb"},
	}
	for _, tt := range tests {
		if got := xmlText(tt.in); got != tt.want {
			t.Errorf("xmlText(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if strings.Contains(xmlText(tt.in), "{{") {
			t.Errorf("xmlText(%q) leaves a \"{{\"", tt.in)
		}
		if strings.Contains(xmlText(tt.in), "<w:br/></w:t>") {
			t.Errorf("xmlText(%q) puts a break inside a text node", tt.in)
		}
	}
}

// TestBracesInValues: runs of braces of any length in user data, including text that
// looks like template syntax, render as typed; an odd run once left a "{{" behind, and
// the read-back check refused the whole dossier.
func TestBracesInValues(t *testing.T) {
	t.Parallel()
	for _, v := range []string{"Hệ thống {{{A", "Hệ thống }}}", "Hệ thống {{#each.x}} {{/each.x}}", "{{{{{", "a{{SYSTEM_NAME}}b {"} {
		in := inputFor(t, levels.Profile{Name: v, Owner: "UBND tỉnh " + v, Description: v, SystemType: "internal", InfoTypes: []string{"public"}})
		d := render(t, embedded(t), in)
		for _, f := range d.Files {
			if !strings.Contains(bodyText(t, f), v) {
				t.Errorf("%q: %s does not show the value as typed", v, f.Name)
			}
		}
	}
}
