package inventory

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"capdo/levels"
)

// Changes of a system's level against the approved one.
const (
	ChangeSame = "same"
	ChangeUp   = "up"
	ChangeDown = "down"
	ChangeNew  = "new" // no approved level yet
)

// Result is one row of the report.
type Result struct {
	Row      int    `json:"row"`
	ID       string `json:"id"`
	Name     string `json:"name"`
	Approved *int   `json:"approved_level"`
	// Level is nil for a row that could not be rated.
	Level    *int     `json:"level"`
	Change   string   `json:"change"`
	Rules    []string `json:"rules"`
	Warnings []string `json:"warnings,omitempty"`
	// Errors say why the row could not be rated: row, column and reason.
	Errors []string `json:"errors,omitempty"`
}

// Report is the outcome of re-rating an inventory.
type Report struct {
	RuleSet string
	Results []Result
}

// Failed counts rows that could not be rated.
func (r *Report) Failed() int {
	n := 0
	for _, x := range r.Results {
		if len(x.Errors) > 0 {
			n++
		}
	}
	return n
}

// Undetermined counts rated rows at level 0: no criterion matched and a person must
// decide. Their change is counted against the approved level like any other, so they are
// also counted here, apart.
func (r *Report) Undetermined() int {
	n := 0
	for _, x := range r.Results {
		if x.Level != nil && *x.Level == 0 {
			n++
		}
	}
	return n
}

// Count returns how many rated rows have the given change.
func (r *Report) Count(change string) int {
	n := 0
	for _, x := range r.Results {
		if len(x.Errors) == 0 && x.Change == change {
			n++
		}
	}
	return n
}

// Options tune a re-rating.
type Options struct {
	// Progress, when set, is called from time to time with how far the re-rating has got:
	// bytes of the file read and the file's size for a CSV, rows rated and 0 for an XLSX
	// (whose size says nothing about its rows). Calls come from the caller's goroutine.
	Progress func(done, total int64)
}

// Rerate reads the inventory at path and rates every row with rs, in row order. The error
// is for the file as a whole (unreadable, bad header); row problems are in the results.
func Rerate(ctx context.Context, rs *levels.RuleSet, path string) (*Report, error) {
	return RerateWith(ctx, rs, path, Options{})
}

// RerateWith is Rerate with options. The file is read on one goroutine while the rows
// read so far are rated on every core, so that rating a large inventory takes little
// longer than reading it, and the text of a row is dropped once it is rated.
func RerateWith(ctx context.Context, rs *levels.RuleSet, path string, opt Options) (*Report, error) {
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var size int64
	if strings.EqualFold(filepath.Ext(path), ".csv") {
		if fi, err := os.Stat(path); err == nil {
			size = fi.Size()
		}
	}
	workers := runtime.GOMAXPROCS(0)
	work := make(chan *batch, 2*workers)
	done := make(chan *batch, 2*workers)
	var readErr error
	go func() {
		defer close(work)
		if readErr = readBatches(ctx, rs.Schema(), path, work); readErr != nil {
			cancel() // the raters stop; the file's error is the answer
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range work {
				if ctx.Err() == nil {
					b.rate(ctx, rs)
				}
				done <- b
			}
		}()
	}
	go func() {
		wg.Wait()
		close(done)
	}()

	var batches []*batch
	var rated, read int64
	for b := range done {
		for len(batches) <= b.seq {
			batches = append(batches, nil)
		}
		batches[b.seq] = b
		rated += int64(len(b.nums))
		read = max(read, b.read)
		switch {
		case opt.Progress == nil:
		case size > 0:
			opt.Progress(read, size)
		default:
			opt.Progress(rated, 0)
		}
	}
	// The reader is done (it closed work before the raters finished).
	if readErr != nil {
		return nil, readErr
	}
	if err := parent.Err(); err != nil {
		return nil, err
	}
	n := 0
	for _, b := range batches {
		n += len(b.out)
	}
	rep := &Report{RuleSet: rs.ID, Results: make([]Result, 0, n)}
	for _, b := range batches {
		for _, r := range b.out {
			// Rows that were entirely empty are left out (spreadsheets often end with some).
			if r.Row != 0 {
				rep.Results = append(rep.Results, r)
			}
		}
	}
	warnDuplicateIDs(rep.Results)
	return rep, nil
}

