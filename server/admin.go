package server

import (
	"errors"
	"log/slog"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"capdo/credential"
	"capdo/people"
	"capdo/store"
)

// Administrators manage the accounts and organisations of their own subtree only (one
// administrator per ministry or province, as on the national platform).

// Labels of the security events logged here besides those of security_log.go.
func init() {
	for e, l := range map[string]string{
		"user.placement":      "Đổi vai trò, đơn vị của tài khoản",
		"user.manage_denied":  "Từ chối quản lý tài khoản",
		"user.contact":        "Cập nhật thông tin liên hệ của tài khoản",
		"account.contact":     "Cập nhật thông tin liên hệ của chính mình",
		"org.rename":          "Đổi tên đơn vị",
		"org.move":            "Chuyển đơn vị",
		"org.change_denied":   "Từ chối sửa đơn vị",
		"org.rename_conflict": "Đổi tên đơn vị trùng tên đã có",
	} {
		if _, ok := eventLabels[e]; !ok {
			eventLabels[e] = l
		}
	}
}

type usersView struct {
	Users []store.User
	Orgs  []store.Org
	Roles []string
	// Locked says, for each listed account the administrator may not manage, why.
	Locked   map[int64]string
	Problems map[string]string
	Notice   string
	Error    string
	Form     struct {
		Username, Role string
		OrgID          int64
		Contact        people.Contact
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
	a, err := s.adminScope(c)
	if err != nil {
		return err
	}
	v.Locked = map[int64]string{}
	for _, u := range v.Users {
		if msg, _ := a.manageable(u); msg != "" {
			v.Locked[u.ID] = msg
		}
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
	case "placement":
		v.Notice = "Đã đổi vai trò, đơn vị của tài khoản; các phiên đăng nhập của tài khoản đã kết thúc."
	case "mfa":
		v.Notice = "Đã tắt xác thực hai lớp của tài khoản; các phiên đăng nhập của tài khoản đã kết thúc. Người dùng bật lại tại trang Tài khoản."
	case "contact":
		v.Notice = "Đã lưu thông tin liên hệ của tài khoản."
	}
	return s.renderUsers(c, fiber.StatusOK, v)
}

func (s *Server) userCreateForm(c *fiber.Ctx) error {
	pr := principalOf(c)
	v := usersView{Problems: map[string]string{}}
	v.Form.Username = strings.TrimSpace(c.FormValue("username"))
	v.Form.Role = strings.Clone(c.FormValue("role"))
	if he := s.namesThrottled(c); he != nil {
		v.Error = he.Message
		return s.renderUsers(c, he.Status, v)
	}
	if name, err := credential.Username(v.Form.Username); err != nil {
		v.Problems["username"] = err.Error()
	} else {
		v.Form.Username = name
	}
	switch {
	case v.Form.Role == "authority":
		v.Problems["role"] = "tài khoản cơ quan thẩm định chỉ được tạo trên máy chủ bằng lệnh «capdo users add --role authority»"
	case !slices.Contains(webRoles, v.Form.Role):
		v.Problems["role"] = "chọn một vai trò"
	}
	a, err := s.adminScope(c)
	if err != nil {
		return err
	}
	orgID, _ := strconv.ParseInt(c.FormValue("org_id"), 10, 64)
	if c.FormValue("org_id") == "" {
		orgID = pr.User.OrgID
	}
	if msg, found := a.placement(v.Form.Role, orgID); !found {
		v.Problems["org_id"] = "chọn một đơn vị thuộc phạm vi quản lý"
	} else if msg != "" && v.Form.Role != "authority" {
		v.Problems["org_id"] = msg
	}
	v.Form.OrgID = orgID
	v.Form.Contact = contactForm(c, people.Contact{}, true)
	for k, msg := range problemsOf(v.Form.Contact.Check(), "") {
		v.Problems[k] = msg
	}
	pw := c.FormValue("password")
	if err := credential.CheckPassword(pw, v.Form.Username); err != nil {
		v.Problems["password"] = err.Error()
	}
	if len(v.Problems) > 0 {
		return s.renderUsers(c, fiber.StatusBadRequest, v)
	}
	hash, err := credential.HashPassword(pw, v.Form.Username)
	if err != nil {
		return err
	}
	u, err := s.store.CreateUser(c.UserContext(), store.NewUser{Username: v.Form.Username, PasswordHash: hash, Role: v.Form.Role, OrgID: orgID,
		Contact: v.Form.Contact})
	if errors.Is(err, store.ErrConflict) {
		other, oerr := s.store.UserByUsername(c.UserContext(), v.Form.Username)
		_, inside := a.orgs[other.OrgID]
		s.nameTaken(c, oerr == nil && inside, "user.create_conflict", slog.String("tried", logText(v.Form.Username)))
		v.Problems["username"] = "tên đăng nhập đã được dùng"
		return s.renderUsers(c, fiber.StatusConflict, v)
	}
	if err != nil {
		return err
	}
	s.audit(c, slog.LevelInfo, "user.create", "tạo tài khoản", actorOf(c), targetAttrs(u)...)
	return c.Redirect("/admin/users?done=created", fiber.StatusSeeOther)
}

// Usernames and organisation names are unique in the whole installation, so "this name is
// taken" cannot be hidden from an administrator who tries a name used in another
// province. What can be done is done: the answer is the same wherever the name is used;
// each try of a name used outside the administrator's subtree is a warning in the
// security log and counts against it (key "names:ID", the login throttle's rule: 5 in 15
// minutes, then doubling waits); and once throttled, every creation is refused, whether
// the name is taken or not, so that the refusal itself tells nothing.

func namesKey(c *fiber.Ctx) string { return "names:" + strconv.FormatInt(principalOf(c).User.ID, 10) }

// namesThrottled returns the 429 of an administrator who tried too many names taken
// outside its subtree, or nil.
func (s *Server) namesThrottled(c *fiber.Ctx) *httpError {
	key := namesKey(c)
	if !s.limiter.blocked(key) {
		return nil
	}
	s.audit(c, slog.LevelWarn, "admin.rate_limited", "bị chặn: thử quá nhiều tên đã dùng ở đơn vị ngoài phạm vi", actorOf(c))
	return s.tooManyLogins(c, key)
}

// nameTaken records a creation refused because the name is taken; inside says whether
// the holder is in the administrator's subtree (where the administrator sees it anyway).
func (s *Server) nameTaken(c *fiber.Ctx, inside bool, event string, attrs ...slog.Attr) {
	if inside {
		s.audit(c, slog.LevelInfo, event, "tên đã được dùng trong phạm vi quản lý", actorOf(c), attrs...)
		return
	}
	s.limiter.fail(namesKey(c))
	s.audit(c, slog.LevelWarn, event, "tên đã được dùng ở đơn vị ngoài phạm vi quản lý", actorOf(c), append(attrs, slog.Bool("outside_scope", true))...)
}

// adminScope is what an administrator manages: the organisations of its subtree.
type adminScope struct {
	admin store.User
	orgs  map[int64]store.Org
}

func (s *Server) adminScope(c *fiber.Ctx) (adminScope, error) {
	pr := principalOf(c)
	sub, err := s.store.Subtree(c.UserContext(), pr.User.OrgID)
	if err != nil {
		return adminScope{}, err
	}
	a := adminScope{admin: pr.User, orgs: make(map[int64]store.Org, len(sub))}
	for _, o := range sub {
		a.orgs[o.ID] = o
	}
	return a, nil
}

// placement explains why the administrator may not place an account of role in the
// organisation orgID, or returns "". It is the one rule for creating an account and for
// every later act on it (password reset, disabling, a change of role or unit), so that
// managing an account can never open more to it than its creator could have:
//   - the organisation lies in the administrator's subtree (else found is false: another
//     province's organisations are not confirmed to exist);
//   - an authority account sees the level 4–5 dossiers of its whole ministry group, far
//     beyond any subtree: only the server's operator places one, at the console;
//   - an infosec account reviews the submitted dossiers of its organisation's parent
//     subtree, so that parent must lie in the administrator's subtree too: a unit's
//     administrator may not open its sibling units' dossiers to an account it handles.
func (a adminScope) placement(role string, orgID int64) (msg string, found bool) {
	o, ok := a.orgs[orgID]
	if !ok {
		return "", false
	}
	switch role {
	case "authority":
		return "tài khoản cơ quan thẩm định chỉ được tạo và quản lý trên máy chủ bằng lệnh «capdo users …»", true
	case "infosec":
		if _, ok := a.orgs[o.ParentID]; o.ParentID != 0 && !ok {
			return "đơn vị chuyên trách ATTT xem hồ sơ của cả đơn vị cấp trên; chỉ quản trị viên của đơn vị cấp trên mới tạo và quản lý được tài khoản này", true
		}
	}
	return "", true
}

// manageable explains why the administrator may not reset, disable or change the account
// u, or returns "": it could have created u (placement), and u is not an administrator
// of its own organisation (a peer); administrators above it are outside its subtree
// already. Acting on oneself is refused by each form with its own reason.
func (a adminScope) manageable(u store.User) (msg string, found bool) {
	if msg, found := a.placement(u.Role, u.OrgID); msg != "" || !found {
		return msg, found
	}
	if u.Role == "admin" && u.OrgID == a.admin.OrgID && u.ID != a.admin.ID {
		return "quản trị viên cùng đơn vị chỉ do quản trị viên cấp trên (hoặc lệnh «capdo users» trên máy chủ) quản lý", true
	}
	return "", true
}

// targetAttrs name the account an administrator acted on.
func targetAttrs(u store.User) []slog.Attr {
	return []slog.Attr{slog.String("target", u.Username), slog.String("target_role", u.Role), slog.String("target_org", u.OrgName)}
}

// userToManage returns the account named by the route's id when the signed-in
// administrator may manage it. An account outside its subtree is not found; one inside
// that it may not manage is refused with 403. Refusals are logged with the act tried.
func (s *Server) userToManage(c *fiber.Ctx, act string) (store.User, error) {
	id, err := paramID(c, "id")
	if err != nil {
		return store.User{}, err
	}
	u, err := s.store.User(c.UserContext(), id)
	if err != nil {
		return store.User{}, err
	}
	a, err := s.adminScope(c)
	if err != nil {
		return store.User{}, err
	}
	msg, found := a.manageable(u)
	if !found {
		s.audit(c, slog.LevelWarn, "user.manage_denied", "từ chối quản lý tài khoản ngoài phạm vi", actorOf(c),
			slog.String("act", act), slog.Int64("target_id", u.ID))
		return store.User{}, errNotFound
	}
	if msg != "" {
		s.audit(c, slog.LevelWarn, "user.manage_denied", "từ chối quản lý tài khoản: "+msg, actorOf(c), append(targetAttrs(u), slog.String("act", act))...)
		return store.User{}, newError(fiber.StatusForbidden, "Không được thao tác trên tài khoản «"+u.Username+"»: "+msg+".")
	}
	return u, nil
}

func (s *Server) userPasswordForm(c *fiber.Ctx) error {
	u, err := s.userToManage(c, "password.reset")
	if err != nil {
		return err
	}
	// One's own password is changed at /account, with the current password: a stolen
	// administrator session must not turn into a permanent takeover here.
	if u.ID == principalOf(c).User.ID {
		return newError(fiber.StatusConflict, "Đổi mật khẩu của chính mình tại trang Tài khoản (cần mật khẩu hiện tại).")
	}
	hash, err := credential.HashPassword(c.FormValue("password"), u.Username)
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
	u, err := s.userToManage(c, "user.disable")
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
	Error    string
	Notice   string
	// Own is the administrator's organisation: renamed or moved only from above.
	Own int64
	// Edit is the organisation being renamed or moved (?edit=ID), with the organisations
	// it may move under (its subtree left out) and its history.
	Edit    *store.Org
	Parents []store.Org
	History []store.OrgEvent
	Names   map[int64]string // organisation names, for the history's parents
}

func (s *Server) renderOrgs(c *fiber.Ctx, status int, v orgsView) error {
	var err error
	pr := principalOf(c)
	if v.Orgs, err = s.store.Subtree(c.UserContext(), pr.User.OrgID); err != nil {
		return err
	}
	v.Own, v.Names = pr.User.OrgID, map[int64]string{}
	for _, o := range v.Orgs {
		v.Names[o.ID] = o.Name
	}
	if v.Edit != nil {
		// The subtree of the organisation follows it in v.Orgs (orderTree), deeper.
		inside := false
		for _, o := range v.Orgs {
			switch {
			case o.ID == v.Edit.ID:
				inside = true
			case inside && o.Depth > v.Edit.Depth:
			default:
				inside = false
				v.Parents = append(v.Parents, o)
			}
		}
		if v.History, err = s.store.OrgHistory(c.UserContext(), v.Edit.ID); err != nil {
			return err
		}
	}
	return s.render(c, status, "orgs", "Đơn vị", v)
}

func (s *Server) orgsPage(c *fiber.Ctx) error {
	v := orgsView{}
	if c.Query("done") == "changed" {
		v.Notice = "Đã lưu thay đổi của đơn vị; thay đổi được ghi vào nhật ký an ninh và lịch sử đơn vị."
	}
	if raw := c.Query("edit"); raw != "" {
		o, err := s.orgToChange(c, raw)
		if err != nil {
			return err
		}
		v.Edit, v.Name = &o, o.Name
	}
	return s.renderOrgs(c, fiber.StatusOK, v)
}

func (s *Server) orgCreateForm(c *fiber.Ctx) error {
	pr := principalOf(c)
	v := orgsView{Problems: map[string]string{}, Name: strings.TrimSpace(c.FormValue("name"))}
	if he := s.namesThrottled(c); he != nil {
		v.Error = he.Message
		return s.renderOrgs(c, he.Status, v)
	}
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
		other, oerr := s.store.OrgByName(c.UserContext(), v.Name)
		inside := false
		if oerr == nil {
			inside, oerr = s.store.InSubtree(c.UserContext(), pr.User.OrgID, other.ID)
			if oerr != nil {
				return oerr
			}
		}
		s.nameTaken(c, inside, "org.create_conflict", slog.String("tried", logText(v.Name)))
		v.Problems["name"] = "tên đơn vị đã tồn tại"
		return s.renderOrgs(c, fiber.StatusConflict, v)
	}
	if err != nil {
		return err
	}
	s.audit(c, slog.LevelInfo, "org.create", "tạo đơn vị", actorOf(c), slog.Int64("org_id", o.ID), slog.String("org", o.Name), slog.Int64("parent_id", parent), slog.String("appraises", o.Appraises))
	return c.Redirect("/admin/orgs", fiber.StatusSeeOther)
}

