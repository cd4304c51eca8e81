package server

import (
	"bytes"
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

// zipName is the download of the whole dossier.
const zipName = registry.ZipName

// who is the signed-in user as the registry knows an actor.
func who(c *fiber.Ctx) registry.Actor {
	pr := principalOf(c)
	return registry.Actor{UserID: pr.User.ID, Username: pr.User.Username, Role: pr.User.Role, OrgID: pr.User.OrgID, Contact: pr.User.Contact}
}

// makeDossier makes a dossier of the system named by the :id parameter, in the user's own
// subtree, with the rule set named (the server's when ""), and records the act.
func (s *Server) makeDossier(c *fiber.Ctx, ruleSet string) (registry.Made, error) {
	return s.makeDossierWith(c, registry.MakeOptions{RuleSet: ruleSet})
}

// makeDossierWith is makeDossier with the signing choices.
func (s *Server) makeDossierWith(c *fiber.Ctx, opts registry.MakeOptions) (registry.Made, error) {
	id, err := paramID(c, "id")
	if err != nil {
		return registry.Made{}, err
	}
	m, err := s.reg.MakeDossierWith(c.UserContext(), who(c), systemScope(principalOf(c)), id, opts)
	if err != nil {
		return m, err
	}
	s.audit(c, slog.LevelInfo, "dossier.generate", "lập hồ sơ đề xuất cấp độ", actorOf(c), slog.Int64("dossier_id", m.ID),
		slog.Int64("system_id", id), slog.Int("level", m.Level), slog.String("rule_set", m.RuleSet))
	return m, nil
}

// apiDossierCreate takes an optional body {"rule_set": "d85-2016"} (docs/contract.md §6); without
// one the server's --rules set is used. "sign" and "owner_sign" choose how the operating
// unit and the owner sign (kt, tl, tuq, tm, tm-kt, q; empty for the head).
func (s *Server) apiDossierCreate(c *fiber.Ctx) error {
	var in struct {
		RuleSet   string `json:"rule_set"`
		Sign      string `json:"sign"`
		OwnerSign string `json:"owner_sign"`
	}
	if body := bytes.TrimSpace(c.Body()); len(body) > 0 {
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&in); err != nil {
			return badBody(`cần một đối tượng JSON {"rule_set", "sign", "owner_sign"}, hoặc không gửi gì để dùng bộ quy tắc của máy chủ`)
		}
	}
	m, err := s.makeDossierWith(c, registry.MakeOptions{RuleSet: strings.Clone(in.RuleSet), Sign: strings.Clone(in.Sign), OwnerSign: strings.Clone(in.OwnerSign)})
	if err != nil {
		return err
	}
	c.Location("/api/v1/dossiers/" + strconv.FormatInt(m.ID, 10))
	// warnings: what the maker should know, e.g. another dossier of the system still open
	// under the other decree (registry.RuleSetOverlapWarning); [] when nothing.
	warnings := append([]string{}, m.Warnings...)
	return writeJSON(c, fiber.StatusCreated, fiber.Map{"id": m.ID, "status": m.Status, "level": m.Level, "rule_set": m.RuleSet,
		"warnings": warnings})
}

