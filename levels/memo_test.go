package levels_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"capdo/inventory"
	"capdo/levels"
)

// agencyRules is a rule file of an agency's own, with the conditions given.
func agencyRules(id string, conds ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `id: %s
title: Bộ quy tắc của cơ quan (kiểm thử)
effective_from: "2026-08-19"
status: provisional
source: Tự xây dựng để kiểm thử
legal_basis: [Không có (chỉ để kiểm thử)]
rule_prefix: AG.
principles:
  highest_component: {id: AG.A1.K2, citation: Khoản 2 Điều 1, message: Lấy cấp độ cao nhất của thành phần.}
  no_match: {id: AG.A1.K3, citation: Khoản 3 Điều 1, message: Không tiêu chí nào khớp.}
rules:
`, id)
	for i, c := range conds {
		fmt.Fprintf(&b, "  - {id: AG.R%d, level: %d, citation: Điều %d, message: Tiêu chí %d., when: %q}\n", i+1, 1+i%5, i+2, i+1, c)
	}
	b.WriteString(`procedures:
  - {levels: [1, 2, 3, 4, 5], citation: Điều 9, appraiser: Đơn vị thử, appraiser_role: infosec, approver: Chủ quản thử, approver_role: owner}
inspection:
  - {levels: [1, 2, 3, 4, 5], cycle: Hằng năm, months: 12, citation: Điều 10}
`)
	return b.String()
}

