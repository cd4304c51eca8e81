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
	"capdo/office"
	"capdo/registry"
	"capdo/risk"
	"capdo/workdays"
)

// cmdDossier writes the classification dossier of one profile (docs/contract.md §3). Under Decree
// 85: the five documents of the contract, the further documents the level needs (the
// request for the professional opinion and its draft at levels 4–5, the draft appraisal
// result and the request for approval from level 3). Under Decree 331 (--rules
// d331-2026): the explanation of Art. 22, the protection plan of Art. 29–30 and the forms
// Mẫu 01–07 the level needs; --risk adds the system's recorded risk assessment. Then
// checklist.xlsx and manifest.json. Nothing is
// written unless every document renders and reads back: the documents are made in memory
// and staged in a temporary folder, then moved into --out (see dossier.WriteDir).
//
// --final writes the version to sign, without drafting notes, and refuses while fill-in
// blanks remain unless --allow-blanks; --pdf adds a PDF of every document through
// LibreOffice.
//
// Exit statuses: 2 for invalid input (usage, rule set, profile, agency templates); 1 when
// the dossier cannot be made or written (the rule set has no built-in templates and no
// --templates were given, level undetermined, blanks left in the version to sign,
// LibreOffice missing for --pdf, --out holds other files, is the current folder or a
// symbolic link, or holds a previous dossier edited since capdo wrote it, unless --force).
func cmdDossier(ctx context.Context, args []string, in io.Reader, out, errOut io.Writer) int {
	fs := newFlags("dossier", errOut)
	rules := rulesFlag(fs)
	tmplDir := fs.String("templates", "", "thư mục mẫu văn bản riêng của đơn vị (cùng tên tệp với mẫu có sẵn; thiếu mẫu nào thì dùng mẫu có sẵn); mặc định dùng mẫu có sẵn")
	outDir := fs.String("out", "", "thư mục ghi hồ sơ (chưa tồn tại, trống, hoặc chứa hồ sơ capdo lập trước đó); không dùng thư mục hiện hành")
	force := fs.Bool("force", false, "ghi đè hồ sơ cũ trong --out kể cả khi văn bản đã được sửa sau khi capdo lập (các chỗ sửa sẽ mất)")
	date := fs.String("date", "", "ngày ghi trên văn bản, dạng YYYY-MM-DD; mặc định là hôm nay (giờ Việt Nam)")
	place := fs.String("place", "", "địa danh ghi trên văn bản; mặc định lấy từ tên chủ quản (ví dụ «UBND tỉnh Kiên Giang» → «Kiên Giang»), «Hà Nội» với cơ quan trung ương")
	sign := fs.String("sign", "", "cách ký văn bản của đơn vị vận hành: kt, tl, tuq, tm, tm-kt, q; để trống khi người đứng đầu ký")
	ownerSign := fs.String("owner-sign", "", "cách ký văn bản của chủ quản (văn bản đề nghị thẩm định cấp độ 4–5, quyết định phê duyệt cấp độ 3–5): kt, tl, tuq, tm, tm-kt, q")
	transitional := fs.Bool("transitional", false, "hệ thống đang đầu tư, xây dựng trước ngày 01/7/2026: căn cứ khoản 1 Điều 39 Nghị định 331/2026/NĐ-CP để thẩm định theo Nghị định 85/2016/NĐ-CP")
	final := fs.Bool("final", false, "lập bản để ký: bỏ ghi chú soạn thảo; từ chối khi văn bản còn chỗ trống cần điền")
	allowBlanks := fs.Bool("allow-blanks", false, "với --final: vẫn lập bản để ký khi còn chỗ trống (để điền tiếp trong Word)")
	pdf := fs.Bool("pdf", false, "ghi thêm bản PDF của từng văn bản (cần LibreOffice)")
	riskFile := fs.String("risk", "", "tệp JSON kết quả đánh giá rủi ro an ninh mạng của hệ thống (Điều 10 Nghị định 331/2026/NĐ-CP, cùng dạng với API risk-assessment): thuyết minh hồ sơ theo Nghị định 331 trình bày kết quả này")
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
	if *allowBlanks && !*final {
		return usageError(errOut, "dossier", errors.New("--allow-blanks chỉ dùng cùng --final"))
	}
	var when time.Time
	if *date != "" {
		if when, err = time.Parse("2006-01-02", *date); err != nil {
			return usageError(errOut, "dossier", fmt.Errorf("--date phải có dạng YYYY-MM-DD, không phải «%s»", *date))
		}
	}
	for _, f := range []struct{ name, v string }{{"--sign", *sign}, {"--owner-sign", *ownerSign}} {
		if err := dossier.CheckSign(f.name, f.v); err != nil {
			return usageError(errOut, "dossier", err)
		}
	}
	if *pdf {
		// Said before anything is made: the PDFs are the last step.
		if _, err := office.Find(); err != nil {
			fmt.Fprintf(errOut, "capdo dossier: --pdf: %v\n", err)
			return exitFailure
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
	var assessment *risk.Assessment
	if *riskFile != "" {
		if assessment, code = readRisk(*riskFile, errOut); code != exitOK {
			return code
		}
	}
	eng, warnings, err := templateEngine(*tmplDir)
	for _, w := range warnings {
		fmt.Fprintf(errOut, "capdo dossier: cảnh báo: %s\n", w)
	}
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintf(errOut, "capdo dossier: %s\n", line)
		}
		return exitInvalid
	}
	// The built-in templates follow Decree 85 (d85-2016) or Decree 331 (d331-2026): a set
	// that names neither family is refused before anything is classified or written,
	// unless the agency brings its own.
	if err := eng.Supports(rs); err != nil {
		fmt.Fprintf(errOut, "capdo dossier: %v.\n", err)
		fmt.Fprintln(errOut, "  Dùng --templates THƯ_MỤC để lập hồ sơ bằng mẫu riêng của đơn vị, hoặc --rules d85-2016 / d331-2026 cho hồ sơ theo Nghị định 85/2016/NĐ-CP / 331/2026/NĐ-CP.")
		return exitFailure
	}
	dec, err := rs.Classify(ctx, &p)
	if err != nil {
		fmt.Fprintf(errOut, "capdo dossier: %v\n", err)
		return exitFailure
	}
	d, err := eng.Render(ctx, dossier.Input{Profile: p, Decision: dec, RuleSet: rs, Date: when, Place: *place,
		Full: true, Sign: *sign, OwnerSign: *ownerSign, Transitional: *transitional, Risk: assessment})
	if err != nil {
		fmt.Fprintf(errOut, "capdo dossier: %v\n", err)
		if errors.Is(err, dossier.ErrUndetermined) {
			for _, w := range dec.Warnings {
				fmt.Fprintf(errOut, "  ! %s\n", w)
			}
		}
		return exitFailure
	}
	if *final {
		if d, err = d.Final(*allowBlanks); err != nil {
			fmt.Fprintf(errOut, "capdo dossier: %v\n", err)
			return exitFailure
		}
	}
	if *pdf {
		if err := d.AddPDFs(ctx); err != nil {
			fmt.Fprintf(errOut, "capdo dossier: --pdf: %v\n", err)
			return exitFailure
		}
	}
	write := d.WriteDir
	if *force {
		write = d.WriteDirForce
	}
	if err := write(*outDir); err != nil {
		fmt.Fprintf(errOut, "capdo dossier: không ghi được hồ sơ: %v\n", err)
		return exitFailure
	}

	version := "hồ sơ đề xuất"
	if *final {
		version = "bản để ký của hồ sơ đề xuất"
	}
	fmt.Fprintf(out, "Đã lập %s CẤP ĐỘ %d cho «%s» tại %s:\n", version, d.Manifest.Level, d.Manifest.System, *outDir)
	for _, f := range d.Files {
		if f.Title != "" {
			fmt.Fprintf(out, "  %-44s %s\n", f.Name, f.Title)
		} else {
			fmt.Fprintf(out, "  %s\n", f.Name)
		}
	}
	fmt.Fprintf(out, "  %s\n", dossier.ManifestName)
	for _, w := range dec.Warnings {
		fmt.Fprintf(out, "Cảnh báo: %s\n", w)
	}
	// The dossier's date decides what the transition from Decree 85 says (transition.go).
	day := when
	if day.IsZero() {
		day = clock()
	}
	for _, w := range transitionWarnings(rs, &p, *transitional, day) {
		fmt.Fprintf(out, "Cảnh báo: %s\n", w)
	}
	if p.Bool("transitional") && !*transitional && rs.ID == levels.DefaultRuleSet && registry.D85LastDay.Before(workdays.DateOf(day)) {
		fmt.Fprintf(out, "Cảnh báo: hồ sơ hệ thống khai báo transitional: true nhưng lệnh không có --transitional: phần căn cứ của văn bản không nêu khoản 1 Điều 39 Nghị định 331/2026/NĐ-CP; lập lại với --transitional nếu hồ sơ dùng cho thẩm định chuyển tiếp.\n")
	}
	for _, w := range d.Warnings {
		fmt.Fprintf(out, "Cảnh báo: %s\n", w)
	}
	return exitOK
}

// readRisk reads a risk assessment record (docs/contract.md §6 shape) from a file: every problem
// is reported on its own line, naming the field, with exit status 2.
func readRisk(path string, errOut io.Writer) (*risk.Assessment, int) {
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintf(errOut, "capdo dossier: --risk %s: %v\n", path, unwrapPath(err))
		return nil, exitInvalid
	}
	defer f.Close()
	a, problems := risk.Decode(f)
	for _, p := range problems {
		fmt.Fprintf(errOut, "capdo dossier: --risk %s: %s: %s\n", path, p.Field, p.Message)
	}
	if len(problems) > 0 {
		return nil, exitInvalid
	}
	return a, exitOK
}

// templateEngine returns the built-in templates, or an agency's own from dir (the ones dir
// lacks from the built-in set), with what loading them warns about.
func templateEngine(dir string) (*dossier.Engine, []string, error) {
	if dir == "" {
		e, err := dossier.Embedded()
		return e, nil, err
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("thư mục mẫu %s: %v", dir, unwrapPath(err))
	}
	if !st.IsDir() {
		return nil, nil, fmt.Errorf("%s không phải là thư mục", dir)
	}
	return dossier.LoadPartial(os.DirFS(dir), dir)
}
