package dossier

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// blank is what an agency fills in by hand.
const blank = "……"

// vietnam is the zone documents are dated in. Vietnam keeps UTC+7 all year, so the fixed
// zone is exact when the system has no tzdata.
var vietnam = func() *time.Location {
	if loc, err := time.LoadLocation("Asia/Ho_Chi_Minh"); err == nil {
		return loc
	}
	return time.FixedZone("ICT", 7*60*60)
}()

// dateLine is the place and date line of Nghị định 30/2020: "Kiên Giang, ngày 05 tháng 3
// năm 2026", with a leading zero for days below 10 and for months 1 and 2.
func dateLine(place string, t time.Time) string {
	return place + ", " + dateWords(t)
}

func dateWords(t time.Time) string {
	month := fmt.Sprint(int(t.Month()))
	if t.Month() < 3 {
		month = "0" + month
	}
	return fmt.Sprintf("ngày %02d tháng %s năm %d", t.Day(), month, t.Year())
}

// placeRe finds a province or city named at the end of an agency's name: "UBND tỉnh Kiên
// Giang", "Sở Y tế thành phố Hà Nội", "Ủy ban nhân dân Thành phố Hồ Chí Minh".
var placeRe = regexp.MustCompile(`(?:^|\s)(?i:tỉnh|thành phố|tp\.)\s+(\p{Lu}[\p{L}\s-]*)$`)

// derivePlace returns the place of the first agency name that ends with a province or city,
// or the blank to fill in.
func derivePlace(names ...string) string {
	for _, n := range names {
		if m := placeRe.FindStringSubmatch(strings.TrimSpace(n)); m != nil {
			return strings.TrimSpace(m[1])
		}
	}
	return blank
}
