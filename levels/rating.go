package levels

import "context"

// Rating is what a report over many systems needs of a decision: its Level, Decisive and
// Warnings, exactly as Classify decides them.
type Rating struct {
	Level int
	// Decisive may be shared between ratings: the caller must not change it.
	Decisive []string
	Warnings []string
}

// Rate decides the level of a profile that passed Validate, as Classify does, but returns
// only a Rating: re-rating an inventory (inventory.Rerate) rates a hundred thousand
// profiles. A system without components whose combination of facts the set has met
// before costs no evaluation of its rules (memo.go); its warnings are still worked out
// from its own facts.
func (rs *RuleSet) Rate(ctx context.Context, p *Profile) (Rating, error) {
	if rs.memo == nil || len(p.Components) > 0 {
		return rs.rateByClassify(ctx, p)
	}
	if err := checkContext(ctx); err != nil {
		return Rating{}, err
	}
	act, _, _, warning := rs.activate(p, false)
	defer rs.schema.release(act)
	e, ok := rs.matchMemo(ctx, act)
	if !ok {
		// No key for these facts, or the rules failed: Classify says why.
		return rs.rateByClassify(ctx, p)
	}
	w := make([]string, 0, 4)
	if warning != "" {
		w = append(w, warning)
	}
	w = rs.factWarnings(ctx, p, act, e.matched, w)
	w = append(w, rs.checkWarnings(e.matched, e.level)...)
	decisive := e.decisive
	// As raise does for a Decision (checks.go), from what the memo knows of the reasons.
	if r := rs.Principles.RaiseByRisk; r != nil {
		switch shown := int(p.Int(r.Fact)); {
		case shown <= 0:
		case shown > e.other && e.other > 0 && shown == e.level:
			decisive = append([]string{r.ID}, decisive...)
		case shown < e.level:
			w = append(w, rs.raiseWarning(shown, e.level))
		}
	}
	if e.level == 0 {
		w = append(w, rs.noMatch(p))
	}
	return Rating{Level: e.level, Decisive: decisive, Warnings: w}, nil
}

func (rs *RuleSet) rateByClassify(ctx context.Context, p *Profile) (Rating, error) {
	d, err := rs.Classify(ctx, p)
	if err != nil {
		return Rating{}, err
	}
	return Rating{Level: d.Level, Decisive: d.Decisive, Warnings: d.Warnings}, nil
}
