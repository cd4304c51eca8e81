package sheet

import "io"

// Capped reads at most limit bytes of r, then fails with tooLarge: io.LimitReader would end
// the file quietly, and a cut CSV file would look whole.
func Capped(r io.Reader, limit int64, tooLarge error) io.Reader {
	return &capReader{r: r, left: limit, err: tooLarge}
}

type capReader struct {
	r    io.Reader
	left int64
	err  error
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.left < 0 {
		return 0, c.err
	}
	if int64(len(p)) > c.left+1 {
		p = p[:c.left+1] // one byte more tells a file of exactly the limit from a longer one
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	if c.left < 0 {
		return n - 1, c.err
	}
	return n, err
}
