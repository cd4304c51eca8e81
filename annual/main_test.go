package annual_test

import (
	"os"
	"testing"

	"capdo/office/officetest"
)

// TestMain sends the report's conversion to PDF through the repository's test cache
// (office/officetest): LibreOffice runs once per changed document.
func TestMain(m *testing.M) {
	officetest.Use()
	os.Exit(m.Run())
}
