package main

import (
	"encoding/xml"
	"fmt"
	"strings"
)

// Page geometry of Nghị định 30/2020 Phụ lục I, in twentieths of a point (twips):
// A4, margins top 20 mm, bottom 20 mm, left 30 mm, right 15 mm.
const (
	pageW, pageH  = 11906, 16838
	marginTop     = 1134
	marginBottom  = 1134
	marginLeft    = 1701
	marginRight   = 850
	textWidth     = pageW - marginLeft - marginRight // 9355
	headerLeftW   = 3600                             // issuing body
	headerRightW  = textWidth - headerLeftW          // Quốc hiệu, Tiêu ngữ
	headerMarginT = 567                              // page number 10 mm from the top edge
)

// pPr are paragraph properties beyond the style.
type pPr struct {
	style     string
	jc        string // left, center, right, both
	indLeft   int
	indRight  int
	noIndent  bool // cancel the style's first-line indent
	keepNext  bool
	pageBreak bool   // start on a new page
	border    string // "bottom" for a short rule, "box" for a frame
	before    int    // spacing before, twips; -1 keeps the style's
	after     int    // spacing after, twips; -1 keeps the style's
	size      int    // run size in half-points for the whole paragraph; 0 keeps the style's
	highlight bool   // every run highlighted (drafting notes)
}

func pr(style string) pPr { return pPr{style: style, before: -1, after: -1} }

// p is a paragraph in a style, with inline markup (see runsHL).
func p(style, text string) string { return pp(pr(style), text) }

// pp is a paragraph with explicit properties.
func pp(o pPr, text string) string {
	var b strings.Builder
	b.WriteString("<w:p><w:pPr>")
	if o.style != "" {
		fmt.Fprintf(&b, `<w:pStyle w:val="%s"/>`, o.style)
	}
	if o.keepNext {
		b.WriteString("<w:keepNext/>")
	}
	if o.pageBreak {
		b.WriteString("<w:pageBreakBefore/>")
	}
	switch o.border {
	case "bottom":
		b.WriteString(`<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>`)
	case "box":
		b.WriteString(`<w:pBdr><w:top w:val="single" w:sz="8" w:space="1" w:color="000000"/><w:left w:val="single" w:sz="8" w:space="4" w:color="000000"/><w:bottom w:val="single" w:sz="8" w:space="1" w:color="000000"/><w:right w:val="single" w:sz="8" w:space="4" w:color="000000"/></w:pBdr>`)
	}
	if o.before >= 0 || o.after >= 0 {
		b.WriteString("<w:spacing")
		if o.before >= 0 {
			fmt.Fprintf(&b, ` w:before="%d"`, o.before)
		}
		if o.after >= 0 {
			fmt.Fprintf(&b, ` w:after="%d"`, o.after)
		}
		b.WriteString("/>")
	}
	if o.indLeft != 0 || o.indRight != 0 || o.noIndent {
		fmt.Fprintf(&b, `<w:ind w:left="%d" w:right="%d" w:firstLine="0"/>`, o.indLeft, o.indRight)
	}
	if o.jc != "" {
		fmt.Fprintf(&b, `<w:jc w:val="%s"/>`, o.jc)
	}
	if o.size > 0 {
		fmt.Fprintf(&b, `<w:rPr><w:sz w:val="%d"/><w:szCs w:val="%d"/></w:rPr>`, o.size, o.size)
	}
	b.WriteString("</w:pPr>")
	b.WriteString(runsHL(text, o.size, o.highlight))
	b.WriteString("</w:p>\n")
	return b.String()
}

