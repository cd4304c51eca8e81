-- Tamper evidence (review/history.go). The history's hashes are keyed with a secret kept
-- outside the database; these tables hold what is sealed with it besides the events.

-- The keyed end of each dossier's history: how many events, the last one's hash, and how
-- many leading events were chained before the database had a key (plain SHA-256).
CREATE TABLE audit_heads (
    dossier_id INTEGER PRIMARY KEY, -- no foreign key: a head outlives a dossier removed behind capdo's back
    seq        INTEGER NOT NULL,
    legacy     INTEGER NOT NULL,
    hash       TEXT    NOT NULL,
    mac        TEXT    NOT NULL
);

-- One row: which key sealed the database (its check value, never the key) and the keyed
-- register of how many dossiers and events it holds.
CREATE TABLE audit_seal (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    key_check    TEXT    NOT NULL,
    dossiers     INTEGER NOT NULL,
    last_dossier INTEGER NOT NULL,
    events       INTEGER NOT NULL,
    mac          TEXT    NOT NULL,
    sealed_at    INTEGER NOT NULL
);

-- The security log: every event server/audit.go logs, kept besides standard error. org_id
-- is the organisation of the account the event is about (the signed-in user, or the account
-- a login named), NULL when none: it decides which administrators see the row.
CREATE TABLE security_events (
    id       INTEGER PRIMARY KEY,
    at       INTEGER NOT NULL,
    level    TEXT    NOT NULL,
    event    TEXT    NOT NULL,
    username TEXT    NOT NULL,
    role     TEXT    NOT NULL,
    org_id   INTEGER REFERENCES orgs(id),
    client   TEXT    NOT NULL,
    path     TEXT    NOT NULL,
    message  TEXT    NOT NULL,
    target   TEXT    NOT NULL, -- the account an administrator acted on, "" for none
    attrs    TEXT    NOT NULL  -- the other attributes, a JSON object
);
CREATE INDEX security_events_at ON security_events(at);
CREATE INDEX security_events_event ON security_events(event, at);
CREATE INDEX security_events_org ON security_events(org_id, at);

CREATE TRIGGER security_events_no_update BEFORE UPDATE ON security_events
BEGIN SELECT RAISE(ABORT, 'the security log is append-only'); END;
CREATE TRIGGER security_events_no_delete BEFORE DELETE ON security_events
BEGIN SELECT RAISE(ABORT, 'the security log is append-only'); END;
