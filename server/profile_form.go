package server

import (
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"capdo/levels"
)

// The profile form, drawn from the table of facts (levels.Fields): each fact is an input
// of its kind in the section its row names; components (Art. 5.2) are one YAML textarea,
// because a component is a whole profile and may have components of its own.
//
// The form is turned into one YAML document and read by levels.ParseProfile, exactly like a
// file given to `capdo classify`: one parser, the same checks and the same messages for the
// form, the API and the CLI. static/app.js builds the same document in the browser from the
// description of the inputs the form carries (formFacts).

// formValues are the submitted (or stored) values by profile key.
type formValues map[string][]string

func (v formValues) get(k string) string {
	if len(v[k]) == 0 {
		return ""
	}
	return v[k][0]
}

// Kinds of inputs.
const (
	kindText     = "text"
	kindTextarea = "textarea"
	kindSelect   = "select"
	kindMulti    = "multi"
	kindBool     = "bool"
	kindInt      = "int"
)

// inputKind is the input that holds a fact.
func inputKind(f levels.Field) string {
	switch f.Kind {
	case levels.KindEnum:
		return kindSelect
	case levels.KindList:
		return kindMulti
	case levels.KindBool:
		return kindBool
	case levels.KindInt:
		return kindInt
	}
	if f.Multiline {
		return kindTextarea
	}
	return kindText
}

type option struct {
	Value, Label string
	Selected     bool
}

// formField is one input as the template draws it.
type formField struct {
	Key, Label, Help, Kind string
	Required               bool
	Value                  string
	Checked                bool
	Options                []option
	Problems               []string
}

type fieldGroup struct {
	Title  string
	Fields []formField
}

// factHint describes one input to static/app.js, in table order: the order and encoding of
// the document it builds follow the server's (formDocument).
type factHint struct {
	Key   string `json:"key"`
	Kind  string `json:"kind"`
	Label string `json:"label"`
}

// profileForm lays out the facts of a schema; stdForm is the form of levels.Fields.
type profileForm struct{ schema *levels.Schema }

var stdForm = profileForm{levels.Standard()}

// The pages use the form of levels.Fields.

func buildForm(v formValues, problems map[string][]string) ([]fieldGroup, formField, []string) {
	return stdForm.build(v, problems)
}

func formDocument(v formValues) ([]byte, int) { return stdForm.document(v) }

func profileValues(p levels.Profile) formValues { return stdForm.values(p) }

func formFacts() string { return stdForm.factsJSON() }

// build lays out the values and the problems next to their inputs, section by section.
// Problems of fields the form does not show come back as general problems.
func (pf profileForm) build(v formValues, problems map[string][]string) ([]fieldGroup, formField, []string) {
	var groups []fieldGroup
	shown := map[string]bool{"components": true}
	for _, title := range levels.Sections {
		fg := fieldGroup{Title: title}
		for _, info := range pf.schema.Fields() {
			if info.Section != title {
				continue
			}
			k := info.Key
			shown[k] = true
			help := info.Help
			if h := levels.ReadHint(info); h != "" {
				help += " " + h
			}
			f := formField{Key: k, Label: info.Label, Help: help, Kind: inputKind(info), Required: info.Required,
				Value: v.get(k), Checked: v.get(k) == "true", Problems: problems[k]}
			for _, o := range info.Options {
				f.Options = append(f.Options, option{Value: o.Value, Label: o.Label, Selected: slices.Contains(v[k], o.Value)})
			}
			fg.Fields = append(fg.Fields, f)
		}
		if len(fg.Fields) > 0 {
			groups = append(groups, fg)
		}
	}
	comps := formField{Key: "components", Label: "Hệ thống thành phần", Kind: kindTextarea, Value: v.get("components"),
		Help: "Khoản 2 Điều 5: cấp độ của hệ thống là cấp độ cao nhất của hệ thống và các hệ thống thành phần. " +
			"Mỗi thành phần là một hồ sơ viết bằng YAML (hoặc JSON), với các khóa như hồ sơ chính; để trống nếu không có.",
		Problems: problems["components"]}
	var general []string
	for k, ps := range problems {
		if !shown[k] {
			general = append(general, ps...)
		}
	}
	return groups, comps, general
}

// factsJSON describes the inputs to the page's script, as the JSON the form carries in
// its data-facts attribute (the CSP forbids inline script, data blocks included).
func (pf profileForm) factsJSON() string {
	out := make([]factHint, 0, len(pf.schema.Fields()))
	for _, f := range pf.schema.Fields() {
		out = append(out, factHint{Key: f.Key, Kind: inputKind(f), Label: f.Label})
	}
	b, _ := json.Marshal(out)
	return string(b)
}

