package inventory

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Bounds that keep a wrong or hostile file from exhausting memory or time. A real
// inventory is far inside them: 100,000 systems in 30 columns are 3 million cells.
const (
	// Data rows with something in them. Re-rating costs about 1.5–3.5 KB of memory a row
	// (the report included), and an XLSX row can take less than a byte of the file:
	// 200,000 rows keep re-rating any inventory under a gigabyte.
	MaxRows = 200_000
	// Per row and per cell: Excel itself stops a cell at 32,767 characters.
	maxColumns   = 256
	maxCellBytes = 32 << 10
	// All rows together: what the table keeps in memory.
	maxCells      = 10_000_000
	maxTableBytes = 128 << 20
	// CSV: bytes read.
	maxCSVBytes = 128 << 20
)

// table is a spreadsheet read as text: the header and the data rows, each with the row
// number a spreadsheet would show.
type table struct {
	header []string
	rows   [][]string
	nums   []int
	bad    []string // per row: why it could not be read, or ""
	// cells and bytes count what is kept, against maxCells and maxTableBytes.
	cells, bytes int
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
		return readCSV(bufio.NewReader(&capReader{r: f, left: maxCSVBytes}))
	case ".xlsx":
		return readXLSX(path)
	}
	return nil, errors.New("danh mục phải là tệp .csv hoặc .xlsx")
}

// errTooManyRows ends reading at MaxRows data rows.
var errTooManyRows = fmt.Errorf("danh mục có quá %d dòng dữ liệu; hãy chia thành nhiều tệp", MaxRows)

// errCSVTooLarge ends reading a CSV file past maxCSVBytes.
var errCSVTooLarge = fmt.Errorf("tệp CSV lớn quá %d MB; hãy chia danh mục thành nhiều tệp", maxCSVBytes>>20)

// capReader reads at most left bytes, then fails with errCSVTooLarge (io.LimitReader
// would end the file quietly, and a cut file would look whole).
type capReader struct {
	r    io.Reader
	left int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.left < 0 {
		return 0, errCSVTooLarge
	}
	if int64(len(p)) > c.left+1 {
		p = p[:c.left+1] // one byte more tells a file of exactly the limit from a longer one
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	if c.left < 0 {
		return n - 1, errCSVTooLarge
	}
	return n, err
}

// readCSV streams the file: memory grows with the rows kept, not with the file.
//
// Rows are numbered as a spreadsheet shows them: a blank line is an empty row there (the
// CSV reader skips it), and a quoted cell spanning several lines is one row. A row the CSV
// reader cannot parse (a stray quote) is kept as an error for that row; reading goes on.
func readCSV(r *bufio.Reader) (*table, error) {
	if bom, err := r.Peek(3); err == nil && string(bom) == "\uFEFF" {
		r.Discard(3) // Excel writes a BOM before UTF-8 text
	}
	cr := csv.NewReader(r)
	cr.Comma = sniffComma(r)
	cr.ReuseRecord = false
	cr.FieldsPerRecord = -1 // short rows are reported per row, not as a file error
	t := &table{}
	row, lastLine := 0, 0 // spreadsheet row and file line where the previous record ended
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var pe *csv.ParseError
		switch {
		case errors.As(err, &pe):
			row += pe.StartLine - lastLine
			lastLine = pe.Line
			if row == 1 {
				return nil, fmt.Errorf("dòng 1 (tiêu đề): lỗi định dạng CSV: %s", csvProblem(pe))
			}
			if err := t.addBad(row, csvProblem(pe)); err != nil {
				return nil, err
			}
			continue
		case err != nil:
			return nil, err
		}
		start, _ := cr.FieldPos(0)
		end, _ := cr.FieldPos(len(rec) - 1)
		row += start - lastLine
		lastLine = end + strings.Count(rec[len(rec)-1], "\n")
		if err := t.add(row, rec); err != nil {
			return nil, err
		}
	}
	if t.header == nil {
		return nil, errors.New("tệp rỗng: cần dòng tiêu đề với tên các cột")
	}
	return t, nil
}

