package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"capdo/levels"
	"capdo/people"
)

// Notifications are the in-app inbox, the e-mail outbox that goes with it and the leases
// of the periodic job that fills and drains them (notify.Service).
type Notifications interface {
	// AddNotifications stores new notifications, each with its e-mail when it has one, in
	// one transaction; one already stored (same user, dossier, stage and kind) is skipped
	// with its e-mail. It returns how many were new.
	AddNotifications(ctx context.Context, ns []NewNotification) (int, error)
	// Notifications lists a user's notifications about dossiers the user may see in sc,
	// newest first.
	Notifications(ctx context.Context, userID int64, sc Scope, f NotificationFilter) ([]Notification, error)
	// UnreadNotifications counts what Notifications would list unread.
	UnreadNotifications(ctx context.Context, userID int64, sc Scope) (int, error)
	// MarkNotificationRead marks one of the user's notifications read; ErrNotFound when it
	// is not the user's. It returns the notification.
	MarkNotificationRead(ctx context.Context, userID, id int64) (Notification, error)
	// MarkAllNotificationsRead marks every notification of the user read.
	MarkAllNotificationsRead(ctx context.Context, userID int64) (int64, error)

	// DossierStage returns the stage dossier id is in now, for the notification rule.
	DossierStage(ctx context.Context, id int64) (DossierStage, error)
	// StagesToNotify lists the stages notifications may still be due for: those entered at
	// or after since, and every stage under review that has a deadline.
	StagesToNotify(ctx context.Context, since time.Time) ([]DossierStage, error)
	// EnabledUsersWithRoles lists the candidates of a notification rule.
	EnabledUsersWithRoles(ctx context.Context, roles []string) ([]User, error)

	Outbox
	// ClaimJob takes or renews the lease of a background job for holder until ttl has
	// passed; false when another holder's lease is still running.
	ClaimJob(ctx context.Context, name, holder string, ttl time.Duration) (bool, error)
	// ReleaseJob ends holder's lease early.
	ReleaseJob(ctx context.Context, name, holder string) error
}

// People are the persons behind accounts.
type People interface {
	// SetContact replaces an account's contact details.
	SetContact(ctx context.Context, id int64, c people.Contact) error
	// Names maps usernames to how their persons are named to others.
	Names(ctx context.Context, usernames []string) (map[string]string, error)
}

// Notification is one entry of a user's inbox (docs/contract.md §6).
type Notification struct {
	ID        int64     `json:"id"`
	Kind      string    `json:"kind"`
	DossierID int64     `json:"dossier_id"`
	Text      string    `json:"text"`
	CreatedAt time.Time `json:"created_at"`
	Read      bool      `json:"read"`
}

// NewNotification is a notification to store.
type NewNotification struct {
	UserID    int64
	DossierID int64
	Kind      string
	Stage     time.Time // when the dossier entered the stage it is about (dossiers.status_since)
	Text      string
	Mail      *NewMail // nil: no e-mail
}

// NewMail is an e-mail to queue.
type NewMail struct {
	To, Subject, Body string
}

// NotificationFilter narrows an inbox.
type NotificationFilter struct {
	Unread bool
	Limit  int // 0: all
	Offset int
}

// DossierStage is what the notification rule reads of a dossier: where it is, whose turn
// it is, where its system belongs and who moved it there.
type DossierStage struct {
	DossierID int64
	SystemID  int64
	OrgID     int64 // the system's organisation
	Level     int
	Status    string
	Since     time.Time // when it entered Status
	DueAt     time.Time // zero: no deadline
	Holder    string
	Ministry  string // the group of authorities it is routed to (appraisalGroup)
	// RoutedAuthority: the dossier has reached the authority of its group; Appraiser is
	// the organisation designated to appraise it (Decree 331 Art. 18.4), 0 for none.
	RoutedAuthority bool
	Appraiser       int64
	Profile         levels.Profile // as the dossier was made
	// The step that entered the stage ("" for a dossier never moved).
	Actor, ActorRole, Comment string
}

