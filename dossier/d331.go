package dossier

import (
	"strconv"
	"strings"
	"time"

	"capdo/levels"
	"capdo/risk"
)

// What a Decree 331/2026 dossier says beyond what both families share (docs/reference/
// d331.md §2–3): who appraises levels 4–5 by the owner's sector, the level-5 route of a
// critical system, the independent appraiser of Art. 18.4, the citations of Art. 20–21,
// and the risk assessment of Art. 10 that the explanation reports (Art. 22.4.c, 22.5).

// decree331 is how the documents cite the decree.
const decree331 = "Nghị định 331/2026/NĐ-CP"

// isD331 reports whether a dossier is made with the Decree 331 family.
func isD331(fam *family) bool { return fam != nil && fam.id == D331Templates }

// criticalSystem reports a system on (or proposed for) the list of systems important to
// national security (Art. 16–17), which follows the level-5 route (khoản 4 Điều 20).
func criticalSystem(p *levels.Profile) bool { return p.Bool("critical_system") }

// sectorAppraisers are the appraisers of levels 4–5 by the owner's sector (khoản 3 Điều
// 18): Bộ Công an by default (point a), Bộ Quốc phòng for military systems (point b), Ban
// Cơ yếu Chính phủ for the cipher systems of its bodies (point c).
var sectorAppraisers = map[string]struct{ name, point string }{
	"bca": {"Bộ Công an", "a"},
	"bqp": {"Bộ Quốc phòng", "b"},
	"bcy": {"Ban Cơ yếu Chính phủ", "c"},
}

// procedure331 completes the rule set's procedure for the documents of a Decree 331
// dossier where the rule set leaves it open, so that the documents name whom they go to:
//
//   - a critical system at level 3–4 follows the level-5 route (khoản 4 Điều 20): the
//     level-5 procedure, when the rule set's own for its level is not an authority's;
//   - at levels 4–5 an addressee the rule set leaves blank is the appraiser of the owner's
//     sector (owner_sector, or failing it the ministry that manages the system), Bộ Công an
//     by default, with a drafting note saying how it was chosen;
//   - the professional opinion of the cyber unit comes before the submission on that route
//     (điểm d khoản 1 Điều 20) when the rule set does not say so itself;
//   - when the owner's cyber unit also operates the system, it may not appraise it: the
//     addressee is the other unit or independent council the owner assigns (khoản 4 Điều
//     18), a blank to fill in.
func procedure331(rs *levels.RuleSet, proc levels.Procedure, p *levels.Profile, lvl int) levels.Procedure {
	route5 := lvl == 5 || criticalSystem(p)
	if route5 && lvl < 5 && proc.AppraiserRole != "authority" {
		if p5, ok := rs.ProcedureOf(5, p); ok {
			p5.Levels = proc.Levels
			proc = p5
		}
	}
	if route5 || lvl >= 4 {
		if a := strings.TrimSpace(proc.Addressee); a == "" || strings.HasPrefix(a, "[") {
			sector := p.Text("owner_sector")
			if sector == "" {
				sector = p.ManagingMinistry()
			}
			who, ok := sectorAppraisers[sector]
			if sector == "civil" {
				who, ok = sectorAppraisers["bca"], true
			}
			note := "cơ quan thẩm định hồ sơ cấp độ 4–5 là Bộ Công an, trừ hệ thống thông tin quân sự (Bộ Quốc phòng) và hệ thống mật mã của các cơ quan thuộc Ban Cơ yếu Chính phủ (khoản 3 Điều 18 " + decree331 + "). "
			if ok {
				note += "capdo ghi " + who.name + " theo khối của chủ quản đã khai báo (" + levels.ValueLabel(sector) + "); kiểm tra lại trước khi gửi hồ sơ."
			} else {
				who = sectorAppraisers["bca"]
				note += "Hồ sơ hệ thống chưa khai báo khối của chủ quản (owner_sector): capdo ghi Bộ Công an; nếu hệ thống là hệ thống thông tin quân sự hoặc hệ thống mật mã của Ban Cơ yếu Chính phủ, khai báo owner_sector và lập lại hồ sơ."
			}
			proc.Appraiser, proc.Addressee = who.name, who.name
			proc.Citation = "Điểm " + who.point + " khoản 3 Điều 18 " + decree331
			proc.AppraiserRole = "authority"
			proc.AppraiserNote = note
		}
		if proc.ProfessionalOpinion == nil || !proc.ProfessionalOpinion.Required {
			proc.ProfessionalOpinion = &levels.Opinion{Required: true, ByRole: "infosec", Citation: "Điểm d khoản 1 Điều 20 " + decree331}
		}
	}
	if p.Bool("infosec_operates") && proc.AppraiserRole == "infosec" {
		owner := strings.TrimSpace(p.Owner)
		proc.Addressee = "[ĐƠN VỊ THẨM ĐỊNH KHÁC HOẶC HỘI ĐỒNG THẨM ĐỊNH ĐỘC LẬP DO " + fullUpper(owner) + " GIAO]"
		proc.Appraiser = "Đơn vị có thẩm quyền khác hoặc Hội đồng thẩm định độc lập do chủ quản giao (khoản 4 Điều 18 " + decree331 + ")"
		proc.AppraiserNote = "đơn vị chuyên trách về an ninh mạng của " + owner + " đồng thời vận hành hệ thống nên không tự thẩm định hồ sơ: theo khoản 4 Điều 18 " + decree331 +
			", đơn vị này đề xuất " + owner + " giao một đơn vị có thẩm quyền khác thẩm định hoặc thành lập Hội đồng thẩm định độc lập. Điền tên đơn vị hoặc hội đồng được giao; việc phê duyệt vẫn theo thẩm quyền của cấp độ [suy luận, cần kiểm chứng]."
		proc.AppraiserRole = "independent"
	}
	return proc
}

