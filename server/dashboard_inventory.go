package server

import (
	"fmt"
	"html/template"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"capdo/annual"
	"capdo/charts"
	"capdo/review"
	"capdo/store"
)

// The dashboard's picture of the inventory (templates/html/_inventory.html): levels by unit,
// computed and approved; dossiers by unit and status; deadlines of this week and overdue;
// the transition to Decree 331; and the annual report's dates. Every chart is drawn on the
// server (capdo/charts) with its numbers as a table.

// transitionRuleSet is the rule set the transition is measured against.
const transitionRuleSet = "d331-2026"

// dueListSize is how many dossiers each deadline list shows; the rest are one click away.
const dueListSize = 8

type inventoryBlock struct {
	Levels, Approved, Dossiers, Transition template.HTML
	// D85 counts the systems whose approved level is Decree 85's: they keep it and must meet
	// Decree 331 and TCVN 14423:2026 by 01/07/2027.
	D85                        int
	Changes                    map[string]int // under Decree 331: same, up, down, new
	RuleSet                    string         // transitionRuleSet, or "" when it is not available
	DueSoon, Overdue           []store.Dossier
	DueSoonTotal, OverdueTotal int
	Year                       int
	Deadlines                  []deadlineView
	// Decree331: the annual report of Art. 35 (Mẫu 08) is shown from the day Decree 331
	// takes effect; before it, the day it does.
	Decree331 decree331Gate
}

// levelSeries colour levels as the pages do (style.css --l0 … --l5).
var levelSeries = []charts.Series{{Name: "Cấp độ 1", Color: "#2f7a1f"}, {Name: "Cấp độ 2", Color: "#1f6fae"},
	{Name: "Cấp độ 3", Color: "#985c00"}, {Name: "Cấp độ 4", Color: "#b8490a"}, {Name: "Cấp độ 5", Color: "#b42318"}}

// dossierSeries are the statuses a dossier waits in or ends at, withdrawn left out.
var dossierSeries = []struct {
	status review.Status
	color  string
}{{review.Draft, "#0b4f8a"}, {review.Submitted, "#d08a00"}, {review.OpinionGiven, "#e5a83b"},
	{review.Appraised, "#b54708"}, {review.Approved, "#1a7f37"}, {review.Returned, "#b42318"}}

