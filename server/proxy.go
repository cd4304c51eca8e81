package server

import (
	"bytes"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// Behind a reverse proxy the TCP peer is the proxy, so the client's address, the scheme
// it used and the host it asked for come in X-Forwarded-For, X-Forwarded-Proto and
// X-Forwarded-Host. Anyone can send those headers, so they are read only when the peer is
// in Config.TrustedProxies; without trusted proxies they are ignored.
//
// Fiber's own c.IP() with ProxyHeader returns the left-most X-Forwarded-For entry, which
// is whatever the client wrote there (proxies append on the right), so it is not used:
// the server runs Fiber with EnableTrustedProxyCheck and no trusted proxies, which also
// stops c.Protocol() and c.Hostname() from believing forwarded headers, and reads them
// itself here.

// ParseTrustedProxies reads a comma-separated list of address ranges (10.0.0.0/8) or
// single addresses (192.0.2.10, ::1), as `capdo serve --trusted-proxy` takes them.
func ParseTrustedProxies(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range strings.Split(list, ",") {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		p, err := netip.ParsePrefix(s)
		if err != nil {
			a, aerr := netip.ParseAddr(s)
			if aerr != nil || a.Zone() != "" {
				return nil, fmt.Errorf("«%s» không phải dải địa chỉ CIDR (ví dụ 10.0.0.0/8) hay địa chỉ IP", s)
			}
			p = netip.PrefixFrom(a, a.BitLen())
		}
		out = append(out, normalPrefix(p))
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("danh sách proxy tin cậy trống")
	}
	return out, nil
}

// normalPrefix masks a range and writes an IPv4-mapped IPv6 range (::ffff:10.0.0.0/104)
// as IPv4, the form peer addresses are compared in.
func normalPrefix(p netip.Prefix) netip.Prefix {
	if a := p.Addr(); a.Is4In6() && p.Bits() >= 96 {
		p = netip.PrefixFrom(a.Unmap(), p.Bits()-96)
	}
	return p.Masked()
}

// trustedProxies are the address ranges of the reverse proxies in front of capdo.
type trustedProxies []netip.Prefix

func (t trustedProxies) contains(a netip.Addr) bool {
	for _, p := range t {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// client returns the client's address: the right-most X-Forwarded-For hop that is not a
// trusted proxy, when the peer is one. Hops are read from the right because every proxy
// appends the address it received the request from; what lies left of the first
// untrusted hop was written by the client and proves nothing. An entry that is not an
// address ends the walk at the last trusted hop, as does a header made only of trusted
// proxies.
func (t trustedProxies) client(peer netip.Addr, xff [][]byte) netip.Addr {
	if len(t) == 0 || !t.contains(peer) {
		return peer
	}
	addr := peer
	for i := len(xff) - 1; i >= 0; i-- {
		hops := bytes.Split(xff[i], []byte{','})
		for j := len(hops) - 1; j >= 0; j-- {
			s := strings.TrimSpace(string(hops[j]))
			if s == "" {
				continue
			}
			a, ok := parseHop(s)
			if !ok {
				return addr
			}
			addr = a
			if !t.contains(a) {
				return a
			}
		}
	}
	return addr
}

// parseHop reads one X-Forwarded-For entry: an address, possibly with a port.
func parseHop(s string) (netip.Addr, bool) {
	a, err := netip.ParseAddr(s)
	if err != nil {
		ap, perr := netip.ParseAddrPort(s)
		if perr != nil {
			return netip.Addr{}, false
		}
		a = ap.Addr()
	}
	return a.Unmap().WithZone(""), true
}

// peerAddr is the TCP peer of the request.
func peerAddr(c *fiber.Ctx) netip.Addr {
	if tcp, ok := c.Context().RemoteAddr().(*net.TCPAddr); ok {
		return tcp.AddrPort().Addr().Unmap()
	}
	return netip.IPv4Unspecified()
}

const clientKey = "capdo.client"

// clientIP is the client's address as the login limiter and the logs know it: the TCP
// peer, or what trusted proxies report.
func (s *Server) clientIP(c *fiber.Ctx) string {
	if v, ok := c.Locals(clientKey).(string); ok {
		return v
	}
	var a netip.Addr
	if len(s.proxies) == 0 {
		a = peerAddr(c)
	} else {
		a = s.proxies.client(peerAddr(c), c.Request().Header.PeekAll(fiber.HeaderXForwardedFor))
	}
	v := a.String()
	c.Locals(clientKey, v)
	return v
}

// fromProxy reports whether the request came through a trusted proxy.
func (s *Server) fromProxy(c *fiber.Ctx) bool {
	return len(s.proxies) > 0 && s.proxies.contains(peerAddr(c))
}

// lastValue is the right-most comma-separated value of a header, trimmed: what the
// nearest proxy said.
func lastValue(v []byte) string {
	if i := bytes.LastIndexByte(v, ','); i >= 0 {
		v = v[i+1:]
	}
	return strings.TrimSpace(string(v))
}

// secure reports whether cookies must be Secure: always with --secure-cookies or
// --tls-cert, and when the request came over TLS, directly or (as a trusted proxy says)
// to the proxy.
func (s *Server) secure(c *fiber.Ctx) bool {
	if s.cfg.SecureCookies || s.overTLS.Load() || c.Context().IsTLS() {
		return true
	}
	return s.fromProxy(c) && strings.EqualFold(lastValue(c.Request().Header.Peek(fiber.HeaderXForwardedProto)), "https")
}

// sameOrigin reports whether an Origin header names this server: the Host the request
// was sent to or, behind a trusted proxy, a host the proxy says the client asked for.
func (s *Server) sameOrigin(c *fiber.Ctx, origin string) bool {
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" {
		return false
	}
	if strings.EqualFold(u.Host, string(c.Request().Host())) {
		return true
	}
	if !s.fromProxy(c) {
		return false
	}
	for _, v := range c.Request().Header.PeekAll(fiber.HeaderXForwardedHost) {
		for _, h := range strings.Split(string(v), ",") {
			if strings.EqualFold(strings.TrimSpace(h), u.Host) {
				return true
			}
		}
	}
	return false
}
