package dossier

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"capdo/office"
)

// The draft and the version to sign. A generated document carries drafting notes:
// paragraphs in the Note style, highlighted, that say "(xóa trước khi ký)". The version to
// sign leaves them out, and is refused while fill-in blanks remain — text in square
// brackets ("[HỌ VÀ TÊN NGƯỜI KÝ]", a guidance to replace) or the dots of a number or date
// to fill in ("văn bản số …… ngày ……") — unless blanks are allowed. The number of the
// document itself ("Số: ……/……") is not a blank: the văn thư gives it when the document is
// issued (Nghị định 30/2020/NĐ-CP). Final works on the documents' bytes, so it serves a
// dossier just rendered as well as a document edited in Word and stored again.

// noteMark is what every drafting note says.
const noteMark = "(xóa trước khi ký)"

// noteStyle is the style id of drafting notes in the built-in templates.
const noteStyle = "Note"

// ErrBlanks is matched by errors.Is for a *BlanksError.
var ErrBlanks = errors.New("văn bản còn chỗ trống cần điền")

// DocumentBlanks are the fill-in blanks left in one document.
type DocumentBlanks struct {
	Name string
	// Blanks are the distinct blanks, in the order they first appear.
	Blanks []string
	// Count is how many there are in all.
	Count int
}

// BlanksError refuses a version to sign while fill-in blanks remain.
type BlanksError struct{ Documents []DocumentBlanks }

func (e *BlanksError) Error() string {
	var b strings.Builder
	b.WriteString("bản để ký: văn bản còn chỗ trống cần điền (điền trong Word rồi lập lại, hoặc dùng --allow-blanks để lập bản để ký còn chỗ trống):")
	for _, d := range e.Documents {
		shown := d.Blanks[:min(len(d.Blanks), 4)]
		fmt.Fprintf(&b, "\n  %s: %d chỗ trống, ví dụ «%s»", d.Name, d.Count, strings.Join(shown, "», «"))
	}
	return b.String()
}

func (e *BlanksError) Is(target error) bool { return target == ErrBlanks }

// Final returns the version to sign of a dossier: every document without its drafting
// notes and with the day and month of its date line blank (signdate.go), read back and
// checked, the manifest marked final with the new hashes. With
// allowBlanks false it refuses (*BlanksError, naming every document and its blanks) while
// any document has a fill-in blank; nothing is returned then.
func (d *Dossier) Final(allowBlanks bool) (*Dossier, error) {
	out := &Dossier{Manifest: d.Manifest, Secret: d.Secret, Warnings: slices.Clone(d.Warnings)}
	out.Manifest.Files = nil
	out.Manifest.Final, out.Manifest.Blanks = true, allowBlanks
	var missing []DocumentBlanks
	for _, f := range d.Files {
		if !strings.HasSuffix(f.Name, ".docx") {
			out.add(f)
			continue
		}
		nf, blanks, err := FinalFile(f)
		if err != nil {
			return nil, err
		}
		if blanks.Count > 0 {
			missing = append(missing, blanks)
		}
		out.add(nf)
	}
	if len(missing) > 0 && !allowBlanks {
		return nil, &BlanksError{Documents: missing}
	}
	return out, nil
}

// FinalFile is Final for one document: the document without its drafting notes, and the
// fill-in blanks it still has.
func FinalFile(f File) (File, DocumentBlanks, error) {
	fail := func(err error) (File, DocumentBlanks, error) {
		return File{}, DocumentBlanks{}, fmt.Errorf("bản để ký %s: %w", f.Name, err)
	}
	body, err := packagePart(f.Data, bodyPart)
	if err != nil {
		return fail(err)
	}
	clean, err := withoutNotes(body)
	if err != nil {
		return fail(err)
	}
	if clean, err = withoutSigningDay(clean); err != nil {
		return fail(err)
	}
	data, err := replacePart(f.Data, bodyPart, []byte(clean))
	if err != nil {
		return fail(err)
	}
	if err := verify(data); err != nil {
		return fail(err)
	}
	sum := sha256.Sum256(data)
	nf := f
	nf.Data, nf.SHA256 = data, hex.EncodeToString(sum[:])
	blanks := DocumentBlanks{Name: f.Name}
	ix, err := indexPart(clean)
	if err != nil {
		return fail(err)
	}
	for i, e := range ix.elems {
		if e.name != "w:p" {
			continue
		}
		txt := unescapeText(ix.text(clean, i))
		if strings.HasPrefix(strings.TrimSpace(txt), "Số:") {
			continue // the document's own number, given when it is issued
		}
		for _, b := range blankRe.FindAllString(txt, -1) {
			blanks.Count++
			if !slices.Contains(blanks.Blanks, b) {
				blanks.Blanks = append(blanks.Blanks, b)
			}
		}
	}
	return nf, blanks, nil
}

