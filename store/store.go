// Package store keeps capdo's data in SQLite. It is the only package that writes SQL or
// imports the SQLite driver; callers depend on the small interfaces in interfaces.go, so
// another backend (PostgreSQL) can be added without touching them.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"runtime"
	"strings"
	"time"

	_ "modernc.org/sqlite" // driver "sqlite"
)

// DB is a capdo database in one SQLite file.
//
// SQLite allows one writer at a time. A DEFERRED transaction that reads and then writes
// fails at once with SQLITE_BUSY when another writer got there first, and busy_timeout
// does not help it. So every write goes through `write`, a pool of exactly one connection
// whose transactions start IMMEDIATE: writers queue in database/sql instead of failing.
// Reads go through a separate pool and, thanks to WAL, never wait for the writer.
type DB struct {
	write *sql.DB
	read  *sql.DB
	log   *slog.Logger
	path  string

	sessionStmt *sql.Stmt

	// auditKey seals the history (audit.go); nil until UseAuditKey, and then no event
	// can be recorded.
	auditKey []byte

	// Now is the clock for every timestamp the store writes or compares (session expiry,
	// deadlines). Tests replace it.
	Now func() time.Time
	// Limits bound what one editor can make the database hold (quota.go); Open sets
	// DefaultLimits.
	Limits Limits
}

// Open opens (creating if needed) the database file at path and applies any pending
// migrations.
func Open(ctx context.Context, path string, log *slog.Logger) (*DB, error) {
	if path == "" || strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("store: invalid database path %q", path)
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	// The database may describe systems that process state secrets: a new file is readable
	// by its owner only (SQLite gives the -wal and -shm files the same permissions).
	if f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600); err == nil {
		f.Close()
	} else if !errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("store: create %s: %w", path, err)
	} else if err := checkExisting(ctx, path); err != nil {
		// Only a missing file becomes a new database (check.go).
		return nil, err
	}
	// busy_timeout must come first: the pragmas after it may already need to wait for a lock.
	pragmas := "_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)"
	w, err := sql.Open("sqlite", "file:"+path+"?"+pragmas+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	db := &DB{write: w, log: log, path: path, Now: time.Now, Limits: DefaultLimits}
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if err := db.migrate(ctx); err != nil {
		w.Close()
		return nil, err
	}
	if err := db.fillDossierSearch(ctx); err != nil {
		w.Close()
		return nil, err
	}
	// query_only makes a write through the read pool an error instead of a lock fight.
	r, err := sql.Open("sqlite", "file:"+path+"?"+pragmas+"&_pragma=query_only(1)")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	r.SetMaxOpenConns(2 * runtime.GOMAXPROCS(0))
	r.SetMaxIdleConns(2 * runtime.GOMAXPROCS(0))
	db.read = r
	if db.sessionStmt, err = r.PrepareContext(ctx, sessionQuery); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: prepare: %w", err)
	}
	return db, nil
}

// Close closes both connection pools.
func (db *DB) Close() error {
	if db.sessionStmt != nil {
		db.sessionStmt.Close()
	}
	errR := db.read.Close()
	errW := db.write.Close()
	if errW != nil {
		return errW
	}
	return errR
}

// now is the store's clock in UTC at microsecond precision, the precision timestamps are
// stored with, so that a value read back equals the value written (hash chains rely on it).
func (db *DB) now() time.Time {
	return db.Now().UTC().Truncate(time.Microsecond)
}

// inTx runs fn in one write transaction.
func (db *DB) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func micros(t time.Time) int64 { return t.UnixMicro() }

func fromMicros(v int64) time.Time { return time.UnixMicro(v).UTC() }

func nullMicros(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return fromMicros(v.Int64)
}
