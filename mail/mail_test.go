package mail

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"math/big"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// received is what the test SMTP server got in one transaction.
type received struct {
	from string
	to   []string
	data []byte
	user string
	tls  bool
}

type backend struct {
	mu   sync.Mutex
	msgs []received
}

func (b *backend) NewSession(c *smtp.Conn) (smtp.Session, error) {
	_, isTLS := c.TLSConnectionState()
	return &session{b: b, cur: received{tls: isTLS}, conn: c}, nil
}

type session struct {
	b    *backend
	conn *smtp.Conn
	cur  received
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != "capdo" || pass != "mật-khẩu-smtp" {
			return errors.New("invalid credentials")
		}
		s.cur.user = user
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error { s.cur.from = from; return nil }
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.cur.to = append(s.cur.to, to)
	return nil
}
func (s *session) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.cur.data = data
	_, s.cur.tls = s.conn.TLSConnectionState()
	s.b.mu.Lock()
	s.b.msgs = append(s.b.msgs, s.cur)
	s.b.mu.Unlock()
	return nil
}
func (s *session) Reset()        {}
func (s *session) Logout() error { return nil }

// startServer runs a real SMTP server on a loopback port; with tlsConf it offers STARTTLS.
func startServer(t *testing.T, tlsConf *tls.Config) (*backend, string) {
	t.Helper()
	be := &backend{}
	srv := smtp.NewServer(be)
	srv.Domain = "localhost"
	srv.TLSConfig = tlsConf
	srv.AllowInsecureAuth = tlsConf == nil
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return be, l.Addr().String()
}

// selfSigned makes a certificate for 127.0.0.1 and a client config that trusts it.
func selfSigned(t *testing.T) (server, client *tls.Config) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}},
		&tls.Config{RootCAs: pool, ServerName: "127.0.0.1"}
}

func TestSendStartTLSWithAuth(t *testing.T) {
	t.Parallel()
	srvTLS, cliTLS := selfSigned(t)
	be, addr := startServer(t, srvTLS)
	c := Config{Addr: addr, From: "capdo <capdo@sotttt.example.vn>", Username: "capdo", Password: "mật-khẩu-smtp", TLSConfig: cliTLS}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	body := "Hồ sơ số 12 đã được gửi.\nHạn xử lý: 24/12/2026.\n" + strings.Repeat("dòng dài ", 20)
	err := c.Send(context.Background(), Message{To: []string{"Nguyễn Văn A <a@sotttt.example.vn>"}, Subject: "[capdo] Hồ sơ chờ bạn xử lý", Body: body})
	if err != nil {
		t.Fatal(err)
	}
	if len(be.msgs) != 1 {
		t.Fatalf("server got %d messages", len(be.msgs))
	}
	got := be.msgs[0]
	if !got.tls || got.user != "capdo" || got.from != "capdo@sotttt.example.vn" || len(got.to) != 1 || got.to[0] != "a@sotttt.example.vn" {
		t.Fatalf("envelope: %+v", got)
	}
	msg, err := mail.ReadMessage(strings.NewReader(string(got.data)))
	if err != nil {
		t.Fatal(err)
	}
	subj, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil || subj != "[capdo] Hồ sơ chờ bạn xử lý" {
		t.Fatalf("subject %q (%v)", subj, err)
	}
	if ct := msg.Header.Get("Content-Type"); ct != "text/plain; charset=utf-8" {
		t.Fatalf("content type %q", ct)
	}
	dec, _ := io.ReadAll(quotedprintable.NewReader(msg.Body))
	if strings.TrimSuffix(strings.ReplaceAll(string(dec), "\r\n", "\n"), "\n") != body {
		t.Fatalf("body %q", dec)
	}
}

func TestSendRefusesPasswordWithoutTLS(t *testing.T) {
	t.Parallel()
	be, addr := startServer(t, nil) // no STARTTLS offered
	c := Config{Addr: addr, From: "capdo@example.vn", Username: "capdo", Password: "mật-khẩu-smtp"}
	err := c.Send(context.Background(), Message{To: []string{"a@example.vn"}, Subject: "x", Body: "y"})
	if err == nil || !strings.Contains(err.Error(), "STARTTLS") {
		t.Fatalf("want a refusal naming STARTTLS, got %v", err)
	}
	if len(be.msgs) != 0 {
		t.Fatal("a message was sent in clear")
	}
	// A relay chosen as plain on purpose, without a password, delivers.
	c = Config{Addr: addr, From: "capdo@example.vn", TLS: Plain}
	if err := c.Send(context.Background(), Message{To: []string{"a@example.vn"}, Subject: "x", Body: "y"}); err != nil {
		t.Fatal(err)
	}
	if len(be.msgs) != 1 || be.msgs[0].tls {
		t.Fatalf("messages %+v", be.msgs)
	}
}

func TestSendRejectsHeaderInjectionAndBadAddresses(t *testing.T) {
	t.Parallel()
	be, addr := startServer(t, nil)
	c := Config{Addr: addr, From: "capdo@example.vn", TLS: Plain}
	for _, m := range []Message{
		{To: []string{"a@example.vn"}, Subject: "x\r\nBcc: evil@example.com", Body: "y"},
		{To: []string{"not an address"}, Subject: "x", Body: "y"},
		{Subject: "x", Body: "y"},
	} {
		if err := c.Send(context.Background(), m); err == nil {
			t.Errorf("%+v: sent", m)
		}
	}
	if len(be.msgs) != 0 {
		t.Fatalf("sent %d", len(be.msgs))
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	for _, c := range []Config{
		{Addr: "mail.example.vn", From: "a@example.vn"},
		{Addr: "mail.example.vn:587", From: "không phải địa chỉ"},
		{Addr: "mail.example.vn:587", From: "a@example.vn", TLS: "ssl"},
	} {
		if err := c.Validate(); err == nil {
			t.Errorf("%+v: accepted", c)
		}
	}
}

func TestSendFailsFastWhenServerIsDown(t *testing.T) {
	t.Parallel()
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := l.Addr().String()
	l.Close()
	c := Config{Addr: addr, From: "capdo@example.vn", TLS: Plain}
	if err := c.Send(context.Background(), Message{To: []string{"a@example.vn"}, Subject: "x", Body: "y"}); err == nil {
		t.Fatal("no error")
	}
}
