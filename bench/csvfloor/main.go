// Command csvfloor reads a CSV file with encoding/csv and writes every record to another
// file through a buffered csv.Writer, nothing more: the floor that `capdo rerate` on the
// same file is measured against (bench/rerate.sh).
//
//	csvfloor IN.csv OUT.csv
package main

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: csvfloor IN.csv OUT.csv")
		os.Exit(2)
	}
	if err := copyCSV(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

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
	if err := bw.Flush(); err != nil {
		return err
	}
	return o.Close()
}
