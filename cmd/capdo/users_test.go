package main

import (
	"context"
	"errors"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	"capdo/credential"
	"capdo/store"
)

func TestUsersAdd(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "capdo.db")
	code, out, errOut := capdo(t, "mat-khau-quan-tri\n", "users", "add", "--db", db, "--username", "quantri", "--role", "admin",
		"--org", "Sở Thông tin và Truyền thông", "--parent", "UBND tỉnh Kiên Giang", "--password-stdin")
	if code != exitOK || !strings.Contains(out, "quantri") {
		t.Fatalf("users add = %d\n%s%s", code, out, errOut)
	}
	code, _, errOut = capdo(t, "mat-khau-van-hanh", "users", "add", "--db", db, "--username", "vanhanh", "--role", "operator",
		"--org", "Trung tâm CNTT", "--parent", "Sở Thông tin và Truyền thông", "--password-stdin")
	if code != exitOK {
		t.Fatalf("second users add = %d %s", code, errOut)
	}

	st, err := store.Open(context.Background(), db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	u, err := st.UserByUsername(ctx, "quantri")
	if err != nil || u.Role != "admin" || u.OrgName != "Sở Thông tin và Truyền thông" {
		t.Fatalf("user = %+v, %v", u, err)
	}
	if bcrypt.CompareHashAndPassword(u.PasswordHash, []byte("mat-khau-quan-tri")) != nil {
		t.Error("the stored hash does not match the password (line ending kept?)")
	}
	// The cost configured (production's, 10, is checked in credential; tests lower it).
	if cost, _ := bcrypt.Cost(u.PasswordHash); cost != credential.Cost {
		t.Errorf("bcrypt cost %d, want credential.Cost %d", cost, credential.Cost)
	}
	root, _ := st.OrgByName(ctx, "UBND tỉnh Kiên Giang")
	unit, _ := st.OrgByName(ctx, "Trung tâm CNTT")
	if ok, _ := st.InSubtree(ctx, root.ID, unit.ID); !ok {
		t.Error("--parent did not build the tree province → department → centre")
	}
}

func TestUsersAdd_Refuses(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "capdo.db")
	base := []string{"users", "add", "--db", db, "--username", "a", "--org", "Sở", "--password-stdin"}
	for _, c := range []struct {
		name   string
		stdin  string
		args   []string
		want   int
		stderr string
	}{
		{"unknown role", "mat-khau-dai-du", append(base, "--role", "root"), exitInvalid, "operator (Đơn vị vận hành), infosec"},
		{"no role", "mat-khau-dai-du", base, exitInvalid, "--role"},
		{"empty password", "", append(base, "--role", "admin"), exitInvalid, "mật khẩu trống"},
		{"blank line", "\n", append(base, "--role", "admin"), exitInvalid, "mật khẩu trống"},
		{"short password", "ngan\n", append(base, "--role", "admin"), exitInvalid, "ít nhất 8"},
		{"common password", "Password1\n", append(base, "--role", "admin"), exitInvalid, "quá phổ biến"},
		{"too long", strings.Repeat("x", 73), append(base, "--role", "admin"), exitInvalid, "72 byte"},
		{"no --password-stdin", "mat-khau-dai-du", []string{"users", "add", "--db", db, "--username", "a", "--org", "Sở", "--role", "admin"}, exitInvalid, "--password-stdin"},
		{"no org", "mat-khau-dai-du", []string{"users", "add", "--db", db, "--username", "a", "--role", "admin", "--password-stdin"}, exitInvalid, "--org"},
		{"unknown subcommand", "", []string{"users", "delete"}, exitInvalid, "add"},
		{"unknown appraisal group", "mat-khau-dai-du", append(base, "--role", "authority", "--appraises", "qp"), exitInvalid, "--appraises «qp» không hợp lệ; giá trị hợp lệ: civil, bqp, bca"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := capdo(t, c.stdin, c.args...)
			if code != c.want || !strings.Contains(errOut, c.stderr) || out != "" {
				t.Errorf("= %d, stdout %q, stderr %q; want %d with %q", code, out, errOut, c.want, c.stderr)
			}
		})
	}
	if code, _, _ := capdo(t, "mat-khau-dai-du", append(base, "--role", "admin")...); code != exitOK {
		t.Fatal("first add failed")
	}
	if code, _, errOut := capdo(t, "mat-khau-dai-du", "users", "add", "--db", db, "--username", "A", "--org", "Sở", "--role", "operator", "--password-stdin"); code != exitFailure || !strings.Contains(errOut, "đã tồn tại") {
		t.Errorf("duplicate = %d %s", code, errOut)
	}
}

