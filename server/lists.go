package server

import (
	"bytes"
	"cmp"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"capdo/store"
)

// The list pages of systems and dossiers: filters, sortable columns, paging and the
// export links (export.go). The same filters serve the page, its export and the API.

// Values of the sort direction parameter dir.
const (
	dirAsc  = "asc"
	dirDesc = "desc"
)

// listSort is the order of a list: a column key and a direction.
type listSort struct {
	Key  string
	Desc bool
}

// Dir is the sort's dir parameter.
func (o listSort) Dir() string {
	if o.Desc {
		return dirDesc
	}
	return dirAsc
}

// listQuery reads what every list request may say besides its filters: the order
// (readSort), the export format (exportFormat) and, for a page (paged) that is not
// exported, the page number (pageNumber; 0 otherwise).
func listQuery(c *fiber.Ctx, keys []string, def listSort, paged bool) (o listSort, format string, page int, err error) {
	if o, err = readSort(c, keys, def); err != nil {
		return
	}
	if format, err = exportFormat(c); err != nil || !paged || format != "" {
		return
	}
	page, err = pageNumber(c)
	return
}

// readSort reads sort and dir. Without sort the list keeps its default order; a key
// outside keys is an error naming the parameter, like any other filter.
func readSort(c *fiber.Ctx, keys []string, def listSort) (listSort, error) {
	o := def
	if k := c.Query("sort"); k != "" {
		if !slices.Contains(keys, k) {
			return o, badParam("sort", "cột sắp xếp phải là một trong: "+strings.Join(keys, ", "))
		}
		o = listSort{Key: k}
	}
	switch d := c.Query("dir"); d {
	case "":
	case dirAsc:
		o.Desc = false
	case dirDesc:
		o.Desc = true
	default:
		return o, badParam("dir", "chiều sắp xếp phải là asc (tăng dần) hoặc desc (giảm dần)")
	}
	return o, nil
}

// sortHead is one column heading of a list: a link that sorts by the column, the
// other way round when it already does, and its aria-sort state.
type sortHead struct {
	Key, Label, URL string
	// Sort is "ascending", "descending" or "" (aria-sort); Arrow shows it.
	Sort, Arrow string
	// Next says in words what the link does.
	Next string
}

// sortHeads makes the headings of the sortable columns: labels by key, links keeping the
// list's filters (query) and starting again at page 1.
func sortHeads(path string, query url.Values, cur listSort, labels map[string]string) map[string]sortHead {
	out := make(map[string]sortHead, len(labels))
	for key, label := range labels {
		q := url.Values{}
		for k, v := range query {
			if k != "sort" && k != "dir" && k != "page" {
				q[k] = v
			}
		}
		h := sortHead{Key: key, Label: label}
		next := dirAsc
		if key == cur.Key {
			if cur.Desc {
				h.Sort, h.Arrow = "descending", "▼"
			} else {
				h.Sort, h.Arrow, next = "ascending", "▲", dirDesc
			}
		}
		q.Set("sort", key)
		q.Set("dir", next)
		h.URL = path + "?" + q.Encode()
		h.Next = "Sắp xếp theo " + label + map[string]string{dirAsc: " tăng dần", dirDesc: " giảm dần"}[next]
		out[key] = h
	}
	return out
}

// sortChoices are the headings in column order, for the sort control of the filter form
// (on a phone the table's headings are hidden).
func sortChoices(keys []string, heads map[string]sortHead) []sortHead {
	out := make([]sortHead, 0, len(keys))
	for _, k := range keys {
		out = append(out, heads[k])
	}
	return out
}

// withSort adds a non-default order to a list's query, for its page and export links.
func withSort(q url.Values, o, def listSort) url.Values {
	if o != def {
		q.Set("sort", o.Key)
		q.Set("dir", o.Dir())
	}
	return q
}

// textOrder compares Vietnamese texts as a dictionary does: case aside, "Đà Nẵng" after
// every "D…", tone marks in their order. Each text's collation key is made once per sort:
// comparing keys is a byte comparison, where comparing texts would collate both every time.
type textOrder struct {
	c    *collate.Collator
	buf  collate.Buffer
	keys map[string][]byte
}

// newTextOrder makes a comparer for one sort (a Collator is not safe for concurrent use).
func newTextOrder() *textOrder {
	return &textOrder{c: collate.New(language.Vietnamese, collate.IgnoreCase), keys: map[string][]byte{}}
}

func (t *textOrder) key(s string) []byte {
	k, ok := t.keys[s]
	if !ok {
		k = t.c.KeyFromString(&t.buf, s)
		t.keys[s] = k
	}
	return k
}

