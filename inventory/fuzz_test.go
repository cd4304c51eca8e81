package inventory

import (
	"archive/zip"
	"bufio"
	"bytes"
	"capdo/sheet"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"capdo/levels"
)

// The import readers meet files written by any program, or by someone probing the
// server. Whatever the bytes, reading never panics, and what it yields keeps the table's
// promises: one number and one verdict per row, rows in order below the header, every
// kept row within the bounds; rating it then gives one result per non-empty row.
// `go test` runs the seeds (here and in testdata/fuzz); `go test -fuzz FuzzReadCSV
// ./inventory` explores, and so does `go test -fuzz 'FuzzReadXLSX$' -fuzzminimizetime 0
// ./inventory` (or FuzzReadXLSXFile): excelize's coverage varies from run to run (it ranges
// over maps), so the fuzzer would spend its time minimizing inputs it then finds dull.

func checkTable(t *testing.T, rs *levels.RuleSet, tb *table) {
	t.Helper()
	if len(tb.rows) != len(tb.nums) || len(tb.rows) != len(tb.bad) || len(tb.rows) > MaxRows {
		t.Fatalf("rows %d, nums %d, bad %d", len(tb.rows), len(tb.nums), len(tb.bad))
	}
	if len(tb.header) > maxColumns {
		t.Fatalf("header of %d columns", len(tb.header))
	}
	last := 1
	for i, rec := range tb.rows {
		if tb.nums[i] <= last {
			t.Fatalf("row numbers out of order: %v", tb.nums)
		}
		last = tb.nums[i]
		if tb.bad[i] == "" && rowTooLarge(rec) != "" {
			t.Fatalf("row %d kept beyond the bounds", tb.nums[i])
		}
	}
	cols, err := columns(rs.Schema(), tb.header)
	if err != nil {
		return
	}
	for i, rec := range tb.rows {
		if tb.bad[i] != "" {
			continue
		}
		pr := parseRow(cols, tb.nums[i], tb.header, rec)
		r := rate(context.Background(), rs, &pr)
		if r.Row != 0 && r.Row != tb.nums[i] {
			t.Fatalf("row %d rated as row %d", tb.nums[i], r.Row)
		}
		for _, e := range r.Errors {
			if strings.ContainsAny(e, "\r\n") {
				t.Fatalf("problem spans lines: %q", e)
			}
		}
	}
}

func FuzzReadCSV(f *testing.F) {
	if data, err := os.ReadFile("../testdata/examples/inventory.csv"); err == nil {
		f.Add(data)
	}
	for _, s := range []string{
		"", "\uFEFF", "id,name\n", "name;owner\nA;B\n", "\"name\nA\n", "name,owner\n\"A\"\"B\",C\n\n\nD,E\n",
		"name,system_type,info_types\nA,internal,public;private\nB,\"other\",\"x\ny\"\n",
		"name,\"a\"b\nA,B\n", "name\n" + strings.Repeat("x", maxCellBytes+1) + "\n", "name" + strings.Repeat(",", maxColumns+1) + "\n",
		"name,approved_level,personal_data_users\nA,6,-1\nB,3,1e9\n",
	} {
		f.Add([]byte(s))
	}
	rs := mustRules(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := readCSV(bufio.NewReader(sheet.Capped(bytes.NewReader(data), maxCSVBytes, errCSVTooLarge)))
		if err != nil {
			if strings.ContainsAny(err.Error(), "\r\n") {
				t.Fatalf("error spans lines: %q", err)
			}
			return
		}
		checkTable(t, rs, tb)
	})
}

// xlsxSeed is a small real workbook, as excelize writes it.
func xlsxSeed(f *testing.F, rows [][]any) []byte {
	x := excelize.NewFile()
	defer x.Close()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow("Sheet1", cell, &r); err != nil {
			f.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := x.Write(&b); err != nil {
		f.Fatal(err)
	}
	return b.Bytes()
}

// readFuzzXLSX writes data to a new .xlsx file and reads it.
func readFuzzXLSX(t *testing.T, dir string, data []byte) (*table, error) {
	tmp, err := os.CreateTemp(dir, "*.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err != nil || cerr != nil {
		t.Fatal(err, cerr)
	}
	return readTable(tmp.Name())
}

// FuzzReadXLSX varies what a hostile workbook controls most: the worksheet and the
// shared-string table (the zip around them is built whole, so that the fuzzer does not
// spend its time breaking checksums; FuzzReadXLSXFile varies the file's bytes).
func FuzzReadXLSX(f *testing.F) {
	row := `<row r="%d"><c r="A%d" t="s"><v>0</v></c><c r="B%d" t="inlineStr"><is><t>Cổng</t></is></c><c t="s"><v>1</v></c>` +
		`<c t="inlineStr"><is><t>internal</t></is></c><c><v>1</v></c></row>`
	f.Add(inventoryHeader+fmt.Sprintf(row, 2, 2, 2), `<si><t>HT-1</t></si><si><r><t>UBND </t></r><r><t>tỉnh</t></r></si>`)
	f.Add(inventoryHeader+`<row r="3"><c r="XFD3"><v>1</v></c></row><row r="2"><c r="C2" t="s"><v>7</v></c></row>`, ``)
	f.Add(`<row><c t="b"><v>1</v></c><c t="d"><v>2026-01-01</v></c><c t="e"><v>#N/A</v></c><c t="str"><f>A1</f><v>x</v></c></row>`, `<x:si><x:t>a</x:t></x:si><!-- <si> -->`)
	f.Add(`<row r="1048577"><c r="A1048577"><v>1</v></c></row>`, `<si><t xml:space="preserve"> a </t></si>`)
	f.Add(`<row><c r="A0"/></row><row r="-1"/>`, `<si>`)
	dir, rs := f.TempDir(), mustRules(f)
	f.Fuzz(func(t *testing.T, sheet, sst string) {
		// Stored, not compressed: deflate under the fuzzer's instrumentation is slow.
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		for _, p := range xlsxParts(part{head: sheetHead, tail: sheet + sheetTail}, &part{head: sstHead, tail: sst + `</sst>`}) {
			w, _ := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Store})
			io.WriteString(w, p.head+p.tail)
		}
		zw.Close()
		if tb, err := readFuzzXLSX(t, dir, b.Bytes()); err == nil {
			checkTable(t, rs, tb)
		}
	})
}

