package levels_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"capdo/levels"
)

// The facts of Decree 331/2026 are parsed and validated like the others, in YAML and JSON,
// in the system and in its components.
func TestParseDecree331Facts(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, src string
		want      []string // problems; none means valid
	}{
		{"YAML, all three", "name: a\nowner: b\nsystem_type: citizen_business\ninfo_types: [personal]\nhandles_admin_procedures: true\nbasic_pd_subjects: 100000\nsensitive_pd_subjects: 0\n", nil},
		{"JSON, integers written as floats", `{"name":"a","owner":"b","system_type":"internal","info_types":["personal"],"basic_pd_subjects":5.0,"sensitive_pd_subjects":12,"handles_admin_procedures":false}`, nil},
		{"negative basic count", "name: a\nowner: b\nsystem_type: internal\ninfo_types: [personal]\nbasic_pd_subjects: -1\n",
			[]string{"hoso.yaml:5: basic_pd_subjects: không được âm (-1)"}},
		{"negative sensitive count", "name: a\nowner: b\nsystem_type: internal\ninfo_types: [personal]\nsensitive_pd_subjects: -10000\n",
			[]string{"hoso.yaml:5: sensitive_pd_subjects: không được âm (-10000)"}},
		{"string for a count", "name: a\nowner: b\nsystem_type: internal\ninfo_types: [personal]\nbasic_pd_subjects: nhiều\n",
			[]string{"hoso.yaml:5: basic_pd_subjects: phải là một số nguyên, không phải «nhiều»"}},
		{"fraction for a count", "name: a\nowner: b\nsystem_type: internal\ninfo_types: [personal]\nsensitive_pd_subjects: 1.5\n",
			[]string{"hoso.yaml:5: sensitive_pd_subjects: phải là một số nguyên viết bằng chữ số"}},
		{"thousands separator", "name: a\nowner: b\nsystem_type: internal\ninfo_types: [personal]\nbasic_pd_subjects: 100.000\n",
			[]string{"hoso.yaml:5: basic_pd_subjects: «100.000» có dấu phân cách hàng nghìn"}},
		{"bool for a count", `{"name":"a","owner":"b","system_type":"internal","info_types":["personal"],"sensitive_pd_subjects":true}`,
			[]string{"sensitive_pd_subjects: phải là một số nguyên, không phải «true»"}},
		{"string for the bool", "name: a\nowner: b\nsystem_type: internal\ninfo_types: [public]\nhandles_admin_procedures: có\n",
			[]string{"hoso.yaml:5: handles_admin_procedures: phải là true hoặc false, không phải «có»"}},
		{"number for the bool", `{"name":"a","owner":"b","system_type":"internal","info_types":["public"],"handles_admin_procedures":1}`,
			[]string{"handles_admin_procedures: phải là true hoặc false, không phải «1»"}},
		{"list for the bool", "name: a\nowner: b\nsystem_type: internal\ninfo_types: [public]\nhandles_admin_procedures: [true]\n",
			[]string{"hoso.yaml:5: handles_admin_procedures: phải là true hoặc false"}},
		{"misspelt key gets a suggestion", "name: a\nowner: b\nsystem_type: internal\ninfo_types: [public]\nbasic_pd_subject: 3\n",
			[]string{"hoso.yaml:5: basic_pd_subject: khóa không được hỗ trợ (có phải «basic_pd_subjects»?)"}},
		{"in a component", "name: a\nowner: b\nsystem_type: internal\ninfo_types: [public]\ncomponents:\n  - {name: c, system_type: internal, info_types: [personal], sensitive_pd_subjects: -3}\n",
			[]string{"components[0].sensitive_pd_subjects: không được âm (-3)"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := levels.ParseProfile([]byte(c.src), "hoso.yaml")
			if len(c.want) == 0 {
				if err != nil {
					t.Fatalf("ParseProfile() = %v, want valid", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("ParseProfile() accepted the profile, want %q", c.want)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("problems %q lack %q", err.Error(), w)
				}
			}
		})
	}
}

func TestValidateDecree331Counts(t *testing.T) {
	t.Parallel()
	p := levels.Profile{Name: "a", Owner: "b", SystemType: "internal", InfoTypes: []string{"personal"}, BasicPDSubjects: -2, SensitivePDSubjects: -1}
	ps := levels.Validate(&p)
	if len(ps) != 2 || ps[0].Field != "basic_pd_subjects" || ps[1].Field != "sensitive_pd_subjects" {
		t.Errorf("Validate() = %+v, want one problem for each negative count", ps)
	}
}

