package registry

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"capdo/inventory"
	"capdo/levels"
	"capdo/store"
)

// Importing an inventory (docs/contract.md §7): a spreadsheet in the format of `capdo rerate` is
// read against the rule set in force, each row matched by its id to a system of the
// organisation, and the result planned row by row — create, update, same or error — before
// anything is written. Applying writes every good row in one transaction (store
// ImportSystems): an import is whole or not at all, and a refused row never stops the
// others.

// Import actions.
const (
	ImportCreate = "create"
	ImportUpdate = "update"
	ImportSame   = "same"
	ImportError  = "error"
)

// MaxImportRows and MaxImportBytes bound one import; a larger inventory is imported in
// parts.
const (
	MaxImportRows  = 100_000
	MaxImportBytes = 16 << 20
)

// DeclaredRuleSet is the rule set a declared approved level is taken to be under: a level
// approved before capdo kept the record was approved under Decree 85 [suy luận].
const DeclaredRuleSet = levels.DefaultRuleSet

// ImportRow is one row of an import.
type ImportRow struct {
	Row    int    `json:"row"` // as a spreadsheet shows it (the header is row 1)
	ID     string `json:"id"`
	Name   string `json:"name"`
	Level  *int   `json:"level"` // under the rule set in force; null for a refused row
	Action string `json:"action"`
	// Errors say why the row is refused, each naming the row, the column and the reason.
	Errors []string `json:"errors"`
	// Changes say what an update changes, fact by fact.
	Changes  []string `json:"changes,omitempty"`
	Warnings []string `json:"warnings,omitempty"`
	// SystemID is the system matched (an update or same) or, once applied, created.
	SystemID int64 `json:"system_id,omitempty"`
	// Version is the system version the row was written as, once applied.
	Version int `json:"version,omitempty"`
	// Previous is the level of the version an update replaces.
	Previous *int `json:"previous_level,omitempty"`
	// Declared is the level approved before capdo that the row declares (approved_level).
	Declared int `json:"declared_level,omitempty"`
}

// PreviousLevel and NewLevel are Previous and Level, 0 when absent.
func (r ImportRow) PreviousLevel() int { return deref(r.Previous) }
func (r ImportRow) NewLevel() int      { return deref(r.Level) }

func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

// ImportPlan is what an import does, row by row: after PlanImport what it would do, after
// ApplyImport what it did.
type ImportPlan struct {
	File    string `json:"file"`
	SHA256  string `json:"sha256"` // of the file
	OrgID   int64  `json:"org_id"`
	RuleSet string `json:"rule_set"`
	// Encoding is "windows-1258" when a CSV was read in that code page (Excel's plain CSV).
	Encoding string `json:"encoding,omitempty"`
	// Digest is the SHA-256 of everything applying writes: a commit made with it applies
	// exactly what the preview showed, or nothing (ErrPlanChanged).
	Digest  string      `json:"plan"`
	Applied bool        `json:"applied"`
	Rows    []ImportRow `json:"rows"`

	items    []store.ImportItem
	itemRows []int // index in Rows of each item
}

// Count returns how many rows have the action.
func (p *ImportPlan) Count(action string) int {
	n := 0
	for _, r := range p.Rows {
		if r.Action == action {
			n++
		}
	}
	return n
}

// ErrPlanChanged: the file or the registry changed since the preview the commit was asked
// to apply; nothing was written.
var ErrPlanChanged = errors.New("danh mục hoặc dữ liệu đã thay đổi kể từ lúc xem trước; chưa ghi gì, hãy xem trước lại")

// ImportOptions binds a commit to its preview.
type ImportOptions struct {
	// SHA256 and Digest, when set, must be those of the preview: the file's and the plan's.
	SHA256, Digest string
}

