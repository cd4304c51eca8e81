package registry

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"time"

	"capdo/levels"
	"capdo/review"
	"capdo/risk"
	"capdo/store"
)

// The cyber risk assessment of Decree 331/2026 Art. 10 (package risk) as part of a system's
// record.
//
// An assessment is recorded with a system version, and recording one always saves a new
// version: the current profile with its risk_level fact set to the assessment's level,
// classified again (docs/contract.md §6: "its level is the version's risk_level"). Versions never
// change, so neither does what a dossier made from one refers to; a dossier made before the
// assessment no longer matches its system and is refused further steps but return
// (store.StaleError), as after any edit.
//
// Later versions carry the newest assessment forward by reference (store.RiskAssessmentAt):
// a profile edit keeps the risk_level fact the assessment set (SaveSystem fills it in when
// the edit leaves it out, and refuses another value). Art. 10.2 b–c calls for a new
// assessment when function, scope, users, information types or technology change, or the
// system grows or connects: RiskOf lists the facts changed since the assessed version, for
// the preparer to judge; it does not block, since whether a change is one of those is a
// judgement the decree leaves to the owner.

// SetRiskMatrix replaces the provisional scoring matrix (risk.LoadMatrixFile: `capdo serve
// --risk-matrix`). Call it before serving.
func (r *Registry) SetRiskMatrix(m *risk.Matrix) {
	if m != nil {
		r.matrix = m
	}
}

// RiskMatrix is the scoring matrix in use: the provisional one shipped with capdo unless
// replaced.
func (r *Registry) RiskMatrix() *risk.Matrix {
	if r.matrix == nil {
		return defaultMatrix
	}
	return r.matrix
}

var defaultMatrix = risk.DefaultMatrix()

// RecordRisk records a cyber risk assessment of the current version of system id, which
// must be in sc's subtree (store.ErrNotFound otherwise), as a new version (see above). The
// assessment is checked again (a *levels.InvalidError names each problem); who assessed
// and when default to the user and today. store.ErrConflict when the system was saved by
// someone else meanwhile: nothing is written.
func (r *Registry) RecordRisk(ctx context.Context, who Actor, sc store.Scope, id int64, a risk.Assessment) (Saved, error) {
	sys, err := r.store.System(ctx, sc, id)
	if err != nil {
		return Saved{}, err
	}
	today := r.now().In(review.Vietnam).Format(time.DateOnly)
	ps := a.Validate()
	if a.AssessedAt > today && !slices.ContainsFunc(ps, func(p levels.Problem) bool { return p.Field == "assessed_at" }) {
		ps = append(ps, levels.Problem{Field: "assessed_at", Message: fmt.Sprintf("ngày đánh giá %s chưa đến (hôm nay là %s)", a.AssessedAt, today)})
	}
	if len(ps) > 0 {
		return Saved{}, &levels.InvalidError{Problems: ps}
	}
	if a.AssessedBy == "" {
		a.AssessedBy = who.Username
	}
	if a.AssessedAt == "" {
		a.AssessedAt = today
	}
	a.Score()
	prof := sys.Profile
	setRiskLevel(&prof, a.Level)
	dec, err := r.Classify(ctx, &prof)
	if err != nil {
		return Saved{}, err
	}
	v, err := r.store.UpdateSystem(ctx, sc, id, store.NewVersion{Profile: prof, Decision: dec, ActorID: who.UserID, Base: sys.Version, Risk: &a})
	if err != nil {
		return Saved{}, err
	}
	return Saved{ID: id, Version: v, Decision: dec}, nil
}

// RiskState is what capdo says about the cyber risk assessment of the system version a
// caller reads.
type RiskState struct {
	System store.System
	// Record is the assessment in force for System.Version; nil when there is none.
	Record *store.RiskAssessment
	Matrix *risk.Matrix
	// Suggestion is the level the register suggests under Matrix.
	Suggestion risk.Suggestion
	// Warnings are Art. 10.5's: risks above the level the assessment supports, or an
	// assessment above the system's level.
	Warnings []string
	// Missing is what the detailed report of Art. 22.5 still lacks at the system's level
	// (levels 4–5), each naming its field.
	Missing []levels.Problem
	// Changed lists, by label, the facts of the profile changed since the version the
	// assessment was recorded with: Art. 10.2 b–c may call for a new one.
	Changed []string
}

