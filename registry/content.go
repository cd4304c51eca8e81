package registry

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"capdo/levels"
	"capdo/review"
	"capdo/store"
)

// Content types of the documents a dossier takes (docs/contract.md §6).
const (
	PDFType  = "application/pdf"
	DOCXType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)

// UnsupportedError: the file is neither a DOCX nor a PDF capdo accepts (HTTP 415). Reason
// says what it is instead, in Vietnamese.
type UnsupportedError struct{ Reason string }

func (e *UnsupportedError) Error() string { return e.Reason }

// ErrNotDocument is the *UnsupportedError of content that is neither a PDF, a DOCX nor an
// old Word file, whatever its name says: the web page tells a renamed file apart with it
// (server/dossier_uploads.go).
var ErrNotDocument error = &UnsupportedError{"chỉ nhận tệp DOCX hoặc PDF"}

// fileProblem is a 400 naming the multipart field "file". Its message may quote the file
// (a zip or XML error names an element), so it is cut to a line people read.
func fileProblem(format string, a ...any) error {
	return &levels.InvalidError{Problems: []levels.Problem{{Field: "file", Message: clip(fmt.Sprintf(format, a...), maxMessage)}}}
}

// maxMessage is the longest refusal, in characters, and maxQuoted the longest piece of the
// file one quotes.
const (
	maxMessage = 300
	maxQuoted  = 80
)

// clip is s on one line, at most n characters.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// CheckDocument tells a DOCX or PDF from its content, never from its name or the type the
// client declared, and checks that it is one: a PDF starts with %PDF- and ends with a
// cross-reference (a table with its trailer, or a cross-reference stream) that startxref
// points to; a DOCX is a zip package with [Content_Types].xml declaring word/document.xml a
// Word document, not a macro-enabled one. Active content (PDF JavaScript or launch actions,
// Word macros) is refused. It returns the content type and the file name extension.
//
// Errors: *UnsupportedError for another kind of file, *levels.InvalidError naming "file"
// for a PDF or DOCX that is broken.
func CheckDocument(data []byte) (contentType, ext string, err error) {
	switch {
	case len(data) == 0:
		return "", "", fileProblem("tệp rỗng")
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return PDFType, ".pdf", checkPDF(data)
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return DOCXType, ".docx", checkDOCX(data)
	case bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")):
		return "", "", &UnsupportedError{"tệp Word định dạng cũ (.doc) hoặc tệp có mật khẩu; hãy lưu thành DOCX hoặc PDF"}
	}
	return "", "", ErrNotDocument
}

var (
	pdfVersion   = regexp.MustCompile(`^%PDF-[12]\.[0-9]`)
	pdfStartXref = regexp.MustCompile(`startxref\s+([0-9]{1,12})\s+%%EOF`)
	pdfObject    = regexp.MustCompile(`^[0-9]+\s+[0-9]+\s+obj\b`)
)

// pdfTail is how far from the end %%EOF may be: writers add a few bytes of padding.
const pdfTail = 2048

func checkPDF(data []byte) error {
	if !pdfVersion.Match(data) {
		return fileProblem("phần đầu tệp PDF không hợp lệ (cần %%PDF-1.x hoặc %%PDF-2.0)")
	}
	tail := data[max(0, len(data)-pdfTail):]
	all := pdfStartXref.FindAllSubmatch(tail, -1)
	if all == nil {
		return fileProblem("tệp PDF không có phần kết thúc (startxref, %%%%EOF): tệp bị cắt hoặc hỏng")
	}
	off, err := strconv.ParseInt(string(all[len(all)-1][1]), 10, 64)
	if err != nil || off <= 0 || off >= int64(len(data)) {
		return fileProblem("tệp PDF trỏ tới bảng tham chiếu (xref) ngoài tệp: tệp bị cắt hoặc hỏng")
	}
	at := bytes.TrimLeft(data[off:], " \t\r\n\f\x00")
	switch {
	case bytes.HasPrefix(at, []byte("xref")):
		if !bytes.Contains(at, []byte("trailer")) {
			return fileProblem("bảng tham chiếu (xref) của tệp PDF không có trailer: tệp hỏng")
		}
	case pdfObject.Match(at):
		end := min(len(at), 4096)
		if !bytes.Contains(at[:end], []byte("/XRef")) {
			return fileProblem("tệp PDF trỏ tới một đối tượng không phải bảng tham chiếu (xref): tệp hỏng")
		}
	default:
		return fileProblem("không tìm thấy bảng tham chiếu (xref) của tệp PDF: tệp hỏng")
	}
	active, err := pdfActive(data)
	if err != nil {
		return err
	}
	if active {
		return &UnsupportedError{"tệp PDF chứa mã lệnh (JavaScript) hoặc lệnh mở chương trình; hãy xuất lại tệp PDF không có mã lệnh"}
	}
	return nil
}

// pdfActive tells whether the PDF names active content: scripts run when the file opens
// (/JavaScript, /JS), actions that start a program (/Launch). A PDF name may spell any of
// its bytes as #hh (/Java#53cript is /JavaScript to a reader), so names are decoded before
// they are compared. The objects a PDF 1.5 writer keeps compressed in object streams are
// read too (pdfstreams.go).
func pdfActive(data []byte) (bool, error) {
	if namesActive(data) {
		return true, nil
	}
	active := false
	err := pdfObjectStreams(data, func(objects []byte) bool {
		active = namesActive(objects)
		return !active
	})
	return active, err
}

// namesActive tells whether b, PDF object syntax, names active content (pdfActive).
func namesActive(b []byte) bool {
	active := false
	pdfNames(b, func(name string) bool {
		switch name {
		case "JavaScript", "JS", "Launch":
			active = true
		}
		return !active
	})
	return active
}

