package dossier

import (
	"strings"
)

// Signature blocks (Nghị định 30/2020/NĐ-CP, Phụ lục I): the authority and title of the
// signer in capitals, over the signer's name. The head of a body signs under its title
// ("GIÁM ĐỐC"); a deputy signs for the head ("KT. GIÁM ĐỐC" over "PHÓ GIÁM ĐỐC"); a body
// led collectively signs on behalf of the collective ("TM. ỦY BAN NHÂN DÂN" over "CHỦ
// TỊCH"); others sign by order (TL.), by authorisation (TUQ.) or as acting head (Q.).
// Which way is a choice of the dossier (Input.Sign, Input.OwnerSign); the titles come from
// the kind of body, and are blanks to fill in when its kind is not recognised.

// Blanks for a title capdo cannot know.
const (
	headBlank   = "[CHỨC VỤ NGƯỜI ĐỨNG ĐẦU]"
	deputyBlank = "[CHỨC VỤ CẤP PHÓ]"
)

// headTitles are the titles of the head and of a deputy, by how the body's name begins
// (normBody form). Enterprises, schools and other bodies whose head's title varies get
// the blanks.
var headTitles = []struct{ prefix, head, deputy string }{
	{"ủy ban nhân dân", "CHỦ TỊCH", "PHÓ CHỦ TỊCH"},
	{"hội đồng nhân dân", "CHỦ TỊCH", "PHÓ CHỦ TỊCH"},
	{"bộ ", "BỘ TRƯỞNG", "THỨ TRƯỞNG"},
	{"ngân hàng nhà nước", "THỐNG ĐỐC", "PHÓ THỐNG ĐỐC"},
	{"tổng cục ", "TỔNG CỤC TRƯỞNG", "PHÓ TỔNG CỤC TRƯỞNG"},
	{"cục ", "CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG"},
	{"vụ ", "VỤ TRƯỞNG", "PHÓ VỤ TRƯỞNG"},
	{"sở ", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"},
	{"trung tâm ", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"},
	{"văn phòng ", "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"},
	{"ban ", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"},
}

// titlesOf returns the titles of the head and a deputy of a body, or the blanks.
func titlesOf(body string) (head, deputy string) {
	if strings.HasPrefix(strings.TrimSpace(body), "[") {
		return headBlank, deputyBlank
	}
	n := normBody(body)
	for _, t := range headTitles {
		if strings.HasPrefix(n, t.prefix) {
			return t.head, t.deputy
		}
	}
	return headBlank, deputyBlank
}

// collective is the name of the collective a body's head signs for under TM.: "ỦY BAN
// NHÂN DÂN" for a People's Committee, as Nghị định 30/2020 writes it, the body's full name
// otherwise.
func collective(body string) string {
	n := normBody(body)
	switch {
	case strings.HasPrefix(n, "ủy ban nhân dân"):
		return "ỦY BAN NHÂN DÂN"
	case strings.HasPrefix(n, "hội đồng nhân dân"):
		return "HỘI ĐỒNG NHÂN DÂN"
	case strings.HasPrefix(strings.TrimSpace(body), "["):
		return "[TÊN TẬP THỂ LÃNH ĐẠO]"
	}
	return fullUpper(body)
}

// signature is the authority and title lines of a signature block, one per line, for a
// body signing in a way (one of SignVariants, or "" for its head).
func signature(way, body string) string {
	head, deputy := titlesOf(body)
	switch way {
	case "kt":
		return "KT. " + head + "\n" + deputy
	case "tl":
		return "TL. " + head + "\n[CHỨC VỤ NGƯỜI KÝ THỪA LỆNH]"
	case "tuq":
		return "TUQ. " + head + "\n[CHỨC VỤ NGƯỜI ĐƯỢC ỦY QUYỀN]"
	case "q":
		return "Q. " + head
	case "tm":
		return "TM. " + collective(body) + "\n" + head
	case "tm-kt":
		return "TM. " + collective(body) + "\nKT. " + head + "\n" + deputy
	}
	return head
}
