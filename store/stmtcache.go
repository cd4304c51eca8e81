package store

import (
	"context"
	"database/sql"
	"sync"
)

// readPool is the read pool (DB.read): a *sql.DB whose queries, on SQLite, run as prepared
// statements kept by their text. modernc.org/sqlite parses every statement it is given,
// and the pages ask the same few dozen queries again and again: parsing them once per
// connection takes about a tenth of a page's time off (BenchmarkDashboardPage,
// BenchmarkSystemsPage* in server). PostgreSQL's driver (pgx) keeps its own statement
// cache, so there the pool passes queries straight through.
type readPool struct {
	*sql.DB
	mu    sync.Mutex
	stmts map[string]*sql.Stmt // nil: no cache (PostgreSQL, or closed)
}

// maxCachedStmts bounds the cache: a query whose text varies (an IN list of any length)
// beyond it runs unprepared, so the cache cannot grow with the data.
const maxCachedStmts = 256

func newReadPool(db *sql.DB, cache bool) *readPool {
	p := &readPool{DB: db}
	if cache {
		p.stmts = map[string]*sql.Stmt{}
	}
	return p
}

// stmt returns the prepared statement of query, preparing it on first use; nil when the
// pool keeps no cache, the cache is full, or preparing failed (the query then runs
// unprepared and reports its own error).
func (p *readPool) stmt(ctx context.Context, query string) *sql.Stmt {
	p.mu.Lock()
	s, ok := p.stmts[query]
	full := p.stmts == nil || len(p.stmts) >= maxCachedStmts
	p.mu.Unlock()
	if ok {
		return s
	}
	if full {
		return nil
	}
	// Prepared without the lock held: preparing may wait for a connection, and the caller
	// holding one may be reading rows while it asks for another query.
	s, err := p.DB.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if had, ok := p.stmts[query]; ok || p.stmts == nil {
		s.Close() // another request prepared it meanwhile, or the pool closed
		return had
	}
	p.stmts[query] = s
	return s
}

// QueryContext runs a query through its prepared statement when there is one.
func (p *readPool) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if s := p.stmt(ctx, query); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return p.DB.QueryContext(ctx, query, args...)
}

// QueryRowContext runs a one-row query through its prepared statement when there is one.
func (p *readPool) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if s := p.stmt(ctx, query); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return p.DB.QueryRowContext(ctx, query, args...)
}

// Close closes the statements, then the pool.
func (p *readPool) Close() error {
	p.mu.Lock()
	for _, s := range p.stmts {
		s.Close()
	}
	p.stmts = nil
	p.mu.Unlock()
	return p.DB.Close()
}
