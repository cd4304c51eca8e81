package server

import (
	"encoding/base64"
	"errors"
	"html/template"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"capdo/credential"
	"capdo/levels"
	"capdo/mfa"
	"capdo/store"
)

// The second factor (TOTP, package mfa). An account may enrol an authenticator app at
// /account/mfa; from then on a login asks for its six-digit code, or one of the
// recovery codes shown once at enrolment, after the password: in the same API request
// ("code"), or on a second page for the browser, which holds a short-lived challenge
// cookie meanwhile. With --require-mfa, administrator and authority accounts without a
// second factor can do nothing but enrol (loadSession).

var (
	errCodeRequired = &httpError{Status: fiber.StatusUnauthorized, Message: "Tài khoản này dùng xác thực hai lớp: cần mã xác thực.",
		Problems: []levels.Problem{{Field: "code", Message: "nhập mã 6 chữ số của ứng dụng xác thực, hoặc một mã khôi phục"}}}
	errBadCode = &httpError{Status: fiber.StatusUnauthorized, Message: "Mã xác thực không đúng hoặc đã được dùng.",
		Problems: []levels.Problem{{Field: "code", Message: "mã không đúng, đã hết hạn hoặc đã được dùng"}}}
	errMustEnrol = newError(fiber.StatusForbidden, "Tài khoản quản trị và cơ quan thẩm định phải bật xác thực hai lớp trước khi làm việc: mở trang /account/mfa.")
	// errWrongCurrent: the current password given to change a credential is wrong.
	errWrongCurrent = newError(fiber.StatusBadRequest, "mật khẩu hiện tại không đúng")
)

// challengeTTL is how long the second step of a login may wait for its code.
const challengeTTL = 5 * time.Minute

// mfaRequiredFor: the roles --require-mfa covers. An administrator manages accounts; an
// authority sees the level 4–5 dossiers of a whole ministry group.
func mfaRequiredFor(role string) bool { return role == "admin" || role == "authority" }

func (s *Server) mustEnrol(u store.User) bool {
	return s.cfg.RequireMFA && !u.MFA && mfaRequiredFor(u.Role)
}

// enrolmentPath: what an account that must enrol may still reach.
func enrolmentPath(path string) bool {
	switch path {
	case "/account/mfa", "/logout", "/api/v1/logout", "/api/v1/me":
		return true
	}
	return strings.HasPrefix(path, "/static/")
}

// checkSecondFactor accepts a current TOTP code not used before, or an unused recovery
// code. A wrong one counts as a failed login of this username from this client.
func (s *Server) checkSecondFactor(c *fiber.Ctx, u store.User, code string) error {
	ctx := c.UserContext()
	secret, last, err := s.store.TOTP(ctx, u.ID)
	if err != nil {
		return err
	}
	if step, ok := mfa.Verify(secret, code, s.cfg.Now(), last); ok && secret != "" {
		// The store moves the last step forward only if no one used this step meanwhile.
		if used, err := s.store.UseTOTPStep(ctx, u.ID, step); err != nil || used {
			return err
		}
	} else if rc := mfa.NormalRecoveryCode(code); rc != "" && secret != "" {
		ok, err := s.store.UseRecoveryCode(ctx, u.ID, mfa.HashRecoveryCode(rc))
		if err != nil {
			return err
		}
		if ok {
			left, err := s.store.RecoveryCodesLeft(ctx, u.ID)
			if err != nil {
				return err
			}
			s.audit(c, slog.LevelWarn, "mfa.recovery_used", "đăng nhập bằng mã khôi phục", actor{u.Username, u.Role}, slog.Int("recovery_codes_left", left))
			return nil
		}
	}
	s.limiter.fail("ip:"+s.clientIP(c), s.pairKey(c, u.Username))
	s.audit(c, slog.LevelWarn, "login.mfa_failure", "mã xác thực hai lớp không đúng", actor{u.Username, u.Role})
	return errBadCode
}

// startChallenge remembers, in a cookie for the second step only, that u gave the right
// password; only the token's hash is stored.
func (s *Server) startChallenge(c *fiber.Ctx, u store.User) error {
	tok := randomToken()
	if err := s.store.CreateLoginChallenge(c.UserContext(), hashToken(tok), u.ID, challengeTTL); err != nil {
		return err
	}
	c.Cookie(&fiber.Cookie{Name: challengeCookie, Value: tok, Path: "/login/mfa", Expires: s.cfg.Now().Add(challengeTTL),
		HTTPOnly: true, SameSite: fiber.CookieSameSiteStrictMode, Secure: s.secure(c)})
	return nil
}

