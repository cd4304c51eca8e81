package server

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"capdo/levels"
	"capdo/registry"
	"capdo/risk"
)

// The cyber risk assessment of Decree 331/2026 Art. 10 through the API (docs/contract.md §6):
// GET and PUT /api/v1/systems/{id}/risk-assessment, and the reading of a register sheet.
// Who may do what is the system's rule: editors of the system's subtree record one (a new
// system version, registry.RecordRisk); whoever reads the system reads the assessment of
// the version it reads, so a routed reviewer reads that of the routed version only.

// riskOut is the API form of an assessment: docs/contract.md §6's fields, then the record's own.
type riskOut struct {
	SystemID int64 `json:"system_id"`
	// Version is the system version read; RecordedVersion the one the assessment was
	// recorded with (earlier when a later version carries it).
	Version         int `json:"version"`
	RecordedVersion int `json:"recorded_version"`
	risk.Assessment
	RecordedBy     string           `json:"recorded_by"`
	RecordedAt     time.Time        `json:"recorded_at"`
	SuggestedLevel int              `json:"suggested_level"`
	Warnings       []string         `json:"warnings"`
	Missing        []levels.Problem `json:"missing"`
	ChangedSince   []string         `json:"changed_since"`
	Matrix         matrixOut        `json:"matrix"`
}

type matrixOut struct {
	Title       string `json:"title"`
	Provisional bool   `json:"provisional"`
	Note        string `json:"note"`
}

// riskResponseKeys are riskOut's own fields: a client may send back what it read, and they
// are dropped before the record is decoded.
var riskResponseKeys = []string{"system_id", "version", "recorded_version", "recorded_by", "recorded_at",
	"suggested_level", "warnings", "missing", "changed_since", "matrix"}

func riskJSON(st registry.RiskState) riskOut {
	m := st.Matrix
	out := riskOut{SystemID: st.System.ID, Version: st.System.Version, RecordedVersion: st.Record.Version,
		Assessment: st.Record.Assessment, RecordedBy: st.Record.RecordedBy, RecordedAt: st.Record.RecordedAt,
		SuggestedLevel: st.Suggestion.Level, Warnings: st.Warnings, Missing: st.Missing, ChangedSince: st.Changed,
		Matrix: matrixOut{Title: m.Title, Provisional: m.Provisional, Note: strings.TrimSpace(m.Note)}}
	for _, l := range []*[]string{&out.Warnings, &out.ChangedSince} {
		if *l == nil {
			*l = []string{}
		}
	}
	if out.Missing == nil {
		out.Missing = []levels.Problem{}
	}
	return out
}

var errNoRisk = newError(fiber.StatusNotFound, "Phiên bản này của hệ thống chưa có đánh giá rủi ro an ninh mạng (Điều 10 Nghị định 331/2026/NĐ-CP).")

func (s *Server) apiRiskGet(c *fiber.Ctx) error {
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	st, err := s.reg.RiskOf(c.UserContext(), scope(principalOf(c)), id)
	if err != nil {
		return err
	}
	if st.Record == nil {
		return errNoRisk
	}
	return writeJSON(c, fiber.StatusOK, riskJSON(st))
}

func (s *Server) apiRiskPut(c *fiber.Ctx) error {
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	// Not found before invalid: another organisation's id tells nothing, even with a bad body.
	if _, err := s.store.System(c.UserContext(), systemScope(principalOf(c)), id); err != nil {
		return err
	}
	a, ps := risk.Decode(bytes.NewReader(withoutKeys(c.Body(), riskResponseKeys)))
	if len(ps) > 0 {
		return &levels.InvalidError{Problems: ps}
	}
	if _, err := s.recordRisk(c, id, *a); err != nil {
		return err
	}
	st, err := s.reg.RiskOf(c.UserContext(), systemScope(principalOf(c)), id)
	if err != nil {
		return err
	}
	return writeJSON(c, fiber.StatusOK, riskJSON(st))
}

// recordRisk records an assessment of system id through the registry and logs the act.
func (s *Server) recordRisk(c *fiber.Ctx, id int64, a risk.Assessment) (registry.Saved, error) {
	v, err := s.reg.RecordRisk(c.UserContext(), who(c), systemScope(principalOf(c)), id, a)
	if err != nil {
		return v, err
	}
	s.audit(c, slog.LevelInfo, "risk.record", "ghi đánh giá rủi ro an ninh mạng", actorOf(c), slog.Int64("system_id", id),
		slog.Int("version", v.Version), slog.Int("risk_level", a.Level), slog.Int("level", v.Decision.Level))
	return v, nil
}

// withoutKeys drops keys from a JSON object; anything else is returned as it is, for the
// decoder to report.
func withoutKeys(body []byte, keys []string) []byte {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil || m == nil {
		return body
	}
	n := len(m)
	for _, k := range keys {
		delete(m, k)
	}
	if len(m) == n {
		return body
	}
	out, err := json.Marshal(m)
	if err != nil {
		return body
	}
	return out
}

// apiRiskRegister reads a register sheet (multipart field file, .csv or .xlsx) and returns
// its risks, or every problem by row and column; nothing is stored.
func (s *Server) apiRiskRegister(c *fiber.Ctx) error {
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	if _, err := s.store.System(c.UserContext(), systemScope(principalOf(c)), id); err != nil {
		return err
	}
	risks, _, err := readRegisterUpload(c)
	if err != nil {
		return err
	}
	return writeJSON(c, fiber.StatusOK, fiber.Map{"count": len(risks), "risks": risks})
}

// Register sheet uploads.
var (
	errRegisterType = newError(fiber.StatusUnsupportedMediaType,
		"Sổ đăng ký rủi ro phải là tệp .xlsx (Excel) hoặc .csv mã hóa UTF-8 (Excel: Lưu thành «CSV UTF-8»), nội dung đúng với phần mở rộng.")
	errRegisterInvalid = "Sổ đăng ký rủi ro có lỗi; chưa dòng nào được nhận."
)

// readRegisterUpload reads the register in the multipart field file, after checking that
// its content is what its name says. It returns the risks and the file's name, or an error
// naming the file, or each bad cell by row (line) and column (field).
func readRegisterUpload(c *fiber.Ctx) ([]risk.Risk, string, error) {
	fh, err := c.FormFile("file")
	if err != nil {
		return nil, "", &httpError{Status: fiber.StatusBadRequest, Message: errRegisterInvalid,
			Problems: []levels.Problem{{Field: "file", Message: "cần chọn tệp sổ đăng ký rủi ro (.xlsx hoặc .csv)"}}}
	}
	name := filepath.Base(fh.Filename)
	ext := strings.ToLower(filepath.Ext(name))
	if ext != ".csv" && ext != ".xlsx" {
		return nil, name, errRegisterType
	}
	f, err := fh.Open()
	if err != nil {
		return nil, name, err
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, name, err
	}
	// An .xlsx is a zip archive; a .csv is UTF-8 text.
	if ext == ".xlsx" && !bytes.HasPrefix(data, []byte("PK\x03\x04")) ||
		ext == ".csv" && (!utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0) {
		return nil, name, errRegisterType
	}
	risks, ps, err := risk.ReadRegister(bytes.NewReader(data), ext)
	if err != nil {
		return nil, name, &httpError{Status: fiber.StatusBadRequest, Message: errRegisterInvalid,
			Problems: []levels.Problem{{Field: "file", Message: err.Error()}}}
	}
	if len(ps) > 0 {
		return nil, name, &httpError{Status: fiber.StatusBadRequest, Message: errRegisterInvalid, Problems: ps}
	}
	return risks, name, nil
}
