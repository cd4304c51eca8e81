package store

import (
	"context"
	"fmt"
	"testing"

	"capdo/store/storetest"
)

// The read pool's prepared statements on SQLite: a statement is prepared once and kept by
// its text; a query run again sees what was written since (a kept statement holds no
// snapshot between runs); a query asked while another's rows are open does not wait on
// the cache; past the bound, queries run unprepared; after Close nothing is kept.
func TestReadPool_PreparedStatements(t *testing.T) {
	t.Parallel()
	storetest.SQLiteOnly(t)
	ctx := context.Background()
	db, err := Open(ctx, storetest.DSN(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	count := func() int {
		t.Helper()
		var n int
		if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM orgs`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := count()
	kept := len(db.read.stmts)
	if _, err := db.write.ExecContext(ctx, `INSERT INTO orgs(name, created_at) VALUES ('Sở A', 0)`); err != nil {
		t.Fatal(err)
	}
	if got := count(); got != before+1 {
		t.Errorf("after a write the kept statement counts %d orgs, want %d", got, before+1)
	}
	if len(db.read.stmts) != kept {
		t.Errorf("the same query was prepared again: %d statements kept, want %d", len(db.read.stmts), kept)
	}

	// Rows open on one connection, another query meanwhile, on all the pool's connections.
	rows, err := db.read.QueryContext(ctx, `SELECT id FROM orgs`)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2 * maxConns(db) {
		var n int
		if err := db.read.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*) + %d FROM orgs`, i)).Scan(&n); err != nil || n != before+1+i {
			t.Fatalf("query %d beside open rows = %d, %v", i, n, err)
		}
	}
	rows.Close()

	// Past the bound a new text runs unprepared, and still answers.
	for i := len(db.read.stmts); i < maxCachedStmts+5; i++ {
		var n int
		if err := db.read.QueryRowContext(ctx, fmt.Sprintf(`SELECT %d`, i)).Scan(&n); err != nil || n != i {
			t.Fatalf("SELECT %d = %d, %v", i, n, err)
		}
	}
	if len(db.read.stmts) > maxCachedStmts {
		t.Errorf("%d statements kept, more than %d", len(db.read.stmts), maxCachedStmts)
	}
	// A statement that does not parse reports its own error.
	if err := db.read.QueryRowContext(ctx, `SELECT FROM nowhere`).Scan(new(int)); err == nil {
		t.Error("a bad statement gave no error")
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if db.read.stmts != nil {
		t.Error("statements kept after Close")
	}
}

// maxConns is the size of the read pool.
func maxConns(db *DB) int { return db.read.Stats().MaxOpenConnections }
