-- Organisations form a tree: a chủ quản (owner body) and the units under it.
CREATE TABLE orgs (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE,
    parent_id  INTEGER REFERENCES orgs(id),
    created_at INTEGER NOT NULL
);
CREATE INDEX orgs_parent ON orgs(parent_id);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    password_hash BLOB    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('operator', 'infosec', 'owner', 'authority', 'admin')),
    org_id        INTEGER NOT NULL REFERENCES orgs(id),
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL
);
CREATE INDEX users_org ON users(org_id);

-- Only the SHA-256 of a session token is stored: a copy of the database does not log anyone in.
CREATE TABLE sessions (
    token_hash TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expiry ON sessions(expires_at);

-- One-time links that create the first administrator.
CREATE TABLE setup_tokens (
    token_hash TEXT    PRIMARY KEY,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);

-- The registry: one row per system with its current version; every version is kept.
CREATE TABLE systems (
    id         INTEGER PRIMARY KEY,
    org_id     INTEGER NOT NULL REFERENCES orgs(id),
    ext_id     TEXT    NOT NULL DEFAULT '',
    name       TEXT    NOT NULL,
    owner      TEXT    NOT NULL,
    level      INTEGER NOT NULL,
    version    INTEGER NOT NULL,
    status     TEXT    NOT NULL DEFAULT 'none', -- status of the newest dossier, 'none' without one
    search     TEXT    NOT NULL,                -- folded id, name, owner, operator for search
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX systems_org ON systems(org_id);
CREATE INDEX systems_level ON systems(level);

CREATE TABLE system_versions (
    system_id  INTEGER NOT NULL REFERENCES systems(id),
    version    INTEGER NOT NULL,
    profile    TEXT    NOT NULL, -- levels.Profile as JSON
    decision   TEXT    NOT NULL, -- levels.Decision as JSON
    level      INTEGER NOT NULL,
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (system_id, version)
);

CREATE TABLE dossiers (
    id               INTEGER PRIMARY KEY,
    system_id        INTEGER NOT NULL REFERENCES systems(id),
    system_version   INTEGER NOT NULL,
    level            INTEGER NOT NULL,
    profile          TEXT    NOT NULL,
    decision         TEXT    NOT NULL,
    manifest         TEXT    NOT NULL,
    rule_set         TEXT    NOT NULL,
    rule_set_digest  TEXT    NOT NULL,
    templates        TEXT    NOT NULL,
    templates_digest TEXT    NOT NULL,
    status           TEXT    NOT NULL,
    status_since     INTEGER NOT NULL,
    due_at           INTEGER,          -- statutory deadline of the current stage, NULL when none
    holder           TEXT    NOT NULL, -- role that must act next
    routed_authority INTEGER NOT NULL DEFAULT 0, -- has reached an authority stage (stays set)
    created_by       INTEGER REFERENCES users(id),
    created_at       INTEGER NOT NULL,
    FOREIGN KEY (system_id, system_version) REFERENCES system_versions(system_id, version)
);
CREATE INDEX dossiers_system ON dossiers(system_id);
CREATE INDEX dossiers_status ON dossiers(status);

CREATE TABLE dossier_files (
    dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
    name       TEXT    NOT NULL,
    data       BLOB    NOT NULL,
    sha256     TEXT    NOT NULL,
    PRIMARY KEY (dossier_id, name)
);

CREATE TABLE dossier_events (
    dossier_id  INTEGER NOT NULL REFERENCES dossiers(id),
    seq         INTEGER NOT NULL,
    action      TEXT    NOT NULL,
    from_status TEXT    NOT NULL,
    to_status   TEXT    NOT NULL,
    actor       TEXT    NOT NULL,
    role        TEXT    NOT NULL,
    comment     TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    prev_hash   TEXT    NOT NULL,
    hash        TEXT    NOT NULL,
    PRIMARY KEY (dossier_id, seq)
);

-- What was generated or recorded never changes: the database itself refuses, whatever the caller.
CREATE TRIGGER dossier_files_no_update BEFORE UPDATE ON dossier_files
BEGIN SELECT RAISE(ABORT, 'dossier files are immutable'); END;
CREATE TRIGGER dossier_files_no_delete BEFORE DELETE ON dossier_files
BEGIN SELECT RAISE(ABORT, 'dossier files are immutable'); END;
CREATE TRIGGER dossier_events_no_update BEFORE UPDATE ON dossier_events
BEGIN SELECT RAISE(ABORT, 'dossier history is append-only'); END;
CREATE TRIGGER dossier_events_no_delete BEFORE DELETE ON dossier_events
BEGIN SELECT RAISE(ABORT, 'dossier history is append-only'); END;
CREATE TRIGGER dossiers_approved_frozen BEFORE UPDATE ON dossiers
WHEN OLD.status = 'approved'
BEGIN SELECT RAISE(ABORT, 'approved dossiers are immutable'); END;
CREATE TRIGGER dossier_events_after_approval BEFORE INSERT ON dossier_events
WHEN (SELECT status FROM dossiers WHERE id = NEW.dossier_id) = 'approved'
BEGIN SELECT RAISE(ABORT, 'approved dossiers are immutable'); END;
CREATE TRIGGER system_versions_no_update BEFORE UPDATE ON system_versions
BEGIN SELECT RAISE(ABORT, 'system versions are immutable'); END;
