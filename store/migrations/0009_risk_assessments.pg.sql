-- PostgreSQL body of 0009_risk_assessments.sql: the cyber risk assessment of Decree
-- 331/2026 Art. 10, recorded with the system version it was made for, never changed.
CREATE TABLE risk_assessments (
    system_id  BIGINT  NOT NULL,
    version    INTEGER NOT NULL,
    level      INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5), -- the level it supports
    body       TEXT    NOT NULL, -- risk.Assessment as JSON
    created_by BIGINT  REFERENCES users(id),
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (system_id, version),
    FOREIGN KEY (system_id, version) REFERENCES system_versions(system_id, version)
);

CREATE TRIGGER risk_assessments_no_update BEFORE UPDATE ON risk_assessments
FOR EACH ROW EXECUTE FUNCTION capdo_refuse('risk assessments are immutable');
CREATE TRIGGER risk_assessments_no_delete BEFORE DELETE ON risk_assessments
FOR EACH ROW EXECUTE FUNCTION capdo_refuse('risk assessments are immutable');
CREATE TRIGGER risk_assessments_no_truncate BEFORE TRUNCATE ON risk_assessments
FOR EACH STATEMENT EXECUTE FUNCTION capdo_refuse('risk assessments are immutable');
