package annual

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"capdo/workdays"
)

// The Word document follows Nghị định 30/2020/NĐ-CP, Phụ lục I: A4, margins top and bottom
// 20 mm, left 30 mm, right 15 mm; Times New Roman; the header block of the issuing body
// (left) and the national motto (right); page numbers from page 2. Parts 1 and 2 are
// portrait; the twelve columns of part 3 need a landscape section. Mẫu 08 has no signature
// block (see the drafting note the document carries). Sizes are in twips (1/20 pt) and
// half-points.
const (
	pageShort, pageLong = 11906, 16838
	marginTopBottom     = 1134
	marginLeft          = 1701
	marginRight         = 850
	portraitText        = pageShort - marginLeft - marginRight // 9355
	landscapeText       = pageLong - marginLeft - marginRight  // 14287
	headerLeft          = 4100
)

// tableWidths are the widths of the twelve columns on a landscape page.
var tableWidths = []int{600, 1900, 1400, 1400, 700, 1200, 1700, 1300, 1150, 1100, 1100, 737}

// DOCX writes the report as a Word document. The same report always gives the same bytes.
func DOCX(r *Report) ([]byte, error) {
	var b strings.Builder
	headerBlock(&b, r)
	para(&b, pPr{jc: "center", before: 240, after: 240}, text("Kính gửi: Lực lượng chuyên trách bảo vệ an ninh mạng – Bộ Công an."))
	note(&b, "Mẫu 08 ghi người nhận là «Đơn vị chuyên trách về an ninh mạng/Lực lượng chuyên trách về an ninh mạng», còn điểm b khoản 4 Điều 35 Nghị định 331/2026/NĐ-CP giao chủ quản gửi báo cáo Bộ Công an; ghi người nhận theo hướng dẫn của Bộ Công an [cần đối chiếu].")
	from, to := r.From.In(workdays.Location), r.To.In(workdays.Location)
	para(&b, pPr{}, text(fmt.Sprintf("Thực hiện Điều 35, Điều 36 Nghị định số 331/2026/NĐ-CP, %s báo cáo kết quả công tác bảo đảm an ninh mạng hệ thống thông tin năm %d (số liệu từ ngày %s đến ngày %s) như sau:",
		r.Owner.Name, r.Year, from.Format("02/01/2006"), to.Format("02/01/2006"))))
	if r.AsOf.Before(r.To.AddDate(0, 0, 1)) {
		note(&b, fmt.Sprintf("Số liệu lấy từ capdo lúc %s, trước khi hết kỳ báo cáo; lập lại báo cáo sau ngày %s để có số liệu cả kỳ.",
			r.AsOf.In(workdays.Location).Format("15:04 02/01/2006"), to.Format("02/01/2006")))
	}

	heading(&b, "1. Thông tin chung")
	t := r.Totals
	count := func(n int) string {
		if n < 0 {
			return "…"
		}
		return strconv.Itoa(n)
	}
	for _, line := range []string{
		"Tổng số hệ thống thông tin thuộc phạm vi quản lý: " + count(t.Managed) + ";",
		"Tổng số hệ thống thông tin đã được phân loại (đã xác định được loại hình hệ thống thông tin): " + count(t.Classified) + ";",
		"Tổng số hệ thống thông tin đã xây dựng hồ sơ đề xuất cấp độ: " + count(t.WithDossier) + ";",
		"Tổng số hệ thống thông tin đã được thẩm định hồ sơ đề xuất cấp độ: " + count(t.Appraised) + ";",
		"Tổng số hệ thống thông tin đã được phê duyệt cấp độ: " + count(t.Approved) + ";",
		"Tổng số hệ thống thông tin đã phê duyệt cấp độ được kiểm tra, đánh giá an ninh mạng định kỳ theo quy định: " + count(t.Assessed) + ";",
		"Dự kiến thời gian hoàn thành phê duyệt đề xuất cấp độ hệ thống thông tin đối với tất cả các hệ thống thông tin thuộc phạm vi quản lý: " + orDots(t.Expected) + ".",
	} {
		para(&b, pPr{}, text("- "+line))
	}

	heading(&b, "2. Thông tin về chủ quản hệ thống thông tin và đơn vị chuyên trách về an ninh mạng")
	body(&b, "a) Thông tin về chủ quản hệ thống thông tin:", "Tên chủ quản hệ thống thông tin", r.Owner)
	body(&b, "b) Thông tin về đơn vị chuyên trách về an ninh mạng:", "Tên đơn vị chuyên trách về an ninh mạng", r.CyberUnit)

	// Part 3 on landscape pages: the portrait section ends with the paragraph that carries
	// its properties.
	heading(&b, "3. Thông tin chi tiết về các hệ thống thông tin thuộc phạm vi quản lý")
	para(&b, pPr{}, text(fmt.Sprintf("Chi tiết tại bảng kèm theo (%d hệ thống).", len(r.Rows))))
	b.WriteString(`<w:p><w:pPr>`)
	sectPr(&b, false, true)
	b.WriteString(`</w:pPr></w:p>` + "\n")
	para(&b, pPr{jc: "center", after: 120}, bold("THÔNG TIN CHI TIẾT VỀ CÁC HỆ THỐNG THÔNG TIN THUỘC PHẠM VI QUẢN LÝ"))
	para(&b, pPr{jc: "center", after: 120}, italic(fmt.Sprintf("(Kèm theo báo cáo năm %d của %s)", r.Year, r.Owner.Name)))
	table(&b, r)
	for _, n := range r.Notes {
		para(&b, pPr{size: 22, after: 60}, text(n))
	}
	sectPr(&b, true, false)
	return pack(b.String())
}

