package dossier

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
)

// Agency templates are edited in Word, often with "Track Changes" on and with comments
// between colleagues. A template is a document to fill, not a draft under review, so when
// it loads every tracked change is accepted ("Accept All"), every comment dropped, and a
// warning names the template and the fields the changes touched: left in, a tracked
// deletion inside a placeholder ("{{" + deleted "SYSTEM" + inserted "SYSTEM" + "_ID}}")
// would be copied into every document as struck-through text beside the value, and every
// comment into every document. A change Word cannot express as accepted text (a deleted
// table cell, a revised cell merge) is refused, naming it.

// elem is one element of a part located by byte offsets, as index's element but for every
// element name.
type elem struct {
	name                 string
	start, end           int
	innerStart, innerEnd int
	parent               int
}

// scanElements locates every element of a part.
func scanElements(x string) ([]elem, error) {
	d := xml.NewDecoder(strings.NewReader(x))
	var out []elem
	var stack []int
	for {
		before := int(d.InputOffset())
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("XML không hợp lệ: %w", err)
		}
		after := int(d.InputOffset())
		switch t := tok.(type) {
		case xml.StartElement:
			parent := -1
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			out = append(out, elem{name: qname(t.Name), start: before, innerStart: after, parent: parent})
			stack = append(stack, len(out)-1)
		case xml.EndElement:
			if len(stack) == 0 || out[stack[len(stack)-1]].name != qname(t.Name) {
				return nil, fmt.Errorf("XML không hợp lệ: thẻ đóng </%s> không khớp", qname(t.Name))
			}
			e := &out[stack[len(stack)-1]]
			e.innerEnd, e.end = before, after
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) > 0 {
		return nil, fmt.Errorf("XML không hợp lệ: thẻ <%s> không được đóng", out[stack[len(stack)-1]].name)
	}
	return out, nil
}

// Revision markup (ECMA-376 Part 1, §17.13.5).
var (
	// removedWhole: deleted or moved-away content, the record of a formatting change,
	// range markers of moves and of custom XML revisions.
	removedWhole = map[string]bool{"w:moveFrom": true, "w:rPrChange": true, "w:pPrChange": true, "w:sectPrChange": true,
		"w:tblPrChange": true, "w:tblPrExChange": true, "w:trPrChange": true, "w:tcPrChange": true, "w:tblGridChange": true,
		"w:numberingChange": true, "w:moveFromRangeStart": true, "w:moveFromRangeEnd": true, "w:moveToRangeStart": true,
		"w:moveToRangeEnd": true, "w:customXmlInsRangeStart": true, "w:customXmlInsRangeEnd": true, "w:customXmlDelRangeStart": true,
		"w:customXmlDelRangeEnd": true, "w:customXmlMoveFromRangeStart": true, "w:customXmlMoveFromRangeEnd": true,
		"w:customXmlMoveToRangeStart": true, "w:customXmlMoveToRangeEnd": true, "w:cellIns": true}
	// refused: changes with no accepted text to write.
	refused = map[string]string{"w:cellDel": "ô bảng bị xóa có theo dõi", "w:cellMerge": "ô bảng gộp có theo dõi"}
	// commentMarks anchor comments in the text.
	commentMarks = map[string]bool{"w:commentRangeStart": true, "w:commentRangeEnd": true}
)

// normalized is what accepting changes and dropping comments did to one part.
type normalized struct {
	changes, comments int
	// fields are the placeholders of the paragraphs the changes touched, as accepted;
	// deleted those the accepted deletions took out.
	fields, deleted []string
	// touchedPlain: some change touched a paragraph without placeholders.
	touchedPlain bool
}

// warnings words what was done for a template's part.
func (n normalized) warnings(tmpl, part string) []string {
	var out []string
	if n.changes > 0 {
		where := "ở văn bản cố định, không chạm trường nào"
		if len(n.fields) > 0 {
			where = "trong đoạn có trường " + strings.Join(n.fields, ", ") + "; kiểm tra lại các trường này trong mẫu"
		}
		if len(n.deleted) > 0 {
			where += "; đã xóa theo thay đổi được theo dõi: " + strings.Join(n.deleted, ", ")
		}
		out = append(out, fmt.Sprintf("mẫu %s (%s): đã chấp nhận toàn bộ %d thay đổi được theo dõi (Track Changes) %s", tmpl, part, n.changes, where))
	}
	if n.comments > 0 {
		out = append(out, fmt.Sprintf("mẫu %s (%s): đã bỏ %d ghi chú (comment) của mẫu khỏi văn bản tạo ra", tmpl, part, n.comments))
	}
	return out
}

