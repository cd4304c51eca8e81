package levels

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Problem is one thing wrong with an input, named by its field path (e.g.
// "components[1].system_type") and, when known, the line of the source file.
type Problem struct {
	Field   string `json:"field"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

func (p Problem) String() string {
	var b strings.Builder
	if p.Line > 0 {
		fmt.Fprintf(&b, "dòng %d: ", p.Line)
	}
	if p.Field != "" {
		b.WriteString(p.Field)
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	return oneLine(b.String())
}

// InvalidError reports every problem found in one input at once.
type InvalidError struct {
	Source   string // file name, "stdin", or empty
	Problems []Problem
}

func (e *InvalidError) Error() string {
	return strings.Join(e.Lines(), "\n")
}

// Lines renders one line per problem, prefixed with the source and line like a compiler:
// "hoso.yaml:7: system_type: …".
func (e *InvalidError) Lines() []string {
	out := make([]string, 0, len(e.Problems))
	for _, p := range e.Problems {
		var b strings.Builder
		if e.Source != "" {
			b.WriteString(e.Source)
			if p.Line > 0 {
				fmt.Fprintf(&b, ":%d", p.Line)
			}
			b.WriteString(": ")
		} else if p.Line > 0 {
			fmt.Fprintf(&b, "dòng %d: ", p.Line)
		}
		if p.Field != "" {
			b.WriteString(p.Field)
			b.WriteString(": ")
		}
		b.WriteString(p.Message)
		out = append(out, oneLine(b.String()))
	}
	return out
}

// oneLine escapes control characters that came from the input (a key or value with a
// newline in it), so each problem stays on one line of standard error.
func oneLine(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case unicode.IsControl(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// problems collects Problems while a profile is decoded and validated.
type problems struct {
	list  []Problem
	lines map[string]int  // field path → line where the key was written
	bad   map[string]bool // fields that could not be decoded: validation stays quiet on them
}

// add records a validation problem, unless decoding already reported the field.
func (ps *problems) add(field, format string, args ...any) {
	if ps.bad[field] || ps.bad[strings.TrimRight(field, "]0123456789[")] {
		return
	}
	ps.list = append(ps.list, Problem{Field: field, Line: ps.lines[field], Message: fmt.Sprintf(format, args...)})
}

// addAt records a decoding problem at a known line.
func (ps *problems) addAt(field string, line int, format string, args ...any) {
	if ps.bad == nil {
		ps.bad = map[string]bool{}
	}
	ps.bad[field] = true
	ps.list = append(ps.list, Problem{Field: field, Line: line, Message: fmt.Sprintf(format, args...)})
}

// normLabel folds a human-written label for lookup: NFC, lower case, single spaces.
func normLabel(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(norm.NFC.String(s))), " ")
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
