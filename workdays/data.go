package workdays

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Kind says whether an entry makes a day off or a working day.
type Kind string

const (
	Off  Kind = "off"  // nghỉ: a holiday, a compensatory day or the day given up in a swap
	Work Kind = "work" // làm bù: a weekend day worked to make up for a swapped day
)

// Mark qualifies where a data entry comes from, for what a user reads.
type Mark string

const (
	Official   Mark = ""           // read in the official text
	Secondary  Mark = "secondary"  // [nguồn thứ cấp]: reported by the press, not read in the text
	Unverified Mark = "unverified" // [cần đối chiếu]: to be checked against the official text
)

func (m Mark) label() string {
	switch m {
	case Secondary:
		return markSecondary
	case Unverified:
		return markUnverified
	}
	return ""
}

// Entry is one day the Government's yearly announcement (or an administrator) sets apart
// from the rules: a day off, or a weekend day worked in exchange for one.
//
// The entries of one Year and Occasion replace the calendar's own guess for that occasion
// (the Tết days and the day next to Quốc khánh, which the Prime Minister fixes, Art. 112.3
// Bộ luật Lao động 2019), so they must list every weekday off of the occasion, the
// compensatory days included; Warnings reports an occasion whose count is off. The days the
// law itself names (1/1, mùng 1 Tết, 10/3 âm lịch, 30/4, 1/5, 2/9) stay holidays whatever
// the entries say.
type Entry struct {
	Date     Date
	Kind     Kind
	Year     int // the year of the occasion; 0 means Date's year
	Occasion Occasion
	Note     string // e.g. "hoán đổi ngày làm việc thứ Hai 31/8 sang thứ Bảy 22/8"
	Source   string // the announcement, e.g. "Công văn 12729/VPCP-KGVX ngày 25/12/2025"
	Mark     Mark
}

func (e Entry) year() int {
	if e.Year != 0 {
		return e.Year
	}
	return e.Date.Year
}

// Holiday is a paid holiday a later law adds to Art. 112.1 on a fixed solar date. It counts
// from From (inclusive) to Until (inclusive, zero = open); a zero From means not (yet) in
// force: the calendar ignores the day and Warnings says so.
type Holiday struct {
	ID       string
	Name     string
	Month    time.Month
	Day      int
	From     Date
	Until    Date
	Citation string
	Note     string
	Mark     Mark
}

func (h Holiday) mark() string { return h.Mark.label() }

//go:embed data/holidays.yaml
var embedded []byte

// Data is the content of a holiday data file: the Government's announcements and the
// holidays added by law.
type Data struct {
	Entries  []Entry
	Holidays []Holiday
}

// file is the YAML layout of a holiday data file (data/holidays.yaml is the example).
type file struct {
	Announcements []announcementYAML `yaml:"announcements"`
	Holidays      []holidayYAML      `yaml:"holidays"`
}

// announcementYAML is the Government's announcement for one occasion of one year.
type announcementYAML struct {
	Year     int      `yaml:"year"`
	Occasion string   `yaml:"occasion"`
	Off      []string `yaml:"off"`
	Work     []string `yaml:"work"`
	Note     string   `yaml:"note"`
	Source   string   `yaml:"source"`
	Mark     string   `yaml:"mark"`
}

type holidayYAML struct {
	ID       string `yaml:"id"`
	Name     string `yaml:"name"`
	Date     string `yaml:"date"` // MM-DD
	From     string `yaml:"from"`
	Until    string `yaml:"until"`
	Citation string `yaml:"citation"`
	Note     string `yaml:"note"`
	Mark     string `yaml:"mark"`
}

