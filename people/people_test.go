package people_test

import (
	"testing"

	"capdo/people"
)

func TestCheck(t *testing.T) {
	for _, c := range []struct {
		name  string
		in    people.Contact
		field string // "" when valid
	}{
		{"empty is fine", people.Contact{}, ""},
		{"full", people.Contact{FullName: "Nguyễn Văn A", Title: "Phó Giám đốc", Phone: "+84 (24) 3822-6789", Email: "a@stttt.hanoi.gov.vn"}, ""},
		{"mobile", people.Contact{Phone: "0912.345.678"}, ""},
		{"name too long", people.Contact{FullName: string(make([]rune, 101))}, "full_name"},
		{"name with markup", people.Contact{FullName: "A <b>"}, "full_name"},
		{"title with a control character", people.Contact{Title: "Trưởng\x07phòng"}, "title"},
		{"phone with letters", people.Contact{Phone: "0912 abc"}, "phone"},
		{"phone too short", people.Contact{Phone: "12345"}, "phone"},
		{"phone too long", people.Contact{Phone: "1234567890123456"}, "phone"},
		{"plus inside", people.Contact{Phone: "0912+345678"}, "phone"},
		{"e-mail without domain dot", people.Contact{Email: "a@localhost"}, "email"},
		{"e-mail with a name", people.Contact{Email: "A <a@x.vn>"}, "email"},
		{"not an e-mail", people.Contact{Email: "a.x.vn"}, "email"},
	} {
		ps := c.in.Check()
		switch {
		case c.field == "" && len(ps) > 0:
			t.Errorf("%s: %v", c.name, ps)
		case c.field != "" && (len(ps) != 1 || ps[0].Field != c.field):
			t.Errorf("%s: %v, want one problem of %s", c.name, ps, c.field)
		}
	}
}

func TestNormalize(t *testing.T) {
	// "Nguyê\u0303n" is decomposed (NFD) as some keyboards type it.
	got := people.Contact{FullName: "  Nguye\u0302\u0303n   Văn  A ", Email: " A.B@STTTT.Gov.VN "}.Normalize()
	if got.FullName != "Nguyễn Văn A" || got.Email != "A.B@stttt.gov.vn" {
		t.Errorf("Normalize = %+v", got)
	}
	if people.Display("", "attt") != "attt" || people.Display("Nguyễn Văn A", "attt") != "Nguyễn Văn A (attt)" {
		t.Error("Display")
	}
}
