-- A username names one account whatever the case it is typed in, for every script:
-- «ĐẠT», «Đạt» and «đạt» are one name. The column's NOCASE folds ASCII only, so until now
-- «ĐẠT» could never log in and «ĐỨC_A» was a second account beside «đức_a». username_key
-- is the full Unicode case fold (credential.UsernameKey, which the store registers as the
-- SQL function capdo_username_key) and is what logins and uniqueness use.
ALTER TABLE users ADD COLUMN username_key TEXT NOT NULL DEFAULT '';
UPDATE users SET username_key = capdo_username_key(username);
-- Accounts that now share a name with an older one could never log in as themselves (a
-- login reached the older account). The oldest keeps the name; each later one is disabled,
-- loses its sessions and gets a key no login can type (it has a space), so that it stays
-- in the history under its own name. `capdo users list` shows them as disabled.
UPDATE users SET disabled = 1, username_key = username_key || ' #' || id
WHERE EXISTS (SELECT 1 FROM users o WHERE o.username_key = users.username_key AND o.id < users.id);
DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE username_key LIKE '% #%');
CREATE UNIQUE INDEX users_username_key ON users(username_key);

-- The optional second factor (TOTP, RFC 6238): the shared secret (base32; '' when none)
-- and the last time step accepted, so that a code is never accepted twice.
ALTER TABLE users ADD COLUMN totp_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN totp_step INTEGER NOT NULL DEFAULT 0;

-- One-time recovery codes for a lost authenticator: only their SHA-256 is stored (they are
-- random, 50 bits each, so a fast hash is enough), each usable once.
CREATE TABLE recovery_codes (
    user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash TEXT    NOT NULL,
    used_at   INTEGER,
    PRIMARY KEY (user_id, code_hash)
);

-- A password checked, a second factor awaited: the SHA-256 of a short-lived token kept in
-- a cookie between the two steps of a login.
CREATE TABLE login_challenges (
    token_hash TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX login_challenges_expiry ON login_challenges(expires_at);

-- Failed logins, one row each, by throttle key (the SHA-256 of "ip:ADDRESS" or of
-- "user:NAME|ip:ADDRESS", so tried usernames are not kept): in the database rather than in
-- memory so that a restart does not forgive and several servers can share the count.
CREATE TABLE login_failures (
    key_hash TEXT    NOT NULL,
    at       INTEGER NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(key_hash, at);
CREATE INDEX login_failures_at ON login_failures(at);
