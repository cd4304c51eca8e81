-- Routing of Decree 331/2026 (Art. 18, 20): authorities appraise for Ban Cơ yếu Chính phủ
-- too, a dossier reaches its authority when the owner forwards it, and the owner may
-- designate an independent appraiser (Art. 18.4).
--
-- SQLite cannot widen a CHECK constraint in place: orgs and dossiers are copied, dropped and
-- made again with the wider check, every row and id kept, then their indexes and triggers.
-- Foreign keys pointing at them are checked when the migration commits, by which time every
-- row is back (defer_foreign_keys lasts until the end of this transaction).
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

-- Dossiers: ministry is the appraisal group the dossier is routed to, now also bcy. Under
-- Decree 331 it follows the owner's sector (levels.Procedure.AppraiserGroup): Bộ Công an
-- for civil systems and its own, Bộ Quốc phòng, Ban Cơ yếu Chính phủ. routed_authority is set
-- once the dossier has reached its authority: at submission under Decree 85, when the owner
-- forwards it under Decree 331. Every level 4–5 dossier made before this migration was
-- routed at submission, as its pinned procedure says, so it is set for them.
CREATE TABLE dossiers_0011 AS SELECT * FROM dossiers;
DROP TABLE dossiers;
CREATE TABLE dossiers (
    id               INTEGER PRIMARY KEY,
    system_id        INTEGER NOT NULL REFERENCES systems(id),
    system_version   INTEGER NOT NULL,
    level            INTEGER NOT NULL,
    profile          TEXT    NOT NULL,
    decision         TEXT    NOT NULL,
    manifest         TEXT    NOT NULL,
    rule_set         TEXT    NOT NULL,
    rule_set_digest  TEXT    NOT NULL,
    templates        TEXT    NOT NULL,
    templates_digest TEXT    NOT NULL,
    status           TEXT    NOT NULL,
    status_since     INTEGER NOT NULL,
    due_at           INTEGER,          -- statutory deadline of the current stage, NULL when none
    holder           TEXT    NOT NULL, -- role that must act next
    routed_authority INTEGER NOT NULL DEFAULT 0, -- has reached an authority stage (stays set)
    created_by       INTEGER REFERENCES users(id),
    created_at       INTEGER NOT NULL,
    ministry         TEXT    NOT NULL DEFAULT 'civil' CHECK (ministry IN ('civil', 'bqp', 'bca', 'bcy')),
    FOREIGN KEY (system_id, system_version) REFERENCES system_versions(system_id, version)
);
INSERT INTO dossiers(id, system_id, system_version, level, profile, decision, manifest, rule_set, rule_set_digest,
    templates, templates_digest, status, status_since, due_at, holder, routed_authority, created_by, created_at, ministry)
SELECT id, system_id, system_version, level, profile, decision, manifest, rule_set, rule_set_digest,
    templates, templates_digest, status, status_since, due_at, holder,
    CASE WHEN level >= 4 THEN 1 ELSE routed_authority END, created_by, created_at, ministry
FROM dossiers_0011 ORDER BY id;
DROP TABLE dossiers_0011;
CREATE INDEX dossiers_system ON dossiers(system_id);
CREATE INDEX dossiers_status ON dossiers(status);
CREATE TRIGGER dossiers_approved_frozen BEFORE UPDATE ON dossiers
WHEN OLD.status = 'approved'
BEGIN SELECT RAISE(ABORT, 'approved dossiers are immutable'); END;
CREATE TRIGGER dossiers_withdrawn_frozen BEFORE UPDATE ON dossiers
WHEN OLD.status = 'withdrawn'
BEGIN SELECT RAISE(ABORT, 'withdrawn dossiers are immutable'); END;

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
