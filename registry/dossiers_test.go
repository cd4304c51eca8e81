package registry_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"capdo/levels"
	"capdo/registry"
	"capdo/store"
)

// documentText returns the raw body of one stored DOCX of a dossier.
func documentText(t *testing.T, e *env, id int64, name string) string {
	t.Helper()
	f, err := e.db.DossierFile(context.Background(), e.sc, id, name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	zr, err := zip.NewReader(bytes.NewReader(f.Data), int64(len(f.Data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.Name == "word/document.xml" {
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			return string(b)
		}
	}
	t.Fatalf("%s has no body", name)
	return ""
}

// A dossier made in the web app is full (every document of the level and the checklist),
// signed as chosen, and under Decree 331 reports the risk assessment recorded for the
// system; a signing choice outside the variants is refused naming its field.
func TestMakeDossierWith_FullSignedWithRisk(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	r := e.registry(t, "d331-2026")
	a := assessment(3)
	if _, err := r.RecordRisk(ctx, operator, e.sc, e.system, a); err != nil {
		t.Fatal(err)
	}
	m, err := r.MakeDossierWith(ctx, operator, e.sc, e.system, registry.MakeOptions{Sign: "kt", OwnerSign: "tm"})
	if err != nil {
		t.Fatal(err)
	}
	d, err := e.db.Dossier(ctx, e.sc, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	// The system's facts give level 2 under Decree 331; the recorded assessment supports
	// level 3, which the rule set applies (the risk-framework criterion of khoản 5 Điều 13,
	// khoản 5 Điều 10), so the dossier holds the forms of level 3.
	if m.Level != 3 || d.Level != 3 {
		t.Errorf("level %d (stored %d), want 3 from the risk assessment", m.Level, d.Level)
	}
	var names []string
	for _, f := range d.Files {
		names = append(names, f.Name)
	}
	want := "thuyet-minh-de-xuat-cap-do.docx phuong-an-bao-dam-an-ninh-mang.docx mau-02-de-nghi-tham-dinh.docx mau-04-y-kien-tham-dinh.docx " +
		"mau-05-to-trinh-phe-duyet.docx mau-06-quyet-dinh-phe-duyet-cap-do.docx checklist.xlsx"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("files %s, want %s", got, want)
	}
	tm := documentText(t, e, m.ID, "thuyet-minh-de-xuat-cap-do.docx")
	for _, want := range []string{"SQL injection", "Rủi ro cao nhất ở mức Cao", "KT. "} {
		if !strings.Contains(tm, want) {
			t.Errorf("explanation lacks %q", want)
		}
	}
	for _, bad := range []registry.MakeOptions{{Sign: "x"}, {OwnerSign: "ky"}} {
		var ie *levels.InvalidError
		if _, err := r.MakeDossierWith(ctx, operator, e.sc, e.system, bad); !errors.As(err, &ie) || (ie.Problems[0].Field != "sign" && ie.Problems[0].Field != "owner_sign") {
			t.Errorf("%+v: err = %v, want a problem naming the field", bad, err)
		}
	}
	if _, err := r.MakeDossierWith(ctx, operator, store.Scope{OrgID: e.unit + 100}, e.system, registry.MakeOptions{}); err == nil {
		t.Error("another organisation's system made a dossier")
	}
}
