package registry

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"capdo/dossier"
	"capdo/levels"
	"capdo/review"
	"capdo/store"
)

// UploadLimits bound the documents uploaded to dossiers: one file, and the files of one
// dossier (their number and total size), so that no editor can fill the disk.
type UploadLimits struct {
	FileBytes       int64
	PerDossier      int
	BytesPerDossier int64
}

// DefaultUploadLimits: a signed decision or request scanned to PDF is a few MB. One file
// stays under the server's request limit of 8 MiB (server.New), its multipart envelope
// included, so that no other route takes larger bodies; `capdo serve --max-upload-mb`
// raises both.
var DefaultUploadLimits = UploadLimits{FileBytes: 7 << 20, PerDossier: 50, BytesPerDossier: 200 << 20}

// TooLargeError: one file is over UploadLimits.FileBytes (HTTP 413).
type TooLargeError struct{ Limit int64 }

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("tệp lớn quá %s, mức tối đa cho một tệp", SizeText(e.Limit))
}

// QuotaError: the dossier has no room for one more file (HTTP 409).
type QuotaError struct {
	Files int   // the limit on the number of files, when that is the one reached
	Bytes int64 // the limit on their total size, otherwise
}

func (e *QuotaError) Error() string {
	if e.Files > 0 {
		return fmt.Sprintf("hồ sơ đã có %d tệp tải lên, mức tối đa cho một hồ sơ", e.Files)
	}
	return fmt.Sprintf("tổng dung lượng tệp tải lên của hồ sơ sẽ vượt %s, mức tối đa cho một hồ sơ", SizeText(e.Bytes))
}

// SizeText writes a byte count as people read it: 20 MB.
func SizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d byte", n)
}

// SetUploadLimits replaces DefaultUploadLimits (capdo serve --max-upload-mb); a zero field
// keeps its default.
func (r *Registry) SetUploadLimits(l UploadLimits) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if l.FileBytes > 0 {
		r.limits.FileBytes = l.FileBytes
	}
	if l.PerDossier > 0 {
		r.limits.PerDossier = l.PerDossier
	}
	if l.BytesPerDossier > 0 {
		r.limits.BytesPerDossier = l.BytesPerDossier
	}
}

// UploadLimits are the limits in force.
func (r *Registry) UploadLimits() UploadLimits {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.limits
}

// reservedNames are the names the download route serves for the generated dossier.
var reservedNames = append(append([]string{}, dossier.GeneratedNames...), dossier.ManifestName, ZipName)

// ZipName is the download of a whole dossier (generated documents and manifest).
const ZipName = "ho-so-de-xuat-cap-do.zip"

// AddDocument stores a document uploaded to dossier id as kind (docs/contract.md §6) and records
// it in the dossier's history with its SHA-256. Errors, in the order they are checked:
//   - store.ErrNotFound when the dossier is not visible in sc;
//   - a *levels.InvalidError naming kind for an unknown kind;
//   - review.ErrConflict when no one adds that kind at the dossier's level, or who's role
//     adds it but not in the dossier's status; review.ErrForbidden when the role never
//     adds it; *store.StaleError when the system changed since the dossier was made and
//     it is not approved (only its signed decision may follow an approval);
//   - *TooLargeError, then *UnsupportedError or a *levels.InvalidError naming file for
//     what CheckDocument refuses;
//   - *QuotaError when the dossier has no room left; store.ErrConflict when the dossier
//     moved on meanwhile.
func (r *Registry) AddDocument(ctx context.Context, who Actor, sc store.Scope, id int64, kind, filename string, data []byte) (store.Upload, error) {
	d, err := r.store.Dossier(ctx, sc, id)
	if err != nil {
		return store.Upload{}, err
	}
	k, err := review.ParseKind(kind)
	if err != nil {
		return store.Upload{}, &levels.InvalidError{Problems: []levels.Problem{{Field: "kind", Message: err.Error()}}}
	}
	flow, proc, err := r.FlowOf(d)
	if err != nil {
		return store.Upload{}, err
	}
	if err := flow.MayUpload(review.Status(d.Status), k, who.Role); err != nil {
		return store.Upload{}, err
	}
	if err := checkIndependentUpload(d, proc, k, who); err != nil {
		return store.Upload{}, err
	}
	if d.Status != string(review.Approved) && d.SystemCurrent != d.SystemVersion {
		return store.Upload{}, &store.StaleError{Made: d.SystemVersion, Current: d.SystemCurrent}
	}
	limits := r.UploadLimits()
	if int64(len(data)) > limits.FileBytes {
		return store.Upload{}, &TooLargeError{Limit: limits.FileBytes}
	}
	ct, ext, err := CheckDocument(data)
	if err != nil {
		return store.Upload{}, err
	}
	sum := sha256.Sum256(data)
	return r.store.AddUpload(ctx, id, store.NewUpload{
		Status: d.Status, Kind: string(k), Name: SafeName(filename, k, ext), ContentType: ct, Data: data,
		SHA256: hex.EncodeToString(sum[:]), ActorID: who.UserID, Reserved: reservedNames,
		Check: func(count int, total int64) error {
			switch {
			case limits.PerDossier > 0 && count >= limits.PerDossier:
				return &QuotaError{Files: limits.PerDossier}
			case limits.BytesPerDossier > 0 && total+int64(len(data)) > limits.BytesPerDossier:
				return &QuotaError{Bytes: limits.BytesPerDossier}
			}
			return nil
		},
		Event: review.Event{Action: string(review.Upload), Actor: who.Username, Role: who.Role},
	})
}
