package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"capdo/levels"
)

// Inventory is what importing a whole inventory into the registry and re-rating it need
// (migration 0015).
type Inventory interface {
	// OrgSystems lists the systems of organisation orgID itself, not of its subtree, with
	// their current version's profile (not its decision) and their approval: what an
	// import matches its rows to.
	OrgSystems(ctx context.Context, orgID int64) ([]System, error)
	// ImportSystems stores every item in one transaction: all of them, or none. ErrConflict
	// (wrapped, naming the system) when a system changed since the import compared with it
	// (Base), left the organisation, or a new system's id was taken meanwhile.
	ImportSystems(ctx context.Context, orgID int64, items []ImportItem) ([]Imported, error)
	// ScopeSystems lists every system the caller sees, with its profile and decision: the
	// subtree's at their current version, the systems routed to it at the version of the
	// newest dossier routed (Routed set), each with its approval as the caller sees it.
	ScopeSystems(ctx context.Context, sc Scope) ([]System, error)
	// ScopeSystemRows and ScopeProfiles read the same in two steps (scope_rows.go): the
	// systems without profile and decision, then the profiles of those asked for.
	ScopeSystemRows(ctx context.Context, sc Scope) ([]System, error)
	ScopeProfiles(ctx context.Context, sc Scope, ids []int64) (map[int64]levels.Profile, error)
	// DeclaredLevels returns the newest declared level of each of the systems that has one.
	DeclaredLevels(ctx context.Context, ids []int64) (map[int64]DeclaredLevel, error)
	// DossierCountsByOrg counts the dossiers the caller sees by unit and status, withdrawn
	// ones left out.
	DossierCountsByOrg(ctx context.Context, sc Scope) ([]OrgStatusCount, error)
	// AnnualSystems is the registry of the subtree of orgID as it stood at until, for the
	// annual report (Decree 331 Art. 35–36).
	AnnualSystems(ctx context.Context, orgID int64, until time.Time) ([]AnnualSystem, error)
}

// DeclaredLevel is a level approved before the system's record was kept in capdo, as an
// imported inventory declared it. It is no approval: Approval is.
type DeclaredLevel struct {
	Level      int
	RuleSet    string
	Version    int // the system version it was declared with
	DeclaredBy string
	DeclaredAt time.Time
}

// ImportItem is one system an import writes.
type ImportItem struct {
	SystemID int64 // 0: a new system
	// Base is the version the import compared with; the system must still be at it.
	Base    int
	Version NewVersion
	// Declared, 1–5, records a level approved before capdo (DeclaredLevel) with the version,
	// under DeclaredRuleSet; 0 records none.
	Declared        int
	DeclaredRuleSet string
}

// Imported is a system version an import stored.
type Imported struct {
	ID      int64
	Version int
}

// OrgStatusCount is the number of dossiers of one unit in one status.
type OrgStatusCount struct {
	OrgID  int64
	Name   string
	Status string
	Count  int
}

// AnnualSystem is one system as the annual report sees it at the end of its data period.
type AnnualSystem struct {
	ID       int64
	OrgID    int64
	OrgName  string
	Version  int
	Level    int // of that version, under the rule set it was saved with
	Profile  levels.Profile
	Dossier  *AnnualDossier // the newest dossier made by then and not withdrawn by then
	Dossiers int            // dossiers made by then, withdrawn ones included
	// Appraised: a dossier of the system had been appraised by then.
	Appraised bool
	Approval  *AnnualApproval // the newest approval by then
	Declared  *DeclaredLevel  // the newest declared level by then
}

// AnnualDossier is a dossier with its status at the end of the data period.
type AnnualDossier struct {
	ID      int64
	Level   int
	RuleSet string
	Status  string
	DueAt   time.Time
}

// AnnualApproval is an approval with its decision and who approved it.
type AnnualApproval struct {
	DossierID  int64
	Level      int
	RuleSet    string
	ApprovedAt time.Time
	Number     string // "" until recorded
	Date       string // YYYY-MM-DD
	Approver   string // the approver's organisation
}

