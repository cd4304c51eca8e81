package registry_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"capdo/registry"
	"capdo/store"
)

// Which dossiers of a system are open under another rule set than a dossier's, and what
// the warnings say of them.
func TestRuleSetOverlap_Rules(t *testing.T) {
	t.Parallel()
	d := func(id int64, rs, status string) store.Dossier {
		return store.Dossier{ID: id, RuleSet: rs, Status: status}
	}
	for _, c := range []struct {
		name string
		ds   []store.Dossier
		// of dossier id, under its rule set: the dossiers named open elsewhere ("" none)
		id        int64
		dossier   []string
		system    []string // what the system's warning names ("" none)
		noWarning bool
	}{
		{name: "one rule set", ds: []store.Dossier{d(1, "d85-2016", "draft"), d(2, "d85-2016", "submitted")}, id: 2, noWarning: true},
		{name: "a draft under each", ds: []store.Dossier{d(1, "d85-2016", "draft"), d(2, "d331-2026", "draft")}, id: 2,
			dossier: []string{"hồ sơ số 1 theo Nghị định 85/2016/NĐ-CP (Dự thảo) chưa kết thúc, cùng lúc với hồ sơ số 2 theo Nghị định 331/2026/NĐ-CP"},
			system:  []string{"theo hai bộ quy tắc cùng lúc: hồ sơ số 1 theo Nghị định 85/2016/NĐ-CP (Dự thảo), hồ sơ số 2 theo Nghị định 331/2026/NĐ-CP (Dự thảo)"}},
		{name: "under review", ds: []store.Dossier{d(2, "d331-2026", "draft"), d(1, "d85-2016", "received")}, id: 2,
			dossier: []string{"hồ sơ số 1 theo Nghị định 85/2016/NĐ-CP (", "chưa kết thúc"}, system: []string{"hồ sơ số 1", "hồ sơ số 2"}},
		{name: "the other approved", ds: []store.Dossier{d(1, "d85-2016", "approved"), d(2, "d331-2026", "draft")}, id: 2, noWarning: true},
		{name: "the other withdrawn", ds: []store.Dossier{d(1, "d85-2016", "withdrawn"), d(2, "d331-2026", "submitted")}, id: 2, noWarning: true},
		{name: "the dossier itself withdrawn", ds: []store.Dossier{d(1, "d85-2016", "draft"), d(2, "d331-2026", "withdrawn")}, id: 2, noWarning: true},
		{name: "an agency's rule set", ds: []store.Dossier{d(1, "tinh-thu-2026", "returned"), d(2, "d331-2026", "draft")}, id: 1,
			dossier: []string{"hồ sơ số 2 theo Nghị định 331/2026/NĐ-CP (Dự thảo) chưa kết thúc, cùng lúc với hồ sơ số 1 theo bộ quy tắc «tinh-thu-2026»"},
			system:  []string{"hồ sơ số 1 theo bộ quy tắc «tinh-thu-2026»"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var rs string
			for _, x := range c.ds {
				if x.ID == c.id {
					rs = x.RuleSet
				}
			}
			dw, sw := registry.RuleSetOverlapWarning(c.id, rs, c.ds), registry.SystemRuleSetOverlapWarning(c.ds)
			if c.noWarning {
				if dw != "" || sw != "" {
					t.Errorf("warnings %q and %q, want none", dw, sw)
				}
				return
			}
			for _, want := range c.dossier {
				if !strings.Contains(dw, want) {
					t.Errorf("dossier's warning %q lacks %q", dw, want)
				}
			}
			for _, want := range c.system {
				if !strings.Contains(sw, want) {
					t.Errorf("system's warning %q lacks %q", sw, want)
				}
			}
			// Both say what capdo does, not a legal effect, and what to do.
			for _, w := range []string{dw, sw} {
				for _, want := range []string{"phê duyệt một hồ sơ không rút hồ sơ kia", "theo hồ sơ được phê duyệt sau cùng", "Hãy rút hồ sơ không còn dùng"} {
					if !strings.Contains(w, want) {
						t.Errorf("%q lacks %q", w, want)
					}
				}
			}
		})
	}
}

// Making a dossier under Decree 331 while a Decree 85 one is open is allowed, with a
// warning naming the open one; a returned dossier, which the new one replaces, is no
// longer open; withdrawing the other ends the warning.
func TestMakeDossier_WarnsOfOpenDossierUnderOtherRuleSet(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	r := e.registry(t, "d85-2016")
	old, err := r.MakeDossier(ctx, operator, e.sc, e.system, "d85-2016")
	if err != nil || len(old.Warnings) != 0 {
		t.Fatalf("first dossier = %+v, %v", old, err)
	}
	if _, err := r.TakeStep(ctx, operator, e.sc, old.ID, "submit", ""); err != nil {
		t.Fatal(err)
	}
	made, err := r.MakeDossier(ctx, operator, e.sc, e.system, "d331-2026")
	if err != nil {
		t.Fatalf("a Decree 331 dossier beside an open Decree 85 one: %v", err)
	}
	if len(made.Warnings) != 1 || !strings.Contains(made.Warnings[0], "hồ sơ số "+strconv.FormatInt(old.ID, 10)+" theo Nghị định 85/2016/NĐ-CP (Đã gửi) chưa kết thúc") ||
		!strings.Contains(made.Warnings[0], "cùng lúc với hồ sơ số "+strconv.FormatInt(made.ID, 10)+" theo Nghị định 331/2026/NĐ-CP") {
		t.Errorf("warnings %q", made.Warnings)
	}
	// Another draft under the same rule set: the Decree 85 one is still open.
	again, err := r.MakeDossier(ctx, operator, e.sc, e.system, "d331-2026")
	if err != nil || len(again.Warnings) != 1 {
		t.Errorf("a second Decree 331 draft = %+v, %v", again, err)
	}

	// Returned, the Decree 85 dossier waits for its preparer: a new dossier replaces it
	// (store.CreateDossier withdraws it), so nothing is left open under Decree 85.
	if _, err := r.TakeStep(ctx, infosec, e.sc, old.ID, "return", "Thiếu phương án"); err != nil {
		t.Fatal(err)
	}
	last, err := r.MakeDossier(ctx, operator, e.sc, e.system, "d331-2026")
	if err != nil || len(last.Warnings) != 0 {
		t.Errorf("after the Decree 85 dossier was returned: %+v, %v", last, err)
	}
	if d, _ := e.db.Dossier(ctx, e.sc, old.ID); d.Status != "withdrawn" {
		t.Errorf("the returned dossier is %s, want withdrawn by the new one", d.Status)
	}
	ds, err := e.db.ListDossiers(ctx, e.sc, store.DossierFilter{SystemID: e.system})
	if err != nil {
		t.Fatal(err)
	}
	if w := registry.SystemRuleSetOverlapWarning(ds); w != "" {
		t.Errorf("system warning %q with only Decree 331 dossiers open", w)
	}
}
