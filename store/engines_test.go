package store_test

import (
	"os"
	"testing"

	"capdo/store/storetest"
)

// TestMain runs the store's tests on SQLite, then again on PostgreSQL (storetest.Rerun).
func TestMain(m *testing.M) {
	os.Exit(storetest.Rerun(m.Run()))
}
