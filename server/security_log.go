package server

import (
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"capdo/levels"
	"capdo/review"
	"capdo/store"
)

// The security log page shows an administrator the security events about the accounts of
// its own subtree. Events about no known account (a login with an unknown name, a refused
// setup link) concern the installation as a whole: only administrators of a top-level
// organisation see them.

// eventLabels name the security events in Vietnamese; an event without a label shows its
// name.
var eventLabels = map[string]string{
	"login":                   "Đăng nhập",
	"login.failure":           "Đăng nhập thất bại",
	"login.rate_limited":      "Đăng nhập bị chặn (sai quá nhiều lần)",
	"logout":                  "Đăng xuất",
	"password.change":         "Đổi mật khẩu",
	"password.change_failure": "Đổi mật khẩu thất bại",
	"password.reset":          "Đặt lại mật khẩu tài khoản khác",
	"user.create":             "Tạo tài khoản",
	"user.disable":            "Khóa tài khoản",
	"user.enable":             "Mở khóa tài khoản",
	"org.create":              "Tạo đơn vị",
	"setup.failure":           "Liên kết khởi tạo không hợp lệ",
	"csrf.rejected":           "Từ chối yêu cầu giả mạo",
	"access.denied":           "Từ chối truy cập (vai trò)",
	"system.create":           "Đăng ký hệ thống",
	"system.update":           "Cập nhật hệ thống",
	"dossier.generate":        "Lập hồ sơ",
	"dossier.action":          "Thao tác hồ sơ",
	"dossier.action_denied":   "Từ chối thao tác hồ sơ",
	"history.invalid":         "Hồ sơ không toàn vẹn",
	"integrity.failure":       "Dữ liệu lưu trữ không khớp mã băm",
	"list.export":             "Xuất danh sách",
}

func eventLabel(e string) string {
	if l, ok := eventLabels[e]; ok {
		return l
	}
	return e
}

var levelLabels = map[string]string{"INFO": "Thông tin", "WARN": "Cảnh báo", "ERROR": "Lỗi"}

// securityView is the data of the security log page.
type securityView struct {
	Events   []store.SecurityEvent
	Names    []string // the event filter's choices
	Event    string
	User     string
	From, To string // the date filter as typed, YYYY-MM-DD
	Pager    pager
	Scope    string // whose events are shown, in words
}

// dateParam reads a YYYY-MM-DD date of the query as midnight in Vietnam.
func dateParam(c *fiber.Ctx, name string) (time.Time, string, error) {
	v := strings.TrimSpace(c.Query(name))
	if v == "" {
		return time.Time{}, "", nil
	}
	t, err := time.ParseInLocation("2006-01-02", v, review.Vietnam)
	if err != nil {
		return time.Time{}, "", badParam(name, "ngày phải có dạng năm-tháng-ngày, ví dụ 2026-03-02")
	}
	return t, v, nil
}

func (s *Server) securityLogPage(c *fiber.Ctx) error {
	pr := principalOf(c)
	ctx := c.UserContext()
	v := securityView{Event: strings.TrimSpace(c.Query("event")), User: strings.TrimSpace(c.Query("user"))}
	f := store.SecurityFilter{OrgID: pr.User.OrgID, Unattributed: pr.User.OrgParentID == 0, Event: v.Event, User: v.User}
	var err error
	if f.Since, v.From, err = dateParam(c, "from"); err != nil {
		return err
	}
	var until time.Time
	if until, v.To, err = dateParam(c, "to"); err != nil {
		return err
	}
	if !until.IsZero() {
		f.Until = until.AddDate(0, 0, 1) // the whole last day
	}
	if !f.Since.IsZero() && !f.Until.IsZero() && !f.Since.Before(f.Until) {
		return &httpError{Status: fiber.StatusBadRequest, Message: "Bộ lọc không hợp lệ.",
			Problems: []levels.Problem{{Field: "to", Message: "ngày kết thúc phải từ ngày bắt đầu trở đi"}}}
	}
	if len([]rune(v.User)) > 64 || len([]rune(v.Event)) > 64 {
		return badParam("user", "tối đa 64 ký tự")
	}
	page, err := pageNumber(c)
	if err != nil {
		return err
	}
	total, err := s.store.CountSecurityEvents(ctx, f)
	if err != nil {
		return err
	}
	page = clampPage(page, total)
	f.Limit, f.Offset = pageSize, (page-1)*pageSize
	if v.Events, err = s.store.SecurityEvents(ctx, f); err != nil {
		return err
	}
	if v.Names, err = s.store.SecurityEventNames(ctx); err != nil {
		return err
	}
	for name := range eventLabels {
		if !slices.Contains(v.Names, name) {
			v.Names = append(v.Names, name)
		}
	}
	sort.Strings(v.Names)
	v.Scope = "các tài khoản thuộc " + pr.User.OrgName + " và đơn vị trực thuộc"
	if f.Unattributed {
		v.Scope += ", và các sự kiện không gắn với tài khoản nào (đăng nhập bằng tên không tồn tại, liên kết khởi tạo)"
	}
	q := url.Values{}
	for k, val := range map[string]string{"event": v.Event, "user": v.User, "from": v.From, "to": v.To} {
		if val != "" {
			q.Set(k, val)
		}
	}
	v.Pager = newPager("/admin/security-log", q, page, total, "sự kiện")
	return s.render(c, fiber.StatusOK, "security_log", "Nhật ký an ninh", v)
}

// attrsText writes an event's attributes as "key=value", in key order.
func attrsText(m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+"="+strconv.Quote(m[k]))
	}
	return strings.Join(parts, " ")
}

// The page's template functions join the shared ones (render.go) before any view is
// parsed.
func init() {
	funcs["eventLabel"] = eventLabel
	funcs["levelLabel"] = func(l string) string { return levelLabels[l] }
	funcs["attrsText"] = attrsText
	funcs["datetimeSec"] = func(t time.Time) string { return fmtTime(t, "02/01/2006 15:04:05") }
}
