package dossier

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// TemplateError is a problem found in a template when it is loaded. It names the
// template, the part (word/document.xml, word/header1.xml, …) and the placeholder.
type TemplateError struct {
	Template    string
	Part        string
	Placeholder string
	Problem     string
}

func (e *TemplateError) Error() string {
	var b strings.Builder
	b.WriteString("mẫu ")
	b.WriteString(e.Template)
	if e.Part != "" {
		b.WriteString(" (" + e.Part + ")")
	}
	b.WriteString(": ")
	b.WriteString(e.Problem)
	if e.Placeholder != "" {
		b.WriteString(" «" + e.Placeholder + "»")
	}
	return b.String()
}

// tokenKind is what a placeholder does.
type tokenKind int

const (
	tokField    tokenKind = iota // {{NAME}}
	tokRowField                  // {{row.key}}
	tokOpen                      // {{#if.NAME}}, {{#unless.NAME}}, {{#each.name}}
	tokClose                     // {{/if.NAME}}, …
)

// token is one placeholder found in a part.
type token struct {
	kind  tokenKind
	block string // "if", "unless" or "each", for tokOpen and tokClose
	name  string // field, condition, collection or row key
	raw   string // as written, braces included
	start int
	end   int
}

var (
	fieldNameRe = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)
	keyRe       = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

// lintPart finds every placeholder of a part, checks its syntax and that its name is in the
// data model, and that it lies inside a single text node. It returns all problems, not just
// the first, so that an author can fix a template in one pass.
func lintPart(tmpl, part, x string, ix *index) ([]token, []error) {
	var toks []token
	var errs []error
	fail := func(ph, format string, args ...any) {
		errs = append(errs, &TemplateError{Template: tmpl, Part: part, Placeholder: ph, Problem: fmt.Sprintf(format, args...)})
	}
	for pos := 0; ; {
		i := strings.Index(x[pos:], "{{")
		if i < 0 {
			break
		}
		start := pos + i
		j := strings.Index(x[start+2:], "}}")
		next := strings.Index(x[start+2:], "{{")
		if j < 0 || (next >= 0 && next < j) || strings.ContainsAny(x[start:start+2+j], "<>") {
			fail(fragment(x[start:min(len(x), start+400)]), "trường bị tách qua nhiều đoạn định dạng hoặc thiếu «}}»; hãy gõ lại trường liền một lượt")
			pos = start + 2
			continue
		}
		end := start + 2 + j + 2
		raw := x[start:end]
		pos = end
		if ix.textAt(start, end) < 0 {
			fail(raw, "trường phải nằm trong nội dung văn bản, không nằm trong thuộc tính hay mã trường")
			continue
		}
		t, problem := parseToken(raw)
		if problem != "" {
			fail(raw, "%s", problem)
			continue
		}
		t.start, t.end = start, end
		toks = append(toks, t)
	}
	return toks, errs
}

// parseToken reads one placeholder and checks its name against the data model.
func parseToken(raw string) (token, string) {
	body := strings.TrimSpace(raw[2 : len(raw)-2])
	t := token{raw: raw}
	switch {
	case strings.HasPrefix(body, "#") || strings.HasPrefix(body, "/"):
		t.kind = tokOpen
		if body[0] == '/' {
			t.kind = tokClose
		}
		kind, name, ok := strings.Cut(body[1:], ".")
		if !ok {
			return t, "khối phải có dạng {{#if.TÊN}}, {{#unless.TÊN}} hoặc {{#each.tên}}"
		}
		t.block, t.name = kind, name
		switch kind {
		case "if", "unless":
			if _, ok := conditionDocs[name]; !ok {
				return t, "điều kiện không xác định"
			}
		case "each":
			if _, ok := collectionKeys[name]; !ok {
				return t, "danh sách không xác định"
			}
		default:
			return t, "loại khối không xác định (chỉ có if, unless, each)"
		}
	case strings.HasPrefix(body, "row."):
		t.kind, t.name = tokRowField, body[len("row."):]
		if !keyRe.MatchString(t.name) {
			return t, "tên cột không hợp lệ"
		}
	default:
		t.kind, t.name = tokField, body
		if !fieldNameRe.MatchString(body) {
			return t, "tên trường không hợp lệ (chữ in hoa, chữ số, dấu gạch dưới)"
		}
		if _, ok := fieldDocs[body]; !ok {
			return t, "trường không xác định"
		}
	}
	return t, ""
}

// fragment shows the start of a broken placeholder: its text up to the first markup.
func fragment(s string) string {
	if i := strings.IndexByte(s, '<'); i >= 0 {
		s = s[:i]
	}
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	return s
}

// Fragments of placeholders: what is left of one that was partly deleted or retyped
// (after tracked changes are accepted, "ID}}" or "SYSTEM_ID" with its braces gone). None
// may reach a document, where it would read as garbled text.
var (
	// nameFragmentRe finds an upper-snake word with an underscore, as every multi-word
	// name of the data model has: "SYSTEM_ID", "SYSTEM_", "_ID".
	nameFragmentRe = regexp.MustCompile(`_?[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_?`)
	// blockFragmentRe finds the inside of a block marker or a row field.
	blockFragmentRe = regexp.MustCompile(`(?:[#/](?:if|unless|each)\.|\brow\.)[A-Za-z]`)
)

// nameFragment reports whether a word is a fragment of a name of the data model: it has an
// underscore, at least four characters, and is part of some field or condition name.
func nameFragment(w string) bool {
	if len(w) < 4 || !strings.Contains(w, "_") {
		return false
	}
	for name := range fieldDocs {
		if strings.Contains(name, w) {
			return true
		}
	}
	for name := range conditionDocs {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}

// fragments returns the placeholder fragments in a text.
func fragments(text string) []string {
	var out []string
	for _, s := range []string{"{{", "}}"} {
		if strings.Contains(text, s) {
			out = append(out, s)
		}
	}
	for _, w := range nameFragmentRe.FindAllString(text, -1) {
		if nameFragment(w) && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	for _, w := range blockFragmentRe.FindAllString(text, -1) {
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// lintLiteral checks the literal text of a part, the placeholders taken out, for fragments
// of placeholders.
func lintLiteral(tmpl, part, x string, ix *index, toks []token) []error {
	var errs []error
	ti := 0
	for _, t := range ix.texts {
		e := ix.elems[t]
		var b strings.Builder
		pos := e.innerStart
		for ti < len(toks) && toks[ti].start < e.innerEnd {
			if toks[ti].start >= e.innerStart {
				b.WriteString(x[pos:toks[ti].start])
				b.WriteString(" ")
				pos = toks[ti].end
			}
			ti++
		}
		b.WriteString(x[max(pos, e.innerStart):e.innerEnd])
		for _, f := range fragments(b.String()) {
			errs = append(errs, &TemplateError{Template: tmpl, Part: part, Placeholder: f,
				Problem: "văn bản của mẫu còn mảnh của một trường (trường bị xóa hoặc gõ lại một phần, có thể qua thay đổi được theo dõi); hãy gõ lại trường liền một lượt hoặc xóa hẳn"})
		}
	}
	return errs
}
