package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Accounts is what signing in needs besides the accounts themselves: the failed-login
// counts of the login throttle, the pending second step of a login, the second factor and
// changes of an account's placement.
type Accounts interface {
	// SetPlacement gives an account another role and organisation and ends its sessions.
	SetPlacement(ctx context.Context, id int64, role string, orgID int64) error

	// LoginFailures returns the times of the failures recorded under keyHash since since,
	// newest first, at most limit of them.
	LoginFailures(ctx context.Context, keyHash string, since time.Time, limit int) ([]time.Time, error)
	// RecordLoginFailure records one failure at `at` under each key and forgets every
	// failure older than forgetBefore.
	RecordLoginFailure(ctx context.Context, keyHashes []string, at, forgetBefore time.Time) error
	// ClearLoginFailures forgets the failures of one key (after a successful login).
	ClearLoginFailures(ctx context.Context, keyHash string) error

	// CreateLoginChallenge stores the hash of a token that stands for "password checked,
	// second factor awaited" for userID until ttl has passed.
	CreateLoginChallenge(ctx context.Context, tokenHash string, userID int64, ttl time.Duration) error
	// LoginChallenge returns the enabled user of a live challenge, or ErrNotFound.
	LoginChallenge(ctx context.Context, tokenHash string) (User, error)
	// DeleteLoginChallenge ends a challenge (used, or given up).
	DeleteLoginChallenge(ctx context.Context, tokenHash string) error

	// TOTP returns the account's TOTP secret ("" when none) and the last time step used.
	TOTP(ctx context.Context, userID int64) (secret string, lastStep int64, err error)
	// EnableTOTP sets the secret with the step of the code that proved it, replaces the
	// recovery codes with codeHashes and ends every session of the account.
	EnableTOTP(ctx context.Context, userID int64, secret string, step int64, codeHashes []string) error
	// DisableTOTP removes the secret and the recovery codes and ends every session.
	DisableTOTP(ctx context.Context, userID int64) error
	// UseTOTPStep records step as used; false when it is not after the last one used (a
	// code replayed, or raced by a second login with the same code).
	UseTOTPStep(ctx context.Context, userID int64, step int64) (bool, error)
	// UseRecoveryCode spends an unused recovery code; false when there is none such.
	UseRecoveryCode(ctx context.Context, userID int64, codeHash string) (bool, error)
	// RecoveryCodesLeft counts the unused recovery codes of an account.
	RecoveryCodesLeft(ctx context.Context, userID int64) (int, error)
}

// LoginFailures returns recent failures of one throttle key, newest first.
func (db *DB) LoginFailures(ctx context.Context, keyHash string, since time.Time, limit int) ([]time.Time, error) {
	rows, err := db.read.QueryContext(ctx, "SELECT at FROM login_failures WHERE key_hash = ? AND at >= ? ORDER BY at DESC LIMIT ?",
		keyHash, micros(since), limit)
	if err != nil {
		return nil, fmt.Errorf("store: login failures: %w", err)
	}
	defer rows.Close()
	var out []time.Time
	for rows.Next() {
		var at int64
		if err := rows.Scan(&at); err != nil {
			return nil, fmt.Errorf("store: login failures: %w", err)
		}
		out = append(out, fromMicros(at))
	}
	return out, rows.Err()
}

// RecordLoginFailure records a failure under each key; failures older than forgetBefore
// are deleted in the same transaction, so the table holds one throttle period at most.
func (db *DB) RecordLoginFailure(ctx context.Context, keyHashes []string, at, forgetBefore time.Time) error {
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM login_failures WHERE at < ?", micros(forgetBefore)); err != nil {
			return err
		}
		for _, k := range keyHashes {
			if _, err := tx.ExecContext(ctx, "INSERT INTO login_failures(key_hash, at) VALUES (?, ?)", k, micros(at)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: record login failure: %w", err)
	}
	return nil
}

// ClearLoginFailures forgets one key's failures.
func (db *DB) ClearLoginFailures(ctx context.Context, keyHash string) error {
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM login_failures WHERE key_hash = ?", keyHash)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: clear login failures: %w", err)
	}
	return nil
}

