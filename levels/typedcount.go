package levels

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// Numbers as people type them, in the web form and in an imported inventory: one reading
// for both (server/profile_form.go and inventory/row.go call it), so that what the form
// accepts an import accepts too. YAML and JSON documents keep strict numbers (ParseCount).
var (
	plainInt    = regexp.MustCompile(`^[+-]?[0-9]+$`)
	dotGroups   = regexp.MustCompile(`^[0-9]{1,3}(\.[0-9]{3})+$`)
	spaceGroups = regexp.MustCompile(`^[0-9]{1,3}( [0-9]{3})+$`)
	letterRun   = regexp.MustCompile(`\p{L}+`)
)

// TypedDigits reads a count as an official types it: 320000, or with Vietnamese thousands
// separators, 320.000 or 320 000 (any kind of space). A comma is the decimal sign in
// Vietnamese, so "3,5" is three and a half and "320,000" could be either: both are
// refused with a message, never guessed; so is a point before other than three digits
// ("1.20"). It returns the digits (with a "-" sign if typed), for ParseCount to read.
func TypedDigits(s string) (string, error) {
	d, _, err := typedDigits(s)
	return d, err
}

// typedDigits is TypedDigits, also saying whether a refusal is the generic one: s is
// neither digits nor a number with separators, letters or a decimal sign.
func typedDigits(s string) (string, bool, error) {
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u202f' {
			return ' '
		}
		return r
	}, strings.TrimSpace(s))
	switch {
	case plainInt.MatchString(s):
		return strings.TrimPrefix(s, "+"), false, nil
	case dotGroups.MatchString(s):
		return strings.ReplaceAll(s, ".", ""), false, nil
	case spaceGroups.MatchString(s):
		return strings.ReplaceAll(s, " ", ""), false, nil
	case strings.ContainsFunc(s, unicode.IsDigit) && strings.ContainsFunc(s, unicode.IsLetter):
		return "", false, errors.New(lettersInNumber(s))
	case strings.Contains(s, ","):
		return "", false, fmt.Errorf("«%s» có dấu phẩy: ở đây cần một số nguyên (số người, số chủ thể…), không có phần thập phân; "+
			"nếu là số hàng nghìn, hãy viết 320.000 hoặc 320000", clip(s))
	case strings.Contains(s, "."):
		return "", false, fmt.Errorf("«%s» không phải số nguyên: dấu chấm chỉ dùng để tách hàng nghìn, trước mỗi nhóm ba chữ số (ví dụ 320.000)", clip(s))
	}
	return "", true, fmt.Errorf("phải là số nguyên, ví dụ 320.000 hoặc 320000, không phải «%s»", clip(s))
}

// ParseTypedCount reads a count typed by a person or printed by a spreadsheet: what
// ParseCount reads ("320000", "320000.0") and what TypedDigits reads ("320.000",
// "320 000"). A leading zero or a number too large is refused as ParseCount refuses it,
// and so is a cell that is no number at all ("nhiều"), with ParseCount's message.
func ParseTypedCount(s string) (int64, error) {
	n, strictErr := ParseCount(s)
	if strictErr == nil {
		return n, nil
	}
	d, generic, err := typedDigits(s)
	switch {
	case generic:
		return 0, strictErr
	case err != nil:
		return 0, err
	}
	return ParseCount(d)
}

// lettersInNumber says what is wrong with a number typed with letters: a unit after it
// ("200.000 người") or the letter O for the digit 0 ("2OO.000"). The separators are not
// the problem then, whatever they are.
func lettersInNumber(s string) string {
	words := letterRun.FindAllString(s, -1)
	if !slices.ContainsFunc(words, func(w string) bool { return strings.Trim(w, "oO") != "" }) {
		return fmt.Sprintf("«%s» có chữ O thay cho số 0: chỉ nhập chữ số, ví dụ 200.000", clip(s))
	}
	return fmt.Sprintf("«%s» có chữ: chỉ nhập chữ số, ví dụ 200.000; không kèm chữ như «%s»", clip(s), clip(words[0]))
}
