package server

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"
	"golang.org/x/crypto/bcrypt"

	"capdo/store"
)

// Failed logins allowed in LoginWindow, per username and per client address.
const (
	UserLoginFailures    = 5
	AddressLoginFailures = 50
	LoginWindow          = 15 * time.Minute
)

const (
	sessionCookie = "capdo_session"
	// preCSRFCookie carries the CSRF token of forms shown before login (login, setup).
	preCSRFCookie = "capdo_csrf"
	// PasswordCost is the bcrypt cost: about 0.1 s per check on a two-core server.
	PasswordCost = bcrypt.DefaultCost
	// MinPasswordLen is in characters (NIST SP 800-63B's floor, with a list of the most
	// common passwords refused); bcrypt reads at most 72 bytes.
	MinPasswordLen = 8
	maxPasswordLen = 72
)

// principal is the signed-in user of a request.
type principal struct {
	User      store.User
	Session   store.Session
	tokenHash string
}

const principalKey = "capdo.principal"

func principalOf(c *fiber.Ctx) *principal {
	p, _ := c.Locals(principalKey).(*principal)
	return p
}

// randomToken returns 32 random bytes, URL-safe.
func randomToken() string {
	b := make([]byte, 32)
	rand.Read(b) // never fails (crypto/rand, Go 1.24+)
	return base64.RawURLEncoding.EncodeToString(b)
}

// hashToken is what the database keeps of a session or setup token.
func hashToken(tok string) string {
	h := sha256.Sum256([]byte(tok))
	return hex.EncodeToString(h[:])
}

// HashPassword checks the password rules and returns the bcrypt hash.
func HashPassword(pw string) ([]byte, error) {
	if err := CheckPasswordRules(pw); err != nil {
		return nil, err
	}
	return bcrypt.GenerateFromPassword([]byte(pw), PasswordCost)
}

// CheckPasswordRules explains, in Vietnamese, why a new password is not acceptable.
func CheckPasswordRules(pw string) error {
	switch {
	case strings.TrimSpace(pw) == "":
		return errors.New("mật khẩu không được để trống")
	case utf8.RuneCountInString(pw) < MinPasswordLen:
		return errors.New("mật khẩu cần ít nhất 8 ký tự")
	case len(pw) > maxPasswordLen:
		return errors.New("mật khẩu dài quá 72 byte (giới hạn của bcrypt)")
	case commonPasswords[strings.ToLower(pw)]:
		return errors.New("mật khẩu quá phổ biến, dễ bị dò; hãy chọn mật khẩu khác")
	}
	return nil
}

// commonPasswords are the first guesses of any attacker; they meet the length rule, so
// they are refused by name.
var commonPasswords = map[string]bool{
	"password": true, "password1": true, "password123": true, "12345678": true, "123456789": true,
	"1234567890": true, "87654321": true, "11111111": true, "00000000": true, "88888888": true,
	"qwertyui": true, "qwerty123": true, "abcd1234": true, "abc12345": true, "iloveyou": true,
	"matkhau1": true, "matkhau123": true, "admin123": true, "administrator": true,
}

var (
	dummyOnce sync.Once
	dummyHash []byte
)

// checkLogin returns the user when the username and password match an enabled account.
// An unknown username costs one bcrypt comparison too, so timing does not tell which
// usernames exist.
func (s *Server) checkLogin(ctx context.Context, username, password string) (store.User, bool) {
	u, err := s.store.UserByUsername(ctx, username)
	if err != nil || len(password) > maxPasswordLen {
		dummyOnce.Do(func() { dummyHash, _ = bcrypt.GenerateFromPassword([]byte(randomToken()), PasswordCost) })
		bcrypt.CompareHashAndPassword(dummyHash, []byte(password))
		return store.User{}, false
	}
	if bcrypt.CompareHashAndPassword(u.PasswordHash, []byte(password)) != nil || u.Disabled {
		return store.User{}, false
	}
	return u, true
}

// login runs the whole login: per-username limit, password check, failure counting and,
// on success, a fresh session (a new id, so a planted cookie is never promoted).
func (s *Server) login(c *fiber.Ctx, username, password string) error {
	username = strings.ToLower(strings.TrimSpace(username))
	ipKey, userKey := "ip:"+s.clientIP(c), "user:"+username
	if s.limiter.blocked(userKey) {
		s.audit(c, slog.LevelWarn, "login.rate_limited", "đăng nhập bị chặn: sai mật khẩu quá nhiều lần", actor{username: logText(username)})
		return s.tooManyLogins(c, userKey)
	}
	u, ok := s.checkLogin(c.UserContext(), username, password)
	if !ok {
		s.limiter.fail(ipKey)
		s.limiter.fail(userKey)
		s.audit(c, slog.LevelWarn, "login.failure", "đăng nhập thất bại", actor{username: logText(username)})
		return errBadLogin
	}
	s.limiter.reset(userKey)
	if old := c.Cookies(sessionCookie); old != "" {
		_ = s.store.DeleteSession(c.UserContext(), hashToken(old))
	}
	if err := s.startSession(c, u); err != nil {
		return err
	}
	s.audit(c, slog.LevelInfo, "login", "đăng nhập thành công", actor{u.Username, u.Role})
	return nil
}

