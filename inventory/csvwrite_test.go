package inventory

import (
	"bytes"
	"encoding/csv"
	"math/rand/v2"
	"strings"
	"testing"
)

// referenceCSV is how the report was written before csvRows: every cell joined, guarded
// against formulas, then written by encoding/csv.
func referenceCSV(results []Result) string {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(reportHeader)
	rec := make([]string, len(reportHeader))
	for i := range results {
		cells := results[i].fill(rec)
		for j, c := range cells {
			if c != "" && strings.ContainsRune(formulaStart, rune(c[0])) {
				cells[j] = "'" + c
			}
		}
		w.Write(cells)
	}
	w.Flush()
	return b.String()
}

// TestCSVRowsAsEncodingCSV writes results whose cells hold everything CSV and spreadsheets
// treat specially — quotes, separators, line breaks, leading spaces, formulas, empty
// parts, `\.`, broken UTF-8 — and wants the bytes encoding/csv writes.
func TestCSVRowsAsEncodingCSV(t *testing.T) {
	pieces := []string{"", "a", "Hệ thống", `"`, `a"b`, ",", "x,y", "\n", "a\r\nb", " lead", "\tTab", "=SUM(A1)",
		"+1", "-2", "@x", "\r", `\.`, `\`, ".", ";", " | ", "é", "\xc3", "\xa9", "\xff", "\u00a0nbsp", "'", "«»"}
	r := rand.New(rand.NewPCG(1, 2))
	text := func() string {
		var b strings.Builder
		for range r.IntN(3) + 1 {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		return b.String()
	}
	list := func() []string {
		if r.IntN(5) == 0 {
			return nil
		}
		l := make([]string, r.IntN(4))
		for i := range l {
			l[i] = text()
		}
		return l
	}
	num := func() *int {
		if r.IntN(3) == 0 {
			return nil
		}
		n := r.IntN(8) - 2
		return &n
	}
	var results []Result
	for i := range 5000 {
		results = append(results, Result{Row: i*37 - 5, ID: text(), Name: text(), Approved: num(), Level: num(),
			Change: text(), Rules: list(), Warnings: list(), Errors: list()})
	}
	var b bytes.Buffer
	w := newCSVRows(&b)
	for i := range results {
		if err := w.row(&results[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.end(); err != nil {
		t.Fatal(err)
	}
	want := referenceCSV(results)
	if got := b.String(); got != want {
		gl, wl := strings.SplitAfter(got, "\n"), strings.SplitAfter(want, "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("line %d:\n got %q\nwant %q", i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("%d lines, want %d", len(gl), len(wl))
	}
}
