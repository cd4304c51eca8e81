package inventory

import (
	"capdo/sheet"
)

// An XLSX inventory is read through sheet.ReadFile, which holds the bounds every
// spreadsheet import shares (file, unpacked and in-memory sizes, shared strings, cells
// seen); the bounds of the table itself (rows, columns, cell length) are limits.admit's.

// errEmptySheet is a worksheet without a header.
var errEmptySheet = sheet.ErrEmpty

// scanXLSX reads the first worksheet row by row.
func scanXLSX(path string, take rowFunc) error {
	return sheet.ReadFile(path, func(n int, rec []string) error { return take(n, rec, "") })
}
