// Package people holds what capdo knows of a person behind an account besides its
// username and role: full name, title (chức vụ), phone and e-mail, the rules they follow,
// and how a person is named to others ("Nguyễn Văn A (attt)").
package people

import (
	"fmt"
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Contact is a person's details. Every field is optional ("" when not given).
type Contact struct {
	FullName string `json:"full_name"`
	Title    string `json:"title"` // chức vụ
	Phone    string `json:"phone"`
	Email    string `json:"email"`
}

// Limits of the fields, in characters.
const (
	MaxName  = 100
	MaxTitle = 100
	MaxEmail = 254 // RFC 5321
)

// Problem is one field that does not follow the rules, with the field's form name.
type Problem struct {
	Field   string
	Message string
}

// Normalize trims the fields, puts the text in Unicode NFC (a name typed on another
// keyboard compares and sorts the same), folds runs of spaces into one and lowercases the
// e-mail's domain.
func (c Contact) Normalize() Contact {
	clean := func(s string) string { return strings.Join(strings.Fields(norm.NFC.String(s)), " ") }
	c.FullName, c.Title, c.Phone = clean(c.FullName), clean(c.Title), clean(c.Phone)
	c.Email = strings.TrimSpace(c.Email)
	if at := strings.LastIndexByte(c.Email, '@'); at > 0 {
		c.Email = c.Email[:at] + strings.ToLower(c.Email[at:])
	}
	return c
}

// Check lists what is wrong with c (normalized first), in the order of the form: the
// name and title are text without control characters; the phone has 8 to 15 digits and
// only + ( ) . - and spaces besides (a leading + for the country code); the e-mail is a
// bare address (no display name, no comments).
func (c Contact) Check() []Problem {
	c = c.Normalize()
	var out []Problem
	text := func(field, label, v string, max int) {
		switch {
		case utf8.RuneCountInString(v) > max:
			out = append(out, Problem{field, fmt.Sprintf("%s dài quá %d ký tự", label, max)})
		case strings.IndexFunc(v, func(r rune) bool { return unicode.IsControl(r) || r == '<' || r == '>' }) >= 0:
			out = append(out, Problem{field, label + " có ký tự không được dùng (ký tự điều khiển, < hoặc >)"})
		}
	}
	text("full_name", "Họ và tên", c.FullName, MaxName)
	text("title", "Chức vụ", c.Title, MaxTitle)
	if c.Phone != "" {
		if msg := checkPhone(c.Phone); msg != "" {
			out = append(out, Problem{"phone", msg})
		}
	}
	if c.Email != "" {
		if msg := checkEmail(c.Email); msg != "" {
			out = append(out, Problem{"email", msg})
		}
	}
	return out
}

func checkPhone(p string) string {
	digits := 0
	for i, r := range p {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0:
		case r == ' ' || r == '.' || r == '-' || r == '(' || r == ')':
		default:
			return fmt.Sprintf("số điện thoại chỉ gồm chữ số, dấu cách và + ( ) . - (ký tự «%c» không hợp lệ)", r)
		}
	}
	if digits < 8 || digits > 15 {
		return fmt.Sprintf("số điện thoại cần từ 8 đến 15 chữ số (đang có %d), ví dụ 0243 8226 xxx hoặc +84 912 345 678", digits)
	}
	return ""
}

func checkEmail(e string) string {
	if utf8.RuneCountInString(e) > MaxEmail {
		return fmt.Sprintf("địa chỉ thư điện tử dài quá %d ký tự", MaxEmail)
	}
	a, err := mail.ParseAddress(e)
	if err != nil || a.Name != "" || a.Address != e || !strings.Contains(e[strings.LastIndexByte(e, '@'):], ".") {
		return "địa chỉ thư điện tử không hợp lệ; viết dạng ten@donvi.gov.vn"
	}
	return ""
}

// Display names a person to others: "Nguyễn Văn A (attt)" when the full name is known,
// else the username alone. The username stays in view because it is what the sealed
// history records.
func Display(fullName, username string) string {
	if fullName == "" {
		return username
	}
	return fullName + " (" + username + ")"
}
