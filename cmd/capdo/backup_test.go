//go:build unix

package main

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
)

// `capdo backup` copies the database a running server writes to: the copy holds every
// system acknowledged before the backup began, passes `capdo check` with the original
// key, is readable by its owner only even under umask 0, and is never written over.
func TestBackup_WhileServing(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "capdo.db")
	if code, _, errOut := capdo(t, "Mat-khau-quan-tri-2026", "users", "add", "--db", db, "--username", "qt", "--role", "admin", "--org", "Sở", "--password-stdin"); code != exitOK {
		t.Fatal(errOut)
	}
	out, errOut, stop := startServe(t, db)
	base := addrRe.FindString(out.String())
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	resp, err := client.Post(base+"/api/v1/login", "application/json", strings.NewReader(`{"username":"qt","password":"Mat-khau-quan-tri-2026"}`))
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("login: %v %v", resp, err)
	}
	resp.Body.Close()

	var acked atomic.Int64
	var failed atomic.Value
	stopWriters := make(chan struct{})
	var wg sync.WaitGroup
	for w := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stopWriters:
					return
				default:
				}
				body := fmt.Sprintf(`{"name":"Hệ thống %d-%d","owner":"Sở","system_type":"internal","info_types":["public"]}`, w, i)
				resp, err := client.Post(base+"/api/v1/systems", "application/json", strings.NewReader(body))
				if err != nil {
					failed.Store(err)
					return
				}
				resp.Body.Close()
				if resp.StatusCode != 201 {
					failed.Store(fmt.Errorf("create system = %d", resp.StatusCode))
					return
				}
				acked.Add(1)
			}
		}()
	}
	for i, mask := range []int{0, 0o022} {
		for acked.Load() < int64(10*(i+1)) {
			runtime.Gosched()
		}
		before := acked.Load()
		copyPath := filepath.Join(dir, fmt.Sprintf("sao-luu-%d.db", i))
		old := syscall.Umask(mask)
		code, bout, berr := capdo(t, "", "backup", "--db", db, "--out", copyPath)
		syscall.Umask(old)
		if code != exitOK || !strings.Contains(bout, "integrity_check): ok") || !strings.Contains(bout, db+".key") {
			t.Fatalf("backup: %d\n%s%s", code, bout, berr)
		}
		if st, err := os.Stat(copyPath); err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("copy mode under umask %o: %v %v", mask, st.Mode(), err)
		}
		c, _ := sql.Open("sqlite", "file:"+copyPath+"?mode=ro")
		var n int64
		c.QueryRow("SELECT count(*) FROM systems").Scan(&n)
		c.Close()
		if n < before {
			t.Errorf("copy holds %d systems, %d were acknowledged before the backup", n, before)
		}
		if code, cout, _ := capdo(t, "", "check", "--db", copyPath, "--audit-key", db+".key"); code != exitOK {
			t.Errorf("check of the copy: %d\n%s", code, cout)
		}
		// Checking reads only: the copy is still the file backup reported, alone.
		data, _ := os.ReadFile(copyPath)
		if sum := sha256.Sum256(data); !strings.Contains(bout, "SHA-256 "+hex.EncodeToString(sum[:])+";") {
			t.Errorf("the copy changed after check: %x\n%s", sum, bout)
		}
		if _, err := os.Stat(copyPath + "-wal"); err == nil {
			t.Error("check left a WAL file beside the copy")
		}
	}
	close(stopWriters)
	wg.Wait()
	if err, _ := failed.Load().(error); err != nil {
		t.Fatal(err)
	}
	if code := stop(); code != exitOK {
		t.Fatalf("serve exit = %d\n%s", code, errOut)
	}
	code, _, berr := capdo(t, "", "backup", "--db", db, "--out", filepath.Join(dir, "sao-luu-0.db"))
	if code != exitFailure || !strings.Contains(berr, "không ghi đè") {
		t.Errorf("backup over an existing copy = %d %s", code, berr)
	}
	if code, _, _ := capdo(t, "", "backup", "--db", db); code != exitInvalid {
		t.Errorf("backup without --out = %d", code)
	}

	// The security log of that session, from the command line.
	code, lout, _ := capdo(t, "", "audit", "log", "--db", db, "--event", "login", "--format", "json")
	var e struct{ Event, Username, Client string }
	if code != exitOK || json.Unmarshal([]byte(strings.SplitN(lout, "\n", 2)[0]), &e) != nil || e.Event != "login" || e.Username != "qt" || e.Client == "" {
		t.Errorf("audit log json: %d %q", code, lout)
	}
	code, lout, _ = capdo(t, "", "audit", "log", "--db", db, "--since", "1h")
	lines := strings.Split(strings.TrimSpace(lout), "\n")
	if code != exitOK || !strings.Contains(lines[0], `user.create target="qt"`) || !strings.Contains(lines[0], `via="console"`) ||
		!strings.Contains(lines[1], ` login username="qt" role="admin"`) || !strings.Contains(lout, "system.create") {
		t.Errorf("audit log text: %d\n%s", code, lout)
	}
	if code, lout, _ = capdo(t, "", "audit", "log", "--db", db, "--until", "2000-01-01"); code != exitOK || lout != "" {
		t.Errorf("audit log before anything = %d %q", code, lout)
	}
	if code, _, lerr := capdo(t, "", "audit", "log", "--db", db, "--since", "hôm qua"); code != exitInvalid || !strings.Contains(lerr, "--since") {
		t.Errorf("bad --since = %d %s", code, lerr)
	}
}
