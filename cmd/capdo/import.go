package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"capdo/levels"
	"capdo/registry"
	"capdo/store"
)

// cmdImport imports an inventory into the registry of one organisation from the server
// console, as the web app's import does (docs/contract.md §7): the dry run shows every row; without
// --dry-run the good rows are written in one transaction and the refused ones reported.
func cmdImport(ctx context.Context, args []string, in io.Reader, out, errOut io.Writer) int {
	fs := newFlags("import", errOut)
	dbPath := fs.String("db", "./capdo.db", "tệp cơ sở dữ liệu SQLite (phải có sẵn)")
	org := fs.String("org", "", "tên đơn vị nhận danh mục (bắt buộc)")
	rules := rulesFlag(fs)
	dryRun := fs.Bool("dry-run", false, "chỉ xem trước: không ghi gì")
	format := fs.String("format", "text", "kết quả: text hoặc json (như POST /api/v1/imports)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return usageError(errOut, "import", err)
	}
	switch {
	case len(pos) != 1:
		return usageError(errOut, "import", errors.New("cần đúng một tệp danh mục (.csv hoặc .xlsx)"))
	case strings.TrimSpace(*org) == "":
		return usageError(errOut, "import", errors.New("--org là bắt buộc: tên đơn vị nhận danh mục"))
	case *format != "text" && *format != "json":
		return usageError(errOut, "import", fmt.Errorf("--format «%s»: dùng text hoặc json", *format))
	}
	file := pos[0]
	st, err := os.Stat(file)
	if err != nil {
		fmt.Fprintf(errOut, "%s: %v\n", file, unwrapPath(err))
		return exitInvalid
	}
	if st.Size() > registry.MaxImportBytes {
		fmt.Fprintf(errOut, "capdo import: %s lớn quá %d MB; hãy chia danh mục\n", file, registry.MaxImportBytes>>20)
		return exitInvalid
	}
	data, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintf(errOut, "%s: %v\n", file, unwrapPath(err))
		return exitInvalid
	}
	rs, err := levels.Open(*rules)
	if err != nil {
		fmt.Fprintln(errOut, err)
		return exitInvalid
	}
	db, err := openExisting(ctx, *dbPath)
	if err != nil {
		fmt.Fprintf(errOut, "capdo import: %v\n", err)
		return exitFailure
	}
	defer db.Close()
	o, err := db.OrgByName(ctx, strings.TrimSpace(*org))
	if errors.Is(err, store.ErrNotFound) {
		fmt.Fprintf(errOut, "capdo import: không có đơn vị «%s» (xem capdo users list)\n", strings.TrimSpace(*org))
		return exitInvalid
	}
	if err != nil {
		fmt.Fprintf(errOut, "capdo import: %v\n", err)
		return exitFailure
	}
	reg, err := registry.New(db, nil, rs, nil)
	if err != nil {
		fmt.Fprintf(errOut, "capdo import: %v\n", err)
		return exitFailure
	}
	who := registry.Actor{Username: "console", Role: "admin"}
	plan, err := reg.Import(ctx, who, o.ID, filepath.Base(file), data, *dryRun, registry.ImportOptions{})
	var ie *levels.InvalidError
	switch {
	case errors.As(err, &ie):
		for _, p := range ie.Problems {
			fmt.Fprintf(errOut, "%s: %s\n", file, p.Message)
		}
		return exitInvalid
	case err != nil:
		fmt.Fprintf(errOut, "capdo import: %v\n", err)
		return exitFailure
	}
	if plan.Applied {
		e := store.SecurityEvent{Level: "INFO", Event: "inventory.import", OrgID: o.ID, Message: "nhập danh mục hệ thống từ dòng lệnh",
			Attrs: map[string]string{"file": plan.File, "sha256": plan.SHA256, "via": "console",
				"created": fmt.Sprint(plan.Count(registry.ImportCreate)), "updated": fmt.Sprint(plan.Count(registry.ImportUpdate))}}
		if u, err := user.Current(); err == nil {
			e.Attrs["os_user"] = u.Username
		}
		if err := db.RecordSecurityEvent(ctx, e); err != nil {
			fmt.Fprintf(errOut, "capdo import: không ghi được sự kiện vào nhật ký an ninh: %v\n", err)
		}
	}
	for _, r := range plan.Rows {
		for _, e := range r.Errors {
			fmt.Fprintf(errOut, "%s: %s\n", file, e)
		}
	}
	if *format == "json" {
		enc := json.NewEncoder(out)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		enc.Encode(map[string]any{"created": plan.Count(registry.ImportCreate), "updated": plan.Count(registry.ImportUpdate),
			"same": plan.Count(registry.ImportSame), "failed": plan.Count(registry.ImportError), "dry_run": !plan.Applied,
			"applied": plan.Applied, "file": plan.File, "sha256": plan.SHA256, "plan": plan.Digest, "rule_set": plan.RuleSet,
			"org_id": plan.OrgID, "rows": plan.Rows})
	} else {
		printImport(out, plan, o.Name)
	}
	if plan.Count(registry.ImportError) > 0 {
		return exitFailure
	}
	return exitOK
}

var actionText = map[string]string{registry.ImportCreate: "tạo mới", registry.ImportUpdate: "cập nhật",
	registry.ImportSame: "không đổi", registry.ImportError: "từ chối"}

// printImport writes the plan row by row, then what was (or would be) written.
func printImport(out io.Writer, plan *registry.ImportPlan, org string) {
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DÒNG\tMÃ\tTHAO TÁC\tCẤP ĐỘ\tTÊN HỆ THỐNG\tTHAY ĐỔI / LÝ DO")
	for _, r := range plan.Rows {
		level := "—"
		if r.Level != nil {
			level = fmt.Sprint(*r.Level)
		}
		act := actionText[r.Action]
		if r.Version > 0 && r.Action == registry.ImportUpdate {
			act += fmt.Sprintf(" (phiên bản %d)", r.Version)
		}
		why := strings.Join(r.Changes, "; ")
		if len(r.Errors) > 0 {
			why = strings.Join(r.Errors, "; ")
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", r.Row, r.ID, act, level, r.Name, why)
	}
	tw.Flush()
	if plan.Encoding != "" {
		fmt.Fprintf(out, "Tệp CSV được đọc theo bảng mã %s.\n", plan.Encoding)
	}
	counts := fmt.Sprintf("%d hệ thống mới, %d cập nhật, %d không đổi, %d dòng bị từ chối",
		plan.Count(registry.ImportCreate), plan.Count(registry.ImportUpdate), plan.Count(registry.ImportSame), plan.Count(registry.ImportError))
	if plan.Applied {
		fmt.Fprintf(out, "Đã ghi vào sổ của «%s» trong một lần: %s (không được ghi). Bộ quy tắc %s.\n", org, counts, plan.RuleSet)
		return
	}
	fmt.Fprintf(out, "Xem trước, chưa ghi gì vào sổ của «%s»: %s. Bộ quy tắc %s. Chạy lại không có --dry-run để ghi các dòng hợp lệ.\n",
		org, counts, plan.RuleSet)
}
