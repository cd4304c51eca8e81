-- PostgreSQL body of 0007_session_last_seen.sql: when a session was last used, to the
-- minute, so that it also ends after a time without use (`capdo serve --idle-timeout`).
ALTER TABLE sessions ADD COLUMN last_seen BIGINT NOT NULL DEFAULT 0;
UPDATE sessions SET last_seen = created_at;
