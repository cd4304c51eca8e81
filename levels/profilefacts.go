package levels

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
)

// Where a profile keeps each fact: the Profile field whose JSON name is the fact's key, or
// else the profile's map of facts. Code that knows a fact by name reads its field; code
// that walks the table (decoders, forms, CEL) goes through the accessors below, which
// work for both.

// profileFields maps a key to the index of the Profile field that keeps the fact.
var profileFields = func() map[string]int {
	m := map[string]int{}
	t := reflect.TypeFor[Profile]()
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" && name != "components" {
			m[name] = i
		}
	}
	return m
}()

// field returns a pointer to the Profile field that keeps key (*string, *[]string, *bool
// or *int64), or nil when the fact is kept in the map.
func (p *Profile) field(key string) any {
	if i, ok := profileFields[key]; ok {
		return reflect.ValueOf(p).Elem().Field(i).Addr().Interface()
	}
	return nil
}

// Bool returns a true-or-false fact; false when absent.
func (p *Profile) Bool(key string) bool {
	if b, ok := p.field(key).(*bool); ok {
		return *b
	}
	b, _ := p.facts[key].(bool)
	return b
}

// Int returns a whole-number fact; 0 when absent.
func (p *Profile) Int(key string) int64 {
	if n, ok := p.field(key).(*int64); ok {
		return *n
	}
	n, _ := p.facts[key].(int64)
	return n
}

// Text returns a text or enum fact; "" when absent.
func (p *Profile) Text(key string) string {
	if s, ok := p.field(key).(*string); ok {
		return *s
	}
	s, _ := p.facts[key].(string)
	return s
}

// List returns a list fact; nil when absent.
func (p *Profile) List(key string) []string {
	if l, ok := p.field(key).(*[]string); ok {
		return *l
	}
	l, _ := p.facts[key].([]string)
	return l
}

// Set stores a fact: v is a string (text, enum), []string (list), bool or int64. Setting
// the zero value makes the fact absent. Values are checked by Validate, not here.
func (p *Profile) Set(key string, v any) error {
	wrong := func(want string) error {
		return fmt.Errorf("levels: fact %s takes a %s, not %T", key, want, v)
	}
	switch ptr := p.field(key).(type) {
	case *string:
		s, ok := v.(string)
		if !ok {
			return wrong("string")
		}
		*ptr = s
	case *[]string:
		l, ok := v.([]string)
		if !ok {
			return wrong("[]string")
		}
		*ptr = l
	case *bool:
		b, ok := v.(bool)
		if !ok {
			return wrong("bool")
		}
		*ptr = b
	case *int64:
		n, ok := v.(int64)
		if !ok {
			return wrong("int64")
		}
		*ptr = n
	default:
		if key == "components" {
			return fmt.Errorf("levels: components are not a fact")
		}
		// A fact of Fields takes its kind's type; another schema's (NewSchema) any of them.
		if f, ok := standard.Field(key); ok && reflect.TypeOf(v) != goType[f.Kind] {
			return wrong(goType[f.Kind].String())
		}
		zero := false
		switch x := v.(type) {
		case string:
			zero = x == ""
		case []string:
			zero = len(x) == 0
		case bool:
			zero = !x
		case int64:
			zero = x == 0
		default:
			return wrong("string, []string, bool or int64")
		}
		m := maps.Clone(p.facts)
		if zero {
			delete(m, key)
		} else {
			if m == nil {
				m = map[string]any{}
			}
			m[key] = v
		}
		if len(m) == 0 {
			m = nil
		}
		p.facts = m
	}
	return nil
}

// profileJSON is Profile without its methods: the encoding of its fields.
type profileJSON Profile

// MarshalJSON writes the fields of Profile, then the facts kept in its map, in the order of
// Fields, each only when declared (as omitempty does for the fields).
func (p Profile) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	// An encoder that wraps this one decides on HTML escaping.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(profileJSON(p)); err != nil {
		return nil, err
	}
	b := bytes.TrimRight(buf.Bytes(), "\n")
	if len(p.facts) == 0 {
		return b, nil
	}
	keys := slices.Collect(maps.Keys(p.facts))
	slices.SortFunc(keys, func(a, b string) int {
		ia, oka := standard.index[a]
		ib, okb := standard.index[b]
		switch {
		case oka && okb:
			return ia - ib
		case oka != okb: // facts of the table first
			if oka {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	out := bytes.Clone(b[:len(b)-1]) // without the closing brace
	for _, k := range keys {
		buf.Reset()
		if err := enc.Encode(map[string]any{k: p.facts[k]}); err != nil {
			return nil, err
		}
		kv := bytes.TrimRight(buf.Bytes(), "\n")
		if out[len(out)-1] != '{' {
			out = append(out, ',')
		}
		out = append(out, kv[1:len(kv)-1]...)
	}
	return append(out, '}'), nil
}

// UnmarshalJSON reads what MarshalJSON wrote. Keys that are neither a field nor a fact of
// Fields are ignored, as encoding/json ignores unknown fields.
func (p *Profile) UnmarshalJSON(data []byte) error {
	var q profileJSON
	if err := json.Unmarshal(data, &q); err != nil {
		return err
	}
	*p = Profile(q)
	var all map[string]json.RawMessage
	if err := json.Unmarshal(data, &all); err != nil {
		return err
	}
	for k, raw := range all {
		f, ok := standard.Field(k)
		if _, inField := profileFields[k]; !ok || inField {
			continue // unknown, or decoded above
		}
		v := reflect.New(goType[f.Kind])
		if err := json.Unmarshal(raw, v.Interface()); err != nil {
			return fmt.Errorf("profile: %s: %w", k, err)
		}
		if err := p.Set(k, v.Elem().Interface()); err != nil {
			return err
		}
	}
	return nil
}