func loadRules(t testing.TB, name, data string) *levels.RuleSet {
	t.Helper()
	rs, err := levels.Load([]byte(data), name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return rs
}

// thresholds reads numbers by comparisons with constants only, written every way round.
var thresholds = []string{
	"personal_data_users < 5000 && system_type == 'internal'",
	"20000 <= personal_data_users || basic_pd_subjects > 250000",
	"risk_level in [3, 4] && !transitional",
	"pm_decided_level == 5 || sensitive_pd_subjects != 0",
	"online_public_service_level >= -1 && online_public_service_level <= 3 && info_types[0] == 'public'",
	"size(info_types) > 2 && security_harm != 'none'",
	"system_type == 'infrastructure' && infra_scope in ['nationwide', 'international'] && always_on",
	"owner_sector == 'bcy' || managed_by == 'bqp' || strategic",
	"info_types.exists(t, t == 'state_secret') && defense_security",
}

// arithmetic reads numbers in ways no threshold captures.
var arithmetic = []string{
	"basic_pd_subjects + sensitive_pd_subjects * 10 >= 100000",
	"basic_pd_subjects > sensitive_pd_subjects",
	"[3, 4].exists(x, x == risk_level)",
	"system_type == 'citizen_business' && online_public_service_level >= 3",
}

// TestMemoAnalysis: the memo buckets a number by the constants rules compare it with,
// and a set that reads a number any other way evaluates every profile.
func TestMemoAnalysis(t *testing.T) {
	cases := []struct {
		name string
		cond []string
		memo bool
		cuts map[string][]int64
	}{
		{"less", []string{"personal_data_users < 10000"}, true, map[string][]int64{"personal_data_users": {10000}}},
		{"constant first", []string{"10000 <= personal_data_users", "100 > personal_data_users"}, true, map[string][]int64{"personal_data_users": {100, 10000}}},
		{"in a list", []string{"risk_level in [4, 3, 4]"}, true, map[string][]int64{"risk_level": {3, 4}}},
		{"negative", []string{"risk_level > -1"}, true, map[string][]int64{"risk_level": {-1}}},
		{"no numbers", []string{"system_type == infra_scope", "size(info_types) > 1", "strategic"}, true, map[string][]int64{}},
		{"thresholds", thresholds, true, map[string][]int64{
			"personal_data_users": {5000, 20000}, "basic_pd_subjects": {250000}, "risk_level": {3, 4},
			"pm_decided_level": {5}, "sensitive_pd_subjects": {0}, "online_public_service_level": {-1, 3},
		}},
		{"arithmetic", []string{"personal_data_users * 2 > 100"}, false, nil},
		{"two facts", []string{"basic_pd_subjects > sensitive_pd_subjects"}, false, nil},
		{"a function", []string{"int(string(risk_level)) >= 3"}, false, nil},
		{"a comprehension", []string{"[3, 4].exists(x, x == risk_level)"}, false, nil},
		{"a list of facts", []string{"3 in [risk_level, pm_decided_level]"}, false, nil},
		{"one rule of many", append(slices.Clone(thresholds), arithmetic...), false, nil},
	}
	for _, c := range cases {
		rs := loadRules(t, c.name, agencyRules("kiem-thu-ghi-nho", c.cond...))
		if got := levels.Memoised(rs); got != c.memo {
			t.Errorf("%s: memoised %v, want %v", c.name, got, c.memo)
			continue
		}
		if got := levels.MemoCuts(rs); c.memo && !reflect.DeepEqual(got, c.cuts) {
			t.Errorf("%s: cuts %v, want %v", c.name, got, c.cuts)
		}
	}
	for _, id := range []string{"d85-2016", "d331-2026"} {
		if rs, err := levels.Open(id); err != nil || !levels.Memoised(rs) {
			t.Errorf("%s: memoised %v (%v), want a memo", id, err == nil && levels.Memoised(rs), err)
		}
	}
}

// randomInventory writes n rows over every fact of the table, each with values drawn
// from its options (and some that are not), numbers on both sides of every threshold
// the sets compare them with, and some rows that cannot be read. Most rows take their
// facts other than numbers from one of a hundred systems, as an inventory of many
// similar systems would; the rest are drawn afresh.
func randomInventory(t *testing.T, n int, seed uint64, sets ...*levels.RuleSet) string {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 7))
	var numbers []int64
	for _, rs := range sets {
		for _, cuts := range levels.MemoCuts(rs) {
			for _, c := range cuts {
				numbers = append(numbers, c-1, c, c+1)
			}
		}
	}
	numbers = append(numbers, 0, 1, 2, 3, 4, 5, 9999, 10000, 10001, 99999, 100000, 100001, 1<<40)
	var header []string
	for _, f := range levels.Fields {
		header = append(header, f.Key)
	}
	header = append(header, "approved_level")
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(header)
	rec := make([]string, len(header))
	ids := []string{}
	var pool [][]string
	for i := range n {
		kin := -1 // the pooled system this row copies
		if len(pool) == 100 || (len(pool) > 0 && r.IntN(4) != 0) {
			kin = r.IntN(len(pool))
		}
		for j, f := range levels.Fields {
			if kin >= 0 && f.Kind != levels.KindInt {
				rec[j] = pool[kin][j]
				continue
			}
			rec[j] = ""
			// Absent, less often for an enum: some are needed by others (infra_scope by
			// infrastructure), and most rows should be readable.
			oneIn := 3
			if f.Kind == levels.KindEnum {
				oneIn = 12
			}
			if !f.Required && r.IntN(oneIn) == 0 {
				continue
			}
			switch f.Kind {
			case levels.KindText:
				rec[j] = fmt.Sprintf("%s %d", f.Label, r.IntN(1000))
			case levels.KindEnum:
				rec[j] = f.Options[r.IntN(len(f.Options))].Value
				if r.IntN(400) == 0 {
					rec[j] = "khac"
				}
			case levels.KindList:
				perm := r.Perm(len(f.Options))[:1+r.IntN(len(f.Options))]
				var items []string
				for _, o := range perm {
					items = append(items, f.Options[o].Value)
				}
				if r.IntN(50) == 0 {
					items = append(items, items[0]) // a repeat, dropped by Validate
				}
				rec[j] = strings.Join(items, ";")
			case levels.KindBool:
				rec[j] = []string{"true", "false", "1", "0", "TRUE"}[r.IntN(5)]
			case levels.KindInt:
				v := numbers[r.IntN(len(numbers))]
				if f.Max != 0 {
					v = r.Int64N(f.Max + 1)
				}
				if r.IntN(300) == 0 {
					v = -v - 1 // out of range
				}
				rec[j] = strconv.FormatInt(v, 10)
			}
		}
		rec[0] = fmt.Sprintf("HT-%05d", i)
		if len(ids) > 0 && r.IntN(100) == 0 {
			rec[0] = ids[r.IntN(len(ids))] // a repeated id
		}
		ids = append(ids, rec[0])
		rec[len(rec)-1] = []string{"", "1", "2", "3", "4", "5"}[r.IntN(6)]
		w.Write(rec)
		if kin < 0 && len(pool) < 100 {
			pool = append(pool, slices.Clone(rec))
		}
	}
	w.Flush()
	path := filepath.Join(t.TempDir(), "danh-muc.csv")
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestMemoReportsByteForByte re-rates a large generated inventory under both built-in
// sets and two agency sets (one reading numbers by thresholds, one by arithmetic), with
// and without the memo (without it, every row is classified by Classify), and wants the
// same reports, byte for byte.
func TestMemoReportsByteForByte(t *testing.T) {
	d85, err := levels.Open("d85-2016")
	if err != nil {
		t.Fatal(err)
	}
	d331, err := levels.Open("d331-2026")
	if err != nil {
		t.Fatal(err)
	}
	sets := []*levels.RuleSet{d85, d331,
		loadRules(t, "nguong.yaml", agencyRules("co-quan-nguong", thresholds...)),
		loadRules(t, "so-hoc.yaml", agencyRules("co-quan-so-hoc", append(slices.Clone(thresholds), arithmetic...)...)),
	}
	rows := 10_000
	if testing.Short() {
		rows = 2_000
	}
	path := randomInventory(t, rows, 1, sets...)
	dir := t.TempDir()
	for k, rs := range sets {
		before := levels.MemoSize(rs)
		exts := []string{"csv"}
		if k == 0 {
			exts = append(exts, "json") // the same results in another form: once is enough
		}
		for _, ext := range exts {
			var out [2][]byte
			for i, set := range []*levels.RuleSet{rs, levels.WithoutMemo(rs)} {
				file := filepath.Join(dir, fmt.Sprintf("%s-%d.%s", rs.ID, i, ext))
				sum, err := inventory.RerateTo(context.Background(), set, path, file, inventory.Options{})
				if err != nil {
					t.Fatalf("%s: %v", rs.ID, err)
				}
				if sum.Rows != rows || sum.Failed == 0 || sum.Failed > rows/4 {
					t.Fatalf("%s: %d rows, %d failed: the inventory should be mostly readable", rs.ID, sum.Rows, sum.Failed)
				}
				if out[i], err = os.ReadFile(file); err != nil {
					t.Fatal(err)
				}
			}
			if !bytes.Equal(out[0], out[1]) {
				a, b := strings.Split(string(out[0]), "\n"), strings.Split(string(out[1]), "\n")
				for i := range min(len(a), len(b)) {
					if a[i] != b[i] {
						t.Fatalf("%s .%s line %d:\nmemo    %s\nwithout %s", rs.ID, ext, i+1, a[i], b[i])
					}
				}
				t.Fatalf("%s .%s: the reports differ", rs.ID, ext)
			}
		}
		size := levels.MemoSize(rs)
		switch {
		case !levels.Memoised(rs):
			if rs.ID != "co-quan-so-hoc" {
				t.Errorf("%s: no memo", rs.ID)
			}
		case size <= before || size >= rows:
			t.Errorf("%s: %d combinations remembered for %d rows; the memo should be used, and hit", rs.ID, size, rows)
		default:
			t.Logf("%s: %d combinations remembered for %d rows", rs.ID, size, rows)
		}
	}
}

