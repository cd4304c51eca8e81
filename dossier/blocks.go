package dossier

import (
	"cmp"
	"slices"
	"strings"
)

// nodeKind is what a compiled node does when rendered.
type nodeKind int

const (
	nText     nodeKind = iota // literal markup
	nField                    // a field's value
	nRowField                 // a column of the current item of the innermost each
	nIf                       // children when the condition holds
	nUnless                   // children when it does not
	nEach                     // children once per item of a collection
)

// node is a compiled template part: literal markup interleaved with values and blocks.
// Rendering walks the tree once, with no searching or regular expressions.
type node struct {
	kind     nodeKind
	text     string // markup for nText, else the field, condition, collection or key name
	children []node
	// fallback is written when a block renders nothing, so that a table cell whose only
	// paragraphs sat inside the block still holds the paragraph Word requires.
	fallback string
}

// item is a placeholder or block while the tree is being built.
type item struct {
	start, end           int // the markup the item replaces
	innerStart, innerEnd int // for blocks: the markup that is kept, repeated or dropped
	tok                  token
	block                bool
	skip                 bool // a block marker inside a repeated table row: removed
	fallback             string
	children             []*item
}

// compilePart pairs the block markers, gives each block its extent (a range of whole
// paragraphs and tables, or one table row) and builds the node tree of a part.
func compilePart(tmpl, part, x string, ix *index, toks []token) ([]node, []error) {
	var errs []error
	fail := func(t token, problem string) {
		errs = append(errs, &TemplateError{Template: tmpl, Part: part, Placeholder: t.raw, Problem: problem})
	}

	var items []*item
	var open []token
	for _, t := range toks {
		switch t.kind {
		case tokField, tokRowField:
			items = append(items, &item{start: t.start, end: t.end, tok: t})
		case tokOpen:
			open = append(open, t)
		case tokClose:
			if len(open) == 0 {
				fail(t, "khối đóng không có khối mở tương ứng")
				return nil, errs
			}
			o := open[len(open)-1]
			open = open[:len(open)-1]
			if o.block != t.block || o.name != t.name {
				fail(o, "khối mở bị đóng sai bởi "+t.raw+"; khối không cân đối")
				return nil, errs
			}
			it, problem := blockExtent(x, ix, o, t)
			if problem != "" {
				fail(o, problem)
				continue
			}
			items = append(items, it...)
		}
	}
	for _, o := range open {
		fail(o, "khối mở không được đóng; khối không cân đối")
	}
	if len(errs) > 0 {
		return nil, errs
	}

	// Outer items first: by start, then the longer one.
	slices.SortStableFunc(items, func(a, b *item) int {
		if c := cmp.Compare(a.start, b.start); c != 0 {
			return c
		}
		return cmp.Compare(b.end, a.end)
	})
	var roots []*item
	var stack []*item
	for _, it := range items {
		for len(stack) > 0 && stack[len(stack)-1].end <= it.start {
			stack = stack[:len(stack)-1]
		}
		if len(stack) == 0 {
			roots = append(roots, it)
		} else {
			top := stack[len(stack)-1]
			if it.end > top.end || it.start < top.innerStart || it.end > top.innerEnd {
				fail(it.tok, "khối chồng chéo với khối "+top.tok.raw+"; các khối phải lồng nhau trọn vẹn")
				continue
			}
			top.children = append(top.children, it)
		}
		if it.block && it.tok.block == "each" {
			if outer := innermostEach(stack); outer != nil {
				fail(it.tok, "khối lặp không được lồng trong khối "+outer.tok.raw+": mọi danh sách đều phẳng, hãy đặt hai khối lặp nối tiếp nhau")
				continue
			}
		}
		if it.tok.kind == tokRowField && !rowKeyKnown(stack, it.tok.name) {
			fail(it.tok, "cột không xác định, hoặc nằm ngoài khối {{#each.…}} có cột này")
		}
		if it.block {
			stack = append(stack, it)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return emit(x, 0, len(x), roots), nil
}

// blockExtent decides what a block covers. Markers that each fill a paragraph of their own,
// at the same level (both in the body, or both in one table cell), make everything between
// the two paragraphs the block; the marker paragraphs themselves disappear. Otherwise,
// markers in the same table row make the row the block (a repeated or optional row), and
// only the marker text is removed from it.
func blockExtent(x string, ix *index, o, c token) ([]*item, string) {
	po, pc := ix.enclosing(o.start, "w:p"), ix.enclosing(c.start, "w:p")
	if po >= 0 && pc >= 0 && po != pc &&
		strings.TrimSpace(ix.text(x, po)) == o.raw && strings.TrimSpace(ix.text(x, pc)) == c.raw &&
		ix.elems[po].parent == ix.elems[pc].parent {
		P, Q := ix.elems[po], ix.elems[pc]
		if strings.Contains(x[P.start:P.end], "<w:sectPr") || strings.Contains(x[Q.start:Q.end], "<w:sectPr") {
			return nil, "đoạn văn chứa dấu khối không được mang ngắt mục (section break)"
		}
		it := &item{start: P.start, end: Q.end, innerStart: P.end, innerEnd: Q.start, tok: o, block: true}
		if cell := P.parent; cell >= 0 && ix.elems[cell].name == "w:tc" && !paragraphOutside(ix, cell, P.start, Q.end) {
			it.fallback = "<w:p/>"
		}
		return []*item{it}, ""
	}
	if r := ix.enclosing(o.start, "w:tr"); r >= 0 && r == ix.enclosing(c.start, "w:tr") {
		row := ix.elems[r]
		return []*item{
			{start: row.start, end: row.end, innerStart: row.start, innerEnd: row.end, tok: o, block: true},
			{start: o.start, end: o.end, tok: o, skip: true},
			{start: c.start, end: c.end, tok: c, skip: true},
		}, ""
	}
	return nil, "khối phải mở và đóng ở hai đoạn văn riêng (mỗi đoạn chỉ chứa dấu khối) cùng cấp, hoặc trong cùng một hàng bảng"
}

// paragraphOutside reports whether element parent has a child paragraph outside [from, to).
func paragraphOutside(ix *index, parent, from, to int) bool {
	for _, e := range ix.elems {
		if e.name == "w:p" && e.parent == parent && (e.end <= from || e.start >= to) {
			return true
		}
	}
	return false
}

// innermostEach returns the innermost each block on the stack, or nil.
func innermostEach(stack []*item) *item {
	for i := len(stack) - 1; i >= 0; i-- {
		if stack[i].tok.block == "each" {
			return stack[i]
		}
	}
	return nil
}

// rowKeyKnown reports whether the innermost each block on the stack has the column key.
func rowKeyKnown(stack []*item, key string) bool {
	e := innermostEach(stack)
	return e != nil && slices.Contains(collectionKeys[e.tok.name], key)
}

// emit turns the markup [from, to) with its items into nodes.
func emit(x string, from, to int, items []*item) []node {
	var out []node
	cur := from
	for _, it := range items {
		if it.start > cur {
			out = append(out, node{kind: nText, text: x[cur:it.start]})
		}
		switch {
		case it.skip:
		case it.block:
			kind := map[string]nodeKind{"if": nIf, "unless": nUnless, "each": nEach}[it.tok.block]
			out = append(out, node{kind: kind, text: it.tok.name, fallback: it.fallback,
				children: emit(x, it.innerStart, it.innerEnd, it.children)})
		case it.tok.kind == tokRowField:
			out = append(out, node{kind: nRowField, text: it.tok.name})
		default:
			out = append(out, node{kind: nField, text: it.tok.name})
		}
		cur = it.end
	}
	if to > cur {
		out = append(out, node{kind: nText, text: x[cur:to]})
	}
	return out
}