// Import plans the import of an inventory file into organisation orgID and, unless dryRun,
// applies it. The caller has checked that who may write to orgID.
func (r *Registry) Import(ctx context.Context, who Actor, orgID int64, name string, data []byte, dryRun bool, opt ImportOptions) (*ImportPlan, error) {
	plan, err := r.PlanImport(ctx, who, orgID, name, data)
	if err != nil {
		return nil, err
	}
	if (opt.SHA256 != "" && !strings.EqualFold(opt.SHA256, plan.SHA256)) || (opt.Digest != "" && opt.Digest != plan.Digest) {
		return plan, ErrPlanChanged
	}
	if dryRun {
		return plan, nil
	}
	return plan, r.ApplyImport(ctx, who, plan)
}

// PlanImport reads the file and decides each row's action, writing nothing. A file that
// cannot be read at all (not CSV or XLSX, an unknown or repeated column, no name column)
// is a *levels.InvalidError naming field "file".
func (r *Registry) PlanImport(ctx context.Context, who Actor, orgID int64, name string, data []byte) (*ImportPlan, error) {
	sum := sha256.Sum256(data)
	plan := &ImportPlan{File: name, SHA256: hex.EncodeToString(sum[:]), OrgID: orgID, RuleSet: r.rules.ID, Rows: []ImportRow{}}
	sch := r.rules.Schema()
	inv, err := inventory.ReadProfiles(name, data, sch, MaxImportRows)
	if err != nil {
		return nil, &levels.InvalidError{Problems: []levels.Problem{{Field: "file", Message: err.Error()}}}
	}
	plan.Encoding = inv.Encoding
	plan.Rows = make([]ImportRow, 0, len(inv.Rows))
	plan.items = make([]store.ImportItem, 0, len(inv.Rows))
	plan.itemRows = make([]int, 0, len(inv.Rows))
	existing, err := r.store.OrgSystems(ctx, orgID)
	if err != nil {
		return nil, err
	}
	byExt := map[string][]int{}
	ids := make([]int64, len(existing))
	for i, s := range existing {
		byExt[s.Profile.ID] = append(byExt[s.Profile.ID], i)
		ids[i] = s.ID
	}
	declared, err := r.store.DeclaredLevels(ctx, ids)
	if err != nil {
		return nil, err
	}
	// An id repeated in the file names one system twice: which row is right is for a
	// person to say, so every such row is refused.
	rowsOf := map[string][]int{}
	for _, row := range inv.Rows {
		if id := row.Profile.ID; id != "" {
			rowsOf[id] = append(rowsOf[id], row.Row)
		}
	}
	fileHasRisk := slices.Contains(inv.Keys, "risk_level")
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%d\n%s\n", plan.SHA256, orgID, r.rules.Digest)
	for _, in := range inv.Rows {
		out := ImportRow{Row: in.Row, ID: in.Profile.ID, Name: in.Profile.Name, Errors: []string{}}
		fail := func(field, format string, args ...any) {
			out.Errors = append(out.Errors, levels.Problem{Field: inv.Column(field), Line: in.Row, Message: fmt.Sprintf(format, args...)}.String())
		}
		for _, p := range in.Problems {
			out.Errors = append(out.Errors, p.String())
		}
		var match *store.System
		switch ms := byExt[in.Profile.ID]; {
		case len(out.Errors) > 0:
		case in.Profile.ID == "":
			fail("id", "cần mã hệ thống: nhập danh mục nhận ra hệ thống đã có qua mã, nên mỗi dòng phải có mã riêng")
		case len(rowsOf[in.Profile.ID]) > 1:
			fail("id", "mã «%s» có ở các dòng %s; mỗi mã chỉ được một dòng", in.Profile.ID, joinInts(rowsOf[in.Profile.ID]))
		case len(ms) > 1:
			var sys []string
			for _, i := range ms {
				sys = append(sys, strconv.FormatInt(existing[i].ID, 10))
			}
			fail("id", "đơn vị có %d hệ thống cùng mã «%s» (số %s); hãy sửa mã của chúng trong ứng dụng trước", len(ms), in.Profile.ID, strings.Join(sys, ", "))
		case len(ms) == 1:
			match = &existing[ms[0]]
		}
		if len(out.Errors) > 0 {
			out.Action = ImportError
			plan.Rows = append(plan.Rows, out)
			continue
		}
		item, profJSON, err := r.planRow(ctx, &out, in, inv, match, declared, fileHasRisk)
		if err != nil {
			return nil, err
		}
		if item != nil {
			fmt.Fprintf(h, "%d %d %d %s\n", item.SystemID, item.Base, item.Declared, profJSON)
			plan.items = append(plan.items, *item)
			plan.itemRows = append(plan.itemRows, len(plan.Rows))
		}
		plan.Rows = append(plan.Rows, out)
	}
	plan.Digest = hex.EncodeToString(h.Sum(nil))
	return plan, nil
}

