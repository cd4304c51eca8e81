package server

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html/template"
	"log/slog"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"capdo/charts"
	"capdo/inventory"
	"capdo/levels"
	"capdo/registry"
	"capdo/sheet"
)

// Re-rating the registry (docs/contract.md §7): POST /api/v1/rerate compares every system the
// caller sees with a rule set and changes nothing; GET /api/v1/rerate downloads the same
// comparison as CSV or XLSX; applying it for chosen systems (owner, operator or admin of
// the systems' units, as for any dossier) makes draft dossiers under the set.

// MaxRerateApply bounds the systems one request makes dossiers for: each renders its
// documents.
const MaxRerateApply = 200

// rerateJSON is the answer of POST /api/v1/rerate.
type rerateJSON struct {
	RuleSet string         `json:"rule_set"`
	Counts  map[string]int `json:"counts"`
	// Undetermined counts the systems no criterion of the set matches (level 0).
	Undetermined int             `json:"undetermined"`
	Failed       int             `json:"failed"`
	ByUnit       []unitCountJSON `json:"by_unit"`
	Rows         []rerateRowJSON `json:"rows"`
}

type unitCountJSON struct {
	OrgID int64  `json:"org_id"`
	Org   string `json:"org"`
	Same  int    `json:"same"`
	Up    int    `json:"up"`
	Down  int    `json:"down"`
	New   int    `json:"new"`
}

// rerateRowJSON: rules is the decisive rule ids joined by ";" as in `capdo rerate`'s
// report; rule_ids is the same as a list.
type rerateRowJSON struct {
	registry.RerateRow
	Rules   string   `json:"rules"`
	RuleIDs []string `json:"rule_ids"`
}

func rerateCounts(rr *registry.Rerating) map[string]int {
	return map[string]int{inventory.ChangeSame: rr.Count(inventory.ChangeSame), inventory.ChangeUp: rr.Count(inventory.ChangeUp),
		inventory.ChangeDown: rr.Count(inventory.ChangeDown), inventory.ChangeNew: rr.Count(inventory.ChangeNew)}
}

func toRerateJSON(rr *registry.Rerating) rerateJSON {
	out := rerateJSON{RuleSet: rr.RuleSet, Counts: rerateCounts(rr), Undetermined: rr.Undetermined, Rows: make([]rerateRowJSON, len(rr.Rows)),
		ByUnit: make([]unitCountJSON, len(rr.ByUnit))}
	for i, r := range rr.Rows {
		out.Rows[i] = rerateRowJSON{RerateRow: r, Rules: strings.Join(r.Rules, ";"), RuleIDs: r.Rules}
		if r.Error != "" {
			out.Failed++
		}
	}
	for i, u := range rr.ByUnit {
		out.ByUnit[i] = unitCountJSON{OrgID: u.OrgID, Org: u.Name, Same: u.Same, Up: u.Up, Down: u.Down, New: u.New}
	}
	return out
}

// rerateBody reads {"rule_set"} (the rule set in force when absent).
func rerateBody(c *fiber.Ctx, v any) error {
	body := bytes.TrimSpace(c.Body())
	if len(body) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return badBody(fmt.Sprintf("cần một đối tượng JSON: %v", err))
	}
	return nil
}

func (s *Server) apiRerate(c *fiber.Ctx) error {
	var in struct {
		RuleSet string `json:"rule_set"`
	}
	if err := rerateBody(c, &in); err != nil {
		return err
	}
	rr, err := s.reg.Rerate(c.UserContext(), scope(principalOf(c)), in.RuleSet)
	if err != nil {
		return err
	}
	return writeJSON(c, fiber.StatusOK, toRerateJSON(rr))
}

// apiRerateExport downloads the comparison: ?rule_set=…&format=csv|xlsx|json.
func (s *Server) apiRerateExport(c *fiber.Ctx) error {
	format := c.Query("format", "xlsx")
	if !slices.Contains([]string{"csv", "xlsx", "json"}, format) {
		return badParam("format", "phải là csv, xlsx hoặc json")
	}
	rr, err := s.reg.Rerate(c.UserContext(), scope(principalOf(c)), strings.Clone(c.Query("rule_set")))
	if err != nil {
		return err
	}
	name := "xep-lai-cap-do-" + rr.RuleSet
	switch format {
	case "json":
		return writeJSON(c, fiber.StatusOK, toRerateJSON(rr))
	case "csv":
		data, err := rerateCSV(rr)
		if err != nil {
			return err
		}
		return sendFile(c, name+".csv", "text/csv; charset=utf-8", data)
	}
	data, err := rerateXLSX(rr)
	if err != nil {
		return err
	}
	return sendFile(c, name+".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", data)
}

// sendFile answers with a download.
func sendFile(c *fiber.Ctx, name, ctype string, data []byte) error {
	c.Set(fiber.HeaderContentType, ctype)
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+name+`"`)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(data)
}