func (s *Server) clearChallenge(c *fiber.Ctx) {
	c.Cookie(&fiber.Cookie{Name: challengeCookie, Value: "", Path: "/login/mfa", MaxAge: -1, Expires: time.Unix(0, 0),
		HTTPOnly: true, SameSite: fiber.CookieSameSiteStrictMode, Secure: s.secure(c)})
}

// challengeUser returns the account waiting for its second factor, or ErrNotFound.
func (s *Server) challengeUser(c *fiber.Ctx) (store.User, string, error) {
	tok := c.Cookies(challengeCookie)
	if tok == "" {
		return store.User{}, "", store.ErrNotFound
	}
	h := hashToken(tok)
	u, err := s.store.LoginChallenge(c.UserContext(), h)
	return u, h, err
}

type mfaLoginView struct {
	Next  string
	Error string
}

func (s *Server) mfaLoginPage(c *fiber.Ctx) error {
	next := safeNext(c.Query("next"))
	if _, _, err := s.challengeUser(c); errors.Is(err, store.ErrNotFound) {
		return c.Redirect("/login?next="+url.QueryEscape(next), fiber.StatusSeeOther)
	} else if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "login_mfa", "Xác thực hai lớp", mfaLoginView{Next: next})
}

func (s *Server) mfaLoginForm(c *fiber.Ctx) error {
	next := safeNext(c.FormValue("next"))
	u, tokHash, err := s.challengeUser(c)
	if errors.Is(err, store.ErrNotFound) {
		return s.render(c, fiber.StatusUnauthorized, "login", "Đăng nhập", loginView{Next: next,
			Error: "Phiên xác thực hai lớp đã hết hạn (5 phút). Vui lòng đăng nhập lại."})
	}
	if err != nil {
		return err
	}
	if key := s.pairKey(c, u.Username); s.limiter.blocked(key) {
		s.audit(c, slog.LevelWarn, "login.rate_limited", "đăng nhập bị chặn: sai mã xác thực quá nhiều lần từ máy này", actor{u.Username, u.Role})
		he := s.tooManyLogins(c, key)
		return s.render(c, he.Status, "login_mfa", "Xác thực hai lớp", mfaLoginView{Next: next, Error: he.Message})
	}
	if err := s.checkSecondFactor(c, u, c.FormValue("code")); errors.Is(err, errBadCode) {
		return s.render(c, errBadCode.Status, "login_mfa", "Xác thực hai lớp", mfaLoginView{Next: next, Error: errBadCode.Message})
	} else if err != nil {
		return err
	}
	if err := s.store.DeleteLoginChallenge(c.UserContext(), tokHash); err != nil {
		return err
	}
	s.clearChallenge(c)
	if err := s.finishLogin(c, u); err != nil {
		return err
	}
	return c.Redirect(next, fiber.StatusSeeOther)
}

// checkCurrentPassword checks the signed-in user's password before a change of its
// credentials, like a login: a wrong one counts against this username from this client,
// so that a left-open session cannot be used to guess it.
func (s *Server) checkCurrentPassword(c *fiber.Ctx, event, current string) error {
	u := principalOf(c).User
	key := s.pairKey(c, u.Username)
	if s.limiter.blocked(key) {
		s.audit(c, slog.LevelWarn, "login.rate_limited", "bị chặn: sai mật khẩu quá nhiều lần", actorOf(c), slog.String("act", event))
		return s.tooManyLogins(c, key)
	}
	if !credential.Matches(u.PasswordHash, current) {
		s.limiter.fail("ip:"+s.clientIP(c), key)
		s.audit(c, slog.LevelWarn, event+"_failure", "mật khẩu hiện tại không đúng", actorOf(c))
		return errWrongCurrent
	}
	return nil
}

// mfaView is the second-factor page of the signed-in user.
type mfaView struct {
	Enabled  bool
	Required bool // --require-mfa covers this account's role
	Left     int  // recovery codes not used yet
	// A new secret to enrol (or to move to another device), as a QR code and typed.
	Secret, SecretGroups string
	QR                   template.URL
	Codes                []string // recovery codes, shown once right after enrolment
	Problems             map[string]string
	Notice, Error        string
}

func (s *Server) renderMFA(c *fiber.Ctx, status int, v mfaView) error {
	u := principalOf(c).User
	v.Enabled, v.Required = u.MFA, s.cfg.RequireMFA && mfaRequiredFor(u.Role)
	if v.Enabled {
		n, err := s.store.RecoveryCodesLeft(c.UserContext(), u.ID)
		if err != nil {
			return err
		}
		v.Left = n
	}
	if v.Codes == nil {
		e, err := mfa.EnrolmentFor(u.Username, v.Secret)
		if err != nil {
			return err
		}
		v.Secret, v.SecretGroups = e.Secret, mfa.GroupSecret(e.Secret)
		v.QR = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(e.QRPNG))
	}
	return s.render(c, status, "mfa", "Xác thực hai lớp", v)
}