// postedValues copies the submitted form (Fiber reuses its buffers after the handler).
func postedValues(c *fiber.Ctx) formValues {
	v := formValues{}
	for k, val := range c.Request().PostArgs().All() {
		key := string(k)
		v[key] = append(v[key], string(val))
	}
	return v
}

var intRe = regexp.MustCompile(`^-?[0-9]+$`)

// fieldLines renders the scalar facts as YAML lines in table order, each value
// JSON-encoded (JSON scalars are YAML). Empty inputs are left out, so a missing required
// fact is reported as missing.
func (pf profileForm) fieldLines(v formValues) []string {
	var lines []string
	for _, f := range pf.schema.Fields() {
		k := f.Key
		val := strings.TrimSpace(v.get(k))
		switch inputKind(f) {
		case kindMulti:
			var xs []string
			for _, x := range v[k] {
				if x = strings.TrimSpace(x); x != "" {
					xs = append(xs, x)
				}
			}
			if len(xs) > 0 {
				b, _ := json.Marshal(xs)
				lines = append(lines, k+": "+string(b))
			}
		case kindBool:
			if val == "true" || val == "on" {
				lines = append(lines, k+": true")
			}
		case kindInt:
			if intRe.MatchString(val) {
				lines = append(lines, k+": "+val)
			} else if val != "" {
				b, _ := json.Marshal(val)
				lines = append(lines, k+": "+string(b))
			}
		default:
			if val != "" {
				b, _ := json.Marshal(val)
				lines = append(lines, k+": "+string(b))
			}
		}
	}
	return lines
}

// document builds the profile document from the form. head is the number of lines before
// the components, so that a problem's line can be shown as a line of the textarea.
func (pf profileForm) document(v formValues) (doc []byte, head int) {
	lines := pf.fieldLines(v)
	comps := strings.TrimRight(strings.ReplaceAll(v.get("components"), "\r\n", "\n"), " \n\t")
	if strings.TrimSpace(comps) != "" {
		lines = append(lines, "components:")
		head = len(lines)
		for _, l := range strings.Split(comps, "\n") {
			lines = append(lines, "  "+l)
		}
	}
	return []byte(strings.Join(lines, "\n") + "\n"), head
}

// problemsByField groups parse problems by the input they belong to.
func problemsByField(ps []levels.Problem, head int) map[string][]string {
	out := map[string][]string{}
	for _, p := range ps {
		key := p.Field
		if i := strings.IndexAny(key, ".["); i >= 0 {
			key = key[:i]
		}
		msg := p.Message
		if p.Field != "" && key == "components" {
			msg = p.Field + ": " + msg
		}
		if head > 0 && p.Line > head {
			key = "components"
			msg = "dòng " + strconv.Itoa(p.Line-head) + ": " + msg
		}
		if key == "" {
			key = "_"
		}
		out[key] = append(out[key], msg)
	}
	return out
}

// values turns a stored profile back into form values.
func (pf profileForm) values(p levels.Profile) formValues {
	v := pf.scalarValues(&p)
	if len(p.Components) > 0 {
		v["components"] = []string{pf.componentsText(p.Components)}
	}
	return v
}

func (pf profileForm) scalarValues(p *levels.Profile) formValues {
	v := formValues{}
	for _, f := range pf.schema.Fields() {
		var s string
		switch f.Kind {
		case levels.KindList:
			if l := p.List(f.Key); len(l) > 0 {
				v[f.Key] = l
			}
			continue
		case levels.KindBool:
			if p.Bool(f.Key) {
				s = "true"
			}
		case levels.KindInt:
			if n := p.Int(f.Key); n != 0 {
				s = strconv.FormatInt(n, 10)
			}
		default:
			s = p.Text(f.Key)
		}
		if s != "" {
			v[f.Key] = []string{s}
		}
	}
	return v
}

// componentsText writes components as a YAML list in form order; nested components are
// written as JSON, which is YAML too.
func (pf profileForm) componentsText(cs []levels.Profile) string {
	var b strings.Builder
	for _, c := range cs {
		lines := pf.fieldLines(pf.scalarValues(&c))
		if len(c.Components) > 0 {
			j, _ := json.Marshal(c.Components)
			lines = append(lines, "components: "+string(j))
		}
		for i, l := range lines {
			if i == 0 {
				b.WriteString("- ")
			} else {
				b.WriteString("  ")
			}
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	return b.String()
}
