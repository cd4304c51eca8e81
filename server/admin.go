package server

import (
	"errors"
	"log/slog"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"capdo/store"
)

// Administrators manage the accounts and organisations of their own subtree only (one
// administrator per ministry or province, as on the national platform).

type usersView struct {
	Users    []store.User
	Orgs     []store.Org
	Roles    []string
	Problems map[string]string
	Notice   string
	Form     struct {
		Username, Role string
		OrgID          int64
	}
}

func (s *Server) renderUsers(c *fiber.Ctx, status int, v usersView) error {
	pr := principalOf(c)
	var err error
	if v.Users, err = s.store.UsersIn(c.UserContext(), pr.User.OrgID); err != nil {
		return err
	}
	if v.Orgs, err = s.store.Subtree(c.UserContext(), pr.User.OrgID); err != nil {
		return err
	}
	v.Roles = webRoles
	return s.render(c, status, "users", "Người dùng", v)
}

// webRoles are the roles an administrator may give in the browser. An authority account
// sees the submitted level 4–5 dossiers of every organisation of its ministry group, far
// beyond any administrator's subtree, so only the server's operator creates one, at the
// console (capdo users add --role authority).
var webRoles = slices.DeleteFunc(slices.Clone(store.Roles), func(r string) bool { return r == "authority" })

func (s *Server) usersPage(c *fiber.Ctx) error {
	v := usersView{}
	switch c.Query("done") {
	case "created":
		v.Notice = "Đã tạo tài khoản."
	case "password":
		v.Notice = "Đã đặt lại mật khẩu; các phiên đăng nhập của tài khoản đã kết thúc."
	case "disabled":
		v.Notice = "Đã cập nhật trạng thái tài khoản."
	}
	return s.renderUsers(c, fiber.StatusOK, v)
}

func (s *Server) userCreateForm(c *fiber.Ctx) error {
	pr := principalOf(c)
	v := usersView{Problems: map[string]string{}}
	v.Form.Username = strings.TrimSpace(c.FormValue("username"))
	v.Form.Role = strings.Clone(c.FormValue("role"))
	if v.Form.Username == "" || len(v.Form.Username) > 64 || strings.ContainsAny(v.Form.Username, " \t\r\n") {
		v.Problems["username"] = "bắt buộc, tối đa 64 ký tự, không có khoảng trắng"
	}
	switch {
	case v.Form.Role == "authority":
		v.Problems["role"] = "tài khoản cơ quan thẩm định chỉ được tạo trên máy chủ bằng lệnh «capdo users add --role authority»"
	case !slices.Contains(webRoles, v.Form.Role):
		v.Problems["role"] = "chọn một vai trò"
	}
	orgID, err := s.orgInScope(c, pr, c.FormValue("org_id"))
	if err != nil {
		v.Problems["org_id"] = "chọn một đơn vị thuộc phạm vi quản lý"
	} else if v.Form.Role == "infosec" {
		if msg, err := s.infosecPlacement(c, pr, orgID); err != nil {
			return err
		} else if msg != "" {
			v.Problems["org_id"] = msg
		}
	}
	v.Form.OrgID = orgID
	pw := c.FormValue("password")
	if err := CheckPasswordRules(pw); err != nil {
		v.Problems["password"] = err.Error()
	}
	if len(v.Problems) > 0 {
		return s.renderUsers(c, fiber.StatusBadRequest, v)
	}
	hash, err := HashPassword(pw)
	if err != nil {
		return err
	}
	u, err := s.store.CreateUser(c.UserContext(), store.NewUser{Username: v.Form.Username, PasswordHash: hash, Role: v.Form.Role, OrgID: orgID})
	if errors.Is(err, store.ErrConflict) {
		v.Problems["username"] = "tên đăng nhập đã được dùng"
		return s.renderUsers(c, fiber.StatusConflict, v)
	}
	if err != nil {
		return err
	}
	s.audit(c, slog.LevelInfo, "user.create", "tạo tài khoản", actorOf(c), targetAttrs(u)...)
	return c.Redirect("/admin/users?done=created", fiber.StatusSeeOther)
}

// infosecPlacement explains why an infosec account may not be placed in org, or returns
// "". Such an account reviews the submitted dossiers of its organisation's parent subtree,
// so the parent must lie within the administrator's own subtree: a unit's administrator
// may not open its sibling units' dossiers to an account it made.
func (s *Server) infosecPlacement(c *fiber.Ctx, pr *principal, orgID int64) (string, error) {
	o, err := s.store.Org(c.UserContext(), orgID)
	if err != nil {
		return "", err
	}
	if o.ParentID == 0 {
		return "", nil
	}
	ok, err := s.store.InSubtree(c.UserContext(), pr.User.OrgID, o.ParentID)
	if err != nil || ok {
		return "", err
	}
	return "đơn vị chuyên trách ATTT xem hồ sơ của cả đơn vị cấp trên; chỉ quản trị viên của đơn vị cấp trên mới tạo được tài khoản này", nil
}

// targetAttrs name the account an administrator acted on.
func targetAttrs(u store.User) []slog.Attr {
	return []slog.Attr{slog.String("target", u.Username), slog.String("target_role", u.Role), slog.String("target_org", u.OrgName)}
}

