package server

import (
	"context"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"capdo/store"
)

func newTestThrottle(t *testing.T, now *time.Time) *loginThrottle {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "capdo.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return newLoginThrottle(db, 5, 5, 15*time.Minute, func() time.Time { return *now }, slog.New(slog.DiscardHandler))
}

// Failures are counted per key: one username blocked does not block another, and the
// window slides.
func TestLoginLimiter(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)
	l := newTestThrottle(t, &now)
	for i := 0; i < 4; i++ {
		l.fail("user:a")
		now = now.Add(time.Minute)
	}
	if l.blocked("user:a") {
		t.Fatal("blocked after 4 failures")
	}
	l.fail("user:a")
	if !l.blocked("user:a") || l.blocked("user:b") {
		t.Fatalf("after 5 failures: a=%v b=%v, want true false", l.blocked("user:a"), l.blocked("user:b"))
	}
	now = now.Add(11*time.Minute + time.Second) // the first failure leaves the window
	if l.blocked("user:a") {
		t.Error("still blocked after the oldest failure left the window")
	}
	l.reset("user:a")
	ctx := context.Background()
	if ts, err := l.st.LoginFailures(ctx, throttleKey("user:a"), now.Add(-forget), 100); err != nil || len(ts) != 0 {
		t.Errorf("reset left %d failures (%v)", len(ts), err)
	}
}

// A guesser who tries again as soon as it may waits 15 minutes, 15 more, then 30, an
// hour, two…; never more than a day, and over days it gets about a dozen tries a day.
func TestLoginThrottle_GrowingDelays(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)
	now := start
	l := newTestThrottle(t, &now)
	const key = "user:a|ip:192.0.2.1"
	var waits []time.Duration
	guesses := 0
	for now.Before(start.Add(3 * forget)) {
		if w := l.retryAfter(key); w > 0 {
			if w > forget {
				t.Fatalf("a wait of %v", w)
			}
			now = now.Add(w - time.Second)
			if !l.blocked(key) {
				t.Fatalf("not blocked a second before the end of a %v wait", w)
			}
			now = now.Add(time.Second)
			waits = append(waits, w)
			continue
		}
		l.fail(key)
		guesses++
	}
	want := []time.Duration{15, 15, 30, 60, 120, 240, 480}
	for i, w := range want {
		if i >= len(waits) || waits[i] != w*time.Minute {
			t.Fatalf("waits = %v, want %v… minutes", waits, want)
		}
	}
	if perDay := guesses / 3; perDay > 14 {
		t.Errorf("%d guesses in 3 days (%d a day), want about a dozen a day", guesses, perDay)
	}
	t.Logf("%d guesses in 3 days; waits %v", guesses, waits)
	now = now.Add(forget)
	if l.blocked(key) {
		t.Error("blocked after a day without failures")
	}
}
