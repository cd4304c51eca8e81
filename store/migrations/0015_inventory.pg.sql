-- PostgreSQL body of 0015_inventory.sql: the index imports match rows by, and the levels
-- approved before capdo that imported inventories declare.
CREATE INDEX systems_org_ext ON systems(org_id, ext_id);

CREATE TABLE system_declared_levels (
    system_id   BIGINT  NOT NULL REFERENCES systems(id),
    seq         INTEGER NOT NULL,
    level       INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    rule_set    TEXT    NOT NULL, -- the rule set the level was approved under, as assumed on import
    version     INTEGER NOT NULL, -- the system version it was declared with
    declared_by BIGINT  REFERENCES users(id),
    declared_at BIGINT  NOT NULL,
    PRIMARY KEY (system_id, seq)
);
CREATE TRIGGER system_declared_levels_no_update BEFORE UPDATE ON system_declared_levels
FOR EACH ROW EXECUTE FUNCTION capdo_refuse('declared levels are append-only');
CREATE TRIGGER system_declared_levels_no_delete BEFORE DELETE ON system_declared_levels
FOR EACH ROW EXECUTE FUNCTION capdo_refuse('declared levels are append-only');
CREATE TRIGGER system_declared_levels_no_truncate BEFORE TRUNCATE ON system_declared_levels
FOR EACH STATEMENT EXECUTE FUNCTION capdo_refuse('declared levels are append-only');
