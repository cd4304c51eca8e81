package store

import (
	"errors"

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
