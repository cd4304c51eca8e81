package store

import (
	"context"
	"testing"

	"capdo/store/storetest"
)

// Regulations and calendar entries are records: the database refuses to change or delete
// one even when code tries to (migration 0012).
func TestTriggers_RegulationsAndCalendarImmutable(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, storetest.DSN(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		`INSERT INTO orgs(id, name, created_at) VALUES (1, 'UBND tỉnh', 0)`,
		`INSERT INTO calendar_entries(day, kind, year, occasion, note, source, mark, created_at) VALUES ('2027-02-04', 'off', 2027, 'lunar_new_year', '', 'CV', '', 0)`,
	} {
		if _, err := db.write.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	// The blob as a parameter: x'00' is a blob to SQLite, a bit string to PostgreSQL.
	if _, err := db.write.ExecContext(ctx, `INSERT INTO regulations(org_id, number, issued_on, issuer, file_name, content_type, data, sha256, size, created_at)
		 VALUES (1, '12/QĐ-UBND', '2026-11-20', 'Chủ tịch UBND tỉnh', 'q.pdf', 'application/pdf', ?, '', 1, 0)`, []byte{0}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`UPDATE regulations SET number = '13/QĐ-UBND'`,
		`DELETE FROM regulations`,
		`UPDATE calendar_entries SET kind = 'work'`,
		`DELETE FROM calendar_entries`,
		`INSERT INTO calendar_entries(day, kind, year, occasion, note, source, mark, created_at) VALUES ('2027-02-05', 'nghi', 2027, 'other', '', 'CV', '', 0)`,
	} {
		if _, err := db.write.ExecContext(ctx, q); err == nil {
			t.Errorf("%s: the database accepted it", q)
		}
	}
}
