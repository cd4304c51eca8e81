package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"capdo/levels"
)

func cmdClassify(ctx context.Context, args []string, in io.Reader, out, errOut io.Writer) int {
	fs := newFlags("classify", errOut)
	rules := rulesFlag(fs)
	format := fs.String("format", "text", "định dạng kết quả: text (cho người đọc) hoặc json (cho chương trình)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return usageError(errOut, "classify", err)
	}
	if len(pos) != 1 {
		return usageError(errOut, "classify", errors.New("cần đúng một tệp hồ sơ (hoặc \"-\" để đọc đầu vào chuẩn)"))
	}
	if *format != "text" && *format != "json" {
		return usageError(errOut, "classify", fmt.Errorf("--format phải là text hoặc json, không phải «%s»", *format))
	}
	rs, err := levels.Open(*rules)
	if err != nil {
		fmt.Fprintln(errOut, err)
		return exitInvalid
	}
	p, code := readProfile(pos[0], in, errOut)
	if code != exitOK {
		return code
	}
	d, err := rs.Classify(ctx, &p)
	if err != nil {
		fmt.Fprintf(errOut, "capdo classify: %v\n", err)
		return exitFailure
	}
	// What the transition from Decree 85 says of this run (transition.go): in the text, or
	// beside the JSON on standard error, which stays the contract's object.
	today := clock()
	notices := transitionWarnings(rs, &p, false, today)
	if *format == "json" {
		for _, w := range notices {
			fmt.Fprintf(errOut, "capdo classify: cảnh báo: %s\n", w)
		}
		enc := json.NewEncoder(out)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(d); err != nil {
			fmt.Fprintf(errOut, "capdo classify: %v\n", err)
			return exitFailure
		}
		return exitOK
	}
	writeDecisionText(out, rs, &d)
	if note := inForceNote(rs, today); note != "" || len(notices) > 0 {
		fmt.Fprintf(out, "\nChuyển tiếp sang Nghị định 331/2026/NĐ-CP:\n")
		if note != "" {
			fmt.Fprintf(out, "  - %s\n", note)
		}
		for _, w := range notices {
			fmt.Fprintf(out, "  ! %s\n", w)
		}
	}
	return exitOK
}

// readProfile reads and validates a profile from a file or, for "-", from in. Problems go to
// errOut, one per line, and the exit status is exitInvalid.
func readProfile(name string, in io.Reader, errOut io.Writer) (levels.Profile, int) {
	var data []byte
	var err error
	source := name
	if name == "-" {
		source = "stdin"
		data, err = io.ReadAll(io.LimitReader(in, levels.MaxProfileBytes+1))
	} else {
		data, err = levels.ReadFileLimited(name, levels.MaxProfileBytes)
	}
	if err != nil {
		fmt.Fprintf(errOut, "%s: không đọc được tệp: %v\n", source, unwrapPath(err))
		return levels.Profile{}, exitInvalid
	}
	p, err := levels.ParseProfile(data, source)
	if err != nil {
		var ie *levels.InvalidError
		if errors.As(err, &ie) {
			for _, l := range ie.Lines() {
				fmt.Fprintln(errOut, l)
			}
		} else {
			fmt.Fprintln(errOut, err)
		}
		return levels.Profile{}, exitInvalid
	}
	return p, exitOK
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// writeDecisionText prints a decision for people, in Vietnamese.
func writeDecisionText(w io.Writer, rs *levels.RuleSet, d *levels.Decision) {
	name := d.Name
	if d.ID != "" {
		name += " (" + d.ID + ")"
	}
	fmt.Fprintf(w, "Hệ thống:    %s\n", name)
	if d.Owner != "" {
		fmt.Fprintf(w, "Chủ quản:    %s\n", d.Owner)
	}
	if d.Level == 0 {
		fmt.Fprintf(w, "Cấp độ:      CHƯA XÁC ĐỊNH — không tiêu chí nào khớp, cần quyết định thủ công\n")
	} else {
		fmt.Fprintf(w, "Cấp độ:      CẤP ĐỘ %d\n", d.Level)
	}
	fmt.Fprintf(w, "Bộ quy tắc:  %s — %s (%s)\n", rs.ID, rs.Title, rs.StatusLabel())

	if len(d.Reasons) > 0 {
		fmt.Fprintf(w, "\nCăn cứ (mọi tiêu chí khớp, cấp độ cao nhất trước):\n")
		for _, r := range d.Reasons {
			mark := "  "
			if r.Level == d.Level {
				mark = "➤ "
			}
			fmt.Fprintf(w, "%sCấp độ %d — %s [%s]\n", mark, r.Level, r.Citation, r.Rule)
			fmt.Fprintf(w, "     %s\n", r.Message)
			if r.Component != "" {
				fmt.Fprintf(w, "     (hệ thống thành phần «%s»)\n", r.Component)
			}
			if r.Note != "" {
				fmt.Fprintf(w, "     Lưu ý: %s\n", r.Note)
			}
		}
	}
	if len(d.Components) > 0 {
		fmt.Fprintf(w, "\nHệ thống thành phần:\n")
		for _, c := range d.Components {
			lvl := fmt.Sprintf("cấp độ %d", c.Level)
			if c.Level == 0 {
				lvl = "chưa xác định"
			}
			fmt.Fprintf(w, "  - %s: %s\n", c.Name, lvl)
		}
	}
	if len(d.Warnings) > 0 {
		fmt.Fprintf(w, "\nCảnh báo:\n")
		for _, x := range d.Warnings {
			fmt.Fprintf(w, "  ! %s\n", x)
		}
	}
	if len(d.Notes) > 0 {
		fmt.Fprintf(w, "\nLưu ý về bộ quy tắc:\n")
		for _, x := range d.Notes {
			fmt.Fprintf(w, "  - %s\n", strings.TrimSpace(x))
		}
	}
}
