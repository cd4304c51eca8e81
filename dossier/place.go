package dossier

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
)

// blank is the place an agency fills in by hand, when capdo cannot derive it.
const blank = "[ĐỊA DANH]"

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

// placeRe finds an administrative unit named at the end of an agency's name: "UBND tỉnh
// Kiên Giang", "Sở Y tế thành phố Hà Nội", "Ủy ban nhân dân Thành phố Hồ Chí Minh",
// "UBND Quận 1". A bare "xã" is left out: "Hợp tác xã Nông nghiệp …" is no commune.
var placeRe = regexp.MustCompile(`(?:^|\s)(?i:(tỉnh|thành phố|tp\.|quận|huyện|thị xã|phường|thị trấn))\s*([\p{Lu}\d][\p{L}\d\s-]*)$`)

// unitNames are the units' words as the full name of a unit writes them.
var unitNames = map[string]string{"tỉnh": "Tỉnh", "thành phố": "Thành phố", "tp.": "Thành phố", "quận": "Quận",
	"huyện": "Huyện", "thị xã": "Thị xã", "phường": "Phường", "thị trấn": "Thị trấn"}

// namedAfter are proper names of administrative units named after a person or a
// historic event. Nghị định 30/2020 (Phụ lục I) writes such a unit, and one named with a
// number, in full in the place line: "Thành phố Hồ Chí Minh", "Quận 1", not "Hồ Chí Minh",
// "1". The list holds the well-known ones; --place covers any other.
var namedAfter = map[string]bool{
	"Hồ Chí Minh": true, "Hai Bà Trưng": true, "Trần Văn Thời": true, "Ba Đình": true,
	"Ngô Quyền": true, "Lê Chân": true, "Quang Trung": true, "Lê Lợi": true, "Trần Hưng Đạo": true,
}

// derivePlace returns the place of the first agency name that ends with an administrative
// unit: the unit's proper name ("Kiên Giang"), or its full name when the proper name is a
// person's, an event's or a number ("Thành phố Hồ Chí Minh"). Failing that, Hà Nội for a
// central body, which has its seat there; else the blank to fill in.
func derivePlace(names ...string) string {
	for _, n := range names {
		m := placeRe.FindStringSubmatch(strings.TrimSpace(n))
		if m == nil {
			continue
		}
		name := strings.Join(strings.Fields(m[2]), " ")
		if namedAfter[name] || unicode.IsDigit([]rune(name)[0]) {
			return unitNames[strings.ToLower(m[1])] + " " + name
		}
		return name
	}
	for _, n := range names {
		if isCentral(n) {
			return "Hà Nội"
		}
	}
	return blank
}
