package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"capdo/levels"
)

// A re-rating, which the dashboard draws on every view, classifies every system in scope,
// and keeps each version's result (registry/rerate.go): once kept, a system's profile need
// not be read nor decoded again. ScopeSystemRows lists the systems without their JSON,
// ScopeProfiles reads the profiles of those the re-rating has not kept.

// ScopeSystemRows lists what ScopeSystems lists, in its order and with its approvals, but
// without profile and decision (both empty).
func (db *DB) ScopeSystemRows(ctx context.Context, sc Scope) ([]System, error) {
	return db.scopeSystems(ctx, sc, false)
}

// ScopeProfiles returns the profile ScopeSystems gives each of the systems ids that the
// caller sees: a system of the subtree's at its current version, a routed one's of the
// newest dossier routed. Systems out of scope are left out.
func (db *DB) ScopeProfiles(ctx context.Context, sc Scope, ids []int64) (map[int64]levels.Profile, error) {
	out := make(map[int64]levels.Profile, len(ids))
	for from := 0; from < len(ids); from += approvalBatch {
		batch := ids[from:min(from+approvalBatch, len(ids))]
		marks := make([]string, len(batch))
		args := sc.args()
		for i, id := range batch {
			marks[i] = "?"
			args = append(args, id)
		}
		in := "(" + strings.Join(marks, ", ") + ")"
		// The batch's ids are given twice, once to each half.
		args = append(args, args[len(sc.args()):]...)
		rows, err := db.read.QueryContext(ctx, scopeCTE+routedNewestAll+`
			SELECT s.id, v.profile FROM systems s JOIN system_versions v ON v.system_id = s.id AND v.version = s.version
			WHERE s.org_id IN (SELECT id FROM sub) AND s.id IN `+in+`
			UNION ALL
			SELECT r.system_id, rd.profile FROM routed_d r JOIN dossiers rd ON rd.id = r.dossier_id
			WHERE r.system_id IN `+in, args...)
		if err != nil {
			return nil, fmt.Errorf("store: profiles in scope: %w", err)
		}
		for rows.Next() {
			var id int64
			var p []byte
			if err := rows.Scan(&id, &p); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: profiles in scope: %w", err)
			}
			var prof levels.Profile
			if err := json.Unmarshal(p, &prof); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: system %d: %w", id, err)
			}
			out[id] = prof
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("store: profiles in scope: %w", err)
		}
	}
	return out, nil
}
