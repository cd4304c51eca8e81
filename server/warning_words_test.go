package server_test

import (
	"encoding/json"
	"strings"
	"testing"
)

// Warnings name facts by their Vietnamese label, in the API as on the pages; a program
// finds the keys in warning_facts, never inside the sentence.
func TestAPI_WarningsNameFactsByLabel(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	profile := `{"name":"Cổng dịch vụ công","owner":"UBND tỉnh A","system_type":"citizen_business","info_types":["public","personal"]}`
	id := f.createSystem("vanhanhA", profile)
	const warning = "Chưa khai báo «Số người sử dụng có thông tin riêng, cá nhân»: ngưỡng 10.000 người"
	for _, c := range []struct{ name, method, url, body string }{
		{"the system", "GET", "/api/v1/systems/" + itoa(id), ""},
		{"a classification", "POST", "/api/v1/classify", profile},
	} {
		t.Run(c.name, func(t *testing.T) {
			resp, body := f.do("vanhanhA", c.method, c.url, ctJSON, c.body)
			if resp.StatusCode != 200 {
				t.Fatalf("%s %s = %d %s", c.method, c.url, resp.StatusCode, body)
			}
			if strings.Contains(body, "(personal_data_users)") {
				t.Errorf("a warning names the key: %s", clip(body))
			}
			var out struct {
				Warnings     []string `json:"warnings"`
				WarningFacts []struct {
					Warning string   `json:"warning"`
					Facts   []string `json:"facts"`
				} `json:"warning_facts"`
				Decision *struct {
					WarningFacts []struct {
						Warning string   `json:"warning"`
						Facts   []string `json:"facts"`
					} `json:"warning_facts"`
				} `json:"decision"`
			}
			if err := json.Unmarshal([]byte(body), &out); err != nil {
				t.Fatal(err)
			}
			facts := out.WarningFacts
			if out.Decision != nil {
				facts = out.Decision.WarningFacts
			}
			found := false
			for _, wf := range facts {
				if strings.HasPrefix(wf.Warning, warning) && strings.Join(wf.Facts, ",") == "personal_data_users" {
					found = true
				}
			}
			if !found {
				t.Errorf("warning_facts %+v lacks personal_data_users for %q", facts, warning)
			}
		})
	}
}
