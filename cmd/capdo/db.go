package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"text/tabwriter"

	"capdo/store"
)

// dbFlagHelp describes --db for every command that opens the database.
const dbFlagHelp = "cơ sở dữ liệu: tệp SQLite (tạo mới nếu chưa có) hoặc URL PostgreSQL postgres://NGƯỜI_DÙNG:MẬT_KHẨU@MÁY:CỔNG/CSDL"

// needKeyFlag refuses a PostgreSQL URL without --audit-key: the key file has no database
// file to sit beside, and every server sharing the database must be given the same one.
func needKeyFlag(dbPath, keyFlag string) error {
	if store.IsURL(dbPath) && keyFlag == "" {
		return errors.New("với URL PostgreSQL cần --audit-key TỆP: tệp khóa kiểm toán, cùng một tệp (bản sao) trên mọi máy chủ")
	}
	return nil
}

func cmdDB(ctx context.Context, args []string, in io.Reader, out, errOut io.Writer) int {
	if len(args) > 0 && args[0] == "copy" {
		return dbCopy(ctx, args[1:], out, errOut)
	}
	return usageError(errOut, "db", errors.New("lệnh con hợp lệ: copy"))
}

// dbCopy moves an installation into PostgreSQL: every row of --from into the empty
// database --to, in one transaction that commits only once the copy reads back the same
// and every dossier history verifies (store.Copy).
func dbCopy(ctx context.Context, args []string, out, errOut io.Writer) int {
	fs := newFlags("db copy", errOut)
	from := fs.String("from", "", "cơ sở dữ liệu nguồn (tệp SQLite, phải có sẵn; hoặc URL PostgreSQL)")
	to := fs.String("to", "", "cơ sở dữ liệu PostgreSQL đích, chưa có dữ liệu: postgres://…")
	keyFlag := auditKeyFlag(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return usageError(errOut, "db copy", err)
	}
	var problems []string
	if len(pos) > 0 {
		problems = append(problems, fmt.Sprintf("không nhận tham số «%s»", pos[0]))
	}
	if *from == "" {
		problems = append(problems, "--from là bắt buộc: tệp SQLite cần chép, ví dụ ./capdo.db")
	}
	if !store.IsURL(*to) {
		problems = append(problems, "--to phải là URL PostgreSQL (postgres://… hoặc postgresql://…)")
	}
	if err := needKeyFlag(*from, *keyFlag); err != nil {
		problems = append(problems, err.Error())
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintf(errOut, "capdo db copy: %s\n", p)
		}
		return exitInvalid
	}
	src, err := store.OpenExisting(ctx, *from, nil)
	if err != nil {
		fmt.Fprintf(errOut, "capdo db copy: nguồn: %v\n", err)
		return exitFailure
	}
	defer src.Close()
	// The key verifies the histories on both sides; a database never sealed (no server
	// ever ran on it) has none to verify.
	keyPath := keyPathFor(*from, *keyFlag)
	key, err := readAuditKey(keyPath)
	if errors.Is(err, iofs.ErrNotExist) {
		if sealed, serr := src.AuditSealed(ctx); serr != nil || sealed {
			err = fmt.Errorf("không có tệp khóa kiểm toán %s mà nguồn đã được niêm phong (chỉ tệp khác bằng --audit-key)", keyPath)
		} else {
			key, err, keyPath = nil, nil, ""
		}
	}
	if err != nil {
		fmt.Fprintf(errOut, "capdo db copy: %v\n", err)
		return exitInvalid
	}
	dst, err := store.Open(ctx, *to, nil)
	if err != nil {
		fmt.Fprintf(errOut, "capdo db copy: đích: %v\n", err)
		return exitFailure
	}
	defer dst.Close()
	rep, err := store.Copy(ctx, src, dst, key)
	if errors.Is(err, store.ErrNotEmpty) {
		fmt.Fprintf(errOut, "capdo db copy: cơ sở dữ liệu đích %s đã có dữ liệu (%v); chỉ chép vào cơ sở dữ liệu trống, không ghi gì\n",
			store.Redact(*to), err)
		return exitFailure
	}
	if err != nil {
		fmt.Fprintf(errOut, "capdo db copy: %v; cơ sở dữ liệu đích không thay đổi\n", err)
		return exitFailure
	}
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "BẢNG\tSỐ DÒNG")
	for _, t := range rep.Tables {
		fmt.Fprintf(tw, "%s\t%d\n", t.Table, t.Rows)
	}
	tw.Flush()
	for _, p := range rep.Problems {
		fmt.Fprintf(errOut, "capdo db copy: lưu ý, nguồn đã có vấn đề này (bản chép giữ nguyên): %v\n", p)
	}
	fmt.Fprintf(out, "Đã chép %s sang %s; đọc lại khớp từng bảng, kiểm tra lịch sử của %d hồ sơ bằng khóa kiểm toán: như nguồn.\n",
		store.Redact(*from), store.Redact(*to), rep.Dossiers)
	if keyPath != "" {
		fmt.Fprintf(out, "Chạy capdo serve trên PostgreSQL với cùng khóa: --audit-key %s (bản sao của tệp này trên mọi máy chủ).\n", keyPath)
	}
	return exitOK
}
