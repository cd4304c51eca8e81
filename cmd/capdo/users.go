package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os/user"
	"slices"
	"strings"
	"text/tabwriter"

	"capdo/credential"
	"capdo/people"
	"capdo/store"
)

// The users commands hash and check passwords with the credential package, the one the
// web application uses; they never import the web application (server), so that this
// path does not link Fiber.

func cmdUsers(ctx context.Context, args []string, in io.Reader, out, errOut io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "add":
			return usersAdd(ctx, args[1:], in, out, errOut)
		case "passwd":
			return usersPasswd(ctx, args[1:], in, out, errOut)
		case "list":
			return usersList(ctx, args[1:], out, errOut)
		case "mfa-reset":
			return usersMFAReset(ctx, args[1:], out, errOut)
		case "set":
			return usersSet(ctx, args[1:], out, errOut)
		}
	}
	return usageError(errOut, "users", errors.New("lệnh con hợp lệ: add, set, passwd, list, mfa-reset"))
}

// usersAdd creates an account (docs/contract.md §3).
func usersAdd(ctx context.Context, args []string, in io.Reader, out, errOut io.Writer) int {
	fs := newFlags("users add", errOut)
	dbPath := fs.String("db", "./capdo.db", dbFlagHelp)
	username := fs.String("username", "", "tên đăng nhập")
	role := fs.String("role", "", "vai trò: "+strings.Join(store.Roles, ", "))
	org := fs.String("org", "", "tên đơn vị của người dùng (tạo mới nếu chưa có)")
	parent := fs.String("parent", "", "đơn vị cấp trên của đơn vị mới tạo")
	appraises := fs.String("appraises", "", "với cơ quan thẩm định: đơn vị mới tạo thẩm định hồ sơ cấp độ 4–5 của hệ thống "+
		"civil (dân sự theo Nghị định 85, mặc định), bqp (Bộ Quốc phòng), bca (Bộ Công an; cả hệ thống dân sự theo Nghị định 331) hoặc bcy (Ban Cơ yếu Chính phủ)")
	pwStdin := fs.Bool("password-stdin", false, "đọc mật khẩu từ đầu vào chuẩn (dòng đầu tiên)")
	contact := contactFlags(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return usageError(errOut, "users add", err)
	}
	var problems []string
	if len(pos) > 0 {
		problems = append(problems, fmt.Sprintf("không nhận tham số «%s»", pos[0]))
	}
	name, err := credential.Username(*username)
	if err != nil {
		problems = append(problems, fmt.Sprintf("--username «%s»: %v (1–64 ký tự: chữ cái, chữ số, . _ - @)", strings.TrimSpace(*username), err))
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
	if *appraises != "" && !slices.Contains(store.AppraisesValues, *appraises) {
		problems = append(problems, fmt.Sprintf("--appraises «%s» không hợp lệ; giá trị hợp lệ: %s", *appraises, strings.Join(store.AppraisesValues, ", ")))
	}
	if !*pwStdin {
		problems = append(problems, "cần --password-stdin: mật khẩu được đọc từ đầu vào chuẩn, không bao giờ từ dòng lệnh")
	}
	problems = append(problems, contactProblems(*contact)...)
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintf(errOut, "capdo users add: %s\n", p)
		}
		return exitInvalid
	}
	pw, err := readPassword(in, "add")
	if err == nil {
		err = credential.CheckPassword(pw, name)
	}
	if err != nil {
		fmt.Fprintf(errOut, "capdo users add: %v\n", err)
		return exitInvalid
	}
	hash, err := credential.HashPassword(pw, name)
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
	orgName, parentName := strings.TrimSpace(*org), strings.TrimSpace(*parent)
	warnExistingOrg(ctx, db, orgName, parentName, *appraises, errOut)
	// One transaction: a refused account (a username taken) creates no organisation either.
	u, created, err := db.AddUser(ctx, store.NewUser{Username: name, PasswordHash: hash, Role: *role, Contact: *contact},
		store.NewOrg{Name: orgName, Appraises: *appraises}, parentName)
	if errors.Is(err, store.ErrConflict) {
		fmt.Fprintf(errOut, "capdo users add: tên đăng nhập «%s» đã tồn tại (không phân biệt chữ hoa, chữ thường)\n", name)
		return exitFailure
	}
	if err != nil {
		fmt.Fprintf(errOut, "capdo users add: %v\n", err)
		return exitFailure
	}
	for _, o := range created {
		fmt.Fprintf(errOut, "Đã tạo đơn vị «%s».\n", o.Name)
	}
	consoleAudit(ctx, db, errOut, "user.create", "tạo tài khoản từ dòng lệnh", u)
	fmt.Fprintf(out, "Đã tạo người dùng «%s» (vai trò %s — %s) thuộc đơn vị «%s».\n", u.Username, u.Role, store.RoleLabels[u.Role], u.OrgName)
	return exitOK
}

