package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Outbox is the queue of e-mails the periodic job sends (mail_outbox).
type Outbox interface {
	// PendingMail lists the e-mails due for an attempt now, oldest first, at most limit.
	PendingMail(ctx context.Context, limit int) ([]OutMail, error)
	// ClaimMail counts an attempt at m and moves its next attempt to retryAt, if no one
	// claimed it since it was listed; false otherwise. Claiming before sending keeps two
	// servers from sending one message twice.
	ClaimMail(ctx context.Context, m OutMail, retryAt time.Time) (bool, error)
	// MailSent records that m went out.
	MailSent(ctx context.Context, id int64) error
	// MailFailed records why an attempt failed; giveUp stops further attempts.
	MailFailed(ctx context.Context, id int64, reason string, giveUp bool) error
	// MailCounts counts the e-mails waiting, sent and given up.
	MailCounts(ctx context.Context) (MailCounts, error)
}

// OutMail is one queued e-mail.
type OutMail struct {
	ID          int64
	To          string
	Subject     string
	Body        string
	Attempts    int // made so far
	NextAttempt time.Time
}

// MailCounts are the outbox's totals.
type MailCounts struct{ Pending, Sent, Failed int }

// PendingMail lists the e-mails due now.
func (db *DB) PendingMail(ctx context.Context, limit int) ([]OutMail, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, recipient, subject, body, attempts, next_attempt_at FROM mail_outbox
		WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`, micros(db.now()), limit)
	if err != nil {
		return nil, fmt.Errorf("store: outbox: %w", err)
	}
	defer rows.Close()
	var out []OutMail
	for rows.Next() {
		var m OutMail
		var next int64
		if err := rows.Scan(&m.ID, &m.To, &m.Subject, &m.Body, &m.Attempts, &next); err != nil {
			return nil, fmt.Errorf("store: outbox: %w", err)
		}
		m.NextAttempt = fromMicros(next)
		out = append(out, m)
	}
	return out, rows.Err()
}

// ClaimMail claims one attempt at m.
func (db *DB) ClaimMail(ctx context.Context, m OutMail, retryAt time.Time) (bool, error) {
	var ok bool
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = ?
			WHERE id = ? AND attempts = ? AND next_attempt_at = ? AND sent_at IS NULL AND failed_at IS NULL`,
			micros(retryAt), m.ID, m.Attempts, micros(m.NextAttempt))
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		ok = n == 1
		return err
	})
	if err != nil {
		return false, fmt.Errorf("store: claim mail: %w", err)
	}
	return ok, nil
}

// MailSent records that an e-mail went out.
func (db *DB) MailSent(ctx context.Context, id int64) error {
	return db.outboxUpdate(ctx, "UPDATE mail_outbox SET sent_at = ?, last_error = '' WHERE id = ?", micros(db.now()), id)
}

// MailFailed records a failed attempt, and gives up when told.
func (db *DB) MailFailed(ctx context.Context, id int64, reason string, giveUp bool) error {
	if len(reason) > 500 {
		reason = reason[:500]
	}
	if giveUp {
		return db.outboxUpdate(ctx, "UPDATE mail_outbox SET last_error = ?, failed_at = ? WHERE id = ?", reason, micros(db.now()), id)
	}
	return db.outboxUpdate(ctx, "UPDATE mail_outbox SET last_error = ? WHERE id = ?", reason, id)
}

func (db *DB) outboxUpdate(ctx context.Context, q string, args ...any) error {
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, q, args...)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: outbox: %w", err)
	}
	return nil
}

// MailCounts counts the outbox.
func (db *DB) MailCounts(ctx context.Context) (MailCounts, error) {
	var c MailCounts
	err := db.read.QueryRowContext(ctx, `SELECT
		coalesce(sum(CASE WHEN sent_at IS NULL AND failed_at IS NULL THEN 1 ELSE 0 END), 0),
		coalesce(sum(CASE WHEN sent_at IS NOT NULL THEN 1 ELSE 0 END), 0),
		coalesce(sum(CASE WHEN failed_at IS NOT NULL THEN 1 ELSE 0 END), 0) FROM mail_outbox`).Scan(&c.Pending, &c.Sent, &c.Failed)
	if err != nil {
		return c, fmt.Errorf("store: outbox: %w", err)
	}
	return c, nil
}
