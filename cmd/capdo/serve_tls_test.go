package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// writeCert writes a self-signed certificate for 127.0.0.1 and its key into dir.
func writeCert(t *testing.T, dir string) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, _ := x509.MarshalPKCS8PrivateKey(key)
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kder}), 0o600)
	leaf, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(leaf)
	return certFile, keyFile, pool
}

// `capdo serve --tls-cert --tls-key` serves HTTPS with HTTP/2, HSTS and Secure cookies, and
// prints its https:// address and setup link.
func TestServe_TLS(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile, pool := writeCert(t, dir)
	out, errOut, stop := startServe(t, filepath.Join(dir, "capdo.db"), "--tls-cert", certFile, "--tls-key", keyFile, "--idle-timeout", "10m")
	// The setup link is printed just after the address line startServe waits for.
	link := regexp.MustCompile(`https://127\.0\.0\.1:\d+/setup/`)
	for deadline := time.Now().Add(10 * time.Second); !link.MatchString(out.String()) && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	base := regexp.MustCompile(`https://127\.0\.0\.1:\d+`).FindString(out.String())
	if base == "" || !link.MatchString(out.String()) {
		t.Fatalf("no https address or setup link:\n%s", out)
	}
	c := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}, ForceAttemptHTTP2: true}}
	resp, err := c.Get(base + "/login")
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.ProtoMajor != 2 || resp.Header.Get("Strict-Transport-Security") == "" {
		t.Errorf("GET /login = %d over %s, HSTS %q", resp.StatusCode, resp.Proto, resp.Header.Get("Strict-Transport-Security"))
	}
	if ck := resp.Cookies(); len(ck) == 0 || !ck[0].Secure {
		t.Errorf("cookies %v, want Secure", ck)
	}
	// Plain HTTP on the HTTPS port gets no page.
	if resp, err := http.Get(strings.Replace(base, "https", "http", 1) + "/login"); err == nil {
		if resp.StatusCode == 200 {
			t.Error("plain HTTP served a page on the HTTPS port")
		}
		resp.Body.Close()
	}
	if code := stop(); code != exitOK {
		t.Errorf("exit = %d\n%s", code, errOut)
	}
}

func TestServe_TLSBadUsage(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile, _ := writeCert(t, dir)
	db := filepath.Join(dir, "c.db")
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--tls-cert", certFile}, exitInvalid, "--tls-cert và --tls-key"},
		{[]string{"--tls-key", keyFile}, exitInvalid, "--tls-cert và --tls-key"},
		{[]string{"--tls-cert", keyFile, "--tls-key", keyFile}, exitFailure, "chứng thư TLS"},
		{[]string{"--tls-cert", filepath.Join(dir, "none.pem"), "--tls-key", keyFile}, exitFailure, "không đọc được tệp TLS"},
		{[]string{"--idle-timeout", "0s"}, exitInvalid, "--idle-timeout"},
		{[]string{"--idle-timeout", "nửa giờ"}, exitInvalid, "idle-timeout"},
	} {
		code, _, errOut := capdo(t, "", append([]string{"serve", "--addr", "127.0.0.1:0", "--db", db}, c.args...)...)
		if code != c.code || !strings.Contains(errOut, c.msg) {
			t.Errorf("%v = %d, want %d with %q\n%s", c.args, code, c.code, c.msg, errOut)
		}
	}
}
