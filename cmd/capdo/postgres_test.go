package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"capdo/store/storetest"
)

var runningRe = regexp.MustCompile(`capdo đang chạy tại (http://\S+)`)

// startCapdo starts `capdo serve` as a process of its own and returns its base URL, and a
// function that stops it with SIGINT (as Ctrl+C does) and returns its exit status and
// standard error.
func startCapdo(t *testing.T, args ...string) (string, func() (int, string)) {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(os.Environ(), "CAPDO_TEST_AS_CAPDO=1")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := runningRe.FindStringSubmatch(sc.Text()); m != nil {
				for _, a := range args {
					if pw := pgPassword(a); pw != "" && strings.Contains(sc.Text(), pw) {
						t.Errorf("capdo serve printed the database password: %s", sc.Text())
					}
				}
				found <- strings.TrimRight(m[1], ",.")
			}
		}
		io.Copy(io.Discard, stdout)
	}()
	var base string
	select {
	case base = <-found:
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("capdo serve did not start:\n%s", stderr.String())
	}
	var once sync.Once
	code := -1
	stop := func() (int, string) {
		once.Do(func() {
			cmd.Process.Signal(syscall.SIGINT)
			done := make(chan struct{})
			go func() { cmd.Wait(); close(done) }()
			select {
			case <-done:
			case <-time.After(30 * time.Second):
				cmd.Process.Kill()
				<-done
			}
			code = cmd.ProcessState.ExitCode()
		})
		return code, stderr.String()
	}
	t.Cleanup(func() { stop() })
	return base, stop
}

// apiClient is one user's browser-less client; its cookie is good on every server.
type apiClient struct {
	t *testing.T
	c *http.Client
}

func login(t *testing.T, base, user, password string) *apiClient {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	a := &apiClient{t: t, c: &http.Client{Jar: jar, Timeout: 60 * time.Second}}
	if code, body := a.post(base, "/api/v1/login", fmt.Sprintf(`{"username":%q,"password":%q}`, user, password)); code != 200 {
		t.Fatalf("login %s at %s = %d %s", user, base, code, body)
	}
	return a
}

