package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"capdo/dossier"
	"capdo/registry"
	"capdo/review"
	"capdo/store"
)

const (
	docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	// zipName is the download of the whole dossier.
	zipName = "ho-so-de-xuat-cap-do.zip"
)

// who is the signed-in user as the registry knows an actor.
func who(c *fiber.Ctx) registry.Actor {
	pr := principalOf(c)
	return registry.Actor{UserID: pr.User.ID, Username: pr.User.Username, Role: pr.User.Role}
}

// makeDossier makes a dossier of the system named by the :id parameter, in the user's own
// subtree, with the rule set named (the server's when ""), and records the act.
func (s *Server) makeDossier(c *fiber.Ctx, ruleSet string) (registry.Made, error) {
	id, err := paramID(c, "id")
	if err != nil {
		return registry.Made{}, err
	}
	m, err := s.reg.MakeDossier(c.UserContext(), who(c), systemScope(principalOf(c)), id, ruleSet)
	if err != nil {
		return m, err
	}
	s.audit(c, slog.LevelInfo, "dossier.generate", "lập hồ sơ đề xuất cấp độ", actorOf(c), slog.Int64("dossier_id", m.ID),
		slog.Int64("system_id", id), slog.Int("level", m.Level), slog.String("rule_set", m.RuleSet))
	return m, nil
}

// apiDossierCreate takes an optional body {"rule_set": "d85-2016"} (contract §6); without
// one the server's --rules set is used.
func (s *Server) apiDossierCreate(c *fiber.Ctx) error {
	var in struct {
		RuleSet string `json:"rule_set"`
	}
	if body := bytes.TrimSpace(c.Body()); len(body) > 0 {
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&in); err != nil {
			return badBody(`cần một đối tượng JSON {"rule_set"}, hoặc không gửi gì để dùng bộ quy tắc của máy chủ`)
		}
	}
	m, err := s.makeDossier(c, strings.Clone(in.RuleSet))
	if err != nil {
		return err
	}
	c.Location("/api/v1/dossiers/" + strconv.FormatInt(m.ID, 10))
	return writeJSON(c, fiber.StatusCreated, fiber.Map{"id": m.ID, "status": m.Status, "level": m.Level, "rule_set": m.RuleSet})
}

// act applies one workflow action through the registry and records it, or records the
// refusal of a role that never takes it. It answers 404 when the dossier is not visible
// (another organisation's, or not routed to the user), 400 for an unknown action, and
// otherwise as the dossier's flow decides (registry.TakeStep).
func (s *Server) act(c *fiber.Ctx, action, comment string) (store.Dossier, error) {
	id, err := paramID(c, "id")
	if err != nil {
		return store.Dossier{}, err
	}
	st, err := s.reg.TakeStep(c.UserContext(), who(c), scope(principalOf(c)), id, action, comment)
	if errors.Is(err, review.ErrForbidden) {
		s.audit(c, slog.LevelWarn, "dossier.action_denied", "từ chối thao tác hồ sơ: vai trò không được phép", actorOf(c),
			slog.Int64("dossier_id", id), slog.String("action", string(st.Action)), slog.String("status", string(st.From)))
	}
	if err != nil {
		return store.Dossier{}, err
	}
	s.audit(c, slog.LevelInfo, "dossier.action", "thao tác hồ sơ", actorOf(c), slog.Int64("dossier_id", id), slog.String("action", string(st.Action)),
		slog.String("from", string(st.From)), slog.String("to", string(st.To)))
	return st.Dossier, nil
}

func (s *Server) apiDossierAction(c *fiber.Ctx) error {
	var in struct {
		Action  string `json:"action"`
		Comment string `json:"comment"`
	}
	if err := json.Unmarshal(c.Body(), &in); err != nil {
		return badBody(`cần một đối tượng JSON {"action", "comment"}`)
	}
	d, err := s.act(c, in.Action, in.Comment)
	if err != nil {
		return err
	}
	return writeJSON(c, fiber.StatusOK, s.dossierJSON(c, d, nil))
}

// dossierOut is the API form of a dossier.
type dossierOut struct {
	ID              int64          `json:"id"`
	SystemID        int64          `json:"system_id"`
	SystemVersion   int            `json:"system_version"`
	System          string         `json:"system"`
	Org             string         `json:"org"`
	Level           int            `json:"level"`
	Status          string         `json:"status"`
	StatusLabel     string         `json:"status_label"`
	StatusSince     time.Time      `json:"status_since"`
	Holder          string         `json:"holder,omitempty"`
	DueAt           *time.Time     `json:"due_at"`
	Overdue         bool           `json:"overdue"`
	RuleSet         string         `json:"rule_set"`
	RuleSetDigest   string         `json:"rule_set_digest"`
	Templates       string         `json:"templates"`
	TemplatesDigest string         `json:"templates_digest"`
	Files           []fileOut      `json:"files"`
	History         []review.Event `json:"history,omitempty"`
	HistoryValid    *bool          `json:"history_valid,omitempty"`
	CreatedBy       string         `json:"created_by"`
	CreatedAt       time.Time      `json:"created_at"`
}

type fileOut struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Size   int    `json:"size"`
	URL    string `json:"url"`
}

