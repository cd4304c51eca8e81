package levels

// FactSetter stores one fact in profiles, its place (a Profile field or the map of facts)
// found once: an inventory sets the facts of its columns in a hundred thousand profiles.
// Its methods do what Profile.SetText, SetList, SetBool and SetInt do.
type FactSetter struct {
	key string
	at  int
}

// SetterOf returns the setter of a fact of one of the kinds given, refusing a key of
// another kind as the Set methods do.
func SetterOf(key string, kinds ...Kind) (FactSetter, error) {
	at, err := place(key, kinds...)
	return FactSetter{key: key, at: at}, err
}

func (f FactSetter) SetText(p *Profile, v string)   { p.setTextAt(f.at, f.key, v) }
func (f FactSetter) SetList(p *Profile, v []string) { p.setListAt(f.at, f.key, v) }
func (f FactSetter) SetBool(p *Profile, v bool)     { p.setBoolAt(f.at, f.key, v) }
func (f FactSetter) SetInt(p *Profile, v int64)     { p.setIntAt(f.at, f.key, v) }
