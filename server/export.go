package server

import (
	"bytes"
	"encoding/csv"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"capdo/levels"
	"capdo/registry"
	"capdo/review"
	"capdo/sheet"
	"capdo/store"
)

// Exports of the lists (docs/contract.md §7: GET /api/v1/systems?format=csv|xlsx). A list exports
// what its page or API call would show, with the same filters and order, every page at
// once.
//
// Two audiences, two forms of the same rows:
//   - the API's export is for programs: headers are the contract's keys (id, name, …),
//     codes stay codes (status "draft"), times are RFC 3339, and the CSV has no byte-order
//     mark, so that a program reading the first header reads "id" (as with the re-rating
//     report, inventory/report.go);
//   - the pages' export links are for people: Vietnamese headers (the profile's labels,
//     which `capdo rerate` also reads as headers), words for codes, Vietnamese dates, and
//     a CSV that starts with a UTF-8 byte-order mark, without which Excel opens it in the
//     local code page and garbles every diacritic.
//
// A text cell that begins with = + - @ (or a tab or carriage return) is written with an
// apostrophe before it, in both formats: a spreadsheet would read it as a formula when the
// CSV is opened or a cell is pasted elsewhere (CSV/formula injection).

// Export formats.
const (
	formatCSV  = "csv"
	formatXLSX = "xlsx"
	xlsxType   = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	utf8BOM    = "\uFEFF"
)

// exportFormat reads the optional format parameter of a list.
func exportFormat(c *fiber.Ctx) (string, error) {
	switch f := c.Query("format"); f {
	case "", formatCSV, formatXLSX:
		return f, nil
	default:
		return "", badParam("format", "định dạng xuất phải là csv hoặc xlsx")
	}
}

// exportLinks are a list page's links to its exports, keeping its filters and order.
func exportLinks(path string, q url.Values) map[string]string {
	out := map[string]string{}
	for _, f := range []string{formatXLSX, formatCSV} {
		v := make(url.Values, len(q)+1)
		for k, x := range q {
			v[k] = x
		}
		v.Set("format", f)
		out[f] = path + "?" + v.Encode()
	}
	return out
}

// safeCell neutralises a text a spreadsheet would take for a formula.
func safeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// exportColumn is one column of an export: its header for programs (key) and for people
// (title, width in characters).
type exportColumn struct {
	Key, Title string
	Width      float64
}

// exportTable is a list ready to write: columns and rows of strings and integers.
type exportTable struct {
	Name    string // worksheet name
	File    string // file name without extension
	Columns []exportColumn
	Rows    [][]any
}

// sendTable writes the table as CSV or XLSX, for programs (api) or for people.
func (s *Server) sendTable(c *fiber.Ctx, t exportTable, format string, api bool) error {
	for _, r := range t.Rows {
		for i, v := range r {
			if x, ok := v.(string); ok {
				r[i] = safeCell(x)
			}
		}
	}
	name := t.File + "-" + s.cfg.Now().In(review.Vietnam).Format("20060102") + "." + format
	var buf bytes.Buffer
	switch format {
	case formatCSV:
		if !api {
			buf.WriteString(utf8BOM)
		}
		w := csv.NewWriter(&buf)
		w.UseCRLF = !api // Excel's own line ending for people; programs read either
		head := make([]string, len(t.Columns))
		for i, col := range t.Columns {
			head[i] = col.Title
			if api {
				head[i] = col.Key
			}
		}
		_ = w.Write(head)
		rec := make([]string, len(t.Columns))
		for _, r := range t.Rows {
			for i, v := range r {
				switch x := v.(type) {
				case string:
					rec[i] = x
				case int:
					rec[i] = strconv.Itoa(x)
				case int64:
					rec[i] = strconv.FormatInt(x, 10)
				}
			}
			_ = w.Write(rec)
		}
		w.Flush()
		if err := w.Error(); err != nil {
			return err
		}
		c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	case formatXLSX:
		tab := sheet.Table{Name: t.Name, Rows: t.Rows}
		for _, col := range t.Columns {
			title := col.Title
			if api {
				title = col.Key
			}
			tab.Columns = append(tab.Columns, sheet.Column{Title: title, Width: col.Width})
		}
		if err := sheet.Write(&buf, tab); err != nil {
			return err
		}
		c.Set(fiber.HeaderContentType, xlsxType)
	}
	setDownload(c, name, true)
	s.audit(c, slog.LevelInfo, "list.export", "xuất danh sách", actorOf(c), slog.String("list", t.File),
		slog.String("format", format), slog.Int("rows", len(t.Rows)))
	return c.Status(fiber.StatusOK).Send(buf.Bytes())
}

// fieldLabel is the Vietnamese label of a profile fact, as the form and inventories use it.
func fieldLabel(key string) string {
	if f, ok := levels.Standard().Field(key); ok {
		return f.Label
	}
	return key
}

