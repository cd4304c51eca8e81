package server_test

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"
)

// A level declared approved on import shows in the system list's exports and orders the
// list by approved level as the page shows it: the newest approval's level, else the
// declared level (for programs the contract's seven columns, the source in the JSON list;
// for people «Khai báo khi nhập danh mục» beside the level). An approval recorded in capdo
// prevails over a declaration.
func TestSystemList_DeclaredLevels(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.importInventory()
	// HT-003 (sysA3) declared 3, then approved in capdo at 3; HT-101 declared 2; HT-102 and
	// HT-004 (sysA4) neither.
	f.dossierAt(f.sysA3, "approved")

	// For programs: exactly the contract's columns.
	_, body := f.do("vanhanhA", "GET", "/api/v1/systems?format=csv&sort=approved&dir=asc", "", "")
	recs := readCSV(t, body)
	if !slices.Equal(recs[0], []string{"id", "name", "owner", "operator", "level", "approved_level", "status"}) {
		t.Fatalf("API CSV header %q", recs[0])
	}
	var ids []string
	held := map[string]string{}
	for _, r := range recs[1:] {
		ids = append(ids, r[0])
		held[r[0]] = r[5]
	}
	if want := map[string]string{"HT-101": "2", "HT-003": "3", "HT-004": "", "HT-102": ""}; !maps.Equal(held, want) {
		t.Errorf("API CSV approved levels %v, want %v", held, want)
	}
	if len(ids) != 4 || ids[0] != "HT-101" || ids[1] != "HT-003" {
		t.Errorf("API CSV by approved level, ascending: %v, want HT-101 (declared 2), HT-003 (3), then those with none", ids)
	}

	// For people: the source in words beside the level.
	_, body = f.do("vanhanhA", "GET", "/systems?format=csv&sort=approved&dir=desc", "", "")
	recs = readCSV(t, strings.TrimPrefix(body, "\uFEFF"))
	if got := recs[0][5:7]; !slices.Equal(got, []string{"Cấp độ đã phê duyệt", "Nguồn cấp độ đã phê duyệt"}) {
		t.Fatalf("page CSV headers %q", recs[0])
	}
	if len(recs) != 5 || recs[1][0] != "HT-003" || recs[2][0] != "HT-101" {
		t.Fatalf("page CSV by approved level, descending: %q", recs)
	}
	if got := recs[1][5:7]; !slices.Equal(got, []string{"3", "Quyết định phê duyệt trong capdo"}) {
		t.Errorf("approved row %q", recs[1])
	}
	if got := recs[2][5:7]; !slices.Equal(got, []string{"2", "Khai báo khi nhập danh mục"}) {
		t.Errorf("declared row %q", recs[2])
	}
	if recs[2][7] != "" || recs[2][8] != "" {
		t.Errorf("a declared level has no decision nor inspection in capdo: %q", recs[2])
	}

	// The API's list: the same order, the declaration apart from the approval.
	_, body = f.do("vanhanhA", "GET", "/api/v1/systems?sort=approved&dir=desc", "", "")
	var list []struct {
		SystemID string          `json:"system_id"`
		Approved json.RawMessage `json:"approved"`
		Declared *struct {
			Level   int    `json:"level"`
			RuleSet string `json:"rule_set"`
		} `json:"declared"`
	}
	if err := json.Unmarshal([]byte(body), &list); err != nil {
		t.Fatalf("%v\n%s", err, clip(body))
	}
	if len(list) != 4 || list[0].SystemID != "HT-003" || list[1].SystemID != "HT-101" {
		t.Fatalf("API list by approved level, descending: %+v", list)
	}
	if list[0].Declared != nil || string(list[0].Approved) == "null" {
		t.Errorf("an approval in capdo prevails over the declaration: %+v", list[0])
	}
	if d := list[1].Declared; d == nil || d.Level != 2 || d.RuleSet != "d85-2016" || string(list[1].Approved) != "null" {
		t.Errorf("the declared system in the API list: %+v", list[1])
	}

	// The page sorts the same way.
	_, body = f.do("vanhanhA", "GET", "/systems?sort=approved&dir=asc", "", "")
	body = body[strings.Index(body, `id="systems-list"`):]
	if got := order(body, "HT-101", "HT-003", "HT-102"); !slices.Equal(got, []string{"HT-101", "HT-003", "HT-102"}) {
		t.Errorf("page by approved level, ascending: %v", got)
	}
}
