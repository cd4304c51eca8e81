package levels_test

import (
	"strings"
	"testing"

	"capdo/levels"
)

// Numbers as people type them: the web form and an imported inventory read them alike.
func TestParseTypedCount(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		typed string
		want  int64
		err   string // part of the message; "" when read
		// strict: ParseCount reads it too (a spreadsheet's "320000.0"); the form's
		// TypedDigits does not need to.
		strict bool
	}{
		{typed: "320000", want: 320000, strict: true},
		{typed: " 320000 ", want: 320000, strict: true},
		{typed: "320000.0", want: 320000, strict: true},
		{typed: "120.000", want: 120000},
		{typed: "1.000.000", want: 1000000},
		{typed: "320 000", want: 320000},
		{typed: "1 234 567", want: 1234567},
		{typed: "320\u00a0000", want: 320000},
		{typed: "320\u202f000", want: 320000},
		{typed: "+5", want: 5},
		{typed: "120.000,5", err: "«120.000,5» có dấu phẩy: ở đây cần một số nguyên"},
		{typed: "3,5", err: "«3,5» có dấu phẩy: ở đây cần một số nguyên"},
		{typed: "320,000", err: "«320,000» có dấu phẩy"},
		{typed: "1.20", err: "«1.20» không phải số nguyên: dấu chấm chỉ dùng để tách hàng nghìn"},
		{typed: "3.5", err: "«3.5» không phải số nguyên"},
		{typed: "1.2345", err: "«1.2345» không phải số nguyên"},
		{typed: "12 34", err: "phải là"},
		{typed: "200.000 người", err: "«200.000 người» có chữ: chỉ nhập chữ số"},
		{typed: "2OO.000", err: "«2OO.000» có chữ O thay cho số 0"},
		{typed: "012.000", err: "không có số 0 ở đầu"},
		{typed: "nhiều", err: "phải là một số nguyên viết bằng chữ số"},
		{typed: "99999999999999999999", err: "số quá lớn"},
	} {
		n, err := levels.ParseTypedCount(c.typed)
		switch {
		case c.err == "" && (err != nil || n != c.want):
			t.Errorf("ParseTypedCount(%q) = %d, %v; want %d", c.typed, n, err, c.want)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("ParseTypedCount(%q) = %d, %v; want an error with %q", c.typed, n, err, c.err)
		}
		if c.err != "" || c.strict {
			continue
		}
		// The form writes the digits TypedDigits gives into the profile document.
		if d, err := levels.TypedDigits(c.typed); err != nil {
			t.Errorf("TypedDigits(%q) = %q, %v", c.typed, d, err)
		} else if m, err := levels.ParseCount(d); err != nil || m != c.want {
			t.Errorf("TypedDigits(%q) = %q, read as %d, %v; want %d", c.typed, d, m, err, c.want)
		}
	}
	// YAML and JSON documents keep strict numbers.
	if _, err := levels.ParseCount("120.000"); err == nil {
		t.Error("ParseCount read 120.000")
	}
}

// An allowed value is found by itself or by its label, case and spaces aside.
func TestValuesByLabel(t *testing.T) {
	t.Parallel()
	sch := levels.Standard()
	for _, c := range []struct{ key, written, want string }{
		{"system_type", "citizen_business", "citizen_business"},
		{"system_type", "Hệ thống phục vụ người dân, doanh nghiệp", "citizen_business"},
		{"system_type", "HỆ THỐNG NỘI BỘ", "internal"},
		{"system_type", "  hệ  thống nội bộ ", "internal"},
		{"info_types", "Thông tin cá nhân", "personal"},
		{"secret_grade", "tối mật", "toi_mat"},
		{"security_harm", "Gây tổn hại nghiêm trọng", "serious"},
		{"system_type", "nội bộ", ""},
		{"system_type", "Internal", "internal"}, // a value folds to itself
	} {
		m := sch.ValuesByLabel(c.key)
		got, ok := m[c.written]
		if !ok {
			got = m[levels.FoldLabel(c.written)]
		}
		if got != c.want {
			t.Errorf("%s %q → %q, want %q", c.key, c.written, got, c.want)
		}
	}
	for _, k := range []string{"name", "personal_data_users", "always_on"} {
		if m := sch.ValuesByLabel(k); m != nil {
			t.Errorf("%s has values by label %v", k, m)
		}
	}
	// Every enum and list fact of the table, from its rows alone.
	for _, f := range sch.Fields() {
		if f.Kind != levels.KindEnum && f.Kind != levels.KindList || len(f.Options) == 0 {
			continue
		}
		m := sch.ValuesByLabel(f.Key)
		for _, o := range f.Options {
			if m[o.Value] != o.Value || m[levels.FoldLabel(strings.ToUpper(o.Label))] != o.Value {
				t.Errorf("%s: %q («%s») not found by value and label", f.Key, o.Value, o.Label)
			}
		}
	}
}
