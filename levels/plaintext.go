package levels

import "unicode/utf8"

// plainText reports whether s is text that Validate may take as it is, and counts its
// runes: valid UTF-8, without control characters, and already in NFC because every rune
// is one that NFC leaves alone and never combines with what comes before it — those
// below U+0300 (Latin, with the precomposed letters of Vietnamese such as ư, ơ and đ) and
// the Latin Extended Additional block U+1E00–U+1EFF (ạ, ả, ấ, … ỹ). Names and owners of
// an inventory are such texts; any other text takes the full checks. TestPlainText
// proves the ranges against golang.org/x/text/unicode/norm, rune by rune.
func plainText(s string) (runes int, ok bool) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return 0, false
			}
			i++
			runes++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || r <= 0x9f || (r >= 0x300 && (r < 0x1e00 || r > 0x1eff)) {
			return 0, false // invalid, a C1 control, or beyond the ranges
		}
		i += size
		runes++
	}
	return runes, true
}
