package levels

import (
	"math"
	"slices"

	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/checker"
	"github.com/google/cel-go/common/types"
	"github.com/google/cel-go/common/types/ref"
	"github.com/google/cel-go/interpreter"
)

// The CEL variables a rule may read are the facts of the schema that are not free text,
// named by their keys, so a rule reads like the profile it judges. security_harm is the
// effective degree of harm: the declared one, or the one inferred from secret_grade (with a
// warning). The keys below are those that Go code of this package names.
const (
	keyInfoTypes     = "info_types"
	keySecurityHarm  = "security_harm"
	keyPersonalUsers = "personal_data_users"
	keyBasicSubj     = "basic_pd_subjects"
	keySensitiveSubj = "sensitive_pd_subjects"
)

// Bounds on what one rule may cost. Real criteria cost tens of units; the limits only stop
// a hostile or broken rule file.
const (
	maxRuleCost    = 10_000
	interruptEvery = 100
)

// celType is the CEL type of a variable of each kind.
var celType = map[Kind]*cel.Type{
	KindEnum: cel.StringType, KindList: cel.ListType(cel.StringType), KindBool: cel.BoolType, KindInt: cel.IntType,
}

// ruleEnv is the typed CEL environment of the schema's variables, shared by every rule set
// compiled with it. Building it is costly, so it is built once.
func (s *Schema) ruleEnv() (*cel.Env, error) {
	s.envOnce.Do(func() {
		opts := make([]cel.EnvOption, len(s.vars))
		for slot, row := range s.vars {
			f := &s.fields[row]
			opts[slot] = cel.Variable(f.Key, celType[f.Kind])
		}
		s.env, s.envErr = cel.NewEnv(opts...)
	})
	return s.env, s.envErr
}

// sizeEstimator tells the CEL cost checker how large inputs can be, so a rule's worst-case
// cost is known when it loads: a list holds each option at most once (Validate drops
// repeats), anything else is taken as up to 64 long.
type sizeEstimator struct{ s *Schema }

func (e sizeEstimator) EstimateSize(n checker.AstNode) *checker.SizeEstimate {
	if p := n.Path(); len(p) > 0 {
		if f, ok := e.s.Field(p[0]); ok && f.Kind == KindList {
			return &checker.SizeEstimate{Min: 0, Max: uint64(len(f.Options))}
		}
	}
	return &checker.SizeEstimate{Min: 0, Max: 64}
}

func (sizeEstimator) EstimateCallCost(string, string, *checker.AstNode, []checker.AstNode) *checker.CallEstimate {
	return nil
}

// activation hands a profile's facts to CEL. Values are converted (and boxed) once per
// system, not once per rule, in the schema's variable order. Each value is also held as a
// number, its code, which is all the memo needs (memo.go): an activation is first encoded,
// and boxed for CEL only when a rule must run.
type activation struct {
	names *varNames
	vals  []ref.Val
	// codes hold each value as a number: a boolean as 0 or 1, an enum as its option's
	// place from 1 (0 when absent), a list as listCode, a whole number as itself; -1 for a
	// value that has no code.
	codes []int64
	p     *Profile // the profile read, whose lists and odd values box takes
	boxed bool     // vals are set
}

// varNames finds a variable's place by name. CEL asks for a name each time a rule reads
// it, tens of times per system, so names are grouped by length: a lookup compares one to
// three strings (in table order, so system_type and info_types come first) and hashes
// none.
type varNames struct {
	byLen [][]varName
}

type varName struct {
	name string
	slot int
}

func newVarNames(names []string) *varNames {
	n := &varNames{}
	for slot, name := range names {
		for len(n.byLen) <= len(name) {
			n.byLen = append(n.byLen, nil)
		}
		n.byLen[len(name)] = append(n.byLen[len(name)], varName{name, slot})
	}
	return n
}

func (n *varNames) slot(name string) (int, bool) {
	if len(name) < len(n.byLen) {
		for _, v := range n.byLen[len(name)] {
			if v.name == name {
				return v.slot, true
			}
		}
	}
	return 0, false
}

// activation reads every variable of the profile. Activations are reused (release):
// rerating an inventory classifies a hundred thousand profiles, and allocating one per
// profile cost a tenth of classifying one.
func (s *Schema) activation(p *Profile) *activation {
	a := s.encode(p)
	s.box(a)
	return a
}

// encode reads the code of every variable of the profile, without boxing values for CEL
// (box does that).
func (s *Schema) encode(p *Profile) *activation {
	a := s.emptyActivation()
	a.p, a.boxed = p, false
	for slot, row := range s.vars {
		key, at := s.fields[row].Key, s.store[row]
		switch s.fields[row].Kind {
		case KindBool:
			a.codes[slot] = 0
			if p.boolAt(at, key) {
				a.codes[slot] = 1
			}
		case KindInt:
			a.codes[slot] = p.intAt(at, key)
		case KindEnum:
			a.codes[slot] = s.enumCode(slot, p.textAt(at, key))
		case KindList:
			a.codes[slot] = s.listCode(slot, p.listAt(at, key))
		}
	}
	return a
}

