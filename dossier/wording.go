package dossier

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"capdo/levels"
)

// Wording that the documents share: how a rule set's own texts (notes, appraiser notes,
// criterion notes) are written into drafting notes, and the drafting note on the rule set
// itself, whose wording depends on the document's date.

// transitionOnly is the advice that a rule set be used only for transitional dossiers. It
// holds only for a document dated after the set's end, so capdo writes it there itself
// (ruleSetNote) and takes it out of the rule set's notes, which are shown whatever the
// date.
const transitionOnly = "Chỉ dùng bộ quy tắc này cho hồ sơ chuyển tiếp và để đối chiếu."

// ruleSetNote is the text of the drafting note on the rule set (RULE_SET_NOTE): which set
// and file gave the level, and whether the set was in force on the document's date. Its
// end date, where it has one, is a secondary-source claim (docs/reference/law.md §14.2, §14.6).
func ruleSetNote(rs *levels.RuleSet, date time.Time) string {
	var b strings.Builder
	b.WriteString("cấp độ được xác định bằng capdo theo bộ quy tắc " + rs.ID + " – " + strings.TrimSpace(rs.Title))
	if d := rs.Digest; d != "" {
		b.WriteString(", mã băm tệp quy tắc " + d[:min(12, len(d))])
	}
	b.WriteString(". ")
	today := date.Format("2006-01-02")
	ended := rs.EffectiveTo != "" && today > rs.EffectiveTo
	switch {
	case rs.InForceOn(date):
		b.WriteString("Ngày lập văn bản (" + dateWords(date) + ") nằm trong thời gian hiệu lực của bộ quy tắc, " + effectiveDates(rs) + ".")
		if end, ok := day(rs.EffectiveTo); ok {
			b.WriteString(" Ngày hết hiệu lực ghi trong bộ quy tắc lấy từ nguồn thứ cấp [nguồn thứ cấp, cần kiểm chứng]; hồ sơ chưa được phê duyệt trước " +
				dateWords(end.AddDate(0, 0, 1)) + " cần xác định văn bản pháp luật thay thế và quy định chuyển tiếp.")
		}
	case ended:
		b.WriteString("Bộ quy tắc không có hiệu lực vào ngày lập văn bản (" + dateWords(date) + "): thời gian hiệu lực " + effectiveDates(rs) +
			"; tình trạng: " + rs.StatusLabel() + " [nguồn thứ cấp, cần kiểm chứng]. " + transitionOnly +
			" Cần xác định văn bản pháp luật có hiệu lực và quy định chuyển tiếp trước khi trình hồ sơ.")
	default:
		b.WriteString("Bộ quy tắc không có hiệu lực vào ngày lập văn bản (" + dateWords(date) + "): tình trạng: " + rs.StatusLabel() +
			"; thời gian hiệu lực " + effectiveDates(rs) + ". Cần xác định văn bản pháp luật có hiệu lực trước khi trình hồ sơ.")
	}
	return b.String()
}

// docNumberRe finds the number of a legal document: "12/2022/TT-BTTTT", "85/2016/NĐ-CP".
var docNumberRe = regexp.MustCompile(`\d+/\d{4}/\p{Lu}[\p{Lu}\p{N}-]*`)

// splitNotes divides a rule set's notes into those about a recital (a note naming a
// document the recitals cite, other than the decree the set encodes, as the note on the
// number and date of Thông tư 12/2022/TT-BTTTT does), which go with the recitals of every
// document that has them, and the others, which go with the drafting note on the rule
// set. Each is written as drafting-note text (noteText), the general ones without the
// transitional-use advice (transitionOnly).
func splitNotes(rs *levels.RuleSet) (general, recital []string) {
	own := docNumberRe.FindAllString(rs.Title, -1)
	var cited []string
	for _, r := range rs.Recitals {
		for _, n := range docNumberRe.FindAllString(r, -1) {
			if !slices.Contains(own, n) && !slices.Contains(cited, n) {
				cited = append(cited, n)
			}
		}
	}
	for _, n := range rs.Notes {
		n = strings.Join(strings.Fields(n), " ")
		if slices.ContainsFunc(cited, func(c string) bool { return strings.Contains(n, c) }) {
			recital = append(recital, noteText(n))
			continue
		}
		n = strings.TrimSpace(strings.ReplaceAll(n, transitionOnly, ""))
		if n != "" {
			general = append(general, noteText(n))
		}
	}
	return general, recital
}

