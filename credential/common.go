package credential

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The passwords refused by name (README.md in this folder gives their sources and
// licence): the 10,000 most common of a public list of ten million leaked passwords, and
// a few Vietnamese first guesses that list does not have.
var (
	//go:embed common-passwords.txt
	commonList string
	//go:embed common-passwords-vi.txt
	commonListVi string

	common = loadCommon(commonList, commonListVi)
)

func loadCommon(lists ...string) map[string]struct{} {
	m := make(map[string]struct{}, 10_100)
	for _, l := range lists {
		for _, line := range strings.Split(l, "\n") {
			if p := strings.TrimSpace(line); p != "" && !strings.HasPrefix(p, "#") {
				m[strings.ToLower(p)] = struct{}{}
			}
		}
	}
	return m
}

// CommonPasswords is the number of distinct passwords refused by name (ignoring case).
func CommonPasswords() int { return len(common) }

// maxDecoration is how many characters people add around a common password to pass a
// policy ("Password@123", "Aa123456"); minCore is the shortest common password still
// looked for inside a longer one.
const (
	maxDecoration = 4
	minCore       = 5
	minWordCore   = 4
)

// isCommon reports whether pw is a common password, or one dressed up: ignoring case,
// with letters written as digits or symbols (P@ssw0rd), with up to maxDecoration
// characters added at its ends (Password@123, Aa123456), or with any run of digits and
// symbols added at its ends to a common word (Password2024!).
func isCommon(pw string) bool {
	return isVariant(pw, func(s string) bool { _, ok := common[s]; return ok })
}

// isVariant reports whether pw, lower-cased, or one of its cores, written plainly or
// un-leeted, is a string match accepts.
func isVariant(pw string, match func(string) bool) bool {
	l := strings.ToLower(norm.NFC.String(pw))
	for _, core := range cores(l) {
		if match(core) || match(unLeet(core)) {
			return true
		}
	}
	return false
}

// cores lists the strings isCommon looks up for the lower-case password l.
func cores(l string) []string {
	out := []string{l}
	r := []rune(l)
	for i := 0; i <= maxDecoration; i++ {
		for j := 0; i+j <= maxDecoration; j++ {
			if i+j > 0 && len(r)-i-j >= minCore {
				out = append(out, string(r[i:len(r)-j]))
			}
		}
	}
	notLetter := func(c rune) bool { return !unicode.IsLetter(c) }
	if w := strings.TrimRightFunc(strings.TrimLeftFunc(l, notLetter), notLetter); w != l && utf8.RuneCountInString(w) >= minWordCore {
		out = append(out, w)
	}
	return out
}

// leet maps the digits and symbols people write for letters back to the letters.
var leet = strings.NewReplacer("@", "a", "4", "a", "0", "o", "1", "i", "!", "i", "3", "e", "$", "s", "5", "s", "7", "t")

func unLeet(s string) string { return leet.Replace(s) }
