package inventory

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"context"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"capdo/levels"
	"capdo/sheet"
)

// The import readers hold bounded memory whatever the file: the inspection of issue 9
// found a 500 KB XLSX that took 2.6 GB. Hostile files are built here part by part.

// part is one zip entry: head, then chunk repeated times, then tail. Large parts are
// written without compressing the repeats one by one: a chunk compressed alone refers
// only to itself, so its compressed bytes can be repeated as they are.
type part struct {
	name              string
	head, chunk, tail string
	repeat            int
}

func deflated(s string, final bool) []byte {
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.BestCompression)
	io.WriteString(w, s)
	if final {
		w.Close()
	} else {
		w.Flush()
	}
	return b.Bytes()
}

func writeZip(t testing.TB, path string, parts []part) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	for _, p := range parts {
		head, chunk, tail := deflated(p.head, false), deflated(p.chunk, false), deflated(p.tail, true)
		crc := crc32.ChecksumIEEE([]byte(p.head))
		for range p.repeat {
			crc = crc32.Update(crc, crc32.IEEETable, []byte(p.chunk))
		}
		crc = crc32.Update(crc, crc32.IEEETable, []byte(p.tail))
		w, err := zw.CreateRaw(&zip.FileHeader{Name: p.name, Method: zip.Deflate, CRC32: crc,
			CompressedSize64:   uint64(len(head) + p.repeat*len(chunk) + len(tail)),
			UncompressedSize64: uint64(len(p.head) + p.repeat*len(p.chunk) + len(p.tail))})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(head)
		for range p.repeat {
			w.Write(chunk)
		}
		w.Write(tail)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

const (
	sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	sheetTail = `</sheetData></worksheet>`
	sstHead   = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`
)

// xlsxParts is a minimal workbook around one sheet (and a shared-string table, if given).
func xlsxParts(sheet part, sst *part) []part {
	parts := []part{
		{name: "[Content_Types].xml", tail: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
			`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`},
		{name: "_rels/.rels", tail: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{name: "xl/workbook.xml", tail: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
			`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Danh mục" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{name: "xl/_rels/workbook.xml.rels", tail: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`},
	}
	sheet.name = "xl/worksheets/sheet1.xml"
	parts = append(parts, sheet)
	if sst != nil {
		sst.name = "xl/sharedStrings.xml"
		parts = append(parts, *sst)
	}
	return parts
}

// inlineRow is one row of inline-string cells, the way Excel's streaming writers save.
func inlineRow(cells ...string) string {
	var b strings.Builder
	b.WriteString("<row>")
	for _, c := range cells {
		fmt.Fprintf(&b, `<c t="inlineStr"><is><t>%s</t></is></c>`, c)
	}
	b.WriteString("</row>")
	return b.String()
}

var inventoryHeader = inlineRow("id", "name", "owner", "system_type", "info_types")

// allocated runs fn and returns the bytes it allocated (all of them, freed or not). It
// counts the whole process's allocations: the tests that call it are not parallel, so
// that they run alone (before the parallel tests start).
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// A few hundred KB that unpack to 200 MB of rows are refused from the zip directory,
// before anything is unpacked. (They used to be unpacked into memory and read row by
// row: gigabytes.)
func TestXLSX_ZipBombRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bom.xlsx")
	row := inlineRow("HT", "Hệ thống", "UBND", "internal", "public")
	writeZip(t, path, xlsxParts(part{head: sheetHead + inventoryHeader, chunk: strings.Repeat(row, (1<<20)/len(row)), repeat: 200, tail: sheetTail}, nil))
	if fi, _ := os.Stat(path); fi.Size() > 1<<20 {
		t.Fatalf("the bomb is %d bytes, not a small file", fi.Size())
	}
	var err error
	n := allocated(func() { _, err = readTable(path) })
	if err == nil || !strings.Contains(err.Error(), "giới hạn an toàn") || !strings.Contains(err.Error(), "giải nén ra 2") {
		t.Errorf("err = %v", err)
	}
	if n > 16<<20 {
		t.Errorf("refusing the bomb allocated %d MB", n>>20)
	}
}

// A shared-string table of millions of tiny strings is refused before excelize indexes
// it (it used to be parsed whole into memory).
func TestXLSX_SharedStringsBombRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sst.xlsx")
	si := `<si><t>a</t></si>`
	writeZip(t, path, xlsxParts(part{head: sheetHead, tail: `<row><c t="s"><v>0</v></c></row>` + sheetTail},
		&part{head: sstHead, chunk: strings.Repeat(si, 1000), repeat: sheet.MaxSharedStrings/1000 + 1, tail: `</sst>`}))
	var err error
	n := allocated(func() { _, err = readTable(path) })
	if err == nil || !strings.Contains(err.Error(), "bảng chuỗi dùng chung có hơn 1000000 chuỗi") {
		t.Errorf("err = %v", err)
	}
	if n > 16<<20 {
		t.Errorf("refusing the table allocated %d MB", n>>20)
	}
}

