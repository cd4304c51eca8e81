package registry_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"capdo/levels"
	"capdo/store"
)

// Column (8) of Mẫu 08 names the Quy chế bảo đảm an ninh mạng covering each system, by its
// number and date: the newest recorded for the system's unit or, without one, for the
// nearest unit above; one issued after the data period is no part of that year's report;
// blank only when none is recorded.
func TestAnnualReport_RegulationColumn(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	e.db.Now = func() time.Time { return time.Date(2027, 1, 10, 2, 0, 0, 0, time.UTC) }
	r := e.registry(t, levels.DefaultRuleSet)
	column := func(year int) string {
		t.Helper()
		rep, err := r.AnnualReport(ctx, e.sc.OrgID, year)
		if err != nil || len(rep.Rows) != 1 {
			t.Fatalf("AnnualReport(%d) = %+v, %v", year, rep, err)
		}
		return rep.Rows[0].Regulation
	}
	if got := column(2026); got != "" {
		t.Errorf("no regulation recorded: column (8) = %q, want blank", got)
	}
	add := func(org int64, number, issued string) {
		t.Helper()
		if _, err := e.db.AddRegulation(ctx, store.NewRegulation{OrgID: org, Number: number, IssuedOn: issued, Issuer: "Chủ tịch",
			FileName: "q.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4"), SHA256: "ab"}); err != nil {
			t.Fatal(err)
		}
	}
	add(e.sc.OrgID, "12/QĐ-UBND", "2026-03-01") // the province, above the system's unit
	if got, want := column(2026), "Số 12/QĐ-UBND ngày 01/03/2026"; got != want {
		t.Errorf("the province's regulation: column (8) = %q, want %q", got, want)
	}
	add(e.unit, "5/QĐ-SYT", "2026-12-15") // the unit's own, issued the day after the 2026 data period
	if got, want := column(2026), "Số 12/QĐ-UBND ngày 01/03/2026"; got != want {
		t.Errorf("a regulation issued after the period: column (8) = %q, want %q", got, want)
	}
	if got, want := column(2027), "Số 5/QĐ-SYT ngày 15/12/2026"; got != want {
		t.Errorf("the unit's own regulation: column (8) = %q, want %q", got, want)
	}
	rep, _ := r.AnnualReport(ctx, e.sc.OrgID, 2026)
	if !strings.Contains(strings.Join(rep.Notes, "\n"), "Cột (8): quy chế bảo đảm an ninh mạng") || strings.Contains(strings.Join(rep.Notes, "\n"), "Cột (8), (10)") {
		t.Errorf("notes = %q", rep.Notes)
	}
}
