package server

import (
	"bytes"
	"context"
	"encoding/json"
	stdhtml "html"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"capdo/inventory"
	"capdo/levels"
)

// A row added to a copy of the table reaches every surface with no other code: the
// YAML/JSON decoder and its checks, an inventory column (by key and by label), the web
// form and the description its script reads, and a CEL rule.
func TestScratchFactReachesEverySurface(t *testing.T) {
	t.Parallel()
	extra := levels.Field{Key: "hosting", Label: "Nơi đặt hệ thống", Kind: levels.KindEnum, Section: levels.Sections[len(levels.Sections)-1],
		Help:    "Trường thêm để kiểm thử.",
		Options: []levels.Option{{Value: "onsite", Label: "Tại cơ quan"}, {Value: "cloud", Label: "Điện toán đám mây"}}}
	sch, err := levels.NewSchema(append(slices.Clone(levels.Fields), extra))
	if err != nil {
		t.Fatal(err)
	}
	const base = "name: A\nowner: B\nsystem_type: internal\ninfo_types: [public]\n"

	// Decoder: the key is known, its value checked with the line; the standard table
	// still refuses it.
	p, err := sch.ParseProfile([]byte(base+"hosting: cloud\n"), "hoso.yaml")
	if err != nil || p.Text("hosting") != "cloud" {
		t.Fatalf("ParseProfile() = %+v, %v", p, err)
	}
	if _, err := sch.ParseProfile([]byte(base+"hosting: moon\n"), "hoso.yaml"); err == nil ||
		!strings.Contains(err.Error(), "hoso.yaml:5: hosting: giá trị «moon» không hợp lệ; giá trị hợp lệ: onsite, cloud") {
		t.Errorf("a wrong value: %v", err)
	}
	if _, err := levels.ParseProfile([]byte(base+"hosting: cloud\n"), "hoso.yaml"); err == nil || !strings.Contains(err.Error(), "hosting: khóa không được hỗ trợ") {
		t.Errorf("the standard table accepts a fact it lacks: %v", err)
	}

	// CEL: a rule reads it; the standard table does not declare it.
	rules, err := os.ReadFile("../levels/testdata/new-facts.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rules = bytes.Replace(rules, []byte("\nprocedures:"),
		[]byte("\n  - {id: TF.hosting, level: 3, citation: Điều 11, message: Trên đám mây., when: \"hosting == 'cloud'\"}\nprocedures:"), 1)
	rs, err := sch.Load(rules, "kiem-thu.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := levels.Load(rules, "kiem-thu.yaml"); err == nil || !strings.Contains(err.Error(), "hosting") {
		t.Errorf("levels.Load() = %v, want hosting undeclared", err)
	}
	dec, err := rs.Classify(context.Background(), &p)
	if err != nil || !slices.Equal(dec.Decisive, []string{"TF.hosting"}) {
		t.Errorf("Classify() = %v %v, want TF.hosting", dec.Decisive, err)
	}

	// Inventory: a column named by the key and one named by the label.
	for _, header := range []string{"hosting", "Nơi đặt hệ thống"} {
		path := filepath.Join(t.TempDir(), "dm.csv")
		os.WriteFile(path, []byte("name,owner,system_type,info_types,"+header+"\nA,B,internal,public,cloud\nC,D,internal,public,moon\n"), 0o600)
		rep, err := inventory.Rerate(context.Background(), rs, path)
		if err != nil {
			t.Fatal(err)
		}
		if r := rep.Results[0]; r.Level == nil || *r.Level != 3 || !slices.Equal(r.Rules, []string{"TF.hosting"}) {
			t.Errorf("%s: row 2 = %+v", header, r)
		}
		if errs := strings.Join(rep.Results[1].Errors, "|"); !strings.Contains(errs, "cột E (") || !strings.Contains(errs, "giá trị «moon» không hợp lệ") {
			t.Errorf("%s: row 3 errors %q", header, errs)
		}
	}

	// Form: an input in its section, the description for the script, the posted value
	// in the document, and back from a stored profile.
	pf := profileForm{sch}
	built := pf.build(formValues{"hosting": {"cloud"}}, nil)
	views, err := loadViews()
	if err != nil {
		t.Fatal(err)
	}
	var html bytes.Buffer
	if err := views.render(&html, "system_form", page{Data: systemForm{Form: built, Facts: pf.factsJSON()}}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<legend>` + extra.Section + `</legend>`,
		`<label for="in-hosting" class="label">Nơi đặt hệ thống</label>`,
		`<option value="cloud" selected>Điện toán đám mây</option>`,
		`Trường thêm để kiểm thử. Chưa bộ quy tắc có sẵn nào dùng trường này`,
		`{&#34;key&#34;:&#34;hosting&#34;,&#34;kind&#34;:&#34;select&#34;,&#34;label&#34;:&#34;Nơi đặt hệ thống&#34;}`,
	} {
		if !strings.Contains(html.String(), want) {
			t.Errorf("the form lacks %s", want)
		}
	}
	var described []factHint
	attr := html.String()[strings.Index(html.String(), `data-facts="`)+len(`data-facts="`):]
	if err := json.Unmarshal([]byte(stdhtml.UnescapeString(attr[:strings.Index(attr, `"`)])), &described); err != nil || described[len(described)-1].Key != "hosting" {
		t.Errorf("the description for app.js: %v %v", described, err)
	}
	doc, _, _ := pf.document(formValues{"name": {"A"}, "owner": {"B"}, "system_type": {"internal"}, "info_types": {"public"}, "hosting": {"cloud"}})
	q, err := sch.ParseProfile(doc, "")
	if err != nil || q.Text("hosting") != "cloud" {
		t.Errorf("form document %s read as %+v, %v", doc, q, err)
	}
	if v := pf.values(q); v.get("hosting") != "cloud" {
		t.Errorf("values() = %v", v)
	}
}
