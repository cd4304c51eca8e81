package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"capdo/store"
)

// cmdCheck runs every integrity check on a database: SQLite's full integrity_check and
// foreign_key_check, the audit verification of every history, and each manifest and
// document against its SHA-256. Exit 0 when all pass, 1 naming what failed.
func cmdCheck(ctx context.Context, args []string, _ io.Reader, out, errOut io.Writer) int {
	const name = "check"
	fs := newFlags(name, errOut)
	dbPath := fs.String("db", "./capdo.db", "tệp cơ sở dữ liệu SQLite")
	keyFlag := auditKeyFlag(fs)
	format := fs.String("format", "text", "định dạng: text hoặc json")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return usageError(errOut, name, err)
	}
	if len(pos) > 0 {
		return usageError(errOut, name, fmt.Errorf("không nhận tham số «%s»", pos[0]))
	}
	if *format != "text" && *format != "json" {
		return usageError(errOut, name, fmt.Errorf("--format phải là text hoặc json, không phải «%s»", *format))
	}
	// The file first, reading only: a damaged database is not opened for writing at all.
	if err := store.IntegrityCheck(ctx, *dbPath); err != nil {
		var de *store.DamagedError
		var fe *store.FileError
		if !errors.As(err, &de) && !errors.As(err, &fe) {
			fmt.Fprintf(errOut, "capdo %s: %v\n", name, err)
			return exitFailure
		}
		if *format == "json" {
			printVerify(out, io.Discard, name, *format, store.AuditReport{Problems: []store.Problem{{Reason: err.Error()}}})
		} else {
			fmt.Fprintf(out, "✘ %v\n", err)
		}
		fmt.Fprintf(errOut, "capdo %s: cơ sở dữ liệu hỏng hoặc không phải của capdo; không kiểm tra tiếp\n", name)
		return exitFailure
	}
	if *format == "text" && store.IsURL(*dbPath) {
		fmt.Fprintln(out, "– Cơ sở dữ liệu PostgreSQL: kiểm tra lưu trữ bằng công cụ của PostgreSQL (data checksums, amcheck).")
	} else if *format == "text" {
		fmt.Fprintln(out, "✔ Tệp cơ sở dữ liệu: PRAGMA integrity_check và foreign_key_check không thấy lỗi.")
	}
	db, key, code := openForAudit(ctx, newFlags(name, errOut), nil, name, dbPath, keyFlag, format, errOut)
	if db == nil {
		return code
	}
	defer db.Close()
	rep, err := db.VerifyAudit(ctx, key, true)
	if err != nil {
		fmt.Fprintf(errOut, "capdo %s: %v\n", name, err)
		return exitFailure
	}
	return printVerify(out, errOut, name, *format, rep)
}
