package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// OrgChanges are renames and moves of organisations and what they leave behind.
type OrgChanges interface {
	// ChangeOrg renames and/or moves an organisation and records it in its history.
	ChangeOrg(ctx context.Context, id int64, ch OrgChange) (before, after Org, err error)
	// OrgHistory lists the renames and moves of an organisation, oldest first.
	OrgHistory(ctx context.Context, id int64) ([]OrgEvent, error)
	// OrgNameAt is the name an organisation had at the instant t.
	OrgNameAt(ctx context.Context, id int64, t time.Time) (string, error)
	// OrgParents maps every organisation to its parent (0 for a root).
	OrgParents(ctx context.Context) (map[int64]int64, error)
}

// OrgEvent is one rename or move of an organisation.
type OrgEvent struct {
	At                   time.Time
	OldName, NewName     string
	OldParent, NewParent int64 // 0: a root
	Actor                string
}

// OrgHistory lists the renames and moves of organisation id, oldest first.
func (db *DB) OrgHistory(ctx context.Context, id int64) ([]OrgEvent, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT at, old_name, new_name, old_parent, new_parent, actor
		FROM org_history WHERE org_id = ? ORDER BY at, id`, id)
	if err != nil {
		return nil, fmt.Errorf("store: organisation history: %w", err)
	}
	defer rows.Close()
	out := []OrgEvent{}
	for rows.Next() {
		var e OrgEvent
		var at int64
		var op, np sql.NullInt64
		if err := rows.Scan(&at, &e.OldName, &e.NewName, &op, &np, &e.Actor); err != nil {
			return nil, fmt.Errorf("store: organisation history: %w", err)
		}
		e.At, e.OldParent, e.NewParent = fromMicros(at), op.Int64, np.Int64
		out = append(out, e)
	}
	return out, rows.Err()
}

// OrgNameAt is the name organisation id had at the instant t: the old name of the first
// rename after t, or its current name when it was not renamed since.
func (db *DB) OrgNameAt(ctx context.Context, id int64, t time.Time) (string, error) {
	var name string
	err := db.read.QueryRowContext(ctx, `SELECT old_name FROM org_history
		WHERE org_id = ? AND at > ? AND old_name <> new_name ORDER BY at, id LIMIT 1`, id, micros(t)).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		o, err := db.Org(ctx, id)
		return o.Name, err
	}
	if err != nil {
		return "", fmt.Errorf("store: organisation name: %w", err)
	}
	return name, nil
}

// OrgParents maps every organisation to its parent (0 for a root): the tree a rule walks
// without a query per step (notify.Tree).
func (db *DB) OrgParents(ctx context.Context) (map[int64]int64, error) {
	rows, err := db.read.QueryContext(ctx, "SELECT id, parent_id FROM orgs")
	if err != nil {
		return nil, fmt.Errorf("store: organisations: %w", err)
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var id int64
		var parent sql.NullInt64
		if err := rows.Scan(&id, &parent); err != nil {
			return nil, fmt.Errorf("store: organisations: %w", err)
		}
		out[id] = parent.Int64
	}
	return out, rows.Err()
}
