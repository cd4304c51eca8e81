package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"slices"
	"strconv"
	"strings"

	"capdo/review"
)

// CopyReport says what Copy moved.
type CopyReport struct {
	Tables   []TableCount
	Dossiers int // dossier histories verified in the target
	// Problems are what audit verification finds in the source, and in the copy alike
	// (histories from before the audit key that never verified, say); a copy adds none.
	Problems []Problem
}

// TableCount is the number of rows copied into one table.
type TableCount struct {
	Table string
	Rows  int64
}

// ErrNotEmpty: the target of a copy already holds data.
var ErrNotEmpty = errors.New("store: the target database is not empty")

// Copy copies every row of src into dst, a PostgreSQL database with capdo's tables and
// no data (ErrNotEmpty otherwise), for moving an installation from SQLite (capdo db
// copy). It reads src in one snapshot and writes dst in one transaction, which commits
// only after every table's contents read back the same from dst as from src and the
// audit verification with key (the source's audit key) finds in dst exactly what it
// finds in src: on any error dst is left as it was. A key that is not the one that sealed
// src is refused.
//
// Ids are kept, so links and history stay valid, and the generated-id sequences continue
// after them. The triggers that keep records unchanged are off for the copy, inside the
// transaction: they would refuse, say, the history of an approved dossier, which is
// copied whole and then verified.
func Copy(ctx context.Context, src, dst *DB, key []byte) (CopyReport, error) {
	var rep CopyReport
	if dst.dialect.name != "postgres" {
		return rep, errors.New("store: copy writes into a PostgreSQL database only")
	}
	sv, err := src.SchemaVersion(ctx)
	if err != nil {
		return rep, err
	}
	if dv, err := dst.SchemaVersion(ctx); err != nil || dv != sv {
		return rep, fmt.Errorf("store: source at schema version %d, target at %d (%v)", sv, dv, err)
	}
	in, err := src.read.BeginTx(ctx, src.dialect.snapshot)
	if err != nil {
		return rep, err
	}
	defer in.Rollback()
	if _, check, err := readSeal(ctx, in); err == nil && !review.KeyMatches(key, check) {
		return rep, &AuditKeyError{Reason: "khóa kiểm toán này không phải khóa đã niêm phong cơ sở dữ liệu nguồn"}
	} else if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return rep, err
	}
	before, err := verifyAudit(ctx, in, key, true)
	if err != nil {
		return rep, err
	}
	err = dst.inTx(ctx, func(out *sql.Tx) error {
		rep = CopyReport{Problems: before.Problems}
		tables, err := pgTables(ctx, out)
		if err != nil {
			return err
		}
		for _, t := range tables {
			var any bool
			if err := out.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM "+t.name+")").Scan(&any); err != nil {
				return err
			}
			if any {
				return fmt.Errorf("%w: table %s has rows", ErrNotEmpty, t.name)
			}
		}
		for _, t := range tables {
			if _, err := out.ExecContext(ctx, "ALTER TABLE "+t.name+" DISABLE TRIGGER USER"); err != nil {
				return err
			}
		}
		for _, t := range tables {
			n, err := copyTable(ctx, in, out, t, src.dialect.name)
			if err != nil {
				return fmt.Errorf("table %s: %w", t.name, err)
			}
			rep.Tables = append(rep.Tables, TableCount{Table: t.name, Rows: n})
		}
		for _, t := range tables {
			if _, err := out.ExecContext(ctx, "ALTER TABLE "+t.name+" ENABLE TRIGGER USER"); err != nil {
				return err
			}
			for _, c := range t.identity {
				if _, err := out.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence(?, ?), m) FROM (SELECT max(`+c+`) AS m FROM `+t.name+`) x WHERE m IS NOT NULL`,
					t.name, c); err != nil {
					return err
				}
			}
		}
		for _, t := range tables {
			want, err := tableDigest(ctx, in, t, src.dialect.name)
			if err != nil {
				return err
			}
			got, err := tableDigest(ctx, out, t, "postgres")
			if err != nil {
				return err
			}
			if got != want {
				return fmt.Errorf("store: copy: table %s reads back differently from the source", t.name)
			}
		}
		after, err := verifyAudit(ctx, out, key, true)
		if err != nil {
			return err
		}
		rep.Dossiers = after.Dossiers
		if !slices.EqualFunc(after.Problems, before.Problems, func(a, b Problem) bool { return a == b }) {
			return fmt.Errorf("store: copy: audit verification of the copy differs from the source's: %d problems, %d before",
				len(after.Problems), len(before.Problems))
		}
		return nil
	})
	if err != nil {
		return CopyReport{}, err
	}
	return rep, nil
}

// pgTable is one table of the target, as its catalog describes it.
type pgTable struct {
	name     string
	cols     []string
	types    map[string]string // column → data type
	key      []string          // primary key columns, for a stable order
	identity []string          // columns with a generated value
}

// pgTables lists the target's tables (but schema_migrations), each after the tables it
// refers to, so that rows can be inserted table by table with foreign keys checked.
func pgTables(ctx context.Context, tx *sql.Tx) ([]pgTable, error) {
	byName := map[string]*pgTable{}
	var names []string
	rows, err := tx.QueryContext(ctx, `SELECT c.table_name, c.column_name, c.data_type, c.is_identity
		FROM information_schema.columns c JOIN information_schema.tables t
		  ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
		WHERE c.table_schema = current_schema() AND c.table_name <> 'schema_migrations'
		ORDER BY c.table_name, c.ordinal_position`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var table, col, typ, ident string
		if err := rows.Scan(&table, &col, &typ, &ident); err != nil {
			rows.Close()
			return nil, err
		}
		t := byName[table]
		if t == nil {
			t = &pgTable{name: table, types: map[string]string{}}
			byName[table] = t
			names = append(names, table)
		}
		t.cols = append(t.cols, col)
		t.types[col] = typ
		if ident == "YES" {
			t.identity = append(t.identity, col)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = tx.QueryContext(ctx, `SELECT k.table_name, k.column_name FROM information_schema.table_constraints c
		JOIN information_schema.key_column_usage k ON k.constraint_schema = c.constraint_schema AND k.constraint_name = c.constraint_name
		WHERE c.table_schema = current_schema() AND c.constraint_type = 'PRIMARY KEY' ORDER BY k.table_name, k.ordinal_position`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var table, col string
		if err := rows.Scan(&table, &col); err != nil {
			rows.Close()
			return nil, err
		}
		if t := byName[table]; t != nil {
			t.key = append(t.key, col)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	deps := map[string][]string{}
	rows, err = tx.QueryContext(ctx, `SELECT DISTINCT cl.relname, rf.relname FROM pg_constraint c
		JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_class rf ON rf.oid = c.confrelid
		WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var from, to string
		if err := rows.Scan(&from, &to); err != nil {
			rows.Close()
			return nil, err
		}
		if from != to { // a table referring to itself (orgs) is ordered by key instead
			deps[from] = append(deps[from], to)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []pgTable
	done, visiting := map[string]bool{}, map[string]bool{}
	var visit func(n string) error
	visit = func(n string) error {
		if done[n] {
			return nil
		}
		if visiting[n] {
			return fmt.Errorf("store: copy: foreign keys form a cycle through %s", n)
		}
		visiting[n] = true
		for _, d := range deps[n] {
			if byName[d] != nil {
				if err := visit(d); err != nil {
					return err
				}
			}
		}
		done[n] = true
		out = append(out, *byName[n])
		return nil
	}
	for _, n := range names {
		if err := visit(n); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// selectAll is the query reading every row of t from an engine, in key order, text in
// code-point order on both (SQLite's BINARY, PostgreSQL's "C"). SQLite gives its implicit
// rowid, which the PostgreSQL tables have as a column (0001_init.pg.sql).
func selectAll(t pgTable, engine string) string {
	key := t.key
	if len(key) == 0 {
		key = t.cols
	}
	var order []string
	for _, c := range key {
		if engine == "postgres" && t.types[c] == "text" {
			c += ` COLLATE "C"`
		}
		order = append(order, c)
	}
	return "SELECT " + strings.Join(t.cols, ", ") + " FROM " + t.name + " ORDER BY " + strings.Join(order, ", ")
}

// copyTable inserts every row of t from in into out and returns how many.
func copyTable(ctx context.Context, in, out *sql.Tx, t pgTable, srcEngine string) (int64, error) {
	if err := sameColumns(ctx, in, t, srcEngine); err != nil {
		return 0, err
	}
	ins, err := out.PrepareContext(ctx, "INSERT INTO "+t.name+" ("+strings.Join(t.cols, ", ")+") VALUES ("+
		strings.TrimSuffix(strings.Repeat("?, ", len(t.cols)), ", ")+")")
	if err != nil {
		return 0, err
	}
	defer ins.Close()
	rows, err := in.QueryContext(ctx, selectAll(t, srcEngine))
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	vals := make([]any, len(t.cols))
	ptrs := make([]any, len(t.cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var n int64
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		for i, c := range t.cols {
			// SQLite keeps what it was given; a bytea column takes bytes.
			if s, ok := vals[i].(string); ok && t.types[c] == "bytea" {
				vals[i] = []byte(s)
			}
		}
		if _, err := ins.ExecContext(ctx, vals...); err != nil {
			return n, fmt.Errorf("row %d: %w", n+1, err)
		}
		n++
	}
	return n, rows.Err()
}

// sameColumns checks that the source's table has exactly the target's columns, so that
// nothing is left behind.
func sameColumns(ctx context.Context, in *sql.Tx, t pgTable, srcEngine string) error {
	rows, err := in.QueryContext(ctx, "SELECT * FROM "+t.name+" LIMIT 0")
	if err != nil {
		return err
	}
	cols, err := rows.Columns()
	rows.Close()
	if err != nil {
		return err
	}
	want := t.cols
	if srcEngine == "sqlite" {
		want = slices.DeleteFunc(slices.Clone(want), func(c string) bool { return c == "rowid" })
	}
	a, b := slices.Sorted(slices.Values(cols)), slices.Sorted(slices.Values(want))
	if !slices.Equal(a, b) {
		return fmt.Errorf("store: copy: columns differ: source %v, target %v", a, b)
	}
	return nil
}

// tableDigest hashes every value of t in key order, the same way whichever engine reads it.
func tableDigest(ctx context.Context, tx *sql.Tx, t pgTable, engine string) (string, error) {
	rows, err := tx.QueryContext(ctx, selectAll(t, engine))
	if err != nil {
		return "", err
	}
	defer rows.Close()
	h := sha256.New()
	vals := make([]any, len(t.cols))
	ptrs := make([]any, len(t.cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return "", err
		}
		for _, v := range vals {
			writeValue(h, v)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), rows.Err()
}

func writeValue(h hash.Hash, v any) {
	var b []byte
	switch x := v.(type) {
	case nil:
		h.Write([]byte("N;"))
		return
	case int64:
		b = strconv.AppendInt(nil, x, 10)
	case float64:
		b = strconv.AppendFloat(nil, x, 'g', -1, 64)
	case bool:
		b = []byte{'0'}
		if x {
			b[0] = '1'
		}
	case string:
		b = []byte(x)
	case []byte:
		b = x
	default:
		b = fmt.Append(nil, x)
	}
	h.Write(strconv.AppendInt(nil, int64(len(b)), 10))
	h.Write([]byte{':'})
	h.Write(b)
}
