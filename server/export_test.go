package server

// RouteInfo is what the route-coverage check needs to know of a route.
type RouteInfo struct {
	Method, Path string
	Public       bool
	Roles        []string
}

// RouteTable exposes the route table to the external tests of this package.
func RouteTable(s *Server) []RouteInfo {
	var out []RouteInfo
	for _, r := range s.table() {
		out = append(out, RouteInfo{Method: r.Method, Path: r.Path, Public: r.Public, Roles: r.Roles})
	}
	return out
}
