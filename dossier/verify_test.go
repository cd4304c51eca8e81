package dossier

import (
	"archive/zip"
	"bytes"
	"testing"
)

// TestVerifyReadsEveryPart: a part the template gave unchanged (styles, settings,
// relationships) is inflated and checked like the body. The directory of the damaged
// package still records the part's original size and checksum, so a check that trusts
// the directory for static parts would let it through.
func TestVerifyReadsEveryPart(t *testing.T) {
	t.Parallel()
	d := render(t, embedded(t), input(t, "dich-vu-cong-tinh.yaml"))
	good := d.Files[0].Data
	if err := verify(good); err != nil {
		t.Fatalf("verify(rendered) = %v", err)
	}
	zr, err := zip.NewReader(bytes.NewReader(good), int64(len(good)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	for _, name := range []string{"word/styles.xml", "word/settings.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"} {
		var part *zip.File
		for _, f := range zr.File {
			if f.Name == name {
				part = f
			}
		}
		if part == nil {
			t.Fatalf("no %s in %v", name, names)
		}
		off, err := part.DataOffset()
		if err != nil {
			t.Fatal(err)
		}
		bad := bytes.Clone(good)
		// Damage the compressed data in the middle of the part; the directory is untouched.
		bad[off+int64(part.CompressedSize64/2)] ^= 0x55
		if err := verify(bad); err == nil {
			t.Errorf("verify accepts a package whose %s is damaged", name)
		}
	}
}
