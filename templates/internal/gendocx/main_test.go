package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestTemplatesUpToDate runs the generator and compares its output byte for byte with the
// committed templates (templates/docx), so that they never drift from this source. After
// an intended change, run `go generate ./templates`.
func TestTemplatesUpToDate(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := generate(dir); err != nil {
		t.Fatal(err)
	}
	committed := filepath.Join("..", "..", "docx")
	names := func(dir string) []string {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range entries {
			out = append(out, e.Name())
		}
		return out
	}
	if got, want := names(dir), names(committed); !slices.Equal(got, want) {
		t.Fatalf("the generator writes %v, templates/docx holds %v (run go generate ./templates)", got, want)
	}
	for _, d := range documents() {
		got, err := os.ReadFile(filepath.Join(dir, d.name))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join(committed, d.name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("templates/docx/%s differs from what the generator writes (run go generate ./templates)", d.name)
		}
	}
}
