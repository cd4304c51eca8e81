package server_test

import (
	"flag"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"capdo/credential"
	"capdo/office/officetest"
	"capdo/server"
	"capdo/store/storetest"
)

// Route coverage: the scenario tables must exercise every route of the application, and
// for each one who may call it. The fixture records every request it sends; when the
// whole package has run, TestMain checks that each route was called
//   - without a session, and refused (401 for the API, a redirect to /login for pages),
//     unless it is public;
//   - by a user whose role is not allowed, and refused with 403, when it has roles;
//   - by someone allowed, and answered without an error status (< 400).

type hit struct {
	anonymous bool
	allowed   bool // the caller's role may call the route
	status    int
	location  string
}

var (
	routeMu   sync.Mutex
	routeRes  []*regexp.Regexp
	routeList []server.RouteInfo
	routeHits = map[int][]hit{}
)

// recordHit notes which route a request reached, as the router would match it.
func recordHit(f *fixture, as, method, target string, status int, location string) {
	routeMu.Lock()
	defer routeMu.Unlock()
	if routeList == nil {
		routeList = server.RouteTable(f.srv)
		for _, r := range routeList {
			re := regexp.MustCompile(`:[a-z_]+`).ReplaceAllString(regexp.QuoteMeta(r.Path), `[^/]+`)
			routeRes = append(routeRes, regexp.MustCompile("^"+re+"$"))
		}
	}
	if as == "?" {
		return // a session the fixture does not know: neither anonymous nor a known role
	}
	path, _, _ := strings.Cut(target, "?")
	for i, r := range routeList {
		if r.Method != method || !routeRes[i].MatchString(path) {
			continue
		}
		role := ""
		if u, ok := f.users[as]; ok {
			role = u.Role
		}
		allowed := as != "" && (r.Roles == nil || slices.Contains(r.Roles, role))
		routeHits[i] = append(routeHits[i], hit{anonymous: as == "", allowed: allowed, status: status, location: location})
		return
	}
}

func TestMain(m *testing.M) {
	flag.Parse()
	raiseParallel()
	// Hashes made in tests (forms, the dummy hash of unknown usernames) use the cheapest
	// bcrypt cost; production's is checked in credential.
	credential.Cost = credential.MinCost
	// PDFs of dossiers come from LibreOffice once per document, then from the repository's
	// test cache (office/officetest).
	officetest.Use()
	code := m.Run()
	stopBrowser()
	// Only a run of the whole package can judge coverage.
	if code == 0 && flag.Lookup("test.run").Value.String() == "" && flag.Lookup("test.skip").Value.String() == "" {
		if gaps := routeGaps(); len(gaps) > 0 {
			fmt.Fprintln(os.Stderr, "routes the scenario tables do not cover:\n  "+strings.Join(gaps, "\n  "))
			code = 1
		}
	}
	// Then the same tests on PostgreSQL, when there is one (storetest).
	os.Exit(storetest.Rerun(code))
}

// browserParallel is how many parallel tests the package runs at once unless the command
// line says otherwise (-parallel). The browser tests spend most of their time waiting for
// Chromium and the server in turn, one tab each of the shared Chromium (chromium_test.go):
// with go test's default of one test per core, two cores sit mostly idle while they run.
const browserParallel = 8

// raiseParallel lifts -test.parallel to browserParallel when the command line did not set it.
func raiseParallel() {
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.parallel" })
	if p := flag.Lookup("test.parallel"); !set && p != nil {
		if n, err := strconv.Atoi(p.Value.String()); err == nil && n < browserParallel {
			p.Value.Set(strconv.Itoa(browserParallel))
		}
	}
}

func routeGaps() []string {
	routeMu.Lock()
	defer routeMu.Unlock()
	var gaps []string
	for i, r := range routeList {
		hits := routeHits[i]
		has := func(ok func(hit) bool) bool { return slices.ContainsFunc(hits, ok) }
		name := r.Method + " " + r.Path
		if !r.Public && !has(func(h hit) bool {
			return h.anonymous && (h.status == 401 || (h.status == 303 && strings.HasPrefix(h.location, "/login")))
		}) {
			gaps = append(gaps, name+": never refused without a session")
		}
		if r.Roles != nil && !has(func(h hit) bool { return !h.anonymous && !h.allowed && h.status == 403 }) {
			gaps = append(gaps, name+": never refused (403) to a role outside "+strings.Join(r.Roles, ", "))
		}
		if !has(func(h hit) bool { return (h.allowed || r.Public) && h.status < 400 }) {
			gaps = append(gaps, name+": never answered successfully")
		}
	}
	return gaps
}
