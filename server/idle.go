package server

import (
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"
)

// A session ends after Config.IdleTimeout without a request, besides its absolute
// lifetime (Config.SessionTTL): a browser left open in an office must not stay signed in
// to dossiers of state-secret systems all day.

// DefaultIdleTimeout is the idle timeout when Config.IdleTimeout is zero.
const DefaultIdleTimeout = 30 * time.Minute

// touchEvery is how stale a session's last-seen time may get before a request writes it
// again. Writing it on every request would make every page view a database write; the
// price is that a session may live up to this much longer than the idle timeout.
const touchEvery = time.Minute

// idleCheck runs after loadSession: a session idle for longer than the timeout is ended
// and the request goes on as anonymous (401 for the API, the login page for people).
func (s *Server) idleCheck(c *fiber.Ctx) error {
	p := principalOf(c)
	if p == nil {
		return c.Next()
	}
	idle := s.cfg.Now().Sub(p.Session.LastSeen)
	switch {
	case idle > s.cfg.IdleTimeout:
		if err := s.store.DeleteSession(c.UserContext(), p.tokenHash); err != nil {
			return err
		}
		s.audit(c, slog.LevelInfo, "session.idle_timeout", "phiên làm việc kết thúc do không hoạt động",
			actor{p.User.Username, p.User.Role}, slog.Duration("idle", idle.Round(time.Second)))
		c.Locals(principalKey, nil)
	case idle >= touchEvery:
		if err := s.store.TouchSession(c.UserContext(), p.tokenHash); err != nil {
			// The request itself may go on; the session is only seen as older than it is.
			s.log.Warn("không ghi được thời điểm dùng phiên", slog.Any("err", err))
		}
	}
	return c.Next()
}
