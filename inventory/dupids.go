package inventory

import "hash/maphash"

// idIndex remembers the row where each id of an inventory first appears. Ids are copied
// into one growing text and found by a hash of them, which is then checked against the
// text: a hundred thousand ids cost a few allocations, and looking one up touches one
// entry of a table of numbers rather than following a pointer to a string. Ids whose hash
// an earlier id already took (as good as never) are kept apart, by their text.
type idIndex struct {
	seed   maphash.Seed
	byHash map[uint64]int32 // hash of an id → its place in first
	first  []idAt
	text   []byte
	others map[string]int // ids whose hash another id took first → their first row
}

// idAt is an id in idIndex.text and the row where it first appears.
type idAt struct {
	off, n int
	row    int
}

func newIDIndex(capacity int) *idIndex {
	return &idIndex{seed: maphash.MakeSeed(), byHash: make(map[uint64]int32, capacity), first: make([]idAt, 0, capacity)}
}

// seen returns the row where id first appeared, or records row as that row.
func (x *idIndex) seen(id string, row int) (int, bool) {
	h := maphash.String(x.seed, id)
	i, ok := x.byHash[h]
	if !ok {
		x.byHash[h] = int32(len(x.first))
		x.first = append(x.first, idAt{off: len(x.text), n: len(id), row: row})
		x.text = append(x.text, id...)
		return 0, false
	}
	if f := x.first[i]; string(x.text[f.off:f.off+f.n]) == id {
		return f.row, true
	}
	if r, ok := x.others[id]; ok {
		return r, true
	}
	if x.others == nil {
		x.others = map[string]int{}
	}
	x.others[id] = row
	return 0, false
}
