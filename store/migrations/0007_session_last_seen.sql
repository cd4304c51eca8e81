-- A session also ends after a time without use (`capdo serve --idle-timeout`), besides
-- its absolute lifetime. last_seen is when it was last used, to the minute: the server
-- writes it at most once a minute per session (server/idle.go), so that reading pages
-- does not turn into one write each. Sessions open before this migration count from
-- their creation.
ALTER TABLE sessions ADD COLUMN last_seen INTEGER NOT NULL DEFAULT 0;
UPDATE sessions SET last_seen = created_at;
