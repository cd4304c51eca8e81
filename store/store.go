// Package store keeps capdo's data in SQLite or PostgreSQL. It is the only package that
// writes SQL or imports a database driver; callers depend on the small interfaces in
// interfaces.go and never see which engine runs.
package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"math/rand/v2"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// DB is a capdo database: one SQLite file (sqlite.go) or a PostgreSQL database
// (postgres.go) that several servers may share. The queries are the same on both; what
// differs is opened here and kept in dialect.
//
// Every write goes through `write` in a transaction (inTx); reads go through `read`, a
// pool that refuses writes.
type DB struct {
	write   *sql.DB
	read    *readPool
	log     *slog.Logger
	dialect dialect
	ids     *idTables // PostgreSQL: tables with a generated id (pgdriver.go)
	path    string    // SQLite: the file; PostgreSQL: the URL

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

// dialect is what the store does differently on each engine.
type dialect struct {
	name string // "sqlite" or "postgres"
	// tx are the options of a write transaction, snapshot those of a read transaction that
	// sees one state of the database throughout.
	tx, snapshot *sql.TxOptions
	// lock is run first in every migration transaction, so that servers starting together
	// apply each migration once ("" when the engine has one writer anyway).
	lock string
	// writeLock takes or releases a lock of the writers (inTx): its first %s names the
	// pg_advisory_… function, the second the lock; "" when the engine has one writer.
	writeLock string
}

// IsURL reports whether dsn names a PostgreSQL database (postgres:// or postgresql://)
// rather than a SQLite file.
func IsURL(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Redact returns dsn fit for logs and messages: a URL without its password, whether in
// its user part or as the password parameter.
func Redact(dsn string) string {
	if !IsURL(dsn) {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://…"
	}
	if q := u.Query(); q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.Redacted()
}

// Open opens the database dsn names and applies any pending migrations: a SQLite file
// (created if needed) or a PostgreSQL URL (postgres://… or postgresql://…; the database
// must exist).
func Open(ctx context.Context, dsn string, log *slog.Logger) (*DB, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if IsURL(dsn) {
		return openPostgres(ctx, dsn, log, false)
	}
	return openSQLite(ctx, dsn, log)
}

// OpenExisting is Open for a database that must exist and hold capdo's tables already,
// so that a mistyped --db creates nothing.
func OpenExisting(ctx context.Context, dsn string, log *slog.Logger) (*DB, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if IsURL(dsn) {
		return openPostgres(ctx, dsn, log, true)
	}
	if _, err := os.Stat(dsn); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("không có tệp cơ sở dữ liệu «%s»", dsn)
	} else if err != nil {
		return nil, err
	}
	return openSQLite(ctx, dsn, log)
}

// ready finishes opening: migrations, then what the engine-independent code prepares.
func (db *DB) ready(ctx context.Context) error {
	if err := db.migrate(ctx); err != nil {
		return err
	}
	if db.ids != nil {
		if err := db.loadIDTables(ctx); err != nil {
			return err
		}
	}
	if err := db.fillDossierSearch(ctx); err != nil {
		return err
	}
	var err error
	if db.sessionStmt, err = db.read.PrepareContext(ctx, sessionQuery); err != nil {
		return fmt.Errorf("store: prepare: %w", err)
	}
	return nil
}

// Close closes both connection pools.
func (db *DB) Close() error {
	if db.sessionStmt != nil {
		db.sessionStmt.Close()
	}
	var errR error
	if db.read != nil {
		errR = db.read.Close()
	}
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

// inTx runs fn in one write transaction. On PostgreSQL the transaction is SERIALIZABLE:
// it commits only if running it alone would have given the same result, as every write
// transaction on SQLite's single writer does; when a concurrent one (on this server or
// another) got in the way, the whole of fn runs again after a short random pause. So fn
// must set everything it returns anew on each run.
//
// Writers that keep colliding (many editing one system at once) must not fail for it: a
// write transaction on PostgreSQL holds the database's write lock shared, and from the
// lockAfter-th run on it takes it exclusively, waiting for the transactions in flight and
// holding back new ones, so that it runs alone and commits.
func (db *DB) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return db.retryTx(ctx, fn)
}

// inOrgTx is inTx for a transaction that writes an organisation's systems or their
// dossiers; with history, it also appends to a dossier history.
//
// On PostgreSQL such transactions queue on locks taken before the transaction begins, so
// that each one's snapshot already holds the previous one's writes and they do not collide:
//   - the organisation's lock: writers of one organisation read what the others write (its
//     quota of systems, a system's versions and status), so two at once would mostly run
//     again, and under load escalate to the exclusive write lock that stops every writer.
//     Other organisations' writers go on beside them. org 0 (unknown: the transaction will
//     find nothing) takes none.
//   - the history lock: every history append updates the one row of the sealed register
//     (audit_seal), so two at once could only collide.
func (db *DB) inOrgTx(ctx context.Context, org int64, history bool, fn func(tx *sql.Tx) error) error {
	var locks []string
	if org != 0 {
		locks = append(locks, "org "+strconv.FormatInt(org, 10))
	}
	if history {
		// Always after the organisation's: one order of locks for every writer.
		locks = append(locks, "history")
	}
	return db.retryTx(ctx, fn, locks...)
}

// orgOf is the organisation of the system a query about one row names (orgOfSystem,
// orgOfDossier), read before a write transaction to choose its lock (inOrgTx); 0 when the
// engine has one writer anyway, or when there is no such row. A row moved to another
// organisation in between only costs the transaction a run again.
func (db *DB) orgOf(ctx context.Context, query string, id int64) int64 {
	if db.dialect.writeLock == "" {
		return 0
	}
	var org int64
	if err := db.read.QueryRowContext(ctx, query, id).Scan(&org); err != nil {
		return 0
	}
	return org
}

const (
	orgOfSystem  = "SELECT org_id FROM systems WHERE id = ?"
	orgOfDossier = "SELECT s.org_id FROM dossiers d JOIN systems s ON s.id = d.system_id WHERE d.id = ?"
)

func (db *DB) retryTx(ctx context.Context, fn func(tx *sql.Tx) error, locks ...string) error {
	for attempt := 1; ; attempt++ {
		err := db.tryTx(ctx, fn, attempt > lockAfter, locks)
		if err == nil || !isRetryable(err) || attempt == txAttempts || ctx.Err() != nil {
			return err
		}
		pause := time.Duration(1+rand.IntN(1<<min(attempt, 5))) * time.Millisecond
		select {
		case <-ctx.Done():
			return err
		case <-time.After(pause):
		}
	}
}

// txAttempts bounds the runs of one write transaction; lockAfter is the number of runs
// that share the write lock before one takes it alone.
const (
	txAttempts = 10
	lockAfter  = 3
)

// tryTx runs fn once. On PostgreSQL it first takes, on the transaction's connection, the
// write lock (shared, or alone) and then the named locks in order, and releases them after.
func (db *DB) tryTx(ctx context.Context, fn func(tx *sql.Tx) error, alone bool, named []string) error {
	if db.dialect.writeLock == "" {
		return runTx(ctx, db.write.BeginTx, db.dialect.tx, fn)
	}
	conn, err := db.write.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	locks := []struct{ lock, unlock, name string }{{"lock_shared", "unlock_shared", "write"}}
	if alone {
		locks[0] = struct{ lock, unlock, name string }{"lock", "unlock", "write"}
	}
	for _, n := range named {
		locks = append(locks, struct{ lock, unlock, name string }{"lock", "unlock", n})
	}
	for _, l := range locks {
		if _, err := conn.ExecContext(ctx, fmt.Sprintf(db.dialect.writeLock, l.lock, l.name)); err != nil {
			return err
		}
		defer func() {
			// Released even when ctx has ended; a connection that cannot release it is
			// dropped, which releases it too.
			if _, err := conn.ExecContext(context.WithoutCancel(ctx), fmt.Sprintf(db.dialect.writeLock, l.unlock, l.name)); err != nil {
				conn.Raw(func(any) error { return driver.ErrBadConn })
			}
		}()
	}
	return runTx(ctx, conn.BeginTx, db.dialect.tx, fn)
}

func runTx(ctx context.Context, begin func(context.Context, *sql.TxOptions) (*sql.Tx, error), opts *sql.TxOptions, fn func(tx *sql.Tx) error) error {
	tx, err := begin(ctx, opts)
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
