package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"capdo/levels"
)

// scopeSystems restricts systems (alias s) to the caller's subtree; the CTE comes first.
const scopeSystems = " s.org_id IN (SELECT id FROM sub) "

// A caller reads every version of its subtree's systems. Of another organisation's system
// it reads only the versions dossiers routed to it were made from: a reviewer needs the
// profile it rules on, and nothing the unit has saved since (a later draft, the version
// being edited) nor before. ownSystem tells the two apart (system alias s, after scopeCTE).
const ownSystem = "s.org_id IN (SELECT id FROM sub)"

// routedNewest is, after scopeCTE, the newest dossier of system ? routed to the caller
// (parameters: the system id, Scope.Appraises). Dossiers are always made from the system's
// current version, so the newest routed dossier is made from the newest routed version.
const routedNewest = `, routed(version, status) AS (
	SELECT d.system_version, d.status FROM dossiers d JOIN systems s ON s.id = d.system_id
	WHERE d.system_id = ? AND ` + routedDossier + ` ORDER BY d.id DESC LIMIT 1)`

// CreateSystem stores version 1 of a new system.
func (db *DB) CreateSystem(ctx context.Context, orgID int64, v NewVersion) (int64, error) {
	now := db.now()
	var id int64
	err := db.inOrgTx(ctx, orgID, false, func(tx *sql.Tx) error {
		if err := db.checkQuota(ctx, tx, QuotaSystems, orgID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO systems(org_id, ext_id, name, owner, level, version, search, created_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?)`,
			orgID, v.Profile.ID, v.Profile.Name, v.Profile.Owner, v.Decision.Level, searchText(&v.Profile), nullID(v.ActorID), micros(now), micros(now))
		if err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		return insertVersion(ctx, tx, id, 1, v, now)
	})
	if err != nil {
		return 0, fmt.Errorf("store: create system: %w", err)
	}
	return id, nil
}

// UpdateSystem stores the next version of a system in scope and returns its number.
func (db *DB) UpdateSystem(ctx context.Context, sc Scope, id int64, v NewVersion) (int, error) {
	now := db.now()
	var version int
	err := db.inOrgTx(ctx, db.orgOf(ctx, orgOfSystem, id), false, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, subtreeCTE+" SELECT s.version FROM systems s WHERE s.id = ? AND"+scopeSystems, sc.OrgID, id).Scan(&version)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if v.Base != 0 && v.Base != version {
			return ErrConflict
		}
		if err := db.checkQuota(ctx, tx, QuotaVersions, id); err != nil {
			return err
		}
		version++
		if _, err := tx.ExecContext(ctx, `UPDATE systems SET ext_id = ?, name = ?, owner = ?, level = ?, version = ?, search = ?, updated_at = ? WHERE id = ?`,
			v.Profile.ID, v.Profile.Name, v.Profile.Owner, v.Decision.Level, version, searchText(&v.Profile), micros(now), id); err != nil {
			return err
		}
		return insertVersion(ctx, tx, id, version, v, now)
	})
	if errors.Is(err, ErrNotFound) || errors.Is(err, ErrConflict) {
		return 0, err
	}
	if err != nil {
		return 0, fmt.Errorf("store: update system: %w", err)
	}
	return version, nil
}

func insertVersion(ctx context.Context, tx *sql.Tx, id int64, version int, v NewVersion, now time.Time) error {
	p, err := json.Marshal(v.Profile)
	if err != nil {
		return err
	}
	d, err := json.Marshal(v.Decision)
	if err != nil {
		return err
	}
	if _, err = tx.ExecContext(ctx, `INSERT INTO system_versions(system_id, version, profile, decision, level, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, id, version, p, d, v.Decision.Level, nullID(v.ActorID), micros(now)); err != nil {
		return err
	}
	if v.Risk != nil {
		return insertRisk(ctx, tx, id, version, v.Risk, v.ActorID, now)
	}
	return nil
}

func searchText(p *levels.Profile) string {
	return Fold(strings.Join([]string{p.ID, p.Name, p.Owner, p.Operator}, " "))
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func scanSystem(sc interface{ Scan(...any) error }) (System, error) {
	var s System
	var p, d []byte
	var created, updated int64
	if err := sc.Scan(&s.ID, &s.OrgID, &s.OrgName, &s.Level, &s.Version, &s.Status, &p, &d, &s.CreatedBy, &created, &updated); err != nil {
		return System{}, err
	}
	s.CreatedAt, s.UpdatedAt = fromMicros(created), fromMicros(updated)
	if err := json.Unmarshal(p, &s.Profile); err != nil {
		return System{}, err
	}
	if err := json.Unmarshal(d, &s.Decision); err != nil {
		return System{}, err
	}
	return s, nil
}

// systemRead selects a system as the caller may read it: in its subtree, the current
// version; otherwise the newest version routed to it, with the status of that dossier and
// the time of that version, or no row when none is.
const systemRead = scopeCTE + routedNewest + `
	SELECT s.id, s.org_id, o.name, v.level, v.version,
	CASE WHEN ` + ownSystem + ` THEN s.status ELSE (SELECT status FROM routed) END,
	v.profile, v.decision, coalesce(u.username, ''), s.created_at,
	CASE WHEN ` + ownSystem + ` THEN s.updated_at ELSE v.created_at END
	FROM systems s JOIN orgs o ON o.id = s.org_id
	JOIN system_versions v ON v.system_id = s.id
		AND v.version = CASE WHEN ` + ownSystem + ` THEN s.version ELSE (SELECT version FROM routed) END
	LEFT JOIN users u ON u.id = s.created_by
	WHERE s.id = ?`

// System returns the current version of a system in scope or, for a system outside the
// caller's subtree, the newest version made into a dossier routed to it.
func (db *DB) System(ctx context.Context, sc Scope, id int64) (System, error) {
	s, err := scanSystem(db.read.QueryRowContext(ctx, systemRead, sc.OrgID, sc.ReviewOrgID, id, sc.Appraises, id))
	if errors.Is(err, sql.ErrNoRows) {
		return System{}, ErrNotFound
	}
	if err != nil {
		return System{}, fmt.Errorf("store: system %d: %w", id, err)
	}
	if s.Approved, err = db.approvalOfSystem(ctx, sc, id); err != nil {
		return System{}, err
	}
	return s, nil
}

// SystemVersions lists the versions of a system the caller may read, oldest first: every
// one in its subtree, those of the dossiers routed to it otherwise.
func (db *DB) SystemVersions(ctx context.Context, sc Scope, id int64) ([]SystemVersion, error) {
	if _, err := db.System(ctx, sc, id); err != nil {
		return nil, err
	}
	rows, err := db.read.QueryContext(ctx, scopeCTE+`
		SELECT v.version, v.level, v.profile, v.decision, coalesce(u.username, ''), v.created_at
		FROM system_versions v JOIN systems s ON s.id = v.system_id LEFT JOIN users u ON u.id = v.created_by
		WHERE v.system_id = ? AND (`+ownSystem+` OR EXISTS (SELECT 1 FROM dossiers d
			WHERE d.system_id = s.id AND d.system_version = v.version AND `+routedDossier+`))
		ORDER BY v.version`, sc.OrgID, sc.ReviewOrgID, id, sc.Appraises)
	if err != nil {
		return nil, fmt.Errorf("store: system versions: %w", err)
	}
	defer rows.Close()
	var out []SystemVersion
	for rows.Next() {
		var v SystemVersion
		var p, d []byte
		var created int64
		if err := rows.Scan(&v.Version, &v.Level, &p, &d, &v.Actor, &created); err != nil {
			return nil, fmt.Errorf("store: system versions: %w", err)
		}
		v.CreatedAt = fromMicros(created)
		if err := json.Unmarshal(p, &v.Profile); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(d, &v.Decision); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// systemWhere is the WHERE clause shared by ListSystems and CountSystems (systems alias
// s, after subtreeCTE) and its arguments, the CTE's first.
func systemWhere(sc Scope, f SystemFilter) (string, []any) {
	q := " WHERE" + scopeSystems
	args := []any{sc.OrgID}
	if f.Level >= 0 {
		q += " AND s.level = ?"
		args = append(args, f.Level)
	}
	if f.OrgID != 0 {
		q += " AND s.org_id = ?"
		args = append(args, f.OrgID)
	}
	if f.Status != "" {
		q += " AND s.status = ?"
		args = append(args, f.Status)
	}
	// Every word must appear, in any order: "noi ha" still finds "Hà Nội".
	for _, w := range strings.Fields(Fold(f.Query)) {
		q += ` AND s.search LIKE ? ESCAPE '\'`
		args = append(args, "%"+likeEscape(w)+"%")
	}
	return q, args
}

// pageClause is the LIMIT/OFFSET of one page; limit 0 means no limit.
func pageClause(limit, offset int, args []any) (string, []any) {
	if limit <= 0 && offset <= 0 {
		return "", args
	}
	if limit <= 0 {
		limit = math.MaxInt32 // no limit, but OFFSET needs a LIMIT before it (and PostgreSQL refuses -1)
	}
	return " LIMIT ? OFFSET ?", append(args, limit, max(offset, 0))
}

// currentOperator is the operating unit of the current version of system s, which the
// lists and their exports show (docs/contract.md §7); the systems table does not keep it apart.
const currentOperator = `coalesce((SELECT json_extract(cv.profile, '$.operator') FROM system_versions cv
	WHERE cv.system_id = s.id AND cv.version = s.version), '')`

// operatorOf is the operator column of a list: expr when the filter asks for it.
func operatorOf(f SystemFilter, expr string) string {
	if f.Operator {
		return expr
	}
	return "''"
}

// ListSystems lists the systems in scope that pass the filter, newest change first, one
// page when f.Limit or f.Offset is set. It returns summaries: Profile holds only id, name,
// owner and, with f.Operator, operator; Decision is empty (a list of thousands of systems should not decode
// thousands of profiles). Each row carries its approval, or else its declared level
// (System.ApprovedLevel), the same way on both engines.
func (db *DB) ListSystems(ctx context.Context, sc Scope, f SystemFilter) ([]System, error) {
	if f.Routed || f.RoutedOnly {
		return db.listSystemsRouted(ctx, sc, f)
	}
	where, args := systemWhere(sc, f)
	page, args := pageClause(f.Limit, f.Offset, args)
	// The page's ids are chosen first, from the systems_org_updated index alone when there
	// is no search; only those rows are then read and joined. Sorting every row in scope
	// with its joins to keep 50 cost four times as much.
	q := subtreeCTE + `, page AS (SELECT s.id FROM systems s` + where + " ORDER BY s.updated_at DESC, s.id DESC" + page + `)
		SELECT s.id, s.org_id, o.name, s.level, s.version, s.status, s.ext_id, s.name, s.owner, ` + operatorOf(f, currentOperator) + `,
		coalesce(u.username, ''), s.created_at, s.updated_at
		FROM page JOIN systems s ON s.id = page.id JOIN orgs o ON o.id = s.org_id LEFT JOIN users u ON u.id = s.created_by
		ORDER BY s.updated_at DESC, s.id DESC`
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: list systems: %w", err)
	}
	defer rows.Close()
	out := []System{}
	for rows.Next() {
		var s System
		var created, updated int64
		if err := rows.Scan(&s.ID, &s.OrgID, &s.OrgName, &s.Level, &s.Version, &s.Status, &s.Profile.ID, &s.Profile.Name,
			&s.Profile.Owner, &s.Profile.Operator, &s.CreatedBy, &created, &updated); err != nil {
			return nil, fmt.Errorf("store: list systems: %w", err)
		}
		s.CreatedAt, s.UpdatedAt = fromMicros(created), fromMicros(updated)
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list systems: %w", err)
	}
	return out, db.fillHeld(ctx, sc, out)
}

// fillHeld sets the level each listed system holds as approved: its approval the caller
// sees (fillApprovals) and, for those without one, the level declared on import.
func (db *DB) fillHeld(ctx context.Context, sc Scope, list []System) error {
	if err := db.fillApprovals(ctx, sc, list); err != nil {
		return err
	}
	var ids []int64
	for _, s := range list {
		if s.Approved == nil {
			ids = append(ids, s.ID)
		}
	}
	declared, err := db.DeclaredLevels(ctx, ids)
	if err != nil {
		return err
	}
	for i := range list {
		if d, ok := declared[list[i].ID]; ok && list[i].Approved == nil {
			list[i].Declared = &d
		}
	}
	return nil
}

// CountSystems counts the systems in scope that pass the filter; Limit and Offset are
// ignored.
func (db *DB) CountSystems(ctx context.Context, sc Scope, f SystemFilter) (int, error) {
	if f.Routed || f.RoutedOnly {
		return db.countSystemsRouted(ctx, sc, f)
	}
	where, args := systemWhere(sc, f)
	var n int
	if err := db.read.QueryRowContext(ctx, subtreeCTE+"SELECT count(*) FROM systems s"+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count systems: %w", err)
	}
	return n, nil
}
