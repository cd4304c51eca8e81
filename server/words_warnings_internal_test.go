package server

import (
	"slices"
	"testing"
)

// Warnings stored by earlier versions named a fact by its key in brackets; pages show the
// words alone, and leave any other bracket as it was.
func TestPageWarnings_StoredWording(t *testing.T) {
	got := pageWarnings([]string{
		"Chưa khai báo số người sử dụng có thông tin riêng, cá nhân (personal_data_users): ngưỡng 10.000 người được xét với 0 người.",
		"Trường «Loại hệ thống» (system_type) đã được khai báo nhưng không tiêu chí nào dùng trường này.",
		"Cấp độ của thành phần (xem mục 2) được lấy theo hệ thống (abc_not_a_fact).",
		"Chưa khai báo «Số người sử dụng có thông tin riêng, cá nhân»: cần khai báo số thực tế.",
	})
	want := []string{
		"Chưa khai báo số người sử dụng có thông tin riêng, cá nhân: ngưỡng 10.000 người được xét với 0 người.",
		"Trường «Loại hệ thống» đã được khai báo nhưng không tiêu chí nào dùng trường này.",
		"Cấp độ của thành phần (xem mục 2) được lấy theo hệ thống (abc_not_a_fact).",
		"Chưa khai báo «Số người sử dụng có thông tin riêng, cá nhân»: cần khai báo số thực tế.",
	}
	if !slices.Equal(got, want) {
		t.Errorf("pageWarnings =\n%q\nwant\n%q", got, want)
	}
}
