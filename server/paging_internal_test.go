package server

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"testing"
)

func TestThousands(t *testing.T) {
	t.Parallel()
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1.000", 1234: "1.234", 1234567: "1.234.567", -45000: "-45.000"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

// The pager shows the first and last page, two pages around the current one and gaps
// between; every link keeps the filters.
func TestPager(t *testing.T) {
	t.Parallel()
	q := url.Values{"q": {"hà nội"}, "level": {"3"}}
	p := newPager("/systems", q, 6, 1234, "hệ thống")
	if p.From != 251 || p.To != 300 || p.Pages != 25 {
		t.Errorf("rows %d–%d of %d pages, want 251–300 of 25", p.From, p.To, p.Pages)
	}
	var got []string
	for _, l := range p.Links {
		switch {
		case l.Gap:
			got = append(got, "…")
		case l.Current:
			got = append(got, fmt.Sprintf("[%d]", l.Num))
		default:
			got = append(got, fmt.Sprint(l.Num))
		}
	}
	if strings.Join(got, " ") != "1 … 4 5 [6] 7 8 … 25" {
		t.Errorf("links = %v", got)
	}
	if p.Prev != "/systems?level=3&page=5&q=h%C3%A0+n%E1%BB%99i" || p.Next != "/systems?level=3&page=7&q=h%C3%A0+n%E1%BB%99i" {
		t.Errorf("prev %q, next %q", p.Prev, p.Next)
	}
	if p.Links[0].URL != "/systems?level=3&q=h%C3%A0+n%E1%BB%99i" {
		t.Errorf("page 1 link %q, want no page parameter", p.Links[0].URL)
	}
	if q.Get("page") != "" {
		t.Error("newPager changed the caller's query")
	}

	v, err := loadViews()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := v.pages["systems"].ExecuteTemplate(&buf, "pager", newPager("/systems", nil, 2, 1234, "hệ thống")); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "Hiển thị 51–100 / 1.234 hệ thống") {
		t.Errorf("pager reads:\n%s", buf.String())
	}

	one := newPager("/dossiers", nil, 1, 3, "hồ sơ")
	if one.Pages != 1 || one.Prev != "" || one.Next != "" || one.From != 1 || one.To != 3 {
		t.Errorf("single page = %+v", one)
	}
	if empty := newPager("/dossiers", nil, 1, 0, "hồ sơ"); empty.From != 0 || empty.Pages != 1 {
		t.Errorf("empty list = %+v", empty)
	}
	if clampPage(99, 122) != 3 || clampPage(1, 0) != 1 || clampPage(2, 100) != 2 {
		t.Error("clampPage wrong")
	}
}
