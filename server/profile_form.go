package server

import (
	"encoding/json"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"capdo/levels"
)

// The profile form, drawn from the table of facts (levels.Fields): each fact is an input
// of its kind in the section its row names. Components (Art. 5.2) are rows of the same
// inputs, named components.N.<key>; a component's own components are kept whole, as JSON
// in a hidden input, since a row cannot hold a tree.
//
// The form is turned into one YAML document and read by levels.ParseProfile, exactly like a
// file given to `capdo classify`: one parser and the same checks for the form, the API and
// the CLI. Two things belong to the form alone:
//   - numbers as people type them: "320.000" and "320 000" are 320000 (formInt, the reading
//     an imported inventory shares: levels.TypedDigits); YAML and JSON keep strict numbers
//     (levels.ParseCount refuses "10.000");
//   - messages in people's words: a problem names the field by its Vietnamese label and its
//     allowed values by theirs, never a code such as citizen_business (formMessage).
//
// The live preview (static/app.js) posts the same form to /profile/preview and gets the
// level or the problems back from this same code.

// formValues are the submitted (or stored) values by input name.
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
	Key         string // the fact
	Name, ID    string // the input's name and the suffix of its ids (in-ID, f-ID)
	Label, Help string
	Kind        string
	Required    bool
	Value       string
	Checked     bool
	Options     []option
	Problems    []string
	Hidden      bool // does not matter for the type and information chosen, and is empty
	Placeholder string
}

type fieldGroup struct {
	Title  string
	Fields []formField
	Hidden bool // every field of it is hidden
}

// componentRow is one component as the form shows it: its name, type and information
// first, then the facts that decide a level, then the rest folded away.
type componentRow struct {
	Index  int // position, from 0; Num is Index + 1
	Num    string
	Prefix string // of its inputs' names: components.N.
	Main   []formField
	Facts  []formField
	More   []formField
	// MoreOpen: something folded away is filled in or wrong.
	MoreOpen bool
	// Nested is the component's own components as JSON, kept as they are; NestedNames
	// names them.
	Nested      string
	NestedNames []string
	Problems    []string // problems of the row as a whole
}

// formProblem is one line of the summary above the form: a link to the input.
type formProblem struct {
	ID, Label, Message string
}

// builtForm is everything the form template draws from the values and problems.
type builtForm struct {
	Groups     []fieldGroup
	Components []componentRow
	// Template is an empty row whose names hold the placeholder rowSlot; app.js copies it
	// to add a row without a round trip.
	Template componentRow
	General  []string
	Summary  []formProblem
}

// rowSlot and numSlot stand for a row's index and number in the template row.
const (
	rowSlot = "__N__"
	numSlot = "__NUM__"
)

// factHint describes one input to static/app.js: its relevance and its label.
type factHint struct {
	Key   string    `json:"key"`
	Kind  string    `json:"kind"`
	Label string    `json:"label"`
	When  relevance `json:"when,omitzero"`
}

// relevance says when a fact matters: for the system types listed, and for systems
// handling one of the kinds of information listed or having one of the flags set. It is
// the other side of levels/validate.go coherence(), which warns about such a fact declared
// where it does not apply.
type relevance struct {
	Types []string `json:"types,omitempty"`
	Infos []string `json:"infos,omitempty"`
	Flags []string `json:"flags,omitempty"`
}

var relevanceOf = map[string]relevance{
	"infra_scope":                  {Types: []string{"infrastructure"}},
	"ics_work_grade":               {Types: []string{"industrial_control"}},
	"online_public_service_level":  {Types: []string{"citizen_business"}},
	"conditional_business_service": {Types: []string{"citizen_business"}},
	"personal_data_users":          {Infos: []string{"private", "personal"}},
	"basic_pd_subjects":            {Infos: []string{"private", "personal"}},
	"sensitive_pd_subjects":        {Infos: []string{"private", "personal"}},
	"secret_grade":                 {Infos: []string{"state_secret"}},
	"security_harm":                {Infos: []string{"state_secret"}, Flags: []string{"defense_security"}},
	"strategic":                    {Infos: []string{"state_secret"}, Flags: []string{"defense_security"}},
}

// holds tells whether the fact matters for the values under prefix. What is not chosen
// yet decides nothing: with no type chosen every type's facts are shown.
func (r relevance) holds(v formValues, prefix string) bool {
	if t := v.get(prefix + "system_type"); len(r.Types) > 0 && t != "" && !slices.Contains(r.Types, t) {
		return false
	}
	if len(r.Infos) == 0 && len(r.Flags) == 0 {
		return true
	}
	for _, f := range r.Flags {
		if isOn(v.get(prefix + f)) {
			return true
		}
	}
	infos := nonEmpty(v[prefix+"info_types"])
	if len(infos) == 0 {
		return true
	}
	for _, i := range infos {
		if slices.Contains(r.Infos, i) {
			return true
		}
	}
	return false
}

