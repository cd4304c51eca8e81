package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Limits bound the rows one account with edit rights can make the database hold.
// Without them any editor could fill the disk: a dossier version keeps its generated
// documents (about 48 KB) for ever, and versions can be made in a loop. The checks run
// inside the transaction that adds the row, so concurrent requests cannot overshoot a
// limit. A limit of zero means no limit. (Uploaded documents have limits of their own:
// registry.UploadLimits.)
type Limits struct {
	// SystemsPerOrg: systems registered in one organisation.
	SystemsPerOrg int
	// VersionsPerSystem: versions of one system's profile.
	VersionsPerSystem int
	// DossiersPerSystem: dossier versions generated for one system.
	DossiersPerSystem int
}

// DefaultLimits are generous for real work — a system edited every week for four years,
// a dossier regenerated at every review round — and small against a disk.
var DefaultLimits = Limits{SystemsPerOrg: 5000, VersionsPerSystem: 200, DossiersPerSystem: 200}

// Quota kinds, as QuotaError.Kind names them.
const (
	QuotaSystems  = "systems_per_org"
	QuotaVersions = "versions_per_system"
	QuotaDossiers = "dossiers_per_system"
)

// QuotaError: adding the record would exceed a limit (HTTP 409).
type QuotaError struct {
	Kind  string
	Limit int64
}

func (e *QuotaError) Error() string {
	return fmt.Sprintf("store: quota %s (%d) reached", e.Kind, e.Limit)
}

// quotaQueries count, for each row-count limit, the rows already there for one owner.
var quotaQueries = map[string]string{
	QuotaSystems:  "SELECT count(*) FROM systems WHERE org_id = ?",
	QuotaVersions: "SELECT count(*) FROM system_versions WHERE system_id = ?",
	QuotaDossiers: "SELECT count(*) FROM dossiers WHERE system_id = ?",
}

// checkQuota refuses, inside tx, one more row of kind for owner (an organisation or a
// system id) when the limit is reached. The counts use the tables' indexes on the owner.
func (db *DB) checkQuota(ctx context.Context, tx *sql.Tx, kind string, owner int64) error {
	limit := map[string]int{
		QuotaSystems:  db.Limits.SystemsPerOrg,
		QuotaVersions: db.Limits.VersionsPerSystem,
		QuotaDossiers: db.Limits.DossiersPerSystem,
	}[kind]
	if limit <= 0 {
		return nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, quotaQueries[kind], owner).Scan(&n); err != nil {
		return err
	}
	if n >= limit {
		return &QuotaError{Kind: kind, Limit: int64(limit)}
	}
	return nil
}
