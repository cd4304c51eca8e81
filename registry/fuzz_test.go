package registry_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"capdo/levels"
	"capdo/registry"
	"capdo/review"
)

// storedDOCX is the smallest package CheckDocument accepts, stored (not compressed) so
// that the fuzzer reaches its XML instead of breaking checksums.
func storedDOCX(types, document string) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, p := range [][2]string{{"[Content_Types].xml", types}, {"word/document.xml", document}} {
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: p[0], Method: zip.Store})
		w.Write([]byte(p[1]))
	}
	zw.Close()
	return b.Bytes()
}

const docxTypes = `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`

var safeName = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*\.(pdf|docx)$`)

// Whatever the bytes of an upload, CheckDocument answers the same way twice without
// panicking: a PDF or DOCX whose content says so and carries no active content, or a
// refusal of one of the two kinds it documents, one line of bounded length naming file.
// The stored name of an accepted file is plain ASCII with the extension of what it is.
// `go test` runs the seeds (here and in testdata/fuzz); `go test -run '^$' -fuzz
// FuzzCheckDocument ./registry` explores.
func FuzzCheckDocument(f *testing.F) {
	if data, err := os.ReadFile("../templates/docx/du-thao-ket-qua-tham-dinh.docx"); err == nil {
		f.Add(data, "Dự thảo kết quả thẩm định.docx")
	}
	pdf := minimalPDF("Quyet dinh")
	f.Add(pdf, "Quyết định số 15/QĐ-UBND.pdf")
	f.Add(pdf[:len(pdf)/2], "../../etc/passwd")
	f.Add(minimalPDF(") Tj ET /OpenAction << /S /JavaScript /JS (app.alert(1)) >> BT ("), "a.pdf")
	f.Add([]byte("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n2 0 obj\n<< /Type /XRef >>\nendobj\nstartxref\n44\n%%EOF\n"), "")
	f.Add(storedDOCX(docxTypes, `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>`), "tờ trình.DOCX")
	f.Add(storedDOCX(docxTypes, `<html/>`), "...")
	f.Add(storedDOCX(strings.Replace(docxTypes, "document.main", "macroEnabled.main", 1), `<document/>`), "x.docm")
	f.Add(zipOf(map[string]string{"word/vbaProject.bin": "VBA"}), "")
	f.Add([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), "cũ.doc")
	f.Add([]byte{}, "")
	kinds := []review.Kind{review.DecisionDoc, review.SignedRequest}
	f.Fuzz(func(t *testing.T, data []byte, filename string) {
		ct, ext, err := registry.CheckDocument(data)
		ct2, ext2, err2 := registry.CheckDocument(data)
		if ct != ct2 || ext != ext2 || (err == nil) != (err2 == nil) || err != nil && err.Error() != err2.Error() {
			t.Fatalf("two answers: %q %q %v, then %q %q %v", ct, ext, err, ct2, ext2, err2)
		}
		if err != nil {
			var ue *registry.UnsupportedError
			var ie *levels.InvalidError
			switch {
			case errors.As(err, &ue):
			case errors.As(err, &ie):
				if len(ie.Problems) != 1 || ie.Problems[0].Field != "file" {
					t.Fatalf("problems %v, want one naming file", ie.Problems)
				}
			default:
				t.Fatalf("refusal of an unknown kind: %T %v", err, err)
			}
			msg := err.Error()
			if msg == "" || strings.ContainsAny(msg, "\r\n") || utf8.RuneCountInString(msg) > 400 || !utf8.ValidString(msg) {
				t.Fatalf("refusal not one bounded line: %q", msg)
			}
			return
		}
		switch {
		case ct == registry.PDFType && ext == ".pdf":
			if !bytes.HasPrefix(data, []byte("%PDF-")) || bytes.Contains(data, []byte("/JavaScript")) {
				t.Fatal("accepted as PDF")
			}
		case ct == registry.DOCXType && ext == ".docx":
			zr, zerr := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if zerr != nil {
				t.Fatalf("accepted as DOCX, not a zip: %v", zerr)
			}
			for _, zf := range zr.File {
				if strings.HasSuffix(strings.ToLower(zf.Name), "vbaproject.bin") {
					t.Fatal("accepted a DOCX with macros")
				}
			}
		default:
			t.Fatalf("accepted as %q %q", ct, ext)
		}
		for _, k := range kinds {
			name := registry.SafeName(filename, k, ext)
			if !safeName.MatchString(name) || len(name) > 80+len(ext) || !strings.HasSuffix(name, ext) {
				t.Fatalf("SafeName(%q) = %q", filename, name)
			}
		}
	})
}
