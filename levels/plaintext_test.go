package levels

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// TestPlainText proves plainText's ranges: each rune it accepts is printable, is its own
// NFC form, has combining class 0 and never combines with a rune before it, which by the
// quick check of UAX #15 makes every string of such runes NFC; each rune it refuses in the
// first 0x2000 is refused for a reason. Random strings then agree with the full checks.
func TestPlainText(t *testing.T) {
	for r := rune(0); r < 0x2000; r++ {
		s := string(r)
		_, ok := plainText(s)
		p := norm.NFC.PropertiesString(s)
		stable := norm.NFC.String(s) == s && p.CCC() == 0 && p.BoundaryBefore()
		if ok && (!stable || unicode.IsControl(r)) {
			t.Errorf("plainText(U+%04X) accepts a rune NFC may change or a control character", r)
		}
		if !ok && stable && !unicode.IsControl(r) && r < 0x300 {
			t.Errorf("plainText(U+%04X) refuses a plain rune", r)
		}
	}
	for _, s := range []string{"\xff", "a\xc3", "\xed\xa0\x80", "\U0010FFFF"} {
		if _, ok := plainText(s); ok {
			t.Errorf("plainText(%q) accepts text that is not plain", s)
		}
	}

	pieces := []string{"a", "Z", " ", "Hệ thống", "Đ", "ư", "ơ", "ạ", "ỹ", "e\u0301", "\u0301", "\u00e9", "A\u030a",
		"\u212b", "\t", "\n", "\x7f", "\u0085", "\u1100\u1161", "가", "\xff", "\u0340", "ﬁ", "₫"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(6) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		n, ok := plainText(s)
		if !ok {
			continue
		}
		if norm.NFC.String(s) != s || !utf8.ValidString(s) || n != utf8.RuneCountInString(s) {
			t.Fatalf("plainText(%q) = %d, true; NFC %q", s, n, norm.NFC.String(s))
		}
		if _, bad := badControl(s, false); bad {
			t.Fatalf("plainText(%q) accepts a control character", s)
		}
	}
}
