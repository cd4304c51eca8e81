package levels

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Validate checks the values of a profile built by any means (file, form, spreadsheet row)
// and returns every problem. It also normalises the profile in place: duplicate list items
// are dropped and texts are trimmed.
func Validate(p *Profile) []Problem { return standard.Validate(p) }

// Validate checks a profile against the facts of the schema.
func (s *Schema) Validate(p *Profile) []Problem {
	var ps problems // no lines: a profile built in code has none
	s.validate(p, "", &ps)
	return ps.list
}

func (s *Schema) validate(p *Profile, path string, ps *problems) {
	// Texts, then enumerations, then numbers, each in table order: without line numbers
	// (a spreadsheet row), problems are listed in this order.
	for row := range s.fields {
		f := &s.fields[row]
		if f.Kind != KindText {
			continue
		}
		// NFC, so that the same name typed on different systems compares equal.
		at := s.store[row]
		v0 := p.textAt(at, f.Key)
		v := strings.TrimSpace(v0)
		runes, plain := plainText(v) // most texts: checked below in one pass
		if !plain {
			v = norm.NFC.String(v)
			runes = utf8.RuneCountInString(v)
		}
		if v != v0 {
			p.setTextAt(at, f.Key, v)
		}
		field := join(path, f.Key)
		switch {
		case f.Required && v == "":
			ps.add(field, "bắt buộc, chưa có giá trị")
		case runes > MaxTextLen:
			ps.add(field, "dài quá %d ký tự", MaxTextLen)
		case plain:
		case !utf8.ValidString(v):
			ps.add(field, "không phải văn bản UTF-8 hợp lệ")
		default:
			if r, ok := badControl(v, f.Multiline); ok {
				ps.add(field, "chứa ký tự điều khiển không in được (U+%04X); hãy xóa ký tự đó", r)
			}
		}
	}
	for row := range s.fields {
		f := &s.fields[row]
		if f.Kind != KindEnum && f.Kind != KindList {
			continue
		}
		field := join(path, f.Key)
		allowed, at := s.allowed[row], s.store[row]
		switch f.Kind {
		case KindEnum:
			v := p.textAt(at, f.Key)
			if v == "" {
				if f.Required {
					ps.add(field, "bắt buộc; giá trị hợp lệ: %s", strings.Join(allowed, ", "))
				}
				continue
			}
			enum(v, allowed, field, ps)
		case KindList:
			list := p.listAt(at, f.Key)
			if len(list) == 0 && f.Required {
				ps.add(field, "bắt buộc, cần ít nhất một %s; giá trị hợp lệ: %s", f.Item, strings.Join(allowed, ", "))
			}
			clean := true // every item allowed, none repeated: the list stays as it is
			for i, t := range list {
				if !slices.Contains(allowed, t) {
					enum(t, allowed, fmt.Sprintf("%s[%d]", field, i), ps)
					clean = false
				} else if slices.Contains(list[:i], t) {
					clean = false
				}
			}
			if clean {
				continue
			}
			var uniq []string
			for _, t := range list {
				if slices.Contains(allowed, t) && !slices.Contains(uniq, t) {
					uniq = append(uniq, t)
				}
			}
			if len(uniq) > 0 && len(uniq) < len(list) {
				p.setListAt(at, f.Key, uniq)
			}
		}
	}
	for row := range s.fields {
		f := &s.fields[row]
		if f.Kind != KindInt {
			continue
		}
		n := p.intAt(s.store[row], f.Key)
		switch {
		case f.Max != 0 && (n < f.Min || n > f.Max):
			ps.add(join(path, f.Key), "phải từ %d đến %d%s, không phải %d", f.Min, f.Max, strings.TrimRight(" "+f.RangeNote, " "), n)
		case f.Max == 0 && n < f.Min && f.Min == 0:
			ps.add(join(path, f.Key), "không được âm (%d)", n)
		case f.Max == 0 && n < f.Min:
			ps.add(join(path, f.Key), "phải từ %d trở lên, không phải %d", f.Min, n)
		}
	}

	// Facts the criteria cannot do without (docs/contract.md §1).
	if (p.HasInfo("state_secret") || p.DefenseSecurity) && p.SecurityHarm == "" && p.SecretGrade == "" {
		ps.add(join(path, "security_harm"), "bắt buộc khi hệ thống xử lý bí mật nhà nước hoặc phục vụ quốc phòng, an ninh (hoặc khai báo secret_grade); giá trị hợp lệ: %s", strings.Join(Harms, ", "))
	}
	if p.SystemType == "infrastructure" && p.InfraScope == "" {
		ps.add(join(path, "infra_scope"), "bắt buộc với hệ thống cơ sở hạ tầng thông tin; giá trị hợp lệ: %s", strings.Join(InfraScopes, ", "))
	}
	if p.SystemType == "industrial_control" && p.ICSWorkGrade == "" {
		ps.add(join(path, "ics_work_grade"), "bắt buộc với hệ thống điều khiển công nghiệp; giá trị hợp lệ: %s", strings.Join(WorkGrades, ", "))
	}

	for i := range p.Components {
		// A component belongs to the system's owner (Art. 5.1.a), so it may leave it out.
		if strings.TrimSpace(p.Components[i].Owner) == "" {
			p.Components[i].Owner = p.Owner
		}
		s.validate(&p.Components[i], fmt.Sprintf("%s[%d]", join(path, "components"), i), ps)
	}
}

