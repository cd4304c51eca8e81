package levels_test

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"capdo/levels"
)

// newFacts are the facts of docs/contract.md §5 that exist only as rows of levels.Fields: a good
// value as YAML writes it, the rule of testdata/new-facts.yaml that reads it, and a wrong
// value with the problem it makes.
var newFacts = []struct {
	key, value, rule, bad, problem string
	// ignoredBy are the built-in sets that warn the fact is ignored: d331-2026 reads the
	// criteria facts; the procedural ones decide who appraises or whether a set applies
	// (transitional: Decree 85 after 30/06/2026), not the level, so no set warns about them.
	ignoredBy []string
}{
	{"strategic", "true", "TF.strategic", "có", "phải là true hoặc false, không phải «có»", []string{"d85-2016"}},
	{"pm_decided_level", "4", "TF.pm_decided_level", "6", "phải từ 0 đến 5 (0 = không có quyết định), không phải 6", []string{"d85-2016"}},
	{"risk_level", "3", "TF.risk_level", "-1", "phải từ 0 đến 5 (0 = chưa đánh giá), không phải -1", []string{"d85-2016"}},
	{"owner_sector", "bcy", "TF.owner_sector", "army", "giá trị «army» không hợp lệ; giá trị hợp lệ: civil, bca, bqp, bcy", nil},
	{"critical_system", "true", "TF.critical_system", "1", "phải là true hoặc false, không phải «1»", nil},
	{"infosec_operates", "true", "TF.infosec_operates", "[true]", "phải là true hoặc false", nil},
	{"transitional", "true", "TF.transitional", "yes please", "phải là true hoặc false, không phải «yes please»", nil},
}

const baseProfile = "name: Hệ thống A\nowner: UBND tỉnh A\nsystem_type: internal\ninfo_types: [public]\n"

// Each new fact is read from YAML (and JSON), checked with the line of its key, handed to
// a CEL rule, and reported as ignored by the built-in sets, which do not read it yet.
func TestNewFactsYAMLAndCEL(t *testing.T) {
	t.Parallel()
	tf := mustLoad(t, "testdata/new-facts.yaml")
	d85, _ := levels.Open("d85-2016")
	d331, _ := levels.Open("d331-2026")
	ctx := context.Background()
	for _, c := range newFacts {
		t.Run(c.key, func(t *testing.T) {
			f, ok := levels.Standard().Field(c.key)
			if !ok {
				t.Fatalf("%s is not a row of levels.Fields", c.key)
			}
			p, err := levels.ParseProfile([]byte(baseProfile+c.key+": "+c.value+"\n"), "hoso.yaml")
			if err != nil {
				t.Fatal(err)
			}
			if !p.Bool(c.key) && p.Int(c.key) == 0 && p.Text(c.key) == "" {
				t.Fatalf("%s not kept: %+v", c.key, p)
			}
			dec, err := tf.Classify(ctx, &p)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(dec.Decisive, c.rule) && !slices.ContainsFunc(dec.Reasons, func(r levels.Reason) bool { return r.Rule == c.rule }) {
				t.Errorf("the rule reading %s did not match: %+v", c.key, dec.Reasons)
			}
			for _, rs := range []*levels.RuleSet{d85, d331} {
				dec, err := rs.Classify(ctx, &p)
				if err != nil {
					t.Fatal(err)
				}
				want := "Trường «" + f.Label + "» đã được khai báo nhưng không tiêu chí nào của bộ quy tắc " + rs.ID + " dùng trường này"
				if got := strings.Contains(strings.Join(dec.Warnings, "|"), want); got != slices.Contains(c.ignoredBy, rs.ID) {
					t.Errorf("%s: warned ignored %v, want %v (warnings %q)", rs.ID, got, !got, dec.Warnings)
				}
			}

			// JSON is YAML; a wrong value is reported with the key's line.
			js, _ := json.Marshal(p)
			if q, err := levels.ParseProfile(js, "hoso.json"); err != nil || !reflect.DeepEqual(q, p) {
				t.Errorf("JSON %s read back as %+v, %v", js, q, err)
			}
			_, err = levels.ParseProfile([]byte(baseProfile+"operator: Sở A\n"+c.key+": "+c.bad+"\n"), "hoso.yaml")
			if want := "hoso.yaml:6: " + c.key + ": " + c.problem; err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("wrong value: %v, want %q", err, want)
			}
		})
	}
	// Declared but left at their zero, they are absent: nothing to warn about.
	p, err := levels.ParseProfile([]byte(baseProfile+"strategic: false\nrisk_level: 0\nowner_sector:\n"), "hoso.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dec, _ := d85.Classify(ctx, &p)
	if w := strings.Join(dec.Warnings, "|"); strings.Contains(w, "đã được khai báo") {
		t.Errorf("zero values warned about: %s", w)
	}
}

// A profile survives JSON (the store keeps it so): the facts without a field of their
// own are written after the others, in table order, and read back.
func TestProfileJSONRoundTrip(t *testing.T) {
	t.Parallel()
	p, err := levels.ParseProfile([]byte(baseProfile+"description: \"<b>&\"\ntransitional: true\nowner_sector: bqp\nrisk_level: 2\n"+
		"components:\n  - {name: C, system_type: internal, info_types: [public], strategic: true}\n"), "hoso.yaml")
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	want := `"components":[{"name":"C","owner":"UBND tỉnh A","system_type":"internal","info_types":["public"],"strategic":true}],"risk_level":2,"owner_sector":"bqp","transitional":true}`
	if !strings.HasSuffix(string(b), want) || !strings.Contains(string(b), `"description":"\u003cb\u003e\u0026"`) {
		t.Errorf("json = %s\nwant the suffix %s", b, want)
	}
	var q levels.Profile
	if err := json.Unmarshal(b, &q); err != nil || !reflect.DeepEqual(q, p) {
		t.Errorf("read back %+v, %v; want %+v", q, err, p)
	}
	var plain levels.Profile
	if err := json.Unmarshal([]byte(`{"name":"A","owner":"B","system_type":"internal","info_types":["public"],"unknown":1}`), &plain); err != nil || plain.Name != "A" {
		t.Errorf("an unknown key breaks reading: %v", err)
	}
}

