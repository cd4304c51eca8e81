package registry

import (
	"bytes"
	"compress/zlib"
	"errors"
	"io"
	"regexp"
	"strconv"
)

// A PDF 1.5 writer may keep most of its objects, an action dictionary among them, in
// object streams (/Type /ObjStm), compressed: /JavaScript there is not in the file's bytes.
// pdfObjectStreams decodes them so that pdfActive (content.go) reads them too.

// Bounds on decoding: the object streams of one file decode to this many bytes at most (a
// real dossier document's are a few hundred kilobytes; a compression bomb stops here).
const pdfMaxObjectStream = 64 << 20

// errPDFObjStm: an object stream capdo cannot decode, so cannot check.
var errPDFObjStm = &UnsupportedError{"tệp PDF có luồng đối tượng nén theo cách không kiểm tra được; hãy xuất lại tệp PDF (ví dụ «Lưu thành PDF» của Word hoặc LibreOffice)"}

// pdfObjectStreams calls yield with the decoded data of each object stream of data, until
// yield returns false. An object stream compressed otherwise than by /FlateDecode without
// a predictor is refused (errPDFObjStm), as is one of an encrypted file; one that does not
// decode is a broken file.
func pdfObjectStreams(data []byte, yield func(objects []byte) bool) error {
	encrypted := false
	pdfNames(data, func(name string) bool {
		encrypted = name == "Encrypt"
		return !encrypted
	})
	left := int64(pdfMaxObjectStream)
	var err error
	pdfStreams(data, func(dict, body []byte) bool {
		var objStm, flate, other bool
		pdfNames(dict, func(name string) bool {
			switch name {
			case "ObjStm":
				objStm = true
			case "FlateDecode", "Fl":
				flate = true
			case "ASCIIHexDecode", "AHx", "ASCII85Decode", "A85", "LZWDecode", "LZW", "RunLengthDecode", "RL", "Crypt", "Predictor":
				other = true
			}
			return true
		})
		switch {
		case !objStm:
			return true
		case encrypted:
			err = &UnsupportedError{"tệp PDF được mã hóa (đặt mật khẩu) nên không kiểm tra được nội dung; hãy lưu bản PDF không đặt mật khẩu"}
			return false
		case other:
			err = errPDFObjStm
			return false
		case !flate:
			return true // plain: its bytes were read with the rest of the file
		}
		zr, zerr := zlib.NewReader(bytes.NewReader(body))
		if zerr != nil {
			err = fileProblem("luồng đối tượng nén của tệp PDF bị hỏng")
			return false
		}
		objects, zerr := io.ReadAll(io.LimitReader(zr, left+1))
		// A stream cut short decodes as far as it goes, as a lenient reader's would: what
		// it holds is read.
		if zerr != nil && !errors.Is(zerr, io.ErrUnexpectedEOF) || len(objects) == 0 {
			err = fileProblem("luồng đối tượng nén của tệp PDF bị hỏng")
			return false
		}
		if left -= int64(len(objects)); left < 0 {
			err = &UnsupportedError{"tệp PDF có luồng đối tượng nén quá lớn khi giải nén; hãy xuất lại tệp PDF"}
			return false
		}
		return yield(objects)
	})
	return err
}

// pdfStreams reads data forward, token by token as a PDF reader does (comments, literal
// and hex strings, dictionaries), and calls yield with each stream's dictionary and data,
// until yield returns false. A stream's data is /Length bytes when its dictionary gives a
// direct length that ends at endstream, else up to the next endstream. Reading tokens, not
// searching bytes, keeps a string such as (obj) or (stream) in a dictionary from hiding
// the dictionary of the stream that follows it.
func pdfStreams(data []byte, yield func(dict, body []byte) bool) {
	depth, start := 0, 0 // dictionaries open; where the outermost began
	var dict []byte      // the last outermost dictionary, while only white space follows it
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case c == '%':
			for i < len(data) && data[i] != '\r' && data[i] != '\n' {
				i++
			}
		case c == '(':
			i = pdfStringEnd(data, i)
			dict = nil
		case c == '<' && i+1 < len(data) && data[i+1] == '<':
			if depth == 0 {
				start = i
			}
			depth++
			i++
		case c == '<':
			for i < len(data) && data[i] != '>' {
				i++
			}
			dict = nil
		case c == '>' && i+1 < len(data) && data[i+1] == '>':
			i++
			if depth > 0 {
				if depth--; depth == 0 {
					dict = data[start : i+1]
				}
			}
		case isPDFSpace(c):
		case bytes.HasPrefix(data[i:], []byte("stream")) && dict != nil && depth == 0:
			i += len("stream")
			if i < len(data) && data[i] == '\r' {
				i++
			}
			if i < len(data) && data[i] == '\n' {
				i++
			}
			body := data[i:]
			end := bytes.Index(body, []byte("endstream"))
			if n, ok := pdfLength(dict); ok && n <= len(body) && bytes.HasPrefix(bytes.TrimLeft(body[n:], " \t\r\n\f\x00"), []byte("endstream")) {
				end = n
			}
			if end < 0 {
				yield(dict, body) // the rest of the file: no stream follows
				return
			}
			if !yield(dict, body[:end]) {
				return
			}
			i += end - 1
			dict = nil
		default:
			if depth == 0 {
				dict = nil
			}
		}
	}
}

// pdfStringEnd is the index of the parenthesis that ends the literal string opening at i
// (balanced parentheses, backslash escapes), or the last index of data.
func pdfStringEnd(data []byte, i int) int {
	depth := 0
	for ; i < len(data); i++ {
		switch data[i] {
		case '\\':
			i++
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return i
			}
		}
	}
	return len(data) - 1
}

func isPDFSpace(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}

// pdfLengthEntry is a direct /Length (not a reference: "12 0 R").
var pdfLengthEntry = regexp.MustCompile(`/Length\s+([0-9]{1,10})\b(\s+[0-9]+\s+R\b)?`)

// pdfLength is a stream dictionary's direct /Length.
func pdfLength(dict []byte) (int, bool) {
	m := pdfLengthEntry.FindSubmatch(dict)
	if m == nil || m[2] != nil {
		return 0, false
	}
	n, err := strconv.Atoi(string(m[1]))
	return n, err == nil
}
