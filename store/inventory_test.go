package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"capdo/levels"
	"capdo/store"
)

func importVersion(id, name string, level int) store.NewVersion {
	return store.NewVersion{Profile: levels.Profile{ID: id, Name: name, Owner: "UBND", SystemType: "internal", InfoTypes: []string{"public"}},
		Decision: levels.Decision{Level: level}}
}

// An import is written whole or not at all: a row the database refuses halfway leaves no
// system, version or declared level of the rows before it.
func TestImportSystems_AllOrNothing(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	org := mustOrg(t, db, "Sở A", 0)
	sc := store.Scope{OrgID: org.ID}
	items := []store.ImportItem{
		{Version: importVersion("HT-1", "Một", 1), Declared: 2, DeclaredRuleSet: "d85-2016"},
		{Version: importVersion("HT-2", "Hai", 2)},
		// A declared level out of range: the database's CHECK refuses it.
		{Version: importVersion("HT-3", "Ba", 1), Declared: 9, DeclaredRuleSet: "d85-2016"},
	}
	if _, err := db.ImportSystems(ctx, org.ID, items); err == nil {
		t.Fatal("an import with a refused row succeeded")
	}
	if n, _ := db.CountSystems(ctx, sc, store.SystemFilter{Level: -1}); n != 0 {
		t.Fatalf("%d systems written by a failed import", n)
	}
	done, err := db.ImportSystems(ctx, org.ID, items[:2])
	if err != nil || len(done) != 2 || done[0].Version != 1 {
		t.Fatalf("ImportSystems = %+v, %v", done, err)
	}
	decl, err := db.DeclaredLevels(ctx, []int64{done[0].ID, done[1].ID})
	if err != nil || len(decl) != 1 || decl[done[0].ID].Level != 2 || decl[done[0].ID].Version != 1 {
		t.Errorf("DeclaredLevels = %+v, %v", decl, err)
	}

	// An update names the version it was planned against; a new id must still be free.
	upd := []store.ImportItem{{SystemID: done[0].ID, Base: 1, Version: importVersion("HT-1", "Một (sửa)", 3), Declared: 3, DeclaredRuleSet: "d85-2016"}}
	if got, err := db.ImportSystems(ctx, org.ID, upd); err != nil || got[0].Version != 2 {
		t.Fatalf("update = %+v, %v", got, err)
	}
	if _, err := db.ImportSystems(ctx, org.ID, upd); !errors.Is(err, store.ErrConflict) {
		t.Errorf("an update planned against version 1 of a system now at 2: %v", err)
	}
	if _, err := db.ImportSystems(ctx, org.ID, []store.ImportItem{{Version: importVersion("HT-2", "Lại", 1)}}); !errors.Is(err, store.ErrConflict) {
		t.Errorf("a new system with a taken id: %v", err)
	}
	other := mustOrg(t, db, "Sở B", 0)
	if _, err := db.ImportSystems(ctx, other.ID, upd); !errors.Is(err, store.ErrConflict) {
		t.Errorf("an update of another organisation's system: %v", err)
	}
	sys, err := db.System(ctx, sc, done[0].ID)
	if err != nil || sys.Version != 2 || sys.Level != 3 || sys.Profile.Name != "Một (sửa)" {
		t.Errorf("system after update = %+v, %v", sys, err)
	}
	decl, _ = db.DeclaredLevels(ctx, []int64{done[0].ID})
	if decl[done[0].ID].Level != 3 || decl[done[0].ID].Version != 2 {
		t.Errorf("newest declared level = %+v, want 3 at version 2", decl[done[0].ID])
	}
	list, err := db.OrgSystems(ctx, org.ID)
	if err != nil || len(list) != 2 || list[0].Profile.Name != "Một (sửa)" || list[1].Profile.ID != "HT-2" {
		t.Errorf("OrgSystems = %+v, %v", list, err)
	}
}

// The annual report reads the registry as it stood at the end of its data period.
func TestAnnualSystems_AsOfCutOff(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	now := time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	org := mustOrg(t, db, "UBND tỉnh A", 0)
	unit := mustOrg(t, db, "Sở A", org.ID)
	done, err := db.ImportSystems(ctx, unit.ID, []store.ImportItem{{Version: importVersion("HT-1", "Một", 2), Declared: 2, DeclaredRuleSet: "d85-2016"}})
	if err != nil {
		t.Fatal(err)
	}
	now = now.AddDate(0, 0, 20) // 21/12: after the cut-off
	if _, err := db.ImportSystems(ctx, unit.ID, []store.ImportItem{
		{SystemID: done[0].ID, Base: 1, Version: importVersion("HT-1", "Một (sau kỳ)", 3)},
		{Version: importVersion("HT-2", "Sau kỳ", 1)},
	}); err != nil {
		t.Fatal(err)
	}
	cut := time.Date(2026, 12, 14, 17, 0, 0, 0, time.UTC) // end of 14/12 in Vietnam
	got, err := db.AnnualSystems(ctx, org.ID, cut)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Version != 1 || got[0].Profile.Name != "Một" || got[0].Level != 2 || got[0].OrgName != "Sở A" ||
		got[0].Declared == nil || got[0].Declared.Level != 2 || got[0].Dossier != nil {
		t.Errorf("AnnualSystems = %s", fmt.Sprintf("%+v", got))
	}
}

// ScopeSystems lists the subtree's systems with their profiles, by unit name; the counts of
// dossiers by unit and status cover what the caller sees.
func TestScopeSystems(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	province := mustOrg(t, db, "UBND tỉnh A", 0)
	b := mustOrg(t, db, "Sở B", province.ID)
	a := mustOrg(t, db, "Sở A", province.ID)
	for _, o := range []store.Org{b, a} {
		if _, err := db.ImportSystems(ctx, o.ID, []store.ImportItem{{Version: importVersion("HT-"+o.Name, "Hệ thống của "+o.Name, 2)}}); err != nil {
			t.Fatal(err)
		}
	}
	list, err := db.ScopeSystems(ctx, store.Scope{OrgID: province.ID})
	if err != nil || len(list) != 2 || list[0].OrgName != "Sở A" || list[0].Profile.Name != "Hệ thống của Sở A" || list[0].Routed || list[0].Level != 2 {
		t.Fatalf("ScopeSystems = %+v, %v", list, err)
	}
	if only, _ := db.ScopeSystems(ctx, store.Scope{OrgID: b.ID}); len(only) != 1 || only[0].OrgID != b.ID {
		t.Errorf("ScopeSystems of Sở B = %+v", only)
	}
	if counts, err := db.DossierCountsByOrg(ctx, store.Scope{OrgID: province.ID}); err != nil || len(counts) != 0 {
		t.Errorf("DossierCountsByOrg = %+v, %v", counts, err)
	}
}
