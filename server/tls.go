package server

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"
)

// HTTPS. Fiber runs on fasthttp, which speaks HTTP/1.1 only. With --tls-cert the
// application is served by net/http instead, which negotiates HTTP/2 (or HTTP/1.1) over
// crypto/tls, and each request is handed to the same Fiber application through
// httpBridge: the routes, guards and error pages are the ones plain HTTP serves. The
// bridge copies each request and response once; BenchmarkServe measures what that costs
// next to fasthttp (README, "HTTPS").

// tlsCipherSuites are the TLS 1.2 suites offered: forward secrecy (ECDHE) and AEAD only,
// no CBC, no RSA key exchange. TLS 1.3 suites are all AEAD and not configurable. HTTP/2
// requires TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (RFC 9113 §9.2.2), which is here.
var tlsCipherSuites = []uint16{
	tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
	tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
	tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
	tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
	tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
	tls.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
}

// KeyPair is the server's certificate and private key, read from two PEM files. It reads
// them again when either file changes (checked at most once a minute, at a handshake), so
// that a renewed certificate is served without a restart.
type KeyPair struct {
	certFile, keyFile string
	log               *slog.Logger

	mu       sync.Mutex
	cert     *tls.Certificate
	stamp    string // digest of both files when cert was read
	checked  time.Time
	checkGap time.Duration
}

// LoadKeyPair reads the certificate chain and key; the error says, in Vietnamese, which
// file is wrong.
func LoadKeyPair(certFile, keyFile string, log *slog.Logger) (*KeyPair, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	kp := &KeyPair{certFile: certFile, keyFile: keyFile, log: log, checkGap: time.Minute}
	cert, stamp, err := kp.read()
	if err != nil {
		return nil, err
	}
	kp.cert, kp.stamp, kp.checked = cert, stamp, time.Now()
	return kp, nil
}

// Leaf is the server certificate, for a start-up message.
func (kp *KeyPair) Leaf() *x509.Certificate {
	kp.mu.Lock()
	defer kp.mu.Unlock()
	return kp.cert.Leaf
}

func (kp *KeyPair) read() (*tls.Certificate, string, error) {
	stamp, err := kp.fileStamp()
	if err != nil {
		return nil, "", err
	}
	cert, err := tls.LoadX509KeyPair(kp.certFile, kp.keyFile)
	if err != nil {
		return nil, "", fmt.Errorf("chứng thư TLS (%s) và khóa (%s) không dùng được: %v", kp.certFile, kp.keyFile, err)
	}
	if time.Now().After(cert.Leaf.NotAfter) {
		return nil, "", fmt.Errorf("chứng thư TLS %s đã hết hạn ngày %s", kp.certFile, cert.Leaf.NotAfter.Format("02/01/2006"))
	}
	return &cert, stamp, nil
}

// fileStamp is a digest of both files: a renewal is seen whatever the file system does
// with modification times (a copy may keep them, coarse clocks may repeat them).
func (kp *KeyPair) fileStamp() (string, error) {
	h := sha256.New()
	for _, name := range []string{kp.certFile, kp.keyFile} {
		b, err := os.ReadFile(name)
		if err != nil {
			return "", fmt.Errorf("không đọc được tệp TLS: %v", err)
		}
		h.Write(b)
		h.Write([]byte{0})
	}
	return string(h.Sum(nil)), nil
}

// certificate is tls.Config.GetCertificate. A renewed pair that cannot be read (a key
// not yet written, say) is logged and the previous one is kept.
func (kp *KeyPair) certificate(*tls.ClientHelloInfo) (*tls.Certificate, error) {
	kp.mu.Lock()
	defer kp.mu.Unlock()
	if time.Since(kp.checked) < kp.checkGap {
		return kp.cert, nil
	}
	kp.checked = time.Now()
	if stamp, err := kp.fileStamp(); err != nil || stamp == kp.stamp {
		return kp.cert, nil
	}
	cert, stamp, err := kp.read()
	if err != nil {
		kp.log.Warn("không nạp lại được chứng thư TLS, tiếp tục dùng chứng thư cũ", slog.Any("err", err))
		return kp.cert, nil
	}
	kp.cert, kp.stamp = cert, stamp
	kp.log.Info("đã nạp lại chứng thư TLS", slog.Time("not_after", cert.Leaf.NotAfter))
	return kp.cert, nil
}