// usersPasswd resets a password from the server console, for an administrator who has
// lost theirs; every session of the account ends.
func usersPasswd(ctx context.Context, args []string, in io.Reader, out, errOut io.Writer) int {
	fs := newFlags("users passwd", errOut)
	dbPath := fs.String("db", "./capdo.db", dbFlagHelp)
	username := fs.String("username", "", "tên đăng nhập cần đặt lại mật khẩu")
	pwStdin := fs.Bool("password-stdin", false, "đọc mật khẩu mới từ đầu vào chuẩn (dòng đầu tiên)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return usageError(errOut, "users passwd", err)
	}
	var problems []string
	if len(pos) > 0 {
		problems = append(problems, fmt.Sprintf("không nhận tham số «%s»", pos[0]))
	}
	if strings.TrimSpace(*username) == "" {
		problems = append(problems, "--username là bắt buộc")
	}
	if !*pwStdin {
		problems = append(problems, "cần --password-stdin: mật khẩu được đọc từ đầu vào chuẩn, không bao giờ từ dòng lệnh")
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintf(errOut, "capdo users passwd: %s\n", p)
		}
		return exitInvalid
	}
	pw, err := readPassword(in, "passwd")
	if err == nil {
		err = credential.CheckPassword(pw, *username)
	}
	if err != nil {
		fmt.Fprintf(errOut, "capdo users passwd: %v\n", err)
		return exitInvalid
	}
	db, err := openExisting(ctx, *dbPath)
	if err != nil {
		fmt.Fprintf(errOut, "capdo users passwd: %v\n", err)
		return exitFailure
	}
	defer db.Close()
	u, err := db.UserByUsername(ctx, *username)
	if errors.Is(err, store.ErrNotFound) {
		fmt.Fprintf(errOut, "capdo users passwd: không có người dùng «%s»\n", strings.TrimSpace(*username))
		return exitFailure
	}
	var hash []byte
	if err == nil {
		// The rules again with the name as stored (the password may not be a variant of it).
		if hash, err = credential.HashPassword(pw, u.Username); err != nil {
			fmt.Fprintf(errOut, "capdo users passwd: %v\n", err)
			return exitInvalid
		}
		err = db.SetPassword(ctx, u.ID, hash) // ends every session of the account
	}
	if err != nil {
		fmt.Fprintf(errOut, "capdo users passwd: %v\n", err)
		return exitFailure
	}
	consoleAudit(ctx, db, errOut, "password.reset", "đặt lại mật khẩu từ dòng lệnh; các phiên của tài khoản đã kết thúc", u)
	fmt.Fprintf(out, "Đã đặt lại mật khẩu của «%s»; mọi phiên đăng nhập của tài khoản đã kết thúc.\n", u.Username)
	if u.Disabled {
		fmt.Fprintf(out, "Lưu ý: tài khoản «%s» đang bị khóa; quản trị viên mở khóa tại trang Người dùng.\n", u.Username)
	}
	return exitOK
}

