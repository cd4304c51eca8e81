package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// syncBuffer is written by the server goroutine and read by the test.
type syncBuffer struct {
	mu      sync.Mutex
	b       bytes.Buffer
	written chan struct{} // closed by the next write
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.written != nil {
		close(s.written)
		s.written = nil
	}
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// next returns what was written so far and a channel closed by the next write.
func (s *syncBuffer) next() (string, <-chan struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.written == nil {
		s.written = make(chan struct{})
	}
	return s.b.String(), s.written
}

// startServe runs `capdo serve` in-process and waits until start-up is over: the log line
// "bắt đầu phục vụ" comes after the address and the setup link (if any) are printed, so
// what the test reads of out is complete until it stops the server.
func startServe(t *testing.T, db string, extra ...string) (out, errOut *syncBuffer, stop func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out, errOut = &syncBuffer{}, &syncBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0", "--db", db}, extra...), strings.NewReader(""), out, errOut)
	}()
	for {
		logs, written := errOut.next()
		if strings.Contains(logs, "bắt đầu phục vụ") {
			break
		}
		select {
		case <-written:
		case code := <-done:
			cancel()
			t.Fatalf("serve ended (exit %d) before serving:\n%s\n%s", code, out, errOut)
		}
	}
	return out, errOut, func() int {
		cancel()
		return <-done
	}
}

var setupLinkRe = regexp.MustCompile(`http://127\.0\.0\.1:\d+/setup/[A-Za-z0-9_-]{43}`)

func TestServe_FirstStartPrintsSetupLink(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "capdo.db")
	out, errOut, stop := startServe(t, db)
	link := setupLinkRe.FindString(out.String())
	if link == "" {
		t.Fatalf("no setup link in:\n%s", out)
	}
	resp, err := http.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `<html lang="vi">`) {
		t.Errorf("setup link = %d", resp.StatusCode)
	}
	if code := stop(); code != exitOK {
		t.Errorf("serve exit = %d\n%s", code, errOut)
	}
	if !strings.Contains(out.String(), "capdo đã dừng") {
		t.Errorf("no clean stop message:\n%s", out)
	}
	// The request log names the route, never the token in the path.
	token := link[strings.LastIndex(link, "/")+1:]
	if logs := errOut.String(); !strings.Contains(logs, "path=/setup/:token") || strings.Contains(logs, token) {
		t.Errorf("request log leaks the setup token or lacks the route:\n%s", logs)
	}
}

func TestServe_NoSetupLinkWithUsers(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "capdo.db")
	if code, _, errOut := capdo(t, "mat-khau-quan-tri", "users", "add", "--db", db, "--username", "qt", "--role", "admin", "--org", "Sở", "--password-stdin"); code != exitOK {
		t.Fatal(errOut)
	}
	out, _, stop := startServe(t, db)
	if strings.Contains(out.String(), "/setup/") {
		t.Errorf("setup link printed although an administrator exists:\n%s", out)
	}
	if code := stop(); code != exitOK {
		t.Errorf("exit = %d", code)
	}
}

func TestServe_CancelledContextStopsCleanly(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errOut bytes.Buffer
	code := run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", filepath.Join(t.TempDir(), "c.db")}, strings.NewReader(""), &out, &errOut)
	if code != exitOK || !strings.Contains(out.String(), "capdo đã dừng") {
		t.Errorf("serve with a cancelled context = %d\n%s\n%s", code, out.String(), errOut.String())
	}
}

func TestServe_BadUsage(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"serve", "extra"}, {"serve", "--log", "xml"}, {"serve", "--nope"}} {
		if code, _, _ := capdo(t, "", args...); code != exitInvalid {
			t.Errorf("%v = %d, want %d", args, code, exitInvalid)
		}
	}
	if code, _, errOut := capdo(t, "", "serve", "--addr", "256.0.0.1:99999", "--db", filepath.Join(t.TempDir(), "c.db")); code != exitFailure || !strings.Contains(errOut, "không lắng nghe được") {
		t.Errorf("bad address = %d %s", code, errOut)
	}
}

