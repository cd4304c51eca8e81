package server

import (
	"slices"
	"testing"
	"time"

	"capdo/workdays"
)

// The marks shown beside a fact whose explanation is folded: each once, short, in the
// style's order, whatever the bracket adds.
func TestUncertaintyMarks(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		texts []string
		want  []string
	}{
		{[]string{"Nguồn khác tính thời hạn đến hết ngày 30/06/2027; capdo cảnh báo từ ngày đó [cần đối chiếu cách tính thời hạn]."}, []string{"[cần đối chiếu]"}},
		{[]string{"capdo xếp cấp độ 4 [suy luận, cần đối chiếu]", "theo báo chí [nguồn thứ cấp]"}, []string{"[suy luận]", "[cần đối chiếu]", "[nguồn thứ cấp]"}},
		{[]string{"[cần đối chiếu] rồi [cần đối chiếu]"}, []string{"[cần đối chiếu]"}},
		{[]string{"khoản 1 Điều 45 [Luật An ninh mạng]"}, nil},
		{nil, nil},
	} {
		if got := uncertaintyMarks(c.texts...); !slices.Equal(got, c.want) {
			t.Errorf("uncertaintyMarks(%q) = %q, want %q", c.texts, got, c.want)
		}
	}
}

// Decree 331 is in force from the first instant of 19/08/2026 in Vietnam, whatever the
// server's time zone.
func TestDecree331On(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		at   time.Time
		want bool
	}{
		{time.Date(2026, 8, 18, 23, 59, 0, 0, workdays.Location), false},
		{time.Date(2026, 8, 18, 17, 0, 0, 0, time.UTC), true}, // 00:00 on 19/08 in Vietnam
		{time.Date(2026, 8, 19, 0, 0, 0, 0, workdays.Location), true},
		{time.Date(2026, 12, 3, 9, 0, 0, 0, workdays.Location), true},
		{time.Date(2026, 3, 2, 9, 0, 0, 0, workdays.Location), false},
	} {
		g, err := decree331On(c.at)
		if err != nil {
			t.Fatal(err)
		}
		if g.InForce != c.want || g.From.VN() != "19/08/2026" {
			t.Errorf("decree331On(%v) = %+v, want in force %v from 19/08/2026", c.at, g, c.want)
		}
	}
}
