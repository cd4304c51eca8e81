package sheet

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Reading a workbook someone uploaded. An XLSX file is a zip of XML parts, and a small
// file can unpack to a huge one: 500 KB of repeated rows compress to gigabytes of XML, a
// shared-string table can list millions of strings that one cell each points to, and a
// single cell at column XFD makes every row 16,384 cells long. excelize keeps every part
// in memory up to UnzipXMLSizeLimit and fills each row up to its last cell, so ReadFile
// first measures the parts from the zip directory (check, which reads no part except the
// shared strings, to count them), then lets excelize unpack large worksheets and shared
// strings to temporary files and stream them, and counts every cell the row iterator
// hands out. Every import of a spreadsheet (the inventory, the risk register) reads
// through here, so that all of them hold the same bounds; what a row may hold (columns,
// cell length, rows) is the caller's to bound, as its table defines it.
const (
	// The file itself.
	MaxFileBytes = 64 << 20
	// All parts unpacked (on disk, in temporary files, for the large ones).
	MaxUnpacked = 128 << 20
	// A worksheet or shared-string part larger than this is unpacked to a temporary file
	// and read from there; smaller ones are read into memory.
	partInMemory = 4 << 20
	// All parts read into memory: the small worksheets and shared strings, and the rest
	// (workbook, styles, theme, images…), which excelize reads whole.
	MaxInMemory = 16 << 20
	// Strings in the shared-string table: excelize keeps an index entry (about 50 bytes)
	// for each.
	MaxSharedStrings = 1_000_000
	// Cells the row iterator hands out, the empty ones it fills in included.
	MaxCellsSeen = 20_000_000
)

// partSharedStrings is where excelize reads the shared-string table from (any case).
const partSharedStrings = "xl/sharedstrings.xml"

// ErrEmpty is a first worksheet without a single row.
var ErrEmpty = errors.New("trang tính đầu tiên rỗng: cần dòng tiêu đề với tên các cột")

// RowFunc takes row n of the first worksheet (1 for the first, as a spreadsheet numbers
// them; rows left out of the file come as empty rows). cells are raw values: a number
// formatted "#,##0" in Excel arrives as 320000, not 320,000. An error ends reading and is
// returned as it is.
type RowFunc func(n int, cells []string) error

// ReadFile reads the first worksheet of the workbook at path row by row, within the
// bounds above; a file beyond them is refused with an error naming the bound, before
// anything is unpacked when the zip directory tells. A worksheet without rows is ErrEmpty.
func ReadFile(path string, row RowFunc) error {
	if err := check(path); err != nil {
		return err
	}
	f, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: MaxUnpacked, UnzipXMLSizeLimit: partInMemory})
	if err != nil {
		return fmt.Errorf("không mở được tệp Excel: %s", detail(err))
	}
	defer f.Close() // also removes the temporary files
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return errors.New("tệp Excel không có trang tính nào")
	}
	rows, err := f.Rows(sheets[0]) // streaming: large sheets stay small in memory
	if err != nil {
		return fmt.Errorf("không đọc được trang tính «%s»: %s", clip(sheets[0], 60), detail(err))
	}
	defer rows.Close()
	seen, some := 0, false
	for n := 1; rows.Next(); n++ {
		rec, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return fmt.Errorf("dòng %d: %s", n, detail(err))
		}
		if seen += len(rec) + 1; seen > MaxCellsSeen {
			return fmt.Errorf("trang tính «%s» có quá nhiều ô (hơn %d triệu tính cả ô trống, đến dòng %d); "+
				"hãy xóa các cột và dòng thừa hoặc lưu bảng thành CSV", clip(sheets[0], 60), MaxCellsSeen/1_000_000, n)
		}
		if err := row(n, rec); err != nil {
			return err
		}
		some = true
	}
	if err := rows.Error(); err != nil {
		return fmt.Errorf("không đọc được trang tính «%s»: %s", clip(sheets[0], 60), detail(err))
	}
	if !some {
		return ErrEmpty
	}
	return nil
}