// blankRe finds a fill-in blank: square brackets with text inside, or dots to fill in.
var blankRe = regexp.MustCompile(`\[[^\[\]]+\]|…{2,}|\.{4,}`)

// isNote reports whether a paragraph is a drafting note: in the notes' style, or saying
// "(xóa trước khi ký)" (an agency's template may mark its own notes that way).
func isNote(x string, ix *index, i int) bool {
	e := ix.elems[i]
	p := x[e.start:e.end]
	if j := strings.Index(p, "<w:pStyle "); j >= 0 {
		if k := strings.Index(p[j:], "/>"); k >= 0 && strings.Contains(p[j:j+k], `w:val="`+noteStyle+`"`) {
			return true
		}
	}
	return strings.Contains(unescapeText(ix.text(x, i)), noteMark)
}

// withoutNotes returns a body part without its drafting notes. A note paragraph that
// carries the section's properties keeps them and loses only its text; a table cell left
// without a paragraph gets an empty one, as Word requires.
func withoutNotes(x string) (string, error) {
	ix, err := indexPart(x)
	if err != nil {
		return "", err
	}
	type cut struct {
		start, end int
		with       string
	}
	var cuts []cut
	removed := map[int]bool{}
	for i, e := range ix.elems {
		if e.name != "w:p" || !isNote(x, ix, i) {
			continue
		}
		if inner := x[e.innerStart:e.innerEnd]; strings.Contains(inner, "<w:sectPr") {
			// Keep the paragraph properties (with the section), drop the runs.
			if k := strings.Index(inner, "</w:pPr>"); k >= 0 {
				cuts = append(cuts, cut{e.innerStart + k + len("</w:pPr>"), e.innerEnd, ""})
			}
			continue
		}
		removed[i] = true
		cuts = append(cuts, cut{e.start, e.end, ""})
	}
	// A cell whose paragraphs all go keeps one, empty.
	for i, e := range ix.elems {
		if e.name != "w:tc" {
			continue
		}
		has, kept := false, false
		last := -1
		for j, c := range ix.elems {
			if c.name == "w:p" && c.parent == i {
				has = true
				kept = kept || !removed[j]
				last = j
			}
		}
		if has && !kept {
			cuts = append(cuts, cut{ix.elems[last].end, ix.elems[last].end, "<w:p/>"})
		}
	}
	if len(cuts) == 0 {
		return x, nil
	}
	slices.SortFunc(cuts, func(a, b cut) int { return a.start - b.start })
	var b strings.Builder
	b.Grow(len(x))
	pos := 0
	for _, c := range cuts {
		if c.start < pos {
			continue // inside a paragraph already cut
		}
		b.WriteString(x[pos:c.start])
		b.WriteString(c.with)
		pos = c.end
	}
	b.WriteString(x[pos:])
	return b.String(), nil
}

// unescapeText turns the raw content of text nodes back into text.
var unescapeText = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'", "&#123;", "{").Replace

// packagePart returns one part of a package.
func packagePart(pkg []byte, name string) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		return "", fmt.Errorf("không đọc được gói zip: %w", err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			b, err := readZipFile(f)
			return string(b), err
		}
	}
	return "", fmt.Errorf("thiếu %s", name)
}

// replacePart returns a copy of a package with one part replaced; the others are copied as
// they are.
func replacePart(pkg []byte, name string, data []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.Grow(len(pkg))
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if f.Name != name {
			if err := zw.Copy(f); err != nil {
				return nil, err
			}
			continue
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: f.Modified})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// AddPDFs converts every document of the dossier to PDF through LibreOffice, in one run,
// and adds the PDFs (name.pdf) after the documents, in the manifest too. Without
// LibreOffice it returns office.ErrNotInstalled and changes nothing.
func (d *Dossier) AddPDFs(ctx context.Context) error {
	docs := map[string][]byte{}
	for _, f := range d.Files {
		if strings.HasSuffix(f.Name, ".docx") {
			docs[f.Name] = f.Data
		}
	}
	pdfs, err := office.ToPDF(ctx, docs)
	if err != nil {
		return err
	}
	var add []File
	for _, f := range d.Files {
		if b, ok := pdfs[f.Name]; ok {
			sum := sha256.Sum256(b)
			add = append(add, File{Name: strings.TrimSuffix(f.Name, ".docx") + ".pdf", Data: b, SHA256: hex.EncodeToString(sum[:]), Title: f.Title + " (PDF)"})
		}
	}
	for _, f := range add {
		d.add(f)
	}
	return nil
}
