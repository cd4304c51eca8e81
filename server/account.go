package server

import (
	"errors"
	"log/slog"
	"strings"

	"github.com/gofiber/fiber/v2"

	"capdo/credential"
	"capdo/people"
	"capdo/store"
)

// accountView is the data of the signed-in user's own page.
type accountView struct {
	Problems map[string]string
	Notice   string
	Error    string
	// Contact is the contact form: the account's details, or what was typed when refused.
	Contact people.Contact
	// Placement says who may change the account's role and unit (placementNote).
	Placement string
}

// newAccountView is the page for u, with the details u has.
func newAccountView(u store.User) accountView {
	return accountView{Problems: map[string]string{}, Contact: u.Contact, Placement: placementNote(u)}
}

// placementNote says who may change u's role and unit, as admin.go's placement and
// manageable rules decide: never u itself; for an authority account only the console; for
// an administrator an administrator above its unit or the console; for an infosec account,
// whose work covers its unit's parent, an administrator of that parent (or above) or the
// console; for the others any administrator of their unit or above, or the console.
func placementNote(u store.User) string {
	const console = " hoặc người quản trị máy chủ bằng lệnh «capdo users set»"
	switch u.Role {
	case "authority":
		return "Vai trò và đơn vị của tài khoản cơ quan thẩm định chỉ do người quản trị máy chủ thay đổi, bằng lệnh «capdo users set»."
	case "admin":
		return "Vai trò và đơn vị của bạn do quản trị viên của đơn vị cấp trên (tại trang Người dùng)" + console + " thay đổi; quản trị viên cùng đơn vị không thay đổi được."
	case "infosec":
		return "Vai trò và đơn vị của bạn do quản trị viên quản lý đơn vị cấp trên của đơn vị bạn (đơn vị chuyên trách ATTT xem hồ sơ của cả đơn vị cấp trên; tại trang Người dùng)" + console + " thay đổi."
	}
	return "Vai trò và đơn vị của bạn do quản trị viên của đơn vị bạn hoặc đơn vị cấp trên (tại trang Người dùng)" + console + " thay đổi."
}

func (s *Server) accountPage(c *fiber.Ctx) error {
	v := newAccountView(principalOf(c).User)
	switch c.Query("done") {
	case "password":
		v.Notice = "Đã đổi mật khẩu. Mọi phiên đăng nhập khác của tài khoản đã kết thúc."
	case "contact":
		v.Notice = "Đã lưu thông tin liên hệ."
	}
	return s.render(c, fiber.StatusOK, "account", "Tài khoản", v)
}

// contactForm reads the contact fields of a form; the title only when withTitle (an
// administrator sets it; a user keeps the one it has).
func contactForm(c *fiber.Ctx, current people.Contact, withTitle bool) people.Contact {
	ct := people.Contact{FullName: strings.Clone(c.FormValue("full_name")), Title: current.Title,
		Phone: strings.Clone(c.FormValue("phone")), Email: strings.Clone(c.FormValue("email"))}
	if withTitle {
		ct.Title = strings.Clone(c.FormValue("title"))
	}
	return ct
}

// problemsOf keys the problems of a contact by form field, with prefix.
func problemsOf(ps []people.Problem, prefix string) map[string]string {
	out := map[string]string{}
	for _, p := range ps {
		out[prefix+p.Field] = p.Message
	}
	return out
}

// accountContactForm lets the signed-in user change its own full name, phone and e-mail;
// the title (chức vụ) is the administrator's to set.
func (s *Server) accountContactForm(c *fiber.Ctx) error {
	u := principalOf(c).User
	ct := contactForm(c, u.Contact, false)
	if ps := ct.Check(); len(ps) > 0 {
		v := newAccountView(u)
		v.Contact, v.Problems = ct, problemsOf(ps, "")
		return s.render(c, fiber.StatusBadRequest, "account", "Tài khoản", v)
	}
	if err := s.store.SetContact(c.UserContext(), u.ID, ct); err != nil {
		return err
	}
	s.audit(c, slog.LevelInfo, "account.contact", "cập nhật thông tin liên hệ của chính mình", actorOf(c))
	return c.Redirect("/account?done=contact", fiber.StatusSeeOther)
}

// accountPasswordForm changes the signed-in user's own password. The current password is
// checked like a login (checkCurrentPassword): a wrong one counts against this username
// from this client, so a left-open session cannot be used to guess it. On success every
// session of the user ends, and this one continues under a new session id and CSRF token.
func (s *Server) accountPasswordForm(c *fiber.Ctx) error {
	u := principalOf(c).User
	current, pw := c.FormValue("current"), c.FormValue("password")
	v := newAccountView(u)
	if err := s.checkCurrentPassword(c, "password.change", current); err != nil {
		var he *httpError
		switch {
		case errors.Is(err, errWrongCurrent):
			v.Problems["current"] = errWrongCurrent.Message
			return s.render(c, fiber.StatusBadRequest, "account", "Tài khoản", v)
		case errors.As(err, &he):
			v.Error = he.Message
			return s.render(c, he.Status, "account", "Tài khoản", v)
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