func FuzzReadXLSXFile(f *testing.F) {
	good := xlsxSeed(f, [][]any{
		{"id", "name", "owner", "system_type", "info_types", "personal_data_users", "approved_level"},
		{"HT-1", "Cổng dịch vụ công", "UBND tỉnh", "citizen_business", "public;personal", 250000, 3},
		{"HT-2", "Bản tin", "UBND tỉnh", "other", "public", nil, 1},
	})
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add(xlsxSeed(f, [][]any{{"Tên hệ thống", "Chủ quản"}, {"A", true}, {}, {"B", 1.5}}))
	f.Add([]byte("PK\x03\x04"))
	dir, rs := f.TempDir(), mustRules(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		if tb, err := readFuzzXLSX(t, dir, data); err == nil {
			checkTable(t, rs, tb)
		}
	})
}

// storedXLSX is a workbook around one worksheet's rows (and shared strings, when sst is
// not empty), stored, not compressed: deflate under the fuzzer's instrumentation is slow.
func storedXLSX(rows, sst string) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	var s *part
	if sst != "" {
		s = &part{head: sstHead, tail: sst + `</sst>`}
	}
	for _, p := range xlsxParts(part{head: sheetHead, tail: rows + sheetTail}, s) {
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Store})
		io.WriteString(w, p.head+p.tail)
	}
	zw.Close()
	return b.Bytes()
}

// FuzzUnsavedFormulas: whatever the worksheet, the formula cells reported as saved
// without a value are real cell references of the row they are reported in, a sheet
// without a formula element reports none, and there are never more than the bound.
func FuzzUnsavedFormulas(f *testing.F) {
	f.Add(`<row r="2"><c r="A2"><f>1+1</f></c><c r="B2"><f>A2</f><v>2</v></c><c r="C2" t="str"><f/><v> </v></c></row>`)
	f.Add(`<x:row><x:c r="XFD1048576"><x:f t="shared" si="0"/></x:c></x:row>`)
	f.Add(`<row><c r="A0"><f>1</f></c><c r="1A"><f/></c><c><f/></c></row><c r="B3"><f/></c>`)
	f.Add(`<row r="1"><c r="A1"><v>1</v><f>x</f></c><!-- <f> --></row>`)
	f.Fuzz(func(t *testing.T, rows string) {
		out, err := unsavedFormulas(storedXLSX(rows, ""))
		if err != nil {
			if strings.ContainsAny(err.Error(), "\r\n") || len(err.Error()) > 1000 {
				t.Fatalf("error not one bounded line: %q", err)
			}
			return
		}
		n := 0
		for row, refs := range out {
			for _, ref := range refs {
				_, r, err := excelize.CellNameToCoordinates(ref)
				if err != nil || r != row || row < 1 {
					t.Fatalf("%q reported in row %d", ref, row)
				}
				n++
			}
		}
		if n > maxUnsavedFormulas || n > 0 && !strings.Contains(rows, "f") {
			t.Fatalf("%d formulas reported in %q", n, rows)
		}
	})
}

// A sheet of more formula cells without values than reported one by one is refused as a
// whole.
func TestUnsavedFormulas_Bound(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	for i := 1; i <= maxUnsavedFormulas+1; i++ {
		fmt.Fprintf(&b, `<row r="%d"><c r="A%[1]d"><f>1</f></c></row>`, i)
	}
	if _, err := unsavedFormulas(storedXLSX(b.String(), "")); err != errUnsavedFormulas {
		t.Errorf("err = %v", err)
	}
	out, err := unsavedFormulas(storedXLSX(`<row r="7"><c r="C7"><f>1</f></c><c r="D7"><f>1</f><v>1</v></c></row>`, ""))
	if err != nil || len(out) != 1 || len(out[7]) != 1 || out[7][0] != "C7" {
		t.Errorf("out %v, err %v", out, err)
	}
}
