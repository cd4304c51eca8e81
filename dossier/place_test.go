package dossier

import (
	"testing"
	"time"
)

func TestDateLine(t *testing.T) {
	t.Parallel()
	tests := []struct {
		date time.Time
		want string
	}{
		{time.Date(2026, 3, 5, 0, 0, 0, 0, vietnam), "Hà Nội, ngày 05 tháng 3 năm 2026"},
		{time.Date(2026, 2, 9, 0, 0, 0, 0, vietnam), "Hà Nội, ngày 09 tháng 02 năm 2026"},
		{time.Date(2026, 1, 31, 0, 0, 0, 0, vietnam), "Hà Nội, ngày 31 tháng 01 năm 2026"},
		{time.Date(2026, 12, 25, 0, 0, 0, 0, vietnam), "Hà Nội, ngày 25 tháng 12 năm 2026"},
	}
	for _, tt := range tests {
		if got := dateLine("Hà Nội", tt.date); got != tt.want {
			t.Errorf("dateLine(%v) = %q, want %q", tt.date, got, tt.want)
		}
	}
}

func TestDerivePlace(t *testing.T) {
	t.Parallel()
	tests := []struct {
		names []string
		want  string
	}{
		{[]string{"UBND tỉnh Kiên Giang"}, "Kiên Giang"},
		// Named after a person, an event or with a number: the full name (Nghị định 30/2020).
		{[]string{"Ủy ban nhân dân Thành phố Hồ Chí Minh"}, "Thành phố Hồ Chí Minh"},
		{[]string{"UBND Thành phố Hồ Chí Minh"}, "Thành phố Hồ Chí Minh"},
		{[]string{"Sở Thông tin và Truyền thông thành phố Hồ Chí Minh"}, "Thành phố Hồ Chí Minh"},
		{[]string{"UBND TP. Hồ Chí Minh"}, "Thành phố Hồ Chí Minh"},
		{[]string{"UBND TP.Hồ Chí Minh"}, "Thành phố Hồ Chí Minh"},
		{[]string{"UBND Quận 1"}, "Quận 1"},
		{[]string{"UBND phường 15"}, "Phường 15"},
		{[]string{"UBND quận Hai Bà Trưng"}, "Quận Hai Bà Trưng"},
		{[]string{"UBND huyện Trần Văn Thời"}, "Huyện Trần Văn Thời"},
		{[]string{"UBND quận Ba Đình"}, "Quận Ba Đình"},
		// Otherwise the proper name alone.
		{[]string{"UBND quận Hoàng Mai"}, "Hoàng Mai"},
		{[]string{"UBND thị xã Sơn Tây"}, "Sơn Tây"},
		{[]string{"Hợp tác xã Nông nghiệp Tân Phú"}, blank},
		{[]string{"Sở Y tế thành phố Hà Nội"}, "Hà Nội"},
		{[]string{"Bộ Tài chính", "Cục Thống kê"}, "Hà Nội"}, // a central body sits in Hà Nội
		{[]string{"Tổng công ty Phát điện 3", "Trung tâm Dữ liệu tỉnh Gia Lai"}, "Gia Lai"},
		{[]string{"Công ty tỉnh táo"}, blank},
	}
	for _, tt := range tests {
		if got := derivePlace(tt.names...); got != tt.want {
			t.Errorf("derivePlace(%q) = %q, want %q", tt.names, got, tt.want)
		}
	}
}
