package dossier

import (
	"context"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"capdo/office"
)

// requireTool returns the path of an external program a test needs, skipping the test
// when it is missing unless CAPDO_REQUIRE_TOOLS=1.
func requireTool(t *testing.T, name, install string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CAPDO_REQUIRE_TOOLS") == "1" {
			t.Fatalf("%s not found and CAPDO_REQUIRE_TOOLS=1 (%s)", name, install)
		}
		t.Skipf("%s not found (%s)", name, install)
	}
	return p
}

// pageNumberLine is the page number LibreOffice prints at the top of pages after the first.
var pageNumberLine = regexp.MustCompile(`^\s*\d+\s*$`)

// signatureAlone returns the page (from 1) on which the signature block starts with no
// text of the body above it, or 0. pages is pdftotext's output split at form feeds.
func signatureAlone(pages []string) int {
	for i, pg := range pages {
		before, _, found := strings.Cut(pg, "Nơi nhận:")
		if !found {
			continue
		}
		alone := true
		for _, line := range strings.Split(before, "\n") {
			if strings.TrimSpace(line) != "" && !pageNumberLine.MatchString(line) {
				alone = false
				break
			}
		}
		if alone {
			return i + 1
		}
	}
	return 0
}

// TestSignatureNotAlone renders dossiers through LibreOffice to PDF and reads the pages'
// text with pdftotext: no signature block may start a page with nothing of the body above
// it. It checks every document of the golden dossiers (drafts, with their drafting notes,
// and for Decree 331 the versions to sign as well),
// and a sweep of versions to sign that moves the end of the explanation over a whole page,
// line by line (a description of 0 to 44 lines), so that the page break falls at every
// place around the signature block once. Skipped without soffice or pdftotext unless CAPDO_REQUIRE_TOOLS=1.
func TestSignatureNotAlone(t *testing.T) {
	t.Parallel() // LibreOffice runs in its own process: overlap the slow conversions
	requireTool(t, "soffice", "apt-get install libreoffice-writer-nogui")
	pdftotext := requireTool(t, "pdftotext", "apt-get install poppler-utils")
	e := embedded(t)
	docs := map[string][]byte{}
	for _, c := range goldenCases {
		in := goldenInput(t, c)
		in.Full = true
		d := render(t, e, in)
		for _, doc := range d.Files {
			if strings.HasSuffix(doc.Name, ".docx") {
				docs[c.name+"--"+doc.Name] = doc.Data
			}
		}
		if c.rules == "" {
			continue
		}
		// The Decree 331 documents lose most of their length with their drafting notes:
		// their versions to sign too.
		f, err := d.Final(true)
		if err != nil {
			t.Fatal(err)
		}
		for _, doc := range f.Files {
			if strings.HasSuffix(doc.Name, ".docx") {
				docs[c.name+"-ky--"+doc.Name] = doc.Data
			}
		}
	}
	for n := 0; n <= 44; n++ {
		in := input(t, "dich-vu-cong-tinh.yaml")
		in.Profile.Description = strings.TrimSpace(strings.Repeat("Mô tả.\n", n))
		d := render(t, e, in)
		f, err := d.Final(true)
		if err != nil {
			t.Fatal(err)
		}
		docs["sweep-"+strconv.Itoa(n)+"--thuyet-minh-de-xuat-cap-do.docx"] = f.Files[1].Data
	}
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Minute)
	defer cancel()
	pdfs, err := office.ToPDF(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, pdf := range pdfs {
		path := dir + "/" + strings.TrimSuffix(name, ".docx") + ".pdf"
		if err := os.WriteFile(path, pdf, 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.CommandContext(ctx, pdftotext, "-enc", "UTF-8", path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", name, err)
		}
		pages := strings.Split(string(out), "\f")
		if !strings.Contains(string(out), "Nơi nhận:") {
			t.Errorf("%s: no signature block in the PDF text", name)
			continue
		}
		if pg := signatureAlone(pages); pg > 0 {
			t.Errorf("%s: the signature block starts page %d alone:\n%s", name, pg, pages[pg-1][:min(300, len(pages[pg-1]))])
		}
	}
}
