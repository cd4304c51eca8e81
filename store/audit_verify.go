package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"capdo/review"
)

// CheckCovers says in words what VerifyDossier and VerifyAudit establish, and what not:
// pages and commands show it beside the result.
const CheckCovers = "Mỗi sự kiện của lịch sử (thao tác, trạng thái, người thực hiện, vai trò, thời điểm, ý kiến, thứ tự) " +
	"được xác thực bằng mã HMAC-SHA-256 với khóa kiểm toán giữ ngoài cơ sở dữ liệu, cùng bản ghi đầu chuỗi có khóa " +
	"(phát hiện sự kiện bị sửa, xóa, chèn hoặc bị cắt khỏi cuối); trạng thái hiện tại của hồ sơ phải khớp sự kiện cuối; " +
	"manifest.json phải khớp mã băm ghi trong sự kiện lập hồ sơ và từng tài liệu phải khớp mã băm SHA-256 của nó. " +
	"Không bao gồm: các phiên bản khai báo của hệ thống và tài khoản người dùng; không phát hiện việc thay cả cơ sở dữ liệu " +
	"bằng một bản sao cũ hơn của chính nó (hãy lưu số liệu sổ đăng ký do «capdo audit verify» in ra ở nơi khác để đối chiếu)."

// DossierCheck is the result of verifying one dossier.
type DossierCheck struct {
	// Keyed: the history was checked against the audit key (false when the store has none).
	Keyed bool
	// History is where the history stops verifying, or why the dossier's status does not
	// follow from it; nil when intact.
	History *Problem
	// Documents lists the manifest and documents that do not match their SHA-256.
	Documents []Problem
}

// OK reports whether everything checked is intact.
func (c DossierCheck) OK() bool { return c.Keyed && c.History == nil && len(c.Documents) == 0 }

// Problems lists every problem found, the history's first.
func (c DossierCheck) Problems() []Problem {
	var out []Problem
	if c.History != nil {
		out = append(out, *c.History)
	}
	return append(out, c.Documents...)
}

// VerifyDossier checks one dossier's history against the store's audit key, its status
// against its history, and its manifest and documents against their SHA-256. The caller
// has already checked that the dossier is visible to whoever asks.
func (db *DB) VerifyDossier(ctx context.Context, id int64) (DossierCheck, error) {
	tx, err := db.read.BeginTx(ctx, nil)
	if err != nil {
		return DossierCheck{}, fmt.Errorf("store: verify dossier: %w", err)
	}
	defer tx.Rollback()
	c, err := checkDossier(ctx, tx, db.auditKey, id, true)
	if errors.Is(err, sql.ErrNoRows) {
		return DossierCheck{}, ErrNotFound
	}
	if err != nil {
		return DossierCheck{}, fmt.Errorf("store: verify dossier %d: %w", id, err)
	}
	return c, nil
}

// checkDossier verifies dossier id; documents adds the manifest and document hashes.
func checkDossier(ctx context.Context, q querier, key []byte, id int64, documents bool) (DossierCheck, error) {
	var status string
	var level int
	var manifest []byte
	if err := q.QueryRowContext(ctx, "SELECT status, level, manifest FROM dossiers WHERE id = ?", id).Scan(&status, &level, &manifest); err != nil {
		return DossierCheck{}, err
	}
	evs, err := eventsOf(ctx, q, id)
	if err != nil {
		return DossierCheck{}, err
	}
	head, err := headOf(ctx, q, id)
	if err != nil {
		return DossierCheck{}, err
	}
	c := DossierCheck{Keyed: key != nil}
	switch err := review.Verify(key, id, evs, head); {
	case key == nil:
		c.History = &Problem{DossierID: id, Reason: "máy chủ không có khóa kiểm toán nên không xác thực được lịch sử"}
	case err != nil:
		var ce *review.ChainError
		errors.As(err, &ce)
		p := Problem{DossierID: id, Seq: ce.Seq, Reason: ce.Reason}
		if head == nil {
			if lerr := review.VerifyLegacy(evs); lerr != nil {
				errors.As(lerr, &ce)
				p = Problem{DossierID: id, Seq: ce.Seq, Reason: "lịch sử ghi trước khi có khóa kiểm toán đã không hợp lệ nên không được niêm phong: " + ce.Reason}
			}
		}
		c.History = &p
	case len(evs) > 0 && evs[len(evs)-1].To != status:
		last := evs[len(evs)-1]
		c.History = &Problem{DossierID: id, Reason: fmt.Sprintf("trạng thái hồ sơ «%s» không khớp sự kiện cuối (sự kiện %d: «%s»): trạng thái bị sửa ngoài quy trình",
			review.Status(status).Label(), last.Seq, review.Status(last.To).Label())}
	}
	if documents {
		if c.Documents, err = checkDocuments(ctx, q, id, level, manifest, evs); err != nil {
			return DossierCheck{}, err
		}
	}
	return c, nil
}

