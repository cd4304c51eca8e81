package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"

	"capdo/dossier"
	"capdo/office"
	"capdo/store"
)

// The version to sign and the PDF of a dossier's documents, for the web app. The version
// to sign (dossier.FinalFile) leaves the drafting notes out; while fill-in blanks remain a
// page lists them, and the person may take the version anyway after confirming (the link
// carries allow_blanks=1). PDFs are made by LibreOffice (package office) when the server
// has it, one conversion at a time, and kept in memory by the SHA-256 of the document
// converted; without LibreOffice a page says so. Both read the stored documents exactly as
// the download route does: only the dossier's own generated files, checked against their
// recorded hashes, for a user who may see the dossier.

func init() {
	// The documents block of the dossier page offers the version to sign and the PDF of
	// the DOCX documents only.
	funcs["hasSuffix"] = strings.HasSuffix
}

// finalSuffix marks the version to sign in a downloaded file's name.
const finalSuffix = "-ban-de-ky"

// blanksView is the data of the page that lists the fill-in blanks of a version to sign.
type blanksView struct {
	Dossier   store.Dossier
	File      string // the document asked for, or the zip
	Documents []dossier.DocumentBlanks
	Total     int
	Allow     string // the link that takes the version anyway
	Back      string
}

// storedGenerated reads the generated files of a dossier named, each checked against its
// recorded SHA-256.
func (s *Server) storedGenerated(c *fiber.Ctx, d store.Dossier, names ...string) ([]dossier.File, error) {
	var out []dossier.File
	for _, n := range names {
		f, err := s.store.DossierFile(c.UserContext(), scope(principalOf(c)), d.ID, n)
		if err != nil {
			return nil, err
		}
		if err := store.CheckFile(f); err != nil {
			return nil, err // never bytes that are not the ones recorded
		}
		out = append(out, dossier.File{Name: f.Name, Data: f.Data, SHA256: f.SHA256})
	}
	return out, nil
}

// visibleDossier loads the dossier named by :id as the caller may see it, and the file
// named by :file, which must be one of its generated documents (or, where zip is true,
// the whole dossier's zip).
func (s *Server) visibleDossier(c *fiber.Ctx, zip bool) (store.Dossier, string, error) {
	id, err := paramID(c, "id")
	if err != nil {
		return store.Dossier{}, "", err
	}
	name := strings.Clone(c.Params("file"))
	d, err := s.store.Dossier(c.UserContext(), scope(principalOf(c)), id)
	if err != nil {
		return store.Dossier{}, "", err
	}
	if (zip && name == zipName) || (generated(d, name) && strings.HasSuffix(name, ".docx")) {
		return d, name, nil
	}
	return store.Dossier{}, "", errNotFound
}

// dossierFinalPage sends the version to sign of one document, or of the whole dossier as
// a zip (documents without drafting notes, checklist and manifest marked final). With
// blanks left and no allow_blanks=1 it answers the page listing them.
func (s *Server) dossierFinalPage(c *fiber.Ctx) error {
	d, name, err := s.visibleDossier(c, true)
	if err != nil {
		return err
	}
	allow := c.Query("allow_blanks") == "1"
	if name == zipName {
		return s.sendFinalZip(c, d, allow)
	}
	files, err := s.storedGenerated(c, d, name)
	if err != nil {
		return err
	}
	nf, blanks, err := dossier.FinalFile(files[0])
	if err != nil {
		return err
	}
	if blanks.Count > 0 && !allow {
		return s.blanksPage(c, d, name, []dossier.DocumentBlanks{blanks})
	}
	s.audit(c, slog.LevelInfo, "dossier.final", "tải bản để ký", actorOf(c), slog.Int64("dossier_id", d.ID),
		slog.String("file", name), slog.Bool("blanks_allowed", blanks.Count > 0))
	c.Set(fiber.HeaderContentType, dossier.ContentType(name))
	c.Set("X-Content-Type-Options", "nosniff")
	c.Set("X-Content-SHA256", nf.SHA256)
	setDownload(c, strings.TrimSuffix(name, ".docx")+finalSuffix+".docx", true)
	return c.Send(nf.Data)
}

// sendFinalZip sends the version to sign of the whole dossier as a zip.
func (s *Server) sendFinalZip(c *fiber.Ctx, d store.Dossier, allow bool) error {
	if err := s.store.CheckManifest(c.UserContext(), d.ID, d.Manifest); err != nil {
		return err
	}
	var src dossier.Dossier
	if err := json.Unmarshal(d.Manifest, &src.Manifest); err != nil {
		return err
	}
	names := make([]string, len(d.Files))
	for i, f := range d.Files {
		names[i] = f.Name
	}
	files, err := s.storedGenerated(c, d, names...)
	if err != nil {
		return err
	}
	src.Files = files
	final, err := src.Final(allow)
	var be *dossier.BlanksError
	if errors.As(err, &be) {
		return s.blanksPage(c, d, zipName, be.Documents)
	}
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := final.WriteZip(&buf); err != nil {
		return err
	}
	s.audit(c, slog.LevelInfo, "dossier.final", "tải bản để ký", actorOf(c), slog.Int64("dossier_id", d.ID),
		slog.String("file", zipName), slog.Bool("blanks_allowed", allow))
	c.Set(fiber.HeaderContentType, "application/zip")
	setDownload(c, fmt.Sprintf("ho-so-de-xuat-cap-do-%d%s.zip", d.ID, finalSuffix), true)
	return c.Send(buf.Bytes())
}

