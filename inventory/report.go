package inventory

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
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

func (r Result) cells() []string {
	num := func(p *int) string {
		if p == nil {
			return ""
		}
		return strconv.Itoa(*p)
	}
	return []string{r.ID, r.Name, num(r.Approved), num(r.Level), r.Change, strings.Join(r.Rules, ";"),
		strconv.Itoa(r.Row), strings.Join(r.Warnings, " | "), strings.Join(r.Errors, " | ")}
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
// file appears whole or not at all (written beside it, then renamed).
func (rep *Report) Write(path string) error {
	if err := CheckReportPath(path); err != nil {
		return err
	}
	var data []byte
	var err error
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		data, err = rep.csv()
	case ".xlsx":
		data, err = rep.xlsx()
	case ".json":
		data, err = rep.json()
	}
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".capdo-report-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func (rep *Report) csv() ([]byte, error) {
	// No byte-order mark: programs read the header as the contract's "id,name,…". People
	// who open reports in Excel choose .xlsx, which carries its encoding.
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(reportHeader)
	for _, r := range rep.Results {
		w.Write(csvSafe(r.cells()))
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

func (rep *Report) json() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	// rules is the ';'-joined string of the contract, in JSON as in the other formats;
	// rule_ids is the same as a list, for programs.
	type row struct {
		Result
		Rules   string   `json:"rules"`
		RuleIDs []string `json:"rule_ids"`
	}
	rows := make([]row, len(rep.Results))
	for i, r := range rep.Results {
		rows[i] = row{Result: r, Rules: strings.Join(r.Rules, ";"), RuleIDs: r.Rules}
	}
	err := enc.Encode(rows)
	return b.Bytes(), err
}

func (rep *Report) xlsx() ([]byte, error) {
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
		for _, r := range rep.Results {
			if !yield(cells(r.cells())) {
				return
			}
		}
	}
	var b bytes.Buffer
	if err := sheet.WriteRows(&b, "Sheet1", rows); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
