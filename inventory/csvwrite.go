package inventory

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// csvRows writes the report as CSV, byte for byte as encoding/csv's Writer writes the
// cells of Result.fill, each guarded against formulas (a cell that begins with one of
// formulaStart gets a leading apostrophe), but without joining a row's rules, warnings
// and errors into new strings first: a report of a hundred thousand rows carries tens of
// megabytes of warnings. TestCSVRowsAsEncodingCSV holds it to encoding/csv.
//
// No byte-order mark: programs read the header as the contract's "id,name,…". People who
// open reports in Excel choose .xlsx, which carries its encoding.
type csvRows struct {
	w   *bufio.Writer
	one [1]string
	num []byte
}

func newCSVRows(w io.Writer) *csvRows {
	bw, ok := w.(*bufio.Writer)
	if !ok {
		bw = bufio.NewWriter(w)
	}
	c := &csvRows{w: bw}
	for i, h := range reportHeader {
		if i > 0 {
			c.w.WriteByte(',')
		}
		c.cell(h)
	}
	c.w.WriteByte('\n')
	return c
}

func (c *csvRows) row(r *Result) error {
	c.cell(r.ID)
	c.w.WriteByte(',')
	c.cell(r.Name)
	c.w.WriteByte(',')
	c.level(r.Approved)
	c.w.WriteByte(',')
	c.level(r.Level)
	c.w.WriteByte(',')
	c.cell(r.Change)
	c.w.WriteByte(',')
	c.joined(r.Rules, ";")
	c.w.WriteByte(',')
	c.int(r.Row)
	c.w.WriteByte(',')
	c.joined(r.Warnings, " | ")
	c.w.WriteByte(',')
	c.joined(r.Errors, " | ")
	return c.w.WriteByte('\n')
}

func (c *csvRows) end() error { return c.w.Flush() }

func (c *csvRows) level(p *int) {
	if p != nil {
		c.int(*p)
	}
}

// int writes a number: digits need neither quotes nor a guard against formulas.
func (c *csvRows) int(n int) {
	if n < 0 {
		c.cell(strconv.Itoa(n))
		return
	}
	c.num = strconv.AppendInt(c.num[:0], int64(n), 10)
	c.w.Write(c.num)
}

func (c *csvRows) cell(s string) {
	c.one[0] = s
	c.joined(c.one[:], "")
}

// joined writes the cell strings.Join(parts, sep), guarded against formulas, as
// encoding/csv would. sep is ASCII and not empty when there are several parts, so that
// the cell's first rune is that of its first part, when not empty.
func (c *csvRows) joined(parts []string, sep string) {
	if len(parts) == 0 {
		return
	}
	first := parts[0]
	if first == "" {
		// The cell is empty or begins with a separator: join.
		c.one[0] = strings.Join(parts, sep)
		if c.one[0] == "" {
			return
		}
		parts, sep, first = c.one[:], "", c.one[0]
	}
	formula := strings.IndexByte(formulaStart, first[0]) >= 0
	quote := false
	if !formula {
		r, _ := utf8.DecodeRuneInString(first)
		quote = unicode.IsSpace(r) || (len(parts) == 1 && first == `\.`)
	}
	if !quote && len(parts) > 1 && special(sep) {
		quote = true
	}
	for _, p := range parts {
		if quote {
			break
		}
		quote = special(p)
	}
	if quote {
		c.w.WriteByte('"')
	}
	if formula {
		c.w.WriteByte('\'')
	}
	for i, p := range parts {
		if i > 0 {
			c.text(sep, quote)
		}
		c.text(p, quote)
	}
	if quote {
		c.w.WriteByte('"')
	}
}

// special reports whether s holds a character that makes encoding/csv quote a cell. A
// search per character is quicker than one pass over long texts, and a comma, the
// commonest, is looked for first.
func special(s string) bool {
	return strings.IndexByte(s, ',') >= 0 || strings.IndexByte(s, '"') >= 0 ||
		strings.IndexByte(s, '\n') >= 0 || strings.IndexByte(s, '\r') >= 0
}

// text writes part of a cell, doubling its quotes when the cell is quoted.
func (c *csvRows) text(s string, quoted bool) {
	if !quoted {
		c.w.WriteString(s)
		return
	}
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			c.w.WriteString(s)
			return
		}
		c.w.WriteString(s[:i+1])
		c.w.WriteByte('"')
		s = s[i+1:]
	}
}
