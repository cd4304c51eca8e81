// Package inventory reads an inventory of systems from a spreadsheet (CSV or XLSX), one
// profile per row, re-rates every row against a rule set and writes the report of who
// moves up or down and why (docs/contract.md §3, `capdo rerate`).
//
// It reads XLSX files through capdo/sheet, which holds the bounds of every spreadsheet
// import, and writes the report through it too. A row that cannot be read is reported with its row
// number as a spreadsheet shows it (the header is row 1), its column and the reason; every
// other row is still rated.
package inventory