// headerBlock is the two-column block: the owner, the number and the subject on the left;
// the national name, the motto and the place and date on the right.
func headerBlock(b *strings.Builder, r *Report) {
	right := portraitText - headerLeft
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="` + strconv.Itoa(portraitText) + `" w:type="dxa"/><w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr>`)
	fmt.Fprintf(b, `<w:tblGrid><w:gridCol w:w="%d"/><w:gridCol w:w="%d"/></w:tblGrid>`, headerLeft, right)
	hb := pPr{jc: "center", tight: true, size: 26}
	b.WriteString(`<w:tr>`)
	cell(b, headerLeft, func() {
		para(b, hb, bold(strings.ToUpper(r.Owner.Name)))
		para(b, pPr{jc: "center", tight: true, rule: 1000, size: 4})
		para(b, hb, text("Số: ……/BC-……"))
		para(b, pPr{jc: "center", tight: true, size: 24, before: 60}, text("V/v kết quả công tác bảo đảm an ninh mạng hệ thống thông tin năm "+strconv.Itoa(r.Year)))
	})
	cell(b, right, func() {
		para(b, pPr{jc: "center", tight: true, size: 24}, bold("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
		para(b, pPr{jc: "center", tight: true, size: 26}, bold("Độc lập - Tự do - Hạnh phúc"))
		para(b, pPr{jc: "center", tight: true, rule: 1300, size: 4})
		para(b, pPr{jc: "center", tight: true, size: 28, before: 60}, italic(fmt.Sprintf("……, ngày …… tháng 12 năm %d", r.Year)))
	})
	b.WriteString("</w:tr></w:tbl>\n")
}

// body writes the five items of part 2 for one organisation.
func body(b *strings.Builder, title, nameLabel string, o Body) {
	para(b, pPr{keepNext: true}, italic(title))
	rep := o.Representative
	if rep != "" && o.Title != "" {
		rep += ", " + o.Title
	}
	var contact []string
	if o.Phone != "" {
		contact = append(contact, "điện thoại "+o.Phone)
	}
	if o.Email != "" {
		contact = append(contact, "thư điện tử "+o.Email)
	}
	for i, line := range []string{
		nameLabel + ": " + orDots(o.Name) + ";",
		"Quy định chức năng, nhiệm vụ và quyền hạn: " + orDots(o.Charter) + ";",
		"Người đại diện, chức vụ: " + orDots(rep) + ";",
		"Địa chỉ liên lạc: " + orDots(o.Address) + ";",
		"Thông tin liên hệ: " + orDots(strings.Join(contact, ", ")) + ".",
	} {
		para(b, pPr{}, text(fmt.Sprintf("(%d) %s", i+1, line)))
	}
}

// table writes the twelve columns: the headings and their numbers repeat on every page.
func table(b *strings.Builder, r *Report) {
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="` + strconv.Itoa(landscapeText) + `" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		fmt.Fprintf(b, `<w:%s w:val="single" w:sz="4" w:space="0" w:color="000000"/>`, side)
	}
	b.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>`)
	for _, w := range tableWidths {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, w)
	}
	b.WriteString("</w:tblGrid>\n")
	th := pPr{jc: "center", tight: true, size: 22}
	row := func(heading bool, cells []string, style func(i int) (pPr, func(string) span)) {
		b.WriteString(`<w:tr><w:trPr><w:cantSplit/>`)
		if heading {
			b.WriteString(`<w:tblHeader/>`)
		}
		b.WriteString(`</w:trPr>`)
		for i, c := range cells {
			p, f := style(i)
			cell(b, tableWidths[i], func() { para(b, p, f(c)) })
		}
		b.WriteString("</w:tr>\n")
	}
	row(true, Columns, func(int) (pPr, func(string) span) { return th, bold })
	nums := make([]string, len(Columns))
	for i := range nums {
		nums[i] = fmt.Sprintf("(%d)", i+1)
	}
	row(true, nums, func(int) (pPr, func(string) span) { return th, italic })
	td := pPr{jc: "left", tight: true, size: 22}
	for i, x := range r.Rows {
		level := ""
		if x.Level > 0 {
			level = strconv.Itoa(x.Level)
		}
		row(false, []string{strconv.Itoa(i + 1), x.Name, x.Owner, x.Operator, level, x.Status, x.Decision, x.Regulation,
			x.ExpectedApproval, x.Plan, x.ExpectedPlan, x.Assessment}, func(i int) (pPr, func(string) span) {
			if i == 0 || i == 4 {
				return th, text
			}
			return td, text
		})
	}
	if len(r.Rows) == 0 {
		b.WriteString(`<w:tr>`)
		fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/><w:gridSpan w:val="%d"/></w:tcPr>`, landscapeText, len(tableWidths))
		para(b, pPr{jc: "center", tight: true, size: 22}, italic("Không có hệ thống thông tin nào trong kỳ báo cáo."))
		b.WriteString("</w:tc></w:tr>\n")
	}
	b.WriteString("</w:tbl>\n")
	para(b, pPr{size: 4, tight: true})
}

func cell(b *strings.Builder, width int, content func()) {
	fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>`, width)
	content()
	b.WriteString("</w:tc>")
}