func (s *Server) dossierJSON(c *fiber.Ctx, d store.Dossier, history []review.Event) dossierOut {
	out := dossierOut{ID: d.ID, SystemID: d.SystemID, SystemVersion: d.SystemVersion, System: d.SystemName, Org: d.OrgName, Level: d.Level,
		Status: d.Status, StatusLabel: statusLabel(d.Status), StatusSince: d.StatusSince, Holder: d.Holder,
		RuleSet: d.RuleSet, RuleSetDigest: d.RuleSetDigest, Templates: d.Templates, TemplatesDigest: d.TemplatesDigest,
		Files: []fileOut{}, History: history, CreatedBy: d.CreatedBy, CreatedAt: d.CreatedAt}
	if !d.DueAt.IsZero() {
		due := d.DueAt
		out.DueAt = &due
		out.Overdue = s.cfg.Now().After(due)
	}
	base := "/api/v1/dossiers/" + strconv.FormatInt(d.ID, 10) + "/documents/"
	for _, f := range d.Files {
		out.Files = append(out.Files, fileOut{Name: f.Name, SHA256: f.SHA256, Size: f.Size, URL: base + f.Name})
	}
	if history != nil {
		ok := review.Verify(history) == nil
		out.HistoryValid = &ok
	}
	return out
}

// dossierWithHistory loads the dossier named by the :id parameter, as the caller may see
// it, with its history.
func (s *Server) dossierWithHistory(c *fiber.Ctx) (store.Dossier, []review.Event, error) {
	sc := scope(principalOf(c))
	id, err := paramID(c, "id")
	if err != nil {
		return store.Dossier{}, nil, err
	}
	d, err := s.store.Dossier(c.UserContext(), sc, id)
	if err != nil {
		return store.Dossier{}, nil, err
	}
	evs, err := s.store.DossierEvents(c.UserContext(), sc, id)
	return d, evs, err
}

func (s *Server) apiDossier(c *fiber.Ctx) error {
	d, evs, err := s.dossierWithHistory(c)
	if err != nil {
		return err
	}
	return writeJSON(c, fiber.StatusOK, s.dossierJSON(c, d, evs))
}

// apiDossiers lists the dossiers in scope like apiSystems: all, or the window limit/offset.
func (s *Server) apiDossiers(c *fiber.Ctx) error {
	pr := principalOf(c)
	f, err := dossierFilter(c)
	if err != nil {
		return err
	}
	if v := c.Query("system"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return badParam("system", "mã hệ thống phải là số")
		}
		f.SystemID = id
	}
	if f.Limit, f.Offset, err = apiWindow(c); err != nil {
		return err
	}
	list, err := s.store.ListDossiers(c.UserContext(), scope(pr), f)
	if err != nil {
		return err
	}
	total := len(list)
	if f.Limit > 0 || f.Offset > 0 {
		if total, err = s.store.CountDossiers(c.UserContext(), scope(pr), f); err != nil {
			return err
		}
	}
	c.Set(totalHeader, strconv.Itoa(total))
	out := make([]dossierOut, 0, len(list))
	for _, d := range list {
		out = append(out, s.dossierJSON(c, d, nil))
	}
	return writeJSON(c, fiber.StatusOK, out)
}

// apiDossierDocument downloads one stored document, manifest.json, or everything as a zip.
func (s *Server) apiDossierDocument(c *fiber.Ctx) error {
	pr := principalOf(c)
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	name := strings.Clone(c.Params("file"))
	d, err := s.store.Dossier(c.UserContext(), scope(pr), id)
	if err != nil {
		return err
	}
	switch {
	case name == dossier.ManifestName:
		c.Type("json", "utf-8")
		setDownload(c, fmt.Sprintf("ho-so-%d-manifest.json", id), false)
		return c.Send(d.Manifest)
	case name == zipName:
		var buf bytes.Buffer
		if err := s.zipOf(c, d, &buf); err != nil {
			return err
		}
		c.Set(fiber.HeaderContentType, "application/zip")
		setDownload(c, fmt.Sprintf("ho-so-de-xuat-cap-do-%d.zip", id), true)
		return c.Send(buf.Bytes())
	case !slices.Contains(dossier.Names, name):
		return errNotFound
	}
	f, err := s.store.DossierFile(c.UserContext(), scope(pr), id, name)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, docxType)
	c.Set("X-Content-SHA256", f.SHA256)
	setDownload(c, f.Name, true)
	return c.Send(f.Data)
}

func setDownload(c *fiber.Ctx, name string, attachment bool) {
	disp := "inline"
	if attachment {
		disp = "attachment"
	}
	c.Set(fiber.HeaderContentDisposition, mime.FormatMediaType(disp, map[string]string{"filename": name}))
}

// zipOf packs the stored documents and manifest exactly as generated.
func (s *Server) zipOf(c *fiber.Ctx, d store.Dossier, buf *bytes.Buffer) error {
	var out dossier.Dossier
	if err := json.Unmarshal(d.Manifest, &out.Manifest); err != nil {
		return err
	}
	for _, f := range d.Files {
		sf, err := s.store.DossierFile(c.UserContext(), scope(principalOf(c)), d.ID, f.Name)
		if err != nil {
			return err
		}
		if sum := sha256.Sum256(sf.Data); hex.EncodeToString(sum[:]) != sf.SHA256 {
			return errors.New("stored document does not match its sha256")
		}
		out.Files = append(out.Files, dossier.File{Name: sf.Name, Data: sf.Data, SHA256: sf.SHA256})
	}
	return out.WriteZip(buf)
}
