package templates

import "embed"

// HTML holds the web application's page templates (html/template syntax): layout.html
// and one file per page.
//
//go:embed html/*.html
var HTML embed.FS

// Static holds the style sheet and scripts served under /static. Everything is embedded so
// that capdo works offline, without any CDN.
//
//go:embed static
var Static embed.FS