// userPlacementForm gives an account another role or unit. The account must be one the
// administrator may manage, and the new placement one it could create: a change can no
// more widen what the account sees than a new account could.
func (s *Server) userPlacementForm(c *fiber.Ctx) error {
	u, err := s.userToManage(c, "user.placement")
	if err != nil {
		return err
	}
	if u.ID == principalOf(c).User.ID {
		return newError(fiber.StatusConflict, "Vai trò và đơn vị của chính mình do quản trị viên cấp trên (hoặc lệnh «capdo users» trên máy chủ) thay đổi.")
	}
	role := strings.Clone(c.FormValue("role"))
	orgID, _ := strconv.ParseInt(c.FormValue("org_id"), 10, 64)
	a, err := s.adminScope(c)
	if err != nil {
		return err
	}
	problem := ""
	switch {
	case role == "authority":
		problem = "tài khoản cơ quan thẩm định chỉ được tạo trên máy chủ bằng lệnh «capdo users add --role authority»"
	case !slices.Contains(webRoles, role):
		problem = "chọn một vai trò"
	default:
		if msg, found := a.placement(role, orgID); !found {
			problem = "chọn một đơn vị thuộc phạm vi quản lý"
		} else if msg != "" {
			problem = msg
		}
	}
	if problem != "" {
		s.audit(c, slog.LevelWarn, "user.manage_denied", "từ chối đổi vai trò, đơn vị: "+problem, actorOf(c),
			append(targetAttrs(u), slog.String("act", "user.placement"), slog.String("role", logText(role)), slog.Int64("org_id", orgID))...)
		v := usersView{Problems: map[string]string{"placement:" + strconv.FormatInt(u.ID, 10): problem}}
		return s.renderUsers(c, fiber.StatusBadRequest, v)
	}
	if role == u.Role && orgID == u.OrgID {
		return c.Redirect("/admin/users", fiber.StatusSeeOther)
	}
	if err := s.store.SetPlacement(c.UserContext(), u.ID, role, orgID); err != nil {
		return err
	}
	s.audit(c, slog.LevelInfo, "user.placement", "đổi vai trò, đơn vị của tài khoản; các phiên của tài khoản đã kết thúc", actorOf(c),
		append(targetAttrs(u), slog.String("new_role", role), slog.String("new_org", a.orgs[orgID].Name))...)
	return c.Redirect("/admin/users?done=placement", fiber.StatusSeeOther)
}

