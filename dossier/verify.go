package dossier

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// verify reads a generated package back: it must be a zip with a main document, every
// part must inflate to the size and checksum its directory entry records, every XML part
// must parse, and no "{{" may be left anywhere in the markup (values never carry a "{",
// see xmlText). Every part is read, the ones the template gave unchanged included: the
// library deflates all of them again and ignores the zip writer's errors, so a part it
// copied can still come out broken.
func verify(data []byte) error { return verifyOutput(data, nil, nil) }

// verifyOutput is verify for a document rendered with values v: in the body, headers and
// footers no tracked change or comment may be left, nor, when v is given, any fragment of
// a placeholder ("}}", "SYSTEM_ID", "#if.") that did not come from a value (a system may
// be named "A}}B"). Without v (a document edited since, on its way to the version to sign)
// the text is the agency's and only tracked changes and comments are refused.
//
// rendered, when given, names the parts the template rendered: only those are parsed
// again, the others having been parsed when the template loaded and copied unchanged,
// which reading them back to their checksum proves.
func verifyOutput(data []byte, v *values, rendered []string) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("không đọc được gói zip: %w", err)
	}
	hasBody := false
	for _, f := range zr.File {
		b, err := readZipFile(f)
		if err != nil {
			return err
		}
		if !isXMLPart(f.Name) {
			continue
		}
		hasBody = hasBody || f.Name == bodyPart
		if i := bytes.Index(b, []byte("{{")); i >= 0 {
			return fmt.Errorf("%s: còn trường chưa thay «%s»", f.Name, fragment(string(b[i:min(len(b), i+200)])))
		}
		if rendered != nil && !slices.Contains(rendered, f.Name) {
			continue
		}
		if err := wellFormed(b); err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		if templated(f.Name) {
			if err := noLeftovers(b, v); err != nil {
				return fmt.Errorf("%s: %w", f.Name, err)
			}
		}
	}
	if !hasBody {
		return fmt.Errorf("thiếu %s", bodyPart)
	}
	return nil
}

// maxPartSize bounds one part of a package: real document parts are far smaller, and the
// size an agency's template declares is not trusted with an allocation.
const maxPartSize = 64 << 20

func readZipFile(f *zip.File) ([]byte, error) {
	if f.UncompressedSize64 > maxPartSize {
		return nil, fmt.Errorf("%s: phần quá lớn (%d byte)", f.Name, f.UncompressedSize64)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Name, err)
	}
	defer rc.Close()
	// The size comes from the zip directory; a lie shows up as a read error.
	b := make([]byte, f.UncompressedSize64)
	if _, err := io.ReadFull(rc, b); err != nil {
		return nil, fmt.Errorf("%s: %w", f.Name, err)
	}
	// archive/zip compares the checksum only when it reaches the end of the part, which
	// reading exactly the declared size may stop short of: read on to the end.
	if n, err := rc.Read(make([]byte, 1)); n != 0 || !errors.Is(err, io.EOF) {
		if err == nil || errors.Is(err, io.EOF) {
			err = errors.New("dài hơn kích thước khai báo")
		}
		return nil, fmt.Errorf("%s: %w", f.Name, err)
	}
	return b, nil
}

// wellFormed parses a whole XML document with encoding/xml. It uses RawToken, which
// skips namespace translation (most of Token's cost), and matches end tags itself.
func wellFormed(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	var stack []xml.Name
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			if len(stack) > 0 {
				return fmt.Errorf("XML không hợp lệ: thẻ <%s> không được đóng", qname(stack[len(stack)-1]))
			}
			return nil
		}
		if err != nil {
			return fmt.Errorf("XML không hợp lệ: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, t.Name)
		case xml.EndElement:
			if len(stack) == 0 || stack[len(stack)-1] != t.Name {
				return fmt.Errorf("XML không hợp lệ: thẻ đóng </%s> không khớp", qname(t.Name))
			}
			stack = stack[:len(stack)-1]
		}
	}
}

// revisionMarks are the markup of tracked changes and comments, which templates lose when
// they load (revisions.go).
var revisionMarks = [][]byte{[]byte("<w:del"), []byte("<w:ins "), []byte("<w:ins>"), []byte("<w:move"), []byte("<w:comment")}

// noLeftovers refuses a part with tracked changes, comments or fragments of placeholders
// in its text that no value explains.
func noLeftovers(b []byte, v *values) error {
	for _, m := range revisionMarks {
		if bytes.Contains(b, m) {
			return fmt.Errorf("còn thay đổi được theo dõi hoặc ghi chú «%s»", m)
		}
	}
	if v == nil {
		return nil
	}
	// Cheap first: most documents have no underscore, "}}" or block marker at all.
	if !bytes.Contains(b, []byte("}}")) && !bytes.Contains(b, []byte("_")) && !bytes.Contains(b, []byte("if.")) &&
		!bytes.Contains(b, []byte("each.")) && !bytes.Contains(b, []byte("row.")) {
		return nil
	}
	for _, m := range textRe.FindAllSubmatch(b, -1) {
		for _, f := range fragments(string(m[2])) {
			if !v.holds(f) {
				return fmt.Errorf("còn mảnh của trường «%s» trong văn bản", f)
			}
		}
	}
	return nil
}

// holds reports whether some value contains s, so that it is the user's text.
func (v *values) holds(s string) bool {
	for _, x := range v.fields {
		if strings.Contains(x, s) {
			return true
		}
	}
	for _, rows := range v.lists {
		for _, r := range rows {
			for _, x := range r {
				if strings.Contains(x, s) {
					return true
				}
			}
		}
	}
	return false
}
