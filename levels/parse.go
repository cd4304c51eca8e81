package levels

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// MaxProfileBytes bounds the size of one profile document.
const MaxProfileBytes = 4 << 20

// ParseProfile reads a profile written in YAML or JSON (JSON is YAML), rejects unknown keys
// and wrongly typed values, validates the facts and returns every problem at once as an
// *InvalidError. source names the input in messages ("hoso.yaml", "stdin").
func ParseProfile(data []byte, source string) (Profile, error) {
	return standard.ParseProfile(data, source)
}

// ParseProfile reads a profile whose keys are the facts of the schema.
func (s *Schema) ParseProfile(data []byte, source string) (Profile, error) {
	var p Profile
	fail := func(ps []Problem) (Profile, error) { return Profile{}, &InvalidError{Source: source, Problems: ps} }
	if len(data) > MaxProfileBytes {
		return fail([]Problem{{Message: fmt.Sprintf("tệp quá lớn (%d byte, tối đa %d)", len(data), MaxProfileBytes)}})
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if len(bytes.TrimSpace(data)) == 0 {
		return fail([]Problem{{Message: "tệp rỗng: cần một hồ sơ hệ thống (YAML hoặc JSON)"}})
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); errors.Is(err, io.EOF) {
		return fail([]Problem{{Message: "tệp rỗng: cần một hồ sơ hệ thống (YAML hoặc JSON)"}})
	} else if err != nil {
		if p, ok := tabIndent(data); ok {
			return fail([]Problem{p})
		}
		return fail([]Problem{syntaxProblem(err, data)})
	}
	if len(doc.Content) == 0 || isNull(doc.Content[0]) {
		return fail([]Problem{{Message: "tệp rỗng: cần một hồ sơ hệ thống (YAML hoặc JSON)"}})
	}
	// A second document after "---" would otherwise be dropped without a word.
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case errors.Is(err, io.EOF):
	case err != nil:
		return fail([]Problem{syntaxProblem(err, data)})
	case len(next.Content) > 0 && !isNull(next.Content[0]):
		return fail([]Problem{{Line: next.Content[0].Line, Message: "tệp có nhiều hơn một tài liệu YAML (phân cách bằng «---»); mỗi tệp chỉ chứa một hồ sơ hệ thống"}})
	}
	ps := &problems{lines: map[string]int{}}
	s.decodeProfile(doc.Content[0], "", 0, new(int), &p, ps)
	s.validate(&p, "", ps)
	if len(ps.list) > 0 {
		// In file order; problems without a line (missing keys) last.
		key := func(p Problem) int {
			if p.Line == 0 {
				return math.MaxInt
			}
			return p.Line
		}
		slices.SortStableFunc(ps.list, func(a, b Problem) int { return cmp.Compare(key(a), key(b)) })
		return fail(ps.list)
	}
	return p, nil
}

var yamlLineRe = regexp.MustCompile(`line (\d+)`)

// yamlHints explains the YAML library's most frequent messages to a Vietnamese reader; the
// original text is kept after it for anyone searching the web.
var yamlHints = []struct{ prefix, hint string }{
	{"did not find expected key", "thiếu khóa hoặc thụt lề không thẳng hàng"},
	{"did not find expected '-' indicator", "phần tử danh sách phải bắt đầu bằng «-» và thụt lề thẳng hàng"},
	{"did not find expected ',' or ']'", "danh sách […] chưa đóng hoặc thiếu dấu phẩy"},
	{"did not find expected ',' or '}'", "đối tượng {…} chưa đóng hoặc thiếu dấu phẩy"},
	{"did not find expected node content", "thiếu giá trị"},
	{"mapping values are not allowed in this context", "dấu «:» không đúng chỗ (giá trị có dấu hai chấm cần đặt trong ngoặc kép) hoặc thụt lề sai"},
	{"found unexpected end of stream", "chuỗi trong ngoặc kép chưa đóng"},
	{"found character that cannot start any token", "ký tự không được đứng đầu giá trị (hãy đặt giá trị trong ngoặc kép)"},
	{"could not find expected ':'", "thiếu dấu «:» sau khóa"},
}