// usersList prints every account with its role, the path of its organisation from the
// top and whether it is disabled, grouped by organisation.
func usersList(ctx context.Context, args []string, out, errOut io.Writer) int {
	fs := newFlags("users list", errOut)
	dbPath := fs.String("db", "./capdo.db", dbFlagHelp)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return usageError(errOut, "users list", err)
	}
	if len(pos) > 0 {
		return usageError(errOut, "users list", fmt.Errorf("không nhận tham số «%s»", pos[0]))
	}
	db, err := openExisting(ctx, *dbPath)
	if err != nil {
		fmt.Fprintf(errOut, "capdo users list: %v\n", err)
		return exitFailure
	}
	defer db.Close()
	users, err := db.ListUsers(ctx)
	if err != nil {
		fmt.Fprintf(errOut, "capdo users list: %v\n", err)
		return exitFailure
	}
	paths, err := db.OrgPaths(ctx)
	if err != nil {
		fmt.Fprintf(errOut, "capdo users list: %v\n", err)
		return exitFailure
	}
	if len(users) == 0 {
		fmt.Fprintln(out, "Chưa có người dùng nào.")
		return exitOK
	}
	path := func(u store.User) string { return strings.Join(paths[u.OrgID], " › ") }
	slices.SortStableFunc(users, func(a, b store.User) int { return strings.Compare(path(a), path(b)) })
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TÊN ĐĂNG NHẬP\tVAI TRÒ\tĐƠN VỊ\tTRẠNG THÁI")
	for _, u := range users {
		state := "hoạt động"
		if u.Disabled {
			state = "đã khóa"
		}
		if u.MFA {
			state += " · xác thực hai lớp"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", u.Username, u.Role, path(u), state)
	}
	if err := tw.Flush(); err != nil {
		fmt.Fprintf(errOut, "capdo users list: %v\n", err)
		return exitFailure
	}
	return exitOK
}

// usersMFAReset turns off the second factor of an account whose owner lost its device
// and its recovery codes (an administrator who cannot sign in any more, typically);
// every session of the account ends and the owner may enrol again.
func usersMFAReset(ctx context.Context, args []string, out, errOut io.Writer) int {
	fs := newFlags("users mfa-reset", errOut)
	dbPath := fs.String("db", "./capdo.db", "tệp cơ sở dữ liệu SQLite (phải có sẵn)")
	username := fs.String("username", "", "tên đăng nhập cần tắt xác thực hai lớp")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return usageError(errOut, "users mfa-reset", err)
	}
	if len(pos) > 0 {
		return usageError(errOut, "users mfa-reset", fmt.Errorf("không nhận tham số «%s»", pos[0]))
	}
	if strings.TrimSpace(*username) == "" {
		return usageError(errOut, "users mfa-reset", errors.New("--username là bắt buộc"))
	}
	db, err := openExisting(ctx, *dbPath)
	if err != nil {
		fmt.Fprintf(errOut, "capdo users mfa-reset: %v\n", err)
		return exitFailure
	}
	defer db.Close()
	u, err := db.UserByUsername(ctx, *username)
	if errors.Is(err, store.ErrNotFound) {
		fmt.Fprintf(errOut, "capdo users mfa-reset: không có người dùng «%s»\n", strings.TrimSpace(*username))
		return exitFailure
	}
	if err == nil && u.MFA {
		err = db.DisableTOTP(ctx, u.ID)
	}
	if err != nil {
		fmt.Fprintf(errOut, "capdo users mfa-reset: %v\n", err)
		return exitFailure
	}
	if !u.MFA {
		fmt.Fprintf(out, "Tài khoản «%s» chưa bật xác thực hai lớp; không có gì thay đổi.\n", u.Username)
		return exitOK
	}
	consoleAudit(ctx, db, errOut, "mfa.reset", "tắt xác thực hai lớp từ dòng lệnh; các phiên của tài khoản đã kết thúc", u)
	fmt.Fprintf(out, "Đã tắt xác thực hai lớp của «%s»; mọi phiên đăng nhập của tài khoản đã kết thúc. Người dùng bật lại tại trang Tài khoản.\n", u.Username)
	return exitOK
}

