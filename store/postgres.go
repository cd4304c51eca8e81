package store

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// postgresDialect: many writers, on several servers. A write transaction is SERIALIZABLE
// and runs again when PostgreSQL refuses it for a concurrent one (inTx), which gives each
// the outcome it would have had alone, as on SQLite; migrations and colliding writers take
// advisory locks named for the schema, so two databases in one cluster do not wait on
// each other. Background jobs run once through their leases (jobs.go).
var postgresDialect = dialect{
	name:      "postgres",
	tx:        &sql.TxOptions{Isolation: sql.LevelSerializable},
	snapshot:  &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true},
	lock:      "SELECT pg_advisory_xact_lock(hashtext('capdo migrate ' || current_schema()))",
	writeLock: "SELECT pg_advisory_%s(hashtext('capdo %s ' || current_schema()))",
}

// Connection pool sizes of one server. PostgreSQL's max_connections must cover
// pgWriteConns+pgReadConns per server (the default 100 is enough for four).
const (
	pgWriteConns = 8
	pgReadConns  = 16
)

// openPostgres connects to the database the URL names (its schema: the URL's search_path,
// else the role's default) and migrates it. With mustExist, a database without capdo's
// tables is refused instead.
func openPostgres(ctx context.Context, dsn string, log *slog.Logger, mustExist bool) (*DB, error) {
	// pgx's parse errors may quote the URL, password included: they are not shown.
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("store: không đọc được URL PostgreSQL %s (dạng postgres://NGƯỜI_DÙNG:MẬT_KHẨU@MÁY:CỔNG/CSDL?sslmode=…)", Redact(dsn))
	}
	ids := &idTables{}
	open := func(readOnly bool, conns int) *sql.DB {
		c := cfg.Copy()
		if c.RuntimeParams == nil {
			c.RuntimeParams = map[string]string{}
		}
		c.RuntimeParams["application_name"] = "capdo"
		if readOnly {
			// Like SQLite's query_only: a write through the read pool is an error.
			c.RuntimeParams["default_transaction_read_only"] = "on"
		}
		p := sql.OpenDB(&pgConnector{inner: stdlib.GetConnector(*c), ids: ids})
		p.SetMaxOpenConns(conns)
		p.SetMaxIdleConns(conns)
		p.SetConnMaxIdleTime(5 * time.Minute)
		return p
	}
	db := &DB{write: open(false, pgWriteConns), log: log, dialect: postgresDialect, ids: ids, path: dsn, Now: time.Now, Limits: DefaultLimits}
	if err := db.write.PingContext(ctx); err != nil {
		db.write.Close()
		return nil, fmt.Errorf("store: không kết nối được PostgreSQL %s: %w", Redact(dsn), err)
	}
	if mustExist {
		var found bool
		if err := db.write.QueryRowContext(ctx, "SELECT to_regclass('schema_migrations') IS NOT NULL").Scan(&found); err != nil || !found {
			db.write.Close()
			return nil, fmt.Errorf("cơ sở dữ liệu PostgreSQL %s chưa có dữ liệu capdo (chạy «capdo serve --db …» hoặc «capdo users add --db …» trước)", Redact(dsn))
		}
	}
	db.read = newReadPool(open(true, pgReadConns), false)
	if err := db.ready(ctx); err != nil {
		db.Close()
		return nil, err
	}
	var collate string
	if err := db.read.QueryRowContext(ctx, "SELECT datcollate FROM pg_database WHERE datname = current_database()").Scan(&collate); err == nil &&
		collate != "C" && collate != "POSIX" {
		log.Warn("cơ sở dữ liệu PostgreSQL không dùng collation C: danh sách có thể xếp thứ tự khác với SQLite (xem README, mục triển khai)",
			slog.String("collate", collate))
	}
	return db, nil
}

// loadIDTables reads which tables have a generated id, for pgConn.ExecContext.
func (db *DB) loadIDTables(ctx context.Context) error {
	rows, err := db.write.QueryContext(ctx, `SELECT table_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND column_name = 'id' AND is_identity = 'YES'`)
	if err != nil {
		return fmt.Errorf("store: catalog: %w", err)
	}
	defer rows.Close()
	m := map[string]bool{}
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return fmt.Errorf("store: catalog: %w", err)
		}
		m[t] = true
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: catalog: %w", err)
	}
	db.ids.p.Store(&m)
	return nil
}

// openPostgresReadOnly opens the database the URL names for reading only, without
// migrating it (OpenReadOnly): every statement runs in a read-only transaction. A schema
// older than this program's is refused.
func openPostgresReadOnly(ctx context.Context, dsn string) (*DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("store: không đọc được URL PostgreSQL %s", Redact(dsn))
	}
	c := cfg.Copy()
	if c.RuntimeParams == nil {
		c.RuntimeParams = map[string]string{}
	}
	c.RuntimeParams["application_name"] = "capdo"
	c.RuntimeParams["default_transaction_read_only"] = "on"
	r := sql.OpenDB(&pgConnector{inner: stdlib.GetConnector(*c), ids: &idTables{}})
	r.SetMaxOpenConns(2)
	db := &DB{read: newReadPool(r, false), write: r, path: dsn, dialect: postgresDialect, log: slog.New(slog.DiscardHandler), Now: time.Now}
	var v sql.NullInt64
	if err := r.QueryRowContext(ctx, "SELECT CASE WHEN to_regclass('schema_migrations') IS NULL THEN NULL ELSE 0 END").Scan(&v); err != nil {
		r.Close()
		return nil, fmt.Errorf("store: không kết nối được PostgreSQL %s: %w", Redact(dsn), err)
	}
	if !v.Valid {
		r.Close()
		return nil, fmt.Errorf("cơ sở dữ liệu PostgreSQL %s chưa có dữ liệu capdo", Redact(dsn))
	}
	ms, err := loadMigrations()
	if err != nil {
		r.Close()
		return nil, err
	}
	if err := r.QueryRowContext(ctx, "SELECT max(version) FROM schema_migrations").Scan(&v); err != nil {
		r.Close()
		return nil, fmt.Errorf("store: %s: %w", Redact(dsn), err)
	}
	if want := ms[len(ms)-1].version; int(v.Int64) < want {
		r.Close()
		return nil, fmt.Errorf("cơ sở dữ liệu PostgreSQL %s có lược đồ phiên bản %d, cũ hơn phiên bản %d của chương trình này: chạy «capdo serve» một lần để nâng cấp",
			Redact(dsn), v.Int64, want)
	}
	return db, nil
}

// openRawPostgres is a pool on dsn with the store's rebinding and nothing else: no
// migration, no read-only mode (tests that tamper with the database, export_test.go).
func openRawPostgres(dsn string) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("store: không đọc được URL PostgreSQL %s", Redact(dsn))
	}
	return sql.OpenDB(&pgConnector{inner: stdlib.GetConnector(*cfg), ids: &idTables{}}), nil
}
