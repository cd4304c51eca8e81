package server_test

import (
	"archive/zip"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// bodyOf returns word/document.xml of a DOCX.
func bodyOf(t *testing.T, docx string) string {
	t.Helper()
	zr, err := zip.NewReader(strings.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatalf("not a DOCX: %v", err)
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			return string(b)
		}
	}
	t.Fatal("no word/document.xml")
	return ""
}

// The version to sign of a dossier's documents: without drafting notes; while fill-in
// blanks remain, a page lists them by document and offers the version anyway after
// confirmation; the whole dossier as a zip the same way. Only the dossier's own generated
// documents, for whoever sees the dossier.
func TestDossierFinalDownloads(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.createDossier("vanhanhA", f.sysA3)
	page := "/dossiers/" + itoa(id)
	final := page + "/final/"
	f.run(t, []scenario{
		{name: "final without a session", as: "", method: "GET", url: final + "to-trinh.docx", want: 303},
		{name: "final: blanks listed", as: "vanhanhA", method: "GET", url: final + "to-trinh.docx", want: 200,
			contains: []string{"Bản để ký còn", "chỗ trống cần điền", "to-trinh.docx", "[HỌ VÀ TÊN NGƯỜI KÝ]", `href="/dossiers/` + itoa(id) + `/final/to-trinh.docx?allow_blanks=1"`}},
		{name: "final zip: blanks listed by document", as: "chuquanA", method: "GET", url: final + "ho-so-de-xuat-cap-do.zip", want: 200,
			contains: []string{"thuyet-minh-de-xuat-cap-do.docx", "du-thao-quyet-dinh.docx", `/final/ho-so-de-xuat-cap-do.zip?allow_blanks=1`}},
		{name: "final of another organisation's dossier", as: "vanhanhB", method: "GET", url: final + "to-trinh.docx", want: 404},
		{name: "final of the manifest", as: "vanhanhA", method: "GET", url: final + "manifest.json", want: 404},
		{name: "final of the checklist", as: "vanhanhA", method: "GET", url: final + "checklist.xlsx", want: 404},
		{name: "final of a document the dossier lacks", as: "vanhanhA", method: "GET", url: final + "xin-y-kien-chuyen-mon.docx", want: 404},
		{name: "final path traversal", as: "vanhanhA", method: "GET", url: final + "..%2F..%2Fcapdo.db", want: 404},
		{name: "pdf without a session", as: "", method: "GET", url: page + "/pdf/to-trinh.docx", want: 303},
		{name: "pdf of another organisation's dossier", as: "vanhanhB", method: "GET", url: page + "/pdf/to-trinh.docx", want: 404},
		{name: "pdf of the zip", as: "vanhanhA", method: "GET", url: page + "/pdf/ho-so-de-xuat-cap-do.zip", want: 404},
		{name: "pdf of the final version: blanks listed first", as: "vanhanhA", method: "GET", url: page + "/pdf/to-trinh.docx?version=final", want: 200,
			contains: []string{"Bản để ký còn", `/pdf/to-trinh.docx?version=final&amp;allow_blanks=1`}},
	})

	// Confirmed: the version to sign, named as such, without a drafting note.
	resp, data := f.do("vanhanhA", "GET", final+"to-trinh.docx?allow_blanks=1", "", "")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.wordprocessingml.document" ||
		resp.Header.Get("Content-Disposition") != "attachment; filename=to-trinh-ban-de-ky.docx" {
		t.Fatalf("final = %d %s %s", resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"))
	}
	_, draft := f.do("vanhanhA", "GET", "/api/v1/dossiers/"+itoa(id)+"/documents/to-trinh.docx", "", "")
	if !strings.Contains(bodyOf(t, draft), "xóa trước khi ký") || strings.Contains(bodyOf(t, data), "xóa trước khi ký") {
		t.Error("the version to sign still has drafting notes, or the draft has none")
	}
	resp, data = f.do("chuquanA", "GET", final+"ho-so-de-xuat-cap-do.zip?allow_blanks=1", "", "")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/zip" ||
		resp.Header.Get("Content-Disposition") != "attachment; filename=ho-so-de-xuat-cap-do-"+itoa(id)+"-ban-de-ky.zip" {
		t.Fatalf("final zip = %d %s", resp.StatusCode, resp.Header.Get("Content-Disposition"))
	}
	zr, err := zip.NewReader(strings.NewReader(data), int64(len(data)))
	if err != nil || !hasFile(zr, "checklist.xlsx") || !hasFile(zr, "to-trinh.docx") {
		t.Fatalf("final zip: %v", err)
	}
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		switch {
		case zf.Name == "manifest.json":
			var m struct {
				Final  bool `json:"final"`
				Blanks bool `json:"blanks_allowed"`
			}
			if json.Unmarshal(b, &m); !m.Final || !m.Blanks {
				t.Errorf("manifest of the version to sign: %s", b)
			}
		case strings.HasSuffix(zf.Name, ".docx") && strings.Contains(bodyOf(t, string(b)), "xóa trước khi ký"):
			t.Errorf("%s in the final zip keeps drafting notes", zf.Name)
		}
	}

	// The dossier page offers both, and says whether PDFs can be made.
	_, body := f.do("vanhanhA", "GET", page, "", "")
	for _, want := range []string{`id="download-final-zip" href="/dossiers/` + itoa(id) + `/final/ho-so-de-xuat-cap-do.zip"`,
		`href="/dossiers/` + itoa(id) + `/final/to-trinh.docx">Bản để ký</a>`, "Bảng kiểm yêu cầu an toàn thông tin theo cấp độ"} {
		if !strings.Contains(body, want) {
			t.Errorf("dossier page lacks %s", want)
		}
	}
	if _, err := exec.LookPath("soffice"); err == nil {
		if !strings.Contains(body, `/pdf/to-trinh.docx">PDF</a>`) {
			t.Error("dossier page offers no PDF though LibreOffice is installed")
		}
	} else if !strings.Contains(body, `id="no-pdf"`) {
		t.Error("dossier page does not say PDFs need LibreOffice")
	}
}

