package dossier

import (
	"regexp"
	"strings"
)

// The version to sign leaves the day and month of the place-and-date line blank. A draft
// carries the day it was drafted; the official signs later, and the văn thư writes the day
// of issue by hand when the document is numbered and dated (Nghị định số 30/2020/NĐ-CP):
// "Kiên Giang, ngày      tháng      năm 2026".

// dateLineRe is a whole paragraph that is a place-and-date line.
var dateLineRe = regexp.MustCompile(`^[^,]{1,120}, ngày \d{1,2} tháng \d{1,2} năm \d{4}$`)

// dayMonthRe is the day and month of a date line inside one text node.
var dayMonthRe = regexp.MustCompile(`ngày \d{1,2} tháng \d{1,2} năm`)

// textNodeRe is a text node of a run with its content.
var textNodeRe = regexp.MustCompile(`<w:t(?: [^>]*)?>([^<]*)</w:t>`)

// blankDayMonth is what replaces the day and month: room to write them by hand.
const blankDayMonth = "ngày      tháng      năm"

// withoutSigningDay returns a body part whose place-and-date lines have their day and month
// blank. A date split over several runs (an edit in Word) is left as it is.
func withoutSigningDay(x string) (string, error) {
	ix, err := indexPart(x)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	pos := 0
	for i, e := range ix.elems {
		if e.name != "w:p" || e.start < pos {
			continue
		}
		if !dateLineRe.MatchString(strings.TrimSpace(unescapeText(ix.text(x, i)))) {
			continue
		}
		p := x[e.start:e.end]
		done := false
		p = textNodeRe.ReplaceAllStringFunc(p, func(node string) string {
			m := textNodeRe.FindStringSubmatch(node)
			if done || !dayMonthRe.MatchString(m[1]) {
				return node
			}
			done = true
			return `<w:t xml:space="preserve">` + dayMonthRe.ReplaceAllString(m[1], blankDayMonth) + `</w:t>`
		})
		b.WriteString(x[pos:e.start])
		b.WriteString(p)
		pos = e.end
	}
	if pos == 0 {
		return x, nil
	}
	b.WriteString(x[pos:])
	return b.String(), nil
}
