package server_test

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"testing"
)

// BenchmarkClassifyHandler measures POST /api/v1/classify through a real listener with
// keep-alive connections, session lookup and request logging included.
func BenchmarkClassifyHandler(b *testing.B) {
	f := newFixture(b)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f.srv.Serve(ctx, ln) }()
	defer func() { cancel(); <-done }()
	url := "http://" + ln.Addr().String() + "/api/v1/classify"
	cookie := "capdo_session=" + f.session("vanhanhA")
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	body := []byte(profileL3)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req, _ := http.NewRequest("POST", url, bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Cookie", cookie)
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
}

// BenchmarkListSystems measures GET /api/v1/systems with 1,000 systems in scope.
func BenchmarkListSystems(b *testing.B) {
	f := newFixture(b)
	for i := 0; i < 1000; i++ {
		f.createSystem("vanhanhA", profileL3)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if resp, _ := f.do("vanhanhA", "GET", "/api/v1/systems", "", ""); resp.StatusCode != 200 {
			b.Fatal(resp.StatusCode)
		}
	}
}
