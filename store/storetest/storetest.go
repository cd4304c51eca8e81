// Package storetest gives tests a fresh database on each engine the store runs on.
//
// A package's tests run first on SQLite; storetest.Rerun (called from TestMain) then runs
// the same test binary again on PostgreSQL when CAPDO_TEST_POSTGRES names a database
// (postgres://…). Without it the PostgreSQL run is skipped, unless CAPDO_REQUIRE_TOOLS=1
// (as in CI, .ci/run), where a missing URL fails. Each test gets its own database: a
// SQLite file in its temporary directory, or a PostgreSQL schema of its own, dropped when
// the test ends; so tests stay parallel and independent on both engines.
package storetest

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // driver "pgx", for creating and dropping schemas
)

// Environment variables.
const (
	// EnvPostgres names the PostgreSQL database the tests may use (a URL; the role needs
	// CREATE on it, to make one schema per test).
	EnvPostgres = "CAPDO_TEST_POSTGRES"
	// envEngine is set by Rerun for the run on PostgreSQL.
	envEngine = "CAPDO_TEST_ENGINE"
	// EnvRequire makes a missing tool or database a failure instead of a skip.
	EnvRequire = "CAPDO_REQUIRE_TOOLS"
)

// Engine is the engine this run of the tests uses: "sqlite" or "postgres".
func Engine() string {
	if os.Getenv(envEngine) == "postgres" {
		return "postgres"
	}
	return "sqlite"
}

// DSN returns what store.Open takes for a new, empty database of the run's engine, removed
// when the test ends.
func DSN(tb testing.TB) string {
	tb.Helper()
	if Engine() == "postgres" {
		return NewSchema(tb, os.Getenv(EnvPostgres))
	}
	return filepath.Join(tb.TempDir(), "capdo.db")
}

// SQLiteOnly skips the test in the PostgreSQL run: it is about what only a SQLite file
// has (its backup, its integrity check, its lock).
func SQLiteOnly(tb testing.TB) {
	tb.Helper()
	if Engine() == "postgres" {
		tb.Skip("SQLite only: a PostgreSQL database has its own tools for this")
	}
}

// PostgresURL returns the PostgreSQL database of the tests whatever the run's engine, for
// tests that need PostgreSQL itself (several servers, copying a database). Without one
// the test is skipped, or fails under CAPDO_REQUIRE_TOOLS=1.
func PostgresURL(tb testing.TB) string {
	tb.Helper()
	u := os.Getenv(EnvPostgres)
	if u == "" {
		if os.Getenv(EnvRequire) == "1" {
			tb.Fatalf("%s is not set and %s=1: PostgreSQL is required (.ci/postgres start)", EnvPostgres, EnvRequire)
		}
		tb.Skipf("%s is not set: no PostgreSQL to test against", EnvPostgres)
	}
	return u
}

var (
	adminOnce sync.Once
	admin     *sql.DB
	adminErr  error
)

// NewSchema creates a schema of its own for the test in the PostgreSQL database base and
// returns base with its search_path set to it; the schema is dropped when the test ends.
func NewSchema(tb testing.TB, base string) string {
	tb.Helper()
	adminOnce.Do(func() {
		admin, adminErr = sql.Open("pgx", base)
		if adminErr == nil {
			admin.SetMaxOpenConns(4)
			adminErr = admin.Ping()
		}
	})
	if adminErr != nil {
		tb.Fatalf("PostgreSQL %s: %v", EnvPostgres, adminErr)
	}
	var b [8]byte
	rand.Read(b[:])
	schema := "capdo_test_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		tb.Fatalf("create schema: %v", err)
	}
	tb.Cleanup(func() {
		if _, err := admin.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			tb.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("%s: %v", EnvPostgres, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Rerun ends TestMain: code is the result of m.Run on this run's engine. After a SQLite
// run it runs the same test binary, with the same arguments, on PostgreSQL, and returns
// the worse of the two exit codes.
func Rerun(code int) int {
	if Engine() == "postgres" {
		return code
	}
	if os.Getenv(EnvPostgres) == "" {
		if os.Getenv(EnvRequire) == "1" {
			fmt.Fprintf(os.Stderr, "storetest: %s is not set and %s=1: the tests must also run on PostgreSQL (.ci/postgres start)\n", EnvPostgres, EnvRequire)
			return 1
		}
		return code
	}
	fmt.Println("storetest: the same tests on PostgreSQL")
	cmd := exec.Command(os.Args[0], os.Args[1:]...)
	cmd.Env = append(os.Environ(), envEngine+"=postgres")
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintf(os.Stderr, "storetest: on PostgreSQL: %v\n", err)
		return max(code, 1)
	}
	return code
}

var blobLiteral = regexp.MustCompile(`x'([0-9a-fA-F]*)'`)

// OnEngine writes a statement that tampers with a database, written as for SQLite, for
// the run's engine: on PostgreSQL a trigger is dropped from its table and a blob literal
// is bytea. r is the database as store.OpenRaw opens it.
func OnEngine(tb testing.TB, r *sql.DB, q string) string {
	tb.Helper()
	if Engine() != "postgres" {
		return q
	}
	if name, ok := strings.CutPrefix(q, "DROP TRIGGER "); ok {
		var table string
		if err := r.QueryRow(`SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
			WHERE t.tgname = ? AND c.relnamespace = current_schema()::regnamespace`, name).Scan(&table); err != nil {
			tb.Fatalf("trigger %s: %v", name, err)
		}
		return q + " ON " + table
	}
	return blobLiteral.ReplaceAllString(q, `'\x$1'::bytea`)
}
