-- PostgreSQL body of 0006_accounts.sql: folded usernames, the second factor, login
-- challenges and failed logins kept in the database, so that several servers share the
-- login throttle.

-- username_key is credential.UsernameKey, which capdo computes for every account it
-- writes. PostgreSQL databases start at this release, so the table is empty when this
-- runs; the fill below (ICU lower case, close to Unicode folding) and the rule for names
-- that collide mirror the SQLite body for completeness. users.username (COLLATE nocase)
-- never held two names differing in case only.
ALTER TABLE users ADD COLUMN username_key TEXT NOT NULL DEFAULT '';
UPDATE users SET username_key = normalize(lower(username COLLATE "und-x-icu"), NFC);
UPDATE users SET disabled = 1, username_key = username_key || ' #' || id
WHERE EXISTS (SELECT 1 FROM users o WHERE o.username_key = users.username_key AND o.id < users.id);
DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE username_key LIKE '% #%');
CREATE UNIQUE INDEX users_username_key ON users(username_key);

-- The optional second factor (TOTP, RFC 6238): the shared secret (base32; '' when none)
-- and the last time step accepted, so that a code is never accepted twice.
ALTER TABLE users ADD COLUMN totp_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN totp_step BIGINT NOT NULL DEFAULT 0;

-- One-time recovery codes (their SHA-256), each usable once.
CREATE TABLE recovery_codes (
    user_id   BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash TEXT   NOT NULL,
    used_at   BIGINT,
    PRIMARY KEY (user_id, code_hash)
);

-- A password checked, a second factor awaited: the SHA-256 of the token between the two
-- steps of a login.
CREATE TABLE login_challenges (
    token_hash TEXT   PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX login_challenges_expiry ON login_challenges(expires_at);

-- Failed logins, one row each, by throttle key (a SHA-256): shared by every server.
CREATE TABLE login_failures (
    key_hash TEXT   NOT NULL,
    at       BIGINT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(key_hash, at);
CREATE INDEX login_failures_at ON login_failures(at);