// pPr are a paragraph's properties.
type pPr struct {
	jc            string // left, center, right, both (default)
	before, after int    // spacing in twips; 0 keeps the default (after: 120)
	tight         bool   // single line spacing, nothing after, no indent: tables and the header block
	size          int    // half-points; 0: 14 pt
	rule          int    // a short rule under an empty paragraph, indented this much on each side
	keepNext      bool
	highlight     bool // a drafting note, highlighted
}

func para(b *strings.Builder, o pPr, spans ...span) {
	b.WriteString("<w:p><w:pPr>")
	if o.keepNext {
		b.WriteString("<w:keepNext/>")
	}
	if o.rule > 0 {
		b.WriteString(`<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>`)
	}
	after, line := 120, 288
	if o.tight {
		after, line = 0, 240
	}
	if o.after > 0 {
		after = o.after
	}
	if o.rule > 0 {
		fmt.Fprintf(b, `<w:spacing w:before="0" w:after="120" w:line="120" w:lineRule="exact"/><w:ind w:left="%d" w:right="%d" w:firstLine="0"/>`, o.rule, o.rule)
	} else {
		fmt.Fprintf(b, `<w:spacing w:before="%d" w:after="%d" w:line="%d" w:lineRule="auto"/>`, o.before, after, line)
		if o.tight || o.jc == "center" {
			b.WriteString(`<w:ind w:firstLine="0"/>`)
		} else {
			b.WriteString(`<w:ind w:firstLine="567"/>`)
		}
	}
	jc := o.jc
	if jc == "" {
		jc = "both"
	}
	fmt.Fprintf(b, `<w:jc w:val="%s"/>`, jc)
	if o.size > 0 {
		fmt.Fprintf(b, `<w:rPr><w:sz w:val="%d"/><w:szCs w:val="%d"/></w:rPr>`, o.size, o.size)
	}
	b.WriteString("</w:pPr>")
	for _, sp := range spans {
		sp.write(b, o)
	}
	b.WriteString("</w:p>\n")
}

func heading(b *strings.Builder, s string) { para(b, pPr{keepNext: true, before: 120}, bold(s)) }

// note is a drafting note: highlighted and saying it is to be deleted before signing.
func note(b *strings.Builder, s string) {
	para(b, pPr{size: 24, highlight: true}, italic("Ghi chú soạn thảo (xóa trước khi ban hành): "+s))
}

// span is a run of text in one format.
type span struct {
	s            string
	bold, italic bool
}

