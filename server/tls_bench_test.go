package server_test

import (
	"context"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"

	"capdo/server"
)

// BenchmarkServe measures what serving through net/http costs next to fasthttp: the same
// requests, with a session, over plain fasthttp (capdo serve), over the net/http bridge
// without TLS (the bridge alone), and over HTTPS with HTTP/2 and HTTP/1.1 (capdo serve
// --tls-cert). Each runs on keep-alive connections from parallel clients.
func BenchmarkServe(b *testing.B) {
	f := newFixture(b)
	for range 50 {
		f.createSystem("vanhanhA", profileL3)
	}
	cookie := "capdo_session=" + f.session("vanhanhA")

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go f.srv.Serve(ctx, ln)
	plain := "http://" + ln.Addr().String()

	bridge := httptest.NewServer(server.Bridge(f.srv))
	defer bridge.Close()

	certFile, keyFile, pool := selfSigned(b, b.TempDir())
	kp, err := server.LoadKeyPair(certFile, keyFile, nil)
	if err != nil {
		b.Fatal(err)
	}
	tln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	// A second server for TLS: Serve and ServeTLS are not meant to run side by side on one
	// Server (ServeTLS marks every request as HTTPS).
	g := newFixture(b)
	for range 50 {
		g.createSystem("vanhanhA", profileL3)
	}
	tcookie := "capdo_session=" + g.session("vanhanhA")
	go g.srv.ServeTLS(ctx, tln, kp)
	secure := "https://" + tln.Addr().String()

	h1 := &http.Transport{MaxIdleConnsPerHost: 64}
	h1tls := &http.Transport{MaxIdleConnsPerHost: 64, TLSClientConfig: &tls.Config{RootCAs: pool},
		TLSNextProto: map[string]func(string, *tls.Conn) http.RoundTripper{}}
	h2 := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}, ForceAttemptHTTP2: true}

	for _, path := range []string{"/api/v1/me", "/api/v1/systems?limit=50"} {
		for _, c := range []struct {
			name, base, cookie string
			rt                 http.RoundTripper
		}{
			{"fasthttp", plain, cookie, h1},
			{"bridge", bridge.URL, cookie, h1},
			{"https-h1", secure, tcookie, h1tls},
			{"https-h2", secure, tcookie, h2},
		} {
			b.Run(c.name+path, func(b *testing.B) {
				client := &http.Client{Transport: c.rt}
				b.ReportAllocs()
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						req, _ := http.NewRequest("GET", c.base+path, nil)
						req.Header.Set("Cookie", c.cookie)
						resp, err := client.Do(req)
						if err != nil {
							b.Error(err)
							return
						}
						io.Copy(io.Discard, resp.Body)
						resp.Body.Close()
						if resp.StatusCode != 200 {
							b.Errorf("status %d", resp.StatusCode)
							return
						}
					}
				})
			})
		}
	}
}
