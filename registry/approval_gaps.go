package registry

import (
	"capdo/review"
	"capdo/store"
)

// ApprovalGaps names, in words for the approver, what dossier d's record lacks that its
// approval rests on. Under Decree 331 the approval dossier of a level 3 to 5 system holds
// the lead appraiser's written opinion (điểm b khoản 1 Điều 24 Nghị định 331/2026/NĐ-CP;
// docs/d331.md §2.2, Mẫu 04): an appraisal result must be attached to the dossier.
// Approving stays possible without it (contract §6 approves without documents, and the
// opinion may be on paper); the confirmation page says what is missing before the approver
// confirms. d must carry its uploads (store.Dossier fills them).
func ApprovalGaps(d store.Dossier) []string {
	if d.RuleSet != newRuleSet || d.Level < 3 {
		return nil
	}
	for _, u := range d.Uploads {
		if u.Kind == string(review.AppraisalDoc) {
			return nil
		}
	}
	return []string{"Hồ sơ chưa có văn bản kết quả thẩm định (ý kiến thẩm định của cơ quan chủ trì thẩm định, Mẫu 04) — hồ sơ đề nghị phê duyệt cấp độ 3 trở lên phải có văn bản này (điểm b khoản 1 Điều 24 Nghị định 331/2026/NĐ-CP). Đơn vị thẩm định tải văn bản lên trước khi ghi kết quả thẩm định; nếu văn bản chỉ có bản giấy, hãy đối chiếu trước khi phê duyệt."}
}
