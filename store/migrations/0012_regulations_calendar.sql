-- The Quy chế bảo đảm an ninh mạng (cybersecurity regulation) of an organisation, which
-- Decree 331/2026 Art. 30.7 requires to be issued before a level dossier is approved
-- (registry.checkRegulation). Each record is the regulation as issued: number, date, issuer
-- and the signed file (DOCX or PDF, checked like a dossier upload). A new record supersedes
-- the organisation's earlier ones (the newest is in force); nothing is changed or deleted,
-- so the history of what was in force when a dossier was approved stays readable.
CREATE TABLE regulations (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES orgs(id),
    number       TEXT    NOT NULL,
    issued_on    TEXT    NOT NULL, -- YYYY-MM-DD, the date written on the regulation
    issuer       TEXT    NOT NULL,
    file_name    TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    data         BLOB    NOT NULL,
    sha256       TEXT    NOT NULL,
    size         INTEGER NOT NULL,
    created_by   INTEGER REFERENCES users(id),
    created_at   INTEGER NOT NULL
);
CREATE INDEX regulations_org ON regulations(org_id, id);

CREATE TRIGGER regulations_no_update BEFORE UPDATE ON regulations
BEGIN SELECT RAISE(ABORT, 'regulations are immutable'); END;
CREATE TRIGGER regulations_no_delete BEFORE DELETE ON regulations
BEGIN SELECT RAISE(ABORT, 'regulations are immutable'); END;

-- Days of the working-day calendar an administrator records from the Government's yearly
-- announcements (package workdays: a day off, or a weekend day worked in a swap), on top of
-- the announcements capdo ships (workdays/data/holidays.yaml). They are loaded into the
-- calendar deadlines are counted with when the server starts and whenever one is added
-- (registry.LoadCalendar). A later entry for the same day replaces an earlier one in the
-- calendar; the earlier stays here, as the record of what was entered.
CREATE TABLE calendar_entries (
    id         INTEGER PRIMARY KEY,
    day        TEXT    NOT NULL, -- YYYY-MM-DD
    kind       TEXT    NOT NULL CHECK (kind IN ('off', 'work')),
    year       INTEGER NOT NULL, -- the year of the occasion (Tết of one year may fall in the next)
    occasion   TEXT    NOT NULL,
    note       TEXT    NOT NULL,
    source     TEXT    NOT NULL, -- the announcement, e.g. "Công văn 12729/VPCP-KGVX ngày 25/12/2025"
    mark       TEXT    NOT NULL CHECK (mark IN ('', 'secondary', 'unverified')),
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL
);
CREATE INDEX calendar_entries_day ON calendar_entries(day, id);

CREATE TRIGGER calendar_entries_no_update BEFORE UPDATE ON calendar_entries
BEGIN SELECT RAISE(ABORT, 'calendar entries are immutable'); END;
CREATE TRIGGER calendar_entries_no_delete BEFORE DELETE ON calendar_entries
BEGIN SELECT RAISE(ABORT, 'calendar entries are immutable'); END;

-- The dashboard lists the Decree 85 dossiers made after 30/06/2026 still waiting for
-- approval (store.PendingUnder): by rule set and date, not by reading every dossier.
CREATE INDEX dossiers_rule_set_created ON dossiers(rule_set, created_at);