// box sets the CEL value of every variable from its code, or from the profile for a list
// or a value without a code.
func (s *Schema) box(a *activation) {
	if a.boxed {
		return
	}
	for slot, row := range s.vars {
		c, key, at := a.codes[slot], s.fields[row].Key, s.store[row]
		switch s.fields[row].Kind {
		case KindBool:
			a.vals[slot] = types.Bool(c == 1)
		case KindInt:
			a.vals[slot] = types.Int(c)
		case KindEnum:
			a.vals[slot] = s.enumValue(slot, c, a.p.textAt(at, key))
		case KindList:
			a.vals[slot] = s.listValue(slot, c, a.p.listAt(at, key))
		}
	}
	a.boxed = true
}

// release hands an activation back for reuse once no evaluation reads it any more (CEL
// keeps no reference to it after Eval returns).
func (s *Schema) release(a *activation) {
	clear(a.vals)
	a.p = nil
	s.activations.Put(a)
}

// setEnum replaces the value of an enum variable of the schema.
func (s *Schema) setEnum(a *activation, key, v string) {
	if slot, ok := a.names.slot(key); ok {
		a.codes[slot] = s.enumCode(slot, v)
		if a.boxed {
			a.vals[slot] = s.enumValue(slot, a.codes[slot], v)
		}
	}
}

// setInt replaces the value of a whole-number variable of the schema.
func (a *activation) setInt(key string, n int64) {
	if slot, ok := a.names.slot(key); ok {
		a.codes[slot] = n
		if a.boxed {
			a.vals[slot] = types.Int(n)
		}
	}
}

// clone copies an activation of the schema, so that the copy may be changed; release it
// like the original.
func (s *Schema) clone(a *activation) *activation {
	c := s.emptyActivation()
	copy(c.vals, a.vals)
	copy(c.codes, a.codes)
	c.p, c.boxed = a.p, a.boxed
	return c
}

// emptyActivation returns a released activation, or a new one.
func (s *Schema) emptyActivation() *activation {
	if a, ok := s.activations.Get().(*activation); ok {
		return a
	}
	return &activation{names: s.names, vals: make([]ref.Val, len(s.vars)), codes: make([]int64, len(s.vars))}
}

func (a *activation) ResolveName(name string) (any, bool) {
	if i, ok := a.names.slot(name); ok {
		return a.vals[i], true
	}
	return nil, false
}

func (a *activation) Parent() interpreter.Activation { return nil }

// enumValues boxes each option once, then the empty string.
func enumValues(opts []Option) []ref.Val {
	out := make([]ref.Val, len(opts)+1)
	for i, o := range opts {
		out[i] = types.String(o.Value)
	}
	out[len(opts)] = types.String("")
	return out
}

// enumCode is the code of an enum variable's value: 0 when absent, else the option's
// place from 1; -1 for a value that is no option.
func (s *Schema) enumCode(slot int, v string) int64 {
	if v == "" {
		return 0
	}
	for i, o := range s.fields[s.vars[slot]].Options {
		if o.Value == v {
			return int64(i) + 1
		}
	}
	return -1
}

// enumValue is the CEL value of an enum variable whose code is c and value v, ready-made
// for the values it allows.
func (s *Schema) enumValue(slot int, c int64, v string) ref.Val {
	vals := s.enums[slot]
	switch {
	case c == 0:
		return vals[len(vals)-1]
	case c > 0:
		return vals[c-1]
	}
	return types.String(v)
}

// listValues holds a ready CEL list for every ordered selection of distinct options (65
// of them for four options), keyed by listKey, so classifying builds no list.
func listValues(opts []Option) map[int]ref.Val {
	m := map[int]ref.Val{}
	var walk func(sel []int)
	walk = func(sel []int) {
		k := 0
		vals := make([]ref.Val, len(sel))
		for i, o := range sel {
			k = k*(len(opts)+1) + o + 1
			vals[i] = types.String(opts[o].Value)
		}
		m[k] = types.NewRefValList(types.DefaultTypeAdapter, vals)
		for o := range opts {
			if !slices.Contains(sel, o) {
				walk(append(slices.Clone(sel), o))
			}
		}
	}
	walk(nil)
	return m
}

// listCode is the code of a list: the list read as a number in base len(options)+1,
// each item being the place of its option from 1 (the key of listValues); -1 when an
// item is no option or the number would not fit.
func (s *Schema) listCode(slot int, list []string) int64 {
	opts := s.fields[s.vars[slot]].Options
	base := int64(len(opts) + 1)
	k := int64(0)
	for _, v := range list {
		i := slices.IndexFunc(opts, func(o Option) bool { return o.Value == v })
		if i < 0 || k > (math.MaxInt64-base)/base {
			return -1
		}
		k = k*base + int64(i) + 1
	}
	return k
}

// listValue is the CEL value of a list variable whose code is c: a ready list when the
// list holds distinct options, else a new one.
func (s *Schema) listValue(slot int, c int64, list []string) ref.Val {
	if v, hit := s.lists[slot][int(c)]; hit && c >= 0 {
		return v
	}
	return types.NewStringList(types.DefaultTypeAdapter, list)
}