// planRow decides a readable row's action and returns what applying it writes (nil for
// same and error), with the profile written as JSON. A row matching a system updates the facts of the file's columns; a fact
// whose column the file lacks keeps its stored value.
func (r *Registry) planRow(ctx context.Context, out *ImportRow, in inventory.ProfileRow, inv *inventory.Profiles, match *store.System,
	declared map[int64]store.DeclaredLevel, fileHasRisk bool) (*store.ImportItem, []byte, error) {
	fail := func(field, format string, args ...any) {
		if field != "" {
			field = inv.Column(rootKey(field))
		}
		out.Errors = append(out.Errors, levels.Problem{Field: field, Line: in.Row, Message: fmt.Sprintf(format, args...)}.String())
		out.Action = ImportError
	}
	sch := r.rules.Schema()
	prof := in.Profile
	if match != nil {
		out.SystemID = match.ID
		prof = match.Profile
		for _, k := range inv.Keys {
			if k != inventory.ColumnApproved {
				copyFact(&prof, &in.Profile, k, sch.Kind(k))
			}
		}
		// The merged profile is checked again: a fact kept from the stored version may not
		// fit a new one (an infrastructure system without its scope).
		for _, p := range sch.Validate(&prof) {
			fail(p.Field, "%s (sau khi ghép với hồ sơ đã lưu của hệ thống số %d)", p.Message, match.ID)
		}
		if fileHasRisk {
			rec, err := r.store.RiskAssessmentAt(ctx, match.ID, match.Version)
			switch {
			case errors.Is(err, store.ErrNotFound):
			case err != nil:
				return nil, nil, err
			case riskLevel(&prof) != rec.Assessment.Level:
				fail("risk_level", "là cấp độ mà đánh giá rủi ro an ninh mạng đã lập hỗ trợ: %d (phiên bản %d); muốn đổi, hãy lập đánh giá rủi ro mới",
					rec.Assessment.Level, rec.Version)
			}
		}
	}
	declare := 0
	if in.Approved != nil {
		switch {
		case match != nil && match.Approved != nil && match.Approved.Level != *in.Approved:
			fail(inventory.ColumnApproved, "hệ thống đã có cấp độ %d được phê duyệt trong capdo (hồ sơ số %d); cột này không sửa cấp độ đã phê duyệt",
				match.Approved.Level, match.Approved.DossierID)
		case match != nil && match.Approved != nil:
			// The approval on record says the same.
		case match == nil || declared[match.ID].Level != *in.Approved:
			declare = *in.Approved
			out.Declared = declare
		}
	}
	if out.Action == ImportError {
		return nil, nil, nil
	}
	dec, err := r.rules.Classify(ctx, &prof)
	if err != nil {
		fail("", "%v", err)
		return nil, nil, nil
	}
	out.Level = &dec.Level
	out.Warnings = dec.Warnings
	out.ID, out.Name = prof.ID, prof.Name
	now, err := json.Marshal(prof)
	if err != nil {
		return nil, nil, err
	}
	if match == nil {
		out.Action = ImportCreate
		return &store.ImportItem{Version: store.NewVersion{Profile: prof, Decision: dec}, Declared: declare, DeclaredRuleSet: DeclaredRuleSet}, now, nil
	}
	old, err := json.Marshal(match.Profile)
	if err != nil {
		return nil, nil, err
	}
	out.Changes = factChanges(sch, &match.Profile, &prof)
	if declare > 0 {
		out.Changes = append(out.Changes, fmt.Sprintf("Cấp độ đã phê duyệt trước khi dùng capdo (khai báo): %s → %d", levelOrDash(declared[match.ID].Level), declare))
	}
	if string(old) == string(now) && declare == 0 {
		out.Action = ImportSame
		out.Changes = nil
		return nil, nil, nil
	}
	out.Action = ImportUpdate
	prev := match.Level
	out.Previous = &prev
	return &store.ImportItem{SystemID: match.ID, Base: match.Version, Version: store.NewVersion{Profile: prof, Decision: dec},
		Declared: declare, DeclaredRuleSet: DeclaredRuleSet}, now, nil
}

