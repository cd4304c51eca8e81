// Package sheet writes spreadsheets (.xlsx): a styled table people fill in (the dossier's
// requirement checklist) and a plain table written row by row (the re-rating report); and
// reads the first worksheet of an uploaded workbook row by row within bounds that a hostile
// file cannot pass (read.go), for every import (the inventory, the risk register), and
// bounds the CSV files of those imports (capped.go). It owns
// github.com/xuri/excelize/v2.
package sheet

import (
	"errors"
	"fmt"
	"io"
	"iter"

	"github.com/xuri/excelize/v2"
)

// Column is one column of a Table.
type Column struct {
	Title string
	// Width is in characters; 0 keeps the default.
	Width float64
	// Choices, when set, restricts the column's cells to these values with a drop-down
	// list (Excel's data validation).
	Choices []string
}

// Table is one worksheet: a heading row of column titles, then the rows. The heading stays
// on screen when scrolling and carries filters; long texts wrap.
type Table struct {
	Name    string // the worksheet's name (at most 31 characters, none of : \ / ? * [ ])
	Columns []Column
	Rows    [][]any // strings and integers
}

// Write writes the tables as one workbook, each on its own worksheet, in order.
func Write(w io.Writer, tables ...Table) error {
	if len(tables) == 0 {
		return errors.New("sheet: không có bảng nào")
	}
	f := excelize.NewFile()
	defer f.Close()
	head, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center", Horizontal: "center"},
		Border:    borders(),
	})
	if err != nil {
		return err
	}
	body, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}, Border: borders()})
	if err != nil {
		return err
	}
	for i, t := range tables {
		name := t.Name
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return fmt.Errorf("sheet %s: %w", name, err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
		if err := writeTable(f, t, head, body); err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
	}
	return f.Write(w)
}

func borders() []excelize.Border {
	var out []excelize.Border
	for _, side := range []string{"left", "right", "top", "bottom"} {
		out = append(out, excelize.Border{Type: side, Color: "808080", Style: 1})
	}
	return out
}

func writeTable(f *excelize.File, t Table, head, body int) error {
	n := len(t.Columns)
	if n == 0 {
		return errors.New("bảng không có cột")
	}
	titles := make([]any, n)
	for i, c := range t.Columns {
		titles[i] = c.Title
	}
	if err := f.SetSheetRow(t.Name, "A1", &titles); err != nil {
		return err
	}
	for i, r := range t.Rows {
		if len(r) != n {
			return fmt.Errorf("dòng %d có %d ô, bảng có %d cột", i+2, len(r), n)
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow(t.Name, cell, &r); err != nil {
			return err
		}
	}
	last, _ := excelize.ColumnNumberToName(n)
	lastRow := max(len(t.Rows)+1, 2)
	if err := f.SetCellStyle(t.Name, "A1", last+"1", head); err != nil {
		return err
	}
	if len(t.Rows) > 0 {
		if err := f.SetCellStyle(t.Name, "A2", fmt.Sprintf("%s%d", last, lastRow), body); err != nil {
			return err
		}
	}
	for i, c := range t.Columns {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if c.Width > 0 {
			if err := f.SetColWidth(t.Name, col, col, c.Width); err != nil {
				return err
			}
		}
		if len(c.Choices) > 0 && len(t.Rows) > 0 {
			dv := excelize.NewDataValidation(true)
			dv.Sqref = fmt.Sprintf("%s2:%s%d", col, col, lastRow)
			if err := dv.SetDropList(c.Choices); err != nil {
				return err
			}
			if err := f.AddDataValidation(t.Name, dv); err != nil {
				return err
			}
		}
	}
	if err := f.SetPanes(t.Name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return f.AutoFilter(t.Name, "A1:"+last+"1", nil)
}

// WriteRows writes one worksheet named name row by row, streaming, for tables too large
// to style cell by cell: every row the sequence yields, from row 1. Cells are strings or
// integers.
func WriteRows(w io.Writer, name string, rows iter.Seq[[]any]) error {
	f := excelize.NewFile()
	defer f.Close()
	if name != "Sheet1" {
		if err := f.SetSheetName("Sheet1", name); err != nil {
			return err
		}
	}
	sw, err := f.NewStreamWriter(name) // streaming keeps big tables small in memory
	if err != nil {
		return err
	}
	n := 0
	for r := range rows {
		n++
		cell, _ := excelize.CoordinatesToCellName(1, n)
		if err = sw.SetRow(cell, r); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}
