package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// subtreeCTE selects the ids of an organisation and everything below it (parameter: root id).
const subtreeCTE = `WITH RECURSIVE sub(id, depth) AS (
	SELECT id, 0 FROM orgs WHERE id = ?
	UNION ALL
	SELECT o.id, sub.depth + 1 FROM orgs o JOIN sub ON o.parent_id = sub.id
)`

// scopeCTE is subtreeCTE (sub: the caller's subtree) plus reviewed, the subtree whose
// dossiers are routed to the caller for review (parameters: Scope.OrgID, Scope.ReviewOrgID;
// no organisation has id 0, so 0 selects none). Scope.args supplies them.
const scopeCTE = subtreeCTE + `, reviewed(id) AS (
	SELECT id FROM orgs WHERE id = ?
	UNION ALL
	SELECT o.id FROM orgs o JOIN reviewed ON o.parent_id = reviewed.id
)`

// CreateOrg adds an organisation.
func (db *DB) CreateOrg(ctx context.Context, no NewOrg) (Org, error) {
	var o Org
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		o, err = createOrg(ctx, tx, no, db.now())
		return err
	})
	if isUnique(err) {
		return Org{}, fmt.Errorf("create organisation %q: %w", no.Name, ErrConflict)
	}
	if err != nil {
		return Org{}, fmt.Errorf("store: create organisation: %w", err)
	}
	return o, nil
}

func createOrg(ctx context.Context, tx *sql.Tx, no NewOrg, now time.Time) (Org, error) {
	o := Org{Name: strings.TrimSpace(no.Name), ParentID: no.ParentID, Appraises: no.Appraises, CreatedAt: now}
	if o.Name == "" {
		return o, errors.New("organisation name is empty")
	}
	if o.Appraises == "" {
		o.Appraises = AppraisesCivil
	}
	if !slices.Contains(AppraisesValues, o.Appraises) {
		return o, fmt.Errorf("appraisal group %q: want one of %s", o.Appraises, strings.Join(AppraisesValues, ", "))
	}
	var parent any
	if o.ParentID != 0 {
		parent = o.ParentID
	}
	res, err := tx.ExecContext(ctx, "INSERT INTO orgs(name, parent_id, appraises, created_at) VALUES (?, ?, ?, ?)",
		o.Name, parent, o.Appraises, micros(now))
	if err != nil {
		return o, err
	}
	o.ID, err = res.LastInsertId()
	return o, err
}

// Org returns one organisation.
func (db *DB) Org(ctx context.Context, id int64) (Org, error) {
	return db.orgWhere(ctx, "id = ?", id)
}

// OrgByName returns the organisation with exactly this name.
func (db *DB) OrgByName(ctx context.Context, name string) (Org, error) {
	return db.orgWhere(ctx, "name = ?", strings.TrimSpace(name))
}

func (db *DB) orgWhere(ctx context.Context, where string, arg any) (Org, error) {
	var o Org
	var parent sql.NullInt64
	var created int64
	err := db.read.QueryRowContext(ctx, "SELECT id, name, parent_id, appraises, created_at FROM orgs WHERE "+where, arg).
		Scan(&o.ID, &o.Name, &parent, &o.Appraises, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return Org{}, ErrNotFound
	}
	if err != nil {
		return Org{}, fmt.Errorf("store: organisation: %w", err)
	}
	o.ParentID, o.CreatedAt = parent.Int64, fromMicros(created)
	return o, nil
}

// Subtree lists root and its descendants depth-first, children by name, so that a list
// indented by Depth reads as the tree.
func (db *DB) Subtree(ctx context.Context, root int64) ([]Org, error) {
	rows, err := db.read.QueryContext(ctx, subtreeCTE+`
		SELECT o.id, o.name, o.parent_id, o.appraises, o.created_at, sub.depth FROM sub JOIN orgs o ON o.id = sub.id`, root)
	if err != nil {
		return nil, fmt.Errorf("store: subtree: %w", err)
	}
	defer rows.Close()
	var all []Org
	for rows.Next() {
		var o Org
		var parent sql.NullInt64
		var created int64
		if err := rows.Scan(&o.ID, &o.Name, &parent, &o.Appraises, &created, &o.Depth); err != nil {
			return nil, fmt.Errorf("store: subtree: %w", err)
		}
		o.ParentID, o.CreatedAt = parent.Int64, fromMicros(created)
		all = append(all, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: subtree: %w", err)
	}
	return orderTree(all, root), nil
}

// orderTree puts parents before their children and siblings in name order.
func orderTree(all []Org, root int64) []Org {
	children := map[int64][]Org{}
	var out []Org
	for _, o := range all {
		if o.ID == root {
			out = append(out, o)
			continue
		}
		children[o.ParentID] = append(children[o.ParentID], o)
	}
	var walk func(id int64)
	walk = func(id int64) {
		kids := children[id]
		sortOrgs(kids)
		for _, k := range kids {
			out = append(out, k)
			walk(k.ID)
		}
	}
	if len(out) == 1 {
		walk(root)
	}
	return out
}

func sortOrgs(os []Org) {
	for i := 1; i < len(os); i++ {
		for j := i; j > 0 && os[j].Name < os[j-1].Name; j-- {
			os[j], os[j-1] = os[j-1], os[j]
		}
	}
}

// InSubtree reports whether id is root or one of its descendants.
func (db *DB) InSubtree(ctx context.Context, root, id int64) (bool, error) {
	var n int
	err := db.read.QueryRowContext(ctx, subtreeCTE+" SELECT count(*) FROM sub WHERE id = ?", root, id).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: subtree: %w", err)
	}
	return n > 0, nil
}

// OrgPaths returns, for every organisation, the names from its root down to itself
// ("UBND tỉnh", "Sở TT&TT"), for listings that span several trees.
func (db *DB) OrgPaths(ctx context.Context) (map[int64][]string, error) {
	rows, err := db.read.QueryContext(ctx, "SELECT id, name, parent_id FROM orgs")
	if err != nil {
		return nil, fmt.Errorf("store: organisations: %w", err)
	}
	defer rows.Close()
	type node struct {
		name   string
		parent int64
	}
	nodes := map[int64]node{}
	for rows.Next() {
		var id int64
		var n node
		var parent sql.NullInt64
		if err := rows.Scan(&id, &n.name, &parent); err != nil {
			return nil, fmt.Errorf("store: organisations: %w", err)
		}
		n.parent = parent.Int64
		nodes[id] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: organisations: %w", err)
	}
	out := make(map[int64][]string, len(nodes))
	for id := range nodes {
		var path []string
		// The tree has no cycles (a parent exists before its child); the bound is a guard.
		for cur, steps := id, 0; cur != 0 && steps <= len(nodes); cur, steps = nodes[cur].parent, steps+1 {
			path = append([]string{nodes[cur].name}, path...)
		}
		out[id] = path
	}
	return out, nil
}
