package store

import (
	"context"
	"testing"

	"capdo/store/storetest"
)

// A recorded risk assessment never changes, and none is recorded for a version that does
// not exist.
func TestTriggers_RiskAssessmentsImmutable(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, storetest.DSN(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		`INSERT INTO orgs(id, name, created_at) VALUES (1, 'Sở', 0)`,
		`INSERT INTO systems(id, org_id, name, owner, level, version, search, created_at, updated_at) VALUES (1, 1, 'HT', 'CQ', 3, 1, '', 0, 0)`,
		`INSERT INTO system_versions(system_id, version, profile, decision, level, created_at) VALUES (1, 1, '{}', '{}', 3, 0)`,
		`INSERT INTO system_versions(system_id, version, profile, decision, level, created_at) VALUES (1, 2, '{}', '{}', 3, 0)`,
		`INSERT INTO risk_assessments(system_id, version, level, body, created_at) VALUES (1, 1, 3, '{}', 0)`,
	} {
		if _, err := db.write.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	for _, q := range []string{
		`UPDATE risk_assessments SET level = 1`,
		`DELETE FROM risk_assessments`,
		`INSERT INTO risk_assessments(system_id, version, level, body, created_at) VALUES (1, 1, 4, '{}', 0)`,
		`INSERT INTO risk_assessments(system_id, version, level, body, created_at) VALUES (1, 3, 4, '{}', 0)`,
		`INSERT INTO risk_assessments(system_id, version, level, body, created_at) VALUES (1, 2, 6, '{}', 0)`,
	} {
		if _, err := db.write.ExecContext(ctx, q); err == nil {
			t.Errorf("%s: the database accepted it", q)
		}
	}
}
