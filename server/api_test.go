package server_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"capdo/levels"
)

const ctJSON = "application/json"

// Who may call what: anonymous callers, each role, and other organisations.
func TestAPI_Access(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	dA := f.createDossier("vanhanhA", f.sysA3)
	dB := f.createDossier("vanhanhB", f.sysB)
	sA, sB, sA4 := "/api/v1/systems/"+itoa(f.sysA3), "/api/v1/systems/"+itoa(f.sysB), "/api/v1/systems/"+itoa(f.sysA4)
	dAu, dBu := "/api/v1/dossiers/"+itoa(dA), "/api/v1/dossiers/"+itoa(dB)
	unauth := "Chưa đăng nhập"
	f.run(t, []scenario{
		// Anonymous: 401 on every API route but login and the OpenAPI document.
		{name: "anon systems", method: "GET", url: "/api/v1/systems", want: 401, contains: []string{unauth}},
		{name: "anon system", method: "GET", url: sA, want: 401},
		{name: "anon create", method: "POST", url: "/api/v1/systems", ctype: ctJSON, body: profileL3, want: 401},
		{name: "anon update", method: "PUT", url: sA, ctype: ctJSON, body: profileL3, want: 401},
		{name: "anon classify", method: "POST", url: "/api/v1/classify", ctype: ctJSON, body: profileL3, want: 401},
		{name: "anon dossier", method: "GET", url: dAu, want: 401},
		{name: "anon dossiers", method: "GET", url: "/api/v1/dossiers", want: 401},
		{name: "anon document", method: "GET", url: dAu + "/documents/to-trinh.docx", want: 401},
		{name: "anon generate", method: "POST", url: sA + "/dossiers", want: 401},
		{name: "anon action", method: "POST", url: dAu + "/actions", ctype: ctJSON, body: `{"action":"submit"}`, want: 401},
		{name: "anon me", method: "GET", url: "/api/v1/me", want: 401},
		{name: "anon versions", method: "GET", url: sA + "/versions", want: 401},
		{name: "anon logout", method: "POST", url: "/api/v1/logout", want: 401},
		{name: "anon openapi", method: "GET", url: "/api/v1/openapi.json", want: 200, contains: []string{`"openapi": "3.1.0"`}},
		{name: "bad session cookie", method: "GET", url: "/api/v1/systems", headers: []string{"Cookie", "capdo_session=forged"}, want: 401},

		// Own organisation subtree: the province sees its unit's systems.
		{name: "operator own system", as: "vanhanhA", method: "GET", url: sA, want: 200, contains: []string{`"level":3`, "D85.A9.K2.c"}},
		{name: "owner sees unit system", as: "chuquanA", method: "GET", url: sA, want: 200},
		{name: "infosec sees unit system", as: "atttA", method: "GET", url: sA, want: 200},
		{name: "admin sees unit system", as: "adminA", method: "GET", url: sA + "/versions", want: 200},
		{name: "infosec sees dossier", as: "atttA", method: "GET", url: dAu, want: 200},

		// Other organisation: 404 for reading and writing, never 403.
		{name: "other org system", as: "vanhanhB", method: "GET", url: sA, want: 404, notContains: []string{"Cổng"}},
		{name: "other org versions", as: "vanhanhB", method: "GET", url: sA + "/versions", want: 404},
		{name: "other org update", as: "vanhanhB", method: "PUT", url: sA, ctype: ctJSON, body: profileL3, want: 404},
		{name: "other org update invalid body", as: "vanhanhB", method: "PUT", url: sA, ctype: ctJSON, body: `{}`, want: 404},
		{name: "other org generate", as: "vanhanhB", method: "POST", url: sA + "/dossiers", want: 404},
		{name: "other org dossier", as: "vanhanhB", method: "GET", url: dAu, want: 404},
		{name: "other org document", as: "vanhanhB", method: "GET", url: dAu + "/documents/to-trinh.docx", want: 404},
		{name: "other org zip", as: "vanhanhB", method: "GET", url: dAu + "/documents/ho-so-de-xuat-cap-do.zip", want: 404},
		{name: "other org action", as: "vanhanhB", method: "POST", url: dAu + "/actions", ctype: ctJSON, body: `{"action":"submit"}`, want: 404},
		{name: "other admin", as: "adminB", method: "GET", url: sA, want: 404},
		{name: "unit cannot see parent's sibling", as: "vanhanhA", method: "GET", url: sB, want: 404},
		{name: "list is scoped", as: "vanhanhB", method: "GET", url: "/api/v1/systems", want: 200, notContains: []string{"HT-004"}},
		{name: "dossier list is scoped", as: "vanhanhB", method: "GET", url: "/api/v1/dossiers", want: 200, notContains: []string{"Sở TT&TT A"}},
		{name: "other org in org_id", as: "vanhanhB", method: "POST", url: "/api/v1/systems?org_id=" + itoa(f.orgs["UBND tỉnh A"].ID), ctype: ctJSON, body: profileL3, want: 404},

		// Authority: nothing of other organisations until the workflow routes a dossier.
		{name: "authority system", as: "thamdinh", method: "GET", url: sA4, want: 404},
		{name: "authority draft dossier", as: "thamdinh", method: "GET", url: dBu, want: 404},
		{name: "authority list", as: "thamdinh", method: "GET", url: "/api/v1/systems", want: 200, contains: []string{"[]"}},

		// Roles that review may not register systems or generate dossiers.
		{name: "infosec create", as: "atttA", method: "POST", url: "/api/v1/systems", ctype: ctJSON, body: profileL3, want: 403},
		{name: "infosec update", as: "atttA", method: "PUT", url: sA, ctype: ctJSON, body: profileL3, want: 403},
		{name: "infosec generate", as: "atttA", method: "POST", url: sA + "/dossiers", want: 403},
		{name: "authority create", as: "thamdinh", method: "POST", url: "/api/v1/systems", ctype: ctJSON, body: profileL3, want: 403},
		{name: "owner create", as: "chuquanA", method: "POST", url: "/api/v1/systems", ctype: ctJSON, body: profileL3, want: 201},
		{name: "admin create in sub-org", as: "adminA", method: "POST", url: "/api/v1/systems?org_id=" + itoa(f.orgs["Sở TT&TT A"].ID), ctype: ctJSON, body: profileL3, want: 201},

		{name: "me", as: "atttA", method: "GET", url: "/api/v1/me", want: 200, contains: []string{`"role":"infosec"`, `"org":"UBND tỉnh A"`}},
		{name: "non-numeric id", as: "vanhanhA", method: "GET", url: "/api/v1/systems/abc", want: 404},
		{name: "unknown api route", as: "vanhanhA", method: "GET", url: "/api/v1/nothing", want: 404, contains: []string{`"error"`}},
	})
}