func (a *apiClient) post(base, path, body string) (int, string) {
	a.t.Helper()
	resp, err := a.c.Post(base+path, "application/json", strings.NewReader(body))
	if err != nil {
		a.t.Fatalf("POST %s%s: %v", base, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func (a *apiClient) get(base, path string) (int, string) {
	a.t.Helper()
	resp, err := a.c.Get(base + path)
	if err != nil {
		a.t.Fatalf("GET %s%s: %v", base, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// addUsers creates a level-3 review chain in db: an operator under a province, the
// province's infosec unit and owner.
func addUsers(t *testing.T, db string) {
	t.Helper()
	for _, u := range [][]string{
		{"vanhanh", "operator", "Sở Thông tin và Truyền thông", "UBND tỉnh Kiên Giang"},
		{"attt", "infosec", "UBND tỉnh Kiên Giang", ""},
		{"chuquan", "owner", "UBND tỉnh Kiên Giang", ""},
	} {
		args := []string{"users", "add", "--db", db, "--username", u[0], "--role", u[1], "--org", u[2], "--password-stdin"}
		if u[3] != "" {
			args = append(args, "--parent", u[3])
		}
		if code, out, errOut := capdo(t, "mat-khau-thu-nghiem\n", args...); code != exitOK {
			t.Fatalf("users add %s = %d\n%s%s", u[0], code, out, errOut)
		}
	}
}

const profileLevel3 = `{"id": "HT-003", "name": "Cổng dịch vụ công tỉnh Kiên Giang", "owner": "UBND tỉnh Kiên Giang",
	"system_type": "citizen_business", "info_types": ["public", "personal"], "personal_data_users": 250000}`

// Two capdo serve processes on one PostgreSQL database: a login on one is good on the
// other, a dossier made on one is reviewed through both, the same step sent to both at
// once is applied once (the other answer is 409), and the history stays whole.
func TestServe_TwoServersOnePostgres(t *testing.T) {
	db := storetest.NewSchema(t, storetest.PostgresURL(t))
	addUsers(t, db)
	// The first server creates the audit key; every server is given the same file.
	key := filepath.Join(t.TempDir(), "capdo.key")
	if code, _, errOut := capdo(t, "", "serve", "--db", db); code != exitInvalid || !strings.Contains(errOut, "--audit-key") {
		t.Errorf("serve on PostgreSQL without --audit-key = %d %s", code, errOut)
	}
	a, stopA := startCapdo(t, "--db", db, "--audit-key", key)
	b, stopB := startCapdo(t, "--db", db, "--audit-key", key)

	op := login(t, a, "vanhanh", "mat-khau-thu-nghiem")
	code, body := op.post(a, "/api/v1/systems", profileLevel3)
	if code != 201 {
		t.Fatalf("create system on A = %d %s", code, body)
	}
	var sys struct{ ID int64 }
	json.Unmarshal([]byte(body), &sys)
	code, body = op.post(b, fmt.Sprintf("/api/v1/systems/%d/dossiers", sys.ID), "")
	if code != 201 {
		t.Fatalf("create dossier on B with A's session = %d %s", code, body)
	}
	var d struct {
		ID     int64
		Status string
	}
	json.Unmarshal([]byte(body), &d)
	actions := fmt.Sprintf("/api/v1/dossiers/%d/actions", d.ID)

	// The same submit through both servers at the same moment.
	var wg sync.WaitGroup
	codes := make([]int, 2)
	start := make(chan struct{})
	for i, base := range []string{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			codes[i], _ = op.post(base, actions, `{"action":"submit","comment":"Kính trình"}`)
		}()
	}
	close(start)
	wg.Wait()
	if !(codes[0] == 200 && codes[1] == 409 || codes[0] == 409 && codes[1] == 200) {
		t.Fatalf("submit through both servers at once = %v, want one 200 and one 409", codes)
	}

	attt := login(t, b, "attt", "mat-khau-thu-nghiem")
	if code, body := attt.post(a, actions, `{"action":"appraise","comment":"Đạt"}`); code != 200 {
		t.Fatalf("appraise on A = %d %s", code, body)
	}
	owner := login(t, a, "chuquan", "mat-khau-thu-nghiem")
	if code, body := owner.post(b, actions, `{"action":"approve","comment":"Phê duyệt"}`); code != 200 {
		t.Fatalf("approve on B = %d %s", code, body)
	}
	for _, base := range []string{a, b} {
		code, body := op.get(base, fmt.Sprintf("/api/v1/dossiers/%d", d.ID))
		var got struct {
			Status       string
			History      []struct{ Action string }
			HistoryValid bool `json:"history_valid"`
		}
		json.Unmarshal([]byte(body), &got)
		if code != 200 || got.Status != "approved" || len(got.History) != 4 || !got.HistoryValid {
			t.Errorf("dossier on %s = %d %s", base, code, body)
		}
	}
	// Failed logins count on every server: five on A, and B makes the same client wait.
	for i := 0; i < 5; i++ {
		jar, _ := cookiejar.New(nil)
		c := &apiClient{t: t, c: &http.Client{Jar: jar, Timeout: 60 * time.Second}}
		if code, _ := c.post(a, "/api/v1/login", `{"username":"attt","password":"sai-mat-khau"}`); code != 401 {
			t.Fatalf("wrong password %d on A = %d, want 401", i+1, code)
		}
	}
	if code, _ := op.post(b, "/api/v1/login", `{"username":"attt","password":"mat-khau-thu-nghiem"}`); code != 429 {
		t.Errorf("login on B after five failures on A = %d, want 429", code)
	}
	for name, stop := range map[string]func() (int, string){"A": stopA, "B": stopB} {
		if code, errOut := stop(); code != exitOK {
			t.Errorf("server %s exit = %d\n%s", name, code, errOut)
		}
	}
}

// capdo db copy moves a SQLite installation into an empty PostgreSQL database: a dossier
// made on SQLite is then reviewed on PostgreSQL with the same audit key, and the history
// verifies there; a second copy is refused and changes nothing.
func TestDBCopy(t *testing.T) {
	pg := storetest.NewSchema(t, storetest.PostgresURL(t))
	file := filepath.Join(t.TempDir(), "capdo.db")
	addUsers(t, file)
	base, stop := startCapdo(t, "--db", file)
	op := login(t, base, "vanhanh", "mat-khau-thu-nghiem")
	code, body := op.post(base, "/api/v1/systems", profileLevel3)
	var sys struct{ ID int64 }
	json.Unmarshal([]byte(body), &sys)
	code2, body2 := op.post(base, fmt.Sprintf("/api/v1/systems/%d/dossiers", sys.ID), "")
	if code != 201 || code2 != 201 {
		t.Fatalf("system, dossier on SQLite = %d %d %s %s", code, code2, body, body2)
	}
	var d struct{ ID int64 }
	json.Unmarshal([]byte(body2), &d)
	if code, errOut := stop(); code != exitOK {
		t.Fatalf("serve on SQLite exit = %d %s", code, errOut)
	}

	code, out, errOut := capdo(t, "", "db", "copy", "--from", file, "--to", pg)
	if code != exitOK || !strings.Contains(out, "Đã chép") || !strings.Contains(out, "dossier_events") || !strings.Contains(out, file+".key") {
		t.Fatalf("db copy = %d\n%s%s", code, out, errOut)
	}
	if pw := pgPassword(pg); pw != "" && strings.Contains(out+errOut, pw) {
		t.Errorf("db copy printed the database password:\n%s", out)
	}
	code, out, errOut = capdo(t, "", "users", "list", "--db", pg)
	if code != exitOK || !strings.Contains(out, "vanhanh") || !strings.Contains(out, "UBND tỉnh Kiên Giang › Sở Thông tin và Truyền thông") {
		t.Errorf("users list on the copy = %d\n%s%s", code, out, errOut)
	}
	onPG, stopPG := startCapdo(t, "--db", pg, "--audit-key", file+".key")
	op = login(t, onPG, "vanhanh", "mat-khau-thu-nghiem")
	if code, body := op.post(onPG, fmt.Sprintf("/api/v1/dossiers/%d/actions", d.ID), `{"action":"submit"}`); code != 200 {
		t.Errorf("submit the copied dossier on PostgreSQL = %d %s", code, body)
	}
	if code, errOut := stopPG(); code != exitOK {
		t.Errorf("serve on PostgreSQL exit = %d %s", code, errOut)
	}
	if code, out, errOut := capdo(t, "", "audit", "verify", "--db", pg, "--audit-key", file+".key"); code != exitOK {
		t.Errorf("audit verify on PostgreSQL = %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut := capdo(t, "", "check", "--db", pg, "--audit-key", file+".key"); code != exitOK || !strings.Contains(out, "PostgreSQL") {
		t.Errorf("check on PostgreSQL = %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := capdo(t, "", "backup", "--db", pg, "--out", filepath.Join(t.TempDir(), "b.db")); code != exitFailure || !strings.Contains(errOut, "pg_dump") {
		t.Errorf("backup of PostgreSQL = %d %s, want a pointer to pg_dump", code, errOut)
	}

	code, _, errOut = capdo(t, "", "db", "copy", "--from", file, "--to", pg)
	if code != exitFailure || !strings.Contains(errOut, "đã có dữ liệu") {
		t.Errorf("second db copy = %d %s", code, errOut)
	}
	for _, c := range [][]string{
		{"db", "copy", "--from", file, "--to", filepath.Join(t.TempDir(), "other.db")},
		{"db", "copy", "--to", pg},
		{"db", "copy", "--from", file},
		{"db", "copy", "--from", pg, "--to", pg},
		{"db", "move"},
	} {
		if code, _, errOut := capdo(t, "", c...); code != exitInvalid || errOut == "" {
			t.Errorf("%v = %d %q, want usage error", c, code, errOut)
		}
	}
	if code, _, errOut := capdo(t, "", "db", "copy", "--from", filepath.Join(t.TempDir(), "none.db"), "--to", pg); code != exitFailure ||
		!strings.Contains(errOut, "không có tệp") {
		t.Errorf("copy from a missing file = %d %s", code, errOut)
	}
}

// The users commands take a PostgreSQL URL; one for a database without capdo's tables is
// refused by the commands that need an existing database.
func TestUsers_PostgresURL(t *testing.T) {
	empty := storetest.NewSchema(t, storetest.PostgresURL(t))
	if code, _, errOut := capdo(t, "", "users", "list", "--db", empty); code != exitFailure || !strings.Contains(errOut, "chưa có dữ liệu capdo") {
		t.Errorf("users list on an empty database = %d %s", code, errOut)
	}
	addUsers(t, empty)
	code, out, errOut := capdo(t, "mat-khau-moi-123\n", "users", "passwd", "--db", empty, "--username", "ATTT", "--password-stdin")
	if code != exitOK || !strings.Contains(out, "attt") {
		t.Errorf("users passwd (name in another case) = %d\n%s%s", code, out, errOut)
	}
}

// pgPassword is the password in a PostgreSQL URL, "" for none.
func pgPassword(u string) string {
	_, rest, _ := strings.Cut(u, "://")
	cred, _, ok := strings.Cut(rest, "@")
	if !ok {
		return ""
	}
	_, pw, _ := strings.Cut(cred, ":")
	return pw
}
