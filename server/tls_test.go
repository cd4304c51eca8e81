package server_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"capdo/server"
)

// selfSigned writes a fresh ECDSA certificate for 127.0.0.1 and localhost and its key,
// and returns their paths and a pool that trusts it.
func selfSigned(t testing.TB, dir string) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: "capdo thử nghiệm"},
		NotBefore:    time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		KeyUsage:    x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, DNSNames: []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kder}), 0o600); err != nil {
		t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(leaf)
	return certFile, keyFile, pool
}

// serveTLS starts the fixture's server over HTTPS on a real listener and returns its
// base URL and the trusted pool.
func serveTLS(t *testing.T, f *fixture) (string, *x509.CertPool) {
	t.Helper()
	certFile, keyFile, pool := selfSigned(t, t.TempDir())
	kp, err := server.LoadKeyPair(certFile, keyFile, nil)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f.srv.ServeTLS(ctx, ln, kp) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("ServeTLS: %v", err)
		}
	})
	return "https://" + ln.Addr().String(), pool
}

func tlsClient(pool *x509.CertPool, http2 bool, tc *tls.Config) *http.Client {
	if tc == nil {
		tc = &tls.Config{}
	}
	tc.RootCAs = pool
	tr := &http.Transport{TLSClientConfig: tc, ForceAttemptHTTP2: http2}
	if !http2 {
		tr.TLSNextProto = map[string]func(string, *tls.Conn) http.RoundTripper{}
	}
	return &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// `capdo serve --tls-cert --tls-key`: HTTPS with HTTP/2, HSTS on every answer, Secure
// cookies, and the same application as plain HTTP (sessions, HEAD, downloads, static
// files, the body limit).
func TestTLS_HTTP2HSTSSecureCookies(t *testing.T) {
	f := newFixture(t)
	d := f.createDossier("vanhanhA", f.sysA3)
	base, pool := serveTLS(t, f)
	c := tlsClient(pool, true, nil)
	do := func(method, path, ctype, body string, hdr ...string) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest(method, base+path, strings.NewReader(body))
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		for i := 0; i+1 < len(hdr); i += 2 {
			req.Header.Add(hdr[i], hdr[i+1])
		}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.ProtoMajor != 2 {
			t.Errorf("%s %s over %s, want HTTP/2", method, path, resp.Proto)
		}
		if !strings.HasPrefix(resp.Header.Get("Strict-Transport-Security"), "max-age=31536000") {
			t.Errorf("%s %s: no HSTS (%q)", method, path, resp.Header.Get("Strict-Transport-Security"))
		}
		return resp, b
	}
	secureCookie := func(resp *http.Response, name string) string {
		t.Helper()
		for _, ck := range resp.Cookies() {
			if ck.Name == name {
				if !ck.Secure || !ck.HttpOnly {
					t.Errorf("cookie %s: Secure %v HttpOnly %v", name, ck.Secure, ck.HttpOnly)
				}
				return ck.Value
			}
		}
		t.Errorf("no cookie %s", name)
		return ""
	}

	resp, body := do("GET", "/login", "", "")
	if resp.StatusCode != 200 || !bytes.Contains(body, []byte(`<html lang="vi"`)) {
		t.Fatalf("GET /login = %d %s", resp.StatusCode, clip(string(body)))
	}
	secureCookie(resp, "capdo_csrf")
	resp, body = do("POST", "/api/v1/login", ctJSON, `{"username":"vanhanhA","password":"`+password+`"}`)
	if resp.StatusCode != 200 {
		t.Fatalf("login = %d %s", resp.StatusCode, body)
	}
	session := "capdo_session=" + secureCookie(resp, "capdo_session")
	// HTTP/2 may split the Cookie header into one field per cookie: both arrive.
	if resp, body := do("GET", "/api/v1/me", "", "", "Cookie", "capdo_csrf=x", "Cookie", session); resp.StatusCode != 200 || !bytes.Contains(body, []byte("vanhanhA")) {
		t.Errorf("GET /api/v1/me = %d %s", resp.StatusCode, body)
	}
	if resp, body := do("HEAD", "/api/v1/systems", "", "", "Cookie", session); resp.StatusCode != 200 || len(body) != 0 {
		t.Errorf("HEAD = %d, %d bytes", resp.StatusCode, len(body))
	}
	resp, body = do("GET", "/api/v1/dossiers/"+itoa(d)+"/documents/to-trinh.docx", "", "", "Cookie", session)
	sum := sha256.Sum256(body)
	if resp.StatusCode != 200 || len(body) < 1000 || resp.Header.Get("X-Content-SHA256") != hex.EncodeToString(sum[:]) {
		t.Errorf("document = %d, %d bytes, SHA-256 header %q, body %x", resp.StatusCode, len(body), resp.Header.Get("X-Content-SHA256"), sum)
	}
	if resp, body := do("GET", "/static/style.css", "", ""); resp.StatusCode != 200 || len(body) == 0 {
		t.Errorf("static file = %d, %d bytes", resp.StatusCode, len(body))
	}
	if resp, body := do("GET", "/API/V1/SYSTEMS", "", "", "Cookie", session); resp.StatusCode != 404 || !bytes.Contains(body, []byte(`"error"`)) {
		t.Errorf("upper-case API path = %d %s", resp.StatusCode, body)
	}
	// The body limit holds on this path too, with the application's JSON answer.
	resp, body = do("POST", "/api/v1/classify", ctJSON, strings.Repeat(" ", 9<<20), "Cookie", session)
	if resp.StatusCode != 413 || !bytes.Contains(body, []byte("quá lớn")) {
		t.Errorf("9 MiB body = %d %s", resp.StatusCode, clip(string(body)))
	}
	// Logging out over HTTPS clears the cookie with the same attributes.
	resp, _ = do("POST", "/api/v1/logout", "", "", "Cookie", session)
	if resp.StatusCode != 200 {
		t.Errorf("logout = %d", resp.StatusCode)
	}
	secureCookie(resp, "capdo_session")
}