// systemColumns are the columns of a system list export: for programs exactly the
// contract's seven (contract §7; the JSON list tells an approval from a declared level),
// for people the source of the approved level beside it, then the approval's record, the
// unit and the last change.
func systemColumns(api bool) []exportColumn {
	cols := []exportColumn{
		{"id", fieldLabel("id"), 14}, {"name", fieldLabel("name"), 42}, {"owner", fieldLabel("owner"), 30},
		{"operator", fieldLabel("operator"), 30}, {"level", "Cấp độ xác định", 11}, {"approved_level", "Cấp độ đã phê duyệt", 11},
		{"status", "Trạng thái hồ sơ", 18},
	}
	source := exportColumn{"approved_source", "Nguồn cấp độ đã phê duyệt", 18}
	if api {
		return cols
	}
	return append(cols[:len(cols)-1:len(cols)-1], source,
		exportColumn{"decision", "Quyết định phê duyệt", 26}, exportColumn{"next_inspection", "Kiểm tra định kỳ tiếp theo", 14},
		cols[len(cols)-1], exportColumn{"org", "Đơn vị quản lý hồ sơ", 30}, exportColumn{"updated_at", "Cập nhật", 17})
}

// approvedCells are the approved level and its source as a list exports them, by the rule
// of the list page (store.System.ApprovedLevel): the newest approval's level ("approval"),
// else the level declared on import ("declared"); empty cells for neither. The codes and
// their words are those of the re-rating report (rerate.go), for programs and for people.
func approvedCells(x store.System, api bool) (level, source any) {
	l, declared := x.ApprovedLevel()
	if l == 0 {
		return "", ""
	}
	src := registry.BaselineApproval
	if declared {
		src = registry.BaselineDeclared
	}
	if !api {
		return l, sourceLabels[src]
	}
	return l, src
}

// exportSystems writes a system list (already filtered and sorted) as a spreadsheet.
func (s *Server) exportSystems(c *fiber.Ctx, list []store.System, format string, api bool) error {
	t := exportTable{Name: "Hệ thống", File: "danh-muc-he-thong", Columns: systemColumns(api)}
	for _, x := range list {
		approved, source := approvedCells(x, api)
		if api {
			t.Rows = append(t.Rows, []any{x.Profile.ID, x.Profile.Name, x.Profile.Owner, x.Profile.Operator, x.Level, approved, x.Status})
			continue
		}
		decision, next := "", ""
		if a := x.Approved; a != nil {
			if a.Decision != nil {
				decision = "Số " + a.Decision.Number + " ngày " + isoToVN(a.Decision.Date)
			}
			next = dateVN(a.NextInspection())
		}
		t.Rows = append(t.Rows, []any{x.Profile.ID, x.Profile.Name, x.Profile.Owner, x.Profile.Operator, x.Level, approved, source,
			decision, next, statusLabel(x.Status), x.OrgName, timeVN(x.UpdatedAt)})
	}
	return s.sendTable(c, t, format, api)
}

// dossierColumns are the columns of a dossier list export.
func dossierColumns(api bool) []exportColumn {
	return []exportColumn{
		{"id", "Số hồ sơ", 9}, {"system_id", "Mã hệ thống (trong capdo)", 11}, {"system", "Hệ thống", 42}, {"org", "Đơn vị", 30},
		{"level", "Cấp độ", 8}, {"status", "Trạng thái", 18}, {"holder", "Bước tiếp theo", 24}, {"rule_set", "Bộ quy tắc", 12},
		{"submitted_at", "Ngày gửi", 17}, {"due_at", "Hạn xử lý", 12}, {"overdue", "Quá hạn", 9},
		{"return_reason", "Lý do trả lại", 40}, {"created_at", "Ngày lập", 17},
	}
}

// exportDossiers writes a dossier list (already filtered and sorted) as a spreadsheet.
func (s *Server) exportDossiers(c *fiber.Ctx, list []store.Dossier, format string, api bool) error {
	t := exportTable{Name: "Hồ sơ", File: "ho-so-de-xuat-cap-do", Columns: dossierColumns(api)}
	now := s.cfg.Now()
	for _, d := range list {
		overdue := !d.DueAt.IsZero() && now.After(d.DueAt) && d.Status != string(review.Approved) && d.Status != string(review.Withdrawn)
		if api {
			t.Rows = append(t.Rows, []any{d.ID, d.SystemID, d.SystemName, d.OrgName, d.Level, d.Status, d.Holder, d.RuleSet,
				rfc3339(d.SubmittedAt), rfc3339(d.DueAt), strconv.FormatBool(overdue), d.ReturnReason, rfc3339(d.CreatedAt)})
			continue
		}
		holder, late := "", ""
		if d.Holder != "" && d.Status != string(review.Approved) && d.Status != string(review.Withdrawn) {
			holder = store.RoleLabels[d.Holder]
		}
		if overdue {
			late = "Quá hạn"
		}
		t.Rows = append(t.Rows, []any{d.ID, d.SystemID, d.SystemName, d.OrgName, d.Level, statusLabel(d.Status), holder, d.RuleSet,
			timeVN(d.SubmittedAt), dateVN(d.DueAt), late, d.ReturnReason, timeVN(d.CreatedAt)})
	}
	return s.sendTable(c, t, format, api)
}

// dateVN is a day as Vietnamese write it, empty for none (a spreadsheet cell stays empty).
func dateVN(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(review.Vietnam).Format("02/01/2006")
}

// timeVN is a time in Vietnam, empty for none.
func timeVN(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(review.Vietnam).Format("02/01/2006 15:04")
}

// isoToVN rewrites a YYYY-MM-DD date as DD/MM/YYYY.
func isoToVN(d string) string {
	if t, err := time.Parse(time.DateOnly, d); err == nil {
		return t.Format("02/01/2006")
	}
	return d
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
