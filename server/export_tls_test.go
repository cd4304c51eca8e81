package server

import (
	"net/http"
	"time"
)

// SetReloadCheck sets how often a KeyPair looks at its files again (a minute in service).
func SetReloadCheck(kp *KeyPair, gap time.Duration) {
	kp.mu.Lock()
	kp.checkGap = gap
	kp.mu.Unlock()
}

// Certificate is what a handshake would be served now.
func (kp *KeyPair) Certificate() ([]byte, error) {
	c, err := kp.certificate(nil)
	if err != nil {
		return nil, err
	}
	return c.Certificate[0], nil
}

// Bridge is the net/http handler ServeTLS serves, for measuring it without TLS.
func Bridge(s *Server) http.Handler { return s.httpBridge() }
