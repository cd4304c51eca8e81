package inventory

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Bounds that keep a wrong or hostile file from exhausting memory.
const (
	MaxRows      = 1_000_000
	maxXLSXBytes = 512 << 20 // unpacked
)

// table is a spreadsheet read as text: the header and the data rows, each with the row
// number a spreadsheet would show.
type table struct {
	header []string
	rows   [][]string
	nums   []int
}

// readTable reads a .csv or .xlsx file.
func readTable(path string) (*table, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return readCSV(bufio.NewReader(f))
	case ".xlsx":
		return readXLSX(path)
	}
	return nil, fmt.Errorf("%s: chỉ hỗ trợ tệp .csv hoặc .xlsx", path)
}

// readCSV streams the file: memory grows with the rows kept, not with the file.
func readCSV(r *bufio.Reader) (*table, error) {
	if bom, err := r.Peek(3); err == nil && string(bom) == "\uFEFF" {
		r.Discard(3) // Excel writes a BOM before UTF-8 text
	}
	cr := csv.NewReader(r)
	cr.ReuseRecord = false
	cr.FieldsPerRecord = -1 // short rows are reported per row, not as a file error
	t := &table{}
	for n := 1; ; n++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("dòng %d: lỗi định dạng CSV: %v", n, pe.Err)
			}
			return nil, err
		}
		if err := t.add(n, rec); err != nil {
			return nil, err
		}
	}
	if t.header == nil {
		return nil, errors.New("tệp rỗng: cần dòng tiêu đề với tên các cột")
	}
	return t, nil
}

// add takes spreadsheet row n: the header when n is 1, else a data row.
func (t *table) add(n int, rec []string) error {
	if n == 1 {
		t.header = rec
		return nil
	}
	if len(t.rows) >= MaxRows {
		return fmt.Errorf("quá %d dòng", MaxRows)
	}
	t.rows = append(t.rows, rec)
	t.nums = append(t.nums, n)
	return nil
}

func readXLSX(path string) (*table, error) {
	// The default unzip limit is 16 GB: a small, padded file could take all memory.
	f, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: maxXLSXBytes, UnzipXMLSizeLimit: maxXLSXBytes})
	if err != nil {
		return nil, fmt.Errorf("không mở được tệp Excel: %v", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, errors.New("tệp Excel không có trang tính nào")
	}
	rows, err := f.Rows(sheets[0]) // streaming: large inventories stay small in memory
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	t := &table{}
	for n := 1; rows.Next(); n++ {
		// Raw values: a number formatted "#,##0" in Excel must arrive as 320000, not 320,000.
		rec, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fmt.Errorf("dòng %d: %v", n, err)
		}
		if err := t.add(n, rec); err != nil {
			return nil, err
		}
	}
	if t.header == nil {
		return nil, errors.New("trang tính đầu tiên rỗng: cần dòng tiêu đề với tên các cột")
	}
	return t, rows.Error()
}
