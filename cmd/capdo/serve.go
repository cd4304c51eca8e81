package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/netip"
	"strings"
	"time"

	"capdo/dossier"
	"capdo/levels"
	"capdo/risk"
	"capdo/server"
	"capdo/store"
)

// setupLinkTTL is how long the first-administrator link printed at start stays valid.
const setupLinkTTL = 24 * time.Hour

func cmdServe(ctx context.Context, args []string, in io.Reader, out, errOut io.Writer) int {
	fs := newFlags("serve", errOut)
	addr := fs.String("addr", "127.0.0.1:8080", "địa chỉ lắng nghe HOST:PORT")
	dbPath := fs.String("db", "./capdo.db", dbFlagHelp)
	rules := rulesFlag(fs)
	riskMatrix := fs.String("risk-matrix", "", "`TỆP` YAML ma trận chấm điểm rủi ro an ninh mạng thay cho ma trận tạm thời có sẵn\n"+
		"(cùng định dạng risk/data/matrix.yaml), khi Bộ Công an ban hành khung đánh giá rủi ro")
	secure := fs.Bool("secure-cookies", false, "đặt cookie Secure (khi truy cập qua HTTPS, ví dụ sau reverse proxy TLS)")
	logFormat := fs.String("log", "text", "định dạng nhật ký: text hoặc json")
	tlsCert := fs.String("tls-cert", "", "tệp chứng thư TLS (PEM, kèm chuỗi chứng thư trung gian): phục vụ HTTPS với HTTP/2 và HSTS; cần --tls-key")
	tlsKey := fs.String("tls-key", "", "tệp khóa riêng TLS (PEM) của --tls-cert")
	idle := fs.Duration("idle-timeout", server.DefaultIdleTimeout, "phiên đăng nhập kết thúc sau khoảng thời gian không hoạt động này (ví dụ 30m, 1h)")
	requireMFA := fs.Bool("require-mfa", false, "bắt buộc xác thực hai lớp (TOTP) với tài khoản quản trị và cơ quan thẩm định:\n"+
		"tài khoản chưa bật được chuyển đến trang bật ngay sau khi đăng nhập")
	keyFlag := auditKeyFlag(fs)
	notifyConfig := notifyFlags(fs)
	maxUpload := fs.Int("max-upload-mb", 7, "dung lượng tối đa (MB) của một văn bản tải lên hồ sơ (văn bản đã ký, quyết định…);\n"+
		"giới hạn thân mọi yêu cầu là 8 MB, hoặc giá trị này cộng 1 MB khi lớn hơn 7")
	var proxies proxyList
	fs.Var(&proxies, "trusted-proxy", "dải địa chỉ `CIDR`[,CIDR…] của reverse proxy (lặp lại được); chỉ yêu cầu đến từ đó mới được đọc\n"+
		"X-Forwarded-For (địa chỉ người dùng), X-Forwarded-Proto và X-Forwarded-Host")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return usageError(errOut, "serve", err)
	}
	if len(pos) > 0 {
		return usageError(errOut, "serve", fmt.Errorf("không nhận tham số «%s»", pos[0]))
	}
	if *maxUpload < 1 || *maxUpload > 1024 {
		return usageError(errOut, "serve", fmt.Errorf("--max-upload-mb phải từ 1 đến 1024, không phải %d", *maxUpload))
	}
	if *logFormat != "text" && *logFormat != "json" {
		return usageError(errOut, "serve", fmt.Errorf("--log phải là text hoặc json, không phải «%s»", *logFormat))
	}
	if err := needKeyFlag(*dbPath, *keyFlag); err != nil {
		return usageError(errOut, "serve", err)
	}
	if (*tlsCert == "") != (*tlsKey == "") {
		return usageError(errOut, "serve", fmt.Errorf("--tls-cert và --tls-key phải dùng cùng nhau"))
	}
	if *idle <= 0 {
		return usageError(errOut, "serve", fmt.Errorf("--idle-timeout phải lớn hơn 0, không phải «%s»", *idle))
	}
	notifications, err := notifyConfig()
	if err != nil {
		return usageError(errOut, "serve", err)
	}
	log := newLogger(errOut, *logFormat)
	var keys *server.KeyPair
	if *tlsCert != "" {
		if keys, err = server.LoadKeyPair(*tlsCert, *tlsKey, log); err != nil {
			fmt.Fprintf(errOut, "capdo serve: %v\n", err)
			return exitFailure
		}
	}

	rs, err := levels.Open(*rules)
	if err != nil {
		fmt.Fprintln(errOut, err)
		return exitInvalid
	}
	var matrix *risk.Matrix
	if *riskMatrix != "" {
		if matrix, err = risk.LoadMatrixFile(*riskMatrix); err != nil {
			fmt.Fprintf(errOut, "capdo serve: --risk-matrix: %v\n", err)
			return exitInvalid
		}
	}
	eng, err := dossier.Embedded()
	if err != nil {
		fmt.Fprintf(errOut, "capdo serve: mẫu văn bản: %v\n", err)
		return exitFailure
	}
	// Start-up (migrations, the setup link) runs to completion even if a signal is already
	// pending; the server then stops at once and cleanly.
	setupCtx := context.WithoutCancel(ctx)
	db, release, err := openServed(setupCtx, *dbPath, keyPathFor(*dbPath, *keyFlag), out, log)
	if err != nil {
		fmt.Fprintf(errOut, "capdo serve: %v\n", err)
		return exitFailure
	}
	defer release()
	defer db.Close()
	if len(proxies) > 0 {
		log.Info("tin cậy reverse proxy", slog.String("trusted_proxies", proxies.String()))
		for _, p := range proxies {
			if p.Bits() == 0 {
				log.Warn("--trusted-proxy " + p.String() + " tin cậy mọi địa chỉ: ai cũng giả được X-Forwarded-For và vượt giới hạn đăng nhập")
			}
		}
	}
	srv, err := server.New(server.Config{SecureCookies: *secure || keys != nil, TrustedProxies: proxies, RequireMFA: *requireMFA,
		UploadLimit: int64(*maxUpload) << 20, RiskMatrix: matrix, Notify: notifications, IdleTimeout: *idle}, db, rs, eng, log)
	if err != nil {
		fmt.Fprintf(errOut, "capdo serve: %v\n", err)
		return exitFailure
	}
	// Dossiers made before they pinned their procedure get it now, from the rule set they
	// recorded, so that their review no longer depends on --rules.
	pinned, left, err := srv.Registry().PinLegacy(setupCtx)
	if err != nil {
		fmt.Fprintf(errOut, "capdo serve: %v\n", err)
		return exitFailure
	}
	if pinned > 0 {
		log.Info("đã ghim quy trình thẩm định cho hồ sơ lập trước đây", slog.Int("count", pinned))
	}
	for _, u := range left {
		log.Warn("hồ sơ chưa ghim được quy trình thẩm định", slog.Int64("dossier_id", u.ID), slog.Any("err", u.Err))
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(errOut, "capdo serve: không lắng nghe được tại %s: %v\n", *addr, err)
		return exitFailure
	}
	base := "http://" + ln.Addr().String()
	serve := srv.Serve
	if keys != nil {
		base = "https://" + ln.Addr().String()
		serve = func(ctx context.Context, ln net.Listener) error { return srv.ServeTLS(ctx, ln, keys) }
	}
	// What start says is written at once, the setup link included, so that whoever waits
	// for «đang chạy» reads the whole of it.
	var msg strings.Builder
	fmt.Fprintf(&msg, "capdo đang chạy tại %s (cơ sở dữ liệu %s, bộ quy tắc %s — %s). Nhấn Ctrl+C để dừng.\n", base, store.Redact(*dbPath), rs.ID, rs.StatusLabel())
	if err := eng.Supports(rs); err != nil {
		fmt.Fprintf(&msg, "Lưu ý: %v; yêu cầu lập hồ sơ sẽ bị từ chối (409).\n", err)
	}
	if n, err := db.CountUsers(setupCtx); err == nil && n == 0 {
		tok, err := server.CreateSetupLink(setupCtx, db, setupLinkTTL)
		if err != nil {
			ln.Close()
			fmt.Fprintf(errOut, "capdo serve: %v\n", err)
			return exitFailure
		}
		fmt.Fprintf(&msg, "\nChưa có người dùng nào. Mở liên kết sau để tạo quản trị viên đầu tiên\n"+
			"(dùng một lần, hết hạn sau 24 giờ; hoặc dùng lệnh «capdo users add»):\n\n  %s/setup/%s\n\n", base, tok)
	}
	io.WriteString(out, msg.String())
	log.Info("bắt đầu phục vụ", slog.String("addr", ln.Addr().String()), slog.String("db", store.Redact(*dbPath)), slog.String("notifications", notifications.String()))
	if err := serve(ctx, ln); err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintf(errOut, "capdo serve: %v\n", err)
		return exitFailure
	}
	log.Info("đã dừng")
	fmt.Fprintln(out, "capdo đã dừng.")
	return exitOK
}

// proxyList collects --trusted-proxy, which may be repeated and may hold a comma list.
type proxyList []netip.Prefix

func (l *proxyList) String() string {
	var ss []string
	for _, p := range *l {
		ss = append(ss, p.String())
	}
	return strings.Join(ss, ",")
}

func (l *proxyList) Set(v string) error {
	ps, err := server.ParseTrustedProxies(v)
	if err != nil {
		return err
	}
	*l = append(*l, ps...)
	return nil
}

// newLogger is the one place logging is set up: levels of detail and format.
func newLogger(w io.Writer, format string) *slog.Logger {
	opts := &slog.HandlerOptions{Level: slog.LevelInfo}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