// d85-2016 ignores the Decree 331 facts (and says so); d331-2026 reads them.
func TestDecree331FactsBySet(t *testing.T) {
	t.Parallel()
	d85, err := levels.Open("d85-2016")
	if err != nil {
		t.Fatal(err)
	}
	d331, err := levels.Open("d331-2026")
	if err != nil {
		t.Fatal(err)
	}
	p, err := levels.ParseProfile([]byte("name: Một cửa\nowner: UBND huyện\nsystem_type: citizen_business\ninfo_types: [personal]\n"+
		"personal_data_users: 500\nhandles_admin_procedures: true\nbasic_pd_subjects: 150000\nsensitive_pd_subjects: 20\n"), "hoso.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"handles_admin_procedures", "basic_pd_subjects", "sensitive_pd_subjects"} {
		if d85.Reads(k) || !d331.Reads(k) {
			t.Errorf("Reads(%s): d85 %v, d331 %v; want only d331", k, d85.Reads(k), d331.Reads(k))
		}
	}
	dec, err := d85.Classify(context.Background(), &p)
	if err != nil {
		t.Fatal(err)
	}
	if dec.Level != 2 || strings.Join(dec.Decisive, ",") != "D85.A8.K2.a,D85.A8.K2.b,D85.A8.K2.c" {
		t.Errorf("d85: level %d %v, want 2 from the D85 criteria only", dec.Level, dec.Decisive)
	}
	if w := strings.Join(dec.Warnings, "|"); strings.Count(w, "không tiêu chí nào của bộ quy tắc d85-2016 dùng trường này") != 3 {
		t.Errorf("d85 warnings %q, want one per ignored Decree 331 fact", dec.Warnings)
	}
	dec, err = d331.Classify(context.Background(), &p)
	if err != nil {
		t.Fatal(err)
	}
	if dec.Level != 3 || strings.Join(dec.Decisive, ",") != "D331.A13.K2.b,D331.A13.K2.c" || dec.RuleSetStatus != levels.StatusInForce {
		t.Errorf("d331: level %d %v (%s), want 3 from D331.A13.K2.b and c", dec.Level, dec.Decisive, dec.RuleSetStatus)
	}
	if w := strings.Join(dec.Warnings, "|"); !strings.Contains(w, "Trường «Số người sử dụng có thông tin riêng, cá nhân» đã được khai báo nhưng không tiêu chí nào của bộ quy tắc d331-2026") {
		t.Errorf("d331 warnings %q, want personal_data_users named as unused", dec.Warnings)
	}
}

// The warning about undeclared counts follows what the rule set reads, not its id: the
// D85 warning is unchanged, and D331's names the criteria whose threshold went unchecked.
func TestMissingCountWarnings(t *testing.T) {
	t.Parallel()
	d85, _ := levels.Open("d85-2016")
	d331, _ := levels.Open("d331-2026")
	for _, c := range []struct {
		name    string
		rs      *levels.RuleSet
		profile string
		want    string // "" = no count warning
	}{
		{"d85 citizen service without users", d85, "system_type: citizen_business\ninfo_types: [personal]\n", "Chưa khai báo «Số người sử dụng có thông tin riêng, cá nhân»: ngưỡng 10.000 người"},
		{"d85 internal system has no user threshold", d85, "system_type: internal\ninfo_types: [personal]\n", ""},
		{"d85 ignores the D331 counts", d85, "system_type: citizen_business\ninfo_types: [personal]\nbasic_pd_subjects: 5\n", "Chưa khai báo «Số người sử dụng"},
		{"d331 citizen service", d331, "system_type: citizen_business\ninfo_types: [private]\n", "ngưỡng của D331.A12.K2.b (Điểm b khoản 2 Điều 12 Nghị định 331/2026/NĐ-CP), D331.A13.K2.c"},
		// The thresholds are criteria of online services only: an internal system has none.
		{"d331 internal system", d331, "system_type: internal\ninfo_types: [personal]\npersonal_data_users: 9000\n", ""},
		{"d331 one count declared", d331, "system_type: internal\ninfo_types: [personal]\nsensitive_pd_subjects: 1\n", ""},
		{"d331 public information only", d331, "system_type: citizen_business\ninfo_types: [public]\n", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, err := levels.ParseProfile([]byte("name: a\nowner: b\n"+c.profile), "hoso.yaml")
			if err != nil {
				t.Fatal(err)
			}
			d, err := c.rs.Classify(context.Background(), &p)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range d.Warnings {
				if strings.HasPrefix(w, "Chưa khai báo «Số") {
					got = append(got, w)
				}
			}
			switch {
			case c.want == "" && len(got) > 0:
				t.Errorf("warnings %q, want no count warning", got)
			case c.want != "" && (len(got) != 1 || !strings.Contains(got[0], c.want)):
				t.Errorf("warnings %q, want one containing %q", got, c.want)
			}
		})
	}
}

