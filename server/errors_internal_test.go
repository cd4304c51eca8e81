package server

import (
	"fmt"
	"strings"
	"testing"

	"capdo/store"
)

// A quota says its limit in the user's terms: 413 for a file too large in itself, 409
// when what is stored leaves no room.
func TestQuotaErrors(t *testing.T) {
	for _, c := range []struct {
		err    error
		status int
		text   string
	}{
		{&store.QuotaError{Kind: store.QuotaUploadSize, Limit: 20 << 20}, 413, "mỗi tệp tối đa 20 MB"},
		{&store.QuotaError{Kind: store.QuotaUploads, Limit: 50}, 409, "đã có 50 tệp tải lên"},
		{&store.QuotaError{Kind: store.QuotaUploadsBytes, Limit: 200 << 20}, 409, "vượt 200 MB"},
		{fmt.Errorf("store: create dossier: %w", &store.QuotaError{Kind: store.QuotaDossiers, Limit: 200}), 409, "đã có 200 phiên bản hồ sơ đề xuất cấp độ"},
		{store.DefaultLimits.CheckUpload(store.DefaultLimits.UploadBytes+1, 0, 0), 413, "20 MB"},
	} {
		he := toHTTP(c.err)
		if he.Status != c.status || !strings.Contains(he.Message, c.text) {
			t.Errorf("%v → %d %q, want %d with %q", c.err, he.Status, he.Message, c.status, c.text)
		}
	}
}
