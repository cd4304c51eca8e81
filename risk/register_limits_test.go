package risk

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"runtime"
	"slices"
	"strings"
	"testing"

	"capdo/sheet"
)

// A register is read within the bounds every spreadsheet import shares (sheet.ReadFile)
// and its own (columns, cell length, problems): hostile workbooks are built here part by
// part, the large parts as deflated chunks repeated, so that the file stays small.

// zipPart is one zip entry: head, then chunk repeated times, then tail.
type zipPart struct {
	name, head, chunk, tail string
	repeat                  int
}

func deflate(s string, final bool) []byte {
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

// workbook is a minimal XLSX around one worksheet (and a shared-string table, if sst has
// a head), written without compressing the repeats one by one: a chunk compressed alone
// refers only to itself, so its compressed bytes can be repeated as they are.
func workbook(t *testing.T, ws, sst zipPart) []byte {
	t.Helper()
	const main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	ws.name, ws.head = "xl/worksheets/sheet1.xml", `<worksheet xmlns="`+main+`"><sheetData>`+ws.head
	ws.tail += `</sheetData></worksheet>`
	parts := []zipPart{
		{name: "[Content_Types].xml", tail: `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		{name: "_rels/.rels", tail: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="` + rel + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{name: "xl/workbook.xml", tail: `<workbook xmlns="` + main + `" xmlns:r="` + rel + `"><sheets><sheet name="Rủi ro" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{name: "xl/_rels/workbook.xml.rels", tail: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="` + rel + `/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="` + rel + `/sharedStrings" Target="sharedStrings.xml"/></Relationships>`},
		ws,
	}
	if sst.head != "" {
		sst.name, sst.head, sst.tail = "xl/sharedStrings.xml", `<sst xmlns="`+main+`">`+sst.head, sst.tail+`</sst>`
		parts = append(parts, sst)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, p := range parts {
		head, chunk, tail := deflate(p.head, false), deflate(p.chunk, false), deflate(p.tail, true)
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
	return b.Bytes()
}

// row is one row of inline-string cells.
func row(cells ...string) string {
	var b strings.Builder
	b.WriteString("<row>")
	for _, c := range cells {
		fmt.Fprintf(&b, `<c t="inlineStr"><is><t>%s</t></is></c>`, c)
	}
	b.WriteString("</row>")
	return b.String()
}

var registerHeader = row("asset", "threat", "likelihood", "impact", "treatment")

// allocated runs fn and returns the bytes it allocated (all of them, freed or not).
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// A register of a few hundred KB that unpacks to 200 MB is refused from the zip
// directory, before anything is unpacked, with the bound named. (It used to be unpacked
// into memory up to 64 MB per part.)
func TestReadRegister_XLSXZipBombRefused(t *testing.T) {
	r := row("Cổng dịch vụ công", "DDoS", "4", "3", "Thuê dịch vụ chống DDoS")
	bomb := workbook(t, zipPart{head: registerHeader, chunk: strings.Repeat(r, (1<<20)/len(r)), repeat: 200}, zipPart{})
	if len(bomb) > 1<<20 {
		t.Fatalf("the bomb is %d bytes, not a small file", len(bomb))
	}
	var err error
	n := allocated(func() { _, _, err = ReadRegister(bytes.NewReader(bomb), "xlsx") })
	want := fmt.Sprintf("tệp Excel vượt giới hạn an toàn (giải nén ra 200 MB, tối đa %d MB)", sheet.MaxUnpacked>>20)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("err = %v, want %q", err, want)
	}
	if n > 16<<20 {
		t.Errorf("refusing the bomb allocated %d MB", n>>20)
	}
}

// A shared-string table of millions of tiny strings is refused before it is indexed.
func TestReadRegister_XLSXSharedStringsRefused(t *testing.T) {
	si := `<si><t>a</t></si>`
	data := workbook(t, zipPart{head: registerHeader, tail: `<row><c t="s"><v>0</v></c></row>`},
		zipPart{head: si, chunk: strings.Repeat(si, 1000), repeat: sheet.MaxSharedStrings / 1000})
	var err error
	n := allocated(func() { _, _, err = ReadRegister(bytes.NewReader(data), "xlsx") })
	if want := fmt.Sprintf("bảng chuỗi dùng chung có hơn %d chuỗi", sheet.MaxSharedStrings); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("err = %v, want %q", err, want)
	}
	if n > 16<<20 {
		t.Errorf("refusing the table allocated %d MB", n>>20)
	}
}

// Rows reaching column XFD: one such row is one problem naming its row and last column
// (not 16,384 problems; thousands of them end at the cell budget of sheet.ReadFile,
// tested with the inventory's rows); a header that wide is refused.
func TestReadRegister_XLSXWideRows(t *testing.T) {
	t.Parallel()
	good := row("Cổng", "DDoS", "4", "3", "Chống DDoS")
	wide := `<row r="%d"><c r="A%[1]d" t="inlineStr"><is><t>Máy chủ</t></is></c><c r="XFD%[1]d" t="inlineStr"><is><t>x</t></is></c></row>`
	data := workbook(t, zipPart{head: registerHeader + good + fmt.Sprintf(wide, 3)}, zipPart{})
	_, ps, err := ReadRegister(bytes.NewReader(data), "xlsx")
	if err != nil || len(ps) != 1 || ps[0].String() != fmt.Sprintf("dòng 3: cột XFD: có dữ liệu ngoài %d cột đầu tiên mà sổ đăng ký có thể có", maxColumns) {
		t.Errorf("err %v, problems %v", err, lines(ps))
	}

	data = workbook(t, zipPart{head: `<row><c r="A1" t="inlineStr"><is><t>asset</t></is></c><c r="BZ1" t="inlineStr"><is><t>x</t></is></c></row>`}, zipPart{})
	if _, _, err := ReadRegister(bytes.NewReader(data), "xlsx"); err == nil || err.Error() != "dòng 1 (tiêu đề): 78 cột, nhiều hơn mức tối đa 64 cột" {
		t.Errorf("wide header: %v", err)
	}
}

// A cell longer than Excel allows is one problem of its row; a value quoted in a problem
// is cut short; past maxProblems the register is refused with what was found so far.
func TestReadRegister_CellAndProblemBounds(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", maxCellBytes+1)
	_, ps, err := ReadRegister(strings.NewReader("asset,threat,likelihood,impact,treatment\nA,B,1,1,C\nA,"+long+",1,1,C\n"), "csv")
	if err != nil || len(ps) != 1 || ps[0].String() != "dòng 3: cột B: ô dài 32 KB, quá mức tối đa 32 KB của một ô" {
		t.Errorf("long cell: err %v, problems %v", err, lines(ps))
	}

	_, ps, err = ReadRegister(strings.NewReader("asset,threat,likelihood,impact,treatment\nA,B,"+strings.Repeat("9", 5000)+"x,1,C\n"), "csv")
	if err != nil || len(ps) != 1 || len(ps[0].Message) > 200 || !strings.HasSuffix(ps[0].Message, "…» không phải số nguyên") {
		t.Errorf("long number: err %v, problems %v", err, lines(ps))
	}

	var b strings.Builder
	b.WriteString("asset,threat,likelihood,impact,treatment\n")
	for range 1000 {
		b.WriteString("A,B,0,1,C\n")
	}
	_, ps, err = ReadRegister(strings.NewReader(b.String()), "csv")
	if err != nil || len(ps) != maxProblems+1 || ps[maxProblems].String() != "dòng 501: file: quá 500 lỗi; sổ đăng ký chưa được kiểm tra sau dòng 501" {
		t.Errorf("many problems: err %v, %d problems, last %v", err, len(ps), ps[len(ps)-1])
	}
}

// A CSV file past the bound is an error, never a register cut short without a word.
func TestReadRegister_CSVSizeBound(t *testing.T) {
	t.Parallel()
	head := "asset,threat,likelihood,impact,treatment\nA,B,1,1,C\n"
	exact := head + strings.Repeat("\n", maxFileBytes-len(head))
	if risks, _, err := ReadRegister(strings.NewReader(exact), "csv"); err != nil || len(risks) != 1 {
		t.Errorf("a file of exactly the bound: %v", err)
	}
	if _, _, err := ReadRegister(strings.NewReader(exact+"\n"), "csv"); err != errCSVTooLarge {
		t.Errorf("one byte over: %v", err)
	}
}

// The sample register, as a spreadsheet saves it in both formats (the seeds of the fuzz
// tests), reads as the same three risks.
func TestReadRegister_Samples(t *testing.T) {
	t.Parallel()
	csvRisks, ps, err := ReadRegisterFile("testdata/register.csv")
	if err != nil || ps != nil || len(csvRisks) != 3 || csvRisks[2].Score != 15 || csvRisks[1].Vulnerability != "Bản vá chậm" {
		t.Fatalf("csv: %v %v %+v", err, lines(ps), csvRisks)
	}
	xlsxRisks, ps, err := ReadRegisterFile("testdata/register.xlsx")
	if err != nil || ps != nil || !slices.Equal(xlsxRisks, csvRisks) {
		t.Fatalf("xlsx: %v %v %+v", err, lines(ps), xlsxRisks)
	}
}
