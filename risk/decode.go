package risk

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"capdo/levels"
)

// MaxBody is the largest JSON record Decode reads.
const MaxBody = 4 << 20

var (
	topKeys      = []string{"trigger", "contents", "risks", "level", "rationale", "detailed", "assessed_by", "assessed_at"}
	riskKeys     = []string{"asset", "threat", "vulnerability", "likelihood", "impact", "score", "controls", "treatment", "owner"}
	contentKeys  = itemKeys(ContentItems)
	detailedKeys = itemKeys(DetailedItems)
)

func itemKeys(items []Item) []string {
	var ks []string
	for _, it := range items {
		ks = append(ks, it.Key)
	}
	return ks
}

// Decode reads a record in the JSON shape of docs/contract.md §6 and validates it. Unknown keys,
// values of the wrong type and every problem Validate finds are reported together, each
// naming its field; the record is returned only when there is none. Scores are filled in.
func Decode(r io.Reader) (*Assessment, []levels.Problem) {
	raw, err := io.ReadAll(io.LimitReader(r, MaxBody+1))
	if err != nil {
		return nil, []levels.Problem{{Field: "body", Message: err.Error()}}
	}
	if len(raw) > MaxBody {
		return nil, []levels.Problem{{Field: "body", Message: fmt.Sprintf("dài quá %d byte", MaxBody)}}
	}
	var d decoder
	switch {
	case !json.Valid(raw):
		d.add("body", "JSON không hợp lệ")
		return nil, d.list
	case isNull(raw):
		d.add("body", "phải là một đối tượng JSON")
		return nil, d.list
	}
	a := &Assessment{}
	top := d.object("", raw, topKeys)
	if top == nil {
		return nil, d.list
	}
	var trigger string
	d.str("trigger", top["trigger"], &trigger)
	a.Trigger = Trigger(trigger)
	if c := d.object("contents", top["contents"], contentKeys); c != nil {
		for _, k := range contentKeys {
			d.str("contents."+k, c[k], a.Contents.field(k))
		}
	}
	if v, ok := top["risks"]; ok && !isNull(v) {
		var rows []json.RawMessage
		if err := json.Unmarshal(v, &rows); err != nil {
			d.add("risks", "phải là một danh sách")
		} else if len(rows) > MaxRisks {
			d.add("risks", "quá %d rủi ro", MaxRisks)
		} else {
			for i, row := range rows {
				at := fmt.Sprintf("risks[%d]", i)
				m := d.object(at, row, riskKeys)
				var r Risk
				if m != nil {
					d.str(at+".asset", m["asset"], &r.Asset)
					d.str(at+".threat", m["threat"], &r.Threat)
					d.str(at+".vulnerability", m["vulnerability"], &r.Vulnerability)
					d.int(at+".likelihood", m["likelihood"], &r.Likelihood)
					d.int(at+".impact", m["impact"], &r.Impact)
					d.int(at+".score", m["score"], &r.Score)
					d.str(at+".controls", m["controls"], &r.Controls)
					d.str(at+".treatment", m["treatment"], &r.Treatment)
					d.str(at+".owner", m["owner"], &r.Owner)
				}
				a.Risks = append(a.Risks, r)
			}
		}
	}
	d.int("level", top["level"], &a.Level)
	d.str("rationale", top["rationale"], &a.Rationale)
	if v, ok := top["detailed"]; ok && !isNull(v) {
		a.Detailed = &Detailed{}
		if m := d.object("detailed", v, detailedKeys); m != nil {
			for _, k := range detailedKeys {
				d.str("detailed."+k, m[k], a.Detailed.field(k))
			}
		}
	}
	d.str("assessed_by", top["assessed_by"], &a.AssessedBy)
	d.str("assessed_at", top["assessed_at"], &a.AssessedAt)
	// Validation stays quiet on fields decoding already reported.
	for _, p := range a.Validate() {
		if !d.bad[p.Field] && !d.bad[parent(p.Field)] {
			d.list = append(d.list, p)
		}
	}
	if len(d.list) > 0 {
		return nil, d.list
	}
	a.Score()
	return a, nil
}

type decoder struct {
	list []levels.Problem
	bad  map[string]bool
}

func (d *decoder) add(field, format string, args ...any) {
	if d.bad == nil {
		d.bad = map[string]bool{}
	}
	d.bad[field] = true
	d.list = append(d.list, levels.Problem{Field: field, Message: fmt.Sprintf(format, args...)})
}

// object decodes a JSON object, reporting keys outside known. A missing or null value
// gives an empty map; a value of another type, nil.
func (d *decoder) object(field string, raw json.RawMessage, known []string) map[string]json.RawMessage {
	if raw == nil || isNull(raw) {
		return map[string]json.RawMessage{}
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil || m == nil {
		if field == "" {
			field = "body"
		}
		d.add(field, "phải là một đối tượng JSON")
		return nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !slices.Contains(known, k) {
			name := quote(k) // a key of the body names the field: a line, not a megabyte
			if name == "" {
				name = `""`
			}
			if field != "" {
				name = field + "." + k
			}
			d.add(name, "trường không được hỗ trợ; các trường hợp lệ: %s", strings.Join(known, ", "))
		}
	}
	return m
}

func (d *decoder) str(field string, raw json.RawMessage, dst *string) {
	if raw == nil || isNull(raw) {
		return
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		d.add(field, "phải là chuỗi ký tự")
	}
}

func (d *decoder) int(field string, raw json.RawMessage, dst *int) {
	if raw == nil || isNull(raw) {
		return
	}
	var n json.Number
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&n); err != nil {
		d.add(field, "phải là số nguyên")
		return
	}
	i, err := n.Int64()
	if err != nil || i < -1<<31 || i > 1<<31-1 {
		d.add(field, "phải là số nguyên, không phải %s", quote(string(n)))
		return
	}
	*dst = int(i)
}

func isNull(raw json.RawMessage) bool { return string(bytes.TrimSpace(raw)) == "null" }

// parent is the field holding field: "risks[2]" for "risks[2].likelihood".
func parent(field string) string {
	if i := strings.LastIndexByte(field, '.'); i >= 0 {
		return field[:i]
	}
	return ""
}
