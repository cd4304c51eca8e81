package mfa_test

import (
	"bytes"
	"image/png"
	"strings"
	"testing"
	"time"

	"capdo/mfa"
)

// The RFC 6238 test vector (Appendix B, SHA-1, secret "12345678901234567890"): the
// codes are the last six digits of the eight the RFC lists.
func TestCode_RFC6238(t *testing.T) {
	t.Parallel()
	const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" // base32 of 12345678901234567890
	for unix, want := range map[int64]string{59: "287082", 1111111109: "081804", 1234567890: "005924", 2000000000: "279037"} {
		if got, err := mfa.Code(secret, time.Unix(unix, 0)); err != nil || got != want {
			t.Errorf("Code at %d = %q, %v; want %q", unix, got, err, want)
		}
	}
}

func TestVerify(t *testing.T) {
	t.Parallel()
	e, err := mfa.NewEnrolment("đạt")
	if err != nil {
		t.Fatal(err)
	}
	if !mfa.ValidSecret(e.Secret) || mfa.ValidSecret("ABC") || mfa.ValidSecret(e.Secret+"!") {
		t.Error("ValidSecret does not tell a secret from garbage")
	}
	if !strings.HasPrefix(e.URL, "otpauth://totp/capdo:") || !strings.Contains(e.URL, "secret="+e.Secret) {
		t.Errorf("URL = %q", e.URL)
	}
	if img, err := png.Decode(bytes.NewReader(e.QRPNG)); err != nil || img.Bounds().Dx() != 240 {
		t.Errorf("QR code is not a 240 px PNG: %v", err)
	}
	again, err := mfa.EnrolmentFor("đạt", e.Secret)
	if err != nil || again.Secret != e.Secret || again.URL != e.URL {
		t.Errorf("EnrolmentFor the same secret = %+v, %v", again.URL, err)
	}
	if _, err := mfa.EnrolmentFor("đạt", "ABC"); err == nil {
		t.Error("EnrolmentFor accepted a short secret")
	}
	now := time.Date(2026, 3, 2, 9, 0, 10, 0, time.UTC)
	code, _ := mfa.Code(e.Secret, now)
	step, ok := mfa.Verify(e.Secret, code, now, 0)
	if !ok || step != now.Unix()/30 {
		t.Fatalf("Verify(current code) = %d, %v", step, ok)
	}
	if _, ok := mfa.Verify(e.Secret, code, now, step); ok {
		t.Error("a used code was accepted again")
	}
	if _, ok := mfa.Verify(e.Secret, code[:3]+" "+code[3:], now.Add(25*time.Second), 0); !ok {
		t.Error("the code of the previous step (clocks apart), typed with a space, was refused")
	}
	if _, ok := mfa.Verify(e.Secret, code, now.Add(2*time.Minute), 0); ok {
		t.Error("a code two minutes old was accepted")
	}
	for _, bad := range []string{"", "12345", "1234567", "abcdef"} {
		if _, ok := mfa.Verify(e.Secret, bad, now, 0); ok {
			t.Errorf("Verify(%q) accepted", bad)
		}
	}
}

func TestRecoveryCodes(t *testing.T) {
	t.Parallel()
	codes := mfa.NewRecoveryCodes()
	seen := map[string]bool{}
	for _, c := range codes {
		if len(c) != 11 || c[5] != '-' || seen[c] {
			t.Errorf("code %q: want xxxxx-xxxxx, all different", c)
		}
		seen[c] = true
		if mfa.HashRecoveryCode(strings.ToUpper(strings.ReplaceAll(c, "-", " "))) != mfa.HashRecoveryCode(c) {
			t.Errorf("%q typed in capitals with a space hashes differently", c)
		}
	}
	if len(codes) != mfa.RecoveryCodes {
		t.Errorf("%d codes", len(codes))
	}
	if mfa.NormalRecoveryCode("123456") != "" || mfa.NormalRecoveryCode("abcde-fghi1") != "" {
		t.Error("a TOTP code or a look-alike passes for a recovery code")
	}
}
