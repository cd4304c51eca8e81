package inventory

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"

	"capdo/levels"
	"capdo/sheet"
)

// ProfileRow is one data row of an inventory read as a profile, for importing it into the
// registry (registry.PlanImport): the profile is valid unless Problems names what is
// wrong, each with its column and row.
type ProfileRow struct {
	Row      int // as a spreadsheet shows it: the header is row 1
	Profile  levels.Profile
	Approved *int // the approved_level column, when filled
	Problems []levels.Problem
}

// Profiles is an inventory read as profiles.
type Profiles struct {
	// Keys are the profile keys of the file's columns, in their order: a key absent from
	// the file says nothing about that fact. approved_level is among them when present.
	Keys []string
	Rows []ProfileRow
	// Encoding is "windows-1258" for a CSV that was not UTF-8 (Excel's «CSV (Comma
	// delimited)» on a Vietnamese Windows), read in that code page; "" for UTF-8.
	Encoding string
	// labels names each key's column as messages do: "cột C (system_type)".
	labels map[string]string
}

// Column names the column of key as row problems name it ("cột C (system_type)"), or the
// key alone when the file has no such column.
func (p *Profiles) Column(key string) string {
	if l, ok := p.labels[key]; ok {
		return l
	}
	return key
}

// ColumnApproved is the optional column holding the level approved today.
const ColumnApproved = columnApproved

// ReadProfiles reads an uploaded inventory — CSV (also Excel's Vietnamese CSV, with
// semicolons) or XLSX, chosen by the extension of name — against a rule set's schema, in
// the format of `capdo rerate` (docs/contract.md §3). The error is for the file as a whole
// (unreadable, wrong kind, bad header); each row's problems are in its ProfileRow. Rows
// whose every cell is empty are left out. maxRows bounds the data rows (0: MaxRows).
//
// A formula cell of an XLSX is read as the value Excel computed and saved with it; a
// formula saved without its value (a file written by a program) is a problem of its row,
// never an empty cell, so that no fact is silently lost.
func ReadProfiles(name string, data []byte, sch *levels.Schema, maxRows int) (*Profiles, error) {
	if maxRows <= 0 || maxRows > MaxRows {
		maxRows = MaxRows
	}
	var t *table
	var formulas map[int][]string
	var err error
	encoding := ""
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv":
		if bytes.IndexByte(data, 0) >= 0 {
			return nil, errors.New("tệp không phải văn bản CSV (có byte 0); hãy lưu danh mục thành CSV UTF-8 hoặc .xlsx")
		}
		if !utf8.Valid(data) {
			// Excel's plain «CSV» is in the Windows code page: Vietnamese Windows writes 1258,
			// whose accents are combining marks, composed here as the rest of capdo has them.
			if data, err = charmap.Windows1258.NewDecoder().Bytes(data); err != nil {
				return nil, fmt.Errorf("tệp CSV không phải UTF-8 và không đọc được theo bảng mã Windows-1258: %v", err)
			}
			data, encoding = norm.NFC.Bytes(data), "windows-1258"
		}
		t, err = readCSV(bufio.NewReader(bytes.NewReader(data)))
	case ".xlsx":
		if t, err = readXLSXData(data); err == nil {
			formulas, err = unsavedFormulas(data)
		}
	default:
		return nil, errors.New("danh mục phải là tệp .csv hoặc .xlsx")
	}
	if err != nil {
		return nil, err
	}
	if len(t.rows) > maxRows {
		return nil, fmt.Errorf("tệp có %d dòng dữ liệu, quá mức %d dòng cho một lần nhập; hãy chia tệp", len(t.rows), maxRows)
	}
	cols, err := columns(sch, t.header)
	if err != nil {
		return nil, err
	}
	out := &Profiles{Encoding: encoding, labels: map[string]string{}}
	for i, k := range cols.keys {
		if k != "" {
			out.Keys = append(out.Keys, k)
			out.labels[k] = columnLabel(t.header, cols.keys, i)
		}
	}
	for i, cells := range t.rows {
		num := t.nums[i]
		if t.bad[i] != "" {
			out.Rows = append(out.Rows, ProfileRow{Row: num, Problems: []levels.Problem{{Line: num, Message: t.bad[i]}}})
			continue
		}
		r := parseRow(cols, num, t.header, cells)
		if r.blank {
			continue
		}
		row := ProfileRow{Row: num, Profile: r.profile, Approved: r.approved, Problems: r.problems}
		for _, ref := range formulas[num] {
			row.Problems = append(row.Problems, levels.Problem{Field: "ô " + ref, Line: num,
				Message: "là công thức nhưng tệp không lưu giá trị đã tính; hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi nhập, hoặc thay công thức bằng giá trị"})
		}
		out.Rows = append(out.Rows, row)
	}
	return out, nil
}

// readXLSXData reads an XLSX held in memory as scanXLSX reads a file, within the same
// bounds (sheet.Read).
func readXLSXData(data []byte) (*table, error) {
	t := &table{}
	if err := sheet.Read(bytes.NewReader(data), func(n int, rec []string) error { return t.take(n, rec, "") }); err != nil {
		return nil, err
	}
	if t.header == nil {
		return nil, errEmptySheet
	}
	return t, nil
}
