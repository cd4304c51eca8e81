package risk

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"capdo/levels"
	"capdo/sheet"
)

// Column is a column of a risk register sheet: the risk's JSON key, accepted as a header,
// and the Vietnamese headers accepted for it (the first is the one capdo writes).
type Column struct {
	Key      string
	Headers  []string
	Required bool
}

// Columns are the register's columns, in the order of a blank sheet.
var Columns = []Column{
	{"asset", []string{"Tài sản hoặc chức năng", "Tài sản", "Chức năng", "Tài sản/chức năng"}, true},
	{"threat", []string{"Mối đe dọa", "Mối đe dọa và điểm yếu", "Nguy cơ"}, true},
	{"vulnerability", []string{"Điểm yếu, lỗ hổng", "Điểm yếu", "Lỗ hổng"}, false},
	{"likelihood", []string{"Khả năng xảy ra", "Khả năng"}, true},
	{"impact", []string{"Mức độ tác động", "Tác động"}, true},
	{"score", []string{"Điểm rủi ro", "Mức rủi ro"}, false},
	{"controls", []string{"Biện pháp hiện có", "Biện pháp kiểm soát hiện có"}, false},
	{"treatment", []string{"Phương án xử lý", "Biện pháp xử lý", "Xử lý rủi ro"}, true},
	{"owner", []string{"Người chịu trách nhiệm", "Chủ sở hữu rủi ro", "Phụ trách"}, false},
}

// ignored headers are numbering columns a sheet often has.
var ignored = []string{"stt", "số tt", "no", "no.", "#", "tt"}

// Bounds that keep a wrong or hostile file from exhausting memory. An XLSX file is read
// within the bounds every spreadsheet import shares (sheet.ReadFile: file, unpacked and
// in-memory sizes, shared strings, cells); these bound the register itself.
const (
	maxFileBytes = 32 << 20 // a CSV file
	// Columns of the header and of a row, up to its last filled cell: the register has 9,
	// and a sheet some more of notes.
	maxColumns = 64
	// One cell: Excel itself stops a cell at 32,767 characters.
	maxCellBytes = 32 << 10
	// Problems reported: past them the register is refused without reading further.
	maxProblems = 500
	// Characters of a cell or header quoted in a problem.
	maxQuoted = 60
)

// ReadRegisterFile reads a register from a .csv or .xlsx file (see ReadRegister).
func ReadRegisterFile(path string) ([]Risk, []levels.Problem, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	return ReadRegister(f, filepath.Ext(path))
}

// ReadRegister reads a register from a sheet, format "csv" or "xlsx" (a leading dot is
// fine): one risk per row under a header row whose cells are the keys of Columns or their
// Vietnamese headers. The error is for the file as a whole (unreadable, unknown or missing
// columns). Problems name each bad cell by its row as a spreadsheet shows it (the header is
// row 1) and its column ("cột D «Khả năng xảy ra»"). The risks are returned only when there
// is no problem at all: an import never takes half a register.
func ReadRegister(r io.Reader, format string) ([]Risk, []levels.Problem, error) {
	var rows func(yield func(int, []string) error) error
	switch strings.ToLower(strings.TrimPrefix(format, ".")) {
	case "csv":
		rows = func(yield func(int, []string) error) error { return csvRows(r, yield) }
	case "xlsx":
		rows = func(yield func(int, []string) error) error { return xlsxRows(r, yield) }
	default:
		return nil, nil, errors.New("sổ đăng ký rủi ro phải là tệp .csv hoặc .xlsx")
	}
	var (
		header []string
		keys   []string
		risks  []Risk
		probs  []levels.Problem
	)
	err := rows(func(n int, cells []string) error {
		cells = trimRow(cells)
		if header == nil {
			if len(cells) > maxColumns {
				return fmt.Errorf("dòng %d (tiêu đề): %d cột, nhiều hơn mức tối đa %d cột", n, len(cells), maxColumns)
			}
			header = cells
			var err error
			keys, err = registerColumns(n, cells)
			return err
		}
		if !hasValue(cells) {
			return nil // spreadsheets often end with empty rows
		}
		if len(risks) >= MaxRisks {
			return fmt.Errorf("dòng %d: sổ đăng ký có quá %d rủi ro; hãy chia thành nhiều sổ", n, MaxRisks)
		}
		r, ps := parseRow(n, header, keys, cells)
		risks = append(risks, r)
		probs = append(probs, ps...)
		if len(probs) > maxProblems {
			return errTooManyProblems
		}
		return nil
	})
	if errors.Is(err, errTooManyProblems) {
		last := probs[maxProblems-1].Line
		probs = append(probs[:maxProblems:maxProblems], levels.Problem{Line: last, Field: "file",
			Message: fmt.Sprintf("quá %d lỗi; sổ đăng ký chưa được kiểm tra sau dòng %d", maxProblems, last)})
		return nil, probs, nil
	}
	if err != nil {
		return nil, nil, err
	}
	if header == nil {
		return nil, nil, errors.New("tệp rỗng: cần dòng tiêu đề với tên các cột")
	}
	if len(risks) == 0 && len(probs) == 0 {
		return nil, nil, errors.New("sổ đăng ký không có rủi ro nào dưới dòng tiêu đề")
	}
	if len(probs) > 0 {
		return nil, probs, nil
	}
	for i := range risks {
		risks[i].Score = risks[i].Likelihood * risks[i].Impact
	}
	return risks, nil, nil
}