// Read reads a workbook from r as ReadFile reads a file, within the same bounds, from a
// temporary copy removed afterwards (the zip directory is at the end of the file, and
// excelize streams large parts from a file). More than MaxFileBytes is refused.
func Read(r io.Reader, row RowFunc) error {
	f, err := os.CreateTemp("", "capdo-sheet-*.xlsx")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	n, err := io.Copy(f, io.LimitReader(r, MaxFileBytes+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if n > MaxFileBytes {
		return tooLarge(fmt.Sprintf("tệp hơn %d MB, tối đa %d MB", MaxFileBytes>>20, MaxFileBytes>>20))
	}
	return ReadFile(f.Name(), row)
}

// detail is what a library says of a broken file, as a message quotes it: an XML error
// quotes the bytes it stopped at, which need not be text, and a worksheet's name is the
// file's to choose.
func detail(err error) string { return clip(err.Error(), 200) }

// clip is s as valid UTF-8 on one line, at most n characters.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(strings.ToValidUTF8(s, "\uFFFD")), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// tooLarge is the message of every size bound, with what was found.
func tooLarge(what string) error {
	return fmt.Errorf("tệp Excel vượt giới hạn an toàn (%s); hãy xóa các trang tính, hình ảnh và dòng thừa hoặc lưu bảng thành CSV", what)
}

// check measures the file and its parts before anything is unpacked. The sizes come from
// the zip directory; archive/zip refuses to unpack a part beyond the size its directory
// entry declares, so a part cannot lie its way past these bounds.
func check(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	if fi.Size() > MaxFileBytes {
		return tooLarge(fmt.Sprintf("tệp %d MB, tối đa %d MB", fi.Size()>>20, MaxFileBytes>>20))
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		return fmt.Errorf("không mở được tệp Excel: không phải tệp .xlsx (%s)", detail(err))
	}
	defer zr.Close()
	var unpacked, inMemory uint64
	var sst *zip.File
	for _, zf := range zr.File {
		size := zf.UncompressedSize64
		unpacked += size
		name := strings.ToLower(strings.ReplaceAll(zf.Name, `\`, "/"))
		streamed := strings.HasPrefix(name, "xl/worksheets/sheet") || name == partSharedStrings
		if !streamed || size <= partInMemory {
			inMemory += size
		}
		if name == partSharedStrings {
			sst = zf
		}
	}
	switch {
	case unpacked > MaxUnpacked:
		return tooLarge(fmt.Sprintf("giải nén ra %d MB, tối đa %d MB", unpacked>>20, MaxUnpacked>>20))
	case inMemory > MaxInMemory:
		return tooLarge(fmt.Sprintf("các phần ngoài dữ liệu bảng tính giải nén ra %d MB, tối đa %d MB", inMemory>>20, MaxInMemory>>20))
	}
	if sst != nil {
		return countSharedStrings(sst)
	}
	return nil
}

// countSharedStrings refuses a shared-string table of more than MaxSharedStrings
// strings. It scans the part's bytes for <si> elements (with or without a namespace
// prefix) without building anything: text cannot hold a raw '<', so every one starts a
// tag; a comment that spells <si> makes the count higher, never lower.
func countSharedStrings(zf *zip.File) error {
	rc, err := zf.Open()
	if err != nil {
		return fmt.Errorf("không mở được tệp Excel: %s", detail(err))
	}
	defer rc.Close()
	r := bufio.NewReaderSize(rc, 64<<10)
	n := 0
	for {
		if _, err := r.ReadSlice('<'); errors.Is(err, bufio.ErrBufferFull) {
			continue
		} else if errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return fmt.Errorf("không đọc được bảng chuỗi dùng chung của tệp Excel: %s", detail(err))
		}
		name, _ := r.Peek(64)
		if i := bytes.IndexAny(name, " \t\r\n/>"); i >= 0 {
			name = name[:i]
		}
		if i := bytes.LastIndexByte(name, ':'); i >= 0 {
			name = name[i+1:]
		}
		if string(name) == "si" {
			if n++; n > MaxSharedStrings {
				return tooLarge(fmt.Sprintf("bảng chuỗi dùng chung có hơn %d chuỗi", MaxSharedStrings))
			}
		}
	}
}