func (t *textOrder) compare(a, b string) int { return bytes.Compare(t.key(a), t.key(b)) }

// lastIfZero orders a before b by cmp, but keeps the zero values (no date, no level) at
// the end whichever the direction.
func lastIfZero[T comparable](a, b T, desc bool, c func(a, b T) int) int {
	var zero T
	switch {
	case a == zero && b == zero:
		return 0
	case a == zero:
		return 1
	case b == zero:
		return -1
	}
	if desc {
		return -c(a, b)
	}
	return c(a, b)
}

func timeCmp(a, b time.Time) int { return a.Compare(b) }

// directed applies the direction to a comparison without empties.
func directed(n int, desc bool) int {
	if desc {
		return -n
	}
	return n
}

// statusRank orders statuses as the workflow runs, not alphabetically.
func statusRank(s string) int {
	if i := slices.Index(listStatuses, s); i >= 0 {
		return i
	}
	return len(listStatuses)
}

// System lists.

// systemSortKeys are the sortable columns of the system lists; the default is the last
// change, newest first.
var (
	systemSortKeys    = []string{"id", "name", "owner", "org", "level", "approved", "status", "updated"}
	systemSortDefault = listSort{Key: "updated", Desc: true}
	systemSortLabels  = map[string]string{"id": "Mã", "name": "Tên hệ thống", "owner": "Chủ quản", "org": "Đơn vị",
		"level": "Cấp độ xác định", "approved": "Cấp độ đã phê duyệt", "status": "Hồ sơ", "updated": "Cập nhật"}
)

// approvedLevel is the level the list shows as approved: the newest approval's, else the
// level declared on import (store.System.ApprovedLevel), as the page and exports show it.
func approvedLevel(s store.System) int {
	l, _ := s.ApprovedLevel()
	return l
}

// sortSystems orders a system list by o; equal rows keep the newest change first.
func sortSystems(list []store.System, o listSort) {
	t := newTextOrder()
	text := func(f func(store.System) string) func(a, b store.System) int {
		return func(a, b store.System) int { return lastIfZero(f(a), f(b), o.Desc, t.compare) }
	}
	by := map[string]func(a, b store.System) int{
		"id":    text(func(s store.System) string { return s.Profile.ID }),
		"name":  text(func(s store.System) string { return s.Profile.Name }),
		"owner": text(func(s store.System) string { return s.Profile.Owner }),
		"org":   text(func(s store.System) string { return s.OrgName }),
		// Level 0 is a level (no criterion matched): it sorts, it is not an empty cell.
		"level": func(a, b store.System) int { return directed(cmp.Compare(a.Level, b.Level), o.Desc) },
		"approved": func(a, b store.System) int {
			return lastIfZero(approvedLevel(a), approvedLevel(b), o.Desc, cmp.Compare[int])
		},
		"status": func(a, b store.System) int {
			return directed(cmp.Compare(statusRank(a.Status), statusRank(b.Status)), o.Desc)
		},
		"updated": func(a, b store.System) int { return lastIfZero(a.UpdatedAt, b.UpdatedAt, o.Desc, timeCmp) },
	}[o.Key]
	slices.SortStableFunc(list, func(a, b store.System) int {
		if n := by(a, b); n != 0 {
			return n
		}
		if n := b.UpdatedAt.Compare(a.UpdatedAt); n != 0 {
			return n
		}
		return cmp.Compare(b.ID, a.ID)
	})
}

// systemsList is the data of the system list page.
type systemsList struct {
	Systems  []store.System
	Orgs     []store.Org
	Filter   store.SystemFilter
	Statuses []string
	Levels   []int
	Pager    pager
	// Scope is the scope filter (own, routed, all); Reviewer: the user is routed dossiers
	// (infosec, authority) and the filter is shown.
	Scope    string
	Reviewer bool
	// Heads are the sortable column headings by key; Export the export links by format.
	Heads   map[string]sortHead
	Choices []sortHead
	Export  map[string]string
}

// pageScope is the default scope of the system list page: a reviewer sees the systems
// routed to it with its own (issue 12: an appraiser must find what it appraised).
func pageScope(p *principal) string {
	if sc := scope(p); sc.ReviewOrgID != 0 || sc.Appraises != "" {
		return scopeAll
	}
	return scopeOwn
}

