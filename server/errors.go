package server

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"

	"github.com/gofiber/fiber/v2"

	"capdo/dossier"
	"capdo/levels"
	"capdo/registry"
	"capdo/review"
	"capdo/store"
)

// httpError is an error a user may read: a status and a Vietnamese message, and for
// invalid input the problems by field.
type httpError struct {
	Status   int
	Message  string
	Problems []levels.Problem
	// cause is the error told, when a page says more of it than the API (dossier_uploads.go).
	cause error
}

func (e *httpError) Error() string { return e.Message }

func (e *httpError) Unwrap() error { return e.cause }

func newError(status int, msg string) *httpError { return &httpError{Status: status, Message: msg} }

var (
	errUnauthenticated = newError(fiber.StatusUnauthorized, "Chưa đăng nhập hoặc phiên làm việc đã hết hạn; vui lòng đăng nhập lại.")
	errBadLogin        = newError(fiber.StatusUnauthorized, "Tên đăng nhập hoặc mật khẩu không đúng.")
	errRoleForbidden   = newError(fiber.StatusForbidden, "Vai trò của bạn không được thực hiện thao tác này.")
	errCSRF            = newError(fiber.StatusForbidden, "Biểu mẫu đã hết hạn hoặc không hợp lệ (thiếu mã chống giả mạo). Vui lòng tải lại trang và thử lại.")
	errCrossSite       = newError(fiber.StatusForbidden, "Yêu cầu từ trang web khác bị từ chối.")
	errMediaType       = newError(fiber.StatusUnsupportedMediaType, "Dữ liệu gửi lên phải là JSON (Content-Type: application/json).")
	errNotFound        = newError(fiber.StatusNotFound, "Không tìm thấy.")
	errInternal        = newError(fiber.StatusInternalServerError, "Lỗi hệ thống. Vui lòng thử lại sau hoặc báo quản trị viên.")
)

// badBody is the 400 of a request body that cannot be read at all: the problem names the
// field "body", so that a client sees where to look.
func badBody(msg string) *httpError {
	return &httpError{Status: fiber.StatusBadRequest, Message: "Dữ liệu không hợp lệ.",
		Problems: []levels.Problem{{Field: "body", Message: msg}}}
}

// badParam is the 400 of a query parameter outside its values, naming the parameter.
func badParam(name, msg string) *httpError {
	return &httpError{Status: fiber.StatusBadRequest, Message: "Bộ lọc không hợp lệ.",
		Problems: []levels.Problem{{Field: name, Message: msg}}}
}

// toHTTP maps any error to what the user is told. It is the only place that decides a
// status code from an error; anything unknown is internal and told as such.
func toHTTP(err error) *httpError {
	var he *httpError
	var ie *levels.InvalidError
	var fe *fiber.Error
	var stale *store.StaleError
	var quota *store.QuotaError
	var incomplete *registry.IncompleteError
	switch {
	case errors.As(err, &he):
		return he
	case errors.As(err, &ie):
		return &httpError{Status: fiber.StatusBadRequest, Message: "Dữ liệu không hợp lệ.", Problems: ie.Problems}
	case errors.Is(err, store.ErrNotFound):
		return errNotFound
	case errors.As(err, &stale):
		return newError(fiber.StatusConflict, fmt.Sprintf(
			"Hệ thống đã được sửa (phiên bản %d) sau khi lập hồ sơ này (từ phiên bản %d): hồ sơ không còn đúng với hệ thống. Đơn vị lập hồ sơ cần lập phiên bản hồ sơ mới; người thẩm định chỉ có thể trả lại hồ sơ này.",
			stale.Current, stale.Made))
	case errors.As(err, &quota):
		return quotaError(quota)
	case errors.As(err, &incomplete):
		return &httpError{Status: fiber.StatusConflict, Message: incomplete.Message, Problems: incomplete.Problems}
	case errors.Is(err, store.ErrCorrupt):
		return newError(fiber.StatusInternalServerError, "Tài liệu lưu trữ không khớp mã băm SHA-256 đã ghi (bị hỏng hoặc bị sửa) nên không được tải xuống. Hãy báo quản trị viên chạy «capdo check».")
	case errors.Is(err, store.ErrTampered):
		return newError(fiber.StatusInternalServerError, "Lịch sử hồ sơ không khớp bản đã niêm phong nên không ghi thêm thao tác nào. Hãy báo quản trị viên chạy «capdo audit verify».")
	case errors.Is(err, store.ErrImmutable):
		return newError(fiber.StatusConflict, "Hồ sơ đã được phê duyệt nên không thể thay đổi; hãy lập phiên bản hồ sơ mới.")
	case errors.Is(err, store.ErrConflict):
		return newError(fiber.StatusConflict, "Dữ liệu đã bị thay đổi hoặc đã tồn tại; vui lòng tải lại trang.")
	case errors.Is(err, review.ErrForbidden):
		return newError(fiber.StatusForbidden, "Vai trò của bạn không được thực hiện thao tác này với hồ sơ ở cấp độ này.")
	case errors.Is(err, review.ErrConflict):
		return newError(fiber.StatusConflict, "Thao tác không phù hợp với quy trình của cấp độ này hoặc với trạng thái hiện tại của hồ sơ.")
	case errors.Is(err, review.ErrUnknownAction):
		return &httpError{Status: fiber.StatusBadRequest, Message: "Thao tác không hợp lệ.",
			Problems: []levels.Problem{{Field: "action", Message: err.Error()}}}
	case errors.Is(err, dossier.ErrNoTemplates):
		return newError(fiber.StatusConflict, "Không lập được hồ sơ đề xuất cấp độ: "+err.Error()+".")
	case errors.Is(err, dossier.ErrUndetermined):
		return newError(fiber.StatusConflict, dossier.ErrUndetermined.Error())
	case errors.As(err, &fe):
		return fiberError(fe.Code)
	}
	return errInternal
}

