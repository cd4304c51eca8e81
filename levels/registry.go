package levels

import (
	"embed"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"sync"
)

// DefaultRuleSet is the id of the rule set used when none is named (docs/contract.md §2).
const DefaultRuleSet = "d85-2016"

//go:embed rules/*.yaml
var embeddedRules embed.FS

// embedded holds each built-in rule file, compiled when first needed: a command that
// names one set (capdo rerate --rules d85-2016) compiles that one only.
var embedded = func() map[string]func() (*RuleSet, error) {
	m := map[string]func() (*RuleSet, error){}
	names, _ := fs.Glob(embeddedRules, "rules/*.yaml")
	for _, n := range names {
		if strings.HasSuffix(n, ".test.yaml") {
			continue
		}
		m[n] = sync.OnceValues(func() (*RuleSet, error) {
			data, _ := embeddedRules.ReadFile(n)
			return Load(data, "embedded:"+path.Base(n))
		})
	}
	return m
}()

// Embedded returns the rule sets built into capdo, sorted by id. They are compiled once.
func Embedded() ([]*RuleSet, error) {
	out := make([]*RuleSet, 0, len(embedded))
	for _, load := range embedded {
		rs, err := load()
		if err != nil {
			return nil, err
		}
		out = append(out, rs)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// Builtin returns the built-in rule set of an id, and false when no built-in set has it
// (an agency's file is never read: the id may come from the database).
func Builtin(id string) (*RuleSet, bool) {
	load, ok := embedded["rules/"+id+".yaml"]
	if !ok {
		return nil, false
	}
	rs, err := load()
	if err != nil || rs.ID != id {
		return nil, false
	}
	return rs, true
}

// Open returns the rule set named by an embedded id, or loads and compiles the rule file at
// a path. An empty name means DefaultRuleSet.
func Open(idOrPath string) (*RuleSet, error) {
	if idOrPath == "" {
		idOrPath = DefaultRuleSet
	}
	// A built-in set is in the file named by its id.
	if load, ok := embedded["rules/"+idOrPath+".yaml"]; ok {
		if rs, err := load(); err != nil || rs.ID == idOrPath {
			return rs, err
		}
	}
	sets, err := Embedded()
	if err != nil {
		return nil, err
	}
	for _, rs := range sets {
		if rs.ID == idOrPath {
			return rs, nil
		}
	}
	data, err := ReadFileLimited(idOrPath, MaxRuleFileBytes)
	if err != nil {
		ids := make([]string, len(sets))
		for i, rs := range sets {
			ids[i] = rs.ID
		}
		return nil, fmt.Errorf("không tìm thấy bộ quy tắc «%s» (không phải mã bộ quy tắc có sẵn: %s; cũng không đọc được tệp: %v)",
			idOrPath, strings.Join(ids, ", "), unwrapPathErr(err))
	}
	return loadOwn(data, idOrPath, sets)
}

// LoadFile loads an agency's own rule file, as Open does for a path: read with a size
// limit, compiled, and refused when it reuses a built-in set's id or rule prefix.
func LoadFile(path string) (*RuleSet, error) {
	sets, err := Embedded()
	if err != nil {
		return nil, err
	}
	data, err := ReadFileLimited(path, MaxRuleFileBytes)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, unwrapPathErr(err))
	}
	return loadOwn(data, path, sets)
}

func loadOwn(data []byte, file string, builtIn []*RuleSet) (*RuleSet, error) {
	rs, err := Load(data, file)
	if err != nil {
		return nil, err
	}
	// A rule file may not pass itself off as a built-in set: its results would be cited
	// as, say, "d85-2016" while deciding differently.
	for _, e := range builtIn {
		if (rs.ID == e.ID || rs.RulePrefix == e.RulePrefix) && rs.Digest != e.Digest {
			return nil, fmt.Errorf("%s: bộ quy tắc dùng mã «%s» hoặc tiền tố «%s» của bộ quy tắc có sẵn %s nhưng nội dung khác; hãy đặt mã và tiền tố riêng",
				file, rs.ID, rs.RulePrefix, e.ID)
		}
	}
	return rs, nil
}

// MaxRuleFileBytes bounds a rule or rule-test file.
const MaxRuleFileBytes = 4 << 20

// ReadFileLimited reads a file of at most max bytes; a larger one (or a device that never
// ends) is an error rather than an exhausted memory.
func ReadFileLimited(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%s: tệp quá lớn (tối đa %d byte)", path, max)
	}
	return data, nil
}

// embeddedTests returns the test file shipped with an embedded rule set, if any.
func embeddedTests(id string) ([]byte, string, bool) {
	name := "rules/" + id + ".test.yaml"
	data, err := embeddedRules.ReadFile(name)
	if err != nil {
		return nil, "", false
	}
	return data, "embedded:" + path.Base(name), true
}

func unwrapPathErr(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