// listSystems reads the systems a list shows: one page (page ≥ 1) or all of them (page
// 0), in order o. The default order pages in the store; another order sorts every match
// here, since names sort as Vietnamese, which SQL collations do not know.
func (s *Server) listSystems(c *fiber.Ctx, sc store.Scope, f store.SystemFilter, o listSort, page int) ([]store.System, int, error) {
	ctx := c.UserContext()
	return readList(o == systemSortDefault, page,
		func() (int, error) { return s.store.CountSystems(ctx, sc, f) },
		func(limit, offset int) ([]store.System, error) {
			f.Limit, f.Offset = limit, offset
			return s.store.ListSystems(ctx, sc, f)
		},
		func(list []store.System) { sortSystems(list, o) })
}

// readList is listSystems and listDossiers for any list: in the default order (inStore) the
// store counts the matches and reads one page (limit, offset; 0, 0: all), else every match
// is read and sorted here.
func readList[T any](inStore bool, page int, count func() (int, error), read func(limit, offset int) ([]T, error), sort func([]T)) ([]T, int, error) {
	if inStore {
		if page == 0 {
			list, err := read(0, 0)
			return list, len(list), err
		}
		n, err := count()
		if err != nil {
			return nil, 0, err
		}
		page = clampPage(page, n)
		list, err := read(pageSize, (page-1)*pageSize)
		return list, n, err
	}
	list, err := read(0, 0)
	if err != nil {
		return nil, 0, err
	}
	sort(list)
	return pageOf(list, page), len(list), nil
}

// pageOf is page (1-based; 0: all) of a sorted list; a page past the end is the last.
func pageOf[T any](list []T, page int) []T {
	if page == 0 {
		return list
	}
	page = clampPage(page, len(list))
	from := min((page-1)*pageSize, len(list))
	return list[from:min(from+pageSize, len(list))]
}

// systemsPage shows one page of the system list (a page past the end shows the last one),
// or exports the whole list with ?format=csv|xlsx.
func (s *Server) systemsPage(c *fiber.Ctx) error {
	pr := principalOf(c)
	def := pageScope(pr)
	f, err := systemFilter(c, def)
	if err != nil {
		return err
	}
	o, format, page, err := listQuery(c, systemSortKeys, systemSortDefault, true)
	if err != nil {
		return err
	}
	f.Operator = format != "" // the export shows it, the page does not
	list, total, err := s.listSystems(c, listScope(pr, f), f, o, page)
	if err != nil {
		return err
	}
	if format != "" {
		return s.exportSystems(c, list, format, false)
	}
	orgs, err := s.viewOrgs(c, pr)
	if err != nil {
		return err
	}
	q := systemQuery(f)
	shown := scopeOf(f)
	if shown != def {
		q.Set("scope", shown)
	}
	heads := sortHeads("/systems", q, o, systemSortLabels)
	q = withSort(q, o, systemSortDefault)
	return s.render(c, fiber.StatusOK, "systems", "Danh mục hệ thống thông tin", systemsList{
		Systems: list, Orgs: orgs, Filter: f, Statuses: listStatuses, Levels: []int{1, 2, 3, 4, 5, 0},
		Pager: newPager("/systems", q, clampPage(page, total), total, "hệ thống"), Scope: shown, Reviewer: def == scopeAll,
		Heads: heads, Choices: sortChoices(systemSortKeys, heads), Export: exportLinks("/systems", q)})
}

// scopeOf is the scope parameter that gives the filter f.
func scopeOf(f store.SystemFilter) string {
	switch {
	case f.RoutedOnly:
		return scopeRouted
	case f.Routed:
		return scopeAll
	}
	return scopeOwn
}

// systemQuery writes the filters back as the list's query, for the page links.
func systemQuery(f store.SystemFilter) url.Values {
	q := url.Values{}
	if f.Query != "" {
		q.Set("q", f.Query)
	}
	if f.Level >= 0 {
		q.Set("level", strconv.Itoa(f.Level))
	}
	if f.OrgID != 0 {
		q.Set("org", strconv.FormatInt(f.OrgID, 10))
	}
	if f.Status != "" {
		q.Set("status", f.Status)
	}
	return q
}

// Dossier lists.

var (
	dossierSortKeys    = []string{"id", "system", "org", "level", "status", "submitted", "due"}
	dossierSortDefault = listSort{Key: "id", Desc: true}
	dossierSortLabels  = map[string]string{"id": "Số", "system": "Hệ thống", "org": "Đơn vị", "level": "Cấp độ",
		"status": "Trạng thái", "submitted": "Ngày gửi", "due": "Hạn xử lý"}
)

