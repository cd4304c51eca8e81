package server

import (
	"log/slog"

	"github.com/gofiber/fiber/v2"
)

// Security events — logins, logouts, password changes, account and organisation changes,
// dossier actions — are logged through slog with a stable "event" name, who did it
// (username and role), the client's address (proxy-aware, see proxy.go) and the route
// pattern. What is logged never includes a password, a session or setup token, a CSRF
// token or a session id: audit takes only the values below and what call sites pass,
// and no call site passes a secret.
//
// Events: login, login.failure, login.rate_limited, logout, password.change,
// password.change_failure, password.reset, user.create, user.disable, user.enable,
// user.manage_denied, user.placement, user.create_conflict, org.create_conflict,
// admin.rate_limited, login.mfa_failure, mfa.enable, mfa.change, mfa.change_failure,
// mfa.disable, mfa.reset, mfa.recovery_used,
// org.create, setup.failure, csrf.rejected, system.create, system.update,
// dossier.generate, dossier.action, dossier.action_denied.

// actor is who an event is about: the signed-in user, or the username someone tried.
type actor struct{ username, role string }

func actorOf(c *fiber.Ctx) actor {
	if p := principalOf(c); p != nil {
		return actor{p.User.Username, p.User.Role}
	}
	return actor{}
}

// audit logs one security event.
func (s *Server) audit(c *fiber.Ctx, level slog.Level, event, msg string, who actor, attrs ...slog.Attr) {
	base := make([]slog.Attr, 0, 5+len(attrs))
	base = append(base, slog.String("event", event))
	if who.username != "" {
		base = append(base, slog.String("username", who.username))
	}
	if who.role != "" {
		base = append(base, slog.String("role", who.role))
	}
	base = append(base, slog.String("client", s.clientIP(c)), slog.String("path", c.Route().Path))
	s.log.LogAttrs(c.UserContext(), level, msg, append(base, attrs...)...)
}
