-- PostgreSQL body of 0002_systems_list_index.sql: the system list's page comes from the
-- index (org_id, updated_at, id), which also serves every lookup by org_id.
CREATE INDEX systems_org_updated ON systems(org_id, updated_at, id);
DROP INDEX systems_org;