// blanksPage lists the fill-in blanks that stop a version to sign, with the link that
// takes it anyway.
func (s *Server) blanksPage(c *fiber.Ctx, d store.Dossier, name string, docs []dossier.DocumentBlanks) error {
	v := blanksView{Dossier: d, File: name, Documents: docs, Back: "/dossiers/" + strconv.FormatInt(d.ID, 10)}
	for _, x := range docs {
		v.Total += x.Count
	}
	q := "allow_blanks=1"
	if c.Query("version") == "final" {
		q = "version=final&" + q
	}
	v.Allow = c.Path() + "?" + q
	return s.render(c, fiber.StatusOK, "dossier_blanks", "Bản để ký còn chỗ trống cần điền", v)
}

// dossierPDFPage sends the PDF of one generated document: of the document as stored, or
// with version=final of its version to sign (blanks as for dossierFinalPage).
func (s *Server) dossierPDFPage(c *fiber.Ctx) error {
	d, name, err := s.visibleDossier(c, false)
	if err != nil {
		return err
	}
	files, err := s.storedGenerated(c, d, name)
	if err != nil {
		return err
	}
	doc, out := files[0].Data, strings.TrimSuffix(name, ".docx")
	if c.Query("version") == "final" {
		nf, blanks, err := dossier.FinalFile(files[0])
		if err != nil {
			return err
		}
		if blanks.Count > 0 && c.Query("allow_blanks") != "1" {
			return s.blanksPage(c, d, name, []dossier.DocumentBlanks{blanks})
		}
		doc, out = nf.Data, out+finalSuffix
	}
	pdf, err := s.pdfs.convert(c.UserContext(), name, doc)
	if errors.Is(err, office.ErrNotInstalled) {
		return newError(fiber.StatusServiceUnavailable, noOfficeMessage)
	}
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/pdf")
	c.Set("X-Content-Type-Options", "nosniff")
	setDownload(c, out+".pdf", true)
	return c.Send(pdf)
}

// noOfficeMessage is what a person asking for a PDF reads when the server has no
// LibreOffice.
const noOfficeMessage = "Máy chủ chưa cài LibreOffice nên không tạo được bản PDF. Hãy tải bản DOCX và chuyển sang PDF bằng Word hoặc LibreOffice trên máy của mình, hoặc đề nghị quản trị viên cài LibreOffice trên máy chủ (ví dụ apt-get install libreoffice-writer-nogui)."

// officeInstalled reports whether the server can make PDFs.
func officeInstalled() bool {
	_, err := office.Find()
	return err == nil
}

// pdfCache makes PDFs of documents through LibreOffice, one conversion at a time (each
// starts a LibreOffice process of its own, seconds of CPU on a shared machine), and keeps
// them by the SHA-256 of the document, up to max bytes, the oldest going first.
type pdfCache struct {
	mu    sync.Mutex
	byKey map[string][]byte
	order []string
	size  int
	max   int
	slot  chan struct{}
}

// pdfCacheBytes bounds the memory the PDFs kept take: a page of a dossier is tens of
// kilobytes, a dossier under a megabyte.
const pdfCacheBytes = 64 << 20

func newPDFCache(max int) *pdfCache {
	return &pdfCache{byKey: map[string][]byte{}, max: max, slot: make(chan struct{}, 1)}
}

func (p *pdfCache) lookup(key string) ([]byte, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	b, ok := p.byKey[key]
	return b, ok
}

func (p *pdfCache) keep(key string, b []byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, ok := p.byKey[key]; ok || len(b) > p.max {
		return
	}
	for p.size+len(b) > p.max && len(p.order) > 0 {
		old := p.order[0]
		p.order = p.order[1:]
		p.size -= len(p.byKey[old])
		delete(p.byKey, old)
	}
	p.byKey[key] = b
	p.order = append(p.order, key)
	p.size += len(b)
}

// convert returns the PDF of a document (name is its file name, .docx): from the cache,
// or converted by LibreOffice once the conversion slot is free. office.ErrNotInstalled
// when the server has no LibreOffice.
func (p *pdfCache) convert(ctx context.Context, name string, docx []byte) ([]byte, error) {
	if _, err := office.Find(); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(docx)
	key := hex.EncodeToString(sum[:])
	if b, ok := p.lookup(key); ok {
		return b, nil
	}
	select {
	case p.slot <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-p.slot }()
	if b, ok := p.lookup(key); ok {
		return b, nil // made while this request waited
	}
	pdfs, err := office.ToPDF(ctx, map[string][]byte{name: docx})
	if err != nil {
		return nil, err
	}
	b := pdfs[name]
	p.keep(key, b)
	return b, nil
}
