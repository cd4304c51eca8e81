package dossier

import (
	"regexp"
	"slices"
	"strings"
)

// Citations as the signed text writes them. A list of provisions names each instrument
// once: the points of one clause together, then the clauses of one article, then the
// articles of one instrument ("điểm b, điểm c khoản 2 Điều 13, khoản 1 Điều 14 Nghị định
// số 331/2026/NĐ-CP"), and an instrument is written with "số" before its number, as its
// recital writes it ("Căn cứ Nghị định số 331/2026/NĐ-CP …").

// numberedRe is an instrument named without "số": "Nghị định số 85/2016/NĐ-CP".
var numberedRe = regexp.MustCompile(`(Nghị định|Thông tư|Quyết định|Nghị quyết) (\d+/\d{4}/[A-ZĐ]+(?:-[A-ZĐ]+)*)`)

// withNumberWord writes every instrument of s as "Nghị định số 85/2016/NĐ-CP".
func withNumberWord(s string) string {
	return numberedRe.ReplaceAllString(s, "$1 số $2")
}

// provisionRe is one provision of one instrument: [điểm X] [khoản N] Điều N <instrument>.
var provisionRe = regexp.MustCompile(`^(?:[Đđ]iểm (\S+) )?(?:[Kk]hoản (\d+) )?Điều (\d+) ((?:Nghị định|Thông tư|Luật|Quyết định) .+)$`)

// provision is a parsed citation; point and clause are "" when it cites a whole clause or
// article.
type provision struct{ point, clause, article, instrument string }

// groupCitations joins citations into one list, naming each instrument once, in the order
// the citations come. A citation it cannot read as one provision (several provisions, or
// words after the instrument) is kept as written, after withNumberWord.
func groupCitations(cites []string) string {
	type clause struct {
		name   string
		whole  bool // the whole clause is cited, which covers its points
		points []string
	}
	type article struct {
		name    string
		whole   bool
		clauses []*clause
	}
	type instrument struct {
		name     string
		articles []*article
		raw      string // a citation kept as written
	}
	var out []*instrument
	find := func(name string) *instrument {
		for _, in := range out {
			if in.raw == "" && in.name == name {
				return in
			}
		}
		in := &instrument{name: name}
		out = append(out, in)
		return in
	}
	seen := map[string]bool{}
	for _, c := range cites {
		c = withNumberWord(strings.Join(strings.Fields(c), " "))
		if c == "" || seen[c] {
			continue
		}
		seen[c] = true
		m := provisionRe.FindStringSubmatch(c)
		if m == nil || m[1] != "" && m[2] == "" {
			out = append(out, &instrument{raw: midSentence(c)})
			continue
		}
		p := provision{point: m[1], clause: m[2], article: m[3], instrument: m[4]}
		in := find(p.instrument)
		var a *article
		for _, x := range in.articles {
			if x.name == p.article {
				a = x
			}
		}
		if a == nil {
			a = &article{name: p.article}
			in.articles = append(in.articles, a)
		}
		if p.clause == "" {
			a.whole = true
			continue
		}
		var k *clause
		for _, x := range a.clauses {
			if x.name == p.clause {
				k = x
			}
		}
		if k == nil {
			k = &clause{name: p.clause}
			a.clauses = append(a.clauses, k)
		}
		if p.point == "" {
			k.whole, k.points = true, nil
		} else if !k.whole {
			k.points = append(k.points, p.point)
		}
	}
	parts := make([]string, 0, len(out))
	for _, in := range out {
		if in.raw != "" {
			parts = append(parts, in.raw)
			continue
		}
		var arts []string
		for _, a := range in.articles {
			if a.whole {
				arts = append(arts, "Điều "+a.name)
				continue
			}
			var ks []string
			for _, k := range a.clauses {
				var pts []string
				for _, p := range k.points {
					pts = append(pts, "điểm "+p)
				}
				ks = append(ks, strings.TrimSpace(strings.Join(pts, ", ")+" khoản "+k.name))
			}
			arts = append(arts, strings.Join(ks, ", ")+" Điều "+a.name)
		}
		parts = append(parts, strings.Join(arts, ", ")+" "+in.name)
	}
	return strings.Join(parts, "; ")
}

// leadInstrumentRe is the instrument a recital starts with: "Nghị định số 85/2016/NĐ-CP".
var leadInstrumentRe = regexp.MustCompile(`^Nghị định số \S+`)

// citedIn returns the recitals with the provisions of cites (all of one decree) written
// into the recital of that decree: "khoản 2 Điều 12, điểm b khoản 3 Điều 14 Nghị định số
// 85/2016/NĐ-CP ngày 01 tháng 7 năm 2016 …", one recital per instrument. Provisions of
// another instrument, or none, leave the recitals as they are.
func citedIn(recitals []string, cites ...string) []map[string]string {
	out := make([]string, len(recitals))
	copy(out, recitals)
	for i, r := range out {
		inst := leadInstrumentRe.FindString(r)
		if inst == "" {
			continue
		}
		var parts []string
		for _, c := range cites {
			c = strings.TrimSpace(c)
			if c == "" {
				continue
			}
			p, ok := strings.CutSuffix(c, " "+inst)
			if !ok {
				return textRows(recitals) // another instrument: its own recital stays apart
			}
			if !slices.Contains(parts, p) {
				parts = append(parts, p)
			}
		}
		if len(parts) > 0 {
			out[i] = strings.Join(parts, ", ") + " " + r
		}
		break
	}
	return textRows(out)
}

// withoutSharedInstrument returns a citation without its instrument when next, cited after
// it in the same sentence, ends with the same one.
func withoutSharedInstrument(cite, next string) string {
	inst := trailingInstrumentRe.FindString(cite)
	if inst == "" || !strings.HasSuffix(next, inst) || strings.TrimSuffix(cite, inst) == "" {
		return cite
	}
	return strings.TrimSuffix(cite, inst)
}

// trailingInstrumentRe is the instrument a citation ends with: " Nghị định số 85/2016/NĐ-CP".
var trailingInstrumentRe = regexp.MustCompile(` Nghị định số \S+$`)