func (s *Server) mfaPage(c *fiber.Ctx) error {
	v := mfaView{}
	if c.Query("done") == "disabled" {
		v.Notice = "Đã tắt xác thực hai lớp. Mọi phiên đăng nhập khác của tài khoản đã kết thúc."
	}
	return s.renderMFA(c, fiber.StatusOK, v)
}

// mfaEnrolForm turns the second factor on, or moves it to a new device: the current
// password, the secret shown and a code the app made from it. Every other session ends,
// new recovery codes replace the old ones and are shown once.
func (s *Server) mfaEnrolForm(c *fiber.Ctx) error {
	u := principalOf(c).User
	secret := strings.Clone(c.FormValue("secret"))
	v := mfaView{Problems: map[string]string{}}
	if mfa.ValidSecret(secret) {
		v.Secret = secret
	}
	if err := s.checkCurrentPassword(c, "mfa.change", c.FormValue("current")); err != nil {
		var he *httpError
		if !errors.As(err, &he) {
			return err
		}
		if he == errWrongCurrent {
			v.Problems["current"] = he.Message
			return s.renderMFA(c, fiber.StatusBadRequest, v)
		}
		v.Error = he.Message
		return s.renderMFA(c, he.Status, v)
	}
	if v.Secret == "" {
		v.Problems["code"] = "khóa bí mật của biểu mẫu không hợp lệ; hãy quét lại mã QR dưới đây"
		return s.renderMFA(c, fiber.StatusBadRequest, v)
	}
	step, ok := mfa.Verify(secret, c.FormValue("code"), s.cfg.Now(), 0)
	if !ok {
		v.Problems["code"] = "mã không đúng: nhập mã 6 chữ số ứng dụng đang hiện cho tài khoản capdo vừa thêm (kiểm tra giờ của điện thoại)"
		return s.renderMFA(c, fiber.StatusBadRequest, v)
	}
	codes := mfa.NewRecoveryCodes()
	hashes := make([]string, len(codes))
	for i, rc := range codes {
		hashes[i] = mfa.HashRecoveryCode(rc)
	}
	event, msg := "mfa.enable", "bật xác thực hai lớp; các phiên đăng nhập khác đã kết thúc"
	if u.MFA {
		event, msg = "mfa.change", "chuyển xác thực hai lớp sang thiết bị mới, tạo lại mã khôi phục; các phiên đăng nhập khác đã kết thúc"
	}
	// EnableTOTP ends every session of the account, this one included.
	if err := s.store.EnableTOTP(c.UserContext(), u.ID, secret, step, hashes); err != nil {
		return err
	}
	u.MFA = true
	if err := s.startSession(c, u); err != nil {
		return err
	}
	s.audit(c, slog.LevelInfo, event, msg, actorOf(c))
	return s.renderMFA(c, fiber.StatusOK, mfaView{Codes: codes, Notice: "Đã bật xác thực hai lớp."})
}

// mfaDisableForm turns the second factor off, with the current password, unless
// --require-mfa covers the account's role.
func (s *Server) mfaDisableForm(c *fiber.Ctx) error {
	u := principalOf(c).User
	if s.cfg.RequireMFA && mfaRequiredFor(u.Role) {
		return s.renderMFA(c, fiber.StatusConflict, mfaView{Error: "Máy chủ bắt buộc xác thực hai lớp với vai trò này: không tắt được; có thể chuyển sang thiết bị mới."})
	}
	if !u.MFA {
		return c.Redirect("/account/mfa", fiber.StatusSeeOther)
	}
	if err := s.checkCurrentPassword(c, "mfa.change", c.FormValue("current")); err != nil {
		var he *httpError
		if !errors.As(err, &he) {
			return err
		}
		v := mfaView{Problems: map[string]string{}}
		if he == errWrongCurrent {
			v.Problems["disable_current"] = he.Message
		} else {
			v.Error = he.Message
		}
		return s.renderMFA(c, he.Status, v)
	}
	if err := s.store.DisableTOTP(c.UserContext(), u.ID); err != nil {
		return err
	}
	u.MFA = false
	if err := s.startSession(c, u); err != nil {
		return err
	}
	s.audit(c, slog.LevelInfo, "mfa.disable", "tắt xác thực hai lớp; các phiên đăng nhập khác đã kết thúc", actorOf(c))
	return c.Redirect("/account/mfa?done=disabled", fiber.StatusSeeOther)
}
