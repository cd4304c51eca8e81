package main

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// mixedConfig is -mode mixed: -users people at once for -duration.
type mixedConfig struct {
	base, user, password, ca string
	accounts, users, seed    int
	duration, think          time.Duration
	http1                    bool
}

// op is one thing a person does, how often (weight) and which answers are right.
type op struct {
	name   string
	weight int
	ok     []int
	req    func(p *pool) (method, path string, body []byte)
	// done notes what a successful answer created.
	done func(p *pool, body []byte)
}

// pool holds the ids of systems and dossiers the users have made so far, shared: the
// accounts are in one organisation and see each other's work.
type pool struct {
	mu       sync.Mutex
	systems  []int64
	dossiers []int64
	n        int
}

func (p *pool) pick(ids *[]int64) int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(*ids) == 0 {
		return 1
	}
	return (*ids)[rand.N(len(*ids))]
}

func (p *pool) add(ids *[]int64, body []byte) {
	var out struct{ ID int64 }
	if json.Unmarshal(body, &out) == nil && out.ID > 0 {
		p.mu.Lock()
		*ids = append(*ids, out.ID)
		p.mu.Unlock()
	}
}

func (p *pool) next() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n++
	return p.n
}

// ops is the workload: mostly reading lists, systems and dossiers, as pages and API
// calls; some classifying; and writes — new systems, new versions, generated dossiers,
// submissions — at the rate of a busy unit.
var ops = []op{
	{name: "GET /api/v1/systems?limit=50", weight: 20, ok: []int{200},
		req: func(*pool) (string, string, []byte) { return "GET", "/api/v1/systems?limit=50", nil }},
	{name: "GET /api/v1/systems/{id}", weight: 12, ok: []int{200},
		req: func(p *pool) (string, string, []byte) {
			return "GET", fmt.Sprintf("/api/v1/systems/%d", p.pick(&p.systems)), nil
		}},
	{name: "GET /systems (trang)", weight: 10, ok: []int{200},
		req: func(*pool) (string, string, []byte) { return "GET", "/systems", nil }},
	{name: "GET / (trang)", weight: 6, ok: []int{200},
		req: func(*pool) (string, string, []byte) { return "GET", "/", nil }},
	{name: "GET /systems/{id} (trang)", weight: 6, ok: []int{200},
		req: func(p *pool) (string, string, []byte) {
			return "GET", fmt.Sprintf("/systems/%d", p.pick(&p.systems)), nil
		}},
	{name: "POST /api/v1/classify", weight: 10, ok: []int{200},
		req: func(p *pool) (string, string, []byte) {
			n := p.next()
			return "POST", "/api/v1/classify", fmt.Appendf(nil, profile, n, n, 1000+n)
		}},
	{name: "GET /api/v1/dossiers?limit=50", weight: 8, ok: []int{200},
		req: func(*pool) (string, string, []byte) { return "GET", "/api/v1/dossiers?limit=50", nil }},
	{name: "GET /api/v1/dossiers/{id}", weight: 7, ok: []int{200},
		req: func(p *pool) (string, string, []byte) {
			return "GET", fmt.Sprintf("/api/v1/dossiers/%d", p.pick(&p.dossiers)), nil
		}},
	{name: "GET …/documents/to-trinh.docx", weight: 5, ok: []int{200},
		req: func(p *pool) (string, string, []byte) {
			return "GET", fmt.Sprintf("/api/v1/dossiers/%d/documents/to-trinh.docx", p.pick(&p.dossiers)), nil
		}},
	{name: "POST /api/v1/systems", weight: 6, ok: []int{201},
		req: func(p *pool) (string, string, []byte) {
			n := p.next()
			return "POST", "/api/v1/systems", fmt.Appendf(nil, profile, 100000+n, n, 1000+n)
		},
		done: func(p *pool, b []byte) { p.add(&p.systems, b) }},
	{name: "PUT /api/v1/systems/{id}", weight: 5, ok: []int{200},
		req: func(p *pool) (string, string, []byte) {
			n := p.next()
			return "PUT", fmt.Sprintf("/api/v1/systems/%d", p.pick(&p.systems)), fmt.Appendf(nil, profile, 200000+n, n, 2000+n)
		}},
	{name: "POST /api/v1/systems/{id}/dossiers", weight: 3, ok: []int{201},
		req: func(p *pool) (string, string, []byte) {
			return "POST", fmt.Sprintf("/api/v1/systems/%d/dossiers", p.pick(&p.systems)), nil
		},
		done: func(p *pool, b []byte) { p.add(&p.dossiers, b) }},
	// A dossier already submitted, or made from an older version, answers 409: right.
	{name: "POST /api/v1/dossiers/{id}/actions", weight: 2, ok: []int{200, 409},
		req: func(p *pool) (string, string, []byte) {
			return "POST", fmt.Sprintf("/api/v1/dossiers/%d/actions", p.pick(&p.dossiers)), []byte(`{"action":"submit","comment":"Trình thẩm định"}`)
		}},
}