func TestAPI_Classify_SameAsCLI(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, name := range []string{"dich-vu-cong-tinh.yaml", "he-thong-co-phan-he.yaml", "van-ban-mat.yaml"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile("../testdata/examples/" + name)
			if err != nil {
				t.Fatalf("example missing: %v", err)
			}
			p, err := levels.ParseProfile(data, name)
			if err != nil {
				t.Fatal(err)
			}
			rs, _ := levels.Open(levels.DefaultRuleSet)
			want, _ := rs.Classify(context.Background(), &p)
			resp, body := f.do("vanhanhA", "POST", "/api/v1/classify", "application/yaml", string(data))
			if resp.StatusCode != 200 {
				t.Fatalf("classify = %d %s", resp.StatusCode, body)
			}
			var got levels.Decision
			if err := json.Unmarshal([]byte(body), &got); err != nil {
				t.Fatal(err)
			}
			wb, _ := json.Marshal(want)
			gb, _ := json.Marshal(got)
			if !bytes.Equal(wb, gb) {
				t.Errorf("API decision differs from the CLI's:\n got %s\nwant %s", gb, wb)
			}
		})
	}
}

func TestAPI_InvalidInput(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	var out struct {
		Error    string
		Problems []levels.Problem
	}
	resp, body := f.do("vanhanhA", "POST", "/api/v1/systems", ctJSON, `{"name": "X", "system_type": "nội bộ", "info_types": [], "colour": 1}`)
	if resp.StatusCode != 400 {
		t.Fatalf("invalid profile = %d, want 400", resp.StatusCode)
	}
	json.Unmarshal([]byte(body), &out)
	fields := map[string]bool{}
	for _, p := range out.Problems {
		fields[p.Field] = true
	}
	if out.Error == "" || !fields["colour"] {
		t.Errorf("problems = %+v, want the unknown key named", out.Problems)
	}
	resp, body = f.do("vanhanhA", "POST", "/api/v1/classify", ctJSON, `{"name": "X", "owner": "Y", "system_type": "internal"}`)
	if resp.StatusCode != 400 || !strings.Contains(body, `"field":"info_types"`) {
		t.Errorf("missing info_types = %d %s", resp.StatusCode, body)
	}
	resp, body = f.do("vanhanhA", "POST", "/api/v1/classify", ctJSON, "name: [unclosed\n")
	if resp.StatusCode != 400 || !strings.Contains(body, `"line":1`) || !strings.Contains(body, `"field":"body"`) {
		t.Errorf("syntax error = %d %s, want 400 with the line, naming the body", resp.StatusCode, body)
	}
	f.run(t, []scenario{
		{name: "bad level filter", as: "vanhanhA", method: "GET", url: "/api/v1/systems?level=9", want: 400, contains: []string{`"field":"level"`}},
		{name: "bad org filter", as: "vanhanhA", method: "GET", url: "/api/v1/systems?org=x", want: 400, contains: []string{`"field":"org"`}},
		{name: "bad login body", method: "POST", url: "/api/v1/login", ctype: ctJSON, body: `[`, want: 400, contains: []string{`"field":"body"`}},
		{name: "garbled login body", method: "POST", url: "/api/v1/login", ctype: "application/x-www-form-urlencoded", body: "username=a&password=b", want: 400, contains: []string{`"field":"body"`}},
		{name: "bad action body", as: "vanhanhA", method: "POST", url: "/api/v1/dossiers/1/actions", ctype: ctJSON, body: `nope`, want: 400},
		{name: "bad status filter", as: "vanhanhA", method: "GET", url: "/api/v1/systems?status=bogus", want: 400, contains: []string{`"field":"status"`}},
		{name: "level out of range", as: "vanhanhA", method: "GET", url: "/api/v1/systems?level=-1", want: 400, contains: []string{`"field":"level"`}},
		{name: "bad dossier status filter", as: "vanhanhA", method: "GET", url: "/api/v1/dossiers?status=none", want: 400, contains: []string{`"field":"status"`}},
		{name: "bad dossier system filter", as: "vanhanhA", method: "GET", url: "/api/v1/dossiers?system=x", want: 400, contains: []string{`"field":"system"`}},
		{name: "dossier level out of range", as: "vanhanhA", method: "GET", url: "/api/v1/dossiers?level=9", want: 400, contains: []string{`"field":"level"`}},
		{name: "dossier level not a number", as: "vanhanhA", method: "GET", url: "/api/v1/dossiers?level=abc", want: 400, contains: []string{`"field":"level"`}},
		{name: "bad awaiting filter", as: "vanhanhA", method: "GET", url: "/api/v1/dossiers?awaiting=you", want: 400, contains: []string{`"field":"awaiting"`}},
		{name: "bad status filter page", as: "vanhanhA", method: "GET", url: "/systems?status=bogus", want: 400},
		{name: "bad dossier status filter page", as: "vanhanhA", method: "GET", url: "/dossiers?status=bogus", want: 400},
		{name: "good status filter", as: "vanhanhA", method: "GET", url: "/api/v1/systems?status=none", want: 200, contains: []string{"HT-003"}},
	})
}

