package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"

	"capdo/mail"
	"capdo/notify"
)

// notifyFlags declares the flags of notifications on `capdo serve`; the function returned
// checks them once parsed and gives the configuration. The SMTP password is read from a
// file, never from the command line (which other users of the machine can see).
func notifyFlags(fs *flag.FlagSet) func() (notify.Config, error) {
	smtp := fs.String("smtp", "", "máy chủ thư `MÁY:CỔNG` để gửi thông báo qua thư điện tử (bỏ trống: chỉ thông báo trong ứng dụng)")
	from := fs.String("smtp-from", "", "địa chỉ gửi, ví dụ \"capdo <capdo@sotttt.gov.vn>\"")
	user := fs.String("smtp-user", "", "tên đăng nhập máy chủ thư (bỏ trống: không xác thực)")
	pwFile := fs.String("smtp-password-file", "", "`TỆP` chứa mật khẩu máy chủ thư (dòng đầu); không bao giờ nhận mật khẩu trên dòng lệnh")
	tlsMode := fs.String("smtp-tls", mail.StartTLS, "mã hóa kết nối tới máy chủ thư: starttls, tls hoặc none (chỉ với máy chủ chuyển tiếp tin cậy)")
	public := fs.String("public-url", "", "địa chỉ người dùng mở capdo, ví dụ https://capdo.sotttt.gov.vn, cho liên kết trong thư (bắt buộc khi có --smtp)")
	soon := fs.Int("due-soon-days", 3, "nhắc người đang giữ hồ sơ trước hạn xử lý `N` ngày làm việc (0: nhắc vào ngày đến hạn)")
	return func() (notify.Config, error) {
		cfg := notify.Config{DueSoonDays: *soon, PublicURL: strings.TrimRight(*public, "/")}
		if *soon < 0 || *soon > 60 {
			return cfg, fmt.Errorf("--due-soon-days phải từ 0 đến 60, không phải %d", *soon)
		}
		if *smtp == "" {
			if *from != "" || *user != "" || *pwFile != "" {
				return cfg, errors.New("--smtp-from, --smtp-user và --smtp-password-file chỉ dùng cùng --smtp")
			}
			return cfg, nil
		}
		u, err := url.Parse(cfg.PublicURL)
		if cfg.PublicURL == "" || err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return cfg, errors.New("--public-url: cần địa chỉ http(s) người dùng mở capdo (ví dụ https://capdo.sotttt.gov.vn) để đặt liên kết trong thư")
		}
		m := &mail.Config{Addr: *smtp, From: *from, Username: *user, TLS: *tlsMode}
		if *user != "" {
			if *pwFile == "" {
				return cfg, errors.New("--smtp-user cần --smtp-password-file (mật khẩu đọc từ tệp)")
			}
			if m.Password, err = readSecretFile(*pwFile); err != nil {
				return cfg, fmt.Errorf("--smtp-password-file: %w", err)
			}
		} else if *pwFile != "" {
			return cfg, errors.New("--smtp-password-file cần --smtp-user")
		}
		if err := m.Validate(); err != nil {
			return cfg, err
		}
		cfg.Mail = m
		return cfg, nil
	}
}

// readSecretFile reads the first line of a small file.
func readSecretFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, 4096))
	if err != nil {
		return "", err
	}
	line, _, _ := strings.Cut(string(b), "\n")
	line = strings.TrimRight(line, "\r")
	if line == "" {
		return "", fmt.Errorf("tệp %s trống", path)
	}
	return line, nil
}