// userMFAForm turns off the second factor of an account whose owner lost its device and
// its recovery codes; the owner enrols again at its next login.
func (s *Server) userMFAForm(c *fiber.Ctx) error {
	u, err := s.userToManage(c, "mfa.reset")
	if err != nil {
		return err
	}
	if u.ID == principalOf(c).User.ID {
		return newError(fiber.StatusConflict, "Xác thực hai lớp của chính mình được đổi tại trang Tài khoản › Xác thực hai lớp.")
	}
	if !u.MFA {
		return c.Redirect("/admin/users", fiber.StatusSeeOther)
	}
	if err := s.store.DisableTOTP(c.UserContext(), u.ID); err != nil {
		return err
	}
	s.audit(c, slog.LevelWarn, "mfa.reset", "tắt xác thực hai lớp của tài khoản khác; các phiên của tài khoản đó đã kết thúc", actorOf(c), targetAttrs(u)...)
	return c.Redirect("/admin/users?done=mfa", fiber.StatusSeeOther)
}

// orgToChange resolves an organisation the administrator may rename or move: one strictly
// below its own (it could have created it, as placement asks of accounts). One outside its
// subtree is not found; its own organisation is refused (403): that is changed from above.
func (s *Server) orgToChange(c *fiber.Ctx, raw string) (store.Org, error) {
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return store.Org{}, errNotFound
	}
	a, err := s.adminScope(c)
	if err != nil {
		return store.Org{}, err
	}
	o, ok := a.orgs[id]
	if !ok {
		s.audit(c, slog.LevelWarn, "org.change_denied", "từ chối sửa đơn vị ngoài phạm vi", actorOf(c), slog.Int64("org_id", id))
		return store.Org{}, errNotFound
	}
	if id == a.admin.OrgID {
		return store.Org{}, newError(fiber.StatusForbidden, "Đơn vị của chính mình do quản trị viên cấp trên đổi tên hoặc chuyển.")
	}
	// Subtree gives depths relative to the administrator's organisation.
	sub, err := s.store.Subtree(c.UserContext(), a.admin.OrgID)
	if err != nil {
		return store.Org{}, err
	}
	for _, x := range sub {
		if x.ID == id {
			o.Depth = x.Depth
		}
	}
	return o, nil
}

