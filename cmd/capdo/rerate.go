package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"capdo/inventory"
	"capdo/levels"
)

// cmdRerate rates every system of an inventory and writes who moves up or down and why.
func cmdRerate(ctx context.Context, args []string, in io.Reader, out, errOut io.Writer) int {
	fs := newFlags("rerate", errOut)
	rules := rulesFlag(fs)
	report := fs.String("out", "", "tệp báo cáo .csv, .xlsx hoặc .json (bắt buộc)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return usageError(errOut, "rerate", err)
	}
	if len(pos) != 1 || *report == "" {
		return usageError(errOut, "rerate", errors.New("cần --out BÁO_CÁO và đúng một tệp danh mục (.csv hoặc .xlsx)"))
	}
	if err := inventory.CheckReportPath(*report); err != nil {
		return usageError(errOut, "rerate", err)
	}
	if same, _ := sameFile(pos[0], *report); same {
		return usageError(errOut, "rerate", fmt.Errorf("--out %s là chính tệp danh mục: báo cáo sẽ ghi đè danh mục", *report))
	}
	rs, err := levels.Open(*rules)
	if err != nil {
		fmt.Fprintln(errOut, err)
		return exitInvalid
	}
	bar := newProgressBar(errOut)
	sum, err := inventory.RerateTo(ctx, rs, pos[0], *report, inventory.Options{Progress: bar.update})
	bar.clear()
	var we *inventory.WriteError
	switch {
	case errors.As(err, &we):
		fmt.Fprintf(errOut, "capdo rerate: không ghi được báo cáo: %v\n", unwrapPath(we.Err))
		return exitFailure
	case err != nil:
		fmt.Fprintf(errOut, "%s: %v\n", pos[0], unwrapPath(err))
		return exitInvalid
	}
	for _, e := range sum.Errors {
		fmt.Fprintf(errOut, "%s: %s\n", pos[0], e)
	}
	fmt.Fprintf(out, "Bộ quy tắc %s: %d hệ thống — %d tăng cấp độ, %d giảm, %d giữ nguyên, %d chưa có cấp độ phê duyệt; %d dòng lỗi.\n",
		rs.ID, sum.Rows, sum.Changes[inventory.ChangeUp], sum.Changes[inventory.ChangeDown],
		sum.Changes[inventory.ChangeSame], sum.Changes[inventory.ChangeNew], sum.Failed)
	if n := sum.Undetermined; n > 0 {
		fmt.Fprintf(out, "%d hệ thống không khớp tiêu chí nào (cấp độ 0): cần quyết định thủ công, xem cột warnings.\n", n)
	}
	fmt.Fprintf(out, "Báo cáo: %s\n", *report)
	if sum.Failed > 0 {
		return exitFailure
	}
	return exitOK
}

// sameFile reports whether two paths name one existing file.
func sameFile(a, b string) (bool, error) {
	sa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	sb, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(sa, sb), nil
}
