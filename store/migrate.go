package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"log/slog"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrations embed.FS

// migration is one numbered change of the schema, written for each engine: NNNN_name.sql
// for SQLite and NNNN_name.pg.sql for PostgreSQL, giving the same tables, keys and rules.
// Applied files are never edited: a change is a new number. Every migration needs both
// bodies (TestMigrations_BothEngines); a database on PostgreSQL refuses to open while one
// lacks its PostgreSQL body.
type migration struct {
	version int
	name    string // the SQLite file's name, recorded on both engines
	sql     string // SQLite body
	pgSQL   string // PostgreSQL body, "" while missing
	pgName  string
}

func loadMigrations() ([]migration, error) {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	byVersion := map[int]*migration{}
	for _, n := range names {
		base := strings.TrimPrefix(n, "migrations/")
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("store: migration %s: name must start with a number and _", base)
		}
		data, err := migrations.ReadFile(n)
		if err != nil {
			return nil, err
		}
		m := byVersion[v]
		if m == nil {
			m = &migration{version: v}
			byVersion[v] = m
		}
		pg := strings.HasSuffix(base, ".pg.sql")
		switch {
		case pg && m.pgSQL != "", !pg && m.name != "":
			return nil, fmt.Errorf("store: two migrations numbered %d", v)
		case pg:
			m.pgName, m.pgSQL = base, string(data)
		default:
			m.name, m.sql = base, string(data)
		}
	}
	var out []migration
	for _, m := range byVersion {
		if m.name == "" {
			return nil, fmt.Errorf("store: migration %d has a PostgreSQL body but no SQLite one", m.version)
		}
		if m.pgName != "" && m.pgName != strings.TrimSuffix(m.name, ".sql")+".pg.sql" {
			return nil, fmt.Errorf("store: migration %d: %s and %s should share a name", m.version, m.name, m.pgName)
		}
		out = append(out, *m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

// body is the migration's SQL for the engine.
func (m migration) body(engine string) (string, error) {
	if engine != "postgres" {
		return m.sql, nil
	}
	if strings.TrimSpace(m.pgSQL) == "" {
		return "", fmt.Errorf("store: migration %s has no PostgreSQL body (%s.pg.sql)", m.name, strings.TrimSuffix(m.name, ".sql"))
	}
	return m.pgSQL, nil
}

// migrate applies, in order, every migration not yet recorded in schema_migrations, each
// in its own transaction together with its record, so a failed file leaves no trace. On
// PostgreSQL each transaction first takes the schema's migration lock, so that servers
// started together apply each file once.
func (db *DB) migrate(ctx context.Context) error {
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		if db.dialect.lock != "" {
			if _, err := tx.ExecContext(ctx, db.dialect.lock); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	ms, err := loadMigrations()
	if err != nil {
		return err
	}
	for _, m := range ms {
		body, err := m.body(db.dialect.name)
		if err != nil {
			return err
		}
		err = db.inTx(ctx, func(tx *sql.Tx) error {
			if db.dialect.lock != "" {
				if _, err := tx.ExecContext(ctx, db.dialect.lock); err != nil {
					return err
				}
			}
			var n int
			if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM schema_migrations WHERE version = ?", m.version).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			if _, err := tx.ExecContext(ctx, body); err != nil {
				return err
			}
			db.log.Info("áp dụng migration", slog.String("migration", m.name))
			_, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
				m.version, m.name, micros(db.now()))
			return err
		})
		if err != nil {
			return fmt.Errorf("store: migration %s: %w", m.name, err)
		}
	}
	return nil
}

// SchemaVersion returns the highest applied migration.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v sql.NullInt64
	err := db.write.QueryRowContext(ctx, "SELECT max(version) FROM schema_migrations").Scan(&v)
	return int(v.Int64), err
}
