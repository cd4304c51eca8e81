package inventory

import (
	"bufio"
	"bytes"
	"encoding/csv"
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

func csvSafe(cells []string) []string {
	for i, c := range cells {
		if c != "" && strings.ContainsRune(formulaStart, rune(c[0])) {
			cells[i] = "'" + c
		}
	}
	return cells
}

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
// file appears whole or not at all: it is written beside path through a buffer, row by
// row (a report of a hundred thousand rows is tens of megabytes, never held whole in
// memory), then renamed.
func (rep *Report) Write(path string) error {
	if err := CheckReportPath(path); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".capdo-report-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriterSize(tmp, 256<<10)
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		err = rep.csv(w)
	case ".xlsx":
		err = rep.xlsx(w)
	case ".json":
		err = rep.json(w)
	}
	if err == nil {
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

func (rep *Report) csv(out io.Writer) error {
	// No byte-order mark: programs read the header as the contract's "id,name,…". People
	// who open reports in Excel choose .xlsx, which carries its encoding.
	w := csv.NewWriter(out)
	w.Write(reportHeader)
	rec := make([]string, len(reportHeader))
	for i := range rep.Results {
		w.Write(csvSafe(rep.Results[i].fill(rec)))
	}
	w.Flush()
	return w.Error()
}

func (rep *Report) json(out io.Writer) error {
	// The report is one JSON array indented by two spaces, written element by element
	// exactly as encoding one slice of them would write it.
	if len(rep.Results) == 0 {
		_, err := io.WriteString(out, "[]\n")
		return err
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("  ", "  ")
	// rules is the ';'-joined string of the contract, in JSON as in the other formats;
	// rule_ids is the same as a list, for programs.
	type row struct {
		Result
		Rules   string   `json:"rules"`
		RuleIDs []string `json:"rule_ids"`
	}
	for i, r := range rep.Results {
		b.Reset()
		if i == 0 {
			b.WriteString("[\n  ")
		} else {
			b.WriteString(",\n  ")
		}
		if err := enc.Encode(row{Result: r, Rules: strings.Join(r.Rules, ";"), RuleIDs: r.Rules}); err != nil {
			return err
		}
		b.Truncate(b.Len() - 1) // the encoder's newline
		if _, err := out.Write(b.Bytes()); err != nil {
			return err
		}
	}
	_, err := io.WriteString(out, "\n]\n")
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
