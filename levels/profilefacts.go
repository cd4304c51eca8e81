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

// at is where the profile keeps key: the index of its Profile field, or -1 for the map.
func at(key string) int {
	if row, ok := standard.index[key]; ok {
		return standard.store[row]
	}
	if i, ok := profileFields[key]; ok {
		return i
	}
	return -1
}

// The accessors by place, for code that walks the table (Schema.store holds each row's
// place): reading or writing a field goes through reflect, which neither allocates nor
// boxes, so a spreadsheet of a hundred thousand rows costs no more than with named fields.

func (p *Profile) textAt(i int, key string) string {
	if i >= 0 {
		return reflect.ValueOf(p).Elem().Field(i).String()
	}
	s, _ := p.facts[key].(string)
	return s
}

func (p *Profile) listAt(i int, key string) []string {
	if i >= 0 {
		return *reflect.ValueOf(p).Elem().Field(i).Addr().Interface().(*[]string)
	}
	l, _ := p.facts[key].([]string)
	return l
}

func (p *Profile) boolAt(i int, key string) bool {
	if i >= 0 {
		return reflect.ValueOf(p).Elem().Field(i).Bool()
	}
	b, _ := p.facts[key].(bool)
	return b
}

func (p *Profile) intAt(i int, key string) int64 {
	if i >= 0 {
		return reflect.ValueOf(p).Elem().Field(i).Int()
	}
	n, _ := p.facts[key].(int64)
	return n
}

func (p *Profile) setTextAt(i int, key, v string) {
	if i >= 0 {
		reflect.ValueOf(p).Elem().Field(i).SetString(v)
	} else {
		p.setFact(key, v, v == "")
	}
}

func (p *Profile) setListAt(i int, key string, v []string) {
	if i >= 0 {
		*reflect.ValueOf(p).Elem().Field(i).Addr().Interface().(*[]string) = v
	} else {
		p.setFact(key, v, len(v) == 0)
	}
}

func (p *Profile) setBoolAt(i int, key string, v bool) {
	if i >= 0 {
		reflect.ValueOf(p).Elem().Field(i).SetBool(v)
	} else {
		p.setFact(key, v, !v)
	}
}

func (p *Profile) setIntAt(i int, key string, v int64) {
	if i >= 0 {
		reflect.ValueOf(p).Elem().Field(i).SetInt(v)
	} else {
		p.setFact(key, v, v == 0)
	}
}

// setFact keeps a fact in the map, which is replaced rather than changed so that a copy
// of the profile keeps its own; a zero value makes the fact absent.
func (p *Profile) setFact(key string, v any, zero bool) {
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

// Text returns a text or enum fact; "" when absent.
func (p *Profile) Text(key string) string { return p.textAt(at(key), key) }

// List returns a list fact; nil when absent.
func (p *Profile) List(key string) []string { return p.listAt(at(key), key) }

// Bool returns a true-or-false fact; false when absent.
func (p *Profile) Bool(key string) bool { return p.boolAt(at(key), key) }

// Int returns a whole-number fact; 0 when absent.
func (p *Profile) Int(key string) int64 { return p.intAt(at(key), key) }

// SetText, SetList, SetBool and SetInt store a fact of their kind; the zero value makes
// it absent. Values are checked by Validate, not here; a key of another kind is an error.
func (p *Profile) SetText(key, v string) error {
	i, err := place(key, KindText, KindEnum)
	if err == nil {
		p.setTextAt(i, key, v)
	}
	return err
}

func (p *Profile) SetList(key string, v []string) error {
	i, err := place(key, KindList)
	if err == nil {
		p.setListAt(i, key, v)
	}
	return err
}

func (p *Profile) SetBool(key string, v bool) error {
	i, err := place(key, KindBool)
	if err == nil {
		p.setBoolAt(i, key, v)
	}
	return err
}

func (p *Profile) SetInt(key string, v int64) error {
	i, err := place(key, KindInt)
	if err == nil {
		p.setIntAt(i, key, v)
	}
	return err
}

// place is where a fact to be stored goes (see at), refusing a kind other than its row's.
// A key that Fields lacks is another schema's (NewSchema): it goes to the map, of any
// kind (every Profile field has its row, TestFieldsCoverProfile).
func place(key string, kinds ...Kind) (int, error) {
	row, ok := standard.index[key]
	switch {
	case key == "components" || key == "approved_level":
		return 0, fmt.Errorf("levels: %s is not a fact", key)
	case !ok:
		return -1, nil
	case !slices.Contains(kinds, standard.fields[row].Kind):
		return 0, fmt.Errorf("levels: fact %s is of kind %s", key, standard.fields[row].Kind)
	}
	return standard.store[row], nil
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
		p.setFact(k, v.Elem().Interface(), v.Elem().IsZero())
	}
	return nil
}