// rerateColumns are the export's columns: the contract's keys (CSV, for programs) and
// their Vietnamese headings (XLSX, for people).
var rerateColumns = []struct {
	key, title string
	width      float64
}{
	{"system_id", "Số hệ thống", 10}, {"id", "Mã hệ thống", 14}, {"name", "Tên hệ thống", 40}, {"org", "Đơn vị", 28},
	{"approved_level", "Cấp độ đã phê duyệt", 12}, {"approved_source", "Nguồn cấp độ đã phê duyệt", 18},
	{"approved_rule_set", "Phê duyệt theo bộ quy tắc", 14}, {"level", "Cấp độ theo bộ quy tắc", 12}, {"change", "Thay đổi", 12},
	{"rules", "Tiêu chí quyết định", 30}, {"current_level", "Cấp độ hiện lưu", 12}, {"status", "Trạng thái hồ sơ", 18},
	{"warnings", "Cảnh báo", 40}, {"error", "Lỗi", 30},
}

// changeLabels are the Vietnamese names of the changes.
var changeLabels = map[string]string{inventory.ChangeSame: "Giữ nguyên", inventory.ChangeUp: "Tăng",
	inventory.ChangeDown: "Giảm", inventory.ChangeNew: "Chưa có cấp độ phê duyệt"}

var sourceLabels = map[string]string{registry.BaselineApproval: "Quyết định phê duyệt trong capdo",
	registry.BaselineDeclared: "Khai báo khi nhập danh mục"}

func rerateCells(r registry.RerateRow, people bool) []string {
	approved := ""
	if r.Approved != nil {
		approved = strconv.Itoa(*r.Approved)
	}
	level := ""
	if r.Error == "" {
		level = strconv.Itoa(r.Level)
	}
	change, source, status := r.Change, r.ApprovedSource, r.Status
	if people {
		change, source, status = changeLabels[r.Change], sourceLabels[r.ApprovedSource], statusLabel(r.Status)
	}
	return []string{strconv.FormatInt(r.SystemID, 10), r.ID, r.Name, r.Org, approved, source, r.ApprovedRuleSet, level, change,
		strings.Join(r.Rules, ";"), strconv.Itoa(r.Current), status, strings.Join(r.Warnings, " | "), r.Error}
}

// formulaStart are the first characters that make a spreadsheet read a cell as a formula:
// a system named "=HYPERLINK(…)" stays text in the export.
const formulaStart = "=+-@\t\r"