// AddNotifications stores new notifications and their e-mails in one transaction.
func (db *DB) AddNotifications(ctx context.Context, ns []NewNotification) (int, error) {
	if len(ns) == 0 {
		return 0, nil
	}
	now := micros(db.now())
	added := 0
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		added = 0
		for _, n := range ns {
			res, err := tx.ExecContext(ctx, `INSERT INTO notifications(user_id, dossier_id, kind, stage, text, created_at)
				VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, dossier_id, stage, kind) DO NOTHING`,
				n.UserID, n.DossierID, n.Kind, micros(n.Stage), n.Text, now)
			if err != nil {
				return err
			}
			if k, err := res.RowsAffected(); err != nil || k == 0 {
				continue
			}
			added++
			if n.Mail == nil {
				continue
			}
			var id int64
			if err := tx.QueryRowContext(ctx, "SELECT id FROM notifications WHERE user_id = ? AND dossier_id = ? AND stage = ? AND kind = ?",
				n.UserID, n.DossierID, micros(n.Stage), n.Kind).Scan(&id); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO mail_outbox(notification_id, recipient, subject, body, created_at, next_attempt_at)
				VALUES (?, ?, ?, ?, ?, ?)`, id, n.Mail.To, n.Mail.Subject, n.Mail.Body, now, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: add notifications: %w", err)
	}
	return added, nil
}

// notificationScope keeps the notifications about dossiers the user may see now: one
// about a dossier of a unit the user has left is no longer shown. It follows scopeCTE.
const notificationScope = ` FROM notifications n JOIN dossiers d ON d.id = n.dossier_id JOIN systems s ON s.id = d.system_id
	WHERE` + scopeDossiers + `AND n.user_id = ?`

// Notifications lists a user's notifications in scope, newest first.
func (db *DB) Notifications(ctx context.Context, userID int64, sc Scope, f NotificationFilter) ([]Notification, error) {
	q := scopeCTE + "SELECT n.id, n.kind, n.dossier_id, n.text, n.created_at, n.read_at IS NOT NULL" + notificationScope
	args := append(sc.args(), userID)
	if f.Unread {
		q += " AND n.read_at IS NULL"
	}
	page, args := pageClause(f.Limit, f.Offset, args)
	rows, err := db.read.QueryContext(ctx, q+" ORDER BY n.id DESC"+page, args...)
	if err != nil {
		return nil, fmt.Errorf("store: notifications: %w", err)
	}
	defer rows.Close()
	out := []Notification{}
	for rows.Next() {
		var n Notification
		var at int64
		if err := rows.Scan(&n.ID, &n.Kind, &n.DossierID, &n.Text, &at, &n.Read); err != nil {
			return nil, fmt.Errorf("store: notifications: %w", err)
		}
		n.CreatedAt = fromMicros(at)
		out = append(out, n)
	}
	return out, rows.Err()
}

// UnreadNotifications counts a user's unread notifications in scope.
func (db *DB) UnreadNotifications(ctx context.Context, userID int64, sc Scope) (int, error) {
	var n int
	err := db.read.QueryRowContext(ctx, scopeCTE+"SELECT count(*)"+notificationScope+" AND n.read_at IS NULL",
		append(sc.args(), userID)...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: unread notifications: %w", err)
	}
	return n, nil
}

// MarkNotificationRead marks one of the user's notifications read (once: the first time
// read stays).
func (db *DB) MarkNotificationRead(ctx context.Context, userID, id int64) (Notification, error) {
	var n Notification
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL",
			micros(db.now()), id, userID); err != nil {
			return err
		}
		var at int64
		err := tx.QueryRowContext(ctx, "SELECT id, kind, dossier_id, text, created_at FROM notifications WHERE id = ? AND user_id = ?", id, userID).
			Scan(&n.ID, &n.Kind, &n.DossierID, &n.Text, &at)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		n.CreatedAt, n.Read = fromMicros(at), true
		return err
	})
	if err != nil && !errors.Is(err, ErrNotFound) {
		return Notification{}, fmt.Errorf("store: mark notification read: %w", err)
	}
	return n, err
}

// MarkAllNotificationsRead marks every unread notification of the user read.
func (db *DB) MarkAllNotificationsRead(ctx context.Context, userID int64) (int64, error) {
	var n int64
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL", micros(db.now()), userID)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: mark notifications read: %w", err)
	}
	return n, nil
}

// stageSelect reads a DossierStage; the event joined is the last step that moved the
// dossier (an upload or a recorded decision leaves its status as it was).
const stageSelect = `SELECT d.id, d.system_id, s.org_id, d.level, d.status, d.status_since, d.due_at, d.holder, ` + appraisalGroup + `, d.profile,
	coalesce(e.actor, ''), coalesce(e.role, ''), coalesce(e.comment, ''), CASE WHEN ` + routedAuthority + ` THEN 1 ELSE 0 END,
	coalesce((SELECT da.org_id FROM dossier_appraisers da WHERE da.dossier_id = d.id), 0)
	FROM dossiers d JOIN systems s ON s.id = d.system_id
	LEFT JOIN dossier_events e ON e.dossier_id = d.id AND e.seq = (SELECT max(x.seq) FROM dossier_events x
		WHERE x.dossier_id = d.id AND x.from_status <> x.to_status)`

func scanStage(sc interface{ Scan(...any) error }) (DossierStage, error) {
	var st DossierStage
	var since int64
	var due sql.NullInt64
	var prof []byte
	var routed int
	if err := sc.Scan(&st.DossierID, &st.SystemID, &st.OrgID, &st.Level, &st.Status, &since, &due, &st.Holder, &st.Ministry, &prof,
		&st.Actor, &st.ActorRole, &st.Comment, &routed, &st.Appraiser); err != nil {
		return st, err
	}
	st.Since, st.DueAt, st.RoutedAuthority = fromMicros(since), nullMicros(due), routed == 1
	return st, json.Unmarshal(prof, &st.Profile)
}

// DossierStage returns the stage dossier id is in now.
func (db *DB) DossierStage(ctx context.Context, id int64) (DossierStage, error) {
	st, err := scanStage(db.read.QueryRowContext(ctx, stageSelect+" WHERE d.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return st, ErrNotFound
	}
	if err != nil {
		return st, fmt.Errorf("store: dossier stage: %w", err)
	}
	return st, nil
}

// StagesToNotify lists the stages entered at or after since, and the stages with a
// deadline still running or passed (a reminder or an overdue notice may be due), oldest
// first. Drafts are never notified.
func (db *DB) StagesToNotify(ctx context.Context, since time.Time) ([]DossierStage, error) {
	rows, err := db.read.QueryContext(ctx, stageSelect+` WHERE d.status <> 'draft'
		AND (d.status_since >= ? OR (d.due_at IS NOT NULL AND d.status <> 'approved')) ORDER BY d.status_since, d.id`, micros(since))
	if err != nil {
		return nil, fmt.Errorf("store: stages: %w", err)
	}
	defer rows.Close()
	var out []DossierStage
	for rows.Next() {
		st, err := scanStage(rows)
		if err != nil {
			return nil, fmt.Errorf("store: stages: %w", err)
		}
		out = append(out, st)
	}
	return out, rows.Err()
}
