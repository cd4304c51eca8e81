package server

import (
	"net/url"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"capdo/levels"
)

const (
	// pageSize is the number of rows of an HTML list page.
	pageSize = 50
	// maxAPILimit is the largest page the JSON lists return at once.
	maxAPILimit = 1000
	// totalHeader carries the number of rows that match, whatever the page.
	totalHeader = "X-Total-Count"
)

// apiWindow reads the optional limit and offset of a JSON list. Without limit the list is
// whole, as it always was; limit=0 is not "all" but an error, so a typo cannot empty it.
func apiWindow(c *fiber.Ctx) (limit, offset int, err error) {
	var problems []levels.Problem
	if v := c.Query("limit"); v != "" {
		n, perr := strconv.Atoi(v)
		if perr != nil || n < 1 || n > maxAPILimit {
			problems = append(problems, levels.Problem{Field: "limit",
				Message: "số dòng tối đa phải là số nguyên từ 1 đến " + strconv.Itoa(maxAPILimit)})
		}
		limit = n
	}
	if v := c.Query("offset"); v != "" {
		n, perr := strconv.Atoi(v)
		if perr != nil || n < 0 {
			problems = append(problems, levels.Problem{Field: "offset", Message: "số dòng bỏ qua phải là số nguyên không âm"})
		}
		offset = n
	}
	if problems != nil {
		return 0, 0, &httpError{Status: fiber.StatusBadRequest, Message: "Tham số phân trang không hợp lệ.", Problems: problems}
	}
	return limit, offset, nil
}

// pageNumber reads the 1-based page of an HTML list.
func pageNumber(c *fiber.Ctx) (int, error) {
	v := c.Query("page")
	if v == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, &httpError{Status: fiber.StatusBadRequest, Message: "Số trang không hợp lệ.",
			Problems: []levels.Problem{{Field: "page", Message: "số trang phải là số nguyên từ 1 trở lên"}}}
	}
	return n, nil
}

// pager is the paging of an HTML list: which rows are shown, out of how many, and the
// links to the other pages, each keeping the list's filters.
type pager struct {
	Page, Pages     int
	From, To, Total int    // rows From–To (1-based) of Total
	Noun            string // what is counted: "hệ thống", "hồ sơ"
	Prev, Next      string // empty on the first and last page
	Links           []pageLink
}

// pageLink is one numbered link; Gap stands for the pages left out ("…").
type pageLink struct {
	Num     int
	URL     string
	Current bool
	Gap     bool
}

// clampPage brings a page number past the end back to the last page.
func clampPage(page, total int) int {
	last := max(1, (total+pageSize-1)/pageSize)
	return min(page, last)
}

// newPager describes page (already clamped) of total rows. path and query give the
// links: query holds the filters, and page is set on a copy of it.
func newPager(path string, query url.Values, page, total int, noun string) pager {
	p := pager{Page: page, Pages: max(1, (total+pageSize-1)/pageSize), Total: total, Noun: noun}
	if total > 0 {
		p.From = (page-1)*pageSize + 1
		p.To = min(page*pageSize, total)
	}
	link := func(n int) string {
		q := url.Values{}
		for k, v := range query {
			q[k] = v
		}
		if n > 1 {
			q.Set("page", strconv.Itoa(n))
		}
		if len(q) == 0 {
			return path
		}
		return path + "?" + q.Encode()
	}
	if page > 1 {
		p.Prev = link(page - 1)
	}
	if page < p.Pages {
		p.Next = link(page + 1)
	}
	// The first, the last, and two on each side of the current page.
	for n := 1; n <= p.Pages; n++ {
		switch {
		case n == 1 || n == p.Pages || (n >= page-2 && n <= page+2):
			p.Links = append(p.Links, pageLink{Num: n, URL: link(n), Current: n == page})
		case len(p.Links) > 0 && !p.Links[len(p.Links)-1].Gap:
			p.Links = append(p.Links, pageLink{Gap: true})
		}
	}
	return p
}

// thousands writes n the Vietnamese way: 1.234.567.
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	var out []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, '.')
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}
