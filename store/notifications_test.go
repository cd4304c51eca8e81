package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"capdo/review"
	"capdo/store"
)

// A notification is stored once per user, dossier, stage and kind, whoever adds it (the
// request that took the step, the periodic job after it); its e-mail is queued with it,
// once. The inbox shows what the user may still see, newest first.
func TestNotifications_OncePerStageWithMail(t *testing.T) {
	f := newDossierFixture(t, 3)
	ctx := context.Background()
	db := f.db
	attt := mustUser(t, db, "attt", "infosec", f.province.ID)
	stranger := mustUser(t, db, "khac", "operator", f.other.ID)
	ev, err := db.Transition(ctx, f.dossierID, store.Transition{From: "draft", To: "submitted", Holder: "infosec",
		Event: review.Event{Action: "submit", Actor: "vanhanh", Role: "operator", Comment: "Gửi lần đầu"}})
	if err != nil {
		t.Fatal(err)
	}
	st, err := db.DossierStage(ctx, f.dossierID)
	if err != nil || st.Status != "submitted" || !st.Since.Equal(ev.At) || st.Actor != "vanhanh" || st.Comment != "Gửi lần đầu" ||
		st.OrgID != f.unit.ID || st.Profile.Name != "Cổng" || st.Holder != "infosec" {
		t.Fatalf("DossierStage = %+v, %v", st, err)
	}
	n := store.NewNotification{UserID: attt.ID, DossierID: f.dossierID, Kind: "submitted", Stage: st.Since, Text: "Hồ sơ số 1 đã được gửi",
		Mail: &store.NewMail{To: "attt@so.gov.vn", Subject: "Hồ sơ", Body: "…"}}
	// Shown to someone who cannot see the dossier, it stays hidden from them.
	hidden := store.NewNotification{UserID: stranger.ID, DossierID: f.dossierID, Kind: "submitted", Stage: st.Since, Text: "x"}
	if k, err := db.AddNotifications(ctx, []store.NewNotification{n, hidden}); err != nil || k != 2 {
		t.Fatalf("AddNotifications = %d, %v", k, err)
	}
	if k, err := db.AddNotifications(ctx, []store.NewNotification{n}); err != nil || k != 0 {
		t.Errorf("again = %d, %v; want 0 new", k, err)
	}
	if c, _ := db.MailCounts(ctx); c.Pending != 1 {
		t.Errorf("outbox = %+v, want one e-mail", c)
	}
	sc := store.Scope{OrgID: f.province.ID}
	list, err := db.Notifications(ctx, attt.ID, sc, store.NotificationFilter{})
	if err != nil || len(list) != 1 || list[0].Kind != "submitted" || list[0].Read || list[0].DossierID != f.dossierID {
		t.Fatalf("Notifications = %+v, %v", list, err)
	}
	if list, _ := db.Notifications(ctx, stranger.ID, store.Scope{OrgID: f.other.ID}, store.NotificationFilter{}); len(list) != 0 {
		t.Errorf("a notification about a dossier the user cannot see is listed: %+v", list)
	}
	// A later stage of the same dossier is another notification.
	if _, err := db.Transition(ctx, f.dossierID, store.Transition{From: "submitted", To: "returned", Holder: "operator",
		Event: review.Event{Action: "return", Actor: "attt", Role: "infosec", Comment: "Bổ sung sơ đồ"}}); err != nil {
		t.Fatal(err)
	}
	st2, _ := db.DossierStage(ctx, f.dossierID)
	n2 := n
	n2.Kind, n2.Stage, n2.Mail = "returned", st2.Since, nil
	if k, err := db.AddNotifications(ctx, []store.NewNotification{n2}); err != nil || k != 1 {
		t.Errorf("next stage = %d, %v", k, err)
	}
	if c, err := db.UnreadNotifications(ctx, attt.ID, sc); err != nil || c != 2 {
		t.Errorf("unread = %d, %v; want 2", c, err)
	}
	got, err := db.MarkNotificationRead(ctx, attt.ID, list[0].ID)
	if err != nil || !got.Read || got.ID != list[0].ID {
		t.Errorf("MarkNotificationRead = %+v, %v", got, err)
	}
	if _, err := db.MarkNotificationRead(ctx, stranger.ID, list[0].ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("someone else's notification: %v, want ErrNotFound", err)
	}
	if unread, _ := db.Notifications(ctx, attt.ID, sc, store.NotificationFilter{Unread: true}); len(unread) != 1 || unread[0].Kind != "returned" {
		t.Errorf("unread = %+v", unread)
	}
	if k, err := db.MarkAllNotificationsRead(ctx, attt.ID); err != nil || k != 1 {
		t.Errorf("MarkAllNotificationsRead = %d, %v", k, err)
	}
	if c, _ := db.UnreadNotifications(ctx, attt.ID, sc); c != 0 {
		t.Errorf("unread after all read = %d", c)
	}
	// Moved to another province, the user no longer sees the notifications of this one.
	if err := db.SetPlacement(ctx, attt.ID, "infosec", f.other.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := db.Notifications(ctx, attt.ID, store.Scope{OrgID: f.other.ID}, store.NotificationFilter{}); len(list) != 0 {
		t.Errorf("after a move: %+v", list)
	}
}

// The stages the periodic job looks at: those entered since its window began, and every
// stage under review with a deadline; never a draft.
func TestStagesToNotify(t *testing.T) {
	f := newDossierFixture(t, 3)
	ctx := context.Background()
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	f.db.Now = func() time.Time { return t0 }
	if sts, err := f.db.StagesToNotify(ctx, t0.Add(-time.Hour)); err != nil || len(sts) != 0 {
		t.Fatalf("a draft: %+v, %v", sts, err)
	}
	if _, err := f.db.Transition(ctx, f.dossierID, store.Transition{From: "draft", To: "submitted", Holder: "infosec", DueAt: t0.Add(72 * time.Hour),
		Event: review.Event{Action: "submit", Actor: "vanhanh", Role: "operator"}}); err != nil {
		t.Fatal(err)
	}
	for _, since := range []time.Time{t0.Add(-time.Hour), t0.Add(time.Hour)} {
		sts, err := f.db.StagesToNotify(ctx, since)
		if err != nil || len(sts) != 1 || sts[0].DueAt.IsZero() {
			t.Errorf("since %v: %+v, %v; want the submitted stage with its deadline", since, sts, err)
		}
	}
	f.db.Now = func() time.Time { return t0.Add(time.Minute) }
	if _, err := f.db.Transition(ctx, f.dossierID, store.Transition{From: "submitted", To: "returned", Holder: "operator",
		Event: review.Event{Action: "return", Actor: "attt", Role: "infosec"}}); err != nil {
		t.Fatal(err)
	}
	if sts, _ := f.db.StagesToNotify(ctx, t0.Add(time.Hour)); len(sts) != 0 {
		t.Errorf("a returned stage entered before the window: %+v", sts)
	}
	if sts, _ := f.db.StagesToNotify(ctx, t0); len(sts) != 1 || sts[0].Status != "returned" || sts[0].Actor != "attt" {
		t.Errorf("a returned stage in the window: %+v", sts)
	}
}

// A job's lease is held by one server at a time: renewed by its holder, taken over once
// it runs out or is released.
func TestClaimJob_Lease(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	claim := func(holder string) bool {
		t.Helper()
		ok, err := db.ClaimJob(ctx, "notify", holder, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if !claim("a") || claim("b") || !claim("a") {
		t.Fatal("a first claims, b is refused, a renews")
	}
	now = now.Add(59 * time.Second)
	if claim("b") {
		t.Error("b took a running lease")
	}
	now = now.Add(2 * time.Second)
	if !claim("b") || claim("a") {
		t.Error("after a's lease ran out b takes it and a is refused")
	}
	if err := db.ReleaseJob(ctx, "notify", "a"); err != nil || claim("a") {
		t.Error("a released a lease it does not hold")
	}
	if err := db.ReleaseJob(ctx, "notify", "b"); err != nil || !claim("a") {
		t.Error("a lease released is free")
	}
	if ok, _ := db.ClaimJob(ctx, "other", "b", time.Minute); !ok {
		t.Error("leases are per job")
	}
}

// An e-mail is claimed before it is sent: a second sender that listed it too gets nothing.
// A failure keeps it for the retry time claimed; giving up ends it.
func TestOutbox_ClaimSendRetry(t *testing.T) {
	f := newDossierFixture(t, 3)
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	f.db.Now = func() time.Time { return now }
	u := mustUser(t, f.db, "attt", "infosec", f.province.ID)
	ns := []store.NewNotification{
		{UserID: u.ID, DossierID: f.dossierID, Kind: "submitted", Stage: now, Text: "a", Mail: &store.NewMail{To: "a@x.vn", Subject: "A", Body: "1"}},
		{UserID: u.ID, DossierID: f.dossierID, Kind: "due_soon", Stage: now, Text: "b", Mail: &store.NewMail{To: "a@x.vn", Subject: "B", Body: "2"}},
	}
	if _, err := f.db.AddNotifications(ctx, ns); err != nil {
		t.Fatal(err)
	}
	ms, err := f.db.PendingMail(ctx, 10)
	if err != nil || len(ms) != 2 || ms[0].Subject != "A" || ms[0].Attempts != 0 {
		t.Fatalf("PendingMail = %+v, %v", ms, err)
	}
	if ok, err := f.db.ClaimMail(ctx, ms[0], now.Add(time.Minute)); !ok || err != nil {
		t.Fatalf("claim = %v, %v", ok, err)
	}
	if ok, _ := f.db.ClaimMail(ctx, ms[0], now.Add(time.Minute)); ok {
		t.Error("claimed twice")
	}
	if err := f.db.MailSent(ctx, ms[0].ID); err != nil {
		t.Fatal(err)
	}
	f.db.ClaimMail(ctx, ms[1], now.Add(time.Minute))
	f.db.MailFailed(ctx, ms[1].ID, "421 try later", false)
	if ms, _ := f.db.PendingMail(ctx, 10); len(ms) != 0 {
		t.Errorf("before the retry time: %+v", ms)
	}
	now = now.Add(time.Minute)
	ms, _ = f.db.PendingMail(ctx, 10)
	if len(ms) != 1 || ms[0].Attempts != 1 {
		t.Fatalf("at the retry time: %+v", ms)
	}
	f.db.ClaimMail(ctx, ms[0], now.Add(2*time.Minute))
	f.db.MailFailed(ctx, ms[0].ID, "550 no such user", true)
	if c, _ := f.db.MailCounts(ctx); c != (store.MailCounts{Pending: 0, Sent: 1, Failed: 1}) {
		t.Errorf("counts = %+v", c)
	}
}