// sortDossiers orders a dossier list by o; equal rows keep the newest dossier first.
func sortDossiers(list []store.Dossier, o listSort) {
	t := newTextOrder()
	by := map[string]func(a, b store.Dossier) int{
		"id": func(a, b store.Dossier) int { return directed(cmp.Compare(a.ID, b.ID), o.Desc) },
		"system": func(a, b store.Dossier) int {
			return lastIfZero(a.SystemName, b.SystemName, o.Desc, t.compare)
		},
		"org":   func(a, b store.Dossier) int { return lastIfZero(a.OrgName, b.OrgName, o.Desc, t.compare) },
		"level": func(a, b store.Dossier) int { return directed(cmp.Compare(a.Level, b.Level), o.Desc) },
		"status": func(a, b store.Dossier) int {
			return directed(cmp.Compare(statusRank(a.Status), statusRank(b.Status)), o.Desc)
		},
		"submitted": func(a, b store.Dossier) int { return lastIfZero(a.SubmittedAt, b.SubmittedAt, o.Desc, timeCmp) },
		"due":       func(a, b store.Dossier) int { return lastIfZero(a.DueAt, b.DueAt, o.Desc, timeCmp) },
	}[o.Key]
	slices.SortStableFunc(list, func(a, b store.Dossier) int {
		if n := by(a, b); n != 0 {
			return n
		}
		return cmp.Compare(b.ID, a.ID)
	})
}

// listDossiers is listSystems for dossiers.
func (s *Server) listDossiers(c *fiber.Ctx, sc store.Scope, f store.DossierFilter, o listSort, page int) ([]store.Dossier, int, error) {
	ctx := c.UserContext()
	return readList(o == dossierSortDefault, page,
		func() (int, error) { return s.store.CountDossiers(ctx, sc, f) },
		func(limit, offset int) ([]store.Dossier, error) {
			f.Limit, f.Offset = limit, offset
			return s.store.ListDossiers(ctx, sc, f)
		},
		func(list []store.Dossier) { sortDossiers(list, o) })
}

// dossiersList is the data of the dossier list page.
type dossiersList struct {
	Dossiers []store.Dossier
	Query    string
	Status   string
	Statuses []string
	Level    int   // 0: all
	Levels   []int // the choices of the level filter
	Awaiting bool  // only those waiting for the user's role
	OrgID    int64
	Orgs     []store.Org // the units of the unit filter: the user's subtree, then those routed to it
	Due      string
	Now      time.Time
	Pager    pager
	Heads    map[string]sortHead
	Choices  []sortHead
	Export   map[string]string
}

// dossierQuery writes the filters back as the list's query, for the page links.
func dossierQuery(f store.DossierFilter) url.Values {
	q := url.Values{}
	if f.Query != "" {
		q.Set("q", f.Query)
	}
	if f.Status != "" {
		q.Set("status", f.Status)
	}
	if f.Level > 0 {
		q.Set("level", strconv.Itoa(f.Level))
	}
	if f.Holder != "" {
		q.Set("awaiting", "me")
	}
	if f.OrgID != 0 {
		q.Set("org", strconv.FormatInt(f.OrgID, 10))
	}
	if f.Due != "" {
		q.Set("due", f.Due)
	}
	return q
}

// dossiersPage shows one page of the dossier list (a page past the end shows the last
// one), or exports the whole list with ?format=csv|xlsx.
func (s *Server) dossiersPage(c *fiber.Ctx) error {
	pr := principalOf(c)
	f, err := dossierFilter(c)
	if err != nil {
		return err
	}
	f.Now = s.cfg.Now()
	o, format, page, err := listQuery(c, dossierSortKeys, dossierSortDefault, true)
	if err != nil {
		return err
	}
	list, total, err := s.listDossiers(c, scope(pr), f, o, page)
	if err != nil {
		return err
	}
	if format != "" {
		return s.exportDossiers(c, list, format, false)
	}
	orgs, err := s.viewOrgs(c, pr)
	if err != nil {
		return err
	}
	q := dossierQuery(f)
	heads := sortHeads("/dossiers", q, o, dossierSortLabels)
	q = withSort(q, o, dossierSortDefault)
	return s.render(c, fiber.StatusOK, "dossiers", "Hồ sơ đề xuất cấp độ", dossiersList{Dossiers: list, Query: f.Query, Status: f.Status,
		Statuses: dossierStatuses, Level: f.Level, Levels: []int{1, 2, 3, 4, 5}, Awaiting: f.Holder != "", OrgID: f.OrgID, Orgs: orgs,
		Due: f.Due, Now: s.cfg.Now(), Pager: newPager("/dossiers", q, clampPage(page, total), total, "hồ sơ"),
		Heads: heads, Choices: sortChoices(dossierSortKeys, heads), Export: exportLinks("/dossiers", q)})
}
