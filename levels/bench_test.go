package levels_test

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"testing"

	"capdo/levels"
)

// typical is a citizen-facing provincial system, the commonest kind in an inventory.
func typical(i int) levels.Profile {
	return levels.Profile{
		ID: fmt.Sprintf("HT-%06d", i), Name: "Hệ thống thông tin giải quyết thủ tục hành chính", Owner: "UBND tỉnh Kiên Giang",
		SystemType: "citizen_business", InfoTypes: []string{"public", "private", "personal"},
		OnlinePublicServiceLevel: int64(i % 5), PersonalDataUsers: int64(i * 7 % 40000),
	}
}

// BenchmarkClassify measures one typical profile against the whole d85-2016 set on one
// goroutine (target ≤ 5 µs).
func BenchmarkClassify(b *testing.B) {
	rs := mustOpen(b)
	p := typical(1)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := rs.Classify(ctx, &p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkClassify100k classifies 100,000 varied profiles per iteration with one worker
// per core (target ≤ 0.5 s per iteration on two cores).
func BenchmarkClassify100k(b *testing.B) {
	rs := mustOpen(b)
	const n = 100_000
	profiles := make([]levels.Profile, n)
	for i := range profiles {
		profiles[i] = typical(i)
	}
	ctx := context.Background()
	workers := runtime.GOMAXPROCS(0)
	b.ReportAllocs()
	for b.Loop() {
		var wg sync.WaitGroup
		errs := make(chan error, workers)
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := w; i < n; i += workers {
					if _, err := rs.Classify(ctx, &profiles[i]); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		if err := <-errs; err != nil {
			b.Fatal(err)
		}
	}
}

// typical331 is a citizen-facing provincial system described for Decree 331: data subjects
// on both sides of the thresholds, some handling administrative procedures, most with a
// risk assessment.
func typical331(i int) levels.Profile {
	p := levels.Profile{
		ID: fmt.Sprintf("HT-%06d", i), Name: "Hệ thống thông tin giải quyết thủ tục hành chính", Owner: "UBND tỉnh Kiên Giang",
		SystemType: "citizen_business", InfoTypes: []string{"public", "private", "personal"},
		HandlesAdminProcedures: i%3 == 0, BasicPDSubjects: int64(i * 7 % 200_000), SensitivePDSubjects: int64(i * 3 % 20_000),
	}
	p.SetInt("risk_level", int64(i%4))
	return p
}

// BenchmarkClassifyD331 measures one typical profile against the whole d331-2026 set, its
// checks and principles included, on one goroutine (target ≤ 5 µs).
func BenchmarkClassifyD331(b *testing.B) {
	rs, err := levels.Open("d331-2026")
	if err != nil {
		b.Fatal(err)
	}
	p := typical331(3)
	ctx := context.Background()
	b.ReportAllocs()
	start := processorTime()
	for b.Loop() {
		if _, err := rs.Classify(ctx, &p); err != nil {
			b.Fatal(err)
		}
	}
	reportProcessor(b, start)
}

// BenchmarkClassify100kD331 classifies 100,000 varied profiles under d331-2026 per
// iteration with one worker per core (target ≤ 0.5 s per iteration on one core per
// 100,000, i.e. ≤ 5 µs a profile).
func BenchmarkClassify100kD331(b *testing.B) {
	rs, err := levels.Open("d331-2026")
	if err != nil {
		b.Fatal(err)
	}
	const n = 100_000
	profiles := make([]levels.Profile, n)
	for i := range profiles {
		profiles[i] = typical331(i)
	}
	ctx := context.Background()
	workers := runtime.GOMAXPROCS(0)
	b.ReportAllocs()
	start := processorTime()
	for b.Loop() {
		var wg sync.WaitGroup
		errs := make(chan error, workers)
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := w; i < n; i += workers {
					if _, err := rs.Classify(ctx, &profiles[i]); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		if err := <-errs; err != nil {
			b.Fatal(err)
		}
	}
	reportProcessor(b, start)
}

// BenchmarkRate is BenchmarkClassify through Rate, as re-rating an inventory classifies:
// the profile's combination of facts is met again, so no rule runs.
func BenchmarkRate(b *testing.B) {
	rs := mustOpen(b)
	p := typical(1)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := rs.Rate(ctx, &p); err != nil {
			b.Fatal(err)
		}
	}
}
