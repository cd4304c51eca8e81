package inventory

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/xuri/excelize/v2"
)

// An XLSX file is a zip of XML parts, and a small file can unpack to a huge one: 500 KB
// of repeated rows compress to gigabytes of XML, a shared-string table can list millions
// of strings that one cell each points to, and a single cell at column XFD makes every
// row 16,384 cells long. excelize keeps every part in memory up to UnzipXMLSizeLimit and
// fills each row up to its last cell, so readXLSX first measures the parts from the zip
// directory (checkXLSX, which reads no part except the shared strings, to count them),
// then lets excelize unpack large worksheets and shared strings to temporary files and
// stream them, and counts every cell the row iterator hands out.
const (
	maxXLSXFileBytes = 64 << 20
	// All parts unpacked (on disk, in temporary files, for the large ones).
	maxXLSXUnpacked = 128 << 20
	// A worksheet or shared-string part larger than this is unpacked to a temporary file
	// and read from there; smaller ones are read into memory.
	xlsxPartInMemory = 4 << 20
	// All parts read into memory: the small worksheets and shared strings, and the rest
	// (workbook, styles, theme, images…), which excelize reads whole.
	maxXLSXInMemory = 16 << 20
	// Strings in the shared-string table: excelize keeps an index entry (about 50 bytes)
	// for each.
	maxSharedStrings = 1_000_000
	// Cells the row iterator hands out, the empty ones it fills in included.
	maxXLSXCellsSeen = 20_000_000
)

// partSharedStrings is where excelize reads the shared-string table from (any case).
const partSharedStrings = "xl/sharedstrings.xml"

// readXLSX reads the first worksheet whole (scanXLSX).
func readXLSX(path string) (*table, error) {
	t := &table{}
	if err := scanXLSX(path, t.take); err != nil {
		return nil, err
	}
	if t.header == nil {
		return nil, errEmptySheet
	}
	return t, nil
}

// errEmptySheet is a worksheet without a header.
var errEmptySheet = errors.New("trang tính đầu tiên rỗng: cần dòng tiêu đề với tên các cột")

// scanXLSX reads the first worksheet row by row.
func scanXLSX(path string, take rowFunc) error {
	if err := checkXLSX(path); err != nil {
		return err
	}
	f, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: maxXLSXUnpacked, UnzipXMLSizeLimit: xlsxPartInMemory})
	if err != nil {
		return fmt.Errorf("không mở được tệp Excel: %v", err)
	}
	defer f.Close() // also removes the temporary files
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return errors.New("tệp Excel không có trang tính nào")
	}
	rows, err := f.Rows(sheets[0]) // streaming: large inventories stay small in memory
	if err != nil {
		return fmt.Errorf("không đọc được trang tính «%s»: %v", sheets[0], err)
	}
	defer rows.Close()
	seen, header := 0, false
	for n := 1; rows.Next(); n++ {
		// Raw values: a number formatted "#,##0" in Excel must arrive as 320000, not 320,000.
		rec, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return fmt.Errorf("dòng %d: %v", n, err)
		}
		if seen += len(rec) + 1; seen > maxXLSXCellsSeen {
			return fmt.Errorf("trang tính «%s» có quá nhiều ô (hơn %d triệu tính cả ô trống, đến dòng %d); "+
				"hãy xóa các cột và dòng thừa hoặc lưu danh mục thành CSV", sheets[0], maxXLSXCellsSeen/1_000_000, n)
		}
		if err := take(n, rec, ""); err != nil {
			return err
		}
		header = true
	}
	if err := rows.Error(); err != nil {
		return fmt.Errorf("không đọc được trang tính «%s»: %v", sheets[0], err)
	}
	if !header {
		return errEmptySheet
	}
	return nil
}

// errXLSXTooLarge is the message of every size bound, with what was found.
func errXLSXTooLarge(what string) error {
	return fmt.Errorf("tệp Excel vượt giới hạn an toàn (%s); hãy xóa các trang tính, hình ảnh và dòng thừa hoặc lưu danh mục thành CSV", what)
}

// checkXLSX measures the file and its parts before anything is unpacked. The sizes come
// from the zip directory; archive/zip refuses to unpack a part beyond the size its
// directory entry declares, so a part cannot lie its way past these bounds.
func checkXLSX(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	if fi.Size() > maxXLSXFileBytes {
		return errXLSXTooLarge(fmt.Sprintf("tệp %d MB, tối đa %d MB", fi.Size()>>20, maxXLSXFileBytes>>20))
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		return fmt.Errorf("không mở được tệp Excel: không phải tệp .xlsx (%v)", err)
	}
	defer zr.Close()
	var unpacked, inMemory uint64
	var sst *zip.File
	for _, zf := range zr.File {
		size := zf.UncompressedSize64
		unpacked += size
		name := strings.ToLower(strings.ReplaceAll(zf.Name, `\`, "/"))
		streamed := strings.HasPrefix(name, "xl/worksheets/sheet") || name == partSharedStrings
		if !streamed || size <= xlsxPartInMemory {
			inMemory += size
		}
		if name == partSharedStrings {
			sst = zf
		}
	}
	switch {
	case unpacked > maxXLSXUnpacked:
		return errXLSXTooLarge(fmt.Sprintf("giải nén ra %d MB, tối đa %d MB", unpacked>>20, maxXLSXUnpacked>>20))
	case inMemory > maxXLSXInMemory:
		return errXLSXTooLarge(fmt.Sprintf("các phần ngoài dữ liệu bảng tính giải nén ra %d MB, tối đa %d MB", inMemory>>20, maxXLSXInMemory>>20))
	}
	if sst != nil {
		return countSharedStrings(sst)
	}
	return nil
}

// countSharedStrings refuses a shared-string table of more than maxSharedStrings
// strings. It scans the part's bytes for <si> elements (with or without a namespace
// prefix) without building anything: text cannot hold a raw '<', so every one starts a
// tag; a comment that spells <si> makes the count higher, never lower.
func countSharedStrings(zf *zip.File) error {
	rc, err := zf.Open()
	if err != nil {
		return fmt.Errorf("không mở được tệp Excel: %v", err)
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
			return fmt.Errorf("không đọc được bảng chuỗi dùng chung của tệp Excel: %v", err)
		}
		name, _ := r.Peek(64)
		if i := bytes.IndexAny(name, " \t\r\n/>"); i >= 0 {
			name = name[:i]
		}
		if i := bytes.LastIndexByte(name, ':'); i >= 0 {
			name = name[i+1:]
		}
		if string(name) == "si" {
			if n++; n > maxSharedStrings {
				return errXLSXTooLarge(fmt.Sprintf("bảng chuỗi dùng chung có hơn %d chuỗi", maxSharedStrings))
			}
		}
	}
}
