-- PostgreSQL body of 0011_decree331_routing.sql: authorities appraise for Ban Cơ yếu Chính
-- phủ too (bcy), a dossier's appraisal group and its routing to the authority, the
-- independent appraiser designated for a dossier (Decree 331 Art. 18.4), and the steps
-- recorded after the approval.
ALTER TABLE orgs DROP CONSTRAINT orgs_appraises_check;
ALTER TABLE orgs ADD CONSTRAINT orgs_appraises_check CHECK (appraises IN ('civil', 'bqp', 'bca', 'bcy'));

-- '' for the dossiers made before: they are routed as they always were (store.routedDossier).
ALTER TABLE dossiers ADD COLUMN appraisal_group TEXT NOT NULL DEFAULT ''
    CHECK (appraisal_group IN ('', 'civil', 'bqp', 'bca', 'bcy'));

CREATE OR REPLACE FUNCTION dossier_events_after_approval() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    st TEXT := (SELECT status FROM dossiers WHERE id = NEW.dossier_id);
BEGIN
    IF st = 'withdrawn' OR (st = 'approved' AND NEW.action NOT IN ('upload', 'decision', 'report', 'pm_list')) THEN
        RAISE EXCEPTION 'approved dossiers are immutable';
    END IF;
    RETURN NEW;
END
$$;

CREATE TABLE dossier_appraisers (
    dossier_id    BIGINT PRIMARY KEY REFERENCES dossiers(id),
    org_id        BIGINT NOT NULL REFERENCES orgs(id),
    kind          TEXT   NOT NULL CHECK (kind IN ('unit', 'council')),
    decision      TEXT   NOT NULL,
    designated_by BIGINT REFERENCES users(id),
    designated_at BIGINT NOT NULL
);
CREATE INDEX dossier_appraisers_org ON dossier_appraisers(org_id);
CREATE OR REPLACE FUNCTION dossier_appraisers_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT status FROM dossiers WHERE id = OLD.dossier_id) NOT IN ('draft', 'returned') THEN
        RAISE EXCEPTION 'the appraiser of a submitted dossier is fixed';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER dossier_appraisers_fixed BEFORE UPDATE ON dossier_appraisers
FOR EACH ROW EXECUTE FUNCTION dossier_appraisers_fixed();
CREATE TRIGGER dossier_appraisers_no_delete BEFORE DELETE ON dossier_appraisers
FOR EACH ROW EXECUTE FUNCTION capdo_refuse('a designation is not removed');
CREATE TRIGGER dossier_appraisers_no_truncate BEFORE TRUNCATE ON dossier_appraisers
FOR EACH STATEMENT EXECUTE FUNCTION capdo_refuse('a designation is not removed');
