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
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"capdo/levels"
	"capdo/risk"
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

// withRules classifies an input's profile again with another rule set.
func withRules(tb testing.TB, in Input, rules string) Input {
	tb.Helper()
	rs, err := levels.Open(rules)
	if err != nil {
		tb.Fatal(err)
	}
	d, err := rs.Classify(context.Background(), &in.Profile)
	if err != nil {
		tb.Fatal(err)
	}
	in.RuleSet, in.Decision = rs, d
	return in
}

// input331 is input under the Decree 331 rule set, dated after the decree took effect.
func input331(tb testing.TB, path string) Input {
	tb.Helper()
	in := withRules(tb, inputFile(tb, path), "d331-2026")
	in.Date = afterDecree331
	return in
}

// riskFile reads a risk assessment record (docs/contract.md §6 JSON).
func riskFile(tb testing.TB, path string) *risk.Assessment {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	a, problems := risk.Decode(f)
	if len(problems) > 0 {
		tb.Fatalf("%s: %v", path, problems)
	}
	return a
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

// sheetText reads an .xlsx package back, without a spreadsheet library, as text: each
// worksheet's name, then its rows, cells separated by tabs.
func sheetText(tb testing.TB, pkg []byte) string {
	tb.Helper()
	var shared []string
	if ss := zipPartOpt(tb, pkg, "xl/sharedStrings.xml"); ss != "" {
		var sst struct {
			SI []struct {
				T string `xml:"t"`
				R []struct {
					T string `xml:"t"`
				} `xml:"r"`
			} `xml:"si"`
		}
		if err := xml.Unmarshal([]byte(ss), &sst); err != nil {
			tb.Fatal(err)
		}
		for _, si := range sst.SI {
			s := si.T
			for _, r := range si.R {
				s += r.T
			}
			shared = append(shared, s)
		}
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal([]byte(zipPart(tb, pkg, "xl/workbook.xml")), &wb); err != nil {
		tb.Fatal(err)
	}
	var b strings.Builder
	for i, sh := range wb.Sheets {
		var ws struct {
			Rows []struct {
				C []struct {
					T  string `xml:"t,attr"`
					V  string `xml:"v"`
					IS string `xml:"is>t"`
				} `xml:"c"`
			} `xml:"sheetData>row"`
		}
		if err := xml.Unmarshal([]byte(zipPart(tb, pkg, "xl/worksheets/sheet"+strconv.Itoa(i+1)+".xml")), &ws); err != nil {
			tb.Fatal(err)
		}
		b.WriteString("== " + sh.Name + "\n")
		for _, r := range ws.Rows {
			cells := make([]string, len(r.C))
			for j, c := range r.C {
				switch c.T {
				case "s":
					n, _ := strconv.Atoi(c.V)
					cells[j] = shared[n]
				case "inlineStr":
					cells[j] = c.IS
				default:
					cells[j] = c.V
				}
			}
			b.WriteString(strings.Join(cells, "\t") + "\n")
		}
	}
	return b.String()
}

// zipPartOpt returns one part of a package, or "" when it has none of that name.
func zipPartOpt(tb testing.TB, pkg []byte, name string) string {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		tb.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			return zipPart(tb, pkg, name)
		}
	}
	return ""
}

// fsMap is a folder of files by name, for LoadPartial.
type fsMap map[string][]byte

func (m fsMap) Open(name string) (fs.File, error) {
	mfs := fstest.MapFS{}
	for n, b := range m {
		mfs[n] = &fstest.MapFile{Data: b}
	}
	return mfs.Open(name)
}

// templateBytes is a built-in template's file.
func templateBytes(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := fs.ReadFile(templates.DOCX, "docx/"+name)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}
