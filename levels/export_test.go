package levels

// Memoised reports whether the set remembers which rules matched each combination of
// facts (memo.go).
func Memoised(rs *RuleSet) bool { return rs.memo != nil }

// MemoCuts returns, per fact, the constants the set's rules compare the fact with.
func MemoCuts(rs *RuleSet) map[string][]int64 {
	out := map[string][]int64{}
	if rs.memo != nil {
		for slot, cuts := range rs.memo.cuts {
			out[rs.schema.fields[rs.schema.vars[slot]].Key] = cuts
		}
	}
	return out
}

// MemoSize is the number of combinations the set remembers.
func MemoSize(rs *RuleSet) int {
	if rs.memo == nil {
		return 0
	}
	rs.memo.mu.Lock()
	defer rs.memo.mu.Unlock()
	return len(rs.memo.entries)
}

// WithoutMemo returns a copy of the set that evaluates every profile afresh.
func WithoutMemo(rs *RuleSet) *RuleSet {
	c := *rs
	c.memo = nil
	return &c
}
