// Package charts draws the dashboard's charts as inline SVG on the server, so they read
// without JavaScript and print as they show. Every chart comes with its numbers as a table,
// which screen readers read instead of the picture.
package charts

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
)

// Series is one kind of quantity in a chart (a level, a status), drawn in one colour.
type Series struct {
	Name  string
	Color string // a CSS colour; no text is drawn on it
}

// Row is one bar: a label and one value per series, stacked left to right.
type Row struct {
	Label  string
	Values []int
	// Href makes the row's label a link (e.g. to the filtered list); "" for none.
	Href string
}

// Chart is a horizontal stacked bar chart.
type Chart struct {
	ID      string // unique in the page; used for aria references
	Title   string
	Caption string // one sentence saying what the chart shows, read by screen readers
	Series  []Series
	Rows    []Row
	Unit    string // follows "Tổng" in the table header, e.g. "hệ thống"
}

// Layout, in SVG user units. The SVG scales to its container's width.
const (
	width      = 640
	labelW     = 200 // right edge of the row labels
	totalW     = 48
	barH       = 22
	gap        = 10
	legendH    = 30
	legendLine = 18 // height of a further line of the legend
	fontSize   = 13
	barsLeft   = labelW + 8
	barsW      = width - barsLeft - totalW - 8
	maxLabel   = 28 // runes of a row label drawn in the picture; the table has it whole
)

type bar struct {
	X, Y, W float64
	Color   string
	Title   string
}

type drawnRow struct {
	TextY float64
	Label string
	Full  string
	Href  string
	Total int
	Bars  []bar
}

type legendItem struct {
	X, Y  float64
	Color string
	Name  string
}

type view struct {
	C              Chart
	Width, Height  int
	FontSize, BarH int
	LabelX, TotalX int
	Legend         []legendItem
	Rows           []drawnRow
	Totals         []int
}

var page = template.Must(template.New("chart").Funcs(template.FuncMap{
	"f": func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) },
}).Parse(`<figure class="chart" id="{{.C.ID}}">
<figcaption id="{{.C.ID}}-title">{{.C.Title}}</figcaption>
{{- if not .Rows}}
<p class="muted">Chưa có số liệu.</p>
{{- else}}
<svg viewBox="0 0 {{.Width}} {{.Height}}" role="img" aria-labelledby="{{.C.ID}}-title {{.C.ID}}-desc" focusable="false" xmlns="http://www.w3.org/2000/svg" font-size="{{.FontSize}}" font-family="inherit">
<desc id="{{.C.ID}}-desc">{{.C.Caption}} Số liệu ở bảng ngay sau hình.</desc>
{{- range .Legend}}
<rect x="{{f .X}}" y="{{f .Y}}" width="12" height="12" fill="{{.Color}}"/><text x="{{f .X}}" dx="16" y="{{f .Y}}" dy="10" fill="#1f2933">{{.Name}}</text>
{{- end}}
{{- range .Rows}}
<text x="{{$.LabelX}}" y="{{f .TextY}}" text-anchor="end" fill="#1f2933">{{if .Href}}<a href="{{.Href}}">{{end}}<title>{{.Full}}</title>{{.Label}}{{if .Href}}</a>{{end}}</text>
{{- range .Bars}}
<rect x="{{f .X}}" y="{{f .Y}}" width="{{f .W}}" height="{{$.BarH}}" fill="{{.Color}}"><title>{{.Title}}</title></rect>
{{- end}}
<text x="{{$.TotalX}}" y="{{f .TextY}}" text-anchor="end" fill="#1f2933" font-weight="bold">{{.Total}}</text>
{{- end}}
</svg>
<table class="chart-data">
<caption>{{.C.Title}}: bảng số liệu</caption>
<thead><tr><th scope="col"></th>{{range .C.Series}}<th scope="col">{{.Name}}</th>{{end}}<th scope="col">Tổng{{if .C.Unit}} ({{.C.Unit}}){{end}}</th></tr></thead>
<tbody>{{range $i, $r := .C.Rows}}
<tr><th scope="row">{{$r.Label}}</th>{{range $r.Values}}<td>{{.}}</td>{{end}}<td>{{index $.Totals $i}}</td></tr>{{end}}
</tbody>
</table>
{{- end}}
</figure>`))

// HTML renders the chart and its table. Rows whose values are all zero are still listed
// (an empty unit is information too); a chart with no rows says there is no data.
func (c Chart) HTML() (template.HTML, error) {
	totals := make([]int, len(c.Rows))
	maxTotal := 0
	for i, r := range c.Rows {
		if len(r.Values) != len(c.Series) {
			return "", fmt.Errorf("charts: row %q has %d values for %d series", r.Label, len(r.Values), len(c.Series))
		}
		for _, v := range r.Values {
			if v < 0 {
				return "", fmt.Errorf("charts: row %q has a negative value", r.Label)
			}
			totals[i] += v
		}
		maxTotal = max(maxTotal, totals[i])
	}
	scale := 0.0
	if maxTotal > 0 {
		scale = float64(barsW) / float64(maxTotal)
	}
	// The legend runs from the left edge and wraps onto further lines rather than past the
	// right one.
	var legend []legendItem
	x, ly := 8.0, 8.0
	for _, s := range c.Series {
		w := 28 + 7*float64(len([]rune(s.Name)))
		if x > 8 && x+w > width {
			x, ly = 8, ly+legendLine
		}
		legend = append(legend, legendItem{X: x, Y: ly, Color: s.Color, Name: s.Name})
		x += w
	}
	top := int(ly) - 8 + legendH
	v := view{C: c, Width: width, Height: top + len(c.Rows)*(barH+gap), FontSize: fontSize, BarH: barH,
		LabelX: labelW, TotalX: width - 4, Totals: totals, Legend: legend}
	for i, r := range c.Rows {
		y := float64(top + i*(barH+gap))
		dr := drawnRow{TextY: y + barH/2 + fontSize/2 - 2, Label: shorten(r.Label), Full: r.Label, Href: r.Href, Total: totals[i]}
		bx := float64(barsLeft)
		for j, val := range r.Values {
			if val == 0 {
				continue
			}
			w := float64(val) * scale
			dr.Bars = append(dr.Bars, bar{X: bx, Y: y, W: w, Color: c.Series[j].Color,
				Title: fmt.Sprintf("%s — %s: %d", r.Label, c.Series[j].Name, val)})
			bx += w
		}
		v.Rows = append(v.Rows, dr)
	}
	var b bytes.Buffer
	if err := page.Execute(&b, v); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// shorten cuts a long label for the picture; the table and the tooltip keep it whole.
func shorten(s string) string {
	r := []rune(s)
	if len(r) <= maxLabel {
		return s
	}
	return string(r[:maxLabel-1]) + "…"
}
