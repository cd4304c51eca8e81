package dossier

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// verify reads a generated package back: it must be a zip with a main document, every XML
// part must parse, and no "{{" may be left anywhere in the markup (values that contain
// "{{" are written with a character reference, see xmlText). Parts that came out exactly
// as the template's static parts, which were checked when it loaded, are not parsed again.
func verify(data []byte, static map[string]staticPart) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("không đọc được gói zip: %w", err)
	}
	hasBody := false
	for _, f := range zr.File {
		if !isXMLPart(f.Name) {
			continue
		}
		hasBody = hasBody || f.Name == bodyPart
		if sp, ok := static[f.Name]; ok && sp.crc == f.CRC32 && sp.size == f.UncompressedSize64 {
			continue
		}
		b, err := readZipFile(f)
		if err != nil {
			return err
		}
		if i := bytes.Index(b, []byte("{{")); i >= 0 {
			return fmt.Errorf("%s: còn trường chưa thay «%s»", f.Name, fragment(string(b[i:min(len(b), i+200)])))
		}
		if err := wellFormed(b); err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
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
