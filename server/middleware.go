package server

import (
	"crypto/subtle"
	"log/slog"
	"mime"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
)

// contentSecurityPolicy allows nothing inline and nothing from elsewhere: every script and
// style is an embedded file under /static.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// hsts tells browsers to use HTTPS only, for a year, once they have seen it over HTTPS.
const hsts = "max-age=31536000"

func (s *Server) securityHeaders(c *fiber.Ctx) error {
	h := &c.Response().Header
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
	if s.secure(c) {
		// Served over HTTPS (or so configured): browsers must never fall back to plain HTTP,
		// where the session cookie and the dossiers would travel in clear.
		h.Set("Strict-Transport-Security", hsts)
	}
	if !strings.HasPrefix(c.Path(), "/static/") {
		// Pages and API answers may describe state-secret systems: no cache may keep them.
		h.Set("Cache-Control", "no-store")
	}
	return c.Next()
}

// requestLog logs one line per request. It logs the route pattern, never the raw path,
// because a path may carry a secret (/setup/{token}); it never logs cookies or bodies.
func (s *Server) requestLog(c *fiber.Ctx) error {
	start := time.Now()
	err := c.Next()
	status := c.Response().StatusCode()
	if err != nil {
		status = statusOf(err)
	}
	path := c.Route().Path
	if path == "" || path == "/" && c.Path() != "/" {
		path = "(không khớp tuyến)"
	}
	attrs := []any{
		slog.String("method", c.Method()),
		slog.String("path", path),
		slog.Int("status", status),
		slog.Duration("duration", time.Since(start)),
		slog.String("client", s.clientIP(c)),
	}
	if p := principalOf(c); p != nil {
		attrs = append(attrs, slog.Int64("user_id", p.User.ID))
	}
	s.log.Info("request", attrs...)
	return err
}

// guard enforces the route table's access rules, in this order: the login rate limit (so
// that a blocked client sees 429 whatever else is wrong), the session, the role, and then
// the cross-site request checks.
func (s *Server) guard(r route) fiber.Handler {
	return func(c *fiber.Ctx) error {
		api := isAPI(c)
		if key := "ip:" + s.clientIP(c); r.Login && s.limiter.blocked(key) {
			s.audit(c, slog.LevelWarn, "login.rate_limited", "đăng nhập bị chặn: quá nhiều lần sai từ địa chỉ này", actorOf(c))
			return s.tooManyLogins(c, key)
		}
		p := principalOf(c)
		if !r.Public {
			if p == nil {
				if api {
					return errUnauthenticated
				}
				return c.Redirect("/login?next="+url.QueryEscape(c.OriginalURL()), fiber.StatusSeeOther)
			}
			if r.Roles != nil && !slices.Contains(r.Roles, p.User.Role) {
				s.audit(c, slog.LevelWarn, "access.denied", "từ chối truy cập: vai trò không được phép", actorOf(c))
				return errRoleForbidden
			}
		}
		if c.Method() == fiber.MethodGet || c.Method() == fiber.MethodHead {
			return c.Next()
		}
		if api {
			if err := s.checkAPIRequest(c); err != nil {
				if err == errCrossSite {
					s.audit(c, slog.LevelWarn, "csrf.rejected", "từ chối yêu cầu từ trang web khác", actorOf(c), slog.String("reason", "cross_site"))
				}
				return err
			}
			return c.Next()
		}
		if !s.csrfValid(c, p) {
			s.audit(c, slog.LevelWarn, "csrf.rejected", "từ chối biểu mẫu thiếu hoặc sai mã chống giả mạo", actorOf(c), slog.String("reason", "csrf_token"))
			return errCSRF
		}
		return c.Next()
	}
}

// isAPI reports whether the request is for the JSON API. Routing is case-sensitive, so
// /API/v1/… matches no route; it is still an API path, and its 404 is JSON like every
// other answer under /api, never a page.
func isAPI(c *fiber.Ctx) bool {
	p := c.Path()
	return len(p) >= 4 && strings.EqualFold(p[:4], "/api") && (len(p) == 4 || p[4] == '/')
}

// checkAPIRequest protects the cookie-authenticated JSON API from cross-site requests
// without a token. A browser labels what it sends: every current browser adds Origin to
// a cross-origin POST (and to same-origin fetches of other methods) and Sec-Fetch-Site to
// every request, and cannot remove either from script. So a request with either header
// comes from a browser, and must be same-origin and carry a JSON (or YAML) body, which a
// page of another site cannot send without a CORS preflight that capdo never grants. A
// request with neither cannot be a cross-site browser request (and the session cookie is
// SameSite=Lax, so a cross-site POST would not carry it anyway): it comes from a program
// such as curl, whose Content-Type is whatever its user typed (curl -d sends
// application/x-www-form-urlencoded), and its body is read as JSON/YAML like any other.
func (s *Server) checkAPIRequest(c *fiber.Ctx) error {
	site, origin := c.Get("Sec-Fetch-Site"), c.Get(fiber.HeaderOrigin)
	if site == "" && origin == "" {
		return nil
	}
	if site == "cross-site" {
		return errCrossSite
	}
	if origin != "" && !s.sameOrigin(c, origin) {
		return errCrossSite
	}
	ct := c.Get(fiber.HeaderContentType)
	if ct == "" && len(c.Body()) == 0 {
		return nil // e.g. POST …/dossiers: nothing to parse
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil || !slices.Contains(bodyTypes, mt) {
		return errMediaType
	}
	return nil
}

// bodyTypes are the media types the API reads. All need a CORS preflight cross-site.
var bodyTypes = []string{"application/json", "application/yaml", "application/x-yaml", "text/yaml"}

// csrfHeader carries the form token for a script that posts without a form body.
const csrfHeader = "X-CSRF-Token"

// csrfValid checks the form's _csrf field: against the session's token when signed in,
// otherwise against the pre-login cookie (double submit), for the login and setup forms.
func (s *Server) csrfValid(c *fiber.Ctx, p *principal) bool {
	got := csrfToken(c)
	want := ""
	if p != nil {
		want = p.Session.CSRF
	} else {
		want = c.Cookies(preCSRFCookie)
	}
	return got != "" && want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// csrfToken is the token the request carries in the X-CSRF-Token header or in the form
// body, and never in the query string: a URL ends up in logs, in the history and in the
// Referer of the next request, and a token found there would let a link post a form.
// (Fiber's FormValue looks in the query string first, so it is not used here.)
func csrfToken(c *fiber.Ctx) string {
	if v := c.Get(csrfHeader); v != "" {
		return v
	}
	ct := c.Get(fiber.HeaderContentType)
	if mt, _, err := mime.ParseMediaType(ct); err == nil && mt == fiber.MIMEMultipartForm {
		if f, err := c.MultipartForm(); err == nil && len(f.Value["_csrf"]) > 0 {
			return f.Value["_csrf"][0]
		}
		return ""
	}
	// PostArgs reads an application/x-www-form-urlencoded body only, whatever the URL says.
	return string(c.Request().PostArgs().Peek("_csrf"))
}