func enum(v string, allowed []string, field string, ps *problems) bool {
	if slices.Contains(allowed, v) {
		return true
	}
	ps.add(field, "giá trị «%s» không hợp lệ; giá trị hợp lệ: %s", clip(v), strings.Join(allowed, ", "))
	return false
}

// coherence lists facts that contradict each other. They do not stop classification
// (docs/contract.md §1: reported as warnings, never silently ignored).
func coherence(p *Profile) []string {
	var w []string
	secret := p.HasInfo("state_secret")
	if p.SecretGrade != "" && !secret {
		w = append(w, fmt.Sprintf("Mâu thuẫn: khai báo độ mật «%s» nhưng loại thông tin xử lý không có «Thông tin bí mật nhà nước».", ValueLabel(p.SecretGrade)))
	}
	if p.SecurityHarm != "" && p.SecurityHarm != "none" && !secret && !p.DefenseSecurity {
		w = append(w, "Mâu thuẫn: khai báo mức tổn hại quốc phòng, an ninh nhưng hệ thống không xử lý bí mật nhà nước và không phục vụ quốc phòng, an ninh; tiêu chí khoản 1 Điều 9, 10, 11 không áp dụng.")
	}
	if secret && p.SecurityHarm == "none" {
		w = append(w, "Cần kiểm tra: hệ thống xử lý bí mật nhà nước nhưng khai báo mức tổn hại quốc phòng, an ninh «"+ValueLabel("none")+"».")
	}
	if secret && p.SecretGrade != "" && p.SecurityHarm != "" && p.SecurityHarm != "none" && harmFromGrade[p.SecretGrade] != p.SecurityHarm {
		w = append(w, fmt.Sprintf("Cần kiểm tra: độ mật «%s» thường tương ứng mức «%s», nhưng hồ sơ khai báo «%s»; cấp độ được xác định theo mức tổn hại đã khai báo.",
			ValueLabel(p.SecretGrade), ValueLabel(harmFromGrade[p.SecretGrade]), ValueLabel(p.SecurityHarm)))
	}
	if p.InfraScope != "" && p.SystemType != "infrastructure" {
		w = append(w, fmt.Sprintf("Mâu thuẫn: khai báo phạm vi dùng chung hạ tầng «%s» cho hệ thống không phải cơ sở hạ tầng thông tin (loại hệ thống: «%s»); giá trị này không được dùng.", ValueLabel(p.InfraScope), ValueLabel(p.SystemType)))
	}
	if p.ICSWorkGrade != "" && p.SystemType != "industrial_control" {
		w = append(w, fmt.Sprintf("Mâu thuẫn: khai báo cấp công trình được điều khiển «%s» cho hệ thống không phải điều khiển công nghiệp (loại hệ thống: «%s»); giá trị này không được dùng.", ValueLabel(p.ICSWorkGrade), ValueLabel(p.SystemType)))
	}
	if p.OnlinePublicServiceLevel > 0 && p.SystemType != "citizen_business" {
		w = append(w, fmt.Sprintf("Mâu thuẫn: cung cấp dịch vụ công trực tuyến mức %d nhưng hệ thống không thuộc loại phục vụ người dân, doanh nghiệp (loại hệ thống: «%s»).", p.OnlinePublicServiceLevel, ValueLabel(p.SystemType)))
	}
	if p.ConditionalBusinessService && p.SystemType != "citizen_business" {
		w = append(w, fmt.Sprintf("Mâu thuẫn: khai báo dịch vụ thuộc ngành nghề kinh doanh có điều kiện nhưng hệ thống không thuộc loại phục vụ người dân, doanh nghiệp (loại hệ thống: «%s»).", ValueLabel(p.SystemType)))
	}
	if p.PersonalDataUsers > 0 && !p.HasInfo("private") && !p.HasInfo("personal") {
		w = append(w, fmt.Sprintf("Mâu thuẫn: khai báo %d người sử dụng có thông tin riêng, cá nhân nhưng loại thông tin xử lý không có «Thông tin riêng» hoặc «Thông tin cá nhân».", p.PersonalDataUsers))
	}
	if (p.BasicPDSubjects > 0 || p.SensitivePDSubjects > 0) && !p.HasInfo("private") && !p.HasInfo("personal") {
		w = append(w, fmt.Sprintf("Mâu thuẫn: khai báo %d chủ thể dữ liệu cá nhân cơ bản và %d chủ thể dữ liệu cá nhân nhạy cảm nhưng loại thông tin xử lý không có «Thông tin cá nhân» hoặc «Thông tin riêng».",
			p.BasicPDSubjects, p.SensitivePDSubjects))
	}
	return w
}

// badControl finds a control character that no document can carry (XML 1.0 forbids them,
// Word drops them): such a character in a name is pasted noise, and a name that prints
// differently from what was stored could not be checked. A description may keep line
// breaks and tabs.
func badControl(s string, multiline bool) (rune, bool) {
	for _, r := range s {
		if multiline && (r == '\n' || r == '\t' || r == '\r') {
			continue
		}
		if unicode.IsControl(r) {
			return r, true
		}
	}
	return 0, false
}
