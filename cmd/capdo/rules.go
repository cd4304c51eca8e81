package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"capdo/dossier"
	"capdo/levels"
)

func cmdRules(ctx context.Context, args []string, in io.Reader, out, errOut io.Writer) int {
	if len(args) == 0 {
		return usageError(errOut, "rules", errors.New("cần lệnh con: list hoặc test"))
	}
	switch args[0] {
	case "list":
		return rulesList(out, errOut)
	case "test":
		return rulesTest(ctx, args[1:], out, errOut)
	}
	return usageError(errOut, "rules", fmt.Errorf("lệnh con không xác định «%s» (list, test)", args[0]))
}

func rulesList(out, errOut io.Writer) int {
	sets, err := levels.Embedded()
	if err != nil {
		fmt.Fprintln(errOut, err)
		return exitFailure
	}
	for _, rs := range sets {
		to := rs.EffectiveTo
		if to == "" {
			to = "…"
		}
		def := ""
		if rs.ID == levels.DefaultRuleSet {
			def = " [mặc định]"
		}
		fmt.Fprintf(out, "%s%s\n  %s\n  Trạng thái: %s (%s)   Hiệu lực: %s → %s   Số tiêu chí: %d\n",
			rs.ID, def, rs.Title, rs.Status, rs.StatusLabel(), rs.EffectiveFrom, to, len(rs.Rules))
		if rs.DossierTemplates == dossier.BuiltInTemplates {
			fmt.Fprintf(out, "  Mẫu hồ sơ: có sẵn (%s)\n", rs.DossierTemplates)
		} else {
			fmt.Fprintf(out, "  Mẫu hồ sơ: chưa có; capdo dossier cần --templates với mẫu riêng của đơn vị\n")
		}
		for _, p := range rs.Procedures {
			fmt.Fprintf(out, "  %s\n", procedureLine(p))
		}
		for _, n := range rs.Notes {
			fmt.Fprintf(out, "  Lưu ý: %s\n", strings.TrimSpace(n))
		}
	}
	return exitOK
}

// procedureLine sums up who appraises and approves at some levels, and how fast:
// "Cấp độ 3: thẩm định … (tiếp nhận 05 ngày làm việc, thẩm định 15 ngày làm việc); phê duyệt … (07 ngày làm việc) — Khoản 2 Điều 18 …".
func procedureLine(p levels.Procedure) string {
	lv := make([]string, len(p.Levels))
	for i, l := range p.Levels {
		lv[i] = strconv.Itoa(l)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Cấp độ %s: ", strings.Join(lv, "–"))
	if p.ProfessionalOpinion != nil && p.ProfessionalOpinion.Required {
		fmt.Fprintf(&b, "ý kiến chuyên môn (%s); ", p.ProfessionalOpinion.ByRole)
	}
	if p.Forward != nil {
		fmt.Fprintf(&b, "%s gửi cơ quan thẩm định; ", p.Forward.ByRole)
	}
	appraiser := p.Appraiser
	for _, x := range p.Exceptions {
		appraiser += "; " + x.Appraiser + " (" + x.ManagedBy + ")"
	}
	fmt.Fprintf(&b, "thẩm định: %s (", appraiser)
	if p.IntakeDeadline != nil {
		fmt.Fprintf(&b, "tiếp nhận %s, ", p.IntakeDeadline.Label())
	}
	fmt.Fprintf(&b, "thẩm định %s); phê duyệt: %s (%s)", p.AppraisalDeadline.Label(), p.Approver, p.ApprovalDeadline.Label())
	for _, a := range p.AfterApproval {
		fmt.Fprintf(&b, "; sau phê duyệt: %s", a.Label)
	}
	if len(p.CriticalLevels) > 0 {
		fmt.Fprintf(&b, "; cả hệ thống quan trọng về an ninh quốc gia ở cấp độ thấp hơn (%s)", p.CriticalCitation)
	}
	if p.IndependentAppraisal != nil {
		fmt.Fprintf(&b, "; thẩm định độc lập khi %s (%s)", p.IndependentAppraisal.Fact, p.IndependentAppraisal.Citation)
	}
	fmt.Fprintf(&b, " — %s", p.Citation)
	return b.String()
}

// rulesTest runs the cases of the embedded sets, of one rule file, or of every rule file in
// a directory. The exit status is 1 when a case fails or a rule is hit by no case.
func rulesTest(ctx context.Context, args []string, out, errOut io.Writer) int {
	var sets []*levels.RuleSet
	switch len(args) {
	case 0:
		var err error
		if sets, err = levels.Embedded(); err != nil {
			fmt.Fprintln(errOut, err)
			return exitInvalid
		}
	case 1:
		files, err := ruleFiles(args[0])
		if err != nil {
			fmt.Fprintln(errOut, err)
			return exitInvalid
		}
		bad := false
		for _, f := range files {
			rs, err := levels.LoadFile(f)
			if err != nil {
				fmt.Fprintln(errOut, err)
				bad = true
				continue
			}
			sets = append(sets, rs)
		}
		if bad {
			return exitInvalid
		}
	default:
		return usageError(errOut, "rules test", errors.New("cần nhiều nhất một tệp hoặc thư mục quy tắc"))
	}

	code := exitOK
	for _, rs := range sets {
		rep, err := levels.TestRuleSet(ctx, rs)
		if err != nil {
			fmt.Fprintln(errOut, err)
			code = exitFailure
			continue
		}
		for _, c := range rep.Cases {
			if len(c.Failures) == 0 {
				continue
			}
			fmt.Fprintf(out, "SAI  %s:%d: %s\n", rep.File, c.Line, c.Name)
			for _, f := range c.Failures {
				fmt.Fprintf(out, "       %s\n", f)
			}
		}
		if len(rep.Uncovered) > 0 {
			fmt.Fprintf(out, "SAI  %s: các mã quy tắc chưa có trường hợp kiểm thử nào kích hoạt: %s\n", rs.ID, strings.Join(rep.Uncovered, ", "))
		}
		status := "ĐẠT"
		if !rep.OK() {
			status = "KHÔNG ĐẠT"
			code = exitFailure
		}
		fmt.Fprintf(out, "%s  %s: %d trường hợp, %d sai, %d/%d mã quy tắc được kiểm thử\n",
			status, rs.ID, len(rep.Cases), rep.Failed(), len(rs.TestedIDs())-len(rep.Uncovered), len(rs.TestedIDs()))
	}
	return code
}

// ruleFiles lists the rule files named by path: the file itself, or every *.yaml that is
// not a *.test.yaml in a directory.
func ruleFiles(path string) ([]string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, unwrapPath(err))
	}
	if !st.IsDir() {
		return []string{path}, nil
	}
	all, _ := filepath.Glob(filepath.Join(path, "*.yaml"))
	var files []string
	for _, f := range all {
		if !strings.HasSuffix(f, ".test.yaml") {
			files = append(files, f)
		}
	}
	sort.Strings(files)
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: không có tệp quy tắc *.yaml", path)
	}
	return files, nil
}
