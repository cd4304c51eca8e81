package dossier

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// zeros reads as an endless run of zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// withExtraParts returns a copy of a package with more parts added by add.
func withExtraParts(tb testing.TB, pkg []byte, add func(zw *zip.Writer)) []byte {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if err := zw.Copy(f); err != nil {
			tb.Fatal(err)
		}
	}
	add(zw)
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// TestLoadRejectsZipBomb: a template of a few kilobytes that declares hundreds of
// megabytes is refused from its zip directory, before anything is inflated: the same
// package with its compressed data replaced by bytes that cannot be inflated is refused
// the same way (no clock involved).
func TestLoadRejectsZipBomb(t *testing.T) {
	t.Parallel()
	const entry = 60 << 20
	// Deflate 60 MiB of zeros once (to about 60 KiB), then repeat the compressed entry.
	var one bytes.Buffer
	zw := zip.NewWriter(&one)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	w, err := zw.Create("word/media/zero0.bin")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.CopyN(w, zeros{}, entry); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	zr, _ := zip.NewReader(bytes.NewReader(one.Bytes()), int64(one.Len()))
	for _, corrupt := range []bool{false, true} {
		bomb := withExtraParts(t, pkg(t, para("{{SYSTEM_NAME}}"), ""), func(zw *zip.Writer) {
			for i := range 8 {
				raw, _ := zr.File[0].OpenRaw()
				h := zr.File[0].FileHeader
				h.Name = fmt.Sprintf("word/media/zero%d.bin", i)
				w, err := zw.CreateRaw(&h)
				if err != nil {
					t.Fatal(err)
				}
				if corrupt { // a stored block whose length check fails: flate reports corrupt input
					raw = io.LimitReader(zeros{}, int64(h.CompressedSize64))
				}
				io.Copy(w, raw)
			}
		})
		if len(bomb) > 2<<20 {
			t.Fatalf("the bomb is %d bytes", len(bomb))
		}
		_, err = Load(templateFS(t, map[string][]byte{"to-trinh.docx": bomb}), "test")
		var te *TemplateError
		if !errors.As(err, &te) || te.Template != "to-trinh.docx" || !strings.Contains(te.Problem, "quá lớn") {
			t.Fatalf("Load error (compressed data corrupt: %v) = %v, want the package refused as too large", corrupt, err)
		}
	}
}

// TestLoadRejectsManyParts: a package with more parts than any document has.
func TestLoadRejectsManyParts(t *testing.T) {
	t.Parallel()
	many := withExtraParts(t, pkg(t, para("{{SYSTEM_NAME}}"), ""), func(zw *zip.Writer) {
		for i := range maxTemplateEntries {
			zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("word/media/x%d.bin", i), Method: zip.Store})
		}
	})
	_, err := Load(templateFS(t, map[string][]byte{"to-trinh.docx": many}), "test")
	if err == nil || !strings.Contains(err.Error(), "quá nhiều phần") {
		t.Fatalf("Load error = %v, want too many parts", err)
	}
	// One part fewer than the limit loads.
	within := withExtraParts(t, pkg(t, para("{{SYSTEM_NAME}}"), ""), func(zw *zip.Writer) {
		for i := range maxTemplateEntries - 4 {
			zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("word/media/x%d.bin", i), Method: zip.Store})
		}
	})
	if _, err := Load(templateFS(t, map[string][]byte{"to-trinh.docx": within}), "test"); err != nil {
		t.Fatalf("Load(%d parts) = %v", maxTemplateEntries, err)
	}
}

// TestLoadRejectsOddFiles: an agency's template folder is read with os.DirFS, which
// follows symbolic links; only regular files of sane size are read.
func TestLoadRejectsOddFiles(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		make func(path string) error
		want string
	}{
		{"huge sparse file", func(path string) error { return os.Truncate(path, maxTemplateFile+1) }, "quá lớn"},
		{"symlink to /dev/zero", func(path string) error {
			if _, err := os.Stat("/dev/zero"); err != nil {
				t.Skip("no /dev/zero")
			}
			os.Remove(path)
			return os.Symlink("/dev/zero", path)
		}, "không phải tệp thông thường"},
		{"folder", func(path string) error { os.Remove(path); return os.Mkdir(path, 0o755) }, "không phải tệp thông thường"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, f := range templateFS(t, nil) {
				if err := os.WriteFile(filepath.Join(dir, name), f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if err := tt.make(filepath.Join(dir, "to-trinh.docx")); err != nil {
				t.Fatal(err)
			}
			// Reading /dev/zero would not end: the test's deadline (go test -timeout) catches it.
			if _, err := Load(os.DirFS(dir), dir); err == nil || !strings.Contains(err.Error(), "to-trinh.docx") || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Load error = %v, want to-trinh.docx refused: %s", err, tt.want)
			}
		})
	}
}

// TestRenderSizeCap: rendering stops with an error once a part grows past the cap.
// Not parallel: it lowers the package's cap, which every other render reads.
func TestRenderSizeCap(t *testing.T) {
	body := para("{{#each.requirements}}") + para("{{row.stt}} {{row.text}}") + para("{{/each.requirements}}")
	e, err := Load(templateFS(t, map[string][]byte{"to-trinh.docx": pkg(t, body, "")}), "test")
	if err != nil {
		t.Fatal(err)
	}
	in := input(t, "dich-vu-cong-tinh.yaml")
	if _, err := e.Render(context.Background(), in); err != nil {
		t.Fatalf("Render under the cap: %v", err)
	}
	defer func(n int) { maxRenderedPart = n }(maxRenderedPart)

	maxRenderedPart = 4000
	_, err = e.Render(context.Background(), in)
	if err == nil || !strings.Contains(err.Error(), "to-trinh.docx") || !strings.Contains(err.Error(), "vượt quá") {
		t.Fatalf("Render over the cap: %v", err)
	}
}

// TestSelfClosingTextNode: Word writes an empty text node as <w:t xml:space="preserve"/>;
// it must not be taken for an opening tag swallowing the next run.
func TestSelfClosingTextNode(t *testing.T) {
	t.Parallel()
	const x = `<w:p><w:r><w:t xml:space="preserve"/></w:r><w:r><w:t>Cấp {{LEVEL}}</w:t></w:r></w:p>`
	if got := joinSplit(x); strings.Count(got, "<w:r>") != 2 || !strings.Contains(got, `<w:t xml:space="preserve"/></w:r>`) {
		t.Errorf("joinSplit(%s) = %s", x, got)
	}
	e, err := Load(templateFS(t, map[string][]byte{"to-trinh.docx": pkg(t, x, x)}), "test")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	f := render(t, e, input(t, "dich-vu-cong-tinh.yaml")).Files[0]
	for _, part := range []string{bodyPart, "word/header1.xml"} {
		if got := text(t, zipPart(t, f.Data, part)); got != "Cấp 3\n" {
			t.Errorf("%s text = %q, want %q", part, got, "Cấp 3\n")
		}
	}
}