// errTooManyProblems ends reading past maxProblems problems.
var errTooManyProblems = errors.New("too many problems")

// trimRow drops the empty cells at the end of a row: a spreadsheet reports them up to the
// last cell anyone ever formatted.
func trimRow(cells []string) []string {
	for len(cells) > 0 && strings.TrimSpace(cells[len(cells)-1]) == "" {
		cells = cells[:len(cells)-1]
	}
	return cells
}

// quote is a cell or header as a problem quotes it: trimmed, on one line, at most
// maxQuoted characters.
func quote(s string) string {
	s = strings.Join(strings.Fields(strings.ToValidUTF8(s, "\uFFFD")), " ")
	if utf8.RuneCountInString(s) <= maxQuoted {
		return s
	}
	r := []rune(s)
	return string(r[:maxQuoted]) + "…"
}

// registerColumns maps each header cell (of row n) to a risk key ("" for an ignored
// column).
func registerColumns(n int, header []string) ([]string, error) {
	keys := make([]string, len(header))
	var bad []string
	for i, h := range header {
		k, ok := columnKey(h)
		switch {
		case !ok:
			bad = append(bad, fmt.Sprintf("cột %s «%s» không được hỗ trợ", colName(i), quote(h)))
			continue
		case k == "":
			continue
		}
		for j := range i {
			if keys[j] == k {
				bad = append(bad, fmt.Sprintf("cột %s và cột %s cùng là «%s»", colName(j), colName(i), k))
			}
		}
		keys[i] = k
	}
	for _, c := range Columns {
		if c.Required && !contains(keys, c.Key) {
			bad = append(bad, fmt.Sprintf("thiếu cột %s (%s)", c.Key, c.Headers[0]))
		}
	}
	if len(bad) > 0 {
		var valid []string
		for _, c := range Columns {
			valid = append(valid, fmt.Sprintf("%s (%s)", c.Key, c.Headers[0]))
		}
		return nil, fmt.Errorf("dòng %d (tiêu đề): %s; các cột hợp lệ: %s", n, strings.Join(bad, "; "), strings.Join(valid, ", "))
	}
	return keys, nil
}

// columnKey finds the key of a header: a key, a Vietnamese header (any case, any Unicode
// normalisation, a trailing "(1–5)" or colon ignored), or "" for a numbering column.
func columnKey(h string) (string, bool) {
	n := normHeader(h)
	if n == "" || contains(ignored, n) {
		return "", true
	}
	for _, c := range Columns {
		if n == c.Key {
			return c.Key, true
		}
		for _, v := range c.Headers {
			if n == normHeader(v) {
				return c.Key, true
			}
		}
	}
	return "", false
}

func normHeader(s string) string {
	s = strings.ToLower(norm.NFC.String(s))
	if i := strings.LastIndexByte(s, '('); i > 0 && strings.HasSuffix(strings.TrimSpace(s), ")") {
		s = s[:i]
	}
	s = strings.TrimRight(strings.TrimSpace(s), ":")
	return strings.Join(strings.Fields(s), " ")
}