// citations331 are the citations of the steps of the procedure under Decree 331 (d331.md
// §2.1): the dossier is sent under điểm b (levels 1–2), c (level 3) or d (levels 4–5 and
// the level-5 route, through the owner, after the professional opinion) of khoản 1 Điều
// 20; it is approved under điểm a (levels 1–2, by the cyber unit), b (levels 3–4) or c
// (level 5: the protection plan; a critical system at level 3–4 by khoản 4) of khoản 3;
// the professional opinion is a part of the dossier by khoản 5 Điều 21.
func citations331(m *model, lvl int, route5 bool) {
	f := m.fields
	send, approve := "điểm b khoản 1 Điều 20", "điểm a khoản 3 Điều 20"
	switch {
	case route5 && lvl < 5:
		send, approve = "điểm d khoản 1 Điều 20", "điểm c khoản 3, khoản 4 Điều 20"
	case lvl == 3:
		send, approve = "điểm c khoản 1 Điều 20", "điểm b khoản 3 Điều 20"
	case lvl == 4:
		send, approve = "điểm d khoản 1 Điều 20", "điểm b khoản 3 Điều 20"
	case lvl == 5:
		send, approve = "điểm d khoản 1 Điều 20", "điểm c khoản 3 Điều 20"
	}
	f["SUBMISSION_CITATION"], f["APPROVAL_CITATION"] = send+" "+decree331, approve+" "+decree331
	f["OPINION_PART_CITATION"] = "khoản 5 Điều 21 " + decree331
}

