package server_test

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// Every /api/v1 route of the router is in the OpenAPI document, and nothing else is.
func TestOpenAPI_MatchesRoutes(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	_, body := f.do("", "GET", "/api/v1/openapi.json", "", "")
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal([]byte(body), &doc); err != nil || doc.OpenAPI != "3.1.0" {
		t.Fatalf("openapi.json: %v (version %q)", err, doc.OpenAPI)
	}
	param := regexp.MustCompile(`:([a-z_]+)`)
	inRouter := map[string]bool{}
	for _, r := range f.srv.App().GetRoutes(true) {
		if !strings.HasPrefix(r.Path, "/api/") || r.Method == "HEAD" {
			continue
		}
		inRouter[strings.ToLower(r.Method)+" "+param.ReplaceAllString(r.Path, "{$1}")] = true
	}
	inDoc := map[string]bool{}
	for path, ops := range doc.Paths {
		for m := range ops {
			if m != "parameters" {
				inDoc[m+" "+path] = true
			}
		}
	}
	var missing, extra []string
	for k := range inRouter {
		if !inDoc[k] {
			missing = append(missing, k)
		}
	}
	for k := range inDoc {
		if !inRouter[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing) > 0 || len(extra) > 0 {
		t.Errorf("routes missing from openapi.json: %v\nopenapi.json operations without a route: %v", missing, extra)
	}
	if len(inRouter) < 15 {
		t.Errorf("only %d API routes found: the route listing is broken", len(inRouter))
	}
}