// syntaxProblem turns a YAML parser error into a Problem with its line number.
//
// The library counts lines from 1 for scanner errors but from 0 for parser errors ("did
// not find expected …"), and for those it names the line where the enclosing block starts;
// the line is corrected and the message says so.
func syntaxProblem(err error, data []byte) Problem {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	p := Problem{}
	if m := yamlLineRe.FindStringSubmatch(msg); m != nil {
		p.Line, _ = strconv.Atoi(m[1])
		msg = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(yamlLineRe.ReplaceAllString(msg, "")), ":"))
	}
	parser := strings.HasPrefix(msg, "did not find expected")
	if parser {
		p.Line++
	}
	// An error found at the end of the input is on the last line people can see.
	if last := bytes.Count(bytes.TrimRight(data, "\n"), []byte("\n")) + 1; p.Line > last {
		p.Line = last
	}
	text := msg
	for _, h := range yamlHints {
		if strings.HasPrefix(msg, h.prefix) {
			text = h.hint + " (" + msg + ")"
			break
		}
	}
	if parser && p.Line > 0 {
		text += "; nếu dòng này đúng, lỗi nằm ở các dòng tiếp theo của cùng khối"
	}
	p.Message = "lỗi cú pháp YAML: " + text
	return p
}

// tabIndent finds, in a YAML file that failed to parse, a tab in a line's indentation, which
// block YAML forbids; the library reports it at the start of the enclosing value, often
// lines earlier. JSON may be indented with tabs, so JSON input is left to the parser.
func tabIndent(data []byte) (Problem, bool) {
	if t := bytes.TrimSpace(data); len(t) > 0 && (t[0] == '{' || t[0] == '[') {
		return Problem{}, false
	}
	for i, line := range bytes.Split(data, []byte("\n")) {
		indent := line[:len(line)-len(bytes.TrimLeft(line, " \t"))]
		if bytes.IndexByte(indent, '\t') >= 0 && len(bytes.TrimSpace(line)) > 0 {
			return Problem{Line: i + 1, Message: "lỗi cú pháp YAML: thụt lề bằng ký tự tab; YAML chỉ cho phép dấu cách"}, true
		}
	}
	return Problem{}, false
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// decodeProfile fills p from a YAML mapping node. It checks structure and types only;
// validate checks values. count limits the total number of components.
func (s *Schema) decodeProfile(n *yaml.Node, path string, depth int, count *int, p *Profile, ps *problems) {
	if n.Kind != yaml.MappingNode {
		ps.addAt(path, n.Line, "phải là một đối tượng (các cặp khóa: giá trị)")
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			ps.addAt(join(path, "?"), k.Line, "khóa phải là một chuỗi ký tự")
			continue
		}
		key := k.Value
		field := join(path, key)
		// Checked before anything else, so that a misspelt key with an empty value is
		// still an error.
		f, known := s.Field(key)
		if !known && key != "components" {
			ps.addAt(field, k.Line, "khóa không được hỗ trợ%s", s.suggest(key))
			continue
		}
		if seen[key] {
			ps.addAt(field, k.Line, "khóa bị khai báo hai lần")
			continue
		}
		seen[key] = true
		ps.lines[field] = k.Line
		if isNull(v) {
			continue // an empty value means the key is absent
		}
		if v.Kind == yaml.AliasNode || v.Anchor != "" {
			ps.addAt(field, v.Line, "không hỗ trợ tham chiếu YAML (&%s, *%s); hãy viết đầy đủ giá trị", v.Anchor, v.Value)
			continue
		}
		if key == "components" {
			p.Components = s.components(v, field, depth, count, ps)
			continue
		}
		at := s.store[s.index[key]]
		switch f.Kind {
		case KindText, KindEnum:
			p.setTextAt(at, key, str(v, field, ps))
		case KindList:
			p.setListAt(at, key, strList(v, field, ps))
		case KindBool:
			p.setBoolAt(at, key, boolean(v, field, ps))
		case KindInt:
			p.setIntAt(at, key, integer(v, field, ps))
		}
	}
}

