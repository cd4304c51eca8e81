package main

import (
	"os"
	"testing"

	"capdo/credential"
	"capdo/office/officetest"
)

// TestMain gives every password hashed in these tests the cheapest bcrypt cost;
// production's cost is checked in credential. With CAPDO_TEST_AS_CAPDO=1 the test binary
// is the capdo command itself, as it is, for tests that start it as a process of its own
// (startCapdo).
func TestMain(m *testing.M) {
	// --pdf converts through the repository's test cache (office/officetest), here and
	// in this binary run as capdo.
	officetest.Use()
	if os.Getenv("CAPDO_TEST_AS_CAPDO") == "1" {
		main()
		return
	}
	credential.Cost = credential.MinCost
	os.Exit(m.Run())
}