// openExisting opens a database that must exist already: a mistyped --db must not
// create an empty one.
func openExisting(ctx context.Context, path string) (*store.DB, error) {
	return store.OpenExisting(ctx, path, nil)
}

// consoleAudit logs an account change made from the server console on standard error
// and in the security log, like the web application logs its own (server/audit.go),
// naming the system user who ran the command. It never logs the password.
func consoleAudit(ctx context.Context, db *store.DB, errOut io.Writer, event, msg string, u store.User) {
	attrs := []any{slog.String("event", event), slog.String("target", u.Username), slog.String("target_role", u.Role),
		slog.String("target_org", u.OrgName), slog.String("via", "console")}
	e := store.SecurityEvent{Level: "INFO", Event: event, OrgID: u.OrgID, Message: msg, Target: u.Username,
		Attrs: map[string]string{"target_role": u.Role, "target_org": u.OrgName, "via": "console"}}
	if who, err := user.Current(); err == nil {
		attrs = append(attrs, slog.String("os_user", who.Username))
		e.Attrs["os_user"] = who.Username
	}
	newLogger(errOut, "text").Info(msg, attrs...)
	if err := db.RecordSecurityEvent(ctx, e); err != nil {
		fmt.Fprintf(errOut, "capdo users: không ghi được sự kiện vào nhật ký an ninh: %v\n", err)
	}
}

