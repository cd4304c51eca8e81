package server

import (
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"capdo/levels"
	"capdo/registry"
	"capdo/review"
	"capdo/store"
)

// upload stores the multipart file of the request (field file) as a document of kind of
// the dossier named by :id, through the registry, and records the act. What the registry
// refuses is told as docs/contract.md §6 says: 403 and 409 as for actions, 413 for a file too
// large, 415 for one that is no DOCX or PDF, 400 for a broken one or a missing field.
func (s *Server) upload(c *fiber.Ctx, kind string) (store.Upload, error) {
	id, err := paramID(c, "id")
	if err != nil {
		return store.Upload{}, err
	}
	fh, err := c.FormFile("file")
	if err != nil {
		return store.Upload{}, &httpError{Status: fiber.StatusBadRequest, Message: "Dữ liệu không hợp lệ.",
			Problems: []levels.Problem{{Field: "file", Message: "cần một tệp DOCX hoặc PDF trong trường «file» (multipart/form-data)"}}}
	}
	limit := s.reg.UploadLimits().FileBytes
	if fh.Size > limit {
		return store.Upload{}, uploadError(&registry.TooLargeError{Limit: limit})
	}
	f, err := fh.Open()
	if err != nil {
		return store.Upload{}, err
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	f.Close()
	if err != nil {
		return store.Upload{}, err
	}
	up, err := s.reg.AddDocument(c.UserContext(), who(c), scope(principalOf(c)), id, kind, strings.Clone(fh.Filename), data)
	if errors.Is(err, review.ErrForbidden) {
		s.audit(c, slog.LevelWarn, "dossier.upload_denied", "từ chối tải lên văn bản: vai trò không được phép", actorOf(c),
			slog.Int64("dossier_id", id), slog.String("kind", kind))
	}
	if err != nil {
		return store.Upload{}, uploadError(err)
	}
	s.audit(c, slog.LevelInfo, "dossier.upload", "tải lên văn bản của hồ sơ", actorOf(c), slog.Int64("dossier_id", id),
		slog.String("kind", up.Kind), slog.String("name", up.Name), slog.String("sha256", up.SHA256), slog.Int("size", up.Size))
	return up, nil
}

// uploadError tells what the registry refused of an upload; anything else goes on to toHTTP.
func uploadError(err error) error {
	var large *registry.TooLargeError
	var unsupported *registry.UnsupportedError
	var quota *registry.QuotaError
	switch {
	case errors.As(err, &large):
		return &httpError{Status: fiber.StatusRequestEntityTooLarge, Message: "Tệp tải lên quá lớn: mỗi tệp tối đa " + registry.SizeText(large.Limit) + ".",
			Problems: []levels.Problem{{Field: "file", Message: large.Error()}}}
	case errors.As(err, &unsupported):
		return &httpError{Status: fiber.StatusUnsupportedMediaType, Message: "Chỉ nhận văn bản DOCX hoặc PDF.",
			Problems: []levels.Problem{{Field: "file", Message: unsupported.Reason}}, cause: err}
	case errors.As(err, &quota):
		return newError(fiber.StatusConflict, "Không tải lên được: "+quota.Error()+".")
	}
	return err
}

// apiDossierUpload: POST /api/v1/dossiers/{id}/documents (docs/contract.md §6).
func (s *Server) apiDossierUpload(c *fiber.Ctx) error {
	up, err := s.upload(c, strings.Clone(c.FormValue("kind")))
	if err != nil {
		return err
	}
	id, _ := paramID(c, "id")
	url := "/api/v1/dossiers/" + strconv.FormatInt(id, 10) + "/documents/" + up.Name
	c.Location(url)
	return writeJSON(c, fiber.StatusCreated, fiber.Map{"name": up.Name, "sha256": up.SHA256, "kind": up.Kind,
		"size": up.Size, "content_type": up.ContentType, "url": url})
}

// dossierUploadForm is the upload form of the dossier page. A file refused for what it is
// (not a DOCX or PDF, broken, too large, no room left) shows the dossier page again with the
// reason at the form, under the status the API gives; other refusals are error pages.
func (s *Server) dossierUploadForm(c *fiber.Ctx) error {
	up, err := s.upload(c, strings.Clone(c.FormValue("kind")))
	if err != nil {
		he := toHTTP(err)
		switch he.Status {
		case fiber.StatusBadRequest, fiber.StatusRequestEntityTooLarge, fiber.StatusUnsupportedMediaType, fiber.StatusConflict:
			name := ""
			if fh, ferr := c.FormFile("file"); ferr == nil {
				name = fh.Filename
			}
			return s.renderDossierPage(c, he.Status, uploadProblem(err, he, name))
		}
		return err
	}
	id, _ := paramID(c, "id")
	return c.Redirect("/dossiers/"+strconv.FormatInt(id, 10)+"?uploaded="+up.Name+"#documents", fiber.StatusSeeOther)
}

// uploadProblem is what the dossier page says of a refused upload, in words, without the
// API's field names. A file whose content is no document is told apart from its name: a
// text file renamed .pdf is still not a PDF.
func uploadProblem(err error, he *httpError, name string) string {
	file := "Tệp"
	if name != "" {
		file = "Tệp «" + name + "»"
	}
	if errors.Is(err, registry.ErrNotDocument) {
		switch ext := strings.ToLower(filepath.Ext(name)); ext {
		case ".pdf", ".docx":
			kind := map[string]string{".pdf": "PDF", ".docx": "DOCX (Word)"}[ext]
			return file + " không phải tệp " + kind + " thật: nội dung tệp không phải văn bản PDF hay DOCX, dù tên tệp kết thúc bằng " + ext +
				". Đổi tên tệp không đổi được định dạng; hãy mở văn bản bằng Word hoặc LibreOffice rồi lưu thành DOCX hoặc PDF và tải lên lại."
		}
		return file + " không phải văn bản DOCX hoặc PDF: capdo chỉ nhận tệp DOCX hoặc PDF và xét theo nội dung tệp, không theo tên tệp."
	}
	var reasons []string
	for _, p := range he.Problems {
		if p.Field == "kind" {
			p.Message = "loại văn bản: " + p.Message
		}
		reasons = append(reasons, p.Message)
	}
	if len(reasons) == 0 {
		return he.Message
	}
	return he.Message + " " + file + ": " + strings.Join(reasons, "; ") + "."
}
