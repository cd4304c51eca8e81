package store

import "testing"

func TestRebind(t *testing.T) {
	for _, c := range []struct{ in, want, table string }{
		{"SELECT id FROM orgs WHERE id = ?", "SELECT id FROM orgs WHERE id = $1", ""},
		{"INSERT INTO orgs(name, parent_id) VALUES (?, ?)", "INSERT INTO orgs(name, parent_id) VALUES ($1, $2)", "orgs"},
		{"insert  into Users (a) values (?)", "insert  into Users (a) values ($1)", "users"},
		{"INSERT INTO t(a) VALUES (?) RETURNING a", "INSERT INTO t(a) VALUES ($1) RETURNING a", ""},
		// Literals, identifiers, comments and bodies keep their question marks.
		{"SELECT '?', \"a?\", x FROM t WHERE y = ? -- why?\nAND z = ?", "SELECT '?', \"a?\", x FROM t WHERE y = $1 -- why?\nAND z = $2", ""},
		{"SELECT 'it''s ?' /* ? */, ?", "SELECT 'it''s ?' /* ? */, $1", ""},
		{"CREATE FUNCTION f() AS $$ SELECT '?' LIKE x $$; SELECT ?", "CREATE FUNCTION f() AS $$ SELECT '?' LIKE x $$; SELECT $1", ""},
		{"SELECT $tag$ ? $tag$, ?", "SELECT $tag$ ? $tag$, $1", ""},
		// LIKE ignores case on both engines; words that contain it are left alone.
		{`WHERE s.search LIKE ? ESCAPE '\'`, `WHERE s.search ILIKE $1 ESCAPE '\'`, ""},
		{"WHERE a like 'x' AND b ILIKE 'y' AND unlike = 1 AND likely = 2", "WHERE a ILIKE 'x' AND b ILIKE 'y' AND unlike = 1 AND likely = 2", ""},
		{"SELECT 'Bộ ? LIKE' || tên FROM t WHERE tên = ?", "SELECT 'Bộ ? LIKE' || tên FROM t WHERE tên = $1", ""},
	} {
		got := rebind(c.in)
		if got.query != c.want || got.table != c.table {
			t.Errorf("rebind(%q) = %q, table %q; want %q, table %q", c.in, got.query, got.table, c.want, c.table)
		}
	}
}

func BenchmarkRebound(b *testing.B) {
	q := scopeCTE + dossierSelect + " WHERE" + scopeDossiers + "AND d.id = ?"
	for b.Loop() {
		rebound(q)
	}
}
