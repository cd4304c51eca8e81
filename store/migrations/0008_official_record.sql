-- The official record of a dossier (docs/contract.md §6): documents uploaded to it, its approval and
-- the approval decision's number and date.

-- Documents uploaded to a dossier: the signed request, the professional opinion, the
-- appraisal result, the signed decision, attachments and revised documents. Like the
-- generated documents they never change, and each upload is also an event of the dossier's
-- history carrying the file's SHA-256 (review.UploadData). name is unique in the dossier,
-- the generated documents' names included (store.AddUpload).
CREATE TABLE dossier_uploads (
    dossier_id   INTEGER NOT NULL REFERENCES dossiers(id),
    name         TEXT    NOT NULL,
    kind         TEXT    NOT NULL CHECK (kind IN ('signed_request', 'opinion', 'appraisal', 'decision', 'attachment', 'revised')),
    content_type TEXT    NOT NULL,
    data         BLOB    NOT NULL,
    sha256       TEXT    NOT NULL,
    size         INTEGER NOT NULL,
    uploaded_by  INTEGER REFERENCES users(id),
    uploaded_at  INTEGER NOT NULL,
    PRIMARY KEY (dossier_id, name)
);

-- The approval of a dossier, written in the transaction that approves it: the system's
-- approved level is its newest approval (store.Approved), which no later edit of the system
-- touches. inspection_months is the inspection cycle of the dossier's rule set for its level
-- (Decree 85 Art. 20.2.c), 0 when the set names none.
CREATE TABLE dossier_approvals (
    dossier_id        INTEGER PRIMARY KEY REFERENCES dossiers(id),
    system_id         INTEGER NOT NULL REFERENCES systems(id),
    inspection_months INTEGER NOT NULL,
    approved_at       INTEGER NOT NULL
);
CREATE INDEX dossier_approvals_system ON dossier_approvals(system_id, approved_at);

-- The approval decision's number and date, recorded once: with the approval, or afterwards
-- by the approver. date is the date written on the decision, YYYY-MM-DD.
CREATE TABLE dossier_decisions (
    dossier_id  INTEGER PRIMARY KEY REFERENCES dossiers(id),
    number      TEXT    NOT NULL,
    date        TEXT    NOT NULL,
    recorded_by INTEGER REFERENCES users(id),
    recorded_at INTEGER NOT NULL
);

-- The folded text of the profile a dossier was made from (store.Fold: id, name, owner,
-- operator), for searching the systems routed to a reviewer by the version it was sent, not
-- by what the unit saved since. Dossiers made before this migration get theirs when the
-- database is opened (store.fillDossierSearch): SQL cannot fold Vietnamese.
CREATE TABLE dossier_search (
    dossier_id INTEGER PRIMARY KEY REFERENCES dossiers(id),
    search     TEXT    NOT NULL
);

-- Approvals before this migration. Their inspection cycle is Decree 85's for the level
-- (Art. 20.2.c), which Decree 331's set uses too for want of its own.
INSERT INTO dossier_approvals(dossier_id, system_id, inspection_months, approved_at)
SELECT d.id, d.system_id, CASE WHEN d.level <= 2 THEN 24 WHEN d.level <= 4 THEN 12 ELSE 6 END, d.status_since
FROM dossiers d WHERE d.status = 'approved';

-- What was uploaded or recorded never changes.
CREATE TRIGGER dossier_uploads_no_update BEFORE UPDATE ON dossier_uploads
BEGIN SELECT RAISE(ABORT, 'dossier files are immutable'); END;
CREATE TRIGGER dossier_uploads_no_delete BEFORE DELETE ON dossier_uploads
BEGIN SELECT RAISE(ABORT, 'dossier files are immutable'); END;
CREATE TRIGGER dossier_approvals_no_update BEFORE UPDATE ON dossier_approvals
BEGIN SELECT RAISE(ABORT, 'approvals are immutable'); END;
CREATE TRIGGER dossier_approvals_no_delete BEFORE DELETE ON dossier_approvals
BEGIN SELECT RAISE(ABORT, 'approvals are immutable'); END;
CREATE TRIGGER dossier_decisions_no_update BEFORE UPDATE ON dossier_decisions
BEGIN SELECT RAISE(ABORT, 'a recorded decision is immutable'); END;
CREATE TRIGGER dossier_decisions_no_delete BEFORE DELETE ON dossier_decisions
BEGIN SELECT RAISE(ABORT, 'a recorded decision is immutable'); END;
CREATE TRIGGER dossier_search_no_update BEFORE UPDATE ON dossier_search
BEGIN SELECT RAISE(ABORT, 'dossier search text is immutable'); END;

-- Only an approved dossier has an approval or a decision.
CREATE TRIGGER dossier_approvals_approved_only BEFORE INSERT ON dossier_approvals
WHEN (SELECT status FROM dossiers WHERE id = NEW.dossier_id) <> 'approved'
BEGIN SELECT RAISE(ABORT, 'only an approved dossier has an approval'); END;
CREATE TRIGGER dossier_decisions_approved_only BEFORE INSERT ON dossier_decisions
WHEN (SELECT status FROM dossiers WHERE id = NEW.dossier_id) <> 'approved'
BEGIN SELECT RAISE(ABORT, 'only an approved dossier has a decision'); END;

-- An approved dossier takes one more document only: its signed decision; a withdrawn one
-- takes none.
CREATE TRIGGER dossier_uploads_after_approval BEFORE INSERT ON dossier_uploads
WHEN (SELECT status FROM dossiers WHERE id = NEW.dossier_id) = 'withdrawn'
  OR ((SELECT status FROM dossiers WHERE id = NEW.dossier_id) = 'approved' AND NEW.kind <> 'decision')
BEGIN SELECT RAISE(ABORT, 'this dossier takes no more documents'); END;

-- The history of an approved dossier takes, after the approval, only the upload of its
-- signed decision and the record of the decision's number and date; a withdrawn dossier's
-- history is closed, and the dossier no longer changes.
DROP TRIGGER dossier_events_after_approval;
CREATE TRIGGER dossier_events_after_approval BEFORE INSERT ON dossier_events
WHEN (SELECT status FROM dossiers WHERE id = NEW.dossier_id) = 'withdrawn'
  OR ((SELECT status FROM dossiers WHERE id = NEW.dossier_id) = 'approved' AND NEW.action NOT IN ('upload', 'decision'))
BEGIN SELECT RAISE(ABORT, 'approved dossiers are immutable'); END;
CREATE TRIGGER dossiers_withdrawn_frozen BEFORE UPDATE ON dossiers
WHEN OLD.status = 'withdrawn'
BEGIN SELECT RAISE(ABORT, 'withdrawn dossiers are immutable'); END;
