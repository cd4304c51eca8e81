package dossier

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"capdo/office"
	"capdo/office/officetest"
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
	texts := pdfTexts(t, libreOfficePDFs(t, signatureDocs(t)))
	for name, out := range texts {
		pages := strings.Split(out, "\f")
		if !strings.Contains(out, "Nơi nhận:") {
			t.Errorf("%s: no signature block in the PDF text", name)
			continue
		}
		if pg := signatureAlone(pages); pg > 0 {
			t.Errorf("%s: the signature block starts page %d alone:\n%s", name, pg, pages[pg-1][:min(300, len(pages[pg-1]))])
		}
	}
}

// signatureDocs are the documents TestSignatureNotAlone reads through LibreOffice: every
// document of the golden dossiers, and the sweep of versions to sign. Made once for the
// package (the batch of libreOfficePDF needs them too): some 230 renders take seconds.
func signatureDocs(t *testing.T) map[string][]byte {
	t.Helper()
	signatureSet.once.Do(func() { signatureSet.docs = makeSignatureDocs(t) })
	if signatureSet.docs == nil {
		t.Fatal("the documents of TestSignatureNotAlone could not be made (see the test that made them first)")
	}
	return signatureSet.docs
}

var signatureSet struct {
	once sync.Once
	docs map[string][]byte // read only once made
}

func makeSignatureDocs(t *testing.T) map[string][]byte {
	t.Helper()
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
	return docs
}

// pdfTexts is pdftotext's text of each PDF (by name; pages end with a form feed), kept in
// the repository's cache with LibreOffice's output (office/officetest); what the
// cache lacks is read by one pdftotext per core at a time.
func pdfTexts(t *testing.T, pdfs map[string][]byte) map[string]string {
	t.Helper()
	pdftotext := requireTool(t, "pdftotext", "apt-get install poppler-utils")
	dir := t.TempDir()
	texts, err := officetest.Cached(pdftotext, "txt", pdfs, func(missing map[string][]byte) (map[string][]byte, error) {
		var (
			mu   sync.Mutex
			out  = map[string][]byte{}
			errs []error
			wg   sync.WaitGroup
			slot = make(chan struct{}, runtime.GOMAXPROCS(0))
		)
		i := 0
		for name, pdf := range missing {
			path := filepath.Join(dir, strconv.Itoa(i)+".pdf")
			i++
			wg.Go(func() {
				slot <- struct{}{}
				defer func() { <-slot }()
				var b []byte
				err := os.WriteFile(path, pdf, 0o600)
				if err == nil {
					b, err = exec.Command(pdftotext, "-enc", "UTF-8", path, "-").Output()
				}
				mu.Lock()
				defer mu.Unlock()
				if err != nil {
					errs = append(errs, fmt.Errorf("pdftotext %s: %w", name, err))
					return
				}
				out[name] = b
			})
		}
		wg.Wait()
		return out, errors.Join(errs...)
	})
	if err != nil {
		t.Fatal(err)
	}
	res := make(map[string]string, len(texts))
	for name, b := range texts {
		res[name] = string(b)
	}
	return res
}

// libreOfficePDF holds the package's one LibreOffice run to PDF. LibreOffice's start-up
// costs as much as converting dozens of documents, so the documents of every test that
// reads LibreOffice's PDF (TestLibreOffice, TestSignatureNotAlone) are converted together,
// by the first of them to ask; each finds its PDFs by the SHA-256 of its documents. The
// run converts only what the repository's cache lacks (office/officetest).
var libreOfficePDF struct {
	once sync.Once
	pdfs map[[sha256.Size]byte][]byte
	err  error
}

// libreOfficePDFs returns LibreOffice's PDF of each document (by the document's name),
// which must be one of the package's batch (libreOfficePDF). Skipped without soffice
// unless CAPDO_REQUIRE_TOOLS=1.
func libreOfficePDFs(t *testing.T, docs map[string][]byte) map[string][]byte {
	t.Helper()
	requireTool(t, "soffice", "apt-get install libreoffice-writer-nogui")
	libreOfficePDF.once.Do(func() {
		batch := map[string][]byte{}
		for _, set := range []map[string][]byte{exampleDocs(t), signatureDocs(t)} {
			for _, data := range set {
				sum := sha256.Sum256(data)
				batch[hex.EncodeToString(sum[:])+".docx"] = data
			}
		}
		// The test's deadline, not office.Timeout: a loaded machine takes minutes.
		ctx := context.Background()
		if deadline, ok := t.Deadline(); ok {
			var cancel context.CancelFunc
			ctx, cancel = context.WithDeadline(ctx, deadline)
			defer cancel()
		}
		pdfs, err := officetest.Cached("soffice", "pdf", batch, func(docs map[string][]byte) (map[string][]byte, error) {
			return office.ToPDF(ctx, docs)
		})
		if err != nil {
			libreOfficePDF.err = err
			return
		}
		libreOfficePDF.pdfs = map[[sha256.Size]byte][]byte{}
		for name, data := range batch {
			libreOfficePDF.pdfs[sha256.Sum256(data)] = pdfs[name]
		}
	})
	if libreOfficePDF.err != nil {
		t.Fatalf("LibreOffice: %v", libreOfficePDF.err)
	}
	out := make(map[string][]byte, len(docs))
	for name, data := range docs {
		pdf, ok := libreOfficePDF.pdfs[sha256.Sum256(data)]
		if !ok {
			t.Fatalf("%s is not among the documents converted for the package (libreOfficePDF)", name)
		}
		out[name] = pdf
	}
	return out
}
