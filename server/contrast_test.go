package server_test

import (
	"fmt"
	"io/fs"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"capdo/templates"
)

// WCAG 2.1 AA: text and its background at 4.5:1 at least. The colours are read from the
// style sheet the server sends, so that a change of colour that breaks the ratio fails
// here: every level badge (white on --lN), every status badge, and the small texts.

// cssRules maps each selector of a style sheet to its declarations (property → value),
// later rules overriding earlier ones as in the cascade for the same selector. Rules inside
// @media blocks are skipped: the badges' colours are the same at every width.
func cssRules(t *testing.T, css string) map[string]map[string]string {
	t.Helper()
	css = regexp.MustCompile(`(?s)/\*.*?\*/`).ReplaceAllString(css, "")
	out := map[string]map[string]string{}
	depth := 0
	var sel strings.Builder
	for i := 0; i < len(css); i++ {
		switch ch := css[i]; ch {
		case '{':
			s := strings.TrimSpace(sel.String())
			sel.Reset()
			end := strings.IndexByte(css[i:], '}')
			if strings.HasPrefix(s, "@") {
				depth++
				continue
			}
			body := css[i+1 : i+end]
			i += end
			if depth > 0 {
				continue
			}
			for _, one := range strings.Split(s, ",") {
				one = strings.Join(strings.Fields(one), " ")
				if out[one] == nil {
					out[one] = map[string]string{}
				}
				for _, decl := range strings.Split(body, ";") {
					k, v, ok := strings.Cut(decl, ":")
					if ok {
						out[one][strings.TrimSpace(k)] = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "!important"))
					}
				}
			}
		case '}':
			if depth > 0 {
				depth--
			}
			sel.Reset()
		default:
			sel.WriteByte(ch)
		}
	}
	return out
}

// colour resolves a declaration (a hex colour or var(--name)) against :root.
func colour(t *testing.T, rules map[string]map[string]string, v string) string {
	t.Helper()
	if m := regexp.MustCompile(`^var\((--[a-z0-9-]+)\)$`).FindStringSubmatch(v); m != nil {
		v = rules[":root"][m[1]]
	}
	if v == "#fff" {
		v = "#ffffff"
	}
	if !regexp.MustCompile(`^#[0-9a-fA-F]{6}$`).MatchString(v) {
		t.Fatalf("not a colour: %q", v)
	}
	return v
}

func luminance(hex string) float64 {
	var c [3]float64
	for i := range c {
		n, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		x := float64(n) / 255
		if x <= 0.03928 {
			c[i] = x / 12.92
		} else {
			c[i] = math.Pow((x+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]
}

func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

func TestStyle_ContrastAA(t *testing.T) {
	t.Parallel()
	css, err := fs.ReadFile(templates.Static, "static/style.css")
	if err != nil {
		t.Fatal(err)
	}
	rules := cssRules(t, string(css))
	get := func(sel, prop string) string {
		v, ok := rules[sel][prop]
		if !ok {
			t.Fatalf("style.css has no %s for %s", prop, sel)
		}
		return colour(t, rules, v)
	}
	type pair struct{ name, fg, bg string }
	var pairs []pair
	for l := 0; l <= 5; l++ {
		pairs = append(pairs, pair{fmt.Sprintf("level badge %d", l), get(".level", "color"), get(fmt.Sprintf(".lv%d", l), "background")})
	}
	// Each status the lists show, as its badge draws it (.status, then .st-…).
	for _, st := range []string{"none", "draft", "submitted", "opinion_given", "appraised", "approved", "returned", "withdrawn"} {
		fg, bg := get(".status", "color"), get(".status", "background")
		if r, ok := rules[".st-"+st]; ok {
			if v, ok := r["color"]; ok {
				fg = colour(t, rules, v)
			}
			if v, ok := r["background"]; ok {
				bg = colour(t, rules, v)
			}
		}
		pairs = append(pairs, pair{"status badge " + st, fg, bg})
	}
	page, card := get(":root", "--bg"), get(":root", "--card")
	pairs = append(pairs,
		pair{"text", get(":root", "--ink"), page},
		pair{"muted text on the page", get(":root", "--muted"), page},
		pair{"muted text on a card", get(":root", "--muted"), card},
		pair{"links", get(":root", "--brand"), card},
		pair{"header", get("header.top", "color"), get("header.top", "background")},
		pair{"current stage", get("ol.stages li.current", "color"), get("ol.stages li.current", "background")},
		pair{"other stages", get("ol.stages li", "color"), get("ol.stages li", "background")},
		pair{"alert", get(".alert", "color"), get(".alert", "background")},
		pair{"notice", get(".notice", "color"), get(".notice", "background")},
		pair{"page link not available", get(".pages .off", "color"), card},
		pair{"current page", get(".pages .current", "color"), get(".pages .current", "background")},
		pair{"primary button", get(".primary", "color"), get(".primary", "background")},
		pair{"danger button", get(".danger", "color"), card},
		pair{"overdue", get(":root", "--danger"), card},
		pair{"skip link", get(".skip", "color"), get(".skip", "background")},
	)
	for _, p := range pairs {
		if r := contrast(p.fg, p.bg); r < 4.5 {
			t.Errorf("%s: %s on %s is %.2f:1, below 4.5:1", p.name, p.fg, p.bg, r)
		} else {
			t.Logf("%s: %s on %s is %.2f:1", p.name, p.fg, p.bg, r)
		}
	}
}
