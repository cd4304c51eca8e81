package dossier

import (
	"strings"
)

// abbreviations are the short forms people type in an agency's name. Nghị định
// 30/2020/NĐ-CP (Phụ lục I) writes the issuing body's name in full; only the name of the
// body above it may keep common abbreviations such as UBND.
var abbreviations = []struct{ short, full string }{
	{"UBND ", "Ủy ban nhân dân "},
	{"HĐND ", "Hội đồng nhân dân "},
	{"TP. ", "thành phố "},
	{"TP.", "thành phố "},
	{"Tp. ", "thành phố "},
}

// fullName writes an agency's name without the abbreviations of its kind: "UBND tỉnh Kiên
// Giang" → "Ủy ban nhân dân tỉnh Kiên Giang". A blank ("[…]") is left as it is.
func fullName(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if strings.HasPrefix(s, "[") {
		return s
	}
	for _, a := range abbreviations {
		if rest, ok := strings.CutPrefix(s, a.short); ok {
			s = a.full + rest
		}
		s = strings.ReplaceAll(s, " "+a.short, " "+a.full)
	}
	return strings.TrimSpace(s)
}

// fullUpper is an issuing body's name for the heading: in full, in capitals.
func fullUpper(s string) string { return upper(fullName(s)) }

// centralBodies begin the names (normBody form) of central bodies, which date their
// documents in Hà Nội, where they sit (Nghị định 30/2020/NĐ-CP, Phụ lục I: the place is
// the province or city where the body has its seat).
var centralBodies = []string{"bộ ", "văn phòng chính phủ", "thanh tra chính phủ", "ngân hàng nhà nước", "ủy ban dân tộc",
	"ban cơ yếu chính phủ", "kiểm toán nhà nước", "văn phòng quốc hội", "văn phòng chủ tịch nước", "tòa án nhân dân tối cao",
	"viện kiểm sát nhân dân tối cao", "bảo hiểm xã hội việt nam", "đài truyền hình việt nam", "đài tiếng nói việt nam", "thông tấn xã việt nam"}

// isCentral reports a central body by its name.
func isCentral(name string) bool {
	n := normBody(name)
	for _, c := range centralBodies {
		if strings.HasPrefix(n, c) {
			return true
		}
	}
	return false
}
