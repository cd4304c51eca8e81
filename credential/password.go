// Package credential holds capdo's rules for what signs a person in: password hashing
// (bcrypt) and policy, and usernames (Unicode case folding). The web application, the
// first-administrator link and the console (capdo users) all use it, so the three paths
// apply one rule. It owns golang.org/x/crypto/bcrypt.
package credential

import (
	"crypto/rand"
	"errors"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"
)

// DefaultCost is the production bcrypt cost: about 0.1 s per check on a two-core server.
const DefaultCost = bcrypt.DefaultCost

// MinCost is the cheapest cost bcrypt accepts. Tests use it (see Cost).
const MinCost = bcrypt.MinCost

// Cost is the bcrypt cost new hashes get. It is a variable so that tests can lower it to
// MinCost in TestMain; nothing else changes it.
var Cost = DefaultCost

// MinPasswordLen is in characters (NIST SP 800-63B's floor, with the common passwords of
// common.go refused); bcrypt reads at most MaxPasswordBytes.
const (
	MinPasswordLen   = 8
	MaxPasswordBytes = 72
)

// CheckPassword explains, in Vietnamese, why pw is not acceptable as a new password for
// the account username ("" when not known yet); nil when it is.
func CheckPassword(pw, username string) error {
	switch {
	case strings.TrimSpace(pw) == "":
		return errors.New("mật khẩu không được để trống")
	case utf8.RuneCountInString(pw) < MinPasswordLen:
		return errors.New("mật khẩu cần ít nhất 8 ký tự")
	case len(pw) > MaxPasswordBytes:
		return errors.New("mật khẩu dài quá 72 byte (giới hạn của bcrypt)")
	case isCommon(pw):
		return errors.New("mật khẩu quá phổ biến hoặc chỉ là một mật khẩu phổ biến thêm vài ký tự, dễ bị dò; hãy chọn mật khẩu khác")
	case containsUsername(pw, username):
		return errors.New("mật khẩu không được là tên đăng nhập thêm vài ký tự")
	}
	return nil
}

// containsUsername reports whether the password is the username (of at least four
// characters) dressed up the way common passwords are (common.go): the first guess of
// anyone who knows the account.
func containsUsername(pw, username string) bool {
	key := strings.ToLower(UsernameKey(username))
	return utf8.RuneCountInString(key) >= minWordCore && isVariant(UsernameKey(pw), func(s string) bool { return s == key })
}

// HashPassword checks the password rules and returns the bcrypt hash at Cost.
func HashPassword(pw, username string) ([]byte, error) {
	if err := CheckPassword(pw, username); err != nil {
		return nil, err
	}
	return bcrypt.GenerateFromPassword([]byte(pw), Cost)
}

// Matches reports whether pw is the password of hash. A password longer than bcrypt reads
// never matches (bcrypt would compare its first 72 bytes only).
func Matches(hash []byte, pw string) bool {
	return len(pw) <= MaxPasswordBytes && bcrypt.CompareHashAndPassword(hash, []byte(pw)) == nil
}

var (
	dummyOnce sync.Once
	dummyHash []byte
)

// MatchesNothing costs what Matches costs and is always false: a login for an unknown
// username takes as long as one for a known username, so timing does not tell which
// usernames exist.
func MatchesNothing(pw string) bool {
	dummyOnce.Do(func() {
		dummyHash, _ = bcrypt.GenerateFromPassword([]byte(rand.Text()), Cost)
	})
	bcrypt.CompareHashAndPassword(dummyHash, []byte(pw))
	return false
}