// noteText writes a text from the rule set as the body of a drafting note, after "…(xóa
// trước khi ký): ": spaces collapsed, dates in words as in the body of a document, and a
// first word that is no name in lower case.
func noteText(s string) string {
	return lowerStart(wordDates(strings.Join(strings.Fields(s), " ")))
}

// properStarts are first words that begin a name (of a law, a body, a person's office)
// and keep their capital after a colon.
var properStarts = []string{"Luật", "Nghị", "Thông", "Quyết", "Chỉ", "Bộ", "Cục", "Sở", "Ủy", "Uỷ", "Chính", "Thủ", "Văn", "Tổng", "Trung", "Ban", "Hội", "Ngân", "Công", "Tập", "Trường", "Viện"}

// lowerStart lower-cases the first letter of a text written after a colon, unless the
// first word begins a name ("Luật An ninh mạng …", "Bộ Công an …"), is written in
// capitals ("UBND"), or is followed by a capitalised word ("Hệ thống SCADA" is not, "Cổng
// Dịch vụ công" is). "Khoản"/"Điểm" starting a citation are lowered (midSentence).
func lowerStart(s string) string {
	s = midSentence(s)
	first, rest, _ := strings.Cut(s, " ")
	r, size := utf8.DecodeRuneInString(first)
	if !unicode.IsUpper(r) || slices.Contains(properStarts, first) || strings.ToUpper(first) == first {
		return s
	}
	if next, _ := utf8.DecodeRuneInString(rest); unicode.IsUpper(next) {
		return s
	}
	return string(unicode.ToLower(r)) + s[size:]
}

// lowerFirst lower-cases the first letter of a value written after a colon or inside a
// sentence, such as an inspection cycle ("chu kỳ: định kỳ hằng năm") or an information
// type after the first of a list.
func lowerFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToLower(r)) + s[size:]
}

// slashDateRe finds a date written "01/7/2026", optionally after "ngày ".
var slashDateRe = regexp.MustCompile(`(ngày )?\b(\d{1,2})/(\d{1,2})/(\d{4})\b`)

// wordDates writes every "dd/mm/yyyy" date as the body of a document does: "ngày 01 tháng
// 7 năm 2026". A document number ("85/2016/NĐ-CP") has no day and is left alone.
func wordDates(s string) string {
	return slashDateRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := slashDateRe.FindStringSubmatch(m)
		d, _ := strconv.Atoi(sub[2])
		mo, _ := strconv.Atoi(sub[3])
		y, _ := strconv.Atoi(sub[4])
		if d < 1 || d > 31 || mo < 1 || mo > 12 {
			return m
		}
		return dateWords(time.Date(y, time.Month(mo), d, 12, 0, 0, 0, time.UTC))
	})
}

// day parses a rule set's date.
func day(s string) (time.Time, bool) {
	t, err := time.Parse("2006-01-02", s)
	return t, err == nil
}

// joinLabels writes a list inside a sentence: "Thông tin công cộng; thông tin riêng;
// thông tin cá nhân", the first label as it is, the others lower-cased.
func joinLabels(labels []string) string {
	out := make([]string, len(labels))
	for i, l := range labels {
		if i > 0 {
			l = lowerFirst(l)
		}
		out[i] = l
	}
	return strings.Join(out, "; ")
}

// criterionNote is the drafting note on a matched criterion: its note, and how sure its
// basis is when it is not the text of the law; empty for a criterion read in the law
// with nothing to add.
func criterionNote(r levels.Reason) string {
	label := basisLabel[r.Basis]
	n := noteText(r.Note)
	switch {
	case n == "" && label == "":
		return ""
	case n == "" && r.Basis == levels.BasisSecondary:
		n = "tiêu chí lấy từ nguồn thứ cấp, chưa đối chiếu với văn bản gốc"
	case n == "":
		n = "việc áp dụng tiêu chí là suy luận, chưa thấy trong văn bản luật"
	}
	if label != "" {
		n = strings.TrimSuffix(n, ".") + " [" + label + "]."
	}
	if r.Component != "" {
		n = "hệ thống thành phần " + r.Component + ": " + n
	}
	return n
}

// textRows makes a collection of texts.
func textRows(texts []string) []map[string]string {
	rows := make([]map[string]string, len(texts))
	for i, t := range texts {
		rows[i] = map[string]string{"text": t}
	}
	return rows
}
