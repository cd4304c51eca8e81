package dossier

import (
	"regexp"
	"slices"
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
	out, _ := joinSplitReport(x)
	return out
}

// joinSplitReport is joinSplit, also returning the placeholders whose pieces had
// different formatting (part of "{{SYSTEM_NAME}}" in bold): the value takes the
// formatting of the run the placeholder starts in, and the rest is lost, which the author
// should know.
func joinSplitReport(x string) (string, []string) {
	if !strings.Contains(x, "{") {
		return x, nil
	}
	var mixed []string
	out := paraRe.ReplaceAllStringFunc(x, func(p string) string {
		q, m := joinParagraph(p)
		for _, ph := range m {
			if !slices.Contains(mixed, ph) {
				mixed = append(mixed, ph)
			}
		}
		return q
	})
	return out, mixed
}

func joinParagraph(p string) (string, []string) {
	if !strings.Contains(p, "{") {
		return p, nil
	}
	nodes := textRe.FindAllStringSubmatchIndex(p, -1)
	if len(nodes) == 0 {
		return p, nil
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
	var mixed []string
	for _, s := range spanRe.FindAllStringIndex(text, -1) {
		first, last := owner[s[0]], owner[s[1]-1]
		if first != last {
			format := runFormat(p, nodes[first][0])
			for i := first + 1; i <= last; i++ {
				if starts[i] < starts[i+1] && runFormat(p, nodes[i][0]) != format {
					mixed = append(mixed, text[s[0]:s[1]])
					break
				}
			}
		}
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
	return b.String(), mixed
}

// formatNoise is run formatting that does not show: revision ids, the language of
// spell-checking, the no-proofing mark.
var formatNoise = regexp.MustCompile(`\s+w:rsid\w*="[^"]*"|<w:lang\b[^>]*/>|<w:noProof/>|<w:noProof w:val="[^"]*"/>`)

// runFormat is the visible formatting (run properties) of the run a text node at pos is in.
func runFormat(p string, pos int) string {
	r := max(strings.LastIndex(p[:pos], "<w:r>"), strings.LastIndex(p[:pos], "<w:r "))
	if r < 0 {
		return ""
	}
	run := p[r:pos]
	i := strings.Index(run, "<w:rPr>")
	j := strings.Index(run, "</w:rPr>")
	if i < 0 || j < i {
		return ""
	}
	return formatNoise.ReplaceAllString(run[i+len("<w:rPr>"):j], "")
}