// The PDF of a document, through LibreOffice; made once per document content.
func TestDossierPDF(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("soffice"); err != nil {
		if os.Getenv("CAPDO_REQUIRE_TOOLS") == "1" {
			t.Fatal("soffice not found and CAPDO_REQUIRE_TOOLS=1")
		}
		t.Skip("soffice not found (apt-get install libreoffice-writer-nogui)")
	}
	f := newFixture(t)
	id := f.createDossier("vanhanhA", f.sysA3)
	f.run(t, []scenario{
		{name: "pdf", as: "vanhanhA", method: "GET", url: "/dossiers/" + itoa(id) + "/pdf/to-trinh.docx", want: 200, contains: []string{"%PDF-"}},
		{name: "pdf of the final version, confirmed", as: "chuquanA", method: "GET", url: "/dossiers/" + itoa(id) + "/pdf/to-trinh.docx?version=final&allow_blanks=1", want: 200, contains: []string{"%PDF-"}},
	})
	resp, _ := f.do("vanhanhA", "GET", "/dossiers/"+itoa(id)+"/pdf/to-trinh.docx?version=final&allow_blanks=1", "", "")
	if resp.Header.Get("Content-Type") != "application/pdf" || resp.Header.Get("Content-Disposition") != "attachment; filename=to-trinh-ban-de-ky.pdf" {
		t.Errorf("pdf headers %s %s", resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"))
	}
}

// Without LibreOffice the PDF route says so, in a page, and changes nothing.
func TestDossierPDFWithoutOffice(t *testing.T) {
	f := newFixture(t)
	id := f.createDossier("vanhanhA", f.sysA3)
	t.Setenv("PATH", t.TempDir()) // no soffice on this PATH
	resp, body := f.do("vanhanhA", "GET", "/dossiers/"+itoa(id)+"/pdf/to-trinh.docx", "", "")
	if resp.StatusCode != 503 || !strings.Contains(body, "Máy chủ chưa cài LibreOffice") || !strings.Contains(body, "apt-get install libreoffice-writer-nogui") {
		t.Errorf("pdf without LibreOffice = %d %s", resp.StatusCode, clip(body))
	}
	_, body = f.do("vanhanhA", "GET", "/dossiers/"+itoa(id), "", "")
	if !strings.Contains(body, `id="no-pdf"`) || strings.Contains(body, `class="pdf-link"`) {
		t.Error("the dossier page offers PDFs without LibreOffice")
	}
}
