package review

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"strconv"
	"strings"
	"time"
)

// A dossier's history is tamper-evident against someone who can write the database file
// but does not hold the audit key, a secret kept outside the database (capdo serve
// --audit-key):
//
//   - each event's Hash is an HMAC-SHA-256 under the key of the event, the dossier it
//     belongs to and the previous event's Hash: an event rewritten, reordered, moved to
//     another dossier or removed from the middle cannot be given a valid hash again;
//   - each dossier's Head records, keyed as well, how many events its history has and the
//     last one's hash: cutting events from the end is detected;
//   - the Register records, keyed, how many dossiers and events the database holds: a
//     dossier removed whole, or one dossier's end cut together with an older copy of its
//     head put back, is detected.
//
// What no key can show is the whole database replaced by an older copy of itself: the
// register's figures, printed by `capdo audit verify`, kept outside show that.
//
// Events recorded before the database had a key ("legacy") were chained with plain
// SHA-256. They keep their hashes (a hash once shown on a page stays true); the keyed head
// sealed over them at the first start with a key covers them from then on, since their
// last hash commits to every one of them.

// Event is one entry in a dossier's history.
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

// ManifestData is the prefix of a generate event's Data that names the SHA-256 of the
// dossier's manifest.json, which in turn lists the SHA-256 of every document: the keyed
// chain thereby covers the documents too.
const ManifestData = "manifest.json sha256 "

// Seal links the event to the previous one of dossier dossierID and computes its keyed
// hash.
func (e *Event) Seal(key []byte, dossierID int64, prevHash string) {
	e.PrevHash = prevHash
	e.Hash = e.mac(key, dossierID)
}

// mac is the keyed hash of the event in its dossier.
func (e *Event) mac(key []byte, dossierID int64) string {
	h := hmac.New(sha256.New, key)
	writeFields(h, "capdo-event-v2", strconv.FormatInt(dossierID, 10), strconv.Itoa(e.Seq), e.Action, e.From, e.To,
		e.Actor, e.Role, e.Comment, e.Data, e.At.UTC().Format(time.RFC3339Nano), e.PrevHash)
	return hex.EncodeToString(h.Sum(nil))
}

// legacyDigest is the plain SHA-256 events were chained with before the key.
func (e *Event) legacyDigest() string {
	h := sha256.New()
	writeFields(h, "capdo-event-v1", strconv.Itoa(e.Seq), e.Action, e.From, e.To, e.Actor, e.Role,
		e.Comment, e.Data, e.At.UTC().Format(time.RFC3339Nano), e.PrevHash)
	return hex.EncodeToString(h.Sum(nil))
}

// SealLegacy computes the plain SHA-256 hash of events recorded before the key. It is kept
// for tests and tools that build such a history; capdo itself never records one any more.
func (e *Event) SealLegacy(prevHash string) {
	e.PrevHash = prevHash
	e.Hash = e.legacyDigest()
}

// writeFields writes every field with its length, so no two different lists encode alike.
func writeFields(h hash.Hash, fields ...string) {
	for _, f := range fields {
		h.Write([]byte(strconv.Itoa(len(f))))
		h.Write([]byte{':'})
		h.Write([]byte(f))
	}
}

func keyed(key []byte, fields ...string) string {
	h := hmac.New(sha256.New, key)
	writeFields(h, fields...)
	return hex.EncodeToString(h.Sum(nil))
}

func macEqual(a, b string) bool { return hmac.Equal([]byte(a), []byte(b)) }

// Head is the keyed record of where a dossier's history ends.
type Head struct {
	Seq    int    // events in the history
	Legacy int    // the first Legacy events were chained with plain SHA-256, before the key
	Hash   string // the last event's Hash
	MAC    string
}

// SealHead records that dossier dossierID's history has seq events ending with hash.
func SealHead(key []byte, dossierID int64, seq, legacy int, hash string) Head {
	h := Head{Seq: seq, Legacy: legacy, Hash: hash}
	h.MAC = h.mac(key, dossierID)
	return h
}

func (h Head) mac(key []byte, dossierID int64) string {
	return keyed(key, "capdo-head-v1", strconv.FormatInt(dossierID, 10), strconv.Itoa(h.Seq), strconv.Itoa(h.Legacy), h.Hash)
}

// Valid reports whether the head was sealed with key for dossier dossierID.
func (h Head) Valid(key []byte, dossierID int64) bool { return macEqual(h.MAC, h.mac(key, dossierID)) }

// Register is the keyed record of what the database holds: how many dossiers, the highest
// dossier id and how many history events in all.
type Register struct {
	Dossiers int
	LastID   int64
	Events   int
	MAC      string
}

// SealRegister computes the register's MAC.
func SealRegister(key []byte, dossiers int, lastID int64, events int) string {
	return keyed(key, "capdo-register-v1", strconv.Itoa(dossiers), strconv.FormatInt(lastID, 10), strconv.Itoa(events))
}

