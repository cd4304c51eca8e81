package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"capdo/review"
	"capdo/workdays"
)

// CalendarEntries are the days of the working-day calendar an administrator records from
// the Government's announcements (migration 0012), and what a change of the calendar
// touches: the deadlines of the dossiers' current stages.
type CalendarEntries interface {
	// AddCalendarEntries records the days of one announcement, all or none.
	AddCalendarEntries(ctx context.Context, es []workdays.Entry, actorID int64) error
	// CalendarEntries lists every recorded day, in the order they were recorded.
	CalendarEntries(ctx context.Context) ([]CalendarEntry, error)
	// OpenDeadlines lists, in every organisation, the dossiers whose current stage has a
	// deadline: ID, Status, StatusSince, DueAt, Level, RuleSet, Profile and Procedure.
	OpenDeadlines(ctx context.Context) ([]Dossier, error)
	// SetDueAt moves the deadline of dossier id's current stage, if the dossier is still
	// in status; it reports whether it did.
	SetDueAt(ctx context.Context, id int64, status string, due time.Time) (bool, error)
}

// CalendarEntry is a recorded day.
type CalendarEntry struct {
	ID         int64
	Entry      workdays.Entry
	RecordedBy string
	RecordedAt time.Time
}

// AddCalendarEntries records the days of one announcement.
func (db *DB) AddCalendarEntries(ctx context.Context, es []workdays.Entry, actorID int64) error {
	now := db.now()
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		for _, e := range es {
			year := e.Year
			if year == 0 {
				year = e.Date.Year
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO calendar_entries(day, kind, year, occasion, note, source, mark, created_by, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.Date.String(), string(e.Kind), year, string(e.Occasion), e.Note, e.Source, string(e.Mark),
				nullID(actorID), micros(now)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: add calendar entries: %w", err)
	}
	return nil
}

// CalendarEntries lists every recorded day, oldest record first.
func (db *DB) CalendarEntries(ctx context.Context) ([]CalendarEntry, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT c.id, c.day, c.kind, c.year, c.occasion, c.note, c.source, c.mark, coalesce(u.username, ''), c.created_at
		FROM calendar_entries c LEFT JOIN users u ON u.id = c.created_by ORDER BY c.id`)
	if err != nil {
		return nil, fmt.Errorf("store: calendar entries: %w", err)
	}
	defer rows.Close()
	var out []CalendarEntry
	for rows.Next() {
		var ce CalendarEntry
		var day, kind, occasion, mark string
		var at int64
		if err := rows.Scan(&ce.ID, &day, &kind, &ce.Entry.Year, &occasion, &ce.Entry.Note, &ce.Entry.Source, &mark, &ce.RecordedBy, &at); err != nil {
			return nil, fmt.Errorf("store: calendar entries: %w", err)
		}
		d, err := workdays.ParseDate(day)
		if err != nil {
			return nil, fmt.Errorf("store: calendar entry %d: %v", ce.ID, err)
		}
		ce.Entry.Date, ce.Entry.Kind, ce.Entry.Occasion, ce.Entry.Mark = d, workdays.Kind(kind), workdays.Occasion(occasion), workdays.Mark(mark)
		ce.RecordedAt = fromMicros(at)
		out = append(out, ce)
	}
	return out, rows.Err()
}

// OpenDeadlines lists the dossiers whose current stage has a deadline.
func (db *DB) OpenDeadlines(ctx context.Context) ([]Dossier, error) {
	// subtreeCTE of no organisation (no id is 0): dossierSelect reads sub for the name.
	rows, err := db.read.QueryContext(ctx, subtreeCTE+dossierSelect+` WHERE d.due_at IS NOT NULL AND d.status NOT IN (?, ?) ORDER BY d.id`,
		0, string(review.Approved), string(review.Withdrawn))
	if err != nil {
		return nil, fmt.Errorf("store: open deadlines: %w", err)
	}
	defer rows.Close()
	var out []Dossier
	for rows.Next() {
		d, err := scanDossier(rows)
		if err != nil {
			return nil, fmt.Errorf("store: open deadlines: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// SetDueAt moves the deadline of a dossier's current stage.
func (db *DB) SetDueAt(ctx context.Context, id int64, status string, due time.Time) (bool, error) {
	var n int64
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE dossiers SET due_at = ? WHERE id = ? AND status = ? AND due_at IS NOT NULL", micros(due), id, status)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return false, fmt.Errorf("store: set deadline of dossier %d: %w", id, err)
	}
	return n == 1, nil
}