// sample is one request's outcome.
type sample struct {
	op      int
	status  int
	latency time.Duration
}

func mixed(cfg mixedConfig) int {
	tr := &http.Transport{MaxIdleConnsPerHost: cfg.users, ForceAttemptHTTP2: !cfg.http1}
	if cfg.ca != "" {
		pem, err := os.ReadFile(cfg.ca)
		if err != nil {
			fail("%v", err)
		}
		roots := x509.NewCertPool()
		roots.AppendCertsFromPEM(pem)
		tr.TLSClientConfig = &tls.Config{RootCAs: roots}
	}
	if cfg.http1 {
		tr.TLSNextProto = map[string]func(string, *tls.Conn) http.RoundTripper{}
	}
	account := func(i int) string {
		if cfg.accounts <= 1 {
			return cfg.user
		}
		return fmt.Sprintf("%s%02d", cfg.user, i%cfg.accounts+1)
	}

	// Everyone signs in first (bcrypt makes a login cost ~0.1 s of CPU; four at a time).
	clients := make([]*http.Client, cfg.users)
	var logins []time.Duration
	var mu sync.Mutex
	sem := make(chan struct{}, 4)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range cfg.users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			jar, _ := cookiejar.New(nil)
			c := &http.Client{Jar: jar, Transport: tr, Timeout: 60 * time.Second,
				CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
			body, _ := json.Marshal(map[string]string{"username": account(i), "password": cfg.password})
			t := time.Now()
			if code, _ := send(c, "POST", cfg.base+"/api/v1/login", body); code != 200 {
				fail("đăng nhập %s thất bại: HTTP %d", account(i), code)
			}
			mu.Lock()
			logins = append(logins, time.Since(t))
			mu.Unlock()
			clients[i] = c
		}()
	}
	wg.Wait()
	slices.Sort(logins)
	fmt.Printf("%d users signed in (%d accounts) in %v, login p50 %v, max %v\n", cfg.users, max(cfg.accounts, 1),
		time.Since(start).Round(time.Millisecond), logins[len(logins)/2].Round(time.Millisecond), logins[len(logins)-1].Round(time.Millisecond))

	p := &pool{}
	if cfg.seed > 0 {
		t := time.Now()
		for i := range cfg.seed {
			n := p.next()
			if code, b := send(clients[0], "POST", cfg.base+"/api/v1/systems", fmt.Appendf(nil, profile, n, n, 1000+n)); code == 201 {
				p.add(&p.systems, b)
				if i%10 == 0 {
					if code, b := send(clients[0], "POST", fmt.Sprintf("%s/api/v1/systems/%d/dossiers", cfg.base, p.systems[len(p.systems)-1]), nil); code == 201 {
						p.add(&p.dossiers, b)
					}
				}
			}
		}
		fmt.Printf("seeded %d systems and %d dossiers in %v\n", len(p.systems), len(p.dossiers), time.Since(t).Round(time.Millisecond))
	}

	total := 0
	for _, o := range ops {
		total += o.weight
	}
	results := make(chan []sample, cfg.users)
	deadline := time.Now().Add(cfg.duration)
	start = time.Now()
	for _, c := range clients {
		go func() {
			var out []sample
			// Users do not start in step.
			if cfg.think > 0 {
				time.Sleep(rand.N(2 * cfg.think))
			}
			for time.Now().Before(deadline) {
				r := rand.N(total)
				i := 0
				for ; r >= ops[i].weight; i++ {
					r -= ops[i].weight
				}
				method, path, body := ops[i].req(p)
				t := time.Now()
				code, b := send(c, method, cfg.base+path, body)
				out = append(out, sample{op: i, status: code, latency: time.Since(t)})
				if ops[i].done != nil && slices.Contains(ops[i].ok, code) {
					ops[i].done(p, b)
				}
				if cfg.think > 0 {
					time.Sleep(rand.N(2 * cfg.think))
				}
			}
			results <- out
		}()
	}
	var all []sample
	for range cfg.users {
		all = append(all, <-results...)
	}
	elapsed := time.Since(start)
	return report(cfg, all, elapsed)
}