// startSession signs u in with a new session: a new random token in the cookie (only its
// hash is stored) and a new CSRF token.
func (s *Server) startSession(c *fiber.Ctx, u store.User) error {
	tok := randomToken()
	sess, err := s.store.CreateSession(c.UserContext(), hashToken(tok), u.ID, randomToken(), s.cfg.SessionTTL)
	if err != nil {
		return err
	}
	c.Cookie(&fiber.Cookie{
		Name: sessionCookie, Value: tok, Path: "/", Expires: sess.ExpiresAt,
		HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode, Secure: s.secure(c),
	})
	c.Locals(principalKey, &principal{User: u, Session: sess, tokenHash: hashToken(tok)})
	return nil
}

// logText shortens text a client chose (a username that does not exist) for the log.
func logText(s string) string {
	if r := []rune(s); len(r) > 64 {
		return string(r[:64]) + "…"
	}
	return s
}

func (s *Server) logout(c *fiber.Ctx) error {
	if p := principalOf(c); p != nil {
		if err := s.store.DeleteSession(c.UserContext(), p.tokenHash); err != nil {
			return err
		}
		s.audit(c, slog.LevelInfo, "logout", "đăng xuất", actorOf(c))
	}
	c.Cookie(&fiber.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, Expires: time.Unix(0, 0),
		HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode, Secure: s.secure(c)})
	return nil
}

// loadSession attaches the signed-in user, if the session cookie names a live session.
func (s *Server) loadSession(c *fiber.Ctx) error {
	tok := c.Cookies(sessionCookie)
	if tok == "" {
		return c.Next()
	}
	h := hashToken(tok)
	sess, u, err := s.store.Session(c.UserContext(), h)
	if errors.Is(err, store.ErrNotFound) {
		return c.Next()
	}
	if err != nil {
		return err
	}
	c.Locals(principalKey, &principal{User: u, Session: sess, tokenHash: h})
	return c.Next()
}

// preCSRF returns the token for a form shown before login, setting its cookie if needed.
func (s *Server) preCSRF(c *fiber.Ctx) string {
	if tok := c.Cookies(preCSRFCookie); len(tok) == 43 {
		return strings.Clone(tok)
	}
	tok := randomToken()
	c.Cookie(&fiber.Cookie{Name: preCSRFCookie, Value: tok, Path: "/", HTTPOnly: true,
		SameSite: fiber.CookieSameSiteStrictMode, Secure: s.secure(c)})
	return tok
}

// loginLimiter counts failed logins per key (client address, username) in a sliding
// window. It lives in memory: a restart forgives, which is acceptable for a limit that
// only slows guessing.
type loginLimiter struct {
	mu  sync.Mutex
	max int // failures per username
	// maxAddress is per client address, higher: many people share an office's address,
	// and one person's typos must not lock the whole office out.
	maxAddress int
	window     time.Duration
	now        func() time.Time
	fails      map[string][]time.Time
}

func newLoginLimiter(max, maxAddress int, window time.Duration, now func() time.Time) *loginLimiter {
	return &loginLimiter{max: max, maxAddress: maxAddress, window: window, now: now, fails: map[string][]time.Time{}}
}

func (l *loginLimiter) recent(key string) []time.Time {
	cut := l.now().Add(-l.window)
	ts := l.fails[key]
	i := 0
	for i < len(ts) && !ts[i].After(cut) {
		i++
	}
	ts = ts[i:]
	if len(ts) == 0 {
		delete(l.fails, key)
	} else {
		l.fails[key] = ts
	}
	return ts
}

func (l *loginLimiter) blocked(key string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	max := l.max
	if strings.HasPrefix(key, "ip:") {
		max = l.maxAddress
	}
	return len(l.recent(key)) >= max
}

// retryAfter is how long until key is no longer blocked: until enough of its failures
// have left the window to bring it under its limit.
func (l *loginLimiter) retryAfter(key string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	max := l.max
	if strings.HasPrefix(key, "ip:") {
		max = l.maxAddress
	}
	ts := l.recent(key)
	if len(ts) < max {
		return 0
	}
	return ts[len(ts)-max].Add(l.window).Sub(l.now())
}

// tooManyLogins answers a blocked login with 429 and, in Retry-After, the seconds until
// the block ends (rounded up, at least 1), so that a program knows when to try again.
func (s *Server) tooManyLogins(c *fiber.Ctx, key string) *httpError {
	secs := int((s.limiter.retryAfter(key) + time.Second - 1) / time.Second)
	c.Set(fiber.HeaderRetryAfter, strconv.Itoa(max(secs, 1)))
	return errTooManyLogins
}

func (l *loginLimiter) fail(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.fails) > 100_000 { // bound memory under a flood of distinct usernames
		for k := range l.fails {
			l.recent(k)
		}
	}
	key = strings.Clone(key) // the key may point into a request buffer Fiber reuses
	l.fails[key] = append(l.recent(key), l.now())
}

func (l *loginLimiter) reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.fails, key)
}

// CreateSetupLink stores a new one-time token for creating the first administrator and
// returns it; the link is /setup/{token}. Only its hash is kept.
func CreateSetupLink(ctx context.Context, users store.Users, ttl time.Duration) (string, error) {
	tok := randomToken()
	if err := users.CreateSetupToken(ctx, hashToken(tok), ttl); err != nil {
		return "", err
	}
	return tok, nil
}