// TestRateAsClassify: Rate gives the level, decisive rules and warnings of Classify, for
// profiles with and without components, inferred harm, counts left out.
func TestRateAsClassify(t *testing.T) {
	d85, _ := levels.Open("d85-2016")
	d331, _ := levels.Open("d331-2026")
	sets := []*levels.RuleSet{d85, d331, loadRules(t, "nguong.yaml", agencyRules("co-quan-nguong", thresholds...))}
	r := rand.New(rand.NewPCG(5, 6))
	profile := func() levels.Profile {
		p := levels.Profile{Name: "Hệ thống", Owner: "Sở Y tế", SystemType: levels.SystemTypes[r.IntN(len(levels.SystemTypes))]}
		for _, it := range levels.InfoTypes {
			if r.IntN(2) == 0 {
				p.InfoTypes = append(p.InfoTypes, it)
			}
		}
		if len(p.InfoTypes) == 0 {
			p.InfoTypes = []string{"public"}
		}
		if r.IntN(3) == 0 {
			p.SecretGrade = levels.SecretGrades[r.IntN(len(levels.SecretGrades))]
		}
		if r.IntN(3) == 0 {
			p.SecurityHarm = levels.Harms[r.IntN(len(levels.Harms))]
		}
		p.DefenseSecurity = r.IntN(4) == 0
		p.InfraScope = levels.InfraScopes[r.IntN(len(levels.InfraScopes))]
		p.ICSWorkGrade = levels.WorkGrades[r.IntN(len(levels.WorkGrades))]
		p.OnlinePublicServiceLevel = r.Int64N(5)
		p.PersonalDataUsers = []int64{0, 9999, 10000, 50000}[r.IntN(4)]
		p.BasicPDSubjects = []int64{0, 99999, 100000}[r.IntN(3)]
		p.SensitivePDSubjects = []int64{0, 9999, 10000}[r.IntN(3)]
		p.AlwaysOn, p.NationalEgov, p.ConditionalBusinessService = r.IntN(2) == 0, r.IntN(5) == 0, r.IntN(4) == 0
		p.SetInt("risk_level", r.Int64N(6))
		p.SetBool("strategic", r.IntN(10) == 0)
		return p
	}
	ctx := context.Background()
	for i := range 3000 {
		p := profile()
		if i%5 == 0 {
			p.Components = []levels.Profile{profile(), profile()}
		}
		if ps := levels.Validate(&p); len(ps) > 0 {
			continue
		}
		for _, rs := range sets {
			d, err := rs.Classify(ctx, &p)
			if err != nil {
				t.Fatal(err)
			}
			got, err := rs.Rate(ctx, &p)
			if err != nil {
				t.Fatal(err)
			}
			want := levels.Rating{Level: d.Level, Decisive: d.Decisive, Warnings: d.Warnings}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s, profile %d:\nRate     %+v\nClassify %+v", rs.ID, i, got, want)
			}
		}
	}
}
