package office

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"testing"
)

// minimalDOCX is the smallest package Word and LibreOffice open.
func minimalDOCX(t *testing.T, text string) []byte {
	t.Helper()
	parts := []struct{ name, data string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>` + text + `</w:t></w:r></w:p></w:body></w:document>`},
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, p := range parts {
		w, _ := zw.Create(p.name)
		w.Write([]byte(p.data))
	}
	zw.Close()
	return b.Bytes()
}

// TestToPDF converts two documents in one run (skipped without LibreOffice unless
// CAPDO_REQUIRE_TOOLS=1), and refuses a name that is not a plain .docx file name.
func TestToPDF(t *testing.T) {
	t.Parallel()
	if _, err := Find(); err != nil {
		if os.Getenv("CAPDO_REQUIRE_TOOLS") == "1" {
			t.Fatal("soffice not found and CAPDO_REQUIRE_TOOLS=1")
		}
		t.Skip("soffice not found")
	}
	pdfs, err := ToPDF(context.Background(), map[string][]byte{"a.docx": minimalDOCX(t, "Văn bản A"), "b.docx": minimalDOCX(t, "Văn bản B")})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"a.docx", "b.docx"} {
		if !bytes.HasPrefix(pdfs[n], []byte("%PDF")) {
			t.Errorf("%s: not a PDF", n)
		}
	}
	if p, err := exec.LookPath("pdftotext"); err == nil {
		f := t.TempDir() + "/a.pdf"
		os.WriteFile(f, pdfs["a.docx"], 0o600)
		if out, err := exec.Command(p, f, "-").Output(); err != nil || !bytes.Contains(out, []byte("Văn bản A")) {
			t.Errorf("pdftotext: %q, %v", out, err)
		}
	}
	if _, err := ToPDF(context.Background(), map[string][]byte{"../x.docx": nil}); err == nil {
		t.Error("a path as a document name was accepted")
	}
}

// TestNotInstalled: without LibreOffice on the PATH the error says so.
func TestNotInstalled(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	if _, err := ToPDF(context.Background(), map[string][]byte{"a.docx": nil}); !errors.Is(err, ErrNotInstalled) {
		t.Errorf("ToPDF without soffice = %v", err)
	}
}
