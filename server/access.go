package server

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"capdo/store"
)

// scope is what the user may see: their organisation's subtree and the dossiers the
// workflow routes to them once submitted, with read access to those dossiers' systems.
// Routing follows Art. 12: an infosec unit reviews for its chủ quản, the parent of its
// organisation, so it sees the submitted dossiers of that whole subtree, siblings
// included; an authority appraises the level 4–5 dossiers of the ministry group its
// organisation is set to appraise. A routed dossier may be acted on as the flow allows
// the user's role: that is what it was routed for.
func scope(p *principal) store.Scope {
	sc := store.Scope{OrgID: p.User.OrgID}
	switch p.User.Role {
	case "infosec":
		// A unit at the top of its tree reviews its own subtree, which it sees anyway; so
		// its organisation is among those it reviews, as the store requires of a
		// designated independent appraiser (Decree 331 Art. 18.4).
		sc.ReviewOrgID = p.User.OrgParentID
		if sc.ReviewOrgID == 0 {
			sc.ReviewOrgID = p.User.OrgID
		}
	case "authority":
		sc.Appraises = p.User.OrgAppraises
	}
	return sc
}

// systemScope is the user's own subtree, for changing systems and generating dossiers:
// routing lets a reviewer read a system, never change it.
func systemScope(p *principal) store.Scope { return store.Scope{OrgID: p.User.OrgID} }

// paramID reads a numeric path parameter; anything else is simply not found.
func paramID(c *fiber.Ctx, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Params(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, errNotFound
	}
	return id, nil
}

// orgInScope resolves the organisation a new system goes to: the user's own by default, or
// one of its subtree. Anything else is not found, like every other organisation's data.
func (s *Server) orgInScope(c *fiber.Ctx, p *principal, raw string) (int64, error) {
	if raw == "" {
		return p.User.OrgID, nil
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		return 0, errNotFound
	}
	ok, err := s.store.InSubtree(c.UserContext(), p.User.OrgID, id)
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, errNotFound
	}
	return id, nil
}
