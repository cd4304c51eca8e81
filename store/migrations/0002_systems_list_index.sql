-- The system list shows a subtree's systems by last change, a page at a time. With
-- (org_id, updated_at, id) a page is chosen from the index alone, before any row is read
-- (ListSystems); the index also serves every lookup by org_id, so it replaces systems_org.
CREATE INDEX systems_org_updated ON systems(org_id, updated_at, id);
DROP INDEX systems_org;
