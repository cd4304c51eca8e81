package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// BackupInfo describes a finished backup.
type BackupInfo struct {
	Path          string
	Size          int64
	SHA256        string
	SchemaVersion int
	Dossiers      int
	Events        int
}

// Backup copies the capdo database at src to out while it may be in use. SQLite's VACUUM
// INTO copies one read transaction's snapshot, so the copy holds exactly what was
// committed when it began, including what still sits in the WAL (copying the file alone
// loses that). The copy is written to a private temporary file beside out, checked with
// integrity_check, and only then renamed to out: out is never half written. out must not
// exist; it is reserved at once, readable by its owner only whatever the umask, so that
// two backups cannot race for one name.
func Backup(ctx context.Context, src, out string) (BackupInfo, error) {
	if IsURL(src) {
		return BackupInfo{}, errors.New("cơ sở dữ liệu PostgreSQL được sao lưu bằng công cụ của PostgreSQL (pg_dump, pg_basebackup với lưu trữ WAL): xem README, mục triển khai trên PostgreSQL")
	}
	if err := checkExisting(ctx, src); err != nil {
		return BackupInfo{}, err
	}
	if err := createPrivate(out); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return BackupInfo{}, &FileError{Path: out, Reason: "đã tồn tại; capdo backup không ghi đè bản sao lưu nào"}
		}
		return BackupInfo{}, fmt.Errorf("store: backup: %w", err)
	}
	done := false
	defer func() {
		if !done {
			os.Remove(out)
		}
	}()
	var suffix [8]byte
	rand.Read(suffix[:])
	tmp := filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".tmp-"+hex.EncodeToString(suffix[:]))
	if err := createPrivate(tmp); err != nil {
		return BackupInfo{}, fmt.Errorf("store: backup: %w", err)
	}
	defer func() {
		if !done {
			os.Remove(tmp)
			os.Remove(tmp + "-journal")
		}
	}()
	if err := vacuumInto(ctx, src, tmp); err != nil {
		return BackupInfo{}, fmt.Errorf("store: backup %s: %w", src, err)
	}
	info, err := inspectCopy(ctx, tmp)
	if err != nil {
		return BackupInfo{}, err
	}
	if err := syncFile(tmp); err != nil {
		return BackupInfo{}, fmt.Errorf("store: backup: %w", err)
	}
	if err := os.Rename(tmp, out); err != nil {
		return BackupInfo{}, fmt.Errorf("store: backup: %w", err)
	}
	done = true
	if d, err := os.Open(filepath.Dir(out)); err == nil {
		d.Sync() // the rename itself survives a crash
		d.Close()
	}
	info.Path = out
	return info, nil
}

// createPrivate creates an empty file that must not exist yet, mode 0600 whatever the
// umask (which can only take permissions away: 0600 may have become less).
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	err = f.Chmod(0o600)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
	}
	return err
}

// vacuumInto writes a snapshot of src into the empty file dst. The source is opened read
// only: a backup never migrates or otherwise changes the live database.
func vacuumInto(ctx context.Context, src, dst string) error {
	db, err := sql.Open("sqlite", readOnlyDSN(src))
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, "VACUUM INTO ?", dst)
	return err
}

// inspectCopy runs the full integrity check on a fresh copy and reads what it holds.
func inspectCopy(ctx context.Context, path string) (BackupInfo, error) {
	if err := runCheck(ctx, path, "integrity_check"); err != nil {
		return BackupInfo{}, fmt.Errorf("store: bản sao lưu không qua được kiểm tra toàn vẹn: %w", err)
	}
	db, err := sql.Open("sqlite", readOnlyDSN(path))
	if err != nil {
		return BackupInfo{}, err
	}
	defer db.Close()
	var info BackupInfo
	err = db.QueryRowContext(ctx, `SELECT (SELECT coalesce(max(version), 0) FROM schema_migrations),
		(SELECT count(*) FROM dossiers), (SELECT count(*) FROM dossier_events)`).Scan(&info.SchemaVersion, &info.Dossiers, &info.Events)
	if err != nil {
		return BackupInfo{}, fmt.Errorf("store: backup: read copy: %w", err)
	}
	db.Close()
	f, err := os.Open(path)
	if err != nil {
		return BackupInfo{}, err
	}
	defer f.Close()
	h := sha256.New()
	if info.Size, err = io.Copy(h, f); err != nil {
		return BackupInfo{}, err
	}
	info.SHA256 = hex.EncodeToString(h.Sum(nil))
	return info, nil
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