// CreateLoginChallenge stores a pending second step; expired ones are deleted meanwhile.
func (db *DB) CreateLoginChallenge(ctx context.Context, tokenHash string, userID int64, ttl time.Duration) error {
	now := db.now()
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM login_challenges WHERE expires_at <= ?", micros(now)); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "INSERT INTO login_challenges(token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
			tokenHash, userID, micros(now), micros(now.Add(ttl)))
		return err
	})
	if err != nil {
		return fmt.Errorf("store: login challenge: %w", err)
	}
	return nil
}

// LoginChallenge returns the user of a live challenge; a disabled user has none.
func (db *DB) LoginChallenge(ctx context.Context, tokenHash string) (User, error) {
	var id int64
	err := db.read.QueryRowContext(ctx, `SELECT c.user_id FROM login_challenges c JOIN users u ON u.id = c.user_id
		WHERE c.token_hash = ? AND c.expires_at > ? AND u.disabled = 0`, tokenHash, micros(db.now())).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, ErrNotFound
	}
	if err != nil {
		return User{}, fmt.Errorf("store: login challenge: %w", err)
	}
	return db.User(ctx, id)
}

// DeleteLoginChallenge ends one challenge.
func (db *DB) DeleteLoginChallenge(ctx context.Context, tokenHash string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM login_challenges WHERE token_hash = ?", tokenHash)
		return err
	})
}

// TOTP returns the second-factor secret of an account.
func (db *DB) TOTP(ctx context.Context, userID int64) (string, int64, error) {
	var secret string
	var step int64
	err := db.read.QueryRowContext(ctx, "SELECT totp_secret, totp_step FROM users WHERE id = ?", userID).Scan(&secret, &step)
	if errors.Is(err, sql.ErrNoRows) {
		return "", 0, ErrNotFound
	}
	if err != nil {
		return "", 0, fmt.Errorf("store: totp: %w", err)
	}
	return secret, step, nil
}

// EnableTOTP sets a new secret and recovery codes; every session of the account ends.
func (db *DB) EnableTOTP(ctx context.Context, userID int64, secret string, step int64, codeHashes []string) error {
	if strings.TrimSpace(secret) == "" {
		return errors.New("store: enable totp: empty secret")
	}
	return db.setTOTP(ctx, userID, secret, step, codeHashes)
}

// DisableTOTP removes the second factor; every session of the account ends.
func (db *DB) DisableTOTP(ctx context.Context, userID int64) error {
	return db.setTOTP(ctx, userID, "", 0, nil)
}

func (db *DB) setTOTP(ctx context.Context, userID int64, secret string, step int64, codeHashes []string) error {
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE users SET totp_secret = ?, totp_step = ? WHERE id = ?", secret, step, userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		for _, q := range []string{"DELETE FROM recovery_codes WHERE user_id = ?", "DELETE FROM sessions WHERE user_id = ?", "DELETE FROM login_challenges WHERE user_id = ?"} {
			if _, err := tx.ExecContext(ctx, q, userID); err != nil {
				return err
			}
		}
		for _, h := range codeHashes {
			if _, err := tx.ExecContext(ctx, "INSERT INTO recovery_codes(user_id, code_hash) VALUES (?, ?)", userID, h); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil && !errors.Is(err, ErrNotFound) {
		return fmt.Errorf("store: totp: %w", err)
	}
	return err
}

// UseTOTPStep moves the account's last used step forward to step, if it is later.
func (db *DB) UseTOTPStep(ctx context.Context, userID int64, step int64) (bool, error) {
	var n int64
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE users SET totp_step = ? WHERE id = ? AND totp_step < ? AND totp_secret <> ''", step, userID, step)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return false, fmt.Errorf("store: totp step: %w", err)
	}
	return n == 1, nil
}

// UseRecoveryCode marks an unused recovery code used.
func (db *DB) UseRecoveryCode(ctx context.Context, userID int64, codeHash string) (bool, error) {
	var n int64
	now := db.now()
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL",
			micros(now), userID, codeHash)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return false, fmt.Errorf("store: recovery code: %w", err)
	}
	return n == 1, nil
}

// RecoveryCodesLeft counts an account's unused recovery codes.
func (db *DB) RecoveryCodesLeft(ctx context.Context, userID int64) (int, error) {
	var n int
	err := db.read.QueryRowContext(ctx, "SELECT count(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL", userID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: recovery codes: %w", err)
	}
	return n, nil
}
