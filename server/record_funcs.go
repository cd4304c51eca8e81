package server

import (
	"fmt"
	"strings"
	"time"

	"capdo/levels"
	"capdo/review"
	"capdo/store"
)

// Template functions of the official record (dossier documents, approvals), added to
// funcs before any template is parsed (loadViews runs in New).
func init() {
	funcs["kindLabel"] = func(k string) string { return review.Kind(k).Label() }
	funcs["fileSize"] = fileSize
	funcs["isoDate"] = isoDate
	funcs["nextInspection"] = func(a *store.Approval) time.Time {
		if a == nil {
			return time.Time{}
		}
		return a.NextInspection()
	}
	funcs["eventFile"] = eventDetail
	funcs["inspectionInferred"] = inspectionInferred
}

// inspectionInferred is, when the inspection cycle behind an approval's next inspection is
// inferred rather than read in its decree, the rule set's words for that cycle; "" when
// it is read in the decree. Decree 331 sets no cycle, and its built-in rule set borrows
// Decree 85's, marked «suy luận» (levels/rules/d331-2026.yaml, inspection): pages then
// mark the date as the documents do. An agency's rule file is not at hand here, so its
// dates go unmarked.
func inspectionInferred(a *store.Approval) string {
	if a == nil || a.InspectionMonths <= 0 {
		return ""
	}
	rs, ok := levels.Builtin(a.RuleSet)
	if !ok {
		return ""
	}
	if in, ok := rs.InspectionFor(a.Level); ok && strings.Contains(in.Cycle+" "+in.Citation, "suy luận") {
		return in.Cycle + " — " + in.Citation
	}
	return ""
}

// fileSize writes a size as people read it: 1,2 MB, 340 KB.
func fileSize(n int) string {
	switch {
	case n >= 1<<20:
		return strings.Replace(fmt.Sprintf("%.1f MB", float64(n)/(1<<20)), ".", ",", 1)
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", (n+512)>>10)
	}
	return fmt.Sprintf("%d byte", n)
}

// isoDate writes a YYYY-MM-DD date the Vietnamese way, 10/12/2026; anything else as is.
func isoDate(s string) string {
	if d, err := time.Parse(time.DateOnly, s); err == nil {
		return d.Format("02/01/2006")
	}
	return s
}

// eventDetail says in words what an event recorded besides its step: the document
// uploaded, or the decision's number and date.
func eventDetail(e review.Event) string {
	f := strings.Fields(e.Data)
	switch {
	case e.Action == string(review.Upload) && len(f) >= 2:
		return review.Kind(f[0]).Label() + ": " + f[1]
	case len(f) == 4 && f[0] == "decision_number" && f[2] == "decision_date":
		return "Quyết định số " + f[1] + " ngày " + isoDate(f[3])
	}
	return ""
}
