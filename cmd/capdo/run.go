package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"capdo/levels"
)

// Exit statuses.
const (
	exitOK      = 0
	exitFailure = 1 // the command ran and failed, or some rows failed
	exitInvalid = 2 // invalid input or usage: nothing was produced
)

const usage = `capdo — xác định cấp độ an toàn hệ thống thông tin theo Nghị định 85/2016/NĐ-CP

Cách dùng:
  capdo classify [--rules ID|TỆP] [--format text|json] TỆP_HỒ_SƠ   xác định cấp độ và căn cứ
  capdo dossier  [--rules ID|TỆP] [--templates THƯ_MỤC] [--final [--allow-blanks]] [--pdf]
                 [--sign CÁCH] [--owner-sign CÁCH] [--transitional] --out THƯ_MỤC TỆP_HỒ_SƠ
                                                                   lập hồ sơ đề xuất cấp độ (DOCX, XLSX)
  capdo templates check THƯ_MỤC                                    kiểm tra thư mục mẫu riêng của đơn vị
  capdo templates fields                                           các trường dùng trong mẫu
  capdo rerate   [--rules ID|TỆP] --out BÁO_CÁO DANH_MỤC            xếp lại cấp độ cả danh mục (.csv/.xlsx)
  capdo import   --db TỆP --org ĐƠN_VỊ [--rules ID] [--dry-run] [--format text|json] DANH_MỤC
                                                                   nhập danh mục vào sổ của đơn vị (.csv/.xlsx)
  capdo rules list                                                 các bộ quy tắc có sẵn
  capdo rules test [TỆP|THƯ_MỤC]                                   chạy kiểm thử của bộ quy tắc
  capdo serve [--addr HOST:PORT] [--db TỆP] [--audit-key TỆP]      chạy ứng dụng web
  capdo backup --db TỆP --out TỆP_SAO_LƯU                          sao lưu cơ sở dữ liệu đang chạy
  capdo check --db TỆP [--audit-key TỆP]                           kiểm tra toàn vẹn tệp, lịch sử và tài liệu
  capdo audit verify --db TỆP [--audit-key TỆP]                    kiểm tra lịch sử hồ sơ bằng khóa kiểm toán
  capdo audit log --db TỆP [--since …] [--format text|json]        nhật ký an ninh
  capdo users add --db TỆP --username TÊN --role VAI_TRÒ --org ĐƠN_VỊ [--parent ĐƠN_VỊ] --password-stdin
  capdo users passwd --db TỆP --username TÊN --password-stdin      đặt lại mật khẩu, kết thúc mọi phiên
  capdo users list --db TỆP                                        người dùng, vai trò, đơn vị, trạng thái
  capdo db copy --from TỆP --to postgres://…                       chép toàn bộ sang PostgreSQL trống

--db nhận tệp SQLite hoặc URL PostgreSQL (postgres://… hoặc postgresql://…).

TỆP_HỒ_SƠ là YAML hoặc JSON; "-" là đầu vào chuẩn.
`

// command is one subcommand: it gets its arguments after the subcommand name.
type command func(ctx context.Context, args []string, in io.Reader, out, errOut io.Writer) int

func commands() map[string]command {
	return map[string]command{
		"audit":     cmdAudit,
		"backup":    cmdBackup,
		"check":     cmdCheck,
		"classify":  cmdClassify,
		"db":        cmdDB,
		"dossier":   cmdDossier,
		"import":    cmdImport,
		"rules":     cmdRules,
		"rerate":    cmdRerate,
		"serve":     cmdServe,
		"templates": cmdTemplates,
		"users":     cmdUsers,
	}
}

func run(ctx context.Context, args []string, in io.Reader, out, errOut io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(errOut, usage) // a mistake: nothing on standard output
		return exitInvalid
	}
	if args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(out, usage)
		return exitOK
	}
	cmd, ok := commands()[args[0]]
	if !ok {
		fmt.Fprintf(errOut, "capdo: lệnh không xác định «%s»\n\n%s", args[0], usage)
		return exitInvalid
	}
	return cmd(ctx, args[1:], in, out, errOut)
}

// parseFlags parses flags that may come before or after positional arguments, and
// returns the positional ones.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// newFlags returns a FlagSet that reports errors in Vietnamese through errOut.
func newFlags(name string, errOut io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(errOut)
	fs.Usage = func() {
		fmt.Fprintf(errOut, "Cách dùng capdo %s:\n", name)
		// The flag package writes each default as "(default …)": said in Vietnamese, as the
		// rest of the help is.
		var b strings.Builder
		fs.SetOutput(&b)
		fs.PrintDefaults()
		fs.SetOutput(errOut)
		io.WriteString(errOut, strings.ReplaceAll(b.String(), " (default ", " (mặc định "))
	}
	return fs
}

// rulesFlag declares --rules, the rule set every command that classifies takes.
func rulesFlag(fs *flag.FlagSet) *string {
	return fs.String("rules", levels.DefaultRuleSet, "mã bộ quy tắc có sẵn hoặc đường dẫn tệp quy tắc")
}

// usageError prints a usage problem and returns exitInvalid.
func usageError(errOut io.Writer, name string, err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	fmt.Fprintf(errOut, "capdo %s: %s\n", name, strings.TrimSpace(err.Error()))
	return exitInvalid
}