// A row with a cell at column XFD comes out of the reader 16,384 cells long: such rows
// are errors of their own, and a sheet of them ends at the cell budget instead of
// filling memory.
func TestXLSX_WideRows(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	wide := `<row><c r="XFD%d" t="inlineStr"><is><t>x</t></is></c></row>`
	good := inlineRow("HT-1", "Cổng", "UBND", "internal", "public")
	// A few wide rows among good ones: reported, the rest rated.
	few := filepath.Join(dir, "few.xlsx")
	writeZip(t, few, xlsxParts(part{head: sheetHead + inventoryHeader + good + fmt.Sprintf(wide, 3) + good, tail: sheetTail}, nil))
	rep, err := Rerate(context.Background(), mustRules(t), few)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Results) != 3 || rep.Failed() != 1 || !strings.Contains(strings.Join(rep.Results[1].Errors, ""), "cột XFD") {
		t.Errorf("results = %+v", rep.Results)
	}
	// Thousands of them: the file is refused at the budget.
	many := filepath.Join(dir, "many.xlsx")
	var rows strings.Builder
	for i := 2; i < 2000; i++ {
		fmt.Fprintf(&rows, wide, i)
	}
	writeZip(t, many, xlsxParts(part{head: sheetHead + inventoryHeader + rows.String(), tail: sheetTail}, nil))
	if _, err := readTable(many); err == nil || !strings.Contains(err.Error(), "quá nhiều ô") {
		t.Errorf("err = %v", err)
	}
}

// A sheet over the in-memory bound is unpacked to a temporary file and streamed; a large
// shared-string table too. Both read correctly, rows far apart keep their numbers, and
// the temporary files are gone afterwards.
func TestXLSX_LargePartsStreamed(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	path := filepath.Join(t.TempDir(), "lon.xlsx")
	// Every data row names owner by shared string 1, padded so the table is over 4 MB.
	row := `<row><c t="inlineStr"><is><t>HT</t></is></c><c t="inlineStr"><is><t>Cổng</t></is></c><c t="s"><v>1</v></c>` +
		`<c t="inlineStr"><is><t>internal</t></is></c><c t="inlineStr"><is><t>public</t></is></c></row>`
	n := (8 << 20) / len(row)
	writeZip(t, path, xlsxParts(
		part{head: sheetHead + inventoryHeader, chunk: row, repeat: n,
			tail: `<row r="1000000">` + strings.TrimPrefix(row, "<row>") + sheetTail},
		&part{head: sstHead + `<si><t>không dùng</t></si><si><t>UBND tỉnh Kiên Giang</t></si>`, chunk: `<si><t>đệm</t></si>`, repeat: 300_000, tail: `</sst>`}))
	rep, err := Rerate(context.Background(), mustRules(t), path)
	if err != nil {
		t.Fatal(err)
	}
	last := rep.Results[len(rep.Results)-1]
	if len(rep.Results) != n+1 || rep.Failed() != 0 || last.Row != 1_000_000 || rep.Results[0].Row != 2 {
		t.Fatalf("%d results (want %d), %d failed, last row %d", len(rep.Results), n+1, rep.Failed(), last.Row)
	}
	if ents, _ := os.ReadDir(tmp); len(ents) != 0 {
		t.Errorf("temporary files left: %v", ents)
	}
}

// One cell longer than Excel allows is an error of its row; the others are rated.
func TestTable_CellTooLong(t *testing.T) {
	t.Parallel()
	csv := "id,name,owner,system_type,info_types\nHT-1,Cổng,UBND,internal,public\nHT-2," + strings.Repeat("x", maxCellBytes+1) + ",UBND,internal,public\n"
	tb, err := readCSV(bufio.NewReader(strings.NewReader(csv)))
	if err != nil {
		t.Fatal(err)
	}
	if len(tb.rows) != 2 || tb.bad[0] != "" || !strings.Contains(tb.bad[1], "ô ở cột B dài 32 KB") || tb.nums[1] != 3 {
		t.Errorf("rows %d, bad %q, nums %v", len(tb.rows), tb.bad, tb.nums)
	}
}

// endless is an endless CSV body.
type endless struct{ n int }

func (e *endless) Read(p []byte) (int, error) {
	const line = "HT-0001,Cổng thông tin điện tử của một tỉnh,UBND,internal,public\n"
	for i := range p {
		p[i] = line[e.n%len(line)]
		e.n++
	}
	return len(p), nil
}

// A CSV file is read up to maxCSVBytes, and one byte more is an error, never a silent
// cut.
func TestCSV_SizeBound(t *testing.T) {
	t.Parallel()
	if _, err := readCSV(bufio.NewReader(sheet.Capped(&endless{}, 1<<20, errCSVTooLarge))); err != errCSVTooLarge {
		t.Errorf("endless CSV: %v", err)
	}
	exact := "id,name\nHT,Cổng\n"
	tb, err := readCSV(bufio.NewReader(sheet.Capped(strings.NewReader(exact), int64(len(exact)), errCSVTooLarge)))
	if err != nil || len(tb.rows) != 1 {
		t.Errorf("a file of exactly the limit: %v", err)
	}
	if _, err := readCSV(bufio.NewReader(sheet.Capped(strings.NewReader(exact), int64(len(exact))-1, errCSVTooLarge))); err != errCSVTooLarge {
		t.Errorf("one byte over: %v", err)
	}
}

func mustRules(t testing.TB) *levels.RuleSet {
	t.Helper()
	rs, err := levels.Open(levels.DefaultRuleSet)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}
