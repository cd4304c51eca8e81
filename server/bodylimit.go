package server

import (
	"strings"

	"github.com/valyala/fasthttp"

	"capdo/registry"
)

// ImportMaxBytes is the largest inventory file an import takes: a workbook of tens of
// thousands of systems with their descriptions.
const ImportMaxBytes = registry.MaxImportBytes

// defaultBodyLimit is the request limit of every route that names none: a profile is at
// most 4 MiB (levels.MaxProfileBytes); an uploaded document, with its multipart envelope,
// may be larger.
func defaultBodyLimit(reg *registry.Registry) int {
	return max(8<<20, int(reg.UploadLimits().FileBytes)+1<<20)
}

// bodyLimits gives the routes that take larger bodies (route.MaxBody) their limit. The
// HTTP server decides from the request's header, before reading the body: a body larger
// than its route takes is refused (413) without being read, on every route alike. Routes
// with a larger limit have no path parameters, so method and path name them.
func (s *Server) bodyLimits() {
	larger := map[string]int{}
	for _, r := range s.table() {
		if r.MaxBody > 0 {
			larger[r.Method+" "+r.Path] = r.MaxBody
		}
	}
	if len(larger) == 0 {
		return
	}
	s.app.Server().HeaderReceived = func(h *fasthttp.RequestHeader) fasthttp.RequestConfig {
		path, _, _ := strings.Cut(string(h.RequestURI()), "?")
		return fasthttp.RequestConfig{MaxRequestBodySize: larger[string(h.Method())+" "+path]} // 0: the server's limit
	}
}
