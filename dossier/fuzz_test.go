package dossier

import (
	"context"
	"strings"
	"testing"

	"capdo/levels"
)

// FuzzRenderText: any name, owner, operator and description that a profile accepts render
// into a dossier that passes its own read-back check (Render verifies every part's XML),
// and the name comes back out as it went in. `go test` runs the seeds; `go test -fuzz
// FuzzRenderText ./dossier` explores.
func FuzzRenderText(f *testing.F) {
	for _, s := range []string{`Hệ thống "QLVB" & <Sở TT&TT>`, "{{NAME}}", "{{{A", "}}}{{#each.x}}", "a\tb\nc", "' OR 1=1 --", "]]>", "\u00a0ﬁ\u202e"} {
		f.Add(s, s)
	}
	e, err := Embedded()
	if err != nil {
		f.Fatal(err)
	}
	base := input(f, "dich-vu-cong-tinh.yaml")
	f.Fuzz(func(t *testing.T, name, description string) {
		doc := "name: " + quote(name) + "\nowner: " + quote(name) + "\noperator: " + quote(name) +
			"\ndescription: " + quote(description) + "\nsystem_type: internal\ninfo_types: [public]\n"
		p, err := levels.ParseProfile([]byte(doc), "fuzz")
		if err != nil {
			return // refused at the door: not the engine's to render
		}
		in := base
		in.Profile = p
		if in.Decision, err = base.RuleSet.Classify(context.Background(), &p); err != nil {
			t.Fatal(err)
		}
		d, err := e.Render(context.Background(), in)
		if err != nil {
			t.Fatalf("Render(%q, %q): %v", name, description, err)
		}
		body := text(t, zipPart(t, d.Files[1].Data, "word/document.xml"))
		if want := strings.Join(strings.Fields(p.Name), " "); want != "" && !strings.Contains(strings.Join(strings.Fields(body), " "), want) {
			t.Fatalf("the name %q is not in the overview", p.Name)
		}
	})
}

// quote writes s as a YAML double-quoted scalar (JSON string syntax is valid YAML).
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			b.WriteString(`\x`)
			b.WriteString(strings.ToUpper(string("0123456789abcdef"[r>>4]) + string("0123456789abcdef"[r&15])))
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
