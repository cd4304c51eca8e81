package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"capdo/risk"
)

// RiskAssessments are the cyber risk assessments of Decree 331/2026 Art. 10, each recorded
// with the system version it was made for (migration 0009). One is written together with
// its version (NewVersion.Risk) and never changes afterwards.
type RiskAssessments interface {
	// RiskAssessmentAt returns the assessment in force for version `version` of system id:
	// the one recorded at the newest version up to it. ErrNotFound when there is none. It
	// does not check scope: callers read the version through System or Dossier first.
	RiskAssessmentAt(ctx context.Context, systemID int64, version int) (RiskAssessment, error)
	// RiskAssessments lists the assessments recorded up to version `upTo`, newest first.
	RiskAssessments(ctx context.Context, systemID int64, upTo int) ([]RiskAssessment, error)
}

// RiskAssessment is a recorded assessment.
type RiskAssessment struct {
	SystemID   int64
	Version    int // the system version it was recorded with
	Assessment risk.Assessment
	RecordedBy string
	RecordedAt time.Time
}

// insertRisk records the assessment of a version being inserted, in its transaction.
func insertRisk(ctx context.Context, tx *sql.Tx, id int64, version int, a *risk.Assessment, actor int64, now time.Time) error {
	body, err := json.Marshal(a)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO risk_assessments(system_id, version, level, body, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`, id, version, a.Level, body, nullID(actor), micros(now))
	return err
}

const riskColumns = `SELECT r.system_id, r.version, r.body, coalesce(u.username, ''), r.created_at
	FROM risk_assessments r LEFT JOIN users u ON u.id = r.created_by`

func scanRisk(sc interface{ Scan(...any) error }) (RiskAssessment, error) {
	var r RiskAssessment
	var body []byte
	var at int64
	if err := sc.Scan(&r.SystemID, &r.Version, &body, &r.RecordedBy, &at); err != nil {
		return RiskAssessment{}, err
	}
	r.RecordedAt = fromMicros(at)
	if err := json.Unmarshal(body, &r.Assessment); err != nil {
		return RiskAssessment{}, fmt.Errorf("risk assessment of system %d version %d: %w", r.SystemID, r.Version, err)
	}
	return r, nil
}

// RiskAssessmentAt returns the assessment in force for a version of a system.
func (db *DB) RiskAssessmentAt(ctx context.Context, systemID int64, version int) (RiskAssessment, error) {
	r, err := scanRisk(db.read.QueryRowContext(ctx, riskColumns+`
		WHERE r.system_id = ? AND r.version <= ? ORDER BY r.version DESC LIMIT 1`, systemID, version))
	if errors.Is(err, sql.ErrNoRows) {
		return RiskAssessment{}, ErrNotFound
	}
	if err != nil {
		return RiskAssessment{}, fmt.Errorf("store: risk assessment: %w", err)
	}
	return r, nil
}

// RiskAssessments lists a system's assessments recorded up to a version, newest first.
func (db *DB) RiskAssessments(ctx context.Context, systemID int64, upTo int) ([]RiskAssessment, error) {
	rows, err := db.read.QueryContext(ctx, riskColumns+`
		WHERE r.system_id = ? AND r.version <= ? ORDER BY r.version DESC`, systemID, upTo)
	if err != nil {
		return nil, fmt.Errorf("store: risk assessments: %w", err)
	}
	defer rows.Close()
	var out []RiskAssessment
	for rows.Next() {
		r, err := scanRisk(rows)
		if err != nil {
			return nil, fmt.Errorf("store: risk assessments: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
