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

// ErrCycle: an organisation cannot move under itself or one of its own units.
var ErrCycle = errors.New("store: an organisation cannot be placed under itself or its own units")

// OrgChange renames and/or moves an organisation.
type OrgChange struct {
	Name     string // the new name (the current one to keep it)
	ParentID int64  // the new parent, 0 for a root
	Actor    string // who changes it, for the history
}

// ChangeOrg renames and moves organisation id in one transaction and records the change
// in its history (org_history), which OrgNameAt reads. It returns the organisation before
// and after. ErrNotFound for no such organisation or parent, ErrConflict for a name taken,
// ErrCycle for a parent that is the organisation or lies below it. Nothing changed is
// nothing recorded. Who may change what (an administrator's subtree) is the caller's rule.
func (db *DB) ChangeOrg(ctx context.Context, id int64, ch OrgChange) (before, after Org, err error) {
	name := strings.TrimSpace(ch.Name)
	if name == "" {
		return Org{}, Org{}, errors.New("organisation name is empty")
	}
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		var parent sql.NullInt64
		var created int64
		err := tx.QueryRowContext(ctx, "SELECT id, name, parent_id, appraises, created_at FROM orgs WHERE id = ?", id).
			Scan(&before.ID, &before.Name, &parent, &before.Appraises, &created)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		before.ParentID, before.CreatedAt = parent.Int64, fromMicros(created)
		after = before
		after.Name, after.ParentID = name, ch.ParentID
		if after == before {
			return nil
		}
		var newParent any
		if ch.ParentID != 0 {
			var n int
			if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM orgs WHERE id = ?", ch.ParentID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return ErrNotFound
			}
			// The new parent may not lie in the subtree being moved.
			if err := tx.QueryRowContext(ctx, subtreeCTE+" SELECT count(*) FROM sub WHERE id = ?", id, ch.ParentID).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return ErrCycle
			}
			newParent = ch.ParentID
		}
		if _, err := tx.ExecContext(ctx, "UPDATE orgs SET name = ?, parent_id = ? WHERE id = ?", name, newParent, id); err != nil {
			return err
		}
		var oldParent any
		if before.ParentID != 0 {
			oldParent = before.ParentID
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO org_history(org_id, at, old_name, new_name, old_parent, new_parent, actor)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, id, micros(db.now()), before.Name, name, oldParent, newParent, ch.Actor)
		return err
	})
	switch {
	case isUnique(err):
		return before, before, fmt.Errorf("rename organisation %q: %w", name, ErrConflict)
	case errors.Is(err, ErrNotFound) || errors.Is(err, ErrCycle):
		return before, before, err
	case err != nil:
		return before, before, fmt.Errorf("store: change organisation: %w", err)
	}
	return before, after, nil
}

// queryOrgs reads the organisations a query selects as (id, name, parent_id, appraises,
// created_at).
func (db *DB) queryOrgs(ctx context.Context, query string, args ...any) ([]Org, error) {
	rows, err := db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Org
	for rows.Next() {
		var o Org
		var parent sql.NullInt64
		var created int64
		if err := rows.Scan(&o.ID, &o.Name, &parent, &o.Appraises, &created); err != nil {
			return nil, err
		}
		o.ParentID, o.CreatedAt = parent.Int64, fromMicros(created)
		out = append(out, o)
	}
	return out, rows.Err()
}
