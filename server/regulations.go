package server

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"capdo/levels"
	"capdo/registry"
	"capdo/review"
	"capdo/store"
)

// The Quy chế bảo đảm an ninh mạng of Decree 331/2026 Art. 30.7 (registry/regulation.go):
// owners and administrators record their organisation's regulation on /regulations or
// through POST /api/v1/orgs/{id}/regulations; a Decree 331 dossier is not approved while
// its system's owner has none.

// recorders may record a regulation: the owner (chủ quản) issues it, administrators keep
// the records of their subtree.
var recorders = []string{"owner", "admin"}

// orgVisible reports whether the user may read the regulations of organisation id: one of
// its subtree, or one above its own unit (whose regulation covers the unit's systems).
func (s *Server) orgVisible(c *fiber.Ctx, pr *principal, id int64) (bool, error) {
	if ok, err := s.store.InSubtree(c.UserContext(), pr.User.OrgID, id); ok || err != nil {
		return ok, err
	}
	return s.store.InSubtree(c.UserContext(), id, pr.User.OrgID)
}

// recordRegulation records the multipart form of the request (number, issued_on, issuer,
// file) as the regulation of organisation orgID, which must be in the user's subtree, and
// records the act. Refusals are told as for dossier uploads: 413, 415, 400 naming the field.
func (s *Server) recordRegulation(c *fiber.Ctx, orgID int64) (store.Regulation, error) {
	pr := principalOf(c)
	ok, err := s.store.InSubtree(c.UserContext(), pr.User.OrgID, orgID)
	if err != nil {
		return store.Regulation{}, err
	}
	if !ok {
		return store.Regulation{}, errNotFound
	}
	in := registry.RegulationInput{Number: strings.Clone(c.FormValue("number")), IssuedOn: strings.Clone(c.FormValue("issued_on")),
		Issuer: strings.Clone(c.FormValue("issuer"))}
	if fh, err := c.FormFile("file"); err == nil {
		limit := s.reg.UploadLimits().FileBytes
		if fh.Size > limit {
			return store.Regulation{}, uploadError(&registry.TooLargeError{Limit: limit})
		}
		f, err := fh.Open()
		if err != nil {
			return store.Regulation{}, err
		}
		in.Data, err = io.ReadAll(io.LimitReader(f, limit+1))
		f.Close()
		if err != nil {
			return store.Regulation{}, err
		}
		in.FileName = strings.Clone(fh.Filename)
	}
	r, err := s.reg.RecordRegulation(c.UserContext(), who(c), orgID, in)
	var quota *store.QuotaError
	if errors.As(err, &quota) && quota.Kind == store.QuotaRegulations {
		return store.Regulation{}, newError(fiber.StatusConflict, fmt.Sprintf("Đơn vị đã có %d bản ghi quy chế, mức tối đa cho một đơn vị; hãy liên hệ quản trị viên.", quota.Limit))
	}
	if err != nil {
		return store.Regulation{}, uploadError(err)
	}
	s.audit(c, slog.LevelInfo, "regulation.record", "ghi nhận quy chế bảo đảm an ninh mạng", actorOf(c), slog.Int64("org_id", orgID),
		slog.Int64("regulation_id", r.ID), slog.String("number", r.Number), slog.String("sha256", r.SHA256))
	return r, nil
}

// regulationOut is a regulation in the API.
type regulationOut struct {
	store.Regulation
	URL string `json:"url"`
}

func regulationJSON(r store.Regulation) regulationOut {
	return regulationOut{Regulation: r, URL: "/regulations/" + strconv.FormatInt(r.ID, 10) + "/file"}
}

// apiRegulations: GET /api/v1/orgs/{id}/regulations — the organisation's records, newest
// first, and the regulation that covers its systems (its own or one above it).
func (s *Server) apiRegulations(c *fiber.Ctx) error {
	pr := principalOf(c)
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	if ok, err := s.orgVisible(c, pr, id); err != nil || !ok {
		if err == nil {
			err = errNotFound
		}
		return err
	}
	org, err := s.store.Org(c.UserContext(), id)
	if err != nil {
		return err
	}
	list, err := s.store.RegulationsOf(c.UserContext(), id)
	if err != nil {
		return err
	}
	out := struct {
		OrgID       int64           `json:"org_id"`
		Org         string          `json:"org"`
		Covering    *regulationOut  `json:"covering"`
		Regulations []regulationOut `json:"regulations"`
	}{OrgID: org.ID, Org: org.Name, Regulations: []regulationOut{}}
	for _, r := range list {
		out.Regulations = append(out.Regulations, regulationJSON(r))
	}
	switch cov, err := s.store.RegulationFor(c.UserContext(), id); {
	case errors.Is(err, store.ErrNotFound):
	case err != nil:
		return err
	default:
		j := regulationJSON(cov)
		out.Covering = &j
	}
	return writeJSON(c, fiber.StatusOK, out)
}

