package server

import (
	"fmt"
	"strings"
	"testing"

	"capdo/store"
)

// A quota says its limit in the user's terms, as a 409.
func TestQuotaErrors(t *testing.T) {
	for _, c := range []struct {
		err  error
		text string
	}{
		{fmt.Errorf("store: create dossier: %w", &store.QuotaError{Kind: store.QuotaDossiers, Limit: 200}), "đã có 200 phiên bản hồ sơ đề xuất cấp độ"},
		{&store.QuotaError{Kind: store.QuotaVersions, Limit: 200}, "đã có 200 phiên bản hồ sơ hệ thống"},
		{&store.QuotaError{Kind: store.QuotaSystems, Limit: 5000}, "đủ 5000 hệ thống"},
		{&store.QuotaError{Kind: "other", Limit: 3}, "giới hạn 3"},
	} {
		he := toHTTP(c.err)
		if he.Status != 409 || !strings.Contains(he.Message, c.text) {
			t.Errorf("%v → %d %q, want 409 with %q", c.err, he.Status, he.Message, c.text)
		}
	}
}
