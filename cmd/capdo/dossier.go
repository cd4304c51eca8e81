package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"capdo/dossier"
	"capdo/levels"
)

// cmdDossier writes the classification dossier of one profile (contract §3). Nothing is
// written unless every document renders and reads back: the documents are made in
// memory and staged in a temporary folder, then moved into --out (see dossier.WriteDir).
//
// Exit statuses: 2 for invalid input (usage, rule set, profile, agency templates); 1 when
// the dossier cannot be made or written (the rule set has no built-in templates and no
// --templates were given, level undetermined, --out holds other files, is the current
// folder or a symbolic link, or holds a previous dossier edited since capdo wrote it,
// unless --force).
func cmdDossier(ctx context.Context, args []string, in io.Reader, out, errOut io.Writer) int {
	fs := newFlags("dossier", errOut)
	rules := rulesFlag(fs)
	tmplDir := fs.String("templates", "", "thư mục mẫu văn bản riêng của đơn vị (cùng tên tệp với mẫu có sẵn); mặc định dùng mẫu có sẵn")
	outDir := fs.String("out", "", "thư mục ghi hồ sơ (chưa tồn tại, trống, hoặc chứa hồ sơ capdo lập trước đó); không dùng thư mục hiện hành")
	force := fs.Bool("force", false, "ghi đè hồ sơ cũ trong --out kể cả khi văn bản đã được sửa sau khi capdo lập (các chỗ sửa sẽ mất)")
	date := fs.String("date", "", "ngày ghi trên văn bản, dạng YYYY-MM-DD; mặc định là hôm nay (giờ Việt Nam)")
	place := fs.String("place", "", "địa danh ghi trên văn bản; mặc định lấy từ tên chủ quản (ví dụ «UBND tỉnh Kiên Giang» → «Kiên Giang»)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return usageError(errOut, "dossier", err)
	}
	if len(pos) != 1 {
		return usageError(errOut, "dossier", errors.New("cần đúng một tệp hồ sơ (hoặc \"-\" để đọc đầu vào chuẩn)"))
	}
	if strings.TrimSpace(*outDir) == "" {
		return usageError(errOut, "dossier", errors.New("cần --out THƯ_MỤC"))
	}
	var when time.Time
	if *date != "" {
		if when, err = time.Parse("2006-01-02", *date); err != nil {
			return usageError(errOut, "dossier", fmt.Errorf("--date phải có dạng YYYY-MM-DD, không phải «%s»", *date))
		}
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
	eng, err := templateEngine(*tmplDir)
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintf(errOut, "capdo dossier: %s\n", line)
		}
		return exitInvalid
	}
	// The built-in templates follow Decree 85: a set of another decree (d331-2026) is
	// refused before anything is classified or written, unless the agency brings its own.
	if err := eng.Supports(rs); err != nil {
		fmt.Fprintf(errOut, "capdo dossier: %v.\n", err)
		fmt.Fprintln(errOut, "  Dùng --templates THƯ_MỤC để lập hồ sơ bằng mẫu riêng của đơn vị, hoặc --rules d85-2016 cho hồ sơ theo Nghị định 85/2016/NĐ-CP.")
		return exitFailure
	}
	dec, err := rs.Classify(ctx, &p)
	if err != nil {
		fmt.Fprintf(errOut, "capdo dossier: %v\n", err)
		return exitFailure
	}
	d, err := eng.Render(ctx, dossier.Input{Profile: p, Decision: dec, RuleSet: rs, Date: when, Place: *place})
	if err != nil {
		fmt.Fprintf(errOut, "capdo dossier: %v\n", err)
		if errors.Is(err, dossier.ErrUndetermined) {
			for _, w := range dec.Warnings {
				fmt.Fprintf(errOut, "  ! %s\n", w)
			}
		}
		return exitFailure
	}
	write := d.WriteDir
	if *force {
		write = d.WriteDirForce
	}
	if err := write(*outDir); err != nil {
		fmt.Fprintf(errOut, "capdo dossier: không ghi được hồ sơ: %v\n", err)
		return exitFailure
	}

	fmt.Fprintf(out, "Đã lập hồ sơ đề xuất CẤP ĐỘ %d cho «%s» tại %s:\n", d.Manifest.Level, d.Manifest.System, *outDir)
	for _, f := range d.Files {
		fmt.Fprintf(out, "  %s\n", f.Name)
	}
	fmt.Fprintf(out, "  %s\n", dossier.ManifestName)
	for _, w := range dec.Warnings {
		fmt.Fprintf(out, "Cảnh báo: %s\n", w)
	}
	return exitOK
}

// templateEngine returns the built-in templates, or an agency's own from dir.
func templateEngine(dir string) (*dossier.Engine, error) {
	if dir == "" {
		return dossier.Embedded()
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("thư mục mẫu %s: %v", dir, unwrapPath(err))
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("%s không phải là thư mục", dir)
	}
	return dossier.Load(os.DirFS(dir), dir)
}
