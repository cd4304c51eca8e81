package server_test

import (
	"strings"
	"testing"
)

// An inventory filled in the words of the web form — Vietnamese headers, a count with
// thousands separators, allowed values written as their labels, có/không — is read, over
// POST /api/v1/imports, as the same file written with keys and plain digits; what stays
// ambiguous is refused with the form's messages.
func TestAPIImport_ValuesAsTheFormTakesThem(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	const words = "Mã hệ thống,Tên hệ thống,Chủ quản hệ thống,Loại hệ thống,Loại thông tin xử lý,\"Số người sử dụng có thông tin riêng, cá nhân\",Vận hành 24/7\n" +
		"HT-201,Cổng dịch vụ công,UBND tỉnh A,\"Hệ thống phục vụ người dân, doanh nghiệp\",Thông tin công cộng; thông tin cá nhân,120.000,Có\n" +
		"HT-202,Quản lý văn bản,UBND tỉnh A,hệ thống nội bộ,Thông tin riêng,3 500,không\n" +
		"HT-203,Hộp thư,UBND tỉnh A,Hệ thống nội bộ,Thông tin riêng,\"120.000,5\",x\n" +
		"HT-204,Lịch họp,UBND tỉnh A,Hệ thống nội bộ,Thông tin riêng,1.20,có lẽ\n"
	const keys = "id,name,owner,system_type,info_types,personal_data_users,always_on\n" +
		"HT-201,Cổng dịch vụ công,UBND tỉnh A,citizen_business,public;personal,120000,true\n" +
		"HT-202,Quản lý văn bản,UBND tỉnh A,internal,private,3500,false\n"
	status, got, out := f.apiImport("vanhanhA", map[string]string{"dry_run": "true"}, "danh-muc.csv", words)
	if status != 200 || got.Applied || got.Created != 2 || got.Failed != 2 || len(got.Rows) != 4 {
		t.Fatalf("dry run = %d %+v\n%s", status, got, out)
	}
	status, want, out2 := f.apiImport("vanhanhA", map[string]string{"dry_run": "true"}, "danh-muc.csv", keys)
	if status != 200 || want.Created != 2 || len(want.Rows) != 2 {
		t.Fatalf("dry run of the same systems by keys = %d %+v\n%s", status, want, out2)
	}
	for i := range 2 {
		g, w := got.Rows[i], want.Rows[i]
		if len(g.Errors) > 0 || g.Action != "create" || g.Level == nil || w.Level == nil || *g.Level != *w.Level {
			t.Errorf("row %d = %+v, want level %v as written with keys (%+v)", g.Row, g, w.Level, w)
		}
	}
	for i, want := range []string{
		"«120.000,5» có dấu phẩy: ở đây cần một số nguyên",
		"«1.20» không phải số nguyên: dấu chấm chỉ dùng để tách hàng nghìn",
	} {
		if r := got.Rows[2+i]; r.Action != "error" || !strings.Contains(strings.Join(r.Errors, "|"), want) {
			t.Errorf("row %d = %+v, want refused with %q", r.Row, r, want)
		}
	}
	if errs := strings.Join(got.Rows[3].Errors, "|"); !strings.Contains(errs, "cột G (Vận hành 24/7 → always_on): phải là true hoặc false, không phải «có lẽ»; viết được: có/không") {
		t.Errorf("row 5 errors %q, want the yes/no cell refused naming what is accepted", errs)
	}
}
