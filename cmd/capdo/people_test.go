package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"capdo/store"
)

// users add takes the person's details, checked like the web forms; users set changes
// them, and an account's role and unit, from the console.
func TestUsersContactAndSet(t *testing.T) {
	db := filepath.Join(t.TempDir(), "capdo.db")
	code, _, errOut := capdo(t, "mat-khau-tham-dinh\n", "users", "add", "--db", db, "--username", "thamdinh", "--role", "authority",
		"--org", "Cục An toàn thông tin", "--password-stdin", "--email", "không-phải-thư", "--phone", "12")
	if code != exitInvalid || !strings.Contains(errOut, "--email: địa chỉ thư điện tử không hợp lệ") || !strings.Contains(errOut, "--phone: số điện thoại cần từ 8 đến 15 chữ số") {
		t.Fatalf("invalid contact = %d\n%s", code, errOut)
	}
	code, out, errOut := capdo(t, "mat-khau-tham-dinh\n", "users", "add", "--db", db, "--username", "thamdinh", "--role", "authority",
		"--org", "Cục An toàn thông tin", "--password-stdin", "--full-name", "Lê Thẩm Định", "--title", "Trưởng phòng", "--email", "td@cuc.gov.vn")
	if code != exitOK {
		t.Fatalf("users add = %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := capdo(t, "mat-khau-van-hanh\n", "users", "add", "--db", db, "--username", "vh", "--role", "operator",
		"--org", "Cục Bưu điện", "--password-stdin"); code != exitOK {
		t.Fatal(errOut)
	}
	for _, c := range []struct {
		args []string
		code int
		text string
	}{
		{[]string{"--username", "thamdinh"}, exitInvalid, "không có gì để thay đổi"},
		{[]string{"--username", "thamdinh", "--role", "boss"}, exitInvalid, "--role «boss» không hợp lệ"},
		{[]string{"--username", "khong-co", "--title", "X"}, exitFailure, "không có người dùng «khong-co»"},
		{[]string{"--username", "thamdinh", "--org", "Không có"}, exitFailure, "không có đơn vị «Không có»"},
		{[]string{"--username", "thamdinh", "--email", "x"}, exitInvalid, "--email"},
		{[]string{"--username", "thamdinh", "--org", "Cục Bưu điện", "--role", "infosec", "--phone", "024 3822 6789"}, exitOK,
			"vai trò infosec — Đơn vị chuyên trách ATTT, đơn vị «Cục Bưu điện» (Lê Thẩm Định, Trưởng phòng, 024 3822 6789, td@cuc.gov.vn)"},
	} {
		code, out, errOut := capdo(t, "", append([]string{"users", "set", "--db", db}, c.args...)...)
		if code != c.code || !strings.Contains(out+errOut, c.text) {
			t.Errorf("users set %v = %d, want %d with %q\n%s%s", c.args, code, c.code, c.text, out, errOut)
		}
	}
	st, err := store.Open(context.Background(), db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	u, _ := st.UserByUsername(context.Background(), "thamdinh")
	if u.Role != "infosec" || u.OrgName != "Cục Bưu điện" || u.FullName != "Lê Thẩm Định" || u.Email != "td@cuc.gov.vn" || u.Phone != "024 3822 6789" {
		t.Errorf("after users set: %+v", u)
	}
	evs, err := st.SecurityEvents(context.Background(), store.SecurityFilter{})
	found := 0
	for _, e := range evs {
		if e.Target == "thamdinh" && (e.Event == "user.placement" || e.Event == "user.contact") {
			found++
		}
	}
	if err != nil || found != 2 {
		t.Errorf("security log: %d changes recorded, %v", found, err)
	}
}

// The notification flags of serve: e-mail needs the address people open capdo at, a
// password comes from a file only, and every mistake is named before the server starts.
func TestServe_NotificationFlags(t *testing.T) {
	dir := t.TempDir()
	pw := filepath.Join(dir, "smtp.pw")
	os.WriteFile(pw, []byte("mật-khẩu\n"), 0o600)
	empty := filepath.Join(dir, "empty")
	os.WriteFile(empty, nil, 0o600)
	db := filepath.Join(dir, "capdo.db")
	for _, c := range []struct {
		args []string
		text string
	}{
		{[]string{"--smtp", "mail.example.vn:587", "--smtp-from", "capdo@example.vn"}, "--public-url"},
		{[]string{"--smtp", "mail.example.vn:587", "--smtp-from", "capdo@example.vn", "--public-url", "capdo.example.vn"}, "--public-url"},
		{[]string{"--smtp", "mail.example.vn", "--smtp-from", "capdo@example.vn", "--public-url", "https://capdo.example.vn"}, "--smtp: cần dạng máy:cổng"},
		{[]string{"--smtp", "mail.example.vn:587", "--smtp-from", "không hợp lệ", "--public-url", "https://capdo.example.vn"}, "--smtp-from"},
		{[]string{"--smtp", "mail.example.vn:587", "--smtp-from", "capdo@example.vn", "--public-url", "https://capdo.example.vn", "--smtp-tls", "ssl"}, "--smtp-tls"},
		{[]string{"--smtp", "mail.example.vn:587", "--smtp-from", "capdo@example.vn", "--public-url", "https://capdo.example.vn", "--smtp-user", "capdo"}, "--smtp-password-file"},
		{[]string{"--smtp", "mail.example.vn:587", "--smtp-from", "capdo@example.vn", "--public-url", "https://capdo.example.vn", "--smtp-user", "capdo", "--smtp-password-file", empty}, "trống"},
		{[]string{"--smtp-user", "capdo"}, "chỉ dùng cùng --smtp"},
		{[]string{"--due-soon-days", "-1"}, "--due-soon-days"},
		{[]string{"--smtp-password", "lộ"}, "smtp-password"},
	} {
		code, _, errOut := capdo(t, "", append([]string{"serve", "--addr", "127.0.0.1:0", "--db", db}, c.args...)...)
		if code != exitInvalid || !strings.Contains(errOut, c.text) {
			t.Errorf("serve %v = %d, want %d naming %q\n%s", c.args, code, exitInvalid, c.text, errOut)
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("a refused start created the database")
	}
	_, errOut, stop := startServe(t, db, "--smtp", "127.0.0.1:2525", "--smtp-from", "capdo <capdo@example.vn>", "--smtp-user", "capdo",
		"--smtp-password-file", pw, "--public-url", "https://capdo.example.vn/", "--due-soon-days", "5")
	if code := stop(); code != exitOK {
		t.Fatalf("serve = %d\n%s", code, errOut)
	}
	if !strings.Contains(errOut.String(), "nhắc trước hạn 5 ngày làm việc, gửi thư qua 127.0.0.1:2525") || strings.Contains(errOut.String(), "mật-khẩu") {
		t.Errorf("start-up log:\n%s", errOut)
	}
}
