package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"capdo/levels"
	"capdo/registry"
	"capdo/review"
	"capdo/risk"
	"capdo/store"
)

// The page «Đánh giá rủi ro an ninh mạng» of a system (/systems/{id}/risk): the assessment
// in force for the version the user reads, and for the system's editors a form to record a
// new one. The form works without JavaScript: its buttons add a register row, remove one or
// import a sheet by posting the form back, which is shown again with what was typed; only
// «Lưu đánh giá» records anything (registry.RecordRisk).

// The page's template functions, added to those of every page before the pages are parsed
// (loadViews runs in New).
func init() {
	funcs["triggerLabel"] = func(t risk.Trigger) string { return risk.TriggerLabel(t) }
	funcs["riskContents"] = func() []risk.Item { return risk.ContentItems }
	funcs["inc"] = func(i int) int { return i + 1 }
	funcs["viDate"] = func(iso string) string {
		if t, err := time.Parse(time.DateOnly, iso); err == nil {
			return t.Format("02/01/2006")
		}
		return iso
	}
	// An input's id is its name without dots and brackets, which CSS selectors would read
	// as classes and attributes: risks[0].asset → in-risks-0-asset.
	funcs["fid"] = func(name string) string { return "in-" + idReplacer.Replace(name) }
}

var idReplacer = strings.NewReplacer(".", "-", "[", "-", "]", "")

// maxFormRows bounds the register rows a posted form may carry.
const maxFormRows = risk.MaxRisks

// riskView is the data of the page.
type riskView struct {
	State    registry.RiskState
	Editable bool
	Saved    bool
	// Posted: the page answers the form's own post, which stays open.
	Posted bool
	Notice string
	// General lists the problems that belong to no single input.
	General  []string
	Form     riskFormView
	Matrix   matrixView
	History  []store.RiskAssessment
	Decree   string
	Contents string // risk.ContentsNote
	Detailed string // risk.DetailedNote
}

// riskFormView is the form as shown: what was typed, and the problems by input.
type riskFormView struct {
	Triggers  []choice
	Contents  []textInput
	Rows      []riskRow
	Level     string
	Levels    []choice
	Rationale textInput
	Detailed  []textInput
	// OpenDetailed shows the detailed report of Art. 22.5 unfolded.
	OpenDetailed bool
	AssessedBy   textInput
	AssessedAt   textInput
	Suggestion   risk.Suggestion
	problems     map[string][]string
}

// P lists the problems of one input, by its name (the field's JSON path).
func (f riskFormView) P(name string) []string { return f.problems[name] }

type choice struct {
	Value, Label, Citation string
	Checked                bool
}

type textInput struct {
	Name, Label, Citation, Value string
	Problems                     []string
}

// riskRow is one register row of the form; values stay text so that what was typed shows
// again as typed.
type riskRow struct {
	Index                                                                        int
	Asset, Threat, Vulnerability, Likelihood, Impact, Controls, Treatment, Owner string
	// Score and Band are computed when likelihood and impact are valid.
	Score    int
	Band     risk.Band
	problems map[string][]string
}

// P lists the problems of one cell of the row, by its key (asset, likelihood …).
func (r riskRow) P(key string) []string { return r.problems[key] }

// Name is the input name of one cell of the row.
func (r riskRow) Name(key string) string { return fmt.Sprintf("risks[%d].%s", r.Index, key) }

// matrixView is the scoring matrix as a table: impact from 5 down, likelihood across.
type matrixView struct {
	*risk.Matrix
	Rows []matrixRow
}

type matrixRow struct {
	Impact risk.Step
	Cells  []matrixCell
}

type matrixCell struct {
	Score int
	Band  risk.Band
}

func newMatrixView(m *risk.Matrix) matrixView {
	v := matrixView{Matrix: m}
	for i := len(m.Impact) - 1; i >= 0; i-- {
		row := matrixRow{Impact: m.Impact[i]}
		for _, l := range m.Likelihood {
			score, b := m.Band(l.Value, m.Impact[i].Value)
			row.Cells = append(row.Cells, matrixCell{Score: score, Band: b})
		}
		v.Rows = append(v.Rows, row)
	}
	return v
}

