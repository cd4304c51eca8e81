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
// the outcome it would have had alone, as on SQLite; migrations and background jobs take
// advisory locks named for the schema, so two databases in one cluster do not wait on
// each other.
var postgresDialect = dialect{
	name:      "postgres",
	tx:        &sql.TxOptions{Isolation: sql.LevelSerializable},
	snapshot:  &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true},
	lock:      "SELECT pg_advisory_xact_lock(hashtext('capdo migrate ' || current_schema()))",
	jobLock:   "SELECT pg_try_advisory_xact_lock(hashtext('capdo job ' || current_schema() || ' ' || ?))",
	writeLock: "SELECT pg_advisory_%s(hashtext('capdo write ' || current_schema()))",
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
	db := &DB{write: open(false, pgWriteConns), log: log, dialect: postgresDialect, ids: ids, Now: time.Now}
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
	db.read = open(true, pgReadConns)
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
