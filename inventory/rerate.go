package inventory

import (
	"context"
	"fmt"
	"runtime"
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

// Rerate reads the inventory at path and rates every row with rs, in row order. The error
// is for the file as a whole (unreadable, bad header); row problems are in the results.
func Rerate(ctx context.Context, rs *levels.RuleSet, path string) (*Report, error) {
	t, err := readTable(path)
	if err != nil {
		return nil, err
	}
	cols, err := columns(rs.Schema(), t.header)
	if err != nil {
		return nil, err
	}
	rep := &Report{RuleSet: rs.ID, Results: make([]Result, len(t.rows))}
	// Rows are independent: rate them on every core, each worker writing its own slots.
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	errs := make([]error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(t.rows); i += workers {
				if errs[w] = ctx.Err(); errs[w] != nil {
					return
				}
				if t.bad[i] != "" {
					rep.Results[i] = Result{Row: t.nums[i], Rules: []string{},
						Errors: []string{levels.Problem{Line: t.nums[i], Message: t.bad[i]}.String()}}
					continue
				}
				rep.Results[i] = rate(ctx, rs, parseRow(cols, t.nums[i], t.header, t.rows[i]))
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	// Drop rows that were entirely empty (spreadsheets often end with some).
	out := rep.Results[:0]
	for _, r := range rep.Results {
		if r.Row != 0 {
			out = append(out, r)
		}
	}
	rep.Results = out
	warnDuplicateIDs(rep.Results)
	return rep, nil
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