// generalFields name, for a reader, the fields whose problems the form shows on top.
var generalFields = map[string]string{"risks": "Sổ đăng ký rủi ro", "contents": "Nội dung đánh giá", "detailed": "Báo cáo chi tiết", "body": "Biểu mẫu"}

var riskCells = []string{"asset", "threat", "vulnerability", "likelihood", "impact", "controls", "treatment", "owner"}

// formOf is the form filled with a recorded assessment, or an empty one with one blank
// register row.
func formOf(a *risk.Assessment) postedForm {
	f := postedForm{contents: map[string]string{}, detailed: map[string]string{}}
	if a == nil {
		f.rows = []riskRow{{}}
		return f
	}
	f.trigger, f.rationale, f.by, f.at = string(a.Trigger), a.Rationale, a.AssessedBy, a.AssessedAt
	f.level = strconv.Itoa(a.Level)
	for _, it := range risk.ContentItems {
		f.contents[it.Key] = a.Contents.Get(it.Key)
	}
	if d := a.Detailed; d != nil {
		f.detailed["a"], f.detailed["b"], f.detailed["c"], f.detailed["d"] = d.A, d.B, d.C, d.D
	}
	f.rows = rowsOf(a.Risks)
	return f
}

// rowsOf are register rows as the form shows them.
func rowsOf(risks []risk.Risk) []riskRow {
	var rows []riskRow
	for _, r := range risks {
		rows = append(rows, riskRow{Asset: r.Asset, Threat: r.Threat, Vulnerability: r.Vulnerability, Likelihood: strconv.Itoa(r.Likelihood),
			Impact: strconv.Itoa(r.Impact), Controls: r.Controls, Treatment: r.Treatment, Owner: r.Owner})
	}
	return rows
}

// postedForm is the form as posted.
type postedForm struct {
	trigger, level, rationale, by, at string
	contents, detailed                map[string]string
	rows                              []riskRow
}

func readRiskForm(c *fiber.Ctx) postedForm {
	v := func(name string) string { return strings.Clone(c.FormValue(name)) }
	f := postedForm{trigger: v("trigger"), level: v("level"), rationale: v("rationale"), by: v("assessed_by"), at: v("assessed_at"),
		contents: map[string]string{}, detailed: map[string]string{}}
	for _, it := range risk.ContentItems {
		f.contents[it.Key] = v("contents." + it.Key)
	}
	for _, it := range risk.DetailedItems {
		f.detailed[it.Key] = v("detailed." + it.Key)
	}
	n, _ := strconv.Atoi(c.FormValue("rows"))
	for i := range min(max(n, 0), maxFormRows) {
		at := fmt.Sprintf("risks[%d].", i)
		f.rows = append(f.rows, riskRow{Asset: v(at + "asset"), Threat: v(at + "threat"), Vulnerability: v(at + "vulnerability"),
			Likelihood: v(at + "likelihood"), Impact: v(at + "impact"), Controls: v(at + "controls"), Treatment: v(at + "treatment"), Owner: v(at + "owner")})
	}
	return f
}

