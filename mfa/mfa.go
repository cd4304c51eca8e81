// Package mfa is capdo's second factor: time-based one-time passwords (TOTP, RFC 6238:
// six digits, 30-second steps, HMAC-SHA1, as every authenticator app reads them), the QR
// code that enrols an app, and one-time recovery codes. It owns github.com/pquerna/otp.
package mfa

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base32"
	"encoding/hex"
	"fmt"
	"image/png"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// Issuer is the name authenticator apps show beside the account.
const Issuer = "capdo"

// period is the RFC 6238 time step; skew accepts the code of the step before and after
// the current one, for clocks a little apart.
const (
	period = 30
	skew   = 1
)

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

var opts = totp.ValidateOpts{Period: period, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// Enrolment is a new secret as shown to a user: the secret to type in by hand, the
// otpauth:// URL and that URL as a QR code (PNG).
type Enrolment struct {
	Secret string
	URL    string
	QRPNG  []byte
}

// NewEnrolment makes a random 160-bit secret for account.
func NewEnrolment(account string) (Enrolment, error) { return EnrolmentFor(account, "") }

// EnrolmentFor shows secret (a ValidSecret; "" for a new random one) for account again,
// for a form shown a second time.
func EnrolmentFor(account, secret string) (Enrolment, error) {
	o := totp.GenerateOpts{Issuer: Issuer, AccountName: account, Period: period, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}
	if secret != "" {
		b, err := b32.DecodeString(secret)
		if err != nil || len(b) != 20 {
			return Enrolment{}, fmt.Errorf("mfa: invalid secret")
		}
		o.Secret = b
	}
	key, err := totp.Generate(o)
	if err != nil {
		return Enrolment{}, fmt.Errorf("mfa: %w", err)
	}
	img, err := key.Image(240, 240)
	if err != nil {
		return Enrolment{}, fmt.Errorf("mfa: qr: %w", err)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return Enrolment{}, fmt.Errorf("mfa: qr: %w", err)
	}
	return Enrolment{Secret: key.Secret(), URL: key.URL(), QRPNG: b.Bytes()}, nil
}

// ValidSecret reports whether s is a secret NewEnrolment could have made (base32 of 20
// bytes), so that a secret coming back from a form is not trusted blindly.
func ValidSecret(s string) bool {
	b, err := b32.DecodeString(s)
	return err == nil && len(b) == 20
}

// GroupSecret writes the secret in groups of four, easier to type into an app.
func GroupSecret(s string) string {
	var parts []string
	for len(s) > 4 {
		parts = append(parts, s[:4])
		s = s[4:]
	}
	return strings.Join(append(parts, s), " ")
}

// Verify checks a six-digit code against secret at now. It returns the time step of the
// code; a code of a step at or before lastStep (already used) is refused, so a code seen
// over someone's shoulder cannot be used again.
func Verify(secret, code string, now time.Time, lastStep int64) (int64, bool) {
	code = strings.Join(strings.Fields(code), "")
	if len(code) != 6 || strings.Trim(code, "0123456789") != "" {
		return 0, false
	}
	for i := -skew; i <= skew; i++ {
		t := now.Add(time.Duration(i*period) * time.Second)
		step := t.Unix() / period
		if step <= lastStep {
			continue
		}
		want, err := totp.GenerateCodeCustom(secret, t, opts)
		if err == nil && subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			return step, true
		}
	}
	return 0, false
}

// Code is the code of secret at t, as an authenticator app shows it.
func Code(secret string, t time.Time) (string, error) {
	return totp.GenerateCodeCustom(secret, t, opts)
}

// RecoveryCodes is how many recovery codes an enrolment gives.
const RecoveryCodes = 10

const recoveryLetters = "abcdefghijkmnpqrstuvwxyz23456789"

var recoveryAlphabet = base32.NewEncoding(recoveryLetters).WithPadding(base32.NoPadding)

// NewRecoveryCodes returns RecoveryCodes random codes of 10 characters (50 bits), written
// as two groups of five from an alphabet without look-alikes (no l, 1, o, 0).
func NewRecoveryCodes() []string {
	out := make([]string, RecoveryCodes)
	for i := range out {
		b := make([]byte, 7)
		rand.Read(b) // never fails (crypto/rand, Go 1.24+)
		s := recoveryAlphabet.EncodeToString(b)[:10]
		out[i] = s[:5] + "-" + s[5:]
	}
	return out
}

// NormalRecoveryCode is a recovery code as typed, without spaces and dashes, lower case;
// "" when it cannot be one.
func NormalRecoveryCode(s string) string {
	s = strings.ToLower(strings.NewReplacer("-", "", " ", "").Replace(strings.TrimSpace(s)))
	if len(s) != 10 || strings.Trim(s, recoveryLetters) != "" {
		return ""
	}
	return s
}

// HashRecoveryCode is what the database keeps of a recovery code: the SHA-256 of its
// normal form (the codes are random, 50 bits, so a fast hash is enough).
func HashRecoveryCode(code string) string {
	h := sha256.Sum256([]byte(NormalRecoveryCode(code)))
	return hex.EncodeToString(h[:])
}
