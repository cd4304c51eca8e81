package credential_test

import (
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"capdo/credential"
)

func TestPasswordRules(t *testing.T) {
	t.Parallel()
	for pw, ok := range map[string]bool{
		"": false, "   ": false, "ngan": false, "đủ-mười-ký": true,
		strings.Repeat("a", 73): false, strings.Repeat("a", 72): true,
		// The list, whatever the case.
		"password": false, "PASSWORD": false, "12345678": false, "baseball": false, "Trustno1": false,
		// Dressed-up common passwords, the ones inspection found accepted.
		"Aa123456": false, "Password@123": false, "P@ssw0rd": false, "P@ssw0rd2024!": false, "Qwerty123!": false,
		"Abc@12345": false, "!Password1": false, "Matkhau@123": false, "Anhyeuem2024": false, "iloveyou!!": false,
		// Long enough and not a variant of a common one.
		"mat-khau-thu-nghiem": true, "Con mèo trèo cây cau": true, "correct horse battery": true,
		"Sở-TTTT-2026-bảo-mật": true, "mot-mat-khau-dai": true,
	} {
		if err := credential.CheckPassword(pw, ""); (err == nil) != ok {
			t.Errorf("CheckPassword(%q) = %v, want ok=%v", pw, err, ok)
		}
	}
	// The username inside the password, in any case.
	if err := credential.CheckPassword("Nguyenvana-2026", "NguyenVanA"); err == nil || !strings.Contains(err.Error(), "tên đăng nhập") {
		t.Errorf("password with the username = %v", err)
	}
	if err := credential.CheckPassword("mat-khau-cua-an", "an"); err != nil {
		t.Errorf("a short username inside a password = %v, want accepted", err)
	}
}

// The list shipped in the binary is the real one: at least 10,000 passwords.
func TestCommonPasswords_Size(t *testing.T) {
	t.Parallel()
	if n := credential.CommonPasswords(); n < 9_900 {
		t.Errorf("%d common passwords, want the list of 10,000 (less duplicates by case)", n)
	}
}

// Production hashes use bcrypt cost 10 (DefaultCost); tests lower Cost and nothing else.
func TestHashPassword_Cost(t *testing.T) {
	t.Parallel()
	if credential.Cost != credential.DefaultCost || credential.DefaultCost < 10 {
		t.Fatalf("Cost = %d, DefaultCost = %d; want 10 outside tests", credential.Cost, credential.DefaultCost)
	}
	h, err := credential.HashPassword("mot-mat-khau-dai", "")
	if err != nil || !strings.HasPrefix(string(h), "$2a$10$") {
		t.Errorf("HashPassword = %q, %v; want bcrypt cost 10", h, err)
	}
	if !credential.Matches(h, "mot-mat-khau-dai") || credential.Matches(h, "mot-mat-khau-khac") {
		t.Error("Matches does not tell the password from another")
	}
	if _, err := credential.HashPassword("ngan", ""); err == nil {
		t.Error("HashPassword hashed a password the rules refuse")
	}
}

// bcrypt reads 72 bytes: a longer password must not match a hash of its first 72.
func TestMatches_TooLong(t *testing.T) {
	t.Parallel()
	pw := strings.Repeat("x", 72)
	h, _ := bcrypt.GenerateFromPassword([]byte(pw), bcrypt.MinCost)
	if !credential.Matches(h, pw) || credential.Matches(h, pw+"y") {
		t.Error("a 73-byte password matched the hash of its first 72 bytes")
	}
	if credential.MatchesNothing(pw) {
		t.Error("MatchesNothing matched")
	}
}

func TestUsername(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in, want, problem string
	}{
		{"  quantri ", "quantri", ""},
		{"ĐẠT", "ĐẠT", ""},
		{"Nguyễn.Văn-A_01@so", "Nguyễn.Văn-A_01@so", ""},
		// Decomposed input is stored composed.
		{"\u0110a\u0323t", "Đạt", ""},
		{"", "", "bắt buộc"},
		{"hai tu", "", "khoảng trắng"},
		{strings.Repeat("đ", 65), "", "64 ký tự"},
		{strings.Repeat("đ", 64), strings.Repeat("đ", 64), ""},
		{"a<b", "", "chữ cái"},
		{"a/b", "", "chữ cái"},
		{"bell\a", "", "chữ cái"},
	} {
		got, err := credential.Username(c.in)
		if c.problem == "" && (err != nil || got != c.want) {
			t.Errorf("Username(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
		if c.problem != "" && (err == nil || !strings.Contains(err.Error(), c.problem)) {
			t.Errorf("Username(%q) = %q, %v; want a problem with %q", c.in, got, err, c.problem)
		}
	}
}

// One name whatever the case or composition it is typed in: ĐẠT logs in as đạt, and
// đức_a and ĐỨC_A are the same account.
func TestUsernameKey(t *testing.T) {
	t.Parallel()
	groups := [][]string{
		{"ĐẠT", "đạt", "Đạt", "đẠt", "\u0110a\u0323t", "\u0111A\u0323T"},
		{"đức_a", "ĐỨC_A", "Đức_A", "đ\u01b0\u0301c_a"},
		{"QuanTri", "quantri", "QUANTRI"},
		{"Straße", "STRASSE", "strasse"},
	}
	for _, g := range groups {
		want := credential.UsernameKey(g[0])
		for _, s := range g[1:] {
			if got := credential.UsernameKey(s); got != want {
				t.Errorf("UsernameKey(%q) = %q, want %q (as %q)", s, got, want, g[0])
			}
		}
	}
	if credential.UsernameKey("đạt") == credential.UsernameKey("dat") {
		t.Error("accents were dropped: đạt and dat are different names")
	}
}