// acceptRevisions returns a part with every tracked change accepted and every comment
// anchor dropped.
func acceptRevisions(x string) (string, normalized, error) {
	var n normalized
	if !strings.Contains(x, "<w:ins") && !strings.Contains(x, "<w:del") && !strings.Contains(x, "<w:move") &&
		!strings.Contains(x, "Change") && !strings.Contains(x, "<w:comment") && !strings.Contains(x, "<w:cell") &&
		!strings.Contains(x, "<w:customXml") {
		return x, n, nil
	}
	// Deleted paragraph marks first, one at a time: accepting one joins two paragraphs and
	// moves everything after it.
	merged := -1 // where the last joined paragraph starts
	for {
		els, err := scanElements(x)
		if err != nil {
			return "", n, err
		}
		if merged >= 0 {
			for i, e := range els {
				if e.name == "w:p" && e.start == merged {
					n.addFields(x, els, i, nil)
				}
			}
		}
		next, at, ok := mergeDeletedMark(x, els)
		if !ok {
			break
		}
		x, merged = next, at
		n.changes++
	}
	els, err := scanElements(x)
	if err != nil {
		return "", n, err
	}
	type edit struct {
		start, end int
	}
	var edits []edit
	removed := make([]bool, len(els))
	touched := map[int]bool{} // paragraphs holding a change
	inRemoved := func(i int) bool {
		for p := els[i].parent; p >= 0; p = els[p].parent {
			if removed[p] {
				return true
			}
		}
		return false
	}
	paragraph := func(i int) int {
		for p := els[i].parent; p >= 0; p = els[p].parent {
			if els[p].name == "w:p" {
				return p
			}
		}
		return -1
	}
	remove := func(i int) {
		removed[i] = true
		edits = append(edits, edit{els[i].start, els[i].end})
		// Placeholders inside deleted text, to name them.
		for j := i + 1; j < len(els) && els[j].start < els[i].end; j++ {
			if els[j].name == "w:delText" || els[j].name == "w:t" {
				for _, f := range spanRe.FindAllString(x[els[j].innerStart:els[j].innerEnd], -1) {
					if !slices.Contains(n.deleted, f) {
						n.deleted = append(n.deleted, f)
					}
				}
			}
		}
	}
	for i, e := range els {
		if inRemoved(i) {
			continue
		}
		parent := ""
		if e.parent >= 0 {
			parent = els[e.parent].name
		}
		isChange := true
		switch {
		case refused[e.name] != "":
			return "", n, fmt.Errorf("mẫu có %s chưa chấp nhận; hãy mở mẫu trong Word, chấp nhận mọi thay đổi (Review › Accept All Changes) rồi lưu lại", refused[e.name])
		case (e.name == "w:del" || e.name == "w:ins") && parent == "w:trPr":
			if e.name == "w:del" { // a deleted row: accepted, the row goes
				remove(els[e.parent].parent)
			} else {
				remove(i)
			}
		case (e.name == "w:del" || e.name == "w:ins") && parent == "w:rPr":
			remove(i) // a mark on a paragraph mark or in numbering: the change is accepted
		case e.name == "w:del":
			remove(i)
		case e.name == "w:ins" || e.name == "w:moveTo":
			edits = append(edits, edit{e.start, e.innerStart}, edit{e.innerEnd, e.end})
		case removedWhole[e.name]:
			remove(i)
		case commentMarks[e.name]:
			isChange = false
			remove(i)
		case e.name == "w:commentReference":
			isChange = false
			n.comments++
			// The run that holds only the reference goes with it.
			if r := e.parent; r >= 0 && els[r].name == "w:r" && onlyReference(x, els, r, i) {
				remove(r)
			} else {
				remove(i)
			}
		default:
			isChange = false
		}
		if isChange {
			n.changes++
			if p := paragraph(i); p >= 0 {
				touched[p] = true
			}
		}
	}
	// The fields of the touched paragraphs, as they read once the changes are accepted.
	for p := range touched {
		n.addFields(x, els, p, func(j int) bool { return removed[j] || inRemoved(j) })
	}
	slices.Sort(n.fields)
	slices.SortFunc(edits, func(a, b edit) int { return a.start - b.start })
	var b strings.Builder
	b.Grow(len(x))
	pos := 0
	for _, ed := range edits {
		if ed.start < pos {
			continue // inside something removed already
		}
		b.WriteString(x[pos:ed.start])
		pos = ed.end
	}
	b.WriteString(x[pos:])
	return b.String(), n, nil
}