// act applies one workflow action through the registry and records it, or records the
// refusal of a role that never takes it. It answers 404 when the dossier is not visible
// (another organisation's, or not routed to the user), 400 for an unknown action, and
// otherwise as the dossier's flow decides (registry.TakeStep).
func (s *Server) act(c *fiber.Ctx, req registry.StepRequest) (store.Dossier, error) {
	id, err := paramID(c, "id")
	if err != nil {
		return store.Dossier{}, err
	}
	st, err := s.reg.TakeStepWith(c.UserContext(), who(c), scope(principalOf(c)), id, req)
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

// apiDossierAction takes {"action", "comment"} and, with an approval, the decision's
// "decision_number" and "decision_date" (docs/contract.md §6).
func (s *Server) apiDossierAction(c *fiber.Ctx) error {
	var in struct {
		Action         string `json:"action"`
		Comment        string `json:"comment"`
		DecisionNumber string `json:"decision_number"`
		DecisionDate   string `json:"decision_date"`
	}
	if err := json.Unmarshal(c.Body(), &in); err != nil {
		return badBody(`cần một đối tượng JSON {"action", "comment"} (khi phê duyệt có thể kèm "decision_number", "decision_date")`)
	}
	d, err := s.act(c, registry.StepRequest{Action: in.Action, Comment: in.Comment,
		Decision: registry.Decision{Number: in.DecisionNumber, Date: in.DecisionDate}})
	if err != nil {
		return err
	}
	return writeJSON(c, fiber.StatusOK, s.dossierJSON(c, d, nil))
}

// recordDecision records the decision of the approved dossier named by :id, once.
func (s *Server) recordDecision(c *fiber.Ctx, in registry.Decision) (store.Dossier, error) {
	id, err := paramID(c, "id")
	if err != nil {
		return store.Dossier{}, err
	}
	d, err := s.reg.RecordDecision(c.UserContext(), who(c), scope(principalOf(c)), id, in)
	if errors.Is(err, review.ErrForbidden) {
		s.audit(c, slog.LevelWarn, "dossier.action_denied", "từ chối ghi quyết định: vai trò không được phép", actorOf(c),
			slog.Int64("dossier_id", id), slog.String("action", string(review.RecordDecision)))
	}
	if err != nil {
		return d, err
	}
	s.audit(c, slog.LevelInfo, "dossier.decision", "ghi số, ngày quyết định phê duyệt", actorOf(c), slog.Int64("dossier_id", id))
	return d, nil
}

// apiDossierDecision takes {"decision_number", "decision_date"} for an approved dossier
// whose decision was not given with the approval (docs/contract.md §6).
func (s *Server) apiDossierDecision(c *fiber.Ctx) error {
	var in struct {
		Number string `json:"decision_number"`
		Date   string `json:"decision_date"`
	}
	if err := json.Unmarshal(c.Body(), &in); err != nil {
		return badBody(`cần một đối tượng JSON {"decision_number", "decision_date"}`)
	}
	d, err := s.recordDecision(c, registry.Decision{Number: in.Number, Date: in.Date})
	if err != nil {
		return err
	}
	return writeJSON(c, fiber.StatusOK, s.dossierJSON(c, d, nil))
}

// dossierOut is the API form of a dossier.
type dossierOut struct {
	ID              int64      `json:"id"`
	SystemID        int64      `json:"system_id"`
	SystemVersion   int        `json:"system_version"`
	System          string     `json:"system"`
	Org             string     `json:"org"`
	Level           int        `json:"level"`
	Status          string     `json:"status"`
	StatusLabel     string     `json:"status_label"`
	StatusSince     time.Time  `json:"status_since"`
	Holder          *string    `json:"holder"` // null when no one acts next
	DueAt           *time.Time `json:"due_at"`
	SubmittedAt     *time.Time `json:"submitted_at,omitempty"` // when last submitted (lists only)
	Overdue         bool       `json:"overdue"`
	RuleSet         string     `json:"rule_set"`
	RuleSetDigest   string     `json:"rule_set_digest"`
	Templates       string     `json:"templates"`
	TemplatesDigest string     `json:"templates_digest"`
	Files           []fileOut  `json:"files"`
	// Documents are the generated files and the uploaded ones, with their kind (docs/contract.md §6).
	Documents    []documentOut  `json:"documents"`
	ReturnReason string         `json:"return_reason,omitempty"`
	Stale        bool           `json:"stale"`
	Approval     *approvedOut   `json:"approval,omitempty"`
	History      []review.Event `json:"history,omitempty"`
	HistoryValid *bool          `json:"history_valid,omitempty"`
	HistoryCheck *historyCheck  `json:"history_check,omitempty"`
	CreatedBy    string         `json:"created_by"`
	CreatedAt    time.Time      `json:"created_at"`
	decree331Out
}

// documentOut is one document of a dossier (docs/contract.md §6).
type documentOut struct {
	Name        string    `json:"name"`
	Kind        string    `json:"kind"`
	SHA256      string    `json:"sha256"`
	Size        int       `json:"size"`
	ContentType string    `json:"content_type"`
	UploadedBy  string    `json:"uploaded_by"`
	UploadedAt  time.Time `json:"uploaded_at"`
	URL         string    `json:"url"`
}

type fileOut struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Size   int    `json:"size"`
	URL    string `json:"url"`
}