// OrgSystems lists the systems of one organisation with their current profiles. The
// decisions stay unread: an import classifies again, and a decision with its reasons is
// larger than the profile.
func (db *DB) OrgSystems(ctx context.Context, orgID int64) ([]System, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT s.id, s.org_id, o.name, v.level, v.version, s.status, v.profile, s.created_at, s.updated_at
		FROM systems s JOIN orgs o ON o.id = s.org_id
		JOIN system_versions v ON v.system_id = s.id AND v.version = s.version
		WHERE s.org_id = ? ORDER BY s.id`, orgID)
	if err != nil {
		return nil, fmt.Errorf("store: systems of org %d: %w", orgID, err)
	}
	defer rows.Close()
	var out []System
	for rows.Next() {
		var s System
		var p []byte
		var created, updated int64
		if err := rows.Scan(&s.ID, &s.OrgID, &s.OrgName, &s.Level, &s.Version, &s.Status, &p, &created, &updated); err != nil {
			return nil, fmt.Errorf("store: systems of org %d: %w", orgID, err)
		}
		s.CreatedAt, s.UpdatedAt = fromMicros(created), fromMicros(updated)
		if err := json.Unmarshal(p, &s.Profile); err != nil {
			return nil, fmt.Errorf("store: system %d: %w", s.ID, err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: systems of org %d: %w", orgID, err)
	}
	rows.Close()
	return out, db.fillApprovals(ctx, Scope{OrgID: orgID}, out)
}

// ImportSystems writes the items in one transaction, with statements prepared once.
func (db *DB) ImportSystems(ctx context.Context, orgID int64, items []ImportItem) ([]Imported, error) {
	now := db.now()
	out := make([]Imported, len(items))
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		// The ids taken in the organisation, read once: a new system's id must still be free.
		taken := map[string]bool{}
		rows, err := tx.QueryContext(ctx, "SELECT ext_id FROM systems WHERE org_id = ? AND ext_id <> ''", orgID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var ext string
			if err := rows.Scan(&ext); err != nil {
				rows.Close()
				return err
			}
			taken[ext] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		insSystem, err := tx.PrepareContext(ctx, `INSERT INTO systems(org_id, ext_id, name, owner, level, version, search, created_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?) RETURNING id`)
		if err != nil {
			return err
		}
		defer insSystem.Close()
		current, err := tx.PrepareContext(ctx, "SELECT version, org_id FROM systems WHERE id = ?")
		if err != nil {
			return err
		}
		defer current.Close()
		updSystem, err := tx.PrepareContext(ctx, `UPDATE systems SET ext_id = ?, name = ?, owner = ?, level = ?, version = ?, search = ?, updated_at = ? WHERE id = ?`)
		if err != nil {
			return err
		}
		defer updSystem.Close()
		insVersion, err := tx.PrepareContext(ctx, `INSERT INTO system_versions(system_id, version, profile, decision, level, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer insVersion.Close()
		insDeclared, err := tx.PrepareContext(ctx, `INSERT INTO system_declared_levels(system_id, seq, level, rule_set, version, declared_by, declared_at)
			VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM system_declared_levels WHERE system_id = ?), ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer insDeclared.Close()
		for i, it := range items {
			v := it.Version
			p, err := json.Marshal(v.Profile)
			if err != nil {
				return err
			}
			d, err := json.Marshal(v.Decision)
			if err != nil {
				return err
			}
			id, version := it.SystemID, 1
			if id == 0 {
				if v.Profile.ID != "" && taken[v.Profile.ID] {
					return fmt.Errorf("%w: mã hệ thống «%s» vừa được dùng cho một hệ thống khác của đơn vị", ErrConflict, v.Profile.ID)
				}
				taken[v.Profile.ID] = true
				if err := insSystem.QueryRowContext(ctx, orgID, v.Profile.ID, v.Profile.Name, v.Profile.Owner, v.Decision.Level,
					searchText(&v.Profile), nullID(v.ActorID), micros(now), micros(now)).Scan(&id); err != nil {
					return err
				}
			} else {
				var org int64
				err := current.QueryRowContext(ctx, id).Scan(&version, &org)
				if errors.Is(err, sql.ErrNoRows) || (err == nil && org != orgID) {
					return fmt.Errorf("%w: hệ thống số %d không còn thuộc đơn vị", ErrConflict, id)
				}
				if err != nil {
					return err
				}
				if version != it.Base {
					return fmt.Errorf("%w: hệ thống «%s» đã được sửa (phiên bản %d) sau khi xem trước (phiên bản %d)", ErrConflict, v.Profile.ID, version, it.Base)
				}
				version++
				if _, err := updSystem.ExecContext(ctx, v.Profile.ID, v.Profile.Name, v.Profile.Owner, v.Decision.Level, version,
					searchText(&v.Profile), micros(now), id); err != nil {
					return err
				}
			}
			if _, err := insVersion.ExecContext(ctx, id, version, p, d, v.Decision.Level, nullID(v.ActorID), micros(now)); err != nil {
				return err
			}
			if it.Declared > 0 {
				if _, err := insDeclared.ExecContext(ctx, id, id, it.Declared, it.DeclaredRuleSet, version, nullID(v.ActorID), micros(now)); err != nil {
					return err
				}
			}
			out[i] = Imported{ID: id, Version: version}
		}
		return nil
	})
	if errors.Is(err, ErrConflict) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("store: import systems: %w", err)
	}
	return out, nil
}

// scopeSystemsQuery selects the systems in scope (ScopeSystems): id, org_id, org name,
// level, version, status, then with json the profile and decision, then creator,
// created_at, updated_at and whether the row is routed to the caller.
func scopeSystemsQuery(json bool) string {
	current, routed := "", ""
	if json {
		current, routed = " v.profile, v.decision,", " rd.profile, rd.decision,"
	}
	return scopeCTE + routedNewestAll + `
		SELECT s.id, s.org_id, o.name, v.level, v.version, s.status,` + current + ` coalesce(u.username, ''), s.created_at, s.updated_at, 0
		FROM systems s JOIN orgs o ON o.id = s.org_id
		JOIN system_versions v ON v.system_id = s.id AND v.version = s.version
		LEFT JOIN users u ON u.id = s.created_by
		WHERE s.org_id IN (SELECT id FROM sub)
		UNION ALL
		SELECT s.id, s.org_id, o.name, rd.level, rd.system_version, rd.status,` + routed + ` coalesce(u.username, ''), s.created_at, rd.status_since, 1
		FROM routed_d r JOIN dossiers rd ON rd.id = r.dossier_id JOIN systems s ON s.id = r.system_id
		JOIN orgs o ON o.id = s.org_id LEFT JOIN users u ON u.id = s.created_by
		ORDER BY 3, 1`
}

// ScopeSystems lists what the caller sees with full profiles: the subtree's systems at
// their current version, then those routed to it at the version of the newest dossier
// routed, by unit name and id.
func (db *DB) ScopeSystems(ctx context.Context, sc Scope) ([]System, error) {
	return db.scopeSystems(ctx, sc, true)
}

// scopeSystems is ScopeSystems, or ScopeSystemRows without full (profile and decision
// neither read nor decoded).
func (db *DB) scopeSystems(ctx context.Context, sc Scope, full bool) ([]System, error) {
	rows, err := db.read.QueryContext(ctx, scopeSystemsQuery(full), sc.args()...)
	if err != nil {
		return nil, fmt.Errorf("store: systems in scope: %w", err)
	}
	defer rows.Close()
	out := []System{}
	for rows.Next() {
		var s System
		var p, d []byte
		var created, updated int64
		dest := []any{&s.ID, &s.OrgID, &s.OrgName, &s.Level, &s.Version, &s.Status}
		if full {
			dest = append(dest, &p, &d)
		}
		if err := rows.Scan(append(dest, &s.CreatedBy, &created, &updated, &s.Routed)...); err != nil {
			return nil, fmt.Errorf("store: systems in scope: %w", err)
		}
		s.CreatedAt, s.UpdatedAt = fromMicros(created), fromMicros(updated)
		if full {
			if err := json.Unmarshal(p, &s.Profile); err != nil {
				return nil, fmt.Errorf("store: system %d: %w", s.ID, err)
			}
			if err := json.Unmarshal(d, &s.Decision); err != nil {
				return nil, fmt.Errorf("store: system %d: %w", s.ID, err)
			}
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: systems in scope: %w", err)
	}
	rows.Close()
	return out, db.fillApprovals(ctx, sc, out)
}

// DeclaredLevels reads the newest declaration of each system, in batches.
func (db *DB) DeclaredLevels(ctx context.Context, ids []int64) (map[int64]DeclaredLevel, error) {
	out := map[int64]DeclaredLevel{}
	for from := 0; from < len(ids); from += approvalBatch {
		batch := ids[from:min(from+approvalBatch, len(ids))]
		marks := make([]string, len(batch))
		args := make([]any, len(batch))
		for i, id := range batch {
			marks[i], args[i] = "?", id
		}
		if err := db.declared(ctx, `SELECT x.system_id, x.level, x.rule_set, x.version, coalesce(u.username, ''), x.declared_at
			FROM system_declared_levels x LEFT JOIN users u ON u.id = x.declared_by
			WHERE x.system_id IN (`+strings.Join(marks, ", ")+`)
			AND x.seq = (SELECT max(y.seq) FROM system_declared_levels y WHERE y.system_id = x.system_id)`, args, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (db *DB) declared(ctx context.Context, q string, args []any, out map[int64]DeclaredLevel) error {
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("store: declared levels: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, at int64
		var d DeclaredLevel
		if err := rows.Scan(&id, &d.Level, &d.RuleSet, &d.Version, &d.DeclaredBy, &at); err != nil {
			return fmt.Errorf("store: declared levels: %w", err)
		}
		d.DeclaredAt = fromMicros(at)
		out[id] = d
	}
	return rows.Err()
}

// DossierCountsByOrg counts the visible dossiers by unit and status.
func (db *DB) DossierCountsByOrg(ctx context.Context, sc Scope) ([]OrgStatusCount, error) {
	rows, err := db.read.QueryContext(ctx, scopeCTE+`SELECT s.org_id, o.name, d.status, count(*)
		FROM dossiers d JOIN systems s ON s.id = d.system_id JOIN orgs o ON o.id = s.org_id
		WHERE`+scopeDossiers+`AND d.status <> 'withdrawn' GROUP BY s.org_id, o.name, d.status ORDER BY o.name, s.org_id`, sc.args()...)
	if err != nil {
		return nil, fmt.Errorf("store: dossiers by unit: %w", err)
	}
	defer rows.Close()
	var out []OrgStatusCount
	for rows.Next() {
		var c OrgStatusCount
		if err := rows.Scan(&c.OrgID, &c.Name, &c.Status, &c.Count); err != nil {
			return nil, fmt.Errorf("store: dossiers by unit: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// AnnualSystems reads the subtree's registry as of until: the systems created by then at
// the version current then, their dossiers with the status each had then, the approvals
// and declared levels recorded by then.
func (db *DB) AnnualSystems(ctx context.Context, orgID int64, until time.Time) ([]AnnualSystem, error) {
	t := micros(until)
	rows, err := db.read.QueryContext(ctx, subtreeCTE+`
		SELECT s.id, s.org_id, o.name, v.version, v.level, v.profile
		FROM systems s JOIN orgs o ON o.id = s.org_id
		JOIN system_versions v ON v.system_id = s.id
			AND v.version = (SELECT max(v2.version) FROM system_versions v2 WHERE v2.system_id = s.id AND v2.created_at <= ?)
		WHERE s.org_id IN (SELECT id FROM sub) AND s.created_at <= ?
		ORDER BY o.name, s.id`, orgID, t, t)
	if err != nil {
		return nil, fmt.Errorf("store: annual report: %w", err)
	}
	var out []AnnualSystem
	at := map[int64]int{}
	for rows.Next() {
		var a AnnualSystem
		var p []byte
		if err := rows.Scan(&a.ID, &a.OrgID, &a.OrgName, &a.Version, &a.Level, &p); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: annual report: %w", err)
		}
		if err := json.Unmarshal(p, &a.Profile); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: annual report: system %d: %w", a.ID, err)
		}
		at[a.ID] = len(out)
		out = append(out, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: annual report: %w", err)
	}

	// Dossiers made by then, oldest first: the newest one not withdrawn by then is the
	// system's.
	rows, err = db.read.QueryContext(ctx, subtreeCTE+`
		SELECT d.id, d.system_id, d.level, d.rule_set, d.due_at,
			coalesce((SELECT e.to_status FROM dossier_events e WHERE e.dossier_id = d.id AND e.at <= ? ORDER BY e.seq DESC LIMIT 1), d.status),
			EXISTS (SELECT 1 FROM dossier_events e WHERE e.dossier_id = d.id AND e.at <= ? AND e.action = 'appraise')
		FROM dossiers d JOIN systems s ON s.id = d.system_id
		WHERE s.org_id IN (SELECT id FROM sub) AND d.created_at <= ? ORDER BY d.id`, orgID, t, t, t)
	if err != nil {
		return nil, fmt.Errorf("store: annual report: %w", err)
	}
	for rows.Next() {
		var d AnnualDossier
		var system int64
		var due sql.NullInt64
		var appraised bool
		if err := rows.Scan(&d.ID, &system, &d.Level, &d.RuleSet, &due, &d.Status, &appraised); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: annual report: %w", err)
		}
		i, ok := at[system]
		if !ok {
			continue
		}
		d.DueAt = nullMicros(due)
		a := &out[i]
		a.Dossiers++
		a.Appraised = a.Appraised || appraised || d.Status == "approved"
		if d.Status != "withdrawn" {
			a.Dossier = &d
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: annual report: %w", err)
	}

	rows, err = db.read.QueryContext(ctx, subtreeCTE+`
		SELECT a.system_id, a.dossier_id, d.level, d.rule_set, a.approved_at, coalesce(dc.number, ''), coalesce(dc.date, ''),
			coalesce((SELECT ao.name FROM dossier_events e JOIN users au ON au.username = e.actor JOIN orgs ao ON ao.id = au.org_id
				WHERE e.dossier_id = a.dossier_id AND e.action = 'approve' ORDER BY e.seq LIMIT 1), '')
		FROM dossier_approvals a JOIN dossiers d ON d.id = a.dossier_id JOIN systems s ON s.id = a.system_id
		LEFT JOIN dossier_decisions dc ON dc.dossier_id = a.dossier_id
		WHERE s.org_id IN (SELECT id FROM sub) AND a.approved_at <= ? ORDER BY a.approved_at, a.dossier_id`, orgID, t)
	if err != nil {
		return nil, fmt.Errorf("store: annual report: %w", err)
	}
	for rows.Next() {
		var ap AnnualApproval
		var system, approved int64
		if err := rows.Scan(&system, &ap.DossierID, &ap.Level, &ap.RuleSet, &approved, &ap.Number, &ap.Date, &ap.Approver); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: annual report: %w", err)
		}
		ap.ApprovedAt = fromMicros(approved)
		if i, ok := at[system]; ok {
			out[i].Approval = &ap
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: annual report: %w", err)
	}

	decl := map[int64]DeclaredLevel{}
	if err := db.declared(ctx, subtreeCTE+`SELECT x.system_id, x.level, x.rule_set, x.version, coalesce(u.username, ''), x.declared_at
		FROM system_declared_levels x JOIN systems s ON s.id = x.system_id LEFT JOIN users u ON u.id = x.declared_by
		WHERE s.org_id IN (SELECT id FROM sub) AND x.declared_at <= ?
		AND x.seq = (SELECT max(y.seq) FROM system_declared_levels y WHERE y.system_id = x.system_id AND y.declared_at <= ?)`,
		[]any{orgID, t, t}, decl); err != nil {
		return nil, err
	}
	for id, d := range decl {
		if i, ok := at[id]; ok {
			out[i].Declared = &d
		}
	}
	return out, nil
}
