package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/url"
	"strings"
	"testing"
	"time"

	"capdo/server"
)

// minimalPDF is a real one-page PDF with a correct cross-reference table (the registry's
// tests render the same construction with pdftoppm).
func minimalPDF(text string) []byte {
	var b bytes.Buffer
	var offs []int
	b.WriteString("%PDF-1.4\n")
	content := "BT /F1 18 Tf 72 720 Td (" + text + ") Tj ET"
	for _, obj := range []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	} {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offs), obj)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return b.Bytes()
}

// multipartBody is a multipart/form-data body with fields and, unless filename is "", a file.
func multipartBody(fields map[string]string, filename string, data []byte) (ctype, body string) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	if filename != "" {
		fw, _ := w.CreateFormFile("file", filename)
		fw.Write(data)
	}
	w.Close()
	return w.FormDataContentType(), b.String()
}

// uploadAPI posts a document through the API.
func (f *fixture) uploadAPI(as string, dossier int64, kind, filename string, data []byte) (int, string) {
	f.t.Helper()
	ct, body := multipartBody(map[string]string{"kind": kind}, filename, data)
	resp, out := f.do(as, "POST", "/api/v1/dossiers/"+itoa(dossier)+"/documents", ct, body)
	return resp.StatusCode, out
}

// dossierAt makes a dossier of system and takes it, through the API, to status.
func (f *fixture) dossierAt(system int64, status string) int64 {
	f.t.Helper()
	d := f.createDossier("vanhanhA", system)
	level4 := system == f.sysA4
	var steps [][2]string
	switch status {
	case "draft":
	case "submitted":
		steps = [][2]string{{"vanhanhA", "submit"}}
	case "returned":
		steps = [][2]string{{"vanhanhA", "submit"}, {"atttA", "return"}}
	case "opinion_given":
		steps = [][2]string{{"vanhanhA", "submit"}, {"atttA", "opinion"}}
	case "appraised":
		steps = [][2]string{{"vanhanhA", "submit"}, {"atttA", "appraise"}}
		if level4 {
			steps = [][2]string{{"vanhanhA", "submit"}, {"atttA", "opinion"}, {"thamdinh", "appraise"}}
		}
	case "approved":
		steps = [][2]string{{"vanhanhA", "submit"}, {"atttA", "appraise"}, {"chuquanA", "approve"}}
	}
	for _, s := range steps {
		if code, body := f.act(s[0], d, s[1]); code != 200 {
			f.t.Fatalf("%s %s = %d %s", s[0], s[1], code, clip(body))
		}
	}
	return d
}

// Contract §6, the upload table over HTTP (role × status × kind): each document comes from
// whoever takes the step it belongs to, while the step is theirs; 403 for a role that
// never adds the kind at the level, 409 for a status where it may not, 404 for a dossier
// the caller does not see.
func TestUpload_Permissions(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	pdf := minimalPDF("Van ban")
	at := map[string]int64{}
	// Returned last: a new dossier of the system replaces a returned one.
	for _, s := range []string{"draft", "submitted", "appraised", "approved", "returned"} {
		at["3/"+s] = f.dossierAt(f.sysA3, s)
	}
	for _, s := range []string{"submitted", "opinion_given", "appraised"} {
		at["4/"+s] = f.dossierAt(f.sysA4, s)
	}
	// Level 2: the infosec unit appraises and approves (Khoản 1 Điều 12 Nghị định 85/2016/NĐ-CP).
	sysA2 := f.createSystem("vanhanhA", profileL2)
	for _, s := range []string{"draft", "submitted", "appraised"} {
		at["2/"+s] = f.dossierAt(sysA2, s)
	}
	at["2/approved"] = f.dossierAt(sysA2, "appraised")
	if code, body := f.act("atttA", at["2/approved"], "approve"); code != 200 {
		t.Fatalf("the infosec unit approves at level 2: %d %s", code, clip(body))
	}
	for _, c := range []struct {
		as, dossier, kind string
		want              int
	}{
		// The preparer, before sending.
		{"vanhanhA", "3/draft", "signed_request", 201},
		{"chuquanA", "3/draft", "attachment", 201},
		{"vanhanhA", "3/draft", "revised", 201},
		{"vanhanhA", "3/returned", "revised", 201},
		{"vanhanhA", "3/returned", "signed_request", 201},
		{"vanhanhA", "3/submitted", "attachment", 409},
		{"vanhanhA", "3/approved", "revised", 409},
		{"chuquanA", "3/approved", "attachment", 409},
		{"atttA", "3/draft", "signed_request", 403},
		{"adminA", "3/draft", "attachment", 403},
		{"thamdinh", "3/draft", "attachment", 404},
		{"vanhanhB", "3/draft", "signed_request", 404},
		// The professional opinion exists at levels 4–5 only.
		{"atttA", "4/submitted", "opinion", 201},
		{"atttA", "4/opinion_given", "opinion", 409},
		{"thamdinh", "4/submitted", "opinion", 403},
		{"atttA", "3/submitted", "opinion", 409},
		// The appraisal, in the appraiser's stage.
		{"atttA", "3/submitted", "appraisal", 201},
		{"atttA", "3/draft", "appraisal", 409},
		{"atttA", "3/appraised", "appraisal", 409},
		{"vanhanhA", "3/submitted", "appraisal", 403},
		{"thamdinh", "4/opinion_given", "appraisal", 201},
		{"thamdinh", "4/submitted", "appraisal", 409},
		{"atttA", "4/opinion_given", "appraisal", 403},
		// The signed decision, by the approver, with or after the approval.
		{"chuquanA", "3/appraised", "decision", 201},
		{"chuquanA", "3/approved", "decision", 201},
		{"chuquanA", "3/submitted", "decision", 409},
		{"atttA", "3/approved", "decision", 403},
		{"thamdinh", "4/appraised", "decision", 403},
		{"chuquanA", "4/appraised", "decision", 201},
		// Level 2: the infosec unit's appraisal and decision; the owner is told, not asked.
		{"vanhanhA", "2/draft", "signed_request", 201},
		{"atttA", "2/submitted", "appraisal", 201},
		{"atttA", "2/submitted", "opinion", 409},
		{"atttA", "2/appraised", "decision", 201},
		{"chuquanA", "2/appraised", "decision", 403},
		{"atttA", "2/approved", "decision", 201},
		{"chuquanA", "2/approved", "decision", 403},
		{"vanhanhA", "2/approved", "revised", 409},
	} {
		code, body := f.uploadAPI(c.as, at[c.dossier], c.kind, "van-ban.pdf", pdf)
		if code != c.want {
			t.Errorf("%s uploads %s to the level %s dossier = %d, want %d: %s", c.as, c.kind, c.dossier, code, c.want, clip(body))
		}
	}
}