// Valid reports whether the register's figures were sealed with key.
func (r Register) Valid(key []byte) bool {
	return macEqual(r.MAC, SealRegister(key, r.Dossiers, r.LastID, r.Events))
}

// KeyCheck identifies a key without revealing it: a database records the check of the key
// that sealed it, so that another key is named as such instead of every history failing.
func KeyCheck(key []byte) string { return keyed(key, "capdo-key-check-v1") }

// KeyMatches reports whether key is the one check was computed from.
func KeyMatches(key []byte, check string) bool { return macEqual(check, KeyCheck(key)) }

// ChainError names the event at which a history stops verifying.
type ChainError struct {
	Seq    int // the event; 0 when the problem is the history as a whole
	Reason string
}

func (e *ChainError) Error() string { return e.Reason }

// Verify checks dossier dossierID's history against its keyed head: it starts with the
// version's creation (Seq 1, "generate", from no status), every event follows the previous
// one's hash and status, every hash is right (keyed after head.Legacy events, plain
// SHA-256 up to them), and the head, sealed with key, ends where the history ends. head nil
// means no head was found. The error is a *ChainError.
func Verify(key []byte, dossierID int64, events []Event, head *Head) error {
	if head == nil {
		return &ChainError{Reason: "không có bản ghi đầu chuỗi có khóa: lịch sử bị xóa hoặc chưa được niêm phong"}
	}
	if !head.Valid(key, dossierID) {
		return &ChainError{Reason: "bản ghi đầu chuỗi bị sửa đổi (mã xác thực không khớp khóa kiểm toán)"}
	}
	if err := verifyChain(events, func(i int, e *Event) bool {
		if i < head.Legacy {
			return e.legacyDigest() == e.Hash
		}
		return macEqual(e.mac(key, dossierID), e.Hash)
	}); err != nil {
		return err
	}
	switch {
	case len(events) < head.Seq:
		return &ChainError{Seq: len(events) + 1, Reason: fmt.Sprintf(
			"lịch sử bị cắt: đã ghi %d sự kiện nhưng chỉ còn %d (mất sự kiện %d trở đi)", head.Seq, len(events), len(events)+1)}
	case len(events) > head.Seq:
		return &ChainError{Seq: head.Seq + 1, Reason: fmt.Sprintf(
			"sự kiện %d không có trong bản ghi đầu chuỗi (đã ghi %d sự kiện): bản ghi đầu chuỗi bị thay bằng bản cũ", head.Seq+1, head.Seq)}
	case head.Seq > 0 && !macEqual(events[len(events)-1].Hash, head.Hash):
		return &ChainError{Seq: head.Seq, Reason: fmt.Sprintf("sự kiện %d không phải sự kiện cuối đã ghi: lịch sử bị thay đổi", head.Seq)}
	}
	return nil
}

// VerifyLegacy checks a history recorded before the key, chained with plain SHA-256. It
// shows changes made without recomputing every later hash, nothing more: it is used once,
// before such a history is sealed under a key.
func VerifyLegacy(events []Event) error {
	return verifyChain(events, func(_ int, e *Event) bool { return e.legacyDigest() == e.Hash })
}

// verifyChain checks the order, links and statuses of events, and each hash with ok.
func verifyChain(events []Event, ok func(i int, e *Event) bool) error {
	prev := ""
	for i := range events {
		e := &events[i]
		if e.Seq != i+1 {
			return &ChainError{Seq: i + 1, Reason: fmt.Sprintf("sự kiện thứ %d có số thứ tự %d: lịch sử bị xóa hoặc đảo thứ tự", i+1, e.Seq)}
		}
		if i == 0 && (e.Action != Generate || e.From != "") {
			return &ChainError{Seq: 1, Reason: fmt.Sprintf("sự kiện đầu tiên phải là việc lập hồ sơ, không phải «%s»", e.Action)}
		}
		if e.PrevHash != prev {
			return &ChainError{Seq: e.Seq, Reason: fmt.Sprintf("sự kiện %d không nối tiếp sự kiện trước: lịch sử bị thay đổi", e.Seq)}
		}
		if !ok(i, e) {
			return &ChainError{Seq: e.Seq, Reason: fmt.Sprintf("sự kiện %d bị sửa đổi sau khi ghi (mã băm không khớp)", e.Seq)}
		}
		if i > 0 && events[i-1].To != e.From {
			return &ChainError{Seq: e.Seq, Reason: fmt.Sprintf("sự kiện %d bắt đầu từ trạng thái «%s» nhưng sự kiện trước kết thúc ở «%s»", e.Seq, e.From, events[i-1].To)}
		}
		prev = e.Hash
	}
	return nil
}

// Last is the hash of the last event, "" for none.
func Last(events []Event) string {
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
