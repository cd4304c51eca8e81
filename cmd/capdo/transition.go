package main

import (
	"fmt"
	"time"

	"capdo/levels"
	"capdo/registry"
	"capdo/workdays"
)

// clock is the day the transition notices are written for (registry/transition.go); tests
// set it.
var clock = time.Now

// inForceNote says, when rs is not in force on day, which built-in rule set is, for the
// text output of `capdo classify` ("" when rs is in force). The default stays d85-2016
// (docs/contract.md §2); this tells a reader of its output which decree applies today.
func inForceNote(rs *levels.RuleSet, day time.Time) string {
	d := workdays.DateOf(day)
	if rs.InForceOn(d.Start()) {
		return ""
	}
	now, err := registry.InForceOn(day)
	switch {
	case err != nil:
		return ""
	case now == nil:
		return fmt.Sprintf("Ngày %s không có bộ quy tắc có sẵn nào đang áp dụng (bộ quy tắc %s %s).", d.VN(), rs.ID, rs.StatusLabel())
	case now.ID == rs.ID:
		return ""
	}
	return fmt.Sprintf("Ngày %s đang áp dụng bộ quy tắc %s — %s (dùng --rules %s); bộ quy tắc %s %s.", d.VN(), now.ID, now.Title, now.ID, rs.ID, rs.StatusLabel())
}

// transitionWarnings are what the transition says of classifying or making a dossier of
// profile p under rs on day: after Decree 85 lapsed, it serves only a system being invested
// in or built before 01/07/2026 (the profile's `transitional`, or --transitional for a
// dossier), and only until the Art. 39.1 deadline.
func transitionWarnings(rs *levels.RuleSet, p *levels.Profile, transitional bool, day time.Time) []string {
	d := workdays.DateOf(day)
	if rs.ID != levels.DefaultRuleSet || !registry.D85LastDay.Before(d) {
		return nil
	}
	declared := transitional || p.Bool("transitional")
	switch {
	case declared && registry.TransitionalDeadline.Before(d):
		return []string{fmt.Sprintf("Ngày %s đã quá thời hạn %s của khoản 1 Điều 39 Nghị định 331/2026/NĐ-CP: cấp độ không còn được phê duyệt theo Nghị định 85/2016/NĐ-CP [cần đối chiếu]; dùng --rules d331-2026.",
			d.VN(), registry.TransitionalDeadline.VN())}
	case declared:
		return nil
	}
	return []string{fmt.Sprintf("Ngày %s Nghị định 85/2016/NĐ-CP đã hết hiệu lực [nguồn thứ cấp]; nó chỉ còn dùng để thẩm định, phê duyệt cấp độ của hệ thống đang đầu tư, xây dựng trước ngày 01/7/2026, "+
		"đến hết thời hạn %s (khoản 1 Điều 39 Nghị định 331/2026/NĐ-CP). Hồ sơ hệ thống không khai báo transitional: true; nếu hệ thống không thuộc trường hợp đó, dùng --rules d331-2026.",
		d.VN(), registry.TransitionalDeadline.VN())}
}
