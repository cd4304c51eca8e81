package server

import (
	"net"
	"sync"
	"sync/atomic"
)

// silentListener knows which of its connections have not sent a byte yet, so that Serve
// can close them when it stops. fasthttp's shutdown closes idle kept-alive connections,
// but it waits for a new connection's first request until ReadTimeout (15 s), longer than
// Serve allows the requests in flight (10 s): a socket a browser opened ahead of need and
// never used would make the shutdown fail. A connection that has begun a request is left
// to finish it.
type silentListener struct {
	net.Listener
	mu       sync.Mutex
	conns    map[*trackedConn]struct{}
	stopping bool
}

func newSilentListener(ln net.Listener) *silentListener {
	return &silentListener{Listener: ln, conns: map[*trackedConn]struct{}{}}
}

// Accept accepts a connection and tracks it; once the server is stopping it accepts no
// more.
func (l *silentListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.stopping {
		c.Close()
		return nil, net.ErrClosed
	}
	tc := &trackedConn{Conn: c, l: l}
	l.conns[tc] = struct{}{}
	return tc, nil
}

// stop closes the connections that have sent nothing, and every one accepted from now on.
func (l *silentListener) stop() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.stopping = true
	for c := range l.conns {
		if !c.spoke.Load() {
			c.Conn.Close()
		}
	}
}

// trackedConn is a connection of a silentListener.
type trackedConn struct {
	net.Conn
	l     *silentListener
	spoke atomic.Bool
	once  sync.Once
}

func (c *trackedConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 {
		c.spoke.Store(true)
	}
	return n, err
}

func (c *trackedConn) Close() error {
	c.once.Do(func() {
		c.l.mu.Lock()
		delete(c.l.conns, c)
		c.l.mu.Unlock()
	})
	return c.Conn.Close()
}
