package inventory

import (
	"fmt"
	"slices"
	"strings"

	"capdo/levels"
)

// columnApproved holds the level approved today, the baseline of the comparison.
const columnApproved = "approved_level"

// layout is the header of an inventory read against a schema: each column's key and the
// kind of its fact, looked up once per file rather than once per cell.
type layout struct {
	sch   *levels.Schema
	keys  []string
	kinds []levels.Kind
	// set stores each column's fact; settable says whether it may (as Profile.Set would).
	set      []levels.FactSetter
	settable []bool
	// values maps each column's allowed values, and their labels folded, to the value
	// (levels.Schema.ValuesByLabel); nil for a column without allowed values.
	values []map[string]string
}

// columns maps each header cell to a profile key of the schema, accepting keys and their
// Vietnamese labels. Unknown or repeated columns are a file error: an unknown column is
// usually a typo, and ignoring it would silently lose a fact.
func columns(sch *levels.Schema, header []string) (layout, error) {
	known := []string{columnApproved}
	for _, f := range sch.Fields() {
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
			k, ok := sch.KeyOfLabel(h)
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
		return layout{}, fmt.Errorf("dòng tiêu đề: %s; các cột hợp lệ: %s (hoặc nhãn tiếng Việt tương ứng)",
			strings.Join(bad, "; "), strings.Join(known, ", "))
	}
	l := layout{sch: sch, keys: keys, kinds: make([]levels.Kind, len(keys)),
		set: make([]levels.FactSetter, len(keys)), settable: make([]bool, len(keys)),
		values: make([]map[string]string, len(keys))}
	for i, k := range keys {
		l.kinds[i] = sch.Kind(k)
		l.values[i] = sch.ValuesByLabel(k)
		kinds := []levels.Kind{l.kinds[i]}
		if l.kinds[i] != levels.KindList && l.kinds[i] != levels.KindBool && l.kinds[i] != levels.KindInt {
			kinds = []levels.Kind{levels.KindText, levels.KindEnum}
		}
		if k != "" && k != columnApproved {
			set, err := levels.SetterOf(k, kinds...)
			l.set[i], l.settable[i] = set, err == nil
		}
	}
	return l, nil
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

// parseRow converts cells to a profile: a list is separated by ";", an allowed value may be
// written as its Vietnamese label, a true-or-false cell may read có/không, x or 1/0 (a
// spreadsheet's raw boolean), a number is written as the web form accepts it (320000,
// 320.000, 320 000). Problems name the column as the header wrote it.
func parseRow(l layout, num int, header, cells []string) parsedRow {
	var r parsedRow
	parseInto(&r, l, num, header, cells)
	return r
}

// parseInto is parseRow into r, which is overwritten: rating an inventory reuses one.
func parseInto(r *parsedRow, l layout, num int, header, cells []string) {
	*r = parsedRow{num: num}
	keys := l.keys
	if !slices.ContainsFunc(cells, func(c string) bool { return strings.TrimSpace(c) != "" }) {
		r.blank = true
		return
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
		if keys[i] == columnApproved {
			n, err := parseCount(v)
			if err != nil || n < 1 || n > 5 {
				bad(i, "cấp độ đã phê duyệt phải từ 1 đến 5, không phải «%s»", v)
				continue
			}
			lvl := int(n)
			r.approved = &lvl
			continue
		}
		set, settable := l.set[i], l.settable[i]
		switch l.kinds[i] {
		case levels.KindList:
			if settable {
				list := splitList(v)
				for j, item := range list {
					list[j] = byLabel(l.values[i], item)
				}
				set.SetList(p, list)
			}
		case levels.KindBool:
			b, ok := parseBool(v)
			if !ok {
				bad(i, "phải là true hoặc false, không phải «%s»; viết được: %s", v, boolSpellings)
			}
			if settable {
				set.SetBool(p, b)
			}
		case levels.KindInt:
			n, err := parseCount(v)
			if err != nil {
				bad(i, "%v", err)
			} else if settable {
				set.SetInt(p, n)
			}
		default:
			if settable {
				set.SetText(p, byLabel(l.values[i], v))
			}
		}
	}
	for _, pr := range l.sch.Validate(p) {
		i := slices.Index(keys, rootKey(pr.Field))
		field := pr.Field
		if i >= 0 {
			field = columnLabel(header, keys, i)
		}
		r.problems = append(r.problems, levels.Problem{Field: field, Line: num, Message: valuesInWords(l.sch, rootKey(pr.Field), pr.Message)})
	}
}

// allowedList is how a validation message lists the values a fact allows.
const allowedList = "giá trị hợp lệ: "

// valuesInWords gives each value a message lists as allowed its Vietnamese label: a cell
// holds the value (internal), which a reader knows by its label (Hệ thống nội bộ), so the
// message names both — "internal («Hệ thống nội bộ»), citizen_business («…»)".
func valuesInWords(sch *levels.Schema, key, msg string) string {
	head, list, ok := strings.Cut(msg, allowedList)
	f, known := sch.Field(key)
	if !ok || !known || len(f.Options) == 0 {
		return msg
	}
	labels := make(map[string]string, len(f.Options))
	for _, o := range f.Options {
		labels[o.Value] = o.Label
	}
	values := strings.Split(list, ", ")
	for i, v := range values {
		if l, ok := labels[v]; ok && l != v {
			values[i] = v + " («" + l + "»)"
		}
	}
	return head + allowedList + strings.Join(values, ", ")
}

// byLabel is the allowed value a cell names, by the value itself or by its label
// (case and spaces aside); any other cell is kept as written, for validation to report.
func byLabel(values map[string]string, v string) string {
	if values == nil {
		return v
	}
	if x, ok := values[v]; ok {
		return x
	}
	if x, ok := values[levels.FoldLabel(v)]; ok {
		return x
	}
	return v
}

// parseCount is levels.ParseTypedCount (the web form's reading of a number), quicker for
// what most cells hold: up to 18 plain digits without a leading zero, which it reads as
// strconv.ParseInt does.
func parseCount(v string) (int64, error) {
	if len(v) == 0 || len(v) > 18 || (v[0] == '0' && len(v) > 1) {
		return levels.ParseTypedCount(v)
	}
	n := int64(0)
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c < '0' || c > '9' {
			return levels.ParseTypedCount(v)
		}
		n = n*10 + int64(c-'0')
	}
	return n, nil
}

// splitList reads a list cell: items separated by ";", spaces around them and empty
// items dropped. A list without items is nil.
func splitList(v string) []string {
	var list []string
	for t := range strings.SplitSeq(v, ";") {
		if t = strings.TrimSpace(t); t != "" {
			if list == nil {
				list = make([]string, 0, strings.Count(v, ";")+1)
			}
			list = append(list, t)
		}
	}
	return list
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

// boolSpellings names, for a message, what parseBool accepts.
const boolSpellings = "có/không, true/false, 1/0, x (= có)"

// parseBool accepts có/không as an official writes them, true/false (any case, as
// spreadsheets write TRUE), 1/0, which is how a spreadsheet's boolean cell reads raw, and
// x, a ticked box.
func parseBool(v string) (bool, bool) {
	switch v {
	case "true", "1", "TRUE", "x":
		return true, true
	case "false", "0", "FALSE":
		return false, true
	}
	switch levels.FoldLabel(v) {
	case "true", "có", "x":
		return true, true
	case "false", "không":
		return false, true
	}
	return false, false
}
