package risk

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"capdo/levels"
)

// The register and the assessment record come from people's files and requests. Whatever
// the bytes, reading never panics and keeps its promises: a refusal is one bounded line;
// each problem names its row (2 or more, under the header) and its field; risks come
// only without problems, each valid with its score filled in, and read back the same when
// written again. `go test` runs the seeds (here and in testdata/fuzz); `go test -run '^$'
// -fuzz FuzzReadRegisterCSV ./risk` explores (likewise FuzzReadRegisterXLSX, FuzzDecode).

// checkRegister asserts what ReadRegister promises of one answer.
func checkRegister(t *testing.T, risks []Risk, ps []levels.Problem, err error) {
	t.Helper()
	if err != nil {
		if risks != nil || ps != nil {
			t.Fatalf("an error with risks or problems: %v", err)
		}
		checkLine(t, "error", err.Error(), 1200)
		return
	}
	if (risks == nil) == (ps == nil) {
		t.Fatalf("%d risks and %d problems", len(risks), len(ps))
	}
	if len(ps) > maxProblems+1 {
		t.Fatalf("%d problems", len(ps))
	}
	last := 0
	for _, p := range ps {
		if p.Line < 2 || p.Line < last || p.Field == "" {
			t.Fatalf("problem %q: line %d after %d, field %q", p.String(), p.Line, last, p.Field)
		}
		last = p.Line
		checkLine(t, "field", p.Field, 200)
		checkLine(t, "problem", p.Message, 400)
	}
	if len(risks) > MaxRisks {
		t.Fatalf("%d risks", len(risks))
	}
	for i, r := range risks {
		if r.Score != r.Likelihood*r.Impact {
			t.Fatalf("risk %d scored %d", i, r.Score)
		}
		checkRisk(r, func(key, format string, args ...any) { t.Fatalf("risk %d kept with a problem: %s", i, key) })
	}
}

// checkLine fails unless s is one line of valid UTF-8, at most n characters.
func checkLine(t *testing.T, what, s string, n int) {
	t.Helper()
	if s == "" && what != "field" || strings.ContainsAny(s, "\r\n") || !utf8.ValidString(s) || utf8.RuneCountInString(s) > n {
		t.Fatalf("%s not one bounded line: %q", what, s)
	}
}

// registerCSV writes risks as a register with the keys as headers.
func registerCSV(risks []Risk) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"asset", "threat", "vulnerability", "likelihood", "impact", "score", "controls", "treatment", "owner"})
	for _, r := range risks {
		w.Write([]string{r.Asset, r.Threat, r.Vulnerability, strconv.Itoa(r.Likelihood), strconv.Itoa(r.Impact),
			strconv.Itoa(r.Score), r.Controls, r.Treatment, r.Owner})
	}
	w.Flush()
	return b.Bytes()
}

// roundTrip reads risks written again and wants them back.
func roundTrip(t *testing.T, risks []Risk) {
	t.Helper()
	if risks == nil {
		return
	}
	again, ps, err := ReadRegister(bytes.NewReader(registerCSV(risks)), "csv")
	if err != nil || ps != nil || !reflect.DeepEqual(again, risks) {
		t.Fatalf("read back: %v %v\n%+v\nwant %+v", err, ps, again, risks)
	}
}

func FuzzReadRegisterCSV(f *testing.F) {
	for _, s := range []string{
		"asset,threat,likelihood,impact,treatment\nCổng,DDoS,4,3,Chống DDoS\n\n,,,,\nMáy chủ,\"Dò\nmật khẩu\",3.0,5,MFA\n",
		"STT;Tài sản hoặc chức năng;Mối đe dọa;Khả năng xảy ra (1–5);Mức độ tác động:;Điểm rủi ro;Phương án xử lý\n1;A;B;2;2;4;C\n2;A;B;2;2;5;C\n",
		"\uFEFFasset,threat,likelihood,impact,treatment,\na,b,1,1,c,ghi chú\n",
		"asset,asset,threat\n", "", "\n\n", "asset,threat,likelihood,impact,treatment\na,\"b,1,1,c\n",
		"asset,threat,likelihood,impact,treatment\na,b,1e9,-0,c\na,b,NaN,Inf,c\n",
	} {
		f.Add([]byte(s))
	}
	if data, err := os.ReadFile("testdata/register.csv"); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		risks, ps, err := ReadRegister(bytes.NewReader(data), "csv")
		checkRegister(t, risks, ps, err)
		roundTrip(t, risks)
	})
}

