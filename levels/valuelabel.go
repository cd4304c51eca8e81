package levels

// Allowed values written as their Vietnamese labels. A spreadsheet with Vietnamese headers
// is filled in with the words a reader knows: «Hệ thống nội bộ» rather than internal, the
// very label an error message gives as the meaning of the value (inventory/row.go).

// FoldLabel folds a label for a caseless match, as Unicode defines it: NFC, case folded,
// single spaces, no spaces around.
func FoldLabel(s string) string { return foldName(s) }

// ValuesByLabel maps each allowed value of an enum or list fact to itself, and its label,
// folded by FoldLabel, to the value; nil for a fact without allowed values. Built from the
// table of facts, for every such fact alike. A caller looks a cell up as written, then
// folded: a value typed in another case ("Internal") folds to itself and is found too.
func (s *Schema) ValuesByLabel(key string) map[string]string {
	f, ok := s.Field(key)
	if !ok || len(f.Options) == 0 || (f.Kind != KindEnum && f.Kind != KindList) {
		return nil
	}
	m := make(map[string]string, 2*len(f.Options))
	for _, o := range f.Options {
		if l := FoldLabel(o.Label); l != "" {
			if _, taken := m[l]; !taken {
				m[l] = o.Value
			}
		}
	}
	for _, o := range f.Options { // a value as written wins over a label that folds to it
		m[o.Value] = o.Value
	}
	return m
}
