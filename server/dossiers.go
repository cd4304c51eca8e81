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
	"capdo/levels"
	"capdo/review"
	"capdo/store"
)

const (
	docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	// zipName is the download of the whole dossier.
	zipName = "ho-so-de-xuat-cap-do.zip"
)

// generateDossier renders a dossier version for the current version of a system and
// stores it with its documents, so that the version never changes afterwards.
func (s *Server) generateDossier(c *fiber.Ctx) (int64, int, error) {
	pr := principalOf(c)
	id, err := paramID(c, "id")
	if err != nil {
		return 0, 0, err
	}
	sys, err := s.store.System(c.UserContext(), systemScope(pr), id)
	if err != nil {
		return 0, 0, err
	}
	// The built-in templates follow Decree 85; a set of another decree is refused first.
	if err := s.engine.Supports(s.rules); err != nil {
		return 0, 0, err
	}
	// Classify again with the rule set in force, so the dossier, its decision and the rule
	// set digest recorded with it always agree.
	prof := sys.Profile
	dec, err := s.rules.Classify(c.UserContext(), &prof)
	if err != nil {
		return 0, 0, err
	}
	if dec.Level == 0 {
		return 0, 0, dossier.ErrUndetermined
	}
	now := s.cfg.Now()
	d, err := s.engine.Render(c.UserContext(), dossier.Input{Profile: prof, Decision: dec, RuleSet: s.rules, Date: now})
	if err != nil {
		return 0, 0, err
	}
	manifest, err := json.MarshalIndent(d.Manifest, "", "  ")
	if err != nil {
		return 0, 0, err
	}
	manifest = append(manifest, '\n')
	proc, _ := s.rules.ProcedureOf(dec.Level, &prof)
	flow := review.FlowFor(dec.Level, proc)
	files := make([]store.File, 0, len(d.Files))
	for _, f := range d.Files {
		files = append(files, store.File{Name: f.Name, Data: f.Data, SHA256: f.SHA256})
	}
	sum := sha256.Sum256(manifest)
	nid, err := s.store.CreateDossier(c.UserContext(), store.NewDossier{
		SystemID: sys.ID, SystemVersion: sys.Version, Level: dec.Level, Profile: prof, Decision: dec, Manifest: manifest,
		RuleSet: s.rules.ID, RuleSetDigest: s.rules.Digest, Templates: d.Manifest.Templates, TemplatesDigest: s.engine.Digest(),
		Files: files, Status: string(review.Draft), Holder: flow.Holder(review.Draft), ActorID: pr.User.ID,
		Event: review.Event{Action: review.Generate, To: string(review.Draft), Actor: pr.User.Username, Role: pr.User.Role,
			Data: "manifest.json sha256 " + hex.EncodeToString(sum[:])},
	})
	if err == nil {
		s.audit(c, slog.LevelInfo, "dossier.generate", "lập hồ sơ đề xuất cấp độ", actorOf(c), slog.Int64("dossier_id", nid),
			slog.Int64("system_id", sys.ID), slog.Int("level", dec.Level))
	}
	return nid, dec.Level, err
}

func (s *Server) apiDossierCreate(c *fiber.Ctx) error {
	id, level, err := s.generateDossier(c)
	if err != nil {
		return err
	}
	c.Location("/api/v1/dossiers/" + strconv.FormatInt(id, 10))
	return writeJSON(c, fiber.StatusCreated, fiber.Map{"id": id, "status": review.Draft, "level": level})
}

// ruleSetOf is the rule set a dossier was made with, from the registry of rule sets.
func (s *Server) ruleSetOf(d store.Dossier) (*levels.RuleSet, error) {
	if d.RuleSet == s.rules.ID {
		return s.rules, nil
	}
	rs, err := levels.Open(d.RuleSet)
	if err != nil {
		return nil, fmt.Errorf("rule set of dossier %d: %w", d.ID, err)
	}
	return rs, nil
}

// flowOf rebuilds the workflow of a dossier from the rule set it was made with.
func (s *Server) flowOf(d store.Dossier) (review.Flow, error) {
	rs, err := s.ruleSetOf(d)
	if err != nil {
		return review.Flow{}, err
	}
	proc, ok := rs.ProcedureOf(d.Level, &d.Profile)
	if !ok {
		return review.Flow{}, fmt.Errorf("no procedure for level %d in %s", d.Level, rs.ID)
	}
	return review.FlowFor(d.Level, proc), nil
}

