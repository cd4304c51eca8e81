package dossier

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
)

// element is one element of a part, located by byte offsets: [start, end) is the whole
// element, [innerStart, innerEnd) what lies between its tags.
type element struct {
	name                 string // prefixed name as written, e.g. "w:p"
	start, end           int
	innerStart, innerEnd int
	parent               int // index in index.elems, -1 at the root
}

// index locates the paragraphs, table rows, cells and text nodes of a part, so that blocks
// can be given their extent and placeholders checked to sit inside one text node.
type index struct {
	elems []element
	texts []int // indices of the w:t elements, in document order
}

// indexed are the elements blocks and placeholders are placed by.
var indexed = map[string]bool{"w:p": true, "w:tr": true, "w:tc": true, "w:tbl": true, "w:t": true,
	"w:body": true, "w:hdr": true, "w:ftr": true, "w:txbxContent": true, "w:sdtContent": true}

// indexPart parses a part with encoding/xml, which also proves it well-formed.
func indexPart(x string) (*index, error) {
	d := xml.NewDecoder(strings.NewReader(x))
	ix := &index{}
	type open struct {
		name string
		elem int // -1 when not indexed
	}
	var stack []open
	parent := func() int {
		for i := len(stack) - 1; i >= 0; i-- {
			if stack[i].elem >= 0 {
				return stack[i].elem
			}
		}
		return -1
	}
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
			name := qname(t.Name)
			o := open{name: name, elem: -1}
			if indexed[name] {
				o.elem = len(ix.elems)
				ix.elems = append(ix.elems, element{name: name, start: before, innerStart: after, parent: parent()})
				if name == "w:t" {
					ix.texts = append(ix.texts, o.elem)
				}
			}
			stack = append(stack, o)
		case xml.EndElement:
			name := qname(t.Name)
			if len(stack) == 0 || stack[len(stack)-1].name != name {
				return nil, fmt.Errorf("XML không hợp lệ: thẻ đóng </%s> không khớp", name)
			}
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if o.elem >= 0 {
				e := &ix.elems[o.elem]
				// For a self-closing tag RawToken reports the end without consuming
				// input, so before == after == innerStart: an empty element.
				e.innerEnd, e.end = before, after
			}
		}
	}
	if len(stack) > 0 {
		return nil, fmt.Errorf("XML không hợp lệ: thẻ <%s> không được đóng", stack[len(stack)-1].name)
	}
	return ix, nil
}

func qname(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

// textAt returns the w:t element whose content holds [start, end), or -1.
func (ix *index) textAt(start, end int) int {
	i := sort.Search(len(ix.texts), func(i int) bool { return ix.elems[ix.texts[i]].innerEnd >= end })
	if i < len(ix.texts) {
		e := ix.elems[ix.texts[i]]
		if e.innerStart <= start && end <= e.innerEnd {
			return ix.texts[i]
		}
	}
	return -1
}

// enclosing returns the innermost element named name that holds position pos, or -1.
func (ix *index) enclosing(pos int, name string) int {
	best := -1
	for i, e := range ix.elems {
		if e.name == name && e.start <= pos && pos < e.end {
			best = i // later elements that still hold pos are nested deeper
		}
	}
	return best
}

// text returns the raw (still escaped) text of the w:t nodes inside element i.
func (ix *index) text(x string, i int) string {
	e := ix.elems[i]
	var b strings.Builder
	for _, t := range ix.texts {
		te := ix.elems[t]
		if te.start >= e.start && te.end <= e.end {
			b.WriteString(x[te.innerStart:te.innerEnd])
		}
	}
	return b.String()
}
