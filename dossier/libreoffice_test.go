package dossier

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestLibreOffice opens generated dossiers in LibreOffice, an independent reader, by
// converting them to text in one call (start-up dominates the cost), and checks that the
// text names the system and owner and states the level. It is skipped when soffice is not
// installed, unless CAPDO_REQUIRE_TOOLS=1.
func TestLibreOffice(t *testing.T) {
	t.Parallel() // LibreOffice runs in its own process: overlap the slow conversions
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CAPDO_REQUIRE_TOOLS") == "1" {
			t.Fatal("soffice not found and CAPDO_REQUIRE_TOOLS=1 (apt-get install libreoffice-writer-nogui)")
		}
		t.Skip("soffice not found (apt-get install libreoffice-writer-nogui)")
	}
	dir := t.TempDir()
	e := embedded(t)
	type doc struct {
		file  string
		in    Input
		level string
	}
	var docs []doc
	var files []string
	for _, prof := range []string{"ban-tin-noi-bo", "dich-vu-cong-tinh", "scada-cap-i", "van-ban-mat", "bca-cap-5"} {
		path := filepath.Join("..", "testdata", "examples", prof+".yaml")
		if prof == "bca-cap-5" {
			path = filepath.Join("testdata", "profiles", prof+".yaml")
		}
		in := inputFile(t, path)
		for _, f := range render(t, e, in).Files {
			name := filepath.Join(dir, prof+"--"+f.Name)
			if err := os.WriteFile(name, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
			files = append(files, name)
			docs = append(docs, doc{name, in, "CẤP ĐỘ " + string(rune('0'+in.Decision.Level))})
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	outDir := filepath.Join(dir, "txt")
	args := append([]string{"--headless", "-env:UserInstallation=file://" + filepath.Join(dir, "lo-profile"),
		"--convert-to", "txt:Text", "--outdir", outDir}, files...)
	if out, err := exec.CommandContext(ctx, soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for _, d := range docs {
		b, err := os.ReadFile(filepath.Join(outDir, strings.TrimSuffix(filepath.Base(d.file), ".docx")+".txt"))
		if err != nil {
			t.Errorf("LibreOffice did not convert %s: %v", filepath.Base(d.file), err)
			continue
		}
		txt := string(bytes.TrimPrefix(b, []byte("\uFEFF")))
		for _, s := range []string{d.in.Profile.Name, d.in.Profile.Owner} {
			if !strings.Contains(txt, s) {
				t.Errorf("%s: LibreOffice text lacks %q", filepath.Base(d.file), s)
			}
		}
		if strings.HasSuffix(d.file, "thuyet-minh-de-xuat-cap-do.docx") || strings.HasSuffix(d.file, "to-trinh.docx") {
			if !strings.Contains(txt, d.level) {
				t.Errorf("%s: LibreOffice text lacks %q", filepath.Base(d.file), d.level)
			}
		}
		if strings.Contains(txt, "{{") {
			t.Errorf("%s: LibreOffice text holds a placeholder", filepath.Base(d.file))
		}
	}
}
