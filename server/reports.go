package server

import (
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"capdo/annual"
)

// The annual report (Mẫu 08, Decree 331 Art. 35–36) of the caller's organisation: GET
// /api/v1/reports/annual?year=2026&format=docx|xlsx|json (docs/contract.md §7) and its page.

// reportYear reads ?year=, the year whose report is being prepared by default.
func (s *Server) reportYear(c *fiber.Ctx) (int, error) {
	raw := c.Query("year")
	if raw == "" {
		return annual.ReportYear(s.cfg.Now()), nil
	}
	y, err := strconv.Atoi(raw)
	if err != nil || y < 2016 || y > s.cfg.Now().Year()+1 {
		return 0, badParam("year", "năm báo cáo phải là một năm từ 2016 đến năm sau năm nay, ví dụ 2026")
	}
	return y, nil
}

func (s *Server) apiAnnualReport(c *fiber.Ctx) error {
	year, err := s.reportYear(c)
	if err != nil {
		return err
	}
	format := c.Query("format", "docx")
	if format != "docx" && format != "xlsx" && format != "json" {
		return badParam("format", "phải là docx, xlsx hoặc json")
	}
	rep, err := s.reg.AnnualReport(c.UserContext(), principalOf(c).User.OrgID, year)
	if err != nil {
		return err
	}
	name := "bao-cao-nam-" + strconv.Itoa(year) + "-mau-08"
	switch format {
	case "json":
		return writeJSON(c, fiber.StatusOK, rep)
	case "xlsx":
		data, err := annual.XLSX(rep)
		if err != nil {
			return err
		}
		return sendFile(c, name+".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", data)
	}
	data, err := annual.DOCX(rep)
	if err != nil {
		return err
	}
	return sendFile(c, name+".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", data)
}

type annualView struct {
	Year      int
	Years     []int
	Report    *annual.Report
	Deadlines []deadlineView
	Shown     int // rows of the table previewed
}

// deadlineView is a report deadline with the days left on today's date.
type deadlineView struct {
	annual.Deadline
	Left int
}

// deadlineViews are the year's two deadlines as of now.
func deadlineViews(now time.Time, year int) []deadlineView {
	var out []deadlineView
	for _, d := range annual.Deadlines(year) {
		out = append(out, deadlineView{Deadline: d, Left: annual.DaysLeft(now, d.Date)})
	}
	return out
}

// annualPreviewRows is how many rows of the table the page shows; the files have them all.
const annualPreviewRows = 50

func (s *Server) annualPage(c *fiber.Ctx) error {
	year, err := s.reportYear(c)
	if err != nil {
		return err
	}
	rep, err := s.reg.AnnualReport(c.UserContext(), principalOf(c).User.OrgID, year)
	if err != nil {
		return err
	}
	now := s.cfg.Now()
	v := annualView{Year: year, Report: rep, Deadlines: deadlineViews(now, year), Shown: min(len(rep.Rows), annualPreviewRows)}
	for y := annual.ReportYear(now); y >= 2026; y-- {
		v.Years = append(v.Years, y)
	}
	return s.render(c, fiber.StatusOK, "annual", "Báo cáo năm (Mẫu 08)", v)
}

func init() {
	funcs["inc"] = func(i int) int { return i + 1 }
}
