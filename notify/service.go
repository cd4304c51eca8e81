package notify

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/textproto"
	"time"

	"capdo/mail"
	"capdo/review"
	"capdo/store"
	"capdo/workdays"
)

// Store is what the service needs of persistence.
type Store interface {
	DossierStage(ctx context.Context, id int64) (store.DossierStage, error)
	StagesToNotify(ctx context.Context, since time.Time) ([]store.DossierStage, error)
	EnabledUsersWithRoles(ctx context.Context, roles []string) ([]store.User, error)
	OrgParents(ctx context.Context) (map[int64]int64, error)
	AddNotifications(ctx context.Context, ns []store.NewNotification) (int, error)
	store.Outbox
	ClaimJob(ctx context.Context, name, holder string, ttl time.Duration) (bool, error)
	ReleaseJob(ctx context.Context, name, holder string) error
}

// Config says how the service notifies.
type Config struct {
	// DueSoonDays is how many working days before a stage's deadline its holder is
	// reminded (`capdo serve --due-soon-days`, 3 by default); 0 reminds on the day itself,
	// a negative number never.
	DueSoonDays int
	// Mail is the SMTP server e-mails go through; nil sends none (and queues none).
	Mail *mail.Config
	// PublicURL is the address people open capdo at, for the links in e-mails
	// (`capdo serve --public-url`).
	PublicURL string
	// Calendar counts working days (review.Calendar when nil).
	Calendar *workdays.Calendar
	// Now is the clock (time.Now when nil).
	Now func() time.Time
	Log *slog.Logger
	// Interval is the time between two runs of the periodic job (a minute when zero).
	Interval time.Duration
}

// Job and outbox settings.
const (
	jobName = "notify"
	// leaseTTL is how long a run may hold the job without renewing its lease; a run renews
	// it before each e-mail, whose exchange is bounded by mail.Config.Timeout.
	leaseTTL = 2 * time.Minute
	// catchUp is how far back the job looks for steps whose request could not notify (a
	// database error, a crash between the step and its notifications).
	catchUp = 24 * time.Hour
	// mailBatch is how many e-mails one run sends at most; the rest wait for the next.
	mailBatch = 50
	// maxAttempts: after this many failed attempts over about a day an e-mail is given up
	// (and logged); a permanent refusal (5xx) gives up at once.
	maxAttempts = 12
)

// Backoff is the wait after the n-th failed attempt (n ≥ 1): a minute, doubling, at most
// six hours.
func Backoff(n int) time.Duration {
	d := time.Minute
	for i := 1; i < n && d < 6*time.Hour; i++ {
		d *= 2
	}
	return min(d, 6*time.Hour)
}

// Service makes notifications and sends their e-mails. It is safe for concurrent use.
type Service struct {
	st     Store
	cfg    Config
	holder string // this process's name in job leases
	kick   chan struct{}
}