func (s *Schema) components(v *yaml.Node, field string, depth int, count *int, ps *problems) []Profile {
	if v.Kind != yaml.SequenceNode {
		ps.addAt(field, v.Line, "phải là một danh sách các hệ thống thành phần")
		return nil
	}
	if depth+1 > MaxComponentDepth {
		ps.addAt(field, v.Line, "hệ thống thành phần lồng nhau quá %d mức", MaxComponentDepth)
		return nil
	}
	if len(v.Content) == 0 {
		return nil // as absent, which is how JSON stores it
	}
	out := make([]Profile, len(v.Content))
	for i, c := range v.Content {
		if c.Kind == yaml.AliasNode || c.Anchor != "" {
			ps.addAt(fmt.Sprintf("%s[%d]", field, i), c.Line, "không hỗ trợ tham chiếu YAML; hãy viết đầy đủ hệ thống thành phần")
			continue
		}
		*count++
		if *count > MaxComponents {
			ps.addAt(field, c.Line, "quá %d hệ thống thành phần", MaxComponents)
			return nil
		}
		s.decodeProfile(c, fmt.Sprintf("%s[%d]", field, i), depth+1, count, &out[i], ps)
	}
	return out
}

// suggest names the known key closest to an unknown one, since unknown keys are usually typos.
func (s *Schema) suggest(key string) string {
	best, dist := "", 3
	for _, f := range append(slices.Clone(s.fields), Field{Key: "components"}) {
		if d := editDistance(key, f.Key); d < dist {
			best, dist = f.Key, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (có phải «%s»?)", best)
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// str accepts any scalar: "name: 2024" is a name, not a number.
func str(v *yaml.Node, field string, ps *problems) string {
	if v.Kind != yaml.ScalarNode {
		ps.addAt(field, v.Line, "phải là một chuỗi ký tự")
		return ""
	}
	return strings.TrimSpace(v.Value)
}

func strList(v *yaml.Node, field string, ps *problems) []string {
	if v.Kind == yaml.ScalarNode { // "info_types: public" is read as a one-item list
		return []string{strings.TrimSpace(v.Value)}
	}
	if v.Kind != yaml.SequenceNode {
		ps.addAt(field, v.Line, "phải là một danh sách")
		return nil
	}
	out := make([]string, 0, len(v.Content))
	for i, c := range v.Content {
		ps.lines[fmt.Sprintf("%s[%d]", field, i)] = c.Line
		if c.Kind != yaml.ScalarNode || isNull(c) {
			ps.addAt(fmt.Sprintf("%s[%d]", field, i), c.Line, "phải là một chuỗi ký tự")
			continue
		}
		out = append(out, strings.TrimSpace(c.Value))
	}
	return out
}

func boolean(v *yaml.Node, field string, ps *problems) bool {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!bool" {
		b, err := strconv.ParseBool(strings.ToLower(v.Value))
		if err == nil {
			return b
		}
	}
	ps.addAt(field, v.Line, "phải là true hoặc false, không phải «%s»", clip(v.Value))
	return false
}

func integer(v *yaml.Node, field string, ps *problems) int64 {
	if v.Kind == yaml.ScalarNode && (v.Tag == "!!int" || v.Tag == "!!float") {
		n, err := ParseCount(v.Value)
		if err != nil {
			ps.addAt(field, v.Line, "%v", err)
		}
		return n
	}
	ps.addAt(field, v.Line, "phải là một số nguyên, không phải «%s»", clip(v.Value))
	return 0
}

var (
	countRe     = regexp.MustCompile(`^[+-]?(0|[1-9][0-9]*)(\.0+)?$`)
	thousandsRe = regexp.MustCompile(`^[+-]?[0-9]{1,3}([.,][0-9]{3})+$`)
)

// ParseCount reads a whole number written in plain digits ("320000", also "320000.0" as
// some JSON writers and spreadsheets print it). Forms that people misread are errors, not
// guesses: "10.000" is ten thousand to a Vietnamese reader but ten to a parser, and
// "012000" is octal to YAML.
func ParseCount(s string) (int64, error) {
	s = strings.TrimSpace(s)
	switch {
	case thousandsRe.MatchString(s):
		return 0, fmt.Errorf("«%s» có dấu phân cách hàng nghìn; hãy viết liền các chữ số, ví dụ %s", clip(s), strings.NewReplacer(".", "", ",", "").Replace(s))
	case !countRe.MatchString(s):
		return 0, fmt.Errorf("phải là một số nguyên viết bằng chữ số (không có số 0 ở đầu), không phải «%s»", clip(s))
	}
	whole, _, _ := strings.Cut(s, ".")
	n, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("số quá lớn: «%s»", clip(s))
	}
	return n, nil
}

func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// ErrInvalid is matched by errors.Is for any *InvalidError.
var ErrInvalid = errors.New("invalid input")

func (e *InvalidError) Is(target error) bool { return target == ErrInvalid }
