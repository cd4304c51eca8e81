package server

import (
	"net/netip"
	"strings"
	"testing"
)

// The client is the right-most X-Forwarded-For hop that is not a trusted proxy, and only
// when the peer itself is trusted.
func TestTrustedProxies_Client(t *testing.T) {
	t.Parallel()
	proxies, err := ParseTrustedProxies("10.0.0.0/8, 192.0.2.10,fd00::/8")
	if err != nil {
		t.Fatal(err)
	}
	tp := trustedProxies(proxies)
	for _, c := range []struct {
		name string
		peer string
		xff  []string
		want string
	}{
		{"no proxies header ignored from untrusted peer", "203.0.113.5", []string{"198.51.100.1"}, "203.0.113.5"},
		{"trusted peer, one hop", "10.0.0.2", []string{"198.51.100.1"}, "198.51.100.1"},
		{"client's own entry on the left is skipped", "10.0.0.2", []string{"1.1.1.1, 198.51.100.1"}, "198.51.100.1"},
		{"chain of trusted proxies", "10.0.0.2", []string{"198.51.100.1, 192.0.2.10, 10.9.9.9"}, "198.51.100.1"},
		{"header lines in order", "10.0.0.2", []string{"1.1.1.1", "198.51.100.1,10.1.1.1"}, "198.51.100.1"},
		{"spoofed trusted-looking entry after the real client", "10.0.0.2", []string{"10.5.5.5, 198.51.100.1"}, "198.51.100.1"},
		{"only proxies: the left-most", "10.0.0.2", []string{"10.0.0.7, 10.0.0.8"}, "10.0.0.7"},
		{"no header: the peer", "10.0.0.2", nil, "10.0.0.2"},
		{"empty header: the peer", "10.0.0.2", []string{" , "}, "10.0.0.2"},
		{"garbage stops at the last trusted hop", "10.0.0.2", []string{"198.51.100.1, nonsense, 10.0.0.9"}, "10.0.0.9"},
		{"garbage right away: the peer", "10.0.0.2", []string{"unknown"}, "10.0.0.2"},
		{"port is dropped", "10.0.0.2", []string{"198.51.100.1:4711"}, "198.51.100.1"},
		{"ipv6 with port", "10.0.0.2", []string{"[2001:db8::1]:443"}, "2001:db8::1"},
		{"ipv6 proxy", "fd00::1", []string{"2001:db8::7"}, "2001:db8::7"},
		{"ipv4-mapped client", "10.0.0.2", []string{"::ffff:198.51.100.1"}, "198.51.100.1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var xff [][]byte
			for _, h := range c.xff {
				xff = append(xff, []byte(h))
			}
			if got := tp.client(netip.MustParseAddr(c.peer), xff).String(); got != c.want {
				t.Errorf("client(%s, %q) = %s, want %s", c.peer, c.xff, got, c.want)
			}
		})
	}
	if got := trustedProxies(nil).client(netip.MustParseAddr("10.0.0.2"), [][]byte{[]byte("198.51.100.1")}); got.String() != "10.0.0.2" {
		t.Errorf("without trusted proxies the header was read: %s", got)
	}
}

func TestParseTrustedProxies(t *testing.T) {
	t.Parallel()
	got, err := ParseTrustedProxies("10.1.2.3/8,192.0.2.10, ::1 ,::ffff:172.16.0.0/108")
	if err != nil {
		t.Fatal(err)
	}
	var ss []string
	for _, p := range got {
		ss = append(ss, p.String())
	}
	if strings.Join(ss, " ") != "10.0.0.0/8 192.0.2.10/32 ::1/128 172.16.0.0/12" {
		t.Errorf("ParseTrustedProxies = %v", ss)
	}
	for _, bad := range []string{"", " , ", "10.0.0.0/33", "proxy.local", "10.0.0.0/8,x", "fe80::1%eth0"} {
		if _, err := ParseTrustedProxies(bad); err == nil {
			t.Errorf("ParseTrustedProxies(%q) accepted", bad)
		}
	}
}
