package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// CreateSetupToken stores a one-time link for creating the first administrator. Older
// unused links stop working: only the one printed last is valid.
func (db *DB) CreateSetupToken(ctx context.Context, tokenHash string, ttl time.Duration) error {
	now := db.now()
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM setup_tokens WHERE used_at IS NULL"); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "INSERT INTO setup_tokens(token_hash, created_at, expires_at) VALUES (?, ?, ?)",
			tokenHash, micros(now), micros(now.Add(ttl)))
		return err
	})
	if err != nil {
		return fmt.Errorf("store: setup token: %w", err)
	}
	return nil
}

// SetupTokenValid reports whether a setup link can still be used.
func (db *DB) SetupTokenValid(ctx context.Context, tokenHash string) (bool, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM setup_tokens
		WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? AND NOT EXISTS (SELECT 1 FROM users)`,
		tokenHash, micros(db.now())).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: setup token: %w", err)
	}
	return n > 0, nil
}

// CompleteSetup spends the token and creates the first organisation and administrator in
// one transaction, so two browsers racing on the same link create one account.
func (db *DB) CompleteSetup(ctx context.Context, tokenHash, orgName string, nu NewUser) (User, error) {
	now := db.now()
	var id int64
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE setup_tokens SET used_at = ?
			WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? AND NOT EXISTS (SELECT 1 FROM users)`,
			micros(now), tokenHash, micros(now))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		var orgID int64
		err = tx.QueryRowContext(ctx, "SELECT id FROM orgs WHERE name = ?", orgName).Scan(&orgID)
		if errors.Is(err, sql.ErrNoRows) {
			res, err := tx.ExecContext(ctx, "INSERT INTO orgs(name, created_at) VALUES (?, ?)", orgName, micros(now))
			if err != nil {
				return err
			}
			orgID, err = res.LastInsertId()
			if err != nil {
				return err
			}
		} else if err != nil {
			return err
		}
		nu.OrgID = orgID
		id, err = createUser(ctx, tx, nu, now)
		return err
	})
	if errors.Is(err, ErrNotFound) {
		return User{}, err
	}
	if err != nil {
		return User{}, fmt.Errorf("store: setup: %w", err)
	}
	return db.User(ctx, id)
}
