package inventory_test

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"capdo/bench/invgen"
	"capdo/inventory"
	"capdo/levels"
)

// The rerate benchmarks and their floor read the same generated 100,000-row inventory
// (bench/invgen). Besides wall time per operation they report cpu-ns/op, the CPU time of
// the whole process (every goroutine, the garbage collector too) per operation: on a
// shared machine wall time measures the neighbours, CPU time measures the work. Compare
// the two benchmarks of one run:
//
//	go test -run '^$' -bench '100k' -benchtime 5x ./inventory

const benchRows = 100_000

func benchInventory(b *testing.B) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "danh-muc.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := invgen.Write(f, benchRows, 1); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

// cpuTime is the user and system CPU time the process has used so far.
func cpuTime(b *testing.B) int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// loop runs op b.N times and reports its CPU time per operation.
func loop(b *testing.B, op func()) {
	b.ReportAllocs()
	start := cpuTime(b)
	n := 0
	for b.Loop() {
		op()
		n++
	}
	b.ReportMetric(float64(cpuTime(b)-start)/float64(n), "cpu-ns/op")
}

// BenchmarkRerate100k is `capdo rerate --out REPORT.csv` without the process start: read,
// convert and classify every row (on every core) and write the report as rows are rated.
func BenchmarkRerate100k(b *testing.B) {
	for _, id := range []string{"d85-2016", "d331-2026"} {
		b.Run(id, func(b *testing.B) {
			path := benchInventory(b)
			out := filepath.Join(b.TempDir(), "bao-cao.csv")
			rs, err := levels.Open(id)
			if err != nil {
				b.Fatal(err)
			}
			loop(b, func() {
				sum, err := inventory.RerateTo(context.Background(), rs, path, out, inventory.Options{})
				if err != nil || sum.Rows != benchRows || sum.Failed != 0 {
					b.Fatalf("RerateTo: %v, %+v", err, sum)
				}
			})
		})
	}
}

// BenchmarkCSVFloor100k reads the same inventory with encoding/csv and writes every
// record back through a buffered csv.Writer: the floor BenchmarkRerate100k is held to
// (within 3×, aim 2×), as bench/csvfloor is for the command.
func BenchmarkCSVFloor100k(b *testing.B) {
	path := benchInventory(b)
	out := filepath.Join(b.TempDir(), "ban-sao.csv")
	loop(b, func() {
		if err := copyCSV(path, out); err != nil {
			b.Fatal(err)
		}
	})
}

// copyCSV is bench/csvfloor's work.
func copyCSV(in, out string) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	o, err := os.Create(out)
	if err != nil {
		return err
	}
	defer o.Close()
	bw := bufio.NewWriter(o)
	r := csv.NewReader(bufio.NewReader(f))
	r.FieldsPerRecord = -1
	w := csv.NewWriter(bw)
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		if err := w.Write(rec); err != nil {
			return err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return bw.Flush()
}
