package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"capdo/store"
)

// cmdBackup copies a live database (docs/contract.md §8): a consistent snapshot, checked with
// integrity_check, readable by its owner only, never over an existing file.
func cmdBackup(ctx context.Context, args []string, _ io.Reader, out, errOut io.Writer) int {
	fs := newFlags("backup", errOut)
	dbPath := fs.String("db", "./capdo.db", "tệp cơ sở dữ liệu SQLite cần sao lưu (có thể đang chạy)")
	outPath := fs.String("out", "", "tệp bản sao lưu, chưa tồn tại")
	keyFlag := auditKeyFlag(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return usageError(errOut, "backup", err)
	}
	switch {
	case len(pos) > 0:
		return usageError(errOut, "backup", fmt.Errorf("không nhận tham số «%s»", pos[0]))
	case *outPath == "":
		return usageError(errOut, "backup", errors.New("--out là bắt buộc"))
	}
	info, err := store.Backup(ctx, *dbPath, *outPath)
	if err != nil {
		fmt.Fprintf(errOut, "capdo backup: %v\n", err)
		return exitFailure
	}
	fmt.Fprintf(out, "Đã sao lưu %s vào %s: %d byte, SHA-256 %s; lược đồ %d, %d hồ sơ, %d sự kiện lịch sử; kiểm tra toàn vẹn (integrity_check): ok.\n",
		*dbPath, info.Path, info.Size, info.SHA256, info.SchemaVersion, info.Dossiers, info.Events)
	fmt.Fprintf(out, "Bản sao không chứa khóa kiểm toán %s: hãy sao lưu tệp khóa riêng (một lần là đủ, khóa không đổi).\n", keyPathFor(*dbPath, *keyFlag))
	return exitOK
}
