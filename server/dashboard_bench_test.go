package server_test

import "testing"

// BenchmarkDashboardPage measures GET / (the dashboard: counts, inbox, transition block,
// inventory block) for an operator whose unit has 1,000 systems.
//
//	go test ./server -run '^$' -bench DashboardPage -benchtime 20x
func BenchmarkDashboardPage(b *testing.B) {
	f := newFixture(b)
	for range 1000 {
		f.createSystem("vanhanhA", profileL3)
	}
	for b.Loop() {
		if resp, _ := f.do("vanhanhA", "GET", "/", "", ""); resp.StatusCode != 200 {
			b.Fatal(resp.StatusCode)
		}
	}
}
