package levels

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"sync"

	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/common/types/ref"
)

// Schema is the table of facts made ready for use: lookups by key and by label, where each
// fact is stored, and the CEL variables of the facts rules read. Standard() is the schema
// of Fields, used by everything in capdo; NewSchema builds another one, which is how a
// test proves that a row added to a copy of the table reaches every surface.
type Schema struct {
	fields []Field
	index  map[string]int    // key → row
	labels map[string]string // normalised label → key
	// store holds, per row, the index of the Profile field that keeps the fact, or -1 when
	// the fact is kept in the profile's map.
	store []int
	// allowed holds, per row, the values of its options.
	allowed [][]string
	// vars are the rows rules may read (all but free text), in table order; an
	// activation holds their values in the same order, slots maps a name to its place.
	vars  []int
	slots map[string]int
	names *varNames
	// enums holds, per variable of an enum, the option values ready for CEL (the
	// empty string last), so that building an activation boxes no string.
	enums [][]ref.Val
	// lists holds, per variable of a list, a ready CEL list for every ordered
	// selection of distinct options, by listKey.
	lists []map[int]ref.Val
	// warnable are the variables whose declaration a rule set may ignore unnoticed:
	// neither required (every profile declares those) nor procedural.
	warnable []int
	values   map[string]string // option value → label, over every row

	activations sync.Pool // of *activation, see activation

	envOnce sync.Once
	env     *cel.Env
	envErr  error
}

var standard = mustSchema(Fields)

// Standard returns the schema of Fields.
func Standard() *Schema { return standard }

func mustSchema(fields []Field) *Schema {
	s, err := NewSchema(fields)
	if err != nil {
		panic("levels.Fields: " + err.Error())
	}
	return s
}

var keyRe = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// maxCachedOptions bounds the options of a list whose selections are all built ahead
// (5 options: 326 lists).
const maxCachedOptions = 5

// NewSchema checks a table of facts and prepares it. The table is code: any inconsistency
// is an error that names the row.
func NewSchema(fields []Field) (*Schema, error) {
	s := &Schema{
		fields: slices.Clone(fields),
		index:  map[string]int{},
		// Components, and the level an inventory says is approved today (inventory), have
		// labels too though they are no facts.
		labels: map[string]string{normLabel("Thành phần"): "components", normLabel("Cấp độ đã phê duyệt"): "approved_level"},
		slots:  map[string]int{},
		values: map[string]string{},
	}
	for i, f := range s.fields {
		bad := func(format string, args ...any) error {
			return fmt.Errorf("fact %q: %s", f.Key, fmt.Sprintf(format, args...))
		}
		if !keyRe.MatchString(f.Key) || f.Key == "components" || f.Key == "approved_level" {
			return nil, bad("the key must be snake_case and not components or approved_level")
		}
		if _, dup := s.index[f.Key]; dup {
			return nil, bad("the key is listed twice")
		}
		s.index[f.Key] = i
		if f.Label == "" || f.Help == "" {
			return nil, bad("needs a label and help")
		}
		if k, dup := s.labels[normLabel(f.Label)]; dup {
			return nil, bad("the label %q is also the label of %s", f.Label, k)
		}
		s.labels[normLabel(f.Label)] = f.Key
		if !slices.Contains(Sections, f.Section) {
			return nil, bad("section %q is not one of Sections", f.Section)
		}
		enumerated := f.Kind == KindEnum || f.Kind == KindList
		switch {
		case !slices.Contains([]Kind{KindText, KindEnum, KindList, KindBool, KindInt}, f.Kind):
			return nil, bad("unknown kind %q", f.Kind)
		case enumerated != (len(f.Options) > 0):
			return nil, bad("options are for enums and lists, which need them")
		case f.Kind != KindInt && (f.Min != 0 || f.Max != 0 || f.RangeNote != ""):
			return nil, bad("bounds are for ints")
		case f.Kind == KindInt && f.Max != 0 && f.Max <= f.Min:
			return nil, bad("max must exceed min")
		case f.Required && (f.Kind == KindBool || f.Kind == KindInt):
			return nil, bad("a bool or int always has a value and cannot be required")
		case f.Multiline && f.Kind != KindText:
			return nil, bad("only text is multiline")
		case (f.Item != "") != (f.Kind == KindList && f.Required):
			return nil, bad("a required list names its item, nothing else does")
		}
		for j, o := range f.Options {
			if o.Value == "" || o.Label == "" || slices.ContainsFunc(f.Options[:j], func(x Option) bool { return x.Value == o.Value }) {
				return nil, bad("option %d is empty or repeated", j)
			}
			// ValueLabel names a value without its fact, so a value means one thing.
			if l, ok := s.values[o.Value]; ok && l != o.Label {
				return nil, bad("option %s is labelled %q here and %q in another fact", o.Value, o.Label, l)
			}
			s.values[o.Value] = o.Label
		}
		st := -1
		if fi, ok := profileFields[f.Key]; ok {
			st = fi
			if want := goType[f.Kind]; reflect.TypeFor[Profile]().Field(fi).Type != want {
				return nil, bad("Profile keeps it in a field of type %s, its kind needs %s", reflect.TypeFor[Profile]().Field(fi).Type, want)
			}
		}
		s.store = append(s.store, st)
		var allowed []string
		for _, o := range f.Options {
			allowed = append(allowed, o.Value)
		}
		s.allowed = append(s.allowed, allowed)
		if f.Kind == KindText {
			continue
		}
		slot := len(s.vars)
		s.vars = append(s.vars, i)
		s.slots[f.Key] = slot
		s.enums = append(s.enums, nil)
		s.lists = append(s.lists, nil)
		switch f.Kind {
		case KindEnum:
			s.enums[slot] = enumValues(f.Options)
		case KindList:
			if len(f.Options) <= maxCachedOptions {
				s.lists[slot] = listValues(f.Options)
			}
		}
		if !f.Required && !f.Procedural {
			s.warnable = append(s.warnable, slot)
		}
	}
	names := make([]string, len(s.vars))
	for slot, row := range s.vars {
		names[slot] = s.fields[row].Key
	}
	s.names = newVarNames(names)
	for _, f := range s.fields {
		if f.ReadThrough != "" {
			if _, ok := s.slots[f.ReadThrough]; !ok {
				return nil, fmt.Errorf("fact %q: read through %q, which is not a fact rules read", f.Key, f.ReadThrough)
			}
		}
	}
	return s, nil
}

