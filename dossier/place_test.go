package dossier

import (
	"testing"
	"time"
)

func TestDateLine(t *testing.T) {
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
	tests := []struct {
		names []string
		want  string
	}{
		{[]string{"UBND tỉnh Kiên Giang"}, "Kiên Giang"},
		{[]string{"Ủy ban nhân dân Thành phố Hồ Chí Minh"}, "Hồ Chí Minh"},
		{[]string{"Sở Y tế thành phố Hà Nội"}, "Hà Nội"},
		{[]string{"Bộ Tài chính", "Cục Thống kê"}, blank},
		{[]string{"Tổng công ty Phát điện 3", "Trung tâm Dữ liệu tỉnh Gia Lai"}, "Gia Lai"},
		{[]string{"Công ty tỉnh táo"}, blank},
	}
	for _, tt := range tests {
		if got := derivePlace(tt.names...); got != tt.want {
			t.Errorf("derivePlace(%q) = %q, want %q", tt.names, got, tt.want)
		}
	}
}