// Parse reads a holiday data file. Every problem is reported, each naming the field
// (announcements[2].off[1]) and its line; nothing is returned when there is one.
func Parse(r io.Reader) (*Data, error) {
	raw, err := io.ReadAll(io.LimitReader(r, 4<<20))
	if err != nil {
		return nil, err
	}
	var root yaml.Node
	if err := yaml.Unmarshal(raw, &root); err != nil {
		return nil, fmt.Errorf("tệp dữ liệu ngày nghỉ không đọc được: %v", err)
	}
	var f file
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("tệp dữ liệu ngày nghỉ: %v", err)
	}
	lines := lineIndex(&root)
	var probs []string
	bad := func(field, format string, args ...any) {
		p := field + ": " + fmt.Sprintf(format, args...)
		if l := lines[field]; l > 0 {
			p = fmt.Sprintf("dòng %d: %s", l, p)
		}
		probs = append(probs, p)
	}
	data := &Data{}
	seen := map[Date]string{} // date → the field that listed it first
	for i, a := range f.Announcements {
		at := fmt.Sprintf("announcements[%d]", i)
		if a.Year < 1900 || a.Year > 2199 {
			bad(at+".year", "năm phải từ 1900 đến 2199")
		}
		o := Occasion(a.Occasion)
		if !knownOccasion(o, nil) && !slices.ContainsFunc(f.Holidays, func(h holidayYAML) bool { return h.ID == a.Occasion }) {
			bad(at+".occasion", "«%s» không phải dịp nghỉ đã biết; dùng một trong: %s", a.Occasion, occasionList())
		}
		mark, ok := parseMark(a.Mark)
		if !ok {
			bad(at+".mark", "«%s» không hợp lệ; dùng secondary (nguồn thứ cấp), unverified (cần đối chiếu) hoặc để trống", a.Mark)
		}
		if strings.TrimSpace(a.Source) == "" {
			bad(at+".source", "cần nêu văn bản công bố ngày nghỉ")
		}
		if len(a.Off) == 0 {
			bad(at+".off", "cần ít nhất một ngày nghỉ")
		}
		for _, kl := range []struct {
			kind Kind
			list []string
		}{{Off, a.Off}, {Work, a.Work}} {
			kind := kl.kind
			for j, s := range kl.list {
				field := fmt.Sprintf("%s.%s[%d]", at, kind, j)
				day, err := ParseDate(s)
				if err != nil {
					bad(field, "%v", err)
					continue
				}
				if prev, dup := seen[day]; dup {
					bad(field, "ngày %s đã có ở %s", day.VN(), prev)
					continue
				}
				seen[day] = field
				data.Entries = append(data.Entries, Entry{Date: day, Kind: kind, Year: a.Year, Occasion: o, Note: a.Note, Source: a.Source, Mark: mark})
				if err := checkEntry(data.Entries[len(data.Entries)-1]); err != nil {
					bad(field, "%v", err)
				}
			}
		}
	}
	for i, h := range f.Holidays {
		at := fmt.Sprintf("holidays[%d]", i)
		hol := Holiday{ID: h.ID, Name: h.Name, Citation: h.Citation, Note: h.Note}
		if h.ID == "" || knownOccasion(Occasion(h.ID), nil) {
			bad(at+".id", "cần một mã riêng, khác các dịp nghỉ có sẵn")
		}
		if h.Name == "" {
			bad(at+".name", "cần tên ngày lễ")
		}
		if h.Citation == "" {
			bad(at+".citation", "cần căn cứ pháp lý")
		}
		if t, err := time.Parse("01-02", h.Date); err != nil {
			bad(at+".date", "«%s» không phải ngày dạng MM-DD", h.Date)
		} else {
			hol.Month, hol.Day = t.Month(), t.Day()
		}
		for field, s := range map[string]string{"from": h.From, "until": h.Until} {
			if s == "" {
				continue
			}
			day, err := ParseDate(s)
			if err != nil {
				bad(at+"."+field, "%v", err)
			}
			if field == "from" {
				hol.From = day
			} else {
				hol.Until = day
			}
		}
		var ok bool
		if hol.Mark, ok = parseMark(h.Mark); !ok {
			bad(at+".mark", "«%s» không hợp lệ", h.Mark)
		}
		data.Holidays = append(data.Holidays, hol)
	}
	if len(probs) > 0 {
		slices.Sort(probs)
		return nil, errors.New("tệp dữ liệu ngày nghỉ có lỗi:\n" + strings.Join(probs, "\n"))
	}
	return data, nil
}

// Load adds the content of a holiday data file to the calendar.
func (c *Calendar) Load(r io.Reader) error {
	d, err := Parse(r)
	if err != nil {
		return err
	}
	if err := c.AddHolidays(d.Holidays...); err != nil {
		return err
	}
	return c.AddEntries(d.Entries...)
}

// LoadFile adds the holiday data file at path (the administrator's own file, in the format
// of data/holidays.yaml) to the calendar.
func (c *Calendar) LoadFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := c.Load(f); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func parseMark(s string) (Mark, bool) {
	switch m := Mark(s); m {
	case Official, Secondary, Unverified:
		return m, true
	}
	return "", false
}

func knownOccasion(o Occasion, added []Holiday) bool {
	for _, x := range occasions {
		if x.id == o {
			return true
		}
	}
	return slices.ContainsFunc(added, func(h Holiday) bool { return Occasion(h.ID) == o })
}

func occasionList() string {
	var ids []string
	for _, x := range occasions {
		ids = append(ids, string(x.id))
	}
	return strings.Join(ids, ", ")
}

// checkEntry rejects an entry that cannot be meant: a working day made up on a weekday, or
// a day far from its occasion's year.
func checkEntry(e Entry) error {
	if e.Kind != Off && e.Kind != Work {
		return fmt.Errorf("loại «%s» không hợp lệ; dùng off (nghỉ) hoặc work (làm bù)", e.Kind)
	}
	if e.Date.Year < 1900 || e.Date.Year > 2199 {
		return fmt.Errorf("ngày %s ngoài khoảng 1900–2199", e.Date.VN())
	}
	if e.Kind == Work && !isWeekend(e.Date.jdn()) {
		return fmt.Errorf("ngày làm bù %s là %s, đã là ngày làm việc; ngày làm bù phải là thứ Bảy hoặc Chủ nhật", e.Date.VN(), e.Date.weekdayLower())
	}
	if y := e.year(); e.Date.Year < y-1 || e.Date.Year > y+1 {
		return fmt.Errorf("ngày %s cách xa năm %d của dịp nghỉ", e.Date.VN(), y)
	}
	return nil
}

// lineIndex maps field paths (announcements[0].off[2]) to their line in the YAML source.
func lineIndex(root *yaml.Node) map[string]int {
	lines := map[string]int{}
	var walk func(n *yaml.Node, path string)
	walk = func(n *yaml.Node, path string) {
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				walk(c, path)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				p := n.Content[i].Value
				if path != "" {
					p = path + "." + p
				}
				lines[p] = n.Content[i].Line
				walk(n.Content[i+1], p)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				p := fmt.Sprintf("%s[%d]", path, i)
				lines[p] = c.Line
				walk(c, p)
			}
		}
	}
	walk(root, "")
	return lines
}