// readPassword reads the first line of standard input, without its line ending; sub is
// the users subcommand, for the example in the error.
func readPassword(in io.Reader, sub string) (string, error) {
	line, err := bufio.NewReader(io.LimitReader(in, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("không đọc được mật khẩu từ đầu vào chuẩn: %w", err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", fmt.Errorf("mật khẩu trống: hãy đưa mật khẩu vào đầu vào chuẩn, ví dụ «printf '%%s' \"$MAT_KHAU\" | capdo users %s … --password-stdin»", sub)
	}
	return line, nil
}

// warnExistingOrg says when --parent or --appraises will be ignored because the
// organisation exists already: they only describe an organisation being created.
func warnExistingOrg(ctx context.Context, db *store.DB, org, parent, appraises string, errOut io.Writer) {
	o, err := db.OrgByName(ctx, org)
	if err != nil {
		return
	}
	if parent != "" {
		if p, perr := db.OrgByName(ctx, parent); perr != nil || p.ID != o.ParentID {
			fmt.Fprintf(errOut, "capdo users add: đơn vị «%s» đã có; giữ nguyên vị trí, bỏ qua --parent\n", org)
		}
	}
	if appraises != "" && appraises != o.Appraises {
		fmt.Fprintf(errOut, "capdo users add: đơn vị «%s» đã có (thẩm định: %s); bỏ qua --appraises\n", org, o.Appraises)
	}
}

// contactFlags declares the contact flags of users add and users set.
func contactFlags(fs *flag.FlagSet) *people.Contact {
	c := &people.Contact{}
	fs.StringVar(&c.FullName, "full-name", "", "họ và tên")
	fs.StringVar(&c.Title, "title", "", "chức vụ")
	fs.StringVar(&c.Phone, "phone", "", "số điện thoại")
	fs.StringVar(&c.Email, "email", "", "thư điện tử (nhận thông báo hồ sơ)")
	return c
}

// contactFlagNames map the contact's form fields to their flags.
var contactFlagNames = map[string]string{"full_name": "--full-name", "title": "--title", "phone": "--phone", "email": "--email"}

func contactProblems(c people.Contact) []string {
	var out []string
	for _, p := range c.Check() {
		out = append(out, contactFlagNames[p.Field]+": "+p.Message)
	}
	return out
}

// usersSet changes an account from the server console: its role and organisation (every
// session ends) and its contact details. Only the flags given change. It is how the role
// and unit of an authority account, or of an administrator without one above it, are
// changed (server/admin.go refuses those in the browser).
func usersSet(ctx context.Context, args []string, out, errOut io.Writer) int {
	fs := newFlags("users set", errOut)
	dbPath := fs.String("db", "./capdo.db", "tệp cơ sở dữ liệu SQLite (phải có sẵn)")
	username := fs.String("username", "", "tên đăng nhập cần thay đổi")
	role := fs.String("role", "", "vai trò mới: "+strings.Join(store.Roles, ", "))
	org := fs.String("org", "", "tên đơn vị mới (phải có sẵn)")
	contact := contactFlags(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return usageError(errOut, "users set", err)
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var problems []string
	if len(pos) > 0 {
		problems = append(problems, fmt.Sprintf("không nhận tham số «%s»", pos[0]))
	}
	if strings.TrimSpace(*username) == "" {
		problems = append(problems, "--username là bắt buộc")
	}
	if given["role"] && !slices.Contains(store.Roles, *role) {
		problems = append(problems, fmt.Sprintf("--role «%s» không hợp lệ; vai trò hợp lệ: %s", *role, strings.Join(store.Roles, ", ")))
	}
	setContact := given["full-name"] || given["title"] || given["phone"] || given["email"]
	if !given["role"] && !given["org"] && !setContact {
		problems = append(problems, "không có gì để thay đổi: dùng --role, --org, --full-name, --title, --phone hoặc --email")
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintf(errOut, "capdo users set: %s\n", p)
		}
		return exitInvalid
	}
	db, err := openExisting(ctx, *dbPath)
	if err != nil {
		fmt.Fprintf(errOut, "capdo users set: %v\n", err)
		return exitFailure
	}
	defer db.Close()
	u, err := db.UserByUsername(ctx, *username)
	if errors.Is(err, store.ErrNotFound) {
		fmt.Fprintf(errOut, "capdo users set: không có người dùng «%s»\n", strings.TrimSpace(*username))
		return exitFailure
	}
	if err != nil {
		fmt.Fprintf(errOut, "capdo users set: %v\n", err)
		return exitFailure
	}
	if setContact {
		c := u.Contact
		if given["full-name"] {
			c.FullName = contact.FullName
		}
		if given["title"] {
			c.Title = contact.Title
		}
		if given["phone"] {
			c.Phone = contact.Phone
		}
		if given["email"] {
			c.Email = contact.Email
		}
		if ps := contactProblems(c); len(ps) > 0 {
			for _, p := range ps {
				fmt.Fprintf(errOut, "capdo users set: %s\n", p)
			}
			return exitInvalid
		}
		if err := db.SetContact(ctx, u.ID, c); err != nil {
			fmt.Fprintf(errOut, "capdo users set: %v\n", err)
			return exitFailure
		}
		consoleAudit(ctx, db, errOut, "user.contact", "cập nhật thông tin liên hệ từ dòng lệnh", u)
	}
	if given["role"] || given["org"] {
		newRole, orgID := u.Role, u.OrgID
		if given["role"] {
			newRole = *role
		}
		if given["org"] {
			o, err := db.OrgByName(ctx, *org)
			if err != nil {
				fmt.Fprintf(errOut, "capdo users set: không có đơn vị «%s»\n", strings.TrimSpace(*org))
				return exitFailure
			}
			orgID = o.ID
		}
		if err := db.SetPlacement(ctx, u.ID, newRole, orgID); err != nil { // ends every session
			fmt.Fprintf(errOut, "capdo users set: %v\n", err)
			return exitFailure
		}
		consoleAudit(ctx, db, errOut, "user.placement", "đổi vai trò, đơn vị từ dòng lệnh; các phiên của tài khoản đã kết thúc", u)
	}
	u, _ = db.User(ctx, u.ID)
	fmt.Fprintf(out, "Đã cập nhật «%s»: vai trò %s — %s, đơn vị «%s»%s.\n", u.Username, u.Role, store.RoleLabels[u.Role], u.OrgName, contactSummary(u.Contact))
	return exitOK
}

func contactSummary(c people.Contact) string {
	var parts []string
	for _, v := range []string{c.FullName, c.Title, c.Phone, c.Email} {
		if v != "" {
			parts = append(parts, v)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}