func rerateCSV(rr *registry.Rerating) ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	head := make([]string, len(rerateColumns))
	for i, c := range rerateColumns {
		head[i] = c.key
	}
	w.Write(head)
	for _, r := range rr.Rows {
		cells := rerateCells(r, false)
		for i, c := range cells {
			if c != "" && strings.ContainsRune(formulaStart, rune(c[0])) {
				cells[i] = "'" + c
			}
		}
		w.Write(cells)
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

func rerateXLSX(rr *registry.Rerating) ([]byte, error) {
	cols := make([]sheet.Column, len(rerateColumns))
	for i, c := range rerateColumns {
		cols[i] = sheet.Column{Title: c.title, Width: c.width}
	}
	rows := make([][]any, len(rr.Rows))
	for i, r := range rr.Rows {
		cells := rerateCells(r, true)
		row := make([]any, len(cells))
		for j, c := range cells {
			if n, err := strconv.Atoi(c); err == nil && (j == 0 || j == 4 || j == 7 || j == 10) {
				row[j] = n
			} else {
				row[j] = c
			}
		}
		rows[i] = row
	}
	var b bytes.Buffer
	if err := sheet.Write(&b, sheet.Table{Name: "Xếp lại cấp độ", Columns: cols, Rows: rows}); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func (s *Server) apiRerateApply(c *fiber.Ctx) error {
	var in struct {
		RuleSet   string  `json:"rule_set"`
		SystemIDs []int64 `json:"system_ids"`
	}
	if err := rerateBody(c, &in); err != nil {
		return err
	}
	res, err := s.applyRerate(c, in.RuleSet, in.SystemIDs)
	if err != nil {
		return err
	}
	return writeJSON(c, fiber.StatusOK, fiber.Map{"rule_set": in.RuleSet, "results": res})
}

// applyRerate makes the dossiers and records each one made.
func (s *Server) applyRerate(c *fiber.Ctx, ruleSet string, ids []int64) ([]registry.RerateResult, error) {
	switch {
	case len(ids) == 0:
		return nil, &httpError{Status: fiber.StatusBadRequest, Message: "Dữ liệu không hợp lệ.",
			Problems: []levels.Problem{{Field: "system_ids", Message: "chọn ít nhất một hệ thống"}}}
	case len(ids) > MaxRerateApply:
		return nil, &httpError{Status: fiber.StatusBadRequest, Message: "Dữ liệu không hợp lệ.",
			Problems: []levels.Problem{{Field: "system_ids", Message: fmt.Sprintf("mỗi lần lập hồ sơ cho tối đa %d hệ thống", MaxRerateApply)}}}
	}
	res, err := s.reg.ApplyRerate(c.UserContext(), who(c), systemScope(principalOf(c)), ruleSet, ids)
	for _, r := range res {
		if r.DossierID != 0 {
			s.audit(c, slog.LevelInfo, "dossier.create", "lập hồ sơ khi xếp lại cấp độ", actorOf(c), slog.Int64("system_id", r.SystemID),
				slog.Int64("dossier_id", r.DossierID), slog.String("rule_set", r.RuleSet))
		}
	}
	return res, err
}

// reratePage shows the comparison: counts, a chart by unit, the rows (filtered by change),
// and for those who may make dossiers, a choice of systems to apply it to.
func (s *Server) reratePage(c *fiber.Ctx) error {
	v, err := s.rerateView(c, strings.Clone(c.Query("rule_set")))
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "rerate", "Xếp lại cấp độ cả danh mục", v)
}

func (s *Server) rerateApplyForm(c *fiber.Ctx) error {
	ruleSet := strings.Clone(c.FormValue("rule_set"))
	var ids []int64
	for _, raw := range c.Context().PostArgs().PeekMulti("system") {
		id, err := strconv.ParseInt(string(raw), 10, 64)
		if err != nil || id <= 0 {
			return badParam("system", "số hệ thống không hợp lệ")
		}
		ids = append(ids, id)
	}
	res, err := s.applyRerate(c, ruleSet, ids)
	if err != nil {
		return err
	}
	v, err := s.rerateView(c, ruleSet)
	if err != nil {
		return err
	}
	names := map[int64]registry.RerateRow{}
	for _, r := range v.R.Rows {
		names[r.SystemID] = r
	}
	for _, r := range res {
		v.Results = append(v.Results, rerateResultView{RerateResult: r, Row: names[r.SystemID]})
	}
	return s.render(c, fiber.StatusOK, "rerate", "Xếp lại cấp độ cả danh mục", v)
}

type rerateView struct {
	RuleSets []string
	RuleSet  string
	Change   string
	R        *registry.Rerating
	Rows     []registry.RerateRow // after the filter
	Counts   map[string]int
	Failed   int
	Chart    template.HTML
	CanApply bool
	Results  []rerateResultView
	Max      int
	Changes  []string
}

type rerateResultView struct {
	registry.RerateResult
	Row registry.RerateRow
}

func (s *Server) rerateView(c *fiber.Ctx, ruleSet string) (*rerateView, error) {
	pr := principalOf(c)
	sets, err := s.reg.RuleSetNames()
	if err != nil {
		return nil, err
	}
	if ruleSet == "" {
		// Re-rating is about the decree now in force: Decree 331 when built in.
		ruleSet = s.reg.Rules().ID
		if slices.Contains(sets, "d331-2026") {
			ruleSet = "d331-2026"
		}
	}
	rr, err := s.reg.Rerate(c.UserContext(), scope(pr), ruleSet)
	if err != nil {
		return nil, err
	}
	change := c.Query("change")
	if _, ok := changeLabels[change]; !ok {
		change = ""
	}
	v := &rerateView{RuleSets: sets, RuleSet: rr.RuleSet, Change: change, R: rr, Counts: rerateCounts(rr),
		CanApply: slices.Contains(editors, pr.User.Role), Max: MaxRerateApply,
		Changes: []string{inventory.ChangeUp, inventory.ChangeDown, inventory.ChangeSame, inventory.ChangeNew}}
	for _, r := range rr.Rows {
		if r.Error != "" {
			v.Failed++
		}
		if change == "" || r.Change == change {
			v.Rows = append(v.Rows, r)
		}
	}
	ch := charts.Chart{ID: "rerate-by-unit", Title: "Thay đổi cấp độ theo đơn vị",
		Caption: "Số hệ thống của mỗi đơn vị giữ nguyên, tăng, giảm cấp độ hoặc chưa có cấp độ phê duyệt khi xét theo bộ quy tắc " + rr.RuleSet + ".",
		Series:  changeSeries, Unit: "hệ thống"}
	for _, u := range rr.ByUnit {
		ch.Rows = append(ch.Rows, charts.Row{Label: u.Name, Values: []int{u.Same, u.Up, u.Down, u.New},
			Href: "/systems?org=" + strconv.FormatInt(u.OrgID, 10)})
	}
	if v.Chart, err = ch.HTML(); err != nil {
		return nil, err
	}
	return v, nil
}

// changeSeries colour the changes alike everywhere: same grey, up red, down green, new blue.
var changeSeries = []charts.Series{{Name: "Giữ nguyên", Color: "#7a8694"}, {Name: "Tăng", Color: "#b42318"},
	{Name: "Giảm", Color: "#1a7f37"}, {Name: "Chưa có cấp độ phê duyệt", Color: "#2f7fbf"}}

// The pages' names of changes (rerate.html, the dashboard).
func init() {
	funcs["changeLabel"] = func(c string) string { return changeLabels[c] }
}