// blank: nothing typed in the row.
func (r riskRow) blank() bool {
	for _, s := range []string{r.Asset, r.Threat, r.Vulnerability, r.Likelihood, r.Impact, r.Controls, r.Treatment, r.Owner} {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

// number is a typed whole number as JSON: the number, nothing when empty, or the text as
// typed, for the decoder to name.
func number(s string) any {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	return s
}

// assessment decodes the posted form as the API decodes a body, so that both check the
// same and name problems the same; blank register rows are left out first.
func (f *postedForm) assessment() (*risk.Assessment, []levels.Problem) {
	f.rows = slices.DeleteFunc(f.rows, riskRow.blank)
	rows := []map[string]any{}
	for _, r := range f.rows {
		rows = append(rows, map[string]any{"asset": r.Asset, "threat": r.Threat, "vulnerability": r.Vulnerability,
			"likelihood": number(r.Likelihood), "impact": number(r.Impact), "controls": r.Controls, "treatment": r.Treatment, "owner": r.Owner})
	}
	obj := map[string]any{"trigger": f.trigger, "contents": f.contents, "risks": rows, "level": number(f.level),
		"rationale": f.rationale, "assessed_by": strings.TrimSpace(f.by), "assessed_at": strings.TrimSpace(f.at)}
	for _, s := range f.detailed {
		if strings.TrimSpace(s) != "" {
			obj["detailed"] = f.detailed
			break
		}
	}
	data, err := json.Marshal(obj)
	if err != nil {
		return nil, []levels.Problem{{Field: "body", Message: err.Error()}}
	}
	return risk.Decode(bytes.NewReader(data))
}

// riskPage shows the assessment of the version the user reads and, to the system's
// editors, the form to record a new one, filled with the one in force.
func (s *Server) riskPage(c *fiber.Ctx) error {
	view, err := s.riskView(c)
	if err != nil {
		return err
	}
	view.Saved = c.Query("saved") == "1"
	var a *risk.Assessment
	if view.State.Record != nil {
		a = &view.State.Record.Assessment
	}
	f := formOf(a)
	// A new assessment starts from the one in force, but its reason, its date and who
	// made it are its own.
	f.trigger, f.at, f.by = "", "", ""
	if a == nil {
		f.trigger = string(risk.First)
	}
	s.fillForm(c, &view, f, nil)
	return s.render(c, fiber.StatusOK, "risk", "Đánh giá rủi ro an ninh mạng", view)
}

// riskForm handles every button of the form: save (the default), add a row, remove row N,
// import a sheet. Only save writes.
func (s *Server) riskForm(c *fiber.Ctx) error {
	view, err := s.riskView(c)
	if err != nil {
		return err
	}
	if !view.Editable {
		return errNotFound // only the system's own subtree records; RiskOf hides the rest already
	}
	view.Posted = true
	f := readRiskForm(c)
	status := fiber.StatusOK
	var ps []levels.Problem
	switch op := c.FormValue("op"); {
	case op == "add":
		f.rows = append(f.rows, riskRow{})
	case strings.HasPrefix(op, "del-"):
		if i, err := strconv.Atoi(strings.TrimPrefix(op, "del-")); err == nil && i >= 0 && i < len(f.rows) {
			f.rows = slices.Delete(f.rows, i, i+1)
		}
	case op == "import":
		risks, name, err := readRegisterUpload(c)
		var he *httpError
		switch {
		case errors.As(err, &he):
			status = he.Status
			view.General = append(view.General, he.Message)
			for _, p := range he.Problems {
				view.General = append(view.General, registerProblem(p))
			}
		case err != nil:
			return err
		default:
			f.rows = rowsOf(risks)
			view.Notice = fmt.Sprintf("Đã đọc %d rủi ro từ tệp «%s», thay cho các dòng trước đó. Kiểm tra rồi bấm «Lưu đánh giá» để ghi.", len(risks), name)
		}
	default:
		a, problems := f.assessment()
		if len(problems) == 0 {
			id := view.State.System.ID
			_, err := s.recordRisk(c, id, *a)
			var ie *levels.InvalidError
			if !errors.As(err, &ie) {
				if err != nil {
					return err
				}
				return c.Redirect("/systems/"+strconv.FormatInt(id, 10)+"/risk?saved=1", fiber.StatusSeeOther)
			}
			problems = ie.Problems
		}
		status, ps = fiber.StatusBadRequest, problems
		view.General = append(view.General, "Chưa ghi được đánh giá: hãy sửa các chỗ được đánh dấu.")
	}
	if len(f.rows) == 0 {
		f.rows = []riskRow{{}}
	}
	s.fillForm(c, &view, f, ps)
	return s.render(c, status, "risk", "Đánh giá rủi ro an ninh mạng", view)
}

// registerProblem writes a problem of a register sheet as a user reads it.
func registerProblem(p levels.Problem) string {
	var b strings.Builder
	if p.Line > 0 {
		fmt.Fprintf(&b, "Dòng %d, ", p.Line)
	}
	if p.Field != "" && p.Field != "file" {
		b.WriteString(p.Field)
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// riskView reads what the page shows besides the form.
func (s *Server) riskView(c *fiber.Ctx) (riskView, error) {
	id, err := paramID(c, "id")
	if err != nil {
		return riskView{}, err
	}
	pr := principalOf(c)
	st, err := s.reg.RiskOf(c.UserContext(), scope(pr), id)
	if err != nil {
		return riskView{}, err
	}
	view := riskView{State: st, Matrix: newMatrixView(st.Matrix), Decree: "Nghị định 331/2026/NĐ-CP",
		Contents: risk.ContentsNote, Detailed: risk.DetailedNote}
	// The system's own subtree reads its current version and the history; only there
	// may an editor record an assessment.
	own, err := s.store.InSubtree(c.UserContext(), pr.User.OrgID, st.System.OrgID)
	if err != nil {
		return riskView{}, err
	}
	if own {
		view.Editable = slices.Contains(editors, pr.User.Role)
		if view.History, err = s.store.RiskAssessments(c.UserContext(), id, st.System.Version); err != nil {
			return riskView{}, err
		}
	}
	return view, nil
}

// fillForm sets the form as shown: the values, the problems by input, the scores.
func (s *Server) fillForm(c *fiber.Ctx, view *riskView, f postedForm, ps []levels.Problem) {
	byField := map[string][]string{}
	for _, p := range ps {
		byField[p.Field] = append(byField[p.Field], p.Message)
	}
	used := map[string]bool{}
	take := func(name string) []string {
		used[name] = true
		return byField[name]
	}
	fv := riskFormView{Level: f.level, problems: byField}
	for _, t := range risk.Triggers {
		fv.Triggers = append(fv.Triggers, choice{Value: t.Key, Label: t.Label, Citation: t.Citation, Checked: t.Key == f.trigger})
	}
	take("trigger")
	for _, it := range risk.ContentItems {
		name := "contents." + it.Key
		fv.Contents = append(fv.Contents, textInput{Name: name, Label: it.Label, Citation: it.Citation, Value: f.contents[it.Key], Problems: take(name)})
	}
	for _, it := range risk.DetailedItems {
		name := "detailed." + it.Key
		in := textInput{Name: name, Label: it.Label, Citation: it.Citation, Value: f.detailed[it.Key], Problems: take(name)}
		fv.OpenDetailed = fv.OpenDetailed || strings.TrimSpace(in.Value) != ""
		fv.Detailed = append(fv.Detailed, in)
	}
	for l := 1; l <= 5; l++ {
		v := strconv.Itoa(l)
		fv.Levels = append(fv.Levels, choice{Value: v, Label: levelText(l), Checked: v == f.level})
	}
	take("level")
	fv.Rationale = textInput{Name: "rationale", Label: "Lý do kết quả đánh giá hỗ trợ cấp độ này", Citation: "khoản 4, 5 Điều 10 " + view.Decree,
		Value: f.rationale, Problems: take("rationale")}
	today := s.cfg.Now().In(review.Vietnam).Format(time.DateOnly)
	fv.AssessedBy = textInput{Name: "assessed_by", Label: "Người, đơn vị đánh giá", Value: f.by, Problems: take("assessed_by")}
	fv.AssessedAt = textInput{Name: "assessed_at", Label: "Ngày đánh giá", Value: f.at, Problems: take("assessed_at")}
	if f.at == "" {
		fv.AssessedAt.Value = today
	}
	var scored risk.Assessment
	for i, r := range f.rows {
		r.Index, r.problems = i, map[string][]string{}
		for _, k := range append(riskCells, "score") {
			if m := take(r.Name(k)); m != nil {
				r.problems[k] = m
			}
		}
		l, errL := strconv.Atoi(strings.TrimSpace(r.Likelihood))
		im, errI := strconv.Atoi(strings.TrimSpace(r.Impact))
		if errL == nil && errI == nil && l >= 1 && l <= 5 && im >= 1 && im <= 5 {
			r.Score, r.Band = view.State.Matrix.Band(l, im)
			scored.Risks = append(scored.Risks, risk.Risk{Likelihood: l, Impact: im})
		}
		fv.Rows = append(fv.Rows, r)
	}
	fv.Suggestion = view.State.Matrix.Suggest(&scored)
	lvl, _ := strconv.Atoi(f.level)
	fv.OpenDetailed = fv.OpenDetailed || lvl >= 4 || view.State.System.Level >= 4 || len(fv.P("detailed")) > 0
	// Problems of no input shown (the register as a whole) go on top.
	for _, p := range ps {
		if !used[p.Field] {
			name, ok := generalFields[p.Field]
			if !ok {
				name = p.Field
			}
			view.General = append(view.General, name+": "+p.Message)
		}
	}
	view.Form = fv
}