// ApplyImport writes every good row of the plan in one transaction and records, in each
// row, the system and version written. A plan with no good row writes nothing. The store's
// ErrConflict (a system changed since the plan) is ErrPlanChanged.
func (r *Registry) ApplyImport(ctx context.Context, who Actor, plan *ImportPlan) error {
	if plan.Applied {
		return errors.New("registry: import already applied")
	}
	if len(plan.items) > 0 {
		for i := range plan.items {
			plan.items[i].Version.ActorID = who.UserID
		}
		done, err := r.store.ImportSystems(ctx, plan.OrgID, plan.items)
		if errors.Is(err, store.ErrConflict) {
			return fmt.Errorf("%w (%v)", ErrPlanChanged, err)
		}
		if err != nil {
			return err
		}
		for i, d := range done {
			row := &plan.Rows[plan.itemRows[i]]
			row.SystemID, row.Version = d.ID, d.Version
		}
	}
	plan.Applied = true
	return nil
}

// copyFact sets key of dst to its value in src.
func copyFact(dst, src *levels.Profile, key string, kind levels.Kind) {
	switch kind {
	case levels.KindList:
		_ = dst.SetList(key, src.List(key))
	case levels.KindBool:
		_ = dst.SetBool(key, src.Bool(key))
	case levels.KindInt:
		_ = dst.SetInt(key, src.Int(key))
	default:
		_ = dst.SetText(key, src.Text(key))
	}
}

// factChanges lists the facts that differ, in the order of the schema, each named by its
// label as the spreadsheet's header may be: "«Loại hệ thống»: internal → citizen_business".
func factChanges(sch *levels.Schema, old, now *levels.Profile) []string {
	var out []string
	for _, f := range sch.Fields() {
		a, b := factText(old, f), factText(now, f)
		if a != b {
			out = append(out, fmt.Sprintf("«%s»: %s → %s", f.Label, orDash(a), orDash(b)))
		}
	}
	return out
}

func factText(p *levels.Profile, f levels.Field) string {
	switch f.Kind {
	case levels.KindList:
		return strings.Join(p.List(f.Key), "; ")
	case levels.KindBool:
		if p.Bool(f.Key) {
			return "true"
		}
		return ""
	case levels.KindInt:
		if n := p.Int(f.Key); n != 0 {
			return strconv.FormatInt(n, 10)
		}
		return ""
	}
	s := p.Text(f.Key)
	if len([]rune(s)) > 80 {
		s = string([]rune(s)[:79]) + "…"
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func levelOrDash(l int) string {
	if l == 0 {
		return "—"
	}
	return strconv.Itoa(l)
}

// rootKey strips an index: "info_types[1]" → "info_types".
func rootKey(field string) string {
	k, _, _ := strings.Cut(field, "[")
	return k
}

func joinInts(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, ", ")
}
