// Command crash checks that capdo keeps every write it acknowledged when the process is
// killed without warning. It starts `capdo serve` on a fresh database, lets concurrent
// writers register systems, save new versions of them and generate dossiers, kills the
// server with SIGKILL while they write, starts it again on the same file and checks that
// every write answered 201/200 before the kill is there (and the database passes
// PRAGMA integrity_check). It repeats that for several rounds and prints the counts;
// the exit status is 1 when anything acknowledged was lost. bench/crash.sh runs it.
package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // only for PRAGMA integrity_check on the file capdo left
)

const profile = `{"id": "HT-%d-%d", "name": "Hệ thống thử ghi %d-%d", "owner": "UBND tỉnh Kiên Giang",
 "system_type": "citizen_business", "info_types": ["public", "personal"], "personal_data_users": %d}`

func main() {
	bin := flag.String("capdo", "capdo", "the capdo binary")
	dir := flag.String("dir", "", "working directory (default: a new temporary one)")
	writers := flag.Int("writers", 20, "concurrent writers")
	rounds := flag.Int("rounds", 3, "kill and restart this many times")
	run := flag.Duration("run", 5*time.Second, "longest time writers run before a kill (each kill comes at a random moment in the second half)")
	flag.Parse()
	if *dir == "" {
		d, err := os.MkdirTemp("", "capdo-crash-")
		if err != nil {
			fail("%v", err)
		}
		defer os.RemoveAll(d)
		*dir = d
	}
	db := filepath.Join(*dir, "capdo.db")
	password := fmt.Sprintf("crash-%x", rand.Uint64())
	add := exec.Command(*bin, "users", "add", "--db", db, "--username", "ghi", "--role", "operator",
		"--org", "Sở Thông tin và Truyền thông", "--password-stdin")
	add.Stdin = strings.NewReader(password)
	if out, err := add.CombinedOutput(); err != nil {
		fail("users add: %v\n%s", err, out)
	}

	acked := newLedger()
	var attempted atomic.Int64
	for round := 1; round <= *rounds; round++ {
		srv := start(*bin, db, *dir)
		c := login(srv.base, password)
		if round > 1 {
			check(c, srv.base, acked, round-1)
		}
		ctx, cancel := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		for w := range *writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				write(ctx, c, srv.base, round, w, acked, &attempted)
			}()
		}
		wait := *run/2 + rand.N(*run/2+1)
		time.Sleep(wait)
		srv.cmd.Process.Kill() // SIGKILL: no shutdown, no checkpoint
		srv.cmd.Wait()
		cancel()
		wg.Wait()
		s, v, d := acked.counts()
		fmt.Printf("round %d: killed after %v with %d writers busy; acknowledged so far: %d systems, %d versions, %d dossiers\n",
			round, wait.Round(time.Millisecond), *writers, s, v, d)
	}
	srv := start(*bin, db, *dir)
	lost := check(login(srv.base, password), srv.base, acked, *rounds)
	srv.cmd.Process.Signal(os.Interrupt)
	srv.cmd.Wait()
	integrity := integrityCheck(db)
	s, v, d := acked.counts()
	fmt.Printf("after %d kills: %d requests sent, %d writes acknowledged (%d systems, %d versions, %d dossiers), %d lost; integrity_check: %s\n",
		*rounds, attempted.Load(), s+v+d, s, v, d, lost, integrity)
	if lost > 0 || integrity != "ok" {
		os.Exit(1)
	}
}

// ledger holds what the server acknowledged: each system with its highest acknowledged
// version, and each dossier.
type ledger struct {
	mu       sync.Mutex
	systems  map[int64]int
	versions int
	dossiers []int64
}

func newLedger() *ledger { return &ledger{systems: map[int64]int{}} }

func (l *ledger) system(id int64, version int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if version > 1 {
		l.versions++
	}
	l.systems[id] = max(l.systems[id], version)
}

func (l *ledger) dossier(id int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.dossiers = append(l.dossiers, id)
}

func (l *ledger) counts() (systems, versions, dossiers int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.systems), l.versions, len(l.dossiers)
}