// addFields adds the placeholders of paragraph p, as its text nodes read, those gone
// excepted.
func (n *normalized) addFields(x string, els []elem, p int, gone func(int) bool) {
	var text strings.Builder
	for j := p + 1; j < len(els) && els[j].start < els[p].end; j++ {
		if els[j].name == "w:t" && (gone == nil || !gone(j)) {
			text.WriteString(x[els[j].innerStart:els[j].innerEnd])
		}
	}
	found := spanRe.FindAllString(text.String(), -1)
	if len(found) == 0 {
		n.touchedPlain = true
	}
	for _, f := range found {
		if !slices.Contains(n.fields, f) {
			n.fields = append(n.fields, f)
		}
	}
}

// onlyReference reports whether run r holds nothing but its properties and the comment
// reference ref.
func onlyReference(x string, els []elem, r, ref int) bool {
	for j := r + 1; j < len(els) && els[j].start < els[r].end; j++ {
		if els[j].parent == r && j != ref && els[j].name != "w:rPr" {
			return false
		}
	}
	return true
}

// mergeDeletedMark accepts the first deleted paragraph mark of a part (a w:del in the run
// properties of a paragraph's properties): the paragraph joins the next one, which gives
// its properties to the whole, as Word does. A deleted mark with no paragraph after it
// (the last of a cell) is only unmarked. It returns the part and where the joined
// paragraph starts.
func mergeDeletedMark(x string, els []elem) (string, int, bool) {
	for _, e := range els {
		if e.name != "w:del" || e.parent < 0 || els[e.parent].name != "w:rPr" {
			continue
		}
		ppr := els[e.parent].parent
		if ppr < 0 || els[ppr].name != "w:pPr" || els[ppr].parent < 0 || els[els[ppr].parent].name != "w:p" {
			continue
		}
		p := els[ppr].parent
		next := -1
		for j := p + 1; j < len(els); j++ {
			if els[j].parent == els[p].parent && els[j].start >= els[p].end {
				next = j
				break
			}
		}
		if next < 0 || els[next].name != "w:p" {
			return x[:e.start] + x[e.end:], els[p].start, true
		}
		// The next paragraph's properties, if any.
		nextPPr, nextBody := "", els[next].innerStart
		for j := next + 1; j < len(els) && els[j].start < els[next].end; j++ {
			if els[j].parent == next && els[j].name == "w:pPr" {
				nextPPr, nextBody = x[els[j].start:els[j].end], els[j].end
				break
			}
		}
		var b strings.Builder
		b.WriteString(x[:els[ppr].start])
		b.WriteString(nextPPr)
		b.WriteString(x[els[ppr].end:els[p].innerEnd]) // this paragraph's runs
		b.WriteString(x[nextBody:])                    // the next one's runs and end tag, and all after
		return b.String(), els[p].start, true
	}
	return x, -1, false
}

// commentPartRe finds the comment parts of a package, which go with the comments.
var commentPartRe = regexp.MustCompile(`^word/comments(Extended|Ids|Extensible)?\.xml$`)

// withoutCommentParts returns the relationships or content types of a package without the
// entries for comment parts.
func withoutCommentParts(x string) string {
	re := regexp.MustCompile(`<(Relationship|Override)\s[^>]*(Target="comments(Extended|Ids|Extensible)?\.xml"|PartName="/word/comments(Extended|Ids|Extensible)?\.xml")[^>]*/>`)
	return re.ReplaceAllString(x, "")
}