// A refused account leaves nothing behind: not the organisation, nor the parent, that
// `users add` would have created for it. --appraises sets a new authority organisation's
// group, and is ignored, with a warning, for one that exists.
func TestUsersAdd_OrganisationWithAccount(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "capdo.db")
	addUser(t, db, "thamdinh", "authority", "Cục ATTT", "")
	code, _, errOut := capdo(t, "mat-khau-dai-du", "users", "add", "--db", db, "--username", "ThamDinh", "--role", "authority",
		"--org", "Cục Cơ yếu", "--parent", "Bộ Quốc phòng", "--appraises", "bqp", "--password-stdin")
	if code != exitFailure || !strings.Contains(errOut, "đã tồn tại") || strings.Contains(errOut, "Đã tạo đơn vị") {
		t.Fatalf("duplicate username = %d %s", code, errOut)
	}
	code, _, errOut = capdo(t, "mat-khau-dai-du", "users", "add", "--db", db, "--username", "qp", "--role", "authority",
		"--org", "Cục Cơ yếu", "--parent", "Bộ Quốc phòng", "--appraises", "bqp", "--password-stdin")
	if code != exitOK || !strings.Contains(errOut, "Đã tạo đơn vị «Bộ Quốc phòng»") || !strings.Contains(errOut, "Đã tạo đơn vị «Cục Cơ yếu»") {
		t.Fatalf("users add = %d %s", code, errOut)
	}
	code, _, errOut = capdo(t, "mat-khau-dai-du", "users", "add", "--db", db, "--username", "qp2", "--role", "authority",
		"--org", "Cục ATTT", "--appraises", "bca", "--password-stdin")
	if code != exitOK || !strings.Contains(errOut, "bỏ qua --appraises") {
		t.Errorf("existing organisation with --appraises = %d %s", code, errOut)
	}

	ctx := context.Background()
	st, err := store.Open(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	users, _ := st.ListUsers(ctx)
	paths, _ := st.OrgPaths(ctx)
	if len(users) != 3 || len(paths) != 3 {
		t.Errorf("%d users in %d organisations, want 3 in 3 (nothing left by the refused add)", len(users), len(paths))
	}
	for name, want := range map[string]string{"Cục Cơ yếu": "bqp", "Bộ Quốc phòng": "civil", "Cục ATTT": "civil"} {
		if o, err := st.OrgByName(ctx, name); err != nil || o.Appraises != want {
			t.Errorf("%s: appraises %q, %v; want %q", name, o.Appraises, err, want)
		}
	}
}

// addUser runs `capdo users add` and fails the test if it does not succeed.
func addUser(t *testing.T, db, name, role, org, parent string) {
	t.Helper()
	args := []string{"users", "add", "--db", db, "--username", name, "--role", role, "--org", org, "--password-stdin"}
	if parent != "" {
		args = append(args, "--parent", parent)
	}
	if code, _, errOut := capdo(t, "mat-khau-ban-dau\n", args...); code != exitOK {
		t.Fatalf("users add %s = %d %s", name, code, errOut)
	}
}

