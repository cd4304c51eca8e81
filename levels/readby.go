package levels

import (
	"fmt"
	"strings"
)

// ReadBy returns, of the rule sets built into capdo, the ids of those whose rules read the
// fact (itself or through the fact it stands in for) and of those that ignore it. Free text
// and procedural facts are no rule's business: both lists are empty.
func ReadBy(f Field) (reading, ignoring []string) {
	if f.Kind == KindText || f.Procedural {
		return nil, nil
	}
	sets, _ := Embedded()
	for _, rs := range sets {
		if rs.readsFact(&f) {
			reading = append(reading, rs.ID)
		} else {
			ignoring = append(ignoring, rs.ID)
		}
	}
	return reading, ignoring
}

// ReadHint says which built-in rule sets use the fact, when not all of them do, by their
// decrees, e.g. "Chỉ Nghị định 331/2026 dùng trường này; Nghị định 85/2016 bỏ qua."
func ReadHint(f Field) string {
	reading, ignoring := ReadBy(f)
	switch {
	case len(ignoring) == 0:
		return ""
	case len(reading) == 0:
		return "Chưa bộ quy tắc có sẵn nào dùng trường này: giá trị được lưu nhưng không ảnh hưởng đến cấp độ."
	}
	return fmt.Sprintf("Chỉ %s dùng trường này; %s bỏ qua.", strings.Join(shortNames(reading), ", "), strings.Join(shortNames(ignoring), ", "))
}

// shortNames names built-in rule sets by their decrees (RuleSet.ShortName).
func shortNames(ids []string) []string {
	sets, _ := Embedded()
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id
		for _, rs := range sets {
			if rs.ID == id {
				out[i] = rs.ShortName()
			}
		}
	}
	return out
}
