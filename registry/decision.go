package registry

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"capdo/levels"
	"capdo/review"
	"capdo/store"
)

// decisionNumber is the number and symbol of an approval decision as Decree 30/2020 writes
// them: the number, the year for a legal document, then QĐ and the issuer's abbreviation —
// 15/QĐ-UBND, 1234/QĐ-BKHCN, 25/2026/QĐ-UBND, 102/QĐ-UBND-KGVX, 123/QĐ-TTg (the Prime
// Minister's, the one symbol with a small letter).
var decisionNumber = regexp.MustCompile(`^[0-9]{1,6}(/[0-9]{4})?/QĐ-([\p{Lu}0-9&]+|TTg)(-([\p{Lu}0-9&]+|TTg))*$`)

// pmSymbol is the Prime Minister's symbol once upper-cased, at the end or before another part.
var pmSymbol = regexp.MustCompile(`-TTG(-|$)`)

// Decision is an approval decision's number and date as the approver gives them.
type Decision struct {
	Number string
	Date   string // YYYY-MM-DD
}

// Given reports whether either field was filled in.
func (d Decision) Given() bool {
	return strings.TrimSpace(d.Number) != "" || strings.TrimSpace(d.Date) != ""
}

// check normalizes and checks a decision recorded for a dossier submitted at submitted
// (the zero time when unknown): the number must read like 15/QĐ-UBND (upper case is
// restored, «QD» is refused since the symbol is QĐ), the date must be a real day, not
// after today and not before the submission. Problems name decision_number and
// decision_date.
func (r *Registry) checkDecision(in Decision, submitted time.Time) (store.NewDecision, error) {
	var problems []levels.Problem
	number := strings.Join(strings.Fields(norm.NFC.String(strings.ToUpper(in.Number))), "")
	// The Prime Minister's symbol keeps its small g (Decree 30/2020: QĐ-TTg), as on the
	// decision approving the list of systems important to national security.
	number = pmSymbol.ReplaceAllString(number, "-TTg$1")
	switch {
	case number == "":
		problems = append(problems, levels.Problem{Field: "decision_number", Message: "cần số, ký hiệu của quyết định, ví dụ 15/QĐ-UBND"})
	case !decisionNumber.MatchString(number):
		problems = append(problems, levels.Problem{Field: "decision_number",
			Message: "«" + in.Number + "» không phải số, ký hiệu của một quyết định; cần dạng số/QĐ-ký hiệu cơ quan, ví dụ 15/QĐ-UBND"})
	}
	date := strings.TrimSpace(in.Date)
	today := dateIn(r.now())
	switch day, err := time.ParseInLocation(time.DateOnly, date, review.Vietnam); {
	case date == "":
		problems = append(problems, levels.Problem{Field: "decision_date", Message: "cần ngày ký quyết định (YYYY-MM-DD)"})
	case err != nil:
		problems = append(problems, levels.Problem{Field: "decision_date", Message: "«" + in.Date + "» không phải một ngày dạng YYYY-MM-DD"})
	case day.After(today):
		problems = append(problems, levels.Problem{Field: "decision_date", Message: "ngày ký quyết định " + day.Format("02/01/2006") + " chưa đến"})
	case !submitted.IsZero() && day.Before(dateIn(submitted)):
		problems = append(problems, levels.Problem{Field: "decision_date", Message: "ngày ký quyết định " + day.Format("02/01/2006") +
			" trước ngày gửi hồ sơ " + dateIn(submitted).Format("02/01/2006")})
	}
	if problems != nil {
		return store.NewDecision{}, &levels.InvalidError{Problems: problems}
	}
	return store.NewDecision{Number: number, Date: date}, nil
}

// dateIn is the day of t in Vietnam, at midnight.
func dateIn(t time.Time) time.Time {
	y, m, d := t.In(review.Vietnam).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, review.Vietnam)
}

// decisionData is the Data of the event that records a decision: the hash chain covers it.
func decisionData(d store.NewDecision) string {
	return "decision_number " + d.Number + " decision_date " + d.Date
}

// lastSubmitted is when the dossier was last submitted (zero when never).
func lastSubmitted(events []review.Event) time.Time {
	for i := len(events) - 1; i >= 0; i-- {
		if events[i].Action == string(review.Submit) {
			return events[i].At
		}
	}
	return time.Time{}
}

// RecordDecision records, once, the number and date of the decision that approved
// dossier id, when they were not given with the approval (docs/contract.md §6). Errors:
// store.ErrNotFound outside sc; review.ErrForbidden unless who's role approves at the
// dossier's level; store.ErrConflict when the dossier is not approved or its decision is
// recorded already; a *levels.InvalidError naming decision_number or decision_date.
func (r *Registry) RecordDecision(ctx context.Context, who Actor, sc store.Scope, id int64, in Decision) (store.Dossier, error) {
	d, err := r.store.Dossier(ctx, sc, id)
	if err != nil {
		return store.Dossier{}, err
	}
	flow, _, err := r.FlowOf(d)
	if err != nil {
		return store.Dossier{}, err
	}
	if _, err := flow.Next(review.Appraised, review.Approve, who.Role); errors.Is(err, review.ErrForbidden) {
		return store.Dossier{}, err
	}
	if d.Status != string(review.Approved) || (d.Approval != nil && d.Approval.Decision != nil) {
		return store.Dossier{}, store.ErrConflict
	}
	events, err := r.store.DossierEvents(ctx, sc, id)
	if err != nil {
		return store.Dossier{}, err
	}
	dec, err := r.checkDecision(in, lastSubmitted(events))
	if err != nil {
		return store.Dossier{}, err
	}
	dec.ActorID = who.UserID
	if _, err := r.store.RecordDecision(ctx, id, dec, review.Event{Action: string(review.RecordDecision), Actor: who.Username,
		Role: who.Role, Data: decisionData(dec)}); err != nil {
		return store.Dossier{}, err
	}
	return r.store.Dossier(ctx, sc, id)
}
