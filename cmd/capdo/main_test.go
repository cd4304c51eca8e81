package main

import (
	"os"
	"testing"

	"capdo/credential"
)

// TestMain gives every password hashed in these tests the cheapest bcrypt cost;
// production's cost is checked in credential.
func TestMain(m *testing.M) {
	credential.Cost = credential.MinCost
	os.Exit(m.Run())
}
