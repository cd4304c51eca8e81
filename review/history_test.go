package review_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"capdo/review"
)

var (
	key      = []byte("khoa-kiem-toan-thu-nghiem-32-byte")
	otherKey = []byte("mot-khoa-khac-hoan-toan-32-bytes!")
)

const dossierID = 7

func events() []review.Event {
	at := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	return []review.Event{
		{Seq: 1, Action: review.Generate, To: "draft", Actor: "vanhanh", Role: "operator", Data: "ab12", At: at},
		{Seq: 2, Action: "submit", From: "draft", To: "submitted", Actor: "vanhanh", Role: "operator", At: at.Add(time.Hour)},
		{Seq: 3, Action: "appraise", From: "submitted", To: "appraised", Actor: "attt", Role: "infosec", Comment: "Đồng ý cấp độ 3", At: at.Add(2 * time.Hour)},
	}
}

// chain seals events as capdo records them: keyed, with a head.
func chain() ([]review.Event, *review.Head) {
	evs := events()
	prev := ""
	for i := range evs {
		evs[i].Seal(key, dossierID, prev)
		prev = evs[i].Hash
	}
	h := review.SealHead(key, dossierID, len(evs), 0, prev)
	return evs, &h
}

// reseal recomputes every hash from event i on, as someone who edits the database would.
func reseal(evs []review.Event, from int, k []byte) {
	for j := from; j < len(evs); j++ {
		prev := ""
		if j > 0 {
			prev = evs[j-1].Hash
		}
		if k == nil {
			evs[j].SealLegacy(prev)
		} else {
			evs[j].Seal(k, dossierID, prev)
		}
	}
}

func TestVerify(t *testing.T) {
	t.Parallel()
	evs, head := chain()
	if err := review.Verify(key, dossierID, evs, head); err != nil {
		t.Fatalf("Verify(intact chain) = %v", err)
	}
	for _, c := range []struct {
		name   string
		tamper func([]review.Event, *review.Head) ([]review.Event, *review.Head)
		want   string
		seq    int // the event the error names
	}{
		{"comment edited", func(e []review.Event, h *review.Head) ([]review.Event, *review.Head) {
			e[2].Comment = "Không đồng ý"
			return e, h
		}, "bị sửa đổi", 3},
		{"time edited", func(e []review.Event, h *review.Head) ([]review.Event, *review.Head) {
			e[1].At = e[1].At.Add(-24 * time.Hour)
			return e, h
		}, "bị sửa đổi", 2},
		{"event removed", func(e []review.Event, h *review.Head) ([]review.Event, *review.Head) {
			return append(e[:1], e[2:]...), h
		}, "số thứ tự", 2},
		{"event removed and renumbered", func(e []review.Event, h *review.Head) ([]review.Event, *review.Head) {
			e = append(e[:1], e[2:]...)
			e[1].Seq = 2
			e[1].Seal(key, dossierID, e[1].PrevHash)
			return e, h
		}, "không nối tiếp", 2},
		{"first event is not the creation", func(e []review.Event, h *review.Head) ([]review.Event, *review.Head) {
			e[0].Action = "approve"
			e[0].Seal(key, dossierID, "")
			return e, h
		}, "sự kiện đầu tiên", 1},
		{"status jump re-sealed", func(e []review.Event, h *review.Head) ([]review.Event, *review.Head) {
			e[2].From = "draft"
			e[2].Seal(key, dossierID, e[1].Hash)
			return e, h
		}, "bắt đầu từ trạng thái", 3},
		{"whole event re-sealed after edit", func(e []review.Event, h *review.Head) ([]review.Event, *review.Head) {
			e[1].Actor = "nguoikhac"
			e[1].Seal(key, dossierID, e[1].PrevHash)
			return e, h
		}, "không nối tiếp", 3},
		// Someone who can write the database but has no key: the actor of the appraisal is
		// rewritten and every hash recomputed the only way they can, with plain SHA-256.
		{"actor rewritten, plain hashes recomputed", func(e []review.Event, h *review.Head) ([]review.Event, *review.Head) {
			e[2].Actor = "giamdoc"
			reseal(e, 0, nil)
			return e, h
		}, "bị sửa đổi", 1},
		// … or with a key of their own: the chain is consistent, but not under this key.
		{"actor rewritten, resealed with another key", func(e []review.Event, h *review.Head) ([]review.Event, *review.Head) {
			e[2].Actor = "giamdoc"
			reseal(e, 0, otherKey)
			hh := review.SealHead(otherKey, dossierID, 3, 0, e[2].Hash)
			return e, &hh
		}, "bản ghi đầu chuỗi bị sửa đổi", 0},
		{"last event deleted", func(e []review.Event, h *review.Head) ([]review.Event, *review.Head) {
			return e[:2], h
		}, "lịch sử bị cắt", 3},
		{"every event deleted", func(e []review.Event, h *review.Head) ([]review.Event, *review.Head) {
			return nil, h
		}, "lịch sử bị cắt", 1},
		{"last event deleted and head rewritten", func(e []review.Event, h *review.Head) ([]review.Event, *review.Head) {
			h.Seq, h.Hash = 2, e[1].Hash
			return e[:2], h
		}, "bản ghi đầu chuỗi bị sửa đổi", 0},
		{"an older head put back", func(e []review.Event, h *review.Head) ([]review.Event, *review.Head) {
			old := review.SealHead(key, dossierID, 2, 0, e[1].Hash)
			return e, &old
		}, "bản ghi đầu chuỗi bị thay bằng bản cũ", 3},
		{"head removed", func(e []review.Event, h *review.Head) ([]review.Event, *review.Head) {
			return e, nil
		}, "không có bản ghi đầu chuỗi", 0},
		{"last event replaced by a validly sealed other", func(e []review.Event, h *review.Head) ([]review.Event, *review.Head) {
			// Valid under the key (say, an event of another history at this position)
			// yet not the one the head recorded.
			e[2].Comment = "khác"
			e[2].Seal(key, dossierID, e[1].Hash)
			return e, h
		}, "không phải sự kiện cuối", 3},
		{"history of another dossier", func(e []review.Event, h *review.Head) ([]review.Event, *review.Head) {
			prev := ""
			for i := range e {
				e[i].Seal(key, dossierID+1, prev)
				prev = e[i].Hash
			}
			return e, h
		}, "bị sửa đổi", 1},
	} {
		evs, head := chain()
		evs, head = c.tamper(evs, head)
		err := review.Verify(key, dossierID, evs, head)
		var ce *review.ChainError
		if err == nil || !strings.Contains(err.Error(), c.want) || !errors.As(err, &ce) || ce.Seq != c.seq {
			t.Errorf("%s: Verify() = %v (%+v), want an error containing %q naming event %d", c.name, err, ce, c.want, c.seq)
		}
	}
}

