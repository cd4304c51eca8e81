package levels

import (
	"context"
	"encoding/binary"
	"maps"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/google/cel-go/cel"
	celast "github.com/google/cel-go/common/ast"
	"github.com/google/cel-go/common/operators"
	"github.com/google/cel-go/common/types"
)

// Which rules match depends only on the facts the rules read, and an inventory of a
// hundred thousand systems holds a few hundred distinct combinations of them. The memo
// remembers, per combination, which rules matched, so that CEL runs once per combination
// rather than once per system. Everything else a decision says (warnings that quote a
// count, the harm inferred from a grade) is still worked out for each profile.
//
// A combination is exact for booleans, enums and lists; a whole number counts by where it
// lies among the constants the rules compare it with (found in the compiled rules when
// the set loads): 9,999 and 5 lie on the same side of every threshold of "personal_data_users
// < 10000", so every rule decides them alike. When a rule reads a number in any other way
// (arithmetic, a comparison with another fact, a function call), nothing bounds how the
// number can matter, and the set evaluates every profile afresh.

// maxMemo bounds the combinations remembered, so that a set shared by a long-running
// server, or an inventory of unusual variety, costs a bounded amount of memory. Beyond
// it, profiles are evaluated afresh.
const maxMemo = 1 << 15

type memo struct {
	// slots are the variables some rule reads, in activation order; cuts holds, for each
	// variable of a whole number, the sorted constants it is compared with.
	slots []int
	cuts  map[int][]int64

	// Lookups read a snapshot without locking or writing anything shared (raters on
	// every core look up every row); entries, under mu, holds every combination, and
	// becomes the snapshot again once looking in it has cost as much as copying it.
	snapshot atomic.Pointer[map[string]*memoEntry]
	mu       sync.Mutex
	entries  map[string]*memoEntry
	misses   int
}

// memoEntry is what one combination of facts decides: the rules matched and, for a
// system without components, its level and decisive rules.
type memoEntry struct {
	matched  []bool
	level    int
	decisive []string
	// other is the level of the matched rules that do not read the raise principle's
	// fact (checks.go, raise), 0 when the set has no such principle.
	other int
}

// newMemo analyses the combined program of a rule set. It returns nil when a rule reads a
// number in a way that thresholds do not capture.
func newMemo(s *Schema, ast *cel.Ast) *memo {
	m := &memo{cuts: map[int][]int64{}, entries: map[string]*memoEntry{}}
	read := map[int]bool{}
	exact := false
	// isVar is the slot of the variable an expression names, if it names one.
	isVar := func(e celast.Expr) (int, bool) {
		if e.Kind() != celast.IdentKind {
			return 0, false
		}
		return s.names.slot(e.AsIdent())
	}
	isInt := func(slot int) bool { return s.fields[s.vars[slot]].Kind == KindInt }
	intLit := func(e celast.Expr) (int64, bool) {
		if e.Kind() != celast.LiteralKind {
			return 0, false
		}
		n, ok := e.AsLiteral().(types.Int)
		return int64(n), ok
	}
	var walk func(e celast.NavigableExpr)
	walk = func(e celast.NavigableExpr) {
		if e.Kind() == celast.IdentKind {
			if slot, ok := isVar(e); ok {
				read[slot] = true
				// A number read other than beside a constant (below) is read exactly.
				exact = exact || isInt(slot)
			}
			return
		}
		if e.Kind() == celast.CallKind && !e.AsCall().IsMemberFunction() && len(e.AsCall().Args()) == 2 {
			c := e.AsCall()
			a, b := c.Args()[0], c.Args()[1]
			switch c.FunctionName() {
			case operators.Less, operators.LessEquals, operators.Greater, operators.GreaterEquals,
				operators.Equals, operators.NotEquals:
				for _, pair := range [][2]celast.Expr{{a, b}, {b, a}} {
					slot, ok := isVar(pair[0])
					n, lit := intLit(pair[1])
					if ok && lit && isInt(slot) {
						read[slot] = true
						m.cuts[slot] = append(m.cuts[slot], n)
						return
					}
				}
			case operators.In, operators.OldIn:
				if slot, ok := isVar(a); ok && isInt(slot) && b.Kind() == celast.ListKind {
					var ns []int64
					for _, x := range b.AsList().Elements() {
						n, lit := intLit(x)
						if !lit {
							ns = nil
							break
						}
						ns = append(ns, n)
					}
					if ns != nil {
						read[slot] = true
						m.cuts[slot] = append(m.cuts[slot], ns...)
						return
					}
				}
			}
		}
		for _, c := range e.Children() {
			walk(c)
		}
	}
	walk(celast.NavigateAST(ast.NativeRep()))
	if exact {
		return nil
	}
	for slot := range s.vars {
		if read[slot] {
			m.slots = append(m.slots, slot)
		}
	}
	for slot, cuts := range m.cuts {
		slices.Sort(cuts)
		m.cuts[slot] = slices.Compact(cuts)
	}
	return m
}

