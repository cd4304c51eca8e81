package server

import (
	_ "embed"

	"github.com/gofiber/fiber/v2"
)

// openapiJSON describes the /api/v1 routes of the route table; TestOpenAPI_MatchesRoutes
// keeps the two in step.
//
//go:embed openapi.json
var openapiJSON []byte

func (s *Server) apiOpenAPI(c *fiber.Ctx) error {
	c.Type("json", "utf-8")
	return c.Send(openapiJSON)
}
