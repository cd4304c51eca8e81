// Package invgen writes a synthetic inventory for `capdo rerate` benchmarks: the same file
// for the same number of rows, in the contract's columns (docs/contract.md §3), varied the way a
// province's register is — mostly citizen-facing and internal systems, some
// infrastructure, industrial control and classified ones, counts spread over several
// orders of magnitude, some cells left empty, names that need quoting.
package invgen

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
)

// Header lists the columns, facts of both built-in rule sets among them.
var Header = []string{
	"id", "name", "owner", "system_type", "info_types", "secret_grade", "defense_security", "security_harm",
	"online_public_service_level", "conditional_business_service", "personal_data_users", "infra_scope",
	"national_egov", "always_on", "ics_work_grade", "critical_national_data", "handles_admin_procedures",
	"basic_pd_subjects", "sensitive_pd_subjects", "approved_level",
}

var owners = []string{"UBND tỉnh Kiên Giang", "Sở Y tế", "Bộ Tài chính", "UBND thành phố Cần Thơ", "Tổng cục Thuế, Bộ Tài chính"}

// Write writes the header and n rows as CSV. The rows depend on n and seed only.
func Write(w io.Writer, n int, seed uint64) error {
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	if err := cw.Write(Header); err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	rec := make([]string, len(Header))
	for i := range n {
		row(r, i, rec)
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// count is a number of people, from none to a few million, or an empty cell.
func count(r *rand.Rand) string {
	switch r.IntN(8) {
	case 0:
		return ""
	case 1:
		return "0"
	}
	return strconv.Itoa(r.IntN(10) * []int{1, 10, 100, 1000, 10_000, 100_000, 1_000_000}[r.IntN(7)])
}

func yes(r *rand.Rand, oneIn int) string {
	if r.IntN(oneIn) == 0 {
		return "true"
	}
	return ""
}

func pick(r *rand.Rand, vals ...string) string { return vals[r.IntN(len(vals))] }

// row fills rec with row i.
func row(r *rand.Rand, i int, rec []string) {
	clear(rec)
	rec[0] = fmt.Sprintf("HT-%06d", i)
	rec[1] = fmt.Sprintf("Hệ thống thông tin số %d", i)
	if i%50 == 0 {
		rec[1] = fmt.Sprintf(`Cổng dịch vụ công, "một cửa" số %d`, i) // quoted in CSV
	}
	rec[2] = owners[r.IntN(len(owners))]
	set := func(col, v string) {
		for j, h := range Header {
			if h == col {
				rec[j] = v
			}
		}
	}
	switch k := r.IntN(100); {
	case k < 40:
		set("system_type", "citizen_business")
		set("info_types", pick(r, "public", "public;private", "public;personal", "public;private;personal", "personal"))
		set("online_public_service_level", pick(r, "", "1", "2", "3", "4"))
		set("conditional_business_service", yes(r, 6))
		set("handles_admin_procedures", yes(r, 3))
	case k < 75:
		set("system_type", "internal")
		set("info_types", pick(r, "public", "private", "private;personal", "public;private;personal"))
		set("national_egov", yes(r, 30))
		set("always_on", yes(r, 4))
	case k < 85:
		set("system_type", "infrastructure")
		set("info_types", pick(r, "public;private", "private"))
		set("infra_scope", pick(r, "one_org", "sector", "province", "multi_province", "nationwide", "international"))
		set("always_on", yes(r, 2))
	case k < 90:
		set("system_type", "industrial_control")
		set("info_types", "private")
		set("ics_work_grade", pick(r, "IV", "III", "II", "I", "special", "national_security"))
	case k < 95:
		set("system_type", "internal")
		set("info_types", pick(r, "state_secret", "private;state_secret"))
		set("secret_grade", pick(r, "mat", "toi_mat", "tuyet_mat"))
		set("security_harm", pick(r, "", "harm", "serious", "especially_serious"))
		set("defense_security", yes(r, 2))
	default:
		set("system_type", "other")
		set("info_types", pick(r, "public", "private"))
		set("critical_national_data", yes(r, 20))
	}
	set("personal_data_users", count(r))
	set("basic_pd_subjects", count(r))
	set("sensitive_pd_subjects", count(r))
	set("approved_level", pick(r, "", "1", "2", "2", "3", "3", "4", "5"))
}
