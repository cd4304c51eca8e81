package registry

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"capdo/levels"
	"capdo/store"
)

// ErrRuleSetGone: the rule set a dossier recorded is no longer available — not built in,
// not the server's, and no rule file stored with the dossier (one made with an agency file
// before dossiers pinned it, and the server now started with another).
var ErrRuleSetGone = errors.New("không còn bộ quy tắc mà hồ sơ được lập theo")

// ruleSetNamed resolves the rule set a new dossier is asked to use: "" for the rule set in
// force, else a built-in set's id or the id of the rule set in force. A path is never
// read: the name comes from a request. An unknown name is a problem of field rule_set.
func (r *Registry) ruleSetNamed(name string) (*levels.RuleSet, *store.RuleFile, error) {
	if name == "" || name == r.rules.ID {
		return r.rules, r.file, nil
	}
	rs, err := builtIn(name)
	if err != nil {
		return nil, nil, err
	}
	if rs == nil {
		known, err := r.RuleSetNames()
		if err != nil {
			return nil, nil, err
		}
		return nil, nil, &levels.InvalidError{Problems: []levels.Problem{{Field: "rule_set",
			Message: fmt.Sprintf("không có bộ quy tắc «%s»; dùng một trong: %s", name, strings.Join(known, ", "))}}}
	}
	return rs, nil, nil
}

// RuleSetNames lists the rule sets a dossier may be made with: the built-in ones and the
// one in force, by id.
func (r *Registry) RuleSetNames() ([]string, error) {
	sets, err := levels.Embedded()
	if err != nil {
		return nil, err
	}
	var out []string
	for _, rs := range sets {
		out = append(out, rs.ID)
	}
	if b, _ := builtIn(r.rules.ID); b == nil {
		out = append(out, r.rules.ID)
	}
	return out, nil
}

// RuleSetOf returns the rule set a dossier was made with, to show what it says about
// itself (its status: a dossier under a repealed decree says so). A built-in set is capdo's
// current one of that id, whose status follows the law; an agency's set is compiled from
// the file stored with the dossier. ErrRuleSetGone when neither is available.
func (r *Registry) RuleSetOf(ctx context.Context, d store.Dossier) (*levels.RuleSet, error) {
	if rs, err := builtIn(d.RuleSet); rs != nil || err != nil {
		return rs, err
	}
	if r.rules.ID == d.RuleSet && r.rules.Digest == d.RuleSetDigest {
		return r.rules, nil
	}
	rs, err := r.compiledFile(ctx, d.RuleSetDigest)
	if errors.Is(err, store.ErrNotFound) {
		// Made before rule files were stored: resolved as it always was.
		if rs, err := r.legacyRuleSet(d); err == nil {
			return rs, nil
		}
		return nil, fmt.Errorf("%w «%s»", ErrRuleSetGone, d.RuleSet)
	}
	if err != nil {
		return nil, err
	}
	if rs.ID != d.RuleSet {
		return nil, fmt.Errorf("hồ sơ %d: tệp quy tắc đã lưu là bộ %s, không phải %s", d.ID, rs.ID, d.RuleSet)
	}
	return rs, nil
}

// compiledFile compiles the stored rule file with this digest, once per process.
func (r *Registry) compiledFile(ctx context.Context, digest string) (*levels.RuleSet, error) {
	r.mu.Lock()
	rs, ok := r.compiled[digest]
	r.mu.Unlock()
	if ok {
		return rs, nil
	}
	f, err := r.store.RuleFile(ctx, digest)
	if err != nil {
		return nil, err
	}
	if rs, err = levels.Load(f.Content, f.Name); err != nil {
		return nil, fmt.Errorf("tệp quy tắc đã lưu %s: %w", f.Name, err)
	}
	if rs.Digest != digest {
		return nil, fmt.Errorf("tệp quy tắc đã lưu %s không khớp mã băm %s", f.Name, digest)
	}
	r.mu.Lock()
	r.compiled[digest] = rs
	r.mu.Unlock()
	return rs, nil
}

// legacyRuleSet resolves the rule set of a dossier made before procedures were pinned, as
// the server always did: the rule set in force when its id matches, else the built-in set
// of that id.
func (r *Registry) legacyRuleSet(d store.Dossier) (*levels.RuleSet, error) {
	if d.RuleSet == r.rules.ID {
		return r.rules, nil
	}
	rs, err := builtIn(d.RuleSet)
	if err != nil {
		return nil, err
	}
	if rs == nil {
		return nil, fmt.Errorf("%w «%s»", ErrRuleSetGone, d.RuleSet)
	}
	return rs, nil
}