func TestAPI_Systems(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	var list []map[string]any
	_, body := f.do("chuquanA", "GET", "/api/v1/systems", "", "")
	if err := json.Unmarshal([]byte(body), &list); err != nil || len(list) != 2 {
		t.Fatalf("GET /systems = %s, want an array of 2", clip(body))
	}
	f.run(t, []scenario{
		{name: "filter level", as: "chuquanA", method: "GET", url: "/api/v1/systems?level=4", want: 200, contains: []string{"HT-004"}, notContains: []string{"HT-003"}},
		{name: "filter org", as: "chuquanA", method: "GET", url: "/api/v1/systems?org=" + itoa(f.orgs["UBND tỉnh A"].ID), want: 200, contains: []string{"[]"}},
		{name: "search without diacritics", as: "chuquanA", method: "GET", url: "/api/v1/systems?q=ha+noi", want: 200, contains: []string{"Cổng dịch vụ công Hà Nội"}, notContains: []string{"văn bản mật"}},
		{name: "search by id", as: "chuquanA", method: "GET", url: "/api/v1/systems?q=ht-004", want: 200, contains: []string{"HT-004"}, notContains: []string{"HT-003"}},
		{name: "filter status", as: "chuquanA", method: "GET", url: "/api/v1/systems?status=draft", want: 200, contains: []string{"[]"}},
		{name: "system fields", as: "chuquanA", method: "GET", url: "/api/v1/systems/" + itoa(f.sysA4), want: 200,
			contains: []string{`"level":4`, `"reasons":[`, `"warnings":[`, `"status":"none"`, `"profile":{`, `"org":"Sở TT&TT A"`, `"created_at"`, `"updated_at"`}},
	})
	// An update is a new version; the level follows the new facts.
	resp, body := f.do("vanhanhA", "PUT", "/api/v1/systems/"+itoa(f.sysA3), "application/yaml",
		"name: Cổng dịch vụ công Hà Nội\nowner: UBND tỉnh A\nsystem_type: citizen_business\ninfo_types: [public]\n")
	if resp.StatusCode != 200 || !strings.Contains(body, `"version":2`) || !strings.Contains(body, `"level":2`) {
		t.Fatalf("PUT = %d %s", resp.StatusCode, clip(body))
	}
	_, body = f.do("vanhanhA", "GET", "/api/v1/systems/"+itoa(f.sysA3)+"/versions", "", "")
	var vs []struct{ Version, Level int }
	json.Unmarshal([]byte(body), &vs)
	if len(vs) != 2 || vs[0].Level != 3 || vs[1].Level != 2 {
		t.Errorf("versions = %+v", vs)
	}
}

