package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"strings"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	"capdo/levels"
	"capdo/notify"
	"capdo/review"
	"capdo/store"
	"capdo/templates"
)

// views are the parsed pages: each page file together with the shared layout.
type views struct {
	pages map[string]*template.Template
}

var funcs = template.FuncMap{
	"roleLabel":      func(r string) string { return store.RoleLabels[r] },
	"appraisesLabel": func(a string) string { return store.AppraisesLabels[a] },
	"docTitle":       docTitle,
	"valueLabel":     levels.ValueLabel,
	"statusLabel":    statusLabel,
	"actionLabel":    func(a string) string { return review.Action(a).Label() },
	"datetime":       func(t time.Time) string { return fmtTime(t, "02/01/2006 15:04") },
	"date":           func(t time.Time) string { return fmtTime(t, "02/01/2006") },
	"levelText":      levelText,
	"short":          review.Short,
	"indent":         func(depth int) string { return strings.Repeat("— ", depth) },
	"kindLabel":      func(k string) string { return notify.Kind(k).Label() },
	"num":            thousands,
}

func statusLabel(s string) string {
	if s == "none" || s == "" {
		return "Chưa có hồ sơ"
	}
	return review.Status(s).Label()
}

func levelText(l int) string {
	if l == 0 {
		return "Chưa xác định"
	}
	return fmt.Sprintf("Cấp độ %d", l)
}

// fmtTime shows a time in Vietnam's time zone; the zero time is a dash.
func fmtTime(t time.Time, layout string) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(review.Vietnam).Format(layout)
}

// loadViews returns the parsed pages, parsed once per process: they come from the
// embedded templates only, and a parsed html/template is safe to execute from many
// goroutines, so servers in one process (tests start hundreds) share them.
var loadViews = sync.OnceValues(parseViews)

func parseViews() (*views, error) {
	names, err := fs.Glob(templates.HTML, "html/*.html")
	if err != nil {
		return nil, err
	}
	// Files named _*.html are partials: blocks every page may include, no page of their own.
	partials, err := fs.Glob(templates.HTML, "html/_*.html")
	if err != nil {
		return nil, err
	}
	v := &views{pages: map[string]*template.Template{}}
	for _, n := range names {
		name := strings.TrimSuffix(strings.TrimPrefix(n, "html/"), ".html")
		if name == "layout" || strings.HasPrefix(name, "_") {
			continue
		}
		t, err := template.New(name).Funcs(funcs).ParseFS(templates.HTML, append([]string{"html/layout.html", n}, partials...)...)
		if err != nil {
			return nil, fmt.Errorf("server: template %s: %w", name, err)
		}
		v.pages[name] = t
	}
	return v, nil
}

func (v *views) render(w io.Writer, name string, data any) error {
	t, ok := v.pages[name]
	if !ok {
		return fmt.Errorf("server: no template %q", name)
	}
	return t.ExecuteTemplate(w, "layout", data)
}

// page is what every page template receives.
type page struct {
	Title string
	User  *store.User
	CSRF  string
	Path  string
	Data  any
	// Rules is the rule set the footer names (words.go).
	Rules footerRules
	// Unread is the signed-in user's count of unread notifications (notifications.go).
	Unread int
}

// Can reports whether the signed-in user has one of the roles (for showing buttons; the
// route table enforces).
func (p page) Can(roles ...string) bool {
	if p.User == nil {
		return false
	}
	for _, r := range roles {
		if p.User.Role == r {
			return true
		}
	}
	return false
}

// Editor: may create and change systems.
func (p page) Editor() bool { return p.Can(editors...) }

func (s *Server) page(c *fiber.Ctx, title string, data any) page {
	pg := page{Title: title, Path: c.Path(), Data: data, Rules: s.footerOf(data)}
	if p := principalOf(c); p != nil {
		u := p.User
		pg.User, pg.CSRF = &u, p.Session.CSRF
		pg.Unread = s.unread(c, p)
	} else {
		pg.CSRF = s.preCSRF(c)
	}
	return pg
}

// render writes a page. It renders into a buffer first so that a template error becomes a
// clean error page instead of half a page.
func (s *Server) render(c *fiber.Ctx, status int, name, title string, data any) error {
	var buf bytes.Buffer
	if err := s.views.render(&buf, name, s.page(c, title, data)); err != nil {
		return err
	}
	c.Status(status).Type("html", "utf-8")
	return c.Send(buf.Bytes())
}

// writeJSON writes v without HTML escaping, so "Sở TT&TT" reads as written, like the CLI.
func writeJSON(c *fiber.Ctx, status int, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	c.Status(status).Type("json", "utf-8")
	return c.Send(buf.Bytes())
}