// write registers a system, saves two more versions of it and generates a dossier, again
// and again until ctx ends or the server is gone; only answers that came back are noted.
func write(ctx context.Context, c *http.Client, base string, round, w int, l *ledger, attempted *atomic.Int64) {
	for i := 0; ctx.Err() == nil; i++ {
		body := fmt.Appendf(nil, profile, round, w*100000+i, round, w*100000+i, 1000+i)
		attempted.Add(1)
		var created struct{ ID int64 }
		if call(c, "POST", base+"/api/v1/systems", body, 201, &created) != nil {
			return
		}
		l.system(created.ID, 1)
		for range 2 {
			attempted.Add(1)
			var sys struct{ Version int }
			if call(c, "PUT", fmt.Sprintf("%s/api/v1/systems/%d", base, created.ID), body, 200, &sys) != nil {
				return
			}
			l.system(created.ID, sys.Version)
		}
		attempted.Add(1)
		var d struct{ ID int64 }
		if call(c, "POST", fmt.Sprintf("%s/api/v1/systems/%d/dossiers", base, created.ID), nil, 201, &d) != nil {
			return
		}
		l.dossier(d.ID)
	}
}

// check reads back every acknowledged write and returns how many are missing.
func check(c *http.Client, base string, l *ledger, kills int) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	lost := 0
	for id, v := range l.systems {
		var sys struct{ Version int }
		if err := call(c, "GET", fmt.Sprintf("%s/api/v1/systems/%d", base, id), nil, 200, &sys); err != nil || sys.Version < v {
			fmt.Printf("LOST: system %d version %d (read back: version %d, %v)\n", id, v, sys.Version, err)
			lost++
		}
	}
	for _, id := range l.dossiers {
		if err := call(c, "GET", fmt.Sprintf("%s/api/v1/dossiers/%d", base, id), nil, 200, nil); err != nil {
			fmt.Printf("LOST: dossier %d (%v)\n", id, err)
			lost++
		}
	}
	fmt.Printf("read back after kill %d: %d systems, %d dossiers checked, %d missing\n", kills, len(l.systems), len(l.dossiers), lost)
	return lost
}

func call(c *http.Client, method, url string, body []byte, want int, out any) error {
	req, _ := http.NewRequest(method, url, bytes.NewReader(body))
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err // cut off by the kill: not acknowledged
	}
	if resp.StatusCode != want {
		return fmt.Errorf("HTTP %d: %s", resp.StatusCode, b)
	}
	if out != nil {
		return json.Unmarshal(b, out)
	}
	return nil
}

type server struct {
	cmd  *exec.Cmd
	base string
}

// start runs capdo serve on a free port and waits until it answers.
func start(bin, db, dir string) server {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fail("%v", err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(bin, "serve", "--addr", addr, "--db", db)
	stdout, _ := cmd.StdoutPipe()
	logf, err := os.OpenFile(filepath.Join(dir, "serve.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		fail("%v", err)
	}
	cmd.Stderr = logf
	if err := cmd.Start(); err != nil {
		fail("serve: %v", err)
	}
	ready := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if strings.Contains(sc.Text(), "đang chạy") {
				ready <- true
			}
		}
		close(ready)
	}()
	select {
	case ok := <-ready:
		if !ok {
			fail("serve stopped at start; see %s", filepath.Join(dir, "serve.log"))
		}
	case <-time.After(30 * time.Second):
		fail("serve did not start in 30 s")
	}
	return server{cmd: cmd, base: "http://" + addr}
}

func login(base, password string) *http.Client {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	body, _ := json.Marshal(map[string]string{"username": "ghi", "password": password})
	if err := call(c, "POST", base+"/api/v1/login", body, 200, nil); err != nil {
		fail("login: %v", err)
	}
	return c
}

func integrityCheck(path string) string {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return err.Error()
	}
	defer db.Close()
	var res string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return "no answer"
		}
		return err.Error()
	}
	return res
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "crash: "+format+"\n", args...)
	os.Exit(2)
}