// FuzzReadRegisterXLSX varies what a hostile workbook controls most, the worksheet and
// the shared strings, in a zip built whole (stored, not compressed: the fuzzer's time
// goes to the XML, not to checksums). Seeds include a real workbook's sheet.
func FuzzReadRegisterXLSX(f *testing.F) {
	cell := func(ref, v string) string { return `<c r="` + ref + `" t="inlineStr"><is><t>` + v + `</t></is></c>` }
	f.Add(`<row r="1"><c r="A1" t="s"><v>0</v></c>`+cell("B1", "threat")+cell("C1", "likelihood")+cell("D1", "impact")+cell("E1", "treatment")+`</row>`+
		`<row r="2">`+cell("A2", "Cổng")+`<c r="B2" t="s"><v>1</v></c><c r="C2"><v>4</v></c><c r="D2"><v>3.0</v></c>`+cell("E2", "WAF")+`</row>`,
		`<si><t>Tài sản</t></si><si><r><t>Chèn </t></r><r><t>mã</t></r></si>`)
	f.Add(`<row r="3"><c r="XFD3"><v>1</v></c></row><row r="1">`+cell("A1", "asset")+`</row>`, ``)
	f.Add(`<row><c t="b"><v>1</v></c><c t="e"><v>#N/A</v></c><c t="str"><f>A1</f></c><c t="s"><v>99</v></c></row>`, `<si>`)
	f.Add(`<row r="1048577"/><row r="0"/>`, `<x:si><x:t>a</x:t></x:si>`)
	if data, err := os.ReadFile("testdata/register.xlsx"); err == nil {
		if zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); err == nil {
			f.Add(part(zr, "xl/worksheets/sheet1.xml"), part(zr, "xl/sharedStrings.xml"))
		}
	}
	f.Fuzz(func(t *testing.T, ws, sst string) {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		for _, p := range storedParts(ws, sst) {
			w, _ := zw.CreateHeader(&zip.FileHeader{Name: p[0], Method: zip.Store})
			io.WriteString(w, p[1])
		}
		zw.Close()
		risks, ps, err := ReadRegister(&b, "xlsx")
		checkRegister(t, risks, ps, err)
		roundTrip(t, risks)
	})
}

// part is the text of a zip entry, or "".
func part(zr *zip.Reader, name string) string {
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				return ""
			}
			defer rc.Close()
			data, _ := io.ReadAll(rc)
			if i := bytes.Index(data, []byte("<sheetData>")); i >= 0 {
				data = data[i+len("<sheetData>"):]
				data = data[:max(0, bytes.Index(data, []byte("</sheetData>")))]
			} else if i := bytes.Index(data, []byte("<si>")); i >= 0 {
				data = bytes.TrimSuffix(data[i:], []byte("</sst>"))
			}
			return string(data)
		}
	}
	return ""
}

// storedParts is a minimal workbook around a worksheet's rows and shared strings.
func storedParts(ws, sst string) [][2]string {
	const main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	return [][2]string{
		{"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		{"_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="` + rel + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<workbook xmlns="` + main + `" xmlns:r="` + rel + `"><sheets><sheet name="Rủi ro" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="` + rel + `/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="` + rel + `/sharedStrings" Target="sharedStrings.xml"/></Relationships>`},
		{"xl/worksheets/sheet1.xml", `<worksheet xmlns="` + main + `"><sheetData>` + ws + `</sheetData></worksheet>`},
		{"xl/sharedStrings.xml", `<sst xmlns="` + main + `">` + sst + `</sst>`},
	}
}

// FuzzDecode: a record the API takes (docs/contract.md §6) is valid, scored, and decodes the same
// once encoded again; every problem names its field on one bounded line.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(valid))
	for _, s := range []string{`{}`, `null`, `[]`, `{"risks": {}}`, `{"risks": [null, 1, {"likelihood": 1e400, "x": 1}]}`,
		`{"trigger": "first", "level": 3.5, "detailed": {"a": 1}, "contents": []}`, `{"a":1,"a":2}`, "\uFEFF{}"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, ps := Decode(bytes.NewReader(data))
		if (a == nil) == (len(ps) == 0) {
			t.Fatalf("record %v with %d problems", a != nil, len(ps))
		}
		for _, p := range ps {
			if p.Field == "" {
				t.Fatalf("problem without a field: %q", p.Message)
			}
			checkLine(t, "field", p.Field, 200)
			checkLine(t, "problem", p.Message, 2000)
		}
		if a == nil {
			return
		}
		if vs := a.Validate(); len(vs) > 0 {
			t.Fatalf("decoded record invalid: %v", vs)
		}
		enc, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		b, ps := Decode(bytes.NewReader(enc))
		if len(ps) > 0 || !reflect.DeepEqual(a, b) {
			t.Fatalf("encoded again: %v\n%+v\nwant %+v", ps, b, a)
		}
	})
}
