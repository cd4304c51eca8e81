package registry

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync"
	"time"

	"capdo/dossier"
	"capdo/levels"
	"capdo/people"
	"capdo/risk"
	"capdo/store"
)

// Registry performs the domain operations. It is safe for concurrent use.
type Registry struct {
	store  store.Store
	engine *dossier.Engine
	// rules is the rule set new classifications use, and new dossiers unless another is
	// named (`capdo serve --rules`); file is its rule file when it is an agency's own.
	rules *levels.RuleSet
	file  *store.RuleFile
	now   func() time.Time
	// onStep runs after each workflow step (OnStep); nil: nothing.
	onStep func(ctx context.Context, dossierID int64)
	// matrix scores risk registers (risk.go); nil: the provisional one shipped.
	matrix *risk.Matrix

	mu sync.Mutex
	// limits bound uploads (SetUploadLimits).
	limits UploadLimits
	// compiled holds the agency rule sets compiled from stored rule files, by digest: a
	// dossier page should not compile its rule file every time it is shown.
	compiled map[string]*levels.RuleSet
	// ratings keeps each system version's decision under each rule set (rerate.go).
	ratings ratingCache
}

// Actor is the user an operation is done as.
type Actor struct {
	UserID   int64
	Username string
	Role     string
	// OrgID is the actor's organisation: a designated independent appraiser acts as its
	// organisation (Decree 331 Art. 18.4).
	OrgID int64
	// Contact is the person's name, title, phone and e-mail when the account has them,
	// for the documents a dossier generates (signature blocks).
	Contact people.Contact
}

// New returns a registry over st. rules is the rule set in force for new classifications
// and dossiers; when it is an agency's own file, the file is read now, checked against the
// digest it was compiled from, and kept, so that every dossier made with it can store it.
// engine renders dossiers; now is the clock (time.Now when nil).
func New(st store.Store, engine *dossier.Engine, rules *levels.RuleSet, now func() time.Time) (*Registry, error) {
	if rules == nil {
		return nil, fmt.Errorf("registry: no rule set")
	}
	if now == nil {
		now = time.Now
	}
	r := &Registry{store: st, engine: engine, rules: rules, now: now, limits: DefaultUploadLimits, compiled: map[string]*levels.RuleSet{}}
	builtIn, err := builtIn(rules.ID)
	if err != nil {
		return nil, err
	}
	if builtIn == nil || builtIn.Digest != rules.Digest {
		if r.file, err = readRuleFile(rules); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// Rules is the rule set in force for new classifications and dossiers.
func (r *Registry) Rules() *levels.RuleSet { return r.rules }

// readRuleFile reads an agency rule set's file again, as it must be stored with the
// dossiers made with it. The file is the one levels compiled the set from moments ago;
// should it have changed in between, the digest says so.
func readRuleFile(rs *levels.RuleSet) (*store.RuleFile, error) {
	data, err := levels.ReadFileLimited(rs.File, levels.MaxRuleFileBytes)
	if err != nil {
		return nil, fmt.Errorf("bộ quy tắc %s: không đọc lại được tệp %s để lưu kèm hồ sơ: %w", rs.ID, rs.File, err)
	}
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != rs.Digest {
		return nil, fmt.Errorf("bộ quy tắc %s: tệp %s vừa thay đổi trong lúc đọc; hãy khởi động lại", rs.ID, rs.File)
	}
	return &store.RuleFile{Digest: rs.Digest, RuleSet: rs.ID, Name: rs.File, Content: data}, nil
}

// builtIn returns the rule set built into capdo with this id, or nil.
func builtIn(id string) (*levels.RuleSet, error) {
	sets, err := levels.Embedded()
	if err != nil {
		return nil, err
	}
	for _, rs := range sets {
		if rs.ID == id {
			return rs, nil
		}
	}
	return nil, nil
}
