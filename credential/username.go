package credential

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// MaxUsernameLen is in characters.
const MaxUsernameLen = 64

// Username returns the username as stored and shown (spaces around it removed, Unicode
// composed: NFC), or why it cannot be a username. A username is 1–64 letters (any
// script, with their accents), digits and the signs . _ - @; it names one account
// whatever the case it is typed in (UsernameKey).
func Username(s string) (string, error) {
	s = norm.NFC.String(strings.TrimSpace(s))
	n := utf8.RuneCountInString(s)
	switch {
	case s == "":
		return "", errors.New("bắt buộc, chưa có giá trị")
	case n > MaxUsernameLen:
		return "", errors.New("tối đa 64 ký tự")
	case strings.ContainsFunc(s, unicode.IsSpace):
		return "", errors.New("không được có khoảng trắng")
	case strings.ContainsFunc(s, func(r rune) bool { return !usernameRune(r) }):
		return "", errors.New("chỉ gồm chữ cái (có dấu), chữ số và các dấu . _ - @")
	}
	return s, nil
}

func usernameRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || strings.ContainsRune("._-@", r)
}

// UsernameKey is what identifies an account: the username composed and case-folded, so
// that «ĐẠT», «Đạt» and «đạt» (typed composed or decomposed) are one name. Unicode's
// canonical caseless match: fold the decomposed text, then compose it again (NFD before
// folding, because a few characters fold differently once decomposed). Folding is full
// Unicode case folding (ß folds to ss, Đ to đ); a Caser is not safe for concurrent use,
// so each call makes its own.
func UsernameKey(s string) string {
	return norm.NFC.String(cases.Fold().String(norm.NFD.String(strings.TrimSpace(s))))
}
