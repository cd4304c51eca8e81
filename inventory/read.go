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
	bad    []string // per row: why it could not be read, or ""
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
		var r io.Reader = f
		if read != nil {
			r = &countingReader{r: f, n: read}
		}
		return scanCSV(bufio.NewReaderSize(r, 64<<10), row)
	case ".xlsx":
		return scanXLSX(path, row)
	}
	return errors.New("danh mục phải là tệp .csv hoặc .xlsx")
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
	t.bad = append(t.bad, "")
	return nil
}

// addBad records data row n that could not be read at all, and why.
func (t *table) addBad(n int, why string) error {
	if err := t.add(n, nil); err != nil {
		return err
	}
	t.bad[len(t.bad)-1] = why
	return nil
}

func scanXLSX(path string, take rowFunc) error {
	// The default unzip limit is 16 GB: a small, padded file could take all memory.
	f, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: maxXLSXBytes, UnzipXMLSizeLimit: maxXLSXBytes})
	if err != nil {
		return fmt.Errorf("không mở được tệp Excel: %v", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return errors.New("tệp Excel không có trang tính nào")
	}
	rows, err := f.Rows(sheets[0]) // streaming: large inventories stay small in memory
	if err != nil {
		return err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
		// Raw values: a number formatted "#,##0" in Excel must arrive as 320000, not 320,000.
		rec, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return fmt.Errorf("dòng %d: %v", n, err)
		}
		if err := take(n, rec, ""); err != nil {
			return err
		}
	}
	if n == 0 {
		return errors.New("trang tính đầu tiên rỗng: cần dòng tiêu đề với tên các cột")
	}
	return rows.Error()
}
