package registry

import (
	"context"
	"fmt"
	"time"

	"capdo/annual"
	"capdo/review"
	"capdo/store"
	"capdo/workdays"
)

// AnnualReport fills the annual report (Mẫu 08, Decree 331 Art. 35–36) of organisation
// orgID for year from the registry of its subtree as it stood at the end of the data period
// (15/12 of the previous year to 14/12), or now while the period runs. The owner and its
// cyber unit are the organisation and the people of its accounts; what capdo does not keep
// (charter, address, periodic assessments, the plan's implementation) is left for the unit
// to fill in, and the report's notes say so.
func (r *Registry) AnnualReport(ctx context.Context, orgID int64, year int) (*annual.Report, error) {
	org, err := r.store.Org(ctx, orgID)
	if err != nil {
		return nil, err
	}
	from, to := annual.Period(year)
	asOf := annual.Cutoff(year)
	if now := r.now(); now.Before(asOf) {
		asOf = now
	}
	rep := &annual.Report{Year: year, From: from, To: to, AsOf: asOf, Totals: annual.Totals{Assessed: -1}}
	users, err := r.store.UsersIn(ctx, orgID)
	if err != nil {
		return nil, err
	}
	rep.Owner, rep.CyberUnit = bodies(org, users)
	systems, err := r.store.AnnualSystems(ctx, orgID, asOf)
	if err != nil {
		return nil, err
	}
	t := &rep.Totals
	d85 := 0
	lastDay := workdays.DateOf(asOf.Add(-time.Nanosecond)) // the last day the data cover: 14/12 once the period ends
	regs := regulationTexts{r: r, day: lastDay.String(), byOrg: map[int64]string{}}
	for _, s := range systems {
		t.Managed++
		if s.Profile.SystemType != "" {
			t.Classified++
		}
		approved := s.Approval != nil || s.Declared != nil
		if s.Dossier != nil || approved {
			t.WithDossier++
		}
		if s.Appraised || approved {
			t.Appraised++
		}
		if approved {
			t.Approved++
		}
		row := annual.Row{Name: s.Profile.Name, Owner: s.Profile.Owner, Operator: s.Profile.Operator, Level: s.Level}
		if row.Regulation, err = regs.of(ctx, s.OrgID); err != nil {
			return nil, err
		}
		switch {
		case s.Approval != nil:
			row.Level, row.Status = s.Approval.Level, annual.StatusApproved
			row.Decision = decisionText(s.Approval)
			if s.Approval.RuleSet == "d85-2016" {
				d85++
			}
		case s.Declared != nil:
			row.Level, row.Status = s.Declared.Level, annual.StatusApproved
			row.Decision = "Phê duyệt trước khi quản lý trên capdo (khai báo khi nhập danh mục); bổ sung số, ngày quyết định"
			if s.Declared.RuleSet == "d85-2016" {
				d85++
			}
		case s.Dossier != nil:
			row.Level, row.Status = s.Dossier.Level, statusText(s.Dossier.Status)
			if !s.Dossier.DueAt.IsZero() {
				row.ExpectedApproval = fmt.Sprintf("%s (hạn xử lý bước hiện tại)", s.Dossier.DueAt.In(workdays.Location).Format("02/01/2006"))
			}
		default:
			row.Status = annual.StatusNone
		}
		rep.Rows = append(rep.Rows, row)
	}
	rep.Notes = append(rep.Notes,
		"Cột (5): cấp độ đã phê duyệt, hoặc cấp độ của hồ sơ mới nhất, hoặc cấp độ capdo xác định khi hệ thống chưa có hồ sơ. Cột (6) «"+annual.StatusNone+"» không có trong Mẫu 08 [suy luận].",
		"Cột (8): quy chế bảo đảm an ninh mạng (khoản 7 Điều 30 Nghị định 331/2026/NĐ-CP) ghi nhận trên capdo của đơn vị quản lý hệ thống hoặc đơn vị cấp trên gần nhất, ban hành đến hết ngày "+lastDay.VN()+
			"; quy chế của chủ quản được coi là áp dụng cho các hệ thống của đơn vị [suy luận]; để trống khi chưa ghi nhận quy chế nào.",
		"Cột (10), (11), (12) và số hệ thống được kiểm tra, đánh giá định kỳ: capdo chưa quản lý các thông tin này; đơn vị điền trước khi gửi.",
		"Số điện thoại, thư điện tử ở mục 2 là của người đại diện có tài khoản trên capdo; thay bằng của cơ quan nếu khác [suy luận].")
	if d85 > 0 {
		rep.Notes = append(rep.Notes, fmt.Sprintf("%d hệ thống được phê duyệt cấp độ theo Nghị định 85/2016/NĐ-CP: giữ cấp độ đã phê duyệt và phải đáp ứng yêu cầu của Nghị định 331/2026/NĐ-CP, TCVN 14423:2026 trước ngày 01/7/2027 (khoản 1 Điều 45 Luật An ninh mạng 2025) [cần đối chiếu ngày: 30/6 hay 01/7/2027].", d85))
	}
	return rep, nil
}

