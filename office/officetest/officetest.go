// Package officetest keeps what LibreOffice (and pdftotext) made in tests, by input, in
// .testcache/libreoffice at the repository's root (git-ignored; README, "go test ./...").
// LibreOffice's start-up and layout cost the document tests most of their time and give
// the same output for the same input on the same program: a run after one that changed no
// document converts nothing, one that changed a template converts only the documents that
// changed, and a clean clone (CI) converts all. CAPDO_TEST_CACHE=off converts all and
// leaves the folder alone. Only tests import this package; the office package's own tests
// do not, so its conversion always runs.
package officetest

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"capdo/office"
)

// Use sends office.ToPDF's conversions through the cache for the rest of the test binary
// (call it from TestMain).
func Use() {
	office.SetCache(func(docs map[string][]byte, convert func(map[string][]byte) (map[string][]byte, error)) (map[string][]byte, error) {
		soffice, err := office.Find()
		if err != nil {
			return nil, err
		}
		return Cached(soffice, "pdf", docs, convert)
	})
}

// Dir is the cache's folder, or "" when CAPDO_TEST_CACHE=off or the repository's root
// (go.mod) is not found above the working folder (a test's is its package's).
func Dir() string {
	if os.Getenv("CAPDO_TEST_CACHE") == "off" {
		return ""
	}
	dir, err := filepath.Abs(".")
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, ".testcache", "libreoffice")
		}
		up := filepath.Dir(dir)
		if up == dir {
			return ""
		}
		dir = up
	}
}

// toolIdentity names an installed program: the real path, size and modification time of
// the program and, for LibreOffice, of soffice.bin beside it (only their metadata: nothing
// outside the repository is read). Another version or build is another identity.
func toolIdentity(path string) (string, error) {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", err
	}
	var id strings.Builder
	for _, p := range []string{real, filepath.Join(filepath.Dir(real), "soffice.bin")} {
		fi, err := os.Stat(p)
		if errors.Is(err, os.ErrNotExist) && p != real {
			continue
		}
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&id, "%s %d %d\n", p, fi.Size(), fi.ModTime().UnixNano())
	}
	return id.String(), nil
}

// Cached returns convert's output for each input (by name), taking what the cache holds
// and converting only the rest, in one call to convert, whose outputs it then keeps. tool
// is the program convert runs (a name on the PATH or a path); ext names the output's kind
// ("pdf", "docx", "txt"); both are part of the key. A cache that cannot be written is
// passed over: the outputs are still returned.
func Cached(tool, ext string, docs map[string][]byte, convert func(map[string][]byte) (map[string][]byte, error)) (map[string][]byte, error) {
	dir := Dir()
	path, err := exec.LookPath(tool)
	if err != nil {
		return nil, err
	}
	identity, err := toolIdentity(path)
	if err != nil {
		return nil, err
	}
	key := func(data []byte) string {
		h := sha256.New()
		fmt.Fprintf(h, "%s\x00%s\x00", ext, identity)
		h.Write(data)
		return hex.EncodeToString(h.Sum(nil)) + "." + ext
	}
	out := make(map[string][]byte, len(docs))
	missing := map[string][]byte{}
	for name, data := range docs {
		if dir != "" {
			if b, err := os.ReadFile(filepath.Join(dir, key(data))); err == nil && len(b) > 0 {
				out[name] = b
				continue
			}
		}
		missing[name] = data
	}
	if len(missing) == 0 {
		return out, nil
	}
	converted, err := convert(missing)
	if err != nil {
		return nil, err
	}
	if dir != "" && os.MkdirAll(dir, 0o755) != nil {
		dir = ""
	}
	for name, data := range missing {
		b, ok := converted[name]
		if !ok {
			return nil, fmt.Errorf("%s gave nothing for %s", filepath.Base(tool), name)
		}
		out[name] = b
		if dir != "" {
			keep(dir, key(data), b)
		}
	}
	return out, nil
}

// keep writes one output aside, then renames it: a run that stops halfway leaves no half
// file, and two test binaries writing the same key leave one whole file.
func keep(dir, name string, b []byte) {
	f, err := os.CreateTemp(dir, "tmp-*")
	if err != nil {
		return
	}
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), filepath.Join(dir, name))
	}
	if err != nil {
		os.Remove(f.Name())
	}
}
