package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Limits bound what one account with edit rights can make the database hold. Without
// them any editor could fill the disk: a dossier version keeps its five DOCX files
// (about 48 KB) for ever, and versions can be made in a loop. The checks run inside the
// transaction that adds the row, so concurrent requests cannot overshoot a limit.
// A limit of zero means no limit.
type Limits struct {
	// SystemsPerOrg: systems registered in one organisation.
	SystemsPerOrg int
	// VersionsPerSystem: versions of one system's profile.
	VersionsPerSystem int
	// DossiersPerSystem: dossier versions generated for one system.
	DossiersPerSystem int
	// UploadBytes: one uploaded file (a signed request, an opinion, a decision…).
	UploadBytes int64
	// UploadsPerDossier and UploadBytesPerDossier: the files uploaded to one dossier.
	UploadsPerDossier     int
	UploadBytesPerDossier int64
}

// DefaultLimits are generous for real work — a system edited every week for four years,
// a dossier regenerated at every review round — and small against a disk.
var DefaultLimits = Limits{
	SystemsPerOrg:         5000,
	VersionsPerSystem:     200,
	DossiersPerSystem:     200,
	UploadBytes:           20 << 20,
	UploadsPerDossier:     50,
	UploadBytesPerDossier: 200 << 20,
}

// Quota kinds, as QuotaError.Kind names them.
const (
	QuotaSystems      = "systems_per_org"
	QuotaVersions     = "versions_per_system"
	QuotaDossiers     = "dossiers_per_system"
	QuotaUploadSize   = "upload_bytes"
	QuotaUploads      = "uploads_per_dossier"
	QuotaUploadsBytes = "upload_bytes_per_dossier"
)

// QuotaError: adding the record would exceed a limit. TooLarge tells a request that is
// too big in itself (HTTP 413) from one that no longer fits what is stored (409).
type QuotaError struct {
	Kind  string
	Limit int64
}

func (e *QuotaError) Error() string {
	return fmt.Sprintf("store: quota %s (%d) reached", e.Kind, e.Limit)
}

// TooLarge reports whether the request itself is over the limit, whatever is stored.
func (e *QuotaError) TooLarge() bool { return e.Kind == QuotaUploadSize }

// CheckUpload checks one upload of size bytes to a dossier that already holds count
// uploaded files of total bytes. The upload feature calls it inside the transaction that
// stores the file, with the counts read in that transaction.
func (l Limits) CheckUpload(size int64, count int, total int64) error {
	switch {
	case l.UploadBytes > 0 && size > l.UploadBytes:
		return &QuotaError{Kind: QuotaUploadSize, Limit: l.UploadBytes}
	case l.UploadsPerDossier > 0 && count >= l.UploadsPerDossier:
		return &QuotaError{Kind: QuotaUploads, Limit: int64(l.UploadsPerDossier)}
	case l.UploadBytesPerDossier > 0 && total+size > l.UploadBytesPerDossier:
		return &QuotaError{Kind: QuotaUploadsBytes, Limit: l.UploadBytesPerDossier}
	}
	return nil
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
