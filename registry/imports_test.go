package registry_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"capdo/levels"
	"capdo/registry"
	"capdo/store"
)

// importer is who imports in these tests: an operator of the unit.
var importer = registry.Actor{Username: "vanhanh", Role: "operator"}

// goodAndBad is an inventory with good rows and one of each kind of bad row.
const goodAndBad = `id,name,owner,system_type,info_types,personal_data_users,infra_scope,approved_level
HT-10,Cổng thông tin Sở,UBND tỉnh A,citizen_business,public,0,,2
HT-11,Quản lý văn bản,UBND tỉnh A,internal,private;personal,3500,,
HT-12,Hệ thống sai loại,UBND tỉnh A,intranet,public,0,,
HT-13,Số âm,UBND tỉnh A,internal,personal,-5,,
HT-14,Trùng mã lần một,UBND tỉnh A,internal,public,0,,
HT-14,Trùng mã lần hai,UBND tỉnh A,internal,public,0,,
HT-15,Ngoặc "lạc" trong ô,UBND tỉnh A,internal,public,0,,
,Không có mã,UBND tỉnh A,internal,public,0,,
HT-16,Trung tâm dữ liệu,UBND tỉnh A,infrastructure,private,0,province,9
HT-17,Cấp độ phê duyệt ngoài khoảng,UBND tỉnh A,internal,public,0,,7
`

type wantRow struct {
	row       int
	id        string
	action    string
	level     int    // 0 for none
	errorHas  string // "" for no error
	changeHas string
}

func checkRows(t *testing.T, plan *registry.ImportPlan, wants []wantRow) {
	t.Helper()
	if len(plan.Rows) != len(wants) {
		t.Fatalf("%d rows, want %d: %+v", len(plan.Rows), len(wants), plan.Rows)
	}
	for i, w := range wants {
		r := plan.Rows[i]
		lvl := 0
		if r.Level != nil {
			lvl = *r.Level
		}
		errs := strings.Join(r.Errors, " | ")
		if r.Row != w.row || r.ID != w.id || r.Action != w.action || lvl != w.level || (w.errorHas == "") != (errs == "") ||
			!strings.Contains(errs, w.errorHas) || !strings.Contains(strings.Join(r.Changes, " | "), w.changeHas) {
			t.Errorf("row %d = %d %q %s level %d errors %q changes %q;\nwant %+v", i, r.Row, r.ID, r.Action, lvl, errs, r.Changes, w)
		}
	}
}

