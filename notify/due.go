package notify

import (
	"time"

	"capdo/review"
	"capdo/store"
	"capdo/workdays"
)

// DueKind says which deadline notice is due now for a dossier in stage d: Overdue once its
// deadline has passed, DueSoon from the start of the working day that lies soon working
// days before the deadline's day (soon = 3: Tuesday for a deadline on Friday); false for a
// stage without a deadline, an approved or returned dossier, or soon < 0 before the
// deadline. soon = 0 reminds on the deadline's own day.
func DueKind(d store.DossierStage, now time.Time, soon int, cal *workdays.Calendar) (Kind, bool) {
	if d.DueAt.IsZero() || d.Holder == "" {
		return "", false
	}
	switch review.Status(d.Status) {
	case review.Draft, review.Approved, review.Returned:
		return "", false
	}
	if now.After(d.DueAt) {
		return Overdue, true
	}
	if soon < 0 {
		return "", false
	}
	remind := cal.AddWorkingDates(workdays.DateOf(d.DueAt), -soon)
	if !workdays.DateOf(now).Before(remind) {
		return DueSoon, true
	}
	return "", false
}

// workingDaysLeft counts the working days after today up to the deadline's day.
func workingDaysLeft(due, now time.Time, cal *workdays.Calendar) int {
	return cal.WorkingDatesBetween(workdays.DateOf(now), workdays.DateOf(due))
}
