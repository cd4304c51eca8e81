package server

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"strings"

	"github.com/gofiber/fiber/v2"

	"capdo/levels"
	"capdo/registry"
	"capdo/store"
)

// Importing an inventory (docs/contract.md §7). The page shows the dry run first; «Áp dụng» sends
// the same file again with the SHA-256 of the file and of the plan the preview showed, so
// that the commit applies exactly that, or nothing (registry.ErrPlanChanged). The page's
// script (static/import.js) keeps the chosen file, sends it with a progress bar and puts
// the answer in place; without it, the form works as any other and asks for the file again.

// importUpload is an inventory file from a multipart request (field file), with the
// content checked against its name.
func importUpload(c *fiber.Ctx) (string, []byte, error) {
	fh, err := c.FormFile("file")
	if err != nil {
		return "", nil, &httpError{Status: fiber.StatusBadRequest, Message: "Dữ liệu không hợp lệ.",
			Problems: []levels.Problem{{Field: "file", Message: "cần tệp danh mục (.csv hoặc .xlsx) trong trường «file» (multipart/form-data)"}}}
	}
	name := filepath.Base(strings.Clone(fh.Filename))
	ext := strings.ToLower(filepath.Ext(name))
	if ext != ".csv" && ext != ".xlsx" {
		return name, nil, errImportType
	}
	if fh.Size > ImportMaxBytes {
		return name, nil, fiber.ErrRequestEntityTooLarge
	}
	f, err := fh.Open()
	if err != nil {
		return name, nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, ImportMaxBytes+1))
	if err != nil {
		return name, nil, err
	}
	// An .xlsx is a zip archive; a .csv is text (UTF-8, or Excel's Windows-1258: the
	// inventory reader tells them apart), never with NUL bytes.
	if ext == ".xlsx" && !bytes.HasPrefix(data, []byte("PK\x03\x04")) || ext == ".csv" && bytes.IndexByte(data, 0) >= 0 {
		return name, nil, errImportType
	}
	return name, data, nil
}

var errImportType = newError(fiber.StatusUnsupportedMediaType,
	"Danh mục phải là tệp .xlsx (Excel) hoặc .csv, nội dung đúng với phần mở rộng.")

// importForm reads the fields besides the file: the unit (org_id, the caller's own by
// default), dry_run (true by default: only an explicit false writes) and the preview a
// commit is bound to.
func (s *Server) importForm(c *fiber.Ctx) (orgID int64, dryRun bool, opt registry.ImportOptions, err error) {
	if orgID, err = s.orgInScope(c, principalOf(c), strings.TrimSpace(c.FormValue("org_id"))); err != nil {
		return 0, false, opt, err
	}
	switch v := strings.TrimSpace(c.FormValue("dry_run")); v {
	case "", "true", "1":
		dryRun = true
	case "false", "0":
	default:
		return 0, false, opt, &httpError{Status: fiber.StatusBadRequest, Message: "Dữ liệu không hợp lệ.",
			Problems: []levels.Problem{{Field: "dry_run", Message: "phải là true (chỉ xem trước) hoặc false (ghi vào sổ), không phải «" + v + "»"}}}
	}
	opt.SHA256, opt.Digest = strings.TrimSpace(c.FormValue("sha256")), strings.TrimSpace(c.FormValue("plan"))
	return orgID, dryRun, opt, nil
}

// runImport plans or applies an import and records an applied one.
func (s *Server) runImport(c *fiber.Ctx) (*registry.ImportPlan, error) {
	orgID, dryRun, opt, err := s.importForm(c)
	if err != nil {
		return nil, err
	}
	name, data, err := importUpload(c)
	if err != nil {
		return nil, err
	}
	plan, err := s.reg.Import(c.UserContext(), who(c), orgID, name, data, dryRun, opt)
	if err != nil {
		return plan, err
	}
	if plan.Applied {
		s.audit(c, slog.LevelInfo, "inventory.import", "nhập danh mục hệ thống", actorOf(c), slog.Int64("org_id", orgID),
			slog.String("file", name), slog.String("sha256", plan.SHA256), slog.Int("created", plan.Count(registry.ImportCreate)),
			slog.Int("updated", plan.Count(registry.ImportUpdate)), slog.Int("failed", plan.Count(registry.ImportError)))
	}
	return plan, nil
}

