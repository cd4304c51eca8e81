package server

import (
	"errors"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"capdo/levels"
	"capdo/registry"
	"capdo/review"
	"capdo/store"
)

// dossierCreateForm makes a dossier with the rule set the form names in rule_set (the
// server's when absent), as the API does.
func (s *Server) dossierCreateForm(c *fiber.Ctx) error {
	m, err := s.makeDossier(c, strings.Clone(c.FormValue("rule_set")))
	if err != nil {
		return err
	}
	return c.Redirect("/dossiers/"+strconv.FormatInt(m.ID, 10), fiber.StatusSeeOther)
}

func (s *Server) dossierActionForm(c *fiber.Ctx) error {
	d, err := s.act(c, strings.Clone(c.FormValue("action")), strings.Clone(c.FormValue("comment")))
	if err != nil {
		return err
	}
	return c.Redirect("/dossiers/"+strconv.FormatInt(d.ID, 10), fiber.StatusSeeOther)
}

// dossierView is the data of a dossier's page.
type dossierView struct {
	Dossier   store.Dossier
	Events    []review.Event
	ChainErr  string
	Actions   []review.Action
	Stages    []review.Status
	Deadline  *levels.Deadline
	Overdue   bool
	Procedure *levels.Procedure
	ZipName   string
	// RuleSetStatus is the Vietnamese status of the dossier's rule set when it is not in
	// force ("" when it is): a dossier under a repealed decree must say so.
	RuleSetStatus string
	Templates     string // where the templates came from, in words
	// SystemChanged is the system's current version when it was changed after the dossier
	// was made (0 otherwise): the dossier no longer matches it.
	SystemChanged int
}

// docTitles name the documents of a dossier as a civil servant knows them.
var docTitles = map[string]string{
	"to-trinh.docx":                   "Tờ trình đề nghị thẩm định (cấp độ 1–2: thẩm định, phê duyệt)",
	"thuyet-minh-de-xuat-cap-do.docx": "Thuyết minh đề xuất cấp độ",
	"phuong-an-bao-dam-attt.docx":     "Phương án bảo đảm an toàn thông tin",
	"phuong-an-ung-pho-su-co.docx":    "Phương án ứng phó sự cố",
	"du-thao-quyet-dinh.docx":         "Dự thảo quyết định phê duyệt",
	"manifest.json":                   "Danh mục tệp và mã băm",
}

// templatesLabel says in words which templates a dossier was made with: the dossier
// package records "embedded" for capdo's own, otherwise the agency's template folder.
func templatesLabel(recorded string) string {
	if recorded == "embedded" {
		return "mẫu có sẵn của capdo"
	}
	return "mẫu riêng của đơn vị «" + recorded + "»"
}

func (s *Server) dossierPage(c *fiber.Ctx) error {
	pr := principalOf(c)
	d, evs, err := s.dossierWithHistory(c)
	if err != nil {
		return err
	}
	// The flow of the procedure the dossier pinned when it was made, whatever rule set the
	// server runs with now.
	flow, proc, err := s.reg.FlowOf(d)
	if err != nil {
		return err
	}
	v := dossierView{Dossier: d, Events: evs, Actions: registry.Allowed(d, flow, pr.User.Role), Stages: flow.Stages(),
		Deadline: flow.Deadline(review.Status(d.Status)), ZipName: zipName, Templates: templatesLabel(d.Templates),
		Overdue: !d.DueAt.IsZero() && s.cfg.Now().After(d.DueAt)}
	switch rs, err := s.reg.RuleSetOf(c.UserContext(), d); {
	case errors.Is(err, registry.ErrRuleSetGone):
		v.RuleSetStatus = "không còn trên máy chủ để đối chiếu"
	case err != nil:
		return err
	case rs.Status != levels.StatusInForce:
		v.RuleSetStatus = rs.StatusLabel()
	}
	if err := review.Verify(evs); err != nil {
		v.ChainErr = err.Error()
	}
	v.Procedure = &proc
	if d.SystemCurrent != d.SystemVersion {
		v.SystemChanged = d.SystemCurrent
	}
	return s.render(c, fiber.StatusOK, "dossier", "Hồ sơ đề xuất cấp độ số "+strconv.FormatInt(d.ID, 10), v)
}

// dossiersList is the data of the dossier list page.
type dossiersList struct {
	Dossiers []store.Dossier
	Status   string
	Statuses []string
	Level    int   // 0: all
	Levels   []int // the choices of the level filter
	Awaiting bool  // only those waiting for the user's role
	Now      time.Time
	Pager    pager
}

// dossiersPage shows one page of the dossier list; a page past the end shows the last one.
func (s *Server) dossiersPage(c *fiber.Ctx) error {
	pr := principalOf(c)
	f, err := dossierFilter(c)
	if err != nil {
		return err
	}
	page, err := pageNumber(c)
	if err != nil {
		return err
	}
	total, err := s.store.CountDossiers(c.UserContext(), scope(pr), f)
	if err != nil {
		return err
	}
	page = clampPage(page, total)
	f.Limit, f.Offset = pageSize, (page-1)*pageSize
	list, err := s.store.ListDossiers(c.UserContext(), scope(pr), f)
	if err != nil {
		return err
	}
	q := url.Values{}
	if f.Status != "" {
		q.Set("status", f.Status)
	}
	if f.Level > 0 {
		q.Set("level", strconv.Itoa(f.Level))
	}
	if f.Holder != "" {
		q.Set("awaiting", "me")
	}
	return s.render(c, fiber.StatusOK, "dossiers", "Hồ sơ đề xuất cấp độ", dossiersList{Dossiers: list, Status: f.Status,
		Statuses: dossierStatuses, Level: f.Level, Levels: []int{1, 2, 3, 4, 5}, Awaiting: f.Holder != "", Now: s.cfg.Now(), Pager: newPager("/dossiers", q, page, total, "hồ sơ")})
}
