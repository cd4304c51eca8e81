// Command geninventory writes the synthetic inventory of bench/invgen to standard output:
//
//	go run ./bench/geninventory -rows 100000 > danh-muc.csv
package main

import (
	"flag"
	"fmt"
	"os"

	"capdo/bench/invgen"
)

func main() {
	rows := flag.Int("rows", 100_000, "number of systems")
	seed := flag.Uint64("seed", 1, "seed of the generator")
	flag.Parse()
	if err := invgen.Write(os.Stdout, *rows, *seed); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
