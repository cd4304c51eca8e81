package registry_test

import (
	"archive/zip"
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"capdo/dossier"
	"capdo/levels"
	"capdo/registry"
	"capdo/review"
)

// minimalPDF is a real one-page PDF: header, objects, a cross-reference table whose
// offsets are right, trailer, startxref and %%EOF. body goes into the page's content.
func minimalPDF(body string) []byte {
	var b bytes.Buffer
	var offs []int
	b.WriteString("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n")
	content := "BT /F1 18 Tf 72 720 Td (" + body + ") Tj ET"
	for _, obj := range []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	} {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offs), obj)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return b.Bytes()
}

// realDOCX is a document capdo generates: a real Word package.
func realDOCX(t *testing.T) []byte {
	t.Helper()
	eng, err := dossier.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	rs, err := levels.Open(levels.DefaultRuleSet)
	if err != nil {
		t.Fatal(err)
	}
	p := profileL3
	dec, err := rs.Classify(context.Background(), &p)
	if err != nil {
		t.Fatal(err)
	}
	d, err := eng.Render(context.Background(), dossier.Input{Profile: p, Decision: dec, RuleSet: rs, Date: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return d.Files[0].Data
}

// rezip rewrites a DOCX package: edit may change or drop each part (nil drops it) and
// returns extra parts to add.
func rezip(t *testing.T, docx []byte, edit func(name string, data []byte) []byte, extra map[string]string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range zr.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		if data = edit(f.Name, data); data == nil {
			continue
		}
		w, _ := zw.Create(f.Name)
		w.Write(data)
	}
	for name, data := range extra {
		w, _ := zw.Create(name)
		w.Write([]byte(data))
	}
	zw.Close()
	return b.Bytes()
}

func keep(_ string, data []byte) []byte { return data }

// What a dossier takes is told by content, never by name: real PDFs and DOCX packages
// pass; anything else is 415, a broken PDF or DOCX is a problem naming file, active
// content is refused.
func TestCheckDocument(t *testing.T) {
	t.Parallel()
	docx := realDOCX(t)
	pdf := minimalPDF("Quyet dinh")
	xrefStream := []byte("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
	at := len(xrefStream)
	xrefStream = append(xrefStream, []byte(fmt.Sprintf("2 0 obj\n<< /Type /XRef /Size 3 /W [1 2 1] /Root 1 0 R /Length 0 >>\nstream\n\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", at))...)
	const (
		ok          = ""
		unsupported = "415"
		invalid     = "400"
	)
	for _, c := range []struct {
		name string
		data []byte
		want string
		ct   string
	}{
		{"real DOCX", docx, ok, registry.DOCXType},
		{"real PDF", pdf, ok, registry.PDFType},
		{"PDF with a cross-reference stream", xrefStream, ok, registry.PDFType},
		{"PDF signed by an incremental update", append(append([]byte{}, pdf...), []byte("% ký số\n")...), ok, registry.PDFType},
		{"empty", nil, invalid, ""},
		{"text", []byte("Quyết định số 15/QĐ-UBND"), unsupported, ""},
		{"PNG", []byte("\x89PNG\r\n\x1a\n...."), unsupported, ""},
		{"old Word", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"), unsupported, ""},
		{"PDF cut short", pdf[:len(pdf)/2], invalid, ""},
		{"PDF without a version", append([]byte("%PDF-x"), pdf[6:]...), invalid, ""},
		{"PDF pointing outside", bytes.Replace(pdf, []byte("startxref\n"), []byte("startxref\n9"), 1), invalid, ""},
		{"PDF pointing at no xref", bytes.Replace(pdf, []byte("xref\n0 "), []byte("xxxx\n0 "), 1), invalid, ""},
		{"PDF with JavaScript", minimalPDF(") Tj ET /OpenAction << /S /JavaScript /JS (app.alert(1)) >> BT ("), unsupported, ""},
		{"PDF launching a program", minimalPDF(") Tj ET /A << /S /Launch /F (cmd.exe) >> BT ("), unsupported, ""},
		{"PDF with JavaScript spelt in hex", minimalPDF(") Tj ET /OpenAction << /S /Java#53cript /J#53 (app.alert(1)) >> BT ("), unsupported, ""},
		{"PDF launching at the end of a name", minimalPDF(") Tj ET /A << /S /Launch>> BT ("), unsupported, ""},
		{"PDF with names that only begin like JS", minimalPDF(") Tj ET /JSX /JavaScripts /Launcher BT ("), ok, registry.PDFType},
		{"zip, not Word", zipOf(map[string]string{"a.txt": "x"}), unsupported, ""},
		{"DOCX cut short", docx[:len(docx)-100], invalid, ""},
		{"DOCX without document.xml", rezip(t, docx, func(n string, d []byte) []byte {
			if n == "word/document.xml" {
				return nil
			}
			return d
		}, nil), unsupported, ""},
		{"macro-enabled (.docm)", rezip(t, docx, func(n string, d []byte) []byte {
			if n == "[Content_Types].xml" {
				return bytes.Replace(d, []byte("wordprocessingml.document.main+xml"), []byte("ms-word.document.macroEnabled.main+xml"), 1)
			}
			return d
		}, nil), unsupported, ""},
		{"macros in a .docx", rezip(t, docx, keep, map[string]string{"word/vbaProject.bin": "VBA"}), unsupported, ""},
		{"a Word template", rezip(t, docx, func(n string, d []byte) []byte {
			if n == "[Content_Types].xml" {
				return bytes.Replace(d, []byte("wordprocessingml.document.main+xml"), []byte("wordprocessingml.template.main+xml"), 1)
			}
			return d
		}, nil), unsupported, ""},
		{"document.xml not a document", rezip(t, docx, func(n string, d []byte) []byte {
			if n == "word/document.xml" {
				return []byte(`<?xml version="1.0"?><html/>`)
			}
			return d
		}, nil), invalid, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			ct, ext, err := registry.CheckDocument(c.data)
			var ue *registry.UnsupportedError
			var ie *levels.InvalidError
			switch c.want {
			case ok:
				if err != nil || ct != c.ct || (ext != ".pdf" && ext != ".docx") {
					t.Errorf("= %q %q %v, want %s", ct, ext, err, c.ct)
				}
			case unsupported:
				if !errors.As(err, &ue) || ue.Reason == "" {
					t.Errorf("err = %v, want UnsupportedError", err)
				}
			case invalid:
				if !errors.As(err, &ie) || ie.Problems[0].Field != "file" {
					t.Errorf("err = %v, want a problem naming file", err)
				}
			}
		})
	}
}

func zipOf(files map[string]string) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for n, d := range files {
		w, _ := zw.Create(n)
		w.Write([]byte(d))
	}
	zw.Close()
	return b.Bytes()
}

// The test PDF is one that PDF readers open (when poppler is installed).
func TestMinimalPDF_Renders(t *testing.T) {
	t.Parallel()
	bin, err := exec.LookPath("pdftoppm")
	if err != nil {
		if os.Getenv("CAPDO_REQUIRE_TOOLS") == "1" {
			t.Fatalf("pdftoppm is required (CAPDO_REQUIRE_TOOLS=1): %v", err)
		}
		t.Skip("pdftoppm not installed")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "qd.pdf")
	os.WriteFile(in, minimalPDF("Quyet dinh 15"), 0o600)
	if out, err := exec.Command(bin, "-png", "-r", "20", in, filepath.Join(dir, "p")).CombinedOutput(); err != nil || len(out) > 0 {
		t.Errorf("pdftoppm: %v %s", err, out)
	}
}

func TestSafeName(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in   string
		kind review.Kind
		ext  string
		want string
	}{
		{"Tờ trình đã ký.pdf", review.SignedRequest, ".pdf", "to-trinh-da-ky.pdf"},
		{`C:\Users\Văn thư\QĐ 15 phê duyệt.PDF`, review.DecisionDoc, ".pdf", "qd-15-phe-duyet.pdf"},
		{"../../etc/passwd", review.Attachment, ".docx", "passwd.docx"},
		{"sơ đồ mạng.exe", review.Attachment, ".pdf", "so-do-mang.pdf"},
		{"....pdf", review.Revised, ".pdf", "revised.pdf"},
		{"", review.SignedRequest, ".docx", "signed-request.docx"},
		{"<b>alert(1)</b>.docx", review.OpinionDoc, ".docx", "b.docx"}, // the last path element only
		{"Ý kiến <thẩm định> &amp; \"góp ý\".docx", review.OpinionDoc, ".docx", "y-kien-tham-dinh-amp-gop-y.docx"},
		{strings.Repeat("dài ", 60) + ".pdf", review.Attachment, ".pdf", strings.TrimSuffix(strings.Repeat("dai-", 20), "-") + ".pdf"},
	} {
		if got := registry.SafeName(c.in, c.kind, c.ext); got != c.want {
			t.Errorf("SafeName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// objStmPDF is a PDF 1.5 whose catalog and an action dictionary live in an object
// stream (/Type /ObjStm) with the given filter entry, holding data as its stream.
func objStmPDF(filter string, data []byte) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n%\xE2\xE3\xCF\xD3\n")
	fmt.Fprintf(&b, "1 0 obj\n<< /Type /ObjStm /N 2 /First 8 %s /Length %d >>\nstream\n", filter, len(data))
	b.Write(data)
	b.WriteString("\nendstream\nendobj\n")
	at := b.Len()
	fmt.Fprintf(&b, "4 0 obj\n<< /Type /XRef /Size 5 /W [1 2 1] /Root 2 0 R /Length 0 >>\nstream\n\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", at)
	return b.Bytes()
}

func deflate(s string) []byte {
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

// Active content compressed in an object stream is seen as in plain objects; an object
// stream capdo cannot decode is refused, never let through unread.
func TestCheckDocument_ObjectStreams(t *testing.T) {
	t.Parallel()
	const (
		catalog = "2 0 3 40 << /Type /Catalog /Pages 5 0 R /OpenAction 3 0 R >> "
		script  = "<< /S /JavaScript /JS (app.alert(1)) >>"
		hexed   = "<< /S /Java#53cript /J#53 (app.alert(1)) >>"
		launch  = "<< /S /Launch /F (cmd.exe) >>"
		benign  = "<< /S /GoTo /D [6 0 R /Fit] >>"
	)
	bomb := deflate(strings.Repeat("\x00", 65<<20))
	for _, c := range []struct {
		name string
		data []byte
		want string // "" accepted, else the status: 415 refused, 400 broken
	}{
		{"benign objects, compressed", objStmPDF("/Filter /FlateDecode", deflate(catalog+benign)), ""},
		{"benign objects, abbreviated filter", objStmPDF("/Filter /Fl", deflate(catalog+benign)), ""},
		{"JavaScript, compressed", objStmPDF("/Filter /FlateDecode", deflate(catalog+script)), "415"},
		{"JavaScript spelt in hex, compressed", objStmPDF("/Filter /FlateDecode", deflate(catalog+hexed)), "415"},
		{"Launch, compressed, filter in an array", objStmPDF("/Filter [/FlateDecode]", deflate(catalog+launch)), "415"},
		{"the filter's name spelt in hex", objStmPDF("/Filter /Flate#44ecode", deflate(catalog+script)), "415"},
		{"a string (obj) in the dictionary", objStmPDF("/Filter /FlateDecode /Subject (1 0 obj) /Note (stream)", deflate(catalog+script)), "415"},
		{"a string with a parenthesis in the dictionary", objStmPDF("/Subject (a \\) b) /Filter /FlateDecode", deflate(catalog+script)), "415"},
		{"JavaScript, plain object stream", objStmPDF("", []byte(catalog+script)), "415"},
		{"object stream in hex", objStmPDF("/Filter /ASCIIHexDecode", []byte("3c3c")), "415"},
		{"object stream with a predictor", objStmPDF("/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >>", deflate(catalog+benign)), "415"},
		{"encrypted", append(objStmPDF("/Filter /FlateDecode", deflate(catalog+benign)), []byte("trailer\n<< /Encrypt 9 0 R >>\n")...), "415"},
		{"object stream that does not decode", objStmPDF("/Filter /FlateDecode", []byte("not zlib at all")), "400"},
		{"compression bomb", objStmPDF("/Filter /FlateDecode", bomb), "415"},
	} {
		_, _, err := registry.CheckDocument(c.data)
		var u *registry.UnsupportedError
		var inv *levels.InvalidError
		got := ""
		switch {
		case errors.As(err, &u):
			got = "415"
		case errors.As(err, &inv):
			got = "400"
		case err != nil:
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("%s: got %q (%v), want %q", c.name, got, err, c.want)
		}
	}
}
