package levels_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"capdo/levels"
)

var update = flag.Bool("update", false, "rewrite the fact table in ../README.md")

const (
	readmeBegin = "<!-- facts:begin — bảng sinh từ levels.Fields: go test ./levels -run README -update -->"
	readmeEnd   = "<!-- facts:end -->"
)

// factTable renders levels.Fields as the README's table: one row per fact, with its type,
// allowed values, the built-in rule sets that read it and its help.
func factTable() string {
	var b strings.Builder
	b.WriteString("| khóa | tên tiếng Việt (cũng là tiêu đề cột) | kiểu | giá trị | bộ quy tắc đọc | ý nghĩa |\n|---|---|---|---|---|---|\n")
	for _, f := range levels.Fields {
		typ := map[levels.Kind]string{levels.KindText: "chuỗi", levels.KindEnum: "một giá trị", levels.KindList: "danh sách", levels.KindBool: "true/false"}[f.Kind]
		if f.Kind == levels.KindInt {
			typ = fmt.Sprintf("số nguyên ≥ %d", f.Min)
			if f.Max != 0 {
				typ = fmt.Sprintf("số nguyên %d–%d", f.Min, f.Max)
			}
		}
		if f.Required {
			typ += ", bắt buộc"
		}
		var values []string
		for _, o := range f.Options {
			values = append(values, fmt.Sprintf("`%s` %s", o.Value, o.Label))
		}
		reading, ignoring := levels.ReadBy(f)
		readBy := strings.Join(reading, ", ")
		switch {
		case f.Kind == levels.KindText:
			readBy = "—"
		case f.Procedural:
			readBy = "— (thủ tục, không quyết định cấp độ)"
		case len(reading) == 0 && len(ignoring) > 0:
			readBy = "chưa bộ nào"
		}
		cell := func(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s |\n", f.Key, cell(f.Label), typ, cell(strings.Join(values, "; ")), readBy, cell(f.Help))
	}
	return b.String()
}

// TestREADMEFactTable fails when the README's table of facts differs from levels.Fields;
// with -update it rewrites the table.
func TestREADMEFactTable(t *testing.T) {
	t.Parallel()
	const path = "../README.md"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	i, j := bytes.Index(data, []byte(readmeBegin)), bytes.Index(data, []byte(readmeEnd))
	if i < 0 || j < i {
		t.Fatalf("%s lacks the markers %q … %q", path, readmeBegin, readmeEnd)
	}
	start := i + len(readmeBegin) + 1
	want := factTable()
	if string(data[start:j]) == want {
		return
	}
	if !*update {
		t.Fatalf("the fact table of %s differs from levels.Fields; run: go test ./levels -run README -update", path)
	}
	out := append(append(append([]byte{}, data[:start]...), want...), data[j:]...)
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
}
