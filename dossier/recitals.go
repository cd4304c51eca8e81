package dossier

import (
	"strings"
	"time"

	"capdo/levels"
)

// The recitals ("Căn cứ …") of a dossier depend on its date. While the rule set is in
// force they are the set's own. Decree 85's set ends on 30/06/2026, when Luật An ninh mạng
// số 116/2025/QH15 replaced Luật An toàn thông tin mạng (its Điều 44); the signed text of
// a later dossier must not cite the old law, nor present Decree 85 as in force without
// saying on what ground it still applies (docs/reference/d331.md §5):
//
//   - a system being invested in or built before 01/07/2026 (Input.Transitional), in a
//     dossier dated once Decree 331/2026 is in force (19/08/2026), is appraised and
//     approved under Decree 85 by khoản 1 Điều 39 Nghị định số 331/2026/NĐ-CP: the recitals
//     cite the new law, that provision, then Decree 85 and its circular as applied by it;
//   - any other dossier dated after the set's end cites the new law, and Decree 85 and
//     its circular with a blank in capitals that says their ground must be settled, so
//     that the version to sign (Dossier.Final) is refused until it is.

// Texts of the transition (docs/reference/d331.md §5).
const (
	newLawRecital     = "Luật An ninh mạng ngày 10 tháng 12 năm 2025"
	transitionRecital = "khoản 1 Điều 39 Nghị định số 331/2026/NĐ-CP ngày 19 tháng 8 năm 2026 của Chính phủ về bảo vệ an ninh mạng đối với hệ thống thông tin"
	appliedByDecree   = ", áp dụng theo quy định chuyển tiếp tại khoản 1 Điều 39 Nghị định số 331/2026/NĐ-CP"
	appliedWith       = ", áp dụng cùng Nghị định số 85/2016/NĐ-CP theo quy định chuyển tiếp nêu trên"
	unresolvedDecree  = " [CĂN CỨ CẦN XÁC ĐỊNH LẠI: LUẬT AN TOÀN THÔNG TIN MẠNG HẾT HIỆU LỰC TỪ NGÀY 01 THÁNG 7 NĂM 2026]"
	unresolvedOther   = " [CĂN CỨ CẦN XÁC ĐỊNH LẠI]"
)

// decree331From is the day Nghị định số 331/2026/NĐ-CP took effect (its Điều 38).
var decree331From = time.Date(2026, time.August, 19, 0, 0, 0, 0, vietnam)

// recitalState says which recitals a dossier carries.
type recitalState int

const (
	recitalsOwn          recitalState = iota // the rule set's, in force on the date
	recitalsTransitional                     // Decree 85 applied by khoản 1 Điều 39 Nghị định 331
	recitalsUnresolved                       // after the set's end, no ground given
)

// legalBasis returns the recitals of a dossier of the family on a date.
func legalBasis(rs *levels.RuleSet, fam *family, date time.Time, transitional bool) ([]string, recitalState) {
	own := make([]string, 0, len(rs.Recitals))
	for _, r := range rs.Recitals {
		own = append(own, strings.Join(strings.Fields(r), " "))
	}
	ended := rs.EffectiveTo != "" && date.Format("2006-01-02") > rs.EffectiveTo
	if fam == nil || fam.id != BuiltInTemplates || !ended {
		return own, recitalsOwn
	}
	state := recitalsUnresolved
	if transitional && !date.Before(decree331From) {
		state = recitalsTransitional
	}
	out := []string{newLawRecital}
	if state == recitalsTransitional {
		out = append(out, transitionRecital)
	}
	for _, r := range own {
		switch {
		case strings.HasPrefix(r, "Luật An toàn thông tin mạng"):
			// Replaced by the new law, cited first.
		case strings.Contains(r, "85/2016/NĐ-CP") && strings.HasPrefix(r, "Nghị định"):
			if state == recitalsTransitional {
				out = append(out, r+appliedByDecree)
			} else {
				out = append(out, r+unresolvedDecree)
			}
		default:
			if state == recitalsTransitional {
				out = append(out, r+appliedWith)
			} else {
				out = append(out, r+unresolvedOther)
			}
		}
	}
	return out, state
}