// A console reset replaces the hash, ends every session of the account and is logged
// without the password.
func TestUsersPasswd(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "capdo.db")
	addUser(t, db, "quantri", "admin", "UBND tỉnh Kiên Giang", "")
	ctx := context.Background()
	st, err := store.Open(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	u, _ := st.UserByUsername(ctx, "quantri")
	if _, err := st.CreateSession(ctx, "phien-dang-mo", u.ID, "csrf", time.Hour); err != nil {
		t.Fatal(err)
	}

	const pw = "mat-khau-moi-cua-quan-tri"
	code, out, errOut := capdo(t, pw+"\n", "users", "passwd", "--db", db, "--username", "QuanTri", "--password-stdin")
	if code != exitOK || !strings.Contains(out, "Đã đặt lại mật khẩu của «quantri»") || !strings.Contains(out, "phiên đăng nhập") {
		t.Fatalf("users passwd = %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "event=password.reset") || !strings.Contains(errOut, "target=quantri") || !strings.Contains(errOut, "via=console") || strings.Contains(errOut, pw) {
		t.Errorf("the reset is not logged as it should be:\n%s", errOut)
	}
	u, _ = st.UserByUsername(ctx, "quantri")
	if bcrypt.CompareHashAndPassword(u.PasswordHash, []byte(pw)) != nil {
		t.Error("the new password does not match the stored hash")
	}
	if _, _, err := st.Session(ctx, "phien-dang-mo"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the session survived the reset: %v", err)
	}

	// A disabled account gets its password but stays disabled, and the output says so.
	st.SetDisabled(ctx, u.ID, true)
	if code, out, _ := capdo(t, pw+"-2", "users", "passwd", "--db", db, "--username", "quantri", "--password-stdin"); code != exitOK || !strings.Contains(out, "đang bị khóa") {
		t.Errorf("reset of a disabled account = %d %q", code, out)
	}
}

func TestUsersPasswd_Refuses(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "capdo.db")
	addUser(t, db, "quantri", "admin", "Sở", "")
	missing := filepath.Join(dir, "khong-co.db")
	for _, c := range []struct {
		name   string
		stdin  string
		args   []string
		want   int
		stderr string
	}{
		{"no username", "mat-khau-dai-du", []string{"--db", db, "--password-stdin"}, exitInvalid, "--username"},
		{"no --password-stdin", "mat-khau-dai-du", []string{"--db", db, "--username", "quantri"}, exitInvalid, "--password-stdin"},
		{"empty password", "", []string{"--db", db, "--username", "quantri", "--password-stdin"}, exitInvalid, "capdo users passwd … --password-stdin"},
		{"short password", "ngan\n", []string{"--db", db, "--username", "quantri", "--password-stdin"}, exitInvalid, "ít nhất 8"},
		{"extra argument", "mat-khau-dai-du", []string{"--db", db, "--username", "quantri", "--password-stdin", "thua"}, exitInvalid, "thua"},
		{"unknown flag", "mat-khau-dai-du", []string{"--db", db, "--user", "quantri", "--password-stdin"}, exitInvalid, "user"},
		{"unknown user", "mat-khau-dai-du", []string{"--db", db, "--username", "khongco", "--password-stdin"}, exitFailure, "không có người dùng «khongco»"},
		{"no database", "mat-khau-dai-du", []string{"--db", missing, "--username", "quantri", "--password-stdin"}, exitFailure, "không có tệp cơ sở dữ liệu"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := capdo(t, c.stdin, append([]string{"users", "passwd"}, c.args...)...)
			if code != c.want || !strings.Contains(errOut, c.stderr) || out != "" {
				t.Errorf("= %d, stdout %q, stderr %q; want %d with %q", code, out, errOut, c.want, c.stderr)
			}
		})
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("users passwd created a database for a mistyped --db")
	}
}

func TestUsersList(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "capdo.db")
	addUser(t, db, "quantri", "admin", "UBND tỉnh Kiên Giang", "")
	addUser(t, db, "attt", "infosec", "Sở Thông tin và Truyền thông", "UBND tỉnh Kiên Giang")
	addUser(t, db, "vanhanh", "operator", "Trung tâm CNTT", "Sở Thông tin và Truyền thông")
	addUser(t, db, "thamdinh", "authority", "Bộ Công an", "")
	ctx := context.Background()
	st, err := store.Open(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := st.UserByUsername(ctx, "vanhanh")
	st.SetDisabled(ctx, u.ID, true)
	st.Close()

	code, out, errOut := capdo(t, "", "users", "list", "--db", db)
	if code != exitOK {
		t.Fatalf("users list = %d %s", code, errOut)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	want := [][]string{
		{"TÊN ĐĂNG NHẬP", "VAI TRÒ", "ĐƠN VỊ", "TRẠNG THÁI"},
		{"thamdinh", "authority", "Bộ Công an", "hoạt động"},
		{"quantri", "admin", "UBND tỉnh Kiên Giang", "hoạt động"},
		{"attt", "infosec", "UBND tỉnh Kiên Giang › Sở Thông tin và Truyền thông", "hoạt động"},
		{"vanhanh", "operator", "UBND tỉnh Kiên Giang › Sở Thông tin và Truyền thông › Trung tâm CNTT", "đã khóa"},
	}
	if len(lines) != len(want) {
		t.Fatalf("users list printed %d lines, want %d:\n%s", len(lines), len(want), out)
	}
	// Columns line up under their headers (counted in characters, not bytes).
	column := func(line, text string) int { return utf8.RuneCountInString(line[:max(strings.Index(line, text), 0)]) }
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w[0]+" ") || !strings.HasSuffix(lines[i], w[3]) {
			t.Errorf("line %d = %q, want %v", i, lines[i], w)
		}
		for j := 1; j < 4; j++ {
			if !strings.Contains(lines[i], w[j]) || column(lines[i], w[j]) != column(lines[0], want[0][j]) {
				t.Errorf("line %d = %q: %q is not in its column", i, lines[i], w[j])
			}
		}
	}

	empty := filepath.Join(dir, "rong.db")
	st, err = store.Open(ctx, empty, nil)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if code, out, _ := capdo(t, "", "users", "list", "--db", empty); code != exitOK || out != "Chưa có người dùng nào.\n" {
		t.Errorf("empty list = %d %q", code, out)
	}
	missing := filepath.Join(dir, "khong-co.db")
	if code, _, errOut := capdo(t, "", "users", "list", "--db", missing); code != exitFailure || !strings.Contains(errOut, "không có tệp cơ sở dữ liệu") {
		t.Errorf("missing database = %d %q", code, errOut)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("users list created a database for a mistyped --db")
	}
	if code, _, _ := capdo(t, "", "users", "list", "--db", db, "thua"); code != exitInvalid {
		t.Errorf("extra argument = %d, want %d", code, exitInvalid)
	}
}

