package server

import (
	"context"
	"errors"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	"capdo/store"
)

// Security events — logins, logouts, password changes, account and organisation changes,
// dossier actions, refusals, integrity failures — are logged through slog with a stable
// "event" name, who did it (username and role), the client's address (proxy-aware, see
// proxy.go) and the route pattern, and recorded in the security log table as well
// (store/securitylog.go; the page /admin/security-log and `capdo audit log` show it). What
// is logged never includes a password, a session or setup token, a CSRF token or a session
// id: audit takes only the values below and what call sites pass, and no call site passes
// a secret.
//
// Events: login, login.failure, login.rate_limited, logout, password.change,
// password.change_failure, password.reset, user.create, user.disable, user.enable,
// user.manage_denied, user.placement, user.create_conflict, org.create_conflict,
// admin.rate_limited, login.mfa_failure, mfa.enable, mfa.change, mfa.change_failure,
// mfa.disable, mfa.reset, mfa.recovery_used,
// org.create, setup.failure, csrf.rejected, access.denied, system.create, system.update,
// dossier.generate, dossier.action, dossier.action_denied, history.invalid,
// integrity.failure, risk.record.

// actor is who an event is about: the signed-in user, or the username someone tried.
type actor struct{ username, role string }

func actorOf(c *fiber.Ctx) actor {
	if p := principalOf(c); p != nil {
		return actor{p.User.Username, p.User.Role}
	}
	return actor{}
}

// audit logs one security event and records it in the security log.
func (s *Server) audit(c *fiber.Ctx, level slog.Level, event, msg string, who actor, attrs ...slog.Attr) {
	base := make([]slog.Attr, 0, 5+len(attrs))
	base = append(base, slog.String("event", event))
	if who.username != "" {
		base = append(base, slog.String("username", who.username))
	}
	if who.role != "" {
		base = append(base, slog.String("role", who.role))
	}
	client, path := s.clientIP(c), c.Route().Path
	base = append(base, slog.String("client", client), slog.String("path", path))
	s.log.LogAttrs(c.UserContext(), level, msg, append(base, attrs...)...)

	ctx := context.WithoutCancel(c.UserContext())
	suppressed := 0
	if principalOf(c) == nil {
		var ok bool
		if ok, suppressed = s.secLog.allow(event + "\x00" + client); !ok {
			return
		}
	}
	e := store.SecurityEvent{Level: level.String(), Event: event, Username: who.username, Role: who.role,
		Client: client, Path: path, Message: msg}
	// The event belongs to the organisation of the account it is about: the signed-in
	// user's, or the one a login named.
	if p := principalOf(c); p != nil && p.User.Username == who.username {
		e.OrgID = p.User.OrgID
	} else if who.username != "" {
		if u, err := s.store.UserByUsername(ctx, who.username); err == nil {
			e.OrgID = u.OrgID
		}
	}
	for _, a := range attrs {
		if a.Key == "target" {
			e.Target = a.Value.String()
			continue
		}
		if e.Attrs == nil {
			e.Attrs = map[string]string{}
		}
		e.Attrs[a.Key] = a.Value.String()
	}
	if suppressed > 0 {
		if e.Attrs == nil {
			e.Attrs = map[string]string{}
		}
		e.Attrs["suppressed"] = strconv.Itoa(suppressed)
	}
	if err := s.store.RecordSecurityEvent(ctx, e); err != nil {
		s.log.Error("không ghi được sự kiện an ninh vào cơ sở dữ liệu", slog.String("event", event), slog.Any("err", err))
	}
}

// Security log rows of events without a signed-in user (failed logins, refused forms):
// at most secLogBurst per event and client, and secLogAll in all, per minute. Past that,
// events still go to standard error, but the table only learns how many were left out
// (the "suppressed" attribute of that client's next row), so that a flood of anonymous
// requests cannot fill the disk. A signed-in user's events are always recorded: they are
// accountable, and each of their acts writes data anyway.
const (
	secLogBurst  = 30
	secLogAll    = 1200
	secLogWindow = time.Minute
	secLogKeys   = 10000 // keys kept before old windows are swept
)

// logThrottle counts security log rows per key in fixed windows.
type logThrottle struct {
	mu   sync.Mutex
	now  func() time.Time
	keys map[string]*throttled
	all  throttled
}

type throttled struct {
	start      time.Time
	n          int
	suppressed int
}

func newLogThrottle(now func() time.Time) *logThrottle {
	return &logThrottle{now: now, keys: map[string]*throttled{}}
}

// allow reports whether a row for key may be recorded now and, when it may, how many of
// the key's rows were suppressed before it.
func (t *logThrottle) allow(key string) (bool, int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	st, ok := t.keys[key]
	if !ok {
		if len(t.keys) >= secLogKeys {
			for k, v := range t.keys {
				if now.Sub(v.start) >= secLogWindow && v.suppressed == 0 {
					delete(t.keys, k)
				}
			}
		}
		st = &throttled{start: now}
		t.keys[key] = st
	}
	for _, w := range []*throttled{st, &t.all} {
		if now.Sub(w.start) >= secLogWindow {
			w.start, w.n = now, 0
		}
	}
	if st.n >= secLogBurst || t.all.n >= secLogAll {
		st.suppressed++
		return false, 0
	}
	st.n++
	t.all.n++
	n := st.suppressed
	st.suppressed = 0
	return true, n
}

// historyCheck is the API form of a dossier's integrity check.
type historyCheck struct {
	Valid    bool            `json:"valid"`
	Keyed    bool            `json:"keyed"`
	Problems []store.Problem `json:"problems"`
	Covers   string          `json:"covers"`
}

// checkDossier verifies a dossier the caller may see (store.VerifyDossier) and logs a
// history.invalid event when it is not intact. A failure to check is shown as such.
func (s *Server) checkDossier(c *fiber.Ctx, id int64) historyCheck {
	out := historyCheck{Problems: []store.Problem{}, Covers: store.CheckCovers}
	chk, err := s.store.VerifyDossier(c.UserContext(), id)
	if err != nil {
		s.log.Error("không kiểm tra được tính toàn vẹn của hồ sơ", slog.Int64("dossier_id", id), slog.Any("err", err))
		out.Problems = append(out.Problems, store.Problem{DossierID: id, Reason: "không kiểm tra được (lỗi hệ thống)"})
		return out
	}
	out.Valid, out.Keyed = chk.OK(), chk.Keyed
	out.Problems = append(out.Problems, chk.Problems()...)
	if !out.Valid {
		attrs := []slog.Attr{slog.Int64("dossier_id", id)}
		if ps := chk.Problems(); len(ps) > 0 {
			attrs = append(attrs, slog.String("problem", ps[0].Error()))
		}
		s.audit(c, slog.LevelError, "history.invalid", "hồ sơ không toàn vẹn: lịch sử, trạng thái hoặc tài liệu không khớp bản đã niêm phong", actorOf(c), attrs...)
	}
	return out
}

// auditIntegrity logs an integrity.failure event for an error that is one: a stored
// document or manifest that does not match its SHA-256, or a sealed history that does
// not verify when a step was to be recorded on it.
func (s *Server) auditIntegrity(c *fiber.Ctx, err error) {
	if errors.Is(err, store.ErrCorrupt) || errors.Is(err, store.ErrTampered) {
		s.audit(c, slog.LevelError, "integrity.failure", "dữ liệu lưu trữ không khớp mã băm hoặc bản đã niêm phong", actorOf(c),
			slog.String("detail", err.Error()), slog.String("dossier_id", c.Params("id")))
	}
}
