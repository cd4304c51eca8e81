package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

// SecurityEvent is one entry of the security log (server/audit.go lists the events).
type SecurityEvent struct {
	ID       int64     `json:"id"`
	At       time.Time `json:"at"`
	Level    string    `json:"level"` // INFO, WARN or ERROR
	Event    string    `json:"event"`
	Username string    `json:"username,omitempty"`
	Role     string    `json:"role,omitempty"`
	// OrgID is the organisation of the account the event is about (0: none known); it
	// decides which administrators see the entry.
	OrgID   int64  `json:"org_id,omitempty"`
	Client  string `json:"client,omitempty"`
	Path    string `json:"path,omitempty"`
	Message string `json:"message"`
	Target  string `json:"target,omitempty"` // the account an administrator acted on
	// Attrs are the event's other attributes (dossier_id, action, reason, …).
	Attrs map[string]string `json:"attrs,omitempty"`
}

// SecurityFilter narrows the security log. Zero values do not filter.
type SecurityFilter struct {
	// OrgID restricts the log to events about accounts of this organisation's subtree;
	// with Unattributed, events about no known account are included too. 0: everything.
	OrgID        int64
	Unattributed bool
	Event        string    // exact event name
	User         string    // the account that acted or was acted on, ignoring case
	Since, Until time.Time // At >= Since, At < Until
	Limit        int       // at most this many rows; 0: all
	Offset       int
}

// RecordSecurityEvent appends one entry to the security log. The log is append-only: the
// database refuses to change or delete an entry.
func (db *DB) RecordSecurityEvent(ctx context.Context, e SecurityEvent) error {
	if e.At.IsZero() {
		e.At = db.now()
	}
	attrs := []byte("{}")
	if len(e.Attrs) > 0 {
		var err error
		if attrs, err = json.Marshal(e.Attrs); err != nil {
			return fmt.Errorf("store: security event: %w", err)
		}
	}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO security_events(at, level, event, username, role, org_id, client, path, message, target, attrs)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			micros(e.At), e.Level, e.Event, e.Username, e.Role, nullID(e.OrgID), e.Client, e.Path, e.Message, e.Target, string(attrs))
		return err
	})
	if err != nil {
		return fmt.Errorf("store: security event: %w", err)
	}
	return nil
}

// securityWhere is the query prefix (the subtree's CTE, when filtered by organisation),
// the WHERE clause of f and their arguments.
func securityWhere(f SecurityFilter) (string, string, []any) {
	prefix, q, args := "", " WHERE 1 = 1", []any{}
	if f.OrgID != 0 {
		prefix = subtreeCTE + " "
		q += " AND (org_id IN (SELECT id FROM sub)"
		args = append(args, f.OrgID)
		if f.Unattributed {
			q += " OR org_id IS NULL"
		}
		q += ")"
	}
	if f.Event != "" {
		q += " AND event = ?"
		args = append(args, f.Event)
	}
	if f.User != "" {
		q += " AND (lower(username) = lower(?) OR lower(target) = lower(?))"
		args = append(args, f.User, f.User)
	}
	if !f.Since.IsZero() {
		q += " AND at >= ?"
		args = append(args, micros(f.Since))
	}
	if !f.Until.IsZero() {
		q += " AND at < ?"
		args = append(args, micros(f.Until))
	}
	return prefix, q, args
}

// SecurityEvents lists the security log, newest first, one page when f.Limit or f.Offset
// is set.
func (db *DB) SecurityEvents(ctx context.Context, f SecurityFilter) ([]SecurityEvent, error) {
	prefix, where, args := securityWhere(f)
	page, args := pageClause(f.Limit, f.Offset, args)
	rows, err := db.read.QueryContext(ctx, prefix+`SELECT id, at, level, event, username, role, coalesce(org_id, 0), client, path, message, target, attrs
		FROM security_events`+where+" ORDER BY at DESC, id DESC"+page, args...)
	if err != nil {
		return nil, fmt.Errorf("store: security log: %w", err)
	}
	defer rows.Close()
	out := []SecurityEvent{}
	for rows.Next() {
		var e SecurityEvent
		var at int64
		var attrs string
		if err := rows.Scan(&e.ID, &at, &e.Level, &e.Event, &e.Username, &e.Role, &e.OrgID, &e.Client, &e.Path, &e.Message, &e.Target, &attrs); err != nil {
			return nil, fmt.Errorf("store: security log: %w", err)
		}
		e.At = fromMicros(at)
		if attrs != "{}" {
			if err := json.Unmarshal([]byte(attrs), &e.Attrs); err != nil {
				return nil, fmt.Errorf("store: security log entry %d: %w", e.ID, err)
			}
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// CountSecurityEvents counts what SecurityEvents would list without Limit and Offset.
func (db *DB) CountSecurityEvents(ctx context.Context, f SecurityFilter) (int, error) {
	prefix, where, args := securityWhere(f)
	var n int
	if err := db.read.QueryRowContext(ctx, prefix+"SELECT count(*) FROM security_events"+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count security log: %w", err)
	}
	return n, nil
}

// SecurityEventNames lists the event names the log holds, for a filter's choices.
func (db *DB) SecurityEventNames(ctx context.Context) ([]string, error) {
	rows, err := db.read.QueryContext(ctx, "SELECT DISTINCT event FROM security_events ORDER BY event")
	if err != nil {
		return nil, fmt.Errorf("store: security log: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
