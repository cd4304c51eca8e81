package registry

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"

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
	// Warnings say, in Vietnamese, what the maker should know of the dossier just made:
	// the system's dossiers still open under another rule set (RuleSetOverlapWarning).
	Warnings []string
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
	made := Made{ID: id, Level: dec.Level, RuleSet: rs.ID, Status: review.Draft}
	// Read after the dossier is stored: making it has withdrawn the returned dossiers and
	// stale drafts it replaces (store.CreateDossier), whatever their rule set; what is left
	// open under another rule set stays open beside it.
	ds, err := r.store.ListDossiers(ctx, sc, store.DossierFilter{SystemID: sys.ID})
	if err != nil {
		return made, fmt.Errorf("hồ sơ số %d đã được lập; không đọc được các hồ sơ khác của hệ thống: %w", id, err)
	}
	if w := RuleSetOverlapWarning(id, rs.ID, ds); w != "" {
		made.Warnings = append(made.Warnings, w)
	}
	return made, nil
}

// Dossiers of one system under two rule sets.
//
// A system may hold open dossiers under two rule sets at once: a transitional system may
// be refiled under Decree 331 while its Decree 85 dossier is under way (transition.go).
// capdo allows it, but nothing in the workflow ties the two together: approving one does
// not withdraw the other (store.Transition), and the system's approved level is that of
// the dossier approved last (store.approvalOfSystem orders by approval time). Only the
// preparer withdraws a dossier, and only a draft or a returned one (review.FlowFor). So
// the pages and the API say so, and suggest withdrawing the one not used.

// Open reports whether a dossier is still open: neither approved nor withdrawn.
func Open(d store.Dossier) bool {
	return d.Status != string(review.Approved) && d.Status != string(review.Withdrawn)
}

// OpenUnderOtherRuleSets returns, of a system's dossiers ds, those still open under a
// rule set other than ruleSet, oldest first.
func OpenUnderOtherRuleSets(ds []store.Dossier, ruleSet string) []store.Dossier {
	var out []store.Dossier
	for _, d := range ds {
		if Open(d) && d.RuleSet != ruleSet {
			out = append(out, d)
		}
	}
	slices.SortFunc(out, func(a, b store.Dossier) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// RuleSetName names a rule set as a user knows it: the decree of a built-in set, else
// the set's id.
func RuleSetName(id string) string {
	switch id {
	case oldRuleSet:
		return "Nghị định 85/2016/NĐ-CP"
	case newRuleSet:
		return "Nghị định 331/2026/NĐ-CP"
	}
	return "bộ quy tắc «" + id + "»"
}

// overlapAdvice is what the warnings say of dossiers open under two rule sets.
const overlapAdvice = "Các hồ sơ được xử lý riêng: phê duyệt một hồ sơ không rút hồ sơ kia, " +
	"và capdo ghi cấp độ đã phê duyệt của hệ thống theo hồ sơ được phê duyệt sau cùng. " +
	"Hãy rút hồ sơ không còn dùng (đơn vị lập hồ sơ rút được hồ sơ đang là dự thảo hoặc bị trả lại)."

// dossierNames lists dossiers in words: "hồ sơ số 3 theo Nghị định 85/2016/NĐ-CP (Dự thảo)".
func dossierNames(ds []store.Dossier) string {
	names := make([]string, len(ds))
	for i, d := range ds {
		names[i] = fmt.Sprintf("hồ sơ số %d theo %s (%s)", d.ID, RuleSetName(d.RuleSet), review.Status(d.Status).Label())
	}
	return strings.Join(names, ", ")
}

// RuleSetOverlapWarning is the warning of dossier id, under ruleSet, of a system whose
// dossiers are ds: "" unless it is open and others are open under another rule set.
func RuleSetOverlapWarning(id int64, ruleSet string, ds []store.Dossier) string {
	i := slices.IndexFunc(ds, func(d store.Dossier) bool { return d.ID == id })
	if i < 0 || !Open(ds[i]) {
		return ""
	}
	others := OpenUnderOtherRuleSets(ds, ruleSet)
	if len(others) == 0 {
		return ""
	}
	return fmt.Sprintf("Hệ thống này đang có %s chưa kết thúc, cùng lúc với hồ sơ số %d theo %s. %s",
		dossierNames(others), id, RuleSetName(ruleSet), overlapAdvice)
}

// SystemRuleSetOverlapWarning is the warning of a system whose dossiers are ds: "" unless
// its open dossiers are under more than one rule set.
func SystemRuleSetOverlapWarning(ds []store.Dossier) string {
	var open []store.Dossier
	sets := map[string]bool{}
	for _, d := range ds {
		if Open(d) {
			open = append(open, d)
			sets[d.RuleSet] = true
		}
	}
	if len(sets) < 2 {
		return ""
	}
	slices.SortFunc(open, func(a, b store.Dossier) int { return cmp.Compare(a.ID, b.ID) })
	return fmt.Sprintf("Hệ thống này đang có hồ sơ chưa kết thúc theo %s bộ quy tắc cùng lúc: %s. %s",
		countWord(len(sets)), dossierNames(open), overlapAdvice)
}

// countWord writes a small count in words, as a sentence does.
func countWord(n int) string {
	if w := []string{"", "một", "hai", "ba", "bốn", "năm"}; n < len(w) {
		return w[n]
	}
	return strconv.Itoa(n)
}
