package inventory

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"capdo/sheet"
)

// reportHeader: the contract's six columns first, in order, then capdo's additions.
var reportHeader = []string{"id", "name", "approved_level", "level", "change", "rules", "row", "warnings", "errors"}

// formulaStart are the characters that make a spreadsheet read a cell as a formula: a
// system named "=HYPERLINK(…)" must stay text when the report is opened.
const formulaStart = "=+-@\t\r"

// fill writes the cells of the result into rec, which has a place for each column of
// reportHeader, and returns it.
func (r *Result) fill(rec []string) []string {
	num := func(p *int) string {
		if p == nil {
			return ""
		}
		return strconv.Itoa(*p)
	}
	rec[0], rec[1], rec[2], rec[3], rec[4] = r.ID, r.Name, num(r.Approved), num(r.Level), r.Change
	rec[5], rec[6] = strings.Join(r.Rules, ";"), strconv.Itoa(r.Row)
	rec[7], rec[8] = strings.Join(r.Warnings, " | "), strings.Join(r.Errors, " | ")
	return rec
}

// CheckReportPath says whether path names a report format, so that a wrong --out is
// refused before any row is rated.
func CheckReportPath(path string) error {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv", ".xlsx", ".json":
		return nil
	}
	return fmt.Errorf("%s: báo cáo phải là tệp .csv, .xlsx hoặc .json", path)
}

// Write saves the report as .csv, .xlsx or .json, chosen by the extension of path. The
// file appears whole or not at all (writeAtomic).
func (rep *Report) Write(path string) error {
	if err := CheckReportPath(path); err != nil {
		return err
	}
	return writeAtomic(path, func(w io.Writer) error {
		if strings.EqualFold(filepath.Ext(path), ".xlsx") {
			return rep.xlsx(w)
		}
		rw := newRowWriter(w, path)
		for i := range rep.Results {
			if err := rw.row(&rep.Results[i]); err != nil {
				return err
			}
		}
		return rw.end()
	})
}

// writeAtomic writes a file beside path through a buffer, row by row as write goes (a
// report of a hundred thousand rows is tens of megabytes, never held whole in memory),
// then renames it to path: the file appears whole or not at all.
func writeAtomic(path string, write func(w io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".capdo-report-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriterSize(tmp, 256<<10)
	if err = write(w); err == nil {
		err = w.Flush()
	}
	if err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// rowWriter writes a report row by row: row for each result in order, then end.
type rowWriter interface {
	row(r *Result) error
	end() error
}

// newRowWriter writes a .csv report, or a .json one, as the extension of path says.
func newRowWriter(w io.Writer, path string) rowWriter {
	if strings.EqualFold(filepath.Ext(path), ".json") {
		return newJSONRows(w)
	}
	return newCSVRows(w)
}

// jsonRows writes the report as one JSON array indented by two spaces, element by
// element, exactly as encoding one slice of them would write it.
type jsonRows struct {
	out io.Writer
	b   bytes.Buffer
	enc *json.Encoder
	n   int
}

// jsonRow is a Result in JSON: rules is the ';'-joined string of the contract, as in the
// other formats; rule_ids is the same as a list, for programs.
type jsonRow struct {
	Result
	Rules   string   `json:"rules"`
	RuleIDs []string `json:"rule_ids"`
}

func newJSONRows(w io.Writer) *jsonRows {
	j := &jsonRows{out: w}
	j.enc = json.NewEncoder(&j.b)
	j.enc.SetEscapeHTML(false)
	j.enc.SetIndent("  ", "  ")
	return j
}

func (j *jsonRows) row(r *Result) error {
	j.b.Reset()
	if j.n == 0 {
		j.b.WriteString("[\n  ")
	} else {
		j.b.WriteString(",\n  ")
	}
	j.n++
	if err := j.enc.Encode(jsonRow{Result: *r, Rules: strings.Join(r.Rules, ";"), RuleIDs: r.Rules}); err != nil {
		return err
	}
	j.b.Truncate(j.b.Len() - 1) // the encoder's newline
	_, err := j.out.Write(j.b.Bytes())
	return err
}

func (j *jsonRows) end() error {
	end := "\n]\n"
	if j.n == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(j.out, end)
	return err
}

func (rep *Report) xlsx(out io.Writer) error {
	cells := func(cells []string) []any {
		vals := make([]any, len(cells))
		for i, c := range cells {
			if x, err := strconv.Atoi(c); err == nil && (i == 2 || i == 3 || i == 6) {
				vals[i] = x
			} else {
				vals[i] = c
			}
		}
		return vals
	}
	rows := func(yield func([]any) bool) {
		if !yield(cells(reportHeader)) {
			return
		}
		rec := make([]string, len(reportHeader))
		for i := range rep.Results {
			if !yield(cells(rep.Results[i].fill(rec))) {
				return
			}
		}
	}
	return sheet.WriteRows(out, "Sheet1", rows)
}
