package review_test

import (
	"strings"
	"testing"
	"time"

	"capdo/review"
)

func chain() []review.Event {
	at := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	evs := []review.Event{
		{Seq: 1, Action: review.Generate, To: "draft", Actor: "vanhanh", Role: "operator", Data: "ab12", At: at},
		{Seq: 2, Action: "submit", From: "draft", To: "submitted", Actor: "vanhanh", Role: "operator", At: at.Add(time.Hour)},
		{Seq: 3, Action: "appraise", From: "submitted", To: "appraised", Actor: "attt", Role: "infosec", Comment: "Đồng ý cấp độ 3", At: at.Add(2 * time.Hour)},
	}
	prev := ""
	for i := range evs {
		evs[i].Seal(prev)
		prev = evs[i].Hash
	}
	return evs
}

func TestVerify(t *testing.T) {
	if err := review.Verify(chain()); err != nil {
		t.Fatalf("Verify(intact chain) = %v", err)
	}
	for _, c := range []struct {
		name   string
		tamper func([]review.Event) []review.Event
		want   string
	}{
		{"comment edited", func(e []review.Event) []review.Event { e[2].Comment = "Không đồng ý"; return e }, "bị sửa đổi"},
		{"time edited", func(e []review.Event) []review.Event { e[1].At = e[1].At.Add(-24 * time.Hour); return e }, "bị sửa đổi"},
		{"event removed", func(e []review.Event) []review.Event { return append(e[:1], e[2:]...) }, "số thứ tự"},
		{"event removed and renumbered", func(e []review.Event) []review.Event {
			e = append(e[:1], e[2:]...)
			e[1].Seq = 2
			e[1].Seal(e[1].PrevHash)
			return e
		}, "không nối tiếp"},
		{"first event is not the creation", func(e []review.Event) []review.Event {
			e[0].Action = "approve"
			e[0].Seal("")
			return e
		}, "sự kiện đầu tiên"},
		{"status jump re-sealed", func(e []review.Event) []review.Event {
			e[2].From = "draft"
			e[2].Seal(e[1].Hash)
			return e
		}, "bắt đầu từ trạng thái"},
		{"whole event re-sealed after edit", func(e []review.Event) []review.Event {
			e[1].Actor = "nguoikhac"
			e[1].Seal(e[1].PrevHash)
			return e
		}, "không nối tiếp"},
	} {
		err := review.Verify(c.tamper(chain()))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: Verify() = %v, want an error containing %q", c.name, err, c.want)
		}
	}
}

func TestSealCoversEveryField(t *testing.T) {
	base := chain()[0]
	for name, edit := range map[string]func(*review.Event){
		"seq":     func(e *review.Event) { e.Seq = 9 },
		"action":  func(e *review.Event) { e.Action = "approve" },
		"to":      func(e *review.Event) { e.To = "approved" },
		"actor":   func(e *review.Event) { e.Actor = "x" },
		"role":    func(e *review.Event) { e.Role = "admin" },
		"data":    func(e *review.Event) { e.Data = "cd34" },
		"prev":    func(e *review.Event) { e.PrevHash = "00" },
		"comment": func(e *review.Event) { e.Comment = "x" },
		"from":    func(e *review.Event) { e.From = "draft" },
		"at":      func(e *review.Event) { e.At = e.At.Add(time.Nanosecond) },
	} {
		e := base
		edit(&e)
		e.Seal(e.PrevHash)
		if e.Hash == base.Hash {
			t.Errorf("changing %s does not change the hash", name)
		}
	}
}