var addrRe = regexp.MustCompile(`http://127\.0\.0\.1:\d+`)

// --trusted-proxy may be repeated and hold a comma list; requests from a trusted proxy
// are logged with the client address it reports.
func TestServe_TrustedProxy(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "capdo.db")
	out, errOut, stop := startServe(t, db, "--trusted-proxy", "127.0.0.0/8, ::1", "--trusted-proxy", "10.0.0.0/8", "--log", "json")
	if logs := errOut.String(); !strings.Contains(logs, `"trusted_proxies":"127.0.0.0/8,::1/128,10.0.0.0/8"`) {
		t.Errorf("start-up log does not name the trusted proxies:\n%s", logs)
	}
	req, _ := http.NewRequest("POST", addrRe.FindString(out.String())+"/api/v1/login", strings.NewReader(`{"username":"ai-do","password":"doan-mo-thoi"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Forwarded-For", "198.51.100.7, 203.0.113.44")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if code := stop(); code != exitOK || resp.StatusCode != 401 {
		t.Fatalf("login = %d, exit %d", resp.StatusCode, code)
	}
	if logs := errOut.String(); !strings.Contains(logs, `"event":"login.failure","username":"ai-do","client":"203.0.113.44"`) || strings.Contains(logs, "doan-mo-thoi") {
		t.Errorf("the failed login is not logged with the forwarded client:\n%s", logs)
	}
}

func TestServe_TrustedProxyBadValues(t *testing.T) {
	t.Parallel()
	for _, v := range []string{"", "proxy.local", "10.0.0.0/8,300.1.1.1", "10.0.0.0/40"} {
		code, _, errOut := capdo(t, "", "serve", "--trusted-proxy", v, "--db", filepath.Join(t.TempDir(), "c.db"))
		if code != exitInvalid || !strings.Contains(errOut, "trusted-proxy") {
			t.Errorf("--trusted-proxy %q = %d, want %d\n%s", v, code, exitInvalid, errOut)
		}
	}
}

// Started with a rule set that has no built-in templates, serve says at once that dossiers
// will be refused.
func TestServe_RuleSetWithoutTemplates(t *testing.T) {
	t.Parallel()
	out, errOut, stop := startServe(t, filepath.Join(t.TempDir(), "capdo.db"), "--rules", ruleFileWithoutTemplates(t))
	if s := out.String(); !strings.Contains(s, "bộ quy tắc tinh-thu-331 — đang áp dụng") || !strings.Contains(s, "chưa có mẫu hồ sơ") {
		t.Errorf("start message lacks the rule set or the refusal notice:\n%s", s)
	}
	if code := stop(); code != exitOK {
		t.Errorf("serve exit = %d\n%s", code, errOut)
	}
}

// --risk-matrix replaces the provisional scoring matrix with a file; a wrong one stops the
// start with what is wrong.
func TestServe_RiskMatrix(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../../risk/data/matrix.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "khung-bca.yaml")
	os.WriteFile(good, bytes.Replace(bytes.Replace(data, []byte("provisional: true"), []byte("provisional: false"), 1),
		[]byte("title: Ma trận rủi ro 5 × 5 tạm thời"), []byte("title: Khung của Bộ Công an"), 1), 0o600)
	bad := filepath.Join(dir, "sai.yaml")
	os.WriteFile(bad, bytes.Replace(data, []byte("{min: 20, max: 25"), []byte("{min: 21, max: 25"), 1), 0o600)

	code, _, errOut := capdo(t, "", "serve", "--risk-matrix", bad, "--db", filepath.Join(dir, "c.db"))
	if code != exitInvalid || !strings.Contains(errOut, "bands[4]: min phải là 20") {
		t.Errorf("a wrong matrix = %d\n%s", code, errOut)
	}
	_, errOut2, stop := startServe(t, filepath.Join(dir, "capdo.db"), "--risk-matrix", good)
	if code := stop(); code != exitOK {
		t.Errorf("serve with a matrix file = %d\n%s", code, errOut2)
	}
}
