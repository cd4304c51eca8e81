package dossier

import (
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestLibreOffice opens generated dossiers in LibreOffice, an independent reader, which
// lays them out as PDF (in the package's one LibreOffice run, libreOfficePDF: start-up
// dominates the cost), and checks that the text of the pages names the system and owner
// and states the level. It is skipped when soffice or pdftotext is not installed, unless
// CAPDO_REQUIRE_TOOLS=1.
func TestLibreOffice(t *testing.T) {
	t.Parallel() // LibreOffice runs in its own process: overlap the slow conversions
	requireTool(t, "pdftotext", "apt-get install poppler-utils")
	docs := exampleDocs(t)
	texts := pdfTexts(t, libreOfficePDFs(t, docs))
	names := slices.Sorted(maps.Keys(docs))
	for _, name := range names {
		prof, file, _ := strings.Cut(name, "--")
		in := exampleInput(t, prof)
		// Words, whatever line or page they fall on.
		txt := strings.Join(strings.Fields(texts[name]), " ")
		for _, s := range []string{in.Profile.Name, in.Profile.Owner} {
			if !strings.Contains(txt, strings.Join(strings.Fields(s), " ")) {
				t.Errorf("%s: LibreOffice text lacks %q", name, s)
			}
		}
		if file == "thuyet-minh-de-xuat-cap-do.docx" || file == "to-trinh.docx" {
			if level := "CẤP ĐỘ " + string(rune('0'+in.Decision.Level)); !strings.Contains(txt, level) {
				t.Errorf("%s: LibreOffice text lacks %q", name, level)
			}
		}
		if strings.Contains(txt, "{{") {
			t.Errorf("%s: LibreOffice text holds a placeholder", name)
		}
	}
}

// libreOfficeExamples are the profiles whose dossiers TestLibreOffice reads.
var libreOfficeExamples = []string{"ban-tin-noi-bo", "dich-vu-cong-tinh", "scada-cap-i", "van-ban-mat", "bca-cap-5"}

// exampleInput is the input of one of libreOfficeExamples.
func exampleInput(t *testing.T, prof string) Input {
	t.Helper()
	if prof == "bca-cap-5" {
		return inputFile(t, filepath.Join("testdata", "profiles", prof+".yaml"))
	}
	return inputFile(t, filepath.Join("..", "testdata", "examples", prof+".yaml"))
}

// exampleDocs are the documents TestLibreOffice reads, named profile--document.
func exampleDocs(t *testing.T) map[string][]byte {
	t.Helper()
	e := embedded(t)
	docs := map[string][]byte{}
	for _, prof := range libreOfficeExamples {
		for _, f := range render(t, e, exampleInput(t, prof)).Files {
			if strings.HasSuffix(f.Name, ".docx") {
				docs[prof+"--"+f.Name] = f.Data
			}
		}
	}
	return docs
}