// allowedActions are the actions the user may take now. Seeing the dossier is the
// organisation check: the scope holds only the user's subtree and what is routed to it.
func allowedActions(pr *principal, d store.Dossier, f review.Flow) []review.Action {
	if d.Status == string(review.Approved) {
		return nil
	}
	return f.Allowed(review.Status(d.Status), pr.User.Role)
}

// act applies one workflow action. It answers 404 when the dossier is not visible (another
// organisation's, or not routed to the user), 400 for an unknown action, and otherwise as
// review.Flow.Next decides: 409 for an action that is no step of the dossier's flow, 403
// when the role never takes it at this level, 409 when the status does not fit.
func (s *Server) act(c *fiber.Ctx, action, comment string) (store.Dossier, error) {
	pr := principalOf(c)
	id, err := paramID(c, "id")
	if err != nil {
		return store.Dossier{}, err
	}
	d, err := s.store.Dossier(c.UserContext(), scope(pr), id)
	if err != nil {
		return store.Dossier{}, err
	}
	a, err := review.ParseAction(action)
	if err != nil {
		return store.Dossier{}, err
	}
	if len([]rune(comment)) > levels.MaxTextLen {
		return store.Dossier{}, &httpError{Status: fiber.StatusBadRequest, Message: "Dữ liệu không hợp lệ.",
			Problems: []levels.Problem{{Field: "comment", Message: fmt.Sprintf("dài quá %d ký tự", levels.MaxTextLen)}}}
	}
	flow, err := s.flowOf(d)
	if err != nil {
		return store.Dossier{}, err
	}
	to, err := flow.Next(review.Status(d.Status), a, pr.User.Role)
	switch {
	case errors.Is(err, review.ErrForbidden):
		s.audit(c, slog.LevelWarn, "dossier.action_denied", "từ chối thao tác hồ sơ: vai trò không được phép", actorOf(c),
			slog.Int64("dossier_id", id), slog.String("action", string(a)), slog.String("status", d.Status))
		return store.Dossier{}, err
	case errors.Is(err, review.ErrConflict) && d.Status == string(review.Approved):
		return store.Dossier{}, store.ErrImmutable // says why nothing fits any more
	case err != nil:
		return store.Dossier{}, err
	}
	now := s.cfg.Now()
	due, _ := flow.DueAt(to, now)
	holder := flow.Holder(to)
	_, err = s.store.Transition(c.UserContext(), id, store.Transition{
		From: d.Status, To: string(to), Holder: holder, DueAt: due,
		Event: review.Event{Action: string(a), Actor: pr.User.Username, Role: pr.User.Role, Comment: strings.TrimSpace(comment)},
	})
	if err != nil {
		return store.Dossier{}, err
	}
	s.audit(c, slog.LevelInfo, "dossier.action", "thao tác hồ sơ", actorOf(c), slog.Int64("dossier_id", id), slog.String("action", string(a)),
		slog.String("from", d.Status), slog.String("to", string(to)))
	return s.store.Dossier(c.UserContext(), scope(pr), id)
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
	HistoryCheck    *historyCheck  `json:"history_check,omitempty"`
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
		chk := s.checkDossier(c, d.ID)
		out.HistoryValid, out.HistoryCheck = &chk.Valid, &chk
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
		if err := s.store.CheckManifest(c.UserContext(), id, d.Manifest); err != nil {
			return err
		}
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
	if err := store.CheckFile(f); err != nil {
		return err // never a 200 with bytes that are not the ones recorded
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
	if err := s.store.CheckManifest(c.UserContext(), d.ID, d.Manifest); err != nil {
		return err
	}
	if err := json.Unmarshal(d.Manifest, &out.Manifest); err != nil {
		return err
	}
	for _, f := range d.Files {
		sf, err := s.store.DossierFile(c.UserContext(), scope(principalOf(c)), d.ID, f.Name)
		if err != nil {
			return err
		}
		if err := store.CheckFile(sf); err != nil {
			return err
		}
		out.Files = append(out.Files, dossier.File{Name: sf.Name, Data: sf.Data, SHA256: sf.SHA256})
	}
	return out.WriteZip(buf)
}
