package registry

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"capdo/dossier"
	"capdo/levels"
	"capdo/review"
	"capdo/risk"
	"capdo/store"
)

// Made is a dossier just made.
type Made struct {
	ID      int64
	Level   int
	RuleSet string
	Status  review.Status
}

// MakeDossier makes a dossier of the current version of system systemID (in sc) and stores
// it as a draft, with its documents, so that it never changes afterwards. The system's
// returned dossiers and drafts of an older system version are withdrawn with it: the new
// version replaces them.
//
// ruleSet names the rule set ("" for the one in force; see ruleSetNamed). The profile is
// classified again with it, so that the dossier, its decision and the digest recorded with
// it always agree. The dossier pins the procedure in force for its level and, for an
// agency's rule set, the rule file: its review never depends on the rule set the server
// runs with later. manifest.json is serialized once, here, stored as is and hashed into the
// first history event.
//
// Errors: store.ErrNotFound for a system outside sc; a *levels.InvalidError naming
// rule_set for an unknown set; dossier.ErrNoTemplates when the templates do not fit the
// set (an agency set naming no built-in family); dossier.ErrUndetermined at level 0.
func (r *Registry) MakeDossier(ctx context.Context, who Actor, sc store.Scope, systemID int64, ruleSet string) (Made, error) {
	return r.MakeDossierWith(ctx, who, sc, systemID, MakeOptions{RuleSet: ruleSet})
}

// MakeOptions are the choices a dossier is made with: the rule set ("" for the one in
// force) and how the operating unit and the owner sign (dossier.SignVariants; "" for the
// head of the body).
type MakeOptions struct {
	RuleSet         string
	Sign, OwnerSign string
}

// MakeDossierWith is MakeDossier with the signing choices. The dossier is full: every
// document its level needs and checklist.xlsx; a Decree 331 dossier reports the risk
// assessment recorded for the system version (RiskOf); the recitals of a Decree 85 dossier
// dated after the decree lapsed follow the profile's transitional fact.
func (r *Registry) MakeDossierWith(ctx context.Context, who Actor, sc store.Scope, systemID int64, opts MakeOptions) (Made, error) {
	var ps []levels.Problem
	for _, f := range []struct{ field, v string }{{"sign", opts.Sign}, {"owner_sign", opts.OwnerSign}} {
		if err := dossier.CheckSign(f.field, f.v); err != nil {
			ps = append(ps, levels.Problem{Field: f.field, Message: err.Error()})
		}
	}
	if len(ps) > 0 {
		return Made{}, &levels.InvalidError{Problems: ps}
	}
	ruleSet := opts.RuleSet
	sys, err := r.store.System(ctx, sc, systemID)
	if err != nil {
		return Made{}, err
	}
	rs, file, err := r.ruleSetNamed(ruleSet)
	if err != nil {
		return Made{}, err
	}
	if err := r.engine.Supports(rs); err != nil {
		return Made{}, err
	}
	prof := sys.Profile
	dec, err := rs.Classify(ctx, &prof)
	if err != nil {
		return Made{}, err
	}
	if dec.Level == 0 {
		return Made{}, dossier.ErrUndetermined
	}
	proc, ok := rs.ProcedureOf(dec.Level, &prof)
	if !ok {
		return Made{}, fmt.Errorf("bộ quy tắc %s không có quy trình cho cấp độ %d", rs.ID, dec.Level)
	}
	// The assessment in force for the version, possibly carried forward from an earlier
	// one (store.RiskAssessmentAt).
	var assessment *risk.Assessment
	st, err := r.RiskOf(ctx, sc, systemID)
	if err != nil {
		return Made{}, err
	}
	if st.Record != nil {
		a := st.Record.Assessment
		assessment = &a
	}
	d, err := r.engine.Render(ctx, dossier.Input{Profile: prof, Decision: dec, RuleSet: rs, Date: r.now(),
		Full: true, Sign: opts.Sign, OwnerSign: opts.OwnerSign, Transitional: prof.Bool("transitional"), Risk: assessment})
	if err != nil {
		return Made{}, err
	}
	manifest, err := d.ManifestJSON()
	if err != nil {
		return Made{}, err
	}
	files := make([]store.File, 0, len(d.Files))
	for _, f := range d.Files {
		files = append(files, store.File{Name: f.Name, Data: f.Data, SHA256: f.SHA256})
	}
	sum := sha256.Sum256(manifest)
	flow := review.FlowFor(dec.Level, proc)
	id, err := r.store.CreateDossier(ctx, store.NewDossier{
		SystemID: sys.ID, SystemVersion: sys.Version, Level: dec.Level, Profile: prof, Decision: dec, Manifest: manifest,
		RuleSet: rs.ID, RuleSetDigest: rs.Digest, Templates: d.Manifest.Templates, TemplatesDigest: d.Manifest.TemplatesDigest,
		Files: files, Status: string(review.Draft), Holder: flow.Holder(review.Draft), ActorID: who.UserID,
		Procedure: &proc, RuleFile: file,
		Event: review.Event{Action: review.Generate, To: string(review.Draft), Actor: who.Username, Role: who.Role,
			Data: "manifest.json sha256 " + hex.EncodeToString(sum[:])},
		// The new version replaces the returned dossiers and stale drafts of the system:
		// they leave every inbox, and their history says by what.
		Supersede: func(newID int64) review.Event {
			return review.Event{Action: string(review.Withdraw), Actor: who.Username, Role: who.Role,
				Comment: fmt.Sprintf("Thay bằng phiên bản hồ sơ mới số %d", newID), Data: fmt.Sprintf("superseded_by %d", newID)}
		},
	})
	if err != nil {
		return Made{}, err
	}
	return Made{ID: id, Level: dec.Level, RuleSet: rs.ID, Status: review.Draft}, nil
}