// bodies describes the owner and its cyber unit from the organisation and its accounts:
// the owner's representative is an owner account of the organisation itself; the cyber
// unit is the organisation of an infosec account, a unit under the owner rather than the
// owner itself when there is one. Accounts with a full name come first.
func bodies(org store.Org, users []store.User) (owner, cyber annual.Body) {
	owner.Name = org.Name
	pick := func(ok func(u store.User) bool) *store.User {
		var best *store.User
		for i := range users {
			u := &users[i]
			if u.Disabled || !ok(*u) {
				continue
			}
			if best == nil || (best.FullName == "" && u.FullName != "") {
				best = u
			}
		}
		return best
	}
	if u := pick(func(u store.User) bool { return u.Role == "owner" && u.OrgID == org.ID }); u != nil {
		owner.Representative, owner.Title, owner.Phone, owner.Email = u.FullName, u.Title, u.Phone, u.Email
	}
	u := pick(func(u store.User) bool { return u.Role == "infosec" && u.OrgParentID == org.ID })
	if u == nil {
		u = pick(func(u store.User) bool { return u.Role == "infosec" && u.OrgID == org.ID })
	}
	if u != nil {
		cyber.Representative, cyber.Title, cyber.Phone, cyber.Email = u.FullName, u.Title, u.Phone, u.Email
		if u.OrgID != org.ID {
			cyber.Name = u.OrgName
		}
	}
	return owner, cyber
}

// statusText is column (6) for a dossier's status.
func statusText(s string) string {
	switch review.Status(s) {
	case review.Submitted, review.OpinionGiven:
		return annual.StatusSent
	case review.Appraised:
		return annual.StatusAppraised
	case review.Approved:
		return annual.StatusApproved
	}
	return annual.StatusDrafting // draft, returned
}

// decisionText is column (7): number, date and approving body.
// regulationTexts are column (8) of the report, by organisation: the Quy chế bảo đảm an
// ninh mạng (Decree 331 Art. 30.7) covering its systems, found as store.RegulationFor finds
// it — the newest record of the nearest organisation from it up to the root — among the
// records issued by day (YYYY-MM-DD), the last day the report covers: a regulation issued
// after the data period is no part of it. "" when none.
type regulationTexts struct {
	r     *Registry
	day   string
	byOrg map[int64]string
}

func (x *regulationTexts) of(ctx context.Context, orgID int64) (string, error) {
	if s, ok := x.byOrg[orgID]; ok {
		return s, nil
	}
	list, err := x.r.store.RegulationsOf(ctx, orgID) // newest first
	if err != nil {
		return "", err
	}
	text := ""
	for _, reg := range list {
		if reg.IssuedOn <= x.day {
			text = regulationColumn(reg)
			break
		}
	}
	if text == "" {
		org, err := x.r.store.Org(ctx, orgID)
		if err != nil {
			return "", err
		}
		if org.ParentID != 0 {
			if text, err = x.of(ctx, org.ParentID); err != nil {
				return "", err
			}
		}
	}
	x.byOrg[orgID] = text
	return text, nil
}

// regulationColumn is a regulation as column (8) names it: its number and date.
func regulationColumn(reg store.Regulation) string {
	s := "Số " + reg.Number
	if d, err := time.Parse(time.DateOnly, reg.IssuedOn); err == nil {
		s += " ngày " + d.Format("02/01/2006")
	}
	return s
}

func decisionText(a *store.AnnualApproval) string {
	s := "Đã phê duyệt ngày " + a.ApprovedAt.In(workdays.Location).Format("02/01/2006") + " (chưa ghi số quyết định)"
	if a.Number != "" {
		s = "Quyết định số " + a.Number
		if d, err := time.Parse(time.DateOnly, a.Date); err == nil {
			s += " ngày " + d.Format("02/01/2006")
		}
	}
	if a.Approver != "" {
		s += " của " + a.Approver
	}
	return s
}