// The console and the web application share one username rule and one key: a username
// is refused on the console for what the web forms refuse, and names the account in any
// case, with full Unicode case folding.
func TestUsers_UsernameRuleAndFolding(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "capdo.db")
	for _, bad := range []string{"hai tu", "a<b>", strings.Repeat("đ", 65)} {
		if code, _, errOut := capdo(t, "mat-khau-dai-du", "users", "add", "--db", db, "--username", bad, "--role", "operator", "--org", "Sở", "--password-stdin"); code != exitInvalid || !strings.Contains(errOut, "--username") {
			t.Errorf("username %q = %d %s", bad, code, errOut)
		}
	}
	addUser(t, db, "ĐẠT", "admin", "Sở", "")
	if code, _, errOut := capdo(t, "mat-khau-dai-du", "users", "add", "--db", db, "--username", "đạt", "--role", "operator", "--org", "Sở", "--password-stdin"); code != exitFailure || !strings.Contains(errOut, "đã tồn tại") {
		t.Errorf("đạt beside ĐẠT = %d %s", code, errOut)
	}
	if code, out, errOut := capdo(t, "mat-khau-moi-dai-du\n", "users", "passwd", "--db", db, "--username", "Đạt", "--password-stdin"); code != exitOK || !strings.Contains(out, "«ĐẠT»") {
		t.Errorf("passwd as Đạt = %d %s%s", code, out, errOut)
	}
	// The common-password rule of the web forms holds here too, variants included.
	if code, _, errOut := capdo(t, "Password@123\n", "users", "passwd", "--db", db, "--username", "đạt", "--password-stdin"); code != exitInvalid || !strings.Contains(errOut, "phổ biến") {
		t.Errorf("passwd Password@123 = %d %s", code, errOut)
	}
}

// capdo users mfa-reset turns off an account's second factor from the server console.
func TestUsersMFAReset(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "capdo.db")
	addUser(t, db, "quantri", "admin", "Sở", "")
	if code, out, _ := capdo(t, "", "users", "mfa-reset", "--db", db, "--username", "QuanTri"); code != exitOK || !strings.Contains(out, "chưa bật") {
		t.Errorf("without a second factor = %d %q", code, out)
	}
	st, err := store.Open(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := st.UserByUsername(ctx, "quantri")
	if err := st.EnableTOTP(ctx, u.ID, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 1, []string{"h"}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if code, out, _ := capdo(t, "", "users", "list", "--db", db); code != exitOK || !strings.Contains(out, "hoạt động · xác thực hai lớp") {
		t.Errorf("users list = %d %q", code, out)
	}
	code, out, errOut := capdo(t, "", "users", "mfa-reset", "--db", db, "--username", "quantri")
	if code != exitOK || !strings.Contains(out, "Đã tắt xác thực hai lớp") || !strings.Contains(errOut, "event=mfa.reset") {
		t.Errorf("mfa-reset = %d %q %q", code, out, errOut)
	}
	st, _ = store.Open(ctx, db, nil)
	defer st.Close()
	if u, _ := st.User(ctx, u.ID); u.MFA {
		t.Error("the second factor is still on")
	}
	for _, c := range []struct {
		args []string
		want int
		text string
	}{
		{[]string{"--db", db}, exitInvalid, "--username"},
		{[]string{"--db", db, "--username", "khongco"}, exitFailure, "không có người dùng «khongco»"},
		{[]string{"--db", db + ".khong", "--username", "quantri"}, exitFailure, "không có tệp"},
	} {
		if code, _, errOut := capdo(t, "", append([]string{"users", "mfa-reset"}, c.args...)...); code != c.want || !strings.Contains(errOut, c.text) {
			t.Errorf("mfa-reset %v = %d %q", c.args, code, errOut)
		}
	}
}

// The users commands do not import the web application: hashing a password on the
// console must not need Fiber.
func TestUsers_NoServerImport(t *testing.T) {
	t.Parallel()
	f, err := parser.ParseFile(token.NewFileSet(), "users.go", nil, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range f.Imports {
		if p := strings.Trim(imp.Path.Value, `"`); p == "capdo/server" || strings.Contains(p, "fiber") {
			t.Errorf("users.go imports %s", p)
		}
	}
}
