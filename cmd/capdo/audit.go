package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"

	"capdo/review"
	"capdo/store"
)

// cmdAudit verifies the dossier histories against the audit key and shows the security
// log (docs/contract.md §8).
func cmdAudit(ctx context.Context, args []string, _ io.Reader, out, errOut io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "verify":
			return auditVerify(ctx, args[1:], out, errOut)
		case "log":
			return auditLog(ctx, args[1:], out, errOut)
		}
	}
	return usageError(errOut, "audit", errors.New("lệnh con hợp lệ: verify, log"))
}

// verifyOut is the JSON of `capdo audit verify --format json`.
type verifyOut struct {
	Intact   bool            `json:"intact"`
	Dossiers int             `json:"dossiers"`
	Events   int             `json:"events"`
	Register registerOut     `json:"register"`
	Problems []store.Problem `json:"problems"`
	Covers   string          `json:"covers"`
}

type registerOut struct {
	Dossiers int    `json:"dossiers"`
	LastID   int64  `json:"last_dossier"`
	Events   int    `json:"events"`
	MAC      string `json:"mac"`
}

// auditVerify exits 0 when every history is intact, 1 naming dossier and event otherwise.
func auditVerify(ctx context.Context, args []string, out, errOut io.Writer) int {
	const name = "audit verify"
	fs := newFlags(name, errOut)
	dbPath := fs.String("db", "./capdo.db", "tệp cơ sở dữ liệu SQLite")
	keyFlag := auditKeyFlag(fs)
	format := fs.String("format", "text", "định dạng: text hoặc json")
	db, key, code := openForAudit(ctx, fs, args, name, dbPath, keyFlag, format, errOut)
	if db == nil {
		return code
	}
	defer db.Close()
	rep, err := db.VerifyAudit(ctx, key, false)
	if err != nil {
		fmt.Fprintf(errOut, "capdo %s: %v\n", name, err)
		return exitFailure
	}
	return printVerify(out, errOut, name, *format, rep)
}

// openForAudit parses the flags of a command that reads an existing database with its
// audit key; db is nil when the command must end with code.
func openForAudit(ctx context.Context, flags *flag.FlagSet, args []string, name string,
	dbPath, keyFlag, format *string, errOut io.Writer) (*store.DB, []byte, int) {
	pos, err := parseFlags(flags, args)
	if err != nil {
		return nil, nil, usageError(errOut, name, err)
	}
	if len(pos) > 0 {
		return nil, nil, usageError(errOut, name, fmt.Errorf("không nhận tham số «%s»", pos[0]))
	}
	if *format != "text" && *format != "json" {
		return nil, nil, usageError(errOut, name, fmt.Errorf("--format phải là text hoặc json, không phải «%s»", *format))
	}
	if err := needKeyFlag(*dbPath, *keyFlag); err != nil {
		return nil, nil, usageError(errOut, name, err)
	}
	keyPath := keyPathFor(*dbPath, *keyFlag)
	key, err := readAuditKey(keyPath)
	if errors.Is(err, fs.ErrNotExist) {
		err = fmt.Errorf("không có tệp khóa kiểm toán %s (chỉ tệp khác bằng --audit-key)", keyPath)
	}
	if err != nil {
		fmt.Fprintf(errOut, "capdo %s: %v\n", name, err)
		return nil, nil, exitInvalid
	}
	db, err := store.OpenReadOnly(ctx, *dbPath)
	if err != nil {
		fmt.Fprintf(errOut, "capdo %s: %v\n", name, err)
		return nil, nil, exitFailure
	}
	return db, key, exitOK
}

// printVerify writes a verification report and returns the exit status.
func printVerify(out, errOut io.Writer, name, format string, rep store.AuditReport) int {
	intact := len(rep.Problems) == 0
	if format == "json" {
		v := verifyOut{Intact: intact, Dossiers: rep.Dossiers, Events: rep.Events, Problems: rep.Problems, Covers: store.CheckCovers,
			Register: registerOut{rep.Register.Dossiers, rep.Register.LastID, rep.Register.Events, rep.Register.MAC}}
		if v.Problems == nil {
			v.Problems = []store.Problem{}
		}
		enc := json.NewEncoder(out)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		enc.Encode(v)
	} else {
		fmt.Fprintf(out, "Cơ sở dữ liệu có %d hồ sơ, %d sự kiện lịch sử.\n", rep.Dossiers, rep.Events)
		if rep.Register.MAC != "" {
			fmt.Fprintf(out, "Sổ đăng ký đã niêm phong: %d hồ sơ (số lớn nhất %d), %d sự kiện, mã xác thực %s\n"+
				"(lưu dòng này ở nơi khác: một bản sao cũ hơn của cả cơ sở dữ liệu sẽ có số liệu nhỏ hơn).\n",
				rep.Register.Dossiers, rep.Register.LastID, rep.Register.Events, review.Short(rep.Register.MAC))
		}
		for _, p := range rep.Problems {
			fmt.Fprintf(out, "✘ %s\n", p.Error())
		}
		if intact {
			fmt.Fprintln(out, "✔ Mọi lịch sử hồ sơ nguyên vẹn.")
		}
	}
	if !intact {
		fmt.Fprintf(errOut, "capdo %s: %d vấn đề về tính toàn vẹn\n", name, len(rep.Problems))
		return exitFailure
	}
	return exitOK
}

