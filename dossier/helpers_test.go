package dossier

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"capdo/levels"
	"capdo/templates"
)

// testDate is the date printed on every document rendered by the tests.
var testDate = time.Date(2026, time.March, 5, 9, 0, 0, 0, vietnam)

// input reads a sample profile from the repository's testdata/examples, classifies it
// with the default rule set and returns the dossier input, dated testDate.
func input(tb testing.TB, name string) Input {
	tb.Helper()
	return inputFile(tb, filepath.Join("..", "testdata", "examples", name))
}

// inputFile is input for a profile at any path.
func inputFile(tb testing.TB, path string) Input {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	p, err := levels.ParseProfile(data, filepath.Base(path))
	if err != nil {
		tb.Fatalf("ParseProfile(%s): %v", path, err)
	}
	return inputFor(tb, p)
}

func inputFor(tb testing.TB, p levels.Profile) Input {
	tb.Helper()
	rs, err := levels.Open("")
	if err != nil {
		tb.Fatal(err)
	}
	d, err := rs.Classify(context.Background(), &p)
	if err != nil {
		tb.Fatal(err)
	}
	return Input{Profile: p, Decision: d, RuleSet: rs, Date: testDate}
}

func embedded(tb testing.TB) *Engine {
	tb.Helper()
	e, err := Embedded()
	if err != nil {
		tb.Fatalf("Embedded(): %v", err)
	}
	return e
}

func render(tb testing.TB, e *Engine, in Input) *Dossier {
	tb.Helper()
	d, err := e.Render(context.Background(), in)
	if err != nil {
		tb.Fatalf("Render(%s): %v", in.Profile.Name, err)
	}
	return d
}

// zipPart returns one part of a package.
func zipPart(tb testing.TB, pkg []byte, name string) string {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		tb.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				tb.Fatal(err)
			}
			b, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				tb.Fatal(err)
			}
			return string(b)
		}
	}
	tb.Fatalf("part %s not found", name)
	return ""
}

// text reads a part back with encoding/xml and returns its text as a reader sees it:
// paragraphs end with a newline, <w:br/> is a newline and <w:tab/> a tab.
func text(tb testing.TB, part string) string {
	tb.Helper()
	d := xml.NewDecoder(strings.NewReader(part))
	var b strings.Builder
	inText := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return b.String()
		}
		if err != nil {
			tb.Fatalf("XML: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "t":
				inText = true
			case "br":
				b.WriteString("\n")
			case "tab":
				b.WriteString("\t")
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				b.WriteString("\n")
			}
		case xml.CharData:
			if inText {
				b.Write(t)
			}
		}
	}
}

// bodyText is the text of a generated document's body.
func bodyText(tb testing.TB, f File) string {
	tb.Helper()
	return text(tb, zipPart(tb, f.Data, bodyPart))
}

// pkg builds a minimal .docx around a body (the content of <w:body>) and, when header is
// not empty, a header part with that paragraph content.
func pkg(tb testing.TB, body, header string) []byte {
	tb.Helper()
	const w = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	parts := map[string]string{
		"[Content_Types].xml":          `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/></Types>`,
		"_rels/.rels":                  `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/_rels/document.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdH" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/></Relationships>`,
		"word/document.xml":            `<?xml version="1.0" encoding="UTF-8"?><w:document ` + w + `><w:body>` + body + `<w:sectPr/></w:body></w:document>`,
	}
	if header != "" {
		parts["word/header1.xml"] = `<?xml version="1.0" encoding="UTF-8"?><w:hdr ` + w + `>` + header + `</w:hdr>`
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/document.xml", "word/header1.xml"} {
		data, ok := parts[name]
		if !ok {
			continue
		}
		fw, err := zw.Create(name)
		if err != nil {
			tb.Fatal(err)
		}
		fw.Write([]byte(data))
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// para is a paragraph with one run of text.
func para(s string) string { return `<w:p><w:r><w:t xml:space="preserve">` + s + `</w:t></w:r></w:p>` }

// templateFS holds the embedded templates, with some replaced or (nil) removed.
func templateFS(tb testing.TB, replace map[string][]byte) fstest.MapFS {
	tb.Helper()
	fsys := fstest.MapFS{}
	for _, n := range Names {
		b, err := fs.ReadFile(templates.DOCX, "docx/"+n)
		if err != nil {
			tb.Fatal(err)
		}
		fsys[n] = &fstest.MapFile{Data: b}
	}
	for n, b := range replace {
		if b == nil {
			delete(fsys, n)
			continue
		}
		fsys[n] = &fstest.MapFile{Data: b}
	}
	return fsys
}