// apiRegulationCreate: POST /api/v1/orgs/{id}/regulations (multipart: number, issued_on,
// issuer, file) → 201 with the record.
func (s *Server) apiRegulationCreate(c *fiber.Ctx) error {
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	r, err := s.recordRegulation(c, id)
	if err != nil {
		return err
	}
	j := regulationJSON(r)
	c.Location(j.URL)
	return writeJSON(c, fiber.StatusCreated, j)
}

// regulationsView is the data of the regulations page.
type regulationsView struct {
	Covering *store.Regulation // the regulation covering the user's unit
	Orgs     []orgRegulations
	Today    string
	Recorded int64 // the record just made
	// Form holds what was posted when the form comes back with problems.
	Form     map[string]string
	Problems map[string][]string
}

// orgRegulations is one unit of the user's subtree with its records.
type orgRegulations struct {
	store.Org
	Regulations []store.Regulation
}

func (s *Server) regulationsPage(c *fiber.Ctx) error {
	return s.renderRegulations(c, fiber.StatusOK, nil, nil)
}

func (s *Server) renderRegulations(c *fiber.Ctx, status int, form map[string]string, problems map[string][]string) error {
	pr := principalOf(c)
	v := regulationsView{Today: s.cfg.Now().In(review.Vietnam).Format("2006-01-02"), Form: form, Problems: problems}
	if v.Form == nil {
		v.Form = map[string]string{"org_id": strconv.FormatInt(pr.User.OrgID, 10)}
	}
	v.Recorded, _ = strconv.ParseInt(c.Query("recorded"), 10, 64)
	switch cov, err := s.store.RegulationFor(c.UserContext(), pr.User.OrgID); {
	case errors.Is(err, store.ErrNotFound):
	case err != nil:
		return err
	default:
		v.Covering = &cov
	}
	orgs, err := s.store.Subtree(c.UserContext(), pr.User.OrgID)
	if err != nil {
		return err
	}
	for _, o := range orgs {
		list, err := s.store.RegulationsOf(c.UserContext(), o.ID)
		if err != nil {
			return err
		}
		v.Orgs = append(v.Orgs, orgRegulations{Org: o, Regulations: list})
	}
	return s.render(c, status, "regulations", "Quy chế bảo đảm an ninh mạng", v)
}

// regulationForm records a regulation from the page; problems come back beside their
// inputs, with what was typed kept (the file must be chosen again).
func (s *Server) regulationForm(c *fiber.Ctx) error {
	orgID, err := strconv.ParseInt(c.FormValue("org_id"), 10, 64)
	if err != nil {
		orgID = principalOf(c).User.OrgID
	}
	r, err := s.recordRegulation(c, orgID)
	var ie *levels.InvalidError
	if errors.As(err, &ie) {
		form := map[string]string{"org_id": strconv.FormatInt(orgID, 10), "number": strings.Clone(c.FormValue("number")),
			"issued_on": strings.Clone(c.FormValue("issued_on")), "issuer": strings.Clone(c.FormValue("issuer"))}
		problems := map[string][]string{}
		for _, p := range ie.Problems {
			problems[p.Field] = append(problems[p.Field], p.Message)
		}
		return s.renderRegulations(c, fiber.StatusBadRequest, form, problems)
	}
	if err != nil {
		return err
	}
	return c.Redirect("/regulations?recorded="+strconv.FormatInt(r.ID, 10)+"#reg-"+strconv.FormatInt(r.ID, 10), fiber.StatusSeeOther)
}

// regulationFile downloads a recorded regulation, checked against its SHA-256 first, to a
// user who may read its organisation's regulations.
func (s *Server) regulationFile(c *fiber.Ctx) error {
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	r, err := s.store.RegulationFile(c.UserContext(), id)
	if err != nil {
		return err
	}
	if ok, err := s.orgVisible(c, principalOf(c), r.OrgID); err != nil || !ok {
		if err == nil {
			err = errNotFound
		}
		return err
	}
	if err := store.CheckFile(store.File{Name: r.FileName, Data: r.Data, SHA256: r.SHA256}); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, r.ContentType)
	c.Set("X-Content-Type-Options", "nosniff")
	c.Set("X-Content-SHA256", r.SHA256)
	setDownload(c, r.FileName, true)
	return c.Send(r.Data)
}
