package store_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"capdo/risk"
	"capdo/store"
)

func assessment(level int, asset string) *risk.Assessment {
	return &risk.Assessment{
		Trigger:  risk.First,
		Contents: risk.Contents{A: "Cổng, CSDL", B: "Thông tin cá nhân", C: "Tấn công web", D: "Trung bình", DD: "Có WAF", E: "Vá lỗi", G: "Báo cáo quý"},
		Risks:    []risk.Risk{{Asset: asset, Threat: "SQL injection", Likelihood: 3, Impact: 4, Score: 12, Controls: "WAF", Treatment: "Kiểm thử định kỳ", Owner: "Phòng CNTT"}},
		Level:    level, Rationale: "Rủi ro cao nhất ở mức Cao", AssessedBy: "Sở TT&TT", AssessedAt: "2026-09-01",
	}
}

// An assessment is written with its version, read back whole, and carried by later
// versions until another is recorded; a version made before any has none.
func TestRiskAssessments_RoundTripAndCarry(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := MustOpen(t)
	org := mustOrg(t, db, "Sở A", 0)
	u := mustUser(t, db, "vanhanh", "operator", org.ID)
	sc := store.Scope{OrgID: org.ID}
	id, err := db.CreateSystem(ctx, org.ID, version(t, "Cổng", 5000))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.RiskAssessmentAt(ctx, id, 1); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("before any assessment: %v, want ErrNotFound", err)
	}
	a := assessment(3, "Cổng dịch vụ công")
	v := version(t, "Cổng", 5000)
	v.ActorID, v.Base, v.Risk = u.ID, 1, a
	n, err := db.UpdateSystem(ctx, sc, id, v)
	if err != nil || n != 2 {
		t.Fatalf("UpdateSystem with an assessment = %d, %v", n, err)
	}
	if _, err := db.UpdateSystem(ctx, sc, id, version(t, "Cổng (sửa tên)", 5000)); err != nil {
		t.Fatal(err)
	}
	if _, err := db.RiskAssessmentAt(ctx, id, 1); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("version 1 got an assessment recorded later: %v", err)
	}
	for _, at := range []int{2, 3} {
		got, err := db.RiskAssessmentAt(ctx, id, at)
		if err != nil || got.Version != 2 || got.RecordedBy != "vanhanh" || got.RecordedAt.IsZero() {
			t.Fatalf("RiskAssessmentAt(%d) = %+v, %v", at, got, err)
		}
		if !reflect.DeepEqual(got.Assessment, *a) {
			t.Errorf("read back\n%+v\nwant\n%+v", got.Assessment, *a)
		}
	}
	b := assessment(4, "CSDL dân cư")
	v = version(t, "Cổng (sửa tên)", 5000)
	v.Base, v.Risk = 3, b
	if n, err := db.UpdateSystem(ctx, sc, id, v); err != nil || n != 4 {
		t.Fatalf("second assessment = %d, %v", n, err)
	}
	list, err := db.RiskAssessments(ctx, id, 4)
	if err != nil || len(list) != 2 || list[0].Version != 4 || list[1].Version != 2 || list[0].Assessment.Level != 4 {
		t.Errorf("history = %+v, %v", list, err)
	}
	if list, _ := db.RiskAssessments(ctx, id, 3); len(list) != 1 {
		t.Errorf("history up to version 3 = %d records, want 1", len(list))
	}
}

// A version made from an older one than the current is refused whole: neither the
// version nor its assessment is written.
func TestRiskAssessments_StaleBaseWritesNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := MustOpen(t)
	org := mustOrg(t, db, "Sở A", 0)
	sc := store.Scope{OrgID: org.ID}
	id, _ := db.CreateSystem(ctx, org.ID, version(t, "Cổng", 5000))
	if _, err := db.UpdateSystem(ctx, sc, id, version(t, "Cổng 2", 5000)); err != nil {
		t.Fatal(err)
	}
	v := version(t, "Cổng", 5000)
	v.Base, v.Risk = 1, assessment(3, "Cổng")
	if _, err := db.UpdateSystem(ctx, sc, id, v); !errors.Is(err, store.ErrConflict) {
		t.Fatalf("stale base: %v, want ErrConflict", err)
	}
	if s, _ := db.System(ctx, sc, id); s.Version != 2 || s.Profile.Name != "Cổng 2" {
		t.Errorf("system after the refusal = version %d %q", s.Version, s.Profile.Name)
	}
	if _, err := db.RiskAssessmentAt(ctx, id, 9); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("an assessment was written: %v", err)
	}
	other := mustOrg(t, db, "Sở B", 0)
	v.Base = 2
	if _, err := db.UpdateSystem(ctx, store.Scope{OrgID: other.ID}, id, v); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another organisation: %v, want ErrNotFound", err)
	}
}
