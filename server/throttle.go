package server

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"capdo/store"
)

// loginThrottle slows password guessing without locking anyone out. Failures are counted
// per key: "ip:ADDRESS" (every username tried from one client) and "user:NAME|ip:ADDRESS"
// (one username from one client). A key must wait once it has max failures within
// window, and each further failure doubles the span looked at: max+1 failures within
// 2×window, max+2 within 4×window, and so on up to forget (a day), after which failures
// are forgotten. A guesser who tries again as soon as it may thus waits 15 minutes, 15
// more, then 30 minutes, an hour, two…, and gets about a dozen tries a day per username
// and client.
//
// Nothing is counted per username alone: an attacker's failures from one client never
// keep the account's owner, with the right password, out from another client. A
// distributed guess at one account is slowed by the per-client limits, the common-password
// policy (credential) and, for accounts that have it, the second factor.
//
// The counts live in the database (store.Accounts), so a restart does not forgive and
// several servers on one database share them. The method names are those of the guard.
type loginThrottle struct {
	st store.Accounts
	// max is per username and client; maxAddress is per client, higher: many people share
	// an office's address, and one person's typos must not keep the office out.
	max, maxAddress int
	window          time.Duration
	now             func() time.Time
	log             *slog.Logger
}

// forget is how long a failure counts, and the longest wait.
const forget = 24 * time.Hour

func newLoginThrottle(st store.Accounts, max, maxAddress int, window time.Duration, now func() time.Time, log *slog.Logger) *loginThrottle {
	return &loginThrottle{st: st, max: max, maxAddress: maxAddress, window: window, now: now, log: log}
}

// throttleKey is what the database keeps of a key: its hash, so that the usernames people
// tried (sometimes a password typed in the wrong field) are not stored.
func throttleKey(key string) string { return hashToken("throttle\x00" + key) }

func (l *loginThrottle) threshold(key string) int {
	if strings.HasPrefix(key, "ip:") {
		return l.maxAddress
	}
	return l.max
}

// span is how far back k failures make a key wait.
func (l *loginThrottle) span(k, threshold int) time.Duration {
	d := l.window
	for i := threshold; i < k && d < forget; i++ {
		d *= 2
	}
	return min(d, forget)
}

// wait is how long key must still wait before its next try; 0 when it may try now.
func (l *loginThrottle) wait(ctx context.Context, key string) (time.Duration, error) {
	n, now := l.threshold(key), l.now()
	// Beyond n plus the doublings that reach forget, older failures cannot wait longer.
	limit := n
	for d := l.window; d < forget; d *= 2 {
		limit++
	}
	ts, err := l.st.LoginFailures(ctx, throttleKey(key), now.Add(-forget), limit+1)
	if err != nil {
		return 0, err
	}
	var wait time.Duration
	for k := n; k <= len(ts); k++ { // ts[k-1] is the k-th newest failure
		wait = max(wait, ts[k-1].Add(l.span(k, n)).Sub(now))
	}
	return wait, nil
}

// dbContext bounds the throttle's database calls; the guard calls it without a request
// context.
func dbContext() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 10*time.Second)
}

// blocked reports whether key must wait. A database error blocks: a throttle that opens
// when its table cannot be read would be no throttle.
func (l *loginThrottle) blocked(key string) bool {
	ctx, cancel := dbContext()
	defer cancel()
	w, err := l.wait(ctx, key)
	if err != nil {
		l.log.Error("không đọc được số lần đăng nhập sai", slog.Any("err", err))
		return true
	}
	return w > 0
}

// retryAfter is how long key must still wait (a minute when it cannot be read).
func (l *loginThrottle) retryAfter(key string) time.Duration {
	ctx, cancel := dbContext()
	defer cancel()
	w, err := l.wait(ctx, key)
	if err != nil {
		return time.Minute
	}
	return w
}

// fail counts one failure under each key.
func (l *loginThrottle) fail(keys ...string) {
	ctx, cancel := dbContext()
	defer cancel()
	hashes := make([]string, len(keys))
	for i, k := range keys {
		hashes[i] = throttleKey(k)
	}
	now := l.now()
	if err := l.st.RecordLoginFailure(ctx, hashes, now, now.Add(-forget)); err != nil {
		l.log.Error("không ghi được lần đăng nhập sai", slog.Any("err", err))
	}
}

// reset forgets key's failures: its client has just proved it knows the password.
func (l *loginThrottle) reset(key string) {
	ctx, cancel := dbContext()
	defer cancel()
	if err := l.st.ClearLoginFailures(ctx, throttleKey(key)); err != nil {
		l.log.Error("không xóa được số lần đăng nhập sai", slog.Any("err", err))
	}
}

// tooManyLogins answers a throttled try with 429, the wait in Retry-After (seconds,
// rounded up, at least 1) so that a program knows when to try again, and in words.
func (s *Server) tooManyLogins(c *fiber.Ctx, key string) *httpError {
	wait := s.limiter.retryAfter(key)
	secs := max(int((wait+time.Second-1)/time.Second), 1)
	c.Set(fiber.HeaderRetryAfter, strconv.Itoa(secs))
	mins, window := (secs+59)/60, int(s.limiter.window/time.Minute)
	what, n := "Đăng nhập sai quá nhiều lần với tài khoản này từ máy này", s.limiter.max
	switch {
	case strings.HasPrefix(key, "ip:"):
		what, n = "Đăng nhập sai quá nhiều lần từ địa chỉ này", s.limiter.maxAddress
	case strings.HasPrefix(key, "names:"):
		what = "Đã thử quá nhiều tên đăng nhập hoặc tên đơn vị đang được dùng ở đơn vị ngoài phạm vi quản lý"
	}
	return newError(fiber.StatusTooManyRequests, fmt.Sprintf(
		"%s (%d lần trong %d phút; sau đó mỗi lần, thời gian chờ tăng gấp đôi). Vui lòng thử lại sau %d phút.", what, n, window, mins))
}