// sniffComma picks the separator from the header line: Excel in a Vietnamese locale saves
// "CSV" with semicolons. Separators inside quotes do not count.
func sniffComma(r *bufio.Reader) rune {
	line, _ := r.Peek(r.Size())
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	commas, semis, quoted := 0, 0, false
	for _, c := range line {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == ',':
			commas++
		case c == ';':
			semis++
		}
	}
	if semis > commas {
		return ';'
	}
	return ','
}

// csvProblem says in Vietnamese what the CSV reader could not parse.
func csvProblem(pe *csv.ParseError) string {
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return `dấu ngoặc kép nằm trong một ô không được bao bằng ngoặc kép; hãy bao cả ô và viết dấu ngoặc kép hai lần, ví dụ "Hệ thống ""B"""`
	case errors.Is(pe.Err, csv.ErrQuote) && pe.Line > pe.StartLine:
		return fmt.Sprintf("ô bắt đầu bằng ngoặc kép ở dòng %d của tệp chưa được đóng (đến dòng %d); các dòng trong khoảng đó không đọc được", pe.StartLine, pe.Line)
	case errors.Is(pe.Err, csv.ErrQuote):
		return `có ký tự thừa sau dấu ngoặc kép đóng ô; dấu ngoặc kép trong ô phải viết hai lần ("")`
	}
	return pe.Err.Error()
}

// add takes spreadsheet row n: the header when n is 1, else a data row. Empty cells at
// the end of a row are dropped and rows with nothing in them are not kept: a spreadsheet
// reports them up to the last cell anyone ever formatted, and they are not systems.
func (t *table) add(n int, rec []string) error {
	for len(rec) > 0 && rec[len(rec)-1] == "" {
		rec = rec[:len(rec)-1]
	}
	if n == 1 {
		if len(rec) > maxColumns {
			return fmt.Errorf("dòng 1 (tiêu đề): %d cột, nhiều hơn mức tối đa %d", len(rec), maxColumns)
		}
		t.header = rec
		t.cells += len(rec)
		return nil
	}
	if !slices.ContainsFunc(rec, func(c string) bool { return strings.TrimSpace(c) != "" }) {
		return nil
	}
	if why := rowTooLarge(rec); why != "" {
		return t.addBad(n, why)
	}
	if len(t.rows) >= MaxRows {
		return errTooManyRows
	}
	size := 0
	for _, c := range rec {
		size += len(c)
	}
	t.cells += len(rec)
	t.bytes += size
	switch {
	case t.cells > maxCells:
		return fmt.Errorf("danh mục có quá %d ô dữ liệu (đến dòng %d); hãy chia thành nhiều tệp", maxCells, n)
	case t.bytes > maxTableBytes:
		return fmt.Errorf("danh mục có quá %d MB chữ (đến dòng %d); hãy chia thành nhiều tệp", maxTableBytes>>20, n)
	}
	t.rows = append(t.rows, rec)
	t.nums = append(t.nums, n)
	t.bad = append(t.bad, "")
	return nil
}

// rowTooLarge says why a row is beyond the per-row bounds, or "". Such a row is
// reported like any unreadable row and reading goes on.
func rowTooLarge(rec []string) string {
	if len(rec) > maxColumns {
		return fmt.Sprintf("có dữ liệu ở cột %s, ngoài %d cột đầu tiên mà danh mục có thể có", colName(len(rec)-1), maxColumns)
	}
	for i, c := range rec {
		if len(c) > maxCellBytes {
			return fmt.Sprintf("ô ở cột %s dài %d KB, quá mức tối đa %d KB của một ô", colName(i), len(c)>>10, maxCellBytes>>10)
		}
	}
	return ""
}

// addBad records data row n that could not be read at all, and why.
func (t *table) addBad(n int, why string) error {
	if len(t.rows) >= MaxRows {
		return errTooManyRows
	}
	t.rows = append(t.rows, nil)
	t.nums = append(t.nums, n)
	t.bad = append(t.bad, why)
	return nil
}