// HTTP/1.1 over TLS still works; TLS 1.1 and the TLS 1.2 CBC suites do not.
func TestTLS_ProtocolsAndCiphers(t *testing.T) {
	f := newFixture(t)
	base, pool := serveTLS(t, f)
	get := func(c *http.Client) (*http.Response, error) {
		resp, err := c.Get(base + "/login")
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		return resp, err
	}
	if resp, err := get(tlsClient(pool, false, nil)); err != nil || resp.ProtoMajor != 1 || resp.StatusCode != 200 {
		t.Errorf("HTTP/1.1 over TLS: %v", err)
	}
	for name, tc := range map[string]*tls.Config{
		"TLS 1.1": {MaxVersion: tls.VersionTLS11},
		"TLS 1.2 CBC": {MaxVersion: tls.VersionTLS12, CipherSuites: []uint16{
			tls.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, tls.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA, tls.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256}},
	} {
		if _, err := get(tlsClient(pool, true, tc)); err == nil {
			t.Errorf("%s accepted", name)
		}
	}
	for name, tc := range map[string]*tls.Config{
		"TLS 1.2 GCM":    {MaxVersion: tls.VersionTLS12, CipherSuites: []uint16{tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256}},
		"TLS 1.2 ChaCha": {MaxVersion: tls.VersionTLS12, CipherSuites: []uint16{tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256}},
		"TLS 1.3":        {MinVersion: tls.VersionTLS13},
	} {
		resp, err := get(tlsClient(pool, true, tc))
		if err != nil || resp.StatusCode != 200 {
			t.Errorf("%s refused: %v", name, err)
		}
	}
}

func TestLoadKeyPair_Errors(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile, _ := selfSigned(t, dir)
	other, _, _ := selfSigned(t, t.TempDir())
	for name, c := range map[string][2]string{
		"missing cert":   {filepath.Join(dir, "nope.pem"), keyFile},
		"key for a cert": {other, keyFile},
		"cert as key":    {certFile, certFile},
	} {
		if _, err := server.LoadKeyPair(c[0], c[1], nil); err == nil || !strings.Contains(err.Error(), "TLS") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// A renewed certificate is served without a restart; a broken renewal keeps the old one.
func TestKeyPair_Reload(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile, _ := selfSigned(t, dir)
	kp, err := server.LoadKeyPair(certFile, keyFile, nil)
	if err != nil {
		t.Fatal(err)
	}
	first, _ := kp.Certificate()
	server.SetReloadCheck(kp, 0)
	newDir := t.TempDir()
	newCert, newKey, _ := selfSigned(t, newDir)
	for _, p := range [][2]string{{newCert, certFile}, {newKey, keyFile}} {
		b, _ := os.ReadFile(p[0])
		if err := os.WriteFile(p[1], b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	renewed, _ := kp.Certificate()
	if bytes.Equal(first, renewed) {
		t.Fatal("the renewed certificate is not served")
	}
	if err := os.WriteFile(keyFile, []byte("không phải khóa"), 0o600); err != nil {
		t.Fatal(err)
	}
	if kept, _ := kp.Certificate(); !bytes.Equal(kept, renewed) {
		t.Error("a broken renewal replaced the working certificate")
	}
}
