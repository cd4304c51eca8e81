package server

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"log/slog"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"capdo/credential"
	"capdo/store"
)

// Failed logins before a client must wait (per username and client, and per client
// address), and the first wait; each later failure doubles it (throttle.go).
const (
	UserLoginFailures    = 5
	AddressLoginFailures = 50
	LoginWindow          = 15 * time.Minute
)

const (
	sessionCookie = "capdo_session"
	// preCSRFCookie carries the CSRF token of forms shown before login (login, setup).
	preCSRFCookie = "capdo_csrf"
	// challengeCookie carries, between the two steps of a login, the token that says the
	// password was right (mfa.go).
	challengeCookie = "capdo_mfa"
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

// checkLogin returns the user when the username and password match an enabled account.
// An unknown username costs one bcrypt comparison too, so timing does not tell which
// usernames exist.
func (s *Server) checkLogin(ctx context.Context, username, password string) (store.User, bool) {
	u, err := s.store.UserByUsername(ctx, username)
	if err != nil {
		return store.User{}, credential.MatchesNothing(password)
	}
	if !credential.Matches(u.PasswordHash, password) || u.Disabled {
		return store.User{}, false
	}
	return u, true
}

// pairKey is the throttle key of one username tried from one client: its failures make
// that client wait, never the account's owner elsewhere.
func (s *Server) pairKey(c *fiber.Ctx, username string) string {
	return "user:" + credential.UsernameKey(username) + "|ip:" + s.clientIP(c)
}

// checkPassword is the first step of every login: the throttle of this username from
// this client, the password, and on failure a failure counted for the pair and for the
// client. It returns the account; a second factor, when it has one, is still to check.
func (s *Server) checkPassword(c *fiber.Ctx, username, password string) (store.User, error) {
	username = strings.TrimSpace(username)
	key := s.pairKey(c, username)
	if s.limiter.blocked(key) {
		s.audit(c, slog.LevelWarn, "login.rate_limited", "đăng nhập bị chặn: sai mật khẩu quá nhiều lần từ máy này", actor{username: logText(credential.UsernameKey(username))})
		return store.User{}, s.tooManyLogins(c, key)
	}
	u, ok := s.checkLogin(c.UserContext(), username, password)
	if !ok {
		s.limiter.fail("ip:"+s.clientIP(c), key)
		s.audit(c, slog.LevelWarn, "login.failure", "đăng nhập thất bại", actor{username: logText(credential.UsernameKey(username))})
		return store.User{}, errBadLogin
	}
	return u, nil
}

// login runs a whole login in one request (the API): password, then the second factor
// in code when the account has one, then a fresh session (a new id, so a planted cookie
// is never promoted).
func (s *Server) login(c *fiber.Ctx, username, password, code string) error {
	u, err := s.checkPassword(c, username, password)
	if err != nil {
		return err
	}
	if u.MFA {
		if strings.TrimSpace(code) == "" {
			return errCodeRequired
		}
		if err := s.checkSecondFactor(c, u, code); err != nil {
			return err
		}
	}
	return s.finishLogin(c, u)
}

// finishLogin signs u in once every factor is checked: the client's failures for this
// username are forgotten, the old session ends and a new one starts.
func (s *Server) finishLogin(c *fiber.Ctx, u store.User) error {
	s.limiter.reset(s.pairKey(c, u.Username))
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
	// Max-Age, not Expires: the browser counts the lifetime on its own clock, so a browser
	// whose clock is ahead of the server's still keeps the cookie (the store ends the
	// session at ExpiresAt on the server's clock either way).
	c.Cookie(&fiber.Cookie{
		Name: sessionCookie, Value: tok, Path: "/", MaxAge: max(1, int(sess.ExpiresAt.Sub(s.cfg.Now()).Seconds())),
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
	if s.mustEnrol(u) && !enrolmentPath(c.Path()) {
		if isAPI(c) {
			return errMustEnrol
		}
		return c.Redirect("/account/mfa", fiber.StatusSeeOther)
	}
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

// CreateSetupLink stores a new one-time token for creating the first administrator and
// returns it; the link is /setup/{token}. Only its hash is kept.
func CreateSetupLink(ctx context.Context, users store.Users, ttl time.Duration) (string, error) {
	tok := randomToken()
	if err := users.CreateSetupToken(ctx, hashToken(tok), ttl); err != nil {
		return "", err
	}
	return tok, nil
}
