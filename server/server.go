// Package server is capdo's web application: HTML pages for people and the JSON API of
// docs/contract.md §4, over the store. It is the only package that imports Fiber.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"sync/atomic"
	"time"

	"github.com/gofiber/fiber/v2"

	"capdo/dossier"
	"capdo/levels"
	"capdo/notify"
	"capdo/registry"
	"capdo/risk"
	"capdo/store"
)

// Config holds what the server needs besides its collaborators.
type Config struct {
	// SecureCookies marks cookies Secure; set it when the server is reached over HTTPS.
	SecureCookies bool
	// SessionTTL is how long a login lasts (8 hours when zero).
	SessionTTL time.Duration
	// IdleTimeout ends a session not used for this long (DefaultIdleTimeout when zero).
	IdleTimeout time.Duration
	// Now is the clock for sessions, rate limits and deadlines (time.Now when nil). Tests
	// set it together with the store's clock.
	Now func() time.Time
	// UploadLimit is the size limit of one document uploaded to a dossier
	// (registry.DefaultUploadLimits when zero); the request body limit grows with it.
	UploadLimit int64
	// TrustedProxies are the reverse proxies in front of capdo. Only a request whose TCP
	// peer is in one of them has its X-Forwarded-For (client address), X-Forwarded-Proto
	// (scheme) and X-Forwarded-Host read; with none, those headers are always ignored.
	TrustedProxies []netip.Prefix
	// RiskMatrix scores cyber risk registers (`capdo serve --risk-matrix`); nil: the
	// provisional matrix shipped with capdo (risk.DefaultMatrix).
	RiskMatrix *risk.Matrix
	// RequireMFA sends administrator and authority accounts without a second factor to its
	// enrolment page after login, and lets them do nothing else until they have one.
	RequireMFA bool
	// Notify configures notifications (notifications.go): the reminder before a deadline
	// and the optional e-mail. Its clock and logger are the server's.
	Notify notify.Config
}

// Server serves capdo over HTTP.
type Server struct {
	cfg     Config
	store   store.Store
	rules   *levels.RuleSet
	engine  *dossier.Engine
	reg     *registry.Registry // every domain operation goes through it
	log     *slog.Logger
	app     *fiber.App
	views   *views
	limiter *loginThrottle
	proxies trustedProxies
	secLog  *logThrottle // audit.go
	pdfs    *pdfCache    // dossier_final.go
	notify  *notify.Service
	// overTLS is set by ServeTLS: every request came over HTTPS.
	overTLS atomic.Bool
}

// New builds the server. rules is the rule set new classifications and dossiers use (an
// agency's rule file is read again here, to be stored with its dossiers); engine renders
// dossiers. Dossiers already made keep the rule set and procedure they pinned.
func New(cfg Config, st store.Store, rules *levels.RuleSet, engine *dossier.Engine, log *slog.Logger) (*Server, error) {
	if cfg.SessionTTL == 0 {
		cfg.SessionTTL = 8 * time.Hour
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = DefaultIdleTimeout
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	v, err := loadViews()
	if err != nil {
		return nil, err
	}
	reg, err := registry.New(st, engine, rules, cfg.Now)
	if err != nil {
		return nil, err
	}
	reg.SetUploadLimits(registry.UploadLimits{FileBytes: cfg.UploadLimit})
	reg.SetRiskMatrix(cfg.RiskMatrix)
	// The days administrators recorded join the working-day calendar (registry/calendar.go).
	warnings, err := reg.LoadCalendar(context.Background())
	if err != nil {
		return nil, err
	}
	for _, w := range warnings {
		log.Warn("lịch ngày làm việc", slog.String("warning", w))
	}
	s := &Server{cfg: cfg, store: st, rules: rules, engine: engine, reg: reg, log: log, views: v}
	s.startNotifications()
	for _, p := range cfg.TrustedProxies {
		s.proxies = append(s.proxies, normalPrefix(p))
	}
	s.limiter = newLoginThrottle(st, UserLoginFailures, AddressLoginFailures, LoginWindow, cfg.Now, log)
	s.secLog = newLogThrottle(cfg.Now)
	s.pdfs = newPDFCache(pdfCacheBytes)
	s.app = fiber.New(fiber.Config{
		AppName:               "capdo",
		DisableStartupMessage: true,
		ErrorHandler:          s.handleError,
		// A profile is at most 4 MiB (levels.MaxProfileBytes); an uploaded document, with
		// its multipart envelope, may be larger.
		// An inventory to import may be larger still: its routes say so (route.MaxBody,
		// bodylimit.go).
		BodyLimit:      defaultBodyLimit(reg),
		ReadTimeout:    15 * time.Second,
		WriteTimeout:   60 * time.Second,
		IdleTimeout:    120 * time.Second,
		ReadBufferSize: 16 << 10,
		// One spelling per route: /API/v1/… is not the API under another name, and an
		// unknown path under /api answers a JSON 404 (isAPI), never a page.
		CaseSensitive: true,
		// Fiber trusts forwarded headers from anyone unless this is set; with it set and no
		// TrustedProxies it trusts no one, and proxy.go reads them for configured proxies.
		EnableTrustedProxyCheck: true,
	})
	s.routes()
	return s, nil
}

// Registry returns the domain operations the server goes through, for start-up work such
// as pinning the dossiers made before procedures were pinned (registry.PinLegacy).
func (s *Server) Registry() *registry.Registry { return s.reg }

// App returns the Fiber application, for tests through app.Test.
func (s *Server) App() *fiber.App { return s.app }

// Serve answers requests on ln until ctx is cancelled, then finishes the requests in flight
// (at most 10 s) and returns. Connections that have not sent a request yet are closed at
// once (silentListener).
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	sl := newSilentListener(ln)
	done := make(chan error, 1)
	go func() {
		<-ctx.Done()
		sl.stop()
		err := s.app.ShutdownWithTimeout(10 * time.Second)
		// Shutdown may run before Listener has started serving (a signal during start-up),
		// and then it has nothing to stop: closing the listener ends Listener either way.
		ln.Close()
		done <- err
	}()
	defer s.startJobs(ctx)()
	if err := s.app.Listener(sl); err != nil && ctx.Err() == nil {
		return fmt.Errorf("server: %w", err)
	}
	if err := <-done; err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("server: shutdown: %w", err)
	}
	return nil
}

// startJobs starts the background work of a serving server — the session sweep and the
// notification job — and returns what stops it. The notification job stops with the
// server, before Serve returns: the database outlives it.
func (s *Server) startJobs(ctx context.Context) (stop func()) {
	go s.sweepSessions(ctx)
	jobCtx, stopJob := context.WithCancel(ctx)
	jobDone := make(chan struct{})
	go func() { s.notify.Run(jobCtx); close(jobDone) }()
	return func() { stopJob(); <-jobDone }
}

// sweepSessions deletes expired and idle sessions every hour so the table does not grow
// forever.
func (s *Server) sweepSessions(ctx context.Context) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		n, err := s.store.DeleteExpiredSessions(ctx)
		if err == nil {
			var idle int64
			idle, err = s.store.DeleteIdleSessions(ctx, s.cfg.Now().Add(-s.cfg.IdleTimeout))
			n += idle
		}
		if err != nil && ctx.Err() == nil {
			s.log.Warn("xóa phiên hết hạn thất bại", slog.Any("err", err))
		} else if n > 0 {
			s.log.Info("đã xóa phiên hết hạn", slog.Int64("count", n))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