// report prints, per operation and in all, the count, the errors and the latency
// percentiles; it returns 1 when any answer was wrong.
func report(cfg mixedConfig, all []sample, elapsed time.Duration) int {
	errs := 0
	statuses := map[string]int{}
	byOp := make([][]time.Duration, len(ops))
	opErrs := make([]int, len(ops))
	var lat []time.Duration
	for _, s := range all {
		byOp[s.op] = append(byOp[s.op], s.latency)
		lat = append(lat, s.latency)
		if !slices.Contains(ops[s.op].ok, s.status) {
			errs++
			opErrs[s.op]++
			statuses[fmt.Sprintf("%s → %d", ops[s.op].name, s.status)]++
		}
	}
	pct := func(l []time.Duration, p float64) string {
		if len(l) == 0 {
			return "-"
		}
		return l[int(float64(len(l)-1)*p)].Round(100 * time.Microsecond).String()
	}
	fmt.Printf("\nmixed: %d users × %v (mean pause %v), %d requests, %.1f req/s, errors %d (%.2f%%)\n",
		cfg.users, cfg.duration, cfg.think, len(all), float64(len(all))/elapsed.Seconds(), errs, 100*float64(errs)/float64(max(len(all), 1)))
	fmt.Printf("%-40s %7s %6s %9s %9s %9s %9s\n", "operation", "count", "errors", "p50", "p95", "p99", "max")
	for i, o := range ops {
		l := byOp[i]
		slices.Sort(l)
		fmt.Printf("%-40s %7d %6d %9s %9s %9s %9s\n", o.name, len(l), opErrs[i], pct(l, .5), pct(l, .95), pct(l, .99), pct(l, 1))
	}
	slices.Sort(lat)
	fmt.Printf("%-40s %7d %6d %9s %9s %9s %9s\n", "all", len(lat), errs, pct(lat, .5), pct(lat, .95), pct(lat, .99), pct(lat, 1))
	if errs > 0 {
		var keys []string
		for k := range statuses {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		fmt.Println("\nwrong answers (status 0: no answer):")
		for _, k := range keys {
			fmt.Printf("  %s: %d\n", k, statuses[k])
		}
		return 1
	}
	return 0
}

// send makes one request and returns the status (0 when none came) and the body.
func send(c *http.Client, method, url string, body []byte) (int, []byte) {
	req, _ := http.NewRequest(method, url, bytes.NewReader(body))
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if !strings.Contains(url, "/api/") {
		req.Header.Set("Accept", "text/html")
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, nil
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, nil
	}
	return resp.StatusCode, b
}
