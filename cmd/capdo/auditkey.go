package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"strings"

	"capdo/store"
)

// The audit key keys the dossier history (review/history.go) and is kept outside the
// database: whoever can write the database file cannot forge the history without it.
// It is a file of 64 hexadecimal digits (32 random bytes), readable by its owner only.

// auditKeyFlag declares --audit-key, taken by serve and the audit commands.
func auditKeyFlag(fs *flag.FlagSet) *string {
	return fs.String("audit-key", "", "tệp khóa kiểm toán, giữ ngoài cơ sở dữ liệu (mặc định: đường dẫn cơ sở dữ liệu thêm .key)")
}

// keyPathFor is the key file of the database at dbPath: flag when given.
func keyPathFor(dbPath, flag string) string {
	if flag != "" {
		return flag
	}
	return dbPath + ".key"
}

// readAuditKey reads a key file; an error wrapping fs.ErrNotExist when there is none.
func readAuditKey(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if perm := st.Mode().Perm(); perm&0o077 != 0 {
		return nil, fmt.Errorf("tệp khóa kiểm toán %s cho người khác đọc được (quyền %o); hãy chạy «chmod 600 %s»", path, perm, path)
	}
	b, err := io.ReadAll(io.LimitReader(f, 4096))
	if err != nil {
		return nil, err
	}
	key, err := hex.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || len(key) < store.MinAuditKey {
		return nil, fmt.Errorf("tệp khóa kiểm toán %s không hợp lệ: cần ít nhất %d chữ số thập lục phân", path, 2*store.MinAuditKey)
	}
	return key, nil
}

// createAuditKey writes a new random key to path, which must not exist, readable by its
// owner only whatever the umask.
func createAuditKey(path string) ([]byte, error) {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	err = f.Chmod(0o600)
	if err == nil {
		_, err = f.WriteString(hex.EncodeToString(key) + "\n")
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return nil, err
	}
	return key, nil
}

// useAuditKey gives the store of `capdo serve` its key: the one at keyPath, or a new one
// created there when the file does not exist and the database was never sealed. It says
// on out what it did and logs histories from before keys that it could not seal.
func useAuditKey(ctx context.Context, db *store.DB, keyPath string, out io.Writer, log *slog.Logger) error {
	sealed, err := db.AuditSealed(ctx)
	if err != nil {
		return err
	}
	key, err := readAuditKey(keyPath)
	created := false
	switch {
	case errors.Is(err, fs.ErrNotExist) && sealed:
		return fmt.Errorf("không có tệp khóa kiểm toán %s nhưng cơ sở dữ liệu đã được niêm phong bằng một khóa: "+
			"hãy khôi phục tệp khóa từ bản sao lưu (hoặc chỉ đúng tệp bằng --audit-key); capdo không tạo khóa mới cho cơ sở dữ liệu đã niêm phong", keyPath)
	case errors.Is(err, fs.ErrNotExist):
		if key, err = createAuditKey(keyPath); err != nil {
			return fmt.Errorf("không tạo được tệp khóa kiểm toán %s: %w", keyPath, err)
		}
		created = true
	case err != nil:
		return err
	}
	rep, err := db.UseAuditKey(ctx, key, created)
	if err != nil {
		if created {
			os.Remove(keyPath) // a key that sealed nothing is no key to keep
		}
		var ke *store.AuditKeyError
		if errors.As(err, &ke) && !sealed {
			return fmt.Errorf("%w. Nếu đây là cơ sở dữ liệu của phiên bản capdo trước khi có khóa kiểm toán, hãy chỉ --audit-key tới một tệp chưa tồn tại: "+
				"capdo tạo khóa mới, kiểm tra và niêm phong lịch sử hiện có", err)
		}
		return err
	}
	if created {
		fmt.Fprintf(out, "Đã tạo khóa kiểm toán %s (chỉ chủ sở hữu đọc được). Hãy sao lưu tệp này riêng, ngoài bản sao lưu cơ sở dữ liệu.\n", keyPath)
	}
	if len(rep.Legacy) > 0 {
		fmt.Fprintf(out, "Đã kiểm tra và niêm phong bằng khóa lịch sử của %d hồ sơ lập trước khi có khóa kiểm toán.\n", len(rep.Legacy))
	}
	for _, p := range rep.Broken {
		log.Error("lịch sử hồ sơ lập trước khi có khóa kiểm toán không hợp lệ: không niêm phong, không ghi thêm thao tác",
			slog.Int64("dossier_id", p.DossierID), slog.Int("seq", p.Seq), slog.String("problem", p.Reason))
	}
	return nil
}
