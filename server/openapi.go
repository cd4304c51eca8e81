package server

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"sync"

	"github.com/gofiber/fiber/v2"

	"capdo/levels"
)

// openapiJSON describes the /api/v1 routes of the route table; TestOpenAPI_MatchesRoutes
// keeps the two in step. Its Profile schema is generated from the table of facts
// (openapiDoc), so it cannot drift from what the API accepts.
//
//go:embed openapi.json
var openapiJSON []byte

// openapiDoc is openapiJSON with components.schemas.Profile from levels.Fields, made
// when first asked for: making it compiles every built-in rule set, which a command of
// the console that never serves it (capdo rerate) should not pay for at start.
var openapiDoc = sync.OnceValue(func() []byte {
	var doc map[string]any
	if err := json.Unmarshal(openapiJSON, &doc); err != nil {
		panic("server: openapi.json: " + err.Error())
	}
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	schemas["Profile"] = levels.Standard().JSONSchema("#/components/schemas/Profile")
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		panic("server: openapi.json: " + err.Error())
	}
	return b.Bytes()
})

func (s *Server) apiOpenAPI(c *fiber.Ctx) error {
	c.Type("json", "utf-8")
	return c.Send(openapiDoc())
}
