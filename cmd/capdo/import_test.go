package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"capdo/store"
)

// capdo import: the dry run lists every row and writes nothing; the import writes the good
// rows and reports the refused one with its row, column and reason, with exit status 1.
func TestImport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "capdo.db")
	if code, _, errOut := capdo(t, "mat-khau-van-hanh", "users", "add", "--db", db, "--username", "vanhanh", "--role", "operator",
		"--org", "Sở Y tế", "--parent", "UBND tỉnh A", "--password-stdin"); code != exitOK {
		t.Fatalf("users add: %s", errOut)
	}
	inv := filepath.Join(dir, "danh-muc.csv")
	os.WriteFile(inv, []byte("id,name,owner,system_type,info_types\nHT-1,Cổng Sở,UBND tỉnh A,citizen_business,public\nHT-2,Sai,UBND tỉnh A,intranet,public\n"), 0o600)
	count := func() int {
		st, err := store.Open(context.Background(), db, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		o, _ := st.OrgByName(context.Background(), "Sở Y tế")
		list, _ := st.OrgSystems(context.Background(), o.ID)
		return len(list)
	}

	code, out, errOut := capdo(t, "", "import", "--db", db, "--org", "Sở Y tế", "--dry-run", inv)
	if code != exitFailure || !strings.Contains(out, "tạo mới") || !strings.Contains(out, "chưa ghi gì") ||
		!strings.Contains(errOut, "dòng 3: cột D (system_type)") || count() != 0 {
		t.Fatalf("dry run = %d, %d systems\n%s%s", code, count(), out, errOut)
	}
	code, out, errOut = capdo(t, "", "import", "--db", db, "--org", "Sở Y tế", "--format", "json", inv)
	var res struct {
		Created, Failed int
		Applied         bool
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || code != exitFailure || res.Created != 1 || res.Failed != 1 || !res.Applied || count() != 1 {
		t.Fatalf("import = %d %+v %v, %d systems\n%s%s", code, res, err, count(), out, errOut)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"import", "--db", db, inv}, "--org là bắt buộc"},
		{[]string{"import", "--db", db, "--org", "Không có", inv}, "không có đơn vị «Không có»"},
		{[]string{"import", "--db", db, "--org", "Sở Y tế", filepath.Join(dir, "khong-co.csv")}, "khong-co.csv"},
		{[]string{"import", "--db", db, "--org", "Sở Y tế", db}, ".csv hoặc .xlsx"},
	} {
		if code, _, errOut := capdo(t, "", c.args...); code != exitInvalid || !strings.Contains(errOut, c.want) {
			t.Errorf("%v = %d %s, want 2 and %q", c.args, code, errOut, c.want)
		}
	}
}
