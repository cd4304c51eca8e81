package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"capdo/levels"
	"capdo/registry"
	"capdo/review"
	"capdo/store"
)

// What a dossier's page and API show of Decree 331/2026 (templates/html/_decree331.html):
// who appraises, the independent appraiser of Art. 18.4 and its designation form for the
// owner, the steps recorded after the approval, and what reviewers must check.

// decree331View is the page's data.
type decree331View struct {
	// AppraisingBody names who appraises (the designated appraiser, or the procedure's).
	AppraisingBody string
	// Independent is the independent appraisal the procedure requires, nil when none.
	Independent *levels.Independent
	Appraiser   *store.Designation
	// Designate: the user may designate the appraiser now; Orgs are the candidates.
	Designate bool
	Orgs      []store.Org
	// After are the steps after the approval, with their record; Pending those the user
	// may record now.
	After   []afterStepView
	Pending []afterStepView
	// Notes are what reviewers must check (levels.Procedure.ReviewNotes).
	Notes []string
	// Today bounds the date of a decision (YYYY-MM-DD).
	Today string
}

type afterStepView struct {
	levels.AfterStep
	Done     bool
	Recorded review.Event
}

func (s *Server) decree331View(c *fiber.Ctx, d store.Dossier, f review.Flow, proc levels.Procedure, evs []review.Event,
	actions []review.Action) (decree331View, error) {
	pr := principalOf(c)
	v := decree331View{AppraisingBody: registry.AppraisingBody(d, proc), Independent: proc.IndependentAppraisal,
		Appraiser: d.Appraiser, Notes: proc.ReviewNotes, Today: s.cfg.Now().In(review.Vietnam).Format("2006-01-02")}
	for _, st := range f.AfterApproval() {
		a := afterStepView{AfterStep: st}
		a.Recorded, a.Done = registry.Recorded(evs, review.Action(st.Action))
		v.After = append(v.After, a)
		if slices.Contains(actions, review.Action(st.Action)) {
			v.Pending = append(v.Pending, a)
		}
	}
	v.Designate = proc.IndependentAppraisal != nil && pr.User.Role == "owner" &&
		(d.Status == string(review.Draft) || d.Status == string(review.Returned))
	if v.Designate {
		orgs, err := s.appraiserCandidates(c, d)
		if err != nil {
			return v, err
		}
		v.Orgs = orgs
	}
	return v, nil
}

// appraiserCandidates are the organisations that may be designated: those with an active
// infosec account, other than the unit whose system it is.
func (s *Server) appraiserCandidates(c *fiber.Ctx, d store.Dossier) ([]store.Org, error) {
	return s.store.AppraiserOrgs(c.UserContext(), d.OrgID)
}

// designate records the independent appraiser of the dossier named by :id.
func (s *Server) designate(c *fiber.Ctx, in registry.Designation) (store.Dossier, error) {
	id, err := paramID(c, "id")
	if err != nil {
		return store.Dossier{}, err
	}
	d, err := s.reg.DesignateAppraiser(c.UserContext(), who(c), scope(principalOf(c)), id, in)
	if errors.Is(err, review.ErrForbidden) {
		s.audit(c, slog.LevelWarn, "dossier.action_denied", "từ chối chỉ định đơn vị thẩm định độc lập", actorOf(c),
			slog.Int64("dossier_id", id), slog.String("action", string(review.Designate)))
	}
	if err != nil {
		return d, err
	}
	s.audit(c, slog.LevelInfo, "dossier.designate", "chỉ định đơn vị thẩm định độc lập", actorOf(c), slog.Int64("dossier_id", id),
		slog.Int64("appraiser_org", in.OrgID), slog.String("kind", in.Kind))
	return d, nil
}

// dossierAppraiserForm takes the designation form of a dossier's page.
func (s *Server) dossierAppraiserForm(c *fiber.Ctx) error {
	org, err := strconv.ParseInt(c.FormValue("org_id"), 10, 64)
	if err != nil {
		org = 0 // reported by the registry as org_id
	}
	d, err := s.designate(c, registry.Designation{OrgID: org, Kind: strings.Clone(c.FormValue("kind")),
		Decision: strings.Clone(c.FormValue("decision"))})
	if err != nil {
		return err
	}
	return c.Redirect("/dossiers/"+strconv.FormatInt(d.ID, 10)+"#appraiser", fiber.StatusSeeOther)
}

// apiDossierAppraiser takes {"org_id", "kind", "decision"}.
func (s *Server) apiDossierAppraiser(c *fiber.Ctx) error {
	var in struct {
		OrgID    int64  `json:"org_id"`
		Kind     string `json:"kind"`
		Decision string `json:"decision"`
	}
	dec := json.NewDecoder(bytes.NewReader(c.Body()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return badBody(`cần một đối tượng JSON {"org_id", "kind": "unit" | "council", "decision"}`)
	}
	d, err := s.designate(c, registry.Designation{OrgID: in.OrgID, Kind: strings.Clone(in.Kind), Decision: strings.Clone(in.Decision)})
	if err != nil {
		return err
	}
	return writeJSON(c, fiber.StatusOK, s.dossierJSON(c, d, nil))
}

// decree331Out is what a dossier's JSON adds for Decree 331 (only when its procedure is
// pinned, which lists do not load).
type decree331Out struct {
	AppraisingBody string              `json:"appraising_body,omitempty"`
	Independent    *levels.Independent `json:"independent_appraisal,omitempty"`
	Appraiser      *store.Designation  `json:"appraiser,omitempty"`
	AfterApproval  []afterStepOut      `json:"after_approval,omitempty"`
}

type afterStepOut struct {
	Action   string        `json:"action"`
	Label    string        `json:"label"`
	Role     string        `json:"role"`
	Citation string        `json:"citation"`
	Recorded *review.Event `json:"recorded"`
}

// decree331JSON is the Decree 331 part of a dossier's JSON; the history of an approved
// dossier with steps after its approval is read when not given.
func (s *Server) decree331JSON(c *fiber.Ctx, d store.Dossier, history []review.Event) decree331Out {
	if d.Procedure == nil {
		return decree331Out{}
	}
	proc := *d.Procedure
	if history == nil && len(proc.AfterApproval) > 0 && d.Status == string(review.Approved) {
		history, _ = s.store.DossierEvents(c.UserContext(), scope(principalOf(c)), d.ID) // none read: none shown recorded
	}
	out := decree331Out{AppraisingBody: registry.AppraisingBody(d, proc), Independent: proc.IndependentAppraisal, Appraiser: d.Appraiser}
	for _, st := range proc.AfterApproval {
		a := afterStepOut{Action: st.Action, Label: st.Label, Role: st.Role, Citation: st.Citation}
		if e, ok := registry.Recorded(history, review.Action(st.Action)); ok {
			a.Recorded = &e
		}
		out.AfterApproval = append(out.AfterApproval, a)
	}
	return out
}