// parseRow converts one data row; problems name the cell.
func parseRow(n int, header, keys, cells []string) (Risk, []levels.Problem) {
	var r Risk
	var ps []levels.Problem
	col := map[string]int{}
	for i, k := range keys {
		if k != "" {
			col[k] = i
		}
	}
	cellName := func(key string) string {
		i := col[key]
		return fmt.Sprintf("cột %s «%s»", colName(i), quote(header[i]))
	}
	if len(cells) > maxColumns {
		ps = append(ps, levels.Problem{Line: n, Field: fmt.Sprintf("cột %s", colName(len(cells)-1)),
			Message: fmt.Sprintf("có dữ liệu ngoài %d cột đầu tiên mà sổ đăng ký có thể có", maxColumns)})
		return r, ps
	}
	for i, c := range cells {
		if len(c) > maxCellBytes {
			ps = append(ps, levels.Problem{Line: n, Field: fmt.Sprintf("cột %s", colName(i)),
				Message: fmt.Sprintf("ô dài %d KB, quá mức tối đa %d KB của một ô", len(c)>>10, maxCellBytes>>10)})
			return r, ps
		}
	}
	for i, c := range cells {
		if strings.TrimSpace(c) != "" && (i >= len(keys) || keys[i] == "") && (i >= len(header) || !ignoredHeader(header[i])) {
			ps = append(ps, levels.Problem{Line: n, Field: fmt.Sprintf("cột %s", colName(i)), Message: "ô có giá trị nhưng cột không có tiêu đề hợp lệ"})
		}
	}
	get := func(key string) string {
		i, ok := col[key]
		if !ok || i >= len(cells) {
			return ""
		}
		return strings.TrimSpace(cells[i])
	}
	r.Asset, r.Threat, r.Vulnerability = get("asset"), get("threat"), get("vulnerability")
	r.Controls, r.Treatment, r.Owner = get("controls"), get("treatment"), get("owner")
	number := func(key string, dst *int) bool {
		s := get(key)
		if s == "" {
			return true // reported as missing by checkRisk when required
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || f != float64(int(f)) {
			ps = append(ps, levels.Problem{Line: n, Field: cellName(key), Message: fmt.Sprintf("«%s» không phải số nguyên", quote(s))})
			return false
		}
		*dst = int(f)
		return true
	}
	okL := number("likelihood", &r.Likelihood)
	okI := number("impact", &r.Impact)
	okS := number("score", &r.Score)
	checkRisk(r, func(key, format string, args ...any) {
		if (key == "likelihood" && !okL) || (key == "impact" && !okI) || (key == "score" && !okS) {
			return // already said why
		}
		if key == "score" && (!okL || !okI) {
			return
		}
		ps = append(ps, levels.Problem{Line: n, Field: cellName(key), Message: fmt.Sprintf(format, args...)})
	})
	return r, ps
}

// ignoredHeader is a numbering column (STT); a blank header is not ignored: a filled cell
// under it is reported.
func ignoredHeader(h string) bool { return contains(ignored, normHeader(h)) }

func hasValue(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// colName is the spreadsheet letter of a 0-based column index (0 → A, 26 → AA).
func colName(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}

// csvRows streams a CSV file (comma or semicolon, as Excel writes it in a Vietnamese
// locale), numbering rows as a spreadsheet shows them: a blank line is an empty row, a
// quoted cell spanning several lines is one row.
func csvRows(r io.Reader, yield func(int, []string) error) error {
	br := bufio.NewReader(sheet.Capped(r, maxFileBytes, errCSVTooLarge))
	if bom, err := br.Peek(3); err == nil && string(bom) == "\uFEFF" {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.Comma = sniffComma(br)
	cr.FieldsPerRecord = -1
	row, lastLine := 0, 0
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return fmt.Errorf("dòng %d: lỗi định dạng CSV: %v", row+pe.StartLine-lastLine, pe.Err)
		}
		if err != nil {
			return err
		}
		start, _ := cr.FieldPos(0)
		end, _ := cr.FieldPos(len(rec) - 1)
		row += start - lastLine
		lastLine = end + strings.Count(rec[len(rec)-1], "\n")
		for i, c := range rec {
			if !utf8.ValidString(c) {
				return fmt.Errorf("dòng %d, cột %s: tệp CSV không phải UTF-8; hãy lưu bằng Excel thành «CSV UTF-8»", row, colName(i))
			}
		}
		if err := yield(row, rec); err != nil {
			return err
		}
	}
}

func sniffComma(r *bufio.Reader) rune {
	line, _ := r.Peek(r.Size())
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	if bytes.Count(line, []byte{';'}) > bytes.Count(line, []byte{','}) {
		return ';'
	}
	return ','
}

// errCSVTooLarge ends reading a CSV file past maxFileBytes.
var errCSVTooLarge = fmt.Errorf("tệp CSV lớn quá %d MB, mức tối đa của sổ đăng ký rủi ro", maxFileBytes>>20)

// xlsxRows streams the first sheet of a workbook, within the bounds of sheet.ReadFile.
func xlsxRows(r io.Reader, yield func(int, []string) error) error {
	err := sheet.Read(r, yield)
	if errors.Is(err, sheet.ErrEmpty) {
		return nil // told as an empty file by ReadRegister
	}
	return err
}
