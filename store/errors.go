package store

import (
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

var (
	// ErrNotFound: no such record, or not visible in the caller's scope.
	ErrNotFound = errors.New("store: not found")
	// ErrConflict: a unique name is taken, or the record changed state meanwhile.
	ErrConflict = errors.New("store: conflict")
	// ErrImmutable: the record may no longer change (an approved dossier).
	ErrImmutable = errors.New("store: immutable")
)

// isUnique reports a UNIQUE or PRIMARY KEY violation, on either engine.
func isUnique(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		c := se.Code()
		return c == sqlite3.SQLITE_CONSTRAINT_UNIQUE || c == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	return pgCode(err) == "23505" // unique_violation
}

// isRetryable reports a PostgreSQL transaction refused for a concurrent one: run again, it
// may succeed (inTx does). SQLite's single writer never refuses one.
func isRetryable(err error) bool {
	c := pgCode(err)
	return c == "40001" || c == "40P01" // serialization_failure, deadlock_detected
}

// pgCode is the SQLSTATE of a PostgreSQL error, "" for any other error.
func pgCode(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

// StaleError: the dossier was made from an older version of its system than the current
// one; only a return may still be recorded on it.
type StaleError struct{ Made, Current int }

func (e *StaleError) Error() string {
	return fmt.Sprintf("store: dossier made from system version %d, now %d", e.Made, e.Current)
}
