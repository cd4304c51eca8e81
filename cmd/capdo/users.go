package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"capdo/server"
	"capdo/store"
)

func cmdUsers(ctx context.Context, args []string, in io.Reader, out, errOut io.Writer) int {
	if len(args) == 0 || args[0] != "add" {
		return usageError(errOut, "users", errors.New("lệnh con hợp lệ: add"))
	}
	fs := newFlags("users add", errOut)
	dbPath := fs.String("db", "./capdo.db", "tệp cơ sở dữ liệu SQLite")
	username := fs.String("username", "", "tên đăng nhập")
	role := fs.String("role", "", "vai trò: "+strings.Join(store.Roles, ", "))
	org := fs.String("org", "", "tên đơn vị của người dùng (tạo mới nếu chưa có)")
	parent := fs.String("parent", "", "đơn vị cấp trên của đơn vị mới tạo")
	pwStdin := fs.Bool("password-stdin", false, "đọc mật khẩu từ đầu vào chuẩn (dòng đầu tiên)")
	pos, err := parseFlags(fs, args[1:])
	if err != nil {
		return usageError(errOut, "users add", err)
	}
	var problems []string
	if len(pos) > 0 {
		problems = append(problems, fmt.Sprintf("không nhận tham số «%s»", pos[0]))
	}
	if strings.TrimSpace(*username) == "" || strings.ContainsAny(*username, " \t\r\n") || len(*username) > 64 {
		problems = append(problems, "--username là bắt buộc, tối đa 64 ký tự, không có khoảng trắng")
	}
	if !slices.Contains(store.Roles, *role) {
		var rs []string
		for _, r := range store.Roles {
			rs = append(rs, fmt.Sprintf("%s (%s)", r, store.RoleLabels[r]))
		}
		problems = append(problems, fmt.Sprintf("--role «%s» không hợp lệ; vai trò hợp lệ: %s", *role, strings.Join(rs, ", ")))
	}
	if strings.TrimSpace(*org) == "" {
		problems = append(problems, "--org là bắt buộc")
	}
	if !*pwStdin {
		problems = append(problems, "cần --password-stdin: mật khẩu được đọc từ đầu vào chuẩn, không bao giờ từ dòng lệnh")
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintf(errOut, "capdo users add: %s\n", p)
		}
		return exitInvalid
	}
	pw, err := readPassword(in)
	if err == nil {
		err = server.CheckPasswordRules(pw)
	}
	if err != nil {
		fmt.Fprintf(errOut, "capdo users add: %v\n", err)
		return exitInvalid
	}
	hash, err := server.HashPassword(pw)
	if err != nil {
		fmt.Fprintf(errOut, "capdo users add: %v\n", err)
		return exitInvalid
	}

	db, err := store.Open(ctx, *dbPath, nil)
	if err != nil {
		fmt.Fprintf(errOut, "capdo users add: %v\n", err)
		return exitFailure
	}
	defer db.Close()
	o, err := ensureOrg(ctx, db, strings.TrimSpace(*org), strings.TrimSpace(*parent), errOut)
	if err != nil {
		fmt.Fprintf(errOut, "capdo users add: %v\n", err)
		return exitFailure
	}
	u, err := db.CreateUser(ctx, store.NewUser{Username: strings.TrimSpace(*username), PasswordHash: hash, Role: *role, OrgID: o.ID})
	if errors.Is(err, store.ErrConflict) {
		fmt.Fprintf(errOut, "capdo users add: tên đăng nhập «%s» đã tồn tại\n", *username)
		return exitFailure
	}
	if err != nil {
		fmt.Fprintf(errOut, "capdo users add: %v\n", err)
		return exitFailure
	}
	fmt.Fprintf(out, "Đã tạo người dùng «%s» (vai trò %s — %s) thuộc đơn vị «%s».\n", u.Username, u.Role, store.RoleLabels[u.Role], u.OrgName)
	return exitOK
}

// readPassword reads the first line of standard input, without its line ending.
func readPassword(in io.Reader) (string, error) {
	line, err := bufio.NewReader(io.LimitReader(in, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("không đọc được mật khẩu từ đầu vào chuẩn: %w", err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", errors.New("mật khẩu trống: hãy đưa mật khẩu vào đầu vào chuẩn, ví dụ «printf '%s' \"$MAT_KHAU\" | capdo users add … --password-stdin»")
	}
	return line, nil
}

// ensureOrg returns the organisation named org, creating it (under parent, itself created
// as a top-level organisation if needed) when it does not exist.
func ensureOrg(ctx context.Context, db *store.DB, org, parent string, errOut io.Writer) (store.Org, error) {
	o, err := db.OrgByName(ctx, org)
	if err == nil {
		if parent != "" {
			if p, perr := db.OrgByName(ctx, parent); perr != nil || p.ID != o.ParentID {
				fmt.Fprintf(errOut, "capdo users add: đơn vị «%s» đã có; giữ nguyên vị trí, bỏ qua --parent\n", org)
			}
		}
		return o, nil
	}
	if !errors.Is(err, store.ErrNotFound) {
		return store.Org{}, err
	}
	var parentID int64
	if parent != "" {
		p, err := db.OrgByName(ctx, parent)
		if errors.Is(err, store.ErrNotFound) {
			if p, err = db.CreateOrg(ctx, parent, 0); err == nil {
				fmt.Fprintf(errOut, "Đã tạo đơn vị «%s».\n", p.Name)
			}
		}
		if err != nil {
			return store.Org{}, err
		}
		parentID = p.ID
	}
	o, err = db.CreateOrg(ctx, org, parentID)
	if err != nil {
		return store.Org{}, err
	}
	fmt.Fprintf(errOut, "Đã tạo đơn vị «%s».\n", o.Name)
	return o, nil
}