// Contract §6: a file that is no DOCX or PDF is 415, a broken one or a missing field 400, a
// file over the limit 413; an upload is listed with its kind beside the generated
// documents, is in the history with its SHA-256, and downloads as stored, as an
// attachment of its own type.
func TestUpload_ContentAndDownload(t *testing.T) {
	t.Parallel()
	f := newFixtureWith(t, server.Config{UploadLimit: 64 << 10}, nil)
	d := f.createDossier("vanhanhA", f.sysA3)
	pdf := minimalPDF("To trinh da ky")
	resp, docx := f.do("vanhanhA", "GET", "/api/v1/dossiers/"+itoa(d)+"/documents/to-trinh.docx", "", "")
	if resp.StatusCode != 200 {
		t.Fatal("no DOCX to upload")
	}
	url := "/api/v1/dossiers/" + itoa(d) + "/documents"
	noFile, noFileBody := multipartBody(map[string]string{"kind": "attachment"}, "", nil)
	for _, c := range []struct {
		name, kind, file string
		data             []byte
		want             int
		field            string
	}{
		{"a GIF named .pdf", "attachment", "so-do.pdf", []byte("GIF89a......"), 415, "file"},
		{"a PDF cut short", "attachment", "so-do.pdf", pdf[:200], 400, "file"},
		{"an unknown kind", "photo", "so-do.pdf", pdf, 400, "kind"},
		{"too large", "attachment", "lon.pdf", append(append([]byte{}, pdf...), make([]byte, 70<<10)...), 413, "file"},
	} {
		code, body := f.uploadAPI("vanhanhA", d, c.kind, c.file, c.data)
		if code != c.want || !strings.Contains(body, `"field":"`+c.field+`"`) {
			t.Errorf("%s = %d %s, want %d naming %s", c.name, code, clip(body), c.want, c.field)
		}
	}
	f.run(t, []scenario{
		{name: "no file", as: "vanhanhA", method: "POST", url: url, ctype: noFile, body: noFileBody, want: 400, contains: []string{`"field":"file"`}},
		{name: "JSON instead of a form", as: "vanhanhA", method: "POST", url: url, ctype: ctJSON, body: `{"kind":"attachment"}`, want: 400},
	})
	code, body := f.uploadAPI("vanhanhA", d, "signed_request", "Tờ trình đã ký.pdf", pdf)
	var up struct{ Name, SHA256 string }
	json.Unmarshal([]byte(body), &up)
	if code != 201 || up.Name != "to-trinh-da-ky.pdf" || len(up.SHA256) != 64 {
		t.Fatalf("upload = %d %s", code, body)
	}
	if code, body := f.uploadAPI("vanhanhA", d, "attachment", "to-trinh.docx", []byte(docx)); code != 201 || !strings.Contains(body, `"name":"to-trinh-2.docx"`) {
		t.Errorf("a DOCX named like a generated document = %d %s, want it stored as to-trinh-2.docx", code, body)
	}
	resp, got := f.do("atttA", "GET", url+"/"+up.Name, "", "")
	if resp.StatusCode != 200 || got != string(pdf) || resp.Header.Get("Content-Type") != "application/pdf" ||
		!strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment") || resp.Header.Get("X-Content-Type-Options") != "nosniff" ||
		resp.Header.Get("X-Content-SHA256") != up.SHA256 {
		t.Errorf("download = %d %v", resp.StatusCode, resp.Header)
	}
	var out struct {
		Documents []struct {
			Name, Kind, SHA256 string
			UploadedBy         string `json:"uploaded_by"`
		} `json:"documents"`
		History []struct{ Action, Data string }
	}
	_, body = f.do("vanhanhA", "GET", "/api/v1/dossiers/"+itoa(d), "", "")
	json.Unmarshal([]byte(body), &out)
	kinds := map[string]string{}
	for _, doc := range out.Documents {
		kinds[doc.Name] = doc.Kind + "/" + doc.UploadedBy
	}
	if len(out.Documents) != 10 || kinds["to-trinh.docx"] != "generated/vanhanhA" || kinds["to-trinh-da-ky.pdf"] != "signed_request/vanhanhA" || kinds["to-trinh-2.docx"] != "attachment/vanhanhA" {
		t.Errorf("documents = %+v", out.Documents)
	}
	if h := out.History[1]; h.Action != "upload" || h.Data != "signed_request to-trinh-da-ky.pdf sha256 "+up.SHA256 {
		t.Errorf("history = %+v", out.History)
	}
	f.run(t, []scenario{
		{name: "the page lists it by kind", as: "vanhanhA", method: "GET", url: "/dossiers/" + itoa(d), want: 200,
			contains: []string{"Văn bản đề nghị đã ký", "to-trinh-da-ky.pdf", "Tài liệu kèm theo", `id="upload-form"`, "Tải lên văn bản"}},
		{name: "no upload form for a role without a kind here", as: "atttA", method: "GET", url: "/dossiers/" + itoa(d), want: 200, notContains: []string{`id="upload-form"`}},
		{name: "another province cannot download it", as: "vanhanhB", method: "GET", url: url + "/" + up.Name, want: 404},
		{name: "no such upload", as: "vanhanhA", method: "GET", url: url + "/khong-co.pdf", want: 404},
	})
}

