-- What a dossier was made with, pinned when it is made, so that its review never depends on
-- how the server is started later: the --rules it runs with, or a newer built-in rule set.

-- The procedure in force when the dossier was made (levels.Procedure as JSON): who gives the
-- opinion, appraises and approves, and the statutory deadlines. The dossier's workflow is
-- built from it (registry.Registry.FlowOf). One row per dossier, written once; a table of its
-- own rather than a column, so that pinning the dossiers made before this migration adds a
-- row and never updates an approved dossier (dossiers_approved_frozen).
-- Those dossiers get their row when the server starts (registry.Registry.PinLegacy), from the
-- rule set they recorded, as the server resolved it before: a built-in set by its id, or
-- the set the server is started with when the ids match. SQL cannot evaluate a rule set.
CREATE TABLE dossier_procedures (
    dossier_id INTEGER PRIMARY KEY REFERENCES dossiers(id),
    procedure  TEXT    NOT NULL
);

-- An agency's own rule file, whole, as a dossier was made with it (`capdo serve --rules
-- TỆP`), keyed by its SHA-256 (dossiers.rule_set_digest): the file may change or disappear
-- afterwards. Built-in rule sets are in the binary and are not copied here.
CREATE TABLE rule_files (
    digest   TEXT PRIMARY KEY,
    rule_set TEXT NOT NULL, -- the set's id
    name     TEXT NOT NULL, -- the path it was loaded from
    content  BLOB NOT NULL
);

CREATE TRIGGER dossier_procedures_no_update BEFORE UPDATE ON dossier_procedures
BEGIN SELECT RAISE(ABORT, 'a dossier''s procedure is pinned'); END;
CREATE TRIGGER dossier_procedures_no_delete BEFORE DELETE ON dossier_procedures
BEGIN SELECT RAISE(ABORT, 'a dossier''s procedure is pinned'); END;
CREATE TRIGGER rule_files_no_update BEFORE UPDATE ON rule_files
BEGIN SELECT RAISE(ABORT, 'rule files are immutable'); END;
CREATE TRIGGER rule_files_no_delete BEFORE DELETE ON rule_files
BEGIN SELECT RAISE(ABORT, 'rule files are immutable'); END;
