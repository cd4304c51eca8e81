package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"capdo/store"
)

func TestUsersAdd(t *testing.T) {
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
	if cost, _ := bcrypt.Cost(u.PasswordHash); cost < 10 {
		t.Errorf("bcrypt cost %d < 10", cost)
	}
	root, _ := st.OrgByName(ctx, "UBND tỉnh Kiên Giang")
	unit, _ := st.OrgByName(ctx, "Trung tâm CNTT")
	if ok, _ := st.InSubtree(ctx, root.ID, unit.ID); !ok {
		t.Error("--parent did not build the tree province → department → centre")
	}
}

func TestUsersAdd_Refuses(t *testing.T) {
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
		{"short password", "ngan\n", append(base, "--role", "admin"), exitInvalid, "ít nhất 10"},
		{"too long", strings.Repeat("x", 73), append(base, "--role", "admin"), exitInvalid, "72 byte"},
		{"no --password-stdin", "mat-khau-dai-du", []string{"users", "add", "--db", db, "--username", "a", "--org", "Sở", "--role", "admin"}, exitInvalid, "--password-stdin"},
		{"no org", "mat-khau-dai-du", []string{"users", "add", "--db", db, "--username", "a", "--role", "admin", "--password-stdin"}, exitInvalid, "--org"},
		{"unknown subcommand", "", []string{"users", "delete"}, exitInvalid, "add"},
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
