package server_test

import "testing"

// benchList measures one GET over 1,000 systems in scope: a page sorted by name (every
// match is read and sorted in Vietnamese order, then cut to a page) and the exports.
func benchList(b *testing.B, url string) {
	f := newFixture(b)
	for i := 0; i < 1000; i++ {
		f.createSystem("vanhanhA", profileL3)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if resp, _ := f.do("vanhanhA", "GET", url, "", ""); resp.StatusCode != 200 {
			b.Fatal(resp.StatusCode)
		}
	}
}

func BenchmarkSystemsPageDefaultOrder(b *testing.B) { benchList(b, "/systems") }
func BenchmarkSystemsPageByName(b *testing.B)       { benchList(b, "/systems?sort=name&dir=asc") }
func BenchmarkExportSystemsCSV(b *testing.B)        { benchList(b, "/api/v1/systems?format=csv") }
func BenchmarkExportSystemsXLSX(b *testing.B)       { benchList(b, "/systems?format=xlsx") }