// New returns a service over st.
func New(st Store, cfg Config) *Service {
	if cfg.Calendar == nil {
		cfg.Calendar = review.Calendar
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Interval == 0 {
		cfg.Interval = time.Minute
	}
	var b [8]byte
	rand.Read(b[:])
	return &Service{st: st, cfg: cfg, holder: hex.EncodeToString(b[:]), kick: make(chan struct{}, 1)}
}

// audience is what a rule chooses recipients from, read once per run.
type audience struct {
	tree       Tree
	candidates []store.User
}

func (s *Service) audience(ctx context.Context) (audience, error) {
	parents, err := s.st.OrgParents(ctx)
	if err != nil {
		return audience{}, err
	}
	us, err := s.st.EnabledUsersWithRoles(ctx, CandidateRoles)
	return audience{tree: Tree(parents), candidates: us}, err
}

// DossierMoved notifies the users who hold the next step of dossier id, right after a
// step: the registry calls it (registry.Registry.OnStep). A failure leaves the
// notifications to the periodic job, which looks back a day; the e-mails go out from the
// job, never in the request.
func (s *Service) DossierMoved(ctx context.Context, id int64) error {
	d, err := s.st.DossierStage(ctx, id)
	if err != nil {
		return err
	}
	a, err := s.audience(ctx)
	if err != nil {
		return err
	}
	n, err := s.st.AddNotifications(ctx, s.notificationsFor(d, a, time.Time{}))
	if err != nil {
		return err
	}
	if n > 0 && s.cfg.Mail != nil {
		s.Kick()
	}
	return nil
}

// notificationsFor lists what is due about stage d now: the step that entered it when it
// was entered at or after since, and its deadline's notice.
func (s *Service) notificationsFor(d store.DossierStage, a audience, since time.Time) []store.NewNotification {
	now := s.cfg.Now()
	var kinds []Kind
	if k, ok := StepKind(d.Status); ok && !d.Since.Before(since) {
		kinds = append(kinds, k)
	}
	if k, ok := DueKind(d, now, s.cfg.DueSoonDays, s.cfg.Calendar); ok {
		kinds = append(kinds, k)
	}
	var out []store.NewNotification
	for _, k := range kinds {
		text := InAppText(k, d, now, s.cfg.Calendar)
		for _, u := range Recipients(k, d, a.tree, a.candidates) {
			n := store.NewNotification{UserID: u.ID, DossierID: d.DossierID, Kind: string(k), Stage: d.Since, Text: text}
			if s.cfg.Mail != nil && u.Email != "" {
				m := Mail(k, d, u, s.cfg.PublicURL, now, s.cfg.Calendar)
				n.Mail = &m
			}
			out = append(out, n)
		}
	}
	return out
}

// Report is what one run of the job did.
type Report struct {
	Skipped bool // another server holds the job
	Added   int  // notifications made
	Sent    int  // e-mails sent
	Failed  int  // attempts that failed
}

// RunOnce runs the job once, unless another server sharing the database runs it now: the
// notices of deadlines, the notifications a request could not make, then the e-mails due.
func (s *Service) RunOnce(ctx context.Context) (Report, error) {
	var r Report
	ok, err := s.st.ClaimJob(ctx, jobName, s.holder, leaseTTL)
	if err != nil {
		return r, err
	}
	if !ok {
		r.Skipped = true
		return r, nil
	}
	defer s.st.ReleaseJob(context.WithoutCancel(ctx), jobName, s.holder)
	stages, err := s.st.StagesToNotify(ctx, s.cfg.Now().Add(-catchUp))
	if err != nil {
		return r, err
	}
	if len(stages) > 0 {
		a, err := s.audience(ctx)
		if err != nil {
			return r, err
		}
		var ns []store.NewNotification
		since := s.cfg.Now().Add(-catchUp)
		for _, d := range stages {
			ns = append(ns, s.notificationsFor(d, a, since)...)
		}
		if r.Added, err = s.st.AddNotifications(ctx, ns); err != nil {
			return r, err
		}
	}
	if s.cfg.Mail != nil {
		err = s.drain(ctx, &r)
	}
	return r, err
}

// drain sends the e-mails due, each claimed first (store.ClaimMail) with the time of its
// next attempt should this one fail or the server stop mid-way.
func (s *Service) drain(ctx context.Context, r *Report) error {
	ms, err := s.st.PendingMail(ctx, mailBatch)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if ctx.Err() != nil {
			return nil
		}
		if ok, err := s.st.ClaimJob(ctx, jobName, s.holder, leaseTTL); err != nil || !ok {
			return err // the lease ran out: another server carries on
		}
		ok, err := s.st.ClaimMail(ctx, m, s.cfg.Now().Add(Backoff(m.Attempts+1)))
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		err = s.cfg.Mail.Send(ctx, mail.Message{To: []string{m.To}, Subject: m.Subject, Body: m.Body})
		if err == nil {
			r.Sent++
			if err := s.st.MailSent(ctx, m.ID); err != nil {
				return err
			}
			continue
		}
		r.Failed++
		giveUp := m.Attempts+1 >= maxAttempts || permanent(err)
		if giveUp {
			s.cfg.Log.Error("thư thông báo không gửi được, đã ngừng thử", slog.Int64("mail_id", m.ID), slog.Int("attempts", m.Attempts+1), slog.Any("err", err))
		} else {
			s.cfg.Log.Warn("thư thông báo chưa gửi được, sẽ thử lại", slog.Int64("mail_id", m.ID), slog.Int("attempts", m.Attempts+1),
				slog.Duration("retry_in", Backoff(m.Attempts+1)), slog.Any("err", err))
		}
		if err := s.st.MailFailed(ctx, m.ID, err.Error(), giveUp); err != nil {
			return err
		}
	}
	return nil
}

// permanent reports an SMTP refusal that no retry changes (a 5xx reply: no such
// mailbox, a sender refused).
func permanent(err error) bool {
	var te *textproto.Error
	return errors.As(err, &te) && te.Code >= 500
}

// Kick asks the running job (Run) for a run now, without waiting: a step's e-mails go out
// within moments rather than at the next tick.
func (s *Service) Kick() {
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

// Run runs the job every Interval and when kicked, until ctx is cancelled.
func (s *Service) Run(ctx context.Context) {
	t := time.NewTicker(s.cfg.Interval)
	defer t.Stop()
	for {
		if r, err := s.RunOnce(ctx); err != nil && ctx.Err() == nil {
			s.cfg.Log.Warn("công việc thông báo thất bại", slog.Any("err", err))
		} else if r.Added > 0 || r.Sent > 0 {
			s.cfg.Log.Info("thông báo", slog.Int("added", r.Added), slog.Int("mail_sent", r.Sent), slog.Int("mail_failed", r.Failed))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-s.kick:
		}
	}
}

// String describes the configuration for the start-up log.
func (c Config) String() string {
	m := "không gửi thư"
	if c.Mail != nil {
		m = "gửi thư qua " + c.Mail.Addr
	}
	return fmt.Sprintf("nhắc trước hạn %d ngày làm việc, %s", c.DueSoonDays, m)
}