func (s *Server) inventoryBlock(c *fiber.Ctx) (*inventoryBlock, error) {
	ctx := c.UserContext()
	pr := principalOf(c)
	sc := scope(pr)
	now := s.cfg.Now()
	b := &inventoryBlock{Year: annual.ReportYear(now)}
	var err error
	if b.Decree331, err = decree331On(now); err != nil {
		return nil, err
	}
	if b.Decree331.InForce {
		b.Deadlines = deadlineViews(now, b.Year)
	}

	rr, err := s.reg.Rerate(ctx, sc, transitionRuleSet)
	if err != nil {
		// Without the Decree 331 set (a server started with an agency's own): the levels
		// still show, the transition does not.
		if rr, err = s.reg.Rerate(ctx, sc, ""); err != nil {
			return nil, err
		}
	} else {
		b.RuleSet, b.Changes = rr.RuleSet, rerateCounts(rr)
	}
	type unit struct {
		id               int64
		name             string
		levels, approved [6]int
	}
	var units []*unit
	byID := map[int64]*unit{}
	for _, r := range rr.Rows {
		u := byID[r.OrgID]
		if u == nil {
			u = &unit{id: r.OrgID, name: r.Org}
			byID[r.OrgID] = u
			units = append(units, u)
		}
		u.levels[min(max(r.Current, 0), 5)]++
		if r.Approved != nil {
			u.approved[min(max(*r.Approved, 0), 5)]++
		} else {
			u.approved[0]++
		}
		if r.ApprovedRuleSet == "d85-2016" {
			b.D85++
		}
	}
	href := func(id int64) string { return "/systems?org=" + strconv.FormatInt(id, 10) }
	levels := charts.Chart{ID: "inv-levels", Title: "Cấp độ xác định theo đơn vị", Unit: "hệ thống",
		Caption: "Số hệ thống của mỗi đơn vị theo cấp độ capdo xác định cho phiên bản hiện tại.",
		Series:  append(append([]charts.Series{}, levelSeries...), charts.Series{Name: "Chưa xác định", Color: "#5f6b78"})}
	approved := charts.Chart{ID: "inv-approved", Title: "Cấp độ đã phê duyệt theo đơn vị (kể cả khai báo khi nhập)", Unit: "hệ thống",
		Caption: "Số hệ thống của mỗi đơn vị theo cấp độ đã phê duyệt (quyết định trong capdo hoặc khai báo khi nhập danh mục).",
		Series:  append(append([]charts.Series{}, levelSeries...), charts.Series{Name: "Chưa phê duyệt", Color: "#c3ccd6"})}
	transition := charts.Chart{ID: "inv-transition", Title: "Cấp độ theo Nghị định 331/2026 so với cấp độ đã phê duyệt", Unit: "hệ thống",
		Caption: "Số hệ thống của mỗi đơn vị giữ nguyên, tăng, giảm cấp độ, hoặc chưa có cấp độ phê duyệt, khi xét theo Nghị định 331/2026.",
		Series:  changeSeries}
	for _, u := range units {
		levels.Rows = append(levels.Rows, charts.Row{Label: u.name, Href: href(u.id),
			Values: []int{u.levels[1], u.levels[2], u.levels[3], u.levels[4], u.levels[5], u.levels[0]}})
		approved.Rows = append(approved.Rows, charts.Row{Label: u.name, Href: href(u.id),
			Values: []int{u.approved[1], u.approved[2], u.approved[3], u.approved[4], u.approved[5], u.approved[0]}})
	}
	if b.RuleSet != "" {
		for _, u := range rr.ByUnit {
			transition.Rows = append(transition.Rows, charts.Row{Label: u.Name, Href: "/rerate?rule_set=" + transitionRuleSet,
				Values: []int{u.Same, u.Up, u.Down, u.New}})
		}
	}

	counts, err := s.store.DossierCountsByOrg(ctx, sc)
	if err != nil {
		return nil, err
	}
	dossiers := charts.Chart{ID: "inv-dossiers", Title: "Hồ sơ theo trạng thái và đơn vị", Unit: "hồ sơ",
		Caption: "Số phiên bản hồ sơ của mỗi đơn vị ở từng trạng thái; hồ sơ đã rút không được tính."}
	col := map[string]int{}
	for i, x := range dossierSeries {
		dossiers.Series = append(dossiers.Series, charts.Series{Name: statusLabel(string(x.status)), Color: x.color})
		col[string(x.status)] = i
	}
	rowOf := map[int64]int{}
	for _, x := range counts {
		i, ok := col[x.Status]
		if !ok {
			continue
		}
		r, ok := rowOf[x.OrgID]
		if !ok {
			r = len(dossiers.Rows)
			rowOf[x.OrgID] = r
			dossiers.Rows = append(dossiers.Rows, charts.Row{Label: x.Name, Values: make([]int, len(dossierSeries)),
				Href: "/dossiers?org=" + strconv.FormatInt(x.OrgID, 10)})
		}
		dossiers.Rows[r].Values[i] += x.Count
	}

	for _, ch := range []struct {
		c   charts.Chart
		out *template.HTML
	}{{levels, &b.Levels}, {approved, &b.Approved}, {dossiers, &b.Dossiers}, {transition, &b.Transition}} {
		if *ch.out, err = ch.c.HTML(); err != nil {
			return nil, fmt.Errorf("dashboard chart %s: %w", ch.c.ID, err)
		}
	}

	for _, d := range []struct {
		due   string
		list  *[]store.Dossier
		total *int
	}{{store.DueSoon, &b.DueSoon, &b.DueSoonTotal}, {store.DueOverdue, &b.Overdue, &b.OverdueTotal}} {
		f := store.DossierFilter{Due: d.due, Now: now, Limit: dueListSize}
		if *d.list, err = s.store.ListDossiers(ctx, sc, f); err != nil {
			return nil, err
		}
		if *d.total, err = s.store.CountDossiers(ctx, sc, f); err != nil {
			return nil, err
		}
	}
	return b, nil
}
