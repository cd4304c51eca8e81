package workdays

import (
	"bytes"
	"strings"
	"testing"
)

func TestEmbeddedData(t *testing.T) {
	t.Parallel()
	data, err := Parse(bytes.NewReader(embedded))
	if err != nil {
		t.Fatal(err)
	}
	if len(data.Entries) == 0 || len(data.Holidays) == 0 {
		t.Fatalf("embedded data: %d entries, %d holidays", len(data.Entries), len(data.Holidays))
	}
	for _, e := range data.Entries {
		if e.Mark == Official {
			t.Errorf("%s: no official text was read for the shipped data; mark it secondary or unverified", e.Date)
		}
	}
	if got := Default().DataUntil(); got != d("2026-12-31") {
		t.Errorf("DataUntil = %v, want 2026-12-31", got)
	}
}

func TestParseReportsEveryProblem(t *testing.T) {
	t.Parallel()
	src := `announcements:
  - year: 2027
    occasion: tet
    off: [2027-02-05, 2027-02-30, 2027-02-05]
    work: [2027-02-03]
    mark: maybe
holidays:
  - id: new_year
    name: ""
    date: "24/11"
    citation: ""
`
	_, err := Parse(strings.NewReader(src))
	if err == nil {
		t.Fatal("Parse accepted a broken file")
	}
	for _, want := range []string{
		"dòng 3: announcements[0].occasion: «tet» không phải dịp nghỉ đã biết",
		"dòng 4: announcements[0].off[1]: «2027-02-30» không phải ngày dạng YYYY-MM-DD",
		"dòng 4: announcements[0].off[2]: ngày 05/02/2027 đã có ở announcements[0].off[0]",
		"dòng 5: announcements[0].work[0]: ngày làm bù 03/02/2027 là thứ Tư",
		"dòng 6: announcements[0].mark: «maybe» không hợp lệ",
		"announcements[0].source: cần nêu văn bản công bố ngày nghỉ",
		"dòng 8: holidays[0].id: cần một mã riêng",
		"dòng 9: holidays[0].name: cần tên ngày lễ",
		"dòng 10: holidays[0].date: «24/11» không phải ngày dạng MM-DD",
		"dòng 11: holidays[0].citation: cần căn cứ pháp lý",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in:\n%v", want, err)
		}
	}
	if _, err := Parse(strings.NewReader("announcement: []\n")); err == nil || !strings.Contains(err.Error(), "announcement") {
		t.Errorf("unknown key: %v", err)
	}
	if _, err := Parse(strings.NewReader("announcements: [\n")); err == nil {
		t.Error("YAML syntax error accepted")
	}
	c := New()
	if err := c.Load(strings.NewReader(src)); err == nil || len(c.Entries()) != 0 {
		t.Errorf("Load of a broken file: %v, %d entries added", err, len(c.Entries()))
	}
}
