package registry_test

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"capdo/levels"
	"capdo/registry"
	"capdo/review"
	"capdo/store"
)

// toApproval takes dossier id through its own flow, each step by the role the flow names,
// up to the step where it is approved, and returns who approves: the walk does not
// depend on how many stages the decree puts before approval.
func toApproval(t *testing.T, r *registry.Registry, e *env, id int64) registry.Actor {
	t.Helper()
	ctx := context.Background()
	actors := []registry.Actor{operator, infosec, owner, {Username: "thamdinh", Role: "authority"}}
	for range 8 {
		d, err := e.db.Dossier(ctx, e.sc, id)
		if err != nil {
			t.Fatal(err)
		}
		flow, _, err := r.FlowOf(d)
		if err != nil {
			t.Fatal(err)
		}
		moved := false
		for _, a := range actors {
			allowed := registry.Allowed(d, flow, a.Role)
			if slices.Contains(allowed, review.Approve) {
				return a
			}
			for _, act := range []review.Action{review.Submit, review.Opinion, review.Appraise} {
				if slices.Contains(allowed, act) {
					if _, err := r.TakeStep(ctx, a, e.sc, id, string(act), "Ý kiến"); err != nil {
						t.Fatalf("%s %s: %v", a.Role, act, err)
					}
					moved = true
					break
				}
			}
			if moved {
				break
			}
		}
		if !moved {
			t.Fatalf("dossier %d stuck at %s", id, d.Status)
		}
	}
	t.Fatalf("dossier %d never reached its approval", id)
	return registry.Actor{}
}

// Art. 30.7: a Decree 331 dossier is not approved while its system's owner has recorded no
// Quy chế; a regulation recorded for the organisation above the system's unit covers it.
// A Decree 85 dossier needs none.
func TestApprove_RegulationGate(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	r := e.registry(t, levels.DefaultRuleSet)
	if _, err := r.RecordRisk(ctx, operator, e.sc, e.system, assessment(3)); err != nil {
		t.Fatal(err)
	}
	d := e.d331Dossier(t, 3, profileL3)
	approver := toApproval(t, r, e, d)
	dd, _ := e.db.Dossier(ctx, e.sc, d)
	g, err := r.RegulationOf(ctx, dd)
	if err != nil || !g.Blocks() {
		t.Fatalf("gate before any regulation = %+v, %v", g, err)
	}
	_, err = r.TakeStep(ctx, approver, e.sc, d, "approve", "")
	var ie *registry.IncompleteError
	if !errors.As(err, &ie) || len(ie.Problems) != 1 || ie.Problems[0].Field != "regulation" || !strings.Contains(err.Error(), "quy chế") {
		t.Fatalf("approve without a regulation = %v", err)
	}
	if dd, _ := e.db.Dossier(ctx, e.sc, d); dd.Status == string(review.Approved) {
		t.Fatal("the refused approval approved the dossier")
	}

	province := e.sc.OrgID // the system's unit is below it
	reg, err := r.RecordRegulation(ctx, owner, province, registry.RegulationInput{Number: " 12/QĐ-UBND ", IssuedOn: "2026-03-01",
		Issuer: "Chủ tịch  UBND tỉnh A", FileName: "Quy chế ANM.pdf", Data: minimalPDF("Quy che")})
	if err != nil || reg.Number != "12/QĐ-UBND" || reg.Issuer != "Chủ tịch UBND tỉnh A" || reg.FileName != "quy-che-anm.pdf" || !reg.Current {
		t.Fatalf("RecordRegulation = %+v, %v", reg, err)
	}
	if g, _ := r.RegulationOf(ctx, dd); g.Blocks() || g.Regulation == nil || g.Regulation.ID != reg.ID {
		t.Errorf("gate after the province's regulation = %+v", g)
	}
	if st, err := r.TakeStep(ctx, approver, e.sc, d, "approve", ""); err != nil || st.To != review.Approved {
		t.Fatalf("approve with a regulation = %+v, %v", st, err)
	}

	d85, err := r.MakeDossier(ctx, operator, e.sc, e.system, "d85-2016")
	if err != nil {
		t.Fatal(err)
	}
	dd85, _ := e.db.Dossier(ctx, e.sc, d85.ID)
	if g, _ := r.RegulationOf(ctx, dd85); g.Needed {
		t.Errorf("a Decree 85 dossier needs the regulation: %+v", g)
	}
}

// A regulation is recorded only whole and real: every missing field named, a date to
// come refused, the file checked like a dossier upload. A new record supersedes, nothing
// is deleted, and the store refuses to change one.
func TestRecordRegulation(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	r := e.registry(t, levels.DefaultRuleSet)
	var ie *levels.InvalidError
	_, err := r.RecordRegulation(ctx, owner, e.unit, registry.RegulationInput{Number: " ", IssuedOn: "2026-13-01"})
	if !errors.As(err, &ie) {
		t.Fatalf("empty = %v", err)
	}
	var fields []string
	for _, p := range ie.Problems {
		fields = append(fields, p.Field)
	}
	if want := []string{"number", "issuer", "issued_on", "file"}; !reflect.DeepEqual(fields, want) {
		t.Errorf("fields %q, want %q", fields, want)
	}
	in := registry.RegulationInput{Number: "5/QĐ-SYT", IssuedOn: "2026-03-03", Issuer: "Giám đốc Sở", FileName: "q.pdf", Data: minimalPDF("x")}
	if _, err := r.RecordRegulation(ctx, owner, e.unit, in); !errors.As(err, &ie) || ie.Problems[0].Field != "issued_on" || !strings.Contains(ie.Problems[0].Message, "chưa đến") {
		t.Errorf("a date to come (the clock is 2026-03-02): %v", err)
	}
	in.IssuedOn = "2026-03-02"
	in.Data = []byte("\x89PNG\r\n\x1a\n")
	var unsupported *registry.UnsupportedError
	if _, err := r.RecordRegulation(ctx, owner, e.unit, in); !errors.As(err, &unsupported) {
		t.Errorf("a picture: %v", err)
	}
	in.Data = realDOCX(t)
	first, err := r.RecordRegulation(ctx, owner, e.unit, in)
	if err != nil || first.ContentType != registry.DOCXType {
		t.Fatalf("a DOCX = %+v, %v", first, err)
	}
	in.Number, in.Data = "6/QĐ-SYT", minimalPDF("y")
	second, err := r.RecordRegulation(ctx, owner, e.unit, in)
	if err != nil {
		t.Fatal(err)
	}
	list, err := e.db.RegulationsOf(ctx, e.unit)
	if err != nil || len(list) != 2 || list[0].ID != second.ID || !list[0].Current || list[1].Current {
		t.Errorf("history = %+v, %v", list, err)
	}
	if _, err := r.RecordRegulation(ctx, owner, 999, in); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("an organisation that does not exist: %v", err)
	}
}