// Fields returns the rows of the schema, in order. The caller must not modify them.
func (s *Schema) Fields() []Field { return s.fields }

// Field returns the row of a key.
func (s *Schema) Field(key string) (Field, bool) {
	i, ok := s.index[key]
	if !ok {
		return Field{}, false
	}
	return s.fields[i], true
}

// Kind returns the kind of a key's fact, "" for a key the schema lacks.
func (s *Schema) Kind(key string) Kind {
	if i, ok := s.index[key]; ok {
		return s.fields[i].Kind
	}
	return ""
}

// KeyOfLabel maps a Vietnamese label (case- and space-insensitive) to its key; "Thành
// phần" names components and "Cấp độ đã phê duyệt" approved_level.
func (s *Schema) KeyOfLabel(label string) (string, bool) {
	k, ok := s.labels[normLabel(label)]
	return k, ok
}

// FieldByLabel maps a Vietnamese label of the standard schema to its key.
func FieldByLabel(label string) (string, bool) { return standard.KeyOfLabel(label) }

// Values returns the allowed values of an enum or list, in order.
func (s *Schema) Values(key string) []string {
	if i, ok := s.index[key]; ok {
		return slices.Clone(s.allowed[i])
	}
	return nil
}

// ValueLabel returns the Vietnamese name of an enum value, or the value itself.
func ValueLabel(v string) string {
	if l, ok := standard.values[v]; ok {
		return l
	}
	return v
}

// goType is the Go type of a value of each kind: a Profile field holding a fact has it, and
// Profile.Set takes it.
var goType = map[Kind]reflect.Type{
	KindText: reflect.TypeFor[string](), KindEnum: reflect.TypeFor[string](),
	KindList: reflect.TypeFor[[]string](), KindBool: reflect.TypeFor[bool](), KindInt: reflect.TypeFor[int64](),
}

// declared reports whether the profile (pv is its reflect.Value) gives the fact of a row a
// value other than its zero.
func (s *Schema) declared(pv reflect.Value, p *Profile, row int) bool {
	if at := s.store[row]; at >= 0 {
		return !pv.Field(at).IsZero()
	}
	_, ok := p.facts[s.fields[row].Key]
	return ok
}
