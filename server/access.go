package server

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"capdo/store"
)

// scope is what the user may see: their organisation's subtree and, for an appraising
// authority, the level 4–5 dossiers routed to it. Systems are never routed: an authority
// reads a routed dossier's profile from the dossier itself.
func scope(p *principal) store.Scope {
	return store.Scope{OrgID: p.User.OrgID, Routed: p.User.Role == "authority"}
}

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