// orgChangeForm renames an organisation of the administrator's subtree and/or moves it
// under another one of that subtree, never under itself or its own units: nothing leaves
// the subtree, so nobody comes to see more than the administrator could give (an infosec
// unit that moves reviews its new parent's subtree, which lies in the administrator's).
// Each change goes to the security log and the organisation's history.
func (s *Server) orgChangeForm(c *fiber.Ctx) error {
	o, err := s.orgToChange(c, c.Params("id"))
	if err != nil {
		return err
	}
	v := orgsView{Problems: map[string]string{}, Name: strings.TrimSpace(c.FormValue("name")), Edit: &o}
	if he := s.namesThrottled(c); he != nil {
		v.Error = he.Message
		return s.renderOrgs(c, he.Status, v)
	}
	if v.Name == "" || len([]rune(v.Name)) > 200 {
		v.Problems["name"] = "bắt buộc, tối đa 200 ký tự"
	}
	a, err := s.adminScope(c)
	if err != nil {
		return err
	}
	parent, _ := strconv.ParseInt(c.FormValue("parent_id"), 10, 64)
	if _, ok := a.orgs[parent]; !ok {
		v.Problems["parent_id"] = "chọn một đơn vị cấp trên thuộc phạm vi quản lý"
	}
	if len(v.Problems) > 0 {
		return s.renderOrgs(c, fiber.StatusBadRequest, v)
	}
	before, after, err := s.store.ChangeOrg(c.UserContext(), o.ID, store.OrgChange{Name: v.Name, ParentID: parent, Actor: principalOf(c).User.Username})
	switch {
	case errors.Is(err, store.ErrCycle):
		v.Problems["parent_id"] = "không thể chuyển đơn vị vào chính nó hoặc vào đơn vị trực thuộc của nó"
		return s.renderOrgs(c, fiber.StatusBadRequest, v)
	case errors.Is(err, store.ErrConflict):
		other, oerr := s.store.OrgByName(c.UserContext(), v.Name)
		_, inside := a.orgs[other.ID]
		s.nameTaken(c, oerr == nil && inside, "org.rename_conflict", slog.String("tried", logText(v.Name)))
		v.Problems["name"] = "tên đơn vị đã tồn tại"
		return s.renderOrgs(c, fiber.StatusConflict, v)
	case err != nil:
		return err
	}
	if before.Name != after.Name {
		s.audit(c, slog.LevelInfo, "org.rename", "đổi tên đơn vị", actorOf(c), slog.Int64("org_id", o.ID),
			slog.String("old_name", before.Name), slog.String("org", after.Name))
	}
	if before.ParentID != after.ParentID {
		s.audit(c, slog.LevelInfo, "org.move", "chuyển đơn vị sang đơn vị cấp trên khác", actorOf(c), slog.Int64("org_id", o.ID),
			slog.String("org", after.Name), slog.String("old_parent", a.orgs[before.ParentID].Name), slog.String("new_parent", a.orgs[after.ParentID].Name))
	}
	return c.Redirect("/admin/orgs?done=changed", fiber.StatusSeeOther)
}

// userContactForm sets an account's full name, title, phone and e-mail, for an account
// the administrator may manage (its own included).
func (s *Server) userContactForm(c *fiber.Ctx) error {
	u, err := s.userToManage(c, "user.contact")
	if err != nil {
		return err
	}
	ct := contactForm(c, u.Contact, true)
	if ps := ct.Check(); len(ps) > 0 {
		v := usersView{Problems: problemsOf(ps, "contact:"+strconv.FormatInt(u.ID, 10)+":")}
		v.Problems["contact:"+strconv.FormatInt(u.ID, 10)] = ps[0].Message
		return s.renderUsers(c, fiber.StatusBadRequest, v)
	}
	if err := s.store.SetContact(c.UserContext(), u.ID, ct); err != nil {
		return err
	}
	s.audit(c, slog.LevelInfo, "user.contact", "cập nhật thông tin liên hệ của tài khoản", actorOf(c), targetAttrs(u)...)
	return c.Redirect("/admin/users?done=contact", fiber.StatusSeeOther)
}
