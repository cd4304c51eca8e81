package server_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"capdo/store"
)

// approvedDossier takes a level-3 dossier of province A through to approval.
func (f *fixture) approvedDossier(t *testing.T) int64 {
	t.Helper()
	d := f.createDossier("vanhanhA", f.sysA3)
	for _, st := range []struct{ as, action string }{{"vanhanhA", "submit"}, {"atttA", "appraise"}, {"chuquanA", "approve"}} {
		if code, body := f.act(st.as, d, st.action); code != 200 {
			t.Fatalf("%s %s = %d %s", st.as, st.action, code, body)
		}
	}
	return d
}

// dropTriggers are the triggers that keep honest code from changing the record; someone
// who writes the file drops them.
var dropTriggers = []string{
	"DROP TRIGGER dossier_events_no_update", "DROP TRIGGER dossier_events_no_delete",
	"DROP TRIGGER dossiers_approved_frozen", "DROP TRIGGER dossier_files_no_update",
}

type checkOut struct {
	HistoryValid bool `json:"history_valid"`
	HistoryCheck struct {
		Valid, Keyed bool
		Covers       string
		Problems     []store.Problem
	} `json:"history_check"`
}

func (f *fixture) apiCheck(t *testing.T, as string, d int64) checkOut {
	t.Helper()
	resp, body := f.do(as, "GET", "/api/v1/dossiers/"+itoa(d), "", "")
	if resp.StatusCode != 200 {
		t.Fatalf("GET dossier = %d %s", resp.StatusCode, body)
	}
	var out checkOut
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// The approval's actor is rewritten in the file and every hash from it on recomputed with
// plain SHA-256: the page and the API say the dossier is not intact and name the event.
func TestIntegrity_RewrittenApprovalShown(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	d := f.approvedDossier(t)
	out := f.apiCheck(t, "chuquanA", d)
	if !out.HistoryValid || !out.HistoryCheck.Valid || !out.HistoryCheck.Keyed || !strings.Contains(out.HistoryCheck.Covers, "HMAC-SHA-256") {
		t.Fatalf("intact dossier: %+v", out)
	}
	_, page := f.do("chuquanA", "GET", "/dossiers/"+itoa(d), "", "")
	if !strings.Contains(page, `id="chain-ok"`) || !strings.Contains(page, "khóa kiểm toán") || !strings.Contains(page, "Phạm vi kiểm tra") {
		t.Fatalf("intact dossier page: %s", clip(page))
	}

	r := f.raw(t)
	rawExec(t, r, dropTriggers...)
	evs, err := f.db.DossierEvents(context.Background(), store.Scope{OrgID: f.orgs["UBND tỉnh A"].ID}, d)
	if err != nil || len(evs) != 4 {
		t.Fatal(len(evs), err)
	}
	evs[3].Actor = "adminA"
	evs[3].SealLegacy(evs[2].Hash)
	if _, err := r.Exec("UPDATE dossier_events SET actor = ?, hash = ? WHERE dossier_id = ? AND seq = 4", evs[3].Actor, evs[3].Hash, d); err != nil {
		t.Fatal(err)
	}
	out = f.apiCheck(t, "chuquanA", d)
	if out.HistoryValid || out.HistoryCheck.Valid || len(out.HistoryCheck.Problems) == 0 ||
		out.HistoryCheck.Problems[0].DossierID != d || out.HistoryCheck.Problems[0].Seq != 4 {
		t.Errorf("rewritten approval: %+v", out)
	}
	_, page = f.do("chuquanA", "GET", "/dossiers/"+itoa(d), "", "")
	if strings.Contains(page, `id="chain-ok"`) || !strings.Contains(page, "Hồ sơ KHÔNG toàn vẹn") || !strings.Contains(page, "hồ sơ "+itoa(d)+", sự kiện 4: sự kiện 4 bị sửa đổi") {
		t.Errorf("rewritten approval page: %s", clip(page))
	}
	if rows := f.securityRows(t, store.SecurityFilter{Event: "history.invalid"}); len(rows) == 0 || rows[0].Attrs["dossier_id"] != itoa(d) {
		t.Errorf("history.invalid rows = %+v", rows)
	}
}

// A history whose last step was cut takes no further step: the refusal says why, and the
// attempt is an integrity.failure in the security log.
func TestIntegrity_CutHistoryTakesNoStep(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	d := f.createDossier("vanhanhA", f.sysA3)
	f.act("vanhanhA", d, "submit")
	f.act("atttA", d, "appraise")
	r := f.raw(t)
	rawExec(t, r, dropTriggers...)
	rawExec(t, r, "DELETE FROM dossier_events WHERE dossier_id = "+itoa(d)+" AND seq = 3",
		"UPDATE dossiers SET status = 'submitted', holder = 'infosec' WHERE id = "+itoa(d))
	if out := f.apiCheck(t, "atttA", d); out.HistoryValid || out.HistoryCheck.Problems[0].Seq != 3 ||
		!strings.Contains(out.HistoryCheck.Problems[0].Reason, "lịch sử bị cắt") {
		t.Errorf("cut history: %+v", out)
	}
	code, body := f.act("atttA", d, "appraise")
	if code != 500 || !strings.Contains(body, "capdo audit verify") {
		t.Errorf("step on a cut history = %d %s", code, body)
	}
	if rows := f.securityRows(t, store.SecurityFilter{Event: "integrity.failure"}); len(rows) != 1 || rows[0].Username != "atttA" {
		t.Errorf("integrity.failure rows = %+v", rows)
	}
	var n int
	r.QueryRow("SELECT count(*) FROM dossier_events WHERE dossier_id = ?", d).Scan(&n)
	if n != 2 {
		t.Errorf("events after the refused step = %d, want 2", n)
	}
}

// A stored document with one byte changed is never served: not alone, not in the zip; a
// changed manifest neither. Each attempt is logged.
func TestIntegrity_CorruptDocumentNeverServed(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	d := f.createDossier("vanhanhA", f.sysA3)
	base := "/api/v1/dossiers/" + itoa(d) + "/documents/"
	for _, name := range []string{"to-trinh.docx", "ho-so-de-xuat-cap-do.zip", "manifest.json"} {
		if resp, _ := f.do("vanhanhA", "GET", base+name, "", ""); resp.StatusCode != 200 {
			t.Fatalf("intact %s = %d", name, resp.StatusCode)
		}
	}
	r := f.raw(t)
	rawExec(t, r, dropTriggers...)
	var data []byte
	if err := r.QueryRow("SELECT data FROM dossier_files WHERE dossier_id = ? AND name = 'to-trinh.docx'", d).Scan(&data); err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 0x01
	if _, err := r.Exec("UPDATE dossier_files SET data = ? WHERE dossier_id = ? AND name = 'to-trinh.docx'", data, d); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"to-trinh.docx", "ho-so-de-xuat-cap-do.zip"} {
		resp, body := f.do("vanhanhA", "GET", base+name, "", "")
		if resp.StatusCode != 500 || strings.HasPrefix(body, "PK") || !strings.Contains(body, "SHA-256") || resp.Header.Get("X-Content-SHA256") != "" {
			t.Errorf("corrupt %s = %d %q", name, resp.StatusCode, clip(body))
		}
	}
	if resp, _ := f.do("vanhanhA", "GET", base+"thuyet-minh-de-xuat-cap-do.docx", "", ""); resp.StatusCode != 200 {
		t.Errorf("a sound document of the same dossier = %d", resp.StatusCode)
	}
	rawExec(t, r, `UPDATE dossiers SET manifest = '{"level":1}' WHERE id = `+itoa(d))
	if resp, body := f.do("vanhanhA", "GET", base+"manifest.json", "", ""); resp.StatusCode != 500 || strings.Contains(body, `"level":1`) {
		t.Errorf("altered manifest = %d %s", resp.StatusCode, body)
	}
	if rows := f.securityRows(t, store.SecurityFilter{Event: "integrity.failure"}); len(rows) != 3 {
		t.Errorf("integrity.failure rows = %d, want 3: %+v", len(rows), rows)
	}
	out := f.apiCheck(t, "vanhanhA", d)
	var docs []string
	for _, p := range out.HistoryCheck.Problems {
		docs = append(docs, p.Document)
	}
	if out.HistoryValid || !strings.Contains(strings.Join(docs, ","), "to-trinh.docx") || !strings.Contains(strings.Join(docs, ","), "manifest.json") {
		t.Errorf("check after corruption: %+v", out)
	}
}