// The intact history does not verify under another key.
func TestVerify_WrongKey(t *testing.T) {
	t.Parallel()
	evs, head := chain()
	if err := review.Verify(otherKey, dossierID, evs, head); err == nil {
		t.Fatal("Verify with another key accepted the history")
	}
	if !review.KeyMatches(key, review.KeyCheck(key)) || review.KeyMatches(otherKey, review.KeyCheck(key)) {
		t.Error("KeyCheck does not tell the keys apart")
	}
}

// A history begun before the key keeps its plain hashes; the head sealed over it, and the
// keyed events after it, make the whole verifiable, and a change to an old event is seen.
func TestVerify_LegacyPrefix(t *testing.T) {
	t.Parallel()
	evs := events()
	reseal(evs[:2], 0, nil)
	if err := review.VerifyLegacy(evs[:2]); err != nil {
		t.Fatalf("VerifyLegacy = %v", err)
	}
	evs[2].Seal(key, dossierID, evs[1].Hash)
	head := review.SealHead(key, dossierID, 3, 2, evs[2].Hash)
	if err := review.Verify(key, dossierID, evs, &head); err != nil {
		t.Fatalf("Verify(legacy prefix) = %v", err)
	}
	// Rewriting an old event and recomputing the plain hashes before it changes the hash
	// the keyed event after it links to.
	evs[1].Actor = "nguoikhac"
	reseal(evs[:2], 1, nil)
	if err := review.Verify(key, dossierID, evs, &head); err == nil || !strings.Contains(err.Error(), "không nối tiếp") {
		t.Errorf("Verify(old event rewritten) = %v, want a broken link at event 3", err)
	}
	// A plain-hashed event after the legacy prefix is no keyed event.
	evs = events()
	reseal(evs, 0, nil)
	head = review.SealHead(key, dossierID, 3, 2, evs[2].Hash)
	if err := review.Verify(key, dossierID, evs, &head); err == nil || !strings.Contains(err.Error(), "sự kiện 3 bị sửa đổi") {
		t.Errorf("Verify(unkeyed event after the prefix) = %v", err)
	}
}

func TestSealCoversEveryField(t *testing.T) {
	t.Parallel()
	evs, _ := chain()
	base := evs[0]
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
		e.Seal(key, dossierID, e.PrevHash)
		if e.Hash == base.Hash {
			t.Errorf("changing %s does not change the hash", name)
		}
	}
	e := base
	if e.Seal(key, dossierID+1, e.PrevHash); e.Hash == base.Hash {
		t.Error("the dossier id is not covered")
	}
	if e.Seal(otherKey, dossierID, e.PrevHash); e.Hash == base.Hash {
		t.Error("the key is not covered")
	}
}

func TestHeadAndRegisterCoverTheirFields(t *testing.T) {
	t.Parallel()
	h := review.SealHead(key, dossierID, 3, 1, "ab")
	for name, edit := range map[string]func(*review.Head){
		"seq":    func(h *review.Head) { h.Seq = 4 },
		"legacy": func(h *review.Head) { h.Legacy = 0 },
		"hash":   func(h *review.Head) { h.Hash = "ac" },
	} {
		x := h
		edit(&x)
		if x.Valid(key, dossierID) {
			t.Errorf("head: changing %s keeps it valid", name)
		}
	}
	if !h.Valid(key, dossierID) || h.Valid(key, dossierID+1) || h.Valid(otherKey, dossierID) {
		t.Error("head validity does not depend on key and dossier")
	}
	r := review.Register{Dossiers: 2, LastID: 9, Events: 5}
	r.MAC = review.SealRegister(key, r.Dossiers, r.LastID, r.Events)
	for name, edit := range map[string]func(*review.Register){
		"dossiers": func(r *review.Register) { r.Dossiers = 1 },
		"last id":  func(r *review.Register) { r.LastID = 8 },
		"events":   func(r *review.Register) { r.Events = 4 },
	} {
		x := r
		edit(&x)
		if x.Valid(key) {
			t.Errorf("register: changing %s keeps it valid", name)
		}
	}
	if !r.Valid(key) || r.Valid(otherKey) {
		t.Error("register validity does not depend on the key")
	}
}