// batchRows is how many rows travel together from the reader to the raters: enough that
// handing them over costs nothing next to rating them, few enough that every core has work.
const batchRows = 256

// batch is a run of consecutive data rows of the file and, once rated, their results.
type batch struct {
	seq    int
	cols   *layout
	header []string
	nums   []int
	recs   [][]string
	bad    []string // per row: why it could not be read, or ""
	read   int64    // bytes of the file read when the batch was handed over
	out    []Result
}

// readBatches reads the file and hands its data rows over in batches, numbered in order.
func readBatches(ctx context.Context, sch *levels.Schema, path string, work chan<- *batch) error {
	var cols *layout
	var header []string
	var read int64
	b, seq, rows := &batch{}, 0, 0
	send := func() error {
		b.seq, b.cols, b.header, b.read = seq, cols, header, read
		seq++
		select {
		case work <- b:
			b = &batch{}
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	err := scanTable(path, func(n int, rec []string, bad string) error {
		if n == 1 {
			l, err := columns(sch, rec)
			cols, header = &l, rec
			return err
		}
		if rows++; rows > MaxRows {
			return fmt.Errorf("quá %d dòng", MaxRows)
		}
		b.nums, b.recs, b.bad = append(b.nums, n), append(b.recs, rec), append(b.bad, bad)
		if len(b.nums) == batchRows {
			return send()
		}
		return nil
	}, &read)
	if err == nil && len(b.nums) > 0 {
		err = send()
	}
	return err
}

// rate rates the rows of the batch into out and lets go of their text.
func (b *batch) rate(ctx context.Context, rs *levels.RuleSet) {
	b.out = make([]Result, len(b.nums))
	for i, n := range b.nums {
		if b.bad[i] != "" {
			b.out[i] = Result{Row: n, Rules: []string{},
				Errors: []string{levels.Problem{Line: n, Message: b.bad[i]}.String()}}
			continue
		}
		b.out[i] = rate(ctx, rs, parseRow(*b.cols, n, b.header, b.recs[i]))
	}
	b.recs, b.bad = nil, nil
}

// warnDuplicateIDs flags rows whose id was already used above: an id identifies one
// system in an inventory, and a report keyed by it would mix two systems.
func warnDuplicateIDs(results []Result) {
	first := map[string]int{}
	for i, r := range results {
		if r.ID == "" {
			continue
		}
		if row, ok := first[r.ID]; ok {
			results[i].Warnings = append(results[i].Warnings, fmt.Sprintf("Mã hệ thống «%s» trùng với dòng %d.", r.ID, row))
			continue
		}
		first[r.ID] = r.Row
	}
}

func rate(ctx context.Context, rs *levels.RuleSet, r parsedRow) Result {
	if r.blank {
		return Result{}
	}
	res := Result{Row: r.num, ID: r.profile.ID, Name: r.profile.Name, Approved: r.approved, Rules: []string{}}
	if len(r.problems) > 0 {
		for _, p := range r.problems {
			res.Errors = append(res.Errors, p.String())
		}
		return res
	}
	d, err := rs.Classify(ctx, &r.profile)
	if err != nil {
		res.Errors = append(res.Errors, levels.Problem{Line: r.num, Message: err.Error()}.String())
		return res
	}
	res.Level = &d.Level
	res.Rules = d.Decisive
	res.Warnings = d.Warnings
	switch {
	case r.approved == nil:
		res.Change = ChangeNew
	case d.Level > *r.approved:
		res.Change = ChangeUp
	case d.Level < *r.approved:
		res.Change = ChangeDown
	default:
		res.Change = ChangeSame
	}
	return res
}
