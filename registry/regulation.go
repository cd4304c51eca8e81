package registry

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"capdo/levels"
	"capdo/review"
	"capdo/store"
)

// The Quy chế bảo đảm an ninh mạng (cybersecurity regulation) of Decree 331/2026 Art. 30.7:
// the system's regulation, meeting the management requirements of its level, must be
// approved and issued by the competent body before the level dossier is approved. capdo
// keeps it as a record of the organisation that issues it (store.Regulations): a
// regulation recorded for an organisation covers the systems of that organisation and of
// the units below it, as one regulation of the owner (chủ quản) usually does [suy luận].

// regulationCite is the article the gate rests on.
const regulationCite = "khoản 7 Điều 30 Nghị định 331/2026/NĐ-CP"

// regulationRuleSet is the rule set whose dossiers need the regulation: Decree 85 had no
// such prerequisite.
const regulationRuleSet = "d331-2026"

// maxRegulationText bounds the number and the issuer of a regulation.
const maxRegulationText = 300

// RegulationInput is a regulation as its recorder gives it.
type RegulationInput struct {
	Number   string
	IssuedOn string // YYYY-MM-DD
	Issuer   string
	FileName string
	Data     []byte
}

// RecordRegulation records the regulation of organisation orgID as who, superseding the
// organisation's earlier records. Whether who may record for orgID is the caller's
// decision (the organisation's owners and administrators, server/regulations.go).
//
// Errors: a *levels.InvalidError naming number, issued_on, issuer or file (a date that is
// not a day or is still to come, an empty field, a file that is no real DOCX or PDF);
// *TooLargeError and *UnsupportedError for the file as for a dossier upload;
// store.ErrNotFound for an organisation that does not exist.
func (r *Registry) RecordRegulation(ctx context.Context, who Actor, orgID int64, in RegulationInput) (store.Regulation, error) {
	var problems []levels.Problem
	number, p := regulationText("number", in.Number, "cần số, ký hiệu của văn bản ban hành quy chế, ví dụ 12/QĐ-UBND")
	problems = append(problems, p...)
	issuer, p := regulationText("issuer", in.Issuer, "cần tên cơ quan, người có thẩm quyền ban hành quy chế")
	problems = append(problems, p...)
	date := strings.TrimSpace(in.IssuedOn)
	switch day, err := time.ParseInLocation(time.DateOnly, date, review.Vietnam); {
	case date == "":
		problems = append(problems, levels.Problem{Field: "issued_on", Message: "cần ngày ban hành quy chế (YYYY-MM-DD)"})
	case err != nil:
		problems = append(problems, levels.Problem{Field: "issued_on", Message: "«" + in.IssuedOn + "» không phải một ngày dạng YYYY-MM-DD"})
	case day.After(dateIn(r.now())):
		problems = append(problems, levels.Problem{Field: "issued_on", Message: "ngày ban hành " + day.Format("02/01/2006") + " chưa đến: chỉ ghi quy chế đã ban hành"})
	}
	if len(in.Data) == 0 {
		problems = append(problems, levels.Problem{Field: "file", Message: "cần tệp quy chế đã ký (DOCX hoặc PDF)"})
	}
	if problems != nil {
		return store.Regulation{}, &levels.InvalidError{Problems: problems}
	}
	if limit := r.UploadLimits().FileBytes; int64(len(in.Data)) > limit {
		return store.Regulation{}, &TooLargeError{Limit: limit}
	}
	ct, ext, err := CheckDocument(in.Data)
	if err != nil {
		return store.Regulation{}, err
	}
	sum := sha256.Sum256(in.Data)
	return r.store.AddRegulation(ctx, store.NewRegulation{OrgID: orgID, Number: number, IssuedOn: date, Issuer: issuer,
		FileName: SafeName(in.FileName, review.Kind("quy_che"), ext), ContentType: ct, Data: in.Data,
		SHA256: hex.EncodeToString(sum[:]), ActorID: who.UserID})
}

// regulationText normalizes a one-line field: NFC, spaces collapsed, no control characters.
func regulationText(field, v, missing string) (string, []levels.Problem) {
	v = strings.Join(strings.Fields(norm.NFC.String(v)), " ")
	switch {
	case v == "":
		return "", []levels.Problem{{Field: field, Message: missing}}
	case utf8.RuneCountInString(v) > maxRegulationText:
		return "", []levels.Problem{{Field: field, Message: fmt.Sprintf("dài quá %d ký tự", maxRegulationText)}}
	case strings.IndexFunc(v, unicode.IsControl) >= 0:
		return "", []levels.Problem{{Field: field, Message: "có ký tự điều khiển"}}
	}
	return v, nil
}

// RegulationGate is what Art. 30.7 says of a dossier now: whether its approval needs a
// regulation, and the regulation that covers its system (nil when none).
type RegulationGate struct {
	Needed     bool
	Regulation *store.Regulation
	Citation   string
}

// Blocks reports whether the approval is refused for want of a regulation.
func (g RegulationGate) Blocks() bool { return g.Needed && g.Regulation == nil }

// RegulationOf is the gate of dossier d: needed for a Decree 331 dossier not yet
// approved, with the regulation of the nearest organisation from the system's unit up.
func (r *Registry) RegulationOf(ctx context.Context, d store.Dossier) (RegulationGate, error) {
	g := RegulationGate{Needed: d.RuleSet == regulationRuleSet && d.Status != string(review.Approved), Citation: regulationCite}
	reg, err := r.store.RegulationFor(ctx, d.OrgID)
	switch {
	case errors.Is(err, store.ErrNotFound):
	case err != nil:
		return g, err
	default:
		g.Regulation = &reg
	}
	return g, nil
}

// checkRegulation refuses the approval of a Decree 331 dossier whose system's owner has
// recorded no regulation (Art. 30.7): an *IncompleteError naming the field regulation.
func (r *Registry) checkRegulation(ctx context.Context, d store.Dossier) error {
	g, err := r.RegulationOf(ctx, d)
	if err != nil || !g.Blocks() {
		return err
	}
	return &IncompleteError{
		Message: "Chưa phê duyệt được hồ sơ: chủ quản hệ thống chưa ghi nhận Quy chế bảo đảm an ninh mạng, văn bản phải được ban hành trước khi phê duyệt hồ sơ đề xuất cấp độ (" + regulationCite + ").",
		Problems: []levels.Problem{{Field: "regulation", Message: "cần ghi nhận quy chế bảo đảm an ninh mạng của chủ quản (số, ngày, cơ quan ban hành, tệp đã ký) " +
			"tại trang «Quy chế bảo đảm an ninh mạng» trước khi phê duyệt"}},
	}
}