// runsHL turns inline markup into runs: **bold**, *italic*, and a newline for a line break
// inside the paragraph. Placeholders pass through as text; each is written inside one run,
// which is what the engine's linter checks. Every run is highlighted in yellow when
// highlight is set: the mark of a drafting note, which the version to sign leaves out.
func runsHL(text string, size int, highlight bool) string {
	var b strings.Builder
	bold, italic := false, false
	var cur strings.Builder
	flush := func() {
		if cur.Len() == 0 {
			return
		}
		b.WriteString("<w:r>")
		if bold || italic || size > 0 || highlight {
			b.WriteString("<w:rPr>")
			if bold {
				b.WriteString("<w:b/><w:bCs/>")
			}
			if italic {
				b.WriteString("<w:i/><w:iCs/>")
			}
			if size > 0 {
				fmt.Fprintf(&b, `<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, size, size)
			}
			if highlight {
				b.WriteString(`<w:highlight w:val="yellow"/>`)
			}
			b.WriteString("</w:rPr>")
		}
		for i, line := range strings.Split(cur.String(), "\n") {
			if i > 0 {
				b.WriteString("<w:br/>")
			}
			if line == "" {
				continue
			}
			b.WriteString(`<w:t xml:space="preserve">`)
			xml.EscapeText(&b, []byte(line))
			b.WriteString("</w:t>")
		}
		b.WriteString("</w:r>")
		cur.Reset()
	}
	for i := 0; i < len(text); i++ {
		switch {
		case strings.HasPrefix(text[i:], "**"):
			flush()
			bold = !bold
			i++
		case text[i] == '*':
			flush()
			italic = !italic
		default:
			cur.WriteByte(text[i])
		}
	}
	flush()
	return b.String()
}

// tbl is a table of fixed column widths. bordered draws single lines around every cell;
// otherwise the table only lays out (the header block, the signature block).
func tbl(widths []int, bordered bool, rows ...string) string {
	var b strings.Builder
	b.WriteString("<w:tbl><w:tblPr>")
	total := 0
	for _, w := range widths {
		total += w
	}
	fmt.Fprintf(&b, `<w:tblW w:w="%d" w:type="dxa"/>`, total)
	if bordered {
		b.WriteString(`<w:jc w:val="center"/><w:tblBorders>`)
		for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
			fmt.Fprintf(&b, `<w:%s w:val="single" w:sz="4" w:space="0" w:color="000000"/>`, side)
		}
		b.WriteString(`</w:tblBorders>`)
	} else {
		b.WriteString(`<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>`)
	}
	b.WriteString(`<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>`)
	b.WriteString(`<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="0"/></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		fmt.Fprintf(&b, `<w:gridCol w:w="%d"/>`, w)
	}
	b.WriteString("</w:tblGrid>\n")
	for _, r := range rows {
		b.WriteString(r)
	}
	b.WriteString("</w:tbl>\n")
	if bordered {
		// Room between a table and the paragraph after it.
		b.WriteString(p("Rule", ""))
	}
	return b.String()
}

// tr is a table row; a heading row repeats on every page the table runs over.
func tr(heading bool, cells ...string) string {
	var b strings.Builder
	b.WriteString("<w:tr><w:trPr><w:cantSplit/>")
	if heading {
		b.WriteString("<w:tblHeader/>")
	}
	b.WriteString("</w:trPr>")
	for _, c := range cells {
		b.WriteString(c)
	}
	b.WriteString("</w:tr>\n")
	return b.String()
}

// tc is a cell of the given width holding paragraphs; span > 1 merges columns.
func tc(width, span int, shaded bool, paras ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, width)
	if span > 1 {
		fmt.Fprintf(&b, `<w:gridSpan w:val="%d"/>`, span)
	}
	if shaded {
		b.WriteString(`<w:shd w:val="clear" w:color="auto" w:fill="E7E6E6"/>`)
	}
	b.WriteString(`<w:vAlign w:val="top"/></w:tcPr>`)
	if len(paras) == 0 {
		paras = []string{"<w:p/>"}
	}
	for _, x := range paras {
		b.WriteString(x)
	}
	b.WriteString("</w:tc>")
	return b.String()
}

// cells makes one cell per text, in a table style, with the given widths.
func cells(style string, widths []int, texts ...string) []string {
	out := make([]string, len(texts))
	for i, t := range texts {
		out[i] = tc(widths[i], 1, false, p(style, t))
	}
	return out
}

// numberedRow is a body row whose first cell, the STT, is centred.
func numberedRow(widths []int, stt string, texts ...string) string {
	cs := []string{tc(widths[0], 1, false, p("TableCenter", stt))}
	return tr(false, append(cs, cells("TableText", widths[1:], texts...)...)...)
}
