package inventory

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
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

// RerateWith is Rerate with options.
func RerateWith(ctx context.Context, rs *levels.RuleSet, path string, opt Options) (*Report, error) {
	rep := &Report{RuleSet: rs.ID}
	err := rerate(ctx, rs, path, opt, func(r *Result) error {
		rep.Results = append(rep.Results, *r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return rep, nil
}

// Summary is what remains of a report written while the inventory is rated (RerateTo):
// the counts a Report gives, and the errors of the rows that could not be rated.
type Summary struct {
	RuleSet string
	// Rows counts the rows of the report, Failed those that could not be rated,
	// Undetermined those rated at level 0 (Report.Undetermined).
	Rows, Failed, Undetermined int
	// Changes counts the rated rows by change (Report.Count).
	Changes map[string]int
	// Errors lists every error of every row, in row order.
	Errors []string
}

// WriteError is a report that RerateTo could not write, as opposed to an inventory it
// could not read.
type WriteError struct{ Err error }

func (e *WriteError) Error() string { return e.Err.Error() }
func (e *WriteError) Unwrap() error { return e.Err }

// RerateTo rates the inventory at path and writes the report to out (.csv, .xlsx or
// .json), byte for byte as Rerate then Report.Write would. A CSV or JSON report is
// written while the rows are rated, so that memory holds the rows being rated rather
// than the whole report; as with Report.Write, it appears whole or not at all.
func RerateTo(ctx context.Context, rs *levels.RuleSet, path, out string, opt Options) (*Summary, error) {
	if err := CheckReportPath(out); err != nil {
		return nil, &WriteError{Err: err}
	}
	sum := &Summary{RuleSet: rs.ID, Changes: map[string]int{}}
	tally := func(r *Result) {
		sum.Rows++
		sum.Errors = append(sum.Errors, r.Errors...)
		if len(r.Errors) > 0 {
			sum.Failed++
		} else {
			sum.Changes[r.Change]++
		}
		if r.Level != nil && *r.Level == 0 {
			sum.Undetermined++
		}
	}
	if strings.EqualFold(filepath.Ext(out), ".xlsx") {
		// The spreadsheet writer pulls its rows: the report is made first.
		rep, err := RerateWith(ctx, rs, path, opt)
		if err != nil {
			return nil, err
		}
		for i := range rep.Results {
			tally(&rep.Results[i])
		}
		if err := rep.Write(out); err != nil {
			return nil, &WriteError{Err: err}
		}
		return sum, nil
	}
	var readErr error // the inventory's, not the report's
	err := writeAtomic(out, func(w io.Writer) error {
		rw := newRowWriter(w, out)
		readErr = rerate(ctx, rs, path, opt, func(r *Result) error {
			tally(r)
			return rw.row(r)
		})
		if readErr != nil {
			return readErr
		}
		return rw.end()
	})
	switch {
	case readErr != nil:
		return nil, readErr
	case err != nil:
		return nil, &WriteError{Err: err}
	}
	return sum, nil
}

// rerate reads the file on one goroutine while the rows read so far are rated on every
// core, and hands each result to emit in row order, leaving out rows whose every cell is
// empty (spreadsheets often end with some). Rating a large inventory thus takes little
// longer than reading it, and neither its text nor its results need be held whole. A row
// whose id was used above is warned about. An error of emit stops the work and is
// returned.
func rerate(ctx context.Context, rs *levels.RuleSet, path string, opt Options, emit func(*Result) error) error {
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
	free := make(chan *batch, 4*workers) // batches handed on, to be filled again
	var readErr error
	go func() {
		defer close(work)
		if readErr = readBatches(ctx, rs.Schema(), path, work, free); readErr != nil {
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

	// Batches come back in any order; they are handed on in the order of the file.
	pending := map[int]*batch{}
	next, rated := 0, int64(0)
	var ids *idIndex // the row where each id first appears
	var emitErr error
	for b := range done {
		if ids == nil {
			// Sized from the first rows, not grown a hundred thousand rows long.
			ids = newIDIndex(estimateRows(size, b))
		}
		pending[b.seq] = b
		for b := pending[next]; b != nil && emitErr == nil && ctx.Err() == nil; b = pending[next] {
			delete(pending, next)
			next++
			for i := range b.out {
				r := &b.out[i]
				if r.Row == 0 {
					continue // an empty row
				}
				if r.ID != "" {
					// An id identifies one system in an inventory: a report keyed by it would
					// mix two systems.
					if row, ok := ids.seen(r.ID, r.Row); ok {
						r.Warnings = append(r.Warnings, fmt.Sprintf("Mã hệ thống «%s» trùng với dòng %d.", r.ID, row))
					}
				}
				if emitErr = emit(r); emitErr != nil {
					cancel()
					break
				}
			}
			rated += int64(len(b.nums))
			switch {
			case opt.Progress == nil:
			case size > 0:
				opt.Progress(b.read, size)
			default:
				opt.Progress(rated, 0)
			}
			b.reset()
			select {
			case free <- b:
			default:
			}
		}
	}
	// Every goroutine is done: the reader closed work before the raters finished.
	switch {
	case readErr != nil:
		return readErr
	case parent.Err() != nil:
		return parent.Err()
	}
	return emitErr
}

// estimateRows guesses the data rows of a file of size bytes from a batch of its rows
// (at most MaxRows; 0 without a size).
func estimateRows(size int64, b *batch) int {
	if size <= 0 || b.text <= 0 {
		return 0
	}
	n := size * int64(len(b.nums)) / b.text
	return int(min(n+n/8, MaxRows))
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
	text   int64    // bytes of its cells and separators
	out    []Result
}

// reset empties a batch that was handed on, for the reader to fill again: results were
// copied by whoever took them, and the text they keep is their own.
func (b *batch) reset() {
	clear(b.recs)
	clear(b.out)
	*b = batch{nums: b.nums[:0], recs: b.recs[:0], bad: b.bad[:0], out: b.out[:0]}
}

// readBatches reads the file and hands its data rows over in batches, numbered in order,
// filling again those that come back on free.
func readBatches(ctx context.Context, sch *levels.Schema, path string, work chan<- *batch, free <-chan *batch) error {
	var cols *layout
	var header []string
	var read int64
	next := func() *batch {
		select {
		case b := <-free:
			return b
		default:
			return &batch{}
		}
	}
	b, seq := next(), 0
	var lim limits // what the file would keep as a table: it is refused alike (readTable)
	send := func() error {
		b.seq, b.cols, b.header, b.read = seq, cols, header, read
		seq++
		select {
		case work <- b:
			b = next()
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	err := scanTable(path, func(n int, rec []string, bad string) error {
		if bad != "" {
			if err := lim.admitBad(); err != nil {
				return err
			}
		} else {
			var keep bool
			var err error
			if rec, keep, bad, err = lim.admit(n, rec); err != nil || !keep {
				return err
			}
		}
		if n == 1 {
			if rec == nil {
				return errEmptySheet
			}
			l, err := columns(sch, rec)
			cols, header = &l, rec
			return err
		}
		if bad != "" {
			rec = nil
		}
		b.nums, b.recs, b.bad = append(b.nums, n), append(b.recs, rec), append(b.bad, bad)
		for _, c := range rec {
			b.text += int64(len(c)) + 1
		}
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
	b.out = slices.Grow(b.out[:0], len(b.nums))[:len(b.nums)]
	var r parsedRow // one profile for the batch: rows are rated one after the other
	for i, n := range b.nums {
		if b.bad[i] != "" {
			b.out[i] = Result{Row: n, Rules: []string{},
				Errors: []string{levels.Problem{Line: n, Message: b.bad[i]}.String()}}
			continue
		}
		parseInto(&r, *b.cols, n, b.header, b.recs[i])
		b.out[i] = rate(ctx, rs, &r)
	}
	clear(b.recs) // the text of the rows is no longer needed
}

func rate(ctx context.Context, rs *levels.RuleSet, r *parsedRow) Result {
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
	d, err := rs.Rate(ctx, &r.profile)
	if err != nil {
		res.Errors = append(res.Errors, levels.Problem{Line: r.num, Message: err.Error()}.String())
		return res
	}
	level := d.Level
	res.Level = &level
	res.Rules = d.Decisive // may be shared with other rows, never appended to in place
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
