package registry

import (
	"context"
	"errors"

	"capdo/store"
)

// Unpinned is a dossier PinLegacy could not pin, and why.
type Unpinned struct {
	ID  int64
	Err error
}

// PinLegacy pins the dossiers made before dossiers pinned their procedure (store migration
// 0004): each gets the procedure of its recorded rule set as the server resolved it until
// then — the rule set in force when the ids match, else the built-in set of that id — and,
// when that is the agency file in force with the very digest recorded, the file too. A
// dossier whose rule set is nowhere to be found (made with an agency file, the server now
// started with another) is left as it is and reported; it is pinned on a later start with
// its file. The server runs this at start (cmd/capdo/serve.go).
func (r *Registry) PinLegacy(ctx context.Context) (pinned int, left []Unpinned, err error) {
	ds, err := r.store.UnpinnedDossiers(ctx)
	if err != nil {
		return 0, nil, err
	}
	for _, d := range ds {
		proc, perr := r.legacyProcedure(d)
		if perr != nil {
			left = append(left, Unpinned{ID: d.ID, Err: perr})
			continue
		}
		var file *store.RuleFile
		if r.file != nil && d.RuleSet == r.file.RuleSet && d.RuleSetDigest == r.file.Digest {
			file = r.file
		}
		switch err := r.store.PinDossier(ctx, d.ID, proc, file); {
		case errors.Is(err, store.ErrConflict): // pinned meanwhile by another start
		case err != nil:
			return pinned, left, err
		default:
			pinned++
		}
	}
	return pinned, left, nil
}
