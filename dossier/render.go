package dossier

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/nguyenthenguyen/docx"
)

// values is what templates see for one dossier: every field, condition and collection of
// the data model, with texts already escaped for a <w:t> (see xmlText).
type values struct {
	fields map[string]string
	conds  map[string]bool
	lists  map[string][]map[string]string
}

// renderNodes writes the nodes with the values; row is the current item of the innermost
// each block.
func renderNodes(b *strings.Builder, ns []node, v *values, row map[string]string) {
	for i := range ns {
		n := &ns[i]
		switch n.kind {
		case nText:
			b.WriteString(n.text)
		case nField:
			b.WriteString(v.fields[n.text])
		case nRowField:
			b.WriteString(row[n.text])
		case nIf, nUnless, nEach:
			mark := b.Len()
			switch {
			case n.kind == nEach:
				for _, r := range v.lists[n.text] {
					renderNodes(b, n.children, v, r)
				}
			case v.conds[n.text] == (n.kind == nIf):
				renderNodes(b, n.children, v, row)
			}
			if b.Len() == mark {
				b.WriteString(n.fallback)
			}
		}
	}
}

func renderPart(p *part, v *values) string {
	var b strings.Builder
	b.Grow(len(p.data) + len(p.data)/2)
	renderNodes(&b, p.nodes, v, nil)
	return b.String()
}

// render produces one document. Each document opens its own copy of the normalized
// template, because the library shares its header and footer maps between every Docx
// made from one ReplaceDocx (libraries.md §1.2): nothing is shared between documents, so
// rendering is safe in parallel.
//
// The library can replace the body (SetContent) but gives no access to header and footer
// XML, so when those hold placeholders their rendered markup goes into the package the
// library opens.
func (t *template) render(v *values) ([]byte, error) {
	src := t.zipped
	if t.dynamicExtra {
		var err error
		if src, err = t.packageWith(v); err != nil {
			return nil, err
		}
	}
	rd, err := docx.ReadDocxFromMemory(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		return nil, fmt.Errorf("mở mẫu %s: %w", t.name, err)
	}
	d := rd.Editable()
	d.SetContent(renderPart(t.body, v))
	var out bytes.Buffer
	out.Grow(len(src) + len(src)/4)
	// Write ignores the zip writer's Close error, so the result is always read back and
	// checked (verify) before anyone sees it.
	if err := d.Write(&out); err != nil {
		return nil, fmt.Errorf("ghi %s: %w", t.name, err)
	}
	if err := verify(out.Bytes(), t.static); err != nil {
		return nil, fmt.Errorf("%s: tệp tạo ra không hợp lệ: %w", t.name, err)
	}
	return out.Bytes(), nil
}

// packageWith returns the normalized template with its header and footer parts rendered.
func (t *template) packageWith(v *values) ([]byte, error) {
	parts := make([]*part, len(t.parts))
	for i, p := range t.parts {
		parts[i] = p
		if p.nodes != nil && p.name != bodyPart {
			parts[i] = &part{name: p.name, data: renderPart(p, v)}
		}
	}
	return storedZip(parts)
}
