package server

import (
	"regexp"
	"strings"
	"time"

	"capdo/levels"
	"capdo/workdays"
)

// The dashboard reads cleanly for every role: a fact uncertain in law keeps its mark
// ([suy luận], [cần đối chiếu], [nguồn thứ cấp]) next to it, and the explanation behind
// the mark is folded into a closed «Căn cứ và mức độ chắc chắn» (templates/html/dashboard.html).
// Everything Decree 331/2026 asks of a unit waits for the day the decree takes effect.

func init() {
	funcs["marks"] = uncertaintyMarks
}

// markRe is a bracket holding one or more marks, with or without what to check:
// «[cần đối chiếu cách tính thời hạn]», «[suy luận, cần đối chiếu]».
var markRe = regexp.MustCompile(`\[[^\[\]]*\]`)

// markWords are the marks of the project's style, in the order they are shown.
var markWords = []string{"suy luận", "cần đối chiếu", "nguồn thứ cấp"}

// uncertaintyMarks lists the marks a text carries, each once, in their short form
// («[cần đối chiếu]»): what stays visible next to a fact whose explanation is folded.
func uncertaintyMarks(texts ...string) []string {
	found := map[string]bool{}
	for _, t := range texts {
		for _, b := range markRe.FindAllString(t, -1) {
			for _, w := range markWords {
				if strings.Contains(b, w) {
					found[w] = true
				}
			}
		}
	}
	var out []string
	for _, w := range markWords {
		if found[w] {
			out = append(out, "["+w+"]")
		}
	}
	return out
}

// decree331RuleSet is the built-in rule set of Decree 331/2026, whose effective_from is
// the day the decree takes effect (levels/rules/d331-2026.yaml).
const decree331RuleSet = "d331-2026"

// decree331Gate says whether Decree 331/2026 is in force on a day, and from when.
type decree331Gate struct {
	// InForce: the day is on or after From; the dashboard then shows the Quy chế of Art.
	// 30.7 and the annual report of Art. 35 (Mẫu 08).
	InForce bool
	From    workdays.Date
}

// decree331On is the gate on now's day in Vietnam (the server's clock, Config.Now).
func decree331On(now time.Time) (decree331Gate, error) {
	rs, err := levels.Open(decree331RuleSet)
	if err != nil {
		return decree331Gate{}, err
	}
	from, err := workdays.ParseDate(rs.EffectiveFrom)
	if err != nil {
		return decree331Gate{}, err
	}
	return decree331Gate{InForce: !workdays.DateOf(now).Before(from), From: from}, nil
}
