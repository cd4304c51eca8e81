-- Whole inventories (issue 13): importing a spreadsheet into the registry and re-rating it.

-- Imports match the rows of a spreadsheet to the systems of one organisation by their id
-- (systems.ext_id); the index keeps that lookup from scanning the organisation.
CREATE INDEX systems_org_ext ON systems(org_id, ext_id);

-- A level approved before the system's record was kept in capdo, as the approved_level
-- column of an imported inventory declares it: the baseline of a re-rating for a system
-- with no approval recorded in capdo (store.DeclaredLevels). It is a declaration, never an
-- approval: no dossier, no decision, and an approval recorded in capdo always prevails.
-- Rows are only ever added; the newest (highest seq) is the system's.
CREATE TABLE system_declared_levels (
    system_id   INTEGER NOT NULL REFERENCES systems(id),
    seq         INTEGER NOT NULL,
    level       INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    rule_set    TEXT    NOT NULL, -- the rule set the level was approved under, as assumed on import
    version     INTEGER NOT NULL, -- the system version it was declared with
    declared_by INTEGER REFERENCES users(id),
    declared_at INTEGER NOT NULL,
    PRIMARY KEY (system_id, seq)
);
CREATE TRIGGER system_declared_levels_no_update BEFORE UPDATE ON system_declared_levels
BEGIN SELECT RAISE(ABORT, 'declared levels are append-only'); END;
CREATE TRIGGER system_declared_levels_no_delete BEFORE DELETE ON system_declared_levels
BEGIN SELECT RAISE(ABORT, 'declared levels are append-only'); END;