func TestAPI_Dossiers(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.createDossier("vanhanhA", f.sysA3)
	l0 := f.createSystem("vanhanhA", profileL0)
	base := "/api/v1/dossiers/" + itoa(id)
	f.run(t, []scenario{
		{name: "level 0 cannot have a dossier", as: "vanhanhA", method: "POST", url: "/api/v1/systems/" + itoa(l0) + "/dossiers", want: 409, contains: []string{"cấp độ chưa xác định"}},
		{name: "dossier", as: "vanhanhA", method: "GET", url: base, want: 200, contains: []string{`"status":"draft"`, `"level":3`,
			`"rule_set":"d85-2016"`, `"rule_set_digest":"`, `"templates_digest":"`, `"sha256":"`, `"history":[{"seq":1,"action":"generate"`,
			`"history_valid":true`, `"due_at":null`, "to-trinh.docx", "du-thao-quyet-dinh.docx"}},
		{name: "unknown document", as: "vanhanhA", method: "GET", url: base + "/documents/passwd", want: 404},
		{name: "path traversal", as: "vanhanhA", method: "GET", url: base + "/documents/..%2F..%2Fcapdo.db", want: 404},
		{name: "manifest", as: "vanhanhA", method: "GET", url: base + "/documents/manifest.json", want: 200, contains: []string{`"rule_set": "d85-2016"`, `"files"`}},
		{name: "system status follows", as: "vanhanhA", method: "GET", url: "/api/v1/systems/" + itoa(f.sysA3), want: 200, contains: []string{`"status":"draft"`}},
		{name: "list", as: "vanhanhA", method: "GET", url: "/api/v1/dossiers?status=draft", want: 200, contains: []string{`"id":` + itoa(id)}},
	})

	// Every generated file downloads as generated, with its name and type: the five
	// documents of docs/contract.md §3, what level 3 adds (the draft appraisal result, the request
	// for approval) and the checklist.
	var meta struct {
		Files     []struct{ Name, SHA256, URL string }
		Documents []struct {
			Name        string
			ContentType string `json:"content_type"`
		}
	}
	_, body := f.do("vanhanhA", "GET", base, "", "")
	json.Unmarshal([]byte(body), &meta)
	var names []string
	for _, file := range meta.Files {
		names = append(names, file.Name)
	}
	want := []string{"to-trinh.docx", "thuyet-minh-de-xuat-cap-do.docx", "phuong-an-bao-dam-attt.docx", "phuong-an-ung-pho-su-co.docx",
		"du-thao-quyet-dinh.docx", "du-thao-ket-qua-tham-dinh.docx", "to-trinh-phe-duyet.docx", "checklist.xlsx"}
	if !slices.Equal(names, want) {
		t.Fatalf("files = %v, want %v", names, want)
	}
	for i, file := range meta.Files {
		resp, data := f.do("vanhanhA", "GET", file.URL, "", "")
		ct, part := "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "word/document.xml"
		if strings.HasSuffix(file.Name, ".xlsx") {
			ct, part = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xl/workbook.xml"
		}
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != ct || meta.Documents[i].ContentType != ct {
			t.Errorf("%s: %d %s (listed %s)", file.Name, resp.StatusCode, resp.Header.Get("Content-Type"), meta.Documents[i].ContentType)
		}
		if cd := resp.Header.Get("Content-Disposition"); cd != `attachment; filename=`+file.Name {
			t.Errorf("%s: Content-Disposition %q", file.Name, cd)
		}
		zr, err := zip.NewReader(strings.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatalf("%s is not a zip: %v", file.Name, err)
		}
		if !hasFile(zr, part) {
			t.Errorf("%s has no %s", file.Name, part)
		}
	}
	resp, data := f.do("vanhanhA", "GET", base+"/documents/ho-so-de-xuat-cap-do.zip", "", "")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/zip" {
		t.Fatalf("zip: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	zr, err := zip.NewReader(strings.NewReader(data), int64(len(data)))
	if err != nil || len(zr.File) != len(want)+1 || !hasFile(zr, "manifest.json") || !hasFile(zr, "to-trinh.docx") || !hasFile(zr, "checklist.xlsx") {
		t.Errorf("zip entries wrong: %v", err)
	}

	// A second version is a new dossier; the first never changes.
	id2 := f.createDossier("vanhanhA", f.sysA3)
	if id2 == id {
		t.Fatal("a new dossier version reused the id")
	}
	_, again := f.do("vanhanhA", "GET", base+"/documents/to-trinh.docx", "", "")
	_, first := f.do("vanhanhA", "GET", meta.Files[0].URL, "", "")
	if again != first {
		t.Error("a stored document changed")
	}
}

func hasFile(zr *zip.Reader, name string) bool {
	for _, f := range zr.File {
		if f.Name == name {
			return true
		}
	}
	return false
}
