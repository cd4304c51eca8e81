// Package office converts documents to PDF with LibreOffice (soffice), run headless. It is
// the only package that runs LibreOffice. Every conversion starts its own LibreOffice with
// a profile folder of its own, so conversions may run in parallel and never touch the
// profile of a person using LibreOffice on the same machine.
package office

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// ErrNotInstalled is returned when LibreOffice cannot be found.
var ErrNotInstalled = errors.New("không tìm thấy LibreOffice (lệnh soffice) để chuyển văn bản sang PDF; hãy cài LibreOffice (ví dụ apt-get install libreoffice-writer-nogui) hoặc bỏ --pdf")

// Timeout bounds one conversion run when the context sets no deadline: LibreOffice starts in
// a few seconds and converts a dossier in a few more.
const Timeout = 3 * time.Minute

// Find returns the path of soffice, or ErrNotInstalled.
func Find() (string, error) {
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrNotInstalled
}

// Cache stands between ToPDF and LibreOffice: given the documents and the conversion, it
// returns the PDFs, converting what it does not hold. The program sets none; tests of the
// packages that convert set one (office/officetest) so that a run after one that changed
// no document starts no LibreOffice.
type Cache func(docs map[string][]byte, convert func(map[string][]byte) (map[string][]byte, error)) (map[string][]byte, error)

var cache Cache

// SetCache sets the Cache of every later conversion (nil: none). Tests call it once,
// before any conversion.
func SetCache(c Cache) { cache = c }

// ToPDF converts documents (file name → content, .docx) to PDF in one LibreOffice run and
// returns the PDFs by the name of the document they come from. Every document must convert:
// a missing or empty PDF is an error naming the document.
func ToPDF(ctx context.Context, docs map[string][]byte) (map[string][]byte, error) {
	soffice, err := Find()
	if err != nil {
		return nil, err
	}
	for name := range docs {
		if filepath.Base(name) != name || !strings.HasSuffix(name, ".docx") {
			return nil, fmt.Errorf("tên văn bản không hợp lệ: %q", name)
		}
	}
	if len(docs) == 0 {
		return map[string][]byte{}, nil
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, Timeout)
		defer cancel()
	}
	convert := func(docs map[string][]byte) (map[string][]byte, error) { return run(ctx, soffice, docs) }
	if cache != nil {
		return cache(docs, convert)
	}
	return convert(docs)
}

// run starts one LibreOffice with a profile folder of its own and converts docs (names
// already checked by ToPDF).
func run(ctx context.Context, soffice string, docs map[string][]byte) (map[string][]byte, error) {
	dir, err := os.MkdirTemp("", "capdo-pdf-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	if err := os.Mkdir(in, 0o700); err != nil {
		return nil, err
	}
	args := []string{"--headless", "--norestore", "--nolockcheck", "-env:UserInstallation=file://" + filepath.ToSlash(filepath.Join(dir, "profile")),
		"--convert-to", "pdf", "--outdir", out}
	for name, data := range docs {
		p := filepath.Join(in, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			return nil, err
		}
		args = append(args, p)
	}
	cmd := exec.CommandContext(ctx, soffice, args...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("LibreOffice chuyển sang PDF quá thời gian: %w", ctx.Err())
		}
		return nil, fmt.Errorf("LibreOffice không chuyển được sang PDF: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	pdfs := make(map[string][]byte, len(docs))
	for name := range docs {
		b, err := os.ReadFile(filepath.Join(out, strings.TrimSuffix(name, ".docx")+".pdf"))
		if err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
			return nil, fmt.Errorf("LibreOffice không chuyển được %s sang PDF: %s", name, strings.TrimSpace(stderr.String()))
		}
		pdfs[name] = b
	}
	return pdfs, nil
}