// RiskOf reads the assessment of system id as the caller reads the system (store.System:
// the current version in sc's subtree, a routed version otherwise).
func (r *Registry) RiskOf(ctx context.Context, sc store.Scope, id int64) (RiskState, error) {
	sys, err := r.store.System(ctx, sc, id)
	if err != nil {
		return RiskState{}, err
	}
	st := RiskState{System: sys, Matrix: r.RiskMatrix()}
	rec, err := r.store.RiskAssessmentAt(ctx, id, sys.Version)
	if errors.Is(err, store.ErrNotFound) {
		return st, nil
	}
	if err != nil {
		return RiskState{}, err
	}
	st.Record = &rec
	a := &rec.Assessment
	st.Suggestion = st.Matrix.Suggest(a)
	st.Warnings = a.Warnings(st.Matrix, sys.Level)
	st.Missing = a.CompleteFor(sys.Level, riskNeeds(&sys.Profile)...)
	if rec.Version != sys.Version {
		vs, err := r.store.SystemVersions(ctx, sc, id)
		if err != nil {
			return RiskState{}, err
		}
		for _, v := range vs {
			if v.Version == rec.Version {
				st.Changed = changedFacts(&v.Profile, &sys.Profile)
			}
		}
	}
	return st, nil
}

// riskNeeds are the conditions of the system that make more of Art. 22.5 required: the
// 24/7 justification (point d) for a system that must run around the clock (Art. 14.2)
// [suy luận: always_on stands for the Art. 14.2 requirement].
func riskNeeds(p *levels.Profile) []risk.Need {
	if p.AlwaysOn {
		return []risk.Need{risk.AlwaysOn}
	}
	return nil
}

// notTriggers are the facts whose change is no change of the system in the sense of Art.
// 10.2 b–c: names, the description, and the assessment's own level.
var notTriggers = []string{"id", "name", "owner", "operator", "description", "risk_level"}

// changedFacts lists the labels of the facts (levels.Fields, and components) that differ
// between two profiles, besides notTriggers.
func changedFacts(before, after *levels.Profile) []string {
	a, b := factMap(before), factMap(after)
	var out []string
	for _, f := range levels.Fields {
		if !slices.Contains(notTriggers, f.Key) && !reflect.DeepEqual(a[f.Key], b[f.Key]) {
			out = append(out, f.Label)
		}
	}
	if !reflect.DeepEqual(a["components"], b["components"]) {
		out = append(out, "Hệ thống thành phần")
	}
	return out
}

// factMap is a profile as its JSON object: each fact by key, absent when not declared.
func factMap(p *levels.Profile) map[string]any {
	data, err := json.Marshal(p)
	if err != nil {
		return nil
	}
	var m map[string]any
	json.Unmarshal(data, &m)
	return m
}

// carryRisk keeps, in a new version of system id, the risk_level fact of the assessment the
// version carries: filled in when the profile leaves it out, a problem of risk_level when
// it says another level (a new assessment changes it, RecordRisk).
func (r *Registry) carryRisk(ctx context.Context, sc store.Scope, id int64, p *levels.Profile) error {
	if id == 0 {
		return nil
	}
	sys, err := r.store.System(ctx, sc, id)
	if err != nil {
		return err
	}
	rec, err := r.store.RiskAssessmentAt(ctx, id, sys.Version)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	switch n := riskLevel(p); {
	case n == 0:
		setRiskLevel(p, rec.Assessment.Level)
	case n != rec.Assessment.Level:
		return &levels.InvalidError{Problems: []levels.Problem{{Field: "risk_level", Message: fmt.Sprintf(
			"là cấp độ mà đánh giá rủi ro an ninh mạng hỗ trợ: %d theo đánh giá lập ở phiên bản %d (%s); muốn đổi, hãy lập đánh giá rủi ro mới",
			rec.Assessment.Level, rec.Version, rec.Assessment.AssessedAt)}}}
	}
	return nil
}