// manifestName is the file dossier.ManifestName names; the store does not import the
// dossier package.
const manifestName = "manifest.json"

// checkDocuments compares the manifest with the SHA-256 its generate event recorded, each
// stored document with its own SHA-256, and the two lists with each other.
func checkDocuments(ctx context.Context, q querier, id int64, level int, manifest []byte, evs []review.Event) ([]Problem, error) {
	var out []Problem
	bad := func(doc, reason string) { out = append(out, Problem{DossierID: id, Document: doc, Reason: reason}) }
	if len(evs) > 0 {
		if want, ok := strings.CutPrefix(evs[0].Data, review.ManifestData); ok && sha256Hex(manifest) != want {
			bad(manifestName, "không khớp mã băm SHA-256 ghi trong sự kiện lập hồ sơ: bị sửa đổi hoặc hỏng")
		}
	}
	var m struct {
		Level int `json:"level"`
		Files []struct {
			Name   string `json:"name"`
			SHA256 string `json:"sha256"`
		} `json:"files"`
	}
	listed := map[string]string{}
	if err := json.Unmarshal(manifest, &m); err != nil {
		bad(manifestName, "không đọc được: "+err.Error())
	} else {
		if m.Level != 0 && m.Level != level {
			out = append(out, Problem{DossierID: id, Reason: fmt.Sprintf("cấp độ của hồ sơ (%d) khác cấp độ trong manifest.json (%d)", level, m.Level)})
		}
		for _, f := range m.Files {
			listed[f.Name] = f.SHA256
		}
	}
	rows, err := q.QueryContext(ctx, "SELECT name, sha256, data FROM dossier_files WHERE dossier_id = ? ORDER BY rowid", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	stored := map[string]bool{}
	for rows.Next() {
		var f File
		if err := rows.Scan(&f.Name, &f.SHA256, &f.Data); err != nil {
			return nil, err
		}
		stored[f.Name] = true
		if err := CheckFile(f); err != nil {
			bad(f.Name, "nội dung không khớp mã băm SHA-256 đã lưu: tài liệu bị hỏng hoặc bị sửa")
		}
		if want, ok := listed[f.Name]; len(listed) > 0 && !ok {
			bad(f.Name, "không có trong manifest.json")
		} else if ok && want != f.SHA256 {
			bad(f.Name, "mã băm đã lưu khác mã băm trong manifest.json")
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, f := range m.Files {
		if !stored[f.Name] {
			bad(f.Name, "có trong manifest.json nhưng không còn trong cơ sở dữ liệu")
		}
	}
	return out, nil
}

// ErrCorrupt: a stored document does not match its SHA-256.
var ErrCorrupt = errors.New("store: stored document does not match its sha256")

// CheckFile verifies a stored document against its SHA-256; the error wraps ErrCorrupt.
// Whoever serves a document calls it first: a damaged or altered document is an error,
// never a download.
func CheckFile(f File) error {
	if sha256Hex(f.Data) != f.SHA256 {
		return fmt.Errorf("%w: %s", ErrCorrupt, f.Name)
	}
	return nil
}

// CheckManifest verifies a dossier's manifest against the SHA-256 its first history event
// recorded (wrapping ErrCorrupt when it differs). Old dossiers whose event names no hash
// pass.
func (db *DB) CheckManifest(ctx context.Context, id int64, manifest []byte) error {
	var data string
	err := db.read.QueryRowContext(ctx, "SELECT data FROM dossier_events WHERE dossier_id = ? AND seq = 1", id).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%w: %s of dossier %d: no generate event", ErrCorrupt, manifestName, id)
	}
	if err != nil {
		return fmt.Errorf("store: check manifest: %w", err)
	}
	if want, ok := strings.CutPrefix(data, review.ManifestData); ok && sha256Hex(manifest) != want {
		return fmt.Errorf("%w: %s of dossier %d", ErrCorrupt, manifestName, id)
	}
	return nil
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// AuditReport is the result of verifying every dossier.
type AuditReport struct {
	Dossiers int // dossiers in the database
	Events   int // history events in the database
	// Register is the sealed register ("" MAC when the database was never sealed).
	Register review.Register
	Problems []Problem
}

// VerifyAudit checks, in one consistent snapshot, the key, the register and every
// dossier's history and status against key; documents adds each manifest and document.
func (db *DB) VerifyAudit(ctx context.Context, key []byte, documents bool) (AuditReport, error) {
	tx, err := db.read.BeginTx(ctx, db.dialect.snapshot)
	if err != nil {
		return AuditReport{}, fmt.Errorf("store: verify: %w", err)
	}
	defer tx.Rollback()
	rep, err := verifyAudit(ctx, tx, key, documents)
	if err != nil {
		return AuditReport{}, fmt.Errorf("store: verify: %w", err)
	}
	return rep, nil
}

func verifyAudit(ctx context.Context, q querier, key []byte, documents bool) (AuditReport, error) {
	var rep AuditReport
	whole := func(format string, args ...any) {
		rep.Problems = append(rep.Problems, Problem{Reason: fmt.Sprintf(format, args...)})
	}
	ids, err := dossierIDs(ctx, q)
	if err != nil {
		return rep, err
	}
	rep.Dossiers = len(ids)
	if err := q.QueryRowContext(ctx, "SELECT count(*) FROM dossier_events").Scan(&rep.Events); err != nil {
		return rep, err
	}
	reg, check, err := readSeal(ctx, q)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if rep.Dossiers > 0 {
			whole("chưa được niêm phong bằng khóa kiểm toán, hoặc bản ghi niêm phong (audit_seal) đã bị xóa")
		}
	case err != nil:
		return rep, err
	case !review.KeyMatches(key, check):
		// Every history would fail under another key: say that once.
		whole("khóa kiểm toán không phải khóa đã niêm phong cơ sở dữ liệu này")
		return rep, nil
	default:
		rep.Register = reg
		if !reg.Valid(key) {
			whole("sổ đăng ký hồ sơ (audit_seal) bị sửa đổi: mã xác thực không khớp")
		}
		var last int64
		if len(ids) > 0 {
			last = ids[len(ids)-1]
		}
		if rep.Dossiers != reg.Dossiers || last != reg.LastID {
			whole("đã niêm phong %d hồ sơ (số lớn nhất %d) nhưng cơ sở dữ liệu có %d (số lớn nhất %d): hồ sơ bị xóa hoặc thêm ngoài capdo",
				reg.Dossiers, reg.LastID, rep.Dossiers, last)
		}
		if rep.Events != reg.Events {
			whole("đã niêm phong %d sự kiện lịch sử nhưng cơ sở dữ liệu có %d", reg.Events, rep.Events)
		}
	}
	// Heads whose dossier is gone name the dossiers removed.
	rows, err := q.QueryContext(ctx, "SELECT dossier_id FROM audit_heads WHERE dossier_id NOT IN (SELECT id FROM dossiers) ORDER BY dossier_id")
	if err != nil {
		return rep, err
	}
	var gone []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return rep, err
		}
		gone = append(gone, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return rep, err
	}
	for _, id := range gone {
		rep.Problems = append(rep.Problems, Problem{DossierID: id, Reason: "hồ sơ đã được niêm phong nhưng không còn trong cơ sở dữ liệu"})
	}
	for _, id := range ids {
		c, err := checkDossier(ctx, q, key, id, documents)
		if err != nil {
			return rep, err
		}
		rep.Problems = append(rep.Problems, c.Problems()...)
	}
	return rep, nil
}
