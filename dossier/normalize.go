package dossier

import (
	"regexp"
	"strings"
)

// Word splits the text of a paragraph into runs wherever formatting, spell-check state
// (<w:proofErr>) or revision ids (w:rsid*) change, so a placeholder typed as one word can
// arrive as "{{SYS" + "TEM_NAME}}" in two runs. joinSplit repairs that once per template,
// at load, so that rendering is a plain walk over the markup.

var (
	// paraRe matches a paragraph; "<w:p[ >]" excludes <w:pPr>, <w:proofErr> and the like.
	paraRe = regexp.MustCompile(`(?s)<w:p[ >].*?</w:p>`)
	// textRe matches a text node and captures its open tag and content. The open tag
	// must not end in "/>": Word writes an empty node as <w:t xml:space="preserve"/>,
	// which would otherwise swallow the markup up to the next run's </w:t>.
	textRe = regexp.MustCompile(`(?s)(<w:t(?:\s[^>]*[^/>])?>)(.*?)</w:t>`)
	// spanRe matches a placeholder in the concatenated text of a paragraph.
	spanRe = regexp.MustCompile(`\{\{[^{}<>]*\}\}`)
)

const preserveOpen = `<w:t xml:space="preserve">`

// joinSplit returns the part with every placeholder that crosses text nodes moved whole
// into the node where it starts, keeping that run's formatting; the nodes it came from
// keep what is left of their text. Every text node that holds a placeholder gets
// xml:space="preserve", because a value may begin or end with a space, and a newline in a
// value splits the node (see runBreak). A placeholder split across paragraphs is left as
// it is, for the linter to report.
func joinSplit(x string) string {
	if !strings.Contains(x, "{") {
		return x
	}
	return paraRe.ReplaceAllStringFunc(x, joinParagraph)
}

func joinParagraph(p string) string {
	if !strings.Contains(p, "{") {
		return p
	}
	nodes := textRe.FindAllStringSubmatchIndex(p, -1)
	if len(nodes) == 0 {
		return p
	}
	// The paragraph's text, and where each node's content starts in it.
	var all strings.Builder
	starts := make([]int, len(nodes)+1)
	for i, n := range nodes {
		starts[i] = all.Len()
		all.WriteString(p[n[4]:n[5]])
	}
	starts[len(nodes)] = all.Len()
	text := all.String()

	// owner[k] is the node that character k of text ends up in.
	owner := make([]int, len(text))
	node := 0
	for k := 0; k < len(text); k++ {
		for k >= starts[node+1] {
			node++
		}
		owner[k] = node
	}
	for _, s := range spanRe.FindAllStringIndex(text, -1) {
		first := owner[s[0]]
		for k := s[0]; k < s[1]; k++ {
			owner[k] = first
		}
	}

	contents := make([]strings.Builder, len(nodes))
	for k := 0; k < len(text); k++ {
		contents[owner[k]].WriteByte(text[k])
	}

	var b strings.Builder
	b.Grow(len(p) + 32)
	last := 0
	for i, n := range nodes {
		b.WriteString(p[last:n[0]])
		c := contents[i].String()
		if c == p[n[4]:n[5]] && !strings.Contains(c, "{{") {
			b.WriteString(p[n[0]:n[1]])
		} else {
			b.WriteString(preserveOpen)
			b.WriteString(c)
			b.WriteString("</w:t>")
		}
		last = n[1]
	}
	b.WriteString(p[last:])
	return b.String()
}
