package templates

import "embed"

// DOCX holds the default dossier templates, docx/<name>.docx for each name in
// dossier.TemplateNames. They are generated from templates/internal/gendocx; edit the generator,
// not the files, and run `go generate ./templates`.
//
//go:generate go run ./internal/gendocx -out docx
//go:embed docx/*.docx
var DOCX embed.FS
