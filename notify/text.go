package notify

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"capdo/levels"
	"capdo/store"
	"capdo/workdays"
)

// Secret reports whether a system processes state secrets, itself or in a component: its
// name never goes into an e-mail (Decree 85 Art. 6.1; an e-mail leaves the installation
// over servers capdo does not control).
func Secret(p levels.Profile) bool {
	if slices.Contains(p.InfoTypes, "state_secret") || p.SecretGrade != "" {
		return true
	}
	return slices.ContainsFunc(p.Components, Secret)
}

// systemLabel names the dossier's system in an e-mail: its name and level, or for a
// system that processes state secrets only its number in capdo.
func systemLabel(d store.DossierStage) string {
	if Secret(d.Profile) {
		return fmt.Sprintf("hệ thống thông tin số %d (mật)", d.SystemID)
	}
	return fmt.Sprintf("hệ thống «%s» (cấp độ %d)", d.Profile.Name, d.Level)
}

// roleName is a role as a sentence names it ("Đơn vị chuyên trách ATTT").
func roleName(role string) string {
	if l, ok := store.RoleLabels[role]; ok {
		return l
	}
	return role
}

// event says what happened, after "Hồ sơ … ".
func event(k Kind, d store.DossierStage, now time.Time, cal *workdays.Calendar) string {
	due := workdays.DateOf(d.DueAt).VN()
	switch k {
	case Submitted:
		return "đã được gửi, chờ " + roleName(d.Holder) + " xử lý"
	case OpinionGiven:
		return "đã có ý kiến chuyên môn, chờ " + roleName(d.Holder) + " thẩm định"
	case Appraised:
		return "đã được thẩm định, chờ " + roleName(d.Holder) + " phê duyệt"
	case Returned:
		return "bị trả lại để hoàn thiện"
	case Approved:
		return "đã được phê duyệt"
	case DueSoon:
		if n := workingDaysLeft(d.DueAt, now, cal); n > 0 {
			return fmt.Sprintf("sắp đến hạn xử lý: hạn cuối %s, còn %d ngày làm việc", due, n)
		}
		return "đến hạn xử lý hôm nay (" + due + ")"
	case Overdue:
		return "đã quá hạn xử lý (hạn cuối " + due + ")"
	}
	return string(k)
}

// clip shortens s to n characters.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// InAppText is what the inbox shows. Its reader may see the dossier (Recipients, and the
// inbox hides what its reader no longer may), so it names the system; a return carries
// its reason.
func InAppText(k Kind, d store.DossierStage, now time.Time, cal *workdays.Calendar) string {
	s := fmt.Sprintf("Hồ sơ số %d — %s (cấp độ %d) %s.", d.DossierID, d.Profile.Name, d.Level, event(k, d, now, cal))
	if k == Returned && d.Comment != "" {
		s += " Lý do: " + clip(d.Comment, 300)
	}
	return s
}

// Mail is the e-mail of a notification to u: Vietnamese, with a link to the dossier under
// publicURL. It carries no document, no comment and, for a system that processes state
// secrets, neither its name nor its level (systemLabel): only the number of the dossier,
// which says nothing without a login.
func Mail(k Kind, d store.DossierStage, u store.User, publicURL string, now time.Time, cal *workdays.Calendar) store.NewMail {
	base := strings.TrimRight(publicURL, "/")
	subject := fmt.Sprintf("[capdo] Hồ sơ số %d: %s", d.DossierID, strings.ToLower(k.Label()))
	greeting := u.FullName
	if greeting == "" {
		greeting = u.Username
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Kính gửi %s,\n\n", greeting)
	fmt.Fprintf(&b, "Hồ sơ đề xuất cấp độ số %d của %s %s.\n", d.DossierID, systemLabel(d), event(k, d, now, cal))
	if k == Returned {
		b.WriteString("Lý do trả lại ghi trong hồ sơ.\n")
	}
	fmt.Fprintf(&b, "\nXem hồ sơ: %s/dossiers/%d\nThông báo của bạn: %s/notifications\n", base, d.DossierID, base)
	b.WriteString("\n-- \nThư do capdo gửi tự động, không kèm tài liệu; nội dung hồ sơ chỉ xem được sau khi đăng nhập. Vui lòng không trả lời thư này.\n")
	return store.NewMail{To: u.Email, Subject: subject, Body: b.String()}
}
