package review

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Event is one entry in a dossier's history. Events form a hash chain: each Hash covers
// the event and the previous event's Hash, so editing, removing or reordering any past
// event breaks every later hash.
type Event struct {
	Seq     int       `json:"seq"`
	Action  string    `json:"action"` // an Action, or "generate" for the version's creation
	From    string    `json:"from"`
	To      string    `json:"to"`
	Actor   string    `json:"actor"`
	Role    string    `json:"role"`
	Comment string    `json:"comment,omitempty"`
	Data    string    `json:"data,omitempty"` // e.g. the SHA-256 of the dossier's manifest
	At      time.Time `json:"at"`
	// PrevHash is the previous event's Hash ("" for the first event).
	PrevHash string `json:"prev_hash"`
	Hash     string `json:"hash"`
}

// Generate is the action recorded when a dossier version is created.
const Generate = "generate"

// Seal links the event to the previous one and computes its hash.
func (e *Event) Seal(prevHash string) {
	e.PrevHash = prevHash
	e.Hash = e.digest()
}

// digest hashes every field with its length, so no two different events encode alike.
func (e *Event) digest() string {
	h := sha256.New()
	for _, f := range []string{
		"capdo-event-v1", strconv.Itoa(e.Seq), e.Action, e.From, e.To, e.Actor, e.Role,
		e.Comment, e.Data, e.At.UTC().Format(time.RFC3339Nano), e.PrevHash,
	} {
		h.Write([]byte(strconv.Itoa(len(f))))
		h.Write([]byte{':'})
		h.Write([]byte(f))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Verify checks that events form an unbroken chain: it starts with the version's creation
// (Seq 1, "generate", from no status), every event follows the previous one's hash and
// status, and every hash matches its event. The chain is not keyed: it shows changes made
// without recomputing every later hash, and its head (Head) must be kept elsewhere too to
// show that events were cut from the end.
func Verify(events []Event) error {
	prev := ""
	for i := range events {
		e := &events[i]
		if e.Seq != i+1 {
			return fmt.Errorf("sự kiện thứ %d có số thứ tự %d: lịch sử bị xóa hoặc đảo thứ tự", i+1, e.Seq)
		}
		if i == 0 && (e.Action != Generate || e.From != "") {
			return fmt.Errorf("sự kiện đầu tiên phải là việc lập hồ sơ, không phải «%s»", e.Action)
		}
		if e.PrevHash != prev {
			return fmt.Errorf("sự kiện %d không nối tiếp sự kiện trước: lịch sử bị thay đổi", e.Seq)
		}
		if e.digest() != e.Hash {
			return fmt.Errorf("sự kiện %d bị sửa đổi sau khi ghi (mã băm không khớp)", e.Seq)
		}
		if i > 0 && events[i-1].To != e.From {
			return fmt.Errorf("sự kiện %d bắt đầu từ trạng thái «%s» nhưng sự kiện trước kết thúc ở «%s»", e.Seq, e.From, events[i-1].To)
		}
		prev = e.Hash
	}
	return nil
}

// Head is the hash of the last event, "" for none.
func Head(events []Event) string {
	if len(events) == 0 {
		return ""
	}
	return events[len(events)-1].Hash
}

// Short abbreviates a hash for display.
func Short(h string) string {
	if len(h) > 12 {
		return strings.ToUpper(h[:12])
	}
	return h
}
