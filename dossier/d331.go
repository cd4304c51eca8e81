package dossier

import (
	"strconv"
	"strings"
	"time"

	"capdo/levels"
	"capdo/risk"
)

// What a Decree 331/2026 dossier says beyond what both families share (docs/reference/
// docs/reference/d331.md §2–3): who appraises levels 4–5 by the owner's sector, the level-5 route of a
// critical system, the independent appraiser of Art. 18.4, the citations of Art. 20–21,
// and the risk assessment of Art. 10 that the explanation reports (Art. 22.4.c, 22.5).

// decree331 is how the documents cite the decree.
const decree331 = "Nghị định số 331/2026/NĐ-CP"

// isD331 reports whether a dossier is made with the Decree 331 family.
func isD331(fam *family) bool { return fam != nil && fam.id == D331Templates }

// criticalSystem reports a system on (or proposed for) the list of systems important to
// national security (Art. 16–17), which follows the level-5 route (khoản 4 Điều 20).
func criticalSystem(p *levels.Profile) bool { return p.Bool("critical_system") }

// route5 reports a dossier on the level-5 route: level 5, or a lower level the rule set
// routes as level 5 because the system is critical (levels.RouteCritical, khoản 4 Điều 20).
func route5(proc levels.Procedure, lvl int) bool {
	return lvl == 5 || proc.Route == levels.RouteCritical
}

// independentAppraiser is the "Kính gửi" blank for the appraiser of khoản 4 Điều 18: the
// other competent unit or the independent council the owner designates.
func independentAppraiser(owner string) string {
	return "[ĐƠN VỊ CÓ THẨM QUYỀN KHÁC HOẶC HỘI ĐỒNG THẨM ĐỊNH ĐỘC LẬP DO " + fullUpper(owner) + " CHỈ ĐỊNH]"
}

// procedure331 adapts the procedure the rule set resolved for the system (levels.RuleSet.
// ProcedureOf: the appraiser of levels 4–5 by the owner's sector, with its [suy luận] note
// when the sector was guessed from the owner's name; the level-5 procedure for a critical
// system; the independent appraisal when its fact holds) to what the documents write. It
// decides nothing about who appraises: when the owner's cyber unit also operates the
// system, the request goes to the unit or council the owner designates (khoản 4 Điều 18),
// whose name the documents leave as a blank with the procedure's note.
func procedure331(proc levels.Procedure, p *levels.Profile) levels.Procedure {
	ind := proc.IndependentAppraisal
	if ind == nil {
		return proc
	}
	owner := strings.TrimSpace(p.Owner)
	proc.Addressee = independentAppraiser(owner)
	proc.Appraiser = "Đơn vị có thẩm quyền khác hoặc Hội đồng thẩm định độc lập do chủ quản chỉ định (" + midSentence(ind.Citation) + ")"
	note := strings.TrimSpace(ind.Note)
	if note == "" {
		note = "Đơn vị chuyên trách về an ninh mạng đồng thời vận hành hệ thống: chủ quản chỉ định đơn vị khác có thẩm quyền hoặc Hội đồng thẩm định độc lập thẩm định hồ sơ."
	}
	note += " Căn cứ: " + midSentence(ind.Citation) + ". Điền tên đơn vị hoặc hội đồng được " + owner + " chỉ định và số, ngày văn bản chỉ định."
	proc.AppraiserNote = strings.TrimSpace(proc.AppraiserNote + " " + note)
	return proc
}

// sectorPoints are the points of khoản 3 Điều 18 that give the appraiser of levels 4–5
// for the owner's sector the rule set resolved (levels.Procedure.Sector): Bộ Công an
// (point a), Bộ Quốc phòng (b), Ban Cơ yếu Chính phủ (c).
var sectorPoints = map[string]string{"civil": "a", "bca": "a", "bqp": "b", "bcy": "c"}

// citations331 are the citations of the steps of the procedure under Decree 331 (docs/reference/d331.md
// §2.1), each the provision of that step alone, so that a recital never repeats one:
//   - who appraises (PROCEDURE_CITATION): khoản 1 Điều 18 (levels 1–2, the cyber unit),
//     điểm a khoản 2 (level 3), khoản 4 when the owner designates an independent appraiser,
//     at levels 4–5 and on the level-5 route the point of khoản 3 for the owner's sector
//     (the rule set's own citation when it names no sector);
//   - how the dossier is sent: điểm b (levels 1–2), c (level 3) or d (levels 4–5 and the
//     level-5 route, through the owner, after the professional opinion) of khoản 1 Điều 20;
//   - who approves and how: khoản 1 Điều 18 with điểm a khoản 3 Điều 20 (the cyber unit,
//     levels 1–2), điểm b khoản 2 Điều 18 with điểm b khoản 3 Điều 20 (the owner, level 3),
//     điểm d khoản 3 Điều 18 with điểm b (level 4) or c (level 5: the protection plan; a
//     critical system at a lower level by khoản 4) khoản 3 Điều 20;
//   - the professional opinion: điểm d khoản 1 Điều 20, a dossier part by khoản 5 Điều 21.
func citations331(m *model, proc levels.Procedure, lvl int) {
	f := m.fields
	appraise, send, approve := "khoản 1 Điều 18", "điểm b khoản 1 Điều 20", "khoản 1 Điều 18, điểm a khoản 3 Điều 20"
	switch {
	case route5(proc, lvl) && lvl < 5:
		send, approve = "điểm d khoản 1 Điều 20", "điểm d khoản 3 Điều 18, điểm c khoản 3, khoản 4 Điều 20"
	case lvl == 3:
		appraise, send, approve = "điểm a khoản 2 Điều 18", "điểm c khoản 1 Điều 20", "điểm b khoản 2 Điều 18, điểm b khoản 3 Điều 20"
	case lvl == 4:
		send, approve = "điểm d khoản 1 Điều 20", "điểm d khoản 3 Điều 18, điểm b khoản 3 Điều 20"
	case lvl == 5:
		send, approve = "điểm d khoản 1 Điều 20", "điểm d khoản 3 Điều 18, điểm c khoản 3 Điều 20"
	}
	if proc.IndependentAppraisal != nil {
		// The designated unit or council appraises instead of the cyber unit (khoản 4),
		// which still approves at levels 1–2 (khoản 1).
		appraise = "khoản 4 Điều 18"
		if lvl <= 2 {
			appraise = "khoản 1, khoản 4 Điều 18"
		}
	}
	f["PROCEDURE_CITATION"] = appraise + " " + decree331
	if route5(proc, lvl) || lvl >= 4 {
		f["PROCEDURE_CITATION"] = midSentence(proc.Citation)
		if pt, ok := sectorPoints[proc.Sector]; ok {
			f["PROCEDURE_CITATION"] = "điểm " + pt + " khoản 3 Điều 18 " + decree331
		}
	}
	f["SUBMISSION_CITATION"], f["APPROVAL_CITATION"] = send+" "+decree331, approve+" "+decree331
	f["OPINION_PART_CITATION"] = "khoản 5 Điều 21 " + decree331
	if m.conds["OPINION_REQUIRED"] {
		f["OPINION_CITATION"] = "điểm d khoản 1 Điều 20, khoản 5 Điều 21 " + decree331
	}
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
		f["RISK_TRIGGER"] = withNumberWord(lowerFirst(risk.TriggerLabel(a.Trigger)))
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
