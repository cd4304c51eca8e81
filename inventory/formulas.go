package inventory

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/xuri/excelize/v2"

	"capdo/sheet"
)

// unsavedFormulas finds the formula cells of the first worksheet that carry no computed
// value, by row: excelize reads such a cell as "", which would make a fact absent without
// a word. Excel and LibreOffice always save the value beside the formula; programs that
// write XLSX often do not.
//
// The worksheet is scanned for a formula element first, which is fast; only a sheet that
// has one is decoded as XML.
func unsavedFormulas(data []byte) (map[int][]string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("không mở được tệp Excel: %v", err)
	}
	name, err := firstSheetPart(zr)
	if err != nil {
		return nil, err
	}
	has, err := hasFormula(zr, name)
	if err != nil || !has {
		return nil, err
	}
	part, err := openPart(zr, name)
	if err != nil {
		return nil, err
	}
	defer part.Close()
	out := map[int][]string{}
	dec := xml.NewDecoder(part)
	var ref string
	var inCell, formula, inValue bool
	count := 0
	var value strings.Builder
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("trang tính đầu tiên không đọc được: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "c":
				inCell, formula, ref = true, false, ""
				value.Reset()
				for _, a := range t.Attr {
					if a.Name.Local == "r" {
						ref = a.Value
					}
				}
			case "f":
				formula = inCell
			case "v":
				inValue = inCell
			}
		case xml.CharData:
			if inValue {
				value.Write(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v":
				inValue = false
			case "c":
				if formula && strings.TrimSpace(value.String()) == "" && ref != "" {
					if _, row, err := excelize.CellNameToCoordinates(ref); err == nil {
						if count++; count > maxUnsavedFormulas {
							return nil, errUnsavedFormulas
						}
						out[row] = append(out[row], ref)
					}
				}
				inCell = false
			}
		}
	}
}

// maxUnsavedFormulas bounds the formula cells without a value that are reported one by
// one: a sheet of millions of them (a few bytes each) would otherwise fill memory with
// problems, and is better told as a whole.
const maxUnsavedFormulas = 10_000

var errUnsavedFormulas = fmt.Errorf("tệp Excel có hơn %d ô công thức không lưu giá trị đã tính; "+
	"hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi nhập, hoặc thay công thức bằng giá trị", maxUnsavedFormulas)

// hasFormula scans the worksheet's bytes, as they inflate, for a formula element (<f> or
// <f …>, with or without a namespace prefix).
func hasFormula(zr *zip.Reader, name string) (bool, error) {
	part, err := openPart(zr, name)
	if err != nil {
		return false, err
	}
	defer part.Close()
	buf := make([]byte, 1<<20)
	keep := 0 // bytes carried over from the previous chunk, so that a tag is never split
	for {
		n, err := io.ReadFull(part, buf[keep:])
		chunk := buf[:keep+n]
		if bytes.Contains(chunk, []byte("<f>")) || bytes.Contains(chunk, []byte("<f ")) ||
			bytes.Contains(chunk, []byte(":f>")) || bytes.Contains(chunk, []byte(":f ")) {
			return true, nil
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return false, nil
		}
		if err != nil {
			return false, fmt.Errorf("không đọc được trang tính: %v", err)
		}
		keep = copy(buf, chunk[len(chunk)-3:])
	}
}

// firstSheetPart is the package path of the workbook's first worksheet, from the workbook
// and its relationships.
func firstSheetPart(zr *zip.Reader) (string, error) {
	var wb struct {
		Sheets []struct {
			ID string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := decodePart(zr, "xl/workbook.xml", &wb); err != nil {
		return "", err
	}
	if err := decodePart(zr, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return "", err
	}
	if len(wb.Sheets) == 0 {
		return "", errors.New("tệp Excel không có trang tính nào")
	}
	for _, r := range rels.Rels {
		if r.ID == wb.Sheets[0].ID {
			if strings.HasPrefix(r.Target, "/") {
				return strings.TrimPrefix(r.Target, "/"), nil
			}
			return path.Join("xl", r.Target), nil
		}
	}
	return "", errors.New("tệp Excel hỏng: không tìm thấy trang tính đầu tiên")
}

func decodePart(zr *zip.Reader, name string, v any) error {
	rc, err := openPart(zr, name)
	if err != nil {
		return err
	}
	defer rc.Close()
	if err := xml.NewDecoder(io.LimitReader(rc, 16<<20)).Decode(v); err != nil {
		return fmt.Errorf("tệp Excel hỏng (%s): %v", name, err)
	}
	return nil
}

func openPart(zr *zip.Reader, name string) (io.ReadCloser, error) {
	for _, f := range zr.File {
		if strings.EqualFold(f.Name, name) {
			if f.UncompressedSize64 > sheet.MaxUnpacked {
				return nil, fmt.Errorf("tệp Excel quá lớn khi giải nén (%s)", name)
			}
			return f.Open()
		}
	}
	return nil, fmt.Errorf("tệp Excel hỏng: thiếu %s", name)
}
