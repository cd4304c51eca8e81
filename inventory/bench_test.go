package inventory_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"capdo/inventory"
	"capdo/levels"
)

// BenchmarkRerate100k re-rates a 100,000-row CSV inventory: read, convert, classify on
// every core, in row order.
func BenchmarkRerate100k(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("id,name,owner,system_type,info_types,online_public_service_level,personal_data_users,infra_scope,ics_work_grade,approved_level\n")
	kinds := []string{
		"citizen_business,public;private;personal,%d,%d,,,3",
		"internal,private;personal,0,%d,,,2",
		"infrastructure,private,0,0,province,,%d",
		"industrial_control,private,0,0,,I,%d",
	}
	for i := range 100_000 {
		k := kinds[i%len(kinds)]
		var row string
		switch strings.Count(k, "%d") {
		case 2:
			row = fmt.Sprintf(k, i%5, i*7%40000)
		default:
			row = fmt.Sprintf(k, 1+i%5)
		}
		fmt.Fprintf(&sb, "HT-%06d,Hệ thống số %d,UBND tỉnh Kiên Giang,%s\n", i, i, row)
	}
	path := filepath.Join(b.TempDir(), "danh-muc.csv")
	if err := os.WriteFile(path, []byte(sb.String()), 0o600); err != nil {
		b.Fatal(err)
	}
	rs, _ := levels.Open(levels.DefaultRuleSet)
	b.ReportAllocs()
	for b.Loop() {
		rep, err := inventory.Rerate(context.Background(), rs, path)
		if err != nil || len(rep.Results) != 100_000 || rep.Failed() != 0 {
			b.Fatalf("Rerate: %v, %d results, %d failed", err, len(rep.Results), rep.Failed())
		}
	}
}