// auditLog prints the security log, oldest first.
func auditLog(ctx context.Context, args []string, out, errOut io.Writer) int {
	const name = "audit log"
	fs := newFlags(name, errOut)
	dbPath := fs.String("db", "./capdo.db", "tệp cơ sở dữ liệu SQLite")
	since := fs.String("since", "", "từ thời điểm: ngày (2026-03-02), thời điểm RFC 3339, hoặc khoảng lùi từ bây giờ (24h, 7d)")
	until := fs.String("until", "", "đến trước thời điểm (cùng cách viết như --since)")
	event := fs.String("event", "", "chỉ sự kiện này (ví dụ login.failure)")
	user := fs.String("user", "", "chỉ sự kiện của tài khoản này (người thực hiện hoặc bị tác động)")
	format := fs.String("format", "text", "định dạng: text (mỗi sự kiện một dòng) hoặc json (mỗi sự kiện một đối tượng JSON trên một dòng)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return usageError(errOut, name, err)
	}
	var problems []string
	if len(pos) > 0 {
		problems = append(problems, fmt.Sprintf("không nhận tham số «%s»", pos[0]))
	}
	if *format != "text" && *format != "json" {
		problems = append(problems, fmt.Sprintf("--format phải là text hoặc json, không phải «%s»", *format))
	}
	now := time.Now()
	f := store.SecurityFilter{Event: *event, User: *user}
	if f.Since, err = parseWhen(*since, now); err != nil {
		problems = append(problems, "--since: "+err.Error())
	}
	if f.Until, err = parseWhen(*until, now); err != nil {
		problems = append(problems, "--until: "+err.Error())
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintf(errOut, "capdo %s: %s\n", name, p)
		}
		return exitInvalid
	}
	db, err := store.OpenReadOnly(ctx, *dbPath)
	if err != nil {
		fmt.Fprintf(errOut, "capdo %s: %v\n", name, err)
		return exitFailure
	}
	defer db.Close()
	evs, err := db.SecurityEvents(ctx, f)
	if err != nil {
		fmt.Fprintf(errOut, "capdo %s: %v\n", name, err)
		return exitFailure
	}
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for i := len(evs) - 1; i >= 0; i-- {
		if *format == "json" {
			enc.Encode(evs[i])
		} else {
			fmt.Fprintln(out, logLine(evs[i]))
		}
	}
	return exitOK
}

// logLine writes one security event on one line, in Vietnam's time.
func logLine(e store.SecurityEvent) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %-5s %s", e.At.In(review.Vietnam).Format("2006-01-02 15:04:05 -07:00"), e.Level, e.Event)
	for _, kv := range [][2]string{{"username", e.Username}, {"role", e.Role}, {"client", e.Client}, {"path", e.Path}, {"target", e.Target}} {
		if kv[1] != "" {
			fmt.Fprintf(&b, " %s=%s", kv[0], strconv.Quote(kv[1]))
		}
	}
	keys := make([]string, 0, len(e.Attrs))
	for k := range e.Attrs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, " %s=%s", k, strconv.Quote(e.Attrs[k]))
	}
	fmt.Fprintf(&b, " — %s", e.Message)
	return b.String()
}

// parseWhen reads a moment: a date (midnight in Vietnam), an RFC 3339 time, or a span
// back from now ("90m", "24h", "7d").
func parseWhen(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return time.Time{}, nil
	case strings.HasSuffix(s, "d"):
		if n, err := strconv.Atoi(strings.TrimSuffix(s, "d")); err == nil && n >= 0 {
			return now.AddDate(0, 0, -n), nil
		}
	default:
		if d, err := time.ParseDuration(s); err == nil && d >= 0 {
			return now.Add(-d), nil
		}
	}
	if t, err := time.ParseInLocation("2006-01-02", s, review.Vietnam); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("«%s» không phải ngày (2026-03-02), thời điểm RFC 3339 hay khoảng thời gian (24h, 7d)", s)
}