func (s *Server) dossierJSON(c *fiber.Ctx, d store.Dossier, history []review.Event) dossierOut {
	out := dossierOut{ID: d.ID, SystemID: d.SystemID, SystemVersion: d.SystemVersion, System: d.SystemName, Org: d.OrgName, Level: d.Level,
		Status: d.Status, StatusLabel: statusLabel(d.Status), StatusSince: d.StatusSince,
		RuleSet: d.RuleSet, RuleSetDigest: d.RuleSetDigest, Templates: d.Templates, TemplatesDigest: d.TemplatesDigest,
		Files: []fileOut{}, Documents: []documentOut{}, ReturnReason: d.ReturnReason, Stale: registry.Stale(d),
		Approval: approvedJSON(d.Approval), History: history, CreatedBy: d.CreatedBy, CreatedAt: d.CreatedAt,
		decree331Out: s.decree331JSON(c, d, history)}
	if d.Holder != "" {
		holder := d.Holder
		out.Holder = &holder
	}
	if r, ok := review.ReturnReason(history); ok && d.Status == string(review.Returned) {
		out.ReturnReason = r.Comment
	}
	if !d.SubmittedAt.IsZero() {
		at := d.SubmittedAt
		out.SubmittedAt = &at
	}
	if !d.DueAt.IsZero() {
		due := d.DueAt
		out.DueAt = &due
		out.Overdue = s.cfg.Now().After(due)
	}
	base := "/api/v1/dossiers/" + strconv.FormatInt(d.ID, 10) + "/documents/"
	for _, f := range d.Files {
		out.Files = append(out.Files, fileOut{Name: f.Name, SHA256: f.SHA256, Size: f.Size, URL: base + f.Name})
		out.Documents = append(out.Documents, documentOut{Name: f.Name, Kind: string(review.Generated), SHA256: f.SHA256, Size: f.Size,
			ContentType: dossier.ContentType(f.Name), UploadedBy: d.CreatedBy, UploadedAt: d.CreatedAt, URL: base + f.Name})
	}
	for _, f := range d.Uploads {
		out.Documents = append(out.Documents, documentOut{Name: f.Name, Kind: f.Kind, SHA256: f.SHA256, Size: f.Size,
			ContentType: f.ContentType, UploadedBy: f.UploadedBy, UploadedAt: f.UploadedAt, URL: base + f.Name})
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

// apiDossiers lists the dossiers in scope like apiSystems: all, or the window
// limit/offset, in the order sort/dir, or as a spreadsheet with format=csv|xlsx.
func (s *Server) apiDossiers(c *fiber.Ctx) error {
	pr := principalOf(c)
	f, err := dossierFilter(c)
	if err != nil {
		return err
	}
	f.Now = s.cfg.Now()
	if v := c.Query("system"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return badParam("system", "mã hệ thống phải là số")
		}
		f.SystemID = id
	}
	o, format, _, err := listQuery(c, dossierSortKeys, dossierSortDefault, false)
	if err != nil {
		return err
	}
	if format != "" {
		list, _, err := s.listDossiers(c, scope(pr), f, o, 0)
		if err != nil {
			return err
		}
		return s.exportDossiers(c, list, format, true)
	}
	limit, offset, err := apiWindow(c)
	if err != nil {
		return err
	}
	var list []store.Dossier
	total := 0
	if o == dossierSortDefault {
		f.Limit, f.Offset = limit, offset
		if list, err = s.store.ListDossiers(c.UserContext(), scope(pr), f); err != nil {
			return err
		}
		total = len(list)
		if f.Limit > 0 || f.Offset > 0 {
			if total, err = s.store.CountDossiers(c.UserContext(), scope(pr), f); err != nil {
				return err
			}
		}
	} else {
		if list, total, err = s.listDossiers(c, scope(pr), f, o, 0); err != nil {
			return err
		}
		list = window(list, limit, offset)
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
	case !generated(d, name):
		return s.sendUpload(c, id, name)
	}
	f, err := s.store.DossierFile(c.UserContext(), scope(pr), id, name)
	if err != nil {
		return err
	}
	if err := store.CheckFile(f); err != nil {
		return err // never a 200 with bytes that are not the ones recorded
	}
	c.Set(fiber.HeaderContentType, dossier.ContentType(f.Name))
	c.Set("X-Content-Type-Options", "nosniff")
	c.Set("X-Content-SHA256", f.SHA256)
	setDownload(c, f.Name, true)
	return c.Send(f.Data)
}

// sendUpload sends a document uploaded to a dossier, as stored: checked against its SHA-256
// before a byte leaves (a mismatch is an internal error, logged, and nothing is sent),
// always as an attachment of its own content type, which the browser must not second-guess.
func (s *Server) sendUpload(c *fiber.Ctx, id int64, name string) error {
	f, err := s.store.DossierUpload(c.UserContext(), scope(principalOf(c)), id, name)
	if err != nil {
		return err
	}
	if err := store.CheckFile(store.File{Name: f.Name, Data: f.Data, SHA256: f.SHA256}); err != nil {
		return err // never a 200 with bytes that are not the ones recorded
	}
	c.Set(fiber.HeaderContentType, f.ContentType)
	c.Set("X-Content-Type-Options", "nosniff")
	c.Set("X-Content-SHA256", f.SHA256)
	setDownload(c, f.Name, true)
	return c.Send(f.Data)
}

// generated reports whether name is a file capdo generated for the dossier (a document of
// either decree, the checklist), as opposed to an upload: a name capdo writes, among the
// dossier's stored files.
func generated(d store.Dossier, name string) bool {
	return dossier.IsDossierFile(name) && slices.ContainsFunc(d.Files, func(f store.File) bool { return f.Name == name })
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
