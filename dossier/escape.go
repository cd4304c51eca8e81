package dossier

import (
	"encoding/xml"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Markup that ends the current <w:t>, adds a break or tab to the run, and opens a new
// <w:t>. A placeholder always sits inside a <w:t> (the linter guarantees it), so this
// keeps the run well-formed; <w:br/> inside <w:t> is invalid and readers drop or reject
// it (docs/reference/libraries.md §1.2).
const (
	runBreak = `</w:t><w:br/><w:t xml:space="preserve">`
	runTab   = `</w:t><w:tab/><w:t xml:space="preserve">`
)

var escapeFixups = strings.NewReplacer(
	"&#xD;&#xA;", runBreak,
	"&#xD;", runBreak,
	"&#xA;", runBreak,
	"&#x9;", runTab,
	// A value must never bring a "{{" into the markup, where it would look like a
	// placeholder left unreplaced. Escaping pairs is not enough ("{{{" keeps one pair), so
	// every "{" goes out as a character reference, which reads back as "{" in every reader.
	"{", "&#123;",
)

// xmlText turns a value into the content of a <w:t>: NFC-normalised (Vietnamese typed on
// some systems arrives decomposed, which fonts render with detached marks), XML-escaped,
// with newlines and tabs as run breaks and tabs. Characters XML cannot carry become U+FFFD.
func xmlText(v string) string {
	if v == "" {
		return ""
	}
	var b strings.Builder
	b.Grow(len(v) + len(v)/8)
	// EscapeText writes to a strings.Builder, which never fails.
	_ = xml.EscapeText(&b, []byte(norm.NFC.String(v)))
	return escapeFixups.Replace(b.String())
}