func text(s string) span   { return span{s: s} }
func bold(s string) span   { return span{s: s, bold: true} }
func italic(s string) span { return span{s: s, italic: true} }

// write writes the run, its properties in the order the schema requires, its text escaped
// for XML and in Unicode NFC; a line break in the text becomes a break in the run.
func (sp span) write(b *strings.Builder, o pPr) {
	if sp.s == "" {
		return
	}
	b.WriteString("<w:r>")
	if sp.bold || sp.italic || o.size > 0 || o.highlight {
		b.WriteString("<w:rPr>")
		if sp.bold {
			b.WriteString("<w:b/><w:bCs/>")
		}
		if sp.italic {
			b.WriteString("<w:i/><w:iCs/>")
		}
		if o.size > 0 {
			fmt.Fprintf(b, `<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, o.size, o.size)
		}
		if o.highlight {
			b.WriteString(`<w:highlight w:val="yellow"/>`)
		}
		b.WriteString("</w:rPr>")
	}
	for i, line := range strings.Split(norm.NFC.String(sp.s), "\n") {
		if i > 0 {
			b.WriteString("<w:br/>")
		}
		b.WriteString(`<w:t xml:space="preserve">`)
		xml.EscapeText(b, []byte(stripControl(line)))
		b.WriteString("</w:t>")
	}
	b.WriteString("</w:r>")
}

// stripControl drops the characters XML 1.0 cannot hold (a tab is kept as a space).
func stripControl(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return ' '
		case r < 0x20, r == 0xFFFE, r == 0xFFFF:
			return -1
		}
		return r
	}, s)
}

func orDots(s string) string {
	if strings.TrimSpace(s) == "" {
		return "……"
	}
	return s
}

// sectPr writes a section's properties: portrait or landscape A4 with the margins, the
// page number header and, for the first section, no number on page 1.
func sectPr(b *strings.Builder, landscape, first bool) {
	b.WriteString(`<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader1"/>`)
	if landscape {
		fmt.Fprintf(b, `<w:pgSz w:w="%d" w:h="%d" w:orient="landscape"/>`, pageLong, pageShort)
	} else {
		fmt.Fprintf(b, `<w:pgSz w:w="%d" w:h="%d"/>`, pageShort, pageLong)
	}
	fmt.Fprintf(b, `<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="567" w:footer="567" w:gutter="0"/>`,
		marginTopBottom, marginRight, marginTopBottom, marginLeft)
	if first {
		b.WriteString(`<w:titlePg/>`)
	}
	b.WriteString(`</w:sectPr>`)
}

const (
	nsW     = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	nsR     = `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	xmlDecl = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
)

// pack builds the package; entries carry no timestamps, so the bytes depend on the report
// alone.
func pack(bodyXML string) ([]byte, error) {
	parts := []struct{ name, data string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", rootRels},
		{"word/document.xml", xmlDecl + `<w:document ` + nsW + ` ` + nsR + `><w:body>` + "\n" + bodyXML + "\n</w:body></w:document>\n"},
		{"word/_rels/document.xml.rels", documentRels},
		{"word/styles.xml", stylesXML},
		{"word/settings.xml", settingsXML},
		{"word/header1.xml", headerXML},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write([]byte(p.data)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

const contentTypes = xmlDecl + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
</Types>
`

const rootRels = xmlDecl + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>
`

const documentRels = xmlDecl + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>
<Relationship Id="rIdHeader1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>
</Relationships>
`

const settingsXML = xmlDecl + `<w:settings ` + nsW + `>
<w:zoom w:percent="100"/>
<w:defaultTabStop w:val="720"/>
<w:characterSpacingControl w:val="doNotCompress"/>
<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>
</w:settings>
`

// headerXML is the page number: centred, size 13, a PAGE field.
const headerXML = xmlDecl + `<w:hdr ` + nsW + `>
<w:p><w:pPr><w:spacing w:after="0"/><w:jc w:val="center"/><w:rPr><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr></w:pPr><w:r><w:rPr><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:rPr><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:rPr><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr><w:t>2</w:t></w:r><w:r><w:rPr><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r></w:p>
</w:hdr>
`

// stylesXML: Times New Roman 14 and Vietnamese throughout (Nghị định 30/2020).
const stylesXML = xmlDecl + `<w:styles ` + nsW + `>
<w:docDefaults>
<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="288" w:lineRule="auto"/></w:pPr></w:pPrDefault>
</w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
</w:styles>
`
