package server

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"capdo/credential"
	"capdo/store"
)

type loginView struct {
	Username string
	Next     string
	Error    string
}

// safeNext accepts only a local path as the place to go after login (no open redirect).
func safeNext(next string) string {
	// Control characters would split the Location header (the HTTP library does not strip
	// them) or be dropped by the browser ("/\t/evil.example" becomes "//evil.example").
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.Contains(next, `\`) ||
		strings.ContainsFunc(next, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return "/"
	}
	if u, err := url.Parse(next); err != nil || u.Scheme != "" || u.Host != "" {
		return "/"
	}
	return next
}

func (s *Server) loginPage(c *fiber.Ctx) error {
	if principalOf(c) != nil {
		return c.Redirect(safeNext(c.Query("next")), fiber.StatusSeeOther)
	}
	return s.render(c, fiber.StatusOK, "login", "Đăng nhập", loginView{Next: safeNext(c.Query("next"))})
}

// loginForm checks the password; an account with a second factor goes on to
// /login/mfa, one that must enrol one (--require-mfa) to /account/mfa.
func (s *Server) loginForm(c *fiber.Ctx) error {
	username := strings.Clone(c.FormValue("username"))
	next := safeNext(c.FormValue("next"))
	u, err := s.checkPassword(c, username, c.FormValue("password"))
	var he *httpError
	if errors.As(err, &he) && (he == errBadLogin || he.Status == fiber.StatusTooManyRequests) {
		return s.render(c, he.Status, "login", "Đăng nhập", loginView{Username: username, Next: next, Error: he.Message})
	}
	if err != nil {
		return err
	}
	if u.MFA {
		if err := s.startChallenge(c, u); err != nil {
			return err
		}
		return c.Redirect("/login/mfa?next="+url.QueryEscape(next), fiber.StatusSeeOther)
	}
	if err := s.finishLogin(c, u); err != nil {
		return err
	}
	if s.mustEnrol(u) {
		return c.Redirect("/account/mfa", fiber.StatusSeeOther)
	}
	return c.Redirect(next, fiber.StatusSeeOther)
}

func (s *Server) logoutForm(c *fiber.Ctx) error {
	if err := s.logout(c); err != nil {
		return err
	}
	return c.Redirect("/login", fiber.StatusSeeOther)
}

func (s *Server) apiLogin(c *fiber.Ctx) error {
	var in struct {
		Username string `json:"username"`
		Password string `json:"password"`
		// Code is the second factor, for accounts that have one: a TOTP code or a
		// recovery code.
		Code string `json:"code"`
	}
	if err := json.Unmarshal(c.Body(), &in); err != nil {
		return badBody(`cần một đối tượng JSON {"username", "password"} (và "code" với tài khoản dùng xác thực hai lớp)`)
	}
	if err := s.login(c, in.Username, in.Password, in.Code); err != nil {
		return err
	}
	return writeJSON(c, fiber.StatusOK, meJSON(principalOf(c).User))
}

func (s *Server) apiLogout(c *fiber.Ctx) error {
	if err := s.logout(c); err != nil {
		return err
	}
	return writeJSON(c, fiber.StatusOK, fiber.Map{"ok": true})
}

func meJSON(u store.User) fiber.Map {
	return fiber.Map{"id": u.ID, "username": u.Username, "role": u.Role, "role_label": store.RoleLabels[u.Role],
		"org_id": u.OrgID, "org": u.OrgName, "mfa": u.MFA}
}

func (s *Server) apiMe(c *fiber.Ctx) error {
	return writeJSON(c, fiber.StatusOK, meJSON(principalOf(c).User))
}

// setupView is the first-administrator page.
type setupView struct {
	Valid    bool
	Username string
	Org      string
	Problems map[string]string
}

func (s *Server) setupPage(c *fiber.Ctx) error {
	ok, err := s.store.SetupTokenValid(c.UserContext(), hashToken(c.Params("token")))
	if err != nil {
		return err
	}
	status := fiber.StatusOK
	if !ok {
		status = fiber.StatusNotFound
	}
	return s.render(c, status, "setup", "Khởi tạo quản trị viên", setupView{Valid: ok})
}

// setupForm creates the first organisation and administrator with the one-time link. A
// wrong token counts as a failed login, so the link cannot be guessed by trying.
func (s *Server) setupForm(c *fiber.Ctx) error {
	tokHash := hashToken(c.Params("token"))
	v := setupView{Valid: true, Username: strings.TrimSpace(c.FormValue("username")),
		Org: strings.TrimSpace(c.FormValue("org")), Problems: map[string]string{}}
	pw := c.FormValue("password")
	// The same username rule as the administrators' form and capdo users add.
	if name, err := credential.Username(v.Username); err != nil {
		v.Problems["username"] = err.Error()
	} else {
		v.Username = name
	}
	if v.Org == "" {
		v.Problems["org"] = "bắt buộc, chưa có giá trị"
	}
	if err := credential.CheckPassword(pw, v.Username); err != nil {
		v.Problems["password"] = err.Error()
	} else if pw != c.FormValue("password2") {
		v.Problems["password2"] = "hai lần nhập mật khẩu không khớp"
	}
	if len(v.Problems) > 0 {
		return s.render(c, fiber.StatusBadRequest, "setup", "Khởi tạo quản trị viên", v)
	}
	hash, err := credential.HashPassword(pw, v.Username)
	if err != nil {
		return err
	}
	u, err := s.store.CompleteSetup(c.UserContext(), tokHash, v.Org, store.NewUser{Username: v.Username, PasswordHash: hash, Role: "admin"})
	if errors.Is(err, store.ErrNotFound) {
		s.limiter.fail("ip:" + s.clientIP(c))
		s.audit(c, slog.LevelWarn, "setup.failure", "liên kết khởi tạo không hợp lệ, đã dùng hoặc hết hạn", actor{})
		return s.render(c, fiber.StatusNotFound, "setup", "Khởi tạo quản trị viên", setupView{})
	}
	if err != nil {
		return err
	}
	s.audit(c, slog.LevelInfo, "user.create", "tạo quản trị viên đầu tiên bằng liên kết khởi tạo", actor{}, targetAttrs(u)...)
	if err := s.finishLogin(c, u); err != nil {
		return err
	}
	if s.mustEnrol(u) {
		return c.Redirect("/account/mfa", fiber.StatusSeeOther)
	}
	return c.Redirect("/", fiber.StatusSeeOther)
}