// userInScope returns a user of the admin's subtree; any other id is not found.
func (s *Server) userInScope(c *fiber.Ctx) (store.User, error) {
	id, err := paramID(c, "id")
	if err != nil {
		return store.User{}, err
	}
	u, err := s.store.User(c.UserContext(), id)
	if err != nil {
		return store.User{}, err
	}
	ok, err := s.store.InSubtree(c.UserContext(), principalOf(c).User.OrgID, u.OrgID)
	if err != nil {
		return store.User{}, err
	}
	if !ok {
		return store.User{}, errNotFound
	}
	return u, nil
}

func (s *Server) userPasswordForm(c *fiber.Ctx) error {
	u, err := s.userInScope(c)
	if err != nil {
		return err
	}
	// One's own password is changed at /account, with the current password: a stolen
	// administrator session must not turn into a permanent takeover here.
	if u.ID == principalOf(c).User.ID {
		return newError(fiber.StatusConflict, "Đổi mật khẩu của chính mình tại trang Tài khoản (cần mật khẩu hiện tại).")
	}
	hash, err := HashPassword(c.FormValue("password"))
	if err != nil {
		v := usersView{Problems: map[string]string{"reset:" + strconv.FormatInt(u.ID, 10): err.Error()}}
		return s.renderUsers(c, fiber.StatusBadRequest, v)
	}
	if err := s.store.SetPassword(c.UserContext(), u.ID, hash); err != nil {
		return err
	}
	s.audit(c, slog.LevelInfo, "password.reset", "đặt lại mật khẩu của tài khoản khác; các phiên của tài khoản đó đã kết thúc", actorOf(c), targetAttrs(u)...)
	return c.Redirect("/admin/users?done=password", fiber.StatusSeeOther)
}

func (s *Server) userDisabledForm(c *fiber.Ctx) error {
	u, err := s.userInScope(c)
	if err != nil {
		return err
	}
	if u.ID == principalOf(c).User.ID {
		return newError(fiber.StatusConflict, "Không thể tự khóa tài khoản đang đăng nhập.")
	}
	disable := c.FormValue("disabled") == "true"
	if err := s.store.SetDisabled(c.UserContext(), u.ID, disable); err != nil {
		return err
	}
	if disable {
		s.audit(c, slog.LevelInfo, "user.disable", "khóa tài khoản; các phiên của tài khoản đã kết thúc", actorOf(c), targetAttrs(u)...)
	} else {
		s.audit(c, slog.LevelInfo, "user.enable", "mở khóa tài khoản", actorOf(c), targetAttrs(u)...)
	}
	return c.Redirect("/admin/users?done=disabled", fiber.StatusSeeOther)
}

type orgsView struct {
	Orgs     []store.Org
	Problems map[string]string
	Name     string
}

func (s *Server) renderOrgs(c *fiber.Ctx, status int, v orgsView) error {
	var err error
	if v.Orgs, err = s.store.Subtree(c.UserContext(), principalOf(c).User.OrgID); err != nil {
		return err
	}
	return s.render(c, status, "orgs", "Đơn vị", v)
}

func (s *Server) orgsPage(c *fiber.Ctx) error { return s.renderOrgs(c, fiber.StatusOK, orgsView{}) }

func (s *Server) orgCreateForm(c *fiber.Ctx) error {
	pr := principalOf(c)
	v := orgsView{Problems: map[string]string{}, Name: strings.TrimSpace(c.FormValue("name"))}
	if v.Name == "" || len([]rune(v.Name)) > 200 {
		v.Problems["name"] = "bắt buộc, tối đa 200 ký tự"
	}
	// Which ministry group an organisation appraises matters to authority accounts only,
	// and those are made at the console; so is the group (capdo users add --appraises).
	if a := c.FormValue("appraises"); a != "" && a != store.AppraisesCivil {
		v.Problems["appraises"] = "nhóm hệ thống mà cơ quan thẩm định phụ trách chỉ đặt được trên máy chủ (capdo users add --appraises)"
	}
	parent, err := s.orgInScope(c, pr, c.FormValue("parent_id"))
	if err != nil {
		v.Problems["parent_id"] = "chọn một đơn vị thuộc phạm vi quản lý"
	}
	if len(v.Problems) > 0 {
		return s.renderOrgs(c, fiber.StatusBadRequest, v)
	}
	o, err := s.store.CreateOrg(c.UserContext(), store.NewOrg{Name: v.Name, ParentID: parent})
	if errors.Is(err, store.ErrConflict) {
		v.Problems["name"] = "tên đơn vị đã tồn tại"
		return s.renderOrgs(c, fiber.StatusConflict, v)
	}
	if err != nil {
		return err
	}
	s.audit(c, slog.LevelInfo, "org.create", "tạo đơn vị", actorOf(c), slog.Int64("org_id", o.ID), slog.String("org", o.Name), slog.Int64("parent_id", parent), slog.String("appraises", o.Appraises))
	return c.Redirect("/admin/orgs", fiber.StatusSeeOther)
}