// TLSConfig is the configuration HTTPS is served with: TLS 1.2 or 1.3, the suites above.
func TLSConfig(kp *KeyPair) *tls.Config {
	return &tls.Config{
		MinVersion:     tls.VersionTLS12,
		CipherSuites:   tlsCipherSuites,
		GetCertificate: kp.certificate,
	}
}

// ServeTLS answers HTTPS on ln (HTTP/2 and HTTP/1.1) until ctx is cancelled, then
// finishes the requests in flight (at most 10 s) and returns. Cookies are Secure and
// every answer carries Strict-Transport-Security, whatever Config.SecureCookies says.
func (s *Server) ServeTLS(ctx context.Context, ln net.Listener, kp *KeyPair) error {
	s.overTLS.Store(true)
	srv := &http.Server{
		Handler:   s.httpBridge(),
		TLSConfig: TLSConfig(kp),
		// The same bounds as the fasthttp server (server.go).
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    16 << 10,
		// Failed handshakes (scanners, old clients) are logged, not printed raw.
		ErrorLog: slog.NewLogLogger(s.log.Handler(), slog.LevelDebug),
	}
	done := make(chan error, 1)
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		done <- srv.Shutdown(sctx)
	}()
	defer s.startJobs(ctx)()
	if err := srv.ServeTLS(ln, "", ""); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("server: %w", err)
	}
	if err := <-done; err != nil {
		return fmt.Errorf("server: shutdown: %w", err)
	}
	return nil
}

// httpBridge hands net/http requests to the Fiber application: the request is copied
// into a fasthttp request (every header value, the body up to the application's body
// limit), the application's handler runs, and its status, headers and body are written
// back. Hop-by-hop headers stay behind: HTTP/2 forbids them.
func (s *Server) httpBridge() http.Handler {
	handler := s.app.Handler()
	limit := int64(s.app.Config().BodyLimit)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var fctx fasthttp.RequestCtx
		var empty fasthttp.Request
		fctx.Init(&empty, remoteTCPAddr(r.RemoteAddr), nil)
		req := &fctx.Request
		req.Header.SetMethod(r.Method)
		req.SetRequestURI(r.RequestURI)
		req.Header.SetHost(r.Host)
		for k, vs := range r.Header {
			switch k {
			case "Host", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Upgrade":
				continue
			}
			for _, v := range vs {
				req.Header.Add(k, v)
			}
		}
		tooLarge := r.ContentLength > limit
		if r.Body != nil && r.Body != http.NoBody && !tooLarge {
			_, err := io.Copy(req.BodyWriter(), http.MaxBytesReader(w, r.Body, limit))
			var mbe *http.MaxBytesError
			switch {
			case errors.As(err, &mbe):
				tooLarge = true
			case err != nil:
				return // the client went away or was too slow: nobody to answer
			}
		}
		if tooLarge {
			// As fasthttp does: the application's error page, 413, no handler run.
			req.ResetBody()
			c := s.app.AcquireCtx(&fctx)
			_ = s.handleError(c, fiber.ErrRequestEntityTooLarge)
			s.app.ReleaseCtx(c)
		} else {
			req.Header.SetContentLength(len(req.Body()))
			handler(&fctx)
		}
		resp := &fctx.Response
		defer resp.Reset() // closes a body stream not read (HEAD)
		h := w.Header()
		for k, v := range resp.Header.All() {
			switch string(k) {
			case "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive":
				continue
			}
			h.Add(string(k), string(v))
		}
		if h.Get("Strict-Transport-Security") == "" {
			h.Set("Strict-Transport-Security", hsts) // answers made before the middleware ran (413)
		}
		code := resp.StatusCode()
		if !resp.IsBodyStream() && code >= 200 && code != http.StatusNoContent && code != http.StatusNotModified {
			h.Set("Content-Length", strconv.Itoa(len(resp.Body()))) // HEAD says how long GET would be
		}
		w.WriteHeader(code)
		if r.Method != http.MethodHead {
			_ = resp.BodyWriteTo(w)
		}
	})
}

// remoteTCPAddr is the client's address as fasthttp reports it (proxy.go reads a
// *net.TCPAddr).
func remoteTCPAddr(s string) *net.TCPAddr {
	ap, err := netip.ParseAddrPort(s)
	if err != nil {
		return &net.TCPAddr{IP: net.IPv4zero}
	}
	return net.TCPAddrFromAddrPort(ap)
}
