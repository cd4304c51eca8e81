package server

import (
	"errors"
	"log/slog"

	"github.com/gofiber/fiber/v2"

	"capdo/credential"
)

// accountView is the data of the signed-in user's own page.
type accountView struct {
	Problems map[string]string
	Notice   string
	Error    string
}

func (s *Server) accountPage(c *fiber.Ctx) error {
	v := accountView{}
	if c.Query("done") == "password" {
		v.Notice = "Đã đổi mật khẩu. Mọi phiên đăng nhập khác của tài khoản đã kết thúc."
	}
	return s.render(c, fiber.StatusOK, "account", "Tài khoản", v)
}

// accountPasswordForm changes the signed-in user's own password. The current password is
// checked like a login (checkCurrentPassword): a wrong one counts against this username
// from this client, so a left-open session cannot be used to guess it. On success every
// session of the user ends, and this one continues under a new session id and CSRF token.
func (s *Server) accountPasswordForm(c *fiber.Ctx) error {
	u := principalOf(c).User
	current, pw := c.FormValue("current"), c.FormValue("password")
	v := accountView{Problems: map[string]string{}}
	if err := s.checkCurrentPassword(c, "password.change", current); err != nil {
		var he *httpError
		switch {
		case errors.Is(err, errWrongCurrent):
			v.Problems["current"] = errWrongCurrent.Message
			return s.render(c, fiber.StatusBadRequest, "account", "Tài khoản", v)
		case errors.As(err, &he):
			return s.render(c, he.Status, "account", "Tài khoản", accountView{Error: he.Message})
		}
		return err
	}
	switch err := credential.CheckPassword(pw, u.Username); {
	case err != nil:
		v.Problems["password"] = err.Error()
	case pw != c.FormValue("password2"):
		v.Problems["password2"] = "hai lần nhập mật khẩu mới không khớp"
	case pw == current:
		v.Problems["password"] = "mật khẩu mới phải khác mật khẩu hiện tại"
	}
	if len(v.Problems) > 0 {
		return s.render(c, fiber.StatusBadRequest, "account", "Tài khoản", v)
	}
	hash, err := credential.HashPassword(pw, u.Username)
	if err != nil {
		return err
	}
	// SetPassword ends every session of the user, this one included.
	if err := s.store.SetPassword(c.UserContext(), u.ID, hash); err != nil {
		return err
	}
	s.limiter.reset(s.pairKey(c, u.Username))
	if err := s.startSession(c, u); err != nil {
		return err
	}
	s.audit(c, slog.LevelInfo, "password.change", "đổi mật khẩu; các phiên đăng nhập khác đã kết thúc", actorOf(c))
	return c.Redirect("/account?done=password", fiber.StatusSeeOther)
}