// bucket places n among the sorted cuts: 2i when i cuts lie below n and n is none of
// them, 2i+1 when n is the cut after those i. Two numbers in one bucket compare alike
// with every cut.
func bucket(cuts []int64, n int64) int64 {
	i, found := slices.BinarySearch(cuts, n)
	if found {
		return 2*int64(i) + 1
	}
	return 2 * int64(i)
}

// key writes the combination of an activation into buf; ok is false when a value has no
// code (a list that is not a selection of its options, a value outside an enum's).
func (m *memo) key(a *activation, buf []byte) ([]byte, bool) {
	for _, slot := range m.slots {
		c := a.codes[slot]
		if cuts, ok := m.cuts[slot]; ok {
			c = bucket(cuts, c)
		} else if c < 0 {
			return buf, false
		}
		buf = binary.AppendVarint(buf, c)
	}
	return buf, true
}

func (m *memo) get(key []byte) (*memoEntry, bool) {
	if snap := m.snapshot.Load(); snap != nil {
		if e, ok := (*snap)[string(key)]; ok {
			return e, true
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.entries[string(key)]
	if m.misses++; m.misses > len(m.entries) {
		snap := maps.Clone(m.entries)
		m.snapshot.Store(&snap)
		m.misses = 0
	}
	return e, ok
}

func (m *memo) put(key []byte, e *memoEntry) {
	m.mu.Lock()
	if len(m.entries) < maxMemo {
		m.entries[string(key)] = e
	}
	m.mu.Unlock()
}

// matchMemo finds what the activation's combination of facts decides, in the memo or by
// running the combined program (and remembering it); ok is false when the set has no
// memo, the combination has no key, or the program failed (a failure is never
// remembered). The entry is shared: the caller must not change it.
func (rs *RuleSet) matchMemo(ctx context.Context, act *activation) (*memoEntry, bool) {
	if rs.memo == nil {
		return nil, false
	}
	var buf [64]byte
	key, ok := rs.memo.key(act, buf[:0])
	if !ok {
		return nil, false
	}
	if e, hit := rs.memo.get(key); hit {
		return e, true
	}
	matched, ok := rs.evalAll(ctx, act)
	if !ok {
		return nil, false
	}
	e := &memoEntry{matched: matched, decisive: []string{}}
	for i, r := range rs.Rules {
		if matched[i] {
			e.level = max(e.level, r.Level)
		}
	}
	// As Classify orders reasons: highest level first, then the order of the rule file.
	for i, r := range rs.Rules {
		if matched[i] && r.Level == e.level && !slices.Contains(e.decisive, r.ID) {
			e.decisive = append(e.decisive, r.ID)
		}
	}
	e.decisive = e.decisive[:len(e.decisive):len(e.decisive)] // shared: an append copies
	if r := rs.Principles.RaiseByRisk; r != nil {
		for i, rule := range rs.Rules {
			if matched[i] && !rule.reads[r.Fact] {
				e.other = max(e.other, rule.Level)
			}
		}
	}
	rs.memo.put(key, e)
	return e, true
}
