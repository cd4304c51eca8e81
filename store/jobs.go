package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Background jobs (the notification job, notify.Service) run on every server that shares a
// database, yet each run must happen once. A job's row in job_leases says who runs it and
// until when: a server claims the row when it is free or its lease has run out, renews it
// while it works and releases it when done. A server that stops mid-run leaves a lease that
// simply runs out. The statements are plain SQL that SQLite and PostgreSQL both read.

// ClaimJob takes or renews the lease of job name for holder until ttl from now. It returns
// false while another holder's lease runs.
func (db *DB) ClaimJob(ctx context.Context, name, holder string, ttl time.Duration) (bool, error) {
	now := db.now()
	var ok bool
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO job_leases(name, holder, expires_at) VALUES (?, ?, ?)
			ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
			WHERE job_leases.holder = excluded.holder OR job_leases.expires_at <= ?`,
			name, holder, micros(now.Add(ttl)), micros(now))
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		ok = n == 1
		return err
	})
	if err != nil {
		return false, fmt.Errorf("store: claim job %s: %w", name, err)
	}
	return ok, nil
}

// ReleaseJob ends holder's lease of job name, so that another server need not wait for it
// to run out.
func (db *DB) ReleaseJob(ctx context.Context, name, holder string) error {
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE job_leases SET expires_at = 0 WHERE name = ? AND holder = ?", name, holder)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: release job %s: %w", name, err)
	}
	return nil
}
