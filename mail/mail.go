// Package mail sends capdo's notification e-mails through an SMTP server the operator names
// (`capdo serve --smtp …`). It is the only package that speaks SMTP.
//
// Messages are plain text in UTF-8: Vietnamese subjects are RFC 2047 encoded, bodies
// quoted-printable, so any mail client shows the diacritics. A message never carries a
// document: what a notification may say is decided by its caller.
package mail

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/smtp"
	"strings"
	"time"
)

// TLS modes for the connection to the SMTP server.
const (
	// StartTLS upgrades the connection when the server offers STARTTLS and refuses to send
	// credentials over a connection that stayed plain.
	StartTLS = "starttls"
	// Implicit speaks TLS from the first byte (SMTPS, usually port 465).
	Implicit = "tls"
	// Plain never encrypts: only for a relay on the same host or a closed network.
	Plain = "none"
)

// Config names an SMTP server and the sender.
type Config struct {
	Addr     string // host:port
	From     string // sender address, e.g. "capdo <capdo@sotttt.gov.vn>"
	Username string // empty: no authentication
	Password string
	TLS      string // StartTLS (default), Implicit or Plain
	// TLSConfig overrides the TLS settings (tests use it to trust their own certificate).
	TLSConfig *tls.Config
	Timeout   time.Duration // for the whole exchange; 0: 30 s
}

// Message is one e-mail.
type Message struct {
	To      []string
	Subject string
	Body    string
}

// Validate checks the configuration before the server starts, so that a typo in a flag is
// reported at start-up rather than at the first notification.
func (c Config) Validate() error {
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		return fmt.Errorf("--smtp: cần dạng máy:cổng, ví dụ mail.example.gov.vn:587 (%v)", err)
	}
	if _, err := mail.ParseAddress(c.From); err != nil {
		return fmt.Errorf("--smtp-from: địa chỉ gửi không hợp lệ: %v", err)
	}
	switch c.TLS {
	case "", StartTLS, Implicit, Plain:
	default:
		return fmt.Errorf("--smtp-tls: chỉ nhận %s, %s hoặc %s", StartTLS, Implicit, Plain)
	}
	return nil
}

// Send delivers m. It fails without sending when an address is invalid.
func (c Config) Send(ctx context.Context, m Message) error {
	from, err := mail.ParseAddress(c.From)
	if err != nil {
		return fmt.Errorf("mail: sender: %w", err)
	}
	if len(m.To) == 0 {
		return errors.New("mail: no recipient")
	}
	var rcpt []string
	for _, t := range m.To {
		a, err := mail.ParseAddress(t)
		if err != nil {
			return fmt.Errorf("mail: recipient %q: %w", t, err)
		}
		rcpt = append(rcpt, a.Address)
	}
	data, err := compose(from, m, time.Now())
	if err != nil {
		return err
	}
	timeout := c.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	return c.deliver(ctx, from.Address, rcpt, data)
}

func (c Config) deliver(ctx context.Context, from string, rcpt []string, data []byte) error {
	host, _, _ := net.SplitHostPort(c.Addr)
	tlsConf := c.TLSConfig
	if tlsConf == nil {
		tlsConf = &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
	}
	d := net.Dialer{}
	conn, err := d.DialContext(ctx, "tcp", c.Addr)
	if err != nil {
		return fmt.Errorf("mail: connect %s: %w", c.Addr, err)
	}
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	}
	if c.TLS == Implicit {
		conn = tls.Client(conn, tlsConf)
	}
	cl, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("mail: %s: %w", c.Addr, err)
	}
	defer cl.Close()
	if c.TLS == "" || c.TLS == StartTLS {
		if ok, _ := cl.Extension("STARTTLS"); ok {
			if err := cl.StartTLS(tlsConf); err != nil {
				return fmt.Errorf("mail: STARTTLS: %w", err)
			}
		} else if c.Username != "" {
			return errors.New("mail: the server offers no STARTTLS; refusing to send the password in clear (use --smtp-tls none only on a trusted relay)")
		}
	}
	if c.Username != "" {
		if ok, _ := cl.Extension("AUTH"); !ok {
			return errors.New("mail: the server offers no AUTH")
		}
		if err := cl.Auth(plainAuth{c.Username, c.Password, host}); err != nil {
			return fmt.Errorf("mail: AUTH: %w", err)
		}
	}
	if err := cl.Mail(from); err != nil {
		return fmt.Errorf("mail: MAIL FROM: %w", err)
	}
	for _, r := range rcpt {
		if err := cl.Rcpt(r); err != nil {
			return fmt.Errorf("mail: RCPT TO %s: %w", r, err)
		}
	}
	w, err := cl.Data()
	if err != nil {
		return fmt.Errorf("mail: DATA: %w", err)
	}
	if _, err := w.Write(data); err != nil {
		return fmt.Errorf("mail: DATA: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("mail: DATA: %w", err)
	}
	return cl.Quit()
}

// plainAuth is SMTP AUTH PLAIN. net/smtp's PlainAuth refuses any connection it does not
// see as TLS, which includes a STARTTLS-less relay the operator chose with --smtp-tls none;
// Send already refuses to authenticate over a plain connection unless told so.
type plainAuth struct{ user, pass, host string }

func (a plainAuth) Start(*smtp.ServerInfo) (string, []byte, error) {
	return "PLAIN", []byte("\x00" + a.user + "\x00" + a.pass), nil
}

func (a plainAuth) Next(_ []byte, more bool) ([]byte, error) {
	if more {
		return nil, errors.New("unexpected server challenge")
	}
	return nil, nil
}

// compose writes the message in RFC 5322 form with CRLF line ends.
func compose(from *mail.Address, m Message, now time.Time) ([]byte, error) {
	for _, s := range append([]string{m.Subject}, m.To...) {
		if strings.ContainsAny(s, "\r\n") {
			return nil, errors.New("mail: line break in a header")
		}
	}
	var b bytes.Buffer
	header := func(k, v string) { b.WriteString(k + ": " + v + "\r\n") }
	header("From", from.String())
	var to []string
	for _, t := range m.To {
		a, _ := mail.ParseAddress(t)
		to = append(to, a.String())
	}
	header("To", strings.Join(to, ", "))
	header("Subject", mime.QEncoding.Encode("utf-8", m.Subject))
	header("Date", now.Format(time.RFC1123Z))
	header("Message-ID", "<"+messageID()+"@"+domainOf(from.Address)+">")
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=utf-8")
	header("Content-Transfer-Encoding", "quoted-printable")
	header("Auto-Submitted", "auto-generated") // RFC 3834: no vacation replies
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&b)
	body := strings.ReplaceAll(strings.ReplaceAll(m.Body, "\r\n", "\n"), "\n", "\r\n")
	if _, err := qp.Write([]byte(body)); err != nil {
		return nil, err
	}
	if err := qp.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func messageID() string {
	var r [12]byte
	rand.Read(r[:])
	return hex.EncodeToString(r[:])
}

func domainOf(addr string) string {
	if _, d, ok := strings.Cut(addr, "@"); ok {
		return d
	}
	return "localhost"
}
