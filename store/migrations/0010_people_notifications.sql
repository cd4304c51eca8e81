-- People and units, notifications and the e-mail outbox (issue 12, items 5 and 6).

-- Contact details of an account, '' when not given (people.Contact checks them): shown in
-- dossier histories ("Nguyễn Văn A (attt)") and used to e-mail notifications.
ALTER TABLE users ADD COLUMN full_name TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN title     TEXT NOT NULL DEFAULT ''; -- chức vụ
ALTER TABLE users ADD COLUMN phone     TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN email     TEXT NOT NULL DEFAULT '';

-- Renames and moves of organisations, oldest first: a dossier made before a rename shows
-- the name its unit had then (store.OrgNameAt). Written with the change, never altered.
CREATE TABLE org_history (
    id         INTEGER PRIMARY KEY,
    org_id     INTEGER NOT NULL REFERENCES orgs(id),
    at         INTEGER NOT NULL,
    old_name   TEXT    NOT NULL,
    new_name   TEXT    NOT NULL,
    old_parent INTEGER, -- NULL: a root
    new_parent INTEGER,
    actor      TEXT    NOT NULL  -- username of who changed it, or "console"
);
CREATE INDEX org_history_org ON org_history(org_id, at);
CREATE TRIGGER org_history_no_update BEFORE UPDATE ON org_history
BEGIN SELECT RAISE(ABORT, 'organisation history is append-only'); END;
CREATE TRIGGER org_history_no_delete BEFORE DELETE ON org_history
BEGIN SELECT RAISE(ABORT, 'organisation history is append-only'); END;

-- The in-app inbox. One row per recipient, dossier, stage and kind: stage is the
-- dossiers.status_since of the stage the notification is about, so that a step notified by
-- the request that took it and again by the periodic job (notify.Service) is one row, and a
-- dossier sent again after a return is a new one.
CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    dossier_id INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    stage      INTEGER NOT NULL,
    text       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    read_at    INTEGER,
    UNIQUE (user_id, dossier_id, stage, kind)
);
CREATE INDEX notifications_user ON notifications(user_id, id);

-- E-mails to send, written in the transaction that makes their notification and drained
-- by the periodic job: a slow mail server never slows a request and nothing is lost on a
-- restart. A message is claimed by moving next_attempt_at past the attempt (store.ClaimMail).
CREATE TABLE mail_outbox (
    id              INTEGER PRIMARY KEY,
    notification_id INTEGER REFERENCES notifications(id) ON DELETE CASCADE,
    recipient       TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    sent_at         INTEGER,
    failed_at       INTEGER, -- given up after too many attempts
    last_error      TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX mail_outbox_pending ON mail_outbox(next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;

-- Leases of background jobs: a server runs a job only while it holds the job's row, so that
-- several servers sharing a database run each job once (store.ClaimJob).
CREATE TABLE job_leases (
    name       TEXT    PRIMARY KEY,
    holder     TEXT    NOT NULL,
    expires_at INTEGER NOT NULL
);
