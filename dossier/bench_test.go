package dossier

import (
	"context"
	"runtime"
	"sync"
	"testing"
)

// BenchmarkDossier renders one full dossier (five documents, each read back and checked).
// bytes/op ÷ 5 is the memory per document.
func BenchmarkDossier(b *testing.B) {
	e := embedded(b)
	in := input(b, "dich-vu-cong-tinh.yaml")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Render(context.Background(), in); err != nil {
			b.Fatal(err)
		}
	}
}

// Benchmark1000Dossiers renders 1,000 dossiers of the sample profiles with a worker pool
// of GOMAXPROCS goroutines, as bulk generation does; one op is the whole batch.
func Benchmark1000Dossiers(b *testing.B) {
	e := embedded(b)
	profiles := []string{"ban-tin-noi-bo.yaml", "cong-thong-tin-so.yaml", "dich-vu-cong-tinh.yaml", "he-thong-co-phan-he.yaml",
		"quan-ly-van-ban.yaml", "scada-cap-i.yaml", "trung-tam-du-lieu.yaml", "van-ban-mat.yaml"}
	inputs := make([]Input, len(profiles))
	for i, p := range profiles {
		inputs[i] = input(b, p)
	}
	b.ReportAllocs()
	for b.Loop() {
		jobs := make(chan Input)
		errs := make(chan error, 1)
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for in := range jobs {
					if _, err := e.Render(context.Background(), in); err != nil {
						select {
						case errs <- err:
						default:
						}
					}
				}
			}()
		}
		for i := range 1000 {
			jobs <- inputs[i%len(inputs)]
		}
		close(jobs)
		wg.Wait()
		select {
		case err := <-errs:
			b.Fatal(err)
		default:
		}
	}
}
