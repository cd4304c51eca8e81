package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"capdo/dossier"
)

// cmdTemplates helps an agency with its own templates: `capdo templates check DIR` loads a
// folder as `capdo dossier --templates DIR` would and says what it found (the folder's
// templates, those taken from the built-in set, every warning and every problem), and
// `capdo templates fields` lists the data model a template may use, in Vietnamese.
//
// Exit statuses: 0 when the folder is usable (warnings allowed); 2 for a usage mistake or
// a folder with problems, each named.
func cmdTemplates(ctx context.Context, args []string, in io.Reader, out, errOut io.Writer) int {
	if len(args) == 0 {
		return usageError(errOut, "templates", errors.New("cần lệnh con: check THƯ_MỤC hoặc fields"))
	}
	switch args[0] {
	case "check":
		return templatesCheck(args[1:], out, errOut)
	case "fields":
		fs := newFlags("templates fields", errOut)
		if pos, err := parseFlags(fs, args[1:]); err != nil || len(pos) > 0 {
			if err == nil {
				err = errors.New("không nhận tham số")
			}
			return usageError(errOut, "templates fields", err)
		}
		printDataModel(out)
		return exitOK
	}
	return usageError(errOut, "templates", fmt.Errorf("lệnh con không xác định «%s»; dùng check hoặc fields", args[0]))
}

func templatesCheck(args []string, out, errOut io.Writer) int {
	fs := newFlags("templates check", errOut)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return usageError(errOut, "templates check", err)
	}
	if len(pos) != 1 {
		return usageError(errOut, "templates check", errors.New("cần đúng một THƯ_MỤC mẫu"))
	}
	eng, warnings, err := templateEngine(pos[0])
	for _, w := range warnings {
		fmt.Fprintf(errOut, "cảnh báo: %s\n", w)
	}
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintf(errOut, "lỗi: %s\n", line)
		}
		return exitInvalid
	}
	fmt.Fprintf(out, "Thư mục mẫu %s dùng được (mã băm %s):\n", pos[0], eng.Digest()[:12])
	src := eng.Sources()
	for _, n := range dossier.TemplateNames {
		who := "mẫu của đơn vị"
		if src[n] != pos[0] {
			who = "mẫu có sẵn của capdo"
		}
		fmt.Fprintf(out, "  %-34s %s\n", n, who)
	}
	if len(warnings) > 0 {
		fmt.Fprintf(out, "%d cảnh báo (xem trên stderr).\n", len(warnings))
	}
	return exitOK
}

// printDataModel writes the data model for template authors.
func printDataModel(out io.Writer) {
	fields, conds, lists := dossier.DataModel()
	fmt.Fprintln(out, "Dữ liệu dùng trong mẫu văn bản (xem thêm dossier/doc.go):")
	fmt.Fprintln(out, "  {{TÊN}} trường; {{#if.ĐIỀU_KIỆN}}…{{/if.ĐIỀU_KIỆN}}, {{#unless.ĐIỀU_KIỆN}}…{{/unless.ĐIỀU_KIỆN}} khối có điều kiện;")
	fmt.Fprintln(out, "  {{#each.danh_sach}}…{{row.cot}}…{{/each.danh_sach}} khối lặp (cả đoạn văn hoặc cả hàng bảng).")
	fmt.Fprintln(out, "\nTRƯỜNG")
	for _, d := range fields {
		fmt.Fprintf(out, "  {{%s}}\n      %s\n", d.Name, d.Doc)
	}
	fmt.Fprintln(out, "\nĐIỀU KIỆN")
	for _, d := range conds {
		fmt.Fprintf(out, "  %s\n      %s\n", d.Name, d.Doc)
	}
	fmt.Fprintln(out, "\nDANH SÁCH")
	for _, c := range lists {
		fmt.Fprintf(out, "  %s: %s\n      cột: %s\n", c.Name, c.Doc, strings.Join(c.Columns, ", "))
	}
}
