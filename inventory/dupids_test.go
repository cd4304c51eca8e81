package inventory

import (
	"fmt"
	"hash/maphash"
	"testing"
)

// TestIDIndex finds the first row of every id, also when two ids share a hash.
func TestIDIndex(t *testing.T) {
	x := newIDIndex(0)
	want := map[string]int{}
	for row := 2; row < 5000; row++ {
		id := fmt.Sprintf("HT-%d", row*7%1300)
		got, ok := x.seen(id, row)
		first, dup := want[id]
		if ok != dup || (dup && got != first) {
			t.Fatalf("seen(%s, %d) = %d, %v; want %d, %v", id, row, got, ok, first, dup)
		}
		if !dup {
			want[id] = row
		}
	}
	// Two ids under one hash: the second is kept apart, by its text.
	y := newIDIndex(0)
	h := maphash.String(y.seed, "A")
	y.byHash[h] = 0
	y.first = append(y.first, idAt{off: 0, n: 1, row: 2})
	y.text = append(y.text, 'A')
	y.byHash[maphash.String(y.seed, "B")] = 0 // B's hash points at A
	if _, ok := y.seen("B", 3); ok {
		t.Fatal("B seen before it was")
	}
	if row, ok := y.seen("B", 4); !ok || row != 3 {
		t.Fatalf("B again: %d, %v; want 3, true", row, ok)
	}
	if row, ok := y.seen("A", 5); !ok || row != 2 {
		t.Fatalf("A again: %d, %v; want 2, true", row, ok)
	}
}
