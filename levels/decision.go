package levels

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
)

// Decision is the outcome of classifying one profile: the level and every reason for it.
// Its JSON form is the output of `capdo classify --format json` (docs/contract.md §3).
type Decision struct {
	ID      string `json:"id,omitempty"`
	Name    string `json:"name"`
	Owner   string `json:"owner,omitempty"`
	Level   int    `json:"level"`
	RuleSet string `json:"rule_set"`
	// RuleSetDigest is the SHA-256 of the rule file that decided.
	RuleSetDigest string `json:"rule_set_digest"`
	// RuleSetStatus and Notes say how far the rule set itself can be relied on.
	RuleSetStatus string   `json:"rule_set_status"`
	Reasons       []Reason `json:"reasons"`
	// Decisive lists the ids of the reasons at the final level (the report's "rules").
	Decisive []string `json:"decisive"`
	Warnings []string `json:"warnings"`
	// WarningFacts names by key the facts that warnings name by label (additive: the
	// warnings themselves are sentences for people).
	WarningFacts []WarningFact       `json:"warning_facts,omitempty"`
	Notes        []string            `json:"notes,omitempty"`
	Components   []ComponentDecision `json:"components,omitempty"`
}

// Reason is one criterion that matched.
type Reason struct {
	Rule     string `json:"rule"`
	Level    int    `json:"level"`
	Citation string `json:"citation"`
	Message  string `json:"message"`
	// Component names the component system the criterion matched, when not the system itself.
	Component string `json:"component,omitempty"`
	// Basis is law_text, secondary_source or inferred; Note says what to check.
	Basis string `json:"basis,omitempty"`
	Note  string `json:"note,omitempty"`
}

// ComponentDecision is the level of one component system (Art. 5.2).
type ComponentDecision struct {
	Name  string `json:"name"`
	Level int    `json:"level"`
}

// decisive returns the ids of the reasons at the given level, without repeats.
func decisive(rs []Reason, level int) []string {
	out := []string{}
	if level == 0 {
		return out
	}
	for _, r := range rs {
		if r.Level == level && !slices.Contains(out, r.Rule) {
			out = append(out, r.Rule)
		}
	}
	return out
}

// MatchedRules returns the ids of every reason, without repeats, in order.
func (d *Decision) MatchedRules() []string {
	var out []string
	for _, r := range d.Reasons {
		if !slices.Contains(out, r.Rule) {
			out = append(out, r.Rule)
		}
	}
	return out
}

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
