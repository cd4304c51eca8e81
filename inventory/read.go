package inventory

import (
	"bufio"
	"bytes"
	"capdo/sheet"
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
	lim    limits
}

// limits counts what is kept of a file, against the bounds above: table.add decides on
// each row with it, and so does Rerate, which keeps rows only while rating them, so that
// a file is refused, or a row reported, alike by both.
type limits struct {
	rows, cells, bytes int
}

// rowFunc takes spreadsheet row n of a file being read: the header when n is 1, else a
// data row, whose cells are rec, or why it could not be read (bad, with rec nil).
type rowFunc func(n int, rec []string, bad string) error

// scanTable reads a .csv or .xlsx file row by row. read, when not nil, is set to the
// bytes of the file read so far (CSV only) and may be read between calls of row.
func scanTable(path string, row rowFunc, read *int64) error {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		var r io.Reader = sheet.Capped(f, maxCSVBytes, errCSVTooLarge)
		if read != nil {
			r = &countingReader{r: r, n: read}
		}
		return scanCSV(bufio.NewReaderSize(r, 64<<10), row)
	case ".xlsx":
		return scanXLSX(path, row)
	}
	return errors.New("danh mục phải là tệp .csv hoặc .xlsx")
}

// readTable reads a .csv or .xlsx file whole.
func readTable(path string) (*table, error) {
	t := &table{}
	if err := scanTable(path, t.take, nil); err != nil {
		return nil, err
	}
	return t, nil
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n *int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	*c.n += int64(n)
	return n, err
}

// errTooManyRows ends reading at MaxRows data rows.
var errTooManyRows = fmt.Errorf("danh mục có quá %d dòng dữ liệu; hãy chia thành nhiều tệp", MaxRows)

// errCSVTooLarge ends reading a CSV file past maxCSVBytes.
var errCSVTooLarge = fmt.Errorf("tệp CSV lớn quá %d MB; hãy chia danh mục thành nhiều tệp", maxCSVBytes>>20)

// readCSV reads a CSV file whole (scanCSV).
func readCSV(r *bufio.Reader) (*table, error) {
	t := &table{}
	if err := scanCSV(r, t.take); err != nil {
		return nil, err
	}
	return t, nil
}

// scanCSV streams the file: memory grows with the rows kept, not with the file.
//
// Rows are numbered as a spreadsheet shows them: a blank line is an empty row there (the
// CSV reader skips it), and a quoted cell spanning several lines is one row. A row the CSV
// reader cannot parse (a stray quote) is kept as an error for that row; reading goes on.
func scanCSV(r *bufio.Reader, take rowFunc) error {
	if bom, err := r.Peek(3); err == nil && string(bom) == "\uFEFF" {
		r.Discard(3) // Excel writes a BOM before UTF-8 text
	}
	cr := csv.NewReader(r)
	cr.Comma = sniffComma(r)
	cr.ReuseRecord = false
	cr.FieldsPerRecord = -1 // short rows are reported per row, not as a file error
	row, lastLine := 0, 0   // spreadsheet row and file line where the previous record ended
	header := false
read:
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
				return fmt.Errorf("dòng 1 (tiêu đề): lỗi định dạng CSV: %s", csvProblem(pe))
			}
			if !header {
				break read // the file begins with blank lines: no header
			}
			if err := take(row, nil, csvProblem(pe)); err != nil {
				return err
			}
			continue
		case err != nil:
			return err
		}
		start, _ := cr.FieldPos(0)
		end, _ := cr.FieldPos(len(rec) - 1)
		row += start - lastLine
		lastLine = end + strings.Count(rec[len(rec)-1], "\n")
		if row > 1 && !header {
			break read
		}
		header = true
		if err := take(row, rec, ""); err != nil {
			return err
		}
	}
	if !header {
		return errors.New("tệp rỗng: cần dòng tiêu đề với tên các cột")
	}
	return nil
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

// take keeps a row in the table (rowFunc).
func (t *table) take(n int, rec []string, bad string) error {
	if bad != "" {
		return t.addBad(n, bad)
	}
	return t.add(n, rec)
}

// add takes spreadsheet row n: the header when n is 1, else a data row, as limits.admit
// decides.
func (t *table) add(n int, rec []string) error {
	rec, keep, why, err := t.lim.admit(n, rec)
	switch {
	case err != nil:
		return err
	case n == 1:
		t.header = rec
	case !keep:
	case why != "":
		t.rows, t.nums, t.bad = append(t.rows, nil), append(t.nums, n), append(t.bad, why)
	default:
		t.rows, t.nums, t.bad = append(t.rows, rec), append(t.nums, n), append(t.bad, "")
	}
	return nil
}

// admit decides on spreadsheet row n, the header when n is 1. Empty cells at the end of
// a row are dropped (out) and a row with nothing in it is not kept (keep): a spreadsheet
// reports them up to the last cell anyone ever formatted, and they are not systems. A row
// beyond the per-row bounds is kept as unreadable, why saying why; err ends reading.
func (l *limits) admit(n int, rec []string) (out []string, keep bool, why string, err error) {
	for len(rec) > 0 && rec[len(rec)-1] == "" {
		rec = rec[:len(rec)-1]
	}
	if n == 1 {
		if len(rec) > maxColumns {
			return nil, false, "", fmt.Errorf("dòng 1 (tiêu đề): %d cột, nhiều hơn mức tối đa %d", len(rec), maxColumns)
		}
		l.cells += len(rec)
		return rec, true, "", nil
	}
	if !slices.ContainsFunc(rec, func(c string) bool { return strings.TrimSpace(c) != "" }) {
		return nil, false, "", nil
	}
	if why := rowTooLarge(rec); why != "" {
		return nil, true, why, l.admitBad()
	}
	if l.rows >= MaxRows {
		return nil, false, "", errTooManyRows
	}
	size := 0
	for _, c := range rec {
		size += len(c)
	}
	l.cells += len(rec)
	l.bytes += size
	switch {
	case l.cells > maxCells:
		return nil, false, "", fmt.Errorf("danh mục có quá %d ô dữ liệu (đến dòng %d); hãy chia thành nhiều tệp", maxCells, n)
	case l.bytes > maxTableBytes:
		return nil, false, "", fmt.Errorf("danh mục có quá %d MB chữ (đến dòng %d); hãy chia thành nhiều tệp", maxTableBytes>>20, n)
	}
	l.rows++
	return rec, true, "", nil
}

// admitBad counts a data row that could not be read at all.
func (l *limits) admitBad() error {
	if l.rows >= MaxRows {
		return errTooManyRows
	}
	l.rows++
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
	if err := t.lim.admitBad(); err != nil {
		return err
	}
	t.rows, t.nums, t.bad = append(t.rows, nil), append(t.nums, n), append(t.bad, why)
	return nil
}
