-- PostgreSQL body of 0003_routing.sql: level 4–5 dossiers go to the authority of their
-- system's managing ministry (Decree 85 Art. 12.3); an organisation's `appraises` says
-- which group its authority users appraise.
ALTER TABLE orgs ADD COLUMN appraises TEXT NOT NULL DEFAULT 'civil' CHECK (appraises IN ('civil', 'bqp', 'bca'));
ALTER TABLE dossiers ADD COLUMN ministry TEXT NOT NULL DEFAULT 'civil' CHECK (ministry IN ('civil', 'bqp', 'bca'));

-- Dossiers made before this migration get their managing ministry from the frozen profile
-- as ManagingMinistry reads it; approved ones too, with the freeze lifted for this one
-- statement (the column is not part of the sealed history).
ALTER TABLE dossiers DISABLE TRIGGER dossiers_approved_frozen;
UPDATE dossiers SET ministry = CASE
    WHEN profile::jsonb ->> 'managed_by' IN ('bqp', 'bca') THEN profile::jsonb ->> 'managed_by'
    WHEN coalesce(profile::jsonb ->> 'managed_by', '') <> '' THEN 'civil'
    WHEN profile::jsonb ->> 'owner' ILIKE '%bộ quốc phòng%' THEN 'bqp'
    WHEN profile::jsonb ->> 'owner' ILIKE '%bộ công an%' THEN 'bca'
    ELSE 'civil' END;
ALTER TABLE dossiers ENABLE TRIGGER dossiers_approved_frozen;
