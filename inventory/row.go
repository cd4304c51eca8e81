package inventory

import (
	"fmt"
	"slices"
	"strings"

	"capdo/levels"
)

// columnApproved holds the level approved today, the baseline of the comparison.
const columnApproved = "approved_level"

// columns maps each header cell to a profile key, accepting keys and the Vietnamese
// labels capdo documents. Unknown or repeated columns are a file error: an unknown column
// is usually a typo, and ignoring it would silently lose a fact.
func columns(header []string) ([]string, error) {
	known := []string{columnApproved}
	for _, f := range levels.Fields {
		known = append(known, f.Key)
	}
	keys := make([]string, len(header))
	var bad []string
	for i, h := range header {
		h = strings.TrimSpace(h)
		switch {
		case h == "":
			keys[i] = "" // an unnamed empty column is ignored, a filled one is reported per row
			continue
		case slices.Contains(known, h):
			keys[i] = h
		default:
			k, ok := levels.FieldByLabel(h)
			if !ok || !slices.Contains(known, k) {
				bad = append(bad, fmt.Sprintf("cột %s «%s» không được hỗ trợ", colName(i), h))
				continue
			}
			keys[i] = k
		}
		if j := slices.Index(keys[:i], keys[i]); j >= 0 {
			bad = append(bad, fmt.Sprintf("cột %s và cột %s cùng là «%s»", colName(j), colName(i), keys[i]))
		}
	}
	if !slices.Contains(keys, "name") {
		bad = append(bad, "thiếu cột name (Tên hệ thống)")
	}
	if len(bad) > 0 {
		return nil, fmt.Errorf("dòng tiêu đề: %s; các cột hợp lệ: %s (hoặc nhãn tiếng Việt tương ứng)",
			strings.Join(bad, "; "), strings.Join(known, ", "))
	}
	return keys, nil
}

// colName is the spreadsheet letter of a 0-based column index (0 → A, 26 → AA).
func colName(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}

// parsedRow is one data row converted to a profile, or the problems that stopped it.
type parsedRow struct {
	num      int
	blank    bool // every cell empty: spreadsheets often end with such rows
	profile  levels.Profile
	approved *int
	problems []levels.Problem
}

// parseRow converts cells to a profile. Problems name the column as the header wrote it.
func parseRow(num int, header, keys, cells []string) parsedRow {
	r := parsedRow{num: num}
	if !slices.ContainsFunc(cells, func(c string) bool { return strings.TrimSpace(c) != "" }) {
		r.blank = true
		return r
	}
	p := &r.profile
	bad := func(i int, format string, args ...any) {
		r.problems = append(r.problems, levels.Problem{Field: columnLabel(header, keys, i), Line: num, Message: fmt.Sprintf(format, args...)})
	}
	for i, cell := range cells {
		v := strings.TrimSpace(cell)
		if v == "" {
			continue // an empty cell means the key is absent
		}
		if i >= len(keys) || keys[i] == "" {
			bad(i, "ô có dữ liệu nhưng cột không có tiêu đề")
			continue
		}
		switch keys[i] {
		case "id":
			p.ID = v
		case "name":
			p.Name = v
		case "owner":
			p.Owner = v
		case "operator":
			p.Operator = v
		case "description":
			p.Description = v
		case "system_type":
			p.SystemType = v
		case "info_types":
			for _, t := range strings.Split(v, ";") {
				if t = strings.TrimSpace(t); t != "" {
					p.InfoTypes = append(p.InfoTypes, t)
				}
			}
		case "secret_grade":
			p.SecretGrade = v
		case "security_harm":
			p.SecurityHarm = v
		case "infra_scope":
			p.InfraScope = v
		case "ics_work_grade":
			p.ICSWorkGrade = v
		case "managed_by":
			p.ManagedBy = v
		case "defense_security", "conditional_business_service", "national_egov", "always_on", "critical_national_data", "pm_designated",
			"handles_admin_procedures":
			b, ok := parseBool(v)
			if !ok {
				bad(i, "phải là true hoặc false, không phải «%s»", v)
			}
			setBool(p, keys[i], b)
		case "online_public_service_level", "personal_data_users", "basic_pd_subjects", "sensitive_pd_subjects":
			n, err := levels.ParseCount(v)
			if err != nil {
				bad(i, "%v", err)
			} else {
				setCount(p, keys[i], n)
			}
		case columnApproved:
			n, err := levels.ParseCount(v)
			if err != nil || n < 1 || n > 5 {
				bad(i, "cấp độ đã phê duyệt phải từ 1 đến 5, không phải «%s»", v)
				continue
			}
			lvl := int(n)
			r.approved = &lvl
		}
	}
	for _, pr := range levels.Validate(p) {
		i := slices.Index(keys, rootKey(pr.Field))
		field := pr.Field
		if i >= 0 {
			field = columnLabel(header, keys, i)
		}
		r.problems = append(r.problems, levels.Problem{Field: field, Line: num, Message: pr.Message})
	}
	return r
}

// rootKey strips an index: "info_types[1]" → "info_types".
func rootKey(field string) string {
	k, _, _ := strings.Cut(field, "[")
	return k
}

// columnLabel names a column for a message: "C (system_type)", or "C (Loại hệ thống →
// system_type)" when the header used the Vietnamese label.
func columnLabel(header, keys []string, i int) string {
	h := ""
	if i < len(header) {
		h = strings.TrimSpace(header[i])
	}
	switch {
	case i >= len(keys) || keys[i] == "":
		return "cột " + colName(i)
	case h == keys[i]:
		return fmt.Sprintf("cột %s (%s)", colName(i), h)
	}
	return fmt.Sprintf("cột %s (%s → %s)", colName(i), h, keys[i])
}

// parseBool accepts true/false (any case, as spreadsheets write TRUE) and 1/0, which is
// how a spreadsheet's boolean cell reads raw.
func parseBool(v string) (bool, bool) {
	switch strings.ToLower(v) {
	case "true", "1":
		return true, true
	case "false", "0":
		return false, true
	}
	return false, false
}

func setBool(p *levels.Profile, key string, b bool) {
	switch key {
	case "defense_security":
		p.DefenseSecurity = b
	case "conditional_business_service":
		p.ConditionalBusinessService = b
	case "national_egov":
		p.NationalEgov = b
	case "always_on":
		p.AlwaysOn = b
	case "critical_national_data":
		p.CriticalNationalData = b
	case "pm_designated":
		p.PMDesignated = b
	case "handles_admin_procedures":
		p.HandlesAdminProcedures = b
	}
}

func setCount(p *levels.Profile, key string, n int64) {
	switch key {
	case "online_public_service_level":
		p.OnlinePublicServiceLevel = n
	case "personal_data_users":
		p.PersonalDataUsers = n
	case "basic_pd_subjects":
		p.BasicPDSubjects = n
	case "sensitive_pd_subjects":
		p.SensitivePDSubjects = n
	}
}
