// Command load drives a running capdo with concurrent requests. In the default mode
// (-mode scenarios) it runs each scenario alone and prints its throughput and latency
// percentiles; bench/run.sh starts capdo for it. With -mode mixed (bench/load.sh) it
// plays -users people at once, each signed in with a session of its own, doing what
// people do (mixed.go), and reports errors and latency per operation.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// profile is a level-3 system (D85.A9.K2.c) with a component, so classification does
// real work: every rule for the system and its component.
const profile = `{"id": "HT-%d", "name": "Cổng dịch vụ công tỉnh Kiên Giang %d", "owner": "UBND tỉnh Kiên Giang",
 "operator": "Sở Thông tin và Truyền thông", "system_type": "citizen_business", "info_types": ["public", "personal"],
 "online_public_service_level": 4, "personal_data_users": %d,
 "components": [{"name": "Cổng thanh toán", "owner": "UBND tỉnh Kiên Giang", "system_type": "citizen_business",
   "info_types": ["personal"], "conditional_business_service": true}]}`

func main() {
	base := flag.String("url", "http://127.0.0.1:8080", "capdo base URL")
	user := flag.String("user", "bench", "username")
	pass := flag.String("password", os.Getenv("CAPDO_BENCH_PASSWORD"), "password (default $CAPDO_BENCH_PASSWORD)")
	seed := flag.Int("seed", 1000, "systems to create before the list scenario")
	dur := flag.Duration("duration", 10*time.Second, "duration of each scenario")
	conc := flag.Int("c", 16, "concurrent clients")
	mode := flag.String("mode", "scenarios", "scenarios (each alone) or mixed (-users people at once)")
	users := flag.Int("users", 200, "mixed: simultaneous users")
	accounts := flag.Int("accounts", 1, "mixed: accounts USER01…USERnn (1: USER itself)")
	think := flag.Duration("think", time.Second, "mixed: mean pause between one user's requests (0: none)")
	ca := flag.String("ca", "", "PEM certificate to trust for an https -url (a self-signed test certificate)")
	http1 := flag.Bool("http1", false, "mixed: HTTP/1.1 even over https (default: HTTP/2 when offered)")
	flag.Parse()
	if *mode == "mixed" {
		os.Exit(mixed(mixedConfig{base: *base, user: *user, password: *pass, accounts: *accounts, users: *users,
			seed: *seed, duration: *dur, think: *think, ca: *ca, http1: *http1}))
	}

	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, Timeout: 30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: *conc * 2, MaxConnsPerHost: *conc * 2}}
	body, _ := json.Marshal(map[string]string{"username": *user, "password": *pass})
	if code := post(client, *base+"/api/v1/login", body); code != 200 {
		fail("đăng nhập thất bại: HTTP %d", code)
	}
	if *seed > 0 {
		start := time.Now()
		for i := 0; i < *seed; i++ {
			if code := post(client, *base+"/api/v1/systems", fmt.Appendf(nil, profile, i, i, 10000+i)); code != 201 {
				fail("tạo hệ thống %d: HTTP %d", i, code)
			}
		}
		fmt.Printf("seeded %d systems in %v\n", *seed, time.Since(start).Round(time.Millisecond))
	}
	classify := fmt.Appendf(nil, profile, 1, 1, 250000)
	run("POST /api/v1/classify", *dur, *conc, func() int { return post(client, *base+"/api/v1/classify", classify) })
	run("GET /api/v1/systems", *dur, *conc, func() int { return get(client, *base+"/api/v1/systems") })
	run("GET /api/v1/systems?limit=50", *dur, *conc, func() int { return get(client, *base+"/api/v1/systems?limit=50") })
	run("GET /systems (HTML)", *dur, *conc, func() int { return get(client, *base+"/systems") })
}

func post(c *http.Client, url string, body []byte) int {
	req, _ := http.NewRequest("POST", url, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return do(c, req)
}

func get(c *http.Client, url string) int {
	req, _ := http.NewRequest("GET", url, nil)
	return do(c, req)
}

func do(c *http.Client, req *http.Request) int {
	resp, err := c.Do(req)
	if err != nil {
		return 0
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// run calls fn from conc goroutines for d and prints requests/s and latency percentiles.
func run(name string, d time.Duration, conc int, fn func() int) {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var mu sync.Mutex
	var lat []time.Duration
	var errs atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for i := 0; i < conc; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			local := make([]time.Duration, 0, 1<<16)
			for ctx.Err() == nil {
				t := time.Now()
				if code := fn(); code != 200 {
					errs.Add(1)
				}
				local = append(local, time.Since(t))
			}
			mu.Lock()
			lat = append(lat, local...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	slices.Sort(lat)
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[int(float64(len(lat)-1)*p)].Round(10 * time.Microsecond)
	}
	fmt.Printf("%-30s %6d req in %v, %8.0f req/s, p50 %v, p99 %v, max %v, errors %d (c=%d)\n",
		name, len(lat), elapsed.Round(time.Millisecond), float64(len(lat))/elapsed.Seconds(), pct(0.50), pct(0.99), pct(1), errs.Load(), conc)
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "load: "+format+"\n", args...)
	os.Exit(1)
}
