package server

import (
	"github.com/gofiber/fiber/v2"

	"capdo/review"
	"capdo/store"
)

// peopleOf names the persons behind a dossier's history ("Nguyễn Văn A (attt)": the
// history records usernames, sealed) and gives the name the dossier's unit had when the
// dossier was made, when it has been renamed since ("" otherwise).
func (s *Server) peopleOf(c *fiber.Ctx, d store.Dossier, evs []review.Event) (map[string]string, string, error) {
	names := make([]string, 0, len(evs))
	for _, e := range evs {
		names = append(names, e.Actor)
	}
	people, err := s.store.Names(c.UserContext(), names)
	if err != nil {
		return nil, "", err
	}
	then, err := s.store.OrgNameAt(c.UserContext(), d.OrgID, d.CreatedAt)
	if err != nil || then == d.OrgName {
		then = ""
	}
	return people, then, err
}
