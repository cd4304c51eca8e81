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

// sqliteDialect: one writer at a time, so write transactions need no retry and migrations
// no lock; a background job never runs twice at once.
var sqliteDialect = dialect{name: "sqlite"}

// openSQLite opens (creating if needed) the database file at path.
//
// SQLite allows one writer at a time. A DEFERRED transaction that reads and then writes
// fails at once with SQLITE_BUSY when another writer got there first, and busy_timeout
// does not help it. So every write goes through `write`, a pool of exactly one connection
// whose transactions start IMMEDIATE: writers queue in database/sql instead of failing.
// Reads go through a separate pool and, thanks to WAL, never wait for the writer.
func openSQLite(ctx context.Context, path string, log *slog.Logger) (*DB, error) {
	if path == "" || strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("store: invalid database path %q", path)
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
	db := &DB{write: w, log: log, dialect: sqliteDialect, path: path, Now: time.Now, Limits: DefaultLimits}
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	// query_only makes a write through the read pool an error instead of a lock fight.
	r, err := sql.Open("sqlite", "file:"+path+"?"+pragmas+"&_pragma=query_only(1)")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	r.SetMaxOpenConns(2 * runtime.GOMAXPROCS(0))
	r.SetMaxIdleConns(2 * runtime.GOMAXPROCS(0))
	db.read = newReadPool(r, true)
	if err := db.ready(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}