// riskModel fills what the explanation reports of the system's cyber risk assessment
// (Art. 10): the seven minimum contents (khoản 3 Điều 10), the risk register, the level
// the assessment supports and, at levels 4–5, the detailed report of khoản 5 Điều 22. A
// dossier without a recorded assessment gets the same tables with blanks to fill in.
func riskModel(m *model, a *risk.Assessment, p *levels.Profile, d *levels.Decision) {
	f, c := m.fields, m.conds
	c["HAS_RISK"] = a != nil
	f["RISK_LEVEL"], f["RISK_TRIGGER"], f["RISK_RATIONALE"], f["RISK_ASSESSED_BY"], f["RISK_ASSESSED_AT"] = "", "", "", "", ""
	c["RISK_ABOVE_LEVEL"] = false
	var contents risk.Contents
	var detailed risk.Detailed
	if a != nil {
		contents = a.Contents
		if a.Detailed != nil {
			detailed = *a.Detailed
		}
		f["RISK_LEVEL"] = strconv.Itoa(a.Level)
		f["RISK_TRIGGER"] = lowerFirst(risk.TriggerLabel(a.Trigger))
		f["RISK_RATIONALE"] = strings.TrimSpace(a.Rationale)
		f["RISK_ASSESSED_BY"] = strings.TrimSpace(a.AssessedBy)
		if t, err := time.Parse(time.DateOnly, a.AssessedAt); err == nil {
			f["RISK_ASSESSED_AT"] = dateWords(t)
		}
		c["RISK_ABOVE_LEVEL"] = a.Level > d.Level
	}
	blankIf := func(s, blank string) string {
		if s = strings.TrimSpace(s); s == "" {
			return blank
		}
		return s
	}
	if f["RISK_RATIONALE"] == "" {
		f["RISK_RATIONALE"] = "[Kết luận về mức rủi ro và cấp độ mà kết quả đánh giá rủi ro cho thấy]"
	}
	if f["RISK_ASSESSED_BY"] == "" {
		f["RISK_ASSESSED_BY"] = "[ĐƠN VỊ, NGƯỜI ĐÁNH GIÁ]"
	}
	if f["RISK_ASSESSED_AT"] == "" {
		f["RISK_ASSESSED_AT"] = "ngày …… tháng …… năm ……"
	}
	m.lists["risk_contents"] = []map[string]string{}
	for i, it := range risk.ContentItems {
		m.lists["risk_contents"] = append(m.lists["risk_contents"], map[string]string{
			"stt": strconv.Itoa(i + 1), "label": it.Label, "citation": it.Citation,
			"text": blankIf(contents.Get(it.Key), "["+it.Label+"]")})
	}
	m.lists["risk_register"] = []map[string]string{}
	if a != nil {
		for i, r := range a.Risks {
			threat := strings.TrimSpace(r.Threat)
			if v := strings.TrimSpace(r.Vulnerability); v != "" {
				threat += "; điểm yếu: " + v
			}
			controls := strings.TrimSpace(r.Controls)
			if t := strings.TrimSpace(r.Treatment); t != "" {
				controls = strings.TrimSpace(controls + "\nXử lý: " + t)
			}
			m.lists["risk_register"] = append(m.lists["risk_register"], map[string]string{
				"stt": strconv.Itoa(i + 1), "asset": r.Asset, "threat": threat,
				"likelihood": strconv.Itoa(r.Likelihood), "impact": strconv.Itoa(r.Impact),
				"score": strconv.Itoa(r.Likelihood * r.Impact), "measures": controls})
		}
	}
	c["HAS_RISK_REGISTER"] = len(m.lists["risk_register"]) > 0
	// Art. 22.5.d asks for the case for 24/7 operation only of the systems of khoản 2
	// Điều 14 (national e-government, nationwide infrastructure).
	always := p.AlwaysOn
	for _, r := range d.Reasons {
		always = always || strings.HasSuffix(r.Rule, "A14.K2")
	}
	m.lists["risk_detailed"] = []map[string]string{}
	for _, it := range risk.DetailedItems {
		var text string
		switch it.Key {
		case "a":
			text = detailed.A
		case "b":
			text = detailed.B
		case "c":
			text = detailed.C
		case "d":
			text = detailed.D
		}
		blank := "[" + it.Label + "]"
		if it.Key == "d" && !always {
			blank = "Không áp dụng: hệ thống không thuộc khoản 2 Điều 14 " + decree331 + "."
		}
		m.lists["risk_detailed"] = append(m.lists["risk_detailed"], map[string]string{
			"key": it.Key, "label": it.Label, "citation": it.Citation, "text": blankIf(text, blank)})
	}
}