var errPlanChanged = newError(fiber.StatusConflict, "Danh mục hoặc dữ liệu trong sổ đã thay đổi kể từ lúc xem trước nên chưa ghi gì. Hãy xem trước lại rồi áp dụng.")

// importJSON is the answer of POST /api/v1/imports (docs/contract.md §7).
type importJSON struct {
	Created int                  `json:"created"`
	Updated int                  `json:"updated"`
	Same    int                  `json:"same"`
	Failed  int                  `json:"failed"`
	DryRun  bool                 `json:"dry_run"`
	Applied bool                 `json:"applied"`
	File    string               `json:"file"`
	SHA256  string               `json:"sha256"`
	Plan    string               `json:"plan"`
	RuleSet string               `json:"rule_set"`
	OrgID   int64                `json:"org_id"`
	Rows    []registry.ImportRow `json:"rows"`
}

func (s *Server) apiImport(c *fiber.Ctx) error {
	plan, err := s.runImport(c)
	if errors.Is(err, registry.ErrPlanChanged) {
		return errPlanChanged
	}
	if err != nil {
		return err
	}
	return writeJSON(c, fiber.StatusOK, importJSON{Created: plan.Count(registry.ImportCreate), Updated: plan.Count(registry.ImportUpdate),
		Same: plan.Count(registry.ImportSame), Failed: plan.Count(registry.ImportError), DryRun: !plan.Applied, Applied: plan.Applied,
		File: plan.File, SHA256: plan.SHA256, Plan: plan.Digest, RuleSet: plan.RuleSet, OrgID: plan.OrgID, Rows: plan.Rows})
}

// importPageRows is how many rows besides the refused ones the page lists; all are counted.
const importPageRows = 1000

type importView struct {
	Units    []store.Org
	OrgID    int64
	RuleSet  string
	MaxMB    int
	Plan     *registry.ImportPlan
	Problems []levels.Problem // the file's, when it could not be read at all
	Message  string           // why nothing was written (a stale preview)
	Refused  []registry.ImportRow
	Shown    []registry.ImportRow
	Hidden   int
	Counts   map[string]int
	Columns  []levels.Field
}

func (s *Server) importView(c *fiber.Ctx) (*importView, error) {
	pr := principalOf(c)
	v := &importView{OrgID: pr.User.OrgID, RuleSet: s.reg.Rules().ID, MaxMB: ImportMaxBytes >> 20, Columns: s.reg.Rules().Schema().Fields()}
	var err error
	if v.Units, err = s.store.Subtree(c.UserContext(), pr.User.OrgID); err != nil {
		return nil, err
	}
	return v, nil
}

func (s *Server) importPage(c *fiber.Ctx) error {
	v, err := s.importView(c)
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "import", "Nhập danh mục hệ thống", v)
}

// importFormPost previews or applies an upload and shows the result on the same page; a
// file that cannot be read, or a stale preview, is shown there too, with what to do.
func (s *Server) importFormPost(c *fiber.Ctx) error {
	v, err := s.importView(c)
	if err != nil {
		return err
	}
	if id, err := s.orgInScope(c, principalOf(c), strings.TrimSpace(c.FormValue("org_id"))); err == nil {
		v.OrgID = id
	}
	plan, err := s.runImport(c)
	status := fiber.StatusOK
	var ie *levels.InvalidError
	var he *httpError
	switch {
	case errors.Is(err, registry.ErrPlanChanged):
		status, v.Message = fiber.StatusConflict, errPlanChanged.Message
		v.Plan = plan // the new preview, to look at again
	case errors.As(err, &ie):
		status, v.Problems = fiber.StatusBadRequest, ie.Problems
	case errors.As(err, &he) && he.Status < 500:
		status, v.Problems = he.Status, he.Problems
		if len(v.Problems) == 0 {
			v.Problems = []levels.Problem{{Field: "file", Message: he.Message}}
		}
	case err != nil:
		return err
	default:
		v.Plan = plan
	}
	if v.Plan != nil {
		v.Counts = map[string]int{}
		for _, r := range v.Plan.Rows {
			v.Counts[r.Action]++
			switch {
			case r.Action == registry.ImportError:
				v.Refused = append(v.Refused, r)
			case len(v.Shown) < importPageRows:
				v.Shown = append(v.Shown, r)
			default:
				v.Hidden++
			}
		}
	}
	return s.render(c, status, "import", "Nhập danh mục hệ thống", v)
}
