-- The cyber risk assessment of Decree 331/2026 Art. 10 (package risk), recorded with the
-- system version it was made for. Recording an assessment always saves a new system version
-- (registry.Registry.RecordRisk): the version's risk_level fact is the assessment's level, and
-- a version, like its assessment, never changes afterwards. A version without a row of its
-- own carries the newest assessment recorded at an earlier version (store.RiskAssessmentAt),
-- until a new one is recorded.
CREATE TABLE risk_assessments (
    system_id  INTEGER NOT NULL,
    version    INTEGER NOT NULL,
    level      INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5), -- the level it supports
    body       TEXT    NOT NULL, -- risk.Assessment as JSON
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (system_id, version),
    FOREIGN KEY (system_id, version) REFERENCES system_versions(system_id, version)
);

CREATE TRIGGER risk_assessments_no_update BEFORE UPDATE ON risk_assessments
BEGIN SELECT RAISE(ABORT, 'risk assessments are immutable'); END;
CREATE TRIGGER risk_assessments_no_delete BEFORE DELETE ON risk_assessments
BEGIN SELECT RAISE(ABORT, 'risk assessments are immutable'); END;
