package store

import (
	"context"
	"database/sql/driver"
	"io"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/jackc/pgx/v5/stdlib"
)

// pgConnector hands database/sql connections to PostgreSQL (pgx's database/sql driver)
// that take the store's queries as written for both engines: each statement is rebound
// (rebind.go) once per query text, Go booleans are sent as 0/1 since flags are integer
// columns on both engines (migrations/*.pg.sql), and an INSERT into a table with a
// generated id returns it, so Result.LastInsertId works as it does on SQLite.
type pgConnector struct {
	inner driver.Connector
	ids   *idTables
}

func (c *pgConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.inner.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &pgConn{Conn: conn.(*stdlib.Conn), ids: c.ids}, nil
}

func (c *pgConnector) Driver() driver.Driver { return c.inner.Driver() }

// idTables names the tables whose id column PostgreSQL generates, read from the catalog
// after the migrations (loadIDTables): an INSERT into one of them gets RETURNING id.
type idTables struct {
	p atomic.Pointer[map[string]bool]
}

func (t *idTables) has(table string) bool {
	m := t.p.Load()
	return m != nil && (*m)[table]
}

// rewrites caches rebound queries by text. The store's query texts are a few hundred
// (filters add clauses, a search one per word); the cap keeps a flood of distinct searches
// from growing it without bound: past it, a query is rebound each time (about 0.1 µs per
// 100 bytes).
var (
	rewrites     sync.Map // query text → pgRewrite
	rewriteCount atomic.Int64
)

const maxCachedRewrites = 4096

// pgRewrite is a query rebound for PostgreSQL, with its RETURNING id form for an INSERT.
type pgRewrite struct {
	rewrite
	returning string
}

func rebound(query string) pgRewrite {
	if r, ok := rewrites.Load(query); ok {
		return r.(pgRewrite)
	}
	r := pgRewrite{rewrite: rebind(query)}
	if r.table != "" {
		r.returning = strings.TrimRight(r.query, " \t\r\n;") + " RETURNING id"
	}
	if rewriteCount.Add(1) <= maxCachedRewrites {
		rewrites.Store(query, r)
	}
	return r
}

// pgConn is one PostgreSQL connection; every method not written here is pgx's.
type pgConn struct {
	*stdlib.Conn
	ids *idTables
}

func (c *pgConn) CheckNamedValue(nv *driver.NamedValue) error {
	if b, ok := nv.Value.(bool); ok {
		nv.Value = int64(0)
		if b {
			nv.Value = int64(1)
		}
	}
	return c.Conn.CheckNamedValue(nv)
}

func (c *pgConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

// PrepareContext rebinds the query; a prepared INSERT does not report the id it made.
func (c *pgConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.Conn.PrepareContext(ctx, rebound(query).query)
}

func (c *pgConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	return c.Conn.QueryContext(ctx, rebound(query).query, args)
}

func (c *pgConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	r := rebound(query)
	if r.table == "" || !c.ids.has(r.table) {
		return c.Conn.ExecContext(ctx, r.query, args)
	}
	rows, err := c.Conn.QueryContext(ctx, r.returning, args)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var res insertResult
	dest := make([]driver.Value, 1)
	for {
		err := rows.Next(dest)
		if err == io.EOF {
			return res, nil
		}
		if err != nil {
			return nil, err
		}
		res.id, _ = dest[0].(int64)
		res.rows++
	}
}

// insertResult is the Result of an INSERT … RETURNING id: the last id and the row count.
type insertResult struct{ id, rows int64 }

func (r insertResult) LastInsertId() (int64, error) { return r.id, nil }
func (r insertResult) RowsAffected() (int64, error) { return r.rows, nil }
