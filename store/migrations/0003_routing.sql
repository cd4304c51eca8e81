-- Level 4–5 dossiers go to the authority of their system's managing ministry (Decree 85
-- Art. 12.3): civil systems to the default appraiser (point a), systems managed by the
-- Ministry of National Defence or of Public Security to that ministry (points b, c).
-- An organisation's `appraises` says which group its authority users appraise.
ALTER TABLE orgs ADD COLUMN appraises TEXT NOT NULL DEFAULT 'civil' CHECK (appraises IN ('civil', 'bqp', 'bca'));

-- The managing ministry of a dossier's system, fixed when the dossier is generated (from
-- levels.Profile.ManagingMinistry), so that an authority's lists filter in SQL.
ALTER TABLE dossiers ADD COLUMN ministry TEXT NOT NULL DEFAULT 'civil' CHECK (ministry IN ('civil', 'bqp', 'bca'));

-- Dossiers made before this migration: managed_by as declared, else the owner's name, as
-- ManagingMinistry reads it (LIKE ignores ASCII case only, which covers "Bộ Quốc phòng"
-- written as usual). The column derives from the frozen profile and is not part of the
-- sealed history, so approved dossiers get it too: the freeze trigger is lifted for this
-- one statement and restored as it was.
DROP TRIGGER dossiers_approved_frozen;
UPDATE dossiers SET ministry = CASE
    WHEN json_extract(profile, '$.managed_by') IN ('bqp', 'bca') THEN json_extract(profile, '$.managed_by')
    WHEN coalesce(json_extract(profile, '$.managed_by'), '') <> '' THEN 'civil'
    WHEN json_extract(profile, '$.owner') LIKE '%bộ quốc phòng%' THEN 'bqp'
    WHEN json_extract(profile, '$.owner') LIKE '%bộ công an%' THEN 'bca'
    ELSE 'civil' END;
CREATE TRIGGER dossiers_approved_frozen BEFORE UPDATE ON dossiers
WHEN OLD.status = 'approved'
BEGIN SELECT RAISE(ABORT, 'approved dossiers are immutable'); END;
