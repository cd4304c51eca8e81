package store

import (
	"errors"
	"fmt"

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

// isUnique reports a UNIQUE or PRIMARY KEY violation.
func isUnique(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		c := se.Code()
		return c == sqlite3.SQLITE_CONSTRAINT_UNIQUE || c == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	return false
}

// StaleError: the dossier was made from an older version of its system than the current
// one; only a return may still be recorded on it.
type StaleError struct{ Made, Current int }

func (e *StaleError) Error() string {
	return fmt.Sprintf("store: dossier made from system version %d, now %d", e.Made, e.Current)
}
