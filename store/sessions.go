package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// CreateSession stores a login session.
func (db *DB) CreateSession(ctx context.Context, tokenHash string, userID int64, csrf string, ttl time.Duration) (Session, error) {
	now := db.now()
	s := Session{UserID: userID, CSRF: csrf, CreatedAt: now, ExpiresAt: now.Add(ttl), LastSeen: now}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO sessions(token_hash, user_id, csrf, created_at, expires_at, last_seen) VALUES (?, ?, ?, ?, ?, ?)",
			tokenHash, userID, csrf, micros(s.CreatedAt), micros(s.ExpiresAt), micros(now))
		return err
	})
	if err != nil {
		return Session{}, fmt.Errorf("store: create session: %w", err)
	}
	return s, nil
}

// sessionQuery runs on every request; it is prepared once (parsing it each time cost more
// than running it).
const sessionQuery = `SELECT s.user_id, s.csrf, s.created_at, s.expires_at, s.last_seen, ` + userCols + `
	FROM sessions s JOIN users u ON u.id = s.user_id JOIN orgs o ON o.id = u.org_id
	WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0`

// Session returns a live session and its user. Expired sessions and sessions of disabled
// users are not found.
func (db *DB) Session(ctx context.Context, tokenHash string) (Session, User, error) {
	var s Session
	var created, expires, seen int64
	row := db.sessionStmt.QueryRowContext(ctx, tokenHash, micros(db.now()))
	var u User
	var ucreated int64
	err := row.Scan(append([]any{&s.UserID, &s.CSRF, &created, &expires, &seen}, userDest(&u, &ucreated)...)...)
	if errors.Is(err, sql.ErrNoRows) {
		return Session{}, User{}, ErrNotFound
	}
	if err != nil {
		return Session{}, User{}, fmt.Errorf("store: session: %w", err)
	}
	s.CreatedAt, s.ExpiresAt, u.CreatedAt = fromMicros(created), fromMicros(expires), fromMicros(ucreated)
	s.LastSeen = fromMicros(seen)
	return s, u, nil
}

// TouchSession records that the session was used now. The caller decides how often:
// every request would make every page view a write.
func (db *DB) TouchSession(ctx context.Context, tokenHash string) error {
	now := micros(db.now())
	return db.inTx(ctx, func(tx *sql.Tx) error {
		// Never backwards: two requests of one session may touch it in either order.
		_, err := tx.ExecContext(ctx, "UPDATE sessions SET last_seen = ? WHERE token_hash = ? AND last_seen < ?", now, tokenHash, now)
		return err
	})
}

// DeleteIdleSessions removes sessions not used since before and returns how many.
func (db *DB) DeleteIdleSessions(ctx context.Context, before time.Time) (int64, error) {
	var n int64
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE last_seen < ?", micros(before))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, err
}

// DeleteSession ends one session (logout).
func (db *DB) DeleteSession(ctx context.Context, tokenHash string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE token_hash = ?", tokenHash)
		return err
	})
}

// DeleteExpiredSessions removes sessions past their expiry and returns how many.
func (db *DB) DeleteExpiredSessions(ctx context.Context) (int64, error) {
	var n int64
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE expires_at <= ?", micros(db.now()))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, err
}
