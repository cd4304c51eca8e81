package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"capdo/levels"
)

// pin records, in the transaction that stores or pins a dossier, the procedure it follows
// and the agency rule file it was made with (migration 0004). A rule file is stored once
// per digest: every dossier made with the same file shares it.
func pin(ctx context.Context, tx *sql.Tx, id int64, proc *levels.Procedure, file *RuleFile) error {
	if proc != nil {
		b, err := json.Marshal(proc)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO dossier_procedures(dossier_id, procedure) VALUES (?, ?)", id, b); err != nil {
			return err
		}
	}
	if file != nil {
		if _, err := tx.ExecContext(ctx, `INSERT INTO rule_files(digest, rule_set, name, content) VALUES (?, ?, ?, ?)
			ON CONFLICT (digest) DO NOTHING`, file.Digest, file.RuleSet, file.Name, file.Content); err != nil {
			return err
		}
	}
	return nil
}

// RuleFile returns the agency rule file stored under digest.
func (db *DB) RuleFile(ctx context.Context, digest string) (RuleFile, error) {
	f := RuleFile{Digest: digest}
	err := db.read.QueryRowContext(ctx, "SELECT rule_set, name, content FROM rule_files WHERE digest = ?", digest).
		Scan(&f.RuleSet, &f.Name, &f.Content)
	if errors.Is(err, sql.ErrNoRows) {
		return RuleFile{}, ErrNotFound
	}
	if err != nil {
		return RuleFile{}, fmt.Errorf("store: rule file: %w", err)
	}
	return f, nil
}

// UnpinnedDossiers lists the dossiers that have no pinned procedure, oldest first.
func (db *DB) UnpinnedDossiers(ctx context.Context) ([]Dossier, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT d.id, d.level, d.profile, d.rule_set, d.rule_set_digest FROM dossiers d
		WHERE NOT EXISTS (SELECT 1 FROM dossier_procedures dp WHERE dp.dossier_id = d.id) ORDER BY d.id`)
	if err != nil {
		return nil, fmt.Errorf("store: unpinned dossiers: %w", err)
	}
	defer rows.Close()
	var out []Dossier
	for rows.Next() {
		var d Dossier
		var p []byte
		if err := rows.Scan(&d.ID, &d.Level, &p, &d.RuleSet, &d.RuleSetDigest); err != nil {
			return nil, fmt.Errorf("store: unpinned dossiers: %w", err)
		}
		if err := json.Unmarshal(p, &d.Profile); err != nil {
			return nil, fmt.Errorf("store: unpinned dossier %d: %w", d.ID, err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// PinDossier pins the procedure of a dossier made before procedures were pinned.
func (db *DB) PinDossier(ctx context.Context, id int64, proc levels.Procedure, file *RuleFile) error {
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var pinned bool
		err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM dossier_procedures WHERE dossier_id = d.id) FROM dossiers d WHERE d.id = ?`, id).Scan(&pinned)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if pinned {
			return ErrConflict
		}
		return pin(ctx, tx, id, &proc, file)
	})
	if errors.Is(err, ErrNotFound) || errors.Is(err, ErrConflict) {
		return err
	}
	if err != nil {
		return fmt.Errorf("store: pin dossier %d: %w", id, err)
	}
	return nil
}
