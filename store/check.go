package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"strings"
	"time"
)

// Checks on the database file itself: that an existing file is a capdo database before it
// is opened for writing (a 0-byte file or someone else's database is refused, not turned
// into a new installation), and SQLite's own integrity checks.

// FileError: the file at Path cannot be used as a capdo database.
type FileError struct {
	Path   string
	Reason string
}

func (e *FileError) Error() string { return fmt.Sprintf("tệp %s %s", e.Path, e.Reason) }

// DamagedError: SQLite's integrity check found damage.
type DamagedError struct {
	Path  string
	Check string   // the pragma that found it
	Lines []string // what it reported, the first lines
}

func (e *DamagedError) Error() string {
	return fmt.Sprintf("cơ sở dữ liệu %s bị hỏng (PRAGMA %s): %s", e.Path, e.Check, strings.Join(e.Lines, "; "))
}

// Path is the database file's path.
func (db *DB) Path() string { return db.path }

// sqliteHeader begins every SQLite database file.
const sqliteHeader = "SQLite format 3\x00"

// maxCheckLines caps what an integrity check reports; the first lines say enough.
const maxCheckLines = 20

// checkExisting refuses an existing file that is not a capdo database: empty, not SQLite,
// or SQLite without capdo's schema. It reads only, through a read-only connection.
func checkExisting(ctx context.Context, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("store: open %s: %w", path, err)
	}
	head := make([]byte, len(sqliteHeader))
	n, err := io.ReadFull(f, head)
	f.Close()
	switch {
	case err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("store: read %s: %w", path, err)
	case n == 0:
		return &FileError{Path: path, Reason: "rỗng (0 byte), không phải cơ sở dữ liệu capdo. capdo chỉ tạo cơ sở dữ liệu mới khi tệp chưa tồn tại: " +
			"nếu đây là cài đặt mới, hãy xóa tệp rỗng; nếu không, hãy khôi phục từ bản sao lưu"}
	case n < len(head) || !bytes.Equal(head, []byte(sqliteHeader)):
		return &FileError{Path: path, Reason: "không phải cơ sở dữ liệu SQLite; capdo không dùng tệp này"}
	}
	ro, err := sql.Open("sqlite", readOnlyDSN(path))
	if err != nil {
		return fmt.Errorf("store: open %s: %w", path, err)
	}
	defer ro.Close()
	var tables int
	if err := ro.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").Scan(&tables); err != nil {
		return &FileError{Path: path, Reason: "không đọc được như cơ sở dữ liệu SQLite: " + err.Error()}
	}
	if tables == 0 {
		return &FileError{Path: path, Reason: "là cơ sở dữ liệu SQLite nhưng không phải của capdo (không có bảng schema_migrations); capdo không dùng tệp này"}
	}
	return nil
}

func readOnlyDSN(path string) string {
	return "file:" + path + "?mode=ro&_pragma=busy_timeout(10000)"
}

// CheckOnStart is what `capdo serve` runs before opening the database at path: nothing
// when the file does not exist yet (it will be created), otherwise the checks that it is a
// capdo database and SQLite's quick_check, which reads every page once. A damaged database
// is a *DamagedError and an unknown file a *FileError.
func CheckOnStart(ctx context.Context, path string) error {
	if IsURL(path) {
		return nil // PostgreSQL checks its own storage
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err := checkExisting(ctx, path); err != nil {
		return err
	}
	return runCheck(ctx, path, "quick_check")
}

// IntegrityCheck runs SQLite's full integrity_check and foreign_key_check on the existing
// capdo database at path, reading only; nothing for a PostgreSQL URL.
func IntegrityCheck(ctx context.Context, path string) error {
	if IsURL(path) {
		return nil // PostgreSQL checks its own storage (data checksums, amcheck)
	}
	if err := checkExisting(ctx, path); err != nil {
		return err
	}
	if err := runCheck(ctx, path, "integrity_check"); err != nil {
		return err
	}
	return runCheck(ctx, path, "foreign_key_check")
}

// runCheck runs one checking pragma: integrity_check and quick_check answer "ok" when
// all is well, foreign_key_check nothing.
func runCheck(ctx context.Context, path, pragma string) error {
	ro, err := sql.Open("sqlite", readOnlyDSN(path))
	if err != nil {
		return fmt.Errorf("store: open %s: %w", path, err)
	}
	defer ro.Close()
	rows, err := ro.QueryContext(ctx, "PRAGMA "+pragma)
	if err != nil {
		// A file damaged badly enough fails the pragma itself.
		return &DamagedError{Path: path, Check: pragma, Lines: []string{err.Error()}}
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	var lines []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return &DamagedError{Path: path, Check: pragma, Lines: []string{err.Error()}}
		}
		var parts []string
		for i, v := range vals {
			parts = append(parts, fmt.Sprintf("%s=%v", cols[i], v))
		}
		line := strings.Join(parts, " ")
		if len(vals) == 1 {
			line = fmt.Sprint(vals[0])
		}
		if line == "ok" {
			continue
		}
		if len(lines) < maxCheckLines {
			lines = append(lines, line)
		}
	}
	if err := rows.Err(); err != nil {
		lines = append(lines, err.Error())
	}
	if len(lines) > 0 {
		return &DamagedError{Path: path, Check: pragma, Lines: lines}
	}
	return nil
}

// LockedError: another process holds the database's lock (Lock).
type LockedError struct {
	Path, LockFile string
	PID            int // the holder's process id, 0 when unknown
}

func (e *LockedError) Error() string {
	who := "một tiến trình capdo serve khác"
	if e.PID > 0 {
		who = fmt.Sprintf("tiến trình capdo serve khác (PID %d)", e.PID)
	}
	return fmt.Sprintf("cơ sở dữ liệu %s đang được %s sử dụng (khóa %s); mỗi tệp SQLite chỉ một máy chủ được chạy, hãy dừng tiến trình đó trước", e.Path, who, e.LockFile)
}

// OpenReadOnly opens an existing capdo database for reading only: no migration and no
// write of any kind, not even the WAL mode. The commands that check or show a database
// use it, on a live database beside its server as on a backup copy, which must stay
// byte for byte what was copied. A database older than this program's schema is
// refused: `capdo serve` upgrades it first.
func OpenReadOnly(ctx context.Context, path string) (*DB, error) {
	if IsURL(path) {
		return openPostgresReadOnly(ctx, path)
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, &FileError{Path: path, Reason: "không tồn tại"}
	}
	if err := checkExisting(ctx, path); err != nil {
		return nil, err
	}
	r, err := sql.Open("sqlite", readOnlyDSN(path))
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	r.SetMaxOpenConns(2)
	db := &DB{read: newReadPool(r, false), write: r, path: path, log: slog.New(slog.DiscardHandler), Now: time.Now}
	ms, err := loadMigrations()
	if err != nil {
		r.Close()
		return nil, err
	}
	var v sql.NullInt64
	if err := r.QueryRowContext(ctx, "SELECT max(version) FROM schema_migrations").Scan(&v); err != nil {
		r.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if want := ms[len(ms)-1].version; int(v.Int64) < want {
		r.Close()
		return nil, &FileError{Path: path, Reason: fmt.Sprintf("có lược đồ phiên bản %d, cũ hơn phiên bản %d của chương trình này: chạy «capdo serve» một lần để nâng cấp", v.Int64, want)}
	}
	return db, nil
}
