package store

import (
	"strconv"
	"strings"
)

// The store's queries are written once, in the SQL both engines read, with SQLite's `?`
// parameters. rebind turns one into what PostgreSQL expects; pgdriver.go applies it to
// every statement on a PostgreSQL connection (once per query text, then cached), so the
// files that hold queries need no engine switch.
//
// What it changes, outside string literals, quoted identifiers, comments and
// dollar-quoted bodies:
//   - `?` becomes `$1`, `$2`, … in order;
//   - LIKE becomes ILIKE: SQLite's LIKE ignores case (of ASCII letters), PostgreSQL's does
//     not. Searches compare text folded in Go (Fold), where both agree anyway;
//   - an INSERT into a table whose key is generated (rewrite.table names it) is reported,
//     so that the driver can add RETURNING id and keep Result.LastInsertId working.
type rewrite struct {
	query string
	table string // INSERT INTO this table ("" for other statements)
}

func rebind(q string) rewrite {
	var b strings.Builder
	b.Grow(len(q) + 8)
	n := 0
	for i := 0; i < len(q); {
		c := q[i]
		switch {
		case c == '\'' || c == '"':
			j := skipQuoted(q, i, c)
			b.WriteString(q[i:j])
			i = j
		case c == '-' && strings.HasPrefix(q[i:], "--"):
			j := strings.IndexByte(q[i:], '\n')
			if j < 0 {
				j = len(q) - i
			}
			b.WriteString(q[i : i+j])
			i += j
		case c == '/' && strings.HasPrefix(q[i:], "/*"):
			j := strings.Index(q[i+2:], "*/")
			end := len(q)
			if j >= 0 {
				end = i + 2 + j + 2
			}
			b.WriteString(q[i:end])
			i = end
		case c == '$':
			j := skipDollar(q, i)
			b.WriteString(q[i:j])
			i = j
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			i++
		case isWordByte(c):
			j := i
			for j < len(q) && isWordByte(q[j]) {
				j++
			}
			if strings.EqualFold(q[i:j], "like") {
				b.WriteString("ILIKE")
			} else {
				b.WriteString(q[i:j])
			}
			i = j
		default:
			b.WriteByte(c)
			i++
		}
	}
	return rewrite{query: b.String(), table: insertTable(q)}
}

// skipQuoted returns the index after the literal or identifier opened by quote at i;
// a doubled quote is an escaped one.
func skipQuoted(q string, i int, quote byte) int {
	for j := i + 1; j < len(q); j++ {
		if q[j] == quote {
			if j+1 < len(q) && q[j+1] == quote {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(q)
}

// skipDollar returns the index after a dollar-quoted body ($$…$$ or $tag$…$tag$) that
// starts at i, or i+1 when the $ opens none (a positional parameter already written).
func skipDollar(q string, i int) int {
	j := i + 1
	for j < len(q) && isWordByte(q[j]) && !(j == i+1 && q[j] >= '0' && q[j] <= '9') {
		j++
	}
	if j >= len(q) || q[j] != '$' {
		return i + 1
	}
	tag := q[i : j+1]
	end := strings.Index(q[j+1:], tag)
	if end < 0 {
		return len(q)
	}
	return j + 1 + end + len(tag)
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// insertTable returns the table of a statement that starts INSERT INTO name (any case and
// spacing), lower-cased, or "" for any other statement or one with its own RETURNING.
func insertTable(q string) string {
	f := strings.Fields(q)
	if len(f) < 3 || !strings.EqualFold(f[0], "insert") || !strings.EqualFold(f[1], "into") {
		return ""
	}
	for _, w := range f {
		if strings.EqualFold(w, "returning") {
			return ""
		}
	}
	name, _, _ := strings.Cut(f[2], "(")
	return strings.ToLower(name)
}
