package dossier

import (
	"archive/zip"
	"bytes"
	"errors"
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

// maxRenderedPart bounds the markup one part may render to. Every collection is flat and
// bounded, so a real document stays far below it; a template that repeats a long list many
// thousands of times is stopped here rather than exhausting memory. A variable for tests.
var maxRenderedPart = 64 << 20

// errTooLarge stops rendering a part that grew past maxRenderedPart.
var errTooLarge = errors.New("văn bản tạo ra quá lớn")

// renderer writes one part.
type renderer struct {
	b     strings.Builder
	v     *values
	limit int
}

// nodes writes the nodes with the values; row is the current item of the innermost each
// block. It stops with errTooLarge once the output passes the limit.
func (r *renderer) nodes(ns []node, row map[string]string) error {
	for i := range ns {
		n := &ns[i]
		switch n.kind {
		case nText:
			r.b.WriteString(n.text)
		case nField:
			r.b.WriteString(r.v.fields[n.text])
		case nRowField:
			r.b.WriteString(row[n.text])
		case nIf, nUnless, nEach:
			mark := r.b.Len()
			switch {
			case n.kind == nEach:
				for _, item := range r.v.lists[n.text] {
					if err := r.nodes(n.children, item); err != nil {
						return err
					}
				}
			case r.v.conds[n.text] == (n.kind == nIf):
				if err := r.nodes(n.children, row); err != nil {
					return err
				}
			}
			if r.b.Len() == mark {
				r.b.WriteString(n.fallback)
			}
		}
		if r.b.Len() > r.limit {
			return errTooLarge
		}
	}
	return nil
}

func (t *template) renderPart(p *part, v *values) (string, error) {
	r := &renderer{v: v, limit: maxRenderedPart}
	r.b.Grow(len(p.data) + len(p.data)/2)
	if err := r.nodes(p.nodes, nil); err != nil {
		return "", fmt.Errorf("%s (%s): %w, vượt quá %d MiB; mẫu lặp danh sách quá nhiều lần", t.name, p.name, err, maxRenderedPart>>20)
	}
	return r.b.String(), nil
}

// render produces one document. Each document opens its own copy of the normalized
// template, because the library shares its header and footer maps between every Docx
// made from one ReplaceDocx (docs/reference/libraries.md §1.2): nothing is shared between documents, so
// rendering is safe in parallel.
//
// The library can replace the body (SetContent) but gives no access to header and footer
// XML, so when those hold placeholders their rendered markup goes into the package the
// library opens.
func (t *template) render(v *values) ([]byte, error) {
	src := t.zipped
	if len(t.extras) > 0 {
		var err error
		if src, err = t.packageWith(v); err != nil {
			return nil, err
		}
	}
	body, err := t.renderPart(t.body, v)
	if err != nil {
		return nil, err
	}
	rd, err := docx.ReadDocxFromMemory(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		return nil, fmt.Errorf("mở mẫu %s: %w", t.name, err)
	}
	d := rd.Editable()
	d.SetContent(body)
	var out bytes.Buffer
	out.Grow(len(src) + len(src)/4)
	// Write ignores the zip writer's Close error, so the result is always read back and
	// checked (verify) before anyone sees it.
	if err := d.Write(&out); err != nil {
		return nil, fmt.Errorf("ghi %s: %w", t.name, err)
	}
	if err := verifyOutput(out.Bytes(), v, t.rendered); err != nil {
		return nil, fmt.Errorf("%s: tệp tạo ra không hợp lệ: %w", t.name, err)
	}
	return out.Bytes(), nil
}

// packageWith returns the normalized template with its header and footer parts rendered;
// every other part is copied as it is stored.
func (t *template) packageWith(v *values) ([]byte, error) {
	rendered := make(map[string]string, len(t.extras))
	size := len(t.zipped)
	for _, p := range t.extras {
		x, err := t.renderPart(p, v)
		if err != nil {
			return nil, err
		}
		rendered[p.name] = x
		size += len(x)
	}
	var buf bytes.Buffer
	buf.Grow(size)
	zw := zip.NewWriter(&buf)
	for _, f := range t.zr.File {
		var err error
		if x, ok := rendered[f.Name]; ok {
			err = storePart(zw, f.Name, []byte(x))
		} else {
			err = zw.Copy(f)
		}
		if err != nil {
			return nil, fmt.Errorf("mở mẫu %s: %w", t.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("mở mẫu %s: %w", t.name, err)
	}
	return buf.Bytes(), nil
}