// The upload form of the dossier page: multipart with the form token, back to the page.
func TestUpload_PageForm(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	d := f.createDossier("vanhanhA", f.sysA3)
	target := "/dossiers/" + itoa(d) + "/documents"
	ct, body := multipartBody(map[string]string{"kind": "signed_request", "_csrf": f.csrfToken("vanhanhA")}, "to trinh.pdf", minimalPDF("x"))
	resp, _ := f.do("vanhanhA", "POST", target, ct, body)
	if resp.StatusCode != 303 || !strings.HasPrefix(resp.Header.Get("Location"), "/dossiers/"+itoa(d)+"?uploaded=to-trinh.pdf") {
		t.Errorf("upload form = %d → %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	ct, body = multipartBody(map[string]string{"kind": "signed_request"}, "to trinh.pdf", minimalPDF("x"))
	if resp, _ := f.do("vanhanhA", "POST", target, ct, body); resp.StatusCode != 403 {
		t.Errorf("upload form without its token = %d, want 403", resp.StatusCode)
	}
	ct, body = multipartBody(map[string]string{"kind": "signed_request", "_csrf": f.csrfToken("atttA")}, "to trinh.pdf", minimalPDF("x"))
	if resp, page := f.do("atttA", "POST", target, ct, body); resp.StatusCode != 403 || !strings.Contains(page, "<html") {
		t.Errorf("infosec uploads a signed request = %d, want a 403 page", resp.StatusCode)
	}
	// A text file renamed .pdf: the dossier page again, the reason at the form in words (no
	// field name), as a 415 like the API's; nothing stored.
	ct, body = multipartBody(map[string]string{"kind": "signed_request", "_csrf": f.csrfToken("vanhanhA")}, "to trinh.pdf", []byte("chỉ là văn bản thường\n"))
	resp, page := f.do("vanhanhA", "POST", target, ct, body)
	if resp.StatusCode != 415 || !strings.Contains(page, `id="upload-problem"`) || !strings.Contains(page, `id="upload-form"`) ||
		!strings.Contains(page, "Tệp «to trinh.pdf» không phải tệp PDF thật") || !strings.Contains(page, "dù tên tệp kết thúc bằng .pdf") ||
		strings.Contains(page, "file:") || strings.Contains(page, "Về trang tổng quan") {
		t.Errorf("a renamed text file = %d:\n%s", resp.StatusCode, page)
	}
	// Another name: the content is still what is judged.
	ct, body = multipartBody(map[string]string{"kind": "signed_request", "_csrf": f.csrfToken("vanhanhA")}, "ghi chu.txt", []byte("văn bản\n"))
	if resp, page := f.do("vanhanhA", "POST", target, ct, body); resp.StatusCode != 415 || !strings.Contains(page, "Tệp «ghi chu.txt» không phải văn bản DOCX hoặc PDF") {
		t.Errorf("a text file = %d", resp.StatusCode)
	}
	// A broken PDF: the registry's reason, after the page's sentence.
	ct, body = multipartBody(map[string]string{"kind": "signed_request", "_csrf": f.csrfToken("vanhanhA")}, "hong.pdf", []byte("%PDF-1.7\nkhông có phần kết thúc"))
	if resp, page := f.do("vanhanhA", "POST", target, ct, body); resp.StatusCode != 400 || !strings.Contains(page, "Tệp «hong.pdf»: tệp PDF không có phần kết thúc") || strings.Contains(page, "<code>file</code>") {
		t.Errorf("a broken PDF = %d", resp.StatusCode)
	}
	// The API keeps its JSON.
	if code, body := f.uploadAPI("vanhanhA", d, "signed_request", "to trinh.pdf", []byte("chỉ là văn bản thường\n")); code != 415 ||
		!strings.Contains(body, `"field":"file"`) || !strings.Contains(body, `"message":"chỉ nhận tệp DOCX hoặc PDF"`) {
		t.Errorf("API upload of a renamed text file = %d %s", code, body)
	}
	f.run(t, []scenario{
		{name: "anonymous", method: "POST", url: target, ctype: "application/x-www-form-urlencoded", want: 303},
		{name: "the page says so", as: "vanhanhA", method: "GET", url: "/dossiers/" + itoa(d) + "?uploaded=to-trinh.pdf", want: 200,
			contains: []string{`id="uploaded"`, "to-trinh.pdf"}},
	})
}

// The return loop: a return needs a reason, shown at the top of the dossier and in the
// preparer's inbox; a returned dossier goes back only with something that shows what
// changed; «Trả lại», «Phê duyệt» and «Rút hồ sơ» go through a confirmation page that
// needs no script.
func TestReturnLoop(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	d := f.dossierAt(f.sysA3, "submitted")
	page, actions := "/dossiers/"+itoa(d), "/dossiers/"+itoa(d)+"/actions"
	api := "/api/v1/dossiers/" + itoa(d)
	f.run(t, []scenario{
		{name: "return without a reason", as: "atttA", method: "POST", url: api + "/actions", ctype: ctJSON, body: `{"action":"return","comment":"  "}`, want: 400, contains: []string{`"field":"comment"`}},
		{name: "the page offers a confirmation", as: "atttA", method: "GET", url: page, want: 200,
			contains: []string{`href="/dossiers/` + itoa(d) + `/confirm?action=return"`, `value="appraise"`}, notContains: []string{`value="return"`}},
		{name: "the confirmation page", as: "atttA", method: "GET", url: page + "/confirm?action=return", want: 200,
			contains: []string{"Xác nhận trả lại", `name="comment"`, "required", `name="confirm" value="1"`}},
		{name: "not for an operator", as: "vanhanhA", method: "GET", url: page + "/confirm?action=return", want: 403},
		{name: "not for a step that is no confirmation", as: "atttA", method: "GET", url: page + "/confirm?action=appraise", want: 400},
		{name: "not for a step that does not fit", as: "chuquanA", method: "GET", url: page + "/confirm?action=approve", want: 409},
		{name: "not for another province", as: "vanhanhB", method: "GET", url: page + "/confirm?action=withdraw", want: 404},
	})
	// Posted without the confirmation, nothing is done: the page asks first.
	resp, _ := f.form("atttA", actions, url.Values{"action": {"return"}, "comment": {"Thiếu sơ đồ mạng"}})
	if resp.StatusCode != 303 || resp.Header.Get("Location") != page+"/confirm?action=return" {
		t.Errorf("return without confirmation = %d → %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if st := f.dossierState(t, "atttA", d); st.Status != "submitted" {
		t.Fatalf("status after an unconfirmed return = %s", st.Status)
	}
	if resp, body := f.form("atttA", actions, url.Values{"action": {"return"}, "confirm": {"1"}, "comment": {""}}); resp.StatusCode != 400 || !strings.Contains(body, "lý do") {
		t.Errorf("confirmed return without a reason = %d", resp.StatusCode)
	}
	if resp, _ := f.form("atttA", actions, url.Values{"action": {"return"}, "confirm": {"1"}, "comment": {"Thiếu sơ đồ mạng <b>"}}); resp.StatusCode != 303 {
		t.Fatalf("confirmed return = %d", resp.StatusCode)
	}
	f.run(t, []scenario{
		{name: "the reason at the top", as: "vanhanhA", method: "GET", url: page, want: 200,
			contains: []string{`id="return-reason"`, "Thiếu sơ đồ mạng &lt;b&gt;", `id="renew"`, `id="upload-form"`, "Nêu nội dung đã sửa"}},
		{name: "and in the preparer's inbox", as: "vanhanhA", method: "GET", url: "/", want: 200, contains: []string{"Lý do trả lại: Thiếu sơ đồ mạng &lt;b&gt;"}},
		{name: "and in the dossier list", as: "vanhanhA", method: "GET", url: "/dossiers?status=returned", want: 200, contains: []string{"Lý do: Thiếu sơ đồ mạng"}},
		{name: "and in the API", as: "vanhanhA", method: "GET", url: api, want: 200, contains: []string{`"return_reason":"Thiếu sơ đồ mạng <b>"`, `"holder":"operator"`}},
		{name: "a bare resubmission is refused", as: "vanhanhA", method: "POST", url: api + "/actions", ctype: ctJSON, body: `{"action":"submit"}`, want: 400, contains: []string{`"field":"comment"`}},
		{name: "one saying what changed is taken", as: "vanhanhA", method: "POST", url: api + "/actions", ctype: ctJSON, body: `{"action":"submit","comment":"Đã bổ sung sơ đồ mạng"}`, want: 200, contains: []string{`"status":"submitted"`}},
	})
	// A draft is withdrawn by its preparer, after confirming; it leaves the lists.
	draft := f.createDossier("vanhanhA", f.sysA4)
	f.run(t, []scenario{
		{name: "the withdrawal confirmation", as: "vanhanhA", method: "GET", url: "/dossiers/" + itoa(draft) + "/confirm?action=withdraw", want: 200, contains: []string{"Xác nhận rút hồ sơ"}},
		{name: "infosec may not withdraw", as: "atttA", method: "POST", url: "/api/v1/dossiers/" + itoa(draft) + "/actions", ctype: ctJSON, body: `{"action":"withdraw"}`, want: 403},
	})
	if resp, _ := f.form("vanhanhA", "/dossiers/"+itoa(draft)+"/actions", url.Values{"action": {"withdraw"}, "confirm": {"1"}}); resp.StatusCode != 303 {
		t.Fatalf("withdraw = %d", resp.StatusCode)
	}
	f.run(t, []scenario{
		{name: "withdrawn", as: "vanhanhA", method: "GET", url: "/dossiers/" + itoa(draft), want: 200, contains: []string{`id="withdrawn"`, "Đã rút"}, notContains: []string{`id="upload-form"`, "/confirm?action="}},
		{name: "not listed", as: "vanhanhA", method: "GET", url: "/dossiers", want: 200, notContains: []string{"Hồ sơ số " + itoa(draft) + "<"}},
		{name: "unless asked for", as: "vanhanhA", method: "GET", url: "/dossiers?status=withdrawn", want: 200, contains: []string{"Hồ sơ số " + itoa(draft) + "<"}},
	})
}

// A stale dossier offers a new version instead of a dead end; the new version replaces it.
func TestStaleDossier_OffersNewVersion(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	d := f.createDossier("vanhanhA", f.sysA3)
	edited := strings.Replace(profileL3, `"personal_data_users": 250000`, `"personal_data_users": 500`, 1)
	if resp, body := f.do("vanhanhA", "PUT", "/api/v1/systems/"+itoa(f.sysA3), ctJSON, edited); resp.StatusCode != 200 {
		t.Fatalf("edit = %d %s", resp.StatusCode, body)
	}
	f.run(t, []scenario{
		{name: "no submit, a new version instead", as: "vanhanhA", method: "GET", url: "/dossiers/" + itoa(d), want: 200,
			contains:    []string{`id="system-changed"`, `id="renew"`, `action="/systems/` + itoa(f.sysA3) + `/dossiers"`, "confirm?action=withdraw"},
			notContains: []string{`value="submit"`, `id="upload-form"`}},
		{name: "stale in the API", as: "vanhanhA", method: "GET", url: "/api/v1/dossiers/" + itoa(d), want: 200, contains: []string{`"stale":true`}},
	})
	resp, _ := f.form("vanhanhA", "/systems/"+itoa(f.sysA3)+"/dossiers", url.Values{})
	if resp.StatusCode != 303 {
		t.Fatalf("new version = %d", resp.StatusCode)
	}
	if st := f.dossierState(t, "vanhanhA", d); st.Status != "withdrawn" || st.Holder != "" {
		t.Errorf("the stale draft after a new version = %+v, want withdrawn", st)
	}
}

// Approval as a record (docs/contract.md §6): with the decision, or the decision once afterwards by
// the approver; the system carries it apart from its computed level, and an edit that
// changes the level says so without touching it.
func TestApproval_Record(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	d := f.dossierAt(f.sysA3, "appraised") // submitted 2026-03-02
	api := "/api/v1/dossiers/" + itoa(d)
	sys := "/api/v1/systems/" + itoa(f.sysA3)
	f.run(t, []scenario{
		{name: "not approved yet", as: "chuquanA", method: "GET", url: sys, want: 200, contains: []string{`"approved":null`}},
		{name: "a decision before the approval", as: "chuquanA", method: "POST", url: api + "/decision", ctype: ctJSON, body: `{"decision_number":"15/QĐ-UBND","decision_date":"2026-03-02"}`, want: 409},
		{name: "a malformed number", as: "chuquanA", method: "POST", url: api + "/actions", ctype: ctJSON,
			body: `{"action":"approve","decision_number":"15-UBND","decision_date":"2026-03-02"}`, want: 400, contains: []string{`"field":"decision_number"`}},
		{name: "a future date", as: "chuquanA", method: "POST", url: api + "/actions", ctype: ctJSON,
			body: `{"action":"approve","decision_number":"15/QĐ-UBND","decision_date":"2026-12-10"}`, want: 400, contains: []string{`"field":"decision_date"`}},
		{name: "the approve confirmation asks for the decision", as: "chuquanA", method: "GET", url: "/dossiers/" + itoa(d) + "/confirm?action=approve", want: 200,
			contains:    []string{`name="decision_number"`, `name="decision_date"`, `max="2026-03-02"`, `min="2026-03-02"`, `type="file"`, "Xác nhận phê duyệt", `enctype="multipart/form-data"`},
			notContains: []string{`id="approval-gaps"`}}, // Decree 85 asks for no written appraisal here
		{name: "approved with its decision", as: "chuquanA", method: "POST", url: api + "/actions", ctype: ctJSON,
			body: `{"action":"approve","comment":"Đồng ý","decision_number":"15/QĐ-UBND","decision_date":"2026-03-02"}`, want: 200,
			contains: []string{`"status":"approved"`, `"decision_number":"15/QĐ-UBND"`, `"holder":null`}},
		{name: "the system carries it", as: "vanhanhA", method: "GET", url: sys, want: 200,
			contains: []string{`"approved":{"level":3,"rule_set":"d85-2016","decision_number":"15/QĐ-UBND","decision_date":"2026-03-02","dossier_id":` + itoa(d) + `,"next_inspection":"2027-03-02"`}},
		{name: "recorded once", as: "chuquanA", method: "POST", url: api + "/decision", ctype: ctJSON, body: `{"decision_number":"16/QĐ-UBND","decision_date":"2026-03-02"}`, want: 409},
		{name: "the list shows it", as: "vanhanhA", method: "GET", url: "/api/v1/systems", want: 200, contains: []string{`"approved":{"level":3`}},
	})
	// An edit that changes the level: the computed level moves, the approved one stays.
	edited := strings.Replace(profileL3, `"personal_data_users": 250000`, `"personal_data_users": 500`, 1)
	if resp, body := f.do("vanhanhA", "PUT", sys, ctJSON, edited); resp.StatusCode != 200 || !strings.Contains(body, `"level":2`) || !strings.Contains(body, `"approved":{"level":3`) {
		t.Fatalf("edit = %d %s", resp.StatusCode, clip(body))
	}
	f.run(t, []scenario{
		{name: "the system page says so and offers a dossier", as: "vanhanhA", method: "GET", url: "/systems/" + itoa(f.sysA3) + "?saved=1", want: 200,
			contains:    []string{`id="approved-differs"`, "khác cấp độ đã phê duyệt (Cấp độ 3, Quyết định số 15/QĐ-UBND)", `id="generate-new"`, `id="approved-level"`, `id="next-inspection"`, "02/03/2027"},
			notContains: []string{`id="inspection-inferred"`}}, // Decree 85 sets the cycle (Art. 20.2.c)
		{name: "the list shows both levels", as: "vanhanhA", method: "GET", url: "/systems", want: 200,
			contains: []string{"Cấp độ đã phê duyệt", `<span class="level approved lv3">Cấp độ 3</span>`, "QĐ 15/QĐ-UBND", `<span class="level lv2">Cấp độ 2</span>`}},
		{name: "the dashboard counts the approved level", as: "vanhanhA", method: "GET", url: "/", want: 200, contains: []string{`id="approved-levels"`}},
		{name: "the reviewer sees it too", as: "atttA", method: "GET", url: "/systems/" + itoa(f.sysA3), want: 200, contains: []string{`id="approved-level"`}},
	})
	// Approved without the decision: the approver records it afterwards, once. The system
	// is now level 2, which its infosec unit approves (Art. 12.1).
	d2 := f.createDossier("vanhanhA", f.sysA3)
	for _, s := range [][2]string{{"vanhanhA", "submit"}, {"atttA", "appraise"}, {"atttA", "approve"}} {
		if code, body := f.act(s[0], d2, s[1]); code != 200 {
			t.Fatalf("%s %s = %d %s", s[0], s[1], code, clip(body))
		}
	}
	api2 := "/api/v1/dossiers/" + itoa(d2)
	f.run(t, []scenario{
		{name: "the page asks the approver", as: "atttA", method: "GET", url: "/dossiers/" + itoa(d2), want: 200, contains: []string{`id="decision-form"`}},
		{name: "not the owner", as: "chuquanA", method: "GET", url: "/dossiers/" + itoa(d2), want: 200, notContains: []string{`id="decision-form"`}},
		{name: "the owner may not record it at level 2", as: "chuquanA", method: "POST", url: api2 + "/decision", ctype: ctJSON, body: `{"decision_number":"17/QĐ-UBND","decision_date":"2026-03-02"}`, want: 403},
		{name: "an operator may not record it", as: "vanhanhA", method: "POST", url: api2 + "/decision", ctype: ctJSON, body: `{"decision_number":"17/QĐ-UBND","decision_date":"2026-03-02"}`, want: 403},
		{name: "another province does not see it", as: "vanhanhB", method: "POST", url: api2 + "/decision", ctype: ctJSON, body: `{"decision_number":"17/QĐ-UBND","decision_date":"2026-03-02"}`, want: 404},
		{name: "malformed", as: "atttA", method: "POST", url: api2 + "/decision", ctype: ctJSON, body: `{"decision_number":"17/QĐ-UBND","decision_date":"hôm nay"}`, want: 400, contains: []string{`"field":"decision_date"`}},
		{name: "not JSON", as: "atttA", method: "POST", url: api2 + "/decision", ctype: ctJSON, body: `[`, want: 400},
		{name: "recorded", as: "atttA", method: "POST", url: api2 + "/decision", ctype: ctJSON, body: `{"decision_number":"17/QĐ-STTTT","decision_date":"2026-03-02"}`, want: 200, contains: []string{`"decision_number":"17/QĐ-STTTT"`}},
		{name: "the newest approval is the system's", as: "vanhanhA", method: "GET", url: sys, want: 200,
			contains: []string{`"approved":{"level":2,"rule_set":"d85-2016","decision_number":"17/QĐ-STTTT"`, `"dossier_id":` + itoa(d2), `"next_inspection":"2028-03-02"`}},
	})
	d3 := f.createDossier("vanhanhA", f.sysA3)
	for _, s := range [][2]string{{"vanhanhA", "submit"}, {"atttA", "appraise"}, {"atttA", "approve"}} {
		f.act(s[0], d3, s[1])
	}
	if resp, _ := f.form("atttA", "/dossiers/"+itoa(d3)+"/decision", url.Values{"decision_number": {"18/QĐ-STTTT"}, "decision_date": {"2026-03-02"}}); resp.StatusCode != 303 {
		t.Errorf("decision form = %d", resp.StatusCode)
	}
	f.run(t, []scenario{{name: "the page shows it", as: "vanhanhA", method: "GET", url: "/dossiers/" + itoa(d3), want: 200,
		contains: []string{`id="decision"`, "18/QĐ-STTTT", "02/03/2026"}, notContains: []string{`id="decision-form"`}}})
}

// The approval form takes the signed decision: checked before the approval, stored after.
func TestApproval_FormWithSignedDecision(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	d := f.dossierAt(f.sysA3, "appraised")
	post := func(file []byte) (int, string) {
		ct, body := multipartBody(map[string]string{"_csrf": f.csrfToken("chuquanA"), "action": "approve", "confirm": "1",
			"decision_number": "15/QĐ-UBND", "decision_date": "2026-03-02"}, "QĐ 15 đã ký.pdf", file)
		resp, out := f.do("chuquanA", "POST", "/dossiers/"+itoa(d)+"/actions", ct, body)
		return resp.StatusCode, out
	}
	if code, _ := post([]byte("not a pdf")); code != 415 {
		t.Errorf("a bad file = %d, want 415", code)
	}
	if st := f.dossierState(t, "chuquanA", d); st.Status != "appraised" {
		t.Fatalf("a bad file approved the dossier: %s", st.Status)
	}
	if code, body := post(minimalPDF("QD 15")); code != 303 {
		t.Fatalf("approve with the signed decision = %d %s", code, clip(body))
	}
	f.run(t, []scenario{{name: "approved, decision and file", as: "vanhanhA", method: "GET", url: "/api/v1/dossiers/" + itoa(d), want: 200,
		contains: []string{`"status":"approved"`, `"name":"qd-15-da-ky.pdf","kind":"decision"`, `"decision_number":"15/QĐ-UBND"`}}})
}

// Reviewers' lists and dashboards include what is routed to them (issue 12: the ministry
// appraiser saw "0 hệ thống" after appraising one), filtered by unit, level, status and
// deadline; the API keeps its own registry unless asked.
func TestReviewerLists(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	d := f.dossierAt(f.sysA4, "appraised") // appraised by thamdinh
	unit := itoa(f.orgs["Sở TT&TT A"].ID)
	f.run(t, []scenario{
		{name: "the appraiser's dashboard", as: "thamdinh", method: "GET", url: "/", want: 200,
			contains: []string{"<b>1</b><span>hệ thống</span>", "Sở TT&amp;TT A"}},
		{name: "the appraiser's system list", as: "thamdinh", method: "GET", url: "/systems", want: 200,
			contains: []string{"Quản lý văn bản mật", "được gửi đến xử lý", `id="filter-scope"`, "Hiển thị 1–1 / 1 hệ thống"}, notContains: []string{"Cổng dịch vụ công Hà Nội"}},
		{name: "its own only", as: "thamdinh", method: "GET", url: "/systems?scope=own", want: 200, notContains: []string{"Quản lý văn bản mật"}},
		{name: "by unit", as: "thamdinh", method: "GET", url: "/systems?org=" + unit, want: 200, contains: []string{"Quản lý văn bản mật", `<option value="` + unit + `" selected>`}},
		{name: "by level", as: "thamdinh", method: "GET", url: "/systems?level=3", want: 200, notContains: []string{"Quản lý văn bản mật"}},
		{name: "by status", as: "thamdinh", method: "GET", url: "/systems?status=appraised", want: 200, contains: []string{"Quản lý văn bản mật"}},
		{name: "a bad scope", as: "thamdinh", method: "GET", url: "/systems?scope=everything", want: 400},
		{name: "the API on request", as: "thamdinh", method: "GET", url: "/api/v1/systems?scope=routed", want: 200, contains: []string{`"system_id":"HT-004"`, `"routed":true`}},
		{name: "the API's default is unchanged", as: "thamdinh", method: "GET", url: "/api/v1/systems", want: 200, contains: []string{"[]"}},
		{name: "an operator has no scope filter", as: "vanhanhA", method: "GET", url: "/systems", want: 200, notContains: []string{`id="filter-scope"`}},
		{name: "dossiers by unit", as: "thamdinh", method: "GET", url: "/dossiers?org=" + unit, want: 200, contains: []string{"Hồ sơ số " + itoa(d)}},
		{name: "dossiers with a deadline running", as: "chuquanA", method: "GET", url: "/dossiers?due=any", want: 200, contains: []string{"Hồ sơ số " + itoa(d)}},
		{name: "not due soon yet", as: "chuquanA", method: "GET", url: "/dossiers?due=soon", want: 200, notContains: []string{"Hồ sơ số " + itoa(d) + "<"}},
		{name: "none overdue", as: "chuquanA", method: "GET", url: "/dossiers?due=overdue", want: 200, notContains: []string{"Hồ sơ số " + itoa(d) + "<"}},
		{name: "a bad deadline filter", as: "chuquanA", method: "GET", url: "/api/v1/dossiers?due=late", want: 400, contains: []string{`"field":"due"`}},
		{name: "the unit filter lists routed units", as: "thamdinh", method: "GET", url: "/dossiers", want: 200, contains: []string{`id="filter-org"`, "Sở TT&amp;TT A"}},
	})
	// Seven working days to approve (Art. 17.2): due soon after five days, overdue after ten.
	f.advanceDays(5)
	f.run(t, []scenario{{name: "due soon", as: "chuquanA", method: "GET", url: "/dossiers?due=soon", want: 200,
		contains: []string{"Hồ sơ số " + itoa(d) + "<", `<option value="soon" selected>`}}})
	f.advanceDays(5)
	f.run(t, []scenario{
		{name: "overdue", as: "chuquanA", method: "GET", url: "/dossiers?due=overdue", want: 200, contains: []string{"Hồ sơ số " + itoa(d) + "<"}},
		{name: "overdue in the API", as: "chuquanA", method: "GET", url: "/api/v1/dossiers?due=overdue", want: 200, contains: []string{`"id":` + itoa(d) + `,`}},
	})
}

// advanceDays moves the clock on by whole days; sessions last hours, so everyone signs in
// again.
func (f *fixture) advanceDays(n int) {
	f.advance(time.Duration(n) * 24 * time.Hour)
	f.cookie, f.csrf = map[string]string{}, map[string]string{}
}

// Who may call the routes of the official record: without a session, pages send to the
// login page and the API answers 401; the dossier's flow decides who may act (403 for a
// role that never does, as in the tables above).
func TestRecordRoutes_WhoMayCall(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	d := f.dossierAt(f.sysA3, "approved")
	dos, api := "/dossiers/"+itoa(d), "/api/v1/dossiers/"+itoa(d)
	const form = "application/x-www-form-urlencoded"
	ct, body := multipartBody(map[string]string{"kind": "decision"}, "qd.pdf", minimalPDF("QD"))
	f.run(t, []scenario{
		{name: "confirm page anonymous", method: "GET", url: dos + "/confirm?action=return", want: 303},
		{name: "upload form anonymous", method: "POST", url: dos + "/documents", ctype: form, want: 303},
		{name: "decision form anonymous", method: "POST", url: dos + "/decision", ctype: form, want: 303},
		{name: "upload API anonymous", method: "POST", url: api + "/documents", ctype: ct, body: body, want: 401},
		{name: "decision API anonymous", method: "POST", url: api + "/decision", ctype: ctJSON, body: `{}`, want: 401},
		{name: "decision form of another role", as: "vanhanhA", method: "POST", url: dos + "/decision", ctype: form,
			body: url.Values{"_csrf": {f.csrfToken("vanhanhA")}, "decision_number": {"1/QĐ-UBND"}, "decision_date": {"2026-03-02"}}.Encode(), want: 403},
		{name: "confirm page of an approved dossier", as: "chuquanA", method: "GET", url: dos + "/confirm?action=return", want: 409},
		{name: "the signed decision after the approval", as: "chuquanA", method: "POST", url: api + "/documents", ctype: ct, body: body, want: 201},
	})
	// A browser sends uploads through the page form: the API refuses a cross-origin one.
	f.run(t, []scenario{{name: "cross-site upload", as: "chuquanA", method: "POST", url: api + "/documents", ctype: ct, body: body,
		headers: []string{"Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"}, want: 403}})
}
