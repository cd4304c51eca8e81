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

	"github.com/xuri/excelize/v2"
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
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Sheet1"
	sw, err := f.NewStreamWriter(sheet) // streaming keeps big reports small in memory
	if err != nil {
		return nil, err
	}
	row := func(n int, cells []string) error {
		vals := make([]any, len(cells))
		for i, c := range cells {
			if x, err := strconv.Atoi(c); err == nil && (i == 2 || i == 3 || i == 6) {
				vals[i] = x
			} else {
				vals[i] = c
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, n)
		return sw.SetRow(cell, vals)
	}
	if err := row(1, reportHeader); err != nil {
		return nil, err
	}
	for i, r := range rep.Results {
		if err := row(i+2, r.cells()); err != nil {
			return nil, err
		}
	}
	if err := sw.Flush(); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
