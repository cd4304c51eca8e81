package server

import (
	"context"
	"log/slog"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"capdo/notify"
	"capdo/store"
)

// Notifications (docs/contract.md §6): the inbox of the signed-in user, whatever the role. What
// goes into it, and to whom, is package notify's rule; a notification about a dossier the
// user no longer may see is not shown (store.Notifications reads with the user's scope).

// maxInbox is how many notifications the inbox page lists, newest first.
const maxInbox = 200

// startNotifications makes the service that fills the inboxes and sends their e-mails,
// and has the registry call it after every step. The job itself runs with Serve.
func (s *Server) startNotifications() {
	nc := s.cfg.Notify
	nc.Now, nc.Log = s.cfg.Now, s.log
	s.notify = notify.New(s.store, nc)
	s.reg.OnStep(func(ctx context.Context, id int64) {
		// The step is recorded; a failure here leaves the notifications to the job.
		if err := s.notify.DossierMoved(ctx, id); err != nil {
			s.log.Warn("chưa tạo được thông báo; công việc định kỳ sẽ tạo sau", slog.Int64("dossier_id", id), slog.Any("err", err))
		}
	})
}

// Notifier returns the notification service, so that tests can run its job when they
// choose (notify.Service.RunOnce).
func (s *Server) Notifier() *notify.Service { return s.notify }

// unread counts the signed-in user's unread notifications for the page header; 0 when
// the count cannot be read (the page still shows).
func (s *Server) unread(c *fiber.Ctx, p *principal) int {
	n, err := s.store.UnreadNotifications(c.UserContext(), p.User.ID, scope(p))
	if err != nil {
		s.log.Warn("không đếm được thông báo chưa đọc", slog.Any("err", err))
	}
	return n
}

type notificationOut struct {
	store.Notification
	KindLabel string `json:"kind_label"`
}

func notificationsOut(ns []store.Notification) []notificationOut {
	out := make([]notificationOut, 0, len(ns))
	for _, n := range ns {
		out = append(out, notificationOut{n, notify.Kind(n.Kind).Label()})
	}
	return out
}

// apiNotifications lists the caller's notifications, newest first: all, the unread ones
// (?unread=true) or a window (limit, offset). X-Unread-Count carries the unread count.
func (s *Server) apiNotifications(c *fiber.Ctx) error {
	p := principalOf(c)
	var f store.NotificationFilter
	switch c.Query("unread") {
	case "", "false":
	case "true":
		f.Unread = true
	default:
		return badParam("unread", "chỉ nhận true hoặc false")
	}
	var err error
	if f.Limit, f.Offset, err = apiWindow(c); err != nil {
		return err
	}
	ns, err := s.store.Notifications(c.UserContext(), p.User.ID, scope(p), f)
	if err != nil {
		return err
	}
	c.Set("X-Unread-Count", strconv.Itoa(s.unread(c, p)))
	return writeJSON(c, fiber.StatusOK, notificationsOut(ns))
}

// markRead marks the notification named by :id read, when it is the caller's.
func (s *Server) markRead(c *fiber.Ctx) (store.Notification, error) {
	id, err := paramID(c, "id")
	if err != nil {
		return store.Notification{}, err
	}
	return s.store.MarkNotificationRead(c.UserContext(), principalOf(c).User.ID, id)
}

func (s *Server) apiNotificationRead(c *fiber.Ctx) error {
	n, err := s.markRead(c)
	if err != nil {
		return err
	}
	return writeJSON(c, fiber.StatusOK, notificationOut{n, notify.Kind(n.Kind).Label()})
}

func (s *Server) apiNotificationsReadAll(c *fiber.Ctx) error {
	n, err := s.store.MarkAllNotificationsRead(c.UserContext(), principalOf(c).User.ID)
	if err != nil {
		return err
	}
	return writeJSON(c, fiber.StatusOK, fiber.Map{"marked": n})
}

// notificationsView is the inbox page.
type notificationsView struct {
	Items      []notificationOut
	UnreadOnly bool
	Count      int // unread
	Limit      int
}

func (s *Server) notificationsPage(c *fiber.Ctx) error {
	p := principalOf(c)
	v := notificationsView{UnreadOnly: c.Query("unread") == "true", Limit: maxInbox}
	ns, err := s.store.Notifications(c.UserContext(), p.User.ID, scope(p), store.NotificationFilter{Unread: v.UnreadOnly, Limit: maxInbox})
	if err != nil {
		return err
	}
	v.Items, v.Count = notificationsOut(ns), s.unread(c, p)
	return s.render(c, fiber.StatusOK, "notifications", "Thông báo", v)
}

// notificationReadForm marks one notification read; with open=1 it then opens the
// dossier, so that following a notification reads it.
func (s *Server) notificationReadForm(c *fiber.Ctx) error {
	n, err := s.markRead(c)
	if err != nil {
		return err
	}
	if c.FormValue("open") == "1" {
		return c.Redirect("/dossiers/"+strconv.FormatInt(n.DossierID, 10), fiber.StatusSeeOther)
	}
	return c.Redirect("/notifications", fiber.StatusSeeOther)
}

func (s *Server) notificationsReadAllForm(c *fiber.Ctx) error {
	if _, err := s.store.MarkAllNotificationsRead(c.UserContext(), principalOf(c).User.ID); err != nil {
		return err
	}
	return c.Redirect("/notifications", fiber.StatusSeeOther)
}