// quotaError says which limit was reached (store.Limits) and what to do.
func quotaError(q *store.QuotaError) *httpError {
	msg, ok := map[string]string{
		store.QuotaSystems: "Đơn vị đã đăng ký đủ %d hệ thống, mức tối đa cho một đơn vị. " +
			"Hãy liên hệ quản trị viên nếu cần đăng ký thêm.",
		store.QuotaVersions: "Hệ thống đã có %d phiên bản hồ sơ hệ thống, mức tối đa cho một hệ thống; " +
			"không lưu thêm phiên bản mới. Hãy liên hệ quản trị viên.",
		store.QuotaDossiers: "Hệ thống đã có %d phiên bản hồ sơ đề xuất cấp độ, mức tối đa cho một hệ thống; " +
			"không lập thêm được. Hãy dùng phiên bản đã có hoặc liên hệ quản trị viên.",
	}[q.Kind]
	if !ok {
		msg = "Đã đạt giới hạn %d."
	}
	return newError(fiber.StatusConflict, fmt.Sprintf(msg, q.Limit))
}

func fiberError(code int) *httpError {
	switch code {
	case fiber.StatusNotFound:
		return newError(code, "Không tìm thấy trang.")
	case fiber.StatusMethodNotAllowed:
		return newError(code, "Phương thức không được hỗ trợ.")
	case fiber.StatusRequestEntityTooLarge:
		return newError(code, "Dữ liệu gửi lên quá lớn.")
	case fiber.StatusBadRequest:
		return newError(code, "Yêu cầu không hợp lệ.")
	case fiber.StatusRequestTimeout:
		return newError(code, "Hết thời gian chờ yêu cầu.")
	}
	if code >= 400 && code < 500 {
		return newError(code, "Yêu cầu không hợp lệ.")
	}
	return errInternal
}

func statusOf(err error) int { return toHTTP(err).Status }

// handleError is Fiber's ErrorHandler: JSON for /api, a page otherwise. Internal errors
// are logged here, and only here, with their detail; the user never sees it.
func (s *Server) handleError(c *fiber.Ctx, err error) error {
	he := toHTTP(err)
	s.auditIntegrity(c, err)
	if he.Status >= 500 {
		s.log.Error("lỗi nội bộ", slog.String("method", c.Method()), slog.String("route", c.Route().Path), slog.Any("err", err))
	}
	c.Response().Header.Set("Cache-Control", "no-store")
	if isAPI(c) || !acceptsHTML(c) {
		problems := make([]levels.Problem, len(he.Problems))
		for i, p := range he.Problems {
			// Every problem names a field (docs/contract.md §4); one about the body as a whole, such
			// as a YAML syntax error, names the body.
			if p.Field == "" {
				p.Field = "body"
			}
			problems[i] = p
		}
		return writeJSON(c, he.Status, fiber.Map{"error": he.Message, "problems": problems})
	}
	var buf bytes.Buffer
	if rerr := s.views.render(&buf, "error", s.page(c, "Lỗi", he)); rerr != nil {
		s.log.Error("không hiển thị được trang lỗi", slog.Any("err", rerr))
		c.Status(he.Status).Type("txt", "utf-8")
		return c.SendString(he.Message)
	}
	c.Status(he.Status).Type("html", "utf-8")
	return c.Send(buf.Bytes())
}

// acceptsHTML: a browser asks for pages; static files and scripts get plain errors.
func acceptsHTML(c *fiber.Ctx) bool {
	a := c.Get(fiber.HeaderAccept)
	return a == "" || bytes.Contains([]byte(a), []byte("text/html")) || a == "*/*"
}
