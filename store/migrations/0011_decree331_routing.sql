-- Routing of Decree 331/2026 (Art. 18, 20): authorities appraise for Ban Cơ yếu Chính phủ
-- too, a dossier reaches its authority when the owner forwards it, and the owner may
-- designate an independent appraiser (Art. 18.4).
--
-- SQLite cannot widen a CHECK constraint in place: orgs is copied, dropped and made again
-- with the wider check, every row and id kept, then its index. No foreign key pointing at
-- orgs deletes anything; those pointing at it are checked when the migration commits, by
-- which time every row is back (defer_foreign_keys lasts until the end of this transaction).
PRAGMA defer_foreign_keys = ON;

-- Authority organisations: the group whose level 4–5 dossiers they appraise gains bcy (Ban
-- Cơ yếu Chính phủ, its cipher systems: Decree 331 Art. 18.3.c).
CREATE TABLE orgs_0011 AS SELECT id, name, parent_id, created_at, appraises FROM orgs;
DROP TABLE orgs;
CREATE TABLE orgs (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE,
    parent_id  INTEGER REFERENCES orgs(id),
    created_at INTEGER NOT NULL,
    appraises  TEXT    NOT NULL DEFAULT 'civil' CHECK (appraises IN ('civil', 'bqp', 'bca', 'bcy'))
);
INSERT INTO orgs(id, name, parent_id, created_at, appraises)
SELECT id, name, parent_id, created_at, appraises FROM orgs_0011 ORDER BY id;
DROP TABLE orgs_0011;
CREATE INDEX orgs_parent ON orgs(parent_id);

-- Dossiers: appraisal_group is the group of authorities a dossier is routed to, fixed when
-- it is made (levels.Procedure.AppraiserGroup): under Decree 331 from the owner's sector
-- (bca for civil systems and Bộ Công an's own, bqp, bcy), under Decree 85 the managing
-- ministry (civil, bqp, bca). ministry keeps the managing ministry of Decree 85 Art. 12.3.
-- routed_authority is set once the dossier has reached its authority: at submission under
-- Decree 85, when the owner forwards it under Decree 331. A dossier made before this
-- migration has appraisal_group '': it is routed as it always was, by ministry from level 4
-- on (store.routedDossier), so no row, approved or not, is rewritten. The group is a column
-- of its own because SQLite cannot widen the check of ministry without making the table
-- again, which would delete the notifications that cascade from it (migration 10).
ALTER TABLE dossiers ADD COLUMN appraisal_group TEXT NOT NULL DEFAULT ''
    CHECK (appraisal_group IN ('', 'civil', 'bqp', 'bca', 'bcy'));

-- After the approval, the history takes the steps recorded once approved too: the cyber
-- unit's report to the owner (Decree 331 Art. 18.1) and the Prime Minister's decision on the
-- list of systems important to national security (Art. 18.3.đ).
DROP TRIGGER dossier_events_after_approval;
CREATE TRIGGER dossier_events_after_approval BEFORE INSERT ON dossier_events
WHEN (SELECT status FROM dossiers WHERE id = NEW.dossier_id) = 'withdrawn'
  OR ((SELECT status FROM dossiers WHERE id = NEW.dossier_id) = 'approved' AND NEW.action NOT IN ('upload', 'decision', 'report', 'pm_list'))
BEGIN SELECT RAISE(ABORT, 'approved dossiers are immutable'); END;

-- The independent appraiser the owner designated for a dossier when its cyber unit also
-- operates the system (Decree 331 Art. 18.4): another competent unit under the owner (kind
-- unit) or an independent appraisal council (kind council), an organisation of the
-- installation whose infosec users then receive and appraise the dossier. decision is the
-- owner's designating decision as written (number and date). It may change while the
-- dossier waits for its preparer (draft, returned), never once submitted; each designation
-- is also an event of the dossier's history.
CREATE TABLE dossier_appraisers (
    dossier_id    INTEGER PRIMARY KEY REFERENCES dossiers(id),
    org_id        INTEGER NOT NULL REFERENCES orgs(id),
    kind          TEXT    NOT NULL CHECK (kind IN ('unit', 'council')),
    decision      TEXT    NOT NULL,
    designated_by INTEGER REFERENCES users(id),
    designated_at INTEGER NOT NULL
);
CREATE INDEX dossier_appraisers_org ON dossier_appraisers(org_id);
CREATE TRIGGER dossier_appraisers_fixed BEFORE UPDATE ON dossier_appraisers
WHEN (SELECT status FROM dossiers WHERE id = OLD.dossier_id) NOT IN ('draft', 'returned')
BEGIN SELECT RAISE(ABORT, 'the appraiser of a submitted dossier is fixed'); END;
CREATE TRIGGER dossier_appraisers_no_delete BEFORE DELETE ON dossier_appraisers
BEGIN SELECT RAISE(ABORT, 'a designation is not removed'); END;