func countSystems(t *testing.T, e *env) int {
	t.Helper()
	n, err := e.db.CountSystems(context.Background(), e.sc, store.SystemFilter{Level: -1})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// A dry run plans every row, naming each bad one's row, column and reason, and writes
// nothing; applying writes the good rows, all in one transaction, and reports the bad.
func TestImport_BadRowsRefusedGoodRowsKept(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	r := e.registry(t, levels.DefaultRuleSet)
	before := countSystems(t, e)
	wants := []wantRow{
		{row: 2, id: "HT-10", action: "create", level: 2},
		{row: 3, id: "HT-11", action: "create", level: 2},
		{row: 4, id: "HT-12", action: "error", errorHas: "dòng 4: cột D (system_type)"},
		{row: 5, id: "HT-13", action: "error", errorHas: "dòng 5: cột F (personal_data_users)"},
		{row: 6, id: "HT-14", action: "error", errorHas: "dòng 6: cột A (id): mã «HT-14» có ở các dòng 6, 7"},
		{row: 7, id: "HT-14", action: "error", errorHas: "các dòng 6, 7"},
		{row: 8, action: "error", errorHas: "dòng 8: dấu ngoặc kép"},
		{row: 9, action: "error", errorHas: "dòng 9: cột A (id): cần mã hệ thống"},
		{row: 10, id: "HT-16", action: "error", errorHas: "dòng 10: cột H (approved_level)"},
		{row: 11, id: "HT-17", action: "error", errorHas: "cấp độ đã phê duyệt phải từ 1 đến 5"},
	}
	plan, err := r.Import(ctx, importer, e.unit, "danh-muc.csv", []byte(goodAndBad), true, registry.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkRows(t, plan, wants)
	if plan.Applied || countSystems(t, e) != before {
		t.Fatalf("a dry run wrote: applied %v, %d systems, had %d", plan.Applied, countSystems(t, e), before)
	}
	if plan.Count(registry.ImportCreate) != 2 || plan.Count(registry.ImportError) != 8 {
		t.Errorf("counts: create %d error %d", plan.Count(registry.ImportCreate), plan.Count(registry.ImportError))
	}

	applied, err := r.Import(ctx, importer, e.unit, "danh-muc.csv", []byte(goodAndBad), false, registry.ImportOptions{SHA256: plan.SHA256, Digest: plan.Digest})
	if err != nil {
		t.Fatal(err)
	}
	checkRows(t, applied, wants)
	if !applied.Applied || countSystems(t, e) != before+2 {
		t.Fatalf("applied %v, %d systems, want %d", applied.Applied, countSystems(t, e), before+2)
	}
	sys, err := e.db.System(ctx, e.sc, applied.Rows[0].SystemID)
	if err != nil || sys.Profile.Name != "Cổng thông tin Sở" || sys.OrgID != e.unit || sys.Version != 1 {
		t.Fatalf("created system = %+v, %v", sys, err)
	}
	decl, err := e.db.DeclaredLevels(ctx, []int64{sys.ID})
	if err != nil || decl[sys.ID].Level != 2 || decl[sys.ID].RuleSet != "d85-2016" {
		t.Errorf("declared level of HT-10 = %+v, %v; want 2 under d85-2016", decl, err)
	}
}

// Importing the same file again changes nothing; a changed row is a new version of its
// system, saying what changed, and the facts of columns the file lacks are kept.
func TestImport_SameAndUpdate(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	r := e.registry(t, levels.DefaultRuleSet)
	first := "id,name,owner,system_type,info_types,description\nHT-20,Cổng A,UBND tỉnh A,citizen_business,public,Mô tả giữ nguyên\nHT-21,Văn bản,UBND tỉnh A,internal,private,\n"
	plan, err := r.Import(ctx, importer, e.unit, "a.csv", []byte(first), false, registry.ImportOptions{})
	if err != nil || plan.Count("create") != 2 {
		t.Fatalf("first import: %+v %v", plan, err)
	}
	again, err := r.Import(ctx, importer, e.unit, "a.csv", []byte(first), false, registry.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkRows(t, again, []wantRow{{row: 2, id: "HT-20", action: "same", level: 2}, {row: 3, id: "HT-21", action: "same", level: 2}})

	// No description column: the stored description stays. HT-20 serves personal data of
	// 250,000 people now: level 3.
	second := "Mã hệ thống;Tên hệ thống;Chủ quản hệ thống;Loại hệ thống;Loại thông tin xử lý;personal_data_users\n" +
		"HT-20;Cổng A;UBND tỉnh A;citizen_business;\"public;personal\";250000\nHT-21;Văn bản;UBND tỉnh A;internal;private;\n"
	upd, err := r.Import(ctx, importer, e.unit, "b.csv", append([]byte("\uFEFF"), second...), false, registry.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkRows(t, upd, []wantRow{
		{row: 2, id: "HT-20", action: "update", level: 3, changeHas: "«Số người sử dụng có thông tin riêng, cá nhân»: — → 250000"},
		{row: 3, id: "HT-21", action: "same", level: 2},
	})
	sys, err := e.db.System(ctx, e.sc, upd.Rows[0].SystemID)
	if err != nil || sys.Version != 2 || sys.Level != 3 || sys.Profile.Description != "Mô tả giữ nguyên" || upd.Rows[0].Version != 2 {
		t.Errorf("updated system = version %d level %d description %q, row version %d; %v", sys.Version, sys.Level, sys.Profile.Description, upd.Rows[0].Version, err)
	}
	if upd.Rows[0].Previous == nil || *upd.Rows[0].Previous != 2 {
		t.Errorf("previous level = %v, want 2", upd.Rows[0].Previous)
	}
}

// A commit applies what its preview showed or nothing: the file must be the same, and a
// system changed since the preview refuses the whole import.
func TestImport_CommitBoundToPreview(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	r := e.registry(t, levels.DefaultRuleSet)
	data := []byte("id,name,owner,system_type,info_types\nHT-003,Cổng dịch vụ công (sửa),UBND tỉnh A,citizen_business,public;personal\nHT-30,Mới,UBND tỉnh A,internal,public\n")
	plan, err := r.Import(ctx, importer, e.unit, "c.csv", data, true, registry.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if plan.Rows[0].Action != "update" || plan.Rows[0].SystemID != e.system {
		t.Fatalf("HT-003 = %+v, want an update of system %d", plan.Rows[0], e.system)
	}
	before := countSystems(t, e)
	other := append([]byte{}, data...)
	other = append(other, "HT-31,Thêm,UBND tỉnh A,internal,public\n"...)
	if _, err := r.Import(ctx, importer, e.unit, "c.csv", other, false, registry.ImportOptions{SHA256: plan.SHA256, Digest: plan.Digest}); !errors.Is(err, registry.ErrPlanChanged) {
		t.Errorf("another file committed against the preview: %v", err)
	}
	// Someone edits HT-003 after the preview.
	if _, err := r.SaveSystem(ctx, operator, e.sc, e.system, e.unit, profileL3); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Import(ctx, importer, e.unit, "c.csv", data, false, registry.ImportOptions{SHA256: plan.SHA256, Digest: plan.Digest}); !errors.Is(err, registry.ErrPlanChanged) {
		t.Errorf("a commit after the registry changed: %v", err)
	}
	// The plan itself, applied after the change, writes nothing either.
	if err := r.ApplyImport(ctx, importer, plan); !errors.Is(err, registry.ErrPlanChanged) {
		t.Errorf("a stale plan applied: %v", err)
	}
	if countSystems(t, e) != before {
		t.Errorf("a refused commit wrote: %d systems, had %d", countSystems(t, e), before)
	}
}

// A file that cannot be read as an inventory is refused whole, naming the file's problem.
func TestImport_FileErrors(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := e.registry(t, levels.DefaultRuleSet)
	for _, c := range []struct{ name, data, want string }{
		{"x.csv", "id,name,owner,system_type,info_types,so_nguoi_dung\nHT-1,A,B,internal,public,3\n", "cột F «so_nguoi_dung» không được hỗ trợ"},
		{"x.csv", "", "tệp rỗng"},
		{"x.txt", "id,name\n", ".csv hoặc .xlsx"},
		{"x.xlsx", "id,name\n", "không mở được tệp Excel"},
		{"x.csv", "id,owner\nHT-1,A\n", "thiếu cột name"},
	} {
		_, err := r.Import(context.Background(), importer, e.unit, c.name, []byte(c.data), true, registry.ImportOptions{})
		var ie *levels.InvalidError
		if !errors.As(err, &ie) || ie.Problems[0].Field != "file" || !strings.Contains(ie.Problems[0].Message, c.want) {
			t.Errorf("%s %q: %v, want a problem of field file with %q", c.name, c.data, err, c.want)
		}
	}
}

// XLSX: a formula saved with its value reads as the value; one saved without (as programs
// write them) refuses its row rather than reading as an empty cell.
func TestImport_XLSXFormulas(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := e.registry(t, levels.DefaultRuleSet)
	f := excelize.NewFile()
	for i, row := range [][]any{
		{"id", "name", "owner", "system_type", "info_types", "personal_data_users"},
		{"HT-40", "Có công thức chưa tính", "UBND tỉnh A", "citizen_business", "personal", nil},
		{"HT-41", "Không có công thức", "UBND tỉnh A", "internal", "public", 0},
	} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SetCellFormula("Sheet1", "F2", "=100000*3"); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	plan, err := r.Import(context.Background(), importer, e.unit, "ds.xlsx", b.Bytes(), true, registry.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkRows(t, plan, []wantRow{
		{row: 2, id: "HT-40", action: "error", errorHas: "dòng 2: ô F2: là công thức nhưng tệp không lưu giá trị"},
		{row: 3, id: "HT-41", action: "create", level: 1},
	})
}

// A 10 MB workbook imports like a small one: its good rows planned, its bad row refused.
func TestImport_LargeXLSX(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("writes a 10 MB workbook")
	}
	e := newEnv(t)
	r := e.registry(t, levels.DefaultRuleSet)
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	if err := sw.SetRow("A1", []any{"id", "name", "owner", "system_type", "info_types", "description"}); err != nil {
		t.Fatal(err)
	}
	// Random descriptions do not compress: 3,600 rows of 3,900 characters make 10 MB.
	const rows = 3600
	noise := make([]byte, 2925)
	for i := range rows {
		rand.Read(noise)
		typ := "internal"
		if i == 1000 {
			typ = "khong-ro"
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, []any{fmt.Sprintf("HT-%05d", i), fmt.Sprintf("Hệ thống %d", i), "UBND tỉnh A", typ, "public",
			base64.StdEncoding.EncodeToString(noise)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	if b.Len() < 10<<20 {
		t.Fatalf("workbook is %d bytes, want at least 10 MB", b.Len())
	}
	before := countSystems(t, e)
	plan, err := r.Import(context.Background(), importer, e.unit, "lon.xlsx", b.Bytes(), false, registry.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if plan.Count("create") != rows-1 || plan.Count("error") != 1 || plan.Rows[1000].Row != 1002 ||
		!strings.Contains(plan.Rows[1000].Errors[0], "dòng 1002: cột D (system_type)") {
		t.Errorf("create %d error %d; row 1000 = %+v", plan.Count("create"), plan.Count("error"), plan.Rows[1000])
	}
	if got := countSystems(t, e); got != before+rows-1 {
		t.Errorf("%d systems after import, want %d", got, before+rows-1)
	}
}
