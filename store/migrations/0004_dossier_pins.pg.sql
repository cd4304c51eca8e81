-- PostgreSQL body of 0004_dossier_pins.sql: what a dossier was made with, pinned when it is
-- made. The procedure in force (levels.Procedure as JSON), one row per dossier written once,
-- and an agency's own rule file, whole, keyed by its SHA-256.
CREATE TABLE dossier_procedures (
    dossier_id BIGINT PRIMARY KEY REFERENCES dossiers(id),
    procedure  TEXT   NOT NULL
);

CREATE TABLE rule_files (
    digest   TEXT  PRIMARY KEY,
    rule_set TEXT  NOT NULL, -- the set's id
    name     TEXT  NOT NULL, -- the path it was loaded from
    content  BYTEA NOT NULL
);

CREATE TRIGGER dossier_procedures_no_update BEFORE UPDATE ON dossier_procedures
FOR EACH ROW EXECUTE FUNCTION capdo_refuse('a dossier''s procedure is pinned');
CREATE TRIGGER dossier_procedures_no_delete BEFORE DELETE ON dossier_procedures
FOR EACH ROW EXECUTE FUNCTION capdo_refuse('a dossier''s procedure is pinned');
CREATE TRIGGER dossier_procedures_no_truncate BEFORE TRUNCATE ON dossier_procedures
FOR EACH STATEMENT EXECUTE FUNCTION capdo_refuse('a dossier''s procedure is pinned');
CREATE TRIGGER rule_files_no_update BEFORE UPDATE ON rule_files
FOR EACH ROW EXECUTE FUNCTION capdo_refuse('rule files are immutable');
CREATE TRIGGER rule_files_no_delete BEFORE DELETE ON rule_files
FOR EACH ROW EXECUTE FUNCTION capdo_refuse('rule files are immutable');
CREATE TRIGGER rule_files_no_truncate BEFORE TRUNCATE ON rule_files
FOR EACH STATEMENT EXECUTE FUNCTION capdo_refuse('rule files are immutable');