// The Decree 331 set is in force from the day it was signed and says where it comes from.
func TestDecree331SetMetadata(t *testing.T) {
	t.Parallel()
	rs, err := levels.Open("d331-2026")
	if err != nil {
		t.Fatal(err)
	}
	if rs.Status != levels.StatusInForce || rs.EffectiveFrom != "2026-08-19" || rs.EffectiveTo != "" || rs.RulePrefix != "D331." || rs.DossierTemplates != "d331" {
		t.Errorf("status %s, from %s to %q, prefix %s, templates %q", rs.Status, rs.EffectiveFrom, rs.EffectiveTo, rs.RulePrefix, rs.DossierTemplates)
	}
	if !rs.InForceOn(time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)) || rs.InForceOn(time.Date(2026, 8, 18, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("InForceOn: want in force on 03/12/2026, not on 18/08/2026")
	}
	for _, want := range []string{"vanban.chinhphu.vn", "datafiles.chinhphu.vn", "congbao.chinhphu.vn"} {
		if !strings.Contains(rs.Source, want) {
			t.Errorf("source lacks %q", want)
		}
	}
	notes := strings.Join(rs.Notes, " ")
	for _, want := range []string{"Điều 38", "khoản 1 Điều 39", "Khoản 4 Điều 16", "khoản 8 Điều 10", "Ban Cơ yếu Chính phủ", "ngày làm việc", "[cần đối chiếu]", "[suy luận]"} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes lack %q", want)
		}
	}
	// The contract's ids, each citing its point, clause and article exactly.
	cite := regexp.MustCompile(`^(Điểm [a-zđ] khoản \d|Khoản \d) Điều 1[1-5] Nghị định 331/2026/NĐ-CP$`)
	var ids []string
	for _, r := range rs.Rules {
		ids = append(ids, r.ID)
		if !cite.MatchString(r.Citation) {
			t.Errorf("%s: citation %q", r.ID, r.Citation)
		}
		want := levels.BasisLawText
		if r.ID == "D331.A12.K2.b" { // "hoặc" read as the fallback of 13.2.c
			want = levels.BasisInferred
		}
		if r.Basis != want {
			t.Errorf("%s: basis %s, want %s", r.ID, r.Basis, want)
		}
	}
	contract := "D331.A11.K1 D331.A11.K2 D331.A12.K1 D331.A12.K2.a D331.A12.K2.b D331.A12.K3 D331.A12.K4 D331.A13.K1 D331.A13.K2.a " +
		"D331.A13.K2.b D331.A13.K2.c D331.A13.K3 D331.A13.K4 D331.A13.K5 D331.A14.K1 D331.A14.K2 D331.A14.K3 D331.A14.K4 " +
		"D331.A15.K1 D331.A15.K2 D331.A15.K3 D331.A15.K4 D331.A15.K5"
	if got := strings.Join(ids, " "); got != contract {
		t.Errorf("rule ids\n%s\nwant the contract's\n%s", got, contract)
	}
	pr := rs.Principles
	if pr.HighestComponent.ID != "D331.A8.K2" || pr.NoSplitting == nil || pr.NoSplitting.ID != "D331.A8.K3" ||
		pr.RaiseByRisk == nil || pr.RaiseByRisk.ID != "D331.A10.K5" || pr.RaiseByRisk.Fact != "risk_level" {
		t.Errorf("principles %+v", pr)
	}
	for _, c := range rs.Checks {
		if !strings.Contains(c.Citation, "Nghị định 331/2026/NĐ-CP") {
			t.Errorf("check %s: citation %q", c.Name, c.Citation)
		}
	}
	if in, ok := rs.InspectionFor(5); !ok || in.Months != 6 || !strings.Contains(in.Citation, "suy luận") {
		t.Errorf("level 5 inspection %+v, want D85's cycle marked inferred", in)
	}
	d85, _ := levels.Open("d85-2016")
	if d85.DossierTemplates != "d85" {
		t.Errorf("d85-2016 dossier_templates %q, want d85", d85.DossierTemplates)
	}
}
