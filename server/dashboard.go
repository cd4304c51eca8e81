package server

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"capdo/levels"
	"capdo/registry"
	"capdo/review"
	"capdo/store"
)

// barChart is a horizontal bar chart drawn as inline SVG by the template. Labels are
// ordinary template text, so html/template escapes them like any other text.
type barChart struct {
	Title         string
	Width, Height int
	LabelWidth    int
	Bars          []bar
}

type bar struct {
	Label    string
	Count    int
	Y, W     int
	TextY    int
	CountX   int
	Class    string
	Href     string
	Truncate bool
}

const (
	chartRow   = 30
	chartBarH  = 20
	chartLabel = 230
	chartArea  = 330
)

func newChart(title string, labels []string, counts []int, classes, hrefs []string) barChart {
	ch := barChart{Title: title, LabelWidth: chartLabel, Width: chartLabel + chartArea + 50, Height: len(labels)*chartRow + 10}
	max := 1
	for _, n := range counts {
		if n > max {
			max = n
		}
	}
	for i, l := range labels {
		w := counts[i] * chartArea / max
		if counts[i] > 0 && w < 2 {
			w = 2
		}
		label := l
		if utf8.RuneCountInString(label) > 32 {
			label = string([]rune(label)[:31]) + "…"
		}
		b := bar{Label: label, Count: counts[i], Y: 5 + i*chartRow, W: w, TextY: 5 + i*chartRow + 15,
			CountX: chartLabel + w + 6, Href: hrefs[i]}
		if classes != nil {
			b.Class = classes[i]
		}
		ch.Bars = append(ch.Bars, b)
	}
	return ch
}

type dashboardView struct {
	Stats store.Stats
	// Inbox are the dossiers whose next step is the user's role (at most inboxSize).
	Inbox       []store.Dossier
	InboxTotal  int
	ByLevel     barChart
	ByOrg       barChart
	StatusRows  []statusRow
	UnitCount   int
	LevelCounts []levelCount
	// Approved counts the systems by the level approved (or declared approved on import),
	// highest first, then those with none approved yet (Level 0).
	Approved []levelCount
	// Inventory is the picture of the inventory (dashboard_inventory.go).
	Inventory *inventoryBlock
	// Transition is what the transition from Decree 85 asks of the unit (transition.go).
	Transition registry.TransitionSummary
	// CalendarWarnings are the working-day calendar's, for administrators (its announced
	// data runs out within a year); Regulation the Quy chế covering the user's unit, for
	// owners and administrators (RegulationShown).
	CalendarWarnings []string
	Regulation       *store.Regulation
	RegulationShown  bool
	// InForce is the built-in rule set in force today (nil in the gap of 01/07–18/08/2026).
	InForce *levels.RuleSet
	// Decree331 says whether Decree 331/2026 is in force today: before, the Quy chế box and
	// the annual report (Mẫu 08) give way to the day it takes effect (dashboard_notes.go).
	Decree331 decree331Gate
}

// dashboardTransition fills the dashboard's transition, calendar and Quy chế blocks.
func (s *Server) dashboardTransition(c *fiber.Ctx, pr *principal, v *dashboardView) error {
	var err error
	if v.Transition, err = s.reg.TransitionOf(c.UserContext(), scope(pr), s.cfg.Now()); err != nil {
		return err
	}
	if v.InForce, err = registry.InForceOn(s.cfg.Now()); err != nil {
		return err
	}
	if pr.User.Role == "admin" {
		v.CalendarWarnings = review.Calendar.Warnings(s.cfg.Now())
	}
	if v.Decree331, err = decree331On(s.cfg.Now()); err != nil {
		return err
	}
	// The Quy chế of Art. 30.7 is a condition of Decree 331 only: no box before it applies.
	if v.Decree331.InForce && (pr.User.Role == "owner" || pr.User.Role == "admin") {
		v.RegulationShown = true
		switch reg, err := s.store.RegulationFor(c.UserContext(), pr.User.OrgID); {
		case errors.Is(err, store.ErrNotFound):
		case err != nil:
			return err
		default:
			v.Regulation = &reg
		}
	}
	return nil
}

type statusRow struct {
	Status, Label string
	Count         int
}

// inboxSize is how many waiting dossiers the dashboard lists; the rest are one click away.
const inboxSize = 10

type levelCount struct {
	Level int
	Count int
	// Declared counts those of Count whose level was declared on import, with no approval
	// recorded in capdo (store.Stats.ByDeclared).
	Declared int
}

func (s *Server) dashboardPage(c *fiber.Ctx) error {
	pr := principalOf(c)
	st, err := s.store.Stats(c.UserContext(), scope(pr))
	if err != nil {
		return err
	}
	var labels, classes, hrefs []string
	var counts []int
	for _, l := range []int{5, 4, 3, 2, 1, 0} {
		labels = append(labels, levelText(l))
		counts = append(counts, st.ByLevel[l])
		classes = append(classes, fmt.Sprintf("lv%d", l))
		hrefs = append(hrefs, "/systems?level="+strconv.Itoa(l))
	}
	v := dashboardView{Stats: st, ByLevel: newChart("Số hệ thống theo cấp độ", labels, counts, classes, hrefs)}
	labels, counts, hrefs = nil, nil, nil
	for _, o := range st.ByOrg {
		labels = append(labels, o.Name)
		counts = append(counts, o.Count)
		hrefs = append(hrefs, "/systems?org="+url.QueryEscape(strconv.FormatInt(o.OrgID, 10)))
	}
	v.ByOrg = newChart("Số hệ thống theo đơn vị", labels, counts, nil, hrefs)
	for _, l := range []int{5, 4, 3, 2, 1, 0} {
		v.Approved = append(v.Approved, levelCount{Level: l, Count: st.ByApproved[l], Declared: st.ByDeclared[l]})
	}
	for _, s := range dossierStatuses {
		if s != string(review.Withdrawn) { // withdrawn dossiers wait for no one and are not counted
			v.StatusRows = append(v.StatusRows, statusRow{s, statusLabel(s), st.ByStatus[s]})
		}
	}
	// A reviewer's first question: what is waiting for me.
	inbox := store.DossierFilter{Holder: pr.User.Role, Limit: inboxSize}
	if v.Inbox, err = s.store.ListDossiers(c.UserContext(), scope(pr), inbox); err != nil {
		return err
	}
	if v.InboxTotal, err = s.store.CountDossiers(c.UserContext(), scope(pr), inbox); err != nil {
		return err
	}
	if err := s.dashboardTransition(c, pr, &v); err != nil {
		return err
	}
	if v.Inventory, err = s.inventoryBlock(c); err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "dashboard", "Tổng quan", v)
}
