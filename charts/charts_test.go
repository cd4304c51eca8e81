package charts

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

func levels() []Series {
	return []Series{{"Cấp độ 1", "#9ecae1"}, {"Cấp độ 2", "#6baed6"}, {"Cấp độ 3", "#3182bd"}}
}

func TestChartDrawsStackedBarsScaledToTheLargestTotal(t *testing.T) {
	t.Parallel()
	c := Chart{ID: "by-unit", Title: "Hệ thống theo đơn vị", Caption: "Số hệ thống theo cấp độ của mỗi đơn vị.", Unit: "hệ thống",
		Series: levels(), Rows: []Row{
			{Label: "Sở Y tế", Values: []int{1, 2, 1}, Href: "/systems?org=3"},
			{Label: "Sở Giáo dục & Đào tạo <b>", Values: []int{0, 2, 0}},
		}}
	h, err := c.HTML()
	if err != nil {
		t.Fatal(err)
	}
	s := string(h)
	// Well-formed XML as a whole (figure, svg and table), so browsers and screen readers
	// parse it the same way.
	d := xml.NewDecoder(strings.NewReader(s))
	for {
		if _, err := d.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, s)
		}
	}
	for _, want := range []string{
		`role="img"`, `aria-labelledby="by-unit-title by-unit-desc"`,
		`Sở Giáo dục &amp; Đào tạo &lt;b&gt;`, // escaped
		`<a href="/systems?org=3">`,
		`<th scope="row">Sở Y tế</th><td>1</td><td>2</td><td>1</td><td>4</td>`,
		`Tổng (hệ thống)`,
		`<title>Sở Y tế — Cấp độ 2: 2</title>`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %s", want)
		}
	}
	// The largest total fills the bar area: Sở Y tế's three segments add up to barsW.
	if !strings.Contains(s, `width="94.0"`) || !strings.Contains(s, `width="188.0"`) {
		t.Errorf("bars not scaled to %d units:\n%s", barsW, s)
	}
	// A zero value draws no segment.
	if strings.Count(s, "<rect") != len(levels())+3+1 {
		t.Errorf("want %d rects (legend + segments), got %d", len(levels())+4, strings.Count(s, "<rect"))
	}
}

func TestChartRefusesBadRows(t *testing.T) {
	t.Parallel()
	for _, rows := range [][]Row{{{Label: "a", Values: []int{1}}}, {{Label: "a", Values: []int{1, -1, 0}}}} {
		if _, err := (Chart{ID: "x", Series: levels(), Rows: rows}).HTML(); err == nil {
			t.Errorf("%v accepted", rows)
		}
	}
}

func TestChartWithoutRowsSaysSo(t *testing.T) {
	t.Parallel()
	h, err := (Chart{ID: "x", Title: "Trống", Series: levels()}).HTML()
	if err != nil || !strings.Contains(string(h), "Chưa có số liệu") || strings.Contains(string(h), "<svg") {
		t.Fatalf("%s %v", h, err)
	}
}

func TestLongLabelsAreShortenedInThePictureOnly(t *testing.T) {
	t.Parallel()
	long := "Trung tâm Công nghệ thông tin và Truyền thông tỉnh"
	h, _ := (Chart{ID: "x", Series: levels(), Rows: []Row{{Label: long, Values: []int{1, 0, 0}}}}).HTML()
	s := string(h)
	if !strings.Contains(s, "<title>"+long+"</title>") || !strings.Contains(s, `<th scope="row">`+long) || !strings.Contains(s, "…") {
		t.Fatalf("%s", s)
	}
}
