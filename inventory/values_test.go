package inventory_test

import (
	"slices"
	"strings"
	"testing"

	"capdo/inventory"
	"capdo/levels"
)

// Cells as an official fills them in, under Vietnamese headers: numbers as the web form
// accepts them, an allowed value written as its label, yes/no in Vietnamese. One column
// varies per case; what is refused is refused with a message naming what is accepted.
func TestReadProfilesValuesAsTyped(t *testing.T) {
	t.Parallel()
	const head = "Mã hệ thống,Tên hệ thống,Chủ quản hệ thống,Loại hệ thống,Loại thông tin xử lý,"
	base := []string{"HT-1", "Cổng", "UBND tỉnh", "citizen_business", "personal"}
	sch := levels.Standard()
	label := func(key string) string {
		f, ok := sch.Field(key)
		if !ok {
			t.Fatalf("%s is not a fact", key)
		}
		return f.Label
	}
	for _, c := range []struct {
		key, cell string
		check     func(p levels.Profile) bool
		err       string // part of the row's problem; "" when read
	}{
		// Numbers: what the form accepts.
		{key: "personal_data_users", cell: "120.000", check: func(p levels.Profile) bool { return p.PersonalDataUsers == 120000 }},
		{key: "personal_data_users", cell: "120 000", check: func(p levels.Profile) bool { return p.PersonalDataUsers == 120000 }},
		{key: "personal_data_users", cell: "1.200.000", check: func(p levels.Profile) bool { return p.PersonalDataUsers == 1200000 }},
		{key: "personal_data_users", cell: "120000", check: func(p levels.Profile) bool { return p.PersonalDataUsers == 120000 }},
		{key: "personal_data_users", cell: "120000.0", check: func(p levels.Profile) bool { return p.PersonalDataUsers == 120000 }},
		{key: "personal_data_users", cell: `"120.000,5"`, err: "«120.000,5» có dấu phẩy: ở đây cần một số nguyên"},
		{key: "personal_data_users", cell: `"3,5"`, err: "«3,5» có dấu phẩy"},
		{key: "personal_data_users", cell: "1.20", err: "«1.20» không phải số nguyên: dấu chấm chỉ dùng để tách hàng nghìn"},
		{key: "personal_data_users", cell: "200.000 người", err: "có chữ: chỉ nhập chữ số"},
		{key: "personal_data_users", cell: "nhiều", err: "phải là một số nguyên"},
		// Allowed values: the value, or its label, case and spaces aside.
		{key: "system_type", cell: `"Hệ thống phục vụ người dân, doanh nghiệp"`, check: func(p levels.Profile) bool { return p.SystemType == "citizen_business" }},
		{key: "system_type", cell: "  hệ thống NỘI BỘ ", check: func(p levels.Profile) bool { return p.SystemType == "internal" }},
		{key: "system_type", cell: "nội bộ", err: "giá trị «nội bộ» không hợp lệ; giá trị hợp lệ: internal («Hệ thống nội bộ»)"},
		{key: "info_types", cell: "Thông tin cá nhân; thông tin riêng", check: func(p levels.Profile) bool {
			return slices.Equal(p.InfoTypes, []string{"personal", "private"})
		}},
		{key: "info_types", cell: "public; Thông tin cá nhân", check: func(p levels.Profile) bool {
			return slices.Equal(p.InfoTypes, []string{"public", "personal"})
		}},
		{key: "info_types", cell: "thông tin mật", err: "«thông tin mật» không hợp lệ"},
		{key: "security_harm", cell: "Gây tổn hại nghiêm trọng", check: func(p levels.Profile) bool { return p.SecurityHarm == "serious" }},
		// Yes/no.
		{key: "always_on", cell: "có", check: func(p levels.Profile) bool { return p.AlwaysOn }},
		{key: "always_on", cell: "Có", check: func(p levels.Profile) bool { return p.AlwaysOn }},
		{key: "always_on", cell: "CÓ", check: func(p levels.Profile) bool { return p.AlwaysOn }},
		{key: "always_on", cell: "x", check: func(p levels.Profile) bool { return p.AlwaysOn }},
		{key: "always_on", cell: "X", check: func(p levels.Profile) bool { return p.AlwaysOn }},
		{key: "always_on", cell: "TRUE", check: func(p levels.Profile) bool { return p.AlwaysOn }},
		{key: "always_on", cell: "1", check: func(p levels.Profile) bool { return p.AlwaysOn }},
		{key: "always_on", cell: "không", check: func(p levels.Profile) bool { return !p.AlwaysOn }},
		{key: "always_on", cell: "Không", check: func(p levels.Profile) bool { return !p.AlwaysOn }},
		{key: "always_on", cell: "False", check: func(p levels.Profile) bool { return !p.AlwaysOn }},
		{key: "always_on", cell: "0", check: func(p levels.Profile) bool { return !p.AlwaysOn }},
		{key: "always_on", cell: "có lẽ", err: "phải là true hoặc false, không phải «có lẽ»; viết được: có/không, true/false, 1/0, x (= có)"},
		{key: "always_on", cell: "yes", err: "không phải «yes»; viết được: có/không"},
		{key: "always_on", cell: "ko", err: "không phải «ko»"},
	} {
		// The varying cell is in its own column, or in the base row's for the two facts
		// every row has; the extra column is then always_on, left empty.
		cells, extra := slices.Clone(base), c.key
		switch c.key {
		case "system_type":
			cells[3], extra = c.cell, "always_on"
		case "info_types":
			cells[4], extra = c.cell, "always_on"
		case "security_harm":
			cells[4] = "state_secret"
		}
		if extra == c.key {
			cells = append(cells, c.cell)
		} else {
			cells = append(cells, "")
		}
		hdr := head + `"` + label(extra) + `"`
		csv := hdr + "\n" + strings.Join(cells, ",") + "\n"
		p, err := inventory.ReadProfiles("ds.csv", []byte(csv), sch, 0)
		if err != nil || len(p.Rows) != 1 {
			t.Errorf("%s «%s»: %v, %+v", c.key, c.cell, err, p)
			continue
		}
		r := p.Rows[0]
		var msgs []string
		for _, pr := range r.Problems {
			msgs = append(msgs, pr.Field+": "+pr.Message)
		}
		all := strings.Join(msgs, "|")
		switch {
		case c.err == "" && (len(r.Problems) > 0 || !c.check(r.Profile)):
			t.Errorf("%s «%s»: problems %q, profile %+v", c.key, c.cell, all, r.Profile)
		case c.err != "" && !strings.Contains(all, c.err):
			t.Errorf("%s «%s»: problems %q, want %q", c.key, c.cell, all, c.err)
		}
	}
}