func isOn(s string) bool { return s == "true" || s == "on" }

func nonEmpty(xs []string) []string {
	var out []string
	for _, x := range xs {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// profileForm lays out the facts of a schema; stdForm is the form of levels.Fields.
type profileForm struct{ schema *levels.Schema }

var stdForm = profileForm{levels.Standard()}

// The pages use the form of levels.Fields.

func buildForm(v formValues, problems map[string][]string) builtForm {
	return stdForm.build(v, problems)
}

func profileValues(p levels.Profile) formValues { return stdForm.values(p) }

func formFacts() string { return stdForm.factsJSON() }

// field lays out one fact of the values under prefix.
func (pf profileForm) field(info levels.Field, v formValues, prefix, idPrefix string, problems map[string][]string) formField {
	k := info.Key
	help := info.Help
	if h := levels.ReadHint(info); h != "" {
		help += " " + h
	}
	name := prefix + k
	f := formField{Key: k, Name: name, ID: idPrefix + k, Label: info.Label, Help: help, Kind: inputKind(info), Required: info.Required,
		Value: v.get(name), Checked: isOn(v.get(name)), Problems: problems[name]}
	for _, o := range info.Options {
		f.Options = append(f.Options, option{Value: o.Value, Label: o.Label, Selected: slices.Contains(v[name], o.Value)})
	}
	if info.Kind == levels.KindInt && info.Max == 0 {
		f.Placeholder = "ví dụ 320.000" // a count, as officials write it
	}
	if r, ok := relevanceOf[k]; ok {
		empty := strings.TrimSpace(f.Value) == "" && len(nonEmpty(v[name])) == 0
		f.Hidden = !r.holds(v, prefix) && empty && len(f.Problems) == 0
	}
	return f
}

// build lays out the values and the problems next to their inputs, section by section,
// then the component rows. Problems of fields the form does not show come back as general
// problems; every problem is also a line of the summary.
func (pf profileForm) build(v formValues, problems map[string][]string) builtForm {
	var out builtForm
	shown := map[string]bool{}
	for _, title := range levels.Sections {
		fg := fieldGroup{Title: title, Hidden: true}
		for _, info := range pf.schema.Fields() {
			if info.Section != title {
				continue
			}
			f := pf.field(info, v, "", "", problems)
			shown[f.Name] = true
			fg.Fields = append(fg.Fields, f)
			fg.Hidden = fg.Hidden && f.Hidden
			for _, p := range f.Problems {
				out.Summary = append(out.Summary, formProblem{ID: "in-" + f.ID, Label: f.Label, Message: p})
			}
		}
		if len(fg.Fields) > 0 {
			out.Groups = append(out.Groups, fg)
		}
	}
	for i, row := range componentRows(v) {
		r := pf.row(i, row.values, problems)
		out.Components = append(out.Components, r)
		for _, f := range slices.Concat(r.Main, r.Facts, r.More) {
			shown[f.Name] = true
			for _, p := range f.Problems {
				out.Summary = append(out.Summary, formProblem{ID: "in-" + f.ID, Label: "Thành phần " + r.Num + " — " + f.Label, Message: p})
			}
		}
		shown[r.Prefix+"components"] = true
		for _, p := range r.Problems {
			out.Summary = append(out.Summary, formProblem{ID: "comp-" + strconv.Itoa(i), Label: "Thành phần " + r.Num, Message: p})
		}
	}
	out.Template = pf.row(-1, formValues{}, nil)
	keys := make([]string, 0, len(problems))
	for k := range problems {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !shown[k] {
			out.General = append(out.General, problems[k]...)
			for _, p := range problems[k] {
				out.Summary = append(out.Summary, formProblem{Message: p})
			}
		}
	}
	return out
}

// The facts of a component row: its name, type and information first; the general facts
// and the procedural ones folded away (a component's procedure is its system's).
var componentMain = []string{"name", "system_type", "info_types"}

func foldedInRow(f levels.Field) bool {
	return f.Section == levels.Sections[0] || f.Section == levels.Sections[len(levels.Sections)-1] || f.Procedural
}

// row lays out component row i (-1: the template row) of values v (keys without prefix).
func (pf profileForm) row(i int, v formValues, problems map[string][]string) componentRow {
	idx := rowSlot
	if i >= 0 {
		idx = strconv.Itoa(i)
	}
	prefix := "components." + idx + "."
	r := componentRow{Index: i, Num: strconv.Itoa(i + 1), Prefix: prefix}
	if i < 0 {
		r.Num = numSlot
	}
	pv := formValues{}
	for k, x := range v {
		pv[prefix+k] = x
	}
	idPrefix := "c" + idx + "-"
	for _, k := range componentMain {
		info, _ := pf.schema.Field(k)
		r.Main = append(r.Main, pf.field(info, pv, prefix, idPrefix, problems))
	}
	for _, info := range pf.schema.Fields() {
		if slices.Contains(componentMain, info.Key) {
			continue
		}
		f := pf.field(info, pv, prefix, idPrefix, problems)
		if info.Key == "owner" {
			f.Required = false // a component's owner is its system's (validate.go)
			f.Help = "Để trống: chủ quản của hệ thống chính."
		}
		if foldedInRow(info) {
			r.More = append(r.More, f)
			if f.Value != "" || f.Checked || len(f.Problems) > 0 {
				r.MoreOpen = true
			}
		} else {
			r.Facts = append(r.Facts, f)
		}
	}
	r.Nested = v.get("components")
	var nested []struct {
		Name string `json:"name"`
	}
	if json.Unmarshal([]byte(r.Nested), &nested) == nil {
		for _, n := range nested {
			r.NestedNames = append(r.NestedNames, n.Name)
		}
	}
	r.Problems = problems[prefix+"components"]
	return r
}

// factsJSON describes the inputs to the page's script, as the JSON the form carries in
// its data-facts attribute (the CSP forbids inline script, data blocks included).
func (pf profileForm) factsJSON() string {
	out := make([]factHint, 0, len(pf.schema.Fields()))
	for _, f := range pf.schema.Fields() {
		out = append(out, factHint{Key: f.Key, Kind: inputKind(f), Label: f.Label, When: relevanceOf[f.Key]})
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

// postedRow is one component row of a posted form: the index it was posted under and
// its values without the prefix.
type postedRow struct {
	index  int
	values formValues
}

// componentRows gathers the rows of components.N.<key> inputs in the order of N. A row
// posted with nothing but its marker (_row) is an empty row, kept on the page.
func componentRows(v formValues) []postedRow {
	byIndex := map[int]formValues{}
	for k, x := range v {
		rest, ok := strings.CutPrefix(k, "components.")
		if !ok {
			continue
		}
		n, key, ok := strings.Cut(rest, ".")
		i, err := strconv.Atoi(n)
		if !ok || err != nil || i < 0 || i > levels.MaxComponents {
			continue
		}
		if byIndex[i] == nil {
			byIndex[i] = formValues{}
		}
		byIndex[i][key] = x
	}
	out := make([]postedRow, 0, len(byIndex))
	for i, row := range byIndex {
		out = append(out, postedRow{i, row})
	}
	slices.SortFunc(out, func(a, b postedRow) int { return a.index - b.index })
	return out
}

// rowEmpty: nothing typed in the row; it is left out of the profile.
func rowEmpty(v formValues) bool {
	for k, x := range v {
		if k == "_row" {
			continue
		}
		if len(nonEmpty(x)) > 0 {
			return false
		}
	}
	return true
}

// formAction applies the no-JavaScript buttons of the component rows to the posted
// values: "add" adds an empty row, "remove-N" removes the row posted as N. The rows are
// numbered again from 0 in their order. It reports whether the post was such an action
// (or "refresh", which shows the fields that matter for what is chosen), not a save.
func formAction(v formValues) (formValues, bool) {
	act := v.get("_form")
	if act == "" {
		return v, false
	}
	rows := componentRows(v)
	switch {
	case act == "add":
		rows = append(rows, postedRow{index: -1, values: formValues{"_row": {"1"}}})
	case strings.HasPrefix(act, "remove-"):
		n, err := strconv.Atoi(strings.TrimPrefix(act, "remove-"))
		if err == nil {
			rows = slices.DeleteFunc(rows, func(r postedRow) bool { return r.index == n })
		}
	}
	out := formValues{}
	for k, x := range v {
		if k != "_form" && !strings.HasPrefix(k, "components.") {
			out[k] = x
		}
	}
	for i, r := range rows {
		for k, x := range r.values {
			out["components."+strconv.Itoa(i)+"."+k] = x
		}
		out["components."+strconv.Itoa(i)+"._row"] = []string{"1"}
	}
	return out, true
}

// fieldLines renders the scalar facts of the values under prefix as YAML lines in table
// order, each value JSON-encoded (JSON scalars are YAML). Empty inputs are left out, so a
// missing required fact is reported as missing. A number that cannot be read is left out
// too and reported in problems under its input's name.
func (pf profileForm) fieldLines(v formValues, prefix string, problems map[string][]string) []string {
	var lines []string
	for _, f := range pf.schema.Fields() {
		k := f.Key
		val := strings.TrimSpace(v.get(prefix + k))
		switch inputKind(f) {
		case kindMulti:
			if xs := nonEmpty(v[prefix+k]); len(xs) > 0 {
				b, _ := json.Marshal(xs)
				lines = append(lines, k+": "+string(b))
			}
		case kindBool:
			if isOn(val) {
				lines = append(lines, k+": true")
			}
		case kindInt:
			if val == "" {
				continue
			}
			if n, problem := formInt(val); problem != "" {
				problems[prefix+k] = append(problems[prefix+k], problem)
			} else {
				lines = append(lines, k+": "+n)
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

// document builds the profile document from the form, with the problems found before
// parsing (numbers that cannot be read, a component's components that are not JSON), by
// input name, and the position on the page of each component of the document.
func (pf profileForm) document(v formValues) (doc []byte, problems map[string][]string, rows []int) {
	problems = map[string][]string{}
	lines := pf.fieldLines(v, "", problems)
	var comps []string
	for pos, r := range componentRows(v) {
		if rowEmpty(r.values) {
			continue
		}
		prefix := "components." + strconv.Itoa(pos) + "."
		rv := formValues{}
		for k, x := range r.values {
			rv[prefix+k] = x
		}
		// Read under the row's position on the page, which is how problems are shown.
		cl := pf.fieldLines(rv, prefix, problems)
		if nested := strings.TrimSpace(r.values.get("components")); nested != "" {
			var raw []json.RawMessage
			if err := json.Unmarshal([]byte(nested), &raw); err != nil {
				problems[prefix+"components"] = append(problems[prefix+"components"], "các hệ thống thành phần của thành phần này không đọc được")
			} else {
				b, _ := json.Marshal(raw)
				cl = append(cl, "components: "+string(b))
			}
		}
		if len(cl) == 0 {
			continue
		}
		rows = append(rows, pos)
		for i, l := range cl {
			if i == 0 {
				comps = append(comps, "  - "+l)
			} else {
				comps = append(comps, "    "+l)
			}
		}
	}
	if len(comps) > 0 {
		lines = append(lines, "components:")
		lines = append(lines, comps...)
	}
	return []byte(strings.Join(lines, "\n") + "\n"), problems, rows
}

// formInt reads a count as an official types it (levels.TypedDigits, which an imported
// inventory reads with too): 320000, 320.000 or 320 000; "3,5" and "1.20" are refused.
// It returns the digits, or the problem.
func formInt(s string) (string, string) {
	d, err := levels.TypedDigits(s)
	if err != nil {
		return "", err.Error()
	}
	return d, ""
}

// formProblems turns the parser's problems into problems by input name, in people's
// words, added to into. rows gives the page position of each component of the document.
// A problem of a component's own components, which the row keeps whole, belongs to the
// row, with its path inside it.
func (pf profileForm) formProblems(ps []levels.Problem, rows []int, into map[string][]string) map[string][]string {
	if into == nil {
		into = map[string][]string{}
	}
	add := func(name, msg string) { into[name] = append(into[name], msg) }
	for _, p := range ps {
		path := p.Field
		rest, inComponent := strings.CutPrefix(path, "components[")
		if !inComponent {
			key := path
			if j := strings.IndexAny(key, ".["); j >= 0 {
				key = key[:j]
			}
			if key == "" {
				key = "_"
			}
			add(key, pf.formMessage(key, p.Message))
			continue
		}
		n, tail, _ := strings.Cut(rest, "]")
		i, err := strconv.Atoi(n)
		if err != nil || i < 0 || i >= len(rows) {
			add("components", pf.formMessage("", p.Message))
			continue
		}
		prefix := "components." + strconv.Itoa(rows[i]) + "."
		tail = strings.TrimPrefix(tail, ".")
		key := tail
		if j := strings.IndexAny(tail, ".["); j >= 0 {
			key = tail[:j]
		}
		switch {
		case key == "":
			add(prefix+"components", pf.formMessage("", p.Message))
		case key == "components":
			add(prefix+"components", pf.nestedPath(tail)+": "+pf.formMessage(lastKey(tail), p.Message))
		default:
			add(prefix+key, pf.formMessage(key, p.Message))
		}
	}
	return into
}

// lastKey is the fact a path ends with: components[0].system_type → system_type.
func lastKey(path string) string {
	if j := strings.LastIndex(path, "."); j >= 0 {
		path = path[j+1:]
	}
	if j := strings.Index(path, "["); j >= 0 {
		path = path[:j]
	}
	return path
}

// nestedPath names a path inside a component in words: components[1].system_type reads
// "thành phần con 2 — «Loại hệ thống»".
func (pf profileForm) nestedPath(path string) string {
	var parts []string
	for _, seg := range strings.Split(path, ".") {
		if rest, ok := strings.CutPrefix(seg, "components["); ok {
			n, _ := strconv.Atoi(strings.TrimSuffix(rest, "]"))
			parts = append(parts, "thành phần con "+strconv.Itoa(n+1))
			continue
		}
		key, _, _ := strings.Cut(seg, "[")
		if f, ok := pf.schema.Field(key); ok {
			parts = append(parts, "«"+f.Label+"»")
		} else {
			parts = append(parts, seg)
		}
	}
	return strings.Join(parts, " — ")
}

// describe gives the id suffix (f-ID, in-ID) and the label of an input by name, for the
// problems the preview sends back.
func (pf profileForm) describe(name string) (id, label string) {
	rest, ok := strings.CutPrefix(name, "components.")
	if !ok {
		if f, ok := pf.schema.Field(name); ok {
			return name, f.Label
		}
		return "", ""
	}
	n, key, _ := strings.Cut(rest, ".")
	i, _ := strconv.Atoi(n)
	row := "Thành phần " + strconv.Itoa(i+1)
	if key == "components" {
		return "comp-" + n, row
	}
	if f, ok := pf.schema.Field(key); ok {
		return "c" + n + "-" + key, row + " — " + f.Label
	}
	return "comp-" + n, row
}

// wordRe finds the words of a message, any script.
var wordRe = regexp.MustCompile(`[\p{L}\p{N}_]+`)

// formMessage rewrites a parser message in the form's words: a fact's key becomes its
// label, and a value of the fact the message is about (key), or of a fact the message
// names, becomes the option's label — "giá trị hợp lệ: internal, citizen_business" reads
// "giá trị hợp lệ: «Hệ thống nội bộ», «Hệ thống phục vụ người dân, doanh nghiệp»".
func (pf profileForm) formMessage(key, msg string) string {
	about := map[string]bool{key: true}
	for _, w := range wordRe.FindAllString(msg, -1) {
		if _, ok := pf.schema.Field(w); ok {
			about[w] = true
		}
	}
	values := map[string]string{}
	for k := range about {
		if f, ok := pf.schema.Field(k); ok {
			for _, o := range f.Options {
				values[o.Value] = o.Label
			}
		}
	}
	return wordRe.ReplaceAllStringFunc(msg, func(w string) string {
		if l, ok := values[w]; ok {
			return "«" + l + "»"
		}
		if f, ok := pf.schema.Field(w); ok {
			return "«" + f.Label + "»"
		}
		return w
	})
}

// values turns a stored profile back into form values; counts are written with
// thousands separators, as people read them.
func (pf profileForm) values(p levels.Profile) formValues {
	v := pf.scalarValues(&p, "")
	for i, c := range p.Components {
		prefix := "components." + strconv.Itoa(i) + "."
		for k, x := range pf.scalarValues(&c, prefix) {
			v[k] = x
		}
		v[prefix+"_row"] = []string{"1"}
		if len(c.Components) > 0 {
			b, _ := json.Marshal(c.Components)
			v[prefix+"components"] = []string{string(b)}
		}
	}
	return v
}

func (pf profileForm) scalarValues(p *levels.Profile, prefix string) formValues {
	v := formValues{}
	for _, f := range pf.schema.Fields() {
		var s string
		switch f.Kind {
		case levels.KindList:
			if l := p.List(f.Key); len(l) > 0 {
				v[prefix+f.Key] = l
			}
			continue
		case levels.KindBool:
			if p.Bool(f.Key) {
				s = "true"
			}
		case levels.KindInt:
			if n := p.Int(f.Key); n != 0 {
				s = thousands(int(n))
			}
		default:
			s = p.Text(f.Key)
		}
		if s != "" {
			v[prefix+f.Key] = []string{s}
		}
	}
	return v
}
