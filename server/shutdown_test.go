package server_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"testing"
)

// A connection opened ahead of need and never used (browsers preconnect) does not hold up
// the shutdown: Serve closes it and returns without error, while a request served on a
// kept-alive connection before the stop is answered as usual.
func TestServe_ShutdownWithSilentConnection(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- f.srv.Serve(ctx, ln) }()

	silent, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	// Connections are accepted in the order they were made: once this request is answered,
	// the silent connection is the server's too.
	client := &http.Client{Transport: &http.Transport{}}
	resp, err := client.Get("http://" + ln.Addr().String() + "/login")
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("GET /login = %d", resp.StatusCode)
	}

	cancel()
	if err := <-done; err != nil {
		t.Errorf("Serve after cancel = %v, want nil", err)
	}
	if n, _ := silent.Read(make([]byte, 1)); n != 0 {
		t.Errorf("the silent connection received %d bytes", n)
	}
}