// pdfNames calls yield with each name in b (PDF object syntax), its #hh escapes decoded,
// until yield returns false. Names longer than any looked for are yielded cut at
// maxPDFName+1 bytes, which no name looked for matches.
func pdfNames(b []byte, yield func(name string) bool) {
	var name []byte
	for i := 0; i < len(b); i++ {
		if b[i] != '/' {
			continue
		}
		name = name[:0]
		j := i + 1
		for ; j < len(b) && !pdfDelimiter(b[j]); j++ {
			c := b[j]
			if c == '#' && j+2 < len(b) && isHex(b[j+1]) && isHex(b[j+2]) {
				c = unhex(b[j+1])<<4 | unhex(b[j+2])
				j += 2
			}
			if len(name) <= maxPDFName {
				name = append(name, c)
			}
		}
		if !yield(string(name)) {
			return
		}
		i = j - 1
	}
}

// maxPDFName is the length of the longest name capdo looks for (RunLengthDecode).
const maxPDFName = len("RunLengthDecode")

// pdfDelimiter: white space and the delimiters that end a PDF name.
func pdfDelimiter(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ', '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// Limits on a DOCX package, far above any real dossier document, so that a zip bomb is
// refused before anything is decompressed.
const (
	docxMaxEntries = 5000
	docxMaxTotal   = 512 << 20 // uncompressed bytes declared by all entries
	docxMaxPart    = 1 << 20   // [Content_Types].xml read at most
)

const (
	docxMain   = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
	docxMacros = "macroenabled"
)

func checkDOCX(data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fileProblem("tệp DOCX không phải gói zip hợp lệ: %v", err)
	}
	if len(zr.File) > docxMaxEntries {
		return fileProblem("tệp DOCX có quá nhiều thành phần (%d)", len(zr.File))
	}
	var total uint64
	var types, document *zip.File
	for _, f := range zr.File {
		total += f.UncompressedSize64
		switch name := strings.ToLower(f.Name); {
		case name == "[content_types].xml":
			types = f
		case name == "word/document.xml":
			document = f
		case strings.HasSuffix(name, "vbaproject.bin"):
			return &UnsupportedError{"tệp Word có macro (.docm); hãy lưu thành DOCX không có macro hoặc PDF"}
		}
	}
	if total > docxMaxTotal {
		return fileProblem("tệp DOCX giải nén ra quá lớn")
	}
	if types == nil || document == nil {
		return &UnsupportedError{"gói zip không phải văn bản Word (thiếu [Content_Types].xml hoặc word/document.xml)"}
	}
	var ct struct {
		Overrides []struct {
			PartName    string `xml:"PartName,attr"`
			ContentType string `xml:"ContentType,attr"`
		} `xml:"Override"`
		Defaults []struct {
			ContentType string `xml:"ContentType,attr"`
		} `xml:"Default"`
	}
	if err := readXML(types, &ct); err != nil {
		return fileProblem("[Content_Types].xml của tệp DOCX không đọc được: %v", err)
	}
	main := ""
	for _, o := range ct.Overrides {
		if strings.Contains(strings.ToLower(o.ContentType), docxMacros) {
			return &UnsupportedError{"tệp Word có macro (.docm); hãy lưu thành DOCX không có macro hoặc PDF"}
		}
		if strings.EqualFold(o.PartName, "/word/document.xml") {
			main = o.ContentType
		}
	}
	for _, d := range ct.Defaults {
		if strings.Contains(strings.ToLower(d.ContentType), docxMacros) {
			return &UnsupportedError{"tệp Word có macro (.docm); hãy lưu thành DOCX không có macro hoặc PDF"}
		}
	}
	if main != docxMain {
		return &UnsupportedError{"tệp không phải văn bản Word (.docx): word/document.xml khai báo kiểu «" + clip(main, maxQuoted) + "»"}
	}
	if err := checkRoot(document); err != nil {
		return fileProblem("word/document.xml của tệp DOCX không đọc được: %v", err)
	}
	return nil
}

func readXML(f *zip.File, v any) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, docxMaxPart+1))
	if err != nil {
		return err
	}
	if len(data) > docxMaxPart {
		return fmt.Errorf("lớn quá %d byte", docxMaxPart)
	}
	return xml.Unmarshal(data, v)
}

// checkRoot reads word/document.xml up to its root element, which must be w:document.
func checkRoot(f *zip.File) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	dec := xml.NewDecoder(io.LimitReader(rc, docxMaxPart))
	for {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		if se, ok := tok.(xml.StartElement); ok {
			if se.Name.Local != "document" {
				return fmt.Errorf("phần tử gốc là «%s», không phải document", clip(se.Name.Local, maxQuoted))
			}
			return nil
		}
	}
}

// SafeName is the stored name of an uploaded file: the name it was uploaded with, without
// its folder, diacritics or anything but a–z, 0–9 and hyphens, at most 80 characters,
// with the extension of what it really is. A name with nothing left is named after its
// kind. Stored names are plain ASCII: they go into URLs, headers and zip files unescaped.
func SafeName(uploaded string, k review.Kind, ext string) string {
	base := uploaded
	if i := strings.LastIndexAny(base, `/\`); i >= 0 {
		base = base[i+1:]
	}
	if i := strings.LastIndex(base, "."); i > 0 {
		base = base[:i]
	}
	var b strings.Builder
	dash := false
	for _, r := range store.Fold(base) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= 80 {
			break
		}
	}
	name := strings.Trim(b.String(), "-")
	if name == "" {
		name = strings.ReplaceAll(string(k), "_", "-")
	}
	return name + ext
}
