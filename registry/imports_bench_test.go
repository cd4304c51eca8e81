package registry_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"testing"

	"capdo/levels"
	"capdo/registry"
)

// benchInventory is a 10,000-row inventory in the contract's columns.
func benchInventory(n int, suffix string) []byte {
	var b strings.Builder
	b.WriteString("id,name,owner,operator,system_type,info_types,online_public_service_level,personal_data_users,infra_scope,ics_work_grade,approved_level\n")
	for i := range n {
		var row string
		switch i % 4 {
		case 0:
			row = fmt.Sprintf("citizen_business,public;private;personal,%d,%d,,,3", i%5, (i*7)%400000)
		case 1:
			row = fmt.Sprintf("internal,private;personal,0,%d,,,2", (i*7)%40000)
		case 2:
			row = fmt.Sprintf("infrastructure,private,0,0,province,,%d", 1+i%5)
		default:
			row = fmt.Sprintf("industrial_control,private,0,0,,I,%d", 1+i%5)
		}
		fmt.Fprintf(&b, "HT-%06d,Hệ thống số %d%s,UBND tỉnh A,Sở A,%s\n", i, i, suffix, row)
	}
	return []byte(b.String())
}

// go test ./registry -run '^$' -bench 'Import|CSVRead' -benchtime 3x
// Planning 10,000 rows against an empty registry, against a registry holding them all,
// and applying them, beside a bare encoding/csv read of the same bytes.
func BenchmarkCSVRead10k(b *testing.B) {
	data := benchInventory(10_000, "")
	for b.Loop() {
		r := csv.NewReader(bytes.NewReader(data))
		for {
			if _, err := r.Read(); err == io.EOF {
				break
			}
		}
	}
}

func BenchmarkImportPlan10k(b *testing.B) {
	e := newEnv(b)
	r := e.registry(b, levels.DefaultRuleSet)
	data := benchInventory(10_000, "")
	for b.Loop() {
		if _, err := r.Import(context.Background(), importer, e.unit, "b.csv", data, true, registry.ImportOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkImportApply10k(b *testing.B) {
	data := benchInventory(10_000, "")
	for b.Loop() {
		b.StopTimer()
		e := newEnv(b)
		r := e.registry(b, levels.DefaultRuleSet)
		b.StartTimer()
		if _, err := r.Import(context.Background(), importer, e.unit, "b.csv", data, false, registry.ImportOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkImportPlanUnchanged10k(b *testing.B) {
	e := newEnv(b)
	r := e.registry(b, levels.DefaultRuleSet)
	data := benchInventory(10_000, "")
	if _, err := r.Import(context.Background(), importer, e.unit, "b.csv", data, false, registry.ImportOptions{}); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := r.Import(context.Background(), importer, e.unit, "b.csv", data, true, registry.ImportOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