// The setters take the kind of the fact and make a zero value absent; the accessors read
// facts kept in fields and in the map alike.
func TestProfileAccessors(t *testing.T) {
	t.Parallel()
	var p levels.Profile
	for _, err := range []error{
		p.SetText("system_type", "internal"), p.SetList("info_types", []string{"public"}), p.SetBool("always_on", true),
		p.SetInt("personal_data_users", 7), p.SetText("owner_sector", "bca"), p.SetBool("strategic", true), p.SetInt("risk_level", 2),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	if p.SystemType != "internal" || !p.AlwaysOn || p.PersonalDataUsers != 7 || p.Text("owner_sector") != "bca" || !p.Bool("strategic") ||
		p.Int("risk_level") != 2 || p.List("info_types")[0] != "public" || p.Text("system_type") != "internal" {
		t.Errorf("accessors read %+v", p)
	}
	q := p
	if err := q.SetInt("risk_level", 0); err != nil || q.Int("risk_level") != 0 || p.Int("risk_level") != 2 {
		t.Errorf("a copy's change reached the original, or zero was kept: %d, %d", q.Int("risk_level"), p.Int("risk_level"))
	}
	for key, err := range map[string]error{
		"strategic": p.SetText("strategic", "true"), "always_on": p.SetInt("always_on", 1), "risk_level": p.SetBool("risk_level", true),
		"info_types": p.SetText("info_types", "public"), "components": p.SetText("components", "x"),
	} {
		if err == nil {
			t.Errorf("a value of the wrong kind was stored in %s", key)
		}
	}
}

// Every field of Profile that holds a fact has its row in the table (NewSchema checks the
// type): a fact cannot be added beside the table.
func TestFieldsCoverProfile(t *testing.T) {
	t.Parallel()
	typ := reflect.TypeFor[levels.Profile]()
	for i := range typ.NumField() {
		name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
		if name == "" || name == "components" {
			continue
		}
		if _, ok := levels.Standard().Field(name); !ok {
			t.Errorf("Profile.%s (%s) has no row in levels.Fields", typ.Field(i).Name, name)
		}
	}
}

// A table that contradicts itself is refused, naming the row.
func TestNewSchemaRejectsBadRows(t *testing.T) {
	t.Parallel()
	ok := levels.Field{Key: "extra", Label: "Trường thêm", Help: "Thử.", Kind: levels.KindBool, Section: levels.Sections[0]}
	for _, c := range []struct {
		name string
		edit func(f *levels.Field)
		want string
	}{
		{"repeated key", func(f *levels.Field) { f.Key = "name" }, "listed twice"},
		{"repeated label", func(f *levels.Field) { f.Label = "tên  HỆ thống" }, "also the label of name"},
		{"key not snake case", func(f *levels.Field) { f.Key = "Extra-Fact" }, "snake_case"},
		{"unknown section", func(f *levels.Field) { f.Section = "Khác" }, "not one of Sections"},
		{"enum without options", func(f *levels.Field) { f.Kind = levels.KindEnum }, "options"},
		{"required bool", func(f *levels.Field) { f.Required = true }, "cannot be required"},
		{"bounds on a bool", func(f *levels.Field) { f.Max = 3 }, "bounds are for ints"},
		{"a value labelled twice", func(f *levels.Field) {
			f.Kind, f.Options = levels.KindEnum, []levels.Option{{Value: "bca", Label: "Công an"}}
		}, "labelled"},
		{"wrong Go type for a field", func(f *levels.Field) {}, "Profile keeps it"},
		{"read through nothing", func(f *levels.Field) { f.ReadThrough = "nothing" }, "read through"},
	} {
		t.Run(c.name, func(t *testing.T) {
			fields := slices.Clone(levels.Fields)
			f := ok
			c.edit(&f)
			if c.name == "wrong Go type for a field" {
				i := slices.IndexFunc(fields, func(x levels.Field) bool { return x.Key == "always_on" })
				fields[i].Kind = levels.KindInt
			} else {
				fields = append(fields, f)
			}
			if _, err := levels.NewSchema(fields); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("NewSchema() = %v, want %q", err, c.want)
			}
		})
	}
}

// The hint the form shows under a fact comes from what the built-in rule sets read.
func TestReadHint(t *testing.T) {
	t.Parallel()
	for key, want := range map[string]string{
		"basic_pd_subjects":           "Chỉ Nghị định 331/2026 dùng trường này; Nghị định 85/2016 bỏ qua.",
		"online_public_service_level": "Chỉ Nghị định 85/2016 dùng trường này; Nghị định 331/2026 bỏ qua.",
		"system_type":                 "",
		"secret_grade":                "", // read through security_harm
		"managed_by":                  "", // procedural
		"name":                        "",
		"risk_level":                  "Chỉ Nghị định 331/2026 dùng trường này; Nghị định 85/2016 bỏ qua.",
		"owner_sector":                "", // procedural
		"transitional":                "", // procedural: it decides whether Decree 85 applies
	} {
		f, _ := levels.Standard().Field(key)
		if got := levels.ReadHint(f); !strings.HasPrefix(got, want) || (want == "") != (got == "") {
			t.Errorf("ReadHint(%s) = %q, want %q", key, got, want)
		}
	}
}
