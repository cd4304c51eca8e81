package templates

import "embed"

// DOCX holds the default dossier templates, docx/<name>.docx for each name in
// dossier.TemplateNames (Decree 85) and docx/d331/<name>.docx for each name in
// dossier.D331Names (Decree 331). They are generated from templates/internal/gendocx;
// edit the generator, not the files, and run `go generate ./templates`.
//
//go:generate go run ./internal/gendocx -out docx
//go:embed docx/*.docx docx/d331/*.docx
var DOCX embed.FS
